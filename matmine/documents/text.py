"""Plain-text documents (``.txt``), with span-exact paragraphs.

An optional header block of ``Key: value`` lines may open the file (keys
``ID``, ``Title``, ``Kind``, ``Authors``, ``Date``, ``DOI``, ``Assignee``,
``Journal``; case-insensitive), ended by a blank line.  It is recognised only
when the very first line is such a line.

Without a header: ``title`` = first non-empty line (cut at a word boundary
after 250 characters: PDF-extracted text often runs title, authors and
abstract into one line), ``id`` = the DOI if one is
given, else ``txt-`` + the first 16 hex digits of the SHA-256 of the bytes.

Paragraphs are the blocks between blank lines.  A file with no blank lines at
all but several lines (text extracted from PDFs, like the SOFC-Exp corpus,
where lines also break inside sentences) is split only at line breaks that
follow a sentence end (``. ! ? :``) and precede a capital, digit or bracket;
on the 33 SOFC-Exp texts no gold sentence then straddles two paragraphs.
Every paragraph's ``text`` is an exact substring
of the decoded file and ``source_offset`` is its character offset there, so
``file_text[p.source_offset : p.source_offset + len(p.text)] == p.text``.
Offsets count characters of the text decoded as UTF-8 (a BOM is dropped first
and not counted); files that are not UTF-8 are decoded as cp1252.
"""

from __future__ import annotations

import hashlib
import re
from datetime import date

from matmine.documents.ids import normalise_document_id
from matmine.errors import DocumentParseError
from matmine.models import Document, DocumentDates, Organisation, Paragraph, Person, Section
from matmine.tracking.assignees import harmonise_organisation

SOURCE_FORMAT = "text"
MAX_TITLE_CHARS = 250
HEADER_KEYS = ("id", "title", "kind", "authors", "date", "doi", "assignee", "journal")
_HEADER_LINE = re.compile(
    r"^(" + "|".join(HEADER_KEYS) + r")[ \t]*:[ \t]*(.*?)[ \t]*$", re.IGNORECASE
)
_BLANK_SEPARATOR = re.compile(r"\n[ \t\r\f\v]*\n")
# a line break that ends a sentence: after . ! ? or :, before a capital, digit or bracket
_LINE_AFTER_SENTENCE = re.compile(r"(?<=[.!?:])[ \t]*\n(?=[ \t]*[A-Z0-9(\[“\"‘'])")
_NON_SPACE_BLOCK = re.compile(r"\S(?:.*\S)?", re.DOTALL)


def decode_text(data: bytes, *, name: str = "") -> str:
    """Decode bytes as UTF-8 (else cp1252); binary data raises :class:`DocumentParseError`."""
    if b"\x00" in data:
        raise DocumentParseError(
            "binary file (not text or XML): contains NUL bytes", path=name or None
        )
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            raise DocumentParseError(
                "binary file (not text or XML): undecodable bytes", path=name or None
            ) from None
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\r\n\t\f")
    if controls > max(8, len(text) // 100):
        raise DocumentParseError(
            "binary file (not text or XML): control characters", path=name or None
        )
    return text


def _header(text: str) -> tuple[dict[str, str], int]:
    """Header fields and the offset where the body starts (0 when there is no header)."""
    fields: dict[str, str] = {}
    position = 0
    for line in text.splitlines(keepends=True):
        stripped = line.strip()
        if not stripped:
            if fields:
                return fields, position + len(line)
            return {}, 0
        match = _HEADER_LINE.match(stripped)
        if not match:
            return ({}, 0) if not fields else (fields, position)
        fields[match.group(1).lower()] = match.group(2)
        position += len(line)
    return fields, position


def split_paragraphs(text: str, start: int = 0) -> list[tuple[int, str]]:
    """``(offset, text)`` of each paragraph of ``text[start:]``; texts are exact substrings."""
    body = text[start:]
    separator = _BLANK_SEPARATOR
    if not separator.search(body) and body.strip().count("\n") >= 1:
        separator = _LINE_AFTER_SENTENCE
    out: list[tuple[int, str]] = []
    position = 0
    for match in [*separator.finditer(body), None]:
        end = match.start() if match else len(body)
        block = _NON_SPACE_BLOCK.search(body, position, end)
        if block:
            out.append((start + block.start(), block.group(0)))
        position = match.end() if match else len(body)
    return out


def _shorten(line: str, limit: int = MAX_TITLE_CHARS) -> str:
    """A first line that runs on (PDF-extracted text) is cut at a word boundary."""
    if len(line) <= limit:
        return line
    return line[:limit].rsplit(" ", 1)[0]


def _split_names(value: str) -> list[str]:
    """``A. Smith; B. Jones`` or ``A. Smith, B. Jones and C. Li`` -> names."""
    separator = r";" if ";" in value else r",|\band\b"
    return [n.strip() for n in re.split(separator, value) if n.strip()]


def _parse_date(value: str) -> date | None:
    value = value.strip()
    for length in (10, 7, 4):
        try:
            if length == 10:
                return date.fromisoformat(value[:10])
            if length == 7 and re.match(r"^\d{4}-\d{2}$", value[:7]):
                return date(int(value[:4]), int(value[5:7]), 1)
            if length == 4 and re.match(r"^\d{4}$", value[:4]):
                return date(int(value[:4]), 1, 1)
        except ValueError:
            continue
    return None


def read_text(data: bytes, *, name: str = "", source: str = "", url: str | None = None) -> Document:
    """Read a plain-text document (see the module docstring)."""
    text = decode_text(data, name=name)
    if not text.strip():
        raise DocumentParseError("empty file", path=name or None)
    fields, body_start = _header(text)
    paragraphs = split_paragraphs(text, body_start)
    title = fields.get("title", "")
    if not title:
        first = re.search(r"\S[^\n]*", text[body_start:])
        title = _shorten(first.group(0).strip()) if first else ""
    doi = normalise_document_id(fields["doi"]) if fields.get("doi") else ""
    if fields.get("id"):
        doc_id = normalise_document_id(fields["id"])
    elif doi:
        doc_id = doi
    else:
        doc_id = "txt-" + hashlib.sha256(data).hexdigest()[:16]
    kind = fields.get("kind", "").strip().lower()
    kind = (
        kind if kind in ("paper", "patent") else ("patent" if fields.get("assignee") else "paper")
    )
    people = tuple(
        Person(name=n.strip(), role="inventor" if kind == "patent" else "author")
        for n in _split_names(fields.get("authors", ""))
        if n.strip()
    )
    organisations = tuple(
        Organisation(raw=a.strip(), harmonised=harmonise_organisation(a), role="assignee")
        for a in fields.get("assignee", "").split(";")
        if a.strip()
    )
    published = _parse_date(fields["date"]) if fields.get("date") else None
    section = Section(
        id="body",
        paragraphs=tuple(
            Paragraph(id=f"p{i}", text=chunk, source_offset=offset)
            for i, (offset, chunk) in enumerate(paragraphs, start=1)
        ),
    )
    return Document(
        id=doc_id,
        kind=kind,  # type: ignore[arg-type]
        title=title,
        people=people,
        organisations=organisations,
        dates=DocumentDates(published=published),
        sections=(section,) if section.paragraphs else (),
        journal=fields.get("journal", ""),
        source=source,
        url=url,
        alternate_ids=tuple(i for i in (doi,) if i and i != doc_id),
        source_format=SOURCE_FORMAT,
    )
