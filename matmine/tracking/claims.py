"""Composition families claimed by a patent, read from its claims.

Each claim that names a composition (``represented by Li10+xM1+xP2−xS12 (0≤x≤0.35),
wherein M is at least one element selected from the group consisting of Ge, Si and
Sn``) gives a :class:`ClaimFamily`: the formula as a
:class:`~matmine.tracking.coverage.CompositionFamily` with the variable ranges
and placeholder choices the claim and the claims it depends on state.  A
dependent claim inherits its parents' formulas and narrows them (``wherein M is
Si``, ``wherein y is 0 and δ is 0``); a definition in the claim itself wins over
one inherited.

The material extractor cannot read formulas with placeholders (``M`` is no
element), so claims are scanned here for formula-like words of their own.

>>> from matmine.models import Claim, Document
>>> doc = Document(id="D", kind="patent", claims=(
...     Claim(number=1, text="A material represented by Li7−yPS6−yCly, wherein 0.5≤y≤1.8."),))
>>> [(f.claim, f.family.formula, str(f.family.ranges["y"])) for f in claim_families(doc)]
[(1, 'Li7−yPS6−yCly', '0.5 ≤ v ≤ 1.8')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from matmine.extractors.periodic_table import ELEMENT_BY_NAME, ELEMENTS
from matmine.models import Claim, Document
from matmine.tracking.coverage import (
    CompositionFamily,
    Placeholder,
    Range,
    UnsupportedFamilyError,
)

NUMBER = r"[+\-−–]?\d+(?:\.\d+)?"
VARIABLE = r"[a-zδεηλσ]"
_LESS = "<≤"
_CHAIN = re.compile(
    rf"(?<![\w.+\-−*/])({NUMBER})\s*([<≤]|<=)\s*({VARIABLE})\s*([<≤]|<=)\s*({NUMBER})(?![\w]|\.\d)")
_ONE_SIDED = re.compile(
    rf"(?<![\w.+\-−*/])({VARIABLE})\s*([<>≤≥]|<=|>=)\s*({NUMBER})(?![\w]|\.\d)"
    rf"|(?<![\w.+\-−*/])({NUMBER})\s*([<>≤≥]|<=|>=)\s*({VARIABLE})(?![\w+\-−*/])")
_EQUALS = re.compile(rf"(?<![\w+\-−*/])({VARIABLE})\s*(?:=|is|equals)\s*({NUMBER})(?![\w]|\.\d)"
                     rf"(?!\s*(?:to|–|~)\s*{NUMBER})")
_FROM_TO = re.compile(
    rf"(?<![\w+\-−*/])({VARIABLE})\s+(?:is|ranges|lies|satisfies|varies)?\s*"
    rf"(?:from|between|in the range (?:of )?(?:from )?)?\s*({NUMBER})\s*(?:to|and|–|~)\s*({NUMBER})"
    rf"(?![\w]|\.\d)")
_FORMULA_WORD = re.compile(r"[\[(]?[A-Z][A-Za-z0-9.+\-−–()\[\]{}δεηλσ/]*")
_ELEMENT_WORD = "|".join(sorted([*ELEMENTS, *ELEMENT_BY_NAME], key=len, reverse=True))
_ELEMENT_LIST = re.compile(
    rf"(?:(?<=\s)|(?<=^)|(?<=[(,]))((?:{_ELEMENT_WORD})(?:(?:\s*,\s*(?:and\s+|or\s+)?|\s+(?:and/or|and|or)\s+|\s*/\s*)"
    rf"(?:{_ELEMENT_WORD}))*)(?![A-Za-z])")
_NEXT_DEFINITION = re.compile(r"[;.]\s|,\s+(?:and\s+)?\S{1,3}\s+(?:is|are|represents|denotes)\s")
_MIXING_WORDS = re.compile(r"at least one|one or more|two or more|compris|and/or|combination|mixture",
                           re.IGNORECASE)
ELEMENT_CLASSES: dict[str, tuple[str, ...]] = {
    "halogen": ("F", "Cl", "Br", "I"),
    "alkali metal": ("Li", "Na", "K", "Rb", "Cs"),
    "alkaline earth": ("Be", "Mg", "Ca", "Sr", "Ba"),
    "chalcogen": ("O", "S", "Se", "Te"),
    "rare earth": ("Sc", "Y", "La", "Ce", "Pr", "Nd", "Pm", "Sm", "Eu", "Gd", "Tb", "Dy", "Ho",
                   "Er", "Tm", "Yb", "Lu"),
    "lanthanide": ("La", "Ce", "Pr", "Nd", "Pm", "Sm", "Eu", "Gd", "Tb", "Dy", "Ho", "Er", "Tm",
                   "Yb", "Lu"),
}
_CLAIMED_CUES = re.compile(
    r"(?:represented by|composition(?: formula)?(?: of| is)?|formula(?: \d+)?:?|compound|phase(?: of formula)?"
    r"|crystal phase,?|consisting of|having|comprising)\s*$", re.IGNORECASE)
_RAW_CUES = re.compile(r"(?:raw material|starting material|precursor|containing|ratio)\b[^.;]*$",
                       re.IGNORECASE)
NOT_FORMULAS = frozenset({"CuK", "CuKα", "X-ray", "XRD"})


@dataclass(frozen=True)
class ClaimFamily:
    """A composition family one claim covers, with where it is written."""

    document_id: str
    claim: int
    independent: bool
    family: CompositionFamily
    text: str
    inherited_from: int | None = None  # the claim whose formula a dependent claim narrows

    @property
    def part_id(self) -> str:
        return f"claim:{self.claim}"


@dataclass
class _Context:
    """Variable ranges and placeholder choices stated in a claim chain."""

    ranges: dict[str, Range] = field(default_factory=dict)
    placeholders: dict[str, Placeholder] = field(default_factory=dict)

    def updated(self, other: _Context) -> _Context:
        ranges = dict(self.ranges)
        for name, r in other.ranges.items():
            ranges[name] = ranges[name].narrowed(r) if name in ranges else r
        return _Context(ranges, {**self.placeholders, **other.placeholders})


def _number(text: str) -> float:
    return float(text.replace("−", "-").replace("–", "-"))


def read_ranges(text: str) -> dict[str, Range]:
    """Variable ranges stated in a text: ``0≤x≤0.35``, ``1.2<a≤1.8``, ``y is 0``, ``z > 0``.

    >>> {k: str(v) for k, v in read_ranges("wherein 0<y<1 and −0.3≤δ≤0.3, x is 0.6").items()}
    {'y': '0 < v < 1', 'δ': '-0.3 ≤ v ≤ 0.3', 'x': '= 0.6'}
    """
    ranges: dict[str, Range] = {}
    used: list[tuple[int, int]] = []

    def add(name: str, r: Range) -> None:
        ranges[name] = ranges[name].narrowed(r) if name in ranges else r

    for m in _CHAIN.finditer(text):
        lo, op1, name, op2, hi = m.groups()
        add(name, Range(_number(lo), _number(hi), op1 == "<", op2 == "<"))
        used.append(m.span())
    for m in _FROM_TO.finditer(text):  # "x is from 0 to 0.35", "y is between 1.2 and 1.6"
        if not any(a <= m.start() < b for a, b in used):
            add(m.group(1), Range(_number(m.group(2)), _number(m.group(3))))
            used.append(m.span())
    for m in _ONE_SIDED.finditer(text):
        if any(a <= m.start() < b for a, b in used):
            continue
        if m.group(1):
            name, op, value = m.group(1), m.group(2), _number(m.group(3))
        else:  # "0.5 ≤ y": flip to "y ≥ 0.5"
            name, value = m.group(6), _number(m.group(4))
            op = {"<": ">", "≤": "≥", "<=": ">=", ">": "<", "≥": "≤", ">=": "<="}[m.group(5)]
        if op in ("<", "≤", "<="):
            add(name, Range(None, value, hi_open=op == "<"))
        else:
            add(name, Range(value, None, lo_open=op == ">"))
    for m in _EQUALS.finditer(text):
        if not any(a <= m.start() < b for a, b in used):
            add(m.group(1), Range.exactly(_number(m.group(2))))
    return ranges


def read_placeholders(text: str, symbols: set[str]) -> dict[str, Placeholder]:
    """What each placeholder symbol stands for: ``M is at least one of Ge, Si and Sn``,
    ``X is Cl or Br``, ``(M = Si, Sn)``, ``a halogen X``.

    >>> read_placeholders("wherein M is at least one element selected from Ge, Si and Sn", {"M"})
    {'M': Placeholder(symbol='M', choices=('Ge', 'Si', 'Sn'), mixing=True)}
    """
    found: dict[str, Placeholder] = {}
    for symbol in sorted(symbols):
        s = re.escape(symbol)
        for m in re.finditer(rf"(?<![A-Za-z]){s}\s*(?:is|are|represents|denotes|comprises|=)\s+", text):
            rest = _NEXT_DEFINITION.split(text[m.end() : m.end() + 200], maxsplit=1)[0]
            lead = re.match(r"(?:(?:at least one|one or more|two or more)\s+)?(?:(?:kind of\s+)?elements?\s+)?"
                            r"(?:(?:selected|chosen)\s+)?(?:from\s+|of\s+)?(?:the group consisting of\s+)?",
                            rest, re.IGNORECASE)
            listed = _ELEMENT_LIST.match(rest, lead.end() if lead else 0)
            choices = _elements(listed.group(1)) if listed else ()
            cue = text[m.start() : m.end()] + (rest[: listed.end()] if listed else rest)
            if not choices:  # "a halogen", "at least one rare earth element … excluding Ce"
                choices = _class_members(rest)
            if choices:
                found[symbol] = Placeholder(symbol, choices, mixing=bool(_MIXING_WORDS.search(cue)))
        for word, members in ELEMENT_CLASSES.items():
            if re.search(rf"\b{word}s?\s+{s}(?![A-Za-z])", text) and symbol not in found:
                found[symbol] = Placeholder(symbol, members, mixing=False)
    return found


def _class_members(clause: str) -> tuple[str, ...]:
    """Members of the element class a clause names, minus those it excludes."""
    for word, members in ELEMENT_CLASSES.items():
        if re.search(rf"\b{word}", clause, re.IGNORECASE):
            excluded = re.search(r"\b(?:excluding|except(?: for)?|other than)\s+(.+)", clause)
            drop = set(_elements(excluded.group(1).split(",")[0])) if excluded else set()
            return tuple(e for e in members if e not in drop)
    return ()


def _elements(listed: str) -> tuple[str, ...]:
    out = []
    for word in re.split(r"\s*,\s*(?:and\s+|or\s+)?|\s+(?:and/or|and|or)\s+|\s*/\s*", listed.strip()):
        symbol = word if word in ELEMENTS else ELEMENT_BY_NAME.get(word.lower())
        if symbol and symbol not in out:
            out.append(symbol)
    return tuple(out)


def _placeholder_symbols(formula: str, text: str = "") -> set[str]:
    """Capital letters in a formula that are no element (``M``, ``X``, ``A`` …), and
    two-letter ones the text defines (``Ln is at least one rare earth element``)."""
    symbols = set()
    i = 0
    while i < len(formula):
        if formula[i].isupper():
            two = formula[i : i + 2]
            if len(two) == 2 and two[1].islower() and (two in ELEMENTS or (
                    text and re.search(rf"\b{two}\s+(?:is|are|represents|denotes|=)\s", text))):
                if two not in ELEMENTS:
                    symbols.add(two)
                i += 2
                continue
            if formula[i] not in ELEMENTS:
                symbols.add(formula[i])
        i += 1
    return symbols


def formulas_in(text: str) -> list[tuple[str, int, bool]]:
    """Formula-like words of a claim: (formula, offset, claimed?).

    A formula is *claimed* when it has variables or placeholders, or follows a cue such
    as "represented by", "composition is", "phase of formula"; one named as a raw
    material or in a ratio is not.
    """
    out = []
    for m in _FORMULA_WORD.finditer(text):
        word = m.group(0).rstrip(".,;:")
        while word and word[-1] in ")]}" and word.count(word[-1]) > word.count({")": "(", "]": "[", "}": "{"}[word[-1]]):
            word = word[:-1]
        if word.startswith("(") and word.count("(") > word.count(")"):
            word = word[1:]
        if len(word) < 3 or word in NOT_FORMULAS or not re.search(r"\d|[a-zδ](?![a-z])", word):
            continue
        if re.fullmatch(r"[A-Z][a-z]+", word) or re.search(r"[a-z]{3,}", word):
            continue  # an ordinary word
        if len(re.findall(r"[A-Z]", word)) < 2:
            continue
        before = text[max(0, m.start() - 80) : m.start()]
        variable = bool(_placeholder_symbols(word, text)) or _has_variable(word)
        claimed = variable or (bool(_CLAIMED_CUES.search(before)) and not _RAW_CUES.search(before))
        out.append((word, m.start(), claimed))
    return out


def _has_variable(word: str) -> bool:
    stripped = re.sub("|".join(sorted(ELEMENTS, key=len, reverse=True)), "", word)
    return bool(re.search(r"[a-zδεηλσ]", stripped))


def _read_context(text: str, symbols: set[str]) -> _Context:
    return _Context(read_ranges(text), read_placeholders(text, symbols))


def claim_families(document: Document) -> list[ClaimFamily]:
    """Every composition family the document's claims cover (cached per content hash)."""
    if not document.claims:
        return []
    return list(_claim_families(document.id, document.content_hash or document.compute_content_hash(),
                                document.claims))


@lru_cache(maxsize=4096)
def _claim_families(document_id: str, content_hash: str, claims: tuple[Claim, ...]
                    ) -> tuple[ClaimFamily, ...]:
    by_number = {c.number: c for c in claims}
    own = {c.number: [f for f, _, claimed in formulas_in(c.text) if claimed] for c in claims}
    all_text = " ".join(c.text for c in claims)
    symbols = set().union(*(_placeholder_symbols(f, all_text) for fs in own.values() for f in fs))
    contexts: dict[int, _Context] = {}
    results: dict[int, list[tuple[str, _Context, int | None]]] = {}

    def context(number: int, depth: int = 0) -> _Context:
        if number not in contexts:
            claim = by_number.get(number)
            if claim is None or depth > 20:
                return _Context()
            parent = context(claim.depends_on[0], depth + 1) if claim.depends_on else _Context()
            contexts[number] = parent.updated(_read_context(claim.text, symbols))
        return contexts[number]

    def families(number: int, depth: int = 0) -> list[tuple[str, _Context, int | None]]:
        if number in results:
            return results[number]
        claim = by_number.get(number)
        if claim is None or depth > 20:
            return []
        if own[number]:
            found = [(f, context(number), None) for f in own[number]]
        else:
            narrowing = _read_context(claim.text, symbols)
            found = []
            for parent in claim.depends_on:
                for formula, ctx, origin in families(parent, depth + 1):
                    found.append((formula, ctx.updated(narrowing), origin or parent))
        results[number] = found
        return found

    out: list[ClaimFamily] = []
    for claim in claims:
        seen = set()
        for formula, ctx, origin in families(claim.number):
            names = _placeholder_symbols(formula, all_text)
            placeholders = {k: v for k, v in ctx.placeholders.items() if k in names}
            if names - set(placeholders):
                continue  # a placeholder nobody defined
            try:  # reading the formula refuses what cannot be read
                variables = CompositionFamily(formula, {}, placeholders).variables
            except UnsupportedFamilyError:
                continue
            family = CompositionFamily(
                formula, {k: ctx.ranges[k] for k in variables if k in ctx.ranges}, placeholders)
            key = (formula, tuple(sorted((k, str(v)) for k, v in family.ranges.items())),
                   tuple(sorted((k, v.choices) for k, v in placeholders.items())))
            if key in seen:
                continue
            seen.add(key)
            out.append(ClaimFamily(document_id, claim.number, claim.is_independent, family,
                                   claim.text, origin))
    return tuple(out)


__all__ = ["ClaimFamily", "claim_families", "formulas_in", "read_placeholders", "read_ranges"]
