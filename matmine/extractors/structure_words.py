"""The words of crystal structures, and how a structure type or crystal system is said
of a material in a sentence.

:data:`STRUCTURE_TYPES` lists the structure types and families the structure reader
(:mod:`matmine.extractors.structures`) looks for.  :func:`described_material` and
:func:`typed_material` find the material a type or system is said of, in a few
licensed ways only ("olivine LiFePO4", "X has a cubic garnet structure", "the perovskite
structure of X", "X crystallizes in the monoclinic space group"); a formula elsewhere
in the sentence ("adding BaO to the perovskite electrode") is not what has the structure.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from matmine.extractors.linking import label_mentions

if TYPE_CHECKING:
    from matmine.extractors.linking import MaterialMention
    from matmine.extractors.structures import StructureMention

_I = re.IGNORECASE

STRUCTURE_TYPES: tuple[tuple[str, str], ...] = (
    (r"anti[- ]?perovskites?", "anti-perovskite"),
    (r"double[- ]perovskites?", "double perovskite"),
    (r"layered[- ]perovskites?", "layered perovskite"),
    (r"Ruddlesden[-–\s]+Popper", "Ruddlesden-Popper"),
    (r"perovskites?", "perovskite"),
    (r"argyrodites?", "argyrodite"),
    (r"garnets?", "garnet"),
    (r"NASICON", "NASICON"),
    (r"thio[- ]?LISICON", "thio-LISICON"),
    (r"LISICON", "LISICON"),
    (r"(?:LGPS|Li10GeP2S12)[- ]type|LGPS[- ](?:structure|family|phase)", "LGPS"),
    (r"halo[- ]?spinels?", "halospinel"),
    (r"spinels?", "spinel"),
    (r"olivines?", "olivine"),
    (r"anti[- ]?fluorites?", "antifluorite"),
    (r"fluorites?", "fluorite"),
    (r"pyrochlores?", "pyrochlore"),
    (r"brownmillerites?", "brownmillerite"),
    (r"rock[- ]?salt", "rock-salt"),
    (r"wurtzite", "wurtzite"),
    (r"zinc[- ]blende|sphalerite", "zinc blende"),
    (r"K2NiF4[- ]type", "K2NiF4"),
    (r"scheelites?", "scheelite"),
    (r"apatite(?=[\s-]+(?:type|structure|structured|phase|framework))", "apatite"),
    (r"(?:β|beta)[″”\"'′]{0,2}[- ]?aluminas?", "β-alumina"),
    (r"layered(?=\s+(?:structure|oxide|compound|phase|material|rock|sulfide|type))",
     "layered"),
    (r"[A-Z][A-Za-z0-9]{1,12}[- ]type(?=\s+(?:structure|phase|framework|compound|"
     r"material|lattice|conductor|electrolyte))", "{0}"),
)

# the words that may stand between a type or crystal system and the material it
# describes: "cubic garnet Li7La3Zr2O12", "the olivine-type LiFePO4"
_ADJECTIVE_GAP_RE = re.compile(
    r"[\s-]*(?:(?:type|structured|phase|cubic|tetragonal|orthorhombic|hexagonal|trigonal|"
    r"rhombohedral|monoclinic|triclinic|[αβγδ])[\s-]*)*", _I)

def described_material(
    text: str, f: StructureMention, mats: list[MaterialMention]
) -> MaterialMention | None:
    """A type or crystal system used as an adjective describes the material right after
    it: "olivine LiFePO4", "the cubic garnet Li7La3Zr2O12"."""
    if f.kind not in ("structure_type", "crystal_system"):
        return None
    following = next((m for m in mats if m.start >= f.end), None)
    if following is None or following.comparison or following.start - f.end > 40:
        return None
    gap = _ADJECTIVE_GAP_RE.match(text, f.end, following.start)
    if gap is None or gap.end() != following.start:
        # "the Ta-doped garnet (Li6.5La3Zr1.5Ta0.5O12)": the material in brackets
        if not (_BRACKET_OPEN_RE.fullmatch(text, f.end, following.start)
                and _BRACKET_CLOSE_RE.match(text, following.end)):
            return None
    return following.resolved


_BRACKET_OPEN_RE = re.compile(r"[\s-]*(?:type|structured|phase)?\s?\(\s?")
_BRACKET_CLOSE_RE = re.compile(r"\s?[),;]")


# "the perovskite structure of X", "spinels like NiCr2O4", "perovskites such as X"
_STRUCTURE_WORDS = "|".join(
    [p for p, label in STRUCTURE_TYPES if label != "{0}"]
    + ["cubic", "tetragonal", "orthorhombic", "hexagonal", "trigonal", "rhombohedral",
       "monoclinic", "triclinic", "layered", "ordered", "disordered", "[αβγδ]"])
_TYPE_THEN_MATERIAL_RE = re.compile(
    r"[\s-]*(?:(?:structures?|phases?|oxides?|compounds?|materials?|type|structured|family|"
    r"lattice|framework|ceramics?|conductors?|electrolytes?|glass-ceramics?|powders?)\s*)?,?\s*"
    r"(?:such\s+as|like|e\.\s?g\.,?|i\.\s?e\.,?|of|namely|including|in|for)\s+"
    r"(?:(?:the|a|an|pure|undoped|doped|pristine|parent|as-prepared|as-synthesi[sz]ed|"
    r"single-phase|formula|composition|general\s+formula)\s+)*$"
    # "the cubic garnet Li7La3Zr2O12": more structure words, then the material
    rf"|[\s-]+(?:(?:{_STRUCTURE_WORDS})[\s-]+){{1,2}}$"
    # "the thio-LISICON system Li4−xGe1−xPxS4": a family noun in apposition
    r"|[\s-]*(?:type\s+)?(?:system|family|series|compounds?|phases?)\s+$"
    # "an argyrodite-type sulfide electrolyte … represented by Li7−yPS6−yXy",
    # "a garnet ceramic of formula X", "… represented by Formula 1: X"
    r"|[^.;]{0,80}?\b(?:represented\s+by|(?:of|having|with)\s+(?:the\s+)?(?:general\s+)?"
    r"(?:formula|composition))\s+(?:formula\s+\d+\s?:\s+)?$", _I)
# the verbs and words that may stand between a material and a type said of it
_LINKING_VERB = (
    r"(?:is|are|was|were|has|have|had|having|with|be|been|being|adopts?|adopted|adopting|"
    r"shows?|showed|shown|showing|exhibits?|exhibited|exhibiting|possess(?:es|ed|ing)?|"
    r"crystalli[sz](?:es|ed|ing|e)|retains?|retained|retaining|maintains?|maintained|"
    r"forms?|formed|assumes?|assumed|displays?|displayed|keeps?|kept|belongs?|belonged|"
    r"found|known|reported|confirmed|determined|identified|indexed|transforms?|transformed|"
    r"shares?|shared|orders?|ordered|changes?|changed|converts?|converted|undergoes|underwent|"
    r"exists?|existed|occurs?|appears?|stabili[sz]es?|stabili[sz]ed|crystallizes|crystallises)")
_STRUCTURE_ADJECTIVE = (
    r"(?:a|an|the|also|still|only|mainly|clearly|well|single-phase|pure|phase-pure|typical|"
    r"cubic|tetragonal|orthorhombic|hexagonal|trigonal|rhombohedral|monoclinic|triclinic|"
    r"layered|ordered|disordered|distorted|double|simple|ideal|well-crystallized|[αβγδ]-?|"
    r"however,?|therefore,?|thus|typically|usually|predominantly|"
    # the structure named on the way: "has the NASICON structure (rhombohedral, …"
    rf"(?:{'|'.join(p for p, label in STRUCTURE_TYPES if label != '{0}')})(?:-type)?|"
    r"structures?|phases?|type|framework|polymorphs?|forms?|modifications?|space\s+group|"
    r"symmetry|\(,?)")
# "X perovskite", "X has a cubic garnet structure", "X, a layered perovskite",
# "X crystallizes in the cubic system", "X was found to adopt the spinel structure";
# "to", "in", "into", "as" only after a verb ("adding BaO to the perovskite" is not)
_GAP_START = (r"(?:[\s-]+(?:samples?|powders?|pellets?|electrolytes?|compounds?|materials?|"
              r"ceramics?|films?|crystals?|specimens?|membranes?)\b)?"
              r"\s*(?:\([^()]{0,40}\)\s*)?(?:,\s*(?:(?:which|that)\s+)?)?")
_MATERIAL_THEN_TYPE_RE = re.compile(
    _GAP_START + rf"(?:(?:{_LINKING_VERB}(?:\s+(?:to|in|into|as))?|{_STRUCTURE_ADJECTIVE}|"
    r"its|their)\s*)*$", _I)
# "X (0 ≤ x ≤ 0.4) of the NASICON type": "of" when the type word follows the fact
_MATERIAL_OF_TYPE_RE = re.compile(
    _GAP_START + rf"(?:(?:{_LINKING_VERB}(?:\s+(?:to|in|into|as))?|{_STRUCTURE_ADJECTIVE}|"
    r"its|their|of)\s*)*$", _I)
_TYPE_WORD_AFTER_RE = re.compile(r"[\s-]type\b", _I)
# "LLZO conducts 0.3 mS/cm … in its cubic form": the possessive names the subject
_POSSESSIVE_BEFORE_RE = re.compile(r"\b(?:its|their)\s+$", _I)
# "Li3YBr6 in the monoclinic space group", "LLZO … in its cubic form": a crystal system
# followed by what it is the system of ("Ni in the perovskite" is no such statement)
_MATERIAL_IN_SYSTEM_RE = re.compile(
    _GAP_START + rf"(?:(?:{_LINKING_VERB}(?:\s+(?:to|in|into|as))?|{_STRUCTURE_ADJECTIVE}|"
    r"in|its|their)\s*)*$", _I)
_SYSTEM_NOUN_AFTER_RE = re.compile(
    r"\s+(?:space\s+group|phase|form|structure|polymorph|modification|symmetry|system)\b", _I)
_MOST_GAP = 80


def typed_material(
    text: str, f: StructureMention, mats: list[MaterialMention]
) -> MaterialMention | None:
    """The material a structure type or crystal system is said of in its sentence:
    named right after it with "of", "such as", "like" …, or before it with only verbs,
    articles and structure adjectives between ("X has a cubic garnet structure")."""
    after = [m for m in mats if m.start >= f.end and not m.comparison]
    if after and after[0].start - f.end <= _MOST_GAP and \
            _TYPE_THEN_MATERIAL_RE.fullmatch(text, f.end, after[0].start):
        return after[0].resolved
    before = [m for m in mats if m.end <= f.start]
    if before and f.start - before[-1].end <= _MOST_GAP:
        gap = (before[-1].end, f.start)
        if _MATERIAL_THEN_TYPE_RE.fullmatch(text, *gap):
            return before[-1].resolved
        if _TYPE_WORD_AFTER_RE.match(text, f.end) and _MATERIAL_OF_TYPE_RE.fullmatch(text, *gap):
            return before[-1].resolved
        if f.kind == "crystal_system" and _SYSTEM_NOUN_AFTER_RE.match(text, f.end) and \
                _MATERIAL_IN_SYSTEM_RE.fullmatch(text, *gap):
            return before[-1].resolved
    if before and _POSSESSIVE_BEFORE_RE.search(text, max(0, f.start - 8), f.start) and \
            not before[0].comparison and not _ANALOG_AFTER_RE.match(text, f.end) and \
            not any(m.start < f.start for m in mats if m not in before):
        return before[0].resolved  # the sentence's subject, named first
    return None


# ---- a system or type word that is no statement of the material's structure ----

_SYSTEMS = r"cubic|tetragonal|orthorhombic|hexagonal|trigonal|rhombohedral|monoclinic|triclinic"
_TYPE_WORDS = "|".join(p for p, label in STRUCTURE_TYPES if label != "{0}")
_FORM = rf"(?:{_SYSTEMS}|{_TYPE_WORDS})"
# "pseudo-cubic", "quasi-tetragonal", "cubic-like": close to a system, not that system
# (a crystallographer records no crystal system for a pseudo-cubic lattice)
_PSEUDO_BEFORE_RE = re.compile(r"(?:pseudo|quasi)[\s-]?$", _I)
_LIKE_AFTER_RE = re.compile(r"-?like\b", _I)
# the system of part of a structure, a shape or a function: "distorted cubic sulphur
# sublattices", "hexagonal close-packing", "cubic closed packing (ccp)", "hexagonal
# platelets", "a cubic spline", "cubic metres"
_PART_OR_SHAPE_AFTER_RE = re.compile(
    r"[\s-]+(?:(?:(?:distorted|anion|cation|oxygen|oxide|sulfur|sulphur|sulfide|selenium|"
    r"halide|halogen|chlorine|chloride|bromine|bromide|iodine|iodide|fluorine|fluoride|"
    r"nitrogen|metal|lithium|sodium)[\s-]+){0,2}"
    r"(?:sub-?lattices?|close[d]?[\s-]?pack(?:ing|ed)|packings?|(?:ccp|hcp)\b)"
    r"|(?:shaped?|morpholog\w*|platelets?|plates?|prisms?|rods?|nanocubes?|nanoplates?|"
    r"splines?|polynomials?|fits?|functions?|equations?|roots?|met(?:er|re)s?|"
    r"centimet(?:er|re)s?|millimet(?:er|re)s?|inch(?:es)?|feet|foot)\b)", _I)
# "distorted from the ideal cubic simple perovskite", "non-cubic", "instead of the
# tetragonal phase", "rather than a spinel": a reference the material is not
_NEGATED_BEFORE_RE = re.compile(
    r"(?:\bnot|\bnon|\bno\s+longer|\brather\s+than|\binstead\s+of|\bthan|\bversus|\bvs\.?|"
    # "distorted from", "changes from": not "exsolved from the perovskite lattice"
    r"\b(?:distort|deviat|depart|deriv|differ|far|away|chang|transform|transition|go|went|"
    r"evolv|convert|turn)\w*\s+from)[\s-]+(?:(?:a|an|the|its|their|ideal|perfect|aristotype|parent|simple|"
    r"undistorted|high[\s-]symmetry|higher[\s-]symmetry|pure|typical|usual|conventional|"
    rf"classic(?:al)?|{_SYSTEMS}|{_TYPE_WORDS}|[αβγδ]-?)[\s-]+)*$", _I)
# the start of a transition: "a tetragonal to cubic phase transition", "tetragonal-to-cubic"
_TRANSITION_FROM_RE = re.compile(
    r"(?:[\s-]+(?:phase|structure|symmetry|form|polymorph))?(?:\s?\([^()]{0,20}\))?"
    r"(?:\s?[-‐–]\s?to\s?[-‐–]\s?|\s+to\s+|\s?(?:→|->|⟶|↔)\s?)"
    rf"(?:(?:an?|the|high[\s-]temperature|low[\s-]temperature|ideal)\s+)?{_FORM}", _I)
# the end of a transition: "transforms to cubic", "a transition to the cubic phase (Pm-3m)"
_TO_BEFORE_RE = re.compile(
    r"(?:\b(?:in)?to|→|->|⟶)[\s(]+(?:(?:a|an|the|its|their|high[\s-]temperature|"
    r"high[\s-]pressure|low[\s-]temperature|ideal|fully|disordered|ordered|[\w-]+-type|phase|"
    rf"structure|symmetry|space\s+group|{_SYSTEMS})[\s(-]+)*$", _I)
_TRANSITION_CUE_RE = re.compile(
    rf"transform|transition|chang|convert|turn|evolv|revert|\bwent\b|\bgoes\b|\bfrom\b|{_SYSTEMS}",
    _I)
# "(b) 950 °C refined in the cubic Pm-3m", "from 400 to 950 °C in the cubic phase": the
# structure at a high temperature (not after "sintered at 1200 °C": made there, kept cold)
_HOT_BEFORE_RE = re.compile(
    r"(?P<t>\d{3,4})\s?(?P<u>°\s?C|℃|K)\b\s*(?:(?:refined|indexed|described)\s+)?"
    r"(?:in|into|to)\s+(?:(?:a|an|the|simple|ideal|high-symmetry|"
    rf"{_SYSTEMS})[\s-]+)*\(?$", _I)
_MADE_BEFORE_RE = re.compile(
    r"(?:sinter|calcin|anneal|heat|fir|prepar|synthes|quench|treat|grown|deposit|obtain|made)"
    r"\w*\s+(?:\w+\s+){0,3}$", _I)
# "mesoporous cubic (Ia3d) silica": the symmetry of the pores, not of a crystal
_MESOPOROUS_BEFORE_RE = re.compile(
    rf"meso(?:porous|structured)\s+(?:(?:{_SYSTEMS})\s+)?\(?\s?$", _I)
# a stated condition under which the structure is reached: not the room-temperature one
_CONDITION_RE = re.compile(
    r"\d\s?(?:°\s?C|℃|K\b|GPa|MPa|kbar)|heat|cool|temperature|pressur|anneal|sinter|calcin|"
    r"quench", _I)


def said_of_crystal(text: str, f: StructureMention, s0: int, s1: int) -> bool:
    """Whether a crystal-system or structure-type word (or a space group) states the
    structure a material has as made: not "pseudo-cubic", "a cubic close packing of
    anions" or "distorted cubic sulphur sublattices" (a part, not the crystal), not "distorted
    from the ideal cubic perovskite" or "instead of the tetragonal phase" (a reference),
    not the start of a transition ("a tetragonal to cubic transition") nor where one
    leads under a stated condition ("transforms to cubic at 800 °C"; StructureFact has
    no temperature, so such a fact is dropped)."""
    lo = max(s0, f.start - 60)
    if f.kind != "structure_type" and _MESOPOROUS_BEFORE_RE.search(text, lo, f.start):
        return False
    hot = _HOT_BEFORE_RE.search(text, lo, f.start)
    if hot and float(hot.group("t")) >= (373 if hot.group("u") == "K" else 100) and \
            not _MADE_BEFORE_RE.search(text, max(s0, hot.start() - 40), hot.start()):
        return False
    if f.kind != "space_group":
        if f.kind == "crystal_system" and (
                _PSEUDO_BEFORE_RE.search(text, lo, f.start) or _LIKE_AFTER_RE.match(text, f.end)
                or _PART_OR_SHAPE_AFTER_RE.match(text, f.end, s1)):
            return False
        if _NEGATED_BEFORE_RE.search(text, lo, f.start) or \
                _TRANSITION_FROM_RE.match(text, f.end, s1):
            return False
    to = _TO_BEFORE_RE.search(text, lo, f.start)
    return not (to and _TRANSITION_CUE_RE.search(text, max(s0, to.start() - 50), to.start())
                and _CONDITION_RE.search(text, s0, s1))


# "other fast ionic conductors such as lithium titanate and NASICONs", "unlike X and its
# spinel analog": a class or a reference named for comparison
_COMPARISON_CUE_RE = re.compile(
    r"\b(?:such\s+as|(?<![-\w])like|e\.\s?g\.|including|unlike|than|compared\s+(?:with|to)|"
    r"versus|vs\.|other|similar\s+to|analogous\s+to)(?!\w)", _I)
_CLAUSE_BREAK_RE = re.compile(rf"[;:]|\.\s|\b(?:which|that|where|{_LINKING_VERB})\b", _I)
_ANALOG_AFTER_RE = re.compile(
    r"[\s-]+(?:analog(?:ue)?s?|counterparts?|relatives?|cousins?|derivatives?)\b", _I)


def class_or_comparison(text: str, f: StructureMention, s0: int) -> bool:
    """A type or system named as a class ("perovskites", "NASICONs") or for comparison
    ("unlike X and its spinel analog", "similar to spinel", "such as NASICON"): no fact
    about a material when the sentence says it of none."""
    if f.kind == "structure_type" and f.raw.lower().endswith("s") and \
            not (f.structure_type or "").lower().endswith("s"):
        return True
    if _ANALOG_AFTER_RE.match(text, f.end):
        return True
    cue = None
    for cue in _COMPARISON_CUE_RE.finditer(text, max(s0, f.start - 60), f.start):
        pass
    return cue is not None and not _CLAUSE_BREAK_RE.search(text, cue.end(), f.start)


# "isostructural to LiAlX4 analogues": a material the sample is compared with
_COMPARED_BEFORE_RE = re.compile(
    r"(?:\b(?:isostructural|isotypic|isomorphous|analogous|similar|identical|compared)\s+"
    r"(?:to|with)|\bunlike|\bthan(?:\s+(?:that|those)\s+of)?|\bversus|\bvs\.?|\bsuch\s+as)\s+"
    r"(?:(?:the|a|an|its|their|other|pure|undoped|pristine|parent|[\w‐-]+[‐-]free)\s+)?$", _I)


def compared(text: str, start: int) -> bool:
    """Whether a material starting at ``start`` is named only for comparison."""
    return _COMPARED_BEFORE_RE.search(text, max(0, start - 40), start) is not None


# "the monoclinic crystal structure (space group C2/m)", "orthorhombic space group Pnma":
# a crystal system written with its space group is that group's material's
_SYSTEM_TO_GROUP_RE = re.compile(
    r"(?:[\s,(:-]*(?:crystal|unit|cell|structures?|phases?|symmetry|system|lattice|form|"
    rf"polymorph|with|in|of|the|an?|space|groups?|s\.\s?g\.|type|{_TYPE_WORDS})\b)*[\s,(:-]*",
    _I)


def group_of_system(
    text: str, f: StructureMention, groups: list[StructureMention]
) -> StructureMention | None:
    """The space group written right after a crystal system, if any."""
    after = next((g for g in groups if g.start >= f.end), None)
    if after is None or after.start - f.end > 50:
        return None
    return after if _SYSTEM_TO_GROUP_RE.fullmatch(text, f.end, after.start) else None


# "Pristine X is hexagonal, while the x = 0.05 oxides are indexed in cubic Pm-3m": what
# lies before the contrast is not what the clause after it describes
_CONTRAST_RE = re.compile(r"\b(?:while|whereas|but|however|unlike|in\s+contrast)\b", _I)


def across_contrast(text: str, start: int, end: int) -> bool:
    """Whether a contrast word ("while", "whereas", "but") stands in ``text[start:end]``."""
    return _CONTRAST_RE.search(text, start, end) is not None


# "PO2 = 10−6 Torr": a variable, not a sample
_VARIABLE_VALUE_AFTER_RE = re.compile(r"\s?[=<>≤≥≈]\s?[\d.]")


def is_variable(text: str, m: MaterialMention) -> bool:
    """A formula given a value ("PO2 = 10−6 Torr") is a variable, not a sample."""
    return _VARIABLE_VALUE_AFTER_RE.match(text, m.end) is not None


def label_before(text: str, sentence: tuple[int, int], s0: int,
                 materials: list[MaterialMention]) -> MaterialMention | None:
    """The last sample label of ``sentence`` when it is the one before the sentence
    starting at ``s0`` in the same paragraph."""
    p0, p1 = sentence
    if "\n\n" in text[p1:s0]:
        return None
    labels = label_mentions(text, *sentence, [m for m in materials if p0 <= m.start < p1])
    return labels[-1] if labels else None


__all__ = ["STRUCTURE_TYPES", "class_or_comparison", "compared", "described_material",
           "across_contrast", "group_of_system", "is_variable", "label_before", "said_of_crystal",
           "typed_material"]
