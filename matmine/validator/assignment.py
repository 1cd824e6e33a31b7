"""Put a composition onto the Wyckoff sites of a prototype.

The composition is scaled to one conventional cell (by the anion sublattice, or
failing that by the non-Li cation framework), then:

1. each element that the prototype already hosts goes to its own sites, shared in
   proportion to the published amounts and never above one atom per position
   (mixed sites such as LGPS's Ge/P 4d included);
2. every other element (and any overflow of a host element) goes to the most
   similar site of the same sign — ranked by ionic-radius and charge mismatch,
   limited by :data:`MAX_CHARGE_MISMATCH` and :data:`MAX_RADIUS_MISMATCH` —
   first into the room its hosts left (a dopant replacing a host), then into free
   positions;
3. the result is refused when a framework cation site stays emptier than
   :data:`MAX_FRAMEWORK_VACANCY` or an anion site emptier than :data:`MAX_ANION_VACANCY`;
4. it is scored: the fraction of non-Li cations and of anions "at home", and a
   mismatch ``cost`` (radius/charge mismatch of every substitution per atom, plus
   :data:`LI_FILL_WEIGHT` × how far the Li sites are over- or under-filled relative
   to the published structure) which :func:`~matmine.validator.rebuild.rebuild` uses
   to choose between prototypes when no family is given.

The outcome is a table label → element → occupancy, which
:meth:`Prototype.structure` turns into a pymatgen ``Structure``.
"""

from __future__ import annotations

import itertools
import warnings
from dataclasses import dataclass

from pymatgen.core import Composition, Element, Species

from matmine.validator import errors as E
from matmine.validator.charge_balance import candidate_states
from matmine.validator.prototypes import Prototype

MAX_CHARGE_MISMATCH = 2
"""A substituent may differ from the host's oxidation state by at most this much."""

MAX_RADIUS_MISMATCH = 0.65
"""… and from its ionic radius by at most this many ångström."""

CHARGE_WEIGHT = 0.15
"""Å of radius mismatch one unit of charge mismatch is worth when ranking sites."""

MAX_FRAMEWORK_VACANCY = 0.40
"""A non-Li cation site may be left at most this fraction emptier than published
(A-site-deficient perovskites such as La0.64Li0.08TiO3 have ~28 % A-site vacancies)."""

MAX_SUBSTITUENT_ORDERINGS = 24
"""When dopants compete for the same room, this many placement orders are tried."""

MAX_ANION_VACANCY = 0.05
"""An anion site may be left at most this fraction emptier than published."""

OCCUPANCY_TOLERANCE = 1e-6
"""Amounts (atoms per cell) below this are zero."""

LI_FILL_WEIGHT = 0.1
"""Cost of filling the Li sites 100 % more (or less) than published, relative to a
substitution's radius/charge mismatch; used to rank prototypes."""

MOBILE_IONS = frozenset({"Li"})
"""Elements whose sites may be partly empty without counting as framework vacancies."""


@dataclass(frozen=True)
class SiteFilling:
    """Occupancies per site label, and how they were reached."""

    prototype: str
    occupancies: dict[str, dict[str, float]]
    scale: float
    anchor: str
    substitutions: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()
    host_fraction: float = 1.0
    framework_host_fraction: float = 1.0
    anion_host_fraction: float = 1.0
    framework_vacancy: float = 0.0
    cost: float = 0.0

    @property
    def ordered(self) -> bool:
        return all(
            len(occ) == 1 and abs(next(iter(occ.values())) - 1.0) < 1e-6
            for occ in self.occupancies.values() if occ
        )


def ionic_radius(symbol: str, charge: float) -> float:
    """Shannon radius of the ion (pymatgen), with element-level fallbacks."""
    el = Element(symbol)
    q = round(charge)
    if q:
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                r = Species(symbol, q).ionic_radius
            if r:
                return float(r)
        except (ValueError, KeyError):
            pass
    r = el.average_ionic_radius or el.atomic_radius or 1.0
    return float(r)


def default_charge(symbol: str) -> float:
    """Most probable oxidation state (ICSD statistics), used when charge balance found none."""
    states = candidate_states(Element(symbol), limit=1)
    return float(states[0]) if states else 0.0


def _water_fill(amount: float, weights: dict[str, float], room: dict[str, float]) -> tuple[dict[str, float], float]:
    """Share ``amount`` in proportion to ``weights`` without exceeding ``room``; return (shares, leftover)."""
    shares = {k: 0.0 for k in weights}
    active = {k for k, w in weights.items() if w > 0 and room[k] > OCCUPANCY_TOLERANCE}
    left = amount
    while left > OCCUPANCY_TOLERANCE and active:
        total = sum(weights[k] for k in active)
        capped = set()
        for k in sorted(active):
            want = left * weights[k] / total
            free = room[k] - shares[k]
            if want >= free - OCCUPANCY_TOLERANCE:
                capped.add(k)
        if not capped:
            for k in active:
                shares[k] += left * weights[k] / total
            left = 0.0
            break
        for k in capped:
            free = room[k] - shares[k]
            shares[k] += free
            left -= free
        active -= capped
    return shares, max(left, 0.0)


class _Cell:
    """Mutable bookkeeping of one attempt."""

    def __init__(self, proto: Prototype, host_charges: dict[str, float]):
        self.proto = proto
        self.cap = {s.label: float(s.multiplicity) for s in proto.sites}
        self.published = {s.label: {el: occ * s.multiplicity for el, occ in s.species.items()} for s in proto.sites}
        self.amount: dict[str, dict[str, float]] = {s.label: {} for s in proto.sites}
        self.host_charges = host_charges
        self.sign = {
            s.label: (-1 if any(host_charges.get(el, 0) < 0 for el in s.species) else 1) for s in proto.sites
        }

    def filled(self, label: str) -> float:
        return sum(self.amount[label].values())

    def room(self, label: str) -> float:
        return self.cap[label] - self.filled(label)

    def deficit(self, label: str) -> float:
        return max(0.0, sum(self.published[label].values()) - self.filled(label))

    def add(self, label: str, el: str, n: float) -> None:
        if n > OCCUPANCY_TOLERANCE:
            self.amount[label][el] = self.amount[label].get(el, 0.0) + n


def _purity(cell: _Cell, label: str, el: str) -> float:
    total = sum(cell.published[label].values())
    return round(cell.published[label].get(el, 0.0) / total, 6) if total else 0.0


def _site_rank(cell: _Cell, label: str, el: str, q: float) -> float | None:
    """Mismatch score of element ``el`` (charge ``q``) on site ``label``; None if incompatible."""
    if (q < 0) != (cell.sign[label] < 0):
        return None
    r = ionic_radius(el, q)
    best = None
    for host in cell.published[label]:
        hq = cell.host_charges.get(host, default_charge(host))
        dq = abs(q - hq)
        dr = abs(r - ionic_radius(host, hq))
        if dq > MAX_CHARGE_MISMATCH or dr > MAX_RADIUS_MISMATCH:
            continue
        score = dr + CHARGE_WEIGHT * dq
        best = score if best is None else min(best, score)
    return best


def _attempt(proto: Prototype, cell_amounts: dict[str, float], charges: dict[str, float],
             host_charges: dict[str, float], anchor: str, scale: float,
             order: tuple[str, ...] | None = None) -> SiteFilling:
    cell = _Cell(proto, host_charges)
    leftovers: dict[str, float] = {}
    on_host: dict[str, float] = {}
    mismatch = 0.0
    # 1. hosts on their own sites
    for el, n in sorted(cell_amounts.items(), key=lambda kv: -kv[1]):
        weights = {lab: pub.get(el, 0.0) for lab, pub in cell.published.items() if el in pub}
        if not weights:
            leftovers[el] = n
            continue
        if sum(weights.values()) <= OCCUPANCY_TOLERANCE:  # empty interstitial sites: place as overflow
            leftovers[el] = n
            continue
        # sites where ``el`` is the only published species fill first (LGPS: P on 2b before the Ge/P 4d)
        left = n
        for purity in sorted({_purity(cell, lab, el) for lab in weights}, reverse=True):
            tier = {lab: w for lab, w in weights.items() if _purity(cell, lab, el) == purity}
            shares, left = _water_fill(left, tier, {lab: cell.room(lab) for lab in tier})
            for lab, v in shares.items():
                cell.add(lab, el, v)
        on_host[el] = n - left
        if left > OCCUPANCY_TOLERANCE:
            leftovers[el] = left
    # 2. substituents and overflow: into the room hosts left, then into free positions
    #    (largest amount first unless ``order`` says otherwise)
    ranked_leftovers = sorted(leftovers.items(), key=lambda kv: -kv[1])
    if order is not None:
        ranked_leftovers = sorted(
            leftovers.items(), key=lambda kv: (order.index(kv[0]) if kv[0] in order else len(order), -kv[1])
        )
    for el, n in ranked_leftovers:
        q = charges.get(el, default_charge(el))
        ranked = sorted(
            (score, lab) for lab in cell.published if (score := _site_rank(cell, lab, el, q)) is not None
        )
        if not ranked:
            raise E.ValidationError(
                E.DOES_NOT_FIT,
                f"{el}{q:+g} has no site of matching charge and size in {proto.name} "
                f"(limits: |dq| <= {MAX_CHARGE_MISMATCH}, |dr| <= {MAX_RADIUS_MISMATCH} A)",
            )
        for fill in (cell.deficit, cell.room):
            for score, lab in ranked:
                take = min(n, fill(lab), cell.room(lab))
                if take > OCCUPANCY_TOLERANCE:
                    cell.add(lab, el, take)
                    mismatch += take * score
                    n -= take
                if n <= OCCUPANCY_TOLERANCE:
                    break
            if n <= OCCUPANCY_TOLERANCE:
                break
        if n > OCCUPANCY_TOLERANCE:
            sites = ", ".join(lab for _, lab in ranked)
            raise E.ValidationError(
                E.DOES_NOT_FIT,
                f"{n / scale:.3g} {el} per formula unit do not fit on {proto.name} sites ({sites} full)",
            )
    # 3. framework vacancies (anion sites are held to a stricter limit)
    worst, worst_label = 0.0, ""
    for lab, pub in cell.published.items():
        total = sum(pub.values())
        if total <= OCCUPANCY_TOLERANCE or set(pub) <= MOBILE_IONS:
            continue
        vac = 1.0 - cell.filled(lab) / total
        limit = MAX_ANION_VACANCY if cell.sign[lab] < 0 else MAX_FRAMEWORK_VACANCY
        if vac > limit + OCCUPANCY_TOLERANCE:
            kind = "anion" if cell.sign[lab] < 0 else "cation"
            raise E.ValidationError(
                E.DOES_NOT_FIT,
                f"{kind} site {lab} of {proto.name} would be {vac:.0%} empty (limit {limit:.0%}) "
                f"when scaled by the {anchor}",
            )
        if vac > worst:
            worst, worst_label = vac, lab
    occupancies = {
        lab: {el: v / cell.cap[lab] for el, v in amounts.items()} for lab, amounts in cell.amount.items()
    }
    subs, notes = [], []
    for site in proto.sites:
        new = [el for el in occupancies[site.label] if el not in site.species]
        if new:
            occ = ", ".join(f"{el}:{v:.4g}" for el, v in occupancies[site.label].items())
            subs.append(f"{'/'.join(new)} on {site.label} ({site.wyckoff}) -> {{{occ}}}")
    if worst > 0.01:
        notes.append(f"site {worst_label} is {worst:.1%} emptier than published (vacancies introduced)")
    # an atom is "at home" on a site that publishes its element, or as a dopant on a framework
    # site that keeps some of its published species (Si with P on LGPS 4d: yes; Y on an
    # emptied La site or on a Li site: no)
    at_home: dict[str, float] = {}
    for lab, amounts in cell.amount.items():
        keeps_host = not set(cell.published[lab]) <= MOBILE_IONS and any(
            el in cell.published[lab] and cell.published[lab][el] > 0 for el in amounts
        )
        for el, v in amounts.items():
            if el in cell.published[lab] or keeps_host:
                at_home[el] = at_home.get(el, 0.0) + v

    def fraction(elements: list[str]) -> float:
        total = sum(cell_amounts[el] for el in elements)
        return sum(at_home.get(el, 0.0) for el in elements) / total if total else 1.0

    li_published = sum(pub.get("Li", 0.0) for pub in cell.published.values())
    li_fill = cell_amounts.get("Li", 0.0) / li_published if li_published else 1.0

    anions = [el for el in cell_amounts if charges.get(el, default_charge(el)) < 0]
    framework = [el for el in cell_amounts if el not in anions and el not in MOBILE_IONS]
    return SiteFilling(
        prototype=proto.name,
        occupancies=occupancies,
        scale=scale,
        anchor=anchor,
        substitutions=tuple(subs),
        warnings=tuple(notes),
        host_fraction=sum(on_host.values()) / sum(cell_amounts.values()),
        framework_host_fraction=fraction(framework),
        anion_host_fraction=fraction(anions),
        framework_vacancy=worst,
        cost=mismatch / sum(cell_amounts.values()) + LI_FILL_WEIGHT * abs(li_fill - 1.0),
    )


def fill_sites(proto: Prototype, comp: Composition, charges: dict[str, float],
               host_charges: dict[str, float]) -> SiteFilling:
    """Fill ``proto``'s sites with ``comp`` (amounts per formula unit, any scale).

    ``charges`` are the oxidation states of the composition's elements (from the
    charge-balance step), ``host_charges`` those of the prototype's own elements.
    Raises ``ValidationError(does_not_fit)`` with the reason of the best attempt.
    """
    amounts = {el.symbol: float(a) for el, a in comp.items()}
    sign = {el: (charges.get(el, default_charge(el)) < 0) for el in amounts}
    anion_sites = sum(
        s.multiplicity * s.total_occupancy for s in proto.sites if any(host_charges.get(e, 0) < 0 for e in s.species)
    )
    frame_sites = sum(
        s.multiplicity * s.total_occupancy for s in proto.sites
        if not any(host_charges.get(e, 0) < 0 for e in s.species) and not set(s.species) <= MOBILE_IONS
    )
    anchors = []
    anions = sum(a for el, a in amounts.items() if sign[el])
    framework = sum(a for el, a in amounts.items() if not sign[el] and el not in MOBILE_IONS)
    if anions > 0:
        anchors.append(("anion sublattice", anion_sites / anions))
    if framework > 0 and frame_sites > 0:
        anchors.append(("cation framework", frame_sites / framework))
    if not anchors:
        raise E.ValidationError(E.DOES_NOT_FIT, f"nothing to anchor {comp.formula} on {proto.name}")
    results, errors = [], []
    for anchor, scale in anchors:
        cell_amounts = {el: a * scale for el, a in amounts.items()}
        first_error = None
        dopants = sorted((el for el in amounts if el not in proto.elements), key=lambda el: -amounts[el])
        orders = itertools.islice(itertools.permutations(dopants), 1, MAX_SUBSTITUENT_ORDERINGS)
        for order in (None, *orders):
            try:
                results.append(_attempt(proto, cell_amounts, charges, host_charges, anchor, scale, order))
                break
            except E.ValidationError as exc:
                first_error = first_error or exc
                if "do not fit on" not in exc.reason:  # only competition for room is order-dependent
                    break
        if first_error is not None and (not results or results[-1].anchor != anchor):
            errors.append(first_error)
    if not results:
        raise errors[0]
    return min(results, key=lambda r: (round(r.framework_vacancy, 6), r.anchor != "anion sublattice"))
