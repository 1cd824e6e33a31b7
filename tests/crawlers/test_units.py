"""Unit tests of the crawl building blocks (no Scrapy, no server)."""

from __future__ import annotations

from email.utils import formatdate
from pathlib import Path

from matmine.crawlers.formats.crossref import strip_jats
from matmine.crawlers.formats.epo_ops import parse_claims
from matmine.crawlers.formats.reader import classes_of, matches_filter
from matmine.crawlers.middlewares import crossref_interval, epo_interval, retry_after_seconds
from matmine.crawlers.rawstore import RawStore
from matmine.crawlers.state import CrawlState, LedgerEntry
from matmine.crawlers.uspto import weekly_files
from matmine.models import Document
from matmine.pipelines.crawl import merge_documents


def test_retry_after_in_seconds_and_as_http_date() -> None:
    assert retry_after_seconds(b"3") == 3.0
    assert retry_after_seconds(None) is None and retry_after_seconds(b"soon") is None
    now = 1_700_000_000.0
    assert 9.0 <= retry_after_seconds(formatdate(now + 10, usegmt=True), now=now) <= 10.0


def test_rate_limit_headers() -> None:
    assert crossref_interval(b"50", b"1s") == 0.02
    header = b"busy (images=green:200, retrieval=yellow:100, search=green:30)"
    assert epo_interval(header, "search") == 2.0
    assert epo_interval(header, "retrieval") == 1.2  # yellow doubles 60/100
    assert epo_interval(b"idle (search=black:0)", "search") == float("inf")
    assert epo_interval(b"overloaded (search=green:60)", "search") == 2.0


def test_jats_fragment_keeps_sub_and_sup_text() -> None:
    fragment = (
        "<jats:title>Abstract</jats:title><jats:p>Li<jats:sub>6</jats:sub>PS<jats:sub>5</jats:sub>Cl"
        " reaches 10<jats:sup>−3</jats:sup> S cm<jats:sup>−1</jats:sup>.</jats:p>"
    )
    assert strip_jats(fragment) == "Li6PS5Cl reaches 10−3 S cm−1."
    assert strip_jats("<jats:p>broken <jats:sub>3</jats:p>") == "broken 3"


def test_claim_dependencies() -> None:
    from lxml import etree

    root = etree.fromstring(
        b"<claims><claim><claim-text>1. A material.</claim-text>"
        b"<claim-text>2. The material of claim 1.</claim-text>"
        b"<claim-text>3. A battery with the material of any one of claims 1 to 2.</claim-text>"
        b"</claim></claims>"
    )
    assert [(c.number, c.depends_on) for c in parse_claims(root)] == [
        (1, ()),
        (2, (1,)),
        (3, (1, 2)),
    ]


def test_cpc_prefilter_on_raw_uspto_xml() -> None:
    chunk = (
        b"<us-patent-grant><classification-cpc><cpc-version-indicator><date>20130101</date>"
        b"</cpc-version-indicator><section>H</section><class>01</class><subclass>M</subclass>"
        b"<main-group>10</main-group><subgroup>0562</subgroup></classification-cpc>"
        b"<abstract>A sulfide solid electrolyte</abstract></us-patent-grant>"
    )
    assert classes_of(chunk) == {"H01M10/0562"}
    assert matches_filter(chunk, ["H01M10/056"], [])
    assert not matches_filter(chunk, ["C01B25/14"], [])
    assert matches_filter(chunk, [], ["SULFIDE"]) and not matches_filter(chunk, [], ["garnet"])


def test_weekly_file_names() -> None:
    from datetime import date

    names = [name for _, _, name in weekly_files(date(2024, 1, 1), date(2024, 1, 7))]
    assert names == ["ipg240102.zip", "ipa240104.zip"]


def test_raw_store_is_content_addressed(tmp_path: Path) -> None:
    store = RawStore(tmp_path)
    key = store.put(b"<xml>bytes as fetched</xml>")
    assert store.put(b"<xml>bytes as fetched</xml>") == key
    assert store.get(key) == b"<xml>bytes as fetched</xml>"
    assert len(list(tmp_path.rglob("*.zst"))) == 1


def test_state_resumes_unfinished_runs_and_moves_watermark(tmp_path: Path) -> None:
    state = CrawlState(tmp_path / "state.sqlite")
    run = state.open_run("arxiv", {"since": "2024-01-01"})
    state.commit_step(
        run,
        cursor={"token": "t1"},
        watermark="2024-01-03",
        add_pending=[{"key": "pmc:1", "url": "u", "callback": "c"}],
        ledger=LedgerEntry("arxiv", "page:1", "u", {"body": "k"}, ["a"], "arxiv-oai", "p", "now"),
    )
    again = state.open_run("arxiv", {"since": "2024-01-01"})
    assert again.id == run.id and again.resumed and again.cursor == {"token": "t1"}
    assert state.pending(again)[0]["key"] == "pmc:1" and state.has("arxiv", "page:1")
    assert state.watermark("arxiv") is None  # only a complete run moves it
    state.finish_run(again, "complete", {})
    assert state.watermark("arxiv") == "2024-01-03"
    assert state.open_run("arxiv", {"since": "2024-01-01"}).id != run.id


def test_merge_keeps_the_richer_copy_and_both_sources() -> None:
    crossref = Document(
        id="10.1/x",
        kind="paper",
        title="T",
        abstract="short",
        source="crossref",
        sources=("crossref",),
    ).with_content_hash()
    full = Document(
        id="10.1/x",
        kind="paper",
        title="T",
        abstract="a much longer abstract",
        source="europepmc",
        alternate_ids=("PMC1",),
    ).with_content_hash()
    merged = merge_documents(crossref, full, "10.1/x")
    assert merged.abstract == "a much longer abstract"
    assert merged.sources == ("crossref", "europepmc") and merged.alternate_ids == ("PMC1",)
    assert merged.content_hash != full.content_hash  # noting a new source is a change
    assert merge_documents(merged, full, "10.1/x").content_hash == merged.content_hash


def test_one_crawl_per_source_at_a_time(tmp_path: Path) -> None:
    import pytest

    from matmine.crawlers.runner import source_lock
    from matmine.errors import CrawlError
    from matmine.settings import Settings

    settings = Settings(home=tmp_path)
    with source_lock(settings, "arxiv"):
        with (
            pytest.raises(CrawlError, match="another crawl of arxiv is running"),
            source_lock(settings, "arxiv"),
        ):
            pass
        with source_lock(settings, "crossref"):
            pass
    with source_lock(settings, "arxiv"):
        pass
