"""A scriptable local HTTP server that replays recorded responses (tests, benchmarks, demos).

Rules are matched in order on the path and a subset of the query parameters;
each rule has a list of responses served in turn (the last one repeats), so a
script can say "429 with Retry-After, then 200" or "500, then 200".  Every
request is logged (method, path with query, time, status) and, if
``log_path`` is set, appended to a JSON-lines file that survives the crawl
process being killed.

>>> server = ReplayServer([Rule("/oai2", [Reply(200, body=b"<OAI-PMH/>")])])  # doctest: +SKIP
>>> server.start(); server.url                                                # doctest: +SKIP
'http://127.0.0.1:40123'
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit


@dataclass
class Reply:
    """One scripted response."""

    status: int = 200
    body: bytes = b""
    headers: Mapping[str, str] = field(default_factory=dict)
    delay: float = 0.0
    content_type: str = "application/octet-stream"


@dataclass
class Rule:
    """Requests to ``path`` (``*`` suffix = prefix match) whose query contains ``query``."""

    path: str
    replies: Sequence[Reply]
    query: Mapping[str, str] = field(default_factory=dict)
    method: str | None = None
    headers: Mapping[str, str] = field(default_factory=dict)
    served: int = 0

    def matches(
        self,
        method: str,
        path: str,
        query: Mapping[str, list[str]],
        headers: Mapping[str, str] | None = None,
    ) -> bool:
        if self.method and self.method != method:
            return False
        if any((headers or {}).get(k.lower()) != v for k, v in self.headers.items()):
            return False
        if self.path.endswith("*"):
            if not path.startswith(self.path[:-1]):
                return False
        elif path != self.path:
            return False
        return all(value in query.get(name, []) for name, value in self.query.items())

    def next_reply(self) -> Reply:
        reply = self.replies[min(self.served, len(self.replies) - 1)]
        self.served += 1
        return reply


@dataclass(frozen=True)
class LoggedRequest:
    method: str
    target: str
    path: str
    query: dict[str, list[str]]
    status: int
    time: float
    headers: dict[str, str]


class ReplayServer:
    """Serve ``rules`` on 127.0.0.1 in a background thread."""

    def __init__(
        self, rules: Sequence[Rule], *, log_path: Path | None = None, default_delay: float = 0.0
    ) -> None:
        self.rules = list(rules)
        self.log: list[LoggedRequest] = []
        self.log_path = log_path
        self.default_delay = default_delay
        self._lock = threading.Lock()
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        assert self._server is not None
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def start(self) -> ReplayServer:
        replay = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: Any) -> None:
                return

            def _handle(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                if length:
                    self.rfile.read(length)
                replay._serve(self)

            do_GET = do_POST = do_HEAD = _handle

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def __enter__(self) -> ReplayServer:  # noqa: PYI034
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def _serve(self, handler: BaseHTTPRequestHandler) -> None:
        parts = urlsplit(handler.path)
        query = parse_qs(parts.query, keep_blank_values=True)
        headers = {k.lower(): v for k, v in handler.headers.items()}
        with self._lock:
            rule = next(
                (r for r in self.rules if r.matches(handler.command, parts.path, query, headers)),
                None,
            )
            reply = (
                rule.next_reply() if rule else Reply(404, b"not found", content_type="text/plain")
            )
            entry = LoggedRequest(
                handler.command, handler.path, parts.path, query, reply.status, time.time(), headers
            )
            self.log.append(entry)
            if self.log_path is not None:
                with self.log_path.open("a", encoding="utf-8") as out:
                    out.write(
                        json.dumps(
                            {
                                "method": entry.method,
                                "target": entry.target,
                                "status": entry.status,
                                "time": entry.time,
                            }
                        )
                        + "\n"
                    )
        delay = reply.delay or self.default_delay
        if delay:
            time.sleep(delay)
        handler.send_response(reply.status)
        handler.send_header("Content-Type", reply.content_type)
        handler.send_header("Content-Length", str(len(reply.body)))
        for name, value in reply.headers.items():
            handler.send_header(name, value)
        handler.end_headers()
        if handler.command != "HEAD":
            handler.wfile.write(reply.body)

    # -- assertions helpers ------------------------------------------------------------
    def requests_to(self, path_prefix: str) -> list[LoggedRequest]:
        with self._lock:
            return [r for r in self.log if r.path.startswith(path_prefix)]

    def add(self, rule: Rule) -> None:
        with self._lock:
            self.rules.insert(0, rule)
