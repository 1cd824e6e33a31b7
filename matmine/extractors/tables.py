"""Property records from table cells, with unit and temperature from the headers.

A JATS or CALS table reaches us as ``table_cell`` parts carrying their column
and row header paths.  The column headers say what is measured and in which
unit (``σ (mS cm−1)``, ``σ25 °C / S cm−1``, ``Ea (eV)``, ``log σ (S/cm)``,
``σ at 300 K``); the row header (or the row's first cell) names the material,
parsed with :func:`matmine.extractors.compositions.parse_material`.

>>> from matmine.models import DocumentPart
>>> cell = DocumentPart(part_id="table:t1:r1c1", kind="table_cell", text="12",
...     column_headers=("σ25 °C (mS cm−1)",), row_headers=("Li10GeP2S12",))
>>> r = extract_table_cell("doc", cell)[0]
>>> (r.property, r.value, r.temperature_K)
('conductivity', 0.012, 298.15)
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from matmine.extractors.atmospheres import header_atmosphere
from matmine.extractors.properties import PROPERTY_REGISTRY
from matmine.extractors.scopes import header_scope
from matmine.extractors.quantities import Quantity, find_quantities
from matmine.extractors.temperatures import temperature_fields
from matmine.extractors.units import UNIT_PATTERN, UnitInfo, parse_unit
from matmine.models import DocumentPart, Material, PropertyRecord, Provenance

_HEADER_UNIT_RE = re.compile(
    r"(?:[(\[]\s?(?P<a>" + UNIT_PATTERN + r")\s?[)\]]|/\s?(?P<b>" + UNIT_PATTERN + r")\s*$"
    r"|\bin\s+(?P<c>" + UNIT_PATTERN + r")|,\s?(?P<d>" + UNIT_PATTERN + r")\s*$)"
)
_BRACKET_UNIT_RE = re.compile(r"[(\[]\s?" + UNIT_PATTERN + r"\s?[)\]]")
_LOG_RE = re.compile(r"\blog\s?(?:10)?\s?[(\[]?\s?(?:σ|sigma|conductivity)", re.IGNORECASE)
_HEADER_TEMPERATURE_RE = re.compile(
    r"(?:σ|sigma|conductivity|Ea)\s?(?:_|,)?\s?(?P<t>[-−]?\d+(?:\.\d+)?)\s?(?P<u>°\s?C|oC|℃|K)\b"
)
_TEMPERATURE_HEADER_RE = re.compile(
    r"^\s*(?:T|θ)\b|\btemp\.?(?!\w)|\btemperatures?\b", re.IGNORECASE)
# a process temperature is not the measuring temperature
_PROCESS_TEMPERATURE_RE = re.compile(
    r"sinter|anneal|calcin|heat|synthes|crystalli[sz]|melt|treat|milling|deposit|growth|"
    r"transition|decompos", re.IGNORECASE)
_HEADER_RT_RE = re.compile(
    r"(?:σ|sigma|conductivity|Ea)\s?_?\s?(?:RT|r\.t\.)(?![a-z])|\(\s?RT\s?\)|\bat\s+RT\b|"
    r"room[- ]temperature", re.IGNORECASE)
_HEADER_UNIT_CLEAN_RE = re.compile(r"°\s?C\.")
_COMPOSITION_HEADER_RE = re.compile(r"composition|formula|compound|material", re.IGNORECASE)
_MATERIAL_HEADER_RE = re.compile(
    r"composition|sample|material|compound|electrolyte|formula|^\s*x\s*$", re.IGNORECASE)


def _parse_material(text: str) -> Material:
    try:
        from matmine.extractors.compositions import parse_material
    except ImportError:
        return Material(text=text, error="composition parser unavailable")
    return parse_material(text)


def header_unit(headers: Sequence[str]) -> tuple[UnitInfo, str] | None:
    """The unit named in the column headers (innermost header wins)."""
    for header in reversed(headers):
        for m in _HEADER_UNIT_RE.finditer(header):
            raw = next(g for g in m.groups() if g)
            unit = parse_unit(raw)
            if unit.kind != "unknown":
                return unit, raw
    return None


def header_temperature(headers: Sequence[str]) -> Quantity | None:
    """``σ25 °C``, ``σ at 300 K``, ``σ (RT)``: the measuring temperature in a header."""
    text = " ".join(headers)
    m = _HEADER_TEMPERATURE_RE.search(text)
    if m is not None:
        q = find_quantities(m.group("t") + " " + m.group("u").replace(" ", ""))
        if q and q[0].kind == "temperature":
            t = q[0]
            t.raw = text[m.start("t"):m.end("u")]
            return t
    # "Ea, 25–100 °C (eV)": the bracketed unit is the column's, not the temperature's
    for q in find_quantities(_BRACKET_UNIT_RE.sub(lambda m: " " * len(m.group()), text)):
        if q.kind == "temperature":
            return q
    rt = _HEADER_RT_RE.search(text)
    if rt is not None:  # "σRT (mS cm−1)": room temperature, 298 K assumed
        q = next((q for q in find_quantities("room temperature") if q.kind == "temperature"),
                 None)
        if q is not None:
            q.raw = rt.group()
            return q
    return None


def _single_temperature(prop: str) -> bool:
    for spec in PROPERTY_REGISTRY.values():
        if prop in spec.names():
            return spec.single_temperature
    return True


def _property_of(headers: Sequence[str], unit: UnitInfo | None) -> str | None:
    text = " ".join(headers)
    for spec in PROPERTY_REGISTRY.values():
        if unit is not None and unit.kind != spec.unit_kind:
            continue
        cue = spec.cue.search(text)
        if cue is None and (spec.require_cue or unit is None):
            continue
        if spec.negative_cue is not None and spec.negative_cue.search(text) and cue is None:
            continue
        return spec.name_for(cue, text, "")
    return None


_VARIABLE_LABEL_RE = re.compile(r"^\s*(?P<var>[xyzδ])\s*=\s*(?P<value>\d*\.?\d+)\s*$")
_BARE_NUMBER_RE = re.compile(r"^\s*(?P<value>\d*\.?\d+)\s*$")
_VARIABLE_HEADER_RE = re.compile(r"^\s*(?P<var>[xyzδ])\s*(?:\(.*\))?\s*$")


def series_member(
    part: DocumentPart, row_cells: Sequence[DocumentPart], series: Material | None
) -> Material | None:
    """The member of a caption's composition series a row stands for: the caption
    names "Li7−xLa3Zr2−xTaxO12" and the row is "x = 0.25" (or 0.25 under an "x"
    column), so the row's material is Li6.75La3Zr1.75Ta0.25O12."""
    if series is None or not series.formula:
        return None
    found: tuple[str, float] | None = None
    for label in part.row_headers:
        m = _VARIABLE_LABEL_RE.match(label)
        if m:
            found = (m.group("var"), float(m.group("value")))
    if found is None:
        for cell in row_cells:
            if cell is part or (cell.column or 0) >= (part.column or 0):
                continue
            header = next((h for h in reversed(cell.column_headers) if h.strip()), "")
            hm, vm = _VARIABLE_HEADER_RE.match(header), _BARE_NUMBER_RE.match(cell.text)
            lm = _VARIABLE_LABEL_RE.match(cell.text)
            if hm and vm:
                found = (hm.group("var"), float(vm.group("value")))
            elif lm:
                found = (lm.group("var"), float(lm.group("value")))
    if found is None or found[0] not in series.formula:
        return None
    try:
        from matmine.extractors.compositions import parse_material
    except ImportError:
        return None
    member = parse_material(series.formula, {found[0]: found[1]})
    if member.error is not None or not member.composition:
        return None
    return member.model_copy(update={"text": f"{series.text} ({found[0]} = {found[1]:g})"})


def row_material(
    part: DocumentPart, row_cells: Sequence[DocumentPart], title_material: Material | None,
    series: Material | None = None,
) -> Material | None:
    """The material a cell's row describes: a member of the caption's composition
    series ("x = 0.25"), its row header, else the first (or the Composition) column,
    else the document's title compound."""
    member = series_member(part, row_cells, series)
    if member is not None:
        return member
    names = [h for h in part.row_headers if h.strip()]
    if not names:
        for cell in row_cells:
            if cell.column is not None and cell.column < (part.column or 0) and (
                cell.column == 0 or any(_MATERIAL_HEADER_RE.search(h)
                                        for h in cell.column_headers)
            ):
                names = [cell.text]
                break
    for name in names:
        material = _parse_material(name.strip())
        if material.error is None and (material.composition or material.formula):
            return material
        mention = _first_mention(name)  # "70Li2S–30P2S5 glass ceramic"
        if mention is not None:
            return mention
    if names:
        # "Example 1" | Li10GeP2S12: a sample label, with the composition in its own column
        for cell in row_cells:
            if cell is part or not any(_COMPOSITION_HEADER_RE.search(h)
                                       for h in cell.column_headers):
                continue
            material = _parse_material(cell.text.strip())
            if material.error is None and material.composition:
                return material.model_copy(update={
                    "abbreviation": material.abbreviation or names[0].strip()})
        # a row header that names no formula is still the row's material
        return Material(text=names[0].strip(), abbreviation=names[0].strip(),
                        error="sample label or name: not parsed into elements")
    return title_material


def _first_mention(text: str) -> Material | None:
    try:
        from matmine.extractors.material_mentions import find_material_mentions
    except ImportError:
        return None
    found = [m for m in find_material_mentions(text) if m.composition or m.formula]
    return found[0] if found else None


def _row_temperature(row_cells: Sequence[DocumentPart]) -> Quantity | None:
    for cell in row_cells:
        if any(_TEMPERATURE_HEADER_RE.search(h) for h in cell.column_headers) and not any(
                _PROCESS_TEMPERATURE_RE.search(h) for h in cell.column_headers):
            # "(° C.)": the full stop of a patent's "° C." is no part of the unit
            unit = header_unit([_HEADER_UNIT_CLEAN_RE.sub("°C", h) for h in cell.column_headers])
            qs = find_quantities(cell.text)
            if not qs or qs[0].value is None:
                continue
            q = qs[0]
            if q.kind == "temperature":
                return q
            if unit is not None and unit[0].kind == "temperature":
                q.raw = f"{cell.text.strip()} {unit[1]}"
                q.value = round(unit[0].convert(q.value), 10)
                q.unit = unit[0]
                return q
    return None


def extract_table_cell(
    document_id: str,
    part: DocumentPart,
    title_material: Material | None = None,
    row_cells: Sequence[DocumentPart] = (),
    series: Material | None = None,
) -> list[PropertyRecord]:
    """Records from one table cell (usually zero or one).  ``series`` is a formula with
    a variable named in the table's caption, for rows labelled "x = 0.25"."""
    headers = tuple(h for h in part.column_headers if h)
    if not headers or not part.text.strip():
        return []
    found = header_unit(headers)
    unit, unit_raw = found if found else (None, "")
    qs = [q for q in find_quantities(part.text) if q.value is not None and q.kind != "temperature"]
    if not qs:
        return []
    q = qs[0]
    if q.unit is not None and q.unit.kind in ("conductivity", "energy"):
        unit, unit_raw = q.unit, q.unit_raw
        value, vmin, vmax, err = q.value, q.value_min, q.value_max, q.error
    elif unit is not None and unit.kind in ("conductivity", "energy") and q.unit is None:
        log = bool(_LOG_RE.search(" ".join(headers)))
        conv = (lambda v: unit.convert(10.0 ** v)) if log else unit.convert  # noqa: E731
        value = conv(q.value)
        vmin = conv(q.value_min) if q.value_min is not None else None
        vmax = conv(q.value_max) if q.value_max is not None else None
        err = q.error * unit.factor if (q.error is not None and not log) else None
        value, vmin, vmax, err = (float(f"{x:.12g}") if x is not None else None
                                  for x in (value, vmin, vmax, err))
    else:
        return []
    prop = _property_of(headers, unit)
    if prop is None:
        return []
    if vmin is not None and vmax is not None:
        value = None  # a range: its midpoint is no measured value
    t = header_temperature(headers) or _row_temperature(row_cells)
    if t is not None and t.value_min is None and not _single_temperature(prop):
        t = None  # an activation energy is measured over a range, not at one temperature
    material = row_material(part, row_cells, title_material, series)
    text = part.text
    confidence = 0.85 if material is not None else 0.6
    record = PropertyRecord(
        document_id=document_id, property=prop, value=value, value_min=vmin, value_max=vmax,
        error=err, qualifier=q.qualifier, unit=unit.canonical,
        raw=(text[q.start:q.end] + (f" {unit_raw}" if q.unit is None else "")).strip(),
        **temperature_fields(t), material=material,
        scope=header_scope(" ".join(headers)) if unit.kind == "conductivity" else None,
        atmosphere=header_atmosphere(headers),
        confidence=confidence,
        provenance=Provenance(
            document_id=document_id, part_id=part.part_id, part_kind=part.kind,
            start=q.start, end=q.end, sentence=text, sentence_start=0,
            source_offset=part.source_offset, context=cell_context(part),
        ),
    )
    return [record.with_id()]


def cell_context(part: DocumentPart) -> str:
    """``"Li10GeP2S12 | Ionic conductivity (mS/cm) at 25° C."``: what a cell's value means."""
    rows = " / ".join(h for h in part.row_headers if h)
    columns = " / ".join(h for h in part.column_headers if h)
    return " | ".join(x for x in (rows, columns) if x)


__all__ = ["cell_context", "extract_table_cell", "header_temperature", "header_unit"]
