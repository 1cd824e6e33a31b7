"""Searching the embedded index: filters, FTS5 text, order, paging, facets, hits.

Record level selects ``records`` rows (never the document placeholders);
document level selects documents having at least one row (placeholders
included) that satisfies the filter, intersected with the document text
search.  Text is always an FTS5 string of quoted phrases (:func:`fts5_query`).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator

from matmine.errors import QuerySyntaxError
from matmine.index.api import (
    TOTAL_EXACT_UP_TO,
    DocumentSummary,
    Hit,
    SearchRequest,
    SearchResults,
)
from matmine.index.chemistry import SYMBOLS, elements_of_masks
from matmine.index.fields import FIELDS
from matmine.index.sqlite_compiler import compile_where
from matmine.index.syntax import And, ElementsHas, Node, predicates
from matmine.index.text import MARK_END, MARK_START, fts5_query, record_snippet
from matmine.models import PropertyRecord, StructureFact

FACET_SIZE = 20
_SORT_INDEX = {"value": "records_value", "date": "records_published"}
# value/date ties break on the id, descending, as in the Elasticsearch backend;
# "relevance" without free text has no signal: results come in index order.
_RECORD_ORDER = {"value": "r.value DESC, r.id DESC", "date": "r.published DESC, r.id DESC"}


def _is_document_only(node: Node | None) -> bool:
    """True when every predicate names a document field (then ``documents`` suffices)."""
    if node is None:
        return True
    return all(not isinstance(p, ElementsHas) and FIELDS[p.field].level == "document"
               for p in predicates(node))


MAX_LISTED_SETS = 500
"""Element tests matching more sets than this stay a subquery instead of a bound list."""


def _element_conjunct(node: Node | None) -> bool:
    """True when the filter requires an element test on every match (``HAS … AND …``)."""
    if isinstance(node, ElementsHas):
        return True
    return isinstance(node, And) and any(_element_conjunct(i) for i in node.items)


class SQLiteSearcher:
    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def _element_sets(self, test: str, params: list[int]) -> list[int] | None:
        """Ids of the element sets passing ``test`` (SQL written by the compiler)."""
        rows = self.conn.execute(
            f"SELECT rowid FROM element_sets WHERE {test} LIMIT {MAX_LISTED_SETS + 1}", params
        ).fetchall()
        return None if len(rows) > MAX_LISTED_SETS else [r[0] for r in rows]

    # ------------------------------------------------------------------ plan

    def _record_query(self, request: SearchRequest, index: str = "") -> tuple[str, list[object], bool]:
        """``(FROM … WHERE …, params, has_text)`` selecting matching records ``r``."""
        where, params = compile_where(request.node(), "r", element_sets=self._element_sets)
        terms = request.terms()
        if terms:
            sql = ("FROM record_fts f JOIN records r ON r.rowid = f.rowid"
                   f" WHERE record_fts MATCH ? AND r.rtype < 2 AND {where}")
            return sql, [fts5_query(terms), *params], True
        hint = f" INDEXED BY {index}" if index else ""
        return f"FROM records r{hint} WHERE r.rtype < 2 AND {where}", params, False

    def _document_select(self, request: SearchRequest) -> tuple[str, list[object], str]:
        """``(SELECT doc … , params, form)`` listing matching document rowids as ``doc``.

        ``form`` is ``text`` (rank available as ``rank``), ``documents`` (a filter on
        document fields only) or ``records`` (documents with a matching record row).
        """
        node, terms = request.node(), request.terms()
        if _is_document_only(node):
            where, params = compile_where(node, "d", doc_column="rowid")
        else:
            inner, params = compile_where(node, "r", element_sets=self._element_sets)
            where = f"d.rowid IN (SELECT r.doc FROM records r WHERE {inner})"
        if terms:
            return (f"SELECT d.rowid AS doc, f.rank AS rank FROM doc_fts f JOIN documents d"
                    f" ON d.rowid = f.rowid WHERE doc_fts MATCH ? AND {where}",
                    [fts5_query(terms), *params], "text")
        if _is_document_only(node):
            return f"SELECT d.rowid AS doc FROM documents d WHERE {where}", params, "documents"
        inner, params = compile_where(node, "r", element_sets=self._element_sets)
        return f"SELECT DISTINCT r.doc AS doc FROM records r WHERE {inner}", params, "records"

    def _run(self, sql: str, params: list[object]) -> list[tuple]:
        try:
            return self.conn.execute(sql, params).fetchall()
        except sqlite3.OperationalError as exc:  # e.g. a filter too large for SQLite
            raise QuerySyntaxError(f"the index cannot run this query: {exc}") from None

    # ------------------------------------------------------------------ search

    def search(self, request: SearchRequest) -> SearchResults:
        if request.level == "record":
            return self._search_records(request)
        return self._search_documents(request)

    def _count(self, select: str, params: list[object]) -> tuple[int, bool]:
        n = self._run(f"SELECT count(*) FROM ({select} LIMIT {TOTAL_EXACT_UP_TO + 1})", params)[0][0]
        return min(n, TOTAL_EXACT_UP_TO), n <= TOTAL_EXACT_UP_TO

    def _search_records(self, request: SearchRequest) -> SearchResults:
        from_where, params, has_text = self._record_query(request)
        total, exact = self._count(f"SELECT r.rowid {from_where}", params)
        if has_text and request.sort == "relevance" and exact:
            order = " ORDER BY f.rank, r.id DESC"
        elif has_text and request.sort == "relevance":
            # Over TOTAL_EXACT_UP_TO matches, ranking them all costs more than the latency
            # budget: the newest matches come first (FTS5 walks its rowids backwards).
            order = " ORDER BY f.rowid DESC"
        elif request.sort in _RECORD_ORDER:
            order = f" ORDER BY {_RECORD_ORDER[request.sort]}"
            if not exact and not has_text:  # many matches: walk the sort index, stop early
                from_where, params, _ = self._record_query(request, _SORT_INDEX[request.sort])
        else:
            order = ""
        score = "f.rank" if has_text else "NULL"
        rows = self._run(
            f"SELECT r.doc, r.ordinal, {score} {from_where}{order} LIMIT ? OFFSET ?",
            [*params, request.limit, request.offset],
        )
        summaries = self.summaries({r[0] for r in rows})
        items = self._items({(r[0], r[1]) for r in rows})
        terms = request.terms()
        hits = []
        for doc, ordinal, rank in rows:
            record = items.get((doc, ordinal))
            if record is None:
                continue
            hits.append(Hit(summaries[doc], record=record, score=_score(rank),
                            snippet=record_snippet(record, terms) if request.highlight else ""))
        facets = {}
        if request.facets:
            columns = "r.doc, r.year, r.kind, r.structure_type, r.eset, r.aset"
            if has_text and _element_conjunct(request.node()):
                # every match has one of a few element sets: read the matches from the
                # covering records_eset index and test the text match against a list
                # of rowids, instead of looking up every text match in ``records``
                where, where_params = compile_where(request.node(), "r",
                                                    element_sets=self._element_sets)
                facet_sql = (f"SELECT {columns} FROM records r WHERE r.rtype < 2 AND {where}"
                             " AND +r.rowid IN (SELECT rowid FROM record_fts"
                             " WHERE record_fts MATCH ?)")
                facet_params = [*where_params, fts5_query(request.terms())]
            else:
                facet_sql, facet_params = f"SELECT {columns} {from_where}", params
            facets = self._facets(facet_sql, facet_params, request.facets, count="*")
        return SearchResults(request, hits, total, exact, facets, "sqlite")

    def _search_documents(self, request: SearchRequest) -> SearchResults:
        select, select_params, form = self._document_select(request)
        total, exact = self._count(select, select_params)
        params = select_params
        node = request.node()
        if form == "text" and request.sort == "relevance":
            # as at record level: rank when there are few matches, else newest first
            page_sql = f"{select} ORDER BY {'rank, d.id DESC' if exact else 'f.rowid DESC'}"
        elif form == "records" and request.sort == "value":
            inner, inner_params = compile_where(node, "r", element_sets=self._element_sets)
            page_sql = (f"SELECT r.doc AS doc FROM records r WHERE {inner} GROUP BY r.doc"
                        " ORDER BY max(r.value) DESC, r.doc DESC")
            params = inner_params
        elif form == "records" and request.sort == "date":
            hint = " INDEXED BY records_published" if not exact else ""
            inner, params = compile_where(node, "r", element_sets=self._element_sets)
            page_sql = (f"SELECT DISTINCT r.doc AS doc, r.published FROM records r{hint}"
                        f" WHERE {inner} ORDER BY r.published DESC, r.doc DESC")
        elif request.sort in ("date", "value"):
            page_sql = f"{select} ORDER BY d.published DESC, d.id DESC"
        else:
            page_sql = select
        rows = self._run(f"{page_sql} LIMIT ? OFFSET ?", [*params, request.limit, request.offset])
        doc_ids = [r[0] for r in rows]
        summaries = self.summaries(doc_ids)
        matching = self._matching_records(doc_ids, request)
        snippets = self._text_snippets(doc_ids, request) if form == "text" else {}
        ranks = {r[0]: r[1] for r in rows} if form == "text" else {}
        hits = []
        for doc in doc_ids:
            records = tuple(matching.get(doc, ()))
            snippet = snippets.get(doc, "")
            if not snippet and records and request.highlight:
                snippet = record_snippet(records[0], [])
            hits.append(Hit(summaries[doc], records=records, score=_score(ranks.get(doc)),
                            snippet=snippet))
        facets = {}
        if request.facets:
            if {"structure_type", "element"} & set(request.facets):
                # these count what any record of a matching document says
                facet_sql = (f"WITH md AS MATERIALIZED ({select}) SELECT md.doc, d.year, d.kind,"
                             " x.structure_type, x.eset, d.aset FROM md JOIN documents d"
                             " ON d.rowid = md.doc LEFT JOIN records x ON x.doc = md.doc")
            else:  # year, kind, assignee: document fields only
                facet_sql = (f"WITH md AS MATERIALIZED ({select}) SELECT md.doc, d.year, d.kind,"
                             " NULL AS structure_type, 0 AS eset, d.aset FROM md JOIN documents d"
                             " ON d.rowid = md.doc")
            facets = self._facets(facet_sql, select_params, request.facets,
                                  count="DISTINCT m.doc", wrap=True)
        return SearchResults(request, hits, total, exact, facets, "sqlite")

    def _text_snippets(self, doc_ids: list[int], request: SearchRequest) -> dict[int, str]:
        if not request.highlight or not doc_ids:
            return {}
        marks = ",".join("?" * len(doc_ids))
        rows = self._run(
            f"SELECT rowid, snippet(doc_fts, -1, '{MARK_START}', '{MARK_END}', '…', 24)"
            f" FROM doc_fts WHERE doc_fts MATCH ? AND rowid IN ({marks})",
            [fts5_query(request.terms()), *doc_ids],
        )
        return dict(rows)

    def _matching_records(self, doc_ids: list[int], request: SearchRequest) -> dict[int, list]:
        """Up to ``records_per_document`` matching records of each listed document (one query)."""
        if not doc_ids:
            return {}
        where, params = compile_where(request.node(), "r", element_sets=self._element_sets)
        marks = ",".join("?" * len(doc_ids))
        wanted: dict[int, list[int]] = {d: [] for d in doc_ids}
        for doc, ordinal in self._run(
            f"SELECT r.doc, r.ordinal FROM records r WHERE r.doc IN ({marks}) AND r.rtype < 2"
            f" AND {where} ORDER BY r.doc, r.ordinal", [*doc_ids, *params],
        ):
            if len(wanted[doc]) < request.records_per_document:
                wanted[doc].append(ordinal)
        items = self._items({(d, o) for d, ords in wanted.items() for o in ords})
        return {d: [items[(d, o)] for o in ords if (d, o) in items] for d, ords in wanted.items()}

    def scan(self, request: SearchRequest) -> Iterator[Hit]:
        """Every matching record, in document order, loading each document once."""
        from_where, params, _ = self._record_query(request)
        cursor = self.conn.cursor()
        try:
            cursor.execute(f"SELECT r.doc, r.ordinal {from_where} ORDER BY r.doc, r.ordinal",
                           params)
        except sqlite3.OperationalError as exc:
            raise QuerySyntaxError(f"the index cannot run this query: {exc}") from None
        current, summary, items = None, None, []
        for doc, ordinal in cursor:
            if doc != current:
                current = doc
                summary = self.summaries([doc])[doc]
                items = self._document_items(doc)
            if 0 <= ordinal < len(items):
                yield Hit(summary, record=items[ordinal])  # type: ignore[arg-type]

    # ------------------------------------------------------------------ facets

    def _facets(self, select: str, params: list[object], wanted: Iterable[str], *, count: str,
                wrap: bool = False) -> dict:
        self.conn.execute("DROP TABLE IF EXISTS temp.facet_matches")
        source = select if wrap else f"SELECT * FROM ({select})"
        self.conn.execute(f"CREATE TEMP TABLE facet_matches AS {source}", params)
        out: dict[str, list[tuple[str, int]]] = {}
        try:
            for facet in wanted:
                if facet == "element":
                    out[facet] = self._element_facet(count)
                    continue
                if facet == "assignee":
                    out[facet] = self._assignee_facet(count)
                    continue
                else:
                    column = {"year": "year", "kind": "kind", "structure_type": "structure_type"}[facet]
                    sql = (f"SELECT m.{column}, count({count}) FROM facet_matches m"
                           f" WHERE m.{column} IS NOT NULL GROUP BY m.{column}")
                rows = self.conn.execute(f"{sql} ORDER BY 2 DESC, 1 LIMIT {FACET_SIZE}").fetchall()
                out[facet] = [(str(k), n) for k, n in rows]
        finally:
            self.conn.execute("DROP TABLE IF EXISTS temp.facet_matches")
        return out

    def _assignee_facet(self, count: str) -> list[tuple[str, int]]:
        """Exact counts per assignee: matches grouped by assignee set, expanded here.

        A document has one assignee set (``documents.aset``, copied to its records),
        and a set lists each assignee once, so the sums are exact.
        """
        totals: dict[str, int] = {}
        for aset, n in self.conn.execute(
                f"SELECT aset, count({count}) FROM facet_matches m WHERE aset > 0 GROUP BY aset"
        ).fetchall():
            for key in self._assignee_keys(aset):
                totals[key] = totals.get(key, 0) + n
        if not totals:
            return []
        keys = list(totals)
        names: dict[str, str] = {}
        for start in range(0, len(keys), 500):
            chunk = keys[start:start + 500]
            names.update(self.conn.execute(
                f"SELECT key, name FROM organisation_names WHERE key IN ({','.join('?' * len(chunk))})",
                chunk).fetchall())
        counts = sorted(((names.get(k, k), n) for k, n in totals.items()),
                        key=lambda x: (-x[1], x[0].encode("utf-8")))
        return counts[:FACET_SIZE]

    def _assignee_keys(self, aset: int) -> list[str]:
        row = self.conn.execute("SELECT keys FROM assignee_sets WHERE rowid = ?", (aset,)).fetchone()
        return row[0].split("\x1f") if row and row[0] else []

    def _element_facet(self, count: str) -> list[tuple[str, int]]:
        """Exact counts per element: matches grouped by element set, expanded here."""
        sets = {rowid: elements_of_masks(lo, hi) for rowid, lo, hi in self.conn.execute(
            "SELECT rowid, mask_lo, mask_hi FROM element_sets WHERE rowid IN"
            " (SELECT DISTINCT eset FROM facet_matches)")}
        totals: dict[str, int] = {}
        if count == "*":  # records: each record counts once per element of its set
            for eset, n in self.conn.execute(
                    "SELECT eset, count(*) FROM facet_matches WHERE eset > 0 GROUP BY eset"):
                for symbol in sets.get(eset, ()):
                    totals[symbol] = totals.get(symbol, 0) + n
        else:  # documents: each document counts once per element of any of its records
            seen: set[tuple[int, str]] = set()
            for doc, eset in self.conn.execute(
                    "SELECT DISTINCT doc, eset FROM facet_matches WHERE eset > 0"):
                for symbol in sets.get(eset, ()):
                    if (doc, symbol) not in seen:
                        seen.add((doc, symbol))
                        totals[symbol] = totals.get(symbol, 0) + 1
        counts = sorted(totals.items(), key=lambda x: (-x[1], SYMBOLS.index(x[0])))
        return counts[:FACET_SIZE]

    # ------------------------------------------------------------------ loading

    def summaries(self, doc_rowids: Iterable[int]) -> dict[int, DocumentSummary]:
        ids = list(doc_rowids)
        out: dict[int, DocumentSummary] = {}
        for start in range(0, len(ids), 500):
            chunk = ids[start:start + 500]
            marks = ",".join("?" * len(chunk))
            for rowid, summary in self.conn.execute(
                f"SELECT rowid, summary FROM documents WHERE rowid IN ({marks})", chunk
            ):
                out[rowid] = DocumentSummary.from_stored(json.loads(summary))
        return out

    def _document_items(self, doc: int) -> list[PropertyRecord | StructureFact]:
        blob = self.conn.execute("SELECT extraction FROM document_sources WHERE doc = ?", (doc,)).fetchone()
        if blob is None:
            return []
        data = json.loads(blob[0])
        return [PropertyRecord.model_validate(r) for r in data.get("records", [])] + [
            StructureFact.model_validate(s) for s in data.get("structures", [])
        ]

    def _items(self, wanted: set[tuple[int, int]]) -> dict[tuple[int, int], object]:
        """Records by (document rowid, ordinal), parsing each extraction once."""
        by_doc: dict[int, set[int]] = {}
        for doc, ordinal in wanted:
            by_doc.setdefault(doc, set()).add(ordinal)
        out: dict[tuple[int, int], object] = {}
        for doc, ordinals in by_doc.items():
            blob = self.conn.execute(
                "SELECT extraction FROM document_sources WHERE doc = ?", (doc,)
            ).fetchone()
            if blob is None:
                continue
            data = json.loads(blob[0])
            records, structures = data.get("records", []), data.get("structures", [])
            for ordinal in ordinals:
                if 0 <= ordinal < len(records):
                    out[(doc, ordinal)] = PropertyRecord.model_validate(records[ordinal])
                elif 0 <= ordinal - len(records) < len(structures):
                    out[(doc, ordinal)] = StructureFact.model_validate(
                        structures[ordinal - len(records)])
        return out


def _score(rank: float | None) -> float | None:
    return None if rank is None else round(-float(rank), 4)
