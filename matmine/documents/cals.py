"""CALS (OASIS exchange) tables, as USPTO full text writes them.

USPTO tables are often split into several ``<tgroup>``s with different column
counts: the printed header is laid out in the first groups and the data in the
last one (``tables_ipa20180000016.xml``: 5, 7, 10 and 10 columns).  We merge
all groups of one ``<table>`` into **one** grid by *position*: every group's
column boundaries are computed from its ``colwidth``s (scaled to a common
width; equal widths when missing), the union of all boundaries forms the grid,
and every entry covers the grid columns between its left and right edges.
A "Photon flux" heading over three narrow data columns therefore becomes the
top of the header path of each of them.

Which rows are headers: ``<thead>`` rows with text, plus, when a ruling row
(an empty full-width entry, how USPTO draws the rule under a header) separates
text rows, every text row above the first such rule.  A first row whose only
text spans the whole width and reads like ``TABLE 1`` is taken as the label;
another such title after data starts a new :class:`Table` (so
:func:`parse_cals_table` returns a list).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree

from matmine.documents.tablegrid import GridCell, build_table
from matmine.documents.xmlsafe import inline_text, local_name
from matmine.models import Table

_WIDTH = re.compile(r"^\s*([0-9.]+)\s*(pt|mm|cm|in|px|pi)?\s*$", re.IGNORECASE)
_UNIT_PT = {"pt": 1.0, "mm": 2.835, "cm": 28.35, "in": 72.0, "px": 0.75, "pi": 12.0, None: 1.0}
_TITLE = re.compile(r"^TABLE\s+[0-9IVXA-Z]+[-.A-Za-z0-9]*$", re.IGNORECASE)
_COMMON_WIDTH = 1000.0
_TOLERANCE = 4.0  # in common-width units (0.4 %)


@dataclass
class _Entry:
    row: int
    left: float
    right: float
    text: str
    more_rows: int
    in_head: bool
    ruled: bool


@dataclass
class _Row:
    entries: list[_Entry]
    in_head: bool

    @property
    def has_text(self) -> bool:
        return any(e.text for e in self.entries)


def parse_cals_table(table_el: etree._Element, *, table_id: str, caption: str = "") -> list[Table]:
    """Parse one CALS ``<table>`` element into one or more :class:`Table` objects.

    Cell texts are inline text (sub/sup handled as in :mod:`xmlsafe`).  Rows and
    columns are 0-based positions on the merged grid, empty ruling rows removed.
    """
    rows = _read_rows(table_el)
    boundaries = _grid_boundaries(rows)
    tables: list[Table] = []
    current: list[_Row] = []
    label = ""
    for row in rows:
        title = _title_of(row)
        if title is not None:
            if any(r.has_text for r in current):
                tables.append(
                    _to_table(current, boundaries, _next_id(table_id, len(tables)), label, caption)
                )
                current = []
            label = title
            continue
        current.append(row)
    if any(r.has_text for r in current) or not tables:
        tables.append(
            _to_table(current, boundaries, _next_id(table_id, len(tables)), label, caption)
        )
    return tables


def _next_id(table_id: str, index: int) -> str:
    return table_id if index == 0 else f"{table_id}-{index + 1}"


def _title_of(row: _Row) -> str | None:
    texts = [e for e in row.entries if e.text]
    if len(texts) == 1 and _TITLE.match(texts[0].text) and _is_full_width(texts[0], row):
        return texts[0].text
    return None


def _is_full_width(entry: _Entry, row: _Row) -> bool:
    return (
        entry.left <= _TOLERANCE
        and entry.right >= _COMMON_WIDTH - _TOLERANCE
        or len(row.entries) == 1
    )


def _read_rows(table_el: etree._Element) -> list[_Row]:
    rows: list[_Row] = []
    for tgroup in (c for c in table_el if local_name(c) == "tgroup"):
        edges, names = _column_edges(tgroup)
        spans = {
            s.get("spanname", ""): (s.get("namest", ""), s.get("nameend", ""))
            for s in tgroup
            if local_name(s) == "spanspec"
        }
        for part in tgroup:
            part_name = local_name(part)
            if part_name not in ("thead", "tbody", "tfoot"):
                continue
            for row_el in (r for r in part if local_name(r) == "row"):
                entries: list[_Entry] = []
                position = 0
                for entry in (e for e in row_el if local_name(e) in ("entry", "entrytbl")):
                    start_name = entry.get("namest") or entry.get("colname")
                    end_name = entry.get("nameend")
                    if entry.get("spanname") in spans:
                        start_name, end_name = spans[entry.get("spanname", "")]
                    start = names.get(start_name, position) if start_name else position
                    end = names.get(end_name, start) if end_name else start
                    start, end = min(start, len(edges) - 2), min(max(end, start), len(edges) - 2)
                    text = inline_text(entry)
                    entries.append(
                        _Entry(
                            row=len(rows),
                            left=edges[start],
                            right=edges[end + 1],
                            text=text,
                            more_rows=_int(entry.get("morerows"), 0),
                            in_head=part_name == "thead",
                            ruled=entry.get("rowsep") == "1" and not text,
                        )
                    )
                    position = end + 1
                rows.append(_Row(entries, part_name == "thead"))
    return rows


def _column_edges(tgroup: etree._Element) -> tuple[list[float], dict[str, int]]:
    """Left edges of each column (plus the right edge) in common-width units."""
    specs = [c for c in tgroup if local_name(c) == "colspec"]
    n_cols = max(_int(tgroup.get("cols"), len(specs)), len(specs), 1)
    names: dict[str, int] = {}
    widths: list[float | None] = [None] * n_cols
    position = 0
    for spec in specs:
        index = _int(spec.get("colnum"), position + 1) - 1
        index = min(max(index, 0), n_cols - 1)
        if spec.get("colname"):
            names[spec.get("colname", "")] = index
        widths[index] = _width(spec.get("colwidth"))
        position = index + 1
    if any(w is None or w <= 0 for w in widths):
        widths = [1.0] * n_cols
    total = sum(w for w in widths if w is not None) or 1.0
    edges = [0.0]
    for w in widths:
        edges.append(edges[-1] + (w or 0.0) * _COMMON_WIDTH / total)
    return edges, names


def _width(value: str | None) -> float | None:
    if not value:
        return None
    match = _WIDTH.match(value)
    if not match:
        return None
    unit = match.group(2).lower() if match.group(2) else None
    return float(match.group(1)) * _UNIT_PT[unit]


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


def _grid_boundaries(rows: list[_Row]) -> list[float]:
    points = sorted(
        {round(e.left, 3) for r in rows for e in r.entries}
        | {round(e.right, 3) for r in rows for e in r.entries}
    )
    merged: list[float] = []
    for p in points:
        if not merged or p - merged[-1] > _TOLERANCE:
            merged.append(p)
    return merged or [0.0, _COMMON_WIDTH]


def _grid_index(boundaries: list[float], x: float) -> int:
    return min(range(len(boundaries)), key=lambda i: abs(boundaries[i] - x))


def _to_table(
    rows: list[_Row], boundaries: list[float], table_id: str, label: str, caption: str
) -> Table:
    content = [(original, r) for original, r in enumerate(rows) if r.has_text]
    first_rule = _first_separating_rule(rows)
    header_rows = {
        i
        for i, (original, r) in enumerate(content)
        if r.in_head or (first_rule is not None and original < first_rule)
    }
    cells: list[GridCell] = []
    for i, (_, row) in enumerate(content):
        for entry in row.entries:
            if not entry.text:
                continue
            left = _grid_index(boundaries, entry.left)
            right = max(_grid_index(boundaries, entry.right), left + 1)
            cells.append(
                GridCell(
                    row=i,
                    column=left,
                    text=entry.text,
                    row_span=entry.more_rows + 1,
                    column_span=right - left,
                )
            )
    return build_table(
        cells, table_id=table_id, header_rows=header_rows, label=label, caption=caption
    )


def _first_separating_rule(rows: list[_Row]) -> int | None:
    """Index of the first empty ruled row with text rows both above and below it."""
    for i, row in enumerate(rows):
        if row.has_text or not any(e.ruled for e in row.entries):
            continue
        above = any(r.has_text and _title_of(r) is None and not r.in_head for r in rows[:i])
        below = any(r.has_text for r in rows[i + 1 :])
        if above and below:
            return i
    return None
