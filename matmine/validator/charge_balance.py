"""Is a composition charge-balanced, and with which oxidation states?

Two strategies, both bounded:

1. pymatgen's :meth:`Composition.oxi_state_guesses` (mixed valence allowed, ranked by
   ICSD occurrence) when the composition, made integer, has at most ``max_sites``
   atoms — above that its combinatorics get slow (seconds to minutes);
2. otherwise (or when pymatgen finds nothing for a fractional formula) one
   oxidation state per element, searched over each element's common and ICSD
   states and ranked with the same ICSD probabilities. This handles fractional
   doped formulas such as ``Li6.4La3Zr1.4Ta0.6O12`` directly.

>>> check_charge_balance(Composition("Li7La3Zr2O12")).balanced
True
>>> r = check_charge_balance(Composition("Li2Cl"))
>>> r.balanced, r.net_charge
(False, 1.0)
>>> r.reason.split(" (pymatgen")[0]
'no combination of oxidation states sums to zero (closest: Li+1 Cl-1 leaves +1 per Li2Cl)'
"""

from __future__ import annotations

import functools
import itertools
from dataclasses import dataclass, field

from pymatgen.core import Composition, Element

from matmine.validator import errors as E
from matmine.validator.normalise import format_formula, integer_stoichiometry

CHARGE_TOLERANCE = 5e-3
"""Largest |net charge| accepted, relative to the total cation charge (0.5 %): absorbs
rounding in published formulas such as ``Li1.3Al0.3Ti1.7(PO4)3`` written to 1 decimal."""

MAX_SITES = 30
"""pymatgen's guesser is used only when the integer formula has at most this many atoms."""

MAX_STATES_PER_ELEMENT = 4
"""Oxidation states tried per element in the single-valence search (most probable first)."""

MAX_COMBINATIONS = 200_000
"""Bound on the single-valence search (product of the states tried per element)."""


@dataclass(frozen=True)
class ChargeBalance:
    """The result: ``balanced``, the oxidation states chosen (per element, averaged when
    mixed valence), how they were found, and the reason when not balanced."""

    balanced: bool
    oxidation_states: dict[str, float] = field(default_factory=dict)
    method: str = ""
    reason: str | None = None
    net_charge: float | None = None

    def as_dict(self) -> dict:
        return {
            "balanced": self.balanced,
            "oxidation_states": dict(self.oxidation_states),
            "method": self.method,
            "reason": self.reason,
            "net_charge": self.net_charge,
        }


@functools.lru_cache(maxsize=1)
def _oxi_prob() -> dict[tuple[str, int], float]:
    """ICSD probabilities of (element, oxidation state), as used by pymatgen's guesser."""
    if Composition.oxi_prob is None:  # pymatgen loads them lazily on first use
        Composition("LiCl").oxi_state_guesses()
    return {(sp.element.symbol, int(sp.oxi_state)): p for sp, p in (Composition.oxi_prob or {}).items()}


def candidate_states(el: Element, *, limit: int = MAX_STATES_PER_ELEMENT) -> list[int]:
    """Oxidation states to try for ``el``, most probable (ICSD) first."""
    states = set(el.common_oxidation_states) | set(el.icsd_oxidation_states or ())
    if not states:
        states = set(el.oxidation_states)
    prob = _oxi_prob()
    ranked = sorted(states, key=lambda q: (-prob.get((el.symbol, q), 0.0), q not in el.common_oxidation_states, abs(q)))
    return ranked[:limit]


def check_charge_balance(
    comp: Composition,
    *,
    max_sites: int = MAX_SITES,
    tolerance: float = CHARGE_TOLERANCE,
) -> ChargeBalance:
    """Charge-balance ``comp``; never raises for chemistry, only reports."""
    if len(comp) == 1:
        el = next(iter(comp))
        return ChargeBalance(True, {el.symbol: 0.0}, method="element")
    guesses_tried = False
    try:
        int_comp = integer_stoichiometry(comp)
    except E.ValidationError:
        int_comp = None
    if int_comp is not None and int_comp.num_atoms <= max_sites:
        guesses_tried = True
        try:
            guesses = int_comp.oxi_state_guesses(max_sites=max_sites)
        except ValueError:
            guesses = ()
        if guesses:
            states = {str(k): float(v) for k, v in guesses[0].items()}
            return ChargeBalance(True, states, method="pymatgen.oxi_state_guesses", net_charge=0.0)
    return _single_valence(comp, tolerance=tolerance, after_pymatgen=guesses_tried)


def _single_valence(comp: Composition, *, tolerance: float, after_pymatgen: bool) -> ChargeBalance:
    elements = list(comp)
    amounts = [float(comp[el]) for el in elements]
    options = [candidate_states(el) for el in elements]
    n = 1
    for o in options:
        n *= max(1, len(o))
    if n > MAX_COMBINATIONS:
        return ChargeBalance(False, method="single-valence", reason=f"too many oxidation-state combinations ({n})")
    prob = _oxi_prob()
    best = None
    closest = None
    for combo in itertools.product(*options):
        net = sum(a * q for a, q in zip(amounts, combo))
        positive = sum(a * q for a, q in zip(amounts, combo) if q > 0) or 1.0
        if closest is None or abs(net) < abs(closest[0]):
            closest = (net, combo)
        if abs(net) <= tolerance * positive:
            score = sum(a * prob.get((el.symbol, q), 0.0) for el, a, q in zip(elements, amounts, combo))
            if best is None or score > best[0]:
                best = (score, combo, net)
    if best is not None:
        states = {el.symbol: float(q) for el, q in zip(elements, best[1])}
        return ChargeBalance(True, states, method="single-valence", net_charge=round(best[2], 6))
    net, combo = closest
    states_txt = " ".join(f"{el.symbol}{q:+d}" for el, q in zip(elements, combo))
    where = " (pymatgen's guesser found none either)" if after_pymatgen else ""
    return ChargeBalance(
        False,
        method="single-valence",
        reason=(
            f"no combination of oxidation states sums to zero (closest: {states_txt} leaves "
            f"{net:+.3g} per {format_formula(comp)}){where}"
        ),
        net_charge=round(net, 6),
    )
