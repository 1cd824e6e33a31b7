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
    (r"spinels?", "spinel"),
    (r"olivines?", "olivine"),
    (r"fluorites?", "fluorite"),
    (r"pyrochlores?", "pyrochlore"),
    (r"brownmillerites?", "brownmillerite"),
    (r"rock[- ]?salt", "rock-salt"),
    (r"wurtzite", "wurtzite"),
    (r"zinc[- ]blende|sphalerite", "zinc blende"),
    (r"K2NiF4[- ]type", "K2NiF4"),
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
        return None
    return following.resolved


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
_GAP_START = r"\s*(?:\([^()]{0,40}\)\s*)?(?:,\s*(?:(?:which|that)\s+)?)?"
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
            not any(m.start < f.start for m in mats if m not in before):
        return before[0].resolved  # the sentence's subject, named first
    return None


__all__ = ["STRUCTURE_TYPES", "described_material", "typed_material"]
