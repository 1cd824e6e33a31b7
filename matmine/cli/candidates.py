"""``matmine candidates``: simulation-ready structures for extracted compositions."""

from __future__ import annotations

import json
from pathlib import Path

import typer

from matmine.cli.app import app
from matmine.errors import MatmineError

# pymatgen and the validator are imported inside the command so `matmine --help` stays fast.


@app.command()
def candidates(
    out: Path = typer.Option(..., "--out", "-o", help="Output folder: one sub-folder per candidate + manifest.json."),
    formula: list[str] = typer.Option(None, "--formula", "-f", help="A composition, e.g. Li10SiP2S12 (repeatable)."),
    from_file: Path = typer.Option(None, "--from-file", help="File with one formula per line (optionally ', family')."),
    where: str = typer.Option(None, "--where", "-w", help='Index filter, e.g. \'elements HAS ALL "Li","P","S"\'.'),
    text: str = typer.Option("", "--text", help="Free text to narrow --where."),
    family: str = typer.Option(None, "--family", help="Prototype family for every input (LGPS, argyrodite, garnet, NASICON, ...)."),
    allow_unbalanced: bool = typer.Option(False, "--allow-unbalanced", help="Rebuild compositions that are not charge balanced."),
    volume: str = typer.Option("ionic", "--volume", help="ionic (scale by ionic radii) or keep (prototype volume)."),
    on_error: str = typer.Option("collect", "--on-error", help="collect (reject and go on) or raise (stop at the first)."),
    output_json: bool = typer.Option(False, "--json", help="Print the summary as JSON."),
) -> None:
    """Rebuild structures (CIF, POSCAR, MPRelaxSet inputs) for compositions, with a manifest.

    Example: matmine candidates --formula Li10SiP2S12 --formula Li6PS5Br --out candidates/
    """
    from matmine.settings import Settings
    from matmine.validator.sources import materials_from_file, materials_from_index

    if volume not in ("ionic", "keep"):
        raise MatmineError(f"--volume is ionic or keep, not {volume!r}")
    if on_error not in ("collect", "raise"):
        raise MatmineError(f"--on-error is collect or raise, not {on_error!r}")
    inputs: list = list(formula or [])
    if from_file is not None:
        inputs.extend(materials_from_file(from_file))
    if where:
        inputs.extend(materials_from_index(Settings.from_env(), where, text))
    if not inputs:
        raise MatmineError("nothing to do: give --formula, --from-file or --where")
    from matmine.validator.api import build_candidates  # pymatgen: slow import, only when needed

    report = build_candidates(
        inputs, out_dir=out, on_error=on_error, family=family,
        require_charge_balance=not allow_unbalanced, volume=volume,  # type: ignore[arg-type]
    )
    if output_json:
        print(json.dumps({**report.counts(), "manifest": str(report.manifest)}))
        return
    for c in report.candidates:
        sg = f"{c.space_group_symbol} ({c.space_group_number})"
        kind = "ordered" if c.ordered else "disordered"
        print(f"rebuilt   {c.formula:<28} {c.prototype:<16} {sg:<16} {kind:<10} {len(c.files)} files")
    for r in report.rejections:
        print(f"rejected  {r.formula:<28} {r.rejected_category}: {r.rejected_reason}")
    counts = report.counts()
    print(f"{counts['candidates']} rebuilt, {counts['rejected']} rejected; manifest: {report.manifest}")
