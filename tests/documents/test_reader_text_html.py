# ruff: noqa: E501  (expected values are quoted verbatim from the source files)
"""Plain-text and HTML readers."""

from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path

import pytest

from matmine.documents import read_bytes, read_path


def _one(data: bytes, name: str = "doc.txt"):
    (doc,) = list(read_bytes(data, name))
    return doc


def test_text_header_block() -> None:
    data = (
        "ID: DEMO-T0001\nTitle: Li10GeP2S12, a superionic conductor\nKind: paper\n"
        "Authors: N. Kamaya; K. Homma\nDate: 2011-07-31\nDOI: https://doi.org/10.1038/NMAT3066\n"
        "Journal: Nature Materials\n\nFirst paragraph about LGPS.\nStill the first.\n\n\nSecond one: 12 mS cm−1.\n"
    ).encode()
    doc = _one(data)
    assert doc.id == "DEMO-T0001"
    assert doc.alternate_ids == ("10.1038/nmat3066",)
    assert doc.title == "Li10GeP2S12, a superionic conductor"
    assert doc.kind == "paper" and doc.source_format == "text"
    assert [p.name for p in doc.people] == ["N. Kamaya", "K. Homma"]
    assert doc.dates.published == date(2011, 7, 31)
    assert doc.journal == "Nature Materials"
    text = data.decode()
    paragraphs = list(doc.paragraphs)
    assert [p.text for p in paragraphs] == [
        "First paragraph about LGPS.\nStill the first.",
        "Second one: 12 mS cm−1.",
    ]
    for p in paragraphs:
        assert text[p.source_offset : p.source_offset + len(p.text)] == p.text
    assert doc.content_hash == doc.compute_content_hash()


def test_text_without_header_uses_hash_id_and_first_line() -> None:
    data = b"\n\n  A plain title  \n\nBody text: Key: not a header.\n"
    doc = _one(data)
    assert doc.id == "txt-" + hashlib.sha256(data).hexdigest()[:16]
    assert doc.title == "A plain title"
    assert [p.text for p in doc.paragraphs] == ["A plain title", "Body text: Key: not a header."]
    assert [p.source_offset for p in doc.paragraphs] == [4, 21]


def test_text_with_doi_only_and_assignee_is_a_patent() -> None:
    doc = _one(b"DOI: doi:10.1000/ABC\nAssignee: Toyota Jidosha Kabushiki Kaisha\n\nBody.")
    assert doc.id == "10.1000/abc"
    assert doc.kind == "patent"
    assert [(o.raw, o.harmonised) for o in doc.assignees] == [
        ("Toyota Jidosha Kabushiki Kaisha", "Toyota")
    ]


def test_text_offsets_count_characters_not_bytes() -> None:
    data = "Títle ü\n\nσ = 1.2 × 10−3 S cm−1 at 25 °C\n".encode()
    doc = _one(data)
    text = data.decode()
    second = list(doc.paragraphs)[1]
    assert second.source_offset == 9
    assert text[second.source_offset :].startswith(second.text)


@pytest.mark.shared_data
def test_sofc_exp_texts_map_back_to_the_file(shared_data: Path) -> None:
    texts = sorted((shared_data / "gold" / "sofc_exp" / "texts").glob("*.txt"))
    assert len(texts) == 33
    for path in texts:
        (doc,) = list(read_path(path))
        file_text = path.read_bytes().decode("utf-8")
        paragraphs = list(doc.paragraphs)
        assert paragraphs, path.name
        for p in paragraphs:
            assert file_text[p.source_offset : p.source_offset + len(p.text)] == p.text
        # every gold sentence lies inside one paragraph, at the same file offsets
        sentences = shared_data / "gold" / "sofc_exp" / "sentences" / path.with_suffix(".csv").name
        for line in sentences.read_text(encoding="utf-8").splitlines():
            _, _, begin, end = (int(x) for x in line.split())
            owner = [
                p
                for p in paragraphs
                if p.source_offset <= begin and end <= p.source_offset + len(p.text)
            ]
            assert len(owner) == 1, (path.name, begin, end)
            p = owner[0]
            assert p.text[begin - p.source_offset : end - p.source_offset] == file_text[begin:end]


@pytest.mark.shared_data
def test_sofc_first_paper_title_is_cut_at_a_word(shared_data: Path) -> None:
    (doc,) = list(read_path(shared_data / "gold" / "sofc_exp" / "texts" / "PMC3564701.txt"))
    assert doc.title.startswith(
        "Fabrication of low-temperature solid oxide fuel cells with a nanothin protective layer"
    )
    assert len(doc.title) <= 250


HTML = """<!DOCTYPE html>
<html><head><title>Superionic Li10GeP2S12</title>
<meta name="citation_doi" content="10.1038/NMAT3066"><meta name="citation_author" content="N. Kamaya">
<style>p { color: red }</style><script>var secret = "drop me";</script></head>
<body><h1>Superionic Li<sub>10</sub>GeP<sub>2</sub>S<sub>12</sub></h1>
<p>Intro paragraph with 10<sup>−2</sup> S cm<sup>−1</sup>.</p>
<h2>Results</h2><p id="r1">We measured <b>12</b> mS/cm.</p>
<table id="t1"><caption>Table 1. Conductivities</caption>
<tr><th>Sample</th><th>σ (mS/cm)</th></tr><tr><td>LGPS</td><td>12</td></tr></table>
<!-- a comment --></body></html>"""


def test_html_reader() -> None:
    doc = _one(HTML.encode(), "page.html")
    assert doc.source_format == "html"
    assert doc.id == "10.1038/nmat3066"
    assert doc.title == "Superionic Li10GeP2S12"
    assert [p.name for p in doc.people] == ["N. Kamaya"]
    assert [(s.title, [p.text for p in s.paragraphs]) for s in doc.sections] == [
        ("Superionic Li10GeP2S12", ["Intro paragraph with 10^−2 S cm−1."]),
        ("Results", ["We measured 12 mS/cm."]),
    ]
    assert doc.sections[1].level == 2
    (table,) = doc.tables
    assert table.id == "t1" and table.caption == "Table 1. Conductivities"
    cell = table.cell(1, 1)
    assert cell.text == "12"
    assert cell.column_headers == ("σ (mS/cm)",) and cell.row_headers == ("LGPS",)
    assert "drop me" not in doc.model_dump_json() and "color" not in doc.model_dump_json()


def test_html_without_doi_gets_a_hash_id() -> None:
    data = b"<html><body><p>Just text.</p></body></html>"
    doc = _one(data, "x.htm")
    assert doc.id == "html-" + hashlib.sha256(data).hexdigest()[:16]
    assert [p.text for p in doc.paragraphs] == ["Just text."]
