"""Turn the paths a user gives into a stream of input files.

Folders are walked recursively (hidden files skipped, sorted for determinism);
zip and tar archives are checked against size and member-count limits
*before* anything is unpacked, then their members are streamed.

>>> from pathlib import Path
>>> [i.name for i in iter_inputs([Path("corpus/demo")], Settings())][:1]  # doctest: +SKIP
['corpus/demo/DEMO-A0001.xml']
"""

from __future__ import annotations

import tarfile
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from matmine.errors import ArchiveTooLargeError, InputNotFoundError
from matmine.settings import Settings

ARCHIVE_SUFFIXES = (".zip", ".tar", ".tar.gz", ".tgz", ".tar.bz2", ".tar.xz")
SKIPPED_NAMES = {"README.md", "LICENSE", ".DS_Store"}


@dataclass(frozen=True)
class InputFile:
    """One file to read: a path on disk, or a member of an archive (``data`` set)."""

    name: str
    path: Path | None = None
    data: bytes | None = None

    def read_bytes(self) -> bytes:
        if self.data is not None:
            return self.data
        assert self.path is not None
        return self.path.read_bytes()

    @property
    def size(self) -> int:
        if self.data is not None:
            return len(self.data)
        assert self.path is not None
        return self.path.stat().st_size


@dataclass(frozen=True)
class SkippedInput:
    """An input that could not even be opened (e.g. an oversized archive)."""

    name: str
    reason: str
    data: bytes | None = None


def is_archive(path: Path) -> bool:
    name = path.name.lower()
    return name.endswith(ARCHIVE_SUFFIXES)


def check_paths_exist(paths: Iterable[Path]) -> list[Path]:
    """Raise :class:`InputNotFoundError` for the first path that does not exist."""
    checked = []
    for path in paths:
        if not path.exists():
            raise InputNotFoundError(f"no such file or folder: {path}")
        checked.append(path)
    return checked


def iter_inputs(paths: Iterable[Path], settings: Settings) -> Iterator[InputFile | SkippedInput]:
    """Yield every readable input file under ``paths`` (which must exist)."""
    for path in check_paths_exist(paths):
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                relative = child.relative_to(path)
                if child.is_dir() or any(part.startswith(".") for part in relative.parts):
                    continue
                if child.name in SKIPPED_NAMES:
                    continue
                yield from _iter_file(child, settings)
        else:
            yield from _iter_file(path, settings)


def _iter_file(path: Path, settings: Settings) -> Iterator[InputFile | SkippedInput]:
    if is_archive(path):
        yield from iter_archive(path, settings)
    else:
        yield InputFile(name=str(path), path=path)


def iter_archive(path: Path, settings: Settings) -> Iterator[InputFile | SkippedInput]:
    """Yield the members of a zip or tar archive after checking its declared sizes."""
    try:
        if path.name.lower().endswith(".zip"):
            yield from _iter_zip(path, settings)
        else:
            yield from _iter_tar(path, settings)
    except ArchiveTooLargeError as exc:
        yield SkippedInput(name=str(path), reason=str(exc))
    except (zipfile.BadZipFile, tarfile.TarError, EOFError, OSError) as exc:
        yield SkippedInput(name=str(path), reason=f"unreadable archive: {exc}")


def _check_totals(path: Path, count: int, total: int, settings: Settings) -> None:
    if count > settings.max_archive_members:
        raise ArchiveTooLargeError(
            f"archive has {count} members, more than the limit of {settings.max_archive_members}",
            path=str(path),
        )
    if total > settings.max_archive_bytes:
        raise ArchiveTooLargeError(
            f"archive unpacks to {total} bytes, more than the limit of "
            f"{settings.max_archive_bytes}",
            path=str(path),
        )


def _iter_zip(path: Path, settings: Settings) -> Iterator[InputFile | SkippedInput]:
    with zipfile.ZipFile(path) as archive:
        members = [m for m in archive.infolist() if not m.is_dir()]
        _check_totals(path, len(members), sum(m.file_size for m in members), settings)
        for member in members:
            name = f"{path}!{member.filename}"
            if member.file_size > settings.max_file_bytes:
                yield SkippedInput(name=name, reason=f"member larger than {settings.max_file_bytes} bytes")
                continue
            with archive.open(member) as handle:
                # read one byte past the limit: a lying header cannot blow memory up
                data = handle.read(settings.max_file_bytes + 1)
            if len(data) > settings.max_file_bytes:
                yield SkippedInput(name=name, reason=f"member larger than {settings.max_file_bytes} bytes")
                continue
            yield InputFile(name=name, data=data)


def _iter_tar(path: Path, settings: Settings) -> Iterator[InputFile | SkippedInput]:
    with tarfile.open(path) as archive:
        members = [m for m in archive.getmembers() if m.isfile()]
        _check_totals(path, len(members), sum(m.size for m in members), settings)
        for member in members:
            name = f"{path}!{member.name}"
            if member.size > settings.max_file_bytes:
                yield SkippedInput(name=name, reason=f"member larger than {settings.max_file_bytes} bytes")
                continue
            handle = archive.extractfile(member)
            if handle is None:
                continue
            with handle:
                yield InputFile(name=name, data=handle.read(settings.max_file_bytes + 1))
