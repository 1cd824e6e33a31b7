"""Watch lists, digests with a watermark, the assignee report, and their CLI commands."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from matmine.index import open_index
from matmine.pipelines.ingest import ingest
from matmine.settings import Settings
from matmine.tracking.assignee_report import assignee_report
from matmine.tracking.watch import (
    WatchListNotFoundError,
    digest,
    load_watch_list,
    make_watch_list,
    save_watch_list,
)

DEMO = Path(__file__).resolve().parents[2] / "corpus" / "demo"
NEW_NOTE = """ID: DEMO-T0099
Title: Chlorine-rich argyrodite note
Kind: paper
Authors: Test Author
Date: 2022-02-01
Journal: matmine Demonstration Notes

DEMONSTRATION DOCUMENT written for a matmine test; not a real publication.

Li5.4PS4.4Cl1.6 reached 10 mS/cm at 25 °C.
"""


@pytest.fixture(scope="session")
def demo_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo corpus ingested once; tests that add documents copy the home first."""
    home = tmp_path_factory.mktemp("watch") / "home"
    ingest([DEMO], Settings(home=home))
    return home


@pytest.fixture()
def settings(demo_copy: Path, tmp_path: Path) -> Settings:
    home = tmp_path / "home"
    shutil.copytree(demo_copy, home)
    return Settings(home=home)


def test_toyota_digest_then_empty_then_only_the_new_document(settings: Settings, tmp_path: Path):
    watch = save_watch_list(settings, make_watch_list("toyota", ["TOYOTA JIDOSHA KABUSHIKI KAISHA"]))
    assert watch.assignees == ("Toyota",) and watch.cpc == ("H01M10/0562",)
    with open_index(settings) as index:
        first = digest(index, watch)
        # Toyota patents in H01M10/0562 (P0001, P0002, P0004) and Toyota-affiliated papers (A0001, A0004)
        assert {e.document_id for e in first.entries} == {
            "DEMO-P0001", "DEMO-P0002", "DEMO-P0004", "DEMO-A0001", "DEMO-A0004"}
        assert list(first.groups) == ["Toyota"]
        assert first.watermark == date(2017, 5, 9)  # P0004 granted/published 2017-05-09
        p0001 = next(e for e in first.entries if e.document_id == "DEMO-P0001")
        assert any("Li10GeP2S12" in b and "conductivity" in b for b in p0001.best)
        assert digest(index, load_watch_list(settings, "toyota")).entries == []


def test_new_document_appears_alone(settings: Settings, tmp_path: Path):
    watch = save_watch_list(settings, make_watch_list("all", [], where='kind = "paper"'))
    assert load_watch_list(settings, "all").where == 'kind = "paper"'
    with open_index(settings) as index:
        assert len(digest(index, watch).entries) == 13  # 8 JATS + 5 text papers
        assert digest(index, watch).entries == []
    note = tmp_path / "DEMO-T0099.txt"
    note.write_text(NEW_NOTE, encoding="utf-8")
    assert ingest([note], settings).indexed == 1
    with open_index(settings) as index:
        third = digest(index, watch)
        assert [e.document_id for e in third.entries] == ["DEMO-T0099"]
        assert third.entries[0].late is False and third.watermark == date(2022, 2, 1)
        since = digest(index, watch, since=date(2021, 1, 1), commit=False)
        assert {e.document_id for e in since.entries} == {"DEMO-A0006", "DEMO-T0099"}


def test_unknown_watch_list(settings: Settings):
    with pytest.raises(WatchListNotFoundError):
        load_watch_list(settings, "nope")


def test_assignee_report_counts_patents_by_year_and_cpc(settings: Settings):
    with open_index(settings) as index:
        report = assignee_report(index, cpc="H01M10/0562")
    toyota = {(r.year, r.cpc): r.documents for r in report.rows if r.assignee == "Toyota"}
    # filed: P0001 2011-03-18, P0002 2013-01-31, P0004 2014-05-21
    assert toyota == {(2011, "H01M10/0562"): ("DEMO-P0001",), (2013, "H01M10/0562"): ("DEMO-P0002",),
                      (2014, "H01M10/0562"): ("DEMO-P0004",)}
    assert report.totals()["Toyota"] == 3
    with open_index(settings) as index:
        recent = assignee_report(index, cpc="H01M10/0562", since=date(2016, 1, 1))
    assert "Toyota" not in recent.totals()


def _cli(home: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "MATMINE_HOME": str(home)}
    env.pop("MATMINE_INDEX", None)
    return subprocess.run([sys.executable, "-m", "matmine", *args], capture_output=True, text=True, check=False,
                          env=env, timeout=60)


def _in_process(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture, home: Path,
                *args: str) -> tuple[int, str, str]:
    from matmine.cli import run_cli

    monkeypatch.setenv("MATMINE_HOME", str(home))
    monkeypatch.delenv("MATMINE_INDEX", raising=False)
    code = run_cli(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_watch_add_list_digest(settings: Settings, monkeypatch: pytest.MonkeyPatch,
                                   capsys: pytest.CaptureFixture):
    home = settings.home
    code, _, err = _in_process(monkeypatch, capsys, home, "watch", "add", "rivals", "--assignee",
                               "Idemitsu Kosan Co., Ltd.", "--assignee", "Hyundai Motor Company")
    assert code == 0, err
    _, listed, _ = _in_process(monkeypatch, capsys, home, "watch", "list", "--format", "json")
    assert json.loads(listed)[0]["assignees"] == ["Idemitsu", "Hyundai Motor"]
    _, first, _ = _in_process(monkeypatch, capsys, home, "digest", "rivals", "--format", "json")
    data = json.loads(first)
    assert set(data["groups"]) == {"Idemitsu", "Hyundai Motor"}
    ids = {e["id"] for group in data["groups"].values() for e in group}
    assert ids == {"DEMO-P0005", "DEMO-A0005", "DEMO-P0007"}
    code, again, _ = _in_process(monkeypatch, capsys, home, "digest", "rivals", "--format", "markdown")
    assert code == 0 and "0 new documents" in again
    _, report, _ = _in_process(monkeypatch, capsys, home, "assignees", "--cpc", "H01M10/0562",
                               "--format", "json")
    assert json.loads(report)["totals"]["Toyota"] == 3


def test_cli_user_errors_are_one_line(settings: Settings):
    home = settings.home
    unknown = _cli(home, "digest", "nope")
    assert unknown.returncode != 0 and unknown.stderr.startswith("matmine: no watch list 'nope'")
    assert len(unknown.stderr.strip().splitlines()) == 1
    bad_filter = _cli(home, "watch", "add", "x", "--where", "elements HAS")
    assert bad_filter.returncode != 0 and len(bad_filter.stderr.strip().splitlines()) == 1
    bad_date = _cli(home, "digest", "nope", "--since", "yesterday")
    assert bad_date.returncode != 0 and "--since" in bad_date.stderr
    assert len(bad_date.stderr.strip().splitlines()) == 1
