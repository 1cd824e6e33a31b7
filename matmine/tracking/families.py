"""Composition families: a formula with variables and placeholders, as patent claims write them.

``Li10+xM1+xP2−xS12 (0 ≤ x ≤ 0.35), M = Ge, Si, Sn`` is a
:class:`CompositionFamily` with one :class:`Range` and one :class:`Placeholder`.
Its element amounts are read by
:func:`matmine.extractors.compositions.parse_material` after two rewrites
(:func:`rewrite_formula`): each placeholder becomes an unused element symbol,
and variable letters the formula grammar does not know (``a``, ``b`` …) become
ones it does.  Amounts are polynomials in the variables; :class:`FamilyPolynomials`
interpolates them exactly from ``parse_material`` on a 3-point-per-variable grid
inside the ranges (checked at an extra point; a higher-degree formula is
refused), so the coverage search (:mod:`matmine.tracking.coverage`) can
evaluate thousands of points at once.

>>> family = CompositionFamily("Li7−aPS6−aXa", {"a": Range(1.2, 1.8, lo_open=True)},
...                            {"X": Placeholder("X", ("Cl", "Br"))})
>>> family.variables, sorted(family.elements)
(('a',), ['Br', 'Cl', 'Li', 'P', 'S'])
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np

from matmine.extractors.compositions import parse_material
from matmine.extractors.formula_grammar import VARIABLES
from matmine.extractors.periodic_table import ELEMENTS

DEFAULT_SPAN = 10.0
"""A variable without an upper (lower) bound is searched up to this far from its other bound."""
GRID_POINTS = 20_000
"""Upper bound on the points of the coarse grid search."""
MAX_VARIABLES = 5
DUMMY_ELEMENTS = ("Lr", "No", "Md", "Fm", "Es", "Cf", "Bk", "Cm")
"""Element symbols that stand in for placeholders while the formula is parsed."""


@dataclass(frozen=True)
class Range:
    """A variable's allowed values; ``None`` means unbounded on that side."""

    lo: float | None = None
    hi: float | None = None
    lo_open: bool = False
    hi_open: bool = False

    @classmethod
    def exactly(cls, value: float) -> Range:
        return cls(value, value)

    def narrowed(self, other: Range) -> Range:
        """The intersection of two ranges (a dependent claim narrows its parent)."""
        lo, lo_open = self.lo, self.lo_open
        if other.lo is not None and (lo is None or other.lo > lo or (other.lo == lo and other.lo_open)):
            lo, lo_open = other.lo, other.lo_open
        hi, hi_open = self.hi, self.hi_open
        if other.hi is not None and (hi is None or other.hi < hi or (other.hi == hi and other.hi_open)):
            hi, hi_open = other.hi, other.hi_open
        return Range(lo, hi, lo_open, hi_open)

    def box(self) -> tuple[float, float]:
        """Finite search interval."""
        lo = self.lo if self.lo is not None else (0.0 if self.hi is None or self.hi > 0 else self.hi - DEFAULT_SPAN)
        hi = self.hi if self.hi is not None else lo + DEFAULT_SPAN
        return (lo, hi)

    def __str__(self) -> str:
        if self.lo is not None and self.lo == self.hi:
            return f"= {self.lo:g}"
        left = "" if self.lo is None else f"{self.lo:g} {'<' if self.lo_open else '≤'} "
        right = "" if self.hi is None else f" {'<' if self.hi_open else '≤'} {self.hi:g}"
        return f"{left}v{right}"


@dataclass(frozen=True)
class Placeholder:
    """A symbol standing for one of ``choices`` (``mixing``: several may share the site)."""

    symbol: str
    choices: tuple[str, ...]
    mixing: bool = False


class UnsupportedFamilyError(ValueError):
    """The formula cannot be read as a family (bad syntax, too many variables, not polynomial)."""




@dataclass(frozen=True)
class CompositionFamily:
    """A formula with variables (``ranges``) and placeholders, as written in a claim."""

    formula: str
    ranges: Mapping[str, Range] = field(default_factory=dict)
    placeholders: Mapping[str, Placeholder] = field(default_factory=dict)

    # ------------------------------------------------------------------ reading
    @cached_property
    def _rewritten(self) -> tuple[str, dict[str, str], dict[str, str]]:
        """(formula for parse_material, variable name → original, dummy element → placeholder)."""
        return rewrite_formula(self.formula, set(self.placeholders))

    @cached_property
    def variables(self) -> tuple[str, ...]:
        """The variable letters of the formula as written (``a``, ``x``, ``δ`` …)."""
        text, names, _ = self._rewritten
        probe = parse_material(text, {v: (0.0, 1.0) for v in VARIABLES})
        if probe.error:
            raise UnsupportedFamilyError(probe.error)
        return tuple(sorted(names.get(v, v) for v in probe.variables))

    @property
    def has_variables(self) -> bool:
        return bool(self.variables) or bool(self.placeholders)

    def range_of(self, variable: str) -> Range:
        return self.ranges.get(variable, Range(0.0, None))

    @cached_property
    def model(self) -> FamilyPolynomials:
        text, names, dummies = self._rewritten
        back = {original: rewritten for rewritten, original in names.items()}
        grammar_names = [back.get(v, v) for v in self.variables]
        if len(grammar_names) > MAX_VARIABLES:
            raise UnsupportedFamilyError(f"{len(grammar_names)} variables (at most {MAX_VARIABLES})")
        boxes = [self.range_of(v).box() for v in self.variables]
        open_ended = [self.range_of(v).hi is None for v in self.variables]
        return FamilyPolynomials.fit(text, grammar_names, boxes, dummies, open_ended)

    @cached_property
    def required(self) -> frozenset[str]:
        """Elements (not placeholders) present in every member of the family."""
        model = self.model
        amounts = model.evaluate(grid(model.boxes))
        return frozenset(e for i, e in enumerate(model.elements)
                         if e not in model.dummies and bool(np.all(amounts[:, i] > 1e-9)))

    @cached_property
    def elements(self) -> frozenset[str]:
        """Every element the family can contain (placeholder choices included)."""
        model = self.model
        out = {e for e in model.elements if e not in model.dummies}
        for symbol in model.dummies.values():
            out.update(self.placeholders[symbol].choices)
        return frozenset(out)


def rewrite_formula(formula: str, placeholders: set[str]) -> tuple[str, dict[str, str], dict[str, str]]:
    """Replace placeholders by unused element symbols and unknown variable letters by known ones.

    >>> rewrite_formula("Li7−aPS6−aXa", {"X"})[0]
    'Li7−wPS6−wLrw'
    """
    used = set(re.findall(r"[A-Z][a-z]?", formula))
    dummies = iter(d for d in DUMMY_ELEMENTS if d not in used)
    free_letters = iter(v for v in "wuvtnmxyz" if v not in formula)
    out: list[str] = []
    names: dict[str, str] = {}
    dummy_of: dict[str, str] = {}
    renamed: dict[str, str] = {}
    i = 0
    while i < len(formula):
        c = formula[i]
        if c.isupper():
            two = formula[i : i + 2]
            multi = next((p for p in sorted(placeholders, key=len, reverse=True)
                          if formula.startswith(p, i) and (len(p) > 1 or two not in ELEMENTS)), None)
            if multi is not None:
                if multi not in dummy_of:
                    dummy_of[multi] = next(dummies)
                out.append(dummy_of[multi])
                i += len(multi)
                continue
            if len(two) == 2 and two[1].islower() and two in ELEMENTS:
                out.append(two)
                i += 2
                continue
            out.append(c)
            i += 1
            continue
        if c.isalpha() and c.islower() or c in "αβγδεζηθλμσ":
            if c in VARIABLES:
                out.append(c)
            else:
                if c not in renamed:
                    renamed[c] = next(free_letters)
                    names[renamed[c]] = c
                out.append(renamed[c])
            i += 1
            continue
        out.append(c)
        i += 1
    return "".join(out), names, {d: p for p, d in dummy_of.items()}


@dataclass
class FamilyPolynomials:
    """Element amounts as exact interpolants over a variable box (degree ≤ 2 per variable).

    A variable whose range is one value (``x is 0.6``) is substituted, not interpolated.
    """

    variables: list[str]
    boxes: list[tuple[float, float]]
    elements: list[str]
    nodes: dict[int, np.ndarray]  # dimension -> its three nodes (free variables only)
    values: np.ndarray  # (3**free, n_elements)
    dummies: dict[str, str]

    @classmethod
    def fit(cls, text: str, variables: list[str], boxes: list[tuple[float, float]],
            dummies: dict[str, str], open_ended: list[bool] | None = None) -> FamilyPolynomials:
        boxes = list(boxes)
        open_ended = open_ended or [False] * len(boxes)
        failed: str | None = None
        for _ in range(8):
            fixed = {v: lo for v, (lo, hi) in zip(variables, boxes) if hi <= lo}
            nodes = {i: np.array([lo, (lo + hi) / 2, hi]) for i, (lo, hi) in enumerate(boxes) if hi > lo}
            free = [variables[i] for i in nodes]
            samples = []
            failed = None
            for point in itertools.product(*nodes.values()):
                m = parse_material(text, {**fixed, **dict(zip(free, map(float, point)))})
                if m.error or not m.composition:
                    failed = m.error or "no composition"
                    break
                samples.append(m.composition)
            if failed is None:
                break
            if not any(open_ended):
                break
            # an unbounded side reaching negative amounts: pull it in and retry
            boxes = [(lo, lo + (hi - lo) / 2) if wide else (lo, hi)
                     for (lo, hi), wide in zip(boxes, open_ended)]
        if failed is not None:
            raise UnsupportedFamilyError(f"cannot evaluate {text!r}: {failed}")
        elements = sorted({e for s in samples for e in s})
        values = np.array([[s.get(e, 0.0) for e in elements] for s in samples])
        model = cls(variables, boxes, elements, nodes, values, dummies)
        if nodes:  # a check point off the nodes: refuses higher-degree formulas
            point = [lo + 0.37 * (hi - lo) for lo, hi in boxes]
            expected = parse_material(text, dict(zip(variables, point)))
            got = model.evaluate(np.array([point]))[0]
            want = np.array([expected.composition.get(e, 0.0) for e in elements])
            if expected.error or not np.allclose(got, want, atol=1e-6):
                raise UnsupportedFamilyError(f"{text!r} is not a polynomial of degree ≤ 2 per variable")
        return model

    def evaluate(self, points: np.ndarray) -> np.ndarray:
        """Amounts at ``points`` (n × d, every variable) → (n × n_elements)."""
        n = points.shape[0]
        weights = np.ones((n, 1))
        for dim, nodes in self.nodes.items():
            x = points[:, dim : dim + 1]
            a, b, c = nodes
            basis = np.hstack([
                (x - b) * (x - c) / ((a - b) * (a - c)),
                (x - a) * (x - c) / ((b - a) * (b - c)),
                (x - a) * (x - b) / ((c - a) * (c - b)),
            ])
            weights = (weights[:, :, None] * basis[:, None, :]).reshape(n, -1)
        return weights @ self.values


def grid(boxes: list[tuple[float, float]]) -> np.ndarray:
    """Points of the coarse search grid over the variable boxes (n × d)."""
    d = len(boxes)
    per_dim = max(3, min(201, int(GRID_POINTS ** (1 / d)))) if d else 1
    axes = [np.linspace(lo, hi, per_dim) if hi > lo else np.array([lo]) for lo, hi in boxes]
    return np.array(list(itertools.product(*axes))) if d else np.zeros((1, 0))


__all__ = [
    "CompositionFamily",
    "FamilyPolynomials",
    "Placeholder",
    "Range",
    "UnsupportedFamilyError",
    "grid",
    "rewrite_formula",
]
