"""EPO OPS published-data (exchange format biblio + fulltext claims/description) → patents.

An OPS item has up to three parts, each the body of one OPS call:
``biblio`` (``/published-data/publication/docdb/{id}/biblio``), ``claims`` and
``description`` (``/published-data/publication/epodoc/{id}/claims`` …; only EP
and WO publications have full text, so these parts may be missing).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date

from lxml import etree

from matmine.crawlers.formats import (
    ParseOutput,
    RecordProblem,
    collapse,
    local,
    normalise_id,
    parse_xml,
    register_format,
)
from matmine.errors import DocumentParseError
from matmine.models import Claim, Document, DocumentDates, Organisation, Paragraph, Person, Section

_CLAIM_REF = re.compile(r"\bclaims?\s+(\d+)(?:\s*(?:to|-|–|or|and)\s*(\d+))?", re.IGNORECASE)
_CLAIM_NUMBER = re.compile(r"^\s*(\d+)\s*[.)]\s*")


def _children(element: etree._Element, name: str) -> list[etree._Element]:
    return [e for e in element.iter() if local(e.tag) == name]


def _first(element: etree._Element, name: str) -> etree._Element | None:
    found = _children(element, name)
    return found[0] if found else None


def _text(element: etree._Element | None) -> str:
    return collapse("".join(element.itertext())) if element is not None else ""


def _date(text: str) -> date | None:
    text = text.strip()
    if len(text) >= 8 and text[:8].isdigit():
        try:
            return date(int(text[:4]), int(text[4:6]), int(text[6:8]))
        except ValueError:
            return None
    return None


def _docdb_number(reference: etree._Element | None) -> tuple[str, date | None]:
    """``EP2555000A1`` and its date from a publication/application reference."""
    if reference is None:
        return "", None
    for doc_id in _children(reference, "document-id"):
        if doc_id.get("document-id-type") == "docdb":
            parts = [_text(_first(doc_id, n)) for n in ("country", "doc-number", "kind")]
            return "".join(parts), _date(_text(_first(doc_id, "date")))
    doc_id = _first(reference, "document-id")
    if doc_id is None:
        return "", None
    return _text(_first(doc_id, "doc-number")), _date(_text(_first(doc_id, "date")))


def _any_date(reference: etree._Element | None) -> date | None:
    if reference is None:
        return None
    dates = [_date(_text(d)) for d in _children(reference, "date")]
    return min((d for d in dates if d), default=None)


def _name(party: etree._Element) -> str:
    return re.sub(r"\s*\[[A-Z]{2}\]\s*$", "", _text(_first(party, "name")))


def parse_claims(root: etree._Element | None) -> tuple[Claim, ...]:
    """Numbered claims with the claims each one refers to."""
    if root is None:
        return ()
    texts = [_text(t) for t in _children(root, "claim-text")]
    claims = []
    for position, text in enumerate((t for t in texts if t), 1):
        match = _CLAIM_NUMBER.match(text)
        number = int(match.group(1)) if match else position
        body = text[match.end() :] if match else text
        depends: set[int] = set()
        for ref in _CLAIM_REF.finditer(body):
            low = int(ref.group(1))
            high = int(ref.group(2) or low)
            depends.update(n for n in range(low, min(high, number - 1) + 1) if n < number)
        claims.append(Claim(number=number, text=body, depends_on=tuple(sorted(depends))))
    return tuple(claims)


def biblio_to_document(
    biblio: bytes, claims: bytes | None, description: bytes | None, url: str | None
) -> Document:
    root = parse_xml(biblio, "EPO OPS biblio")
    exchange = _first(root, "exchange-document")
    if exchange is None:
        raise DocumentParseError("EPO OPS biblio: no exchange-document")
    data = _first(exchange, "bibliographic-data")
    if data is None:
        raise DocumentParseError("EPO OPS biblio: no bibliographic-data")
    number, published = _docdb_number(_first(data, "publication-reference"))
    if not number:
        number = (
            exchange.get("country", "") + exchange.get("doc-number", "") + exchange.get("kind", "")
        )
    if not number:
        raise DocumentParseError("EPO OPS biblio: no publication number")
    _, filed = _docdb_number(_first(data, "application-reference"))
    filed = filed or _any_date(_first(data, "application-reference"))
    priorities = [_any_date(p) for p in _children(data, "priority-claim")]
    titles = _children(data, "invention-title")
    title = next(
        (_text(t) for t in titles if t.get("lang") == "en"), _text(titles[0]) if titles else ""
    )
    abstracts = _children(exchange, "abstract")
    abstract = next(
        (_text(a) for a in abstracts if a.get("lang") == "en"),
        _text(abstracts[0]) if abstracts else "",
    )
    people = tuple(
        Person(name=_name(p), role="inventor")
        for p in _children(data, "inventor")
        if p.get("data-format") != "original" and _name(p)
    )
    organisations = tuple(
        Organisation(raw=_name(p), harmonised=_harmonise(_name(p)), role="applicant")
        for p in _children(data, "applicant")
        if p.get("data-format") != "original" and _name(p)
    )
    cpc = []
    for pc in _children(data, "patent-classification"):
        parts = [
            _text(_first(pc, n)) for n in ("section", "class", "subclass", "main-group", "subgroup")
        ]
        if all(parts):
            cpc.append(f"{''.join(parts[:4])}/{parts[4]}")
    ipc = []
    for ic in _children(data, "classification-ipcr"):
        fields = _text(_first(ic, "text")).split()
        if len(fields) >= 2:
            ipc.append(f"{fields[0]}{fields[1]}")
    sections: tuple[Section, ...] = ()
    if description:
        desc_root = parse_xml(description, "EPO OPS description")
        paragraphs = tuple(
            Paragraph(id=f"p{n:04d}", number=p.get("num"), text=_text(p))
            for n, p in enumerate((p for p in _children(desc_root, "p") if _text(p)), 1)
        )
        sections = (Section(id="description", title="Description", paragraphs=paragraphs),)
    claim_root = parse_xml(claims, "EPO OPS claims") if claims else None
    document = Document(
        id=normalise_id(number),
        kind="patent",
        title=title,
        abstract=abstract,
        people=people,
        organisations=organisations,
        dates=DocumentDates(
            published=published,
            filed=filed,
            priority=min((p for p in priorities if p), default=None),
        ),
        family_id=exchange.get("family-id"),
        cpc=tuple(dict.fromkeys(cpc)),
        ipc=tuple(dict.fromkeys(ipc)),
        claims=parse_claims(claim_root),
        sections=sections,
        source="epo",
        sources=("epo",),
        url=url,
        source_format="epo-ops",
    )
    return document.with_content_hash()


def _harmonise(raw: str) -> str:
    try:
        from matmine.tracking.assignees import harmonise_organisation
    except ImportError:
        return ""
    return harmonise_organisation(raw)


def search_results(data: bytes) -> tuple[list[str], int]:
    """Publication numbers (docdb, ``EP.2555000.A1``) of a search page and the total count."""
    root = parse_xml(data, "EPO OPS search")
    search = _first(root, "biblio-search")
    if search is None:
        raise DocumentParseError("EPO OPS search: no biblio-search element")
    numbers = []
    for ref in _children(search, "publication-reference"):
        doc_id = _first(ref, "document-id")
        if doc_id is None:
            continue
        parts = [_text(_first(doc_id, n)) for n in ("country", "doc-number", "kind")]
        if all(parts):
            numbers.append(".".join(parts))
    return numbers, int(search.get("total-result-count") or 0)


def publication_date(biblio: bytes) -> str | None:
    """ISO publication date of a biblio response (for the watermark)."""
    try:
        root = parse_xml(biblio, "EPO OPS biblio")
    except DocumentParseError:
        return None
    _, published = _docdb_number(_first(root, "publication-reference"))
    return published.isoformat() if published else None


@register_format("epo-ops")
def parse_epo(parts: Mapping[str, bytes], name: str, source: str, url: str | None) -> ParseOutput:
    try:
        yield biblio_to_document(
            parts["biblio"], parts.get("claims"), parts.get("description"), url
        )
    except DocumentParseError as exc:
        yield RecordProblem(name, str(exc), parts.get("biblio"))
