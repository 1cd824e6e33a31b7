"""``matmine extract PATH...``: property records and structure facts as JSON lines."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from matmine.cli.app import app
from matmine.errors import DocumentParseError, UnsupportedFormatError
from matmine.models import Document, ExtractionResult

if TYPE_CHECKING:
    from matmine.pipelines.inputs import InputFile


class OutputFormat(str, Enum):
    jsonl = "jsonl"
    table = "table"


def _documents(item: InputFile) -> Iterator[Document]:
    from matmine.documents import read_path
    from matmine.documents.registry import read_bytes

    if item.path is not None:
        yield from read_path(item.path)
    else:
        yield from read_bytes(item.read_bytes(), item.name)


def extract_paths(
    paths: list[Path], failures: list[str] | None = None
) -> Iterator[tuple[Document, ExtractionResult]]:
    """Read every path with the readers and extract each document (library call).

    Folders are walked and archives opened as ``matmine ingest`` does.  A missing path
    raises :class:`InputNotFoundError` before anything is read.  A file no reader can
    parse raises, unless ``failures`` is given: then its reason is appended there and
    the other files are still extracted.
    """
    from matmine.extractors.pipeline import extract_document, get_nlp
    from matmine.pipelines.inputs import SkippedInput, check_paths_exist, iter_inputs
    from matmine.settings import Settings

    check_paths_exist(paths)
    nlp = get_nlp()
    for item in iter_inputs(paths, Settings.from_env()):
        try:
            if isinstance(item, SkippedInput):
                raise DocumentParseError(item.reason, path=item.name)
            docs = list(_documents(item))
        except (DocumentParseError, UnsupportedFormatError) as exc:
            if failures is None:
                raise
            failures.append(f"{item.name}: {exc}")
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
        if row.get("atmosphere"):
            temp += f" in {row['atmosphere']}"
        if row.get("method"):
            temp += f" [{row['method']}]"
        return f"{row['doc']}\t{row['span']}\t{what}{temp}\t{material}\t{row['confidence']:.2f}"
    detail = (row.get("space_group_symbol") or row.get("structure_type")
              or row.get("crystal_system")
              or f"{row.get('parameter')} = {row.get('value')} {row.get('unit') or ''}")
    return f"{row['doc']}\t{row['span']}\t{row['fact']}: {detail}\t{material}\t" \
           f"{row['confidence']:.2f}"


@app.command()
def extract(
    paths: list[Path] = typer.Argument(..., help="Files, folders or archives to read (.txt, .xml, .html, .zip …)."),
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
