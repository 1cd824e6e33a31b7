"""Ranges and bounds written around values.

A range with a unit on both ends ("0.4 eV to 0.7 eV", "25 °C–100 °C", "between
253 K and 373 K") is one quantity (:func:`merge_unit_ranges`).

Bounds written after a value, as patent claims write them (:func:`apply_bounds`):

"an ionic conductivity of 1.0 × 10−3 S/cm or more" is a lower bound (qualifier
``≥``), "0.35 eV or less" an upper one (``≤``), and "1 mS/cm or more and 10 mS/cm
or less" the range 1–10 mS/cm.  The words become part of the quantity's span.

Runs on the quantities of :func:`~matmine.extractors.quantities.find_quantities`
before their units are converted (both ends of a range must share a unit).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from matmine.extractors.quantities import Quantity

_AFTER_BOUND_RE = re.compile(
    r"\s?,?\s?or\s+(?P<word>more|higher|greater|above|larger|less|lower|below|smaller)\b"
    r"(?!\s+than)", re.IGNORECASE)
_LOWER_WORDS = frozenset({"more", "higher", "greater", "above", "larger"})
_RANGE_GLUE_RE = re.compile(r"\s?,?\s?and\s+(?:(?:is|of|at\s+most)\s+)?")
BOUND_AFTER = "bound_after"
"""``Quantity.extras`` key: the bound was written after the value ("… or more")."""


def apply_bounds(text: str, quantities: list[Quantity]) -> list[Quantity]:
    """Qualifiers from "or more" / "or less" after a value with a unit, and ranges
    from "A or more and B or less" (see the module docstring)."""
    if " or " not in text:
        return quantities
    for q in quantities:
        if q.unit is None or q.value is None or q.value_min is not None:
            continue
        m = _AFTER_BOUND_RE.match(text, q.end)
        if m is None:
            continue
        q.qualifier = "≥" if m.group("word").lower() in _LOWER_WORDS else "≤"
        q.end = m.end()
        q.extras[BOUND_AFTER] = True
    out: list[Quantity] = []
    for q in quantities:
        prev = out[-1] if out else None
        if (prev is not None and prev.extras.get(BOUND_AFTER) and q.extras.get(BOUND_AFTER)
                and prev.qualifier == "≥" and q.qualifier == "≤"
                and prev.unit_raw == q.unit_raw and prev.value is not None
                and q.value is not None and prev.value <= q.value
                and _RANGE_GLUE_RE.fullmatch(text, prev.end, q.start)):
            prev.value_min, prev.value_max = prev.value, q.value
            prev.value = (prev.value + q.value) / 2.0
            prev.qualifier = None
            prev.end, prev.value_end = q.end, q.value_end
            continue
        out.append(q)
    return out


_UNIT_RANGE_GLUE_RE = re.compile(r"\s?(?:[–—-]|to|/C0)\s?")
_AND_RE = re.compile(r"\s+and\s+")
_BETWEEN_BEFORE_RE = re.compile(r"\bbetween\s+$", re.IGNORECASE)


def merge_unit_ranges(text: str, qs: list[Quantity]) -> list[Quantity]:
    """``0.4 eV to 0.7 eV``, ``25 °C–100 °C``: one range, not two values."""
    out: list[Quantity] = []
    for q in qs:
        prev = out[-1] if out else None
        if (prev is not None and prev.unit is not None and q.unit is not None
                and prev.unit_raw == q.unit_raw and prev.value_min is None and q.value_min is None
                and prev.value is not None and q.value is not None and not q.qualifier
                and (_UNIT_RANGE_GLUE_RE.fullmatch(text[prev.end:q.start])
                     # "between 253 K and 373 K"
                     or (_AND_RE.fullmatch(text, prev.end, q.start)
                         and _BETWEEN_BEFORE_RE.search(text, max(0, prev.start - 9), prev.start)))):
            lo, hi = sorted((prev.value, q.value))
            prev.value_min, prev.value_max = lo, hi
            prev.value = float(f"{(lo + hi) / 2.0:.12g}")
            prev.start = prev.extras.pop("range_start", prev.start)  # "from 0.4 eV to …"
            prev.end, prev.value_end = q.end, q.value_end
            continue
        out.append(q)
    return out


__all__ = ["BOUND_AFTER", "apply_bounds", "merge_unit_ranges"]
