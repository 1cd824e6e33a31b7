"""Format sniffing and dispatch: bytes or a path in, :class:`Document`s out.

The content decides, not the file name: gzip is unwrapped (by its magic
bytes), NUL bytes mean binary, then the first element of an XML file picks
the reader:

* ``us-patent-grant``, ``us-patent-application`` -> :mod:`uspto` (``uspto-v4``)
* ``patent-application-publication`` -> :mod:`uspto_pap` (``uspto-pap-2001``)
* ``article`` -> :mod:`jats` (``jats``)
* ``html`` (and HTML fragments / doctypes) -> :mod:`html` (``html``)
* any other root -> :class:`UnsupportedFormatError`

Input that does not start with markup (``<`` + letter, ``?`` or ``!``) is plain
text (:mod:`text`, ``source_format="text"``).  Inputs larger than ``max_bytes``
(default ``Settings().max_file_bytes``, also applied to gzip output) are refused.

Several ``<?xml`` declarations mean a USPTO bulk file (:mod:`bulk`): its members are
read one by one; :func:`read_bytes`/:func:`read_path` raise on the first bad
member, :func:`iter_bytes_results`/:func:`iter_path_results` yield per-member
errors instead (so a caller can quarantine just that member).

Every returned document has ``content_hash`` filled and ``source_format`` set.
"""

from __future__ import annotations

import gzip
import io
import re
import zlib
from collections.abc import Iterator
from pathlib import Path

from matmine.documents import bulk
from matmine.documents.html import read_html
from matmine.documents.jats import read_jats
from matmine.documents.text import decode_text, read_text
from matmine.documents.uspto import ROOTS as USPTO_V4_ROOTS
from matmine.documents.uspto import read_uspto_v4
from matmine.documents.uspto_pap import ROOT as PAP_ROOT
from matmine.documents.uspto_pap import read_uspto_pap
from matmine.documents.xmlsafe import local_name, parse_xml
from matmine.errors import DocumentParseError, InputNotFoundError, UnsupportedFormatError
from matmine.models import Document
from matmine.settings import Settings

GZIP_MAGIC = b"\x1f\x8b"
_SNIFF_BYTES = 65536
_FIRST_ELEMENT = re.compile(rb"<([A-Za-z_][\w:.-]*)")
_PROLOG_NOISE = re.compile(
    rb"<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^\[>]*(?:\[.*?\])?\s*>", re.DOTALL | re.IGNORECASE
)
_MARKUP_START = re.compile(rb"<[?!A-Za-z_]")
_HTML_ROOTS = {"html", "body", "head", "div", "p", "table", "section", "main", "h1", "h2", "h3"}
_HTML_HINT = re.compile(rb"<!doctype\s+html|<html[\s>]|<body[\s>]|<head[\s>]", re.IGNORECASE)


def _default_limit() -> int:
    return Settings().max_file_bytes


def _check_size(size: int, limit: int, name: str) -> None:
    if size > limit:
        raise DocumentParseError(
            f"file too large: {size} bytes > limit {limit} bytes", path=name or None
        )


def gunzip_bounded(data: bytes, limit: int, *, name: str = "") -> bytes:
    """Decompress gzip ``data``, refusing output larger than ``limit`` bytes."""
    decompressor = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        out = decompressor.decompress(data, limit + 1)
    except zlib.error as exc:
        raise DocumentParseError(f"corrupt gzip data: {exc}", path=name or None) from None
    if len(out) > limit:
        raise DocumentParseError(
            f"file too large once decompressed: > {limit} bytes", path=name or None
        )
    return out


def sniff_format(data: bytes) -> str:
    """The input's format.

    One of ``uspto-v4``, ``uspto-pap-2001``, ``jats``, ``html``, ``text``,
    ``uspto-bulk`` or ``xml:<root>`` (an XML root no reader knows).
    """
    head = data[:_SNIFF_BYTES].lstrip(b"\xef\xbb\xbf \t\r\n")
    if not _MARKUP_START.match(head):
        return "text"  # includes text that merely starts with "<", like "<5 % porosity"
    if data.count(bulk.XML_DECLARATION, 0, 4 * _SNIFF_BYTES) > 1 or (
        head.startswith(bulk.XML_DECLARATION) and data.find(bulk.XML_DECLARATION, 5) > 0
    ):
        return "uspto-bulk"
    match = _FIRST_ELEMENT.search(_PROLOG_NOISE.sub(b"", head, count=8))
    root = match.group(1).decode("ascii", "replace").rsplit(":", 1)[-1] if match else ""
    if root in USPTO_V4_ROOTS:
        return "uspto-v4"
    if root == PAP_ROOT:
        return "uspto-pap-2001"
    if root == "article":
        return "jats"
    if root.lower() in _HTML_ROOTS or _HTML_HINT.search(head[:4096]):
        return "html"
    return f"xml:{root}"


def _read_xml_document(data: bytes, name: str, source: str, url: str | None) -> Document:
    root = parse_xml(data, name=name)
    root_name = local_name(root)
    if root_name in USPTO_V4_ROOTS:
        doc = read_uspto_v4(root, source=source, url=url)
    elif root_name == PAP_ROOT:
        doc = read_uspto_pap(root, source=source, url=url)
    elif root_name == "article":
        doc = read_jats(root, source=source, url=url)
    else:
        raise UnsupportedFormatError(
            f"{name or 'input'}: unsupported XML root element <{root_name}>"
        )
    return doc.with_content_hash()


def read_bytes(
    data: bytes,
    name: str,
    *,
    source: str = "",
    url: str | None = None,
    max_bytes: int | None = None,
) -> Iterator[Document]:
    """Read one input's bytes into documents (a bulk file yields many).

    Raises :class:`DocumentParseError` (empty, binary, malformed, too large) or
    :class:`UnsupportedFormatError` (well-formed XML of an unknown kind).
    """
    limit = _default_limit() if max_bytes is None else max_bytes
    _check_size(len(data), limit, name)
    if data.startswith(GZIP_MAGIC):
        data = gunzip_bounded(data, limit, name=name)
    if not data.strip():
        raise DocumentParseError("empty file", path=name or None)
    if b"\x00" in data:
        raise DocumentParseError(
            "binary file (not text or XML): contains NUL bytes", path=name or None
        )
    kind = sniff_format(data)
    if kind == "uspto-bulk":
        for index, member in enumerate(bulk.split_concatenated_xml(data), start=1):
            yield _read_xml_document(member, f"{name}#{index}", source, url)
        return
    if kind == "text":
        decode_text(data, name=name)  # binary check with a clear reason
        yield read_text(data, name=name, source=source, url=url).with_content_hash()
        return
    if kind == "html":
        yield read_html(data, name=name, source=source, url=url).with_content_hash()
        return
    yield _read_xml_document(data, name, source, url)


def iter_bytes_results(
    data: bytes,
    name: str,
    *,
    source: str = "",
    url: str | None = None,
    max_bytes: int | None = None,
) -> Iterator[Document | DocumentParseError]:
    """Like :func:`read_bytes` but bad members of a bulk file are yielded as errors.

    For quarantining one member and going on.  A single document still raises.
    """
    limit = _default_limit() if max_bytes is None else max_bytes
    _check_size(len(data), limit, name)
    if data.startswith(GZIP_MAGIC):
        data = gunzip_bounded(data, limit, name=name)
    if sniff_format(data) != "uspto-bulk":
        yield from read_bytes(data, name, source=source, url=url, max_bytes=limit)
        return
    yield from bulk.iter_bulk_documents(
        data,
        lambda member, member_name: _read_xml_document(member, member_name, source, url),
        name=name,
        max_member_bytes=limit,
    )


def _open(path: Path, limit: int) -> io.BufferedIOBase:
    if not path.exists():
        raise InputNotFoundError(f"no such file: {path}")
    size = path.stat().st_size
    _check_size(size, limit, str(path))
    with path.open("rb") as handle:
        magic = handle.read(2)
    if magic == GZIP_MAGIC:
        return gzip.open(path, "rb")  # type: ignore[return-value]
    return path.open("rb")


def _is_bulk_stream(handle: io.BufferedIOBase, *, scan_limit: int = 64 * 1024 * 1024) -> bool:
    """True when a second ``<?xml`` declaration follows the first (read ahead, then rewind).

    Members of weekly files can be several MB, so this reads ahead in chunks up
    to ``scan_limit`` bytes rather than sniffing only the head.
    """
    declaration = bulk.XML_DECLARATION
    try:
        head = handle.read(bulk.CHUNK_SIZE)
        first = head.find(declaration)
        if first < 0 or head[:first].lstrip(b"\xef\xbb\xbf \t\r\n"):
            return False
        window, total = head[first + 1 :], len(head)
        while True:
            if declaration in window:
                return True
            chunk = handle.read(bulk.CHUNK_SIZE)
            if not chunk or total > scan_limit:
                return False
            window = window[-(len(declaration) - 1) :] + chunk
            total += len(chunk)
    finally:
        handle.seek(0)


def read_path(path: Path, *, source: str = "", max_bytes: int | None = None) -> Iterator[Document]:
    """Read a file (gzip transparently).  A bulk USPTO file is streamed member by member.

    Raises on the first bad member of a bulk file; use :func:`iter_path_results`
    to get per-member errors instead.
    """
    for result in iter_path_results(path, source=source, max_bytes=max_bytes):
        if isinstance(result, Exception):
            raise result
        yield result


def iter_path_results(
    path: Path, *, source: str = "", max_bytes: int | None = None
) -> Iterator[Document | DocumentParseError]:
    """Like :func:`read_path` but bulk members that fail are yielded as errors.

    A single-document file still raises (there is nothing else to go on with).
    """
    path = Path(path)
    limit = _default_limit() if max_bytes is None else max_bytes
    with _open(path, limit) as handle:
        if _is_bulk_stream(handle):
            yield from bulk.iter_bulk_documents(
                handle,
                lambda data, member: _read_xml_document(data, member, source, None),
                name=str(path),
                max_member_bytes=limit,
            )
            return
        data = handle.read(limit + 1)
    _check_size(len(data), limit, str(path))
    yield from iter_bytes_results(data, str(path), source=source, max_bytes=limit)
