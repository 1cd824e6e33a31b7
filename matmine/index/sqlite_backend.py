"""The embedded index: SQLite with FTS5 in ``MATMINE_HOME/index.sqlite``.

Writes: one transaction per batch; a document whose id and source hash
(content hash + extraction) are unchanged is skipped, a changed one has every
derived row replaced, so re-ingesting never duplicates anything.
Reads live in :mod:`matmine.index.sqlite_search`.
"""

from __future__ import annotations

import gc
import json
import os
import sqlite3
import time
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from matmine.errors import IndexUnavailableError
from matmine.index import sqlite_schema as S
from matmine.index.api import DocumentSummary, Hit, IndexBackend, SearchRequest, SearchResults
from matmine.index.chemistry import elements_of_masks
from matmine.index.rows import DocumentRow, RecordRow, document_row, record_rows
from matmine.index.sqlite_search import SQLiteSearcher
from matmine.index.syntax import Node
from matmine.models import Document, ExtractionResult


@dataclass(slots=True)
class _Prepared:
    doc: Document
    drow: DocumentRow
    rows: list[RecordRow]
    extraction_json: str
    document_json: str
    summary: str


def _chunks(items: Iterable, size: int) -> Iterator[list]:
    chunk: list = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def summary_json(doc: Document) -> str:
    return json.dumps(DocumentSummary.stored(doc), ensure_ascii=False)


class SQLiteIndex(IndexBackend):
    """``SQLiteIndex(path)``; use :func:`matmine.index.open_index` in application code."""

    name = "sqlite"

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.conn = S.connect(str(self.path))
            S.create_schema(self.conn)
        except (OSError, sqlite3.Error) as exc:
            raise IndexUnavailableError(f"cannot open the index at {self.path}: {exc}") from None
        self.searcher = SQLiteSearcher(self.conn)

    # ------------------------------------------------------------------ writing

    def upsert(self, items: Sequence[tuple[Document, ExtractionResult]]) -> list[str]:
        return self._write_batch(items)

    def _write_batch(self, items: Sequence[tuple[Document, ExtractionResult] | _Prepared]) -> list[str]:
        conn = self.conn
        conn.execute("BEGIN IMMEDIATE")
        try:
            statuses = self._write(items)
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        return statuses

    @staticmethod
    def _prepare(doc: Document, result: ExtractionResult) -> _Prepared:
        """The pure-Python half of a write (no database access), so it can run ahead."""
        extraction_json = result.model_dump_json()
        return _Prepared(doc, document_row(doc, result, extraction_json), record_rows(doc, result),
                         extraction_json, doc.model_dump_json(), summary_json(doc))

    def _write(self, items: Iterable[tuple[Document, ExtractionResult] | _Prepared]) -> list[str]:
        conn = self.conn
        statuses: list[str] = []
        next_record = (conn.execute("SELECT max(rowid) FROM records").fetchone()[0] or 0) + 1
        element_delta: Counter[str] = Counter()
        docs, ids, orgs, names, classes, recs, elements, fts = [], [], [], {}, [], [], [], []
        doc_fts: list[tuple] = []
        sources: list[tuple] = []
        pending_docs: set[int] = set()

        def flush() -> None:
            conn.executemany("INSERT OR REPLACE INTO document_sources(doc, document, extraction)"
                             " VALUES (?, ?, ?)", sources)
            self._insert(ids, orgs, names, classes, recs, elements, fts, doc_fts, element_delta)
            for pending in (ids, orgs, classes, recs, elements, fts, doc_fts, sources):
                pending.clear()
            names.clear()
            element_delta.clear()

        for item in items:
            prepared = item if isinstance(item, _Prepared) else self._prepare(*item)
            doc, drow, rows = prepared.doc, prepared.drow, prepared.rows
            found = conn.execute(
                "SELECT rowid, source_hash FROM documents WHERE id = ?", (doc.id,)
            ).fetchone()
            if found and found[1] == drow.source_hash:
                statuses.append("unchanged")
                continue
            if found and found[0] in pending_docs:  # the same id twice in one batch
                flush()
                pending_docs.clear()
            if found:
                self._delete_derived(found[0], element_delta)
                doc_rowid = found[0]
            else:
                doc_rowid = None
            cur = conn.execute(
                "INSERT OR REPLACE INTO documents(rowid, id, kind, title, published, filed, priority,"
                " granted, year, content_hash, source_hash, n_records, summary)"
                " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (doc_rowid, drow.id, drow.kind, drow.title, drow.published, drow.filed,
                 drow.priority, drow.granted, drow.year, drow.content_hash, drow.source_hash,
                 sum(r.rtype != "document" for r in rows), prepared.summary),
            )
            doc_rowid = cur.lastrowid if doc_rowid is None else doc_rowid
            pending_docs.add(doc_rowid)
            sources.append((doc_rowid, prepared.document_json, prepared.extraction_json))
            ids.extend((k, doc_rowid) for k in drow.id_keys)
            orgs.extend((k, doc_rowid, 0) for k in drow.organisations)
            orgs.extend((k, doc_rowid, 1) for k in drow.assignees)
            for _role, display, key in drow.organisation_names:
                names.setdefault(key, display)
            classes.extend(("cpc", c, doc_rowid) for c in drow.cpc)
            classes.extend(("ipc", c, doc_rowid) for c in drow.ipc)
            doc_fts.append((doc_rowid, drow.text_title, drow.text_abstract, drow.text_claims,
                            drow.text_body))
            for row in rows:
                rid = next_record
                next_record += 1
                recs.append((
                    rid, row.id, doc_rowid, row.ordinal, S.RTYPE[row.rtype], row.property,
                    row.value, row.lo, row.hi, row.temperature, row.confidence, row.mask_lo,
                    row.mask_hi, row.nelements, row.chemsys, row.formula, row.structure_type,
                    row.space_group, row.space_group_symbol, row.crystal_system, drow.kind,
                    drow.published, drow.filed, drow.priority, drow.granted, drow.year,
                ))
                elements.extend((e, rid) for e in row.elements)
                element_delta.update(row.elements)
                if row.context:
                    fts.append((rid, row.context))
            statuses.append("indexed")
        flush()
        return statuses

    def _insert(self, ids: list, orgs: list, names: dict, classes: list, recs: list,
                elements: list, fts: list, doc_fts: list, element_delta: Counter[str]) -> None:
        conn = self.conn
        conn.executemany("INSERT OR IGNORE INTO document_ids(key, doc) VALUES (?, ?)", ids)
        conn.executemany(
            "INSERT OR IGNORE INTO organisations(key, doc, assignee) VALUES (?, ?, ?)", orgs
        )
        conn.executemany(
            "INSERT OR IGNORE INTO organisation_names(key, name) VALUES (?, ?)", names.items()
        )
        conn.executemany("INSERT OR IGNORE INTO classes(scheme, key, doc) VALUES (?, ?, ?)", classes)
        conn.executemany(f"INSERT INTO records VALUES ({','.join('?' * 26)})", recs)
        conn.executemany("INSERT INTO record_elements(element, record) VALUES (?, ?)", elements)
        conn.executemany("INSERT INTO record_fts(rowid, context) VALUES (?, ?)", fts)
        conn.executemany(
            "INSERT INTO doc_fts(rowid, title, abstract, claims, body) VALUES (?,?,?,?,?)", doc_fts
        )
        conn.executemany(
            "INSERT INTO element_totals(element, n) VALUES (?, ?)"
            " ON CONFLICT(element) DO UPDATE SET n = n + excluded.n",
            [(e, n) for e, n in element_delta.items() if n],
        )

    def _delete_derived(self, doc_rowid: int, element_delta: Counter[str]) -> None:
        """Remove every row derived from one document (before it is rewritten)."""
        conn = self.conn
        old = conn.execute(
            "SELECT rowid, mask_lo, mask_hi FROM records WHERE doc = ?", (doc_rowid,)
        ).fetchall()
        postings = []
        for rid, lo, hi in old:
            for element in elements_of_masks(lo, hi):
                postings.append((element, rid))
                element_delta[element] -= 1
        conn.executemany("DELETE FROM record_elements WHERE element = ? AND record = ?", postings)
        conn.executemany("DELETE FROM record_fts WHERE rowid = ?", [(r[0],) for r in old])
        conn.execute("DELETE FROM records WHERE doc = ?", (doc_rowid,))
        conn.execute("DELETE FROM doc_fts WHERE rowid = ?", (doc_rowid,))
        for table in ("document_ids", "organisations", "classes"):
            conn.execute(f"DELETE FROM {table} WHERE doc = ?", (doc_rowid,))

    def bulk_load(self, items: Iterator[tuple[Document, ExtractionResult]], batch: int = 2000) -> int:
        """Fast path for many documents: secondary indexes are rebuilt once at the end.

        Same results as :meth:`upsert` (same code writes the rows); readers see
        the new documents when it returns.
        """
        conn = self.conn
        conn.execute("PRAGMA synchronous = OFF")
        S.drop_record_indexes(conn)
        n = 0
        # the cyclic collector would re-walk every model built so far, again and again:
        # nothing here makes cycles, so it is paused (this halves the Python time)
        collecting = gc.isenabled()
        gc.disable()
        # Python prepares the next chunk while SQLite (which releases the GIL) writes this one
        try:
            with ThreadPoolExecutor(max_workers=1, thread_name_prefix="matmine-prepare") as pool:
                ahead = None
                for chunk in _chunks(items, batch):
                    future = pool.submit(lambda c: [self._prepare(d, r) for d, r in c], chunk)
                    if ahead is not None:
                        n += len(self._write_batch(ahead.result()))
                    ahead = future
                if ahead is not None:
                    n += len(self._write_batch(ahead.result()))
        finally:
            if collecting:
                gc.enable()
            S.create_record_indexes(conn)
            conn.execute("INSERT INTO record_fts(record_fts) VALUES ('optimize')")
            conn.execute("INSERT INTO doc_fts(doc_fts) VALUES ('optimize')")
            conn.execute("ANALYZE")
            conn.execute("PRAGMA synchronous = NORMAL")
        return n

    # ------------------------------------------------------------------ reading

    def get(self, document_id: str) -> tuple[Document, ExtractionResult] | None:
        from matmine.index.fields import document_id_keys

        row = self.conn.execute(
            "SELECT s.document, s.extraction FROM documents d JOIN document_sources s"
            " ON s.doc = d.rowid WHERE d.id = ?", (document_id,)
        ).fetchone()
        if row is None:
            for key in document_id_keys(document_id):
                row = self.conn.execute(
                    "SELECT s.document, s.extraction FROM document_ids k"
                    " JOIN document_sources s ON s.doc = k.doc WHERE k.key = ? LIMIT 1", (key,)
                ).fetchone()
                if row:
                    break
        if row is None:
            return None
        return (Document.model_validate_json(row[0]),
                ExtractionResult.model_validate_json(row[1]))

    def get_content_hash(self, document_id: str) -> str | None:
        row = self.conn.execute(
            "SELECT content_hash FROM documents WHERE id = ?", (document_id,)
        ).fetchone()
        return row[0] if row else None

    def search(self, request: SearchRequest) -> SearchResults:
        return self.searcher.search(request)

    def scan(self, filter: str | Node | None = None, text: str = "") -> Iterator[Hit]:
        return self.searcher.scan(SearchRequest(filter=filter, text=text))

    def iter_documents(self) -> Iterator[tuple[Document, ExtractionResult]]:
        last = 0
        while True:
            rows = self.conn.execute(
                "SELECT doc, document, extraction FROM document_sources WHERE doc > ?"
                " ORDER BY doc LIMIT 500", (last,)
            ).fetchall()
            if not rows:
                return
            for rowid, doc, extraction in rows:
                last = rowid
                yield (Document.model_validate_json(doc),
                       ExtractionResult.model_validate_json(extraction))

    def summaries(self, doc_rowids: Iterable[int]) -> dict[int, DocumentSummary]:
        return self.searcher.summaries(doc_rowids)

    def count_documents(self) -> int:
        return self.conn.execute("SELECT count(*) FROM documents").fetchone()[0]

    def count_records(self) -> int:
        return self.conn.execute("SELECT count(*) FROM records WHERE rtype < 2").fetchone()[0]

    def stats(self) -> dict:
        conn = self.conn
        kinds = dict(conn.execute("SELECT kind, count(*) FROM documents GROUP BY kind").fetchall())
        properties = dict(conn.execute(
            "SELECT property, count(*) FROM records WHERE rtype < 2 GROUP BY property"
        ).fetchall())
        size = sum(p.stat().st_size for p in self.path.parent.glob(self.path.name + "*"))
        return {
            "backend": self.name, "location": str(self.path), "documents": self.count_documents(),
            "records": self.count_records(), "documents_by_kind": kinds,
            "records_by_property": properties, "bytes": size,
            "schema_version": S.SCHEMA_VERSION,
        }

    def table_counts(self) -> dict[str, int]:
        return S.table_counts(self.conn)

    # ------------------------------------------------------------------ rebuild

    def reindex(self) -> dict:
        """Rebuild into a new file from the stored documents, then swap it in atomically."""
        started = time.perf_counter()
        fresh_path = self.path.with_name(self.path.name + f".rebuild-{os.getpid()}")
        for leftover in fresh_path.parent.glob(fresh_path.name + "*"):
            leftover.unlink()
        fresh = SQLiteIndex(fresh_path)
        try:
            n = fresh.bulk_load(self.iter_documents())
            fresh.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            fresh.close()
        self.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        self.conn.close()
        os.replace(fresh_path, self.path)
        for suffix in ("-wal", "-shm"):
            Path(str(fresh_path) + suffix).unlink(missing_ok=True)
        self.conn = S.connect(str(self.path))
        self.searcher = SQLiteSearcher(self.conn)
        return {"documents": n, "records": self.count_records(),
                "seconds": round(time.perf_counter() - started, 3)}

    def close(self) -> None:
        try:
            self.conn.close()
        except sqlite3.Error:  # pragma: no cover - closing twice is harmless
            pass
