"""Undo Unicode variety and PDF / markup damage before pattern matching.

Two functions, both safe on any text:

* :func:`normalise_text` maps single characters to single characters
  (subscript and superscript digits to ASCII digits, every dash and minus sign
  to ``-``, middle dots to ``·``, exotic spaces to a space …).  The result has
  **exactly the length of the input**, so an offset found in it is an offset
  into the original text.  Use it when provenance offsets must not move.

* :func:`normalise_with_offsets` does that and also rewrites multi-character
  damage: glyph names left by PDF converters (``/C0`` → ``-``, ``/C2`` → ``×``,
  ``/C14C`` → ``°C``, ``/uniFB01`` → ``fi``, ``/H11002`` → ``-``), HTML entities
  (``&gt;`` → ``>``), inline sub/superscript tags (``Li<sub>2</sub>S`` → ``Li2S``),
  pandoc sub/superscripts (``Li~2~S`` → ``Li2S``, ``cm^-1^`` → ``cm-1``),
  ligatures (``ﬁ`` → ``fi``), ``℃`` → ``°C``, runs of spaces (OCR text) → one, and
  lost superscript minus signs of Elsevier PDF text (``6 3 10 24 S cm 21`` →
  ``6 × 10-4 S cm-1``) or a curly quote for one (``10 “4 S`` → ``10 -4 S``), and the
  ``.sub.``/``.sup.`` markers of USPTO full-text scrapes (``Li.sub.7PS.sub.6`` → ``Li7PS6``).  A superscript on a bare ``10``
  keeps a caret (``10<sup>-4</sup>`` → ``10^-4``, never the number 104).  The
  length may change, so it returns a :class:`NormalisedText` whose
  :meth:`~NormalisedText.to_original` maps a span of the clean text back to the
  original text.

* :func:`expand_markup` rewrites only that multi-character damage and leaves
  every other character as it is, for scanners that tell characters apart
  (a number scanner reads an en dash as a range, a minus sign as a sign).

>>> normalise_text("Li₁₀GeP₂S₁₂ – 10−3")
'Li10GeP2S12 - 10-3'
>>> n = normalise_with_offsets("Li7/C0xLa3Zr2O12 &gt; 1")
>>> n.text
'Li7-xLa3Zr2O12 > 1'
>>> n.to_original(0, 14)
(0, 16)
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

# --------------------------------------------------------------- one-to-one map

_ONE_TO_ONE: dict[str, str] = {}
for _i, _c in enumerate("₀₁₂₃₄₅₆₇₈₉"):
    _ONE_TO_ONE[_c] = str(_i)
for _i, _c in enumerate("⁰¹²³⁴⁵⁶⁷⁸⁹"):
    _ONE_TO_ONE[_c] = str(_i)
_ONE_TO_ONE.update(
    {
        "₊": "+", "⁺": "+", "₋": "-", "⁻": "-", "＋": "+",
        # hyphens, dashes and minus signs
        "‐": "-", "‑": "-", "‒": "-", "–": "-", "—": "-", "―": "-",
        "−": "-", "﹣": "-", "－": "-", "⁃": "-", "˗": "-",
        # multiplication / hydrate dots
        "⋅": "·", "∙": "·", "•": "·", "・": "·", "‧": "·", "ᐧ": "·",
        "∗": "*", "✕": "×", "⨯": "×",
        # spaces
        "\u00a0": " ", "\u2002": " ", "\u2003": " ", "\u2004": " ", "\u2005": " ",
        "\u2006": " ", "\u2007": " ", "\u2008": " ", "\u2009": " ", "\u200a": " ",
        "\u202f": " ", "\u205f": " ", "\u3000": " ", "\t": " ",
        # vacancy boxes and delta look-alikes
        "☐": "□", "▢": "□", "◻": "□", "ẟ": "δ",
        # brackets and comparison signs
        "（": "(", "）": ")", "［": "[", "］": "]", "＜": "<", "＞": ">",
        "≦": "≤", "≧": "≥", "⩽": "≤", "⩾": "≥",
        # quotes
        "’": "'", "‘": "'", "′": "'", "“": '"', "”": '"',
        "µ": "μ", "˚": "°", "º": "°",
    }
)
_TRANSLATION = str.maketrans(_ONE_TO_ONE)
# a regex finds the few characters to change faster than str.translate walks them all
_MAPPED = re.compile("[" + "".join(re.escape(c) for c in _ONE_TO_ONE) + "]")


def normalise_text(text: str) -> str:
    """Length-preserving clean-up: one character in, one character out.

    >>> normalise_text("Li₂S–P₂S₅ ⋅ 4H₂O")
    'Li2S-P2S5 · 4H2O'
    """
    if _MAPPED.search(text) is None:
        return text
    return _MAPPED.sub(_map_one, text)


def _map_one(match: re.Match[str]) -> str:
    return _ONE_TO_ONE[match.group()]


# ---------------------------------------------------------- many-to-one damage

# Glyph names written by PDF converters.  ``/Cnn`` are decimal positions in the
# TeX math-symbol font (CMSY); ``/Hnnnnn`` come from Adobe's "Mathematical Pi".
_GLYPHS: dict[str, str] = {
    "/C0": "-", "/C1": "·", "/C2": "×", "/C3": "*", "/C6": "±", "/C14": "°",
    "/C20": "≤", "/C21": "≥", "/C24": "~", "/C25": "≈",
    "/H11002": "-", "/H11003": "×", "/H11005": "=", "/H11006": "±", "/H11011": "~",
    "/H11021": "<", "/H11022": ">", "/H11088": "°", "/H11349": "≤", "/H11350": "≥",
    "/H9251": "α", "/H9252": "β", "/H9253": "γ", "/H9254": "δ", "/H9268": "σ",
    "/H9262": "μ", "/H9263": "ν", "/H9270": "τ",
    "/afii9841": "-", "/minus": "-", "/multiply": "×", "/periodcentered": "·",
    "/degree": "°", "/plusminus": "±", "/lessequal": "≤", "/greaterequal": "≥",
}
_LIGATURES = {"℃": "°C", "℉": "°F", "ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st"}
_TAGS = ("sub", "sup", "i", "b", "em", "strong", "italic", "bold", "inf", "span")
# what a superscript or subscript may hold: a charge, an exponent, a count
_SCRIPT_BODY = r"[+\-−–]?(?:\d{1,3}(?:\.\d+)?|[xyzδ])?[+\-−–]?"
_SCRIPT_TAG = re.compile(r"</?(?:sub|sup|inf)(?:\s[^<>]*)?>")
# a bare "10" (not "Li10", not "2.10") before a superscript is a power of ten
_TEN_BEFORE = re.compile(r"(?:^|[^\w.])10$")

_MULTI_PATTERN = (
    # the look-ahead lets the scan skip most positions cheaply
    r"(?=[/&<^~" + "".join(_LIGATURES) + "]|[ \u00a0]{2})(?:" + "|".join(
        [
            r"/uni(?P<uni>[0-9A-Fa-f]{4})",
            # /C24 (~) before /C2 (×), except before a formula: "/C24H2O" is × 4H2O;
            # "/C14C" is "°C" when the C ends the word
            r"(?P<glyph>"
            + "|".join(
                re.escape(g) + (r"(?:(?![A-Z(\[])|(?=[CFK](?![\w(\[])))" if g == "/C14" else
                                r"(?![A-Z(\[])" if re.fullmatch(r"/C\d\d", g) else
                                "" if re.fullmatch(r"/C\d", g) else
                                r"(?![0-9])" if g.startswith("/H") else r"(?![a-z])")
                for g in sorted(_GLYPHS, key=len, reverse=True)
            )
            + r")",
            r"(?P<entity>&(?:#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});)",
            r"(?P<tag></?(?:" + "|".join(_TAGS) + r")(?:\s[^<>]{0,80})?>)",
            # pandoc: "cm^-1^", "Li~2~S" (a "~" after a letter or bracket, not "~10 mS")
            r"\^(?P<pandoc_sup>(?!\^)" + _SCRIPT_BODY + r")\^",
            r"(?<=[A-Za-z)\]])~(?P<pandoc_sub>\d{1,3}(?:\.\d+)?|[xyzδ])~",
            r"(?P<lig>[" + "".join(_LIGATURES) + "])",
            # OCR and PDF text: "0.7  mS  cm-1  at  50  °C" reads as single-spaced
            r"(?<=\S)(?P<spaces>[ \u00a0]{2,})(?=\S)",
        ]
    ) + ")"
)
_MULTI_WITH_SPACES = re.compile(_MULTI_PATTERN)
# the same without runs of spaces (most text has none): every space need not be looked at
_MULTI = re.compile(_MULTI_PATTERN.replace("|[ \u00a0]{2})", ")", 1))

# Damage of lost superscript minus signs, looked for only when a cheap substring test
# finds its tell (see :func:`_with_damage`):
# * Elsevier PDF text "6 3 10 24 S cm 21" for "6 × 10−4 S cm−1": the times sign became
#   "3" and each superscript minus a "2"; "S cm 21" (an impossible S·cm²¹) is the tell,
#   so a "3 10 2K" is read as "× 10−K" only right before such a unit;
# * a curly quote for the minus of a power of ten before a conductivity unit
#   ("over 10 “4 S cm-1").
_DAMAGE_END = r"(?![\d.,]?\d)"
# the USPTO "Green Book" character names of full-text scrapes (sub/sup drop the marker)
_USPTO = {"sub": "", "sup": "", "times": "×", "degree": "°", "+-": "±", "ltoreq": "≤",
          "gtoreq": "≥", "about": "~", "apprxeq": "≈", "cndot": "·", "alpha": "α",
          "beta": "β", "gamma": "γ", "delta": "δ", "theta": "θ", "sigma": "σ", "mu": "μ",
          "OMEGA": "Ω", "Omega": "Ω"}
_DAMAGE_ALTERNATIVES = "|".join([
    r"(?<=\d) 3 10 2(?P<els_power>\d{1,2}) (?=(?:[mμµ]?S|Ω) ?cm 21" + _DAMAGE_END + ")",
    r"(?:(?<=S cm )|(?<=Scm )|(?<=Ω cm ))(?P<els_unit>21)" + _DAMAGE_END,
    r"(?<=10 )(?<![\w.]10 )(?P<quote_minus>“)(?=\d{1,2} ?(?:[mμµ]?S|Ω)\b)",
    # USPTO full-text scrapes: "Li.sub.7-xPS.sub.6-xCl.sub.x", "2.1.times.10.sup.-3 S/cm",
    # "25.degree. C.", "0.2.ltoreq.x.ltoreq.1.8"
    r"(?P<uspto>\.(?:" + "|".join(re.escape(k) for k in sorted(_USPTO, key=len, reverse=True))
    + r")\.)",
])
_DAMAGE_TELL_RE = re.compile(  # one cheap search instead of a substring test per tell
    "|".join(re.escape(t) for t in ("cm 21", "10 “", *(f".{k}." for k in _USPTO))))


def _with_damage(pattern: str) -> re.Pattern[str]:
    """``pattern`` (a ``_MULTI`` pattern) that also rewrites the lost-minus damage."""
    head = "(?=["
    assert pattern.startswith(head) and pattern.endswith(")")
    return re.compile(head + r"\d “." + pattern[len(head):-1] + "|" + _DAMAGE_ALTERNATIVES + ")")


_MULTI_DAMAGE_WITH_SPACES = _with_damage(_MULTI_PATTERN)
_MULTI_DAMAGE = _with_damage(_MULTI_PATTERN.replace("|[ \u00a0]{2})", ")", 1))


def _replacement(match: re.Match[str], one_to_one: bool) -> str:
    if match.group("uni"):
        char = chr(int(match.group("uni"), 16))
        char = _LIGATURES.get(char, char)
        return char.translate(_TRANSLATION) if one_to_one else char
    if match.group("glyph"):
        return _GLYPHS[match.group("glyph")]
    if match.group("entity"):
        char = html.unescape(match.group("entity"))
        return char.translate(_TRANSLATION) if one_to_one else char
    if match.group("tag"):
        tag = match.group("tag")
        return "^" if tag.startswith("<sup") and _after_ten(match) else ""
    if match.group("pandoc_sup") is not None:
        return ("^" if _after_ten(match) else "") + match.group("pandoc_sup")
    if match.group("pandoc_sub") is not None:
        return match.group("pandoc_sub")
    if match.group("spaces") is not None:
        return " "
    if match.group("lig") is not None:
        return _LIGATURES[match.group("lig")]
    minus = "-" if one_to_one else "−"
    groups = match.groupdict()  # the damage groups exist only in the _MULTI_DAMAGE patterns
    if groups.get("uspto") is not None:  # ".sub.7" → "7"; "10.sup.-3" → "10^-3"
        if groups["uspto"] == ".sup.":
            return "^" if _after_ten(match) else ""
        return _USPTO[groups["uspto"][1:-1]]
    if groups.get("els_power") is not None:  # " 3 10 24" → " × 10−4"
        return " × 10" + minus + groups["els_power"] + " "
    return minus + "1" if groups.get("els_unit") else minus  # "S cm 21", "10 “4"


def _after_ten(match: re.Match[str]) -> bool:
    start = match.start()
    return _TEN_BEFORE.search(match.string, max(0, start - 3), start) is not None


@dataclass(frozen=True)
class NormalisedText:
    """Clean text plus the way back to the original.

    ``starts``/``ends`` are ``None`` when nothing changed length (offsets are
    then shared); otherwise clean character ``i`` came from
    ``original[starts[i]:ends[i]]``.
    """

    text: str
    original: str
    starts: tuple[int, ...] | None = None
    ends: tuple[int, ...] | None = None

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map the clean span ``[start, end)`` to a span of the original text."""
        if self.starts is None or self.ends is None:
            return start, end
        if end <= start:
            pos = self.starts[start] if start < len(self.starts) else len(self.original)
            return pos, pos
        return self.starts[start], self.ends[end - 1]


def normalise_with_offsets(text: str) -> NormalisedText:
    """Full clean-up with an offset map back to ``text`` (see module docstring)."""
    return _expand(normalise_text(text), text, one_to_one=True)


def expand_markup(text: str) -> NormalisedText:
    """Only the multi-character damage (entities, tags, glyph names, pandoc scripts,
    ligatures); every other character is kept as written.

    >>> n = expand_markup("1.7 &times; 10<sup>&minus;2</sup> S cm^–1^ at 25 /C14C")
    >>> n.text
    '1.7 × 10^−2 S cm–1 at 25 °C'
    >>> n.original[slice(*n.to_original(25, 27))]
    '/C14C'
    """
    return _expand(text, text, one_to_one=False)


def _expand(clean: str, text: str, one_to_one: bool) -> NormalisedText:
    """Rewrite the many-to-one damage in ``clean`` (``text`` with one-to-one changes).

    A removed ``<sub>``/``<sup>`` belongs to the character after it and its closing
    tag to the character before, so a span never ends inside a script
    ("S cm<sup>-1</sup>", not "S cm<sup>-1").
    """
    spaces = "  " in clean or "\u00a0" in clean
    if _DAMAGE_TELL_RE.search(clean):
        multi = _MULTI_DAMAGE_WITH_SPACES if spaces else _MULTI_DAMAGE
    else:
        multi = _MULTI_WITH_SPACES if spaces else _MULTI
    if multi.search(clean) is None:
        return NormalisedText(clean, text)
    pieces: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    opening: list[tuple[int, int]] = []  # (clean position, tag start)
    closing: list[tuple[int, int]] = []  # (clean position, tag end)
    last = 0
    for match in multi.finditer(clean):
        start, end = match.span()
        pieces.append(clean[last:start])
        starts.extend(range(last, start))
        ends.extend(range(last + 1, start + 1))
        new = _replacement(match, one_to_one)
        if not new and _SCRIPT_TAG.fullmatch(match.group()):
            (closing if match.group()[1] == "/" else opening).append(
                (len(starts), end if match.group()[1] == "/" else start))
        pieces.append(new)
        starts.extend([start] * len(new))
        ends.extend([end] * len(new))
        last = end
    pieces.append(clean[last:])
    starts.extend(range(last, len(clean)))
    ends.extend(range(last + 1, len(clean) + 1))
    for position, tag_start in opening:
        if position < len(starts):
            starts[position] = min(starts[position], tag_start)
    for position, tag_end in closing:
        if position > 0:
            ends[position - 1] = max(ends[position - 1], tag_end)
    return NormalisedText("".join(pieces), text, tuple(starts), tuple(ends))
