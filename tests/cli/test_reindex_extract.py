"""``matmine reindex --extract``: stored documents get the current extractors' records.

`matmine run` skips documents whose content is unchanged, so after an upgrade of
matmine this is how an index gets the new extractors' output.  The stale stored
result is made by hand here (no records), as an older matmine would have left it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from matmine.cli import main
from matmine.index.sqlite_backend import SQLiteIndex
from matmine.models import Document, ExtractionResult, Paragraph, Section

TEXT = "Li6PS5Cl shows an ionic conductivity of 2.4 mS/cm at 25 °C."


def _stale_index(home: Path) -> Path:
    path = home / "index.sqlite"
    doc = Document(id="DEMO-STALE-1", kind="paper", title="Argyrodite",
                   sections=(Section(id="s", paragraphs=(Paragraph(id="p1", text=TEXT),)),))
    index = SQLiteIndex(path)
    index.upsert([(doc, ExtractionResult(document_id=doc.id))])
    index.close()
    return path


def _records(path: Path) -> list[tuple[str, object]]:
    index = SQLiteIndex(path)
    try:
        (_, result), = list(index.iter_documents())
        return ([(r.property, r.value) for r in result.records]
                + [(s.kind, s.structure_type) for s in result.structures])
    finally:
        index.close()


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code = 0
    try:
        main(list(args))
    except SystemExit as exc:
        code = int(exc.code or 0)
    return code, capsys.readouterr().out


def test_reindex_keeps_stored_results_and_extract_renews_them(matmine_home: Path, capsys) -> None:  # noqa: ANN001
    path = _stale_index(matmine_home)
    code, out = _run(capsys, "reindex")
    assert code == 0 and "reindexed 1 documents, 0 records" in out
    assert _records(path) == []
    code, out = _run(capsys, "reindex", "--extract")
    # the property and the structure type the title names
    assert code == 0 and "reindexed 1 documents, 2 records" in out
    assert _records(path) == [("ionic_conductivity", 0.0024), ("structure_type", "argyrodite")]
