"""A fixed, hand-built corpus for the index contract suite.

Eight documents and fifteen record rows (property records and structure
facts) with explicit ids, chosen so every field and every edge of the
semantics (intervals, qualifiers, borrowed structure facts, records without
a material, a document without records) is exercised.  Expected ids in the
contract tables are worked out by hand from these facts.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

from matmine.models import (
    Claim,
    Document,
    DocumentDates,
    ExtractionResult,
    Material,
    Organisation,
    Paragraph,
    PropertyRecord,
    Provenance,
    Section,
    StructureFact,
)
from matmine.index.sqlite_backend import SQLiteIndex

ELEMENTS = {
    "Li10GeP2S12": {"Li": 10, "Ge": 1, "P": 2, "S": 12},
    "Li10SiP2S12": {"Li": 10, "Si": 1, "P": 2, "S": 12},
    "Li10SnP2S12": {"Li": 10, "Sn": 1, "P": 2, "S": 12},
    "Li6PS5Cl": {"Li": 6, "P": 1, "S": 5, "Cl": 1},
    "Li6PS5Br": {"Li": 6, "P": 1, "S": 5, "Br": 1},
    "Li7La3Zr2O12": {"Li": 7, "La": 3, "Zr": 2, "O": 12},
    "Li3PS4": {"Li": 3, "P": 1, "S": 4},
    "La0.8Sr0.2CrO3": {"La": 0.8, "Sr": 0.2, "Cr": 1, "O": 3},
    "BaZr0.8Y0.2O3": {"Ba": 1, "Zr": 0.8, "Y": 0.2, "O": 3},
}


def material(formula: str, family: str | None = None) -> Material:
    comp = ELEMENTS[formula]
    return Material(text=formula, formula=formula, composition=comp, elements=tuple(comp),
                    family=family)


def prov(doc: str, sentence: str, raw: str, part: str = "abstract") -> Provenance:
    start = max(sentence.find(raw), 0)
    return Provenance(document_id=doc, part_id=part, part_kind="abstract", start=start,
                      end=start + len(raw), sentence=sentence, sentence_start=0)


def prop(rid: str, doc: str, name: str, value: float | None, sentence: str, raw: str,
         formula: str | None, *, temperature: float | None = None, family: str | None = None,
         qualifier: str | None = None, vmin: float | None = None, vmax: float | None = None,
         confidence: float = 0.5) -> PropertyRecord:
    unit = "eV" if name == "activation_energy" else "S/cm"
    return PropertyRecord(
        id=rid, document_id=doc, property=name, value=value, value_min=vmin, value_max=vmax,
        qualifier=qualifier, unit=unit, raw=raw, temperature_K=temperature,
        material=material(formula, family) if formula else None, confidence=confidence,
        provenance=prov(doc, sentence, raw),
    )


def fact(rid: str, doc: str, kind: str, raw: str, formula: str, **kw: object) -> StructureFact:
    sentence = f"{formula} crystallises with {raw}."
    return StructureFact(id=rid, document_id=doc, kind=kind, raw=raw, material=material(formula),
                         provenance=prov(doc, sentence, raw), **kw)  # type: ignore[arg-type]


def org(raw: str, harmonised: str, role: str) -> Organisation:
    return Organisation(raw=raw, harmonised=harmonised, role=role)  # type: ignore[arg-type]


def corpus() -> list[tuple[Document, ExtractionResult]]:
    items = []

    d = "US8926509B2"
    s1 = "Li10GeP2S12 is a superionic conductor with an ionic conductivity of 12 mS/cm at 27 °C."
    items.append((
        Document(
            id=d, kind="patent", title="Lithium ion conductor (LGPS)",
            abstract=s1, organisations=(org("TOYOTA JIDOSHA KABUSHIKI KAISHA", "Toyota", "assignee"),),
            dates=DocumentDates(published=date(2015, 1, 6), filed=date(2012, 7, 6),
                                priority=date(2011, 7, 8), granted=date(2015, 1, 6)),
            cpc=("H01M 10/0562", "H01B1/10"), alternate_ids=("US20140134483A1",),
            claims=(Claim(number=1, text="A sulfide solid electrolyte material comprising Li, Ge, P and S."),),
        ),
        ExtractionResult(document_id=d, records=(
            prop("r1a", d, "ionic_conductivity", 1.2e-2, s1, "12 mS/cm", "Li10GeP2S12",
                 temperature=300.15, confidence=0.9),
            prop("r1b", d, "activation_energy", 0.25, "The activation energy of Li10GeP2S12 is 0.25 eV.",
                 "0.25 eV", "Li10GeP2S12"),
        ), structures=(
            fact("s1", d, "space_group", "space group P4_2/nmc (No. 137)", "Li10GeP2S12",
                 space_group_number=137, space_group_symbol="P4_2/nmc", crystal_system="tetragonal"),
            fact("s1b", d, "structure_type", "the LGPS-type structure", "Li10GeP2S12",
                 structure_type="LGPS-type"),
        )),
    ))

    d = "10.1038/nmat3066"
    items.append((
        Document(id=d, kind="paper", title="A lithium superionic conductor",
                 abstract="Lithium batteries need solid electrolytes.",
                 organisations=(org("Tokyo Institute of Technology", "", "affiliation"),),
                 dates=DocumentDates(published=date(2011, 7, 31))),
        ExtractionResult(document_id=d, records=(
            prop("r2a", d, "conductivity", 1.2e-2, "Its conductivity reaches 1.2 × 10−2 S cm−1.",
                 "1.2 × 10−2 S cm−1", "Li10GeP2S12", temperature=298.15),
            prop("r2b", d, "electronic_conductivity", 1e-8,
                 "The electronic conductivity is below 10−8 S cm−1.", "10−8 S cm−1",
                 "Li10GeP2S12", qualifier="<"),
        )),
    ))

    d = "DEMO-P-0003"
    items.append((
        Document(id=d, kind="patent", title="Silicon and tin analogues of LGPS",
                 abstract="Sulfide electrolytes with Si or Sn.",
                 organisations=(org("SAMSUNG ELECTRONICS CO., LTD.", "Samsung", "assignee"),),
                 dates=DocumentDates(published=date(2014, 3, 1), priority=date(2013, 1, 15)),
                 cpc=("H01M10/0562",)),
        ExtractionResult(document_id=d, records=(
            prop("r3a", d, "ionic_conductivity", 6.0e-3, "Li10SiP2S12 conducts at 6 mS/cm.",
                 "6 mS/cm", "Li10SiP2S12", temperature=298.0),
            prop("r3b", d, "ionic_conductivity", None, "Li10SnP2S12 reaches 1 to 4 mS/cm at 60 °C.",
                 "1 to 4 mS/cm", "Li10SnP2S12", temperature=333.0, vmin=1e-3, vmax=4e-3),
        )),
    ))

    d = "DEMO-A-0004"
    items.append((
        Document(id=d, kind="paper", title="Halide substitution in lithium thiophosphates",
                 abstract="The argyrodite Li6PS5Cl is a fast lithium conductor.",
                 organisations=(org("University of Siegen", "", "affiliation"),),
                 dates=DocumentDates(published=date(2008, 5, 1))),
        ExtractionResult(document_id=d, records=(
            prop("r4a", d, "ionic_conductivity", 1e-3, "Li6PS5Cl shows 1 mS/cm.", "1 mS/cm",
                 "Li6PS5Cl", temperature=298.0, family="argyrodite", confidence=0.9),
            prop("r4b", d, "ionic_conductivity", 7e-4, "Li6PS5Br shows 0.7 mS/cm.", "0.7 mS/cm",
                 "Li6PS5Br", temperature=298.0),
        ), structures=(
            fact("s4", d, "structure_type", "the argyrodite structure (F-43m)", "Li6PS5Br",
                 structure_type="argyrodite", space_group_number=216, space_group_symbol="F-43m"),
        )),
    ))

    d = "DEMO-A-0005"
    items.append((
        Document(id=d, kind="paper", title="Garnet-type LLZO",
                 abstract="Cubic garnet Li7La3Zr2O12.",
                 organisations=(org("Universität Ulm", "", "affiliation"),),
                 dates=DocumentDates(published=date(2007, 10, 1))),
        ExtractionResult(document_id=d, records=(
            prop("r5a", d, "ionic_conductivity", 3e-4, "LLZO conducts at 3 × 10−4 S/cm.",
                 "3 × 10−4 S/cm", "Li7La3Zr2O12", temperature=298.0, family="garnet"),
            prop("r5b", d, "activation_energy", 0.32, "with an activation energy of 0.32 eV",
                 "0.32 eV", "Li7La3Zr2O12", family="garnet"),
        )),
    ))

    d = "DEMO-P-0006"
    items.append((
        Document(id=d, kind="patent", title="Sulfide glass electrolyte",
                 abstract="A 75Li2S–25P2S5 glass ceramic electrolyte.",
                 organisations=(org("TOYOTA MOTOR CORP", "Toyota", "applicant"),),
                 dates=DocumentDates(published=date(2010, 1, 1)), cpc=("H01M10/052",)),
        ExtractionResult(document_id=d, records=(
            prop("r6a", d, "ionic_conductivity", 2e-4, "Li3PS4 glass shows 0.2 mS/cm.",
                 "0.2 mS/cm", "Li3PS4", temperature=298.0),
        )),
    ))

    d = "DEMO-A-0007"
    items.append((
        Document(id=d, kind="paper", title="Review of solid electrolytes for lithium batteries",
                 organisations=(org("Massachusetts Institute of Technology", "MIT", "affiliation"),),
                 dates=DocumentDates(published=date(2020, 2, 2)),
                 sections=(Section(id="s1", title="Introduction", paragraphs=(
                     Paragraph(id="p1", text="Solid electrolytes are reviewed."),)),)),
        ExtractionResult(document_id=d),
    ))

    d = "DEMO-P-0008"
    items.append((
        Document(id=d, kind="patent", title="Battery with a solid electrolyte layer",
                 abstract="An all-solid-state battery.",
                 organisations=(org("HYUNDAI MOTOR COMPANY", "Hyundai", "assignee"),),
                 dates=DocumentDates(published=date(2016, 6, 1))),
        ExtractionResult(document_id=d, records=(
            prop("r8a", d, "ionic_conductivity", 5e-3, "The electrolyte layer conducts at 5 mS/cm.",
                 "5 mS/cm", None, temperature=298.0),
        )),
    ))
    return [(doc.with_content_hash(), result) for doc, result in items]


ALL_RECORDS = sorted(
    "r1a r1b s1 s1b r2a r2b r3a r3b r4a r4b s4 r5a r5b r6a r8a".split()
)


def conditions_corpus() -> list[tuple[Document, ExtractionResult]]:
    """Two documents for the record conditions: conductivity scope and temperature ranges.

    Temperatures (K): t1, t2 298.15; t3 333.15; t4 the range 298.15–373.15 (an Arrhenius fit
    "between 25 and 100 °C"); t5 600; t6 none; t7 the range 200.15–250.15; u1 298.15.
    Scopes: t1 bulk, t2 grain_boundary, t3 total, u1 bulk; the rest none.  ``us1`` is a
    structure fact (neither scope nor temperature).
    """
    d = "DEMO-T-0001"
    sentences = {
        "t1": "The bulk ionic conductivity of Li6PS5Cl is 2.4 mS/cm at 25 °C.",
        "t2": "Its grain-boundary conductivity is 0.9 mS/cm at 25 °C.",
        "t3": "The total ionic conductivity is 1.1 mS/cm at 60 °C.",
        "t4": "Its activation energy between 25 and 100 °C is 0.38 eV.",
        "t5": "At 600 K the conductivity of Li6PS5Cl reaches 50 mS/cm.",
        "t6": "The activation energy of Li6PS5Cl is 0.5 eV.",
        "t7": "Between -73 and -23 °C the ionic conductivity is 0.01 mS/cm.",
    }

    def rec(rid: str, name: str, value: float, raw: str, **kw: object) -> PropertyRecord:
        record = prop(rid, d, name, value, sentences[rid], raw, "Li6PS5Cl")
        return record.model_copy(update=kw)

    paper = (
        Document(id=d, kind="paper", title="Bulk and grain-boundary transport in an argyrodite",
                 abstract=" ".join(sentences.values()),
                 dates=DocumentDates(published=date(2019, 4, 1))),
        ExtractionResult(document_id=d, records=(
            rec("t1", "ionic_conductivity", 2.4e-3, "2.4 mS/cm", temperature_K=298.15,
                scope="bulk"),
            rec("t2", "ionic_conductivity", 9e-4, "0.9 mS/cm", temperature_K=298.15,
                scope="grain_boundary"),
            rec("t3", "ionic_conductivity", 1.1e-3, "1.1 mS/cm", temperature_K=333.15,
                scope="total"),
            rec("t4", "activation_energy", 0.38, "0.38 eV", temperature_min_K=298.15,
                temperature_max_K=373.15),
            rec("t5", "conductivity", 5e-2, "50 mS/cm", temperature_K=600.0),
            rec("t6", "activation_energy", 0.5, "0.5 eV"),
            rec("t7", "ionic_conductivity", 1e-5, "0.01 mS/cm", temperature_min_K=200.15,
                temperature_max_K=250.15),
        )),
    )
    d = "DEMO-T-0002"
    sentence = "The bulk conductivity of Li10GeP2S12 is 12 mS/cm at 25 °C."
    patent = (
        Document(id=d, kind="patent", title="LGPS electrolyte", abstract=sentence,
                 dates=DocumentDates(published=date(2016, 2, 1))),
        ExtractionResult(document_id=d, records=(
            prop("u1", d, "ionic_conductivity", 1.2e-2, sentence, "12 mS/cm", "Li10GeP2S12",
                 temperature=298.15).model_copy(update={"scope": "bulk"}),
        ), structures=(
            fact("us1", d, "space_group", "space group P4_2/nmc (No. 137)", "Li10GeP2S12",
                 space_group_number=137, space_group_symbol="P4_2/nmc"),
        )),
    )
    return [(doc.with_content_hash(), result) for doc, result in (paper, patent)]


CONDITION_RECORDS = sorted("t1 t2 t3 t4 t5 t6 t7 u1 us1".split())


def atmospheres_corpus() -> list[tuple[Document, ExtractionResult]]:
    """Two documents for the measuring atmosphere (SOFC anodes and proton conductors).

    Atmospheres, as the extractor labels them: g1 air, g2 H2, g3 wet H2, g4 dry air,
    g5 5% H2/Ar, g6 none, g7 reducing, g8 H2/N2 (5%/95%); h1 air, h2 "5 % H2/Ar" (the
    label as written, with a space before %).  ``hs1`` is a structure fact (no
    atmosphere).  Values (S/cm): g1 550, g2 310, g3 0.01, g4 0.001, g5 5, g7 2, g8 3,
    h1 120, h2 8; g6 is an activation energy of 0.45 eV.  Temperatures: 1073.15 K,
    except g3 and g4 at 873.15 K and g6 with none.
    """
    d = "DEMO-G-0001"
    sentences = {
        "g1": "La0.8Sr0.2CrO3 reaches 550 S/cm in air and 310 S/cm in H2 at 800 °C.",
        "g3": "BaZr0.8Y0.2O3 conducts protons at 10 mS/cm in wet H2 at 600 °C.",
        "g4": "In dry air it conducts 1 mS/cm at 600 °C.",
        "g5": "Under 5% H2/Ar the chromite conducts 5 S/cm at 800 °C.",
        "g6": "The activation energy of La0.8Sr0.2CrO3 is 0.45 eV.",
        "g7": "In a reducing atmosphere it conducts 2 S/cm at 800 °C.",
        "g8": "In H2/N2 (5%/95%) it conducts 3 S/cm at 800 °C.",
    }
    sentences["g2"] = sentences["g1"]

    def rec(rid: str, name: str, value: float, raw: str, formula: str, **kw: object) -> PropertyRecord:
        record = prop(rid, d, name, value, sentences[rid], raw, formula)
        return record.model_copy(update=kw)

    chromite, zirconate = "La0.8Sr0.2CrO3", "BaZr0.8Y0.2O3"
    paper = (
        Document(id=d, kind="paper", title="Perovskite anodes in air and hydrogen",
                 abstract=" ".join(dict.fromkeys(sentences.values())),
                 dates=DocumentDates(published=date(2021, 3, 1))),
        ExtractionResult(document_id=d, records=(
            rec("g1", "conductivity", 550.0, "550 S/cm", chromite, temperature_K=1073.15,
                atmosphere="air"),
            rec("g2", "conductivity", 310.0, "310 S/cm", chromite, temperature_K=1073.15,
                atmosphere="H2"),
            rec("g3", "ionic_conductivity", 1e-2, "10 mS/cm", zirconate, temperature_K=873.15,
                atmosphere="wet H2"),
            rec("g4", "ionic_conductivity", 1e-3, "1 mS/cm", zirconate, temperature_K=873.15,
                atmosphere="dry air"),
            rec("g5", "conductivity", 5.0, "5 S/cm", chromite, temperature_K=1073.15,
                atmosphere="5% H2/Ar"),
            rec("g6", "activation_energy", 0.45, "0.45 eV", chromite),
            rec("g7", "conductivity", 2.0, "2 S/cm", chromite, temperature_K=1073.15,
                atmosphere="reducing"),
            rec("g8", "conductivity", 3.0, "3 S/cm", chromite, temperature_K=1073.15,
                atmosphere="H2/N2 (5%/95%)"),
        )),
    )
    d = "DEMO-G-0002"
    s1 = "The interconnect of La0.8Sr0.2CrO3 conducts 120 S/cm in air at 800 °C."
    s2 = "In 5 % H2/Ar it conducts 8 S/cm at 800 °C."
    patent = (
        Document(id=d, kind="patent", title="Chromite interconnect", abstract=f"{s1} {s2}",
                 dates=DocumentDates(published=date(2022, 5, 1))),
        ExtractionResult(document_id=d, records=(
            prop("h1", d, "conductivity", 120.0, s1, "120 S/cm", chromite,
                 temperature=1073.15).model_copy(update={"atmosphere": "air"}),
            prop("h2", d, "conductivity", 8.0, s2, "8 S/cm", chromite,
                 temperature=1073.15).model_copy(update={"atmosphere": "5 % H2/Ar"}),
        ), structures=(
            fact("hs1", d, "crystal_system", "an orthorhombic perovskite", chromite,
                 crystal_system="orthorhombic"),
        )),
    )
    return [(doc.with_content_hash(), result) for doc, result in (paper, patent)]


ATMOSPHERE_RECORDS = sorted("g1 g2 g3 g4 g5 g6 g7 g8 h1 h2 hs1".split())


def one_paragraph_paper(doc_id: str, title: str, text: str) -> Document:
    """A paper of one paragraph, for tests that extract it and index the result."""
    return Document(id=doc_id, kind="paper", title=title,
                    sections=(Section(id="s", paragraphs=(Paragraph(id="p1", text=text),)),))


@contextmanager
def extracted_index(path: Path, doc: Document) -> Iterator[tuple[SQLiteIndex, ExtractionResult]]:
    """A real SQLite index at ``path`` holding ``doc`` and its extraction, closed after use."""
    from matmine.extractors.pipeline import extract_document

    result = extract_document(doc)
    index = SQLiteIndex(path)
    try:
        index.upsert([(doc, result)])
        yield index, result
    finally:
        index.close()
