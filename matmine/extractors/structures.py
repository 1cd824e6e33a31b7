"""Crystal-structure facts: space group, crystal system, lattice parameters,
structure type and XRD peak positions, each linked to a material.

The spaCy component ``matmine_structures`` writes :class:`StructureMention`
objects to ``doc._.structure_mentions`` (and spans to ``doc.spans["structures"]``);
the pipeline turns them into :class:`~matmine.models.StructureFact`.

>>> [(m.kind, m.space_group_number) for m in find_structure_mentions(
...     "Li10GeP2S12 crystallises in space group P4_2/nmc.", [(0, 49)], [])][:1]
[('space_group', 137)]
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, replace

from spacy.language import Language
from spacy.tokens import Doc

from matmine.extractors.linking import (
    ANAPHOR_RE,
    MaterialMention,
    choose_material,
    label_mentions,
    materials_of,
    recent_in_paragraph,
)
from matmine.extractors.sentences import doc_text
from matmine.extractors.structure_words import (
    STRUCTURE_TYPES,
    across_contrast,
    class_or_comparison,
    compared,
    described_material,
    group_of_system,
    is_variable,
    label_before,
    said_of_crystal,
    typed_material,
)
from matmine.extractors.spacegroups import lookup_space_group, space_group_symbol
from matmine.extractors.xrd_peaks import find_peaks

_I = re.IGNORECASE
_SG_RE = re.compile(
    r"(?<![\w/\-])(?P<sg>[PIFCABR](?:\s?[-−‾¯]?\d(?:_?\d|<sub>\d</sub>)?[\u0304\u0305]?"
    r"|\s?/\s?[mnabcde]|\s?[mnabcde]){1,6}(?:\s?:\s?[12HR])?)(?![\w/])"
    r"(?:\s?[(,]?\s?(?:No\.|no\.|#|number)\s?(?P<num>\d{1,3})\)?)?"
)
_SG_NUMBER_RE = re.compile(r"space\s+group\s+(?:No\.|no\.|#|number)\s?(?P<num>\d{1,3})\b", _I)
_SG_CUE_RE = re.compile(r"space[\s-]+groups?|symmetry|\bS\.G\.|\bsg\b", _I)
_LATTICE_RE = re.compile(
    r"(?<![\w.])(?P<names>(?:[abcV]|α|β|γ|alpha|beta|gamma)(?:\s?=\s?(?:[abcV]|α|β|γ))*)"
    r"\s?=\s?(?P<num>\d+(?:\.\d+)?)(?:\s?\((?P<unc>\d{1,3})\)|\s?±\s?(?P<pm>\d+(?:\.\d+)?))?"
    r"(?:\s?(?P<unit>Å3|Å³|Å|\u212b|nm3|nm³|nm|pm|Ang|°|deg)(?![a-z]))?"
)


def _triggers(pattern: str) -> tuple[str, ...]:
    """Literal words one of which must occur for ``pattern`` to match (cheap test);
    none (always try the pattern) when an alternative starts with no word ("β-alumina")."""
    out = []
    for alternative in pattern.lower().replace("(?:", "").split("|"):
        word = re.match(r"[a-z0-9]+", alternative)
        if not word:
            return ()
        w = word.group()
        out.append(w[:-1] if alternative[len(w):].startswith("?") else w)
    return tuple(out)


_TYPE_ENTRIES = tuple(
    (_triggers(p), re.compile(rf"\b{p.lower()}"), label)
    for p, label in STRUCTURE_TYPES if label != "{0}")
_TYPE_GENERIC_RE = re.compile(f"\\b{STRUCTURE_TYPES[-1][0]}")
_SYSTEM_LOWER_RE = re.compile(
    r"\b(cubic|tetragonal|orthorhombic|hexagonal|trigonal|rhombohedral|monoclinic|triclinic)\b")
# "a unit cell volume of 655.3 Å3", "cell volume (V) = 1,234.5(3) Å^3"
_VOLUME_RE = re.compile(
    r"volume\s?(?:\(V\)\s?)?(?:of\s|is\s|was\s|=|:)?\s?(?:V\s?=\s?)?"
    r"(?P<num>\d+(?:\.\d+)?)(?:\s?\((?P<unc>\d{1,3})\)|\s?±\s?(?P<pm>\d+(?:\.\d+)?))?"
    r"\s?(?P<unit>(?:Å|\u212b|nm)(?:3|³|\^3))", _I)
# a formula named as a structure prototype: "a layered α-NaFeO2 structure"
_PROTOTYPE_AFTER_RE = re.compile(r"[\s-]?(?:type\b|structure(?:d|s)?\b)", _I)
_PROTOTYPE_BEFORE_RE = re.compile(r"\b(?:an?|layered|the)\s+(?:[\w-]+\s+)?[αβγδ]?-?$", _I)


@dataclass
class StructureMention:
    """A structure fact found in one text, before it becomes a StructureFact."""

    kind: str
    start: int
    end: int
    raw: str
    sentence: tuple[int, int]
    space_group_symbol: str | None = None
    space_group_number: int | None = None
    crystal_system: str | None = None
    parameter: str | None = None
    value: float | None = None
    error: float | None = None
    unit: str | None = None
    structure_type: str | None = None
    material: MaterialMention | None = None
    anaphor: bool = False
    confidence: float = 0.7
    # "generic": a class or a reference named for comparison ("such as NASICONs"); the
    # pipeline then links no material (no fall-back on the title compound)
    link: str = ""


def _space_groups(text: str, s0: int, s1: int) -> list[StructureMention]:
    out: list[StructureMention] = []
    sentence = text[s0:s1]
    cue = _SG_CUE_RE.search(sentence) is not None
    for m in _SG_RE.finditer(text, s0, s1):
        raw = m.group("sg").replace("<sub>", "").replace("</sub>", "")
        compact = re.sub(r"\s", "", raw)
        if len(compact) < 3 and not cue:
            continue
        if not re.search(r"\d|/|[mnabcde]{2}", compact):
            continue
        found = lookup_space_group(raw)
        if found is None:
            continue
        number, symbol, system = found
        if m.group("num") and int(m.group("num")) != number:
            continue
        end = m.end()
        if text[end - 1] == ")" and "(" not in text[m.start():end]:
            end -= 1  # the closing bracket of "(space group Ia-3d, No. 230)"
        out.append(StructureMention(
            "space_group", m.start(), end, text[m.start():end], (s0, s1),
            space_group_symbol=symbol, space_group_number=number, crystal_system=system,
            confidence=0.9 if cue else 0.75))
    if not out:
        for m in _SG_NUMBER_RE.finditer(text, s0, s1):
            number = int(m.group("num"))
            if 1 <= number <= 230:
                found = lookup_space_group(space_group_symbol(number) or "")
                out.append(StructureMention(
                    "space_group", m.start(), m.end(), m.group(), (s0, s1),
                    space_group_symbol=space_group_symbol(number), space_group_number=number,
                    crystal_system=found[2] if found else None, confidence=0.85))
    return out


def match_uncertainty(m: re.Match[str]) -> float | None:
    """The uncertainty of a match with groups ``num``, ``unc`` and ``pm``:
    ``8.71(1)`` → 0.01 (in units of the last digit), ``8.71 ± 0.02`` → 0.02."""
    if m.group("unc"):
        number = m.group("num")
        decimals = len(number.split(".")[1]) if "." in number else 0
        return int(m.group("unc")) * 10.0 ** -decimals
    return float(m.group("pm")) if m.group("pm") else None


def _lattice(text: str, s0: int, s1: int) -> list[StructureMention]:
    sentence = text[s0:s1]
    if "=" not in sentence:
        return []
    context = re.search(r"lattice|cell|parameter|Å|\u212b|refine|constant", sentence, _I)
    out: list[StructureMention] = []
    run: list[StructureMention] = []
    for m in _LATTICE_RE.finditer(text, s0, s1):
        unit = m.group("unit")
        names = re.split(r"\s?=\s?", m.group("names"))
        names = [{"alpha": "α", "beta": "β", "gamma": "γ"}.get(n, n) for n in names]
        value = float(m.group("num"))
        err = match_uncertainty(m)
        mentions = [StructureMention(
            "lattice_parameter", m.start(), m.end(), text[m.start():m.end()], (s0, s1),
            parameter={"α": "alpha", "β": "beta", "γ": "gamma"}.get(n, n), value=value,
            error=err, unit=unit, confidence=0.85) for n in names]
        run.extend(mentions)
        if unit:
            for r in run:
                if r.unit is None:
                    r.unit = unit
            out.extend(run)
            run = []
    if context:
        for r in run:  # no unit written: Å for lengths in a lattice context
            if r.parameter in ("a", "b", "c") and 1.0 < (r.value or 0) < 100.0:
                r.unit, r.confidence = "Å", 0.6
                out.append(r)
            elif r.parameter in ("alpha", "beta", "gamma") and 30 <= (r.value or 0) <= 150:
                r.unit, r.confidence = "°", 0.6
                out.append(r)
    for r in out:
        _canonical_length(r)
    return [r for r in out if r.unit is not None]


def _volumes(text: str, s0: int, s1: int) -> list[StructureMention]:
    """Unit-cell volumes written in words: "a unit cell volume of 655.3 Å3"."""
    out: list[StructureMention] = []
    for m in _VOLUME_RE.finditer(text, s0, s1):
        number = m.group("num")
        err = match_uncertainty(m)
        unit = m.group("unit").replace("^3", "3").replace("\u212b", "Å")
        mention = StructureMention(
            "lattice_parameter", m.start("num"), m.end(), text[m.start("num"):m.end()], (s0, s1),
            parameter="V", value=float(number), error=err, unit=unit, confidence=0.85)
        _canonical_length(mention)
        if mention.unit == "Å³":
            out.append(mention)
    return out


# "has a lattice constant of 12.94 Å", "the lattice parameter a of LLZO is 12.97(1) Å":
# one parameter named in words (a singular "lattice constant" is a cubic cell's a)
_LATTICE_IN_WORDS_RE = re.compile(
    r"\b(?:lattice|cell)\s+(?:constant|parameter)(?!s)(?:\s+\(?(?P<name>[abc])\)?(?!\w))?"
    r"(?:\s+(?:of|for|in)\s+(?:[^=;:.]|\.(?=\d)){1,50}?)?"
    r"\s*(?:(?:\b(?:is|was|of|equals?|amounts\s+to|reached|about|approximately|around|"
    r"ca\.|close\s+to|only)|=|:|≈|~)\s*)+"
    r"(?P<num>\d+(?:\.\d+)?)(?:\s?\((?P<unc>\d{1,3})\)|\s?±\s?(?P<pm>\d+(?:\.\d+)?))?"
    r"\s?(?P<unit>Å|\u212b|nm|pm)(?![a-z])", _I)
# "from 9.86 to 9.82 Å", "9.86–9.82 Å", "9.86 and 9.82 Å": a change or a list, no one value
_SERIES_AFTER_RE = re.compile(r"\s?(?:to|[-–−]|and|or|,)\s?\d")


def _lattice_in_words(text: str, s0: int, s1: int) -> list[StructureMention]:
    """A lattice parameter named in words, not "a = …" (read by :func:`_lattice`).
    A change ("decreases from 9.86 to 9.82 Å") gives no fact: the condition of each
    value is not recorded, and its endpoints are no range of one sample."""
    out: list[StructureMention] = []
    for m in _LATTICE_IN_WORDS_RE.finditer(text, s0, s1):
        if _SERIES_AFTER_RE.match(text, m.end()) or re.search(
                r"\b(?:from|between|range)\b", text[m.start():m.start("num")], _I):
            continue
        mention = StructureMention(
            "lattice_parameter", m.start("num"), m.end(), text[m.start("num"):m.end()],
            (s0, s1), parameter=(m.group("name") or "a").lower(), value=float(m.group("num")),
            error=match_uncertainty(m), unit=m.group("unit"), confidence=0.75)
        _canonical_length(mention)
        if mention.unit == "Å" and 2.0 <= (mention.value or 0) <= 60.0:
            out.append(mention)
    return out


def _canonical_length(r: StructureMention) -> None:
    """Lengths to Å, volumes to Å³, angles as degrees."""
    scale = {"nm": 10.0, "pm": 0.01, "Ang": 1.0, "Å": 1.0, "\u212b": 1.0}  # U+212B: Å sign
    vscale = {"nm3": 1000.0, "nm³": 1000.0, "Å3": 1.0, "Å³": 1.0}
    if r.unit in scale:
        if r.parameter == "V":
            r.unit = None  # a volume written with a length unit: not trusted
            return
        f = scale[r.unit]
        r.value = round(r.value * f, 10) if r.value is not None else None
        r.error = round(r.error * f, 10) if r.error is not None else None
        r.unit = "Å"
    elif r.unit in vscale:
        f = vscale[r.unit]
        r.value = round(r.value * f, 8) if r.value is not None else None
        r.error = round(r.error * f, 8) if r.error is not None else None
        r.unit, r.parameter = "Å³", "V"
    elif r.unit in ("°", "deg"):
        if r.parameter not in ("alpha", "beta", "gamma"):
            r.unit = None
            return
        r.unit = "°"


def _types_and_systems(text: str, s0: int, s1: int) -> list[StructureMention]:
    out: list[StructureMention] = []
    lower = text[s0:s1].lower()
    if len(lower) != s1 - s0:  # exotic Unicode changed the length: use the original text
        lower, base = text[s0:s1], s0
    else:
        base = s0
    found: list[tuple[int, int, str]] = []
    for triggers, pattern, label in _TYPE_ENTRIES:  # str.find first: most are absent
        if not triggers or any(t in lower for t in triggers):
            found.extend((m.start(), m.end(), label) for m in pattern.finditer(lower))
    taken_end = -1
    for start, end, label in sorted(found, key=lambda f: (f[0], -f[1])):
        if start < taken_end:
            continue  # "perovskite" inside "anti-perovskite"
        taken_end = end
        start, end = base + start, base + end
        out.append(StructureMention("structure_type", start, end, text[start:end], (s0, s1),
                                    structure_type=label, confidence=0.8))
    if "type" in lower:
        for m in _TYPE_GENERIC_RE.finditer(text, s0, s1):
            label = re.sub(r"[- ]type$", "", m.group()) + "-type"
            if re.match(r"^[A-Z][a-z]?-type$", label) or any(
                    o.start <= m.start() < o.end for o in out):
                continue
            out.append(StructureMention("structure_type", m.start(), m.end(), m.group(),
                                        (s0, s1), structure_type=label, confidence=0.8))
    for m in _SYSTEM_LOWER_RE.finditer(lower):
        start, end = base + m.start(), base + m.end()
        system = m.group(1)
        system = "trigonal" if system == "rhombohedral" else system
        out.append(StructureMention("crystal_system", start, end, text[start:end], (s0, s1),
                                    crystal_system=system, confidence=0.75))
    out.sort(key=lambda f: f.start)
    return out


def structure_type_of(text: str) -> str | None:
    """The structure type a short text names ("cubic garnet" → "garnet",
    "NASICON-type" → "NASICON"), or None."""
    found = [f for f in _types_and_systems(text, 0, len(text)) if f.kind == "structure_type"]
    if found:
        return found[0].structure_type
    bare = re.fullmatch(r"\s*([A-Z][A-Za-z0-9]{1,12})[- ]type\s*", text)
    return f"{bare.group(1)}-type" if bare else None


def _xrd_peaks(text: str, s0: int, s1: int) -> list[StructureMention]:
    return [StructureMention("xrd_peak", p.start, p.end, text[p.start:p.end], (s0, s1),
                             parameter="2theta", value=p.value, error=p.error, unit="°",
                             confidence=0.85)
            for p in find_peaks(text, s0, s1)]


# Cheap scans that find the few sentences worth the full patterns.  Keywords are
# found with str.find on the lower-cased text (far faster than regex alternations).
_KEYWORDS: dict[str, tuple[str, ...]] = {
    "sg": ("space group",),
    "types": ("cubic", "tetragonal", "orthorhombic", "hexagonal", "trigonal", "rhombohedral",
              "monoclinic", "triclinic", "perovskite", "argyrodite", "garnet", "nasicon",
              "lisicon", "lgps", "spinel", "olivine", "fluorite", "pyrochlore", "brownmillerite",
              "rock-salt", "rocksalt", "rock salt", "wurtzite", "blende", "sphalerite", "popper",
              "layered", "-type", " type", "k2nif4", "scheelite", "apatite", "alumina"),
    "words": ("lattice constant", "lattice parameter", "cell constant", "cell parameter"),
    "xrd": ("θ", "ϴ", "theta"),
    "volume": ("volume",),
}
_SG_SCAN_RE = re.compile(r"[PIFCABR](?:[mnabcde]{0,3}\s?[-−‾¯]?\d|\d?\s?/\s?[mnabcde]|"
                         r"[mnabcde]{3}\b)")
_LATTICE_SCAN_RE = re.compile(r"=\s?\d")
_LATTICE_NAME_RE = re.compile(r"(?<![\w.])(?:[abcV]|α|β|γ)\s?$")
_EXTRACTORS = {
    "sg": lambda text, s0, s1: _space_groups(text, s0, s1),
    "lattice": lambda text, s0, s1: _lattice(text, s0, s1),
    "types": lambda text, s0, s1: _types_and_systems(text, s0, s1),
    "xrd": lambda text, s0, s1: _xrd_peaks(text, s0, s1),
    "volume": lambda text, s0, s1: _volumes(text, s0, s1),
    "words": lambda text, s0, s1: _lattice_in_words(text, s0, s1),
}


def _candidate_positions(text: str) -> list[tuple[str, int]]:
    out: list[tuple[str, int]] = []
    lower = text.lower()  # offsets may drift by a character or two on exotic Unicode
    for kind, words in _KEYWORDS.items():
        for word in words:
            i = lower.find(word)
            while i != -1:
                out.append((kind, i))
                i = lower.find(word, i + 1)
    for m in _SG_SCAN_RE.finditer(text):
        i = m.start()
        if i == 0 or not (text[i - 1].isalnum() or text[i - 1] in "_/-"):
            out.append(("sg", i))
    for m in _LATTICE_SCAN_RE.finditer(text):
        if _LATTICE_NAME_RE.search(text, max(0, m.start() - 4), m.start()):
            out.append(("lattice", m.start()))
    return out


def _without_overlaps(found: list[StructureMention]) -> list[StructureMention]:
    """One fact per place ("cell volume V = 655 Å3" is read by two extractors)."""
    out: list[StructureMention] = []
    for f in sorted(found, key=lambda f: (f.start, -(f.end - f.start))):
        if any(o.kind == f.kind and o.start < f.end and f.start < o.end for o in out):
            continue
        out.append(f)
    return out


def _one_per_type(found: list[StructureMention]) -> list[StructureMention]:
    """One fact per type or crystal system and sentence ("a garnet ceramic … has the
    garnet structure"): the first that names its material, else the first."""
    out: list[StructureMention] = []
    for f in sorted(found, key=lambda f: (f.material is None, f.start)):
        if f.kind in ("structure_type", "crystal_system") and any(
                (o.kind, o.structure_type, o.crystal_system)
                == (f.kind, f.structure_type, f.crystal_system) for o in out):
            continue
        out.append(f)
    return sorted(out, key=lambda f: f.start)


def _is_prototype(text: str, m: MaterialMention) -> bool:
    """A formula named as a structure prototype ("α-NaFeO2-type", "a layered α-NaFeO2
    structure") describes a structure, not the material measured."""
    if not _PROTOTYPE_AFTER_RE.match(text, m.end):
        return False
    if re.match(r"[\s-]?type\b", text[m.end:m.end + 6], _I):
        return True
    return _PROTOTYPE_BEFORE_RE.search(text, max(0, m.start - 40), m.start) is not None


def _prototype_types(
    prototypes: list[MaterialMention], sentence: tuple[int, int], found: list[StructureMention]
) -> list[StructureMention]:
    """A structure-type fact for each prototype not already read as "X-type"."""
    out = []
    for m in prototypes:
        if any(f.kind == "structure_type" and f.start <= m.start < f.end for f in found):
            continue
        out.append(StructureMention("structure_type", m.start, m.end, m.text, sentence,
                                    structure_type=f"{m.text}-type", confidence=0.7))
    return out


_DIFFRACTION_RE = re.compile(
    r"\b(?:XRD|PXRD|NPD|SAED|X-ray|diffraction|diffractogram|Rietveld|refinement|"
    r"reflections?|peaks?)\b", _I)


# "the second fluorescent material 72": a patent's numbered part, not "the sample"
_PATENT_NUMERAL_RE = re.compile(r"\s+\d{1,4}[a-z]?\b(?![.,]\d|\s?(?:%|°|K\b|nm|μm|mm))")


def find_structure_mentions(
    text: str, sentences: list[tuple[int, int]], materials: list[MaterialMention]
) -> list[StructureMention]:
    """Structure facts of one text, each linked to a material where one is named."""
    out: list[StructureMention] = []
    mat_starts = [m.start for m in materials]
    starts = [s for s, _ in sentences]
    said: MaterialMention | None = None  # the material of the last sentence's structure facts
    candidates: dict[int, set[str]] = {}
    for kind, pos in _candidate_positions(text):
        candidates.setdefault(bisect.bisect_right(starts, pos) - 1, set()).add(kind)
    for i in sorted(candidates):
        if i < 0:
            continue
        s0, s1 = sentences[i]
        found = _without_overlaps(
            [f for kind in sorted(candidates[i]) for f in _EXTRACTORS[kind](text, s0, s1)])
        found = [f for f in found if f.kind in ("lattice_parameter", "xrd_peak")
                 or said_of_crystal(text, f, s0, s1)]
        if not found:
            continue
        lo = bisect.bisect_left(mat_starts, s0)
        hi = bisect.bisect_left(mat_starts, s1)
        in_sentence = [m for m in materials[lo:hi] if m.linkable and not is_variable(text, m)]
        # sample labels the materials component does not parse ("LSFM", "S30") can carry
        # a space group or lattice too: "the space group of LSFM is R-3c" (types and
        # systems are said of named materials: labels are not looked for, which is slow)
        if any(f.kind not in ("structure_type", "crystal_system") for f in found):
            labels = [m for m in label_mentions(text, s0, s1, materials[lo:hi])
                      if not any(f.start < m.end and m.start < f.end for f in found)]
            # "isostructural to LiAlX4 analogues": named for comparison
            in_sentence = sorted(
                (replace(m, comparison=True) if not m.comparison and compared(text, m.start)
                 else m for m in in_sentence + labels), key=lambda m: m.start)
        prototypes = [m for m in in_sentence if _is_prototype(text, m)]
        in_sentence = [m for m in in_sentence if m not in prototypes]
        found.extend(_prototype_types(prototypes, (s0, s1), found))
        earlier = [m for m in materials[:lo] if m.linkable and not m.comparison]
        if said is not None and recent_in_paragraph(text, said, sentences, i) and (
                not earlier or said.start > earlier[-1].start):
            # "… the monoclinic structure (C2/m) of LYCB. Rietveld refinement revealed
            # a = 6.809 Å …": the material whose structure the text is describing
            earlier.append(said)
        anaphors = [a.span() for a in ANAPHOR_RE.finditer(text, s0, s1)
                    if _PATENT_NUMERAL_RE.match(text, a.end()) is None]
        anaphor = bool(anaphors)
        sentence = text[s0:s1]
        groups = [f for f in found if f.kind == "space_group"]
        # values and groups first: a crystal system written with its group takes its material
        for f in sorted(found, key=lambda f: f.kind in ("structure_type", "crystal_system")):
            if f.kind in ("structure_type", "crystal_system"):
                # a type or system is said of a material in a few ways only; a formula
                # elsewhere in the sentence ("adding BaO to the perovskite electrode",
                # "MgO or spinel compounds") is not what has the structure
                f.material = described_material(text, f, in_sentence) or typed_material(
                    text, f, in_sentence)
                group = group_of_system(text, f, groups) if f.kind == "crystal_system" else None
                if f.material is None and group is not None and group.material is not None and \
                        not across_contrast(text, group.material.end, f.start):
                    f.material, f.anaphor = group.material, group.anaphor
                    f.confidence = min(f.confidence, group.confidence)
                    continue
                if f.material is None and group is None and class_or_comparison(text, f, s0):
                    f.link = "generic"  # "such as NASICONs", "its spinel analog"
                    continue
            else:
                f.material = choose_material(f, in_sentence, sentence, s0)  # type: ignore[arg-type]
            if f.kind in ("structure_type", "crystal_system") and f.material is None:
                # only "the sample has a garnet structure" refers back; a sentence that
                # names other materials, or none and no anaphor ("the perovskite
                # structure is stable"), says nothing of an earlier one; nor does "the
                # perovskite cathode" (the anaphor is the type's own noun phrase)
                f.anaphor = not in_sentence and any(
                    not (a0 <= f.start < a1) for a0, a1 in anaphors)
                # "XRD shows a cubic garnet structure": a measurement on the sample just named
                measured = (not in_sentence and earlier and _DIFFRACTION_RE.search(sentence)
                            and recent_in_paragraph(text, earlier[-1], sentences, i))
                if (f.anaphor or measured) and earlier:
                    f.material = earlier[-1].resolved
                    f.confidence -= 0.1
                continue
            if f.material is None and i > 0 and not anaphor and all(m.comparison for m in in_sentence):
                # "… the as-synthesized BZCYN sample. Instead, a cubic perovskite with a
                # lattice parameter of 4.292 Å was observed": a sample label just named
                label = label_before(text, sentences[i - 1], s0, materials)
                if label is not None and (not earlier or label.start > earlier[-1].start):
                    earlier.append(label)
            if f.material is None and earlier and (
                    anaphor or recent_in_paragraph(text, earlier[-1], sentences, i)):
                f.material = earlier[-1].resolved
                f.confidence -= 0.1
            f.anaphor = anaphor
        kept = _one_per_type(found)
        out.extend(kept)
        said = next((f.material for f in reversed(kept) if f.material is not None), said)
    return out


if not Doc.has_extension("structure_mentions"):
    Doc.set_extension("structure_mentions", default=None)


@Language.factory(
    "matmine_structures",
    assigns=["doc._.structure_mentions", "doc.spans"],
    requires=["doc._.sentence_spans"],
    default_config={"spans_key": "structures"},
)
def make_structures(nlp: Language, name: str, spans_key: str) -> StructureComponent:
    return StructureComponent(spans_key)


class StructureComponent:
    """Structure facts of a doc in ``doc._.structure_mentions``."""

    def __init__(self, spans_key: str = "structures") -> None:
        self.spans_key = spans_key

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        sentences = doc._.sentence_spans or [(0, len(text))]
        mentions = find_structure_mentions(text, sentences, materials_of(doc, text=text))
        doc._.structure_mentions = mentions
        spans = []
        for m in mentions:
            span = doc.char_span(m.start, m.end, label=m.kind, alignment_mode="expand")
            if span is not None:
                spans.append(span)
        doc.spans[self.spans_key] = spans
        return doc


__all__ = ["StructureComponent", "StructureMention", "find_structure_mentions", "match_uncertainty",
           "structure_type_of"]
