"""From an extracted :class:`~matmine.models.Material` (or a formula / element
dict) to a pymatgen :class:`~pymatgen.core.Composition`, or a rejection.

>>> normalise("Li10GeP2S12").composition.reduced_formula
'Li10Ge(PS6)2'
>>> normalise({"Li": 7, "La": 3, "Zr": 2, "O": 12}).formula
'Li7La3Zr2O12'

Rejected with a :class:`~matmine.validator.errors.ValidationError`: a material the
extractor could not parse, an empty composition, unresolved variables
(``Li10+xGe1+xP2-xS12`` without ``x``, or ``x`` given as a range), vacancy symbols,
symbols that are not elements, and non-positive amounts.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from fractions import Fraction

from pymatgen.core import Composition, Element

from matmine.models import Material
from matmine.validator import errors as E

AMOUNT_TOLERANCE = 1e-8
"""Amounts below this are treated as zero (as pymatgen's ``Composition.amount_tolerance``)."""

STOICHIOMETRY_TOLERANCE = 1e-2
"""Largest deviation per element (in atoms per formula unit) accepted when turning
fractional amounts into integers for a prototype that needs an ordered cell."""

MAX_DENOMINATOR = 12
"""Largest denominator tried when integer-izing a fractional stoichiometry."""

VACANCY_SYMBOLS = frozenset({"Va", "Vac", "vac", "VA", "□", "X", "Vc"})
_VARIABLE_RE = re.compile(r"(?<![A-Z])[a-z]\b|[xyzδε]|\bdelta\b")


@dataclass(frozen=True)
class NormalisedComposition:
    """A checked composition, with what we know about where it came from."""

    composition: Composition
    text: str = ""
    family: str | None = None
    source_records: tuple[str, ...] = ()
    warnings: tuple[str, ...] = field(default=())

    @property
    def formula(self) -> str:
        """Formula of the composition as given (amounts kept, e.g. ``Li6.4La3Zr1.4Ta0.6O12``)."""
        return format_formula(self.composition)

    @property
    def reduced_formula(self) -> str:
        return format_formula(reduce_composition(self.composition))


def format_formula(comp: Composition) -> str:
    """Hill-free, order-preserving formula with trimmed amounts: ``Li6.4La3Zr1.4Ta0.6O12``."""
    parts = []
    for el, amt in comp.items():
        amt = round(float(amt), 6)
        parts.append(f"{el}{'' if abs(amt - 1) < AMOUNT_TOLERANCE else f'{amt:g}'}")
    return "".join(parts)


def reduce_composition(comp: Composition) -> Composition:
    """Reduced composition; fractional amounts are kept fractional (pymatgen's
    ``reduced_composition`` only divides by an integer gcd)."""
    return comp.reduced_composition


def normalise(
    item: Material | Mapping[str, float] | str,
    *,
    family: str | None = None,
    source_records: tuple[str, ...] = (),
) -> NormalisedComposition:
    """Check and convert one material; raise :class:`ValidationError` with the reason."""
    if isinstance(item, Material):
        return _from_material(item, source_records=source_records, family=family)
    if isinstance(item, str):
        return _from_formula(item, family=family, source_records=source_records)
    if isinstance(item, Mapping):
        comp = _from_mapping(item, text=str(dict(item)))
        return NormalisedComposition(comp, text=format_formula(comp), family=family,
                                     source_records=source_records)
    raise E.ValidationError(E.UNPARSED, f"cannot read a composition from {type(item).__name__}")


def _from_material(m: Material, *, source_records: tuple[str, ...], family: str | None) -> NormalisedComposition:
    fam = family or m.family
    if m.error:
        raise E.ValidationError(E.UNPARSED, f"extractor could not parse {m.text!r}: {m.error}")
    ranges = {k: v for k, v in m.variables.items() if isinstance(v, (tuple, list))}
    if ranges:
        k, v = next(iter(ranges.items()))
        raise E.ValidationError(
            E.UNRESOLVED_VARIABLE, f"variable {k} is a range ({v[0]:g}-{v[1]:g}) in {m.text!r}; pick a value"
        )
    if m.composition:
        comp = _from_mapping(m.composition, text=m.text)
    elif m.formula:
        return _from_formula(m.formula, family=fam, source_records=source_records, text=m.text)
    else:
        raise E.ValidationError(E.EMPTY, f"no composition for {m.text!r}")
    return NormalisedComposition(comp, text=m.text, family=fam, source_records=source_records)


def _from_formula(
    formula: str, *, family: str | None, source_records: tuple[str, ...], text: str | None = None
) -> NormalisedComposition:
    f = formula.strip()
    if not f:
        raise E.ValidationError(E.EMPTY, "empty formula")
    for sym in VACANCY_SYMBOLS:
        if re.search(rf"(?<![A-Za-z]){re.escape(sym)}(?![a-z])", f):
            raise E.ValidationError(E.VACANCY, f"vacancy symbol {sym!r} in {f!r}")
    if re.search(r"[a-z]\s*[+\-−]|[+\-−]\s*[a-z]|(?<![A-Za-z])[xyzδ](?![a-z])", f):
        raise E.ValidationError(E.UNRESOLVED_VARIABLE, f"unresolved variable in {f!r}")
    for sym in re.findall(r"[A-Z][a-z]?", f):
        if not Element.is_valid_symbol(sym):
            raise E.ValidationError(E.UNKNOWN_ELEMENT, f"{sym!r} in {f!r} is not an element")
    try:
        comp = Composition(f)
    except Exception as exc:  # pymatgen raises ValueError/KeyError/... on bad strings
        raise E.ValidationError(E.UNPARSED, f"cannot parse formula {f!r}: {exc}") from exc
    comp = _from_mapping({str(el): amt for el, amt in comp.items()}, text=f)
    return NormalisedComposition(comp, text=text or f, family=family, source_records=source_records)


def _from_mapping(mapping: Mapping[str, float], *, text: str) -> Composition:
    if not mapping:
        raise E.ValidationError(E.EMPTY, f"empty composition for {text!r}")
    clean: dict[str, float] = {}
    for sym, amt in mapping.items():
        s = str(sym).strip()
        if s in VACANCY_SYMBOLS:
            raise E.ValidationError(E.VACANCY, f"vacancy {s!r} in the composition of {text!r}")
        if not Element.is_valid_symbol(s):
            if len(s) == 1 and s.islower() or s in ("δ", "delta"):
                raise E.ValidationError(E.UNRESOLVED_VARIABLE, f"unresolved variable {s!r} in {text!r}")
            raise E.ValidationError(E.UNKNOWN_ELEMENT, f"{s!r} in {text!r} is not an element")
        try:
            value = float(amt)
        except (TypeError, ValueError) as exc:
            raise E.ValidationError(E.UNRESOLVED_VARIABLE, f"amount of {s} is {amt!r} in {text!r}") from exc
        if not math.isfinite(value) or value < -AMOUNT_TOLERANCE:
            raise E.ValidationError(E.UNPARSED, f"amount of {s} is {amt!r} in {text!r}")
        if value > AMOUNT_TOLERANCE:
            clean[s] = clean.get(s, 0.0) + value
    if not clean:
        raise E.ValidationError(E.EMPTY, f"all amounts are zero in {text!r}")
    return Composition(clean)


def integer_stoichiometry(
    comp: Composition,
    *,
    max_denominator: int = MAX_DENOMINATOR,
    tolerance: float = STOICHIOMETRY_TOLERANCE,
) -> Composition:
    """The smallest integer multiple of ``comp`` within ``tolerance`` per element.

    >>> integer_stoichiometry(Composition("Li6.5La3Zr1.5Ta0.5O12")).formula
    'Li13 La6 Zr3 Ta1 O24'

    Raises ``ValidationError(non_integer_stoichiometry)`` when no denominator up to
    ``max_denominator`` brings every amount within ``tolerance`` of a fraction.
    """
    amounts = {el: float(a) for el, a in comp.items()}
    fractions: dict = {}
    for el, a in amounts.items():
        frac = Fraction(a).limit_denominator(max_denominator)
        if abs(float(frac) - a) > tolerance:
            raise E.ValidationError(
                E.NON_INTEGER_STOICHIOMETRY,
                f"{el}{a:g} is not within {tolerance:g} of a fraction with denominator <= {max_denominator}",
            )
        fractions[el] = frac
    lcm = 1
    for frac in fractions.values():
        lcm = lcm * frac.denominator // math.gcd(lcm, frac.denominator)
    ints = {el: int(frac * lcm) for el, frac in fractions.items()}
    g = 0
    for v in ints.values():
        g = math.gcd(g, v)
    return Composition({el: v // g for el, v in ints.items()})
