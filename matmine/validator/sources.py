"""Where the validator's materials come from: formulas, a file of formulas, or the index."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from matmine.errors import InputNotFoundError, MatmineError
from matmine.models import Material

MAX_INDEX_HITS = 100_000
"""Safety bound on records read from the index for one ``--where``."""


def materials_from_file(path: Path) -> list[Material]:
    """One formula per line, optionally followed by a family after a tab or comma; ``#`` starts a comment.

    ``Li10SiP2S12, LGPS``  →  ``Material(text="Li10SiP2S12", formula="Li10SiP2S12", family="LGPS")``
    """
    if not path.is_file():
        raise InputNotFoundError(f"no such file: {path}")
    out: list[Material] = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        parts = [p.strip() for p in line.replace("\t", ",").split(",")]
        formula, family = parts[0], (parts[1] if len(parts) > 1 and parts[1] else None)
        out.append(Material(text=formula, formula=formula, family=family, start=number))
    return out


def materials_from_index(settings, where: str, text: str = "") -> Iterator[tuple[Material, tuple[str, ...]]]:
    """Materials linked to the records matching ``where`` (the index's filter language),
    each with the ids (``<document id>#<record id>``) of the records that mention it."""
    from matmine.index import open_index

    grouped: dict[tuple, tuple[Material, list[str]]] = {}
    seen = 0
    with open_index(settings) as index:
        for hit in index.scan(where, text):
            records = [hit.record] if hit.record is not None else list(hit.records)
            for record in records:
                seen += 1
                if seen > MAX_INDEX_HITS:
                    raise MatmineError(f"more than {MAX_INDEX_HITS} records match; narrow the filter")
                material = getattr(record, "material", None)
                if material is None:
                    continue
                key = (material.formula or material.text, material.family)
                rid = f"{hit.document.id}#{record.id}" if record.id else hit.document.id
                if key not in grouped:
                    grouped[key] = (material, [])
                if rid not in grouped[key][1]:
                    grouped[key][1].append(rid)
    for material, ids in grouped.values():
        yield material, tuple(ids)
