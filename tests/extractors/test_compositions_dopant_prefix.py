"""An element hyphenated to a host: a dopant ("Ga-LLZO") or the metal of a cermet ("Ni-YSZ").

The rule (``matmine.extractors.dopants.is_dopant_prefix``): a dopant when the host
carries a conductor ion, Li or Na, that is not the prefix itself; otherwise a mixture.
Expected values by hand: LLZO is Li7La3Zr2O12 in the lexicon; YSZ is
(ZrO2)0.92(Y2O3)0.08, so Ni-YSZ is Ni 1 + Zr 0.92 + Y 0.16 + O (1.84 + 0.24 = 2.08).
"""

from __future__ import annotations

import pytest

from matmine.extractors.compositions import parse_material
from matmine.extractors.dopants import Dopant, is_dopant_prefix, split_dopant_prefix

LLZO = {"Li": 7, "La": 3, "Zr": 2, "O": 12}
NI_YSZ = {"Ni": 1, "Zr": 0.92, "Y": 0.16, "O": 2.08}


@pytest.mark.parametrize(
    ("text", "composition", "dopants"),
    [
        ("Ga-LLZO", LLZO, ("Ga",)),
        ("Al-LLZO", LLZO, ("Al",)),
        ("Gallium-LLZO", LLZO, ("Ga",)),
        ("Al,Ga-LLZO", LLZO, ("Al", "Ga")),
        ("Al-Li7La3Zr2O12", LLZO, ("Al",)),
        ("Nb-LLTO", {"Li": 0.33, "La": 0.56, "Ti": 1, "O": 3}, ("Nb",)),
        ("Mg-NZSP", {"Na": 3, "Zr": 2, "Si": 2, "P": 1, "O": 12}, ("Mg",)),
        # another alkali ion than the host's is a dopant too
        ("Na-LLZO", LLZO, ("Na",)),
        # the same reading as the phrase written out
        ("Ga-doped LLZO", LLZO, ("Ga",)),
    ],
)
def test_element_before_a_li_or_na_conductor_is_a_dopant(
    text: str, composition: dict[str, float], dopants: tuple[str, ...]
) -> None:
    m = parse_material(text)
    assert m.error is None
    assert m.composition == pytest.approx(composition)
    assert m.dopants == dopants


def test_prefixed_lexicon_entry_keeps_its_own_composition() -> None:
    # "Ta-LLZO" is listed as a variant of LLZTO, Li6.4La3Zr1.4Ta0.6O12
    m = parse_material("Ta-LLZO")
    assert m.composition == pytest.approx({"Li": 6.4, "La": 3, "Zr": 1.4, "Ta": 0.6, "O": 12})
    assert m.dopants == ("Ta",)


@pytest.mark.parametrize(
    ("text", "composition"),
    [
        ("Ni-YSZ", NI_YSZ),  # a cermet: Ni + YSZ
        ("Ni-8YSZ", NI_YSZ),  # 8 mol% Y2O3 is the lexicon's YSZ
        ("Cu-GDC", {"Cu": 1, "Ce": 0.9, "Gd": 0.1, "O": 1.95}),
        ("Ni-BZY", {"Ni": 1, "Ba": 1, "Zr": 0.8, "Y": 0.2, "O": 3}),
        # Li metal against LLZO: 7 + 1 = 8 Li
        ("Li-LLZO", {"Li": 8, "La": 3, "Zr": 2, "O": 12}),
        # ("Li2S-P2S5" is a pseudo-binary system, not a composite: an error without a
        # ratio, see test_compositions_session4_fixes.py)
        ("LSCF-GDC", {"La": 0.6, "Sr": 0.4, "Co": 0.2, "Fe": 0.8, "Ce": 0.9, "Gd": 0.1,
                      "O": 4.95}),
    ],
)
def test_composites_stay_mixtures(text: str, composition: dict[str, float]) -> None:
    m = parse_material(text)
    assert m.composition == pytest.approx(composition)
    assert m.dopants == ()


def test_split_dopant_prefix_is_syntax_only() -> None:
    assert split_dopant_prefix("Ga-LLZO") == ([Dopant("Ga")], "LLZO")
    assert split_dopant_prefix("Ni-YSZ") == ([Dopant("Ni")], "YSZ")
    assert split_dopant_prefix("Li2S-P2S5") is None  # a count: a formula, not a prefix
    assert split_dopant_prefix("Garnet-LLZO") is None  # not an element name
    assert split_dopant_prefix("Ga-doped LLZO") is None


def test_is_dopant_prefix_needs_a_conductor_ion_other_than_the_prefix() -> None:
    assert is_dopant_prefix([Dopant("Ga")], {"Li", "La", "Zr", "O"})
    assert not is_dopant_prefix([Dopant("Ni")], {"Zr", "Y", "O"})
    assert not is_dopant_prefix([Dopant("Li")], {"Li", "La", "Zr", "O"})
