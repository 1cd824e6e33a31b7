"""Activation energies of electrode processes are stored under their own property
names, so the `activation_energy` field finds conduction values only."""

from __future__ import annotations

from pathlib import Path

from index_corpus import extracted_index, one_paragraph_paper
from matmine.index import SearchRequest

TEXT = ("The activation energy of the polarization resistance of the PrBaCo2O5+δ cathode was "
        "1.21 eV, whereas the activation energy for electrical conduction was 0.12 eV.")


def test_activation_energy_field_finds_conduction_values_only(tmp_path: Path) -> None:
    doc = one_paragraph_paper("DEMO-EA-1", "Double perovskite cathodes", TEXT)
    with extracted_index(tmp_path / "index.sqlite", doc) as (index, _):

        def values(flt: str) -> list[tuple[str, float]]:
            hits = index.search(SearchRequest(filter=flt, limit=10)).hits
            return sorted((h.record.property, h.record.value) for h in hits)

        assert values("activation_energy < 2 eV") == [("activation_energy", 0.12)]
        assert values('property = "activation_energy_polarization"') == [
            ("activation_energy_polarization", 1.21)]
