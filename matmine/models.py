"""The core data model: documents in, records out.

Every object here is an immutable pydantic model that serialises itself to JSON
(``model_dump(mode="json")``) and exports a JSON Schema (``matmine schema``).

A :class:`Document` is one paper or patent, split into addressable *parts*
(title, abstract, numbered claims, paragraphs, table cells).  Extractors read
those parts and emit :class:`PropertyRecord` and :class:`StructureFact`
objects, each carrying a :class:`Provenance` that points back to the part, the
character span inside it and the sentence that says so.

>>> doc = Document(id="DEMO-P-0001", kind="paper", title="Li10GeP2S12")
>>> [p.part_id for p in doc.iter_parts()]
['title']
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

DocumentKind = Literal["paper", "patent"]
PartKind = Literal["title", "abstract", "claim", "paragraph", "table_cell", "caption"]


class Frozen(BaseModel):
    """Base class: immutable, hashable, strict about unknown fields."""

    model_config = ConfigDict(frozen=True, extra="forbid")


# --------------------------------------------------------------------------- people


class Person(Frozen):
    """An author (papers) or inventor (patents)."""

    name: str
    role: Literal["author", "inventor", "applicant", "agent", "examiner"] = "author"
    affiliations: tuple[str, ...] = ()


class Organisation(Frozen):
    """An affiliation (papers) or assignee / applicant (patents), raw and harmonised."""

    raw: str
    harmonised: str = ""
    role: Literal["assignee", "applicant", "affiliation", "publisher"] = "affiliation"
    country: str | None = None


class DocumentDates(Frozen):
    """All dates we know. ``published`` is the first public disclosure date of this document."""

    published: date | None = None
    online: date | None = None
    filed: date | None = None
    priority: date | None = None
    granted: date | None = None


# --------------------------------------------------------------------------- parts


class Claim(Frozen):
    """A numbered patent claim; ``depends_on`` lists the claims it refers to."""

    number: int
    text: str
    depends_on: tuple[int, ...] = ()

    @property
    def is_independent(self) -> bool:
        return not self.depends_on


class Paragraph(Frozen):
    """One paragraph. ``number`` is the printed number (patents: "0012").

    ``source_offset`` is the character offset of ``text`` in the source file when
    the reader can give it (plain text), so spans can be reported against the file.
    """

    id: str
    text: str
    number: str | None = None
    source_offset: int | None = None


class Section(Frozen):
    """A titled section of a document (or the description of a patent)."""

    id: str
    title: str = ""
    level: int = 1
    paragraphs: tuple[Paragraph, ...] = ()


class TableCell(Frozen):
    """One table cell with the header paths that apply to it.

    ``column_headers`` is the path of header texts above the cell (outermost first),
    ``row_headers`` the header texts to its left (usually the first column).
    """

    row: int
    column: int
    text: str
    is_header: bool = False
    row_span: int = 1
    column_span: int = 1
    column_headers: tuple[str, ...] = ()
    row_headers: tuple[str, ...] = ()


class Table(Frozen):
    """A table: label, caption, footer notes and its cells (header cells included)."""

    id: str
    label: str = ""
    caption: str = ""
    footnotes: tuple[str, ...] = ()
    n_rows: int = 0
    n_columns: int = 0
    cells: tuple[TableCell, ...] = ()

    def cell(self, row: int, column: int) -> TableCell | None:
        for c in self.cells:
            if c.row == row and c.column == column:
                return c
        return None


class DocumentPart(Frozen):
    """An addressable piece of text of a document, the unit extractors work on.

    ``part_id`` is stable for a given document: ``title``, ``abstract``,
    ``claim:3``, ``para:<paragraph id>``, ``table:<table id>:r<row>c<col>``,
    ``caption:<table id>``.
    """

    part_id: str
    kind: PartKind
    text: str
    section: str = ""
    source_offset: int | None = None
    table_id: str | None = None
    row: int | None = None
    column: int | None = None
    column_headers: tuple[str, ...] = ()
    row_headers: tuple[str, ...] = ()


# --------------------------------------------------------------------------- document


class Document(Frozen):
    """One paper or patent, as read from its source format."""

    id: str
    kind: DocumentKind
    title: str = ""
    abstract: str = ""
    people: tuple[Person, ...] = ()
    organisations: tuple[Organisation, ...] = ()
    dates: DocumentDates = DocumentDates()
    family_id: str | None = None
    cpc: tuple[str, ...] = ()
    ipc: tuple[str, ...] = ()
    claims: tuple[Claim, ...] = ()
    sections: tuple[Section, ...] = ()
    tables: tuple[Table, ...] = ()
    keywords: tuple[str, ...] = ()
    journal: str = ""
    language: str = "en"
    source: str = ""
    sources: tuple[str, ...] = ()
    url: str | None = None
    alternate_ids: tuple[str, ...] = ()
    source_format: str = ""
    content_hash: str = ""

    def compute_content_hash(self) -> str:
        """SHA-256 of the document's content, ignoring where it was fetched from."""
        payload = self.model_dump(
            mode="json", exclude={"content_hash", "source", "sources", "url"}
        )
        blob = json.dumps(payload, sort_keys=True, ensure_ascii=False).encode("utf-8")
        return hashlib.sha256(blob).hexdigest()

    def with_content_hash(self) -> Document:
        """Return a copy whose ``content_hash`` is filled in."""
        return self.model_copy(update={"content_hash": self.compute_content_hash()})

    @property
    def assignees(self) -> tuple[Organisation, ...]:
        return tuple(o for o in self.organisations if o.role in ("assignee", "applicant"))

    @property
    def paragraphs(self) -> Iterator[Paragraph]:
        for section in self.sections:
            yield from section.paragraphs

    def iter_parts(self) -> Iterator[DocumentPart]:
        """Yield every addressable text part in reading order."""
        if self.title:
            yield DocumentPart(part_id="title", kind="title", text=self.title)
        if self.abstract:
            yield DocumentPart(part_id="abstract", kind="abstract", text=self.abstract)
        for claim in self.claims:
            yield DocumentPart(part_id=f"claim:{claim.number}", kind="claim", text=claim.text)
        for section in self.sections:
            for para in section.paragraphs:
                yield DocumentPart(
                    part_id=f"para:{para.id}",
                    kind="paragraph",
                    text=para.text,
                    section=section.title,
                    source_offset=para.source_offset,
                )
        for table in self.tables:
            if table.caption:
                yield DocumentPart(
                    part_id=f"caption:{table.id}",
                    kind="caption",
                    text=table.caption,
                    table_id=table.id,
                )
            for cell in table.cells:
                if cell.is_header or not cell.text:
                    continue
                yield DocumentPart(
                    part_id=f"table:{table.id}:r{cell.row}c{cell.column}",
                    kind="table_cell",
                    text=cell.text,
                    table_id=table.id,
                    row=cell.row,
                    column=cell.column,
                    column_headers=cell.column_headers,
                    row_headers=cell.row_headers,
                )

    def part(self, part_id: str) -> DocumentPart | None:
        for p in self.iter_parts():
            if p.part_id == part_id:
                return p
        return None


# --------------------------------------------------------------------------- records


class Provenance(Frozen):
    """Where a record came from, down to the character.

    ``start``/``end`` are offsets into the part's text; ``sentence_start`` is the
    offset of ``sentence`` in the same text.  For plain-text files the part's
    ``source_offset`` turns them into offsets into the file.
    """

    document_id: str
    part_id: str
    part_kind: PartKind
    start: int
    end: int
    sentence: str = ""
    sentence_start: int = 0
    source_offset: int | None = None
    # for a table cell, which says little alone: "row header | column header"
    context: str = ""

    @property
    def file_span(self) -> tuple[int, int] | None:
        if self.source_offset is None:
            return None
        return (self.source_offset + self.start, self.source_offset + self.end)


class Material(Frozen):
    """A material mention and what we could parse out of it."""

    text: str
    start: int | None = None
    end: int | None = None
    formula: str | None = None
    composition: dict[str, float] = Field(default_factory=dict)
    elements: tuple[str, ...] = ()
    chemsys: str = ""
    reduced_formula: str | None = None
    variables: dict[str, float | tuple[float, float]] = Field(default_factory=dict)
    dopants: tuple[str, ...] = ()
    family: str | None = None
    name: str | None = None
    abbreviation: str | None = None
    error: str | None = None

    def __hash__(self) -> int:  # dict fields are not hashable by default
        return hash((self.text, self.start, self.end, self.formula))


class PropertyRecord(Frozen):
    """A property value with its conditions, material and provenance.

    Values are stored in canonical units: S/cm for conductivities, eV for
    activation energies, K for temperatures.
    """

    id: str = ""
    document_id: str
    property: str
    value: float | None = None
    value_min: float | None = None
    value_max: float | None = None
    error: float | None = None
    qualifier: str | None = None  # "<", ">", "~", "≥" …
    unit: str
    raw: str
    temperature_K: float | None = None
    # a range ("between 25 and 100 °C", "RT–100 °C"): temperature_K stays None
    temperature_min_K: float | None = None
    temperature_max_K: float | None = None
    temperature_raw: str | None = None
    temperature_assumed: bool = False
    # which part of a polycrystal a conductivity describes ("bulk ionic conductivity", "σgb")
    scope: Literal["bulk", "grain_boundary", "total"] | None = None
    # the gas the value was measured in, as written ("air", "wet H2", "5% H2/Ar", "reducing")
    atmosphere: str | None = None
    # whether the sentence says the value was measured or computed (DFT, AIMD, NEB …);
    # None when it does not say
    method: Literal["measured", "computed"] | None = None
    material: Material | None = None
    confidence: float = 0.5
    provenance: Provenance

    def with_id(self) -> PropertyRecord:
        return self.model_copy(update={"id": record_id(self)})

    def display_value(self) -> str:
        """The value for people: ``0.012 S/cm``, ``1e-04–0.001 S/cm``, ``~0.25 ± 0.01 eV``."""
        if self.value is not None:
            text = f"{self.value:.3g}"
        elif self.value_min is not None and self.value_max is not None:
            text = f"{self.value_min:.3g}–{self.value_max:.3g}"
        else:
            text = "?"
        if self.error is not None:
            text += f" ± {self.error:.2g}"
        return f"{self.qualifier or ''}{text} {self.unit}"

    def display_temperature(self) -> str:
        """``300 K``, ``298 K (assumed)`` for "room temperature", ``298–373 K`` for a
        range, or ``""``."""
        assumed = " (assumed)" if self.temperature_assumed else ""
        if self.temperature_K is not None:
            return f"{self.temperature_K:.0f} K{assumed}"
        if self.temperature_min_K is not None and self.temperature_max_K is not None:
            return f"{self.temperature_min_K:.0f}–{self.temperature_max_K:.0f} K{assumed}"
        return ""

    def display_conditions(self) -> str:
        """The temperature and the atmosphere: ``1073 K, in air``, ``in wet H2``, or ``""``."""
        where = f"in {self.atmosphere}" if self.atmosphere else ""
        return ", ".join(part for part in (self.display_temperature(), where) if part)


class StructureFact(Frozen):
    """A crystal-structure fact (space group, lattice parameter, structure type, XRD peak…)."""

    id: str = ""
    document_id: str
    kind: Literal[
        "space_group", "crystal_system", "lattice_parameter", "structure_type", "xrd_peak"
    ]
    raw: str
    space_group_symbol: str | None = None
    space_group_number: int | None = None
    crystal_system: str | None = None
    parameter: str | None = None  # a, b, c, alpha, beta, gamma, V
    value: float | None = None
    error: float | None = None
    unit: str | None = None
    structure_type: str | None = None
    material: Material | None = None
    confidence: float = 0.5
    provenance: Provenance

    def with_id(self) -> StructureFact:
        return self.model_copy(update={"id": record_id(self)})

    def display_value(self) -> str:
        """``P4_2/nmc (No. 137)``, ``tetragonal``, ``argyrodite``, ``a = 8.72 ± 0.01 Å``."""
        if self.kind == "space_group":
            return f"{self.space_group_symbol or ''} (No. {self.space_group_number})".strip()
        if self.kind == "crystal_system":
            return self.crystal_system or self.raw
        if self.kind == "structure_type":
            return self.structure_type or self.raw
        if self.value is None:
            return self.raw
        error = "" if self.error is None else f" ± {self.error:g}"
        name = f"{self.parameter} = " if self.parameter else ""
        return f"{name}{self.value:g}{error} {self.unit or ''}".strip()


def record_id(record: PropertyRecord | StructureFact) -> str:
    """Deterministic id: the same fact at the same place always gets the same id."""
    p = record.provenance
    kind = getattr(record, "property", None) or getattr(record, "kind", "")
    key = f"{p.document_id}|{p.part_id}|{p.start}|{p.end}|{kind}"
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:20]


class ExtractionResult(Frozen):
    """Everything extracted from one document."""

    document_id: str
    records: tuple[PropertyRecord, ...] = ()
    structures: tuple[StructureFact, ...] = ()
    materials: tuple[Material, ...] = ()
    warnings: tuple[str, ...] = ()


class Candidate(Frozen):
    """A composition handed to simulation, with the structure rebuilt for it (or why not)."""

    formula: str
    composition: dict[str, float]
    source_records: tuple[str, ...] = ()
    prototype: str | None = None
    charge_balanced: bool | None = None
    oxidation_states: dict[str, float] = Field(default_factory=dict)
    files: tuple[str, ...] = ()
    rejected_reason: str | None = None
    # Added by the validator (matmine.validator); all optional.
    input_text: str = ""
    family: str | None = None
    rejected_category: str | None = None
    space_group_symbol: str | None = None
    space_group_number: int | None = None
    ordered: bool | None = None
    substitutions: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()

    def __hash__(self) -> int:
        return hash((self.formula, self.prototype))


SCHEMA_MODELS: dict[str, type[BaseModel]] = {
    "Document": Document,
    "Material": Material,
    "PropertyRecord": PropertyRecord,
    "StructureFact": StructureFact,
    "Provenance": Provenance,
    "Candidate": Candidate,
}
