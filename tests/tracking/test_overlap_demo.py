"""Compositions of demo papers inside demo patent claims (expected values read from the demo files)."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from matmine.errors import DocumentNotFoundError
from matmine.index import open_index
from matmine.pipelines.ingest import ingest
from matmine.settings import Settings
from matmine.tracking.overlap import composition_overlaps

DEMO = Path(__file__).resolve().parents[2] / "corpus" / "demo"


@pytest.fixture(scope="session")
def overlap_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    home = tmp_path_factory.mktemp("overlap") / "home"
    ingest([DEMO], Settings(home=home))
    return home


@pytest.fixture()
def index(overlap_home: Path):
    with open_index(Settings(home=overlap_home)) as ix:
        yield ix


def test_mit_samsung_paper_overlaps_toyota_and_samsung_claims(index):
    found = composition_overlaps(index, "DEMO-A0002")
    si = {(o.other_id, o.claim): o for o in found if o.composition == "Li10SiP2S12"}
    toyota = si[("DEMO-P0002", 1)]
    assert toyota.independent and toyota.claim_formula == "Li10+xM1+xP2−xS12"
    assert toyota.assignees[:1] == ("Toyota",)
    assert toyota.other_date == date(2012, 2, 6) and toyota.date == date(2012, 10, 26)
    assert toyota.first == "other"  # the application's priority precedes the paper
    assert toyota.sentence and toyota.part_id  # where the paper says it
    assert ("DEMO-P0002", 2) in si and ("DEMO-P0002", 3) not in si  # claim 3 is M = Sn
    assert ("DEMO-P0003", 1) in si  # y = 0, δ = 0
    sn = {(o.other_id, o.claim) for o in found if o.composition == "Li10SnP2S12"}
    assert ("DEMO-P0002", 3) in sn and not any(d == "DEMO-P0003" for d, _ in sn)  # 0 ≤ y < 1


def test_argyrodite_review_overlaps_idemitsu_and_hyundai(index):
    found = composition_overlaps(index, "DEMO-A0006")
    hits = {(o.composition, o.other_id, o.claim, o.independent) for o in found}
    assert ("Li5.5PS4.5Cl1.5", "DEMO-P0005", 4, False) in hits
    assert ("Li5.5PS4.5Cl1.5", "DEMO-P0007", 1, True) in hits
    assert not any(c == "Li6PS5Cl" for c, *_ in hits)  # a = y = 1 is outside both ranges


def test_a_document_without_claimed_compositions_in_range_has_no_overlaps(index):
    # LiPON / Li3PS4 glass note: nothing in the demo claims covers those
    assert composition_overlaps(index, "DEMO-T0004") == []


def test_unknown_document_is_a_user_error(index):
    with pytest.raises(DocumentNotFoundError):
        composition_overlaps(index, "DEMO-NOPE")


def test_cli_overlaps_and_unknown_document(overlap_home):
    env = {**os.environ, "MATMINE_HOME": str(overlap_home)}
    ok = subprocess.run([sys.executable, "-m", "matmine", "overlaps", "DEMO-A0006", "--format", "json"],
                        capture_output=True, text=True, check=False, env=env, timeout=60)
    assert ok.returncode == 0, ok.stderr
    assert '"DEMO-P0007"' in ok.stdout
    bad = subprocess.run([sys.executable, "-m", "matmine", "overlaps", "DEMO-NOPE"],
                         capture_output=True, text=True, check=False, env=env, timeout=60)
    assert bad.returncode != 0
    assert bad.stderr.strip() == "matmine: no document 'DEMO-NOPE' in the index"
