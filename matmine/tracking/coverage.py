"""Does a composition family (a formula with variables and placeholders) cover a composition?

Patent claims define materials by families: ``Li10+xM1+xP2−xS12 (0 ≤ x ≤ 0.35),
M = Ge, Si, Sn`` covers Li10SiP2S12 (x = 0, M = Si).  :class:`CompositionFamily`
holds such a formula, the range of each variable and the elements each
placeholder may stand for; :func:`covers` decides numerically whether a target
composition lies in the family for some variable values inside their ranges.

How it works:

* element amounts are polynomials in the variables, read through
  :func:`matmine.extractors.compositions.parse_material` (see
  :mod:`matmine.tracking.families`);
* compositions are compared normalised: the target, scaled by the best factor
  ``k`` (least squares), must match every amount of the family within
  :data:`AMOUNT_TOLERANCE` per formula unit of the family;
* a grid search over the variable box finds a start, ``scipy``'s bounded least
  squares refines it; when the best fit sits on an open bound (``0 < y``), the
  composition is covered only if a point strictly inside fits as well.

Placeholders are either one-of (``X is Cl or Br``: every choice is tried) or
mixing (``M is at least one of Ge, Si and Sn``: the listed elements share the
site; their amounts in the target are pooled).

>>> family = CompositionFamily("Li10+xM1+xP2−xS12", {"x": Range(0, 0.35)},
...                            {"M": Placeholder("M", ("Ge", "Si", "Sn"), mixing=True)})
>>> covers(family, {"Li": 10, "Si": 1, "P": 2, "S": 12}).values
{'x': 0.0}
>>> covers(family, {"Li": 10.5, "Si": 1.5, "P": 1.5, "S": 12}) is None
True
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from matmine.tracking.families import (
    CompositionFamily,
    FamilyPolynomials,
    Placeholder,
    Range,
    UnsupportedFamilyError,
    grid,
    rewrite_formula,
)

AMOUNT_TOLERANCE = 0.005
"""Largest difference of any element amount (per formula unit of the family) still called a match;
compositions in text are usually given to two decimals."""
REFINE_BELOW = 1.0
"""Grid fits worse than this (in amounts) are not refined: no nearby point can match."""
OPEN_MARGIN = 1e-6
"""Fraction of a range's width an open bound (``0 < y``) is pulled in for the strict re-check."""
OPEN_BOUND_SLACK = 1e-7
"""How much worse the best fit inside an open bound may be than the fit on it."""


@dataclass(frozen=True)
class Coverage:
    """Proof that a composition lies in a family: the variable values and substitutions used."""

    values: dict[str, float]
    substitutions: dict[str, str]
    residual: float

    def describe(self) -> str:
        parts = [f"{k} = {v:g}" for k, v in sorted(self.values.items())]
        parts += [f"{k} = {v}" for k, v in sorted(self.substitutions.items())]
        return ", ".join(parts)



def _assignments(family: CompositionFamily) -> list[dict[str, str | None]]:
    """Every one-of choice for the placeholders (``None`` for a mixing placeholder)."""
    options = [[(s, c) for c in p.choices] if not p.mixing else [(s, None)]
               for s, p in family.placeholders.items()]
    return [dict(combo) for combo in itertools.product(*options)]


def _columns(family: CompositionFamily, model: FamilyPolynomials, chosen: Mapping[str, str | None],
             target: Mapping[str, float]
             ) -> tuple[list[str], np.ndarray, np.ndarray, dict[str, str]] | None:
    """(column names, matrix mapping model elements to columns, target vector, pooled elements
    → mixing column) or None when the target has an element the family cannot hold."""
    placeholder_of = dict(model.dummies)
    fixed = {e for e in model.elements if e not in placeholder_of}
    pool: dict[str, str] = {}  # target element -> pooled column of a mixing placeholder
    for symbol in placeholder_of.values():
        if chosen.get(symbol) is None:
            for e in family.placeholders[symbol].choices:
                if e not in fixed:
                    pool.setdefault(e, f"<{symbol}>")
    symbols = placeholder_of.values()
    columns = sorted(fixed | {chosen[s] for s in symbols if chosen.get(s)}  # type: ignore[misc]
                     | {f"<{s}>" for s in symbols if chosen.get(s) is None})
    index = {c: i for i, c in enumerate(columns)}
    mapping = np.zeros((len(model.elements), len(columns)))
    for row, e in enumerate(model.elements):
        if e in placeholder_of:
            symbol = placeholder_of[e]
            mapping[row, index[chosen[symbol] or f"<{symbol}>"]] = 1.0
        else:
            mapping[row, index[e]] = 1.0
    vector = np.zeros(len(columns))
    for e, amount in target.items():
        column = e if e in index else pool.get(e)
        if column is None or column not in index:
            if amount > 1e-9:
                return None  # the target has an element the family cannot hold
            continue
        vector[index[column]] += amount
    return columns, mapping, vector, pool


def _residuals(amounts: np.ndarray, target: np.ndarray) -> np.ndarray:
    """Per point, the largest |family amount − k·target| with the least-squares k (≥ 0)."""
    k = np.clip(amounts @ target / float(target @ target), 0.0, None)
    diff = np.abs(amounts - k[:, None] * target[None, :])
    negative = np.clip(-amounts, 0.0, None)
    return np.max(diff + negative, axis=1)


def _best_point(model: FamilyPolynomials, mapping: np.ndarray, target: np.ndarray,
                boxes: list[tuple[float, float]]) -> tuple[np.ndarray, float]:
    points = grid(boxes)
    residual = _residuals(model.evaluate(points) @ mapping, target)
    best = int(np.argmin(residual))
    point, value = points[best], float(residual[best])
    if value <= 1e-9 or value > REFINE_BELOW or not boxes:
        return point, value
    from scipy.optimize import least_squares  # slow import, needed only here

    lower = np.array([lo for lo, _ in boxes])
    upper = np.array([hi if hi > lo else lo + 1e-12 for lo, hi in boxes])

    def vector(p: np.ndarray) -> np.ndarray:
        amounts = model.evaluate(p[None, :]) @ mapping
        k = max(0.0, float(amounts[0] @ target / (target @ target)))
        return np.concatenate([amounts[0] - k * target, np.clip(-amounts[0], 0, None)])

    for start in sorted(range(len(points)), key=lambda i: residual[i])[:3]:
        fit = least_squares(vector, np.clip(points[start], lower, upper), bounds=(lower, upper),
                            xtol=1e-12, ftol=1e-12, gtol=1e-12)
        found = float(_residuals(model.evaluate(fit.x[None, :]) @ mapping, target)[0])
        if found < value:
            point, value = fit.x, found
    return point, value


def covers(family: CompositionFamily, composition: Mapping[str, float]) -> Coverage | None:
    """The variable values and substitutions that make ``family`` equal ``composition``, or None.

    Raises :class:`UnsupportedFamilyError` when the family cannot be read.
    """
    target = {e: float(a) for e, a in composition.items() if a > 1e-9}
    if not target or not set(target) <= family.elements or not family.required <= set(target):
        return None
    model = family.model
    for chosen in _assignments(family):
        columns = _columns(family, model, chosen, target)
        if columns is None:
            continue
        _, mapping, vector, pool = columns
        point, value = _best_point(model, mapping, vector, model.boxes)
        if value > AMOUNT_TOLERANCE:
            continue
        strict = _strict_boxes(family, model, point)
        if strict is not None:
            # the best fit sits on an excluded bound: covered only if an inside point fits as well
            inside, inside_value = _best_point(model, mapping, vector, strict)
            if inside_value > value + OPEN_BOUND_SLACK:
                continue
            point, value = inside, inside_value
        values = {v: _tidy(float(x)) for v, x in zip(family.variables, point)}
        substitutions = {s: c for s, c in chosen.items() if c}
        for symbol, c in chosen.items():
            if c is None:  # a mixing site: the target's elements that fill it
                substitutions[symbol] = "+".join(
                    sorted(e for e, col in pool.items() if col == f"<{symbol}>" and e in target))
        return Coverage(values, substitutions, round(value, 6))
    return None


def _strict_boxes(family: CompositionFamily, model: FamilyPolynomials,
                  point: np.ndarray) -> list[tuple[float, float]] | None:
    """Boxes pulled in from the open bounds the point sits on, or None if it sits on none."""
    boxes = list(model.boxes)
    touched = False
    for i, v in enumerate(family.variables):
        r = family.range_of(v)
        lo, hi = boxes[i]
        margin = OPEN_MARGIN * max(hi - lo, 1e-9)
        if r.lo_open and abs(point[i] - lo) <= 100 * margin:
            lo, touched = lo + margin, True
        if r.hi_open and abs(point[i] - hi) <= 100 * margin:
            hi, touched = hi - margin, True
        boxes[i] = (lo, max(lo, hi))
    return boxes if touched else None


def covers_chemsys(family: CompositionFamily, elements: frozenset[str]) -> Coverage | None:
    """Whether some member of the family has exactly these elements (checked on the search grid)."""
    if not elements <= family.elements or not family.required <= elements:
        return None
    model = family.model
    points = grid(model.boxes)
    present = model.evaluate(points) > 1e-9
    for chosen in _assignments(family):
        for row in range(len(points)):
            plain: set[str] = set()
            sites: list[set[str]] = []
            for col, e in enumerate(model.elements):
                if not present[row, col]:
                    continue
                symbol = model.dummies.get(e)
                if symbol is None:
                    plain.add(e)
                elif chosen.get(symbol):
                    plain.add(chosen[symbol])  # type: ignore[arg-type]
                else:
                    sites.append(set(family.placeholders[symbol].choices))
            rest = set(elements) - plain
            if not plain <= elements or not all(site & rest for site in sites):
                continue
            if rest <= set().union(*sites):
                values = {v: _tidy(float(x)) for v, x in zip(family.variables, points[row])}
                return Coverage(values, {s: c for s, c in chosen.items() if c}, 0.0)
    return None


def same_composition(a: Mapping[str, float], b: Mapping[str, float]) -> bool:
    """Same elements and amounts equal up to a common factor (within :data:`AMOUNT_TOLERANCE`
    per formula unit of ``a``).

    >>> same_composition({"Li": 10, "Si": 1, "P": 2, "S": 12}, {"Li": 5, "Si": 0.5, "P": 1, "S": 6})
    True
    """
    keys = {e for e, v in a.items() if v > 1e-9} | {e for e, v in b.items() if v > 1e-9}
    if not keys or {e for e in keys if a.get(e, 0) > 1e-9} != {e for e in keys if b.get(e, 0) > 1e-9}:
        return False
    x = np.array([a.get(e, 0.0) for e in sorted(keys)])
    y = np.array([b.get(e, 0.0) for e in sorted(keys)])
    k = float(x @ y / (y @ y))
    return bool(np.max(np.abs(x - k * y)) <= AMOUNT_TOLERANCE)


def _tidy(value: float) -> float:
    rounded = round(value, 4)
    return 0.0 if rounded == 0 else rounded


__all__ = [
    "AMOUNT_TOLERANCE",
    "CompositionFamily",
    "Coverage",
    "Placeholder",
    "Range",
    "UnsupportedFamilyError",
    "covers",
    "covers_chemsys",
    "rewrite_formula",
    "same_composition",
]
