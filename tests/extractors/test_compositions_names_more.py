"""Chemical names a tester found misread: ternary oxides ("lanthanum zirconate"),
interstitial nitrides and carbides, usual oxidation states, British spellings,
mixed valence and common names.

Expected compositions are the compounds a chemist means by each name (pyrochlore
La2Zr2O7, perovskite LaAlO3, spinel CoFe2O4, rock-salt TiN …), worked out by hand.
"""

from __future__ import annotations

import pytest

from matmine.extractors.compositions import parse_material
from matmine.extractors.material_mentions import find_material_mentions
from matmine.extractors.material_names import name_to_formula


def composition_of(name: str) -> dict[str, float]:
    material = parse_material(name)
    assert material.error is None, material.error
    return material.composition


TERNARY_OXIDES = [
    # B(IV) "-ate" with a rare-earth cation: pyrochlore A2B2O7
    ("lanthanum zirconate", {"La": 2, "Zr": 2, "O": 7}),
    ("gadolinium zirconate", {"Gd": 2, "Zr": 2, "O": 7}),
    ("yttrium titanate", {"Y": 2, "Ti": 2, "O": 7}),
    ("gadolinium titanate", {"Gd": 2, "Ti": 2, "O": 7}),
    ("lanthanum stannate", {"La": 2, "Sn": 2, "O": 7}),
    ("gadolinium hafnate", {"Gd": 2, "Hf": 2, "O": 7}),
    # B(III) "-ate"/"-ite" with a 3+ cation: perovskite ABO3
    ("lanthanum aluminate", {"La": 1, "Al": 1, "O": 3}),
    ("yttrium aluminate", {"Y": 1, "Al": 1, "O": 3}),
    ("lanthanum gallate", {"La": 1, "Ga": 1, "O": 3}),
    ("lanthanum ferrite", {"La": 1, "Fe": 1, "O": 3}),
    ("lanthanum chromite", {"La": 1, "Cr": 1, "O": 3}),
    ("lanthanum manganite", {"La": 1, "Mn": 1, "O": 3}),
    ("lanthanum cobaltite", {"La": 1, "Co": 1, "O": 3}),
    ("lanthanum nickelate", {"La": 1, "Ni": 1, "O": 3}),
    ("bismuth ferrite", {"Bi": 1, "Fe": 1, "O": 3}),
    # gallate, like aluminate, is MO2− with 1+ and 2+ cations
    ("lithium gallate", {"Li": 1, "Ga": 1, "O": 2}),
    ("zinc gallate", {"Zn": 1, "Ga": 2, "O": 4}),
    # ferrites of 2+ metals are spinels; Li, Ba are their own compounds
    ("cobalt ferrite", {"Co": 1, "Fe": 2, "O": 4}),
    ("nickel ferrite", {"Ni": 1, "Fe": 2, "O": 4}),
    ("zinc ferrite", {"Zn": 1, "Fe": 2, "O": 4}),
    ("manganese ferrite", {"Mn": 1, "Fe": 2, "O": 4}),
    ("lithium ferrite", {"Li": 1, "Fe": 5, "O": 8}),
    ("barium ferrite", {"Ba": 1, "Fe": 12, "O": 19}),
    ("barium cerate", {"Ba": 1, "Ce": 1, "O": 3}),
    # these were right and stay so
    ("lithium aluminate", {"Li": 1, "Al": 1, "O": 2}),
    ("magnesium aluminate", {"Mg": 1, "Al": 2, "O": 4}),
    ("barium titanate", {"Ba": 1, "Ti": 1, "O": 3}),
    ("strontium titanate", {"Sr": 1, "Ti": 1, "O": 3}),
    ("lithium titanate", {"Li": 2, "Ti": 1, "O": 3}),
    ("barium zirconate", {"Ba": 1, "Zr": 1, "O": 3}),
]

NITRIDES_AND_CARBIDES = [
    ("titanium nitride", {"Ti": 1, "N": 1}),
    ("zirconium nitride", {"Zr": 1, "N": 1}),
    ("hafnium nitride", {"Hf": 1, "N": 1}),
    ("niobium nitride", {"Nb": 1, "N": 1}),
    ("vanadium nitride", {"V": 1, "N": 1}),
    ("chromium nitride", {"Cr": 1, "N": 1}),
    ("vanadium carbide", {"V": 1, "C": 1}),
    ("titanium carbide", {"Ti": 1, "C": 1}),
    ("zirconium carbide", {"Zr": 1, "C": 1}),
    ("niobium carbide", {"Nb": 1, "C": 1}),
    ("tantalum carbide", {"Ta": 1, "C": 1}),
    ("tungsten carbide", {"W": 1, "C": 1}),
    ("boron carbide", {"B": 4, "C": 1}),
    ("silicon carbide", {"Si": 1, "C": 1}),
    ("molybdenum carbide", {"Mo": 2, "C": 1}),
    ("iron carbide", {"Fe": 3, "C": 1}),
    ("aluminium nitride", {"Al": 1, "N": 1}),
    ("aluminum nitride", {"Al": 1, "N": 1}),
    ("boron nitride", {"B": 1, "N": 1}),
    ("gallium nitride", {"Ga": 1, "N": 1}),
    ("silicon nitride", {"Si": 3, "N": 4}),
    ("lithium nitride", {"Li": 3, "N": 1}),
]

USUAL_COMPOUNDS = [
    ("iron nitrate", {"Fe": 1, "N": 3, "O": 9}),
    ("iron nitrate nonahydrate", {"Fe": 1, "N": 3, "O": 18, "H": 18}),
    ("iridium oxide", {"Ir": 1, "O": 2}),
    ("ruthenium oxide", {"Ru": 1, "O": 2}),
    ("ammonium molybdate", {"N": 6, "H": 24, "Mo": 7, "O": 24}),
    ("ammonium molybdate tetrahydrate", {"N": 6, "H": 32, "Mo": 7, "O": 28}),
    ("cobalt(II,III) oxide", {"Co": 3, "O": 4}),
    ("iron(II,III) oxide", {"Fe": 3, "O": 4}),
    # a stated oxidation state still wins; these stay as they were
    ("iron(II) nitrate", {"Fe": 1, "N": 2, "O": 6}),
    ("manganese (II) nitrate", {"Mn": 1, "N": 2, "O": 6}),
    ("manganese oxide", {"Mn": 1, "O": 1}),
    ("sodium molybdate", {"Na": 2, "Mo": 1, "O": 4}),
]

BRITISH_SPELLINGS = [
    ("aluminium oxide", {"Al": 2, "O": 3}),
    ("aluminium nitrate nonahydrate", {"Al": 1, "N": 3, "O": 18, "H": 18}),
    ("aluminum oxide", {"Al": 2, "O": 3}),
]

COMMON_NAMES = [
    ("lithium iron phosphate", {"Li": 1, "Fe": 1, "P": 1, "O": 4}),
    ("lithium cobalt oxide", {"Li": 1, "Co": 1, "O": 2}),
    ("lithium manganese oxide", {"Li": 1, "Mn": 2, "O": 4}),
    ("lithium nickel oxide", {"Li": 1, "Ni": 1, "O": 2}),
    ("lanthana", {"La": 2, "O": 3}),
    ("thoria", {"Th": 1, "O": 2}),
    ("vanadia", {"V": 2, "O": 5}),
    ("niobia", {"Nb": 2, "O": 5}),
    ("tantala", {"Ta": 2, "O": 5}),
    ("chromia", {"Cr": 2, "O": 3}),
    ("urania", {"U": 1, "O": 2}),
    ("lime", {"Ca": 1, "O": 1}),
    ("quicklime", {"Ca": 1, "O": 1}),
    ("boric acid", {"H": 3, "B": 1, "O": 3}),
    ("phosphoric acid", {"H": 3, "P": 1, "O": 4}),
    ("citric acid", {"C": 6, "H": 8, "O": 7}),
    ("fluorite", {"Ca": 1, "F": 2}),
    ("calcite", {"Ca": 1, "C": 1, "O": 3}),
    ("zircon", {"Zr": 1, "Si": 1, "O": 4}),
    ("periclase", {"Mg": 1, "O": 1}),
    ("baddeleyite", {"Zr": 1, "O": 2}),
    ("hydroxyapatite", {"Ca": 10, "P": 6, "O": 26, "H": 2}),
    ("yttrium iron garnet", {"Y": 3, "Fe": 5, "O": 12}),
    ("gadolinium gallium garnet", {"Gd": 3, "Ga": 5, "O": 12}),
    ("yttrium aluminium garnet", {"Y": 3, "Al": 5, "O": 12}),
    ("yttrium aluminum garnet", {"Y": 3, "Al": 5, "O": 12}),
    ("gadolinium aluminium borate", {"Gd": 1, "Al": 3, "B": 4, "O": 12}),
    ("lithium triflate", {"Li": 1, "C": 1, "F": 3, "S": 1, "O": 3}),
]


@pytest.mark.parametrize(
    ("name", "expected"),
    TERNARY_OXIDES + NITRIDES_AND_CARBIDES + USUAL_COMPOUNDS + BRITISH_SPELLINGS + COMMON_NAMES,
)
def test_name_gives_the_compound_a_chemist_means(name: str, expected: dict[str, float]) -> None:
    assert composition_of(name) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("name", "formula"),
    [
        ("lanthanum zirconate", "La2Zr2O7"),
        ("magnesium aluminate", "MgAl2O4"),
        ("titanium nitride", "TiN"),
        ("iron nitrate nonahydrate", "Fe(NO3)3·9H2O"),
        ("cobalt(II,III) oxide", "Co3O4"),
        ("aluminium nitride", "AlN"),
    ],
)
def test_formula_written_as_chemists_write_it(name: str, formula: str) -> None:
    assert name_to_formula(name) == formula


@pytest.mark.parametrize(
    "name",
    [
        "strontium ferrite",  # SrFe12O19 (magnets) or SrFeO3−δ (fuel cells)
        "bismuth titanate",  # Bi4Ti3O12, not a pyrochlore
        "calcium manganite",  # CaMnO3 or Ca2MnO4
        "strontium cobaltite",  # SrCoO3−δ or Sr2Co2O5
    ],
)
def test_names_with_two_meanings_are_not_guessed(name: str) -> None:
    assert name_to_formula(name) is None


def test_fluorite_in_prose_is_a_structure_type_not_calcium_fluoride() -> None:
    mentions = find_material_mentions("CeO2 has the fluorite structure.")
    assert [m.text for m in mentions] == ["CeO2"]
