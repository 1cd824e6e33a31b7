"""Look documents up by any usual spelling of their id."""

from __future__ import annotations

from matmine.errors import DocumentNotFoundError
from matmine.index import open_index
from matmine.models import Document, ExtractionResult
from matmine.settings import Settings


def get_document(settings: Settings, document_id: str) -> tuple[Document, ExtractionResult]:
    """Return the stored document and its extraction, or raise DocumentNotFoundError."""
    wanted = document_id.strip()
    if not wanted:
        raise DocumentNotFoundError("empty document id")
    index = open_index(settings)
    try:
        found = index.get(wanted)  # the index resolves every usual spelling itself
    finally:
        index.close()
    if found is None:
        raise DocumentNotFoundError(f"no document {document_id!r} in the index at {settings.home}")
    return found
