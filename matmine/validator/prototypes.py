"""Prototype crystal structures shipped with matmine (``prototypes/*.json``).

Each JSON file gives a published structure as space group + lattice + Wyckoff
positions (with partial occupancies where the refinement has them), its source,
and notes on what is approximated. :meth:`Prototype.structure` builds it with
``Structure.from_spacegroup``; every site carries its Wyckoff label in
``site.label`` so the rebuild step can substitute site by site.

>>> p = get_prototype("LGPS")
>>> p.space_group_number, p.formula
(137, 'Li10GeP2S12')
>>> len(p.structure()), sorted({site.label for site in p.structure()})[:3]
(58, ['Li1', 'Li2', 'Li3'])
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from importlib import resources
from typing import Any

from pymatgen.core import Composition, Lattice, Structure
from pymatgen.symmetry.analyzer import SpacegroupAnalyzer

from matmine.validator import errors as E

SYMPREC = 0.01
"""Symmetry tolerance (Å) for ``SpacegroupAnalyzer`` on prototypes and rebuilt structures."""

ANGLE_TOLERANCE = 5.0
"""Angle tolerance (degrees) for ``SpacegroupAnalyzer``."""


@dataclass(frozen=True)
class PrototypeSite:
    """One Wyckoff orbit: label, Wyckoff letter, published species/occupancies, representative position."""

    label: str
    wyckoff: str
    species: dict[str, float]
    frac_coords: tuple[float, float, float]

    @property
    def multiplicity(self) -> int:
        return int("".join(ch for ch in self.wyckoff if ch.isdigit()))

    @property
    def total_occupancy(self) -> float:
        return sum(self.species.values())


@dataclass(frozen=True, eq=False)  # identity hash: one instance per shipped file
class Prototype:
    """A shipped prototype structure and where it comes from."""

    name: str
    formula: str
    z: int
    aliases: tuple[str, ...]
    space_group_symbol: str
    space_group_number: int
    lattice: dict[str, float]
    sites: tuple[PrototypeSite, ...]
    ordered: bool
    occupancy_note: str
    source: dict[str, Any]
    coordinates_provenance: str
    setting: str = ""

    @property
    def elements(self) -> frozenset[str]:
        return frozenset(el for s in self.sites for el in s.species)

    @property
    def citation(self) -> str:
        s = self.source
        vol = f" {s['volume']}" if s.get("volume") else ""
        pages = f", {s['pages']}" if s.get("pages") else ""
        return f"{s['authors']}, {s['journal']}{vol}{pages} ({s['year']})"

    def pymatgen_lattice(self) -> Lattice:
        p = self.lattice
        return Lattice.from_parameters(p["a"], p["b"], p["c"], p["alpha"], p["beta"], p["gamma"])

    def structure(self, occupancies: dict[str, dict[str, float]] | None = None,
                  lattice: Lattice | None = None) -> Structure:
        """The prototype built from its Wyckoff positions; ``occupancies`` (label → species →
        occupancy) replaces the published species site by site. Sites keep their label;
        sites left empty (e.g. an unused interstitial) are dropped."""
        wanted = {
            site.label: {el: v for el, v in (site.species if occupancies is None
                                             else occupancies.get(site.label, {})).items() if v > 0}
            for site in self.sites
        }
        base = _expanded_sites(self)
        species, coords, labels = [], [], []
        for label, frac in base:
            if wanted[label]:
                species.append(Composition(wanted[label]))
                coords.append(frac)
                labels.append(label)
        return Structure(lattice or self.pymatgen_lattice(), species, coords, labels=labels)

    def cell_counts(self) -> dict[str, int]:
        """Number of positions per site label in the conventional cell."""
        return {s.label: s.multiplicity for s in self.sites}

    def summary(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "formula": self.formula,
            "space_group": f"{self.space_group_symbol} ({self.space_group_number})",
            "ordered": self.ordered,
            "source": self.citation,
            "doi": self.source.get("doi"),
            "occupancy_note": self.occupancy_note,
            "coordinates_provenance": self.coordinates_provenance,
        }


@functools.lru_cache(maxsize=None)
def _expanded_sites(proto: Prototype) -> tuple[tuple[str, tuple[float, float, float]], ...]:
    """(label, fractional coordinates) of every position in the cell, from
    ``Structure.from_spacegroup`` — computed once per prototype, because building
    pymatgen's ``SpaceGroup`` for cubic groups takes seconds."""
    placeholder = [Composition({next(iter(s.species)): 1.0}) for s in proto.sites]  # empty sites too
    full = Structure.from_spacegroup(
        proto.space_group_number, proto.pymatgen_lattice(), placeholder,
        [list(s.frac_coords) for s in proto.sites], labels=[s.label for s in proto.sites],
    )
    return tuple((site.label, tuple(float(x) for x in site.frac_coords)) for site in full)


def _load(data: dict[str, Any]) -> Prototype:
    sites = tuple(
        PrototypeSite(s["label"], s["wyckoff"], dict(s["species"]), tuple(s["frac_coords"]))
        for s in data["sites"]
    )
    return Prototype(
        name=data["name"],
        formula=data["formula"],
        z=int(data["z"]),
        aliases=tuple(a.lower() for a in data.get("aliases", ())),
        space_group_symbol=data["space_group_symbol"],
        space_group_number=int(data["space_group_number"]),
        lattice=dict(data["lattice"]),
        sites=sites,
        ordered=bool(data["ordered"]),
        occupancy_note=data.get("occupancy_note", ""),
        source=dict(data["source"]),
        coordinates_provenance=data.get("coordinates_provenance", ""),
        setting=data.get("setting", ""),
    )


@functools.lru_cache(maxsize=1)
def all_prototypes() -> tuple[Prototype, ...]:
    """Every shipped prototype, in file-name order."""
    folder = resources.files("matmine.validator") / "prototypes"
    items = sorted((p for p in folder.iterdir() if p.name.endswith(".json")), key=lambda p: p.name)
    return tuple(_load(json.loads(p.read_text(encoding="utf-8"))) for p in items)


def normalise_family(label: str) -> str:
    """``"LGPS-type"``, ``"lgps type"``, ``"Argyrodites"`` → comparable keys."""
    key = label.strip().lower().replace("_", "-").replace(" ", "-")
    for suffix in ("-type", "-like", "-structured", "-structure"):
        if key.endswith(suffix):
            key = key[: -len(suffix)]
    return key


def get_prototype(name_or_family: str) -> Prototype:
    """The prototype for a family label or prototype name; ``ValidationError(unknown_family)`` if none."""
    key = normalise_family(name_or_family)
    for proto in all_prototypes():
        keys = {normalise_family(proto.name), *(normalise_family(a) for a in proto.aliases)}
        if key in keys or key.rstrip("s") in keys:
            return proto
    known = ", ".join(p.name for p in all_prototypes())
    raise E.ValidationError(E.UNKNOWN_FAMILY, f"no prototype for family {name_or_family!r} (shipped: {known})")


def detect_space_group(structure: Structure, symprec: float = SYMPREC) -> tuple[str, int]:
    """(symbol, number) found by spglib through ``SpacegroupAnalyzer``."""
    sga = SpacegroupAnalyzer(structure, symprec=symprec, angle_tolerance=ANGLE_TOLERANCE)
    return sga.get_space_group_symbol(), sga.get_space_group_number()
