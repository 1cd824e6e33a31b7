"""The embedded index: SQLite with FTS5 in ``MATMINE_HOME/index.sqlite``.

Writes: one transaction per batch; a document whose id and source hash
(content hash + extraction) are unchanged is skipped, a changed one has every
derived row replaced, so re-ingesting never duplicates anything.
Reads live in :mod:`matmine.index.sqlite_search`.
"""

from __future__ import annotations

import gc
import json
import multiprocessing
import multiprocessing.connection
import os
import pickle
import sqlite3
import threading
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from matmine.errors import IndexUnavailableError
from matmine.index import sqlite_schema as S
from matmine.index.api import (
    DocumentSummary,
    Hit,
    IndexBackend,
    SearchRequest,
    SearchResults,
    re_extracted,
)
from matmine.index.rows import document_row, record_rows
from matmine.index.sqlite_search import SQLiteSearcher
from matmine.index.syntax import Node
from matmine.models import Document, ExtractionResult


class _Prepared(NamedTuple):
    """One document ready to plan: plain tuples, so it pickles cheaply between processes.

    ``records`` holds, per row, ``((mask_lo, mask_hi) or None, nelements, context, columns)``
    where ``columns`` are the ``records`` columns after ``rowid, doc, eset, aset``
    (``_RECORD_COLUMNS``).
    """

    doc_id: str
    source_hash: str
    doc_columns: tuple  # documents columns from id to n_records (``_DOC_COLUMNS``)
    assignees: tuple[str, ...]
    summary: str
    document_json: bytes
    extraction_json: bytes
    id_keys: list[str]
    organisations: list[str]
    organisation_names: list[tuple[str, str, str]]
    cpc: list[str]
    ipc: list[str]
    doc_fts: tuple[str, str, str, str]
    records: list[tuple]


_DOC_COLUMNS = ("id, kind, title, published, filed, priority, granted, year, content_hash,"
                " source_hash, n_records")
_RECORD_COLUMNS = ("id, ordinal, rtype, property, value, lo, hi, temperature_min,"
                   " temperature_max, scope, atmosphere, method, confidence,"
                   " nelements, chemsys, formula, structure_type, space_group,"
                   " space_group_symbol, crystal_system, kind, published, filed, priority,"
                   " granted, year")
# rowid, doc, eset, aset, then _RECORD_COLUMNS
_RECORD_PLACEHOLDERS = ",".join("?" * (4 + len(_RECORD_COLUMNS.split(","))))


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


@dataclass(slots=True)
class _WriteState:
    """What planning a batch needs to know about the index: stored ids, next rowids, sets."""

    known: dict[str, tuple[int, str]]  # document id -> (rowid, source hash)
    next_doc: int
    next_record: int
    esets: dict[tuple[int, int], int]
    asets: dict[str, int]

    @classmethod
    def load(cls, conn: sqlite3.Connection, doc_ids: list[str]) -> _WriteState:
        """Read it from the index (stored hashes of ``doc_ids`` only)."""
        known: dict[str, tuple[int, str]] = {}
        wanted = list(dict.fromkeys(doc_ids))
        for start in range(0, len(wanted), 500):  # one query per 500 ids, not one per document
            chunk = wanted[start:start + 500]
            for doc_id, rowid, shash in conn.execute(
                    "SELECT id, rowid, source_hash FROM documents WHERE id IN"
                    f" ({','.join('?' * len(chunk))})", chunk).fetchall():
                known[doc_id] = (rowid, shash)
        next_doc = (conn.execute("SELECT max(rowid) FROM documents").fetchall()[0][0] or 0) + 1
        next_record = (conn.execute("SELECT max(rowid) FROM records").fetchall()[0][0] or 0) + 1
        esets = {(lo, hi): rowid for rowid, lo, hi in conn.execute(
            "SELECT rowid, mask_lo, mask_hi FROM element_sets").fetchall()}
        asets = {keys: rowid for rowid, keys in conn.execute(
            "SELECT rowid, keys FROM assignee_sets").fetchall()}
        return cls(known, next_doc, next_record, esets, asets)


def _segment() -> dict[str, list]:
    """Rows to write, after deleting what ``deletes`` (document rowids) derived."""
    return {name: [] for name in ("deletes", "docs", "sources", "esets", "asets", "ids", "orgs",
                                  "names", "classes", "recs", "fts", "doc_fts")}


def _plan(prepared: list[_Prepared], state: _WriteState) -> tuple[list[str], list[dict]]:
    """Turn prepared documents into rows (pure Python: no database access).

    Returns the status of each document and the segments to apply in order; a
    document id met twice while its first rows are still pending starts a new
    segment, so the second version replaces the first.
    """
    statuses: list[str] = []
    segments = [_segment()]
    seg = segments[0]
    pending_docs: set[int] = set()
    known, esets, asets = state.known, state.esets, state.asets
    for item in prepared:
        found = known.get(item.doc_id)
        if found and found[1] == item.source_hash:
            statuses.append("unchanged")
            continue
        if found and found[0] in pending_docs:  # the same id twice in one batch
            seg = _segment()
            segments.append(seg)
            pending_docs.clear()
        if found:
            seg["deletes"].append(found[0])
            doc_rowid = found[0]
        else:
            doc_rowid = state.next_doc
            state.next_doc += 1
        known[item.doc_id] = (doc_rowid, item.source_hash)
        aset = 0
        if item.assignees:
            akeys = "\x1f".join(sorted(item.assignees))
            aset = asets.get(akeys, 0)
            if not aset:
                aset = asets[akeys] = max(asets.values(), default=0) + 1
                seg["asets"].append((aset, akeys))
        seg["docs"].append((doc_rowid, *item.doc_columns, aset, item.summary))
        pending_docs.add(doc_rowid)
        seg["sources"].append((doc_rowid, item.document_json, item.extraction_json))
        seg["ids"].extend((k, doc_rowid) for k in item.id_keys)
        orgs = seg["orgs"]
        orgs.extend((k, doc_rowid, 0) for k in item.organisations)
        orgs.extend((k, doc_rowid, 1) for k in item.assignees)
        seg["names"].extend((key, display) for _role, display, key in item.organisation_names)
        seg["classes"].extend(("cpc", c, doc_rowid) for c in item.cpc)
        seg["classes"].extend(("ipc", c, doc_rowid) for c in item.ipc)
        seg["doc_fts"].append((doc_rowid, *item.doc_fts))
        recs, fts, new_sets = seg["recs"], seg["fts"], seg["esets"]
        rid = state.next_record
        for masks, nelements, context, columns in item.records:
            eset = 0
            if nelements:
                eset = esets.get(masks, 0)
                if not eset:
                    eset = esets[masks] = max(esets.values(), default=0) + 1
                    new_sets.append((eset, *masks, nelements))
            recs.append((rid, doc_rowid, eset, aset, *columns))
            if context:
                fts.append((rid, context))
            rid += 1
        state.next_record = rid
        statuses.append("indexed")
    return statuses, segments


def _apply(conn: sqlite3.Connection, seg: dict[str, list]) -> None:
    """Write one planned segment (inside the caller's transaction)."""
    for doc_rowid in seg["deletes"]:
        _delete_derived(conn, doc_rowid)
    conn.executemany(
        f"INSERT OR REPLACE INTO documents(rowid, {_DOC_COLUMNS}, aset, summary)"
        " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)", seg["docs"])
    conn.executemany("INSERT OR REPLACE INTO document_sources(doc, document, extraction)"
                     " VALUES (?, ?, ?)", seg["sources"])
    conn.executemany("INSERT INTO element_sets(rowid, mask_lo, mask_hi, n) VALUES (?,?,?,?)",
                     seg["esets"])
    conn.executemany("INSERT INTO assignee_sets(rowid, keys) VALUES (?, ?)", seg["asets"])
    conn.executemany("INSERT OR IGNORE INTO document_ids(key, doc) VALUES (?, ?)", seg["ids"])
    conn.executemany(
        "INSERT OR IGNORE INTO organisations(key, doc, assignee) VALUES (?, ?, ?)", seg["orgs"])
    conn.executemany(
        "INSERT OR IGNORE INTO organisation_names(key, name) VALUES (?, ?)", seg["names"])
    conn.executemany("INSERT OR IGNORE INTO classes(scheme, key, doc) VALUES (?, ?, ?)",
                     seg["classes"])
    conn.executemany(f"INSERT INTO records(rowid, doc, eset, aset, {_RECORD_COLUMNS})"
                     f" VALUES ({_RECORD_PLACEHOLDERS})", seg["recs"])
    conn.executemany("INSERT INTO record_fts(rowid, context) VALUES (?, ?)", seg["fts"])
    conn.executemany(
        "INSERT INTO doc_fts(rowid, title, abstract, claims, body) VALUES (?,?,?,?,?)",
        seg["doc_fts"])


def _delete_derived(conn: sqlite3.Connection, doc_rowid: int) -> None:
    """Remove every row derived from one document (before it is rewritten)."""
    old = conn.execute("SELECT rowid FROM records WHERE doc = ?", (doc_rowid,)).fetchall()
    conn.executemany("DELETE FROM record_fts WHERE rowid = ?", old)
    conn.execute("DELETE FROM records WHERE doc = ?", (doc_rowid,))
    conn.execute("DELETE FROM doc_fts WHERE rowid = ?", (doc_rowid,))
    for table in ("document_ids", "organisations", "classes"):
        conn.execute(f"DELETE FROM {table} WHERE doc = ?", (doc_rowid,))


_CAN_FORK = "fork" in multiprocessing.get_all_start_methods()
_MESSAGE_DOCUMENTS = 250  # documents per message from the preparing child


def _child_prepares(items: Iterator[tuple[Document, ExtractionResult]], batch: int,
                    out: multiprocessing.connection.Connection,
                    parents_end: multiprocessing.connection.Connection) -> None:
    """In the forked child: send each prepared batch, then ``("end", None)`` or the error."""
    parents_end.close()  # so that a parent who stops reading breaks the pipe
    gc.disable()
    try:
        for chunk in _chunks(items, batch):
            out.send_bytes(pickle.dumps(
                ("batch", [SQLiteIndex._prepare(d, r) for d, r in chunk]), 5))
        out.send_bytes(pickle.dumps(("end", None), 5))
    except BaseException as exc:  # noqa: BLE001 - handed to the parent, which raises it
        try:
            payload = pickle.dumps(("error", exc), 5)
        except Exception:  # noqa: BLE001 - an exception that does not pickle
            payload = pickle.dumps(("error", RuntimeError(f"{type(exc).__name__}: {exc}")), 5)
        try:
            out.send_bytes(payload)
        except OSError:  # the parent stopped reading (it failed or was interrupted)
            pass
    finally:
        out.close()


def _prepared_in_child(items: Iterator[tuple[Document, ExtractionResult]],
                       batch: int) -> Iterator[list[_Prepared]]:
    """Prepared batches from a forked child that consumes ``items`` (the parent never does).

    The child starts as a copy of this process, so it iterates ``items`` where they are
    (no pickling of models); only the prepared rows, plain tuples, cross the pipe.  While
    the parent writes one batch the child prepares the next: two cores instead of one.
    """
    receive, send = multiprocessing.get_context("fork").Pipe(duplex=False)
    child = multiprocessing.get_context("fork").Process(
        target=_child_prepares, args=(items, batch, send, receive), daemon=True)
    child.start()
    send.close()
    try:
        while True:
            try:
                kind, payload = pickle.loads(receive.recv_bytes())
            except EOFError:
                raise RuntimeError("the process preparing rows for the index ended"
                                   f" unexpectedly (exit code {child.exitcode})") from None
            if kind == "batch":
                yield payload
            elif kind == "error":
                raise payload
            else:
                return
    finally:
        receive.close()
        child.join(timeout=2)  # it has sent everything, or the parent stops reading
        if child.is_alive():
            child.kill()
            child.join()


class SQLiteIndex(IndexBackend):
    """``SQLiteIndex(path)``; use :func:`matmine.index.open_index` in application code."""

    name = "sqlite"

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        self.outdated = ""  # why the file cannot be used until it is rebuilt ("" when it can)
        self.load_seconds: dict[str, float] = {}  # phases of the last bulk_load
        self._pid = os.getpid()  # the process this object's connection belongs to
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.conn = S.connect(str(self.path))
            S.create_schema(self.conn)
        except S.OtherSchemaVersion as exc:
            # the stored documents are readable in every version: ``reindex`` rebuilds
            # the file in this version; everything else refuses with one line
            self.outdated = (f"the index at {self.path} has schema version {exc.found}, this"
                             f" matmine uses version {S.SCHEMA_VERSION}: run `matmine reindex`"
                             " to rebuild it from its stored documents")
        except (OSError, sqlite3.Error) as exc:
            raise IndexUnavailableError(f"cannot open the index at {self.path}: {exc}") from None
        self.searcher = SQLiteSearcher(self.conn)

    def _usable(self) -> None:
        if self.outdated:
            raise IndexUnavailableError(self.outdated)

    # ------------------------------------------------------------------ writing

    def upsert(self, items: Sequence[tuple[Document, ExtractionResult]]) -> list[str]:
        self._usable()
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
        """The pure-Python half of a write (no database access)."""
        # JSON as UTF-8 bytes, as pydantic makes it (stored as is; readers accept bytes)
        extraction_json = result.__pydantic_serializer__.to_json(result)
        drow = document_row(doc, result, extraction_json)
        rows = record_rows(doc, result)
        doc_tail = (drow.kind, drow.published, drow.filed, drow.priority, drow.granted, drow.year)
        rtype = S.RTYPE
        records = [
            ((row.mask_lo, row.mask_hi) if row.nelements else None, row.nelements, row.context,
             (row.id, row.ordinal, rtype[row.rtype], row.property, row.value, row.lo, row.hi,
              row.temperature_min, row.temperature_max, row.scope, row.atmosphere,
              row.method, row.confidence,
              row.nelements, row.chemsys, row.formula,
              row.structure_type, row.space_group, row.space_group_symbol, row.crystal_system,
              *doc_tail))
            for row in rows
        ]
        return _Prepared(
            doc.id, drow.source_hash,
            (drow.id, drow.kind, drow.title, drow.published, drow.filed, drow.priority,
             drow.granted, drow.year, drow.content_hash, drow.source_hash,
             sum(r.rtype != "document" for r in rows)),
            tuple(drow.assignees), summary_json(doc), doc.__pydantic_serializer__.to_json(doc),
            extraction_json, drow.id_keys, drow.organisations, drow.organisation_names,
            drow.cpc, drow.ipc,
            (drow.text_title, drow.text_abstract, drow.text_claims, drow.text_body), records)

    def _write(self, items: Iterable[tuple[Document, ExtractionResult] | _Prepared]) -> list[str]:
        prepared = [item if isinstance(item, _Prepared) else self._prepare(*item) for item in items]
        state = _WriteState.load(self.conn, [p.doc_id for p in prepared])
        statuses, segments = _plan(prepared, state)
        for segment in segments:
            _apply(self.conn, segment)
        return statuses

    def bulk_load(self, items: Iterator[tuple[Document, ExtractionResult]], batch: int = 2000,
                  prepare_in_child: bool = True) -> int:
        """Fast path for many documents: secondary indexes are rebuilt once at the end.

        Same results as :meth:`upsert` (the same planning and writing code);
        readers see the new documents when it returns.

        Preparing and writing overlap: a forked child process consumes ``items``
        and prepares the rows (pure Python), this process plans and writes them
        (``prepare_in_child=False``, or a platform without ``fork``, does both here,
        alternately).  Only plain tuples cross the pipe, in messages of
        ``_MESSAGE_DOCUMENTS`` documents; transactions stay ``batch`` documents
        long.  An error while iterating or preparing is raised here, after the
        earlier transactions are committed, as without the child.  ``items`` is
        consumed in the child, so side effects of iterating it (counters in a
        generator) do not reach this process.  A writer *thread* made loads slower
        (Python's sqlite3 takes the GIL back after every row it steps).

        Durability: ``synchronous = OFF`` throughout, and into an empty index the
        journal is kept in memory instead of the WAL, so pages are written once.
        A crash or power loss during such a load can leave the file unusable:
        delete it and run the load again (ingestion is idempotent).  WAL and
        ``synchronous = NORMAL`` are restored before this returns.  A load into a
        non-empty index keeps the WAL and writes from this process.
        """
        self._usable()
        conn = self.conn
        fresh = conn.execute("SELECT 1 FROM documents LIMIT 1").fetchall() == []
        conn.execute("PRAGMA synchronous = OFF")
        if fresh:
            try:  # leaving WAL needs the only connection to the file; else stay in WAL
                fresh = conn.execute("PRAGMA journal_mode = MEMORY").fetchone()[0] == "memory"
            except sqlite3.OperationalError:
                fresh = False
        conn.execute("PRAGMA threads = 2")  # the sorter of CREATE INDEX may use a helper thread
        S.drop_record_indexes(conn)
        n = 0
        self.load_seconds = {"write": 0.0, "finish": 0.0}
        started = time.perf_counter()
        # the cyclic collector would re-walk every model built so far, again and again:
        # nothing here makes cycles, so it is paused (this halves the Python time)
        collecting = gc.isenabled()
        gc.disable()
        try:
            # forking a process that runs other threads (a progress display, a client
            # pool) can copy a held lock into the child: then stay in one process
            if prepare_in_child and _CAN_FORK and threading.active_count() == 1:
                # small messages keep both processes busy; transactions stay ``batch`` long
                batches = _prepared_in_child(items, min(batch, _MESSAGE_DOCUMENTS))
                try:
                    conn.execute("BEGIN IMMEDIATE")
                    try:
                        pending = 0
                        for prepared in batches:
                            n += len(self._write(prepared))
                            pending += len(prepared)
                            if pending >= batch:
                                conn.execute("COMMIT")
                                conn.execute("BEGIN IMMEDIATE")
                                pending = 0
                        conn.execute("COMMIT")
                    except BaseException:
                        conn.execute("ROLLBACK")
                        raise
                finally:
                    batches.close()
            else:
                for chunk in _chunks(items, batch):
                    n += len(self._write_batch([self._prepare(d, r) for d, r in chunk]))
        finally:
            if collecting:
                gc.enable()
            self.load_seconds["write"] = time.perf_counter() - started
            S.create_record_indexes(conn)
            conn.execute("INSERT INTO record_fts(record_fts) VALUES ('optimize')")
            conn.execute("INSERT INTO doc_fts(doc_fts) VALUES ('optimize')")
            conn.execute("ANALYZE")  # in full: sampled statistics mislead the planner
            conn.execute("PRAGMA threads = 0")
            if fresh:
                conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = NORMAL")
            self.load_seconds["finish"] = time.perf_counter() - started - self.load_seconds["write"]
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
        self._usable()
        return self.searcher.search(request)

    def scan(self, filter: str | Node | None = None, text: str = "") -> Iterator[Hit]:
        self._usable()
        return self.searcher.scan(SearchRequest(filter=filter, text=text))

    def iter_documents(self) -> Iterator[tuple[Document, ExtractionResult]]:
        last = 0
        conn = self.conn
        if os.getpid() != self._pid:  # in a forked child (bulk_load): never share a connection
            conn = S.connect(str(self.path))
        while True:
            rows = conn.execute(
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
        self._usable()
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
        self._usable()
        return S.table_counts(self.conn)

    # ------------------------------------------------------------------ rebuild

    def reindex(self, extract: bool = False, workers: int | None = None) -> dict:
        """Rebuild into a new file from the stored documents (extracted again with
        ``extract``), then swap it in atomically."""
        started = time.perf_counter()
        fresh_path = self.path.with_name(self.path.name + f".rebuild-{os.getpid()}")
        for leftover in fresh_path.parent.glob(fresh_path.name + "*"):
            leftover.unlink()
        fresh = SQLiteIndex(fresh_path)
        try:
            if extract:  # extraction runs its own worker processes: no preparing child
                n = fresh.bulk_load(re_extracted(self.iter_documents(), workers),
                                    prepare_in_child=False)
            else:
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
        self.outdated = ""
        return {"documents": n, "records": self.count_records(),
                "seconds": round(time.perf_counter() - started, 3)}

    def close(self) -> None:
        try:
            self.conn.close()
        except sqlite3.Error:  # pragma: no cover - closing twice is harmless
            pass
