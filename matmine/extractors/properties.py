"""Property values in text, with their temperature and the material they belong to.

A :class:`PropertySpec` says which unit kind a property is measured in and
which words announce it; :data:`PROPERTY_REGISTRY` holds them
(:func:`register_property` adds more).  The spaCy component
``matmine_properties`` turns every quantity of a registered kind into a
:class:`PropertyMention` in ``doc._.property_mentions``: property name,
temperature (one written on the symbol, "σ25°C = 3.2 mS/cm", first; else the one
after the value, else before it; lists paired in order), the scope of a
conductivity ("bulk", "grain_boundary", "total"), and material (respectively-lists paired in order, else the nearest mention in
the sentence, else "the sample"-style anaphora and earlier sentences).
:mod:`matmine.extractors.pipeline` turns mentions into ``PropertyRecord``s and
resolves what is still unlinked against the whole document (title compound).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from spacy.language import Language
from spacy.tokens import Doc

from matmine.extractors.linking import (
    ANAPHOR_NP_RE,
    ANAPHOR_RE,
    MaterialMention,
    choose_material,
    concept_acronyms,
    generic_subject,
    label_mentions,
    materials_of,
    recent_in_paragraph,
    variable_mentions,
)
from matmine.extractors.activation import PROCESS_PROPERTIES, activation_property
from matmine.extractors.atmospheres import find_atmospheres, pair_atmospheres
from matmine.extractors.methods import value_method
from matmine.extractors.patent_examples import example_materials, example_mentions
from matmine.extractors.periodic_table import ELEMENT_BY_NAME, is_element
from matmine.extractors.quantities import Quantity
from matmine.extractors.respectively import pair_respectively
from matmine.extractors.scopes import conductivity_scope, last_match
from matmine.extractors.sentences import doc_text
from matmine.extractors.temperatures import (
    choose_temperature,
    measuring_temperatures,
    pair_temperatures,
    processing_temperatures,
    symbol_temperatures,
)
from matmine.models import Material


@dataclass(frozen=True)
class PropertySpec:
    """A property we extract: its unit kind, cue words and refinements.

    ``subtypes`` are (regex, property name) pairs tried on the cue words nearest
    the value (e.g. "ionic conductivity" → ``ionic_conductivity``).  ``refine``,
    when set, names the property from the words around the value instead: it gets
    the text before the value, the cue's span in it (None for a cue after the
    value) and the text after, and returns one of ``variants`` or the spec's name.
    """

    name: str
    unit_kind: str
    cue: re.Pattern[str]
    require_cue: bool = False
    negative_cue: re.Pattern[str] | None = None
    subtypes: tuple[tuple[re.Pattern[str], str], ...] = ()
    plausible: tuple[float, float] = (0.0, float("inf"))
    # False: only a temperature range (the range it was measured over) is a condition
    single_temperature: bool = True
    refine: Callable[[str, tuple[int, int] | None, str], str] | None = None
    variants: tuple[str, ...] = ()

    def names(self) -> tuple[str, ...]:
        """Every property name this spec gives."""
        return (self.name, *(sub for _, sub in self.subtypes), *self.variants)

    def name_for(self, cue: re.Match[str] | None, before: str, after: str) -> str:
        """The property name for a value with ``cue`` (a match in ``before`` or, if it
        lies after the value, in ``after``)."""
        if self.refine is not None:
            in_before = cue is not None and cue.string is before
            return self.refine(before, cue.span() if in_before else None, after)
        if cue is not None:
            words = cue.group()
            if cue.string is before and _SYMBOL_ONLY_RE.fullmatch(words):
                # "the total ionic conductivity … was σtot = 1.1 × 10−4 S/cm": the symbol
                # stands for the noun phrase before it
                earlier = last_match(self.cue, before[max(0, cue.start() - 80): cue.start()])
                words = earlier.group() if earlier is not None else words
            for pattern, subtype in self.subtypes:
                if pattern.search(words):
                    return subtype
        return self.name


_I = re.IGNORECASE
_SYMBOL_ONLY_RE = re.compile(r"σ|sigma", _I)
PROPERTY_REGISTRY: dict[str, PropertySpec] = {}


def register_property(spec: PropertySpec) -> None:
    """Add (or replace) a property; one spec per unit kind is consulted in order."""
    PROPERTY_REGISTRY[spec.name] = spec


register_property(PropertySpec(
    name="conductivity",
    unit_kind="conductivity",
    cue=re.compile(
        r"(?:\b(?:(?:super)?ionic|ion|ions|(?:Li|Na|K|Mg|Ag|Cu|H)\+?[- ]?ion|lithium[- ]ion|"
        r"sodium[- ]ion|oxygen[- ]ion|oxide[- ]ion|proton(?:ic)?|Li\+|Na\+|"
        r"lithium|sodium|electronic|electron|hole|electrical|electric|total|bulk|grain[- ]"
        r"boundary|mixed)[-\s]{0,3})?(?:conductivit(?:y|ies)|conduction|conductor|conductive)"
        r"|σ|\bsigma\b", _I),
    # a pre-exponential factor is written in S/cm but is no conductivity
    negative_cue=re.compile(r"pre-?exponential|σ\s?_?\s?0\b|σ₀|\bsigma_?0\b", _I),
    subtypes=(
        (re.compile(r"electronic|electron\b|\bhole", _I), "electronic_conductivity"),
        (re.compile(r"ionic|\bions?\b|[- ]ion|proton|Li\+|Na\+|lithium|sodium", _I),
         "ionic_conductivity"),
    ),
    plausible=(1e-16, 1e5),
))
register_property(PropertySpec(
    name="activation_energy",
    unit_kind="energy",
    cue=re.compile(
        r"activation\s+(?:energ(?:y|ies)|enthalp(?:y|ies)|barriers?)|\bE\s?_?\s?a\b|"
        r"\bEa(?:,\w+)?\b|\bEact\b|(?-i:\bE-A\b)|migration\s+(?:energ(?:y|ies)|barriers?)|"
        r"(?:energy|hopping|diffusion)\s+barriers?|"
        # "σ = σ0 exp(−0.45 eV/kBT)": the energy over kT in an Arrhenius law
        r"^\s?/\s?\(?\s?k_?\s?B?\s?T\b", _I),
    require_cue=True,
    negative_cue=re.compile(
        r"band\s?gaps?|\bE\s?g\b|binding\s+energ|photon|kinetic\s+energ|peaks?\b|"
        r"formation\s+energ|XPS|work\s+function|Fermi|excitation|emission|"
        r"\bhull\b|above\s+hull|adsorption\s+energ|cohesive|association\s+energ|"
        r"trapping\s+energ|segregation\s+energ|dissociation\s+energ|"
        r"hydration\s+(?:energ|enthalp)", _I),
    plausible=(1e-3, 5.0),
    single_temperature=False,
    # an activation energy of a polarization resistance is no conduction value
    refine=activation_property,
    variants=PROCESS_PROPERTIES,
))

# "the conductivity should be > 0.02 S/cm": a requirement, not a measured property
_REQUIREMENT_RE = re.compile(
    r"\b(?:should|must|needs?\s+to|has\s+to|have\s+to|had\s+to|is\s+required|are\s+required|"
    r"requires?|required|necessary|desired|desirable|targeted|"
    # a target value, not a PLD or sputtering target (a real sample)
    r"(?<!PLD\s)(?<!sputtering\s)(?<!ceramic\s)targets?(?!\s+(?:material|pellet|disc|disk)))"
    r"\b[^.;:,()]{0,60}"
    r"(?:\(\s?)?$", _I)
# "A conductivity of 10 mS/cm is required": a target, not a measurement
_REQUIRED_AFTER_RE = re.compile(
    r"\s?,?\s?(?:(?:is|are|would\s+be|will\s+be|was|were|that\s+is)\s+(?:\w+ly\s+)?)?"
    r"(?:required|needed|necessary|desired|desirable|targeted|demanded|expected\s+for\s+practical)\b"
    # "0.1 mS/cm would not suffice", "… is sufficient for practical cells"
    r"|\s?,?\s?(?:would|will|does|do|did|could)\s+(?:not\s+)?suffice\b"
    r"|\s?,?\s?(?:is|are|would\s+be|will\s+be)\s+(?:not\s+)?(?:sufficient|enough|adequate)\b", _I)
# "for the best sulfides such as Li3.25Ge0.25P0.75S4": X is an example of a class the
# value is quoted for
_CLASS_EXAMPLE_RE = re.compile(
    r"\b(?:electrolytes|conductors|materials|oxides|sulfides|sulphides|halides|compounds|"
    r"ceramics|glasses|polymers|perovskites|garnets|cathodes|anodes|systems|families)\s*,?\s+"
    r"(?:such\s+as|like|e\.\s?g\.|including)", _I)
_SAME_T_RE = re.compile(r"(?:the\s+)?same\s+temperature", _I)
_RESPECTIVELY_RE = re.compile(r"\brespectively\b", _I)


@dataclass
class PropertyMention:
    """A property value found in one spaCy doc (one document part)."""

    property: str
    quantity: Quantity
    sentence: tuple[int, int]
    temperature: Quantity | None = None
    material: MaterialMention | None = None
    link: str = "none"  # sentence | respectively | anaphor | previous | generic | none
    anaphor: bool = False
    confidence: float = 0.5
    # the noun phrase ("This anode", "the sample") that stands for the material
    anaphor_span: tuple[int, int] | None = None
    scope: str | None = None  # bulk | grain_boundary | total, for conductivities
    atmosphere: str | None = None  # "air", "wet H2" … (see atmospheres.py)
    method: str | None = None  # measured | computed (see methods.py)

    @property
    def material_model(self) -> Material | None:
        return self.material.material if self.material else None


def classify(q: Quantity, sentence: str, offset: int) -> tuple[str, float] | None:
    """Property name and cue strength for a quantity, or None if it is no property value."""
    if q.unit is None or q.value is None:
        return None
    before = sentence[: q.start - offset]
    after = sentence[q.end - offset:]
    for spec in PROPERTY_REGISTRY.values():
        if spec.unit_kind != q.unit.kind:
            continue
        lo, hi = spec.plausible
        if not (lo <= abs(q.value) <= hi):
            continue
        cue_before = last_match(spec.cue, before)
        cue_after = spec.cue.search(after[:80])
        if spec.negative_cue is not None:
            neg = last_match(spec.negative_cue, before)
            if neg is not None and (cue_before is None or neg.start() >= cue_before.start()):
                continue
            neg_after = spec.negative_cue.search(after[:25])
            if neg_after is not None and cue_before is None:
                continue
        cue = cue_before or cue_after
        if cue is None and spec.require_cue:
            continue
        return (spec.name_for(cue, before, after), 1.0 if cue is not None else 0.0)
    return None


def _spec(name: str) -> PropertySpec:
    for spec in PROPERTY_REGISTRY.values():
        if name in spec.names():
            return spec
    raise KeyError(name)


def find_property_mentions(
    text: str,
    sentences: list[tuple[int, int]],
    quantities: list[Quantity],
    materials: list[MaterialMention],
) -> list[PropertyMention]:
    """Property mentions of one text (a document part), linked within it."""
    sent_starts = [s for s, _ in sentences]
    by_sentence: dict[int, list[Quantity]] = {}
    for q in quantities:
        i = bisect.bisect_right(sent_starts, q.start) - 1
        if i >= 0:
            by_sentence.setdefault(i, []).append(q)
    mentions: list[PropertyMention] = []
    mat_starts = [m.start for m in materials]
    last_material: MaterialMention | None = None
    examples = example_materials(text, sentences, materials)
    concepts = concept_acronyms(text)
    for i in sorted(by_sentence):
        s_start, s_end = sentences[i]
        sentence = text[s_start:s_end]
        qs = by_sentence[i]
        found: list[tuple[Quantity, str, float]] = []
        for q in qs:
            got = classify(q, sentence, s_start)
            if got is not None and not _REQUIREMENT_RE.search(
                    sentence, max(0, q.start - s_start - 80), q.start - s_start) \
                    and not _REQUIRED_AFTER_RE.match(sentence, q.end - s_start):
                found.append((q, got[0], got[1]))
        found = _drop_restated(text, found)
        if not found:
            continue
        # materials mentioned before this sentence (for anaphora)
        lo = bisect.bisect_left(mat_starts, s_start)
        hi = bisect.bisect_left(mat_starts, s_end)
        earlier = [m for m in materials[:lo] if m.linkable]
        topical = [m for m in earlier if not m.comparison]
        if topical:
            last_material = topical[-1]
        in_sentence = [m for m in materials[lo:hi] if m.linkable and
                       not any(q.start <= m.start < q.end for q in qs)]
        labels = label_mentions(text, s_start, s_end, materials[lo:hi], concepts)
        labels += example_mentions(text, s_start, s_end, examples)
        in_sentence = sorted(in_sentence + [m for m in labels if not any(
            q.start <= m.start < q.end for q in qs)], key=lambda m: m.start)
        found = _listed_kinds(sentence, found)
        found = [(_arrhenius_energy(q, text) if _spec(name).name == "activation_energy" else q, name, cue)
                 for q, name, cue in found]
        found = [(_lost_exponent_minus(q) if name == "ionic_conductivity" else q, name, cue)
                 for q, name, cue in found]
        found = [(q, _not_ionic_above_limit(q, name), cue) for q, name, cue in found]
        values = [q for q, _, _ in found]
        on_symbol = {s.value_start: s for s in symbol_temperatures(text, values, s_start, s_end)}
        # a temperature written on a symbol ("σ(300 K)") belongs to that value only
        processing = processing_temperatures(qs, sentence, s_start)
        temps = [t for t in measuring_temperatures(qs, sentence, s_start) if not any(
            s.span[0] <= t.start < s.span[1] for s in on_symbol.values())]
        respectively = bool(_RESPECTIVELY_RE.search(sentence))
        phrases = find_atmospheres(text, s_start, s_end)
        # "X exhibits 63 and 60 S/cm in air and 5% H2/Ar respectively": the list paired
        # with the values is the atmospheres, not the materials named in the sentence
        by_atmosphere = respectively and any(
            len(p.labels) == len(values) > 1 and p.start > values[-1].end for p in phrases)
        mat_pairs = ({} if by_atmosphere else
                     pair_respectively(values, in_sentence, sentence, s_start, respectively))
        if not mat_pairs and len(values) > 1 and "=" in sentence:
            series = variable_mentions(text, s_start, s_end, earlier + in_sentence)
            mat_pairs = pair_respectively(values, series, sentence, s_start, respectively)
        if not mat_pairs and respectively and len(values) > 1 and not in_sentence and i > 0 \
                and len(temps) != len(values) and not by_atmosphere:
            # "…changed to A, B and C, respectively. The conductivities were 4.1, 6.8 and
            # 5.3 mS/cm, respectively.": the list of the sentence before
            p0, p1 = sentences[i - 1]
            if _RESPECTIVELY_RE.search(text, p0, p1):
                listed = [m for m in earlier if p0 <= m.start < p1 and not m.comparison]
                mat_pairs = pair_respectively(values, listed, sentence, s_start, True)
        temp_pairs = pair_temperatures(values, temps, respectively, text)
        atmospheres = pair_atmospheres(values, phrases, respectively, text)
        same_t = _SAME_T_RE.search(sentence)
        anaphor = ANAPHOR_RE.search(sentence)
        for q, name, cue in found:
            t = temp_pairs.get(id(q)) or choose_temperature(q, values, temps, text)
            if t is not None and t.start >= q.end and any(
                    q.end <= p.start < t.start for p in processing):
                # "~70 S/cm after reduction at 1200 °C and 2 S/cm … at 700 °C": the value's
                # own temperature is a processing one; a later one is another value's
                t = None
            if t is not None and t.value_min is None and not _spec(name).single_temperature:
                t = None
            if t is not None and t.value_min is not None and _spec(name).single_temperature \
                    and any(not _spec(n).single_temperature for _, n, _ in found):
                # "an activation energy of 0.36 eV, measured between 25 and 100 °C, and a
                # conductivity of 0.16 mS/cm": the range is the Arrhenius fit's
                t = None
            if q.start in on_symbol:  # "σ25°C = 3.2 mS/cm" beats a fit range elsewhere
                t = on_symbol[q.start].temperature
            scope, scope_listed = None, False
            if _spec(name).unit_kind == "conductivity" or name == "activation_energy":
                # "bulk and grain-boundary activation energies of 0.65 and 0.95 eV"
                scope, scope_listed = conductivity_scope(text, q, values, s_start, s_end,
                                                          _spec(name).cue)
            if t is None and same_t and mentions and mentions[-1].temperature is not None \
                    and (_spec(name).single_temperature or mentions[-1].temperature.value_min is not None):
                t = mentions[-1].temperature
            link = "none"
            mat = mat_pairs.get(id(q))
            if mat is not None:
                link = "respectively"
            else:
                mat = choose_material(q, in_sentence, sentence, s_start)
                if mat is not None:
                    link = "sentence"
            if mat is not None and link == "sentence" and mat.start >= q.end and \
                    _CLASS_EXAMPLE_RE.search(text, q.end, mat.start):
                mat = None  # "… 10−4 S/cm for the best sulfides such as X": a class value
                generic = True
            else:
                generic = mat is None and generic_subject(sentence)
            # "… 0.51 and 1.7 mS/cm, respectively" with no list of materials to pair:
            # one earlier material for every value would be wrong for all but one
            # (unless "respectively" pairs the values with scopes: "bulk and grain-boundary")
            unpaired = mat is None and respectively and len(values) > 1 and not scope_listed \
                and not by_atmosphere
            if unpaired:
                link = "ambiguous"
            elif mat is None and last_material is not None and not generic:
                if anaphor is not None:
                    mat, link = last_material.resolved, "anaphor"
                elif recent_in_paragraph(text, last_material, sentences, i):
                    mat, link = last_material.resolved, "previous"
            if link in ("anaphor", "previous") and mat is not None and \
                    _names_another_dopant(sentence, mat.material):
                # "The conductivities of Yb-doped samples were …" after a Y-doped formula
                mat, link = None, "none"
            np_span = None
            if link in ("anaphor", "none") and not unpaired and not generic and anaphor:
                np_span = _anaphor_np(sentence, s_start, q)
                if np_span is not None and _PLURAL_NP_RE.search(text[np_span[0]:np_span[1]]) \
                        and not _one_recent_material(text, np_span, earlier, sentences, i):
                    # "both samples", "the samples": several materials, not the last one
                    mat, link, np_span, unpaired = None, "ambiguous", None, True
                elif np_span is not None and mat is not None:
                    mat = _as_np(mat, np_span, text)
            conf = 0.55 + 0.25 * cue + (0.1 if link in ("sentence", "respectively") else 0.0)
            conf += 0.05 if t is not None else 0.0
            if link == "anaphor":
                conf += 0.03
            mentions.append(PropertyMention(
                property=name, quantity=q, sentence=(s_start, s_end), temperature=t,
                material=mat, link="generic" if generic else link,
                anaphor=anaphor is not None and not unpaired, anaphor_span=np_span,
                confidence=round(min(conf, 0.95), 3), scope=scope,
                atmosphere=atmospheres.get(id(q)),
                method=value_method(sentence, q.start - s_start, q.end - s_start),
            ))
    return mentions


_OVER_KT_RE = re.compile(r"\s?/\s?\(?\s?k_?\s?B?\s?T\b")


def _arrhenius_energy(q: Quantity, text: str) -> Quantity:
    """"exp(−0.45 eV/kBT)": the minus belongs to the exponent, the energy is 0.45 eV."""
    if q.value is None or q.value >= 0 or not _OVER_KT_RE.match(text, q.end):
        return q
    return replace(q, value=-q.value)


# "1.2 × 10 2 S cm 1", "7.4 x 102S/cm": a PDF lost the minus of the exponent
_BARE_EXPONENT_RE = re.compile(
    r"\d(?:\.\d+)?\s?(?:[×xX✕*·]|/C2|(?<=\d)\s)\s?10\s?(?P<e>[1-9])(?!\d|\.\d)")
MAX_IONIC_CONDUCTIVITY = 10.0
"""S/cm.  No solid conducts ions better; a larger "ionic conductivity" lost a minus sign."""


def _lost_exponent_minus(q: Quantity) -> Quantity:
    """An ionic conductivity above 10 S/cm written "× 10 2" is × 10⁻²: the PDF lost the
    minus sign of the superscript (the value is changed, not dropped)."""
    if q.value is None or q.value <= MAX_IONIC_CONDUCTIVITY:
        return q
    bare = _BARE_EXPONENT_RE.search(q.raw)
    shared = q.extras.get("shared_power", 0)  # "8.8 and 7.4 x 102 S/cm": the 8.8 too
    if bare is None and not 0 < shared < 10:
        return q
    scale = 10.0 ** (-2 * (int(bare.group("e")) if bare else shared))

    def fix(v: float | None) -> float | None:
        return None if v is None else float(f"{v * scale:.12g}")

    return replace(q, value=fix(q.value), value_min=fix(q.value_min), value_max=fix(q.value_max),
                   error=fix(q.error), extras={**q.extras, "lost_minus": True})


def _not_ionic_above_limit(q: Quantity, name: str) -> str:
    """"The LSGM electrolyte showed an oxide ion conductivity of 0.1 S/cm, while the LSC
    cathode showed 1500 S/cm": above 10 S/cm (and not repaired as a lost minus) a value
    cannot be ionic; its "ionic" came from a cue said of another value."""
    if name == "ionic_conductivity" and q.value is not None and q.value > MAX_IONIC_CONDUCTIVITY:
        return "conductivity"
    return name


# "the ionic and electronic conductivities … are 6.3 × 10−4 and 1.1 × 10² S/cm, respectively"
_LISTED_KINDS_RE = re.compile(
    r"\b(ionic|electronic|proton(?:ic)?|oxide[- ]ion)\s+and\s+(ionic|electronic|proton(?:ic)?|"
    r"oxide[- ]ion)\s+conductivit", _I)
_KIND_NAMES = {"ionic": "ionic_conductivity", "electronic": "electronic_conductivity",
               "proton": "ionic_conductivity", "protonic": "ionic_conductivity",
               "oxide-ion": "ionic_conductivity", "oxide ion": "ionic_conductivity"}


def _listed_kinds(sentence: str, found: list[tuple[Quantity, str, float]]
                  ) -> list[tuple[Quantity, str, float]]:
    """Two kinds of conductivity named together and paired "respectively" with two
    values: each value gets its kind."""
    kinds = _LISTED_KINDS_RE.search(sentence)
    conductivities = [k for k, (_, name, _) in enumerate(found) if name.endswith("conductivity")]
    if kinds is None or len(conductivities) != 2 or not _RESPECTIVELY_RE.search(sentence):
        return found
    out = list(found)
    for k, word in zip(conductivities, kinds.groups()):
        q, _, cue = out[k]
        out[k] = (q, _KIND_NAMES[word.lower()], cue)
    return out


_PLURAL_NP_RE = re.compile(
    r"^(?:these|those|both|each|all)\b|(?<![sui])s$|glasses$|(?:ss|[^s])es$", _I)


def _one_recent_material(text: str, np_span: tuple[int, int], earlier: list[MaterialMention],
                         sentences: list[tuple[int, int]], i: int) -> bool:
    """"LSCF thin films were grown … The films exhibited 2.3 × 10³ S/cm": a plain plural
    ("the films", not "these", "both", "all") after one material only names that one."""
    if not text[np_span[0]:np_span[1]].lower().startswith("the "):
        return False
    recent = {m.resolved.material.formula or m.resolved.text for m in earlier
              if recent_in_paragraph(text, m, sentences, i)}
    return len(recent) == 1


_DOPED_SAMPLES_RE = re.compile(
    r"\b(?P<dopant>[A-Z][a-z]?|[a-z]{4,})[- ](?:co-?)?doped\s+(?:[\w-]+\s+)?"
    r"(?:samples?|compounds?|materials?|ceramics?|pellets?|films?|electrolytes?|powders?|"
    r"specimens?|oxides?)\b")


def _names_another_dopant(sentence: str, material: Material) -> bool:
    """Does the sentence speak of "X-doped samples" with an X the material lacks?"""
    if "doped" not in sentence or not material.elements:
        return False
    for m in _DOPED_SAMPLES_RE.finditer(sentence):
        word = m.group("dopant")
        symbol = word if is_element(word) else ELEMENT_BY_NAME.get(word.lower())
        if symbol is not None and symbol not in material.elements \
                and symbol not in material.dopants:
            return True
    return False


def _anaphor_np(sentence: str, offset: int, q: Quantity) -> tuple[int, int] | None:
    """The anaphoric noun phrase nearest before the value in its sentence, as
    offsets into the text (one after the value may start another clause)."""
    best = None
    for m in ANAPHOR_NP_RE.finditer(sentence, 0, q.start - offset):
        best = (m.start() + offset, m.end() + offset)
    return best


def _as_np(antecedent: MaterialMention, span: tuple[int, int], text: str) -> MaterialMention:
    """The antecedent's material, as mentioned by the noun phrase at ``span``
    (``text`` the phrase, ``name`` the antecedent's text)."""
    phrase = text[span[0]:span[1]]
    material = antecedent.material.model_copy(update={
        "text": phrase, "start": span[0], "end": span[1],
        "name": antecedent.material.name or antecedent.text})
    return MaterialMention(span[0], span[1], phrase, material)


_RESTATED_RE = re.compile(r"\s?[(\[]\s?(?:i\.e\.,?\s?|or\s|≈\s?|~\s?|=\s?)?$")


def _drop_restated(text: str, found: list[tuple[Quantity, str, float]]
                   ) -> list[tuple[Quantity, str, float]]:
    """"24 kJ mol−1 (0.25 eV)": the same value in another unit is not a second record."""
    out: list[tuple[Quantity, str, float]] = []
    for item in found:
        q = item[0]
        if out and out[-1][1] == item[1] and q.start - out[-1][0].end <= 6 and \
                _RESTATED_RE.search(text[out[-1][0].end:q.start]):
            continue
        out.append(item)
    return out


if not Doc.has_extension("property_mentions"):
    Doc.set_extension("property_mentions", default=None)


@Language.factory(
    "matmine_properties",
    assigns=["doc._.property_mentions", "doc.spans"],
    requires=["doc._.quantities", "doc._.sentence_spans"],
    default_config={"spans_key": "properties"},
)
def make_properties(nlp: Language, name: str, spans_key: str) -> PropertyComponent:
    return PropertyComponent(spans_key)


class PropertyComponent:
    """Property mentions with temperature and material, linked within the doc."""

    def __init__(self, spans_key: str = "properties") -> None:
        self.spans_key = spans_key

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        sentences = doc._.sentence_spans or [(0, len(text))]
        mentions = find_property_mentions(
            text, sentences, doc._.quantities or [], materials_of(doc, text=text)
        )
        doc._.property_mentions = mentions
        spans = []
        for m in mentions:
            span = doc.char_span(m.quantity.start, m.quantity.end, label=m.property,
                                 alignment_mode="expand")
            if span is not None:
                spans.append(span)
        doc.spans[self.spans_key] = spans
        return doc


__all__ = [
    "PROPERTY_REGISTRY",
    "PropertyComponent",
    "PropertyMention",
    "PropertySpec",
    "choose_temperature",
    "classify",
    "find_property_mentions",
    "register_property",
]
