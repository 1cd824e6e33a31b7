"""Fixtures of the crawler tests; the helpers live in ``crawl_helpers``."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from crawl_helpers import ReplayServer


@pytest.fixture()
def home(tmp_path: Path) -> Path:
    return tmp_path / "matmine-data"


@pytest.fixture()
def server() -> Iterator[ReplayServer]:
    replay = ReplayServer([]).start()
    try:
        yield replay
    finally:
        replay.stop()
