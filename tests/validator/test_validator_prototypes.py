"""Every shipped prototype: declared space group found by spglib, composition as
declared, bond lengths physically plausible, source cited."""

from __future__ import annotations

import pytest
from pymatgen.core import Composition

from matmine.validator.prototypes import SYMPREC, all_prototypes, detect_space_group, get_prototype
from matmine.validator.rebuild import composition_difference, host_charges, rebuild

PUBLISHED_OCCUPANCY_SLACK = 0.02
"""Refined occupancies need not add up to the nominal formula (LGPS: Li20.2 vs Li20)."""

# (element pair, shortest plausible distance in Å) — catches wrong Wyckoff settings / typos.
MIN_BOND = {frozenset({"P", "S"}): 1.95, frozenset({"P", "O"}): 1.45, frozenset({"Ti", "O"}): 1.85,
            frozenset({"Zr", "O"}): 2.0, frozenset({"La", "O"}): 2.4, frozenset({"Li", "S"}): 2.3,
            frozenset({"Li", "O"}): 1.85, frozenset({"Ge", "S"}): 2.1, frozenset({"Li", "Cl"}): 2.4}

PROTOTYPES = all_prototypes()


def test_the_families_matmine_sees_are_shipped() -> None:
    names = {p.name for p in PROTOTYPES}
    assert {"LGPS-type", "argyrodite", "garnet", "NASICON", "perovskite", "anti-perovskite", "rocksalt"} <= names


@pytest.mark.parametrize("proto", PROTOTYPES, ids=lambda p: p.name)
def test_space_group_detected_equals_declared(proto) -> None:
    symbol, number = detect_space_group(proto.structure(), SYMPREC)
    assert number == proto.space_group_number, (symbol, proto.space_group_symbol)


@pytest.mark.parametrize("proto", PROTOTYPES, ids=lambda p: p.name)
def test_composition_reduces_to_declared_formula(proto) -> None:
    declared = Composition(proto.formula)
    published = proto.structure().composition
    diff, _ = composition_difference(published, declared)
    assert diff <= PUBLISHED_OCCUPANCY_SLACK
    if proto.ordered:
        assert published.reduced_formula == declared.reduced_formula
    # the nominal formula rebuilt on the prototype itself is exact
    nominal = rebuild(declared, family=proto.name, volume="keep").structure.composition
    assert nominal.reduced_composition.almost_equals(declared.reduced_composition, rtol=1e-6)
    assert nominal.num_atoms / declared.num_atoms == pytest.approx(proto.z)


@pytest.mark.parametrize("proto", PROTOTYPES, ids=lambda p: p.name)
def test_bond_lengths_are_plausible(proto) -> None:
    s = proto.structure()
    for i, site in enumerate(s):
        for nb in s.get_neighbors(site, 3.0):
            pair = frozenset({site.species.elements[0].symbol, nb.species.elements[0].symbol})
            if pair in MIN_BOND:
                assert nb.nn_distance >= MIN_BOND[pair], (proto.name, pair, nb.nn_distance)


@pytest.mark.parametrize("proto", PROTOTYPES, ids=lambda p: p.name)
def test_source_is_cited_and_prototype_is_charge_balanced(proto) -> None:
    assert proto.source["authors"] and proto.source["journal"] and proto.source["year"]
    assert proto.coordinates_provenance and proto.occupancy_note
    assert host_charges(proto)


@pytest.mark.parametrize("label,name", [("LGPS", "LGPS-type"), ("argyrodites", "argyrodite"),
                                        ("Garnet-type", "garnet"), ("nasicon", "NASICON"),
                                        ("anti-perovskite", "anti-perovskite"), ("Perovskites", "perovskite")])
def test_family_labels_resolve(label: str, name: str) -> None:
    assert get_prototype(label).name == name
