# ruff: noqa: E501  (expected values are quoted verbatim from the source files)
"""CALS table parsing: the four-tgroup fragment from US 2018/0000016 and small built tables."""

from __future__ import annotations

from pathlib import Path

import pytest

from matmine.documents.cals import parse_cals_table
from matmine.documents.xmlsafe import parse_xml
from matmine.models import Table


@pytest.fixture()
def fragment_table(shared_data: Path) -> Table:
    root = parse_xml(
        (shared_data / "patents" / "fragments" / "tables_ipa20180000016.xml").read_bytes()
    )
    tables = parse_cals_table(root, table_id="TABLE-US-00001")
    assert len(tables) == 1
    return tables[0]


def _row(table: Table, first_cell: str) -> int:
    return next(c.row for c in table.cells if c.column == 0 and c.text == first_cell)


@pytest.mark.shared_data
def test_fragment_merges_four_tgroups_on_one_grid(fragment_table: Table) -> None:
    table = fragment_table
    assert table.label == "TABLE 1"  # the full-width title row
    assert table.n_columns == 10  # the data tgroup's columns
    example2 = _row(table, "Example 2")
    texts = [table.cell(example2, c).text for c in range(10)]
    assert texts == ["Example 2", "50", "10", "28.5", "67.1", "21.7", "2.4", "3.1", "34.0", "450.0"]


@pytest.mark.shared_data
def test_fragment_header_paths_follow_column_positions(fragment_table: Table) -> None:
    table = fragment_table
    row = _row(table, "Comparative")
    # "Photon flux" (tgroup 1) / "density" + unit (tgroup 2) span the B, R, FR columns (tgroup 3)
    b = table.cell(row, 3)
    assert b.text == "35.5"
    assert b.column_headers == ("Photon flux", "density", "(μmol · m−2 · s−1)", "B")
    assert table.cell(row, 5).column_headers[-1] == "FR"
    assert table.cell(row, 5).column_headers[0] == "Photon flux"
    ratio = table.cell(row, 6)
    assert ratio.text == "2.5"
    assert ratio.column_headers == ("Ratio of", "photon", "flux densities", "R/B")
    weight = table.cell(row, 8)
    assert weight.text == "26.2"
    assert weight.column_headers == ("Fresh weight", "(Edible part)", "(g)")
    nitrate = table.cell(row, 9)
    assert nitrate.text == "361.2"
    assert nitrate.column_headers == ("Nitrate nitrogen", "content", "(mg/100 g)")
    # "Example 1" appears twice in the source: a bare row, then the row with its values
    first = next(c for c in table.cells if c.column == 1 and c.text == "60")
    assert first.column_headers[:2] == ("Fluorescent material", "(parts by mass)")
    assert first.column_headers[-1] == "(MGF/CASN = 95:5)"
    assert first.row_headers == ("Example 1",)


@pytest.mark.shared_data
def test_fragment_header_cells_are_headers_and_data_cells_are_parts(fragment_table: Table) -> None:
    table = fragment_table
    headers = {c.text for c in table.cells if c.is_header}
    assert {"Fluorescent material", "Photon flux", "Ratio of", "B", "R/FR", "(g)"} <= headers
    assert "35.5" not in headers
    assert not any(c.text == "" for c in table.cells)  # ruling rows and empty entries dropped


def _cals(body: str) -> bytes:
    return f"<table><tgroup cols='3'><colspec colname='1'/><colspec colname='2'/><colspec colname='3'/>{body}</tgroup></table>".encode()


def test_thead_rows_are_headers_and_first_column_is_row_header() -> None:
    xml = _cals(
        "<thead><row><entry>Sample</entry><entry namest='2' nameend='3'>σ (S cm<sup>−1</sup>)</entry></row>"
        "<row><entry/><entry>25 °C</entry><entry>60 °C</entry></row></thead>"
        "<tbody><row><entry>Li<sub>10</sub>GeP<sub>2</sub>S<sub>12</sub></entry>"
        "<entry>1.2 × 10<sup>−2</sup></entry><entry>3.0</entry></row></tbody>"
    )
    (table,) = parse_cals_table(parse_xml(xml), table_id="T")
    cell = table.cell(2, 1)
    assert cell.text == "1.2 × 10^−2"
    assert cell.column_headers == ("σ (S cm−1)", "25 °C")
    assert cell.row_headers == ("Li10GeP2S12",)
    assert table.cell(0, 1).column_span == 2


def test_morerows_and_a_second_titled_table_in_the_same_element() -> None:
    xml = _cals(
        "<tbody><row><entry namest='1' nameend='3'>TABLE 1</entry></row>"
        "<row><entry morerows='1'>A</entry><entry>1</entry><entry>2</entry></row>"
        "<row><entry colname='2'>3</entry><entry>4</entry></row>"
        "<row><entry namest='1' nameend='3'>TABLE 2</entry></row>"
        "<row><entry>B</entry><entry>5</entry><entry>6</entry></row></tbody>"
    )
    first, second = parse_cals_table(parse_xml(xml), table_id="T")
    assert (first.id, first.label, second.id, second.label) == ("T", "TABLE 1", "T-2", "TABLE 2")
    assert first.cell(0, 0).row_span == 2
    assert first.cell(1, 1).text == "3"
    assert first.cell(1, 1).row_headers == ("A",)  # covered by the row-spanning first cell
    assert second.cell(0, 2).text == "6"


def test_html_table_rowspan_colspan_and_body_th() -> None:
    from matmine.documents.tablegrid import parse_html_table

    xml = (
        "<table><thead><tr><th rowspan='2'>Sample</th><th colspan='2'>σ (S/cm)</th></tr>"
        "<tr><th>25 °C</th><th>60 °C</th></tr></thead>"
        "<tbody><tr><th rowspan='2'>LGPS</th><td>1.2 × 10<sup>−2</sup></td><td>0.03</td></tr>"
        "<tr><td>0.011</td><td>0.029</td></tr></tbody></table>"
    )
    table = parse_html_table(parse_xml(xml.encode()), table_id="t")
    assert (table.n_rows, table.n_columns) == (4, 3)
    cell = table.cell(3, 2)
    assert cell.text == "0.029"
    assert cell.column_headers == ("σ (S/cm)", "60 °C")
    assert cell.row_headers == ("LGPS",)  # from the row-spanning <th> above
    assert table.cell(2, 1).text == "1.2 × 10^−2"
    assert table.cell(2, 0).is_header and table.cell(0, 0).row_span == 2
