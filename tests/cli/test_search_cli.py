"""``matmine search``, ``export``, ``index stats|copy`` and ``reindex``, run in-process."""

from __future__ import annotations

import csv
import io
import json
import shutil
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "index"))

from index_corpus import atmospheres_corpus, conditions_corpus, corpus  # noqa: E402
from matmine.cli import main  # noqa: E402
from matmine.index.sqlite_backend import SQLiteIndex  # noqa: E402


@pytest.fixture()
def home(matmine_home: Path) -> Path:
    index = SQLiteIndex(matmine_home / "index.sqlite")
    index.upsert(corpus())
    index.close()
    return matmine_home


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = 0
    try:
        main(list(args))
    except SystemExit as exc:
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def test_table_output_shows_records_with_their_sentence(home: Path, capsys) -> None:  # noqa: ANN001
    code, out, _ = run(capsys, "search", "--elements", "Li,P,S", "--exclude", "O",
                       "--min-conductivity", "1 mS/cm", "--facets")
    assert code == 0
    assert "5 records" in out and "Li10GeP2S12" in out and "superionic" in out
    assert "assignee: Samsung (2), Toyota (1)" in out


def test_json_rows_have_the_extract_shape_plus_the_document(home: Path, capsys) -> None:  # noqa: ANN001
    code, out, _ = run(capsys, "search", "superionic", "--format", "json")
    assert code == 0
    rows = [json.loads(line) for line in out.splitlines()]
    assert len(rows) == 1
    row = rows[0]
    for key in ("doc", "property", "value", "unit", "raw", "span", "sentence", "temperature_K",
                "temperature_raw", "material", "confidence", "document"):
        assert key in row
    assert row["doc"] == "US8926509B2" and row["value"] == 0.012 and row["raw"] == "12 mS/cm"
    assert row["sentence"][row["span"][0]:row["span"][1]] == "12 mS/cm"
    assert row["material"]["formula"] == "Li10GeP2S12"
    assert row["document"]["kind"] == "patent" and row["document"]["dates"]["priority"] == "2011-07-08"
    assert row["document"]["organisations"][0]["name"] == "Toyota"


def test_where_and_flags_combine(home: Path, capsys) -> None:  # noqa: ANN001
    code, out, _ = run(capsys, "search", "--where", 'assignee = "Toyota"', "--kind", "patent",
                       "--min-conductivity", "1e-5", "--format", "json", "--sort", "value")
    assert code == 0
    assert [json.loads(x)["record_id"] for x in out.splitlines()] == ["r1a", "r6a"]


def test_document_level_json_and_facets(home: Path, capsys) -> None:  # noqa: ANN001
    code, out, _ = run(capsys, "search", "--level", "document", "--kind", "paper", "--format",
                       "json", "--facets")
    lines = [json.loads(x) for x in out.splitlines()]
    assert code == 0 and len(lines) == 5
    assert lines[-1]["total"] == 4 and dict(map(tuple, lines[-1]["facets"]["kind"])) == {"paper": 4}
    assert {line["id"] for line in lines[:-1]} == {
        "10.1038/nmat3066", "DEMO-A-0004", "DEMO-A-0005", "DEMO-A-0007"}


def test_csv_and_parquet(home: Path, capsys, tmp_path: Path) -> None:  # noqa: ANN001
    code, out, _ = run(capsys, "search", "--where", 'elements HAS "O"', "--format", "csv")
    assert code == 0 and out.splitlines()[0].startswith("doc,record_id,property,value")
    assert len(out.strip().splitlines()) == 3
    target = tmp_path / "hits.parquet"
    code, _, _ = run(capsys, "search", "--format", "parquet", "--output", str(target))
    import pyarrow.parquet as pq

    assert code == 0 and pq.read_table(target).num_rows == 15


@pytest.mark.parametrize(("args", "message"), [
    (["search", "--where", "ionic_conductivity >= 1"],
     "matmine: bad filter at column 23: expected a unit after 1"),
    (["search", "--elements", "Li,Xx"], "matmine: --elements: unknown element 'Xx'"),
    (["search", "--format", "parquet"], "matmine: --format parquet needs --output FILE.parquet"),
    (["search", "*"], "matmine: bad filter at column 1: the text '*' contains no words to search for"),
    (["search", "--level", "page"], "matmine: level is record or document, not 'page'"),
    (["export", "--to", "out.xlsx"], "matmine: cannot tell the format of 'out.xlsx'; use .csv, .jsonl or .parquet"),
])
def test_user_errors_are_one_line(home: Path, capsys, args: list[str], message: str) -> None:  # noqa: ANN001
    code, _, err = run(capsys, *args)
    assert code != 0
    assert err.strip().splitlines() == [message]


def test_export_streams_every_record(home: Path, capsys, tmp_path: Path) -> None:  # noqa: ANN001
    for name, count in (("all.jsonl", 15), ("li.csv", 14), ("li.parquet", 14)):
        args = ["export", "--to", str(tmp_path / name)]
        if name != "all.jsonl":
            args += ["--elements", "Li"]
        code, _, err = run(capsys, *args)
        assert code == 0 and f"exported {count} records" in err
    lines = (tmp_path / "all.jsonl").read_text().splitlines()
    assert len(lines) == 15 and json.loads(lines[0])["part"] == "abstract"


def test_index_commands(home: Path, capsys, tmp_path: Path) -> None:  # noqa: ANN001
    code, out, _ = run(capsys, "index", "stats", "--json")
    assert code == 0 and json.loads(out)["records"] == 15
    code, out, _ = run(capsys, "index", "copy", "--to", str(tmp_path / "copy.sqlite"))
    assert code == 0 and "copied 8 documents" in out
    code, out, _ = run(capsys, "reindex")
    assert code == 0 and "reindexed 8 documents, 15 records" in out


def test_unreachable_elasticsearch(home: Path, capsys, monkeypatch) -> None:  # noqa: ANN001
    monkeypatch.setenv("MATMINE_INDEX", "http://127.0.0.1:9")
    code, _, err = run(capsys, "search", "LGPS")
    assert code != 0
    assert err.strip().splitlines() == [
        "matmine: cannot reach Elasticsearch at http://127.0.0.1:9: ConnectionError"]


def test_where_scope_and_temperature_window(matmine_home: Path, capsys) -> None:  # noqa: ANN001
    index = SQLiteIndex(matmine_home / "index.sqlite")
    index.upsert(conditions_corpus())
    index.close()
    code, out, _ = run(capsys, "search", "--where", "scope = bulk", "--format", "json")
    assert code == 0
    assert sorted(json.loads(x)["record_id"] for x in out.splitlines()) == ["t1", "u1"]
    code, out, _ = run(capsys, "search", "--where",
                       "temperature >= 290 K AND temperature <= 310 K AND kind = paper",
                       "--format", "json")
    rows = [json.loads(x) for x in out.splitlines()]
    assert code == 0 and sorted(r["record_id"] for r in rows) == ["t1", "t2", "t4"]
    (ranged,) = [r for r in rows if r["record_id"] == "t4"]
    assert (ranged["temperature_K"], ranged["temperature_min_K"],
            ranged["temperature_max_K"]) == (None, 298.15, 373.15)
    code, _, err = run(capsys, "search", "--where", "scope = bulky")
    assert code != 0 and err.strip().splitlines() == [
        'matmine: bad filter at column 9: scope is "bulk", "grain_boundary" or "total",'
        " not 'bulky'"]


def test_a_version_3_index_is_one_line_error_until_reindex(matmine_home: Path,
                                                          capsys) -> None:  # noqa: ANN001
    matmine_home.mkdir(parents=True)
    path = matmine_home / "index.sqlite"
    shutil.copy(Path(__file__).resolve().parents[1] / "index" / "files" / "index-v3.sqlite", path)
    code, _, err = run(capsys, "search", "--where", "scope = bulk")
    assert code != 0 and err.strip().splitlines() == [
        f"matmine: the index at {path} has schema version 3, this matmine uses version 5:"
        " run `matmine reindex` to rebuild it from its stored documents"]
    code, out, _ = run(capsys, "reindex")
    assert code == 0 and "reindexed 2 documents, 9 records" in out
    code, out, _ = run(capsys, "search", "--where", "scope = bulk", "--format", "json")
    assert code == 0
    assert sorted(json.loads(x)["record_id"] for x in out.splitlines()) == ["t1", "u1"]


def test_where_atmosphere(matmine_home: Path, capsys) -> None:  # noqa: ANN001
    index = SQLiteIndex(matmine_home / "index.sqlite")
    index.upsert(atmospheres_corpus())
    index.close()
    code, out, _ = run(capsys, "search", "--where", "atmosphere = air", "--format", "json")
    assert code == 0
    rows = [json.loads(x) for x in out.splitlines()]
    assert sorted((r["record_id"], r["atmosphere"]) for r in rows) == [("g1", "air"),
                                                                       ("h1", "air")]
    code, out, _ = run(capsys, "search", "--where", 'atmosphere = "5% H2/Ar"', "--format", "csv")
    assert code == 0
    table = list(csv.DictReader(io.StringIO(out)))
    assert sorted((r["record_id"], r["atmosphere"]) for r in table) == [
        ("g5", "5% H2/Ar"), ("h2", "5 % H2/Ar")]
    code, out, _ = run(capsys, "search", "--where", "NOT atmosphere = air AND kind = patent",
                       "--format", "json")
    assert code == 0
    assert sorted(json.loads(x)["record_id"] for x in out.splitlines()) == ["h2", "hs1"]
    code, _, err = run(capsys, "search", "--where", "atmosphere = wet H2")
    assert code != 0 and err.strip().splitlines() == [
        "matmine: bad filter at column 18: expected AND, OR or the end of the filter, got 'H2'"
        ' (quote a label that is not a single word: atmosphere = "wet H2")']
