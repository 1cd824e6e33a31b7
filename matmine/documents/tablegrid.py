"""Placed table cells -> :class:`~matmine.models.Table` with header paths.

Both table dialects we read end here: CALS (``cals.py``: USPTO) and the XHTML
model (:func:`parse_html_table`: JATS ``table-wrap`` and plain HTML).  A reader
places every cell on a grid (row, column, spans) and says which rows are
header rows; :func:`build_table` then gives each cell

* ``column_headers``: the texts of the header-row cells above it whose columns
  overlap its columns, outermost (top) first, empty and repeated texts dropped;
* ``row_headers``: the text of the row's first-column cell (the usual "sample"
  column) and of any header cells (``<th>``) to its left in the same row.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from lxml import etree

from matmine.documents.xmlsafe import inline_text, local_name
from matmine.models import Table, TableCell


@dataclass(frozen=True)
class GridCell:
    """A cell placed on the table grid (0-based row and column)."""

    row: int
    column: int
    text: str
    row_span: int = 1
    column_span: int = 1
    is_header: bool = False

    def covers_column(self, start: int, stop: int) -> bool:
        return self.column < stop and start < self.column + self.column_span

    def covers_row(self, row: int) -> bool:
        return self.row <= row < self.row + self.row_span


def build_table(
    cells: Iterable[GridCell],
    *,
    table_id: str,
    header_rows: Iterable[int] = (),
    label: str = "",
    caption: str = "",
    footnotes: Iterable[str] = (),
) -> Table:
    """Assemble a :class:`Table`; cells in ``header_rows`` become column headers."""
    placed = sorted(cells, key=lambda c: (c.row, c.column))
    header_set = set(header_rows)
    heads = [c for c in placed if c.row in header_set and c.text]
    out: list[TableCell] = []
    for cell in placed:
        in_header_row = cell.row in header_set
        stop = cell.column + cell.column_span
        column_headers = _dedupe(
            h.text for h in heads if h.row < cell.row and h.covers_column(cell.column, stop)
        )
        row_headers: tuple[str, ...] = ()
        if not in_header_row and cell.column > 0:
            row_headers = _dedupe(
                c.text
                for c in placed
                if c.text
                and c.row not in header_set
                and c.covers_row(cell.row)
                and c.column < cell.column
                and (c.column == 0 or c.is_header)
            )
        out.append(
            TableCell(
                row=cell.row,
                column=cell.column,
                text=cell.text,
                is_header=in_header_row or cell.is_header,
                row_span=cell.row_span,
                column_span=cell.column_span,
                column_headers=column_headers,
                row_headers=row_headers,
            )
        )
    n_rows = max((c.row + c.row_span for c in placed), default=0)
    n_columns = max((c.column + c.column_span for c in placed), default=0)
    return Table(
        id=table_id,
        label=label,
        caption=caption,
        footnotes=tuple(f for f in footnotes if f),
        n_rows=n_rows,
        n_columns=n_columns,
        cells=tuple(out),
    )


def _dedupe(texts: Iterable[str]) -> tuple[str, ...]:
    seen: list[str] = []
    for text in texts:
        if text and text not in seen:
            seen.append(text)
    return tuple(seen)


def _span(el: etree._Element, attribute: str) -> int:
    try:
        return max(1, min(int(el.get(attribute, "1")), 1000))
    except ValueError:
        return 1


def parse_html_table(
    table_el: etree._Element,
    *,
    table_id: str,
    label: str = "",
    caption: str = "",
    footnotes: Iterable[str] = (),
) -> Table:
    """Read an XHTML-model ``<table>`` (``thead``/``tbody``/``tr``/``th``/``td``).

    ``rowspan``/``colspan`` are honoured.  Header rows are the ``thead`` rows, or,
    without a ``thead``, the leading rows made only of ``<th>`` cells.
    """
    rows: list[tuple[etree._Element, bool]] = []
    for el in table_el.iter():
        if local_name(el) == "tr":
            in_head = any(local_name(a) == "thead" for a in el.iterancestors())
            rows.append((el, in_head))
    has_thead = any(in_head for _, in_head in rows)
    occupied: set[tuple[int, int]] = set()
    cells: list[GridCell] = []
    header_rows: set[int] = set()
    leading_th = True
    for r, (tr, in_head) in enumerate(rows):
        tds = [c for c in tr if local_name(c) in ("td", "th")]
        if in_head:
            header_rows.add(r)
        elif not has_thead and leading_th and tds and all(local_name(c) == "th" for c in tds):
            header_rows.add(r)
        else:
            leading_th = False
        column = 0
        for td in tds:
            while (r, column) in occupied:
                column += 1
            row_span, column_span = _span(td, "rowspan"), _span(td, "colspan")
            for dr in range(row_span):
                for dc in range(column_span):
                    occupied.add((r + dr, column + dc))
            cells.append(
                GridCell(
                    row=r,
                    column=column,
                    text=inline_text(td),
                    row_span=row_span,
                    column_span=column_span,
                    is_header=local_name(td) == "th",
                )
            )
            column += column_span
    return build_table(
        cells,
        table_id=table_id,
        header_rows=header_rows,
        label=label,
        caption=caption,
        footnotes=footnotes,
    )
