"""Records from table cells: unit and temperature from headers, material from the row."""

from __future__ import annotations

import pytest

from matmine.extractors.pipeline import extract_document
from matmine.extractors.tables import extract_table_cell, header_temperature, header_unit
from matmine.models import Document, DocumentPart, Table, TableCell


def cell(text: str, headers: tuple[str, ...], row: tuple[str, ...] = ("Li10GeP2S12",)):
    return DocumentPart(part_id="table:t1:r1c1", kind="table_cell", text=text, table_id="t1",
                        row=1, column=1, column_headers=headers, row_headers=row)


@pytest.mark.parametrize(
    ("text", "headers", "prop", "value", "kelvin"),
    [
        ("12", ("σ (mS cm−1)",), "conductivity", 0.012, None),
        ("1.2 × 10−2", ("σ25 °C / S cm−1",), "conductivity", 0.012, 298.15),
        ("0.25", ("Ea (eV)",), "activation_energy", 0.25, None),
        ("24", ("Ea (kJ mol−1)",), "activation_energy", 24 * 0.010364269656262175, None),
        ("3.1", ("σ at 300 K (mS/cm)",), "conductivity", 0.0031, 300.0),
        ("−2.5", ("log σ (S cm−1)",), "conductivity", 10 ** -2.5, None),
        ("4.1", ("Ionic conductivity", "RT (mS cm−1)"), "ionic_conductivity", 0.0041, 298.15),
        ("7 mS/cm", ("Conductivity",), "conductivity", 0.007, None),
    ],
)
def test_header_units_and_temperatures(text, headers, prop, value, kelvin) -> None:
    (r,) = extract_table_cell("D1", cell(text, headers))
    assert r.property == prop
    assert r.value == pytest.approx(value, rel=1e-6)
    if kelvin is None:
        assert r.temperature_K is None
    else:
        assert r.temperature_K == pytest.approx(kelvin)
    assert r.material is not None and r.material.formula == "Li10GeP2S12"
    assert r.provenance.part_id == "table:t1:r1c1"


def test_cells_that_are_not_property_values() -> None:
    assert extract_table_cell("D1", cell("12", ("Thickness (μm)",))) == []
    assert extract_table_cell("D1", cell("n/a", ("σ (mS cm−1)",))) == []
    assert extract_table_cell("D1", cell("12", ())) == []
    assert extract_table_cell("D1", cell("3.2", ("Band gap (eV)",))) == []


def test_header_helpers() -> None:
    unit, raw = header_unit(("σ (mS cm−1)",))
    assert unit.factor == pytest.approx(1e-3) and raw == "mS cm−1"
    assert header_temperature(("σ25 °C / S cm−1",)).value == pytest.approx(298.15)


def test_table_in_a_document_with_temperature_column(nlp) -> None:
    cells = (
        TableCell(row=0, column=0, text="Sample", is_header=True),
        TableCell(row=0, column=1, text="T (°C)", is_header=True),
        TableCell(row=0, column=2, text="σ (S cm−1)", is_header=True),
        TableCell(row=1, column=0, text="Li6PS5Cl", column_headers=("Sample",)),
        TableCell(row=1, column=1, text="25", column_headers=("T (°C)",),
                  row_headers=("Li6PS5Cl",)),
        TableCell(row=1, column=2, text="2.4 × 10−3", column_headers=("σ (S cm−1)",),
                  row_headers=("Li6PS5Cl",)),
    )
    doc = Document(id="D2", kind="paper", tables=(Table(id="t1", cells=cells, n_rows=2,
                                                        n_columns=3),))
    (r,) = extract_document(doc, nlp).records
    assert r.value == pytest.approx(2.4e-3)
    assert r.temperature_K == pytest.approx(298.15)
    assert r.material.composition == {"Li": 6.0, "P": 1.0, "S": 5.0, "Cl": 1.0}
    assert r.provenance.part_id == "table:t1:r1c2"


def _row(texts: list[str], headers: list[str], row_header: str = "") -> list[DocumentPart]:
    return [DocumentPart(part_id=f"table:t1:r1c{i}", kind="table_cell", text=t, table_id="t1",
                         row=1, column=i, column_headers=(h,),
                         row_headers=(row_header,) if i and row_header else ())
            for i, (t, h) in enumerate(zip(texts, headers))]


def test_sigma_rt_header_is_room_temperature() -> None:
    (r,) = extract_table_cell("doc", cell("3.2", ("σRT (mS cm−1)",)))
    assert r.value == pytest.approx(0.0032)
    assert r.temperature_K == pytest.approx(298.15) and r.temperature_assumed is True


def test_patent_table_sample_label_temperature_column_and_composition_column() -> None:
    # Sample | Composition | Measurement temperature (° C.) | σ (mS/cm) | Ea (eV)
    row = _row(["Example 1", "Li10GeP2S12", "27", "12", "0.25"],
               ["Sample", "Composition", "Measurement temperature (° C.)",
                "Ionic conductivity (mS/cm)", "Activation energy (eV)"], "Example 1")
    (sigma,) = extract_table_cell("doc", row[3], None, row)
    assert sigma.value == pytest.approx(0.012)
    assert sigma.temperature_K == pytest.approx(300.15)
    assert sigma.material.formula == "Li10GeP2S12" and sigma.material.abbreviation == "Example 1"
    (ea,) = extract_table_cell("doc", row[4], None, row)
    assert ea.value == pytest.approx(0.25)
    assert ea.temperature_K is None  # an activation energy has no single temperature


def test_process_temperature_column_is_not_the_measuring_temperature() -> None:
    row = _row(["Li6PS5Cl", "550", "1.9"],
               ["Composition", "Sintering temperature (°C)", "σ (mS/cm)"])
    (r,) = extract_table_cell("doc", row[2], None, row)
    assert r.temperature_K is None


def test_table_range_has_no_value() -> None:
    (r,) = extract_table_cell("doc", cell("1–4", ("σ (mS cm−1)",)))
    assert r.value is None
    assert (r.value_min, r.value_max) == (pytest.approx(0.001), pytest.approx(0.004))


def _series_table(caption: str, labels: list[str], x_column: bool) -> Document:
    header = ["x", "σ25 °C (mS cm−1)", "a (Å)"] if x_column else ["Sample", "σ25 °C (mS cm−1)",
                                                                    "a (Å)"]
    cells = [TableCell(row=0, column=i, text=h, is_header=True) for i, h in enumerate(header)]
    for r, (label, sigma, a) in enumerate(zip(labels, ["0.12", "0.51"], ["12.99", "12.95"]),
                                          start=1):
        cells.append(TableCell(row=r, column=0, text=label, column_headers=(header[0],)))
        cells.append(TableCell(row=r, column=1, text=sigma, column_headers=(header[1],),
                               row_headers=(label,)))
        cells.append(TableCell(row=r, column=2, text=a, column_headers=(header[2],),
                               row_headers=(label,)))
    return Document(id="D4", kind="paper", tables=(Table(
        id="t1", caption=caption, cells=tuple(cells), n_rows=3, n_columns=3),))


@pytest.mark.parametrize(("labels", "x_column"), [
    (["x = 0.25", "x = 0.5"], False),   # rows labelled with the value
    (["0.25", "0.5"], True),            # an "x" column
])
def test_rows_of_a_caption_series_get_their_composition(nlp, labels, x_column) -> None:
    doc = _series_table("Conductivity and lattice parameter of Li7−xLa3Zr2−xTaxO12 garnets.",
                        labels, x_column)
    result = extract_document(doc, nlp)
    # x = 0.25: Li 6.75, Zr 1.75, Ta 0.25; x = 0.5: Li 6.5, Zr 1.5, Ta 0.5 (La 3, O 12)
    expected = [{"Li": 6.75, "La": 3.0, "Zr": 1.75, "Ta": 0.25, "O": 12.0},
                {"Li": 6.5, "La": 3.0, "Zr": 1.5, "Ta": 0.5, "O": 12.0}]
    assert [r.material.composition for r in result.records] == expected
    assert [r.value for r in result.records] == [pytest.approx(1.2e-4), pytest.approx(5.1e-4)]
    assert [s.material.composition for s in result.structures
            if s.kind == "lattice_parameter"] == expected


def test_a_caption_without_a_series_changes_nothing(nlp) -> None:
    doc = _series_table("Conductivity of the garnet samples.", ["x = 0.25", "x = 0.5"], False)
    records = extract_document(doc, nlp).records
    assert [r.material.text for r in records] == ["x = 0.25", "x = 0.5"]
    assert all(not r.material.composition for r in records)
