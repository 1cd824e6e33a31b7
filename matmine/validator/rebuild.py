"""Rebuild a crystal structure for a composition from a shipped prototype, and check it.

>>> from pymatgen.core import Composition
>>> r = rebuild(Composition("Li10SiP2S12"), family="LGPS")
>>> r.prototype.name, r.space_group[1], r.structure.composition.reduced_formula
('LGPS-type', 137, 'Li10Si(PS6)2')

Steps: choose the prototype (the material's ``family`` label when given, else every
prototype is tried; those that keep at least :data:`MIN_HOST_FRACTION` of the non-Li
cations and of the anions "at home" qualify, and the one with the least substitution
mismatch and Li-site over/under-filling wins), put the composition on its sites (:mod:`matmine.validator.assignment`;
dopants and fractional amounts become partial occupancies), scale the lattice
(``volume="ionic"``: by the ratio of summed ionic volumes r³; ``"keep"``: the
prototype's), build it with ``Structure.from_spacegroup``, then verify: the
rebuilt composition must equal the requested one within
:data:`COMPOSITION_TOLERANCE` per element fraction, and the space group found by
spglib is compared with the prototype's.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Literal

from pymatgen.core import Composition, Lattice, Structure

from matmine.validator import errors as E
from matmine.validator.assignment import SiteFilling, fill_sites, ionic_radius
from matmine.validator.charge_balance import check_charge_balance
from matmine.validator.prototypes import SYMPREC, Prototype, all_prototypes, detect_space_group, get_prototype

COMPOSITION_TOLERANCE = 1e-3
"""Largest |difference| of any element's atomic fraction between rebuilt and requested composition."""

MIN_HOST_FRACTION = 0.5
"""When no family is given, a prototype is used only if at least this fraction of the
non-Li cations, and of the anions, sit on sites their element already occupies in the
prototype (Li10SiP2S12 on LGPS: P yes, Si no → 2/3; LiYO2 on garnet: 0 → refused)."""

VolumeMode = Literal["ionic", "keep"]


@dataclass(frozen=True)
class RebuildResult:
    """A verified rebuilt structure and how it was made."""

    structure: Structure
    prototype: Prototype
    filling: SiteFilling
    space_group: tuple[str, int]
    volume_scale: float
    warnings: tuple[str, ...] = ()

    @property
    def ordered(self) -> bool:
        return self.structure.is_ordered


@functools.lru_cache(maxsize=None)
def host_charges(proto: Prototype) -> dict[str, float]:
    """Oxidation states of the prototype's own formula (e.g. Li+ Ge4+ P5+ S2-)."""
    result = check_charge_balance(Composition(proto.formula))
    if not result.balanced:  # pragma: no cover - shipped prototypes are balanced (tested)
        raise E.ValidationError(E.INTERNAL_ERROR, f"prototype {proto.name} is not charge balanced")
    return dict(result.oxidation_states)


def composition_difference(a: Composition, b: Composition) -> tuple[float, str]:
    """Largest |atomic-fraction difference| between two compositions, and the element."""
    worst, which = 0.0, ""
    for el in set(a.elements) | set(b.elements):
        d = abs(a.get_atomic_fraction(el) - b.get_atomic_fraction(el))
        if d > worst:
            worst, which = d, el.symbol
    return worst, which


def ionic_volume_scale(proto: Prototype, filling: SiteFilling, charges: dict[str, float]) -> float:
    """V(new)/V(prototype) estimated from Σ r³ over the cell (Shannon radii of the assigned ions).

    Each site counts with its published filling and the occupancy-weighted mean r³ of
    what now sits on it, so vacancies do not shrink the cell and empty interstitials
    do not count.
    """
    hc = host_charges(proto)
    merged = {**hc, **charges}

    def site_r3(occ: dict[str, float], q: dict[str, float]) -> float:
        total = sum(occ.values())
        return sum(v * ionic_radius(el, q.get(el, 0.0)) ** 3 for el, v in occ.items()) / total if total else 0.0

    new = old = 0.0
    for site in proto.sites:
        weight = site.multiplicity * site.total_occupancy
        if weight <= 0:
            continue
        old += weight * site_r3(site.species, hc)
        new += weight * site_r3(filling.occupancies.get(site.label, {}), merged)
    return new / old


def choose_prototypes(family: str | None) -> tuple[Prototype, ...]:
    """The prototype named by ``family`` (``unknown_family`` if none), else all of them."""
    return (get_prototype(family),) if family else all_prototypes()


def rebuild(
    comp: Composition,
    *,
    family: str | None = None,
    charges: dict[str, float] | None = None,
    volume: VolumeMode = "ionic",
    composition_tolerance: float = COMPOSITION_TOLERANCE,
    symprec: float = SYMPREC,
) -> RebuildResult:
    """Rebuild and verify a structure for ``comp``; raise ``ValidationError`` with the reason."""
    if charges is None:
        balance = check_charge_balance(comp)
        charges = dict(balance.oxidation_states)
    candidates = choose_prototypes(family)
    fits: list[tuple[Prototype, SiteFilling]] = []
    reasons: list[str] = []
    for proto in candidates:
        try:
            filling = fill_sites(proto, comp, charges, host_charges(proto))
        except E.ValidationError as exc:
            reasons.append(f"{proto.name}: {exc.reason}")
            continue
        if family is None and min(filling.framework_host_fraction, filling.anion_host_fraction) < MIN_HOST_FRACTION:
            reasons.append(
                f"{proto.name}: too few atoms on their own kind of site (non-Li cations "
                f"{filling.framework_host_fraction:.0%}, anions {filling.anion_host_fraction:.0%})"
            )
            continue
        fits.append((proto, filling))
    if not fits:
        if family:
            raise E.ValidationError(E.DOES_NOT_FIT, "; ".join(reasons))
        raise E.ValidationError(E.NO_PROTOTYPE, "no shipped prototype fits (" + "; ".join(reasons) + ")")
    # least substitution mismatch + Li-site over/under-filling wins
    proto, filling = min(fits, key=lambda pf: (round(pf[1].cost, 9), -pf[1].host_fraction))
    warnings = list(filling.warnings)
    if family is None:
        others = ", ".join(f"{p.name} ({f.cost:.3f})" for p, f in fits if p is not proto)
        warnings.append(
            f"prototype chosen automatically (no family label): {proto.name}, mismatch cost {filling.cost:.3f}"
            + (f"; also fitting: {others}" if others else "")
        )
    if family and min(filling.framework_host_fraction, filling.anion_host_fraction) < MIN_HOST_FRACTION:
        warnings.append(
            f"few atoms sit on their own kind of site in {proto.name} (non-Li cations "
            f"{filling.framework_host_fraction:.0%}, anions {filling.anion_host_fraction:.0%}): "
            "the family label may not describe this composition"
        )
    scale = 1.0
    lattice = proto.pymatgen_lattice()
    if volume == "ionic":
        scale = ionic_volume_scale(proto, filling, charges)
        lattice = Lattice(lattice.matrix * scale ** (1 / 3))
        if abs(scale - 1) > 1e-3:
            warnings.append(
                f"lattice scaled isotropically to {scale:.3f} x the prototype volume (ionic-radius estimate)"
            )
    else:
        warnings.append("prototype lattice kept unscaled (volume='keep')")
    structure = proto.structure(filling.occupancies, lattice=lattice)
    diff, element = composition_difference(structure.composition, comp)
    if diff > composition_tolerance:
        raise E.ValidationError(
            E.COMPOSITION_MISMATCH,
            f"rebuilt {structure.composition.reduced_formula} differs from {comp.reduced_formula} by "
            f"{diff:.2g} in the {element} fraction (tolerance {composition_tolerance:g})",
        )
    space_group = detect_space_group(structure, symprec)
    if space_group[1] != proto.space_group_number:
        warnings.append(
            f"space group detected {space_group[0]} ({space_group[1]}) differs from the prototype's "
            f"{proto.space_group_symbol} ({proto.space_group_number})"
        )
    if not structure.is_ordered:
        warnings.append("disordered: partial occupancies on " + ", ".join(
            sorted({s.label for s in structure if not s.is_ordered})))
    return RebuildResult(structure, proto, filling, space_group, scale, tuple(warnings))
