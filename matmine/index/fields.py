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
    # a closed vocabulary: values are checked against it and may be written unquoted
    choices: tuple[str, ...] = ()
    # an open vocabulary whose one-word values may also be written unquoted (``air``)
    bare_words: bool = False
    # stored lower and upper ends: the field is an interval, compared like a property value
    bounds: tuple[str, str] | None = None


CONDUCTIVITY = "conductivity"
VALUE_BOUNDS = ("lo", "hi")  # where a record's value interval is stored
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
                  ("ionic_conductivity",), example="ionic_conductivity >= 1 mS/cm",
                  bounds=VALUE_BOUNDS),
        FieldSpec(CONDUCTIVITY, "property", "record",
                  "ionic_conductivity or conductivity of unspecified kind (S/cm); "
                  "not electronic_conductivity", "conductivity",
                  ("ionic_conductivity", "conductivity"), example="conductivity > 1e-4 S/cm",
                  bounds=VALUE_BOUNDS),
        FieldSpec("electronic_conductivity", "property", "record",
                  "records whose property is electronic_conductivity (S/cm)", "conductivity",
                  ("electronic_conductivity",), example="electronic_conductivity < 1e-8 S/cm",
                  bounds=VALUE_BOUNDS),
        FieldSpec("activation_energy", "property", "record", "activation energy of conduction, or of nothing named (eV); those of a polarization "
                  "resistance, surface exchange or relaxation have their own property names "
                  "(`activation_energy_polarization` …)", "energy",
                  ("activation_energy",), example="activation_energy < 0.3 eV",
                  bounds=VALUE_BOUNDS),
        FieldSpec("temperature", "number", "record",
                  "temperature of the measurement (K), an interval: [T, T] for a single "
                  "temperature, [min, max] for a range (an Arrhenius fit between 25 and "
                  "100 °C); compared like a property value, so a range matches the "
                  "windows it overlaps", "temperature", example="temperature <= 60 °C",
                  bounds=("temperature_min", "temperature_max")),
        FieldSpec("temperature_min", "number", "record",
                  "lowest temperature of the measurement (K): the start of a range, or the "
                  "single temperature", "temperature", example="temperature_min >= 25 °C"),
        FieldSpec("temperature_max", "number", "record",
                  "highest temperature of the measurement (K): the end of a range, or the "
                  "single temperature", "temperature", example="temperature_max <= 100 °C"),
        FieldSpec("scope", "keyword", "record",
                  "which part of a polycrystal a conductivity (or the activation energy of its "
                  "conduction) describes: `bulk`, "
                  "`grain_boundary` or `total` (quotes optional); records that do not say "
                  "have none", example="scope = bulk",
                  choices=("bulk", "grain_boundary", "total")),
        FieldSpec("atmosphere", "keyword", "record",
                  "the gas a value was measured in, as the extractor labels it: `air`, `H2`, "
                  "`\"wet H2\"`, `\"5% H2/Ar\"`, `reducing` … (gas names are read as formulas: "
                  "`hydrogen` is `H2`); matches the whole label, ignoring case and spaces; a "
                  "one-word label needs no quotes; records that do not say have none",
                  example='atmosphere = "wet H2"', bare_words=True),
        FieldSpec("method", "keyword", "record",
                  "whether the sentence says the value was `measured` (impedance, "
                  "\"experimentally\" …) or `computed` (DFT, AIMD, MD, NEB, "
                  "first-principles, \"predicted\" …) (quotes optional); records whose "
                  "text does not say have none", example="method = computed",
                  choices=("measured", "computed")),
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
        FieldSpec("kind", "keyword", "document", '"paper" or "patent" (quotes optional)',
                  example='kind = "patent"', choices=("paper", "patent")),
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


def listed_choices(field: str) -> str:
    """``'"bulk", "grain_boundary" or "total"'``: the values of a closed-vocabulary field."""
    choices = FIELDS[field].choices
    return ", ".join(f'"{c}"' for c in choices[:-1]) + f' or "{choices[-1]}"'


def atmosphere_key(label: str) -> str:
    """Stored and queried form of an atmosphere label: tidied as the extractor tidies
    it (gas names to formulas), casefolded, without spaces.

    >>> atmosphere_key("5 % H2/Ar") == atmosphere_key("5% h2/Ar") == "5%h2/ar"
    True
    >>> atmosphere_key("wet hydrogen") == atmosphere_key("Wet H2") == "weth2"
    True
    """
    from matmine.extractors.atmospheres import atmosphere_label

    return "".join(atmosphere_label(label).casefold().split())


def _atmosphere(text: str) -> str:
    key = atmosphere_key(text)
    if not key:
        raise FieldValueError('atmosphere needs a gas label such as air, "wet H2" or "5% H2/Ar"')
    return key


def keyword_value(field: str, text: str) -> str | int:
    """Normalise a quoted value of a keyword field; raises FieldValueError."""
    choices = FIELDS[field].choices
    if choices:
        # "grain boundary", "Grain-Boundary" and grain_boundary are one value
        word = re.sub(r"[\s\-]+", "_", text.strip().casefold())
        if word not in choices:
            raise FieldValueError(f"{field} is {listed_choices(field)}, not {text!r}")
        return word
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
        "atmosphere": _atmosphere,
    }
    return normalisers[field](text)


def _formula(text: str) -> str:
    try:
        return formula_key(text)
    except ValueError as exc:
        raise FieldValueError(f"cannot read formula {text!r}: {exc}") from None
