"""Shared fixtures.

``../shared/data`` (real documents and gold files) is present in CI and on the
developers' machines, absent in a user's fresh clone: tests that need it use the
``shared_data`` fixture, which skips with a reason when it is missing.
"""

from __future__ import annotations

from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent
SHARED_DATA = REPO_ROOT.parent / "shared" / "data"
DEMO_CORPUS = REPO_ROOT / "corpus" / "demo"


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """Path to ../shared/data; skips the test when it is absent."""
    if not SHARED_DATA.is_dir():
        pytest.skip(f"shared data not found at {SHARED_DATA} (only present in CI and dev checkouts)")
    return SHARED_DATA


@pytest.fixture()
def matmine_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh MATMINE_HOME for one test, with the embedded index."""
    home = tmp_path / "matmine-data"
    monkeypatch.setenv("MATMINE_HOME", str(home))
    monkeypatch.delenv("MATMINE_INDEX", raising=False)
    monkeypatch.delenv("MATMINE_SOURCES_CONFIG", raising=False)
    return home
