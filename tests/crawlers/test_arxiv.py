"""arXiv OAI-PMH crawl against the replay server: paging, retries, quarantine, increments."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from crawl_helpers import Reply, Rule, fixture, index_documents, run_crawl, xml

from matmine.crawlers.replay import ReplayServer


def arxiv_rules(first_page_from: str = "2024-01-01") -> list[Rule]:
    return [
        Rule(
            "/oai2",
            [xml(fixture("arxiv", "page1.xml"))],
            query={"verb": "ListRecords", "metadataPrefix": "arXiv", "from": first_page_from},
        ),
        # 503 with Retry-After, then the page
        Rule(
            "/oai2",
            [xml(b"", 503, **{"Retry-After": "1"}), xml(fixture("arxiv", "page2.xml"))],
            query={"resumptionToken": "6960524|1001"},
        ),
        # 500, then the page (backoff without Retry-After)
        Rule(
            "/oai2",
            [xml(b"<error/>", 500), xml(fixture("arxiv", "page3.xml"))],
            query={"resumptionToken": "6960524|2001"},
        ),
    ]


def test_multi_page_crawl_retries_quarantine_and_increment(
    home: Path, server: ReplayServer
) -> None:
    server.rules.extend(arxiv_rules())
    result = run_crawl(home, "arxiv", "--since", "2024-01-01", "--endpoint", f"{server.url}/oai2")
    assert result.returncode == 0, result.stderr
    report = result.report
    assert report["status"] == "complete"
    assert report["new"] == 4 and report["quarantined"] == 1  # the record without a title
    assert report["watermark"] == "2024-01-05"

    docs = index_documents(home)
    assert set(docs) == {
        "arXiv:2401.00011",
        "arXiv:2401.00012",
        "arXiv:2401.00021",
        "arXiv:2401.00031",
    }
    lgps = docs["arXiv:2401.00011"]
    assert lgps.kind == "paper"
    assert lgps.title == "Superionic conduction in Li10GeP2S12 analogues"
    assert "12 mS/cm at 27 C" in lgps.abstract
    assert lgps.dates.published == date(2024, 1, 2)
    assert lgps.alternate_ids == ("10.1038/nmat3066",)
    assert lgps.url == "https://arxiv.org/abs/2401.00011"
    assert lgps.people[0].affiliations == ("Tokyo Institute of Technology",)

    page2 = [r for r in server.log if "6960524%7C1001" in r.target]
    assert [r.status for r in page2] == [503, 200]
    assert page2[1].time - page2[0].time >= 0.95  # Retry-After: 1 honoured
    page3 = [r for r in server.log if "6960524%7C2001" in r.target]
    assert [r.status for r in page3] == [500, 200]
    user_agent = server.log[-1].headers["user-agent"]
    assert "mailto:" in user_agent

    # a second run with updated fixtures asks only for what is newer
    server.log.clear()
    server.rules[:] = [
        Rule(
            "/oai2",
            [xml(fixture("arxiv", "incremental.xml"))],
            query={"verb": "ListRecords", "from": "2024-01-05"},
        )
    ]
    second = run_crawl(home, "arxiv", "--endpoint", f"{server.url}/oai2")
    assert second.returncode == 0, second.stderr
    listing = [r for r in server.log if r.path == "/oai2"]
    assert len(listing) == 1 and listing[0].query["from"] == ["2024-01-05"]
    assert second.report["new"] == 1 and second.report["unchanged"] == 1
    assert second.report["watermark"] == "2024-01-09"
    assert "arXiv:2401.00041" in index_documents(home)


def test_malformed_page_is_quarantined_and_the_crawl_ends(home: Path, server: ReplayServer) -> None:
    server.rules.append(Rule("/oai2", [xml(fixture("arxiv", "malformed.xml"))]))
    result = run_crawl(home, "arxiv", "--since", "2024-01-01", "--endpoint", f"{server.url}/oai2")
    assert result.returncode == 0, result.stderr
    assert result.report["status"] == "failed"
    assert result.report["quarantined"] == 1
    reasons = (home / "quarantine" / "reasons.jsonl").read_text()
    assert "not well-formed XML" in reasons


def test_max_stops_requesting_more_pages(home: Path, server: ReplayServer) -> None:
    server.rules.extend(arxiv_rules())
    result = run_crawl(
        home, "arxiv", "--since", "2024-01-01", "--max", "2", "--endpoint", f"{server.url}/oai2"
    )
    assert result.report["status"] == "partial" and result.report["new"] == 2
    # the next run with the same parameters resumes from the stored cursor
    again = run_crawl(home, "arxiv", "--since", "2024-01-01", "--endpoint", f"{server.url}/oai2")
    assert again.report["resumed"] is True and again.report["status"] == "complete"
    assert len([r for r in server.log if "from=2024-01-01" in r.target]) == 1
    assert len(index_documents(home)) == 4


def test_robots_txt_is_obeyed(home: Path, server: ReplayServer) -> None:
    server.rules.append(
        Rule(
            "/robots.txt",
            [Reply(200, b"User-agent: *\nDisallow: /oai2\n", content_type="text/plain")],
        )
    )
    server.rules.extend(arxiv_rules())
    result = run_crawl(home, "arxiv", "--since", "2024-01-01", "--endpoint", f"{server.url}/oai2")
    assert result.returncode == 0, result.stderr
    assert [r.path for r in server.log] == ["/robots.txt"]
    assert result.report["status"] == "partial" and result.report["quarantined"] == 1
    assert "robots.txt" in (home / "quarantine" / "reasons.jsonl").read_text()
