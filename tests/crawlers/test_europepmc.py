"""Europe PMC: cursorMark search + JATS full text; SIGKILL mid-crawl and resume; increments."""

from __future__ import annotations

import signal
import sqlite3
import time
from collections import Counter
from pathlib import Path

from crawl_helpers import (
    Reply,
    Rule,
    fixture,
    index_documents,
    json_reply,
    run_crawl,
    start_crawl,
)

from matmine.crawlers.replay import ReplayServer

PMCIDS = ("PMC1001", "PMC1002", "PMC1003", "PMC1004", "PMC1005", "PMC1006")
GOOD = {
    "10.1016/j.ssi.2020.115001",
    "10.1039/c4ee02528b",
    "10.3390/ma13102345",
    "10.1186/s40580-020-00231-1",
    "10.1371/journal.pone.0230001",
}


def europepmc_rules(delay: float = 0.0) -> list[Rule]:
    marks = ["*", "AoIIP4AAACgxMDAy", "AoIIP4AAACgxMDA0", "AoIIP4AAACgxMDA2"]
    rules = [
        Rule(
            "/search",
            [json_reply(fixture("europepmc", f"search{n}.json"))],
            query={"cursorMark": m},
        )
        for n, m in enumerate(marks, 1)
    ]
    for pmcid in (*PMCIDS, "PMC1007"):
        body = fixture("europepmc", f"{pmcid}.xml")
        rules.append(
            Rule(
                f"/{pmcid}/fullTextXML",
                [Reply(200, body, delay=delay, content_type="application/xml")],
            )
        )
    return rules


def fulltext_requests(server: ReplayServer) -> Counter[str]:
    return Counter(r.path for r in server.log if r.path.endswith("/fullTextXML"))


def test_search_full_text_then_only_new_full_texts(home: Path, server: ReplayServer) -> None:
    server.rules.extend(europepmc_rules())
    result = run_crawl(home, "europepmc", "--query", "solid electrolyte", "--endpoint", server.url)
    assert result.returncode == 0, result.stderr
    report = result.report
    assert report["status"] == "complete"
    assert report["new"] == 5 and report["quarantined"] == 1  # PMC1004 is cut off
    docs = index_documents(home)
    assert set(docs) == GOOD
    lgps = docs["10.1016/j.ssi.2020.115001"]
    assert "PMC1001" in lgps.alternate_ids
    assert str(lgps.dates.published) == "2020-05-14"
    assert any("12 mS/cm" in p.text for p in lgps.paragraphs)
    # the paywalled record (no PMCID, not open access) is never requested
    assert set(fulltext_requests(server)) == {f"/{p}/fullTextXML" for p in PMCIDS}
    assert report["watermark"] == "2020-05-19"
    assert "OPEN_ACCESS:y" in server.requests_to("/search")[0].query["query"][0]

    # a second run with updated fixtures asks only for what is newer
    server.log.clear()
    server.rules[:0] = [
        Rule(
            "/search",
            [json_reply(fixture("europepmc", "incremental1.json"))],
            query={"cursorMark": "*"},
        ),
        Rule(
            "/search",
            [json_reply(fixture("europepmc", "incremental2.json"))],
            query={"cursorMark": "AoIIP4AAACgxMDA3"},
        ),
    ]
    second = run_crawl(home, "europepmc", "--query", "solid electrolyte", "--endpoint", server.url)
    assert second.returncode == 0, second.stderr
    query = server.requests_to("/search")[0].query["query"][0]
    assert "FIRST_IDATE:[2020-05-19 TO" in query
    assert fulltext_requests(server) == Counter({"/PMC1007/fullTextXML": 1})
    assert second.report["new"] == 1 and second.report["skipped"] == 1
    assert "10.1038/s41467-020-17001-1" in index_documents(home)


def test_sigkill_mid_crawl_then_resume(home: Path, server: ReplayServer) -> None:
    server.rules.extend(europepmc_rules(delay=0.4))
    proc = start_crawl(home, "europepmc", "--endpoint", server.url)
    state = home / "crawl" / "state.sqlite"

    def stored_fulltexts() -> set[str]:
        if not state.exists():
            return set()
        try:
            with sqlite3.connect(f"file:{state}?mode=ro", uri=True) as db:
                return {r[0] for r in db.execute("SELECT key FROM ledger WHERE key LIKE 'pmc:%'")}
        except sqlite3.OperationalError:
            return set()

    deadline = time.monotonic() + 40
    while len(stored_fulltexts()) < 2 and time.monotonic() < deadline:
        time.sleep(0.05)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=10)
    assert proc.returncode == -signal.SIGKILL
    stored_at_kill = stored_fulltexts()
    assert 2 <= len(stored_at_kill) < len(PMCIDS), stored_at_kill

    result = run_crawl(home, "europepmc", "--endpoint", server.url)
    assert result.returncode == 0, result.stderr
    assert result.report["resumed"] is True and result.report["status"] == "complete"
    counts = fulltext_requests(server)
    for key in stored_at_kill:  # nothing stored before the kill was fetched again
        assert counts[f"/{key.removeprefix('pmc:')}/fullTextXML"] == 1, counts
    assert set(counts) == {f"/{p}/fullTextXML" for p in PMCIDS}
    assert max(counts.values()) <= 2
    assert set(index_documents(home)) == GOOD  # every document once


def test_crossref_record_and_full_text_become_one_document(
    home: Path, server: ReplayServer
) -> None:
    server.rules.extend(europepmc_rules())
    server.rules.append(Rule("/works", [json_reply(fixture("crossref", "page1.json"))]))
    assert (
        run_crawl(home, "crossref", "--since", "2011-01-01", "--endpoint", server.url).returncode
        == 0
    )
    assert run_crawl(home, "europepmc", "--endpoint", server.url).returncode == 0
    doc = index_documents(home)["10.1039/c4ee02528b"]
    assert set(doc.sources) == {"crossref", "europepmc"}
    assert any("17 mS/cm" in p.text for p in doc.paragraphs)  # the richer full text kept


def test_gone_and_failing_full_texts(home: Path, server: ReplayServer) -> None:
    server.rules[:0] = [
        Rule("/PMC1003/fullTextXML", [Reply(404, b"not found")]),  # permanent: taken off
        Rule(
            "/PMC1005/fullTextXML",
            [Reply(500, b"oops")] * 3
            + [Reply(200, fixture("europepmc", "PMC1005.xml"), content_type="application/xml")],
        ),
    ]
    server.rules.extend(europepmc_rules())
    first = run_crawl(home, "europepmc", "--endpoint", server.url, MATMINE_RETRY_TIMES="2")
    assert first.returncode == 0, first.stderr
    assert first.report["status"] == "partial"  # PMC1005 gave up after 2 retries: resumable
    assert first.report["new"] == 3 and first.report["quarantined"] == 3
    assert fulltext_requests(server)["/PMC1005/fullTextXML"] == 3

    second = run_crawl(home, "europepmc", "--endpoint", server.url, MATMINE_RETRY_TIMES="2")
    assert second.report["resumed"] is True and second.report["status"] == "complete"
    counts = fulltext_requests(server)
    assert counts["/PMC1005/fullTextXML"] == 4 and counts["/PMC1003/fullTextXML"] == 1
    assert second.report["new"] == 1
    assert "10.1186/s40580-020-00231-1" in index_documents(home)
