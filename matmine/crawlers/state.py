"""Durable crawl state in ``MATMINE_HOME/crawl/state.sqlite``.

Four tables, all written in short transactions so a crawl killed at any
instant (SIGKILL included) leaves a consistent state behind:

* ``runs``: one row per crawl run (source, parameters, cursor of the listing,
  highest watermark seen, status ``running`` / ``partial`` / ``complete`` /
  ``failed``).  A run that did not complete is *resumed* by the next crawl with
  the same parameters: it restarts from the stored cursor.
* ``pending``: the frontier of detail requests (e.g. a Europe PMC full text)
  discovered on a listing page; written in the same transaction that advances
  the cursor, removed in the transaction that stores the fetched item.
* ``ledger``: every item fetched and stored (source + key → raw-store keys and
  document ids).  A key in the ledger is never fetched again.
* ``watermarks``: per source, the newest date seen by a completed run; the next
  run asks only for what is newer.
* ``aliases``: every id and alternate id of a crawled document → the canonical
  document id, so a record seen in two sources becomes one document.

This replaces Scrapy's ``JOBDIR`` for resumption: JOBDIR's disk queue and seen
file are only consistent after a graceful shutdown, not after SIGKILL.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from matmine.settings import Settings

SCHEMA = """
CREATE TABLE IF NOT EXISTS runs (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    source TEXT NOT NULL,
    params_hash TEXT NOT NULL,
    params TEXT NOT NULL,
    started TEXT NOT NULL,
    finished TEXT,
    status TEXT NOT NULL,
    cursor TEXT,
    max_watermark TEXT,
    counts TEXT
);
CREATE INDEX IF NOT EXISTS runs_source ON runs(source, params_hash, status);
CREATE TABLE IF NOT EXISTS pending (
    run_id INTEGER NOT NULL,
    key TEXT NOT NULL,
    request TEXT NOT NULL,
    PRIMARY KEY (run_id, key)
);
CREATE TABLE IF NOT EXISTS ledger (
    source TEXT NOT NULL,
    key TEXT NOT NULL,
    url TEXT,
    raw_keys TEXT NOT NULL,
    document_ids TEXT NOT NULL,
    format TEXT NOT NULL,
    name TEXT NOT NULL,
    fetched TEXT NOT NULL,
    PRIMARY KEY (source, key)
);
CREATE TABLE IF NOT EXISTS watermarks (
    source TEXT PRIMARY KEY,
    watermark TEXT,
    updated TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS aliases (
    alias TEXT PRIMARY KEY,
    document_id TEXT NOT NULL
);
"""

RESUMABLE = ("running", "partial")


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def crawl_dir(settings: Settings) -> Path:
    return settings.home / "crawl"


@dataclass(frozen=True)
class Run:
    id: int
    source: str
    params: dict[str, Any]
    status: str
    cursor: dict[str, Any] | None
    max_watermark: str | None
    resumed: bool = False


@dataclass(frozen=True)
class LedgerEntry:
    source: str
    key: str
    url: str | None
    raw_keys: dict[str, str]
    document_ids: list[str]
    format: str
    name: str
    fetched: str


def params_hash(source: str, params: Mapping[str, Any]) -> str:
    blob = json.dumps({"source": source, **params}, sort_keys=True, default=str)
    return hashlib.sha256(blob.encode()).hexdigest()[:24]


class CrawlState:
    """Runs, frontier, ledger, watermarks and aliases of every source."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self.db = sqlite3.connect(path, timeout=30, isolation_level=None)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.executescript(SCHEMA)

    @classmethod
    def open(cls, settings: Settings) -> CrawlState:
        return cls(crawl_dir(settings) / "state.sqlite")

    def close(self) -> None:
        self.db.close()

    # -- runs -------------------------------------------------------------------
    def open_run(self, source: str, params: Mapping[str, Any]) -> Run:
        """Resume the unfinished run with the same parameters, or start a new one."""
        digest = params_hash(source, params)
        row = self.db.execute(
            "SELECT id, status, cursor, max_watermark FROM runs WHERE source=? AND params_hash=?"
            " AND status IN ('running','partial') ORDER BY id DESC LIMIT 1",
            (source, digest),
        ).fetchone()
        if row is not None:
            self.db.execute("UPDATE runs SET status='running' WHERE id=?", (row[0],))
            cursor = json.loads(row[2]) if row[2] else None
            return Run(row[0], source, dict(params), "running", cursor, row[3], resumed=True)
        cur = self.db.execute(
            "INSERT INTO runs (source, params_hash, params, started, status) VALUES (?,?,?,?,?)",
            (source, digest, json.dumps(dict(params), default=str), now_iso(), "running"),
        )
        return Run(int(cur.lastrowid or 0), source, dict(params), "running", None, None)

    def finish_run(self, run: Run, status: str, counts: Mapping[str, Any]) -> None:
        """Close a run; a complete run moves the source's watermark forward."""
        self.db.execute("BEGIN IMMEDIATE")
        try:
            self.db.execute(
                "UPDATE runs SET status=?, finished=?, counts=? WHERE id=?",
                (status, now_iso(), json.dumps(dict(counts)), run.id),
            )
            if status == "complete":
                (mark,) = self.db.execute(
                    "SELECT max_watermark FROM runs WHERE id=?", (run.id,)
                ).fetchone()
                current = self.watermark(run.source)
                if mark and (current is None or mark > current):
                    self.db.execute(
                        "INSERT INTO watermarks (source, watermark, updated) VALUES (?,?,?) "
                        "ON CONFLICT(source) DO UPDATE SET watermark=excluded.watermark, "
                        "updated=excluded.updated",
                        (run.source, mark, now_iso()),
                    )
            self.db.execute("COMMIT")
        except BaseException:
            self.db.execute("ROLLBACK")
            raise

    def run_cursor(self, run: Run) -> dict[str, Any] | None:
        row = self.db.execute("SELECT cursor FROM runs WHERE id=?", (run.id,)).fetchone()
        return json.loads(row[0]) if row and row[0] else None

    def watermark(self, source: str) -> str | None:
        row = self.db.execute(
            "SELECT watermark FROM watermarks WHERE source=?", (source,)
        ).fetchone()
        return row[0] if row else None

    def status(self) -> list[dict[str, Any]]:
        """Per source: watermark and the last run (for ``matmine crawl --status``)."""
        sources = {r[0] for r in self.db.execute("SELECT source FROM runs")}
        sources |= {r[0] for r in self.db.execute("SELECT source FROM watermarks")}
        out = []
        for source in sorted(sources):
            last = self.db.execute(
                "SELECT started, finished, status, counts FROM runs WHERE source=? "
                "ORDER BY id DESC LIMIT 1",
                (source,),
            ).fetchone()
            (stored,) = self.db.execute(
                "SELECT COUNT(*) FROM ledger WHERE source=?", (source,)
            ).fetchone()
            out.append(
                {
                    "source": source,
                    "watermark": self.watermark(source),
                    "last_started": last[0] if last else None,
                    "last_finished": last[1] if last else None,
                    "last_status": last[2] if last else None,
                    "last_counts": json.loads(last[3]) if last and last[3] else {},
                    "stored_items": stored,
                }
            )
        return out

    # -- frontier and ledger ------------------------------------------------------
    def pending(self, run: Run) -> list[dict[str, Any]]:
        rows = self.db.execute(
            "SELECT request FROM pending WHERE run_id=? ORDER BY rowid", (run.id,)
        )
        return [json.loads(r[0]) for r in rows]

    def has(self, source: str, key: str) -> bool:
        row = self.db.execute(
            "SELECT 1 FROM ledger WHERE source=? AND key=?", (source, key)
        ).fetchone()
        return row is not None

    def commit_step(
        self,
        run: Run,
        *,
        ledger: LedgerEntry | None = None,
        cursor: dict[str, Any] | None = None,
        add_pending: Iterable[dict[str, Any]] = (),
        resolve_pending: str | None = None,
        watermark: str | None = None,
    ) -> None:
        """Record one processed item atomically (ledger, cursor, frontier, watermark)."""
        self.db.execute("BEGIN IMMEDIATE")
        try:
            if ledger is not None:
                self.db.execute(
                    "INSERT OR REPLACE INTO ledger VALUES (?,?,?,?,?,?,?,?)",
                    (
                        ledger.source,
                        ledger.key,
                        ledger.url,
                        json.dumps(ledger.raw_keys),
                        json.dumps(ledger.document_ids),
                        ledger.format,
                        ledger.name,
                        ledger.fetched,
                    ),
                )
            for request in add_pending:
                self.db.execute(
                    "INSERT OR IGNORE INTO pending VALUES (?,?,?)",
                    (run.id, request["key"], json.dumps(request)),
                )
            if resolve_pending is not None:
                self.db.execute(
                    "DELETE FROM pending WHERE run_id=? AND key=?", (run.id, resolve_pending)
                )
            if cursor is not None:
                self.db.execute("UPDATE runs SET cursor=? WHERE id=?", (json.dumps(cursor), run.id))
            if watermark:
                self.db.execute(
                    "UPDATE runs SET max_watermark=? WHERE id=? AND "
                    "(max_watermark IS NULL OR max_watermark < ?)",
                    (watermark, run.id, watermark),
                )
            self.db.execute("COMMIT")
        except BaseException:
            self.db.execute("ROLLBACK")
            raise

    def ledger_entries(self, source: str | None = None) -> Iterator[LedgerEntry]:
        sql = "SELECT * FROM ledger"
        args: tuple[str, ...] = ()
        if source:
            sql += " WHERE source=?"
            args = (source,)
        for row in self.db.execute(sql + " ORDER BY fetched, rowid", args).fetchall():
            yield LedgerEntry(
                row[0],
                row[1],
                row[2],
                json.loads(row[3]),
                json.loads(row[4]),
                row[5],
                row[6],
                row[7],
            )

    # -- aliases ----------------------------------------------------------------------
    def canonical_id(self, ids: Iterable[str]) -> str | None:
        for alias in ids:
            row = self.db.execute(
                "SELECT document_id FROM aliases WHERE alias=?", (alias,)
            ).fetchone()
            if row:
                return str(row[0])
        return None

    def add_aliases(self, document_id: str, ids: Iterable[str]) -> None:
        self.db.executemany(
            "INSERT OR IGNORE INTO aliases VALUES (?,?)",
            [(alias, document_id) for alias in {document_id, *ids} if alias],
        )
