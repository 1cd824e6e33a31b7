"""Assignee / applicant / affiliation harmonisation.

:func:`harmonise_organisation` turns the many spellings of one organisation into
one display name, so ``assignee = "Toyota"`` finds "TOYOTA JIDOSHA KABUSHIKI
KAISHA" and "Toyota Motor Corporation" alike.  Steps:

1. Unicode NFKC, a trailing parenthesised note (``(JP)``) dropped;
2. legal forms stripped from the end (and ``Kabushiki Kaisha`` / ``The`` from the
   start): Kabushiki Kaisha, K.K., Co., Ltd., Inc., Corp., Corporation, Company,
   GmbH, AG, S.A., LLC, PLC, B.V., N.V., ...;
3. the remaining words, lowercased without punctuation, are looked up in the
   shipped alias table ``assignee_aliases.tsv`` (exact match, then the longest
   alias of two or more words that starts the name);
4. otherwise the cleaned words are returned with their original casing (ALL-CAPS
   names title-cased).

Samsung Electronics and Samsung SDI stay distinct (both start with
"Samsung"); Panasonic and Matsushita become Panasonic.

>>> harmonise_organisation("TOYOTA JIDOSHA KABUSHIKI KAISHA")
'Toyota'
>>> harmonise_organisation("Samsung SDI Co., Ltd.")
'Samsung SDI'
>>> harmonise_organisation("Acme Widgets GmbH")
'Acme Widgets'
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from importlib import resources

ALIAS_FILE = "assignee_aliases.tsv"

LEGAL_FORMS: tuple[tuple[str, ...], ...] = tuple(
    tuple(form.split())
    for form in (
        "kabushiki kaisha",
        "kabushikikaisha",
        "kk",
        "yugen kaisha",
        "godo kaisha",
        "co ltd",
        "coltd",
        "co",
        "ltd",
        "limited",
        "company",
        "inc",
        "incorporated",
        "corp",
        "corporation",
        "gmbh & co kg",
        "gmbh",
        "mbh",
        "ag",
        "kg",
        "sa",
        "s a",
        "sas",
        "sarl",
        "srl",
        "spa",
        "s p a",
        "llc",
        "l l c",
        "llp",
        "lp",
        "plc",
        "bv",
        "b v",
        "nv",
        "n v",
        "oy",
        "ab",
        "as",
        "a s",
        "pty",
        "pte",
        "ltda",
        "se",
        "& co",
        "co kg",
        "kgaa",
    )
)
LEADING_FORMS: tuple[tuple[str, ...], ...] = (("kabushiki", "kaisha"), ("kk",), ("the",))

_TOKEN = re.compile(r"\S+")
_TRAILING_NOTE = re.compile(r"\s*\([^()]*\)\s*$")


def _key(token: str) -> str:
    """Lowercase token without punctuation (``K.K.`` -> ``kk``, ``&`` kept)."""
    return re.sub(r"[^\w&]", "", token.lower())


@lru_cache(maxsize=1)
def load_aliases() -> dict[str, str]:
    """The shipped alias table: cleaned lowercase name -> harmonised name."""
    text = resources.files("matmine.tracking").joinpath(ALIAS_FILE).read_text(encoding="utf-8")
    aliases: dict[str, str] = {}
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        alias, _, name = line.partition("\t")
        aliases[" ".join(_key(t) for t in alias.split() if _key(t))] = name.strip()
    return aliases


def _strip_forms(words: list[str], keys: list[str]) -> tuple[list[str], list[str]]:
    changed = True
    while changed and keys:
        changed = False
        for form in LEGAL_FORMS:
            n = len(form)
            if len(keys) > n and tuple(keys[-n:]) == form:
                words, keys = words[:-n], keys[:-n]
                changed = True
                break
        for form in LEADING_FORMS:
            n = len(form)
            if len(keys) > n and tuple(keys[:n]) == form:
                words, keys = words[n:], keys[n:]
                changed = True
                break
    return words, keys


def harmonise_organisation(raw: str) -> str:
    """One display name for an organisation (see the module docstring)."""
    text = unicodedata.normalize("NFKC", raw or "").strip()
    text = _TRAILING_NOTE.sub("", text) or text
    words = [w for w in _TOKEN.findall(text) if _key(w)]
    keys = [_key(w) for w in words]
    if not words:
        return text
    words, keys = _strip_forms(words, keys)
    aliases = load_aliases()
    cleaned = " ".join(keys)
    if cleaned in aliases:
        return aliases[cleaned]
    for n in range(len(keys) - 1, 1, -1):
        prefix = " ".join(keys[:n])
        if prefix in aliases:
            return aliases[prefix]
    shown = list(words)
    shown[-1] = shown[-1].rstrip(",;:") or shown[-1]
    if shown[-1].endswith(".") and shown[-1].count(".") == 1 and len(shown[-1]) > 3:
        shown[-1] = shown[-1][:-1]  # "Labs." -> "Labs", but "S.A." stays
    if text.isupper() and len(shown) > 1:
        shown = [w if len(w) <= 3 else w.capitalize() for w in shown]
    return " ".join(shown)


_AFFILIATION_SPLIT = re.compile(r"\s*[,;]\s*|\s+[–—-]\s+")
_INSTITUTIONS = (  # the first kind of segment found names the organisation
    re.compile(r"\b(?:universit\w*|college|corporation|company|inc|ltd|gmbh|co)\b", re.IGNORECASE),
    re.compile(r"\b(?:institut\w*|laborator\w*|organi[sz]ation|centre|center|academy|agency)\b",
               re.IGNORECASE),
)


def harmonise_affiliation(raw: str) -> str:
    """The organisation in an affiliation line ("Dept. of X, Massachusetts Institute of
    Technology, Cambridge, MA" → "MIT"): the first segment the alias table knows, else the
    first that names an institution, else the whole line harmonised."""
    known = set(load_aliases().values())
    segments = [s for s in _AFFILIATION_SPLIT.split(raw or "") if s.strip()]
    harmonised = [harmonise_organisation(s) for s in segments]
    for name in harmonised:
        if name in known:
            return name
    whole = harmonise_organisation(raw)
    if whole in known:
        return whole
    for pattern in _INSTITUTIONS:
        for segment, name in zip(segments, harmonised):
            if pattern.search(segment) and not segment.lower().startswith(("dep", "div", "fac")):
                return name
    return whole
