"""JATS (NISO Z39.96) article XML -> ``Document(kind="paper")``.

Only the main article is read (``front``/``body``; eLife ``sub-article``s such
as decision letters are skipped).  Ids: the DOI (lowercase) when present, else
``PMC<n>``, else the ``publisher-id``; a reserved demo paper
(``publisher-id`` ``DEMO-...`` and no DOI) keeps its DEMO id exactly.  The other
ids go to ``alternate_ids`` (``PMC7289599``, ``pmid:32479262``).

Sections keep their nesting as ``Section.level`` (1 = top-level ``sec``) in
document order; a paragraph's id is its ``p/@id`` or ``<sec id>-p<n>``.
Paragraph text leaves out floating objects (tables, figures), which are read
separately: every ``table-wrap`` becomes a :class:`Table` with label, caption,
footnotes and header paths (:func:`tablegrid.parse_html_table`).

Dates: ``published`` is the earliest of the electronic and print publication
dates (``pub-type="epub"``/``"ppub"``, or ``date-type="pub"`` with
``publication-format``), ``online`` the electronic one; a ``collection`` date
is used only when nothing else is given.
"""

from __future__ import annotations

from datetime import date

from lxml import etree

from matmine.documents.ids import normalise_document_id
from matmine.documents.tablegrid import parse_html_table
from matmine.documents.xmlsafe import inline_text, local_name, normalise_space
from matmine.errors import DocumentParseError
from matmine.models import Document, DocumentDates, Organisation, Paragraph, Person, Section, Table
from matmine.tracking.assignees import harmonise_affiliation

SOURCE_FORMAT = "jats"
_FLOATS = ("table-wrap", "fig", "supplementary-material", "table-wrap-group", "fig-group")


def read_jats(root: etree._Element, *, source: str = "", url: str | None = None) -> Document:
    """Read a JATS ``<article>`` element."""
    if local_name(root) != "article":
        raise DocumentParseError(f"not a JATS article (root <{local_name(root)}>)")
    meta = root.find("front/article-meta")
    if meta is None:
        raise DocumentParseError("JATS article has no <front>/<article-meta>")
    doc_id, alternates = _ids(meta)
    people, organisations = _contributors(meta)
    body = root.find("body")
    sections = tuple(_sections(body)) if body is not None else ()
    return Document(
        id=doc_id,
        kind="paper",
        title=inline_text(meta.find("title-group/article-title")),
        abstract=_abstract(meta),
        people=people,
        organisations=organisations,
        dates=_dates(meta),
        sections=sections,
        tables=tuple(_tables(root)),
        keywords=tuple(_keywords(meta)),
        journal=normalise_space(
            root.findtext("front/journal-meta/journal-title-group/journal-title") or ""
        )
        or normalise_space(root.findtext("front/journal-meta/journal-title") or ""),
        language=(root.get("{http://www.w3.org/XML/1998/namespace}lang") or "en").lower(),
        source=source,
        url=url,
        alternate_ids=alternates,
        source_format=SOURCE_FORMAT,
    )


def _ids(meta: etree._Element) -> tuple[str, tuple[str, ...]]:
    ids = {
        (el.get("pub-id-type") or ""): normalise_space(el.text or "")
        for el in reversed(meta.findall("article-id"))
    }
    doi = normalise_document_id(ids["doi"]) if ids.get("doi") else ""
    pmc = ids.get("pmc") or ids.get("pmcid") or ""
    pmc = f"PMC{pmc.upper().removeprefix('PMC')}" if pmc else ""
    pmid = f"pmid:{ids['pmid']}" if ids.get("pmid") else ""
    publisher = ids.get("publisher-id", "")
    if doi:
        primary = doi
    elif publisher.startswith("DEMO-"):
        primary = publisher
    elif pmc:
        primary = pmc
    elif publisher:
        primary = publisher
    else:
        raise DocumentParseError("JATS article has no DOI, PMC id or publisher id")
    others = tuple(i for i in (doi, pmc, pmid) if i and i != primary)
    return primary, others


def _abstract(meta: etree._Element) -> str:
    abstracts = meta.findall("abstract")
    plain = [a for a in abstracts if not a.get("abstract-type")] or abstracts
    return inline_text(plain[0], skip=("title", "label")) if plain else ""


def _affiliation_text(aff: etree._Element) -> str:
    parts = [
        inline_text(c)
        for c in aff
        if local_name(c) in ("institution", "institution-wrap", "addr-line", "country")
    ]
    parts = [p for p in parts if p]
    return ", ".join(parts) if parts else inline_text(aff, skip=("label", "sup"))


def _contributors(meta: etree._Element) -> tuple[tuple[Person, ...], tuple[Organisation, ...]]:
    affiliations = {
        aff.get("id", f"aff-{i}"): _affiliation_text(aff)
        for i, aff in enumerate(meta.iter("aff"))
        if not any(local_name(a) == "contrib" for a in aff.iterancestors())
    }
    people: list[Person] = []
    for contrib in meta.iterfind("contrib-group/contrib"):
        if (contrib.get("contrib-type") or "author") != "author":
            continue
        name_el = contrib.find("name")
        if name_el is not None:
            name = " ".join(
                p
                for p in (
                    normalise_space(name_el.findtext("given-names") or ""),
                    normalise_space(name_el.findtext("surname") or ""),
                )
                if p
            )
        else:
            name = inline_text(contrib.find("collab"))
        if not name:
            continue
        affs = tuple(
            affiliations[rid]
            for xref in contrib.iterfind("xref")
            if xref.get("ref-type") == "aff"
            for rid in (xref.get("rid") or "").split()
            if rid in affiliations
        )
        affs += tuple(_affiliation_text(a) for a in contrib.iterfind("aff"))
        people.append(Person(name=name, role="author", affiliations=affs))
    used = [a for person in people for a in person.affiliations]
    # affiliations no author points at (an editor's, say) are left out,
    # unless no author points at any
    texts = used or list(affiliations.values())
    organisations = tuple(
        Organisation(raw=text, harmonised=harmonise_affiliation(text), role="affiliation")
        for text in dict.fromkeys(texts)
        if text
    )
    return tuple(people), organisations


def _date(el: etree._Element) -> date | None:
    iso = el.get("iso-8601-date") or ""
    try:
        if len(iso) == 10:
            return date.fromisoformat(iso)
        year = int(el.findtext("year") or 0)
        return (
            date(year, int(el.findtext("month") or 1), int(el.findtext("day") or 1))
            if year
            else None
        )
    except ValueError:
        return None


def _dates(meta: etree._Element) -> DocumentDates:
    electronic: list[date] = []
    printed: list[date] = []
    collection: list[date] = []
    for el in meta.findall("pub-date"):
        kind = el.get("pub-type") or el.get("date-type") or ""
        fmt = el.get("publication-format") or ""
        parsed = _date(el)
        if parsed is None:
            continue
        if kind == "epub" or (kind == "pub" and fmt != "print"):
            electronic.append(parsed)
        elif kind in ("ppub", "epub-ppub") or (kind == "pub" and fmt == "print"):
            printed.append(parsed)
        else:
            collection.append(parsed)
    online = min(electronic, default=None)
    published = min(electronic + printed, default=None) or min(collection, default=None)
    return DocumentDates(published=published, online=online)


def _keywords(meta: etree._Element) -> list[str]:
    out: list[str] = []
    for kwd in meta.iterfind("kwd-group/kwd"):
        text = inline_text(kwd)
        if text and text not in out:
            out.append(text)
    return out


def _sections(body: etree._Element) -> list[Section]:
    sections: list[Section] = []

    def walk(container: etree._Element, sec_id: str, title: str, level: int) -> None:
        paragraphs: list[Paragraph] = []
        children: list[etree._Element] = []
        for el in container:
            name = local_name(el)
            if name in ("p", "list", "disp-quote", "statement", "def-list"):
                text = inline_text(el, skip=_FLOATS)
                if text:
                    pid = el.get("id") or f"{sec_id}-p{len(paragraphs) + 1}"
                    paragraphs.append(Paragraph(id=pid, text=text))
            elif name == "sec":
                children.append(el)
        if paragraphs or title:
            sections.append(
                Section(id=sec_id, title=title, level=max(level, 1), paragraphs=tuple(paragraphs))
            )
        for i, child in enumerate(children, start=1):
            child_id = child.get("id") or f"{sec_id}.{i}"
            walk(child, child_id, inline_text(child.find("title")), level + 1)

    walk(body, "body", "", 0)
    return sections


def _tables(root: etree._Element) -> list[Table]:
    tables: list[Table] = []
    containers = [
        c
        for c in (root.find("body"), root.find("back"), root.find("floats-group"))
        if c is not None
    ]
    for container in containers:
        for wrap in container.iter("table-wrap"):
            wrap_id = wrap.get("id") or f"table-{len(tables) + 1}"
            footnotes = [inline_text(fn) for fn in wrap.iterfind("table-wrap-foot//fn")]
            if not footnotes and wrap.find("table-wrap-foot") is not None:
                footnotes = [inline_text(wrap.find("table-wrap-foot"))]
            for i, table_el in enumerate(t for t in wrap.iter() if local_name(t) == "table"):
                tables.append(
                    parse_html_table(
                        table_el,
                        table_id=wrap_id if i == 0 else f"{wrap_id}-{i + 1}",
                        label=inline_text(wrap.find("label")),
                        caption=inline_text(wrap.find("caption")),
                        footnotes=footnotes,
                    )
                )
    return tables
