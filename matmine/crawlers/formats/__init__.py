"""Source formats → :class:`~matmine.models.Document`.

Every item the crawlers store is parsed by name (``format``) from its raw parts,
both at crawl time and by ``matmine reparse``; a format parser yields
documents and :class:`RecordProblem` objects (a record it could not read, which
goes to quarantine) and raises :class:`~matmine.errors.DocumentParseError` when
the whole response is unreadable.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass

from matmine.models import Document


@dataclass(frozen=True)
class RecordProblem:
    """One record of a response that could not be turned into a document."""

    name: str
    reason: str
    data: bytes | None = None


ParseOutput = Iterator[Document | RecordProblem]
FormatParser = Callable[[Mapping[str, bytes], str, str, "str | None"], ParseOutput]

_PARSERS: dict[str, FormatParser] = {}


def register_format(name: str) -> Callable[[FormatParser], FormatParser]:
    def decorate(parser: FormatParser) -> FormatParser:
        _PARSERS[name] = parser
        return parser

    return decorate


def parse_parts(
    format_name: str, parts: Mapping[str, bytes], name: str, source: str, url: str | None
) -> ParseOutput:
    """Parse a stored item with the parser registered for ``format_name``."""
    _load_builtin_formats()
    try:
        parser = _PARSERS[format_name]
    except KeyError:
        from matmine.errors import UnsupportedFormatError

        raise UnsupportedFormatError(f"no crawler format named {format_name!r}") from None
    return parser(parts, name, source, url)


def _load_builtin_formats() -> None:
    from matmine.crawlers.formats import (  # noqa: F401
        arxiv_oai,
        crossref,
        epo_ops,
        reader,
        uspto_api,
    )


_ARXIV_NEW = re.compile(r"(\d{4}\.\d{4,5})(v\d+)?$")
_ARXIV_OLD = re.compile(r"([a-z\-]+(?:\.[A-Z]{2})?/\d{7})(v\d+)?$")


def normalise_id(text: str) -> str:
    """Normalise a DOI / arXiv id / patent number with the readers' normaliser.

    Falls back to a local rule set when the readers package is not importable.
    """
    try:
        from matmine.documents.ids import normalise_document_id
    except ImportError:  # pragma: no cover - readers not installed yet
        return _fallback_normalise(text)
    return normalise_document_id(text)


def _fallback_normalise(text: str) -> str:
    value = text.strip()
    lowered = value.lower()
    for prefix in ("https://doi.org/", "http://dx.doi.org/", "http://doi.org/", "doi:"):
        if lowered.startswith(prefix):
            return value[len(prefix) :].lower()
    if lowered.startswith("10."):
        return lowered
    bare = re.sub(r"^(?:arxiv:|https?://arxiv\.org/abs/)", "", value, flags=re.IGNORECASE)
    for pattern in (_ARXIV_NEW, _ARXIV_OLD):
        match = pattern.search(bare)
        if match and match.start() == 0:
            return f"arXiv:{match.group(1)}"
    return re.sub(r"[\s,./-]", "", value).upper()


def arxiv_id(raw: str) -> str:
    """``2401.00011v2`` / ``oai:arXiv.org:2401.00011`` → ``arXiv:2401.00011``."""
    bare = raw.strip().removeprefix("oai:arXiv.org:")
    for pattern in (_ARXIV_NEW, _ARXIV_OLD):
        match = pattern.match(bare)
        if match:
            return f"arXiv:{match.group(1)}"
    raise ValueError(f"not an arXiv identifier: {raw!r}")


def collapse(text: str | None) -> str:
    """Collapse runs of whitespace (XML pretty-printing, line breaks in titles)."""
    return " ".join((text or "").split())


def parse_xml(data: bytes, what: str):  # -> lxml.etree._Element
    """Parse XML with entity expansion, DTD loading and network access off."""
    from lxml import etree

    from matmine.errors import DocumentParseError

    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False
    )
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise DocumentParseError(f"{what}: not well-formed XML ({exc})") from None
    if root is None:
        raise DocumentParseError(f"{what}: empty XML document")
    return root


def local(tag: object) -> str:
    """Tag name without its namespace."""
    return str(tag).rsplit("}", 1)[-1] if isinstance(tag, str) else ""
