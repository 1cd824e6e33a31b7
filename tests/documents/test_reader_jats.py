# ruff: noqa: E501  (expected values are quoted verbatim from the source files)
"""JATS reader against the three open-access articles in ../shared/data/papers/jats.

Expected values were read off the XML by hand.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from matmine.documents import read_bytes, read_path
from matmine.models import Document, Table

_CACHE: dict[str, Document] = {}


@pytest.fixture()
def paper(shared_data: Path):
    def read(name: str) -> Document:
        if name not in _CACHE:
            (_CACHE[name],) = list(read_path(shared_data / "papers" / "jats" / name))
        return _CACHE[name]

    return read


def _table(doc: Document, table_id: str) -> Table:
    return next(t for t in doc.tables if t.id == table_id)


def _row_of(table: Table, first_cell: str) -> int:
    return next(c.row for c in table.cells if c.column == 0 and c.text == first_cell)


@pytest.mark.shared_data
def test_elife_metadata(paper) -> None:
    doc = paper("elife-56337.xml")
    assert doc.kind == "paper" and doc.source_format == "jats"
    assert doc.id == "10.7554/elife.56337"
    assert set(doc.alternate_ids) == {"PMC7289599", "pmid:32479262"}
    assert doc.title == (
        "KRAB-zinc finger protein gene expansion in response to active retrotransposons in the murine lineage"
    )
    assert doc.abstract.startswith(
        "The Krüppel-associated box zinc finger protein (KRAB-ZFP) family diversified in mammals."
    )
    assert doc.journal == "eLife"
    assert doc.dates.published == date(2020, 6, 1)
    assert doc.dates.online == date(2020, 6, 1)
    assert doc.keywords[:3] == ("KRAB-ZFP", "transposable elements", "retrotransposons")
    authors = [p.name for p in doc.people]
    assert len(authors) == 10  # the two editors are not authors
    assert authors[0] == "Gernot Wolf" and authors[-1] == "Todd S Macfarlan"
    assert doc.people[1].affiliations == (
        "School of Life Sciences, École Polytechnique Fédérale de Lausanne (EPFL), Lausanne, Switzerland",
    )
    raws = [o.raw for o in doc.organisations]
    assert len(raws) == 2
    assert not any("Institut Curie" in r for r in raws)  # an editor's affiliation
    assert doc.content_hash == doc.compute_content_hash()


@pytest.mark.shared_data
def test_elife_nested_sections_and_paragraphs(paper) -> None:
    doc = paper("elife-56337.xml")
    by_id = {s.id: s for s in doc.sections}
    assert by_id["s1"].title == "Introduction" and by_id["s1"].level == 1
    assert by_id["s2-1"].title == "Mouse KRAB-ZFPs target retrotransposons"
    assert by_id["s2-1"].level == 2
    assert (
        by_id["s2-1"]
        .paragraphs[0]
        .text.startswith(
            "We analyzed the RNA expression profiles of mouse KRAB-ZFPs across a wide range of tissues"
        )
    )
    assert by_id["s2-1"].paragraphs[0].id == "s2-1-p1"
    # sub-articles (decision letter, author response) are not part of the body
    assert not any("decision letter" in s.title.lower() for s in doc.sections)


@pytest.mark.shared_data
def test_elife_table_with_caption_and_headers(paper) -> None:
    doc = paper("elife-56337.xml")
    table = _table(doc, "table1")
    assert table.label == "Table 1."
    assert table.caption.startswith(
        "KRAB-ZFP genes clusters in the mouse genome that were investigated in this study."
    )
    assert table.n_columns == 5
    row = _row_of(table, "Chr2")
    size = table.cell(row, 2)
    assert size.text == "3.1"
    assert size.column_headers == ("Size (Mb)",)
    assert size.row_headers == ("Chr2",)
    assert table.cell(row, 1).text == "Chr2 qH4"
    # superscript powers of ten in cells: "ChIP (1 µg/10<sup>7</sup> cells)"
    key = _table(doc, "keyresource")
    assert any(c.text.endswith("ChIP (1 µg/10^7 cells)") for c in key.cells)


@pytest.mark.shared_data
def test_pntd_metadata_sections_and_footnotes(paper) -> None:
    doc = paper("pntd.0008301.xml")
    assert doc.id == "10.1371/journal.pntd.0008301"
    assert doc.title.endswith(
        "in lymphatic filariasis elimination programs: Results of a multi-country analysis"
    )
    assert doc.journal == "PLoS Neglected Tropical Diseases"
    assert len(doc.people) == 29
    assert doc.people[0].affiliations == (
        "Global Health Division, RTI International, Washington, DC, United States of America",
    )
    assert doc.dates.published == date(2020, 6, 1)
    by_title = {s.title: s for s in doc.sections}
    assert (
        by_title["Introduction"]
        .paragraphs[0]
        .text.startswith(
            "Lymphatic filariasis (LF), a disease caused by parasitic worms transmitted to humans by mosquito bite"
        )
    )
    assert (
        by_title["Results"]
        .paragraphs[0]
        .text.startswith(
            "The overall pre-TAS pass rate for the districts included in this analysis was 87% (74 failures in 554 districts)."
        )
    )
    assert by_title["Baseline prevalence"].level == 3
    table = _table(doc, "pntd.0008301.t002")
    assert table.label == "Table 2"
    assert table.footnotes == (
        "NOTE: Table shows adjusted Risk Ratio (RR) of failing pre-TAS.",
        "Gray shading & + denote interaction terms, Bold text denotes statistically significant results with p-values ≤0.05",
    )
    row = _row_of(table, "Number of Failures")
    cell = table.cell(row, 3)
    assert cell.text == "44"
    assert cell.column_headers == ("(2)", "Only districts in Africa")
    assert cell.row_headers == ("Number of Failures",)
    assert table.cell(1, 4).text == "Only W. bancrofti parasite districts"
    assert table.cell(1, 4).is_header


@pytest.mark.shared_data
def test_pone_colspan_header_paths_and_powers_of_ten(paper) -> None:
    doc = paper("pone.0234687.xml")
    assert doc.id == "10.1371/journal.pone.0234687"
    assert (
        doc.title
        == "Potential to reduce greenhouse gas emissions through different dairy cattle systems in subtropical regions"
    )
    assert doc.journal == "PLoS ONE"
    assert doc.dates.published == date(2020, 6, 18)
    assert [p.name for p in doc.people] == [
        "Henrique M. N. Ribeiro-Filho",
        "Maurício Civiero",
        "Ermias Kebreab",
    ]
    table = _table(doc, "pone.0234687.t002")
    assert table.cell(0, 5).text == "Lactation" and table.cell(0, 5).column_span == 3
    row = _row_of(table, "DM intake, kg d-1")
    cell = table.cell(row, 6)
    assert cell.text == "17.2"
    assert cell.column_headers == ("Lactation", "TMR75")
    assert cell.row_headers == ("DM intake, kg d-1",)
    weighted = table.cell(row, 9)
    assert weighted.text == "12.9"
    assert weighted.column_headers == ("Weighted average", "TMR75")
    t1 = _table(doc, "pone.0234687.t001")
    assert t1.cell(_row_of(t1, "Milk production"), 1).text == "kg year-1"
    text = " ".join(p.text for p in doc.paragraphs)
    assert "(kg machinery mass (kg manure)-1 × 10^−3)" in text
    assert "kg CO2e" in text


def test_demo_paper_id_is_the_publisher_id() -> None:
    xml = (
        b'<?xml version="1.0"?><article><front><journal-meta><journal-title-group><journal-title>Demo'
        b"</journal-title></journal-title-group></journal-meta><article-meta>"
        b'<article-id pub-id-type="publisher-id">DEMO-A0001</article-id>'
        b"<title-group><article-title>Li<sub>10</sub>GeP<sub>2</sub>S<sub>12</sub></article-title></title-group>"
        b'<pub-date pub-type="ppub"><day>5</day><month>3</month><year>2011</year></pub-date>'
        b"</article-meta></front><body><p>Intro without section.</p></body></article>"
    )
    (doc,) = read_bytes(xml, "demo.xml")
    assert doc.id == "DEMO-A0001"
    assert doc.title == "Li10GeP2S12"
    assert doc.dates.published == date(2011, 3, 5) and doc.dates.online is None
    assert [p.text for p in doc.paragraphs] == ["Intro without section."]
