"""``matmine extract PATH...``: property records and structure facts as JSON lines."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from enum import Enum
from pathlib import Path

import typer

from matmine.cli.app import app
from matmine.errors import DocumentParseError, InputNotFoundError, UnsupportedFormatError
from matmine.models import Document, ExtractionResult


class OutputFormat(str, Enum):
    jsonl = "jsonl"
    table = "table"


def _documents(path: Path) -> Iterator[Document]:
    from matmine.documents import read_path

    yield from read_path(path)


def extract_paths(
    paths: list[Path], failures: list[str] | None = None
) -> Iterator[tuple[Document, ExtractionResult]]:
    """Read every path with the readers and extract each document (library call).

    A missing path raises :class:`InputNotFoundError` before anything is read.  A file
    no reader can parse raises, unless ``failures`` is given: then its reason is
    appended there and the other files are still extracted.
    """
    from matmine.extractors.pipeline import extract_document, get_nlp

    missing = [p for p in paths if not p.exists()]
    if missing:
        raise InputNotFoundError(f"no such file: {missing[0]}")
    nlp = get_nlp()
    for path in paths:
        try:
            docs = list(_documents(path))
        except (DocumentParseError, UnsupportedFormatError) as exc:
            if failures is None:
                raise
            failures.append(f"{path}: {exc}")
            continue
        for doc in docs:
            yield doc, extract_document(doc, nlp)


def _table_line(row: dict) -> str:
    material = (row.get("material") or {}).get("text") or "-"
    if row["kind"] == "property":
        value, low, high = row["value"], row.get("value_min"), row.get("value_max")
        if value is not None:
            shown = f"{value:.4g}"
        elif low is not None and high is not None:
            shown = f"{low:.4g}–{high:.4g}"
        else:
            shown = "?"
        what = f"{row['property']} = {row.get('qualifier') or ''}{shown} {row['unit']}"
        temp = f" @ {row['temperature_K']:.2f} K" if row.get("temperature_K") else ""
        if not temp and row.get("temperature_min_K") and row.get("temperature_max_K"):
            temp = f" @ {row['temperature_min_K']:.2f}–{row['temperature_max_K']:.2f} K"
        if row.get("scope"):
            what += f" ({row['scope'].replace('_', ' ')})"
        return f"{row['doc']}\t{row['span']}\t{what}{temp}\t{material}\t{row['confidence']:.2f}"
    detail = (row.get("space_group_symbol") or row.get("structure_type")
              or row.get("crystal_system")
              or f"{row.get('parameter')} = {row.get('value')} {row.get('unit') or ''}")
    return f"{row['doc']}\t{row['span']}\t{row['fact']}: {detail}\t{material}\t" \
           f"{row['confidence']:.2f}"


@app.command()
def extract(
    paths: list[Path] = typer.Argument(..., help="Files to read (.txt, .xml, .html …)."),
    output_format: OutputFormat = typer.Option(
        OutputFormat.jsonl, "--format", help="jsonl: one JSON object per record; table: text."
    ),
) -> None:
    """Extract property records and structure facts from files, one record per line.

    For .txt files, spans are character offsets into the file.
    """
    from matmine.extractors.serialise import result_rows

    failures: list[str] = []
    for _, result in extract_paths(paths, failures):
        for row in result_rows(result):
            if output_format is OutputFormat.jsonl:
                print(json.dumps(row, ensure_ascii=False))
            else:
                print(_table_line(row))
    for failure in failures[:-1]:
        print(f"matmine: {failure}", file=sys.stderr)
    if failures:  # the last one becomes the error main() prints; exit code 2
        raise DocumentParseError(failures[-1])
