"""When, by whom and where a document discloses something: the facts every tracking tool shares.

* :func:`effective_date` — the date that decides who was first: a patent's
  priority date (then filing, then publication), a paper's online date (then
  publication);
* :func:`public_date` — when the public could first read it: a patent's
  publication (or grant), a paper's online (or publication) date;
* :func:`organisation_names` — harmonised assignees (patents) or affiliations
  (papers), via :func:`matmine.tracking.assignees.harmonise_organisation`;
* :func:`locate` — the part (claim / paragraph / table cell …) and sentence
  where a text first occurs, for material mentions that the index keeps
  without a place (``ExtractionResult.materials``);
* :func:`iter_scope` — the stored documents a filter in the query language selects.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from matmine.index.api import DocumentSummary, IndexBackend, SearchRequest
from matmine.models import Document, DocumentDates, ExtractionResult, Organisation
from matmine.tracking.assignees import harmonise_affiliation, harmonise_organisation

PAGE_SIZE = 500
SENTENCE_CHARS = 400
_SENTENCE_END = re.compile(r"(?<=[.;!?])\s+(?=[A-Z(\[\"“])")
def effective_date(kind: str, dates: DocumentDates) -> tuple[date | None, str]:
    """(date, which one) that decides who was first.

    >>> effective_date("patent", DocumentDates(priority=date(2012, 2, 6), published=date(2013, 8, 15)))
    (datetime.date(2012, 2, 6), 'priority')
    """
    order = ("priority", "filed", "published", "granted") if kind == "patent" else (
        "online", "published")
    for name in order:
        value = getattr(dates, name)
        if value is not None:
            return value, name
    return None, ""


def public_date(kind: str, dates: DocumentDates) -> tuple[date | None, str]:
    """(date, which one) the document became public."""
    order = ("published", "granted") if kind == "patent" else ("online", "published")
    for name in order:
        value = getattr(dates, name)
        if value is not None:
            return value, name
    return None, ""


def organisation_names(kind: str, organisations: tuple[Organisation, ...]) -> tuple[str, ...]:
    """Harmonised names: assignees/applicants of a patent, affiliations of a paper (deduplicated)."""
    chosen = [o for o in organisations if o.role in ("assignee", "applicant")]
    if kind != "patent" or not chosen:
        chosen = [o for o in organisations if o.role != "publisher"]
    names: list[str] = []
    for org in chosen:
        # readers harmonise at the source; documents indexed before that get it here
        name = org.harmonised or (harmonise_organisation(org.raw) if org.role in
                                  ("assignee", "applicant") else harmonise_affiliation(org.raw))
        if name and name not in names:
            names.append(name)
    return tuple(names)


@dataclass(frozen=True)
class Location:
    """Where a text occurs in a document."""

    part_id: str
    part_kind: str
    sentence: str


def locate(document: Document, text: str) -> Location | None:
    """The first part (in reading order) whose text contains ``text``, and the sentence there."""
    if not text:
        return None
    for part in document.iter_parts():
        at = part.text.find(text)
        if at >= 0:
            return Location(part.part_id, part.kind, sentence_at(part.text, at))
    return None


def sentence_at(text: str, offset: int) -> str:
    """The sentence of ``text`` around ``offset`` (clipped to :data:`SENTENCE_CHARS`)."""
    start = 0
    for m in _SENTENCE_END.finditer(text):
        if m.end() > offset:
            sentence = text[start : m.start()]
            break
        start = m.end()
    else:
        sentence = text[start:]
    sentence = " ".join(sentence.split())
    return sentence if len(sentence) <= SENTENCE_CHARS else sentence[: SENTENCE_CHARS - 1] + "…"


def iter_scope(index: IndexBackend, where: str | None = None,
               kinds: tuple[str, ...] | None = None) -> Iterator[tuple[Document, ExtractionResult]]:
    """Stored documents matching ``where`` (document level) and of one of ``kinds``.

    Without a filter every document is read once (``iter_documents``); with one the
    index selects the ids and each document is fetched.
    """
    if not where or not where.strip():
        for document, result in index.iter_documents():
            if kinds is None or document.kind in kinds:
                yield document, result
        return
    for document_id in matching_ids(index, where):
        found = index.get(document_id)
        if found is not None and (kinds is None or found[0].kind in kinds):
            yield found


def matching_ids(index: IndexBackend, where: str, text: str = "") -> list[str]:
    """Ids of the documents a filter (and free text) selects, at document level, all pages."""
    return [summary.id for summary in matching_documents(index, where, text)]


def matching_documents(index: IndexBackend, where: str, text: str = "") -> list[DocumentSummary]:
    """Summaries (id, kind, dates, organisations, CPC) of the documents a filter selects."""
    found: dict[str, DocumentSummary] = {}
    offset = 0
    while True:
        request = SearchRequest(filter=where, text=text, level="document", sort="date",
                                limit=PAGE_SIZE, offset=offset, highlight=False,
                                records_per_document=1)
        results = index.search(request)
        for hit in results.hits:
            found.setdefault(hit.document.id, hit.document)
        offset += len(results.hits)
        if len(results.hits) < PAGE_SIZE:
            break
    return list(found.values())


__all__ = [
    "Location",
    "effective_date",
    "iter_scope",
    "locate",
    "matching_documents",
    "matching_ids",
    "organisation_names",
    "public_date",
    "sentence_at",
]
