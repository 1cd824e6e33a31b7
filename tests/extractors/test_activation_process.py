"""What an activation energy activates: conduction (``activation_energy``), or an
electrode process with its own property name (see matmine/extractors/activation.py).

Sentences are of the kind papers on SOFC electrodes write; the expected names and
values are worked out by hand (1 kJ/mol = 0.010364 eV).
"""

from __future__ import annotations

import pytest

from matmine.extractors.pipeline import extract_text
from matmine.extractors.properties import classify
from matmine.extractors.quantities import find_quantities


def energies(text: str, nlp) -> list[tuple[str, float]]:
    result = extract_text(text, nlp=nlp)
    return [(r.property, round(r.value, 3)) for r in result.records
            if r.property.startswith("activation_energy")]


@pytest.mark.parametrize(("text", "expected"), [
    # between the cue and the value
    ("The activation energy of the polarization resistance of the PrBaCo2O5+δ cathode was "
     "1.21 eV, whereas the activation energy for electrical conduction was 0.12 eV.",
     [("activation_energy_polarization", 1.21), ("activation_energy", 0.12)]),
    ("The apparent activation energy of the cathode polarization resistance (Rp) for "
     "LSCF-GDC was 1.45 eV.", [("activation_energy_polarization", 1.45)]),
    ("The activation energy of the oxygen surface exchange coefficient of LSCF is 1.8 eV.",
     [("activation_energy_surface_exchange", 1.8)]),
    ("The activation energy of conduction of BSCF is 0.35 eV.", [("activation_energy", 0.35)]),
    # the nearest process before the cue, in the same clause
    ("The area-specific resistance of BSCF on SDC was 0.055 Ω cm2 at 600 °C, with an "
     "activation energy of 116 kJ mol-1.", [("activation_energy_polarization", 1.202)]),
    ("Lowest cathode polarization resistance (R p = 3.92 ± 0.07 Ω cm2 at 973 K) and "
     "activation energy (E a = 1.12 ± 0.03 eV) were found for LSCF.",
     [("activation_energy_polarization", 1.12)]),
    ("The ASR of the LSM-YSZ cathode follows an Arrhenius law with Ea = 1.3 eV.",
     [("activation_energy_polarization", 1.3)]),
    ("Defects in GDC relax with an activation energy of 1.1 eV.",
     [("activation_energy_relaxation", 1.1)]),
    # conduction, or nothing said: stays activation_energy
    ("The Arrhenius plot of the ionic conductivity of Li6PS5Cl gives an activation energy "
     "of 0.38 eV.", [("activation_energy", 0.38)]),
    ("Li6PS5Cl has an activation energy of 0.38 eV.", [("activation_energy", 0.38)]),
    ("The Li+ migration energy in Li10GeP2S12 is 0.22 eV.", [("activation_energy", 0.22)]),
    # a process in another clause does not count
    ("The polarization resistance of LSCF is low; its activation energy is 0.9 eV for "
     "conduction.", [("activation_energy", 0.9)]),
    ("Although Rp was high, the conductivity of LSCF shows an activation energy of 0.4 eV.",
     [("activation_energy", 0.4)]),
    # the process named just after the value
    ("An activation energy of 149.8 kJ/mol for BSCZF indicates high catalytic activity.",
     [("activation_energy_polarization", 1.553)]),
])
def test_activation_energy_is_named_by_what_it_activates(nlp, text: str, expected) -> None:
    assert energies(text, nlp) == expected


def test_table_header_names_the_process(nlp) -> None:
    from matmine.extractors.tables import _property_of
    from matmine.extractors.units import parse_unit

    eV = parse_unit("eV")
    assert _property_of(["Ea of Rp (eV)"], eV) == "activation_energy_polarization"
    assert _property_of(["Ea (eV)"], eV) == "activation_energy"
    assert _property_of(["Ea,σ (eV)"], eV) == "activation_energy"


def test_conductivity_names_are_unchanged_by_refinement() -> None:
    sentence = "The ionic conductivity of LLZO is 0.5 mS/cm."
    q = next(q for q in find_quantities(sentence) if q.unit is not None)
    assert classify(q, sentence, 0) == ("ionic_conductivity", 1.0)


def test_a_process_named_at_the_end_of_a_list_holds_for_every_value(nlp) -> None:
    text = ("A lower activation energy (103.1 kJ mol−1) of SCNT is observed relative to that "
            "of SCN10 (105.3 kJ mol−1) and SCT20 (105.8 kJ mol−1), implying its suitability "
            "for catalysing oxygen reduction.")
    assert energies(text, nlp) == [("activation_energy_polarization", 1.069),
                                   ("activation_energy_polarization", 1.091),
                                   ("activation_energy_polarization", 1.097)]
