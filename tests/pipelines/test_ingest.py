"""End-to-end ingestion on the real documents in ../shared/data."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from matmine.index import open_index
from matmine.pipelines.ingest import ingest
from matmine.settings import Settings


@pytest.fixture()
def settings(tmp_path: Path) -> Settings:
    return Settings(home=tmp_path / "home")


@pytest.fixture()
def real_corpus(shared_data: Path, tmp_path: Path) -> Path:
    """A copy of the 8 USPTO patents and 3 JATS papers in one folder."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    for path in [*(shared_data / "patents" / "uspto").glob("*.xml"),
                 *(shared_data / "papers" / "jats").glob("*.xml")]:
        shutil.copy(path, folder / path.name)
    return folder


def _table_counts(settings: Settings) -> dict[str, int]:
    connection = sqlite3.connect(settings.sqlite_path)
    try:
        names = [r[0] for r in connection.execute(
            "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE '%fts%' "
            "AND name NOT LIKE 'sqlite_%'")]
        return {n: connection.execute(f'SELECT count(*) FROM "{n}"').fetchone()[0] for n in names}
    finally:
        connection.close()


def test_real_documents_are_all_indexed(real_corpus: Path, settings: Settings) -> None:
    report = ingest([real_corpus], settings)
    assert (report.files, report.read, report.indexed, report.quarantined) == (11, 11, 11, 0)
    index = open_index(settings)
    try:
        assert index.count_documents() == 11
        kinds = sorted(index.get(i)[0].kind for i in ("US8926509B2", "10.7554/elife.56337"))
        assert kinds == ["paper", "patent"]
    finally:
        index.close()


def test_ingesting_twice_changes_nothing(real_corpus: Path, settings: Settings) -> None:
    first = ingest([real_corpus], settings)
    counts_after_first = _table_counts(settings)
    second = ingest([real_corpus], settings)
    assert first.indexed == 11
    assert (second.read, second.indexed, second.unchanged) == (11, 0, 11)
    assert _table_counts(settings) == counts_after_first


def test_bad_files_are_quarantined_and_the_rest_indexed(real_corpus: Path, settings: Settings) -> None:
    good = (real_corpus / "US08926509.xml").read_bytes()
    (real_corpus / "truncated.xml").write_bytes(good[: len(good) // 2])
    (real_corpus / "image.bin").write_bytes(bytes(range(256)) * 40)
    report = ingest([real_corpus], settings)
    assert report.indexed == 11
    assert report.quarantined == 2
    reasons = {Path(e.name).name: e.reason for e in report.quarantine_entries}
    assert set(reasons) == {"truncated.xml", "image.bin"}
    assert "XML" in reasons["truncated.xml"] or "xml" in reasons["truncated.xml"]
    assert "binary" in reasons["image.bin"]
    stored = sorted(p.name for p in settings.quarantine_dir.iterdir() if p.name != "reasons.jsonl")
    assert len(stored) == 2 and any(n.endswith("truncated.xml") for n in stored)
