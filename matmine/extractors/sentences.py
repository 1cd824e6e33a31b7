"""A fast rule-based sentence segmenter for scientific and patent text.

``spacy.blank("en")`` has no parser, so sentence boundaries come from here.
Boundaries are found on the raw text with one regular expression and then
checked against the things that end in a full stop without ending a sentence:
abbreviations (``Fig.``, ``et al.``, ``ca.``, ``e.g.``, ``vs.``, ``No.``),
initials (``J. Smith``), decimals and formulas (which contain no space after
the dot).  A blank line always ends a sentence.

>>> [s for s, e in split_sentences("See Fig. 2. The value is ca. 1.2 mS/cm.")]
[0, 12]
"""

from __future__ import annotations

import re

import numpy as np
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc

ABBREVIATIONS = frozenset(
    """
    fig figs eq eqs eqn eqns ref refs tab no nos vol vols al ca approx e.g i.e cf vs
    viz etc resp ex exp dr prof mr mrs ms st co corp inc ltd pp p sec ch chap ed eds
    min max av avg wt at mol temp ca c.a approx. est sect suppl art para jpn pat
    u.s appl calc theor exper
    """.split()
)
# Abbreviations after which a capitalised word rarely starts a new sentence.
_NEVER_END = frozenset({"fig", "figs", "eq", "eqs", "eqn", "ref", "refs", "tab", "no", "nos",
                        "vol", "ca", "approx", "e.g", "i.e", "cf", "vs", "viz", "dr", "prof",
                        "mr", "mrs", "ms", "st", "pp", "p", "sec", "ch", "chap", "sect",
                        "pat", "appl", "al"})

_CANDIDATE_RE = re.compile(
    r"(?P<blank>[ \t\r\f\v]*\n[ \t\r\f\v]*\n\s*)"
    r"|(?P<punct>[.!?])(?P<close>[\"'”’)\]]*)(?P<space>\s+)"
    r"(?=(?P<next>[\"'“‘(\[]?[A-Z0-9\u0391-\u03a9]))"
)
_STARTER_RE = re.compile(
    r"\s+(?:The|This|These|That|Those|It|Its|In|On|At|As|A|An|We|Our|For|However|Thus|Hence|"
    r"Therefore|Moreover|Furthermore|Here|There|Such|All|No|When|While|After|Before|With|"
    r"By|From|To|Both|Each|Figure|Fig|Table|Since|Although|Finally|First|Second|Then|"
    r"Also|Compared|Due|Because|If|Based|Using|Similarly|Meanwhile|Notably|Interestingly)\b")
_WORD_BEFORE_RE = re.compile(r"([A-Za-z][A-Za-z.]*)$")
_BLANK_LINE_RE = re.compile(r"\n[ \t\r\f\v]*\n")
_NUMBER_BEFORE_RE = re.compile(r"\d\s?$")
MAX_SENTENCE_CHARS = 3000


def split_sentences(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` character offsets of each sentence (whitespace trimmed)."""
    starts = [0]
    for m in _CANDIDATE_RE.finditer(text):
        if m.group("blank") is not None:
            starts.append(m.end())
            continue
        if m.group("punct") == "." and not _BLANK_LINE_RE.search(m.group("space")) and (
                _is_abbreviation(text, m.start("punct"), m.group("next"))
                or _inside_parentheses(text, m.start("punct"))):
            continue
        starts.append(m.end("space"))
    spans: list[tuple[int, int]] = []
    for i, start in enumerate(starts):
        end = starts[i + 1] if i + 1 < len(starts) else len(text)
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end <= start:
            continue
        spans.extend(_cap_length(text, start, end))
    return spans


def _cap_length(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Split run-on "sentences" (tables flattened by PDF converters) at line breaks."""
    if end - start <= MAX_SENTENCE_CHARS:
        return [(start, end)]
    out = []
    pos = start
    while end - pos > MAX_SENTENCE_CHARS:
        cut = text.rfind("\n", pos + 1, pos + MAX_SENTENCE_CHARS)
        if cut <= pos:
            cut = text.rfind(" ", pos + 1, pos + MAX_SENTENCE_CHARS)
        if cut <= pos:
            cut = pos + MAX_SENTENCE_CHARS
        out.append((pos, cut))
        pos = cut
        while pos < end and text[pos].isspace():
            pos += 1
    if pos < end:
        out.append((pos, end))
    return out


def _inside_parentheses(text: str, dot: int) -> bool:
    """A full stop inside an open parenthesis closed shortly after, in the same
    paragraph ("(Adeli et al., Angew. Chem. Int. Ed., 2019)"): no sentence end."""
    opening = text.rfind("(", max(0, dot - 150), dot)
    if opening < 0 or text.find(")", opening, dot) >= 0:
        return False
    closing = text.find(")", dot, dot + 150)
    return closing >= 0 and "\n\n" not in text[opening:closing] and \
        text.find("(", dot, closing) < 0


def _is_abbreviation(text: str, dot: int, next_char: str) -> bool:
    m = _WORD_BEFORE_RE.search(text, max(0, dot - 20), dot)
    if m is None:
        return False
    word = m.group(1)
    if len(word) == 1 and word.isupper():
        # an initial ("J. Smith"), not "27 °C." or "doped with K. The"
        before = text[m.start() - 1] if m.start() > 0 else " "
        if _NUMBER_BEFORE_RE.search(text, max(0, m.start() - 3), m.start()):
            return False  # a unit after a number: "measured at 390 K."
        if before in " (\n" and not _STARTER_RE.match(text, dot + 1):
            return True
        return False
    low = word.lower().rstrip(".")
    if low in _NEVER_END:
        return True
    if low in ABBREVIATIONS:
        return next_char.isdigit() or next_char in "(["
    if "." in word and len(word) <= 6 and word.count(".") >= 1 and word[-1] != ".":
        return True  # "e.g", "i.e", "U.S"
    return False


def doc_text(doc: Doc) -> str:
    """``doc.text``, computed once per doc (``Doc.text`` joins every token each time).

    The pipeline seeds ``doc.user_data["matmine_text"]`` with the input text.
    """
    text = doc.user_data.get("matmine_text")
    if text is None:
        text = doc.text
        doc.user_data["matmine_text"] = text
    return text


if not Doc.has_extension("sentence_spans"):
    Doc.set_extension("sentence_spans", default=None)


@Language.factory(
    "matmine_sentences",
    assigns=["token.is_sent_start", "doc._.sentence_spans"],
    requires=[],
)
def make_sentence_segmenter(nlp: Language, name: str) -> SentenceSegmenter:
    return SentenceSegmenter()


class SentenceSegmenter:
    """Sets ``token.is_sent_start`` from :func:`split_sentences`.

    ``doc._.sentence_spans`` keeps the character offsets, which later
    components use directly (cheaper than walking ``doc.sents``).
    """

    def __call__(self, doc: Doc) -> Doc:
        spans = split_sentences(doc_text(doc))
        doc._.sentence_spans = spans
        n = len(doc)
        if n == 0:
            return doc
        if len(spans) <= 1:
            starts = np.zeros(1, dtype=np.int64)
        else:
            idx = doc.to_array("IDX").astype(np.int64)
            starts = np.searchsorted(idx, [s for s, _ in spans], side="left")
            starts = starts[starts < n]
        flags = np.full(n, -1, dtype=np.int64)
        flags[starts] = 1
        flags[0] = 1
        doc.from_array([SENT_START], flags.astype(np.uint64).reshape(-1, 1))
        return doc


__all__ = ["SentenceSegmenter", "doc_text", "split_sentences"]
