from __future__ import annotations

import io
import tarfile
import zipfile
from pathlib import Path

import pytest

from matmine.errors import InputNotFoundError
from matmine.pipelines.inputs import InputFile, SkippedInput, iter_inputs
from matmine.settings import Settings


def _names(items) -> list[str]:
    return [Path(i.name.split("!")[-1]).name for i in items]


def test_folder_is_walked_recursively_sorted_and_hidden_files_skipped(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "two.txt").write_text("two")
    (tmp_path / "one.txt").write_text("one")
    (tmp_path / ".hidden.txt").write_text("no")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "config").write_text("no")
    items = list(iter_inputs([tmp_path], Settings()))
    assert _names(items) == ["two.txt", "one.txt"]
    assert all(isinstance(i, InputFile) for i in items)


def test_missing_path_is_a_user_error(tmp_path: Path) -> None:
    with pytest.raises(InputNotFoundError, match="no such file or folder"):
        list(iter_inputs([tmp_path / "nope"], Settings()))


def test_zip_members_are_streamed(tmp_path: Path) -> None:
    archive = tmp_path / "batch.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("a.txt", "alpha")
        zf.writestr("sub/b.txt", "beta")
    items = list(iter_inputs([archive], Settings()))
    assert [i.read_bytes() for i in items] == [b"alpha", b"beta"]
    assert items[1].name.endswith("batch.zip!sub/b.txt")


def test_tar_gz_members_are_streamed(tmp_path: Path) -> None:
    archive = tmp_path / "batch.tar.gz"
    with tarfile.open(archive, "w:gz") as tf:
        payload = b"gamma"
        info = tarfile.TarInfo("c.txt")
        info.size = len(payload)
        tf.addfile(info, io.BytesIO(payload))
    items = list(iter_inputs([archive], Settings()))
    assert [i.read_bytes() for i in items] == [b"gamma"]


def test_archive_over_member_limit_is_refused_before_unpacking(tmp_path: Path) -> None:
    archive = tmp_path / "many.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        for n in range(5):
            zf.writestr(f"{n}.txt", "x")
    items = list(iter_inputs([archive], Settings(max_archive_members=3)))
    assert len(items) == 1 and isinstance(items[0], SkippedInput)
    assert "5 members" in items[0].reason


def test_archive_over_size_limit_is_refused_before_unpacking(tmp_path: Path) -> None:
    archive = tmp_path / "bomb.zip"
    with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("zeros.txt", b"\0" * 200_000)
    items = list(iter_inputs([archive], Settings(max_archive_bytes=100_000)))
    assert len(items) == 1 and isinstance(items[0], SkippedInput)
    assert "200000 bytes" in items[0].reason


def test_corrupt_archive_is_reported_not_raised(tmp_path: Path) -> None:
    archive = tmp_path / "broken.zip"
    archive.write_bytes(b"PK\x03\x04 this is not really a zip")
    items = list(iter_inputs([archive], Settings()))
    assert len(items) == 1 and isinstance(items[0], SkippedInput)
    assert "unreadable archive" in items[0].reason
