"""Crawler test helpers (imported by the tests as ``crawl_helpers``): a replay server on 127.0.0.1 and crawls in child processes.

Every crawl runs ``python -m matmine.crawlers.runner SOURCE … --json`` in a
subprocess (the Twisted reactor cannot restart in one process), with tiny
politeness delays so the folder stays fast.  No test touches the network.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from matmine.crawlers.replay import ReplayServer, Reply, Rule
from matmine.index import open_index
from matmine.models import Document
from matmine.settings import Settings

FIXTURES = Path(__file__).parent / "fixtures"
REPO_ROOT = Path(__file__).resolve().parents[2]

FAST = {
    "MATMINE_ARXIV_DELAY": "0.01",
    "MATMINE_CROSSREF_DELAY": "0.01",
    "MATMINE_EUROPEPMC_DELAY": "0.01",
    "MATMINE_USPTO_DELAY": "0.01",
    "MATMINE_EPO_DELAY": "0.01",
    "MATMINE_DOWNLOAD_DELAY": "0.01",
    "MATMINE_RETRY_BACKOFF": "0.05",
}


def fixture(*parts: str) -> bytes:
    return FIXTURES.joinpath(*parts).read_bytes()


def xml(body: bytes, status: int = 200, **headers: str) -> Reply:
    return Reply(status, body, headers, content_type="text/xml;charset=UTF-8")


def json_reply(body: bytes, status: int = 200, **headers: str) -> Reply:
    return Reply(status, body, headers, content_type="application/json;charset=UTF-8")


@dataclass
class CrawlResult:
    returncode: int
    report: dict[str, Any]
    stderr: str


def crawl_env(home: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("MATMINE_")}
    env.update(FAST)
    env["MATMINE_HOME"] = str(home)
    env["PYTHONPATH"] = os.pathsep.join(
        filter(None, [str(REPO_ROOT), os.environ.get("MATMINE_TEST_SHIM", "")])
    )
    env.update(extra)
    return env


def start_crawl(home: Path, source: str, *args: str, **env: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "matmine.crawlers.runner", source, *args, "--json"],
        env=crawl_env(home, **env),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=REPO_ROOT,
    )


def run_crawl(home: Path, source: str, *args: str, timeout: float = 60, **env: str) -> CrawlResult:
    proc = start_crawl(home, source, *args, **env)
    out, err = proc.communicate(timeout=timeout)
    lines = out.strip().splitlines()
    report = json.loads(lines[-1]) if proc.returncode == 0 and lines else {}
    return CrawlResult(proc.returncode, report, err)


def index_documents(home: Path) -> dict[str, Document]:
    """Every document in the index at ``home``, by id."""
    index = open_index(Settings(home=home))
    try:
        return {doc.id: doc for doc, _ in index.iter_documents()}
    finally:
        index.close()


__all__ = ["ReplayServer", "Reply", "Rule"]
