"""Who filed what, when: patent counts by harmonised assignee × year × CPC.

>>> report = assignee_report(index, cpc="H01M10/0562", since=date(2010, 1, 1))  # doctest: +SKIP
>>> report.rows[0]  # doctest: +SKIP
AssigneeCount(assignee='Toyota', year=2010, cpc='H01M10/0562', documents=('DEMO-P0001',))

Each patent counts once per (assignee, CPC class it carries); the year is that of
the filing date (``year_of="filed"``; or ``priority`` / ``published``), falling
back on the other dates when it is missing.  Organisations are harmonised with
:func:`matmine.tracking.assignees.harmonise_organisation`.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from matmine.errors import ConfigurationError
from matmine.index.api import IndexBackend
from matmine.models import DocumentDates
from matmine.tracking.disclosures import matching_documents, organisation_names

YearOf = Literal["filed", "priority", "published"]
_FALLBACK: dict[str, tuple[str, ...]] = {
    "filed": ("filed", "priority", "published", "granted"),
    "priority": ("priority", "filed", "published", "granted"),
    "published": ("published", "granted", "filed", "priority"),
}


@dataclass(frozen=True)
class AssigneeCount:
    """How many patents one assignee filed in one year in one CPC class."""

    assignee: str
    year: int | None
    cpc: str
    documents: tuple[str, ...]

    @property
    def count(self) -> int:
        return len(self.documents)


@dataclass
class AssigneeReport:
    rows: list[AssigneeCount] = field(default_factory=list)
    cpc: str | None = None
    since: date | None = None
    year_of: str = "filed"

    def totals(self) -> dict[str, int]:
        """Distinct patents per assignee, most first."""
        docs: dict[str, set[str]] = defaultdict(set)
        for row in self.rows:
            docs[row.assignee].update(row.documents)
        return dict(sorted(((k, len(v)) for k, v in docs.items()), key=lambda kv: (-kv[1], kv[0])))

    def as_json(self) -> dict:
        return {"cpc": self.cpc, "since": self.since.isoformat() if self.since else None,
                "year_of": self.year_of, "totals": self.totals(),
                "rows": [{"assignee": r.assignee, "year": r.year, "cpc": r.cpc, "count": r.count,
                          "documents": list(r.documents)} for r in self.rows]}


def _date(dates: DocumentDates, year_of: str) -> date | None:
    for name in _FALLBACK[year_of]:
        value = getattr(dates, name)
        if value is not None:
            return value
    return None


def assignee_report(index: IndexBackend, cpc: str | None = None, since: date | None = None,
                    year_of: YearOf = "filed") -> AssigneeReport:
    """Patent counts by harmonised assignee × year × CPC class (only classes under ``cpc``)."""
    if year_of not in _FALLBACK:
        raise ConfigurationError(f"year_of is filed, priority or published, not {year_of!r}")
    prefix = cpc.replace(" ", "").upper() if cpc else None
    where = 'kind = "patent"' + (f" AND cpc STARTS {json.dumps(prefix)}" if prefix else "")
    cells: dict[tuple[str, int | None, str], list[str]] = defaultdict(list)
    for summary in matching_documents(index, where):
        when = _date(summary.dates, year_of)
        if since is not None and (when is None or when < since):
            continue
        classes = [c.replace(" ", "") for c in summary.cpc]
        classes = [c for c in classes if prefix is None or c.upper().startswith(prefix)] or ["(none)"]
        for name in organisation_names(summary.kind, summary.organisations) or ("(unknown)",):
            for cls in dict.fromkeys(classes):
                cells[(name, when.year if when else None, cls)].append(summary.id)
    rows = [AssigneeCount(a, y, c, tuple(sorted(set(ids)))) for (a, y, c), ids in cells.items()]
    rows.sort(key=lambda r: (r.assignee, r.year or 0, r.cpc))
    return AssigneeReport(rows, prefix, since, year_of)


__all__ = ["AssigneeCount", "AssigneeReport", "assignee_report"]
