"""Record conditions: temperature ranges, temperatures written on the symbol, the
scope of a conductivity, raw text of "from … to …" changes, generic statements.

Expected values are worked out by hand: T/K = t/°C + 273.15, room temperature is
298.15 K (assumed).
"""

from __future__ import annotations

import json

import pytest

from matmine.extractors.pipeline import extract_text
from matmine.extractors.scopes import header_scope, scope_name
from matmine.extractors.quantities import find_quantities
from matmine.extractors.serialise import record_row
from matmine.extractors.temperatures import symbol_temperatures, temperature_fields
from matmine.models import PropertyRecord, Provenance

TITLE = "Fast lithium conduction in Li6PS5Cl\n\n"


def records(text: str, nlp, prop: str | None = None) -> list[PropertyRecord]:
    result = extract_text(text, nlp=nlp)
    return [r for r in result.records if prop is None or r.property.endswith(prop)]


# ----------------------------------------------------------------- 1. temperature ranges


@pytest.mark.parametrize(("text", "low", "high", "assumed"), [
    ("between 25 and 100 °C", 298.15, 373.15, False),
    ("25–100 °C", 298.15, 373.15, False),
    ("from 300 to 400 K", 300.0, 400.0, False),
    ("in the range 298–373 K", 298.0, 373.0, False),
    ("RT–100 °C", 298.15, 373.15, True),
    ("from room temperature to 100 °C", 298.15, 373.15, True),
    ("between RT and 80 °C", 298.15, 353.15, True),
    ("in the temperature range of 200-600 oC", 473.15, 873.15, False),
    ("25 °C–100 °C", 298.15, 373.15, False),
])
def test_temperature_range_quantities(text: str, low: float, high: float, assumed: bool) -> None:
    (t,) = [q for q in find_quantities(text) if q.kind == "temperature"]
    fields = temperature_fields(t)
    assert fields["temperature_K"] is None  # no midpoint
    assert fields["temperature_min_K"] == pytest.approx(low)
    assert fields["temperature_max_K"] == pytest.approx(high)
    assert fields["temperature_assumed"] is assumed


def test_rt_and_a_temperature_are_two_temperatures() -> None:
    # "at RT and 100 °C" lists two temperatures; it is no range
    temps = [q for q in find_quantities("at RT and 100 °C") if q.kind == "temperature"]
    assert [(q.raw, q.value_min) for q in temps] == [("RT", None), ("100 °C", None)]


@pytest.mark.parametrize(("sentence", "low", "high"), [
    ("The activation energy of Li6PS5Cl measured between 25 and 100 °C is 0.38 eV.",
     298.15, 373.15),
    ("Li6PS5Cl has an activation energy of 0.38 eV in the range 298–373 K.", 298.0, 373.0),
    ("Li6PS5Cl has an activation energy of 0.38 eV from 300 to 400 K.", 300.0, 400.0),
    ("Li6PS5Cl has an activation energy of 0.38 eV from RT–100 °C.", 298.15, 373.15),
    ("In the temperature range of 200-600 oC, Li6PS5Cl has Ea = 0.38 eV.", 473.15, 873.15),
])
def test_activation_energy_over_a_range(nlp, sentence: str, low: float, high: float) -> None:
    (r,) = records(sentence, nlp, "activation_energy")
    assert r.temperature_K is None
    assert (r.temperature_min_K, r.temperature_max_K) == (pytest.approx(low), pytest.approx(high))


def test_conductivity_over_a_range_keeps_no_midpoint(nlp) -> None:
    (r,) = records("Li6PS5Cl conducts with 1–5 mS/cm between 25 and 100 °C.", nlp)
    assert r.temperature_K is None
    assert (r.temperature_min_K, r.temperature_max_K) == (pytest.approx(298.15),
                                                          pytest.approx(373.15))
    assert r.display_temperature() == "298–373 K"


def test_single_temperature_leaves_the_range_fields_empty(nlp) -> None:
    (r,) = records("Li6PS5Cl shows 2.4 mS/cm at 25 °C.", nlp)
    assert r.temperature_K == pytest.approx(298.15)
    assert r.temperature_min_K is None and r.temperature_max_K is None


def test_display_temperature() -> None:
    p = Provenance(document_id="d", part_id="p", part_kind="paragraph", start=0, end=1)
    base = dict(document_id="d", property="activation_energy", unit="eV", raw="x", provenance=p)
    assert PropertyRecord(**base, temperature_min_K=298.0, temperature_max_K=373.0
                          ).display_temperature() == "298–373 K"
    assert PropertyRecord(**base, temperature_min_K=298.15, temperature_max_K=373.15,
                          temperature_assumed=True).display_temperature() == "298–373 K (assumed)"
    assert PropertyRecord(**base, temperature_K=300.15).display_temperature() == "300 K"
    assert PropertyRecord(**base).display_temperature() == ""


def test_record_row_serialises_range_and_scope(nlp) -> None:
    (r,) = records("Li6PS5Cl has a bulk conductivity of 1–5 mS/cm between 25 and 100 °C.", nlp)
    row = json.loads(json.dumps(record_row(r)))
    assert row["temperature_K"] is None
    assert row["temperature_min_K"] == pytest.approx(298.15)
    assert row["temperature_max_K"] == pytest.approx(373.15)
    assert row["temperature_raw"] == "between 25 and 100 °C"
    assert row["scope"] == "bulk"


# ----------------------------------------------------- 2. temperature written on the symbol


@pytest.mark.parametrize(("sentence", "kelvin", "raw", "assumed"), [
    ("Cold-pressed Li3InCl6 shows σRT = 1.49 mS cm−1 and Ea = 0.35(2) eV.", 298.15, "RT", True),
    ("Li3InCl6 shows σ25°C = 3.2 mS cm−1.", 298.15, "25°C", False),
    ("Li3InCl6 shows σ25 °C = 3.2 mS cm−1.", 298.15, "25 °C", False),
    ("Li3InCl6 shows σ_25°C = 3.2 mS cm−1.", 298.15, "25°C", False),
    ("Li3InCl6 shows σ(300 K) = 3.2 mS cm−1 after annealing at 500 °C.", 300.0, "300 K", False),
    ("Li3InCl6 shows σ298K = 3.2 mS cm−1.", 298.0, "298K", False),
    ("Li3InCl6 reaches 0.51 mS/cm (σ at 25 °C).", 298.15, "25 °C", False),
    # the symbol's temperature wins over another one later in the sentence
    ("For Li3InCl6, a σ_{30 °C} of 3.2 mS cm−1 was measured before heating to 60 °C.",
     303.15, "30 °C", False),
])
def test_temperature_on_the_symbol(nlp, sentence: str, kelvin: float, raw: str,
                                   assumed: bool) -> None:
    (r,) = records(sentence, nlp, "conductivity")
    assert r.temperature_K == pytest.approx(kelvin)
    assert r.temperature_raw == raw
    assert r.temperature_assumed is assumed


def test_symbol_temperature_beats_a_fit_range(nlp) -> None:
    text = ("An Arrhenius fit between 25 and 100 °C gives Ea = 0.29 ± 0.01 eV and "
            "σ25°C = 3.2 mS cm−1 for Li9.54Si1.74P1.44S11.7Cl0.3.")
    (ea,) = records(text, nlp, "activation_energy")
    (sigma,) = records(text, nlp, "conductivity")
    assert sigma.temperature_K == pytest.approx(298.15)
    assert sigma.temperature_min_K is None and sigma.temperature_assumed is False
    assert ea.temperature_K is None
    assert (ea.temperature_min_K, ea.temperature_max_K) == (pytest.approx(298.15),
                                                            pytest.approx(373.15))
    assert sigma.material.text == ea.material.text == "Li9.54Si1.74P1.44S11.7Cl0.3"


def test_symbol_temperature_belongs_to_its_value_only(nlp) -> None:
    # the 25 °C written with σ is not the electronic conductivity's temperature
    text = ("Li3YCl6 reaches 0.51 mS/cm (σ at 25 °C) while the electronic conductivity is "
            "below 10-9 S cm-1.")
    ionic, electronic = records(text, nlp)
    assert ionic.temperature_K == pytest.approx(298.15)
    assert electronic.property == "electronic_conductivity" and electronic.temperature_K is None


def test_symbol_without_temperature_is_no_temperature() -> None:
    text = "σ(Li6PS5Cl) = 2.5 mS/cm and σ = 1 mS/cm"
    values = [q for q in find_quantities(text) if q.kind == "conductivity"]
    assert symbol_temperatures(text, values) == []


# --------------------------------------------------------------------- 3. scope


@pytest.mark.parametrize(("sentence", "scopes"), [
    ("Li0.33La0.557TiO3 exhibits a bulk ionic conductivity of 1 × 10–3 S cm–1 at room "
     "temperature, but its total conductivity is only 7 × 10–5 S cm–1.", ["bulk", "total"]),
    ("LATP has a bulk conductivity of ~3 × 10-3 S cm-1 and a grain-boundary conductivity "
     "below 10−5 S/cm.", ["bulk", "grain_boundary"]),
    ("The grain boundary conductivity of LATP is 10−5 S/cm.", ["grain_boundary"]),
    ("For LATP, σ_bulk = 3 mS/cm, σgb = 0.01 mS/cm and σtotal = 0.5 mS/cm.",
     ["bulk", "grain_boundary", "total"]),
    ("For LATP, σb = 3 mS/cm and σtot = 0.5 mS/cm.", ["bulk", "total"]),
    ("The bulk and grain-boundary conductivities of LATP are 3 and 0.01 mS/cm, respectively.",
     ["bulk", "grain_boundary"]),
    ("LATP conducts with 3 mS/cm (bulk) and 0.01 mS/cm (grain boundary).",
     ["bulk", "grain_boundary"]),
    ("The ionic conductivity of LATP is 3 mS/cm.", [None]),
    # the scope words describe the first value only
    ("Compared to the total ionic conductivity of ZnO (0.09 S cm−1 at 550 °C), this value "
     "(0.05 S cm−1 at 550 °C) is low.", ["total", None]),
])
def test_scope(nlp, sentence: str, scopes: list[str | None]) -> None:
    assert [r.scope for r in records(sentence, nlp, "conductivity")] == scopes


def test_scopes_paired_with_respectively_keep_the_material(nlp) -> None:
    rs = records("The bulk and grain-boundary conductivities of LATP are 3 and 0.01 mS/cm, "
                 "respectively.", nlp, "conductivity")
    assert [r.material.text for r in rs] == ["LATP", "LATP"]
    rs = records("We made Li6PS5Cl. The bulk and grain-boundary conductivities are 3 and "
                 "0.01 mS/cm, respectively.", nlp, "conductivity")
    assert [r.material.formula for r in rs] == ["Li6PS5Cl", "Li6PS5Cl"]


def test_activation_energy_of_conduction_has_the_scope_of_its_conduction(nlp) -> None:
    (r,) = records("The bulk activation energy of LATP is 0.3 eV.", nlp, "activation_energy")
    assert r.scope == "bulk"
    rs = records("The bulk and grain boundary activation energies of GDC were 0.65 and 0.95 eV, "
                 "respectively.", nlp, "activation_energy")
    assert [(r.value, r.scope) for r in rs] == [(0.65, "bulk"), (0.95, "grain_boundary")]
    rs = records("The grain boundary activation energy (1.05 eV) was higher than that of the "
                 "bulk (0.72 eV) in GDC.", nlp, "activation_energy")
    assert [(r.value, r.scope) for r in rs] == [(1.05, "grain_boundary"), (0.72, "bulk")]
    (r,) = records("The activation energy of LATP is 0.3 eV.", nlp, "activation_energy")
    assert r.scope is None


def test_scope_names() -> None:
    assert [scope_name(w) for w in ("bulk", "b", "grain-boundary", "grain boundaries", "gb",
                                    "GB", "tot", "total", "overall", "ionic")] == [
        "bulk", "bulk", "grain_boundary", "grain_boundary", "grain_boundary",
        "grain_boundary", "total", "total", "total", None]
    assert header_scope("σgb (S cm−1)") == "grain_boundary"
    assert header_scope("Bulk conductivity (mS/cm)") == "bulk"
    assert header_scope("σ25 °C (mS cm−1)") is None


# ------------------------------------------------------- 4. raw text of "from … to …"


def test_from_is_no_part_of_a_single_value(nlp) -> None:
    text = ("The conductivity increases from 1.2 × 10−4 S cm−1 at 300 K to 3.4 × 10−3 S cm−1 "
            "at 400 K for Li2.9PO3.3N0.46.")
    first, second = records(text, nlp, "conductivity")
    assert first.raw == "1.2 × 10−4 S cm−1"
    assert text[first.provenance.start:first.provenance.end] == first.raw
    assert (first.value, first.temperature_K) == (pytest.approx(1.2e-4), pytest.approx(300.0))
    assert (second.raw, second.temperature_K) == ("3.4 × 10−3 S cm−1", pytest.approx(400.0))


def test_a_real_range_keeps_from() -> None:
    (q,) = find_quantities("from 0.4 eV to 0.7 eV")
    assert (q.raw, q.value_min, q.value_max) == ("from 0.4 eV to 0.7 eV", 0.4, 0.7)
    (q,) = find_quantities("from 0.21 to 0.32 eV")
    assert (q.raw, q.value_min, q.value_max) == ("from 0.21 to 0.32 eV", 0.21, 0.32)
    (q,) = [q for q in find_quantities("drops from 5 S/cm after cycling") if q.unit]
    assert q.raw == "5 S/cm"


# ------------------------------------------------------------- 5. generic statements


@pytest.mark.parametrize("sentence", [
    "Typical sulfide electrolytes show conductivities around 10−4 S/cm.",
    "Solid electrolytes need at least 1 mS/cm to compete with liquids.",
    "Generally, oxide solid electrolytes reach only 10−4 S cm−1 at room temperature.",
    "Most garnet-type oxides show conductivities of about 10−4 S/cm.",
])
def test_generic_statement_gets_no_title_compound(nlp, sentence: str) -> None:
    text = TITLE + "We made Li6PS5Cl by ball milling.\n\n" + sentence + "\n"
    (r,) = records(text, nlp, "conductivity")
    assert r.material is None
    assert r.confidence < 0.75


def test_a_sentence_about_the_sample_still_links(nlp) -> None:
    text = TITLE + "We made Li6PS5Cl by ball milling. The sample shows 2 mS/cm at 25 °C.\n"
    (r,) = records(text, nlp, "conductivity")
    assert r.material is not None and r.material.formula == "Li6PS5Cl"


# ------------------------------------------------------------------------- tables


def test_table_headers_give_scope_and_range() -> None:
    from matmine.extractors.tables import extract_table_cell
    from matmine.models import DocumentPart

    cell = DocumentPart(part_id="table:t1:r1c1", kind="table_cell", text="0.012",
                        column_headers=("σgb (mS cm−1)",), row_headers=("Li10GeP2S12",))
    (r,) = extract_table_cell("doc", cell)
    assert (r.scope, r.value) == ("grain_boundary", pytest.approx(1.2e-5))
    cell = DocumentPart(part_id="table:t1:r1c2", kind="table_cell", text="0.25",
                        column_headers=("Ea, 25–100 °C (eV)",), row_headers=("Li10GeP2S12",))
    (r,) = extract_table_cell("doc", cell)
    assert r.property == "activation_energy" and r.scope is None
    assert r.temperature_K is None
    assert (r.temperature_min_K, r.temperature_max_K) == (pytest.approx(298.15),
                                                          pytest.approx(373.15))
