"""Variable values written in a material string: ``… (x = 0.25)``, ``…, x = 0.25``,
``… with 0 ≤ x ≤ 0.6``, ``… (x = 0.1, 0.2 and 0.3)``.

:func:`split_variable_definitions` cuts them off the formula and reads them; the
composition parser (:mod:`matmine.extractors.compositions`) then substitutes a
single value, keeps a range, and reports a list of values as a series.

>>> split_variable_definitions("Li7-xLa3Zr2-xTaxO12 with 0 ≤ x ≤ 0.6")
('Li7-xLa3Zr2-xTaxO12', {'x': (0.0, 0.6)})
"""

from __future__ import annotations

import re

from matmine.extractors.formula_grammar import VARIABLES

Definitions = dict[str, "float | tuple[float, float] | list[float]"]
"""Variable → one value, a (low, high) range, or a list of several values."""

_NUM = r"-?(?:\d+/\d+|\d+(?:\.\d+)?|\.\d+)"  # "x = 1/4" too
_VAR = "[" + "".join(sorted(VARIABLES)) + "]"
_LESS = r"(?:≤|<=|=<|<)"
_DEF_VALUE = re.compile(rf"(?P<var>{_VAR})\s?=\s?(?P<a>{_NUM})")
_DEF_SPAN = re.compile(rf"(?P<var>{_VAR})\s?=\s?(?P<a>{_NUM})\s?(?:-|to|~|\.\.)\s?(?P<b>{_NUM})")
_DEF_BETWEEN = re.compile(rf"(?P<a>{_NUM})\s?{_LESS}\s?(?P<var>{_VAR})\s?{_LESS}\s?(?P<b>{_NUM})")
_DEF_ITEM_SPLIT = re.compile(r"\s*(?:[,;&]|\band\b)\s*")
# ", x = 0.25", "; x = 0.25", " with x=0.25", " where 0 ≤ x ≤ 1", " for x = 0.1"
_DEF_LEAD = re.compile(r"\s*[,;:]\s*|\s+(?:with|where|for|at)\s+", re.IGNORECASE)


def split_variable_definitions(clean: str) -> tuple[str, Definitions]:
    """Split "formula (x = 0.25)" / "formula, x = 0.25" / "formula with 0 ≤ x ≤ 1" into
    the formula and the definitions; the text unchanged and ``{}`` when there are none.

    >>> split_variable_definitions("Li7-xLa3Zr2-xTaxO12 (x = 0.1, 0.2)")
    ('Li7-xLa3Zr2-xTaxO12', {'x': [0.1, 0.2]})
    """
    if clean[-1:] in ")]":
        opener = _matching_opener(clean)
        if opener > 0:
            definitions = parse_definitions(clean[opener + 1 : -1])
            if definitions:
                return clean[:opener].rstrip(" ,;"), definitions
    for lead in _DEF_LEAD.finditer(clean):
        if lead.start() == 0:
            continue
        definitions = parse_definitions(clean[lead.end() :])
        if definitions:
            return clean[: lead.start()], definitions
    return clean, {}


def parse_definitions(text: str) -> Definitions | None:
    """``"x = 0.25"``, ``"0 ≤ x ≤ 0.6"``, ``"x = 0.1-0.3"``, ``"x = 0.1, 0.2 and 0.3"``,
    ``"x = 0.1, y = 0.2"``; None unless the whole text is definitions.

    >>> parse_definitions("x = 0.1, y = 0.2 and 0.3")
    {'x': 0.1, 'y': [0.2, 0.3]}
    """
    out: Definitions = {}
    last: str | None = None
    for item in _DEF_ITEM_SPLIT.split(text.strip()):
        if re.fullmatch(_NUM, item) and last is not None:  # "x = 0.1, 0.2": one more sample
            previous = out[last]
            out[last] = (previous if isinstance(previous, list) else [previous]) + [_number(item)]
            continue
        span = _DEF_SPAN.fullmatch(item) or _DEF_BETWEEN.fullmatch(item)
        value = _DEF_VALUE.fullmatch(item)
        if span and _number(span.group("a")) <= _number(span.group("b")):
            out[span.group("var")] = (_number(span.group("a")), _number(span.group("b")))
            last = None
        elif value:
            last = value.group("var")
            out[last] = _number(value.group("a"))
        else:
            return None
    return out or None


def _number(text: str) -> float:
    """"0.25", "-1", "1/4" → a float."""
    if "/" in text:
        numerator, denominator = text.split("/")
        return float(numerator) / float(denominator)
    return float(text)


def _matching_opener(s: str) -> int:
    """Index of the bracket that opens the one closing ``s`` (-1 if none)."""
    depth = 0
    for i in range(len(s) - 1, -1, -1):
        depth += s[i] in ")]}"
        depth -= s[i] in "([{"
        if depth == 0:
            return i
    return -1


__all__ = ["Definitions", "parse_definitions", "split_variable_definitions"]
