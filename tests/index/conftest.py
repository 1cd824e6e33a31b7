"""Makes the hand-built contract corpus (``index_corpus``) importable by the index and CLI tests."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
