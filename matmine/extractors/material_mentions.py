"""Find material mentions in running text (titles, paragraphs, claims, table cells).

:func:`find_material_mentions` scans a whole text with a few compiled regexes
and validates each candidate with :func:`~matmine.extractors.compositions.parse_material`
(cached: the same formula is parsed once per process).  It returns
:class:`~matmine.models.Material` objects whose ``start``/``end`` are character
offsets into the **original** text, even when the clean-up changed lengths
(``/C0`` → ``-``).

What counts as a mention, and what does not (precision first):

* formulas with a digit (``Li10GeP2S12``, ``Li7-xLa3Zr2-xTaxO12``), or of two
  or more elements with a lower-case letter (``LiF``, ``NaCl``); upper-case
  words without digits only when they are lexicon abbreviations (``LLZO`` yes;
  ``CO``, ``SEM``, ``CV``, ``UV``, ``ICP`` no);
* a single element only as a molecular gas (``H2``, ``O2``, ``N2``, ``Cl2``):
  ``In``, ``I``, ``As``, ``K``, ``S1`` (a figure), ``C2`` (a label) are words;
* mixtures, hydrates and dopants (``0.75Li2S–0.25P2S5``, ``LLZO:Ta``,
  ``Ga-doped LLZO``), formulas a PDF broke with spaces (``Li 6 PS 5 Cl``),
  chemical names (``lithium sulfide``, ``manganese (II) nitrate``,
  ``yttria-stabilized zirconia``) and abbreviations defined in the text
  (``Li10GeP2S12 (LGPS)`` … later ``LGPS``);
* sample codes are not formulas: "S50C20" in a text that also writes "S50Cy"
  (counts all ≥ 10, one of them turned into a variable) is left out;
* variables get their values from the same sentence (``x = 0.25``) or a range
  (``0 ≤ x ≤ 1``, kept in ``Material.variables``); failing that, from a later
  sentence of the same paragraph or caption that names no other material, when
  the paragraph gives one value only ("… garnets were made. The sample with
  x = 0.6 …").  A list (``x = 0.1, 0.2 and 0.3``) is a series: no value.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from matmine.extractors.compositions import parse_material, parse_material_report
from matmine.extractors.formula_grammar import VARIABLES, is_balanced, is_wrapped
from matmine.extractors.linking import GAS_FORMULAS
from matmine.extractors.material_names import ANIONS, HYDRATES, common_names
from matmine.extractors.periodic_table import ELEMENT_BY_NAME
from matmine.extractors.text_abbreviations import text_abbreviations
from matmine.extractors.text_normalise import normalise_with_offsets
from matmine.models import Material

MOLECULAR_ELEMENTS = frozenset({"H2", "O2", "N2", "Cl2", "F2", "Br2", "I2", "S8", "C60"})
"""Single-element formulas that are materials when written in running text."""

SHORTEST_TEXT_ABBREVIATION = 3
"""Lexicon abbreviations shorter than this (BT, ST) are too ambiguous in prose."""

_COMMON_WORD_NAMES = frozenset(
    {"water", "hydrogen", "oxygen", "nitrogen", "argon", "ammonia", "ethanol", "methanol",
     "acetone", "isopropanol", "urea", "glycine", "quartz", "graphite"}
)

_DOPANT_ITEM = r"(?:\d*\.?\d+|[xyz])?%?[A-Z][a-z]?[0-9.xyz]*\d?[+-]?(?=[\s,;)\]]|\.(?!\d)|$)"
_DOPANT_TAIL = r"(?::\s?" + _DOPANT_ITEM + r"(?:,\s?" + _DOPANT_ITEM + r")*)?"
_RUN = re.compile(
    r"(?=[A-Z(\[\dxyz])(?<![\w/])"
    r"(?:[(\[](?=[\dxyz(A-Z\[]))?"
    # a leading coefficient ("xLi2S"), never the "x" of "Sr1−xTiO3" cut after its minus
    r"(?:\d+(?:\.\d+)?|\((?:[0-9.]+|[xyz])\s?[-+]\s?[0-9.xyz]+\)|(?<![-−–])[xyz](?=[A-Z(]))?"
    # cheap filter: capitalised words are not formulas; "Ga-LLZO" may be a doped host;
    # "LaxSr1−xTiO3" has a variable right after its first element
    r"(?=[(\[]|[A-Z][a-z]?(?:[\dA-Z(\[□:/]|-[A-Z]|[xyz][A-Z(\[]))"
    r"[A-Z(\[][A-Za-z0-9().\[\]+\-·×*/□δ±%]*" + _DOPANT_TAIL
)
_SPACED = re.compile(
    r"(?=[A-Z])(?<![\w/])(?:[A-Z][a-z]?)+ ?\d+(?:\.\d+)?(?: (?:[A-Z][a-z]?)+(?: ?\d+(?:\.\d+)?)?)+(?![\w])"
)
_NEEDS_CHECK = re.compile(r"\d|[A-Z].*[A-Z]|[a-z].*[A-Z]|[A-Z][a-z]+[A-Z]")
_ELEMENT_LIST = re.compile(r"^[A-Z][a-z]?\d*(?:[-/][A-Z][a-z]?\d*)+$")  # "Sr-Fe-Mo", "Co1-O1" (a bond)
_ACRONYM = re.compile(r"[A-Z]{3}")
_SPACE_BEFORE_SMALL_NUMBER = re.compile(r"[A-Za-z] \d{1,2}(?:\.\d+)?(?![\d])")
_PLURAL_ACRONYM = re.compile(r"^[A-Z]{2,}s[\d.,]*$")
_CITATION_DIGITS = re.compile(r"(?<![\d.])\d{4,}")
# element symbols that, standing alone in prose, name the element as a material
# ("Ni anode", "Pt paste"); words and units (In, As, At, Be, He, No, Pa, W, C, K, S …),
# Bi ("bi-layer"), Re (Reynolds), Tc, Pr and Ac are left out
# Only metals usually meant as materials (electrodes, current collectors, catalysts);
# "the Co content", "Sr segregation" speak of constituents and are left alone.
METAL_SYMBOLS = "Li Na Mg Al Si Ti Ni Cu Zn Ag Sn Pd Pt Au Ru Rh Ir Ar".split()
assert all(len(symbol) == 2 for symbol in METAL_SYMBOLS)  # the look-behind below counts on it
_METAL_SYMBOL = re.compile(
    # the symbols first (a literal prefix the scanner finds fast), then "not inside a word"
    r"(?:" + "|".join(METAL_SYMBOLS) + r")(?<![\w/\-:]..)(?![\w:(])(?!\.\s?(?:Ltd|Inc|KG))"
    r"(?!\s?-?\s?(?:co-?)?(?:doped|substituted))"
)
_SUFFIX_WORD = re.compile(r"-[a-z][a-z\-]*$")
_TRAILING = ".,;:-+"

_ELEMENT_NAMES = "|".join(sorted(ELEMENT_BY_NAME, key=len, reverse=True))
_ANION_SUFFIX = re.compile(r"(?:id|at|it)es?(?![a-z])")  # on lower-cased text
_WORD_END = re.compile(r"[a-z]+$")
_ANION_NAMES = frozenset(a for a in ANIONS if " " not in a)
_HYDRATE_AFTER = re.compile(r"[\s-]+(?:" + "|".join(HYDRATES) + r")(?![a-z])")
_NAME_BEFORE = re.compile(
    r"(?:(?:di|tri|tetra)?(?:" + _ELEMENT_NAMES + r"|ammonium|ferric|ferrous|cupric|cuprous|stannic|stannous)"
    r"(?:\s*\(\s*(?:i{1,3}|iv|vi{0,3}|v)\s*\))?[\s-]+(?:(?:di|tri|tetra|penta|hexa|mono|pent|tetr|mon)-?)?"
    r"(?:hydrogen\s+|dihydrogen\s+)?)$"
)
_COMMON_NAMES = tuple(n for n in common_names() if n not in _COMMON_WORD_NAMES)
_METAL = re.compile(r"[\s-]+metal(?![a-z])")
_DOPANT_WORD = r"(?:[A-Z][a-z]?|" + _ELEMENT_NAMES + "|" + _ELEMENT_NAMES.title() + ")"
_DOPED_BEFORE = re.compile(
    r"(?<![A-Za-z0-9])(" + _DOPANT_WORD + r"(?:\s*(?:,|/|and|&)\s*" + _DOPANT_WORD + r")*)"
    r"[- ](?:co-?)?(?:doped|substituted)\s+$"
)
_SENTENCE_END = re.compile(r"[.!?;](?=\s+[A-Z(\[]|\s*$)|\n\s*\n")
_NUMBER = r"-?\d+(?:\.\d+)?"
_VAR = r"([xyzδ])"
_VALUE = re.compile(r"(?<![A-Za-z])" + _VAR + r"\s?=\s?(" + _NUMBER + r")(?!\s?[-–]\s?\d)(?![\d.]*\s?(?:at|mol|wt)?\.?%)")
_MORE_VALUES = re.compile(r"\s?(?:,|and|or|&)\s?" + _NUMBER + r"(?![\d.]*\s?(?:at|mol|wt)?\.?%)")
# "up to x = 0.2", "until x = 0.3": the upper end of a range starting at 0; "beyond x
# = 0.2", "above x = 0.1": no member (group 2)
_BOUND_BEFORE = re.compile(r"(?:\b(up\s+to|until|till)|\b(beyond|above|below|from|over))\s+$", re.I)
_RANGE = re.compile(
    r"(" + _NUMBER + r")\s?(?:≤|<|<=|=<)\s?" + _VAR + r"\s?(?:≤|<|<=|=<)\s?(" + _NUMBER + r")"
    + r"|(?<![A-Za-z])" + _VAR + r"\s?=\s?(" + _NUMBER + r")\s?(?:-|to)\s?(" + _NUMBER + r")(?![\d.])"
)


@lru_cache(maxsize=65536)
def _parse_cached(text: str) -> Material:
    return parse_material(text)


def _accept_formula(candidate: str, material: Material) -> bool:
    """Precision rules for a formula-like candidate (see module docstring)."""
    if material.error or not material.elements:
        return False
    if material.abbreviation and candidate.split(":")[0] == material.abbreviation:
        return len(material.abbreviation) >= SHORTEST_TEXT_ABBREVIATION
    if material.dopants and material.abbreviation and candidate.endswith("-" + material.abbreviation):
        return len(material.abbreviation) >= SHORTEST_TEXT_ABBREVIATION  # "Ga-LLZO"
    if material.abbreviation and candidate == material.abbreviation + "s":
        return len(material.abbreviation) >= SHORTEST_TEXT_ABBREVIATION  # "LLTOs": LLTO samples
    if _PLURAL_ACRONYM.match(candidate) or _CITATION_DIGITS.search(candidate):
        return False  # "SOFCs", "PCs", "SOFCs1213" (reference numbers run into a word)
    has_digit = any(c.isdigit() for c in candidate)
    if len(material.elements) == 1:
        return candidate in MOLECULAR_ELEMENTS
    if not is_balanced(candidate) or _ELEMENT_LIST.match(candidate):
        return False  # "Sr)(Co" from "(Ba,Sr)(Co,Fe)O3", "Sr-Fe-Mo" (a system, not a material)
    if not has_digit:
        if not any(c.islower() for c in candidate) or not material.composition:
            return False  # "CO", "CV" (capitals only); "Six", "Sin" (a variable, no number)
        if len(material.elements) >= 4 and not material.abbreviation:
            return False  # "LaSrCuFe", "BaSrCoFe": a sample name spelled with symbols
        if _ACRONYM.search(candidate):
            return False  # "SOFCs" is not S, O, F, Cs
    if ":" in candidate and len(_parse_cached(candidate.split(":")[0]).elements) < 2:
        return False  # "Li:La = 7:3" is a ratio, not a doped host
    return True


def _trim(candidate: str) -> str:
    if candidate[-1] not in _TRAILING and not any(c in candidate for c in "()[]"):
        return candidate
    charge = re.search(r":.*\d[+-]$", candidate)  # "NaSrBO3:Tb3+" keeps its charge
    candidate = candidate if charge else candidate.rstrip(_TRAILING)
    depth = 0
    for c in candidate:
        depth += c in "(["
        depth -= c in ")]"
    while depth < 0 and candidate.endswith((")", "]")):
        candidate, depth = candidate[:-1].rstrip(_TRAILING), depth + 1
    while depth > 0 and candidate.startswith(("(", "[")):
        candidate, depth = candidate[1:], depth - 1
    if candidate[:1] in "([" and is_wrapped(candidate):
        candidate = candidate[1:-1]
    return candidate


@lru_cache(maxsize=65536)
def _run_mentions(raw: str) -> tuple[tuple[int, int, Material], ...]:
    """The mentions in one ``_RUN`` match, with offsets relative to its start
    (cached: the same strings recur throughout a corpus)."""
    candidate = _trim(raw)
    if len(candidate) < 2 or not _NEEDS_CHECK.search(candidate):
        return ()
    start = raw.index(candidate)
    material = _parse_cached(candidate)
    if not _accept_formula(candidate, material):
        glued = _GLUED_WORD.search(candidate, 2)
        if glued is not None:
            # "Ce0.80Sm0.20O1.90(sigma(750 °C) = …)", "O(1.90)and": a word run into the formula
            head = _trim(candidate[: glued.start()])
            if len(head) >= 2 and _accept_formula(head, _parse_cached(head)):
                return ((start, start + len(head), _parse_cached(head)),)
        suffix = _SUFFIX_WORD.search(candidate)  # "LiCoO2-based", "LGPS-type"
        stripped = candidate[: suffix.start()] if suffix else ""
        if stripped and _accept_formula(stripped, _parse_cached(stripped)):
            candidate, material = stripped, _parse_cached(stripped)
        else:
            if not _COMPOSITE_SEPARATOR.search(candidate):
                return ()
            # "Ni/8YSZ", "ZnO-LCP": a composite, one mention for the whole;
            # otherwise each side we can read ("8YSZ-20% glass": 8YSZ)
            composite = _composite(candidate)
            if composite is None:
                return tuple(_readable_parts(candidate, start))
            material = composite
    return ((start, start + len(candidate), material),)


# where a word starts inside a formula-like run: "(sigma", "(with", "…O(1.90)and"
_GLUED_WORD = re.compile(r"\((?=[a-z]{2})|(?<=[)\d])(?=[a-z]{3})")
_ION_CHARGE = re.compile(r"[A-Za-z)]\d+[+-]$")
_AFTER_ION = re.compile(r"(?:[ ,;.)]|$)")


def _formula_mentions(text: str) -> list[tuple[int, int, Material]]:
    found = []
    for match in _RUN.finditer(text):
        if _ION_CHARGE.search(match.group()) and ":" not in match.group() \
                and _AFTER_ION.match(text, match.end()):
            continue  # "the InCl63− anion", "PO43-": an ion whose charge lost its superscript
        got = _run_mentions(match.group())
        if got:
            at = match.start()
            found.extend((at + a, at + b, m) for a, b, m in got)
    for match in _METAL_SYMBOL.finditer(text):
        found.append((match.start(), match.end(), _parse_cached(match.group())))
    for match in _SPACED.finditer(text):
        if not _SPACE_BEFORE_SMALL_NUMBER.search(match.group()) or _ACRONYM.search(match.group()):
            continue  # nothing a PDF broke ("CH4 SOFCs"), or an acronym ("PVP 900")
        joined = match.group().replace(" ", "")
        material = _parse_cached(joined)
        if not material.error and len(material.elements) >= 2 and material.composition:
            found.append((match.start(), match.end(), material))
    return found


_CATION_WORDS = frozenset(ELEMENT_BY_NAME) | {
    "ammonium", "ferric", "ferrous", "cupric", "cuprous", "stannic", "stannous", "hydrogen",
}
_ROMAN_TAIL = re.compile(r"\(\s*[ivx]+\s*\)$")


def _cation_word_before(lower: str, position: int) -> bool:
    """Cheap pre-check: is the word before ``position`` (skipping "(II)", "di-") a cation name?"""
    window = lower[max(0, position - 40) : position].rstrip(" -")
    window = _ROMAN_TAIL.sub("", window).rstrip(" -")
    words = window.replace("-", " ").split()
    return bool(words) and (words[-1] in _CATION_WORDS or len(words) > 1 and words[-2] in _CATION_WORDS)


def _readable_parts(candidate: str, start: int) -> list[tuple[int, int, Material]]:
    parts = []
    for match in _COMPOSITE_PART.finditer(candidate):
        part = match.group()
        material = _parse_cached(part)
        if _accept_formula(part, material):
            parts.append((start + match.start(), start + match.end(), material))
    return parts


_COMPOSITE_SEPARATOR = re.compile(r"[/\-:]")
_COMPOSITE_PART = re.compile(r"[^/\-:]+")
# a sample or phase acronym another part of a composite explains ("LSTN-YSZ", "ZnO-LCP")
_PART_ACRONYM = re.compile(r"[A-Z][A-Za-z]*[A-Z][A-Za-z]*\d{0,4}")
_MOST_COMPOSITE_PARTS = 3


@lru_cache(maxsize=4096)
def _composite(candidate: str) -> Material | None:
    """A composite or cermet written with ``-``, ``/`` or ``:`` between its phases
    ("Ni-YSZ", "Ni/8YSZ", "LSTN-YSZ", "ZnO-LCP", "YSZ:NiO"), read as one material.

    At least one part must be a compound or a lexicon abbreviation; the others may be
    a metal ("Ni") or an acronym we do not know ("LSTN").  The composition is the
    parser's reading of the dash form ("Ni-YSZ" is Ni + YSZ, as ``matmine formula``
    reads it); when a part is unknown the composition is left empty, the elements are
    those of the known parts, and ``error`` says which part was not read.  Element
    lists ("Sr-Fe-Mo", a system) and gas pairs ("H2/O2") are not composites.

    >>> _composite("LSTN-YSZ").error
    "composite with a part not read: 'LSTN'"
    >>> _composite("Sr-Fe-Mo") is None
    True
    """
    parts = candidate.replace("/", "-").replace(":", "-").split("-")
    if not 2 <= len(parts) <= _MOST_COMPOSITE_PARTS or not all(parts) or _ELEMENT_LIST.match(candidate):
        return None
    known: list[Material] = []
    unknown: list[str] = []
    for part in parts:
        material = _parse_cached(part)
        if not material.error and material.elements and (
                len(material.elements) > 1 or part in METAL_SYMBOLS):
            known.append(material)
        elif _PART_ACRONYM.fullmatch(part):
            unknown.append(part)
        else:
            return None
    if not any(_accept_formula(p, m) or m.abbreviation for p, m in zip(parts, known)):
        return None
    if all(part in GAS_FORMULAS for part in parts):
        return None
    elements = tuple(sorted({e for m in known for e in m.elements}))
    if unknown:
        return Material(text=candidate, elements=elements, chemsys="-".join(elements),
                        error=f"composite with a part not read: {', '.join(map(repr, unknown))}")
    whole = _parse_cached("-".join(parts))
    if whole.error:
        return Material(text=candidate, elements=elements, chemsys="-".join(elements),
                        error=f"composite not read as one formula: {whole.error}")
    return whole.model_copy(update={"text": candidate})


def _name_mentions(text: str) -> list[tuple[int, int, Material]]:
    found = []
    lower = text.lower()
    for hit in _ANION_SUFFIX.finditer(lower):
        word = _WORD_END.search(lower, max(0, hit.start() - 20), hit.start())
        if word is None:
            continue
        anion_end = hit.end()
        if lower[word.start() : anion_end].rstrip("s") not in _ANION_NAMES:
            continue
        if not _cation_word_before(lower, word.start()):
            continue
        before = _NAME_BEFORE.search(lower, max(0, word.start() - 40), word.start())
        if not before:
            continue
        hydrate = _HYDRATE_AFTER.match(lower, anion_end)
        start, end = before.start(), hydrate.end() if hydrate else anion_end
        material = _parse_cached(text[start:end])
        if not material.error and material.elements:
            found.append((start, end, material))
    spans = []
    for name in _COMMON_NAMES:  # str.find is much faster than one big case-blind regex
        position = lower.find(name)
        while position >= 0:
            end = position + len(name)
            if not (position and lower[position - 1].isalpha()) and not lower[end : end + 1].isalpha():
                spans.append((position, end))
            position = lower.find(name, end)
    for match in _METAL.finditer(lower):
        word = _WORD_END.search(lower, max(0, match.start() - 20), match.start())
        if word and word.group() in ELEMENT_BY_NAME:
            spans.append((word.start(), match.end()))
    for start, end in spans:
        material = _parse_cached(text[start:end])
        if not material.error and material.elements:
            found.append((start, end, material))
    return found


def _sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    left = 0
    for match in _SENTENCE_END.finditer(text, max(0, start - 600), start):
        left = match.end()
    right_match = _SENTENCE_END.search(text, end, min(len(text), end + 600))
    return left, right_match.start() if right_match else min(len(text), end + 600)


def _variables_in(sentence: str, names: set[str]
                  ) -> tuple[dict[str, float | tuple[float, float]], set[str]]:
    """Values and ranges of ``names`` in ``sentence``, and the names given a list
    ("x = 0.1, 0.2 and 0.3": a series, no single composition)."""
    values: dict[str, float | tuple[float, float]] = {}
    several: set[str] = set()
    for match in _RANGE.finditer(sentence):
        if match.group(2):
            name, lo, hi = match.group(2), float(match.group(1)), float(match.group(3))
        else:
            name, lo, hi = match.group(4), float(match.group(5)), float(match.group(6))
        if name in names and lo <= hi:
            values.setdefault(name, (lo, hi))
    for match in _VALUE.finditer(sentence):
        name = match.group(1)
        if name not in names or name in values:
            continue
        bound = _BOUND_BEFORE.search(sentence, max(0, match.start() - 12), match.start())
        if bound is not None:
            # "a solid solution forms up to x = 0.2": the end of a range, not a member;
            # "above x = 0.1" names no member at all
            if bound.group(1):
                values[name] = (0.0, float(match.group(2)))
            continue
        if _MORE_VALUES.match(sentence, match.end()):
            several.add(name)
        elif name not in several:
            values[name] = float(match.group(2))
    return values, several


def _later_in_paragraph(text: str, after: int, names: set[str], material: Material,
                        mentions: Sequence[tuple[int, int, Material]]
                        ) -> dict[str, float | tuple[float, float]]:
    """Values given in a later sentence of the same paragraph ("Li7−xLa3Zr2−xTaxO12 garnets
    were made. The sample with x = 0.6 …").  A sentence naming another material gives its
    values to that one, and from a formula with the same variable on, values are that
    formula's; a variable given a list, or different values in different sentences,
    describes a series, not this mention, and gets no value."""
    # a text without blank lines has one paragraph per line (as the text reader splits it)
    paragraph_end = text.find("\n\n" if "\n\n" in text else "\n", after)
    paragraph_end = len(text) if paragraph_end < 0 else paragraph_end
    found: dict[str, set[float | tuple[float, float]]] = {}
    series: set[str] = set()
    start = after
    while start < paragraph_end:
        stop = _SENTENCE_END.search(text, start + 1, paragraph_end)
        end = stop.start() if stop else paragraph_end
        others = [other for m_start, _, other in mentions
                  if start <= m_start < end and other.formula != material.formula]
        if any(names & set(other.formula or "") for other in others):
            break  # a later formula with the same variable takes the values from here on
        if not others:
            values, several = _variables_in(text[start:end], names)
            series |= several
            for name, value in values.items():
                found.setdefault(name, set()).add(value)
        start = stop.end() if stop else paragraph_end
    return {name: next(iter(values)) for name, values in found.items()
            if len(values) == 1 and name not in series}


@lru_cache(maxsize=4096)
def _free_variables(formula: str) -> tuple[str, ...]:
    return parse_material_report(formula).free_variables


def _resolve_variables(text: str, start: int, end: int, material: Material,
                       mentions: Sequence[tuple[int, int, Material]] = ()) -> Material:
    if material.composition or not material.formula:
        return material
    names = {c for c in material.formula if c in VARIABLES}
    if not names:
        return material
    left, right = _sentence_bounds(text, start, end)
    values, several = _variables_in(text[left:right], names)
    if not values and not several:
        # only variables the composition needs: a later "δ = 0.35" is a measurement
        # under some condition, not the nominal oxygen content
        needed = set(_free_variables(material.formula))
        values = _later_in_paragraph(text, right, needed, material, mentions) if needed else {}
    if not values:
        return material
    resolved = parse_material(text[start:end], values)
    if resolved.error and not _parse_cached(text[start:end]).error:
        # "SCNO" defined in the text as the formula: substitute into the formula
        resolved = parse_material(material.formula, values).model_copy(update={
            "name": material.name, "abbreviation": material.abbreviation,
            "family": material.family or None})
    return resolved


def _select(found: list[tuple[int, int, Material]]) -> list[tuple[int, int, Material]]:
    """Longest mention wins where mentions overlap."""
    chosen: list[tuple[int, int, Material]] = []
    for start, end, material in sorted(found, key=lambda f: (f[0], -(f[1] - f[0]))):
        if chosen and start < chosen[-1][1]:
            if end - start > chosen[-1][1] - chosen[-1][0]:
                chosen[-1] = (start, end, material)
            continue
        chosen.append((start, end, material))
    return chosen




_RATIO_AFTER = re.compile(r"\s?\(\s?(\d+(?:\.\d+)?(?:\s?:\s?\d+(?:\.\d+)?){1,3})\s?(?:mol\s?%)?\s?\)")
_RATIO_BEFORE = re.compile(r"(?<![\d.:])(\d+(?:\.\d+)?(?:\s?:\s?\d+(?:\.\d+)?){1,3})\s(?:mol\s?%\s)?$")
_SYSTEM_PART = re.compile(r"[-–·:/]")


def _with_ratio(text: str, start: int, end: int, material: Material
                ) -> tuple[int, int, Material]:
    """"Li2S–P2S5 (75:25)" or "75:25 Li2S–P2S5": a system written with its molar ratio
    is the mixture in that ratio (the mention takes the ratio in)."""
    mention = text[start:end]
    if not _SYSTEM_PART.search(mention) or mention[:1].isdigit():
        return start, end, material
    after = _RATIO_AFTER.match(text, end)
    before = None if after else _RATIO_BEFORE.search(text, max(0, start - 30), start)
    found = after or before
    if found is None:
        return start, end, material
    parts = len([p for p in _SYSTEM_PART.split(mention) if p])
    if parts != len(found.group(1).split(":")):
        return start, end, material
    # (the repair reads molar ratios of plain compounds only: "Ni-YSZ (60:40)" is left)
    mixed = parse_material(f"{mention} ({found.group(1)})")
    if mixed.error or not mixed.composition or mixed.formula == material.formula:
        return start, end, material
    return (start, after.end(), mixed) if after else (before.start(), end, mixed)


_NUMBER_BEFORE = re.compile(r"(?<![\d.])(\d+(?:\.\d+)?)(?:\s?(?:mol|m/o)\.?\s?%\s?|-)$")
_NUMBERED_ABBREVIATIONS = frozenset({"YSZ", "ScSZ", "GDC", "SDC", "CGO"})


def _numbered(text: str, start: int, end: int, material: Material) -> tuple[int, Material]:
    """"3 mol% YSZ", "8-YSZ", "20 mol% GDC": the lexicon's numbered composition."""
    if text[start:end] not in _NUMBERED_ABBREVIATIONS:
        return start, material
    found = _NUMBER_BEFORE.search(text, max(0, start - 14), start)
    if found is None:
        return start, material
    numbered = parse_material(found.group(1) + text[start:end])
    if numbered.error or not numbered.composition:
        return start, material
    return found.start(), numbered


def _doped(text: str, start: int, end: int, material: Material) -> tuple[int, Material]:
    if not text.endswith(("doped ", "substituted "), max(0, start - 12), start):
        return start, material
    match = _DOPED_BEFORE.search(text, max(0, start - 60), start)
    if not match or match.end() != start:
        return start, material
    phrase = parse_material(text[match.start() : end])
    if phrase.error or not phrase.dopants:
        return start, material
    return match.start(), phrase


_COUNTED_SYMBOL = re.compile(r"([A-Z][a-z]?)(\d+)")
_SAMPLE_CODE_COUNT = 10
_SAMPLE_CODE_VARIABLE = "[" + "".join(sorted(VARIABLES - {"δ"})) + "]"


def is_sample_code(candidate: str, text: str) -> bool:
    """Is ``candidate`` a sample code of a series named in ``text``?

    True when every count is a whole number of at least 10 and the text also
    writes the same letters with a variable in place of a count: "S50C20" beside
    "S50Cy" (the series "S50Cy", y = 20), "SxC20".  Real formulas rarely have
    only large counts, and never appear with a count turned into a variable.

    >>> is_sample_code("S50C20", "In the S50Cy ferrites, S50C20 shows 5.4 S/cm.")
    True
    >>> is_sample_code("Li10GeP2S12", "Li10+xGe1+xP2-xS12 and Li10GeP2S12")
    False
    """
    pairs = _COUNTED_SYMBOL.findall(candidate)
    if len(pairs) < 2 or "".join(a + b for a, b in pairs) != candidate:
        return False
    if any(int(count) < _SAMPLE_CODE_COUNT for _, count in pairs):
        return False
    series = re.compile(
        r"(?<![A-Za-z0-9])"
        + "".join(f"{symbol}(?:{count}|{_SAMPLE_CODE_VARIABLE})" for symbol, count in pairs)
        + r"(?![A-Za-z0-9])")
    return any(match.group() != candidate for match in series.finditer(text))


def find_material_mentions(text: str) -> list[Material]:
    """Every material mention in ``text``, in order, with original-text offsets."""
    norm = normalise_with_offsets(text)
    clean = norm.text
    found = _formula_mentions(clean) + _name_mentions(clean)
    mentions = _select(found)
    mentions = _select(text_abbreviations(clean, mentions) + mentions)
    # "S50C20" beside "S50Cy": a sample code, left for the linker to read as a label
    mentions = [m for m in mentions if not is_sample_code(clean[m[0]:m[1]], clean)]
    out = []
    for start, end, material in mentions:
        start, end, material = _with_ratio(clean, start, end, material)
        start, material = _numbered(clean, start, end, material)
        start, material = _doped(clean, start, end, material)
        material = _resolve_variables(clean, start, end, material, mentions)
        o_start, o_end = norm.to_original(start, end)
        out.append(material.model_copy(update={"text": text[o_start:o_end], "start": o_start, "end": o_end}))
    return out
