"""Document readers: one module per format, one dispatch entry point.

>>> from matmine.documents import read_path, read_bytes  # doctest: +SKIP
>>> doc = next(read_path(Path("US08926509.xml")))  # doctest: +SKIP
>>> doc.id  # doctest: +SKIP
'US8926509B2'

See :mod:`matmine.documents.registry` for how a format is recognised.
"""

from __future__ import annotations

from matmine.documents.bulk import iter_bulk_documents, split_concatenated_xml
from matmine.documents.ids import candidate_ids, normalise_document_id, patent_number_key
from matmine.documents.registry import (
    iter_bytes_results,
    iter_path_results,
    read_bytes,
    read_path,
    sniff_format,
)

__all__ = [
    "candidate_ids",
    "iter_bulk_documents",
    "iter_bytes_results",
    "iter_path_results",
    "normalise_document_id",
    "patent_number_key",
    "read_bytes",
    "read_path",
    "sniff_format",
    "split_concatenated_xml",
]
