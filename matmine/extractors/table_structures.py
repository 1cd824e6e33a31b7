"""Structure facts from table cells: space group, crystal system, structure type and
lattice parameters, with the material from the row.

A column header says what a cell holds: ``Space group``, ``S.G.``, ``Crystal
system``, ``Structure (type)``, ``a (Å)``, ``c / nm``, ``V (Å3)``, ``Lattice
parameter a (Å)``.  The cell then holds a symbol (``P-3m1``), a word (``cubic``,
``garnet``) or a number with its uncertainty (``8.71(1)``).

>>> from matmine.models import DocumentPart
>>> cell = DocumentPart(part_id="table:t1:r1c2", kind="table_cell", text="12.97(1)",
...     column_headers=("a (Å)",), row_headers=("Li7La3Zr2O12",))
>>> f = extract_table_structures("doc", cell)[0]
>>> (f.kind, f.parameter, f.value, f.error, f.unit, f.material.formula)
('lattice_parameter', 'a', 12.97, 0.01, 'Å', 'Li7La3Zr2O12')
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from matmine.extractors.spacegroups import lookup_space_group
from matmine.extractors.structures import match_uncertainty, structure_type_of
from matmine.extractors.tables import cell_context, row_material
from matmine.models import DocumentPart, Material, Provenance, StructureFact

_I = re.IGNORECASE
_SPACE_GROUP_HEADER_RE = re.compile(r"space[\s-]*group|\bS\.\s?G\.|^\s*SG\s*$", _I)
_SYSTEM_HEADER_RE = re.compile(r"crystal\s+system|\bsymmetry\b|lattice\s+(?:type|system)", _I)
_TYPE_HEADER_RE = re.compile(r"structure(?:\s+type)?|\bphase\b|\bpolymorph|\bfamily\b", _I)
# "a (Å)", "a / nm", "Lattice parameter a (Å)", "c, Å", "V (Å3)", "Cell volume (Å^3)"
_LATTICE_HEADER_RE = re.compile(
    r"^(?:(?:lattice|cell)\s+(?:parameters?|constants?)\s+)?(?P<name>[abcV]|α|β|γ)"
    r"\s*(?:[(\[]|/|,|\s)\s*(?P<unit>Å|\u212b|nm|pm|°|deg)(?P<cube>3|³|\^3)?\s*[)\]]?\s*$"
    r"|(?P<volume>(?:unit[\s-]+)?cell\s+volume|^volume)\s*(?:[(\[]|/|,)?\s*(?:V\s*)?[(\[]?"
    r"\s*(?P<vunit>Å|\u212b|nm)(?:3|³|\^3)\s*[)\]]?\s*$", _I)
_NUMBER_RE = re.compile(
    r"^\s*(?P<num>\d+(?:\.\d+)?)\s*(?:\((?P<unc>\d{1,3})\)|(?:±|\+/-)\s*(?P<pm>\d+(?:\.\d+)?))?\s*$")
_SYSTEMS = {
    "cubic": "cubic", "tetragonal": "tetragonal", "orthorhombic": "orthorhombic",
    "hexagonal": "hexagonal", "trigonal": "trigonal", "rhombohedral": "trigonal",
    "monoclinic": "monoclinic", "triclinic": "triclinic",
}
_LENGTH_TO_ANGSTROM = {"Å": 1.0, "\u212b": 1.0, "nm": 10.0, "pm": 0.01}


def _innermost(headers: Sequence[str]) -> str:
    return next((h for h in reversed(headers) if h.strip()), "")


def _space_group(text: str) -> dict | None:
    found = lookup_space_group(text.strip())
    if found is None:
        return None
    number, symbol, system = found
    return {"kind": "space_group", "space_group_symbol": symbol, "space_group_number": number,
            "crystal_system": system}


def _crystal_system(text: str) -> dict | None:
    word = text.strip().lower()
    if word in _SYSTEMS:
        return {"kind": "crystal_system", "crystal_system": _SYSTEMS[word]}
    return _space_group(text)  # a "Symmetry" column often holds the space group


def _structure_type(text: str) -> dict | None:
    label = structure_type_of(text)
    if label is None:
        return None
    return {"kind": "structure_type", "structure_type": label}


def _lattice(text: str, header: re.Match[str]) -> dict | None:
    number = _NUMBER_RE.match(text)
    if number is None:
        return None
    value = float(number.group("num"))
    error = match_uncertainty(number)
    if header.group("volume") or header.group("cube"):
        unit = header.group("vunit") or header.group("unit")
        factor = _LENGTH_TO_ANGSTROM.get(unit)
        if factor is None:
            return None
        factor **= 3
        return {"kind": "lattice_parameter", "parameter": "V", "unit": "Å³",
                "value": round(value * factor, 8),
                "error": round(error * factor, 8) if error is not None else None}
    name = {"α": "alpha", "β": "beta", "γ": "gamma"}.get(header.group("name"), header.group("name"))
    unit = header.group("unit")
    if name == "V":
        return None  # a volume with a length unit: not trusted
    if unit in ("°", "deg"):
        if name not in ("alpha", "beta", "gamma"):
            return None
        return {"kind": "lattice_parameter", "parameter": name, "unit": "°", "value": value,
                "error": error}
    if name in ("alpha", "beta", "gamma"):
        return None
    factor = _LENGTH_TO_ANGSTROM[unit]
    return {"kind": "lattice_parameter", "parameter": name, "unit": "Å",
            "value": round(value * factor, 10),
            "error": round(error * factor, 10) if error is not None else None}


def _read_cell(text: str, header: str) -> dict | None:
    lattice = _LATTICE_HEADER_RE.search(header.strip())
    if lattice:
        return _lattice(text, lattice)
    if _SPACE_GROUP_HEADER_RE.search(header):
        return _space_group(text)
    if _SYSTEM_HEADER_RE.search(header):
        return _crystal_system(text)
    if _TYPE_HEADER_RE.search(header):
        return _structure_type(text)
    return None


def extract_table_structures(
    document_id: str,
    part: DocumentPart,
    row_cells: Sequence[DocumentPart] = (),
    title_material: Material | None = None,
    series: Material | None = None,
) -> list[StructureFact]:
    """The structure fact of one table cell, if its column holds one (zero or one)."""
    text = part.text.strip()
    header = _innermost(part.column_headers)
    if not text or not header or len(text) > 40:
        return []
    found = _read_cell(text, header)
    if found is None:
        return []
    material = row_material(part, row_cells, title_material, series)
    start = part.text.index(text[0])
    fact = StructureFact(
        document_id=document_id, raw=text, material=material,
        confidence=0.85 if material is not None else 0.6,
        provenance=Provenance(
            document_id=document_id, part_id=part.part_id, part_kind=part.kind,
            start=start, end=start + len(text), sentence=part.text, sentence_start=0,
            source_offset=part.source_offset, context=cell_context(part)),
        **found,
    )
    return [fact.with_id()]


__all__ = ["extract_table_structures"]
