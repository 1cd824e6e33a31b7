"""``build_candidates``: extracted materials in, simulation-ready candidates out.

>>> report = build_candidates(["Li10SiP2S12", "Li2Cl"], out_dir=None)
>>> [c.formula for c in report.candidates], [r.rejected_category for r in report.rejections]
(['Li10SiP2S12'], ['not_charge_balanced'])

Each input goes through normalise → charge balance → rebuild (+ verify) → export.
Inputs with the same reduced composition are merged into one candidate that lists
every source record. Nothing is dropped silently: with ``on_error="collect"`` (the
default) a failure becomes a rejection with a category and a reason; with
``on_error="raise"`` the first one is raised as a ``ValidationError``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, Union

from pymatgen.core import Composition

from matmine.models import Candidate, Material
from matmine.validator import errors as E
from matmine.validator.charge_balance import ChargeBalance, check_charge_balance
from matmine.validator.export import candidate_entry, slugify, write_manifest, write_structure_files
from matmine.validator.normalise import NormalisedComposition, format_formula, normalise
from matmine.validator.prototypes import get_prototype
from matmine.validator.rebuild import COMPOSITION_TOLERANCE, VolumeMode, rebuild

OnError = Literal["collect", "raise"]
MaterialInput = Union[Material, str, Mapping[str, float], tuple[Any, Sequence[str]]]

DEDUP_DECIMALS = 4
"""Atomic fractions are rounded to this many decimals to decide that two inputs are the same composition."""


@dataclass
class CandidateReport:
    """Accepted candidates, rejections (candidates with ``rejected_reason``) and run warnings."""

    candidates: list[Candidate] = field(default_factory=list)
    rejections: list[Candidate] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    manifest: Path | None = None

    def counts(self) -> dict[str, Any]:
        by_category: dict[str, int] = {}
        for r in self.rejections:
            by_category[r.rejected_category or "?"] = by_category.get(r.rejected_category or "?", 0) + 1
        return {"candidates": len(self.candidates), "rejected": len(self.rejections),
                "rejected_by_category": dict(sorted(by_category.items()))}


def composition_key(comp: Composition) -> str:
    """Dedup key: the reduced composition as rounded atomic fractions."""
    fr = comp.fractional_composition
    return " ".join(f"{el.symbol}{round(float(fr[el]), DEDUP_DECIMALS):g}" for el in sorted(fr, key=lambda e: e.symbol))


@dataclass
class _Entry:
    norm: NormalisedComposition
    texts: list[str]
    sources: list[str]


def _split(item: MaterialInput) -> tuple[Any, tuple[str, ...]]:
    if isinstance(item, tuple) and len(item) == 2 and not isinstance(item[1], (int, float)):
        return item[0], tuple(str(s) for s in item[1])
    return item, ()


def _rejected(formula: str, comp: dict[str, float], *, text: str, family: str | None, sources: Sequence[str],
              exc: E.ValidationError, balance: ChargeBalance | None = None) -> Candidate:
    return Candidate(
        formula=formula, composition=comp, source_records=tuple(sources), input_text=text, family=family,
        charge_balanced=balance.balanced if balance else None,
        oxidation_states=dict(balance.oxidation_states) if balance else {},
        rejected_reason=exc.reason, rejected_category=exc.category,
    )


def build_candidates(
    materials: Iterable[MaterialInput],
    *,
    out_dir: Path | None,
    on_error: OnError = "collect",
    family: str | None = None,
    require_charge_balance: bool = True,
    volume: VolumeMode = "ionic",
    composition_tolerance: float = COMPOSITION_TOLERANCE,
) -> CandidateReport:
    """Normalise, charge-balance, rebuild, verify and (with ``out_dir``) export each material.

    ``family`` overrides every material's own family label. Materials given as
    ``(material, record_ids)`` carry their source record ids into the manifest.
    """
    if on_error not in ("collect", "raise"):
        raise E.MatmineError(f"on_error must be 'collect' or 'raise', not {on_error!r}")
    if family is not None:
        get_prototype(family)  # an unknown family asked for by the caller is a usage error
    report = CandidateReport()
    entries: dict[str, _Entry] = {}
    for item in materials:
        raw, sources = _split(item)
        text = raw.text if isinstance(raw, Material) else str(raw)
        try:
            norm = normalise(raw, family=family, source_records=sources)
        except E.ValidationError as exc:
            if on_error == "raise":
                raise
            report.rejections.append(_rejected(text, {}, text=text, family=family, sources=sources, exc=exc))
            continue
        key = composition_key(norm.composition)
        if key in entries:
            entry = entries[key]
            entry.sources.extend(s for s in sources if s not in entry.sources)
            if norm.text not in entry.texts:
                entry.texts.append(norm.text)
            report.warnings.append(f"{norm.text!r} merged with {entry.norm.text!r} (same reduced composition)")
            continue
        entries[key] = _Entry(norm, [norm.text], list(sources))

    rows: list[dict[str, Any]] = []
    for entry in entries.values():
        candidate, row = _build_one(entry, out_dir=out_dir, on_error=on_error,
                                    require_charge_balance=require_charge_balance, volume=volume,
                                    composition_tolerance=composition_tolerance)
        (report.rejections if candidate.rejected_reason else report.candidates).append(candidate)
        rows.append(row)
    if out_dir is not None:
        early = [candidate_entry(r) for r in report.rejections if not r.composition]
        report.manifest = write_manifest(
            Path(out_dir), early + rows, warnings=report.warnings,
            settings={"family": family, "require_charge_balance": require_charge_balance, "volume": volume,
                      "composition_tolerance": composition_tolerance, "on_error": on_error},
        )
    return report


def _build_one(entry: _Entry, *, out_dir: Path | None, on_error: OnError, require_charge_balance: bool,
               volume: VolumeMode, composition_tolerance: float) -> tuple[Candidate, dict[str, Any]]:
    norm = entry.norm
    comp = norm.composition
    formula = format_formula(comp)
    amounts = {el.symbol: float(a) for el, a in comp.items()}
    text = " | ".join(entry.texts)
    balance: ChargeBalance | None = None
    family = norm.family
    label_warnings: list[str] = []
    if family is not None:
        try:
            get_prototype(family)
        except E.ValidationError:
            # a material's own label ("sulfides", "oxides") may name no shipped prototype
            label_warnings.append(f"family label {family!r} names no shipped prototype; chosen automatically")
            family = None
    try:
        balance = check_charge_balance(comp)
        if require_charge_balance and not balance.balanced:
            raise E.ValidationError(E.NOT_CHARGE_BALANCED, balance.reason or "not charge balanced")
        result = rebuild(comp, family=family, charges=dict(balance.oxidation_states), volume=volume,
                         composition_tolerance=composition_tolerance)
        warnings = list(norm.warnings) + label_warnings + list(result.warnings)
        if not balance.balanced:
            warnings.append(f"not charge balanced ({balance.reason}); rebuilt anyway")
        files: list[str] = []
        if out_dir is not None:
            name = slugify(f"{formula}_{result.prototype.name}")
            files, notes = write_structure_files(result.structure, Path(out_dir) / name, name)
            warnings.extend(notes)
        candidate = Candidate(
            formula=formula, composition=amounts, source_records=tuple(entry.sources),
            prototype=result.prototype.name, charge_balanced=balance.balanced,
            oxidation_states=dict(balance.oxidation_states), files=tuple(files), input_text=text,
            family=norm.family, space_group_symbol=result.space_group[0],
            space_group_number=result.space_group[1], ordered=result.ordered,
            substitutions=result.filling.substitutions, warnings=tuple(warnings),
        )
        proto = {**result.prototype.summary(), "anchor": result.filling.anchor,
                 "host_fraction": round(result.filling.host_fraction, 4),
                 "volume_scale": round(result.volume_scale, 4)}
        return candidate, candidate_entry(candidate, balance.as_dict(), proto)
    except E.ValidationError as exc:
        if on_error == "raise":
            raise
        candidate = _rejected(formula, amounts, text=text, family=norm.family, sources=entry.sources,
                              exc=exc, balance=balance)
    except Exception as exc:  # noqa: BLE001 - counted and reported, never silently dropped
        if on_error == "raise":
            raise
        err = E.ValidationError(E.INTERNAL_ERROR, f"{type(exc).__name__}: {exc}")
        candidate = _rejected(formula, amounts, text=text, family=norm.family, sources=entry.sources,
                              exc=err, balance=balance)
    return candidate, candidate_entry(candidate, balance.as_dict() if balance else None)
