"""USPTO pre-grant publications in the 2001-2004 "pap" layout
(``<patent-application-publication>``, e.g. ``US20010000044A1.xml``).

Bibliographic data sits in ``subdoc-bibliographic-information``; the
description is a tree of ``background-of-invention`` / ``summary-of-invention``
/ ``detailed-description`` ... blocks with ``<heading>``s, ``<section>``s and
``<paragraph id="P-00012">`` whose printed number is a leading
``<number>12.</number>`` (kept as ``"12"`` in ``Paragraph.number``, removed
from the text).  Claims carry no ``claim-ref``: dependencies are read from
the text ("The method of claim 1, ...").  These files often start with a
DOCTYPE naming an XHTML DTD on the web; :mod:`xmlsafe` never fetches it.
"""

from __future__ import annotations

from lxml import etree

from matmine.documents.cals import parse_cals_table
from matmine.documents.patents import (
    SectionBuilder,
    normalise_class_text,
    organisation,
    parse_yyyymmdd,
    patent_ids,
    read_claims,
)
from matmine.documents.xmlsafe import inline_text, local_name, normalise_space
from matmine.errors import DocumentParseError
from matmine.models import Document, DocumentDates, Organisation, Paragraph, Person, Section, Table

ROOT = "patent-application-publication"
SOURCE_FORMAT = "uspto-pap-2001"


def read_uspto_pap(root: etree._Element, *, source: str = "", url: str | None = None) -> Document:
    """Read one ``patent-application-publication`` element."""
    if local_name(root) != ROOT:
        raise DocumentParseError(f"not a USPTO pap document (root <{local_name(root)}>)")
    biblio = root.find("subdoc-bibliographic-information")
    if biblio is None:
        raise DocumentParseError("<patent-application-publication> has no bibliographic data")
    number = normalise_space(biblio.findtext("document-id/doc-number") or "")
    if not number:
        raise DocumentParseError("<patent-application-publication> has no publication number")
    kind = normalise_space(biblio.findtext("document-id/kind-code") or "")
    doc_id, alternates = patent_ids(number, kind)
    app_number = normalise_space(
        biblio.findtext("domestic-filing-data/application-number/doc-number") or ""
    )
    if app_number:
        alternates += (f"US-APP-{app_number}",)
    published = parse_yyyymmdd(biblio.findtext("document-id/document-date"))
    filed = parse_yyyymmdd(biblio.findtext("domestic-filing-data/filing-date"))
    priorities = [
        d for d in (parse_yyyymmdd(el.text) for el in biblio.iter("filing-date")) if d is not None
    ]
    sections, tables = _description(root.find("subdoc-description"))
    people, orgs = _parties(biblio)
    abstract = root.find("subdoc-abstract")
    return Document(
        id=doc_id,
        kind="patent",
        title=inline_text(biblio.find("technical-information/title-of-invention")),
        abstract=inline_text(abstract, skip=("heading",)) if abstract is not None else "",
        people=people,
        organisations=orgs,
        dates=DocumentDates(
            published=published, filed=filed, priority=min(priorities, default=filed)
        ),
        ipc=tuple(_ipc(biblio)),
        claims=read_claims(root.iterfind("subdoc-claims/claim")),
        sections=sections,
        tables=tables,
        source=source,
        url=url,
        alternate_ids=alternates,
        source_format=SOURCE_FORMAT,
    )


def _ipc(biblio: etree._Element) -> list[str]:
    out: list[str] = []
    for el in biblio.iterfind("technical-information/classification-ipc//ipc"):
        symbol = normalise_class_text(el.text or "")
        if symbol and symbol not in out:
            out.append(symbol)
    return out


def _name(name_el: etree._Element | None) -> str:
    if name_el is None:
        return ""
    parts = [
        normalise_space(name_el.findtext(p) or "")
        for p in ("given-name", "middle-name", "family-name")
    ]
    return " ".join(p for p in parts if p)


def _parties(biblio: etree._Element) -> tuple[tuple[Person, ...], tuple[Organisation, ...]]:
    people = []
    for inventor in biblio.iterfind("inventors/*"):
        name = _name(inventor.find("name"))
        if name:
            people.append(Person(name=name, role="inventor"))
    orgs = []
    for assignee in biblio.iterfind("assignee"):
        raw = normalise_space(assignee.findtext("organization-name") or "") or _name(
            assignee.find("name")
        )
        if raw:
            country = (
                normalise_space(assignee.findtext("address/country/country-code") or "") or None
            )
            orgs.append(organisation(raw, "assignee", country))
    return tuple(people), tuple(orgs)


def _description(
    description: etree._Element | None,
) -> tuple[tuple[Section, ...], tuple[Table, ...]]:
    if description is None:
        return (), ()
    builder = SectionBuilder()
    tables: list[Table] = []

    def walk(parent: etree._Element, depth: int) -> None:
        for el in parent:
            name = local_name(el)
            if name == "heading":
                builder.heading(inline_text(el), depth)
            elif name == "paragraph":
                for table_el in el.iter("table"):
                    tables.extend(parse_cals_table(table_el, table_id=f"TABLE-{len(tables) + 1}"))
                number = normalise_space(el.findtext("number") or "").rstrip(".")
                text = inline_text(el, skip=("number", "table"))
                if text:
                    builder.add(
                        Paragraph(
                            id=el.get("id") or f"P-{len(builder.paragraphs) + 1}",
                            text=text,
                            number=number or None,
                        )
                    )
            elif name:
                walk(el, depth + 1 if name == "section" else depth)

    walk(description, 1)
    return builder.finish(), tuple(tables)
