"""First-disclosure timelines on the demo corpus (expected values read from corpus/demo/README.md
and the XML files, not from the code's output)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from matmine.index import open_index
from matmine.pipelines.ingest import ingest
from matmine.settings import Settings
from matmine.tracking.timeline import TargetError, first_disclosures, parse_target

DEMO = Path(__file__).resolve().parents[2] / "corpus" / "demo"


@pytest.fixture(scope="session")
def demo_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    home = tmp_path_factory.mktemp("timeline") / "home"
    report = ingest([DEMO], Settings(home=home))
    assert report.indexed == 22 and report.quarantined == 0
    return home


@pytest.fixture()
def index(demo_home: Path):
    with open_index(Settings(home=demo_home)) as ix:
        yield ix


def test_li10sip2s12_first_by_priority_is_toyota_first_public_is_mit_samsung(index):
    timeline = first_disclosures(index, "Li10SiP2S12")
    by_id = {e.document_id: e for e in timeline.entries}
    toyota, paper = by_id["DEMO-P0002"], by_id["DEMO-A0002"]
    assert (toyota.date, toyota.date_kind) == (date(2012, 2, 6), "priority")
    assert (toyota.public, toyota.public_kind) == (date(2013, 8, 15), "published")
    assert {"Toyota", "Tokyo Institute of Technology"} <= set(toyota.organisations)
    assert (paper.date, paper.date_kind) == (date(2012, 10, 26), "online")
    assert {"MIT", "Samsung Electronics"} <= set(paper.organisations)
    assert timeline.first_by_priority.document_id == "DEMO-P0002"
    assert timeline.first_public.document_id == "DEMO-A0002"


def test_timeline_is_sorted_and_includes_the_samsung_mit_application(index):
    timeline = first_disclosures(index, "Li10SiP2S12")
    ids = [e.document_id for e in timeline.entries]
    # P0002 (priority 2012-02-06) < P0003 (priority 2012-10-19) < A0002 (online 2012-10-26)
    assert ids.index("DEMO-P0002") < ids.index("DEMO-P0003") < ids.index("DEMO-A0002")
    assert "DEMO-T0005" in ids  # Whiteley et al. 2.3 mS/cm, 2020
    assert "DEMO-P0001" not in ids  # the LGPS patent claims Ge compositions only
    dates = [e.date for e in timeline.entries]
    assert dates == sorted(dates)


def test_claims_covering_the_si_analogue_are_named_with_number_and_independence(index):
    entry = {e.document_id: e for e in first_disclosures(index, "Li10SiP2S12").entries}["DEMO-P0002"]
    claims = {d.claim: d for d in entry.disclosures if d.how == "claim"}
    assert claims[1].independent is True and claims[1].part_id == "claim:1"
    assert claims[2].independent is False and "M = Si" in claims[2].detail
    assert 3 not in claims  # claim 3: M is Sn
    samsung = {e.document_id: e for e in first_disclosures(index, "Li10SiP2S12").entries}["DEMO-P0003"]
    assert {d.claim for d in samsung.disclosures if d.how == "claim"} >= {1, 2}


def test_records_keep_their_provenance(index):
    paper = {e.document_id: e for e in first_disclosures(index, "Li10SiP2S12").entries}["DEMO-A0002"]
    records = [d for d in paper.disclosures if d.how == "record"]
    assert any(d.part_id.startswith("table:") for d in records)
    assert any("Li10SiP2S12" in d.sentence for d in records if d.part_id == "abstract")


def test_argyrodite_timeline_excludes_claims_outside_the_range(index):
    timeline = first_disclosures(index, "Li5.5PS4.5Cl1.5")
    by_id = {e.document_id: e for e in timeline.entries}
    # Idemitsu claim 4 (Li7−aPS6−aXa, 1.2<a≤1.8) and Hyundai claim 1 (1.2≤y≤1.6) cover a = y = 1.5
    assert 4 in {d.claim for d in by_id["DEMO-P0005"].disclosures}
    assert 1 in {d.claim for d in by_id["DEMO-P0007"].disclosures}
    assert timeline.first_by_priority.document_id == "DEMO-P0005"
    li6ps5cl = first_disclosures(index, "Li6PS5Cl")  # a = 1 is outside both claimed ranges
    assert not [d for e in li6ps5cl.entries for d in e.disclosures if d.how == "claim"]


def test_chemical_system_and_filter_targets(index):
    chemsys = first_disclosures(index, "Ge-Li-P-S")
    assert chemsys.first_by_priority.document_id == "DEMO-P0001"  # LGPS priority 2010-03-26
    by_filter = first_disclosures(index, 'formula = "Li10GeP2S12"', where='kind = "paper"')
    assert by_filter.entries and all(e.kind == "paper" for e in by_filter.entries)
    assert by_filter.first_by_priority.document_id == "DEMO-A0001"  # online 2011-07-31


def test_bad_targets_are_user_errors():
    with pytest.raises(TargetError):
        parse_target("Li2Xq3")
    with pytest.raises(TargetError):
        parse_target("Qq-Li")


def _cli(home: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "MATMINE_HOME": str(home)}
    env.pop("MATMINE_INDEX", None)
    return subprocess.run([sys.executable, "-m", "matmine", *args], capture_output=True, text=True, check=False,
                          env=env, timeout=60)


def test_cli_timeline_json_and_table(demo_home):
    done = _cli(demo_home, "timeline", "Li10SiP2S12", "--format", "json")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["first_by_priority"] == "DEMO-P0002" and data["first_public"] == "DEMO-A0002"


def test_cli_timeline_table_in_process(demo_home, monkeypatch, capsys):
    from matmine.cli import run_cli

    monkeypatch.setenv("MATMINE_HOME", str(demo_home))
    assert run_cli(["timeline", "Li10SiP2S12"]) == 0
    out = capsys.readouterr().out
    assert "First by priority: DEMO-P0002" in out and "First public: DEMO-A0002" in out


def test_cli_timeline_bad_formula_is_one_line(demo_home):
    done = _cli(demo_home, "timeline", "Li2Xq3")
    assert done.returncode != 0
    assert done.stderr.startswith("matmine: ") and len(done.stderr.strip().splitlines()) == 1
