"""Structure facts read from table cells: the column header says what the cell holds."""

from __future__ import annotations

import pytest

from matmine.extractors.table_structures import extract_table_structures
from matmine.models import DocumentPart


def cell(text: str, header: str, row: str = "Li3YCl6") -> DocumentPart:
    return DocumentPart(part_id="table:t1:r1c2", kind="table_cell", text=text,
                        column_headers=(header,), row_headers=(row,))


@pytest.mark.parametrize("header", ["Space group", "S.G.", "space-group symbol"])
def test_space_group_column(header: str) -> None:
    (fact,) = extract_table_structures("doc", cell("P-3m1", header))
    assert (fact.kind, fact.space_group_number, fact.crystal_system) == (
        "space_group", 164, "trigonal")
    assert fact.material.formula == "Li3YCl6"
    assert fact.provenance.context.startswith("Li3YCl6")


def test_crystal_system_and_symmetry_columns() -> None:
    (fact,) = extract_table_structures("doc", cell("Rhombohedral", "Crystal system"))
    assert (fact.kind, fact.crystal_system) == ("crystal_system", "trigonal")
    (fact,) = extract_table_structures("doc", cell("C2/m", "Symmetry"))
    assert (fact.kind, fact.space_group_number) == ("space_group", 12)


def test_structure_type_column() -> None:
    (fact,) = extract_table_structures("doc", cell("cubic garnet", "Structure type",
                                                   row="Li7La3Zr2O12"))
    assert (fact.kind, fact.structure_type) == ("structure_type", "garnet")
    assert extract_table_structures("doc", cell("unknown", "Structure")) == []


@pytest.mark.parametrize(("header", "text", "expected"), [
    ("a (Å)", "12.97(1)", ("a", 12.97, 0.01, "Å")),
    ("c / nm", "1.2636", ("c", 12.636, None, "Å")),
    ("Lattice parameter a (Å)", "8.71 ± 0.02", ("a", 8.71, 0.02, "Å")),
    ("β (°)", "101.5", ("beta", 101.5, None, "°")),
    ("V (Å3)", "655.3", ("V", 655.3, None, "Å³")),
    ("Cell volume (nm³)", "2.1836", ("V", 2183.6, None, "Å³")),
])
def test_lattice_parameter_columns(header: str, text: str, expected: tuple) -> None:
    (fact,) = extract_table_structures("doc", cell(text, header))
    assert fact.kind == "lattice_parameter"
    assert (fact.parameter, fact.value, fact.error, fact.unit) == (
        expected[0], pytest.approx(expected[1]),
        None if expected[2] is None else pytest.approx(expected[2]), expected[3])


@pytest.mark.parametrize(("header", "text"), [
    ("σ (mS cm−1)", "1.2"),     # a property column: a record, not a structure fact
    ("a (Å)", "n/a"),           # no number
    ("a (°)", "12.1"),          # a length with an angle unit
    ("Space group", "cubic phase with some disorder and more words than a symbol"),
    ("Sample", "P-3m1"),        # a symbol in a column that does not say so
])
def test_cells_that_hold_no_structure_fact(header: str, text: str) -> None:
    assert extract_table_structures("doc", cell(text, header)) == []


def test_structure_columns_of_a_document_table_become_structure_facts(nlp) -> None:
    from matmine.extractors.pipeline import extract_document
    from matmine.models import Document, Table, TableCell

    header = ("Composition", "σ (mS cm−1)", "Space group", "a (Å)")
    cells = [TableCell(row=0, column=i, text=h, is_header=True) for i, h in enumerate(header)]
    for r, row in enumerate((("Li3YCl6", "0.51", "P-3m1", "11.21"),
                             ("Li3InCl6", "1.49", "C2/m", "6.41(2)")), start=1):
        cells.append(TableCell(row=r, column=0, text=row[0], column_headers=(header[0],)))
        cells.extend(TableCell(row=r, column=c, text=row[c], column_headers=(header[c],),
                               row_headers=(row[0],)) for c in (1, 2, 3))
    doc = Document(id="D3", kind="paper", tables=(Table(id="t1", cells=tuple(cells), n_rows=3,
                                                        n_columns=4),))
    result = extract_document(doc, nlp)
    assert [(r.material.formula, r.value) for r in result.records] == [
        ("Li3YCl6", pytest.approx(5.1e-4)), ("Li3InCl6", pytest.approx(1.49e-3))]
    facts = [(s.material.formula, s.kind, s.space_group_number or s.value)
             for s in result.structures]
    assert facts == [("Li3YCl6", "space_group", 164), ("Li3YCl6", "lattice_parameter", 11.21),
                     ("Li3InCl6", "space_group", 12),
                     ("Li3InCl6", "lattice_parameter", pytest.approx(6.41))]
    assert result.structures[3].error == pytest.approx(0.02)
    assert result.structures[0].provenance.part_id == "table:t1:r1c2"
