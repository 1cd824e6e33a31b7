"""USPTO weekly bulk files: many XML documents concatenated in one file.

A weekly grant file (``ipgYYMMDD.xml``, ~500 MB) or application file
(``ipaYYMMDD.xml``) is thousands of complete XML documents, each starting with
its own ``<?xml`` declaration.  :func:`split_concatenated_xml` streams the
members out of a file object (or bytes) in fixed-size chunks, so memory is
bounded by the largest member, not the file.

:func:`iter_bulk_documents` reads every member and yields, per member, either
the :class:`Document` or the :class:`DocumentParseError` it raised, so a caller
can quarantine just the bad member and go on.  (``read_path`` in
:mod:`matmine.documents`, by contrast, raises on the first bad member.)
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from typing import BinaryIO

from matmine.errors import DocumentParseError, MatmineError
from matmine.models import Document

XML_DECLARATION = b"<?xml"
CHUNK_SIZE = 1 << 20


def split_concatenated_xml(
    stream: BinaryIO | bytes, *, chunk_size: int = CHUNK_SIZE, max_member_bytes: int | None = None
) -> Iterator[bytes]:
    """Yield each ``<?xml ...`` document of a concatenation, as bytes.

    Leading bytes before the first declaration (whitespace) are dropped;
    whitespace-only members are skipped.  A member larger than
    ``max_member_bytes`` raises :class:`DocumentParseError`.
    """
    if isinstance(stream, (bytes, bytearray, memoryview)):
        stream = io.BytesIO(bytes(stream))
    buffer = bytearray()
    overlap = len(XML_DECLARATION) - 1
    while True:
        chunk = stream.read(chunk_size)
        # only the new bytes (plus a declaration cut at the chunk edge) need scanning
        scan_from = max(len(buffer) - overlap, 1)
        buffer.extend(chunk)
        while True:
            boundary = buffer.find(XML_DECLARATION, scan_from)
            if boundary < 0:
                break
            member = bytes(buffer[:boundary])
            del buffer[:boundary]
            scan_from = 1
            if member.strip():
                yield member
        if max_member_bytes is not None and len(buffer) > max_member_bytes:
            raise DocumentParseError(f"bulk member larger than {max_member_bytes} bytes")
        if not chunk:
            break
    if buffer.strip():
        yield bytes(buffer)


def iter_bulk_documents(
    stream: BinaryIO | bytes,
    read_member: Callable[[bytes, str], Document],
    *,
    name: str = "",
    max_member_bytes: int | None = None,
) -> Iterator[Document | DocumentParseError]:
    """Read each member with ``read_member(data, member_name)``; errors are yielded, not raised.

    Member names are ``<name>#<n>`` (1-based) so quarantine reasons point at the member.
    """
    members = split_concatenated_xml(stream, max_member_bytes=max_member_bytes)
    for index, member in enumerate(members, start=1):
        member_name = f"{name}#{index}"
        try:
            yield read_member(member, member_name)
        except DocumentParseError as exc:
            exc.path = exc.path or member_name
            yield exc
        except MatmineError as exc:  # unsupported root etc.: still per member
            error = DocumentParseError(f"member {index}: {exc}", path=member_name)
            yield error
