"""A value read from a table cell keeps the headers that give it meaning."""

from __future__ import annotations

from matmine.extractors.serialise import record_row
from matmine.extractors.tables import extract_table_cell
from matmine.models import DocumentPart


def _cell(text: str, columns: tuple[str, ...], rows: tuple[str, ...]) -> DocumentPart:
    return DocumentPart(part_id="table:T1:r2c3", kind="table_cell", text=text,
                        column_headers=columns, row_headers=rows)


def test_cell_record_context_names_row_and_column_headers() -> None:
    part = _cell("9.4", ("Ionic conductivity", "(mS/cm) at 25° C."), ("Example 1",))
    (record,) = extract_table_cell("DEMO", part)
    assert record.value == 0.0094
    assert record.provenance.context == "Example 1 | Ionic conductivity / (mS/cm) at 25° C."
    assert record_row(record)["context"] == record.provenance.context


def test_cell_without_row_header_has_column_context_only() -> None:
    part = _cell("0.25", ("Ea (eV)",), ())
    (record,) = extract_table_cell("DEMO", part)
    assert record.property == "activation_energy"
    assert record.provenance.context == "Ea (eV)"
