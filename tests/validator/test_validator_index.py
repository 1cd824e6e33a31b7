"""``--where``: materials taken from the index's search results (demo corpus ingested)."""

from __future__ import annotations

from pathlib import Path

from matmine.settings import Settings
from matmine.validator.api import build_candidates
from matmine.validator.sources import materials_from_index

DEMO = Path(__file__).resolve().parents[2] / "corpus" / "demo"


def test_candidates_from_index_search(matmine_home: Path) -> None:
    from matmine.pipelines.ingest import ingest

    settings = Settings.from_env()
    ingest([DEMO], settings)
    materials = list(materials_from_index(settings, 'elements HAS ALL "Li","P","S"'))
    assert materials and all(ids for _, ids in materials)
    report = build_candidates(materials, out_dir=None)
    lgps = {c.formula: c for c in report.candidates if c.prototype == "LGPS-type"}
    assert "Li10SiP2S12" in lgps
    assert all(r.startswith("DEMO-") and "#" in r for r in lgps["Li10SiP2S12"].source_records)
    # formulas with variables given as ranges are rejected, not dropped
    assert any(r.rejected_category == "unresolved_variable" for r in report.rejections)
