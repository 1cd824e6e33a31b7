"""Write rebuilt structures for simulation, and the manifest.

Per candidate, in ``<out_dir>/<slug>/``:

- ``<slug>.cif`` — always (pymatgen ``CifWriter``; partial occupancies kept);
- ``POSCAR`` — ordered structures only (VASP has no partial occupancies);
- ``relax/`` — an ``MPRelaxSet`` input set (INCAR, KPOINTS, POSCAR, and
  ``POTCAR.spec`` listing the POTCAR symbols instead of the POTCAR itself: POTCARs
  are licensed and not shipped, so this works offline without ``PMG_VASP_PSP_DIR``),
  ordered structures only.

For a disordered structure the manifest says why no POSCAR / input set was
written; ordering it (``OrderDisorderedStructureTransformation`` on a supercell
whose size makes every occupancy an integer count) is left to the user — for
typical doped compositions the supercells are large and the enumeration is not cheap.

``manifest.json`` lists every candidate (accepted or rejected) with its input
composition, source records, prototype, charge balance, files and reasons.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from pymatgen.core import Structure
from pymatgen.io.cif import CifWriter
from pymatgen.io.vasp import Poscar
from pymatgen.io.vasp.sets import MPRelaxSet

from matmine.models import Candidate
from matmine.validator import errors as E
from matmine.validator.prototypes import SYMPREC

MANIFEST_NAME = "manifest.json"
MANIFEST_VERSION = 1
DISORDERED_NOTE = (
    "no POSCAR / relaxation input: the structure has partial occupancies; "
    "order it first (e.g. a supercell with OrderDisorderedStructureTransformation or SQS)"
)


def slugify(text: str) -> str:
    """A file-name-safe version of a formula + prototype: ``Li6.4La3Zr1.4Ta0.6O12_garnet``."""
    slug = re.sub(r"[^A-Za-z0-9.+-]+", "_", text).strip("_")
    return slug or "candidate"


def write_structure_files(structure: Structure, folder: Path, name: str) -> tuple[list[str], list[str]]:
    """Write CIF (+ POSCAR and an MPRelaxSet input set when ordered); return (paths, notes).

    Paths are relative to ``folder.parent`` (the run's output directory).
    """
    folder.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    notes: list[str] = []
    try:
        cif = folder / f"{name}.cif"
        _write_cif(structure, cif)
        written.append(cif)
        if structure.is_ordered:
            poscar = folder / "POSCAR"
            Poscar(structure, comment=name).write_file(poscar)
            written.append(poscar)
            relax = folder / "relax"
            MPRelaxSet(structure).write_input(str(relax), potcar_spec=True)
            written.extend(sorted(p for p in relax.iterdir() if p.is_file()))
            notes.append("relax/: MPRelaxSet inputs with POTCAR.spec (symbols only; POTCARs not shipped)")
        else:
            notes.append(DISORDERED_NOTE)
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise E.ValidationError(E.EXPORT_FAILED, f"writing files for {name} failed: {exc}") from exc
    return [str(p.relative_to(folder.parent)) for p in written], notes


def _write_cif(structure: Structure, path: Path) -> None:
    """Symmetrised CIF (asymmetric unit + space group, unique labels); P1 if symmetry finding fails."""
    try:
        CifWriter(structure, symprec=SYMPREC).write_file(path)
    except (ValueError, TypeError):
        p1 = structure.copy()
        for i, site in enumerate(p1):
            site.label = f"{site.species.elements[0].symbol}{i}"
        CifWriter(p1).write_file(path)


def candidate_entry(c: Candidate, charge_balance: dict[str, Any] | None = None,
                    prototype: dict[str, Any] | None = None) -> dict[str, Any]:
    """One manifest row."""
    entry: dict[str, Any] = {
        "status": "rejected" if c.rejected_reason else "rebuilt",
        "input": c.input_text,
        "formula": c.formula,
        "composition": c.composition,
        "family": c.family,
        "source_records": list(c.source_records),
        "charge_balance": charge_balance
        if charge_balance is not None
        else {"balanced": c.charge_balanced, "oxidation_states": c.oxidation_states},
        "prototype": prototype if prototype is not None else c.prototype,
        "space_group": (
            {"symbol": c.space_group_symbol, "number": c.space_group_number} if c.space_group_number else None
        ),
        "ordered": c.ordered,
        "substitutions": list(c.substitutions),
        "files": list(c.files),
        "warnings": list(c.warnings),
    }
    if c.rejected_reason:
        entry["rejection"] = {"category": c.rejected_category, "reason": c.rejected_reason}
    return entry


def write_manifest(out_dir: Path, entries: Iterable[dict[str, Any]], *, settings: dict[str, Any],
                   warnings: Iterable[str] = ()) -> Path:
    """Write ``manifest.json`` with a summary (counts by status and rejection category)."""
    rows = list(entries)
    by_category: dict[str, int] = {}
    for row in rows:
        if row["status"] == "rejected":
            cat = row["rejection"]["category"]
            by_category[cat] = by_category.get(cat, 0) + 1
    manifest = {
        "manifest_version": MANIFEST_VERSION,
        "generated": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "settings": settings,
        "summary": {
            "candidates": sum(1 for r in rows if r["status"] == "rebuilt"),
            "rejected": sum(1 for r in rows if r["status"] == "rejected"),
            "rejected_by_category": dict(sorted(by_category.items())),
        },
        "warnings": list(warnings),
        "candidates": rows,
    }
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / MANIFEST_NAME
    path.write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return path
