"""The ``matmine_materials`` spaCy component.

Importing this module registers the factory; then::

    nlp = spacy.blank("en")
    nlp.add_pipe("matmine_materials")
    doc = nlp("Li10GeP2S12 (LGPS) reaches 12 mS/cm; LGPS is a sulfide.")
    [(s.text, s._.material.formula) for s in doc.spans["materials"]]

Each span in ``doc.spans["materials"]`` carries ``span._.material``, a
:class:`~matmine.models.Material` whose ``start``/``end`` are character offsets
into ``doc.text`` (the span itself is widened to token boundaries when the
tokenizer split differently).  The work is done on ``doc.text`` by
:func:`~matmine.extractors.material_mentions.find_material_mentions`, so the
component needs no model and no other component.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from matmine.extractors.material_mentions import find_material_mentions
from matmine.extractors.sentences import doc_text
from matmine.models import Material

SPANS_KEY = "materials"
MATERIALS_IN_ORDER = "matmine.materials_in_order"  # the same key as linking's
MATERIAL_LABEL = "MATERIAL"

_USER_DATA_KEY = "matmine.material"


def _get_material(span: Span) -> Material | None:
    return span.doc.user_data.get((_USER_DATA_KEY, span.start_char, span.end_char, span.id))


def _set_material(span: Span, material: Material | None) -> None:
    span.doc.user_data[(_USER_DATA_KEY, span.start_char, span.end_char, span.id)] = material


# spaCy keys plain span extensions by character offsets only; "Ni/8YSZ" is one token,
# so two mentions can widen to the same span.  The span id keeps their materials apart.
if not Span.has_extension("material"):
    Span.set_extension("material", getter=_get_material, setter=_set_material)


class MaterialsComponent:
    """Sets ``doc.spans[spans_key]`` to the material mentions of the doc."""

    def __init__(self, nlp: Language, name: str = "matmine_materials", spans_key: str = SPANS_KEY) -> None:
        self.name = name
        self.spans_key = spans_key

    def __call__(self, doc: Doc) -> Doc:
        spans = []
        in_order = []
        # doc_text: the pipeline's input text, not ``doc.text`` (which joins every token)
        for index, material in enumerate(find_material_mentions(doc_text(doc))):
            assert material.start is not None and material.end is not None
            widened = doc.char_span(material.start, material.end, alignment_mode="expand")
            if widened is None:
                continue
            span = Span(doc, widened.start, widened.end, label=MATERIAL_LABEL, span_id=index)
            span._.material = material
            spans.append(span)
            in_order.append((material.start, material.end, material))
        doc.spans[self.spans_key] = spans
        if self.spans_key == SPANS_KEY:
            # the linker reads these in text order (cheaper than every span's extension)
            doc.user_data[MATERIALS_IN_ORDER] = sorted(in_order, key=lambda m: (m[0], m[1]))
        return doc


@Language.factory(
    "matmine_materials",
    assigns=["doc.spans"],
    default_config={"spans_key": SPANS_KEY},
)
def make_materials_component(nlp: Language, name: str, spans_key: str) -> MaterialsComponent:
    """Factory used by ``nlp.add_pipe("matmine_materials")``."""
    return MaterialsComponent(nlp, name, spans_key)
