"""Which compositions of a document fall within other documents' claims: :func:`composition_overlaps`.

For a new paper (or any stored document) every concrete composition it names
(records' materials and material mentions) is checked against the composition
families claimed by other documents (patents by default): formulas with
variable ranges and element substitutions, read by
:mod:`matmine.tracking.claims`, decided by :func:`matmine.tracking.coverage.covers`.
Each overlap carries both places (the sentence in the document, the claim),
the claim number and whether it is independent, the other side's assignees and
both sides' dates, and says who was first.

>>> overlaps = composition_overlaps(index, "DEMO-A0002")  # doctest: +SKIP
>>> {(o.other_id, o.claim) for o in overlaps if o.composition == "Li10SiP2S12"}  # doctest: +SKIP
{('DEMO-P0002', 1), ('DEMO-P0002', 2), ...}
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date

from matmine.errors import DocumentNotFoundError
from matmine.index.api import IndexBackend
from matmine.models import Document, ExtractionResult, Material
from matmine.tracking.claims import claim_families
from matmine.tracking.coverage import UnsupportedFamilyError, covers
from matmine.tracking.disclosures import (
    effective_date,
    iter_scope,
    locate,
    organisation_names,
    public_date,
)
from matmine.tracking.timeline import clip

GASES = frozenset({"H2", "O2", "N2", "CO2", "CO", "H2O", "NH3", "H2S", "CH4", "Cl2", "F2", "SO2"})


@dataclass(frozen=True)
class Composition:
    """A concrete composition of the document, with the first place it is named."""

    formula: str
    text: str
    composition: dict[str, float]
    part_id: str
    sentence: str


@dataclass(frozen=True)
class Overlap:
    """One composition of the document inside one claim of another document."""

    composition: str
    material: str
    part_id: str
    sentence: str
    other_id: str
    other_kind: str
    other_title: str
    claim: int
    independent: bool
    claim_formula: str
    claim_values: str
    claim_text: str
    assignees: tuple[str, ...]
    date: date | None
    date_kind: str
    public: date | None
    other_date: date | None
    other_date_kind: str
    other_public: date | None
    first: str  # "document", "other", "same day" or "unknown" (by priority-deciding dates)

    def as_json(self) -> dict:
        out = asdict(self)
        for key in ("date", "public", "other_date", "other_public"):
            out[key] = out[key].isoformat() if out[key] else None
        return out


def document_compositions(document: Document, result: ExtractionResult) -> list[Composition]:
    """Concrete compositions (two or more elements, no free variables) a document names."""
    found: dict[str, Composition] = {}
    for record in (*result.records, *result.structures):
        m = record.material
        if m is not None and _concrete(m) and m.reduced_formula not in found:
            p = record.provenance
            found[m.reduced_formula] = Composition(m.reduced_formula, m.text, dict(m.composition),  # type: ignore[index]
                                                   p.part_id, clip(p.sentence or record.raw))
    for m in result.materials:
        if _concrete(m) and m.reduced_formula not in found:
            where = locate(document, m.text)
            if where is not None:
                found[m.reduced_formula] = Composition(m.reduced_formula, m.text,  # type: ignore[index]
                                                       dict(m.composition), where.part_id,
                                                       where.sentence)
    return list(found.values())


def _concrete(material: Material) -> bool:
    return (material.error is None and bool(material.composition) and len(material.elements) >= 2
            and material.reduced_formula is not None and material.reduced_formula not in GASES)


def composition_overlaps(index: IndexBackend, document_id: str, *,
                         kinds: tuple[str, ...] = ("patent",)) -> list[Overlap]:
    """Every (composition of the document, claim of another document) pair where the claim covers it."""
    stored = index.get(document_id)
    if stored is None:
        raise DocumentNotFoundError(f"no document {document_id!r} in the index")
    document, result = stored
    compositions = document_compositions(document, result)
    mine, mine_kind = effective_date(document.kind, document.dates)
    my_public, _ = public_date(document.kind, document.dates)
    out: list[Overlap] = []
    if not compositions:
        return out
    for other, _ in iter_scope(index, kinds=kinds):
        if other.id == document.id:
            continue
        families = claim_families(other)
        if not families:
            continue
        theirs, theirs_kind = effective_date(other.kind, other.dates)
        their_public, _ = public_date(other.kind, other.dates)
        assignees = organisation_names(other.kind, other.organisations)
        for comp in compositions:
            done: set[int] = set()
            for claimed in families:
                if claimed.claim in done:
                    continue
                try:
                    proof = covers(claimed.family, comp.composition)
                except UnsupportedFamilyError:
                    continue
                if proof is None:
                    continue
                done.add(claimed.claim)
                out.append(Overlap(
                    comp.formula, comp.text, comp.part_id, comp.sentence,
                    other.id, other.kind, other.title, claimed.claim, claimed.independent,
                    claimed.family.formula, proof.describe(), clip(claimed.text),
                    assignees, mine, mine_kind, my_public, theirs, theirs_kind, their_public,
                    _who_first(mine, theirs)))
    out.sort(key=lambda o: (o.composition, o.other_id, o.claim))
    return out


def _who_first(mine: date | None, theirs: date | None) -> str:
    if mine is None or theirs is None:
        return "unknown"
    if mine == theirs:
        return "same day"
    return "document" if mine < theirs else "other"


__all__ = ["Composition", "Overlap", "composition_overlaps", "document_compositions"]
