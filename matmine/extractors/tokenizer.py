"""The pipeline's lean tokenizer: spaCy's ``Tokenizer`` with a few punctuation rules.

Every matmine component reads character offsets of the text, not tokens.
Tokens matter for two things only: sentence starts (``token.is_sent_start``) and
the spaCy spans in ``doc.spans``, which are widened to token boundaries. So the
English defaults (about 1,300 special cases such as "don't" and "e.g.", a URL
matcher, long affix lists) buy nothing here, and they cost about half the
tokenizer's time on the SOFC-Exp texts.

The lean rules split off:

* opening brackets and quotes at the start of a word: ``(Li6PS5Cl`` → ``(``, ``Li6PS5Cl``;
* closing brackets, quotes, sentence punctuation and ``%`` at its end;
* hyphens, dashes and slashes between letters (``Ni-YSZ``, ``S/cm``), and commas,
  semicolons and colons run into a following word.

Numbers keep their signs and powers (``10−3``, ``1.2×10-3``) as one token.
"""

from __future__ import annotations

import re

from spacy.language import Language

_PREFIX = re.compile(r"""^[(\[{"'“‘«<]""")
_SUFFIX = re.compile(r"""[)\]}"'”’»>,;:.!?%]$""")
_INFIX = re.compile(r"(?<=[A-Za-z])[-–—/](?=[A-Za-z])|(?<=[A-Za-z0-9])[,;:](?=[A-Za-z])")


def use_lean_tokenizer(nlp: Language) -> None:
    """Replace the rules of ``nlp``'s tokenizer with the lean ones (in place)."""
    tokenizer = nlp.tokenizer
    tokenizer.url_match = None
    tokenizer.token_match = None
    tokenizer.prefix_search = _PREFIX.search
    tokenizer.suffix_search = _SUFFIX.search
    tokenizer.infix_finditer = _INFIX.finditer
    tokenizer.rules = {}


__all__ = ["use_lean_tokenizer"]
