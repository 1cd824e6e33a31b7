"""Formula expressions: mixtures, glasses, hydrates and abbreviations as components.

    0.75Li2S-0.25P2S5   75Li2S·25P2S5   xLi2S-(1-x)P2S5   Mn(NO3)2·4H2O
    (1-x)Pb(Zr0.52Ti0.48)O3-xBaTiO3    (Na0.5K0.5)NbO3+1.5mol%CuF2   (1-x)KNN-xBT

:func:`parse_expression` splits a whitespace-free string into components at
the separators ``·`` ``×`` ``*`` ``+``, a hydrate ``.`` and the dashes that
cannot be a minus sign of an amount, and sums coefficient × amounts.

A dash is read as a separator when what follows cannot continue an amount
(an upper-case letter, a bracket, a number followed by a formula).  After a
leading coefficient (``0.8BiSmxFe1-xO3-0.2PbTiO3``) a variable coefficient
(``-xBaTiO3``) also separates, if the part it starts holds two or more
elements; so ``Fe1-xO3`` keeps its minus sign.  Components without a
coefficient count once (``BaO-B2O3-BaF2``, ``CuSO4·H2O``); numeric coefficients that
add up to 100 are percentages.

Two compounds joined by a dash with no amount at all (``Li2S–P2S5``,
``Na3PS4–Na4SiS4``) name a pseudo-binary system, not one composition:
:class:`SystemWithoutRatioError`.  A ratio makes them a mixture again
(``0.75Li2S–0.25P2S5``, ``Li2S–P2S5 (75:25)`` as repaired by
:mod:`~matmine.extractors.string_repairs`); an abbreviation, a metal or a
non-integer formula on either side (``Ni-YSZ``, ``NiO–GDC``) is a composite and
stays summed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from matmine.extractors import material_errors as msg
from matmine.extractors.abbreviations import Abbreviation, lookup_abbreviation
from matmine.extractors.formula_grammar import (
    ONE,
    Amount,
    FormulaSyntaxError,
    is_undetermined,
    parse_amount,
    parse_formula,
    sum_amounts,
)
from matmine.extractors.periodic_table import atomic_mass
from matmine.extractors.string_repairs import is_neutral_compound

_COEFFICIENT = re.compile(
    r"^(?P<coef>\d+(?:\.\d+)?|\.\d+|[xyzwn]|\((?:[0-9.+\-/xyzw]|\([0-9.+\-/xyzw]+\))+\))"
    r"(?P<pct>(?:mol|wt|at|vol)?\.?%)?(?=[A-Z(\[□])"
)
_NUMBER_THEN_FORMULA = re.compile(r"\d+(?:\.\d+)?(?:(?:mol|wt|at)\.?)?%?[A-Z(\[]")
_VARIABLE_THEN_FORMULA = re.compile(r"[xyzw][A-Z(\[]")
_PERCENT_AFTER_PLUS = re.compile(r"(?:\d+(?:\.\d+)?|[xyzw])(?:mol|wt|at|vol)?\.?%")
_HYDRATE_DOT = re.compile(r"\.(?=(?:\d+(?:\.\d+)?|[xn])?H2O$)")
_SEPARATORS = "·×*"
_OPEN, _CLOSE = "([{", ")]}"


class SystemWithoutRatioError(FormulaSyntaxError):
    """Two compounds joined by a dash without amounts ("Li2S–P2S5"): a system, not a material."""


@dataclass(frozen=True)
class Component:
    """One part of an expression: its coefficient, formula text and amounts."""

    coefficient: Amount
    coefficient_text: str
    formula: str
    amounts: dict[str, Amount]
    abbreviation: Abbreviation | None = None
    percent: str | None = None  # "mol%" or "wt%" for "1.5 mol% CuF2"


@dataclass(frozen=True)
class Expression:
    """A parsed expression: the total amounts and the components they came from."""

    amounts: dict[str, Amount]
    components: tuple[Component, ...]
    formula: str

    @property
    def abbreviation(self) -> Abbreviation | None:
        if len(self.components) == 1:
            return self.components[0].abbreviation
        return None


def _split_points(s: str) -> list[tuple[int, str]]:
    """(position, kind) of every depth-0 separator; kind is 'sep', 'var' or 'hydrate'."""
    points: list[tuple[int, str]] = []
    depth = 0
    # "(NH4)6Mo7O24.4H2O": a full stop as hydrate dot, unless a real dot is used
    hydrate = None if any(c in s for c in _SEPARATORS) else _HYDRATE_DOT.search(s)
    for i, char in enumerate(s):
        if char in _OPEN:
            depth += 1
        elif char in _CLOSE:
            depth -= 1
        elif depth or i == 0:
            continue
        elif char in _SEPARATORS:
            points.append((i, "sep"))
        elif char == "+":
            rest = s[i + 1 :]
            if rest[:1].isupper() or rest[:1] in "([" or _PERCENT_AFTER_PLUS.match(rest):
                if not (rest[:1] == "(" and _COEFFICIENT.match(rest) is None and rest[1:2].islower()):
                    points.append((i, "sep"))
        elif char == "-":
            rest = s[i + 1 :]
            if rest[:1].isupper() or rest[:1] in "([" or _NUMBER_THEN_FORMULA.match(rest):
                points.append((i, "sep"))
            elif _VARIABLE_THEN_FORMULA.match(rest):
                points.append((i, "var"))
    if hydrate and depth == 0:
        points.append((hydrate.start(), "sep"))
    return sorted(points)


def _segments(s: str) -> list[tuple[str, str]]:
    """Split into (separator, segment) pairs; the first separator is ''."""
    mixture_mode = _COEFFICIENT.match(s) is not None
    points = _split_points(s)
    accepted = []
    for index, (pos, kind) in enumerate(points):
        if kind == "var":
            if not mixture_mode:
                continue
            end = points[index + 1][0] if index + 1 < len(points) else len(s)
            if not _has_two_elements(s[pos + 2 : end]):
                continue
        accepted.append(pos)
    out, last, sep = [], 0, ""
    for pos in accepted:
        out.append((sep, s[last:pos]))
        sep, last = s[pos], pos + 1
    out.append((sep, s[last:]))
    return out


def _has_two_elements(text: str) -> bool:
    try:
        return len([k for k in parse_formula(text) if k != "□"]) >= 2
    except FormulaSyntaxError:
        return lookup_abbreviation(text) is not None


def _component(segment: str) -> Component:
    whole = lookup_abbreviation(segment)  # "8YSZ" is 8 mol% Y2O3, not 8 × YSZ
    if whole is not None:
        return Component(ONE, "", whole.formula, parse_expression(whole.formula).amounts, whole)
    match = _COEFFICIENT.match(segment)
    coefficient, coefficient_text, percent = ONE, "", None
    body = segment
    if match:
        coefficient_text = match.group("coef")
        coefficient = parse_amount(coefficient_text.strip("()") if coefficient_text[0] == "(" else coefficient_text)
        if match.group("pct"):
            percent = match.group("pct")
            coefficient = coefficient.scale(0.01)
        body = segment[match.end() :]
    if not body:
        raise FormulaSyntaxError(msg.NO_ELEMENTS)
    # the curated lexicon wins over a formula reading: KNN is K0.5Na0.5NbO3, not KN2
    abbreviation = lookup_abbreviation(body)
    if abbreviation is not None:
        amounts = parse_expression(abbreviation.formula).amounts
        return Component(coefficient, coefficient_text, abbreviation.formula, amounts, abbreviation, percent)
    try:
        return Component(coefficient, coefficient_text, body, parse_formula(body), None, percent)
    except FormulaSyntaxError as error:
        if body[0] in "([" and body[-1] in ")]" and _COEFFICIENT.match(body[1:-1]):
            inner = parse_expression(body[1:-1])
            return Component(coefficient, coefficient_text, body, inner.amounts, None, percent)
        raise error


def _molar_mass(amounts: dict[str, Amount]) -> float:
    return sum(atomic_mass(el) * a.constant for el, a in amounts.items() if el != "□")


def _resolve_percentages(components: list[Component]) -> list[Component]:
    """``A + 1.5 mol% B``: B is 1.5 % of the moles, A the rest (wt% via molar masses)."""
    shares = [c for c in components if c.percent]
    if not shares:
        return components
    rest = ONE
    for c in shares:
        rest = rest - c.coefficient
    out = []
    for c in components:
        coefficient = c.coefficient if c.percent else rest * c.coefficient
        out.append(Component(coefficient, c.coefficient_text, c.formula, c.amounts, c.abbreviation, c.percent))
    # a placeholder or mixed site has no molar mass; the composition stays empty anyway
    undetermined = any(is_undetermined(el) for c in out for el in c.amounts)
    if not undetermined and any(c.percent and c.percent.startswith("wt") for c in out):
        if not all(c.coefficient.is_constant and all(a.is_constant for a in c.amounts.values()) for c in out):
            raise FormulaSyntaxError(msg.VARIABLE_WEIGHT_FRACTION)
        out = [
            Component(c.coefficient.scale(1 / _molar_mass(c.amounts)), c.coefficient_text, c.formula,
                      c.amounts, c.abbreviation, c.percent)
            for c in out
        ]
    return out


def parse_expression(s: str) -> Expression:
    """Parse a whitespace-free formula expression (see module docstring)."""
    # a lexicon entry written with a dash ("Ta-LLZO") is one component, not Ta + LLZO
    pieces = [("", s)] if lookup_abbreviation(s) is not None else _segments(s)
    components = _resolve_percentages([_component(segment) for _, segment in pieces])
    numeric = [c.coefficient.constant for c in components if c.coefficient.is_constant]
    if len(components) > 1 and len(numeric) == len(components) and abs(sum(numeric) - 100) < 1e-6:
        components = [
            Component(c.coefficient.scale(0.01), c.coefficient_text, c.formula, c.amounts,
                      c.abbreviation, c.percent)
            for c in components
        ]
    formula = "".join(
        sep + c.coefficient_text + (c.percent or "") + c.formula
        for (sep, _), c in zip(pieces, components)
    )
    if _is_system(pieces, components):
        raise SystemWithoutRatioError(msg.SYSTEM_WITHOUT_RATIO.format(text=formula))
    amounts = sum_amounts((c.coefficient, c.amounts) for c in components)
    return Expression(amounts, tuple(components), formula)


def _is_system(pieces: list[tuple[str, str]], components: list[Component]) -> bool:
    """"Li2S-P2S5": two charge-balanced compounds, a dash, no amounts (see the module
    docstring).  Three or more components keep the count-once reading (a glass
    written "BaO-B2O3-BaF2" is 1:1:1 in the reference data)."""
    return (len(components) == 2 and pieces[1][0] == "-"
            and all(not c.coefficient_text and not c.percent and c.abbreviation is None
                    and is_neutral_compound(c.formula) for c in components))
