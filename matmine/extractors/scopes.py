"""The scope of a conductivity or of its activation energy: which part of a
polycrystal it describes.

``bulk``, ``grain_boundary`` or ``total``, read from the words before the noun
("bulk ionic conductivity", "bulk and grain-boundary conductivities … respectively"),
a subscript on the symbol ("σb", "σ_gb", "σtot") or a note after the value
("(bulk)", "for the grain boundaries"); table headers too (:func:`header_scope`).
"""

from __future__ import annotations

import re

from matmine.extractors.quantities import Quantity
from matmine.extractors.temperatures import list_groups

_I = re.IGNORECASE

# Scope of a conductivity: the words right before the noun ("bulk ionic conductivity",
# "grain-boundary conductivity", "bulk and grain-boundary conductivities"), a subscript
# on the symbol ("σb", "σ_gb", "σtot"), or a note after the value ("(bulk)", "for the
# grain boundaries")
_SCOPE_WORD = (r"(?:bulk|intra-?grain(?:ular)?|grain[-\s]{0,3}boundar(?:y|ies)|"
               r"inter-?grain(?:ular)?|GB|total|overall)")
_SCOPE_MODIFIER = (r"(?:ionic|ions?|electrical|electric|proton(?:ic)?|lithium|sodium|oxygen|"
                   r"oxide|(?:Li|Na|K|Mg|Ag|Cu|H)\+?(?:-ion)?|lithium-ion|sodium-ion|oxide-ion|"
                   r"oxygen-ion)")
_SCOPE_PHRASE_RE = re.compile(
    rf"\b(?P<scopes>{_SCOPE_WORD}(?:\s?(?:,\s?(?:and\s|or\s)?|and\s|or\s|&\s|/\s?)\s?"
    rf"{_SCOPE_WORD})*)"
    # "total (bulk plus grain boundary) conductivity": a note between scope and noun
    r"(?:\s{1,3}\([^()]{1,40}\))?"
    rf"(?:[-\s]{{1,3}}{_SCOPE_MODIFIER}){{0,2}}[-\s]{{0,3}}"
    # "the bulk value (3 × 10−3 S/cm)"; activation energies have scopes too
    r"(?:conductivit(?:y|ies)|conduction|contributions?|components?|values?|"
    r"activation\s+energ(?:y|ies))\b", _I)
_SCOPE_SPLIT_RE = re.compile(r"\s?(?:,\s?(?:and\s|or\s)?|and\s|or\s|&\s|/\s?)\s?", _I)
# "higher than that of the bulk (0.72 eV)": a scope word right before the value's bracket
_SCOPE_BRACKET_BEFORE_RE = re.compile(rf"\b(?P<word>{_SCOPE_WORD})\s?[(\[]\s?[~≈<>]?\s?$", _I)
_SCOPE_SYMBOL = r"(?:σ|\bsigma)\s?_?\s?\{?\s?(?P<sub>bulk|b|gb|g\.b\.|tot(?:al)?)(?![A-Za-z])"
_SCOPE_SYMBOL_RE = re.compile(_SCOPE_SYMBOL, _I)
_SCOPE_AFTER_RE = re.compile(
    rf"\s?[(\[]\s?(?:{_SCOPE_SYMBOL}[^)\]]{{0,20}}|(?P<word>{_SCOPE_WORD})\s?)[)\]]"
    rf"|\s(?:for|in|of)\s+the\s+(?P<for>{_SCOPE_WORD})\b", _I)


def scope_name(word: str) -> str | None:
    """``"grain-boundary"``, ``"gb"`` → ``"grain_boundary"``; ``"σtot"`` → ``"total"``."""
    w = word.lower().lstrip("σ_{ ")
    if w.startswith(("bulk", "intra")) or w == "b":
        return "bulk"
    if w.startswith(("grain", "inter", "gb", "g.b.")):
        return "grain_boundary"
    if w.startswith(("total", "tot", "overall")):
        return "total"
    return None


def header_scope(text: str) -> str | None:
    """The scope a table header or short phrase names: ``σgb (S/cm)`` → grain_boundary."""
    m = _SCOPE_SYMBOL_RE.search(text)
    if m is not None:
        return scope_name(m.group("sub"))
    m = _SCOPE_PHRASE_RE.search(text)
    if m is not None and len(_SCOPE_SPLIT_RE.split(m.group("scopes"))) == 1:
        return scope_name(m.group("scopes"))
    return None


def last_match(pattern: re.Pattern[str], text: str) -> re.Match[str] | None:
    """The last match of ``pattern`` in ``text``, or None."""
    last = None
    for m in pattern.finditer(text):
        last = m
    return last


def conductivity_scope(text: str, q: Quantity, values: list[Quantity], s_start: int,
                       s_end: int, cue: re.Pattern[str]) -> tuple[str | None, bool]:
    """The scope of the conductivity ``q`` in the sentence ``text[s_start:s_end]``, and
    whether it came from a list of scopes paired in order with a list of values ("bulk
    and grain-boundary conductivities of 2.4 and 0.3 mS/cm").  ``cue`` is the pattern of
    the conductivity's words and symbols ("conductivity", "σ")."""
    m = _SCOPE_AFTER_RE.match(text, q.end, s_end)
    if m is not None:
        return scope_name(m.group("sub") or m.group("word") or m.group("for")), False
    m = _SCOPE_BRACKET_BEFORE_RE.search(text, max(s_start, q.start - 40), q.start)
    if m is not None:
        return scope_name(m.group("word")), False
    last_cue = last_match(cue, text[s_start:q.start])
    last_phrase = last_match(_SCOPE_PHRASE_RE, text[s_start:q.start])
    group = next((g for g in list_groups(values, text) if any(v is q for v in g)), [q])
    # the scope words govern the first value (or list of values) after them only: in
    # "the total conductivity of ZnO (0.09 S/cm), this value (0.05 S/cm)" the second
    # value is no total conductivity
    first = group[0].start
    if any(s_start <= v.start < first for v in values if (last_phrase is not None and
           v.start >= s_start + last_phrase.end()) or (last_cue is not None and
                                                      v.start >= s_start + last_cue.end())):
        return None, False
    if last_phrase is not None and (last_cue is None or last_phrase.end() >= last_cue.end()):
        scopes = [scope_name(w) for w in _SCOPE_SPLIT_RE.split(last_phrase.group("scopes"))]
        if len(scopes) == 1:
            return scopes[0], False
        if len(group) == len(scopes):
            return scopes[next(k for k, v in enumerate(group) if v is q)], True
        return None, False
    if last_cue is not None and last_cue.group().lower() in ("σ", "sigma"):
        sym = _SCOPE_SYMBOL_RE.match(text, s_start + last_cue.start())
        if sym is not None:
            return scope_name(sym.group("sub")), False
    return None, False


__all__ = ["conductivity_scope", "header_scope", "last_match", "scope_name"]
