"""The embedded index's tables and indexes (SQLite with FTS5, WAL).

``document_sources`` keeps each Document and ExtractionResult (JSON text),
the source of truth that ``reindex`` rebuilds everything else from.  The
``records`` table is narrow on purpose: numbers and short keys, plus the
document fields records are filtered by, so scans and covering indexes stay
small at a million rows.

Assignee sets are dictionary-encoded the same way (``assignee_sets``,
``documents.aset`` copied to ``records.aset``) so the assignee facet is one
GROUP BY over the matches, not a join per matching document.

Element sets are dictionary-encoded: ``element_sets`` holds each distinct set
of elements once (two 63-bit bitmask words and its size) and a record points
at its set with ``records.eset`` (0: no material).  ``elements HAS …`` first
selects the matching sets (a small table, bit tests) and then the records of
those sets through the ``records_eset`` index, which also covers the columns
facets count by, so element filters never scan the records table.
"""

from __future__ import annotations

import functools
import sqlite3

SCHEMA_VERSION = "5"
"""5: ``method`` (measured or computed).
4: ``scope``, ``atmosphere`` and the temperature interval
(``temperature_min``/``temperature_max``) replace the single ``temperature`` column.
(``atmosphere`` joined version 4 before it was released; :func:`create_schema`
sends a file of the early build without it to ``reindex`` too.)"""

TABLES = """
CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS documents(
    rowid INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL,
    title TEXT NOT NULL,
    published INTEGER, filed INTEGER, priority INTEGER, granted INTEGER, year INTEGER,
    content_hash TEXT NOT NULL,
    source_hash TEXT NOT NULL,
    n_records INTEGER NOT NULL,
    aset INTEGER NOT NULL,           -- assignee_sets.rowid, 0 when the document has no assignee
    summary TEXT NOT NULL
);
-- the sources, kept apart so scans of ``documents`` stay small
CREATE TABLE IF NOT EXISTS document_sources(
    doc INTEGER PRIMARY KEY, document TEXT NOT NULL, extraction TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS document_ids(
    key TEXT NOT NULL, doc INTEGER NOT NULL, PRIMARY KEY(key, doc)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS organisations(
    key TEXT NOT NULL, doc INTEGER NOT NULL, assignee INTEGER NOT NULL,
    PRIMARY KEY(key, doc, assignee)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS organisation_names(key TEXT PRIMARY KEY, name TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS classes(
    scheme TEXT NOT NULL, key TEXT NOT NULL, doc INTEGER NOT NULL,
    PRIMARY KEY(scheme, key, doc)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS records(
    rowid INTEGER PRIMARY KEY,
    id TEXT NOT NULL,
    doc INTEGER NOT NULL,
    ordinal INTEGER NOT NULL,
    rtype INTEGER NOT NULL,          -- 0 property record, 1 structure fact, 2 document placeholder
    property TEXT,
    value REAL, lo REAL, hi REAL,
    temperature_min REAL, temperature_max REAL,  -- [T, T], or a range [min, max]
    scope TEXT,                      -- bulk, grain_boundary, total
    atmosphere TEXT,                 -- fields.atmosphere_key of the label: air, weth2, 5%h2/ar
    method TEXT,                     -- measured, computed
    confidence REAL,
    eset INTEGER NOT NULL,           -- element_sets.rowid, 0 when the record has no elements
    nelements INTEGER,
    chemsys TEXT, formula TEXT,
    structure_type TEXT, space_group INTEGER, space_group_symbol TEXT, crystal_system TEXT,
    kind TEXT NOT NULL,
    published INTEGER, filed INTEGER, priority INTEGER, granted INTEGER, year INTEGER,
    aset INTEGER NOT NULL
);
-- each distinct set of assignee keys once (keys joined by U+001F), for the assignee facet
CREATE TABLE IF NOT EXISTS assignee_sets(rowid INTEGER PRIMARY KEY, keys TEXT NOT NULL UNIQUE);
CREATE TABLE IF NOT EXISTS element_sets(
    rowid INTEGER PRIMARY KEY, mask_lo INTEGER NOT NULL, mask_hi INTEGER NOT NULL,
    n INTEGER NOT NULL, UNIQUE(mask_lo, mask_hi));
CREATE VIRTUAL TABLE IF NOT EXISTS doc_fts USING fts5(
    title, abstract, claims, body, tokenize = 'unicode61 remove_diacritics 2');
CREATE VIRTUAL TABLE IF NOT EXISTS record_fts USING fts5(
    context, tokenize = 'unicode61 remove_diacritics 2');
CREATE INDEX IF NOT EXISTS documents_published ON documents(published, id);
CREATE INDEX IF NOT EXISTS document_ids_doc ON document_ids(doc);
CREATE INDEX IF NOT EXISTS organisations_doc ON organisations(doc);
CREATE INDEX IF NOT EXISTS classes_doc ON classes(doc);
CREATE INDEX IF NOT EXISTS records_doc ON records(doc, ordinal);
"""

# Secondary indexes over records: dropped during a bulk load, rebuilt after it.
RECORD_INDEXES: dict[str, str] = {
    "records_property": "records(property, hi, lo)",
    "records_value": "records(property, value, id)",
    "records_published": "records(published, id)",
    "records_formula": "records(formula)",
    "records_chemsys": "records(chemsys)",
    "records_structure": "records(structure_type)",
    "records_space_group": "records(space_group)",
    # element filters seek here; the other columns make it covering for facets
    "records_eset": "records(eset, kind, rtype, year, space_group, structure_type, aset, doc)",
}

RTYPE = {"property": 0, "structure": 1, "document": 2}


def connect(path: str) -> sqlite3.Connection:
    """Open (and create) an index file with the pragmas the index relies on."""
    conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = NORMAL")
    conn.execute("PRAGMA temp_store = MEMORY")
    conn.execute("PRAGMA cache_size = -262144")  # 256 MiB
    conn.execute("PRAGMA mmap_size = 1073741824")
    conn.execute("PRAGMA busy_timeout = 10000")
    return conn


class OtherSchemaVersion(sqlite3.DatabaseError):
    """The file was written with another schema version (``.found`` says which)."""

    def __init__(self, found: str) -> None:
        super().__init__(f"index schema version {found}, this matmine writes version"
                         f" {SCHEMA_VERSION}")
        self.found = found


def create_schema(conn: sqlite3.Connection) -> None:
    """Create what is missing; refuse an index written with another schema version."""
    has_meta = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'meta'").fetchone()
    if has_meta:
        found = conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        if found and found[0] != SCHEMA_VERSION:
            raise OtherSchemaVersion(found[0])
        missing = _missing_record_columns(conn)
        if found and missing:
            raise OtherSchemaVersion(f"{found[0]} (an early build without {', '.join(missing)})")
    conn.executescript(TABLES)
    create_record_indexes(conn)
    conn.execute(
        "INSERT OR IGNORE INTO meta(key, value) VALUES ('schema_version', ?)", (SCHEMA_VERSION,)
    )


def _missing_record_columns(conn: sqlite3.Connection) -> list[str]:
    """Columns of ``records`` in :data:`TABLES` that the file's ``records`` lacks."""
    have = {row[1] for row in conn.execute("PRAGMA table_info(records)")}
    if not have:  # no records table yet: it is created
        return []
    return [c for c in _record_columns() if c not in have]


@functools.lru_cache(maxsize=1)
def _record_columns() -> tuple[str, ...]:
    """The ``records`` columns this version creates (read from an in-memory database)."""
    conn = sqlite3.connect(":memory:")
    try:
        conn.executescript(TABLES)
        return tuple(row[1] for row in conn.execute("PRAGMA table_info(records)"))
    finally:
        conn.close()


def drop_record_indexes(conn: sqlite3.Connection) -> None:
    for name in RECORD_INDEXES:
        conn.execute(f"DROP INDEX IF EXISTS {name}")


def create_record_indexes(conn: sqlite3.Connection) -> None:
    for name, target in RECORD_INDEXES.items():
        conn.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {target}")


def table_counts(conn: sqlite3.Connection) -> dict[str, int]:
    """Row counts of every table (tests use it to prove a query changed nothing)."""
    names = [
        "documents", "document_sources", "document_ids", "organisations", "classes", "records",
        "element_sets", "assignee_sets", "doc_fts", "record_fts",
    ]
    return {n: conn.execute(f"SELECT count(*) FROM {n}").fetchone()[0] for n in names}
