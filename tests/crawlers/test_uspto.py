"""USPTO weekly bulk files: a zip of concatenated XML, split, CPC-filtered and indexed."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from crawl_helpers import Reply, Rule, index_documents, json_reply, run_crawl

from matmine.crawlers.base import CrawlOptions
from matmine.crawlers.replay import ReplayServer
from matmine.crawlers.runner import crawl
from matmine.errors import CrawlError
from matmine.settings import Settings

# the shared files and their first CPC classes (none is a battery patent)
MEMBERS = (
    "ipa20180000016.xml",
    "ipa20200022300.xml",
    "US08926509.xml",
    "ipg08672134.xml",
    "US08930553.xml",
)
BULK_PATH = "/data/patent/application/redbook/fulltext/2018/ipa180104.zip"


def bulk_zip(uspto: Path, name: str = "ipa180104.xml") -> bytes:
    """A weekly bulk file: one zip member holding several concatenated XML documents."""
    concatenated = b"".join(uspto.joinpath(m).read_bytes().strip() + b"\n" for m in MEMBERS)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(name, concatenated)
    return buffer.getvalue()


@pytest.fixture()
def uspto(shared_data: Path) -> Path:
    folder = shared_data / "patents" / "uspto"
    if not all((folder / m).is_file() for m in MEMBERS):
        pytest.skip(f"USPTO sample files missing under {folder}")
    return folder


def test_weekly_bulk_file_is_split_filtered_and_indexed(
    home: Path, server: ReplayServer, uspto: Path
) -> None:
    server.rules.append(
        Rule(BULK_PATH, [Reply(200, bulk_zip(uspto), content_type="application/zip")])
    )
    args = (
        "--since",
        "2018-01-01",
        "--until",
        "2018-01-06",
        "--cpc",
        "A01G7/04",
        "--cpc",
        "A61B5/02",
        "--endpoint",
        server.url,
    )
    result = run_crawl(home, "uspto", *args)
    assert result.returncode == 0, result.stderr
    # Tuesday 2018-01-02 (grant file: absent, 404) and Thursday 2018-01-04 (applications)
    assert {r.path for r in server.log} >= {
        BULK_PATH,
        "/data/patent/grant/redbook/fulltext/2018/ipg180102.zip",
    }
    assert result.report["status"] == "complete"
    docs = index_documents(home)
    assert set(docs) == {"US20180000016A1", "US8926509B2"}  # 2 of 5 match the CPC filter
    application = docs["US20180000016A1"]
    assert application.kind == "patent"
    assert application.title == "LIGHT EMITTING DEVICE AND PLANT CULTIVATION METHOD"
    assert any(c.startswith("A01G7/04") for c in application.cpc)
    assert application.claims

    # the file is in the ledger: a second run does not download it again
    server.log.clear()
    again = run_crawl(home, "uspto", *args)
    assert again.returncode == 0 and not server.requests_to(BULK_PATH)
    assert again.report["skipped"] >= 1


def test_local_bulk_zip_with_default_battery_filter(
    home: Path, uspto: Path, tmp_path: Path
) -> None:
    path = tmp_path / "ipg140318.zip"
    path.write_bytes(bulk_zip(uspto, "ipg140318.xml"))
    result = run_crawl(home, "uspto", "--path", str(path))
    assert result.returncode == 0, result.stderr
    assert result.report["read"] == 0  # none of the samples is in H01M10/0562 & co.
    assert result.report["stored"] == 1


def test_search_api_needs_a_key(home: Path) -> None:
    with pytest.raises(
        CrawlError, match="^crawl uspto-search needs credentials: set MATMINE_USPTO_API_KEY$"
    ):
        crawl(Settings(home=home), CrawlOptions("uspto-search"))


def test_search_api_pages(home: Path, server: ReplayServer) -> None:
    def page(numbers: list[int], count: int) -> bytes:
        import json

        bag = [
            {
                "applicationNumberText": f"17{n:06d}",
                "applicationMetaData": {
                    "inventionTitle": f"Sulfide solid electrolyte {n}",
                    "filingDate": f"2023-02-0{n % 9 + 1}",
                    "earliestPublicationNumber": f"US2024000{n:04d}A1",
                    "earliestPublicationDate": "2024-01-04",
                    "cpcClassificationBag": ["H01M 10/0562", "C01B 25/14"],
                    "inventorBag": [{"inventorNameText": "Ryoji Kanno"}],
                    "applicantBag": [{"applicantNameText": "TOYOTA JIDOSHA KABUSHIKI KAISHA"}],
                },
            }
            for n in numbers
        ]
        return json.dumps({"count": count, "patentFileWrapperDataBag": bag}).encode()

    path = "/api/v1/patent/applications/search"
    server.rules += [
        Rule(
            path,
            [json_reply(page(list(range(1, 26)), 27))],
            query={"offset": "0"},
            headers={"x-api-key": "test-uspto-key"},
        ),
        Rule(
            path,
            [json_reply(page([26, 27], 27))],
            query={"offset": "25"},
            headers={"x-api-key": "test-uspto-key"},
        ),
    ]
    result = run_crawl(
        home,
        "uspto-search",
        "--cpc",
        "H01M10/0562",
        "--endpoint",
        server.url,
        MATMINE_USPTO_API_KEY="test-uspto-key",
    )
    assert result.returncode == 0, result.stderr
    assert result.report["new"] == 27 and result.report["status"] == "complete"
    doc = index_documents(home)["US20240000001A1"]
    assert doc.cpc[0] == "H01M10/0562"
    assert "test-uspto-key" not in (home / "crawl" / "logs" / "uspto-search.log").read_text()
