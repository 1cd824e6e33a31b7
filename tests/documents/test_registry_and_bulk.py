"""Dispatch (sniffing, gzip, size guard, errors) and USPTO bulk files."""

from __future__ import annotations

import gzip
import io
from pathlib import Path

import pytest

from matmine.documents import (
    iter_bytes_results,
    iter_path_results,
    read_bytes,
    read_path,
    sniff_format,
    split_concatenated_xml,
)
from matmine.errors import DocumentParseError, UnsupportedFormatError

USPTO = ("patents", "uspto")


def _uspto(shared_data: Path, name: str) -> bytes:
    return shared_data.joinpath(*USPTO, name).read_bytes()


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty file"),
        (b"  \n\t\n", "empty file"),
        (b"\x00\x01\x02PK\x03\x04 binary", "binary file (not text or XML)"),
        (bytes(range(0x80, 0x100)) * 4, "binary file (not text or XML)"),
        (
            b'<?xml version="1.0"?>\n<us-patent-grant>\n<abstract><p>cut here',
            "malformed XML at line 3",
        ),
        (b"<article><front>\n<article-meta></front></article>", "malformed XML at line 2"),
    ],
)
def test_bad_input_raises_document_parse_error_with_reason(data: bytes, reason: str) -> None:
    with pytest.raises(DocumentParseError) as info:
        list(read_bytes(data, "bad.xml"))
    assert reason in str(info.value)


def test_unknown_xml_root_is_unsupported() -> None:
    with pytest.raises(
        UnsupportedFormatError, match="unsupported XML root element <ep-patent-document>"
    ):
        list(read_bytes(b'<?xml version="1.0"?><ep-patent-document/>', "ep.xml"))


def test_size_guard(tmp_path: Path) -> None:
    with pytest.raises(DocumentParseError, match="file too large"):
        list(read_bytes(b"x" * 101, "big.txt", max_bytes=100))
    path = tmp_path / "big.txt"
    path.write_bytes(b"hello\n" * 100)
    with pytest.raises(DocumentParseError, match="file too large"):
        list(read_path(path, max_bytes=100))
    # gzip bombs are bounded by the decompressed size too
    bomb = gzip.compress(b"a" * 10_000)
    with pytest.raises(DocumentParseError, match="too large once decompressed"):
        list(read_bytes(bomb, "bomb.gz", max_bytes=5_000))


@pytest.mark.shared_data
def test_truncated_real_patent_is_a_parse_error(shared_data: Path) -> None:
    data = _uspto(shared_data, "US08930553.xml")[:5000]
    with pytest.raises(DocumentParseError, match=r"malformed XML at line \d+"):
        list(read_bytes(data, "US08930553.xml"))


@pytest.mark.shared_data
def test_content_not_extension_decides(shared_data: Path, tmp_path: Path) -> None:
    data = _uspto(shared_data, "US08930553.xml")
    assert sniff_format(data) == "uspto-v4"
    assert sniff_format(_uspto(shared_data, "US20010000044A1.xml")) == "uspto-pap-2001"
    assert (
        sniff_format(shared_data.joinpath("papers", "jats", "elife-56337.xml").read_bytes())
        == "jats"
    )
    assert sniff_format(b"<!DOCTYPE html><html><body><p>x</p></body></html>") == "html"
    assert sniff_format(b"Title line\n\nBody.") == "text"
    assert sniff_format(b"<5 % porosity was reached.\n") == "text"
    assert sniff_format(b"<p>An HTML fragment</p>") == "html"
    disguised = tmp_path / "download.bin.gz"
    disguised.write_bytes(gzip.compress(data))
    (doc,) = list(read_path(disguised, source="test"))
    assert doc.id == "US8930553B2" and doc.source == "test"
    (same,) = list(read_bytes(gzip.compress(data), "x"))
    assert same.content_hash == doc.content_hash


@pytest.mark.shared_data
def test_demo_patent_number_is_kept(shared_data: Path) -> None:
    data = _uspto(shared_data, "US08930553.xml").replace(
        b"<doc-number>08930553</doc-number>", b"<doc-number>DEMO-P0042</doc-number>", 1
    )
    (doc,) = read_bytes(data, "demo.xml")
    assert doc.id == "DEMO-P0042"
    assert doc.alternate_ids == ("US-APP-13648029",)


def test_split_concatenated_xml_on_bytes_and_small_chunks() -> None:
    members = [
        b'<?xml version="1.0"?>\n<a>1</a>\n',
        b'<?xml version="1.0"?>\n<b>2</b>\n',
        b'<?xml version="1.0"?><c/>',
    ]
    blob = b"\n" + b"".join(members)
    assert list(split_concatenated_xml(blob)) == members
    for chunk_size in (1, 3, 7, 64):
        assert list(split_concatenated_xml(io.BytesIO(blob), chunk_size=chunk_size)) == members
    assert list(split_concatenated_xml(b"")) == []
    with pytest.raises(DocumentParseError, match="bulk member larger than"):
        list(
            split_concatenated_xml(
                io.BytesIO(b"<?xml?>" + b"x" * 100), chunk_size=10, max_member_bytes=50
            )
        )


@pytest.mark.shared_data
def test_bulk_file_from_real_documents(shared_data: Path, tmp_path: Path) -> None:
    names = ["ipg08672134.xml", "US08930553.xml", "ipa20180000016.xml"]
    blob = b"".join(_uspto(shared_data, n) for n in names)
    parts = list(split_concatenated_xml(io.BytesIO(blob), chunk_size=4096))
    assert [len(p) for p in parts] == [len(_uspto(shared_data, n)) for n in names]
    path = tmp_path / "ipg150106.xml"
    path.write_bytes(blob)
    assert [d.id for d in read_path(path)] == ["US8672134B2", "US8930553B2", "US20180000016A1"]
    assert [d.id for d in read_bytes(blob, "ipg150106.xml")] == [
        "US8672134B2",
        "US8930553B2",
        "US20180000016A1",
    ]
    gz = tmp_path / "ipg150106.xml.gz"
    gz.write_bytes(gzip.compress(blob))
    assert len(list(read_path(gz))) == 3


@pytest.mark.shared_data
def test_bad_bulk_member_is_reported_per_member(shared_data: Path, tmp_path: Path) -> None:
    good = _uspto(shared_data, "US08930553.xml")
    bad = b'<?xml version="1.0" encoding="UTF-8"?>\n<us-patent-grant>\n<broken>\n'
    path = tmp_path / "ipg-with-bad-member.xml"
    path.write_bytes(good + bad + _uspto(shared_data, "ipg08672134.xml"))
    results = list(iter_path_results(path))
    assert [getattr(r, "id", None) for r in results] == ["US8930553B2", None, "US8672134B2"]
    error = results[1]
    assert isinstance(error, DocumentParseError)
    assert "malformed XML" in str(error)
    assert error.path == f"{path}#2"
    # the same from bytes (what the ingestor holds)
    from_bytes = list(iter_bytes_results(path.read_bytes(), "ipg.xml"))
    assert [getattr(r, "id", None) for r in from_bytes] == ["US8930553B2", None, "US8672134B2"]
    assert from_bytes[1].path == "ipg.xml#2"
    # read_path / read_bytes stop at the first bad member (documented)
    with pytest.raises(DocumentParseError):
        list(read_path(path))
    with pytest.raises(DocumentParseError):
        list(read_bytes(path.read_bytes(), "ipg.xml"))


@pytest.mark.shared_data
def test_bulk_detection_reads_past_a_large_first_member(shared_data: Path, tmp_path: Path) -> None:
    from matmine.documents import registry

    big = _uspto(shared_data, "US08926509.xml")  # 276 kB, more than one sniffing chunk below
    path = tmp_path / "ipg.xml"
    path.write_bytes(big + b'<?xml version="1.0"?>\n<us-patent-grant><cut>' + big)
    with path.open("rb") as handle:
        original = registry.bulk.CHUNK_SIZE
        registry.bulk.CHUNK_SIZE = 4096
        try:
            assert registry._is_bulk_stream(handle)
            assert handle.tell() == 0
        finally:
            registry.bulk.CHUNK_SIZE = original
    results = list(iter_path_results(path))
    assert [getattr(r, "id", None) for r in results] == ["US8926509B2", None, "US8926509B2"]
    single = tmp_path / "single.xml"
    single.write_bytes(big)
    with single.open("rb") as handle:
        assert not registry._is_bulk_stream(handle)
