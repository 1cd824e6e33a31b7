"""Rebuilding candidates: substitution, partial occupancy, verification, rejection."""

from __future__ import annotations

import pytest
from pymatgen.core import Composition

from matmine.models import Material
from matmine.validator import errors as E
from matmine.validator.charge_balance import check_charge_balance
from matmine.validator.normalise import integer_stoichiometry, normalise
from matmine.validator.rebuild import COMPOSITION_TOLERANCE, composition_difference, rebuild


@pytest.mark.parametrize("formula,m", [("Li10SiP2S12", "Si"), ("Li10SnP2S12", "Sn"), ("Li10GeP2S12", "Ge")])
def test_lgps_analogues(formula: str, m: str) -> None:
    for family in ("LGPS", None):  # by family label and by element-role matching
        r = rebuild(Composition(formula), family=family)
        assert r.prototype.name == "LGPS-type"
        assert r.space_group[1] == 137
        assert r.structure.composition.reduced_composition.almost_equals(Composition(formula).reduced_composition)
        # M substituted on the Ge/P 4d site, half/half with P; the 2b site stays P
        occ = r.filling.occupancies
        assert occ["M1"] == pytest.approx({m: 0.5, "P": 0.5})
        assert occ["P2"] == pytest.approx({"P": 1.0})


def test_argyrodite_bromide() -> None:
    r = rebuild(Composition("Li6PS5Br"))
    assert r.prototype.name == "argyrodite" and r.space_group[1] == 216
    assert r.filling.occupancies["Cl1"] == {"Br": 1.0}
    assert r.structure.composition.reduced_formula == "Li6PS5Br"
    assert r.volume_scale > 1  # Br- is bigger than Cl-


def test_garnet_with_partial_occupancy() -> None:
    comp = Composition("Li6.4La3Zr1.4Ta0.6O12")
    r = rebuild(comp, family="garnet")
    assert r.space_group[1] == 230
    assert r.filling.occupancies["Zr1"] == pytest.approx({"Zr": 0.7, "Ta": 0.3})
    assert not r.ordered
    assert composition_difference(r.structure.composition, comp)[0] <= COMPOSITION_TOLERANCE
    assert any("Ta on Zr1" in s for s in r.filling.substitutions)


def test_doped_nasicon_uses_the_interstitial_li_site() -> None:
    r = rebuild(Composition("Li1.3Al0.3Ti1.7(PO4)3"), family="NASICON")
    assert r.space_group[1] == 167
    assert r.filling.occupancies["Ti1"] == pytest.approx({"Ti": 0.85, "Al": 0.15})
    assert "Li2" in r.filling.occupancies and r.filling.occupancies["Li2"]["Li"] > 0


def test_ordered_antiperovskite_and_rocksalt() -> None:
    assert rebuild(Composition("Li3OBr")).ordered
    r = rebuild(Composition("LiCl"))
    assert r.prototype.name == "rocksalt" and r.ordered and r.space_group[1] == 225


def test_composition_that_fits_no_prototype_is_rejected_with_reason() -> None:
    with pytest.raises(E.ValidationError) as info:
        rebuild(Composition("LiYO2"))
    assert info.value.category == E.NO_PROTOTYPE
    assert "garnet" in info.value.reason


def test_family_that_does_not_fit() -> None:
    with pytest.raises(E.ValidationError) as info:
        rebuild(Composition("Li2Cl"), family="rocksalt")
    assert info.value.category == E.DOES_NOT_FIT and "Li" in info.value.reason


def test_unknown_family() -> None:
    with pytest.raises(E.ValidationError) as info:
        rebuild(Composition("Li2S"), family="spinel")
    assert info.value.category == E.UNKNOWN_FAMILY


def test_charge_balance() -> None:
    ok = check_charge_balance(Composition("Li7La3Zr2O12"))
    assert ok.balanced and ok.oxidation_states == {"Li": 1, "La": 3, "Zr": 4, "O": -2}
    bad = check_charge_balance(Composition("Li2Cl"))
    assert not bad.balanced and "Li+1 Cl-1" in bad.reason and bad.net_charge == 1
    doped = check_charge_balance(Composition("Li6.4La3Zr1.4Ta0.6O12"))  # fractional: single-valence search
    assert doped.balanced and doped.oxidation_states["Ta"] == 5


@pytest.mark.parametrize("item,category", [
    ("Li10+xGeP2S12", E.UNRESOLVED_VARIABLE),
    ("Li7-xLa3Zr2-xTaxO12", E.UNRESOLVED_VARIABLE),
    ("LiXyCl", E.UNKNOWN_ELEMENT),
    ("Li2Vac", E.VACANCY),
    ("", E.EMPTY),
    ({"Li": 1, "Qq": 2}, E.UNKNOWN_ELEMENT),
    ({"Li": 1, "x": 2}, E.UNRESOLVED_VARIABLE),
    ({"Li": 0.0}, E.EMPTY),
    (Material(text="LGPS", error="no formula"), E.UNPARSED),
    (Material(text="Li10+xGeP2S12", variables={"x": (0.1, 0.3)}), E.UNRESOLVED_VARIABLE),
])
def test_normalise_rejects_with_reason(item, category: str) -> None:
    with pytest.raises(E.ValidationError) as info:
        normalise(item)
    assert info.value.category == category and info.value.reason


def test_normalise_material_keeps_family() -> None:
    m = Material(text="LLZTO", composition={"Li": 6.4, "La": 3, "Zr": 1.4, "Ta": 0.6, "O": 12}, family="garnet")
    n = normalise(m)
    assert n.family == "garnet" and n.formula == "Li6.4La3Zr1.4Ta0.6O12"


def test_integer_stoichiometry() -> None:
    assert integer_stoichiometry(Composition("Li6.5La3Zr1.5Ta0.5O12")) == Composition("Li13La6Zr3Ta1O24")
    with pytest.raises(E.ValidationError) as info:
        integer_stoichiometry(Composition("Li6.4137La3Zr2O12"), max_denominator=12, tolerance=1e-3)
    assert info.value.category == E.NON_INTEGER_STOICHIOMETRY
