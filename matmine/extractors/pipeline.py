"""The extraction pipeline: one spaCy ``Language`` and the functions that run it.

``build_nlp()`` assembles ``spacy.blank("en")`` with matmine's components
(sentences → materials → quantities → properties → structures); nothing is
downloaded.  ``extract_document`` runs it over every part of a
:class:`~matmine.models.Document` (``nlp.pipe`` over the text parts, table cells
read with their headers) and returns an :class:`~matmine.models.ExtractionResult`
whose records carry provenance down to the character.

>>> result = extract_text("Li10GeP2S12 shows 12 mS/cm at 27 °C.")
>>> r = result.records[0]
>>> (r.property, r.value, r.temperature_K)
('conductivity', 0.012, 300.15)
"""

from __future__ import annotations

import bisect
import importlib
import multiprocessing
import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Literal

import spacy
from spacy.language import Language

import matmine.extractors.properties  # noqa: F401  (registers matmine_properties)
import matmine.extractors.quantities  # noqa: F401  (registers matmine_quantities)
import matmine.extractors.sentences  # noqa: F401  (registers matmine_sentences)
import matmine.extractors.structures  # noqa: F401  (registers matmine_structures)
from matmine.extractors.linking import MaterialMention, materials_of
from matmine.extractors.properties import PropertyMention
from matmine.extractors.sentences import split_sentences
from matmine.extractors.structures import StructureMention
from matmine.extractors.table_structures import extract_table_structures
from matmine.extractors.tables import extract_table_cell
from matmine.extractors.temperatures import temperature_fields
from matmine.extractors.tokenizer import use_lean_tokenizer
from matmine.models import (
    Document,
    DocumentPart,
    ExtractionResult,
    Material,
    Paragraph,
    PropertyRecord,
    Provenance,
    Section,
    StructureFact,
)

# Modules that may register the "matmine_materials" component (item 1 of issue 3).
MATERIALS_MODULES = ("matmine.extractors.materials_component",)
PIPE_BATCH_SIZE = 64
CHUNK_CHARS = 20_000  # parts are run through spaCy in chunks of about this size
CHUNK_SEPARATOR = "\n\n"
MAX_PART_CHARS = 100_000  # longer parts are cut at sentence ends
_BLANK_LINE_RE = re.compile(r"\n[ \t]*\n\s*")


def _materials_available() -> bool:
    for name in MATERIALS_MODULES:
        try:
            importlib.import_module(name)
        except ImportError:
            continue
    return Language.has_factory("matmine_materials")


def build_nlp() -> Language:
    """``spacy.blank("en")`` plus matmine's extraction components."""
    nlp = spacy.blank("en")
    use_lean_tokenizer(nlp)  # every component works on character offsets
    nlp.add_pipe("matmine_sentences")
    if _materials_available():
        nlp.add_pipe("matmine_materials")
    nlp.add_pipe("matmine_quantities")
    nlp.add_pipe("matmine_properties")
    nlp.add_pipe("matmine_structures")
    return nlp


@lru_cache(maxsize=1)
def get_nlp() -> Language:
    """The process's pipeline, built on first use."""
    return build_nlp()


def _make_doc(nlp: Language, text: str):  # noqa: ANN202 - spacy.tokens.Doc
    doc = nlp.make_doc(text)
    doc.user_data["matmine_text"] = text  # saves components from joining tokens
    return doc


class _Context:
    """Materials seen so far in the document, for links across chunks."""

    def __init__(self) -> None:
        self.title: MaterialMention | None = None
        self.last: MaterialMention | None = None
        # table id → a formula with a free variable named in its caption
        self.series: dict[str, Material] = {}


@dataclass
class _Chunk:
    """Consecutive parts run through spaCy as one doc (fewer, larger docs are faster).

    Parts are joined with a blank line, which always ends a sentence.  A very long
    part is cut at sentence boundaries into pieces; ``offsets`` says where each
    piece starts in its part.
    """

    parts: list[DocumentPart] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)
    offsets: list[int] = field(default_factory=list)
    starts: list[int] = field(default_factory=list)
    length: int = 0

    def add(self, part: DocumentPart, text: str | None = None, offset: int = 0) -> None:
        if self.parts:
            self.length += len(CHUNK_SEPARATOR)
        self.parts.append(part)
        self.texts.append(part.text if text is None else text)
        self.offsets.append(offset)
        self.starts.append(self.length)
        self.length += len(self.texts[-1])

    @property
    def text(self) -> str:
        return CHUNK_SEPARATOR.join(self.texts)

    def locate(self, pos: int) -> tuple[DocumentPart, int]:
        """The part at chunk offset ``pos`` and the chunk offset of that part's start."""
        i = max(0, bisect.bisect_right(self.starts, pos) - 1)
        return self.parts[i], self.starts[i] - self.offsets[i]


def _pieces(part: DocumentPart) -> list[tuple[str, int]]:
    """A part's text, cut at sentence ends into pieces of about CHUNK_CHARS."""
    if len(part.text) <= MAX_PART_CHARS:
        return [(part.text, 0)]
    out: list[tuple[str, int]] = []
    start = end = 0
    for s0, s1 in split_sentences(part.text):
        if s1 - start > CHUNK_CHARS and end > start:
            out.append((part.text[start:end], start))
            start = s0
        end = s1
    out.append((part.text[start:], start))
    return out


def _chunks(parts: list[DocumentPart]) -> list[_Chunk]:
    out: list[_Chunk] = []
    for part in parts:
        group = "paragraph" if part.kind in ("paragraph", "caption") else part.kind
        for text, offset in _pieces(part):
            last = out[-1] if out else None
            if (last is None or part.kind in ("title", "abstract") or last.parts[0].kind in (
                    "title", "abstract") or _group(last) != group
                    or last.length + len(text) > CHUNK_CHARS):
                last = _Chunk()
                out.append(last)
            last.add(part, text, offset)
    return out


def _group(chunk: _Chunk) -> str:
    kind = chunk.parts[0].kind
    return "paragraph" if kind in ("paragraph", "caption") else kind


def _material_in(mention: MaterialMention | None, part: DocumentPart, base: int
                 ) -> Material | None:
    """The mention's Material with offsets into ``part`` (None offsets if elsewhere)."""
    if mention is None:
        return None
    m = mention.material
    if base <= mention.start and mention.end <= base + len(part.text):
        return m.model_copy(update={"start": mention.start - base, "end": mention.end - base})
    return m.model_copy(update={"start": None, "end": None})


def _resolve(mention, part: DocumentPart, base: int, ctx: _Context
             ) -> tuple[Material | None, float]:
    """The mention's material, or "the sample" / the title compound (lower confidence)."""
    if mention.material is not None:
        return _material_in(mention.material, part, base), 0.0
    if getattr(mention, "link", "") in ("generic", "ambiguous"):
        return None, -0.1  # a statement about a class, or a list we could not pair
    span = getattr(mention, "anaphor_span", None)
    if ctx.last is not None and mention.anaphor:
        return _named_by(ctx.last, span, part, base), -0.1
    if ctx.title is not None:
        return _named_by(ctx.title, span, part, base), -0.15
    return None, -0.1


def _named_by(antecedent: MaterialMention, span: tuple[int, int] | None, part: DocumentPart,
              base: int) -> Material:
    """The antecedent's material; located at the noun phrase ("the sample") that
    stands for it in this sentence, when there is one."""
    if span is None:
        return _material_in(antecedent, part, -10**9)  # type: ignore[return-value]
    phrase = part.text[span[0] - base:span[1] - base]
    return antecedent.material.model_copy(update={
        "text": phrase, "start": span[0] - base, "end": span[1] - base,
        "name": antecedent.material.name or antecedent.text})


def _provenance(document_id: str, part: DocumentPart, base: int, start: int, end: int,
                sentence: tuple[int, int]) -> Provenance:
    s0, s1 = sentence[0] - base, sentence[1] - base
    return Provenance(
        document_id=document_id, part_id=part.part_id, part_kind=part.kind, start=start - base,
        end=end - base, sentence=part.text[s0:s1], sentence_start=s0,
        source_offset=part.source_offset,
    )


def _record(document_id: str, chunk: _Chunk, m: PropertyMention, ctx: _Context
            ) -> PropertyRecord:
    q = m.quantity
    part, base = chunk.locate(q.start)
    material, delta = _resolve(m, part, base, ctx)
    t = m.temperature
    return PropertyRecord(
        # a range is value_min/value_max; its midpoint is no measured value
        document_id=document_id, property=m.property,
        value=q.value if q.value_min is None or q.value_max is None else None,
        value_min=q.value_min,
        value_max=q.value_max, error=q.error, qualifier=q.qualifier,
        unit=q.unit.canonical if q.unit is not None else "", raw=q.raw,
        # a temperature range ("between 25 and 100 °C") has no single temperature
        **temperature_fields(t), scope=m.scope, atmosphere=m.atmosphere, method=m.method,
        material=material,
        confidence=round(max(0.05, min(0.99, m.confidence + delta)), 3),
        provenance=_provenance(document_id, part, base, q.start, q.end, m.sentence),
    ).with_id()


def _structure(document_id: str, chunk: _Chunk, s: StructureMention, ctx: _Context
               ) -> StructureFact:
    part, base = chunk.locate(s.start)
    material, delta = _resolve(s, part, base, ctx)
    return StructureFact(
        document_id=document_id, kind=s.kind, raw=s.raw,
        space_group_symbol=s.space_group_symbol, space_group_number=s.space_group_number,
        crystal_system=s.crystal_system, parameter=s.parameter, value=s.value, error=s.error,
        unit=s.unit, structure_type=s.structure_type, material=material,
        confidence=round(max(0.05, min(0.99, s.confidence + delta)), 3),
        provenance=_provenance(document_id, part, base, s.start, s.end, s.sentence),
    ).with_id()


def extract_document(doc: Document, nlp: Language | None = None) -> ExtractionResult:
    """Property records, structure facts and materials of one document."""
    nlp = nlp or get_nlp()
    warnings: list[str] = []
    if "matmine_materials" not in nlp.pipe_names:
        warnings.append("no matmine_materials component: records are not linked to materials")
    parts = list(doc.iter_parts())
    cells = [p for p in parts if p.kind == "table_cell"]
    chunks = _chunks([p for p in parts if p.kind != "table_cell"])
    paragraph_texts = [p.text for p in parts if p.kind == "paragraph"]
    ctx = _Context()
    records: list[PropertyRecord] = []
    structures: list[StructureFact] = []
    materials: dict[str, Material] = {}
    texts = [c.text for c in chunks]
    sdocs = nlp.pipe((_make_doc(nlp, t) for t in texts), batch_size=PIPE_BATCH_SIZE)
    for chunk, text, sdoc in zip(chunks, texts, sdocs):
        # plain text: the title is also the first paragraph; report that one only
        duplicate = chunk.parts[0].kind in ("title", "abstract") and any(
            t.startswith(chunk.parts[0].text) for t in paragraph_texts)
        if not duplicate:
            records.extend(_record(doc.id, chunk, m, ctx) for m in sdoc._.property_mentions or [])
            structures.extend(_structure(doc.id, chunk, s, ctx)
                              for s in sdoc._.structure_mentions or [])
        mentions = materials_of(sdoc, text=text)
        for mm in mentions:  # one entry per distinct text; offsets are per part, so dropped
            if mm.text not in materials:
                materials[mm.text] = mm.material.model_copy(update={"start": None, "end": None})
            _note_caption_series(chunk, mm, ctx)
        linkable = [m.resolved for m in mentions if m.linkable and not m.comparison]
        if linkable:
            if chunk.parts[0].kind == "title" and ctx.title is None:
                ctx.title = linkable[0]
            ctx.last = linkable[-1]
    table_records, table_structures = _table_facts(doc.id, cells, ctx, warnings, materials)
    records.extend(table_records)
    structures.extend(table_structures)
    return ExtractionResult(
        document_id=doc.id, records=tuple(records), structures=tuple(structures),
        materials=tuple(materials.values()), warnings=tuple(warnings),
    )


def _note_caption_series(chunk: _Chunk, mm: MaterialMention, ctx: _Context) -> None:
    """Remember "Li7−xLa3Zr2−xTaxO12" named in a table caption without a value for x:
    the table's rows ("x = 0.25") are members of that series."""
    part, _ = chunk.locate(mm.start)
    material = mm.material
    if part.kind != "caption" or not material.formula or material.composition or \
            material.error is not None:
        return
    ctx.series.setdefault(part.part_id.split(":", 1)[1],
                          material.model_copy(update={"start": None, "end": None}))


def _table_facts(document_id: str, cells: list[DocumentPart], ctx: _Context,
                 warnings: list[str], materials: dict[str, Material]
                 ) -> tuple[list[PropertyRecord], list[StructureFact]]:
    """Property records and structure facts of the table cells (one pass)."""
    rows: dict[tuple[str | None, int | None], list[DocumentPart]] = {}
    for cell in cells:
        rows.setdefault((cell.table_id, cell.row), []).append(cell)
    title = ctx.title.material.model_copy(update={"start": None, "end": None}) \
        if ctx.title is not None else None
    records: list[PropertyRecord] = []
    structures: list[StructureFact] = []
    for cell in cells:
        row = rows.get((cell.table_id, cell.row), ())
        series = ctx.series.get(cell.table_id or "")
        try:
            recs = extract_table_cell(document_id, cell, title, row, series)
            facts = extract_table_structures(document_id, cell, row, title, series)
        except Exception as exc:  # noqa: BLE001 - one bad cell must not lose the document
            warnings.append(f"{cell.part_id}: table cell skipped ({type(exc).__name__}: {exc})")
            continue
        records.extend(recs)
        structures.extend(facts)
        for r in recs:
            if r.material is not None:
                materials.setdefault(r.material.text, r.material)
    return records, structures


def text_document(text: str, document_id: str = "text") -> Document:
    """A plain text as a Document, split into paragraphs as the text reader does
    (blank lines; line breaks when there are none), offsets into ``text`` kept."""
    try:
        from matmine.documents.text import split_paragraphs
    except ImportError:  # readers not installed: blank-line blocks
        split_paragraphs = _blank_line_blocks
    paragraphs = [
        Paragraph(id=f"p{i + 1}", text=chunk, source_offset=offset)
        for i, (offset, chunk) in enumerate(split_paragraphs(text))
    ]
    section = Section(id="body", paragraphs=tuple(paragraphs))
    return Document(id=document_id, kind="paper", sections=(section,))


def _blank_line_blocks(text: str) -> list[tuple[int, str]]:
    out = []
    pos = 0
    for m in [*_BLANK_LINE_RE.finditer(text), None]:
        end = m.start() if m is not None else len(text)
        if text[pos:end].strip():
            out.append((pos, text[pos:end]))
        pos = m.end() if m is not None else len(text)
    return out


def extract_text(text: str, document_id: str = "text", nlp: Language | None = None
                 ) -> ExtractionResult:
    """Extract from a plain text; ``provenance.file_span`` gives offsets into ``text``."""
    return extract_document(text_document(text, document_id), nlp)


def _safe_extract(doc: Document, on_error: str) -> ExtractionResult | Exception:
    try:
        return extract_document(doc, get_nlp())
    except Exception as exc:  # noqa: BLE001 - handed back to the caller, never dropped
        if on_error == "raise":
            raise
        return exc


def _worker_extract(item: tuple[Document, str]) -> ExtractionResult | Exception:
    return _safe_extract(*item)


# Documents handed to forked workers by inheritance: only indices cross the pipe.
_FORKED_DOCS: Sequence[Document] = ()


def _worker_extract_index(item: tuple[int, str]) -> ExtractionResult | Exception:
    return _safe_extract(_FORKED_DOCS[item[0]], item[1])


def extract_documents(
    docs: Iterable[Document], workers: int | None = None, chunksize: int = 2,
    on_error: Literal["raise", "return"] = "raise",
) -> list[ExtractionResult | Exception]:
    """Extract many documents on ``workers`` processes (default: all cores), in order.

    ``on_error="return"`` puts the exception in place of a document's result instead
    of failing the batch.  With the ``fork`` start method the pipeline is built once
    in this process and the documents reach the workers by inheritance; only the
    results are pickled.
    """
    global _FORKED_DOCS
    workers = workers or os.cpu_count() or 1
    docs = list(docs) if not isinstance(docs, Sequence) else docs
    if workers <= 1 or len(docs) <= 1:
        get_nlp()
        return [_safe_extract(d, on_error) for d in docs]
    if "fork" in multiprocessing.get_all_start_methods():
        get_nlp()
        _FORKED_DOCS = docs
        try:
            with multiprocessing.get_context("fork").Pool(workers) as pool:
                return pool.map(_worker_extract_index, [(i, on_error) for i in range(len(docs))],
                                chunksize=chunksize)
        finally:
            _FORKED_DOCS = ()
    with multiprocessing.get_context("spawn").Pool(workers) as pool:
        return pool.map(_worker_extract, [(d, on_error) for d in docs], chunksize=chunksize)


__all__ = [
    "build_nlp",
    "extract_document",
    "extract_documents",
    "extract_text",
    "get_nlp",
    "text_document",
]
