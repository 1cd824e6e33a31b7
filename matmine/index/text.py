"""Free text: split into safe terms, and highlight them in snippets.

Free text is never passed to a search engine's query syntax.  It is split into
words (letters and digits only, as FTS5's ``unicode61`` tokenizer does);
double-quoted stretches stay together as phrases.  Every term then matches as
a literal word or phrase: ``NEAR(``, ``*``, ``^``, ``AND`` are just words.

>>> text_terms('argyrodite "glass ceramic" NEAR(x*')
['argyrodite', 'glass ceramic', 'NEAR', 'x']
>>> fts5_query(['glass ceramic', 'LGPS'])
'"glass ceramic" "LGPS"'
"""

from __future__ import annotations

import re

from matmine.errors import QuerySyntaxError
from matmine.models import PropertyRecord, StructureFact

_WORD = re.compile(r"[^\W_]+")
MAX_TERMS = 32
MARK_START, MARK_END = "«", "»"


def text_terms(text: str) -> list[str]:
    """Words and quoted phrases of ``text`` (each a space-joined run of words)."""
    if not text or not text.strip():
        return []
    terms: list[str] = []
    for i, chunk in enumerate(text.split('"')):
        words = _WORD.findall(chunk)
        if i % 2 == 1 and words:  # inside quotes: one phrase
            terms.append(" ".join(words))
        else:
            terms.extend(words)
    if not terms:
        raise QuerySyntaxError(f"the text {text[:40]!r} contains no words to search for", column=1)
    if len(terms) > MAX_TERMS:
        raise QuerySyntaxError(f"the text has more than {MAX_TERMS} words", column=1)
    return list(dict.fromkeys(terms))


def fts5_query(terms: list[str]) -> str:
    """An FTS5 MATCH string: each term a quoted phrase, all required."""
    return " ".join('"' + t.replace('"', '""') + '"' for t in terms)


def highlight(text: str, terms: list[str], width: int = 240) -> str:
    """``text`` around the first term, with every term marked «like this»."""
    if not text:
        return ""
    patterns = [r"\b" + r"\W+".join(map(re.escape, t.split())) + r"\b" for t in terms]
    rx = re.compile("|".join(patterns), re.IGNORECASE) if patterns else None
    start = 0
    if rx is not None:
        first = rx.search(text)
        if first and len(text) > width:
            start = max(0, first.start() - width // 3)
    window = text[start:start + width]
    prefix = "…" if start else ""
    suffix = "…" if start + width < len(text) else ""
    if rx is not None:
        window = rx.sub(lambda m: f"{MARK_START}{m.group(0)}{MARK_END}", window)
    return prefix + window + suffix


def mark_span(sentence: str, start: int, end: int) -> str:
    """The sentence with ``[start, end)`` marked (the value the record was read from)."""
    if not (0 <= start < end <= len(sentence)):
        return sentence
    return sentence[:start] + MARK_START + sentence[start:end] + MARK_END + sentence[end:]


def record_snippet(record: PropertyRecord | StructureFact, terms: list[str]) -> str:
    """The record's sentence: search terms marked when there are any, else the value's span."""
    p = record.provenance
    if terms:
        return highlight(p.sentence or record.raw, terms)
    if p.sentence:
        return mark_span(p.sentence, p.start - p.sentence_start, p.end - p.sentence_start)
    return record.raw
