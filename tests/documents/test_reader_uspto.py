# ruff: noqa: E501  (expected values are quoted verbatim from the source files)
"""USPTO readers against the real files in ../shared/data/patents/uspto.

Expected values were read off the XML by hand (titles, numbers, dates, claim
references, paragraph ``num`` attributes, orgnames, classification parts).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from matmine.documents import read_path
from matmine.models import Document

pytestmark = pytest.mark.shared_data

_CACHE: dict[str, Document] = {}


@pytest.fixture()
def patent(shared_data: Path):
    def read(name: str) -> Document:
        if name not in _CACHE:
            docs = list(read_path(shared_data / "patents" / "uspto" / name))
            assert len(docs) == 1
            _CACHE[name] = docs[0]
        return _CACHE[name]

    return read


def _para(doc: Document, number: str):
    return next(p for p in doc.paragraphs if p.number == number)


def _claim(doc: Document, number: int):
    return next(c for c in doc.claims if c.number == number)


def test_every_uspto_file_reads_with_hash_and_format(patent, shared_data: Path) -> None:
    for path in sorted((shared_data / "patents" / "uspto").glob("*.xml")):
        doc = patent(path.name)
        assert doc.kind == "patent"
        assert doc.title and doc.abstract and doc.claims
        assert doc.content_hash == doc.compute_content_hash()
        assert doc.source_format in ("uspto-v4", "uspto-pap-2001")
        numbers = [c.number for c in doc.claims]
        assert numbers == list(range(1, len(numbers) + 1))


def test_grant_v45_us08926509(patent) -> None:
    doc = patent("US08926509.xml")
    assert doc.id == "US8926509B2"
    assert {"US8926509", "US08926509", "US08926509B2"} <= set(doc.alternate_ids)
    assert doc.title == "Wireless physiological sensor patches and systems"
    assert len(doc.claims) == 31  # <number-of-claims>31
    assert _claim(doc, 5).depends_on == (1,)
    assert _claim(doc, 5).text.startswith("The system of claim 1, wherein the base-ASIC chip")
    assert _claim(doc, 1).depends_on == ()
    assert doc.dates.published == date(2015, 1, 6)
    assert doc.dates.granted == date(2015, 1, 6)
    assert doc.dates.filed == date(2008, 6, 5)
    assert doc.dates.priority == date(2007, 8, 24)  # us-provisional-application
    assert doc.cpc[0] == "A61B5/0205"  # main-cpc
    assert "A61B5/00" in doc.ipc
    # the field-of-search block is not the patent's own classification
    assert "H04W84/005" not in doc.cpc
    assert [(o.raw, o.harmonised, o.role) for o in doc.assignees] == [
        ("Hmicro, Inc.", "Hmicro", "assignee")
    ]
    inventors = [p.name for p in doc.people if p.role == "inventor"]
    assert inventors[:2] == ["Surendar Magar", "Venkateswara Rao Sattiraju"]
    assert len(inventors) == 5 and len(doc.people) == 5  # applicants = inventors, not duplicated
    para = _para(doc, "0011")
    assert para.id == "p-0012"
    assert para.text.startswith(
        "In some embodiments the ratio of power consumed by the base-ASIC chip"
    )
    assert any(s.title == "BACKGROUND OF THE INVENTION" for s in doc.sections)


def test_grant_v45_us08930553(patent) -> None:
    doc = patent("US08930553.xml")
    assert doc.id == "US8930553B2"
    assert doc.title == "Managing mid-dialog session initiation protocol (SIP) messages"
    assert len(doc.claims) == 8
    assert _claim(doc, 5).depends_on == (4,)
    assert doc.ipc == ("G06F15/16",)
    assert doc.dates.filed == date(2012, 10, 9)
    roles = {(o.harmonised, o.role) for o in doc.organisations}
    assert roles == {
        ("International Business Machines", "applicant"),
        ("International Business Machines", "assignee"),
    }
    # the agent's orgname (a law firm) is not an organisation of the document
    assert not any("Forsythe" in o.raw for o in doc.organisations)


def test_grant_v42_2006_layout(patent) -> None:
    doc = patent("US07272630B2.xml")
    assert doc.id == "US7272630B2"
    assert doc.title.startswith("Locating potentially identical objects across multiple computers")
    assert len(doc.claims) == 17
    assert _claim(doc, 5).depends_on == (1,)
    assert doc.ipc == ("G06F15/13",)
    assert doc.cpc == ()
    assert doc.dates.filed == date(2004, 11, 18)
    assert doc.dates.published == date(2007, 9, 18)
    # 2006 layout: inventors are "parties/applicants" with names
    assert [p.role for p in doc.people] == ["inventor"] * 4
    assert doc.people[0].name == "John R. Douceur"
    assert [o.harmonised for o in doc.assignees] == ["Microsoft"]
    # printed number and XML id differ in this file: p-0012 carries num 0011
    assert _para(doc, "0011").id == "p-0012"
    assert _para(doc, "0011").text.startswith(
        "According to another aspect, the stochastic partitioning process"
    )
    # the pseudocode table inside <p num="0143"> is a table, not paragraph text
    (table,) = doc.tables
    assert table.id == "TABLE-US-00001"
    assert table.n_columns == 2
    assert table.cell(0, 1).text == "if (information & ψ1) != (CIDme & ψ1)"
    assert not any("send information to every computer" in p.text for p in doc.paragraphs)
    assert _para(doc, "0142").text.endswith(
        "refers to the W bits of the computer ID of the current computer."
    )


def test_grant_ipg08672134_priority_and_textual_layout(patent) -> None:
    doc = patent("ipg08672134.xml")
    assert doc.id == "US8672134B2"
    assert doc.title == "Child-resistant medication container"
    assert len(doc.claims) == 43
    assert _claim(doc, 43).depends_on == (20,)
    assert _claim(doc, 43).text.startswith(
        "Method of opening a container according to claim 20, characterised by"
    )
    assert "holding the housing, operating successively the third button" in _claim(doc, 43).text
    assert doc.dates.priority == date(2008, 4, 9)  # EP priority claim
    assert doc.dates.filed == date(2009, 3, 31)
    assert doc.ipc == ("B65D83/04", "B65D85/42")
    assert [(o.raw, o.harmonised, o.country) for o in doc.assignees] == [
        ("Merck Serono SA", "Merck Serono", "CH")
    ]
    assert _para(doc, "0011").text.startswith(
        "The present invention aims at providing a medication container"
    )


def test_application_ipa20180000016(patent) -> None:
    doc = patent("ipa20180000016.xml")
    assert doc.id == "US20180000016A1"
    assert "US20180000016" in doc.alternate_ids
    assert doc.title == "LIGHT EMITTING DEVICE AND PLANT CULTIVATION METHOD"
    assert len(doc.claims) == 11
    assert _claim(doc, 5).depends_on == (2,)
    assert _claim(doc, 11).depends_on == (2,)
    # formula in the claim keeps its subscripts as plain text
    assert "(Ln1-x-yCexCry)3M5O12" in _claim(doc, 5).text
    assert doc.dates.priority == date(2016, 6, 29)
    assert doc.dates.granted is None
    assert doc.cpc[0] == "A01G7/045"
    assert "H01L33/504" in doc.cpc
    assert doc.ipc[0] == "A01G7/04"
    assert {o.harmonised for o in doc.assignees} == {"NICHIA"}
    assert _para(doc, "0013").text == (
        "According to embodiments of the present disclosure, a light emitting device capable of "
        "promoting growth of plants and a plant cultivation method can be provided."
    )
    (table,) = doc.tables
    assert table.label == "TABLE 1"
    assert table.cell(0, 1).text == "Fluorescent material"


def test_application_ipa20200022300(patent) -> None:
    doc = patent("ipa20200022300.xml")
    assert doc.id == "US20200022300A1"
    assert doc.title.startswith("SYSTEM FOR CONTROLLING THE OPERATION OF AN ACTUATOR")
    assert len(doc.claims) == 19
    assert _claim(doc, 5).depends_on == (1,)
    assert doc.cpc[0] == "A01B63/32"
    assert [(o.raw, o.harmonised, o.country) for o in doc.organisations] == [
        ("CNH Industrial Canada, Ltd.", "CNH Industrial Canada", "CA")
    ]
    assert [p.name for p in doc.people] == [
        "Joel John Octave Gervais",
        "Ian William Patrick Paulson",
    ]
    assert _para(doc, "0011").text.startswith(
        "FIG. 1 illustrates a perspective view of one embodiment"
    )


def test_application_2004_layout(patent) -> None:
    doc = patent("US20050004437A1.xml")
    assert doc.id == "US20050004437A1"
    assert doc.source_format == "uspto-v4"
    assert doc.title == "Simulation device for playful evaluation and display of blood sugar levels"
    assert len(doc.claims) == 10
    assert _claim(doc, 4).depends_on == (3,)
    assert _claim(doc, 1).text.startswith(
        "A simulation device for displaying and evaluating blood sugar readings, comprising: a housing;"
    )
    assert doc.ipc == ("A61B5/00",)  # <main-classification>A61B005/00
    assert doc.dates.priority == date(2001, 10, 26)  # CH priority
    assert doc.dates.filed == date(2004, 4, 23)
    assert [p.name for p in doc.people] == ["Heiner Kaufmann", "Thomas Vering"]
    assert all(p.role == "inventor" for p in doc.people)
    para = _para(doc, "0012")
    assert para.id == "P-0012"
    assert para.text.startswith(
        "In another embodiment of the device in accordance with the invention, the measured values"
    )
    assert [s.title for s in doc.sections][:3] == [
        "CROSS-REFERENCE TO RELATED APPLICATION(S)",
        "BACKGROUND",
        "SUMMARY",
    ]


def test_pap_2001_layout(patent) -> None:
    doc = patent("US20010000044A1.xml")  # its DOCTYPE names a web DTD: never fetched
    assert doc.id == "US20010000044A1"
    assert doc.source_format == "uspto-pap-2001"
    assert doc.title == (
        "Systems and Methods For Transacting Business Over A Global Communications Network Such As The Internet"
    )
    assert doc.abstract.startswith("A business model / process is described")
    assert "Abstract of Disclosure" not in doc.abstract
    assert len(doc.claims) == 21
    assert _claim(doc, 2).depends_on == (1,)
    assert _claim(doc, 17).depends_on == (16,)
    assert _claim(doc, 21).depends_on == (20,)
    assert _claim(doc, 19).depends_on == ()
    assert _claim(doc, 2).text.startswith("The method of claim 1, further comprising")
    assert doc.ipc == ("G06F17/60",)
    assert doc.dates.published == date(2001, 3, 15)
    assert doc.dates.filed == date(1999, 6, 29)
    assert [p.name for p in doc.people] == ["Wayne W Lin"]
    para = _para(doc, "3")
    assert para.id == "P-00003"
    assert para.text.startswith("Various other business models have also emerged")
    assert "allows the buyer to present a bid" in para.text  # nested highlight/italic kept
    titles = [s.title for s in doc.sections]
    assert titles[:3] == ["Field OF Invention", "Background Of Invention", "Summary of Invention"]
    assert len(list(doc.paragraphs)) == 41
