"""Simple HTML pages (an article page, a saved publisher page) -> ``Document``.

``<title>`` (else the first ``<h1>``) is the title; each ``<h1>``–``<h6>``
starts a section; ``<p>`` and ``<li>`` are paragraphs; ``<table>`` becomes a
:class:`Table` (``<caption>`` kept); ``<script>``, ``<style>``, ``<noscript>``,
``<template>`` and comments are dropped.  The id is the DOI from
``<meta name="citation_doi">`` / ``dc.identifier`` when present, else ``html-``
+ 16 hex digits of the SHA-256 of the bytes.  lxml's HTML parser is used with
network access off; sub/sup are flattened as in :mod:`xmlsafe`.
"""

from __future__ import annotations

import codecs
import hashlib
import re

from lxml import etree, html

from matmine.documents.ids import normalise_document_id
from matmine.documents.tablegrid import parse_html_table
from matmine.documents.xmlsafe import inline_text, local_name, normalise_space
from matmine.errors import DocumentParseError
from matmine.models import Document, Paragraph, Person, Section, Table

SOURCE_FORMAT = "html"
_DROP = ("script", "style", "noscript", "template", "svg", "iframe", "object")
_HEADINGS = {f"h{i}": i for i in range(1, 7)}
_CHARSET = re.compile(rb"<meta[^>]+charset=[\"']?([A-Za-z0-9_.:-]+)", re.IGNORECASE)
_DOI_META = ("citation_doi", "dc.identifier", "prism.doi", "doi")


def parse_html(data: bytes, *, name: str = "") -> etree._Element:
    """Parse HTML bytes without network access; scripts and styles removed."""
    parser = html.HTMLParser(
        no_network=True, remove_comments=True, remove_pis=True, encoding=_encoding(data)
    )
    try:
        root = html.document_fromstring(data, parser=parser)
    except (etree.ParserError, ValueError) as exc:
        raise DocumentParseError(f"unreadable HTML: {exc}", path=name or None) from None
    for el in list(root.iter(*_DROP)):
        el.drop_tree()
    return root


def _encoding(data: bytes) -> str:
    """The declared charset, else UTF-8 when the bytes decode as UTF-8, else cp1252."""
    declared = _CHARSET.search(data[:4096])
    if declared:
        name = declared.group(1).decode("ascii", "replace").lower()
        try:
            codecs.lookup(name)
            return name
        except LookupError:
            pass
    try:
        data.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError:
        return "cp1252"


def read_html(data: bytes, *, name: str = "", source: str = "", url: str | None = None) -> Document:
    """Read an HTML page (see the module docstring)."""
    root = parse_html(data, name=name)
    metas = {
        (m.get("name") or m.get("property") or "").lower(): normalise_space(m.get("content") or "")
        for m in root.iter("meta")
    }
    doi = next(
        (
            normalise_document_id(metas[k])
            for k in _DOI_META
            if metas.get(k, "").lower().startswith(("10.", "doi:", "https://doi.org/"))
        ),
        "",
    )
    title = (
        metas.get("citation_title")
        or inline_text(root.find(".//title"))
        or inline_text(root.find(".//h1"))
    )
    body = root.find("body")
    sections, tables = _walk(body if body is not None else root)
    people = tuple(
        Person(name=normalise_space(m.get("content") or ""), role="author")
        for m in root.iter("meta")
        if (m.get("name") or "").lower() == "citation_author" and (m.get("content") or "").strip()
    )
    return Document(
        id=doi or "html-" + hashlib.sha256(data).hexdigest()[:16],
        kind="paper",
        title=title,
        abstract=metas.get("citation_abstract") or metas.get("description", ""),
        people=people,
        sections=sections,
        tables=tables,
        journal=metas.get("citation_journal_title", ""),
        source=source,
        url=url,
        source_format=SOURCE_FORMAT,
    )


def _walk(body: etree._Element) -> tuple[tuple[Section, ...], tuple[Table, ...]]:
    sections: list[Section] = []
    tables: list[Table] = []
    current = {"title": "", "level": 1}
    paragraphs: list[Paragraph] = []

    def close() -> None:
        if paragraphs or current["title"]:
            sections.append(
                Section(
                    id=f"s{len(sections) + 1}",
                    title=str(current["title"]),
                    level=int(current["level"]),
                    paragraphs=tuple(paragraphs),
                )
            )

    def visit(el: etree._Element) -> None:
        nonlocal paragraphs
        name = local_name(el).lower()
        if name in _HEADINGS:
            close()
            current.update(title=inline_text(el), level=_HEADINGS[name])
            paragraphs = []
        elif name in ("p", "li", "blockquote", "pre", "dd"):
            text = inline_text(el, skip=("table",))
            if text:
                paragraphs.append(
                    Paragraph(
                        id=el.get("id") or f"s{len(sections) + 1}-p{len(paragraphs) + 1}", text=text
                    )
                )
            for table_el in el.iter("table"):
                tables.append(_table(table_el, len(tables)))
        elif name == "table":
            tables.append(_table(el, len(tables)))
        else:
            for child in el:
                visit(child)

    visit(body)
    close()
    return tuple(sections), tuple(tables)


def _table(table_el: etree._Element, already: int) -> Table:
    caption = table_el.find("caption")
    return parse_html_table(
        table_el,
        table_id=table_el.get("id") or f"table-{already + 1}",
        caption=inline_text(caption),
    )
