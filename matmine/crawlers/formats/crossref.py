"""Crossref REST ``/works`` pages → paper documents.

Abstracts arrive as JATS fragments (``<jats:p>Li<jats:sub>10</jats:sub>…``);
:func:`strip_jats` keeps the text of every element (sub/superscripts included,
so ``Li<jats:sub>10</jats:sub>GeP<jats:sub>2</jats:sub>S<jats:sub>12</jats:sub>``
becomes ``Li10GeP2S12``) and drops the ``Abstract`` heading.

>>> strip_jats("<jats:title>Abstract</jats:title><jats:p>Li<jats:sub>3</jats:sub>PS<jats:sub>4</jats:sub> glass</jats:p>")
'Li3PS4 glass'
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Mapping
from datetime import date
from typing import Any

from lxml import etree

from matmine.crawlers.formats import (
    ParseOutput,
    RecordProblem,
    collapse,
    local,
    normalise_id,
    register_format,
)
from matmine.errors import DocumentParseError
from matmine.models import Document, DocumentDates, Organisation, Person

_FRAGMENT_NS = (
    'xmlns:jats="http://www.ncbi.nlm.nih.gov/JATS1" '
    'xmlns:mml="http://www.w3.org/1998/Math/MathML" '
    'xmlns:xlink="http://www.w3.org/1999/xlink"'
)
_BLOCKS = {"p", "sec", "list-item", "title"}


def strip_jats(fragment: str) -> str:
    """Plain text of a JATS fragment: tags gone, sub/sup text kept, headings dropped."""
    if "<" not in fragment:
        return collapse(fragment)
    parser = etree.XMLParser(resolve_entities=False, no_network=True, recover=True)
    try:
        root = etree.fromstring(f"<root {_FRAGMENT_NS}>{fragment}</root>".encode(), parser)
    except etree.XMLSyntaxError:
        root = None
    if root is None:
        return collapse(re.sub(r"<[^>]+>", "", fragment))
    pieces: list[str] = []

    def walk(element: etree._Element) -> None:
        name = local(element.tag)
        if name == "title":  # "Abstract", "Graphical abstract": headings, not content
            if element.tail:
                pieces.append(element.tail)
            return
        if name in _BLOCKS:
            pieces.append(" ")
        if element.text:
            pieces.append(element.text)
        for child in element:
            walk(child)
        if name in _BLOCKS:
            pieces.append(" ")
        if element.tail and element is not root:
            pieces.append(element.tail)

    walk(root)
    return collapse("".join(pieces))


def _date_parts(value: Any) -> date | None:
    try:
        parts = value["date-parts"][0]
        year = int(parts[0])
        month = int(parts[1]) if len(parts) > 1 else 1
        day = int(parts[2]) if len(parts) > 2 else 1
        return date(year, month, day)
    except (KeyError, IndexError, TypeError, ValueError):
        return None


def indexed_date(item: Mapping[str, Any]) -> str | None:
    """The Crossref ``indexed`` date (what incremental runs filter on), ISO ``YYYY-MM-DD``."""
    stamp = (item.get("indexed") or {}).get("date-time")
    return stamp[:10] if isinstance(stamp, str) else None


def work_to_document(item: Mapping[str, Any]) -> Document:
    doi = item.get("DOI")
    if not isinstance(doi, str) or not doi.strip():
        raise DocumentParseError("work has no DOI")
    titles = item.get("title") or []
    title = collapse(html.unescape(strip_jats(titles[0]))) if titles else ""
    if not title:
        raise DocumentParseError(f"{doi}: work has no title")
    people = []
    organisations: dict[str, Organisation] = {}
    for author in item.get("author") or []:
        name = collapse(
            f"{author.get('given', '')} {author.get('family', '') or author.get('name', '')}"
        )
        affiliations = tuple(
            collapse(a.get("name")) for a in author.get("affiliation") or [] if a.get("name")
        )
        for aff in affiliations:
            organisations.setdefault(aff, Organisation(raw=aff, role="affiliation"))
        if name:
            people.append(Person(name=name, role="author", affiliations=affiliations))
    if item.get("publisher"):
        publisher = collapse(item["publisher"])
        organisations.setdefault(publisher, Organisation(raw=publisher, role="publisher"))
    online = _date_parts(item.get("published-online"))
    printed = _date_parts(item.get("published-print"))
    candidates = [
        d
        for d in (
            online,
            printed,
            _date_parts(item.get("published")),
            _date_parts(item.get("issued")),
        )
        if d
    ]
    containers = item.get("container-title") or []
    document = Document(
        id=normalise_id(doi),
        kind="paper",
        title=title,
        abstract=strip_jats(item.get("abstract") or ""),
        people=tuple(people),
        organisations=tuple(organisations.values()),
        dates=DocumentDates(published=min(candidates) if candidates else None, online=online),
        keywords=tuple(item.get("subject") or ()),
        journal=collapse(html.unescape(containers[0])) if containers else "",
        source="crossref",
        sources=("crossref",),
        url=item.get("URL") or f"https://doi.org/{doi}",
        source_format="crossref-json",
    )
    return document.with_content_hash()


def read_page(data: bytes) -> dict[str, Any]:
    try:
        page = json.loads(data)
        message = page["message"]
        items = message["items"]
    except (ValueError, KeyError, TypeError) as exc:
        raise DocumentParseError(f"Crossref /works page: not a work-list ({exc!r})") from None
    if page.get("status") != "ok" or not isinstance(items, list):
        raise DocumentParseError("Crossref /works page: status is not ok")
    return message


@register_format("crossref-works")
def parse_crossref_page(
    parts: Mapping[str, bytes], name: str, source: str, url: str | None
) -> ParseOutput:
    message = read_page(parts["body"])
    for number, item in enumerate(message["items"], 1):
        try:
            yield work_to_document(item)
        except DocumentParseError as exc:
            data = json.dumps(item, ensure_ascii=False).encode()
            yield RecordProblem(f"{name}#item{number}", f"Crossref work: {exc}", data)
