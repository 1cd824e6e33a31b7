"""``matmine crawl`` / ``--status`` / ``reparse`` through the real CLI, and the files source."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from crawl_helpers import REPO_ROOT, Rule, crawl_env, fixture, index_documents, xml

from matmine.cli import main
from matmine.crawlers.replay import ReplayServer


def matmine(home: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "matmine", *args],
        env=crawl_env(home, **env),
        capture_output=True,
        text=True,
        timeout=60,
        cwd=REPO_ROOT,
        check=False,
    )


def in_process(
    args: list[str], home: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> tuple[str, str]:
    """Run a command that starts no reactor (status, reparse, files) in this process."""
    for name, value in crawl_env(home).items():
        if name.startswith("MATMINE_"):
            monkeypatch.setenv(name, value)
    capsys.readouterr()
    try:
        main(args)
    except SystemExit as exit_info:
        assert exit_info.code in (0, None)
    captured = capsys.readouterr()
    return captured.out, captured.err


def test_crawl_status_and_reparse(
    home: Path,
    server: ReplayServer,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    server.rules.append(Rule("/oai2", [xml(fixture("arxiv", "page3.xml"))]))
    crawled = matmine(
        home, "crawl", "arxiv", "--since", "2024-01-01", "--endpoint", f"{server.url}/oai2"
    )
    assert crawled.returncode == 0, crawled.stderr
    assert "arxiv: complete; fetched 2 responses" in crawled.stdout  # robots.txt + one page
    assert "1 new" in crawled.stdout

    status, _ = in_process(["crawl", "--status"], home, monkeypatch, capsys)
    assert "arxiv" in status and "2024-01-05" in status and "complete" in status

    raw_files = list((home / "raw").rglob("*.zst"))
    assert len(raw_files) == 1  # the page, compressed and content-addressed
    server.log.clear()
    reparsed, _ = in_process(["reparse", "--json"], home, monkeypatch, capsys)
    counts = json.loads(reparsed)
    assert counts["read"] == 1 and counts["unchanged"] == 1
    assert not server.log  # no network

    for spelling in ("2401.00031", "arXiv:2401.00031v1", "https://arxiv.org/abs/2401.00031"):
        shown, _ = in_process(["show", spelling, "--format", "json"], home, monkeypatch, capsys)
        assert json.loads(shown)["document"]["id"] == "arXiv:2401.00031"


def test_bad_source_is_a_one_line_error(home: Path) -> None:
    bad = matmine(home, "crawl", "pubmed")
    assert bad.returncode == 2
    assert bad.stderr.strip().splitlines() == [
        (
            "matmine: unknown source 'pubmed'; choose from arxiv, crossref, europepmc, uspto, "
            "uspto-search, epo, files"
        )
    ]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["arxiv", "--since", "last week"], "--since must be a date like 2024-01-31"),
        (["arxiv", "--endpoint", "ftp://mirror"], "--endpoint must be an http(s):// or file: URL"),
        (["arxiv", "--since", "2024-02-01", "--until", "2024-01-01"], "--since is after --until"),
        (["files"], "crawl files needs at least one --path"),
    ],
)
def test_bad_options_are_one_line_errors(
    args: list[str], message: str, matmine_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit_info:  # in-process: fails before any reactor starts
        main(["crawl", *args])
    assert exit_info.value.code == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and message in err[0]


def test_files_source_skips_what_it_has(
    home: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    folder = tmp_path / "papers"
    folder.mkdir()
    for name in ("PMC1001.xml", "PMC1002.xml", "PMC1004.xml"):
        (folder / name).write_bytes(fixture("europepmc", name))
    args = ["crawl", "files", "--path", str(folder), "--json"]
    report = json.loads(in_process(args, home, monkeypatch, capsys)[0])
    assert report["new"] == 2 and report["quarantined"] == 1
    second = json.loads(in_process(args, home, monkeypatch, capsys)[0])
    # every file is in the ledger, the quarantined one too (reparse retries it)
    assert second["skipped"] == 3 and second["new"] == 0
    assert len(index_documents(home)) == 2


def test_matmine_run_crawls_a_configured_source(
    home: Path, server: ReplayServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from matmine.pipelines.run import run
    from matmine.settings import Settings

    server.rules.append(Rule("/oai2", [xml(fixture("arxiv", "page3.xml"))]))
    config = tmp_path / "matmine.toml"
    config.write_text(
        '[[sources]]\ntype = "crawl"\nsource = "arxiv"\n'
        f'since = "2024-01-01"\nendpoint = "{server.url}/oai2"\n'
    )
    for name, value in crawl_env(home).items():
        monkeypatch.setenv(name, value)
    [(spec, report)] = run(Settings(home=home), config)
    assert spec.source == "arxiv" and report.indexed == 1
    assert "arXiv:2401.00031" in index_documents(home)
