"""arXiv OAI-PMH (``metadataPrefix=arXiv``) → paper documents.

One ``ListRecords`` page holds up to 1000 records and, unless it is the last
page, a ``resumptionToken``.  Deleted records (``<header status="deleted">``)
carry no metadata and are skipped; ``noRecordsMatch`` is an empty page, not an
error.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from lxml import etree

from matmine.crawlers.formats import (
    ParseOutput,
    RecordProblem,
    arxiv_id,
    collapse,
    normalise_id,
    parse_xml,
    register_format,
)
from matmine.errors import DocumentParseError
from matmine.models import Document, DocumentDates, Organisation, Person

OAI = "{http://www.openarchives.org/OAI/2.0/}"
ARXIV = "{http://arxiv.org/OAI/arXiv/}"


@dataclass(frozen=True)
class OaiPage:
    """What the spider needs from a page: records, datestamps and the next token."""

    root: etree._Element
    records: list[etree._Element]
    token: str | None
    complete_list_size: int | None
    error_code: str | None

    @property
    def datestamps(self) -> list[str]:
        return [
            d.text.strip()
            for r in self.records
            if (d := r.find(f"{OAI}header/{OAI}datestamp")) is not None and d.text
        ]


def read_page(data: bytes) -> OaiPage:
    root = parse_xml(data, "arXiv OAI-PMH page")
    if root.tag != f"{OAI}OAI-PMH":
        raise DocumentParseError(f"arXiv OAI-PMH page: unexpected root element {root.tag!r}")
    error = root.find(f"{OAI}error")
    if error is not None and error.get("code") != "noRecordsMatch":
        raise DocumentParseError(f"arXiv OAI-PMH error {error.get('code')}: {collapse(error.text)}")
    listing = root.find(f"{OAI}ListRecords")
    records = [] if listing is None else listing.findall(f"{OAI}record")
    token_el = None if listing is None else listing.find(f"{OAI}resumptionToken")
    token = (token_el.text or "").strip() if token_el is not None else ""
    size = token_el.get("completeListSize") if token_el is not None else None
    return OaiPage(
        root=root,
        records=records,
        token=token or None,
        complete_list_size=int(size) if size and size.isdigit() else None,
        error_code=None if error is None else error.get("code"),
    )


def _date(text: str | None) -> date | None:
    try:
        return date.fromisoformat((text or "").strip()[:10])
    except ValueError:
        return None


def record_to_document(record: etree._Element, url: str | None = None) -> Document | None:
    """Map one OAI record to a Document; ``None`` for a deleted record."""
    header = record.find(f"{OAI}header")
    if header is not None and header.get("status") == "deleted":
        return None
    meta = record.find(f"{OAI}metadata/{ARXIV}arXiv")
    if meta is None:
        raise DocumentParseError("record has no arXiv metadata")
    raw_id = meta.findtext(f"{ARXIV}id") or (
        header.findtext(f"{OAI}identifier") if header is not None else None
    )
    if not raw_id:
        raise DocumentParseError("record has no arXiv id")
    try:
        doc_id = arxiv_id(raw_id)
    except ValueError as exc:
        raise DocumentParseError(str(exc)) from None
    title = collapse(meta.findtext(f"{ARXIV}title"))
    if not title:
        raise DocumentParseError(f"{doc_id}: record has no title")
    people = []
    organisations: dict[str, Organisation] = {}
    for author in meta.iterfind(f"{ARXIV}authors/{ARXIV}author"):
        name = collapse(
            f"{author.findtext(f'{ARXIV}forenames') or ''} {author.findtext(f'{ARXIV}keyname') or ''}"
            f" {author.findtext(f'{ARXIV}suffix') or ''}"
        )
        affiliations = tuple(collapse(a.text) for a in author.iterfind(f"{ARXIV}affiliation"))
        for aff in affiliations:
            organisations.setdefault(aff, Organisation(raw=aff, role="affiliation"))
        if name:
            people.append(Person(name=name, role="author", affiliations=affiliations))
    created = _date(meta.findtext(f"{ARXIV}created"))
    doi = collapse(meta.findtext(f"{ARXIV}doi")).split(" ")[0]
    bare = doc_id.removeprefix("arXiv:")
    document = Document(
        id=doc_id,
        kind="paper",
        title=title,
        abstract=collapse(meta.findtext(f"{ARXIV}abstract")),
        people=tuple(people),
        organisations=tuple(organisations.values()),
        dates=DocumentDates(published=created, online=created),
        keywords=tuple(collapse(meta.findtext(f"{ARXIV}categories")).split()),
        journal=collapse(meta.findtext(f"{ARXIV}journal-ref")),
        source="arxiv",
        sources=("arxiv",),
        url=f"https://arxiv.org/abs/{bare}",
        alternate_ids=(normalise_id(doi),) if doi else (),
        source_format="arxiv-oai",
    )
    return document.with_content_hash()


@register_format("arxiv-oai")
def parse_arxiv_page(
    parts: Mapping[str, bytes], name: str, source: str, url: str | None
) -> ParseOutput:
    page = read_page(parts["body"])
    for number, record in enumerate(page.records, 1):
        try:
            document = record_to_document(record, url)
        except DocumentParseError as exc:
            data = etree.tostring(record)
            yield RecordProblem(f"{name}#record{number}", f"arXiv record: {exc}", data)
            continue
        if document is not None:
            yield document
