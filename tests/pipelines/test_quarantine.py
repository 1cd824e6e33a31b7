from __future__ import annotations

from pathlib import Path

from matmine.pipelines.quarantine import Quarantine


def test_quarantine_stores_bytes_once_and_logs_every_event(tmp_path: Path) -> None:
    q = Quarantine(tmp_path / "q")
    first = q.put("in/bad file.xml", "malformed XML at line 3", b"<a>")
    second = q.put("in/bad file.xml", "malformed XML at line 3", b"<a>")
    assert first.stored_as == second.stored_as
    assert first.stored_as.endswith("bad_file.xml")
    assert (tmp_path / "q" / first.stored_as).read_bytes() == b"<a>"
    stored = [p for p in (tmp_path / "q").iterdir() if p.name != "reasons.jsonl"]
    assert len(stored) == 1
    entries = q.entries()
    assert [e["reason"] for e in entries] == ["malformed XML at line 3"] * 2
    assert entries[0]["name"] == "in/bad file.xml"


def test_quarantine_without_bytes_logs_reason_only(tmp_path: Path) -> None:
    q = Quarantine(tmp_path / "q")
    entry = q.put("huge.zip", "archive has 9 members, more than the limit of 3")
    assert entry.stored_as is None
    assert q.entries()[0]["reason"].startswith("archive has 9 members")
