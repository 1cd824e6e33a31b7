"""The raw store: every response body exactly as fetched, compressed, content-addressed.

Bodies live under ``MATMINE_HOME/raw/<sha[:2]>/<sha>.zst`` (zstd; the key is the
SHA-256 of the *uncompressed* bytes), so storing the same bytes twice is a
no-op and ``matmine reparse`` can re-read everything with a newer reader without
touching the network.

>>> store = RawStore(Path("/tmp/mm-raw"))                 # doctest: +SKIP
>>> key = store.put(b"<xml/>"); store.get(key)            # doctest: +SKIP
b'<xml/>'
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

try:  # Python 3.14+
    from compression import zstd  # type: ignore[import-not-found]
except ImportError:  # pragma: no cover - depends on the interpreter
    from backports import zstd  # type: ignore[no-redef]

from matmine.settings import Settings


class RawStore:
    """Content-addressed, zstd-compressed bytes on disk."""

    suffix = ".zst"

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    @classmethod
    def open(cls, settings: Settings) -> RawStore:
        return cls(settings.raw_store_dir)

    def path_for(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}{self.suffix}"

    def put(self, data: bytes) -> str:
        """Store ``data`` (atomically: write to a temp file, then rename); return its key."""
        key = hashlib.sha256(data).hexdigest()
        target = self.path_for(key)
        if target.exists():
            return key
        target.parent.mkdir(parents=True, exist_ok=True)
        temp = target.with_suffix(f".tmp{os.getpid()}")
        temp.write_bytes(zstd.compress(data))
        os.replace(temp, target)
        return key

    def get(self, key: str) -> bytes:
        data = zstd.decompress(self.path_for(key).read_bytes())
        if hashlib.sha256(data).hexdigest() != key:
            raise ValueError(f"raw store entry {key} is corrupt")
        return data

    def __contains__(self, key: str) -> bool:
        return self.path_for(key).exists()
