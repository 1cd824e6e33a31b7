"""Document identifiers: one canonical spelling per document, and its variants.

Canonical forms (what :func:`normalise_document_id` returns and ``Document.id`` holds):

* US grants: ``US`` + number without leading zeros + kind code: ``US8926509B2``.
* US pre-grant publications: ``US`` + 4-digit year + 7-digit serial + kind:
  ``US20180000016A1``.
* Without a kind code in the input the kind is simply absent (``US8926509``).
* DOIs: lowercase, without ``https://doi.org/`` or ``doi:``: ``10.7554/elife.56337``.
* arXiv: ``arXiv:2401.00011`` (version suffix dropped).
* Reserved demo ids (``DEMO-...``) are returned unchanged.

**Lookup across spellings.** A user may type ``US08926509`` (no kind code) while
the index holds ``US8926509B2``.  Every patent document therefore carries, in
``alternate_ids``, its :func:`patent_number_key` (``US8926509``: country +
number, no kind code, no leading zeros).  A lookup should try
:func:`candidate_ids` of the query in order against ``id`` and then against
``alternate_ids``; the key is always among the candidates, so a kind-less query
finds the document.

>>> normalise_document_id("US 8,926,509 B2")
'US8926509B2'
>>> normalise_document_id("US 2018/0000016 A1")
'US20180000016A1'
>>> normalise_document_id("https://doi.org/10.7554/eLife.56337")
'10.7554/elife.56337'
>>> candidate_ids("US08926509")
['US8926509', 'US08926509']
"""

from __future__ import annotations

import re

_DEMO = re.compile(r"^DEMO-[A-Za-z0-9._-]+$")
_DOI_PREFIX = re.compile(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", re.IGNORECASE)
_DOI = re.compile(r"^10\.\d{4,9}/\S+$")
_ARXIV = re.compile(
    r"^(?:arxiv:\s*|https?://(?:www\.)?(?:export\.)?arxiv\.org/(?:abs|pdf)/)?"
    r"(\d{4}\.\d{4,5}|[a-z-]+(?:\.[A-Z]{2})?/\d{7})(?:v\d+)?(?:\.pdf)?$",
    re.IGNORECASE,
)
_PATENT = re.compile(r"^([A-Z]{2})(\d{4,13})([A-Z]\d?)?$")
_APPLICATION_PUB = re.compile(r"^(\d{4})(\d{1,7})$")


def normalise_document_id(text: str) -> str:
    """Canonical spelling of a patent number, DOI, arXiv id or demo id.

    Unrecognised input is returned stripped (never raises): an id we cannot
    parse is still a valid key.
    """
    raw = text.strip()
    if _DEMO.match(raw):
        return raw
    doi = _DOI_PREFIX.sub("", raw)
    if _DOI.match(doi):
        return doi.lower()
    arxiv = _ARXIV.match(raw)
    if arxiv and (
        raw.lower().startswith(("arxiv", "http")) or re.match(r"^\d{4}\.\d{4,5}(v\d+)?$", raw)
    ):
        return f"arXiv:{arxiv.group(1)}"
    patent = parse_patent_number(raw)
    if patent is not None:
        country, number, kind = patent
        return f"{country}{number}{kind}"
    return raw


def parse_patent_number(text: str) -> tuple[str, str, str] | None:
    """Split a patent publication number into (country, number, kind) or ``None``.

    The number is canonical: leading zeros dropped, except that a US pre-grant
    publication (``YYYY`` + serial) keeps its 11 digits.
    """
    compact = re.sub(r"[\s,/.\-]", "", text.strip()).upper()
    match = _PATENT.match(compact)
    if not match:
        return None
    country, digits, kind = match.group(1), match.group(2), match.group(3) or ""
    if country == "US":
        slash = re.search(r"(\d{4})\s*/\s*(\d+)", text)
        if slash:  # "US 2018/0000016 A1"
            digits = slash.group(1) + slash.group(2).zfill(7)
        publication = _APPLICATION_PUB.match(digits)
        if len(digits) == 11 and publication and 1990 <= int(publication.group(1)) <= 2100:
            return country, digits, kind
    number = digits.lstrip("0") or "0"
    return country, number, kind


def patent_number_key(text: str) -> str | None:
    """Country + number without kind code (``US8926509``), or ``None`` if not a patent number."""
    parsed = parse_patent_number(text)
    if parsed is None:
        return None
    return parsed[0] + parsed[1]


def candidate_ids(text: str) -> list[str]:
    """Ids to try, in order, when looking ``text`` up (canonical first).

    For patents: the canonical id, the id without kind code (the key stored in
    ``alternate_ids``), and the zero-padded spelling USPTO file names use.
    """
    canonical = normalise_document_id(text)
    out = [canonical]
    parsed = parse_patent_number(canonical)
    if parsed is not None and not _DEMO.match(canonical):
        country, number, kind = parsed
        out.append(country + number)
        if country == "US" and len(number) < 8:
            padded = number.zfill(8)
            out.append(f"US{padded}{kind}")
            out.append(f"US{padded}")
    deduped: list[str] = []
    for candidate in out:
        if candidate not in deduped:
            deduped.append(candidate)
    return deduped


def patent_alternate_ids(canonical: str) -> tuple[str, ...]:
    """The variants a patent document stores in ``alternate_ids`` (canonical excluded)."""
    return tuple(c for c in candidate_ids(canonical) if c != canonical)
