"""USPTO Open Data Portal patent search (``/api/v1/patent/applications/search``) → patents.

The search API returns bibliographic metadata (no full text): title, dates,
applicants, inventors and CPC classes of each application; the full text comes
from the bulk files.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import date
from typing import Any

from matmine.crawlers.formats import (
    ParseOutput,
    RecordProblem,
    collapse,
    normalise_id,
    register_format,
)
from matmine.errors import DocumentParseError
from matmine.models import Document, DocumentDates, Organisation, Person


def _date(value: Any) -> date | None:
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def read_page(data: bytes) -> dict[str, Any]:
    try:
        page = json.loads(data)
        page["patentFileWrapperDataBag"]
    except (ValueError, KeyError, TypeError) as exc:
        raise DocumentParseError(f"USPTO search page: unexpected shape ({exc!r})") from None
    return page


def application_to_document(entry: Mapping[str, Any]) -> Document:
    meta = entry.get("applicationMetaData") or {}
    number = meta.get("earliestPublicationNumber") or (
        f"US{meta['patentNumber']}" if meta.get("patentNumber") else ""
    )
    if not number:
        raise DocumentParseError(
            f"application {entry.get('applicationNumberText', '?')} has no publication number"
        )
    title = collapse(meta.get("inventionTitle"))
    if not title:
        raise DocumentParseError(f"{number}: no title")
    people = tuple(
        Person(name=collapse(i.get("inventorNameText")), role="inventor")
        for i in meta.get("inventorBag") or []
        if i.get("inventorNameText")
    )
    applicants = [a.get("applicantNameText") for a in meta.get("applicantBag") or []]
    applicants = applicants or [meta.get("firstApplicantName")]
    organisations = tuple(Organisation(raw=collapse(a), role="applicant") for a in applicants if a)
    cpc = tuple(collapse(c).replace(" ", "") for c in meta.get("cpcClassificationBag") or [])
    document = Document(
        id=normalise_id(number),
        kind="patent",
        title=title,
        people=people,
        organisations=organisations,
        dates=DocumentDates(
            published=_date(meta.get("earliestPublicationDate") or meta.get("grantDate")),
            filed=_date(meta.get("filingDate")),
            granted=_date(meta.get("grantDate")),
        ),
        cpc=cpc,
        source="uspto",
        sources=("uspto",),
        url=None,
        source_format="uspto-api-json",
    )
    return document.with_content_hash()


@register_format("uspto-search")
def parse_uspto_search(
    parts: Mapping[str, bytes], name: str, source: str, url: str | None
) -> ParseOutput:
    page = read_page(parts["body"])
    for number, entry in enumerate(page["patentFileWrapperDataBag"], 1):
        try:
            yield application_to_document(entry)
        except DocumentParseError as exc:
            yield RecordProblem(f"{name}#{number}", str(exc), json.dumps(entry).encode())
