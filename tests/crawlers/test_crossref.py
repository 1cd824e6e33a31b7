"""Crossref /works crawl: cursor paging, rate-limit headers, JATS abstracts, cross-source merge."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

from crawl_helpers import Rule, fixture, index_documents, json_reply, run_crawl, xml

from matmine.crawlers.replay import ReplayServer

RATE = {"x-rate-limit-limit": "5", "x-rate-limit-interval": "1s"}  # 0.2 s apart


def crossref_rules() -> list[Rule]:
    return [
        Rule(
            "/works", [json_reply(fixture("crossref", "page1.json"), **RATE)], query={"cursor": "*"}
        ),
        Rule(
            "/works",
            [
                json_reply(b'{"status":"error"}', 429, **{"Retry-After": "1"}),
                json_reply(fixture("crossref", "page2.json"), **RATE),
            ],
            query={"cursor": "DnF1ZXJ5VGhlbkZldGNoBgAAAAAB"},
        ),
        Rule(
            "/works",
            [json_reply(fixture("crossref", "page3.json"), **RATE)],
            query={"cursor": "DnF1ZXJ5VGhlbkZldGNoBgAAAAAC"},
        ),
    ]


def test_cursor_paging_then_incremental_run(home: Path, server: ReplayServer) -> None:
    server.rules.extend(crossref_rules())
    result = run_crawl(
        home,
        "crossref",
        "--query",
        "solid electrolyte",
        "--since",
        "2011-01-01",
        "--endpoint",
        server.url,
    )
    assert result.returncode == 0, result.stderr
    assert result.report["status"] == "complete"
    assert result.report["new"] == 4 and result.report["quarantined"] == 1  # the work without a DOI
    assert result.report["watermark"] == "2024-01-04"
    docs = index_documents(home)
    assert set(docs) == {
        "10.1038/nmat3066",
        "10.1039/c4ee02528b",
        "10.1149/2.0121506jes",
        "10.1021/acs.chemmater.6b00610",
    }
    lgps = docs["10.1038/nmat3066"]
    assert lgps.abstract.startswith("Batteries are a key technology. We report Li10GeP2S12")
    assert "<jats" not in lgps.abstract and "Abstract" not in lgps.abstract
    assert str(lgps.dates.published) == "2011-07-31"
    assert lgps.journal == "Nature Materials"
    assert docs["10.1021/acs.chemmater.6b00610"].journal == "Energy & Environmental Science"

    first = server.log[1]
    assert first.query["filter"] == ["type:journal-article,from-pub-date:2011-01-01"]
    assert first.query["query"] == ["solid electrolyte"] and first.query["mailto"]
    page2 = [r for r in server.log if r.query.get("cursor") == ["DnF1ZXJ5VGhlbkZldGNoBgAAAAAB"]]
    assert [r.status for r in page2] == [429, 200]
    assert page2[1].time - page2[0].time >= 0.95
    # x-rate-limit-limit 5 per 1s: no two API calls closer than 0.2 s
    works = [r.time for r in server.log if r.path == "/works"]
    assert min(b - a for a, b in pairwise(works)) >= 0.19

    # a second run with updated fixtures asks only for what is newer
    server.log.clear()
    server.rules[:] = [
        Rule("/works", [json_reply(fixture("crossref", "incremental.json"))], query={"cursor": "*"})
    ]
    second = run_crawl(home, "crossref", "--query", "solid electrolyte", "--endpoint", server.url)
    assert second.returncode == 0, second.stderr
    works = [r for r in server.log if r.path == "/works"]
    assert works[0].query["filter"] == ["type:journal-article,from-index-date:2024-01-04"]
    assert second.report["new"] == 1 and second.report["unchanged"] == 1
    assert "10.1038/s41560-023-01234-5" in index_documents(home)


def test_same_paper_from_arxiv_and_crossref_is_one_document(
    home: Path, server: ReplayServer
) -> None:
    server.rules.extend(crossref_rules())
    server.rules.append(
        Rule(
            "/oai2",
            [
                xml(
                    fixture("arxiv", "page3.xml")
                    .replace(b"2401.00031", b"2401.00011")
                    .replace(b"<license>", b"<doi>10.1038/nmat3066</doi><license>")
                )
            ],
        )
    )
    assert (
        run_crawl(
            home, "arxiv", "--since", "2024-01-01", "--endpoint", f"{server.url}/oai2"
        ).returncode
        == 0
    )
    assert (
        run_crawl(home, "crossref", "--since", "2011-01-01", "--endpoint", server.url).returncode
        == 0
    )
    docs = index_documents(home)
    assert "10.1038/nmat3066" not in docs  # merged into the arXiv record
    merged = docs["arXiv:2401.00011"]
    assert set(merged.sources) == {"arxiv", "crossref"}
    assert "10.1038/nmat3066" in merged.alternate_ids
    assert len(docs) == 4
