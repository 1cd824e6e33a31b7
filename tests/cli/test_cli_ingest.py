"""The ingest / show / run commands, run as a user runs them (a subprocess)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path



def matmine(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "MATMINE_HOME": str(home), "MATMINE_INDEX": ""}
    return subprocess.run(
        [sys.executable, "-m", "matmine", *args],
        capture_output=True, text=True, env=env, timeout=300,
    )


def test_missing_path_is_one_line_and_non_zero(tmp_path: Path) -> None:
    result = matmine(tmp_path / "home", "ingest", str(tmp_path / "does-not-exist"))
    assert result.returncode != 0
    assert result.stderr.strip().splitlines() == [
        f"matmine: no such file or folder: {tmp_path / 'does-not-exist'}"
    ]
    assert "Traceback" not in result.stderr


def test_bad_option_is_one_line_and_non_zero(tmp_path: Path) -> None:
    result = matmine(tmp_path / "home", "ingest", "--workers", "many", str(tmp_path))
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_show_unknown_document_is_one_line_and_non_zero(tmp_path: Path) -> None:
    result = matmine(tmp_path / "home", "show", "US99999999B2")
    assert result.returncode != 0
    assert result.stderr.startswith("matmine: no document 'US99999999B2'")
    assert "Traceback" not in result.stderr


def test_ingest_then_show_by_any_spelling(shared_data: Path, tmp_path: Path) -> None:
    home = tmp_path / "home"
    result = matmine(home, "ingest", "--json", str(shared_data / "patents" / "uspto"),
                     str(shared_data / "papers" / "jats"))
    assert result.returncode == 0, result.stderr
    counts = json.loads(result.stdout.strip().splitlines()[-1])
    assert (counts["read"], counts["indexed"], counts["quarantined"]) == (11, 11, 0)
    for spelling in ("US08926509", "US8926509B2", "US 8,926,509 B2"):
        shown = matmine(home, "show", "--format", "json", spelling)
        assert shown.returncode == 0, shown.stderr
        assert json.loads(shown.stdout)["document"]["id"] == "US8926509B2"
    for spelling in ("10.7554/eLife.56337", "https://doi.org/10.7554/eLife.56337"):
        shown = matmine(home, "show", spelling)
        assert shown.returncode == 0, shown.stderr
        assert "KRAB-zinc finger protein gene expansion" in shown.stdout

