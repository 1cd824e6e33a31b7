"""The fields a filter can name: what they mean, their type and level.

One table (:data:`FIELDS`) is the single source for the parser (what is
allowed and how values are normalised), both backend compilers (which column
or Elasticsearch field) and ``docs/query-language.md``.

* ``record`` fields are facts of one PropertyRecord / StructureFact row, or of
  the material it is linked to;
* ``document`` fields are facts of the document the record comes from (every
  record carries them, so they combine freely with record fields).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Literal

from matmine.index.chemistry import chemsys_key, formula_key
from matmine.index.units import Dimension

FieldType = Literal["elements", "property", "number", "integer", "keyword", "date"]


@dataclass(frozen=True)
class FieldSpec:
    name: str
    type: FieldType
    level: Literal["record", "document"]
    help: str
    dimension: Dimension | None = None
    properties: tuple[str, ...] = ()
    starts: bool = False  # STARTS allowed
    example: str = ""


CONDUCTIVITY = "conductivity"
FIELDS: dict[str, FieldSpec] = {
    f.name: f
    for f in [
        FieldSpec("elements", "elements", "record", "elements of the record's material",
                  example='elements HAS ALL "Li","P","S"'),
        FieldSpec("nelements", "integer", "record", "number of distinct elements of the material",
                  example="nelements = 4"),
        FieldSpec("chemsys", "keyword", "record", "chemical system, order-free",
                  example='chemsys = "Ge-Li-P-S"'),
        FieldSpec("formula", "keyword", "record", "reduced formula, order-free",
                  example='formula = "Li10GeP2S12"'),
        FieldSpec("ionic_conductivity", "property", "record",
                  "records whose property is ionic_conductivity (S/cm)", "conductivity",
                  ("ionic_conductivity",), example="ionic_conductivity >= 1 mS/cm"),
        FieldSpec(CONDUCTIVITY, "property", "record",
                  "ionic_conductivity or conductivity of unspecified kind (S/cm); "
                  "not electronic_conductivity", "conductivity",
                  ("ionic_conductivity", "conductivity"), example="conductivity > 1e-4 S/cm"),
        FieldSpec("electronic_conductivity", "property", "record",
                  "records whose property is electronic_conductivity (S/cm)", "conductivity",
                  ("electronic_conductivity",), example="electronic_conductivity < 1e-8 S/cm"),
        FieldSpec("activation_energy", "property", "record", "activation energy (eV)", "energy",
                  ("activation_energy",), example="activation_energy < 0.3 eV"),
        FieldSpec("temperature", "number", "record",
                  "temperature of the measurement (K); a record measured over a range "
                  "(an Arrhenius fit between 25 and 100 °C) has no single temperature, so "
                  "every temperature comparison is false for it",
                  "temperature", example="temperature <= 60 °C"),
        FieldSpec("property", "keyword", "record", "the record's property name",
                  example='property = "activation_energy"'),
        FieldSpec("confidence", "number", "record", "extraction confidence, 0 to 1",
                  example="confidence >= 0.8"),
        FieldSpec("structure_type", "keyword", "record",
                  "structure type / family of the material (own fact, or a structure fact "
                  "about the same formula in the same document)",
                  example='structure_type = "argyrodite"'),
        FieldSpec("space_group", "keyword", "record",
                  "space group number (or symbol, quoted) of the material",
                  example="space_group = 137"),
        FieldSpec("crystal_system", "keyword", "record", "crystal system of the material",
                  example='crystal_system = "tetragonal"'),
        FieldSpec("kind", "keyword", "document", '"paper" or "patent"', example='kind = "patent"'),
        FieldSpec("id", "keyword", "document", "document id (any usual spelling)", starts=True,
                  example='id = "US8926509B2"'),
        FieldSpec("assignee", "keyword", "document",
                  "harmonised assignee / applicant name, case-insensitive", starts=True,
                  example='assignee = "Toyota"'),
        FieldSpec("organisation", "keyword", "document",
                  "any organisation (assignee, applicant, affiliation), harmonised or raw",
                  starts=True, example='organisation = "MIT"'),
        FieldSpec("cpc", "keyword", "document", "CPC class, spaces ignored", starts=True,
                  example='cpc STARTS "H01M10/056"'),
        FieldSpec("ipc", "keyword", "document", "IPC class, spaces ignored", starts=True,
                  example='ipc STARTS "H01M"'),
        FieldSpec("published", "date", "document", "first publication date",
                  example="published >= 2011-01-01"),
        FieldSpec("filed", "date", "document", "filing date", example="filed < 2012"),
        FieldSpec("priority", "date", "document", "priority date",
                  example="priority <= 2010-12-31"),
        FieldSpec("granted", "date", "document", "grant date", example="granted >= 2015"),
        FieldSpec("year", "integer", "document", "year of publication", example="year = 2011"),
    ]
}
DATE_FIELDS = tuple(n for n, f in FIELDS.items() if f.type == "date")


class FieldValueError(ValueError):
    """A value does not fit its field; the message says why."""


def _harmonise(name: str) -> str:
    try:
        from matmine.tracking.assignees import harmonise_organisation
    except ImportError:  # the tracking module is optional at this layer
        return name.strip()
    try:
        return harmonise_organisation(name) or name.strip()
    except Exception:  # noqa: BLE001 - a harmoniser bug must not break search
        return name.strip()


@functools.lru_cache(maxsize=65536)
def organisation_key(name: str) -> str:
    """Stored and queried form of organisation names: harmonised, casefolded."""
    return " ".join(_harmonise(name).casefold().split())


def raw_organisation_key(name: str) -> str:
    return " ".join(name.casefold().split())


@functools.lru_cache(maxsize=65536)
def class_key(code: str) -> str:
    """``'H01M 10/0562'`` -> ``'H01M10/0562'``."""
    return re.sub(r"\s+", "", code).upper()


@functools.lru_cache(maxsize=65536)
def structure_type_key(text: str) -> str:
    """``'LGPS-type'``, ``'LGPS type'``, ``'lgps'`` -> ``'lgps'``."""
    text = " ".join(text.casefold().split())
    return re.sub(r"[\s\-]*(type|structure|structured|phase)$", "", text).strip() or text


def symbol_key(text: str) -> str:
    """Space-group symbols compared without spaces, case kept (``P4_2/nmc``)."""
    return re.sub(r"\s+", "", text)


def document_id_keys(text: str) -> list[str]:
    """Lookup keys for a document id: the reader's normalisations, then a fallback."""
    return list(_document_id_keys(text))


@functools.lru_cache(maxsize=4096)
def _document_id_keys(text: str) -> tuple[str, ...]:
    keys: list[str] = []
    try:
        from matmine.documents import ids as _ids
    except ImportError:
        _ids = None  # type: ignore[assignment]
    if _ids is not None:
        for fn_name in ("normalise_document_id", "candidate_ids"):
            fn = getattr(_ids, fn_name, None)
            if fn is None:
                continue
            try:
                got = fn(text)
            except Exception:  # noqa: BLE001 - an unparseable id simply has fewer keys
                continue
            keys.extend([got] if isinstance(got, str) else list(got))
    stripped = text.strip()
    fallback = re.sub(r"^(https?://)?(dx\.)?doi\.org/|^doi:\s*", "", stripped, flags=re.I)
    if fallback.startswith("10."):
        keys.append(fallback.lower())
    else:
        keys.append(re.sub(r"[\s,\-]", "", fallback).upper())
    keys.append(stripped)
    return tuple(dict.fromkeys(k for k in keys if k))


def date_int(value: date) -> int:
    return value.year * 10000 + value.month * 100 + value.day


def keyword_value(field: str, text: str) -> str | int:
    """Normalise a quoted value of a keyword field; raises FieldValueError."""
    if field == "kind":
        kind = text.strip().lower()
        if kind not in ("paper", "patent"):
            raise FieldValueError(f'kind is "paper" or "patent", not {text!r}')
        return kind
    normalisers: dict[str, Callable[[str], str | int]] = {
        "chemsys": chemsys_key,
        "formula": _formula,
        "structure_type": structure_type_key,
        "crystal_system": lambda t: t.strip().casefold(),
        "assignee": organisation_key,
        "organisation": organisation_key,
        "cpc": class_key,
        "ipc": class_key,
        "property": lambda t: t.strip().lower(),
        "space_group": symbol_key,
        "id": lambda t: document_id_keys(t)[0],
    }
    return normalisers[field](text)


def _formula(text: str) -> str:
    try:
        return formula_key(text)
    except ValueError as exc:
        raise FieldValueError(f"cannot read formula {text!r}: {exc}") from None
