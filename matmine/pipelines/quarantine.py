"""The quarantine: where inputs that could not be read go, with their reason.

Each quarantined input is stored once, content-addressed
(``<sha256[:16]>-<safe name>``), next to a ``reasons.jsonl`` log with one line
per quarantine event.  Nothing is ever silently dropped.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


@dataclass(frozen=True)
class QuarantineEntry:
    name: str
    reason: str
    stored_as: str | None


class Quarantine:
    """A folder of unreadable inputs plus a log of why."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    @property
    def log_path(self) -> Path:
        return self.folder / "reasons.jsonl"

    def put(self, name: str, reason: str, data: bytes | None = None) -> QuarantineEntry:
        """Store ``data`` (if any) and log ``reason``; returns what was written."""
        self.folder.mkdir(parents=True, exist_ok=True)
        stored_as = None
        if data is not None:
            digest = hashlib.sha256(data).hexdigest()[:16]
            safe = _UNSAFE.sub("_", Path(name.replace("!", "/")).name)[-80:] or "input"
            target = self.folder / f"{digest}-{safe}"
            if not target.exists():
                target.write_bytes(data)
            stored_as = target.name
        entry = {
            "time": datetime.now(timezone.utc).isoformat(timespec="seconds"),
            "name": name,
            "reason": reason,
            "stored_as": stored_as,
        }
        with self.log_path.open("a", encoding="utf-8") as log:
            log.write(json.dumps(entry, ensure_ascii=False) + "\n")
        return QuarantineEntry(name=name, reason=reason, stored_as=stored_as)

    def entries(self) -> list[dict]:
        """Every logged quarantine event, oldest first."""
        if not self.log_path.exists():
            return []
        with self.log_path.open(encoding="utf-8") as log:
            return [json.loads(line) for line in log if line.strip()]
