"""USPTO full-text XML, ICE DTD v4.x: grants (``us-patent-grant``) and
pre-grant publications (``us-patent-application``), 2004 to today.

The 2004/2006 layouts put people in ``parties/applicants`` (inventors are
``applicant-inventor`` applicants); from v4.3 on ``us-parties`` holds separate
``us-applicants`` and ``inventors``.  Both are read.  The description is split
into sections at each ``<heading>``; paragraphs keep their XML id (``p-0012``)
and printed number (``num="0012"``; ``0000`` means unnumbered).  Tables
(``<tables>`` inside or between paragraphs) are read by :mod:`cals` and left
out of the paragraph text.  CPC comes from ``classifications-cpc`` (and
``classification-cpc-text`` outside the field-of-search block, where older
files put it); IPC from ``classifications-ipcr`` or the older
``classification-ipc``.  USPTO XML carries no family id (``family_id`` stays
``None``).
"""

from __future__ import annotations

from datetime import date

from lxml import etree

from matmine.documents.cals import parse_cals_table
from matmine.documents.patents import (
    SectionBuilder,
    normalise_class_text,
    organisation,
    parse_yyyymmdd,
    patent_ids,
    read_claims,
    structured_classes,
)
from matmine.documents.xmlsafe import inline_text, local_name, normalise_space
from matmine.errors import DocumentParseError
from matmine.models import Document, DocumentDates, Organisation, Paragraph, Person, Section, Table

ROOTS = ("us-patent-grant", "us-patent-application")
SOURCE_FORMAT = "uspto-v4"
_PARAGRAPH_SKIP = ("tables", "img", "figure")


def read_uspto_v4(root: etree._Element, *, source: str = "", url: str | None = None) -> Document:
    """Read one ``us-patent-grant`` / ``us-patent-application`` element."""
    name = local_name(root)
    if name not in ROOTS:
        raise DocumentParseError(f"not a USPTO v4 document (root <{name}>)")
    biblio = root.find("us-bibliographic-data-grant")
    if biblio is None:
        biblio = root.find("us-bibliographic-data-application")
    if biblio is None:
        raise DocumentParseError(f"<{name}> has no bibliographic data")
    pub = biblio.find("publication-reference/document-id")
    if pub is None or not (pub.findtext("doc-number") or "").strip():
        raise DocumentParseError(f"<{name}> has no publication number")
    doc_id, alternates = patent_ids(
        pub.findtext("doc-number") or "",
        pub.findtext("kind") or "",
        (pub.findtext("country") or "US").strip(),
    )
    application = biblio.find("application-reference/document-id")
    app_number = (
        (application.findtext("doc-number") or "").strip() if application is not None else ""
    )
    if app_number:
        alternates += (f"US-APP-{app_number}",)
    sections, tables = _description(root.find("description"))
    people, organisations = _parties(biblio)
    return Document(
        id=doc_id,
        kind="patent",
        title=inline_text(biblio.find("invention-title")),
        abstract=inline_text(root.find("abstract")),
        people=people,
        organisations=organisations,
        dates=_dates(biblio, pub, application, granted=name == "us-patent-grant"),
        cpc=tuple(_cpc(biblio)),
        ipc=tuple(_ipc(biblio)),
        claims=read_claims(root.iterfind("claims/claim")),
        sections=sections,
        tables=tables,
        source=source,
        url=url,
        alternate_ids=alternates,
        source_format=SOURCE_FORMAT,
    )


def _dates(
    biblio: etree._Element,
    pub: etree._Element,
    application: etree._Element | None,
    *,
    granted: bool,
) -> DocumentDates:
    published = parse_yyyymmdd(pub.findtext("date"))
    filed = parse_yyyymmdd(application.findtext("date")) if application is not None else None
    earlier: list[date] = []
    for path in (
        "priority-claims/priority-claim/date",
        "us-related-documents/us-provisional-application/document-id/date",
    ):
        for el in biblio.iterfind(path):
            parsed = parse_yyyymmdd(el.text)
            if parsed:
                earlier.append(parsed)
    priority = min(earlier + ([filed] if filed else []), default=None)
    return DocumentDates(
        published=published, filed=filed, priority=priority, granted=published if granted else None
    )


def _cpc(biblio: etree._Element) -> list[str]:
    symbols = structured_classes(biblio.iterfind("classifications-cpc//classification-cpc"))
    for el in biblio.iter("classification-cpc-text"):
        if any(local_name(a) == "us-field-of-classification-search" for a in el.iterancestors()):
            continue
        symbol = normalise_class_text(el.text or "")
        if symbol and symbol not in symbols:
            symbols.append(symbol)
    return symbols


def _ipc(biblio: etree._Element) -> list[str]:
    symbols = structured_classes(biblio.iterfind("classifications-ipcr/classification-ipcr"))
    for path in (
        "classification-ipc/main-classification",
        "classification-ipc/further-classification",
    ):
        for el in biblio.iterfind(path):
            symbol = normalise_class_text(el.text or "")
            if symbol and symbol not in symbols:
                symbols.append(symbol)
    return symbols


def _person_name(book: etree._Element) -> str:
    first = normalise_space(book.findtext("first-name") or "")
    last = normalise_space(book.findtext("last-name") or "")
    return " ".join(p for p in (first, last) if p) or normalise_space(book.findtext("name") or "")


def _parties(biblio: etree._Element) -> tuple[tuple[Person, ...], tuple[Organisation, ...]]:
    people: list[Person] = []
    orgs: list[Organisation] = []
    parties = biblio.find("us-parties")
    if parties is None:
        parties = biblio.find("parties")
    inventors = [] if parties is None else list(parties.iterfind("inventors/inventor"))
    applicants = [] if parties is None else list(parties.iterfind("us-applicants/us-applicant"))
    applicants += [] if parties is None else list(parties.iterfind("applicants/applicant"))
    for inventor in inventors:
        book = inventor.find("addressbook")
        if book is not None and _person_name(book):
            people.append(Person(name=_person_name(book), role="inventor"))
    for applicant in applicants:
        book = applicant.find("addressbook")
        if book is None:
            continue
        orgname = normalise_space(book.findtext("orgname") or "")
        country = normalise_space(book.findtext("address/country") or "") or None
        if orgname:
            orgs.append(organisation(orgname, "applicant", country))
            continue
        name = _person_name(book)
        if not name:
            continue
        if any(p.name == name for p in people):
            continue  # an inventor also listed as applicant
        # 2004/2006 layouts list inventors only as "applicant-inventor" applicants
        role = "inventor" if not inventors else "applicant"
        people.append(Person(name=name, role=role))  # type: ignore[arg-type]
    for assignee in biblio.iterfind("assignees/assignee"):
        book = assignee.find("addressbook")
        if book is None:
            book = assignee
        raw = normalise_space(book.findtext("orgname") or "") or _person_name(book)
        if raw:
            country = normalise_space(book.findtext("address/country") or "") or None
            orgs.append(organisation(raw, "assignee", country))
    unique: list[Organisation] = []
    for org in orgs:
        if not any(o.raw == org.raw and o.role == org.role for o in unique):
            unique.append(org)
    return tuple(people), tuple(unique)


def _description(
    description: etree._Element | None,
) -> tuple[tuple[Section, ...], tuple[Table, ...]]:
    if description is None:
        return (), ()
    builder = SectionBuilder()
    tables: list[Table] = []
    for el in _flatten(description):
        name = local_name(el)
        if name == "heading":
            builder.heading(inline_text(el), _heading_level(el))
        elif name == "p":
            for tables_el in el.iter("tables"):
                tables.extend(_tables(tables_el, len(tables)))
            text = inline_text(el, skip=_PARAGRAPH_SKIP)
            if text:
                num = el.get("num") or ""
                builder.add(
                    Paragraph(
                        id=el.get("id")
                        or f"p{len(builder.paragraphs) + 1}-s{len(builder.sections) + 1}",
                        text=text,
                        number=num if num.strip("0") else None,
                    )
                )
        elif name == "tables":
            tables.extend(_tables(el, len(tables)))
    return builder.finish(), tuple(tables)


def _flatten(parent: etree._Element):  # type: ignore[no-untyped-def]
    """Headings, paragraphs and tables in document order, through wrapper elements."""
    for el in parent:
        name = local_name(el)
        if name in ("heading", "p", "tables"):
            yield el
        elif name and name not in ("figure", "drawings"):
            yield from _flatten(el)  # description-of-drawings, embodiments, ...


def _heading_level(el: etree._Element) -> int:
    try:
        return max(1, int(el.get("level") or el.get("lvl") or 1) - 1)
    except ValueError:
        return 1


def _tables(tables_el: etree._Element, already: int) -> list[Table]:
    base = tables_el.get("id") or f"TABLE-{already + 1}"
    out: list[Table] = []
    for index, table_el in enumerate(tables_el.iter("table")):
        table_id = base if index == 0 else f"{base}-{index + 1}"
        out.extend(parse_cals_table(table_el, table_id=table_id))
    return out
