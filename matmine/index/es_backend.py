"""The Elasticsearch backend (official client), selected by ``MATMINE_INDEX=http(s)://…``.

Writes go through ``helpers.streaming_bulk`` with retries; any item that
still fails is appended to ``MATMINE_HOME/es-dead-letter.jsonl`` and its
document reported ``"failed"`` (its document entry is not written, so the
next ingest retries it).  Records are written before their document and
stale records of a changed document are deleted after, so a document never
has zero records in between.  Reads use :mod:`matmine.index.es_compiler`.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from matmine.errors import IndexUnavailableError
from matmine.index.api import (
    TOTAL_EXACT_UP_TO,
    DocumentSummary,
    Hit,
    IndexBackend,
    SearchRequest,
    SearchResults,
    re_extracted,
)
from matmine.index import es_compiler as C
from matmine.index import es_mapping as M
from matmine.index.rows import document_row, record_rows
from matmine.index.syntax import Node
from matmine.index.text import MARK_END, MARK_START, record_snippet
from matmine.models import Document, ExtractionResult, PropertyRecord, StructureFact
from matmine.settings import Settings


def _transport_errors() -> tuple[type[BaseException], ...]:
    from elastic_transport import ConnectionError, ConnectionTimeout, TransportError
    from elasticsearch import ApiError

    return (ConnectionError, ConnectionTimeout, TransportError, ApiError)


class ElasticsearchIndex(IndexBackend):
    name = "elasticsearch"

    def __init__(self, client: Any, prefix: str, dead_letter: Path, refresh: bool = False,
                 url: str = "") -> None:
        self.es = client
        self.url = url
        self.prefix = prefix
        self.records_alias = f"{prefix}-records"
        self.documents_alias = f"{prefix}-documents"
        self.dead_letter = dead_letter
        self.refresh = refresh
        self.outdated = ""  # why the indices cannot be used until rebuilt ("" when they can)
        self._call(self._ensure_indices)

    @classmethod
    def from_settings(cls, settings: Settings, *, refresh: bool = False,
                      timeout: float = 30.0, retries: int = 3) -> ElasticsearchIndex:
        from elasticsearch import Elasticsearch

        auth: dict[str, Any] = {}
        if settings.es_api_key:
            auth["api_key"] = settings.es_api_key
        elif settings.es_username:
            auth["basic_auth"] = (settings.es_username, settings.es_password or "")
        client = Elasticsearch(settings.index, request_timeout=timeout, max_retries=retries,
                               retry_on_timeout=True, **auth)
        url = settings.index
        try:
            client.info()
        except _transport_errors() as exc:
            raise IndexUnavailableError(
                f"cannot reach Elasticsearch at {url}: {type(exc).__name__}"
            ) from None
        return cls(client, settings.es_index_prefix, settings.home / "es-dead-letter.jsonl",
                   refresh=refresh, url=url)

    def _call(self, fn: Any, *args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except _transport_errors() as exc:
            message = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            raise IndexUnavailableError(f"Elasticsearch error: {message[:300]}") from None

    # ------------------------------------------------------------------ set-up

    def _ensure_indices(self) -> None:
        for name, body in M.index_templates(self.prefix).items():
            self.es.indices.put_index_template(name=name, **body)
        for alias in (self.records_alias, self.documents_alias):
            if not self.es.indices.exists_alias(name=alias):
                self.es.indices.create(index=f"{alias}-1", aliases={alias: {}})
        missing = M.missing_fields(_body(self.es.indices.get_mapping(index=self.records_alias)),
                                   _body(self.es.indices.get_mapping(index=self.documents_alias)))
        if missing:
            # like a SQLite index of another schema version: ``reindex`` builds the next
            # generation from the current templates; everything else refuses with one line
            self.outdated = (f"the Elasticsearch indices {self.prefix}-* at {self.url} were"
                             f" built by an older matmine (no {', '.join(missing)} fields):"
                             " run `matmine reindex` to rebuild them from their stored documents")

    def _usable(self) -> None:
        if self.outdated:
            raise IndexUnavailableError(self.outdated)

    def drop(self) -> None:
        """Delete this prefix's indices and templates (tests and rebuild clean-up)."""
        def _drop() -> None:
            self.es.indices.delete(index=f"{self.prefix}-*", ignore_unavailable=True,
                                   allow_no_indices=True)
            for name in M.index_templates(self.prefix):
                self.es.indices.delete_index_template(name=name, ignore=[404])
        self._call(_drop)

    # ------------------------------------------------------------------ writing

    def upsert(self, items: Sequence[tuple[Document, ExtractionResult]]) -> list[str]:
        self._usable()
        return self._call(self._upsert, items, self.records_alias, self.documents_alias)

    def _upsert(self, items: Sequence[tuple[Document, ExtractionResult]], records_index: str,
                documents_index: str) -> list[str]:
        from elasticsearch import helpers

        ids = [doc.id for doc, _ in items]
        found = self.es.mget(index=documents_index, ids=ids, source=["source_hash"])["docs"]
        stored = {d["_id"]: d["_source"]["source_hash"] for d in found if d.get("found")}
        statuses: list[str] = []
        pending: dict[str, tuple[Any, ...]] = {}
        actions: list[dict[str, Any]] = []
        for doc, result in items:
            drow = document_row(doc, result)
            previous = pending[doc.id][0].source_hash if doc.id in pending else stored.get(doc.id)
            if previous == drow.source_hash:
                statuses.append("unchanged")
                continue
            rows = record_rows(doc, result)
            summary = DocumentSummary.stored(doc)
            extraction_items = [*result.records, *result.structures]
            for row in rows:
                item = extraction_items[row.ordinal] if row.ordinal >= 0 else None
                actions.append({
                    "_op_type": "index", "_index": records_index, "_id": M.record_id(drow, row),
                    "_source": M.record_document(
                        drow, row, item.model_dump_json() if item else None, summary),
                    "_matmine_doc": doc.id,
                })
            pending[doc.id] = (drow, rows, doc, result, summary)
            statuses.append("indexed")
        failed = self._bulk(helpers, actions)
        doc_actions = []
        for doc_id, (drow, rows, doc, result, summary) in pending.items():
            if doc_id in failed:
                continue
            doc_actions.append({
                "_op_type": "index", "_index": documents_index, "_id": doc_id,
                "_source": M.document_document(drow, rows, doc.model_dump_json(),
                                               result.model_dump_json(), summary),
                "_matmine_doc": doc_id,
            })
        failed |= self._bulk(helpers, doc_actions)
        # a changed document: delete the records of its earlier version (other source hash)
        replaced = [(i, p[0].source_hash) for i, p in pending.items()
                    if i not in failed and (i in stored or ids.count(i) > 1)]
        for start in range(0, len(replaced), 500):
            self.es.delete_by_query(
                index=records_index, refresh=self.refresh, conflicts="proceed",
                query={"bool": {"minimum_should_match": 1, "should": [
                    {"bool": {"filter": [{"term": {"doc_id": doc_id}}],
                              "must_not": [{"term": {"source_hash": source}}]}}
                    for doc_id, source in replaced[start:start + 500]]}})
        if self.refresh:
            self.es.indices.refresh(index=[records_index, documents_index])
        return ["failed" if s == "indexed" and i in failed else s for s, i in zip(statuses, ids)]

    def _bulk(self, helpers: Any, actions: list[dict[str, Any]]) -> set[str]:
        """Stream actions with retries; dead-letter and return the documents that failed.

        Results are matched to actions by ``_id`` (retried items come back out of order).
        """
        owners = {a["_id"]: a.pop("_matmine_doc") for a in actions}
        by_id = {a["_id"]: a for a in actions}
        failed: set[str] = set()
        results = helpers.streaming_bulk(
            self.es, actions, chunk_size=500, max_retries=3, initial_backoff=1,
            raise_on_error=False, raise_on_exception=False, yield_ok=True,
        )
        for ok, info in results:
            if ok:
                continue
            item = next(iter(info.values())) if isinstance(info, dict) and info else {}
            owner = owners.get(item.get("_id", ""), item.get("_id", "?"))
            failed.add(owner)
            self.dead_letter.parent.mkdir(parents=True, exist_ok=True)
            with self.dead_letter.open("a", encoding="utf-8") as fh:
                fh.write(json.dumps({"time": time.time(), "document": owner, "error": info,
                                     "action": by_id.get(item.get("_id", ""))},
                                    default=str) + "\n")
        return failed

    # ------------------------------------------------------------------ reading

    def get(self, document_id: str) -> tuple[Document, ExtractionResult] | None:
        from matmine.index.fields import document_id_keys

        keys = [document_id, *document_id_keys(document_id)]
        body = self._call(self.es.search, index=self.documents_alias, size=1,
                          query={"bool": {"should": [{"terms": {"id": keys}},
                                                     {"terms": {"doc_ids": keys}}]}},
                          source=["document", "extraction"])
        hits = body["hits"]["hits"]
        if not hits:
            return None
        src = hits[0]["_source"]
        return Document.model_validate(src["document"]), ExtractionResult.model_validate(src["extraction"])

    def get_content_hash(self, document_id: str) -> str | None:
        found = self._call(self.es.mget, index=self.documents_alias, ids=[document_id],
                           source=["content_hash"])["docs"]
        return found[0]["_source"]["content_hash"] if found and found[0].get("found") else None

    def search(self, request: SearchRequest) -> SearchResults:
        self._usable()
        if request.level == "record":
            return self._call(self._search_records, request)
        return self._call(self._search_documents, request)

    def _record_query(self, request: SearchRequest) -> dict[str, Any]:
        node = request.node()
        filters: list[Any] = [{"terms": {"rtype": ["property", "structure"]}}]
        if node is not None:
            filters.append(C.compile_query(node))
        return {"bool": {"filter": filters, "must": C.text_query(request.terms(), ["context"])}}

    def _search_records(self, request: SearchRequest) -> SearchResults:
        terms = request.terms()
        body = self.es.search(
            index=self.records_alias, query=self._record_query(request), from_=request.offset,
            size=request.limit, sort=C.record_sort(request.sort, bool(terms)),
            track_total_hits=TOTAL_EXACT_UP_TO, source=["record", "summary"],
            aggs=C.record_aggregations(request.facets) or None,
        )
        hits = []
        for h in body["hits"]["hits"]:
            record = _record(h["_source"]["record"])
            hits.append(Hit(DocumentSummary.from_stored(h["_source"]["summary"]), record=record,
                            score=h.get("_score"), snippet=record_snippet(record, terms)
                            if request.highlight else ""))
        total = body["hits"]["total"]
        facets = {f: [(_key(b), b["doc_count"]) for b in body["aggregations"][f]["buckets"]]
                  for f in request.facets}
        return SearchResults(request, hits, min(total["value"], TOTAL_EXACT_UP_TO),
                             total["relation"] == "eq", facets, self.name)

    def _search_documents(self, request: SearchRequest) -> SearchResults:
        node, terms = request.node(), request.terms()
        nested = C.compile_query(node, prefix="records.") if node is not None else None
        filters: list[Any] = []
        if nested is not None:
            filters.append({"nested": {"path": "records", "query": nested, "inner_hits": {
                "size": request.records_per_document, "sort": [{"records.ordinal": "asc"}],
                "_source": ["records.ordinal", "records.rtype"]}}})
        query = {"bool": {"filter": filters, "must": C.text_query(
            terms, ["title", "abstract", "claims", "body"])}}
        body = self.es.search(
            index=self.documents_alias, query=query, from_=request.offset, size=request.limit,
            sort=C.document_sort(request.sort, bool(terms), nested),
            track_total_hits=TOTAL_EXACT_UP_TO, source=["summary", "extraction"],
            aggs=C.document_aggregations(request.facets) or None,
            highlight={"fields": {"title": {}, "abstract": {}, "claims": {}, "body": {}},
                       "pre_tags": [MARK_START], "post_tags": [MARK_END]} if terms else None,
        )
        hits = []
        for h in body["hits"]["hits"]:
            extraction = h["_source"]["extraction"]
            items = [*extraction.get("records", []), *extraction.get("structures", [])]
            ordinals = []
            for inner in h.get("inner_hits", {}).get("records", {}).get("hits", {}).get("hits", []):
                src = inner["_source"]
                if src.get("rtype") != "document":
                    ordinals.append(src["ordinal"])
            records = tuple(_record(items[o]) for o in ordinals if 0 <= o < len(items))
            snippet = " … ".join(v[0] for v in h.get("highlight", {}).values())[:300]
            if not snippet and records and request.highlight:
                snippet = record_snippet(records[0], [])
            hits.append(Hit(DocumentSummary.from_stored(h["_source"]["summary"]), records=records,
                            score=h.get("_score"), snippet=snippet))
        facets = {}
        for f in request.facets:
            agg = body["aggregations"][f]
            if "values" in agg:
                facets[f] = [(_key(b), b["documents"]["doc_count"]) for b in agg["values"]["buckets"]]
            else:
                facets[f] = [(_key(b), b["doc_count"]) for b in agg["buckets"]]
        total = body["hits"]["total"]
        return SearchResults(request, hits, min(total["value"], TOTAL_EXACT_UP_TO),
                             total["relation"] == "eq", facets, self.name)

    def scan(self, filter: str | Node | None = None, text: str = "") -> Iterator[Hit]:
        from elasticsearch import helpers

        self._usable()
        request = SearchRequest(filter=filter, text=text)
        query = self._record_query(request)
        try:
            for h in helpers.scan(self.es, index=self.records_alias, query={"query": query},
                                  source=["record", "summary"], preserve_order=False):
                yield Hit(DocumentSummary.from_stored(h["_source"]["summary"]), record=_record(h["_source"]["record"]))
        except _transport_errors() as exc:
            raise IndexUnavailableError(f"Elasticsearch error: {exc}") from None

    def iter_documents(self) -> Iterator[tuple[Document, ExtractionResult]]:
        from elasticsearch import helpers

        try:
            for h in helpers.scan(self.es, index=self.documents_alias,
                                  source=["document", "extraction"]):
                src = h["_source"]
                yield (Document.model_validate(src["document"]),
                       ExtractionResult.model_validate(src["extraction"]))
        except _transport_errors() as exc:
            raise IndexUnavailableError(f"Elasticsearch error: {exc}") from None

    def count_documents(self) -> int:
        return self._call(self.es.count, index=self.documents_alias)["count"]

    def count_records(self) -> int:
        return self._call(self.es.count, index=self.records_alias,
                          query={"terms": {"rtype": ["property", "structure"]}})["count"]

    def stats(self) -> dict:
        aliases = self._call(self.es.indices.get_alias, name=[self.records_alias, self.documents_alias])
        return {"backend": self.name, "location": f"{self.prefix}-* at {self.url}",
                "documents": self.count_documents(), "records": self.count_records(),
                "indices": sorted(aliases)}

    # ------------------------------------------------------------------ rebuild

    def reindex(self, extract: bool = False, workers: int | None = None) -> dict:
        """Build the next generation of both indices (from documents extracted again
        with ``extract``), then swap the aliases atomically."""
        return self._call(self._reindex, extract, workers)

    def _reindex(self, extract: bool = False, workers: int | None = None) -> dict:
        started = time.perf_counter()
        current = self.es.indices.get_alias(name=[self.records_alias, self.documents_alias])
        generation = 1 + max(int(name.rsplit("-", 1)[1]) for name in current)
        new_records = f"{self.records_alias}-{generation}"
        new_documents = f"{self.documents_alias}-{generation}"
        self.es.indices.create(index=new_records)
        self.es.indices.create(index=new_documents)
        n, batch = 0, []
        items = self.iter_documents()
        for item in re_extracted(items, workers) if extract else items:
            batch.append(item)
            if len(batch) >= 200:
                n += len(self._upsert(batch, new_records, new_documents))
                batch = []
        if batch:
            n += len(self._upsert(batch, new_records, new_documents))
        actions: list[dict[str, Any]] = []
        for old, info in current.items():
            for alias in info["aliases"]:
                actions.append({"remove": {"index": old, "alias": alias}})
        actions += [{"add": {"index": new_records, "alias": self.records_alias}},
                    {"add": {"index": new_documents, "alias": self.documents_alias}}]
        self.es.indices.update_aliases(actions=actions)
        self.es.indices.delete(index=",".join(current))
        self.outdated = ""
        return {"documents": n, "records": self.count_records(),
                "seconds": round(time.perf_counter() - started, 3)}

    def bulk_load(self, items: Iterator[tuple[Document, ExtractionResult]], batch: int = 500) -> int:
        return super().bulk_load(items, batch)

    def close(self) -> None:
        self.es.close()


def _record(data: dict[str, Any]) -> PropertyRecord | StructureFact:
    return PropertyRecord.model_validate(data) if "property" in data else StructureFact.model_validate(data)


def _body(response: Any) -> dict[str, Any]:
    """The JSON body of a client answer (``ObjectApiResponse``), or the answer itself."""
    return getattr(response, "body", response)


def _key(bucket: dict[str, Any]) -> str:
    return str(bucket.get("key_as_string", bucket["key"]))
