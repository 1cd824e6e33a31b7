"""Coverage of compositions by claimed families (variables, ranges, placeholders) and claim reading."""

from __future__ import annotations

import pytest

from matmine.models import Claim, Document
from matmine.tracking.claims import claim_families, read_placeholders, read_ranges
from matmine.tracking.coverage import (
    CompositionFamily,
    Placeholder,
    Range,
    covers,
    covers_chemsys,
    same_composition,
)

LI10SIP2S12 = {"Li": 10, "Si": 1, "P": 2, "S": 12}
LGPS_TYPE = CompositionFamily("Li10+xM1+xP2−xS12", {"x": Range(0, 0.35)},
                              {"M": Placeholder("M", ("Si", "Sn"))})


def test_si_analogue_is_in_the_lgps_family_with_m_si():
    proof = covers(LGPS_TYPE, LI10SIP2S12)
    assert proof is not None
    assert proof.values == {"x": 0.0}
    assert proof.substitutions == {"M": "Si"}


def test_order_and_scale_do_not_matter():
    assert covers(LGPS_TYPE, {"S": 6, "P": 1, "Sn": 0.5, "Li": 5}) is not None


def test_upper_end_of_range_is_covered_and_beyond_is_not():
    assert covers(LGPS_TYPE, {"Li": 10.35, "Si": 1.35, "P": 1.65, "S": 12}).values == {"x": 0.35}
    assert covers(LGPS_TYPE, {"Li": 10.5, "Si": 1.5, "P": 1.5, "S": 12}) is None


def test_element_outside_the_placeholder_choices_is_not_covered():
    assert covers(LGPS_TYPE, {"Li": 10, "Ge": 1, "P": 2, "S": 12}) is None


def test_one_of_placeholder_refuses_a_mixed_site_and_mixing_placeholder_accepts_it():
    mixed = {"Li": 10, "Si": 0.5, "Sn": 0.5, "P": 2, "S": 12}
    assert covers(LGPS_TYPE, mixed) is None
    mixing = CompositionFamily("Li10+xM1+xP2−xS12", {"x": Range(0, 0.35)},
                               {"M": Placeholder("M", ("Ge", "Si", "Sn"), mixing=True)})
    assert covers(mixing, mixed) is not None


@pytest.mark.parametrize("composition, covered", [
    ({"Li": 5.5, "P": 1, "S": 4.5, "Cl": 1.5}, True),   # y = 1.5
    ({"Li": 6.5, "P": 1, "S": 5.5, "Cl": 0.5}, True),   # y = 0.5, the closed lower end
    ({"Li": 6, "P": 1, "S": 5, "Cl": 1}, True),         # Li6PS5Cl, y = 1
    ({"Li": 5, "P": 1, "S": 4, "Cl": 2}, False),        # y = 2 > 1.8
    ({"Li": 5.5, "P": 1, "S": 4.5, "Br": 1.5}, False),  # Br is not Cl
    ({"Li": 5.5, "P": 1, "S": 5, "Cl": 1.5}, False),    # not on the family's line
])
def test_argyrodite_range(composition, covered):
    family = CompositionFamily("Li7−yPS6−yCly", {"y": Range(0.5, 1.8)})
    assert (covers(family, composition) is not None) is covered


def test_open_bound_excludes_its_end():
    family = CompositionFamily("Li7−aPS6−aXa", {"a": Range(1.2, 1.8, lo_open=True)},
                               {"X": Placeholder("X", ("Cl", "Br", "I"))})
    assert covers(family, {"Li": 5.8, "P": 1, "S": 4.8, "Cl": 1.2}) is None   # a = 1.2 excluded
    assert covers(family, {"Li": 5.79, "P": 1, "S": 4.79, "Cl": 1.21}) is not None
    assert covers(family, {"Li": 5.2, "P": 1, "S": 4.2, "Br": 1.8}).substitutions == {"X": "Br"}


def test_two_variables_and_products_of_brackets():
    family = CompositionFamily("Li10+δ[SnySi1−y]1+δP2−δS12",
                               {"y": Range(0, 1, hi_open=True), "δ": Range(-0.3, 0.3)})
    assert covers(family, LI10SIP2S12).values == {"y": 0.0, "δ": 0.0}
    assert covers(family, {"Li": 10, "Sn": 1, "P": 2, "S": 12}) is None  # y = 1 excluded
    half = covers(family, {"Li": 10.2, "Sn": 0.6, "Si": 0.6, "P": 1.8, "S": 12})
    assert half is not None and half.values == {"y": 0.5, "δ": 0.2}


def test_lgps_is_x_two_thirds_of_the_thio_lisicon_family():
    family = CompositionFamily("Li(4−x)Ge(1−x)PxS4", {"x": Range(0.5, 0.7)})
    assert covers(family, {"Li": 10, "Ge": 1, "P": 2, "S": 12}).values == {"x": 0.6667}


def test_chemical_system_coverage():
    assert covers_chemsys(LGPS_TYPE, frozenset({"Li", "Si", "P", "S"})) is not None
    assert covers_chemsys(LGPS_TYPE, frozenset({"Li", "Ge", "P", "S"})) is None


def test_same_composition_is_order_and_scale_free():
    assert same_composition({"Li": 10, "Si": 1, "P": 2, "S": 12}, {"S": 6, "Li": 5, "P": 1, "Si": 0.5})
    assert not same_composition({"Li": 10, "Si": 1, "P": 2, "S": 12}, {"Li": 10, "Ge": 1, "P": 2, "S": 12})


def test_read_ranges_and_placeholders():
    ranges = read_ranges("wherein 1.2<a≤1.8, 0≤z≤0.5 and x+y>0, and y is 0.")
    assert (ranges["a"].lo, ranges["a"].hi, ranges["a"].lo_open, ranges["a"].hi_open) == (1.2, 1.8, True, False)
    assert (ranges["z"].lo, ranges["z"].hi) == (0, 0.5)
    assert (ranges["y"].lo, ranges["y"].hi) == (0, 0)
    found = read_placeholders("Li10MP2S12 (M = Si, Sn) and a halogen X", {"M", "X"})
    assert found["M"].choices == ("Si", "Sn") and not found["M"].mixing
    assert found["X"].choices == ("F", "Cl", "Br", "I")


def test_dependent_claims_inherit_and_narrow_the_family():
    doc = Document(id="DEMO-X", kind="patent", claims=(
        Claim(number=1, text="A sulfide solid electrolyte having a composition represented by "
                             "Li10+xM1+xP2−xS12 (0≤x≤0.35), wherein M is at least one element selected "
                             "from the group consisting of Ge, Si and Sn."),
        Claim(number=2, text="The material according to claim 1, wherein M is Sn.", depends_on=(1,)),
        Claim(number=3, text="A method using a raw material containing Li2S and P2S5.")))
    families = claim_families(doc)
    assert [(f.claim, f.independent) for f in families] == [(1, True), (2, False)]
    assert covers(families[0].family, LI10SIP2S12) is not None
    assert covers(families[1].family, LI10SIP2S12) is None  # narrowed to Sn
    assert covers(families[1].family, {"Li": 10, "Sn": 1, "P": 2, "S": 12}) is not None


def test_placeholder_list_in_parentheses_covers_both_analogues():
    doc = Document(id="DEMO-Y", kind="patent", claims=(
        Claim(number=1, text="An ion conductor having the composition Li10MP2S12 (M = Si, Sn)."),))
    [family] = claim_families(doc)
    assert covers(family.family, LI10SIP2S12).substitutions == {"M": "Si"}
    assert covers(family.family, {"Li": 10, "Sn": 1, "P": 2, "S": 12}).substitutions == {"M": "Sn"}
    assert covers(family.family, {"Li": 10, "Ge": 1, "P": 2, "S": 12}) is None


def test_ranges_written_in_words():
    ranges = read_ranges("wherein x is from 0 to 0.35 and y is between 1.2 and 1.6, and z is 1.")
    assert (ranges["x"].lo, ranges["x"].hi) == (0, 0.35)
    assert (ranges["y"].lo, ranges["y"].hi) == (1.2, 1.6)
    assert (ranges["z"].lo, ranges["z"].hi) == (1, 1)


def test_real_claim_with_two_letter_placeholder_and_element_class(shared_data):
    """US 2018/0000016 A1 claim 5: (Ln1-x-yCexCry)3M5O12, Ln a rare earth other than Ce,
    M at least one of Al, Ga and In, 0.0002<x<0.50, 0.0001<y<0.05."""
    from matmine.documents import read_path

    document = next(read_path(shared_data / "patents" / "uspto" / "ipa20180000016.xml"))
    [claimed] = [f for f in claim_families(document) if f.claim == 5]
    assert claimed.family.placeholders["M"].choices == ("Al", "Ga", "In")
    assert "Ce" not in claimed.family.placeholders["Ln"].choices
    yag = {"Y": 2.91, "Ce": 0.06, "Cr": 0.03, "Al": 5, "O": 12}  # x = 0.02, y = 0.01
    proof = covers(claimed.family, yag)
    assert proof.values == {"x": 0.02, "y": 0.01} and proof.substitutions == {"Ln": "Y", "M": "Al"}
    too_much_ce = {"Y": 1.17, "Ce": 1.8, "Cr": 0.03, "Al": 5, "O": 12}  # x = 0.6 ≥ 0.50
    assert covers(claimed.family, too_much_ce) is None
