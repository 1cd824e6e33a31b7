"""Formats read by the document readers (``matmine.documents.read_bytes``).

``reader``: one fetched file (JATS full text from Europe PMC, a USPTO XML…).
``uspto-bulk``: a weekly USPTO bulk zip of concatenated XML documents, split and
filtered by CPC / keywords *before* full parsing (the filter is stored with the
item as its ``filter`` part, so ``reparse`` applies the same one).
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from collections.abc import Iterator, Mapping, Sequence

from matmine.crawlers.formats import ParseOutput, RecordProblem, register_format
from matmine.errors import DocumentParseError, UnsupportedFormatError


@register_format("reader")
def parse_with_reader(
    parts: Mapping[str, bytes], name: str, source: str, url: str | None
) -> ParseOutput:
    from matmine.documents import read_bytes

    yield from read_bytes(parts["body"], name, source=source, url=url)


_XML_DECL = re.compile(rb"<\?xml[^>]*\?>")


def split_bulk_xml(data: bytes) -> Iterator[bytes]:
    """Split a concatenation of XML documents at each ``<?xml …?>`` declaration."""
    try:
        from matmine.documents import split_concatenated_xml
    except ImportError:
        split_concatenated_xml = None
    if split_concatenated_xml is not None:
        yield from split_concatenated_xml(data)
        return
    starts = [m.start() for m in _XML_DECL.finditer(data)] or [0]
    for begin, end in zip(starts, [*starts[1:], len(data)]):
        chunk = data[begin:end].strip()
        if chunk:
            yield chunk


_CPC = re.compile(
    rb"<(?:classification-cpc|main-cpc|further-cpc|classification-ipcr)\b.*?"
    rb"<section>\s*(\w)\s*</section>\s*<class>\s*(\d+)\s*</class>\s*"
    rb"<subclass>\s*(\w)\s*</subclass>\s*<main-group>\s*(\w+)\s*</main-group>\s*"
    rb"<subgroup>\s*(\w+)\s*</subgroup>",
    re.DOTALL,
)
_DOC_NUMBER = re.compile(
    rb"<publication-reference>.*?<doc-number>\s*(\w+)\s*</doc-number>", re.DOTALL
)


def normalise_cpc(code: str) -> str:
    """``H01M 10/0562`` → ``H01M10/0562``."""
    return re.sub(r"\s+", "", code).upper()


def classes_of(chunk: bytes) -> set[str]:
    """CPC and IPC codes of one USPTO XML document, found without a full parse."""
    return {
        f"{s.decode()}{c.decode()}{sc.decode()}{mg.decode()}/{sg.decode()}".upper()
        for s, c, sc, mg, sg in _CPC.findall(chunk)
    }


def matches_filter(chunk: bytes, cpc: Sequence[str], keywords: Sequence[str]) -> bool:
    """True if a class starts with one of ``cpc`` (or no filter) and a keyword occurs."""
    if cpc:
        codes = classes_of(chunk)
        if not any(code.startswith(prefix) for code in codes for prefix in cpc):
            return False
    if keywords:
        lowered = chunk.lower()
        if not any(k.lower().encode() in lowered for k in keywords):
            return False
    return True


def iter_bulk_members(data: bytes, name: str, max_bytes: int) -> Iterator[tuple[str, bytes]]:
    """(member name, bytes) of a zip (size-checked first) or of a bare XML file."""
    if not data.startswith(b"PK"):
        yield name, data
        return
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as exc:
        raise DocumentParseError(f"{name}: not a zip archive ({exc})") from None
    with archive:
        members = [m for m in archive.infolist() if not m.is_dir()]
        total = sum(m.file_size for m in members)
        if total > max_bytes:
            raise DocumentParseError(f"{name}: unpacks to {total} bytes, over {max_bytes}")
        for member in members:
            if member.filename.lower().endswith((".xml", ".txt", ".sgm")):
                yield f"{name}!{member.filename}", archive.read(member)


@register_format("uspto-bulk")
def parse_uspto_bulk(
    parts: Mapping[str, bytes], name: str, source: str, url: str | None
) -> ParseOutput:
    from matmine.documents import read_bytes

    options = json.loads(parts.get("filter", b"{}") or b"{}")
    cpc = [normalise_cpc(c) for c in options.get("cpc", []) if c]
    keywords = [k for k in options.get("keywords", []) if k]
    max_bytes = int(options.get("max_bytes", 2 * 1024**3))
    for member, xml in iter_bulk_members(parts["body"], name, max_bytes):
        for number, chunk in enumerate(split_bulk_xml(xml), 1):
            if not matches_filter(chunk, cpc, keywords):
                continue
            found = _DOC_NUMBER.search(chunk)
            label = f"{member}#{found.group(1).decode() if found else number}"
            try:
                yield from read_bytes(chunk, label + ".xml", source=source, url=url)
            except (DocumentParseError, UnsupportedFormatError) as exc:
                yield RecordProblem(label, str(exc), chunk)


@register_format("listing")
def parse_listing(
    parts: Mapping[str, bytes], name: str, source: str, url: str | None
) -> ParseOutput:
    """A listing page (search results pointing at detail requests): no documents itself."""
    return iter(())
