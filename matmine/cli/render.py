"""Human-readable rendering of reports, documents and records (rich)."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table as RichTable

from matmine.models import Document, ExtractionResult, PropertyRecord, StructureFact
from matmine.pipelines.ingest import IngestReport
from matmine.settings import Settings

ABSTRACT_CHARS = 600
CLAIM_CHARS = 160


def render_report(console: Console, label: str, report: IngestReport, settings: Settings) -> None:
    console.print(f"[bold]{label}[/bold]: {report.summary()}")
    console.print(f"index: {settings.index or settings.sqlite_path}")
    if report.quarantine_entries:
        console.print(f"[yellow]quarantined ({len(report.quarantine_entries)}), see {settings.quarantine_dir}:[/yellow]")
        for entry in report.quarantine_entries[:20]:
            console.print(f"  {entry.name}: {entry.reason}", markup=False)


def render_document(console: Console, document: Document, result: ExtractionResult) -> None:
    console.print(f"[bold]{document.title or '(untitled)'}[/bold]")
    console.print(f"id: {document.id}  kind: {document.kind}  format: {document.source_format}", markup=False)
    if document.alternate_ids:
        console.print("also: " + ", ".join(document.alternate_ids), markup=False)
    dates = document.dates.model_dump(exclude_none=True)
    if dates:
        console.print("dates: " + ", ".join(f"{k} {v}" for k, v in dates.items()))
    if document.people:
        names = ", ".join(p.name for p in document.people[:8])
        more = f" (+{len(document.people) - 8} more)" if len(document.people) > 8 else ""
        console.print(f"people: {names}{more}", markup=False)
    orgs = [o for o in document.organisations if o.role != "affiliation"] or list(document.organisations)
    if orgs:
        roles: dict[str, list[str]] = {}  # one line per organisation, whatever its roles
        for o in orgs:
            name = f"{o.raw} [{o.harmonised}]" if o.harmonised and o.harmonised != o.raw else o.raw
            roles.setdefault(name, []).append(o.role)
        console.print("organisations: " + "; ".join(
            f"{name} ({', '.join(dict.fromkeys(r))})" for name, r in list(roles.items())[:6]),
            markup=False)
    if document.cpc:
        console.print("CPC: " + ", ".join(document.cpc[:10]), markup=False)
    if document.ipc:
        console.print("IPC: " + ", ".join(document.ipc[:10]), markup=False)
    if document.journal:
        console.print(f"journal: {document.journal}", markup=False)
    if document.abstract:
        console.print("\n[bold]Abstract[/bold]")
        console.print(_clip(document.abstract, ABSTRACT_CHARS), markup=False)
    if document.claims:
        independent = sum(1 for c in document.claims if c.is_independent)
        console.print(f"\n[bold]Claims[/bold] ({len(document.claims)}, {independent} independent)")
        for claim in document.claims:
            deps = f" → claim {', '.join(map(str, claim.depends_on))}" if claim.depends_on else ""
            console.print(f"  {claim.number}{deps}: {_clip(claim.text, CLAIM_CHARS)}", markup=False)
    paragraphs = sum(len(s.paragraphs) for s in document.sections)
    if document.sections:
        console.print(f"\n[bold]Sections[/bold] ({len(document.sections)}, {paragraphs} paragraphs)")
        for section in document.sections[:25]:
            console.print(f"  {section.title or '(untitled)'} — {len(section.paragraphs)} paragraphs", markup=False)
    if document.tables:
        console.print(f"\n[bold]Tables[/bold] ({len(document.tables)})")
        for table in document.tables:
            caption = _clip(table.caption, 100)
            console.print(f"  {table.label or table.id}: {table.n_rows}×{table.n_columns} {caption}", markup=False)
    if result.records:
        console.print(records_table(result.records, title=f"Property records ({len(result.records)})"))
    if result.structures:
        console.print(structures_table(result.structures))


def records_table(records: tuple[PropertyRecord, ...] | list[PropertyRecord], title: str = "") -> RichTable:
    table = RichTable(title=title, show_lines=False, expand=False)
    for column in ("material", "property", "value", "T, gas", "where", "sentence / cell"):
        table.add_column(column, overflow="fold")
    for record in records:
        material = record.material.formula or record.material.text if record.material else ""
        table.add_row(
            material or "",
            record.property + (f" ({record.scope.replace('_', ' ')})" if record.scope else ""),
            record.display_value(),
            record.display_conditions(),
            record.provenance.part_id,
            _clip(_sentence_or_cell(record), 160),
        )
    return table


def structures_table(facts: tuple[StructureFact, ...] | list[StructureFact]) -> RichTable:
    table = RichTable(title=f"Structure facts ({len(facts)})")
    for column in ("material", "kind", "value", "where", "raw"):
        table.add_column(column, overflow="fold")
    for fact in facts:
        material = fact.material.formula or fact.material.text if fact.material else ""
        table.add_row(material or "", fact.kind, fact.display_value(), fact.provenance.part_id, _clip(fact.raw, 80))
    return table


def _sentence_or_cell(record: PropertyRecord) -> str:
    p = record.provenance
    text = p.sentence or record.raw
    return f"{p.context}: {text}" if p.context else text


def _clip(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
