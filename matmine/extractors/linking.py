"""Linking a property value to the material it describes.

Materials come from the ``matmine_materials`` component (``doc.spans["materials"]``,
each span with ``span._.material``).  The rules, in order:

1. "A, B and C show 1, 2 and 3 mS/cm, respectively" — lists paired in order
   (also "values of 175 and 160 S/cm for A and B").
2. "… 12 mS/cm for Li10GeP2S12" — a material introduced by *for*/*of* right after.
3. The nearest material before the value in the sentence (an abbreviation in
   parentheses right after a formula stands for that formula).
4. The nearest material after the value in the sentence.
5. "the sample", "this electrolyte", "its" … — the discourse topic: the last
   material named earlier that was not named only for comparison ("one third of the
   value of LGPS", "isotypic with LGPS", "higher than X"); with no such phrase, a
   material named in the two sentences before (same paragraph); the pipeline falls
   back on the title compound.  A noun phrase ("This anode") becomes the record's
   material mention (its text and span) standing for the antecedent (``formula``,
   ``composition``; ``name`` is the antecedent's text).  A plural one ("both
   samples") and a "respectively" list with no materials to pair link nothing,
   nor does a sentence whose subject is a class ("Typical sulfide electrolytes
   show …": :func:`generic_subject`).

Sample codes the materials component does not know ("S30", "PBFM", "LSCF6428")
are linked as labels (``Material.error`` says they were not parsed), and series
named by their variable ("for x = 0.05 and x = 0.10, respectively") resolve
against the last formula written with that variable.  Gases and atmospheres
(H2, O2, air …), bare ions (Li+, Mo4+), bare element symbols, family names
(NASICON, garnet), X-ray lines (CuKα), structure-type words ("LGPS-type"),
single-element materials ("lithium metal", "Li foil") and starting materials
("synthesized from Li2S, P2S5 and GeS2", "Li2S, P2S5 and LiCl were mixed", "the molar
ratio Li2S:P2S5", "obtained by crystallizing 70Li2S–30P2S5 glass", "sputtering
Li3PO4") are never linked.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, replace

from spacy.tokens import Doc

from matmine.extractors.periodic_table import ELEMENT_BY_NAME
from matmine.extractors.quantities import Quantity
from matmine.models import Material

GAS_FORMULAS = frozenset({
    "H2", "O2", "N2", "Ar", "He", "Ne", "CH4", "CO", "CO2", "H2O", "NH3", "H2S", "NO", "NO2",
    "N2O", "C2H6", "C3H8", "C2H4", "Cl2", "F2", "SO2", "Kr", "Xe",
})
_ION_RE = re.compile(r"(?:\d*[+⁺]|\d+[−⁻-]|[A-Za-z][−⁻])$")
_ELEMENT_ONLY_RE = re.compile(r"^[A-Z][a-z]?$")

_ANAPHOR_NP = (
    r"\b(?:the|this|these|that|those|our|such|each|both)\s+"
    r"(?:as[- ]\w+\s+|(?!(?:the|a|an|this|these|its|our)\s)\w+[- ]?\w*\s+)?"
    r"(?:samples?|electrolytes?|materials?|compounds?|specimens?|pellets?|ceramics?|glass(?:es)?|"
    r"films?|membranes?|conductors?|phases?|composites?|powders?|products?|compositions?|"
    r"anodes?|cathodes?|oxides?|sulfides?|sulphides?|crystals?)\b(?:[-‐]ceramics?\b)?")
# "This anode", "the composite": a noun phrase standing for a material named earlier
ANAPHOR_NP_RE = re.compile(_ANAPHOR_NP, re.IGNORECASE)
ANAPHOR_RE = re.compile(
    _ANAPHOR_NP +
    r"|\bits\b"
    r"|\b(?:it|which)\s+(?:shows?|showed|exhibits?|exhibited|displays?|displayed|has|had|"
    r"reach(?:es|ed)?|possess(?:es|ed)?|achiev(?:es|ed)|gives?|gave|delivers?|delivered)\b",
    re.IGNORECASE,
)
_AFTER_FOR_RE = re.compile(
    r"^[^.;\d]{0,40}?\b(?:for|of|in\s+the|by)\s+(?:the\s+|a\s+|an\s+|pure\s+|bulk\s+|"
    r"our\s+|as-\w+\s+)?(?:[\w-]+\s+){0,2}$",
    re.IGNORECASE,
)
_PAREN_ALIAS_RE = re.compile(r"^\s*[(\[]\s*$")
# a chemical name: lower-case words ("lithium indium chloride", "Lanthanum oxide")
_NAME_RE = re.compile(r"[A-Za-z][a-z]+(?:[\s-]+(?:\(\s?[IVX]+\s?\)|[a-z]+))+")

# "Typical sulfide electrolytes show …", "Generally, oxide solid electrolytes reach …":
# a statement about a class of materials, not about one the text has named
_CLASS_NOUNS = (
    r"(?:electrolytes|conductors|materials|oxides|sulfides|sulphides|halides|chlorides|"
    r"hydrides|borohydrides|nitrides|phosphates|thiophosphates|compounds|ceramics|"
    r"glass-ceramics|glasses|polymers|perovskites|garnets|argyrodites|spinels|cathodes|"
    r"anodes|SEs|SSEs|candidates)")
_DETERMINER = r"(?:the|these|those|this|that|our|both|each|its|their|his|her)"
_GENERIC_SUBJECT_RE = re.compile(
    r"^\s*(?:(?:generally|typically|usually|commonly|in\s+general|however|moreover|"
    r"furthermore|in\s+contrast|by\s+contrast|to\s+date|so\s+far|currently|today|nowadays|"
    r"in\s+practice|indeed|overall|traditionally|historically),?\s+)*"
    r"(?:(?:most|many|some|all|other|typical|conventional|common|known|current|existing|"
    r"several|various|certain|such|state-of-the-art|practical|commercial)\s+)*"
    rf"(?:(?!{_DETERMINER}\b)[\w–-]+\s+){{0,3}}?" + _CLASS_NOUNS + r"\b", re.IGNORECASE)


def generic_subject(sentence: str) -> bool:
    """Whether the sentence's subject is a plural class noun with no determiner
    ("Typical sulfide electrolytes", "Generally, oxide solid electrolytes", "Solid
    electrolytes"): its values describe the class, not the document's material.

    >>> generic_subject("Generally, oxide solid electrolytes reach only 10−4 S/cm.")
    True
    >>> generic_subject("The electrolytes reach 1 mS/cm.")
    False
    """
    return _GENERIC_SUBJECT_RE.match(sentence) is not None


@dataclass(frozen=True)
class MaterialMention:
    """A material mention in one text, with what it stands for.

    ``alias_of`` is set for an abbreviation in parentheses right after a formula
    ("Li10GeP2S12 (LGPS)"): linking uses the formula's mention instead.
    """

    start: int
    end: int
    text: str
    material: Material
    linkable: bool = True
    alias_of: MaterialMention | None = None
    # named only as a reference point ("one third of the value of LGPS", "isotypic
    # with LGPS", "higher than Li6PS5Cl"): never the discourse topic
    comparison: bool = False

    @property
    def resolved(self) -> MaterialMention:
        return self.alias_of or self


_RADIATION_RE = re.compile(r"(?:Cu|Co|Mo|Ag|Cr|Fe|Ga)\s?K\s?[αβ]")  # X-ray lines, "CuKα"
_FAMILY_RE = re.compile(
    r"^(?:thio-?)?(?:LISICON|NASICON|garnet|perovskite|argyrodite|spinel|olivine|fluorite|"
    r"pyrochlore|anti-?perovskite)s?$", re.IGNORECASE)
# "synthesized from Li2S, P2S5 and GeS2": starting materials are not what is measured
# matched on lower-cased text: case-blind regexes are several times slower
# (the look-ahead on the first letter lets the scan skip most positions cheaply)
_REAGENT_CUE_RE = re.compile(
    r"(?=[sprmotb])(?<![a-z])(?:(?:synthesi[sz]ed|prepared|made|obtained|produced)\s+"
    r"(?:by\s+[\w-]+(?:\s+[\w-]+){0,3}\s+)?(?:starting\s+)?from|starting\s+from|"
    r"starting\s+materials?|precursors?|reagents?|raw\s+materials?|mixture\s+of|mixing|"
    r"reaction\s+(?:of|between)|sputtering|sputtered\s+from|targets?\s+of|"
    # "obtained by crystallizing 70Li2S–30P2S5 glass": what is processed is the precursor
    r"\bby\s+(?:crystalli[sz]ing|heat(?:ing|-treating)|annealing|sintering|quenching|"
    r"melting|(?:ball[- ])?milling|calcining|reacting))")
# "the molar ratio Li2S:P2S5", "a weight ratio of LiCl to YCl3"
_RATIO_BEFORE_RE = re.compile(r"\bratios?\s+(?:of\s+)?(?:the\s+)?$")
# "Li3PS4 prepared in THF", "LLZO doped with Ga2O3", "coated with LiNbO3", "in aqueous
# LiOH": what a sample was made in, treated with or measured in is not the sample
# (matched on lower-cased text, right before the mention)
_MODIFIER_BEFORE_RE = re.compile(
    r"(?:(?:prepared|synthesi[sz]ed|made|dispersed|dissolved|soaked|immersed|washed|treated|"
    r"modified|coated|doped|co-doped|decorated|infiltrated|impregnated|filled|loaded|"
    r"reinforced|stabili[sz]ed|functionali[sz]ed|wetted|mixed|blended)\s+"
    r"(?:in|with|by|using)\s+|\baqueous\s+|\bsolutions?\s+of\s+|"
    # "SDC at 15 mol% SmO1.5", "with 2 wt% Al2O3": an amount of an ingredient
    r"\b\d+(?:\.\d+)?\s?(?:mol|wt|at|vol)\.?\s?%\s+(?:of\s+)?|"
    # "58-nm-thick films on MgO", "grown on (001) SrTiO3": the substrate
    r"\b(?:films?|layers?|coatings?|grown|deposited|sputtered|supported|epitaxial)\s+(?:on|onto|over)\s+"
    r"(?:(?:single[- ]crystal(?:line)?|\(\d{3}\)|\d{3}-oriented)\s+)*)"
    r"(?:(?:a|an|the|of|dilute|concentrated|anhydrous|excess|[\d.]+\s?(?:wt|mol|vol|at|m)?\.?\s?%?)\s+)*$")
# "a film grown on a NdGaO3 substrate", "the SmO1.5 content": a support or a constituent
_NOT_THE_SAMPLE_AFTER_RE = re.compile(
    r"\s?(?:substrates?|supports?|content|contents|concentration|amount|addition|ratio|"
    r"fraction|crucibles?|boats?|sealant|current\s+collectors?)\b", re.IGNORECASE)
# "Compared with YSZ (…), ScSZ shows …": a comparison that opens the sentence
_INTRODUCTORY_COMPARISON_RE = re.compile(
    r"(?:^|[.!?]\s+|\n)\s*(?:as\s+)?(?:compared\s+(?:with|to)|in\s+comparison\s+(?:with|to)|"
    r"relative\s+to|unlike|similar\s+to|in\s+contrast\s+to)\s+(?:the\s+)?(?:[\w-]+\s+){0,2}$", re.I)
_COMPARED_LIST_GAP_RE = re.compile(r"\s?(?:\([^()]{0,40}\)\s?)?(?:,\s?(?:and\s|or\s)?|\sand\s|\sor\s)")
_MODIFIER_HINTS = (" in ", " with ", " by ", " using ", "aqueous ", " of ", "%", " on ", " onto ",
                   " over ")
# "Li2S, P2S5, LiCl and LiBr were mixed …": a list of formulas followed by a
# preparation verb names starting materials (matched on lower-cased text)
_REAGENT_AFTER_RE = re.compile(
    r"(?=[wia])\b(?:(?:were|was)\s+(?:\w+\s+)?(?:mixed|milled|ball-milled|weighed|ground|dissolved|"
    r"blended|combined|used\s+as\s+(?:starting|raw)|used\s+to\s+obtain|used)\b|"
    # "barium fluoride is used as the flux": a processing aid, not the product
    r"(?:is|are)\s+(?:\w+\s+)?used\s+as\s+(?:an?|the)\s+(?:flux|binder|solvent|dispersant|"
    r"sintering\s+aid|pore[\s-]former|reducing\s+agent|chelating\s+agent|additive|template)\b)")
_LIST_GAP_RE = re.compile(r"(?:\s*(?:,|and|,\s*and|&)\s*[\w().·:\-–]+){0,8}"
                          r"\s*(?:\([^()]{0,30}\))?\s*(?:powders?\s*)?")
# "LGPS-type structure", "NASICON-like": a structure type, not the material measured
_TYPE_SUFFIX_RE = re.compile(r"\s?[-‐–]\s?(?:type|like|structured|family|related)\b")
_LIST_SEP_RE = re.compile(r"\s?(?:[,:/]|and|or|,\s?and)\s?")
# what comes right before a material named only for comparison (lower-cased text)
_COMPARISON_BEFORE_RE = re.compile(
    r"(?:\bthan|\bthat\s+of|\bthose\s+of|\bof\s+the\s+values?\s+of|\banalog(?:ue)?s?\s+of|"
    r"\bisotypic\s+(?:with|to)|\bisostructural\s+(?:with|to)|\bcompared\s+(?:with|to)|"
    r"\bcomparison\s+(?:with|to)|\brelative\s+to|\bsimilar\s+to|\bunlike|\bversus|\bvs\.?|"
    r"\binstead\s+of|\bbetter\s+than|\bexceeding|\bexceeds|\bsurpass(?:ing|es)?|"
    r"\bdo\s+in|\bdoes\s+in)"
    r"\s+(?:(?:the|a|an|pure|undoped|pristine|conventional|parent|reference|"
    r"commercial|typical)\s+)?"
    # "similar to that of another solid electrolyte, Li5AlS4": an apposition
    r"(?:(?:[a-z][\w‐-]*\s+){0,2}|(?:[a-z][\w‐-]*\s+){0,3}[a-z][\w‐-]*,\s)$")


_OVER_BEFORE_RE = re.compile(r"\bover\s+(?:that\s+of\s+)?(?:the\s+)?(?:[a-z][\w-]*\s+){0,2}$")
_GAIN_RE = re.compile(r"\b(?:improv|superior|better|higher|enhanc|advantage|outperform|increas)")
_OWN_CLAUSE_THAT_OF_RE = re.compile(
    r"(?:,\s?and|;|\bwhile|\bwhereas)\s+(?:that|those)\s+of\b")
COMPARED_RE = re.compile(r"\b(?:than|compared|relative\s+to|versus|vs\.?|unlike)\b")


# words one of which every _COMPARISON_BEFORE_RE match contains (a cheap test first)
_COMPARISON_HINTS = ("than", "of", "analog", "isotypic", "isostructural", "compar", "relative",
                     "similar", "unlike", "versus", "vs", "instead", "exceed", "surpass", " do ",
                     " does ")


def _listed_before_cue(text: str, end: int, cues: list[int]) -> bool:
    """Whether the mention ending at ``end`` is in a list followed by "were mixed" …"""
    i = bisect.bisect_left(cues, end)
    if i >= len(cues) or cues[i] - end > 90:
        return False
    return _LIST_GAP_RE.fullmatch(text, end, cues[i]) is not None


def is_linkable(material: Material, text: str) -> bool:
    """False for gases, ions, bare elements ("Li", "lithium metal": electrodes,
    constituents or ions, not the measured sample) and family names."""
    stripped = text.strip()
    if _FAMILY_RE.match(stripped):
        return False
    formula = (material.reduced_formula or material.formula or "").replace(" ", "")
    if stripped in GAS_FORMULAS or formula in GAS_FORMULAS or stripped.lower() in ("air",):
        return False
    if _ION_RE.search(stripped):
        return False
    if _ELEMENT_ONLY_RE.match(stripped):
        return False
    if len(material.elements) == 1 and not material.variables and not material.dopants:
        return False  # "lithium metal", "Li foil", "aluminium": one element only
    return True


if not Doc.has_extension("material_mentions"):
    Doc.set_extension("material_mentions", default=None)


MATERIALS_IN_ORDER = "matmine.materials_in_order"
"""``doc.user_data`` key: the materials component's mentions as (start, end, material)."""


def _mention_materials(doc: Doc, key: str) -> list[tuple[int, int, Material]]:
    """(start, end, material) of the doc's mentions in text order; from the list the
    materials component keeps (reading every span's extension is slower)."""
    kept = doc.user_data.get(MATERIALS_IN_ORDER) if key == "materials" else None
    if kept is not None:
        return kept
    out = []
    for span in sorted(doc.spans[key], key=lambda s: (s.start_char, s.end_char)):
        material = span._.material if span.has_extension("material") else None
        if material is not None:
            out.append((material.start if material.start is not None else span.start_char,
                        material.end if material.end is not None else span.end_char, material))
    return out


def materials_of(doc: Doc, key: str = "materials", text: str | None = None
                 ) -> list[MaterialMention]:
    """The doc's material mentions, in order, with parenthesised aliases resolved.

    Computed once per doc and kept in ``doc._.material_mentions``.
    """
    cached = doc._.material_mentions
    if cached is not None:
        return cached
    if key not in doc.spans:
        doc._.material_mentions = []
        return []
    out: list[MaterialMention] = []
    if text is None:
        from matmine.extractors.sentences import doc_text

        text = doc_text(doc)
    lower = text.lower()
    if len(lower) != len(text):
        lower = text
    is_reagent = _reagent_test(text, lower)
    after_cues = [m.start() for m in _REAGENT_AFTER_RE.finditer(lower)]
    prev_reagent = prev_modifier = introductory = False
    for start, end, material in _mention_materials(doc, key):
        alias = None
        name_then_formula = False
        if out and _PAREN_ALIAS_RE.match(text[out[-1].end:start]):
            # "lithium indium chloride (Li3InCl6)": the formula says what the name means
            name_then_formula = _NAME_RE.fullmatch(out[-1].text) is not None and \
                any(c.isdigit() for c in text[start:end]) and not material.error
            if not name_then_formula and end - start <= 12:
                alias = out[-1].resolved
        reagent = (is_reagent(start) or _listed_before_cue(text, end, after_cues)
                   or ("ratio" in lower[max(0, start - 25):start]
                       and _RATIO_BEFORE_RE.search(lower, max(0, start - 25), start) is not None)
                   # "Li2S:P2S5", "Li2S and P2S5": the next item of a reagent list
                   or (prev_reagent and _LIST_SEP_RE.fullmatch(text, out[-1].end, start)
                       is not None))
        window = lower[max(0, start - 50):start]
        modifier = any(hint in window for hint in _MODIFIER_HINTS) and \
            _MODIFIER_BEFORE_RE.search(window) is not None
        # "stabilized with scandia and yttria": the next item of a modifier list
        modifier = modifier or bool(prev_modifier and _LIST_SEP_RE.fullmatch(text, out[-1].end, start))
        prev_reagent, prev_modifier = reagent, modifier
        linkable = (is_linkable(material, text[start:end]) and not reagent and not modifier
                    and not _RADIATION_RE.match(text, start)
                    and _TYPE_SUFFIX_RE.match(text, end) is None
                    and _NOT_THE_SAMPLE_AFTER_RE.match(text, end) is None)
        before = lower[max(0, start - 45):start]
        found = _COMPARISON_BEFORE_RE.search(lower, max(0, start - 45), start) \
            if any(hint in before for hint in _COMPARISON_HINTS) else None
        # "…was 0.81 mS/cm, and that of Li7La3Zr2O12 was 2 × 10−6 S/cm": a clause of its own
        comparison = found is not None and not _OWN_CLAUSE_THAT_OF_RE.search(
            lower, max(0, found.start() - 12), found.start() + 8)
        # "improved conductivity (3.06 × 10−2 S/cm) over SDC 20": "over" after a gain
        comparison = comparison or (" over " in before and _OVER_BEFORE_RE.search(
            lower, max(0, start - 45), start) is not None and _GAIN_RE.search(
            lower, max(0, start - 150), start) is not None)
        if comparison:
            introductory = _INTRODUCTORY_COMPARISON_RE.search(text, max(0, start - 45), start) \
                is not None
        # "than that of GDC (0.04 S/cm) and YSZ (0.006 S/cm)": the list goes on comparing;
        # after "Compared with YSZ (…)," at the start of a sentence a bare comma ends the
        # comparison: "…, ScSZ shows 0.12 S/cm" is the subject
        gap = _COMPARED_LIST_GAP_RE.fullmatch(text, out[-1].end, start) if out else None
        comparison = comparison or bool(
            gap and out[-1].comparison and not (introductory and gap.group().rstrip().endswith(",")))
        mention = MaterialMention(
            start=start, end=end, text=text[start:end], material=material,
            linkable=linkable, alias_of=alias, comparison=comparison,
        )
        if name_then_formula:
            out[-1] = replace(out[-1], alias_of=mention)
        out.append(mention)
    doc._.material_mentions = out
    return out


# Sample codes and unparsed abbreviations ("S30", "PBFM", "LSCF6428", "BSF") that the
# materials component does not know: linked as labels, never parsed into elements.
_LABEL_RE = re.compile(
    r"(?<![\w\-/.])(?=[A-Za-z0-9]*[A-Z][A-Za-z0-9]*[A-Z0-9])[A-Z][A-Za-z0-9]{1,11}"
    r"(?:-[A-Z][A-Za-z0-9]{1,11})?(?![\w\-/+−⁺])")
_PLURAL_ACRONYM_RE = re.compile(r"[A-Z]{2,}s")
_LOWER_RUN_RE = re.compile(r"[a-z]{2,}(?!$)|[a-wA-Z]*[a-w][a-z]+$")
LABEL_STOPLIST = frozenset("""
    SOFC SOFCs SOEC PEMFC PCFC IT-SOFC IT-SOFCs LT-SOFC LT-SOFCs SLFC SLFCs EIS XRD SEM TEM
    HRTEM STEM XPS EDS EDX EDXS TGA DSC ASR OCV DC AC CV BET DFT TPB MIEC ORR HOR OER PEM FC
    RT NMR ICP FIB PLD ALD CVD PVD SPS TEC DRT CPE XAS XANES EXAFS PDF US UK USA EU MIT DOI
    PMC II III IV VI VII VIII IX XI XII CC BY PhD LLC SI ESI JCPDS ICSD CIF DI RMS ASTM ISO
    IR UV FTIR SAED GDC-based LIB LIBs SSB SSBs ASSB ASSBs EV EVs CPU GPU AI ML NEB AIMD MD
    HT LT IT OK NA ND SD STD CAS PCT WO EP JP KR CN DE FR GB NASICON LISICON LGPS-type
    thio-LISICON Thio-LISICON RedOx
    THF DMF DMSO NMP DME DOL ACN EtOH MeOH IPA PVDF PTFE PEO PEG PVP PAN PMMA CMC SBR
    EXAMPLE EXAMPLES COMPARATIVE TABLE FIG FIGURE EMBODIMENT CLAIM CLAIMS NEB DFT-NEB NPD PXRD
""".split()) | frozenset(  # units ("up to 3 GHz for NZSP")
    "Hz kHz MHz GHz THz Pa kPa MPa GPa mPa MW kW mW GW mA mV kV eV meV keV MeV kJ MJ Wh kWh mAh "
    "Ah nm mm cm km μm µm Ω mΩ kΩ MΩ ppm ppb rpm".split())


# "combined heating and power (CHP)", "low temperatures (LTs)": an acronym defined by
# ordinary words names a concept, not a sample (lower-case words only: "yttria-stabilized
# zirconia (YSZ)" and "lanthanum strontium manganite (LSM)" name materials)
_ACRONYM_IN_PARENTHESES_RE = re.compile(r"(?<=[a-z][\s-])\(([A-Z][A-Za-z]{1,7})\)")
_WORDS_BEFORE_RE = re.compile(r"(?:[a-z]+[\s-]){1,6}$")
_SKIPPED_WORDS = frozenset({"and", "of", "or", "the", "for", "to", "in", "on", "a", "an", "with"})
_CHEMICAL_WORD_RE = re.compile(
    r"^(?:" + "|".join(sorted(ELEMENT_BY_NAME, key=len, reverse=True)) + r")$|"
    r"(?:ia|ite|ate|ide|ine|perovskite|garnet|spinel|glass|ceramic|cermet|alloy)s?$")


def concept_acronyms(text: str) -> frozenset[str]:
    """Acronyms the text defines by ordinary (non-chemical) words: not sample labels.

    >>> sorted(concept_acronyms("combined heating and power (CHP) systems at low "
    ...                         "temperatures (LTs); yttria-stabilized zirconia (YSZ)"))
    ['CHP', 'LTs']
    """
    out = set()
    for m in _ACRONYM_IN_PARENTHESES_RE.finditer(text):
        acronym = m.group(1)
        before = _WORDS_BEFORE_RE.search(text, max(0, m.start() - 80), m.start())
        if before is None:
            continue
        words = [w for w in re.split(r"[\s-]+", before.group()) if w]
        letters = acronym[:-1] if acronym.endswith("s") and len(acronym) > 2 else acronym
        if any(_CHEMICAL_WORD_RE.search(w) for w in words):
            continue
        initials = "".join(w[0] for w in words if w not in _SKIPPED_WORDS)
        if initials.upper().endswith(letters.upper()):
            out.add(acronym)
    return frozenset(out)


_RELATION_AFTER_RE = re.compile(r"\s?[=<>≤≥≈]")


def label_mentions(text: str, s0: int, s1: int, taken: list[MaterialMention],
                   concepts: frozenset[str] = frozenset()) -> list[MaterialMention]:
    """Sample codes in ``text[s0:s1]`` not covered by a material mention (nor an acronym
    of ``concepts``, see :func:`concept_acronyms`)."""
    out = []
    for m in _LABEL_RE.finditer(text, s0, s1):
        label = m.group()
        if len(label) < 3 or label in LABEL_STOPLIST or label.upper() in LABEL_STOPLIST:
            continue
        if label.endswith("s") and label[:-1] in LABEL_STOPLIST:  # "PCFCs", "ASRs"
            continue
        if _PLURAL_ACRONYM_RE.fullmatch(label):  # "REAHs", "SSEs": a class, not one sample
            continue
        if label in concepts:
            continue
        if any(part in LABEL_STOPLIST for part in label.split("-")):  # "DFT-NEB"
            continue
        if _MODIFIER_BEFORE_RE.search(text[max(s0, m.start() - 50):m.start()].lower()):
            continue  # "prepared in THF": a solvent or additive, not the sample
        if _LOWER_RUN_RE.search(label) or label.isdigit():
            continue
        if _RELATION_AFTER_RE.match(text, m.end()):
            continue  # "PO2 = 10−6 Torr": a variable with its value, not a sample
        if any(t.start < m.end() and m.start() < t.end for t in taken):
            continue
        material = Material(text=label, abbreviation=label,
                            error="sample label or abbreviation: not parsed into elements")
        out.append(MaterialMention(m.start(), m.end(), label, material))
    return out


_VARIABLE_RE = re.compile(r"\b(?P<var>[xyzδ])\s?=\s?(?P<val>\d+(?:\.\d+)?)(?![\d.])")
# one more value of a series "x = 0.05, 0.10 and 0.15" (not a value with a unit)
_SERIES_MORE_RE = re.compile(
    r"\s?(?:,\s?(?:and\s|or\s)?|\s(?:and|or)\s|\s?&\s?)\s?(?P<val>\d+(?:\.\d+)?)(?![\d.])"
    r"(?!\s?(?:[%°μΩÅ℃]|[mkμ]?S\b|S\s?[/·c]|K\b|k?J|m?eV|mol|wt|at\.?\s?%|vol|[nμm]?m\b|cm|[GM]Pa|"
    r"h\b|min|s\b|V\b|mA|A\b))")


def variable_mentions(
    text: str, s0: int, s1: int, earlier: list[MaterialMention]
) -> list[MaterialMention]:
    """"x = 0.05 and x = 0.10": members of a series named by their variable, resolved
    against the last formula written with that variable."""
    from matmine.extractors.compositions import parse_material

    out = []
    for m in _VARIABLE_RE.finditer(text, s0, s1):
        var = m.group("var")
        base = next((b for b in reversed(earlier) if re.search(
            rf"(?<![a-z]){var}(?![a-z])", b.material.formula or b.text)), None)
        if base is None:
            continue
        members = [(m.start(), m.end(), m.group("val"))]
        # "(x = 0.05, 0.10 and 0.15)": the values after the first are members too
        at = m.end()
        while (more := _SERIES_MORE_RE.match(text, at, s1)) is not None:
            members.append((more.start("val"), more.end("val"), more.group("val")))
            at = more.end()
        for start, end, value in members:
            resolved = parse_material(base.material.formula or base.text,
                                      variables={var: float(value)})
            material = resolved.model_copy(update={
                "text": text[start:end], "start": start, "end": end,
                "name": f"{base.text} ({var} = {value})"})
            out.append(MaterialMention(start, end, text[start:end], material))
    return out


def recent_in_paragraph(text: str, mention: MaterialMention | None, sentences: list[
        tuple[int, int]], i: int) -> bool:
    """Whether ``mention`` lies in the two sentences before sentence ``i``, same paragraph."""
    if mention is None:
        return False
    s_start = sentences[i][0]
    window = sentences[max(0, i - 2)][0]
    return mention.start >= window and "\n\n" not in text[mention.end:s_start]


_CLAUSE_END_RE = re.compile(r"[.;:]\s|\n\n")


def _reagent_test(text: str, lower: str):  # noqa: ANN202 - returns a predicate on offsets
    """A test: does a reagent cue ("synthesized from", "precursors") govern the
    mention starting at an offset (cue at most 100 characters before, same clause)?
    ``lower`` is ``text.lower()`` (same length)."""
    cue_ends = [m.end() for m in _REAGENT_CUE_RE.finditer(lower)]
    if not cue_ends:
        return lambda start: False

    def test(start: int) -> bool:
        i = bisect.bisect_right(cue_ends, start) - 1
        if i < 0 or start - cue_ends[i] > 100:
            return False
        return _CLAUSE_END_RE.search(text, cue_ends[i], start) is None

    return test


def choose_material(
    q: Quantity, mats: list[MaterialMention], sentence: str, offset: int
) -> MaterialMention | None:
    """The material a value in this sentence belongs to (rules 2–4), or None."""
    if not mats:
        return None
    # "Li6PS5Cl (σ = 3 mS/cm) and Li3YCl6 (0.5 mS/cm)": a value in brackets right after
    # a material is that material's, even one named for comparison
    before = [m for m in mats if m.end <= q.start]
    if before and _BRACKETED_AFTER_RE.fullmatch(sentence, before[-1].end - offset, q.start - offset) \
            and not (len(before) > 1 and _constituent(before[-1], sentence, offset)):
        return before[-1].resolved
    for m in mats:
        if m.start >= q.end:
            gap = sentence[q.end - offset: m.start - offset]
            if not m.comparison and _AFTER_FOR_RE.match(gap) \
                    and not _OWN_CLAUSE_THAT_OF_RE.search(gap.lower()):
                return m.resolved
            # "conductivities of 1.1 mS/cm (Li6PS5Cl) and 0.9 mS/cm (Li6PS5Br)": a material
            # alone in brackets right after the value names whose value it is
            if _BRACKET_OPEN_RE.fullmatch(gap) and _BRACKET_CLOSE_RE.match(sentence, m.end - offset):
                return m.resolved
            break
    before = [m for m in mats if m.end <= q.start and _topical(m, q, sentence, offset)]
    if len(before) > 1 and _constituent(before[-1], sentence, offset):
        # "a Ni-YSZ composite based on coarse YSZ (500 S/cm)": the value is the composite's
        return before[-2].resolved
    if before:
        return before[-1].resolved
    after = [m for m in mats if m.start >= q.end and not m.comparison]
    if after:
        return after[0].resolved
    return None


_BRACKET_OPEN_RE = re.compile(r"\s?[(\[]\s?(?:for\s+|in\s+)?")
_BRACKET_CLOSE_RE = re.compile(r"\s?[)\]]")
_BRACKETED_AFTER_RE = re.compile(
    r"\s?[(\[]\s?(?:(?:σ|κ|Ea|E_a|sigma)[\w,.°]{0,10}\s?(?:=|:|~|≈|of)\s?)?(?:~|≈|ca\.\s?)?")
_CONSTITUENT_RE = re.compile(
    r"(?:based\s+on|composed\s+of|consisting\s+of|made\s+(?:of|from)|derived\s+from|"
    r"containing|comprising)\s+(?:\w+\s+){0,2}$", re.IGNORECASE)


def _constituent(m: MaterialMention, sentence: str, offset: int) -> bool:
    """A material named as what another is made of ("a composite based on coarse YSZ")."""
    start = m.start - offset
    return _CONSTITUENT_RE.search(sentence, max(0, start - 40), start) is not None


def _topical(m: MaterialMention, q: Quantity, sentence: str, offset: int) -> bool:
    """A comparison mention ("higher than LGPS") describes the value only when the
    value follows it in parentheses ("than that of LGPS (12 mS/cm)")."""
    if not m.comparison:
        return True
    return re.fullmatch(r"\s?[(\[]\s?", sentence[m.end - offset: q.start - offset]) is not None


__all__ = [
    "ANAPHOR_NP_RE",
    "ANAPHOR_RE",
    "GAS_FORMULAS",
    "COMPARED_RE",
    "MaterialMention",
    "choose_material",
    "concept_acronyms",
    "generic_subject",
    "is_linkable",
    "materials_of",
]
