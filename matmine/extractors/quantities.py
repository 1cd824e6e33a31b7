"""Quantities: numbers in every typographic form, with their units.

:func:`find_quantities` scans text for number expressions — ``1.2 × 10−3``,
``1.2×10^-3``, ``1.2E-3``, ``1.2 x 10-3`` (a lost superscript), ``10−3``,
ranges (``10−4 to 10−3``, ``10−4–10−3``, ``2–5 × 10−4``), qualifiers (``~``,
``≈``, ``>``, ``ca.``, ``above``), errors (``±``, ``4.14(5)``) — each followed
by an optional unit, and converts values to canonical units.  Lists sharing one
unit (``0.01, 0.025, and 0.054 S cm−1``) give every member the unit.  Character
offsets are into the text as given (PDF glyph names such as ``/C0`` are read in
place, so offsets stay valid).  The spaCy component ``matmine_quantities``
stores the quantities in ``doc._.quantities`` and ``doc.spans["quantities"]``.

>>> q = find_quantities("σ = 1.2 × 10−3 S cm−1 at 25 °C")
>>> (q[0].value, q[0].unit.canonical, q[1].value)
(0.0012, 'S/cm', 298.15)
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.language import Language
from spacy.tokens import Doc

from matmine.extractors.bounds import apply_bounds, merge_unit_ranges
from matmine.extractors.sentences import doc_text
from matmine.extractors.text_normalise import NormalisedText, expand_markup
from matmine.extractors.units import ROOM_TEMPERATURE_K, UNIT_PATTERN, UnitInfo, parse_unit

_MINUS = r"(?:[-−‒﹣－]|/C0)"  # an en dash is a range, not a minus, in front of a number
_EXP_MINUS = r"(?:[-−–‒﹣－]|/C0)"
# "3.06 10-2 S/cm": a PDF lost the times sign (a decimal mantissa, a space, then a
# power of ten right before a conductivity unit)
_SPACE_TIMES = (r"(?:(?<=\.\d)|(?<=\.\d\d)|(?<=\.\d\d\d))\s"
                r"(?=10\s?(?:[-−–‒]\s?)?\d\d?\s?(?:[mμµ]?S\b|S\s?cm|Ω))")
_TIMES = r"(?:\s?(?:[×xX✕⨯·⋅∙*]|/C2|\\times)\s?|" + _SPACE_TIMES + ")"
# a decimal comma ("0,1 S/cm", "2,5 × 10-2") only before a unit or a times sign, so lists
# ("1,2 and 3") and thousands ("1,000") keep their meaning
_DECIMAL_COMMA = (r"\d{1,2},\d{1,3}(?![\d,])(?<!\d,\d{3})"
                  r"(?=\s?(?:[×xX✕*](?!\w)|(?:[mμµk]?S\b|S\s?cm|[mk]?eV|kJ|K\b|°|oC|Ω|%)))")
_MANT = (r"(?:" + _DECIMAL_COMMA + r"|\d{1,3}(?:,\d{3})+(?![\d,])(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)"
         r"(?:\(\d{1,3}\))?")
_POW10 = r"10\s?(?:\^|\*\*)?\s?\(?(?P<{g}>" + _EXP_MINUS + r"|\+)?\s?(?P<{h}>\d{{1,2}})\)?(?!\d|\.\d)"
_EXPO = r"(?:" + _TIMES + _POW10 + r"|[eE](?P<{g}e>" + _MINUS + r"|\+)?(?P<{h}e>\d{{1,2}})(?!\d|\.\d))"
# "10–2" with an en dash is a lost superscript, not a descending range; "10–12" stays a range
# "10−6.5 S/cm": a fractional power of ten (an Arrhenius plot read off), not a range
_BARE_POW = (r"10\s?(?:\^|\*\*)?\(?(?P<{g}>" + _MINUS + r"|–(?=\d(?!\d)))\s?"
             r"(?P<{h}>\d{{1,2}}(?:\.\d{{1,2}}(?!\d))?)\)?(?!\d|\.\d)")


def _single(tag: str) -> str:
    bare = _BARE_POW.format(g=f"bs{tag}", h=f"bd{tag}")
    expo = _EXPO.format(g=f"es{tag}", h=f"ed{tag}")
    return (
        rf"(?:(?P<bare{tag}>{bare})|(?P<mant{tag}>{_MANT})(?P<exp{tag}>{expo})?)"
    )


_QUALIFIERS: dict[str, str] = {
    "~": "~", "∼": "~", "≈": "~", "≃": "~", "ca.": "~", "ca": "~", "about": "~",
    "approximately": "~", "approx.": "~", "around": "~", "nearly": "~", "roughly": "~",
    ">": ">", "above": ">", "over": ">", "more than": ">", "greater than": ">",
    "higher than": ">", "exceeding": ">", "in excess of": ">", "≥": "≥", "⩾": "≥",
    "at least": "≥", "<": "<", "below": "<", "under": "<", "less than": "<",
    "lower than": "<", "≤": "≤", "⩽": "≤", "up to": "≤", "at most": "≤",
    "≳": "≥", "≲": "≤", "as high as": "=", "as low as": "=",
    "surpassing": ">", "exceeds": ">", "beyond": ">", "of the order of": "~",
    "on the order of": "~", "in the order of": "~", "close to": "~",
    # Web of Science abstracts spell "≈" out: "E-A approximate to 0.22 eV"
    "approximate to": "~", "approximately equal to": "~",
    # patent claims: "not less than 1.0 × 10−3 S/cm" is a lower bound, not "< …"
    "not less than": "≥", "no less than": "≥", "not lower than": "≥", "not below": "≥",
    "not more than": "≤", "no more than": "≤", "not higher than": "≤", "not above": "≤",
    "not exceeding": "≤",
}
_QUAL = "(?:" + "|".join(
    re.escape(q) for q in sorted(_QUALIFIERS, key=len, reverse=True)
) + ")"
_PM = r"\s?(?:±|\+/-|\+-|\+/−)\s?"
_RANGE_SEP = r"(?:\s?[–—~−-]\s?|\s(?:to|-)\s|\s?/C0\s?|(?(between)\sand\s|(?!)))"

NUMBER_PATTERN = (
    r"(?<![\w./])"
    r"(?:(?P<qual>" + _QUAL + r")\s?)?"
    r"(?:(?P<rangeword>(?i:from|(?P<between>between)))\s)?"
    r"(?P<lead>(?<![\d])[−-](?=\d))?"
    r"(?P<paren>\(\s?)?" + _single("1") +
    r"(?:" + _PM + r"(?P<err>" + _MANT + r"))?"
    r"(?(paren)\s?\)(?P<pexp>" + _EXPO.format(g="esp", h="edp") + r")?)"
    r"(?:" + _RANGE_SEP + r"(?P<hi>" + _single("2") + r"))?"
)
NUMBER_RE = re.compile(NUMBER_PATTERN)
# the same without a second number: "x = 0 to 0.71 eV" is no range (a group "hi" that
# never matches keeps the group names of NUMBER_RE)
_SINGLE_NUMBER_RE = re.compile(
    NUMBER_PATTERN[: NUMBER_PATTERN.rindex("(?:" + _RANGE_SEP)] + r"(?:(?!)(?P<hi>))?")
# Finding numbers: a cheap scan for their first digit, then NUMBER_RE anchored where
# the qualifier / "from" / sign / bracket in front of that digit begins.
_DIGIT_RE = re.compile(r"(?<![\w./])\.?\d")
_PREFIX_RE = re.compile(
    r"(?:" + _QUAL + r"\s?)?(?:(?i:from|between)\s)?[−-]?(?:\(\s?)?$")
UNIT_AFTER_RE = re.compile(r"\s?(?P<unit>" + UNIT_PATTERN + r")")
ROOM_T_RE = re.compile(r"\b(?:room[\s-]temperature|ambient temperature|RT)\b", re.I)
# Length-preserving: superscript/subscript digits and signs, exotic spaces.
_PLAIN = str.maketrans({
    **{c: str(i) for i, c in enumerate("⁰¹²³⁴⁵⁶⁷⁸⁹")},
    **{c: str(i) for i, c in enumerate("₀₁₂₃₄₅₆₇₈₉")},
    "⁻": "−", "⁺": "+", "\u00a0": " ", "\u2009": " ", "\u202f": " ", "\u2002": " ",
    "\u2003": " ", "\u200a": " ", "\u2005": " ", "\u2006": " ", "\t": " ",
})
_NEEDS_PLAIN_RE = re.compile("[⁰¹²³⁴⁵⁶⁷⁸⁹₀₁₂₃₄₅₆₇₈₉⁻⁺\u00a0\u2009\u202f\u2002\u2003\u200a\u2005\u2006\t]")
_LIST_NEXT_RE = re.compile(r"\s?(?:,\s?(?:and\s|or\s)?|and\s|or\s|&\s|/\s?)\s?[(~∼≈<>≤≥−-]?\s?\d")
_LIST_GLUE_RE = re.compile(r"\s?(?:,\s?(?:and\s|or\s)?|and\s|or\s|&\s|/\s?)\s?")


@dataclass
class Quantity:
    """One number expression with its unit, in text offsets and canonical units."""

    start: int
    end: int
    value_end: int  # end of the number part (before the unit)
    raw: str
    value: float | None
    value_min: float | None = None
    value_max: float | None = None
    error: float | None = None
    qualifier: str | None = None
    unit_raw: str = ""
    unit: UnitInfo | None = None
    unit_shared: bool = False  # unit given once after a list of numbers
    assumed: bool = False  # "room temperature" → 298.15 K
    extras: dict = field(default_factory=dict)

    @property
    def kind(self) -> str:
        return self.unit.kind if self.unit else "number"


_PREFIX_CHARS = frozenset("(−-~∼≈≃><≥≤⩾⩽≳≲")
_PREFIX_LAST_WORDS = frozenset(
    w.split()[-1].lower() for w in list(_QUALIFIERS) + ["from", "between"] if w[0].isalpha())


def _may_have_prefix(text: str, p: int) -> bool:
    """Cheap test before the qualifier regex: is the character or word before the
    number one that can start a prefix ("~", "(", "−", "about", "than", "from" …)?"""
    if p == 0:
        return False
    before = text[p - 1]
    if before in _PREFIX_CHARS:
        return True
    if before == " " and p >= 2:
        if text[p - 2] in _PREFIX_CHARS:
            return True
        word = text[max(0, p - 20):p - 1].rsplit(None, 1)
        return bool(word) and word[-1].lstrip("([{\"'“‘,;:").lower() in _PREFIX_LAST_WORDS
    return before == "." and text[max(0, p - 4):p].lower().endswith("ca.")


def _plain_number(mant: str) -> str:
    """``4.14(5)`` → ``4.14``; ``1,000`` → ``1000``."""
    if "(" in mant:
        mant = mant[: mant.index("(")]
    if "," not in mant:
        return mant
    return mant.replace(",", "") if _THOUSANDS_RE.fullmatch(mant) else mant.replace(",", ".")


_THOUSANDS_RE = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?")


def _float_of(m: re.Match, tag: str) -> tuple[float, bool] | None:
    """(value, has_exponent) of one ``_single`` group."""
    if m.group(f"bare{tag}") is not None:
        sign = m.group(f"bs{tag}")
        power = float(m.group(f"bd{tag}"))
        return (float(f"{10.0 ** (-power if sign else power):.12g}"), True)
    mant = m.group(f"mant{tag}")
    if mant is None:
        return None
    mant = _plain_number(mant)
    value = float(mant)
    if m.group(f"exp{tag}"):
        sign = m.group(f"es{tag}") or m.group(f"es{tag}e")
        digits = m.group(f"ed{tag}") or m.group(f"ed{tag}e")
        power = int(digits)
        if sign and sign != "+":
            power = -power
        return (float(f"{mant}e{power}"), True)
    return (value, False)


def _uncertainty(mant: str | None) -> float | None:
    """``4.14(5)`` → 0.05."""
    if not mant or "(" not in mant:
        return None
    number, digits = mant[:-1].split("(")
    decimals = len(number.split(".")[1]) if "." in number else 0
    return int(digits) * 10.0**-decimals


def _parse_number(m: re.Match) -> tuple[float | None, float | None, float | None, float | None]:
    """(value, min, max, error) of a NUMBER_RE match, before unit conversion."""
    first = _float_of(m, "1")
    if first is None:
        return (None, None, None, None)
    lo, lo_exp = first
    if m.group("lead"):
        lo = -lo
    error = None
    if m.group("err"):
        error = float(_plain_number(m.group("err")))
    else:
        error = _uncertainty(m.group("mant1"))
    if m.group("pexp"):  # "(1.2 ± 0.1) × 10−3"
        sign = m.group("espe") or m.group("esp")
        power = int(m.group("edp") or m.group("edpe"))
        scale = 10.0 ** (-power if sign and sign != "+" else power)
        lo *= scale
        error = error * scale if error is not None else None
    if m.group("hi") is None:
        return (lo, None, None, error)
    second = _float_of(m, "2")
    if second is None:
        return (lo, None, None, error)
    hi, hi_exp = second
    if hi_exp and not lo_exp and m.group("exp2"):
        # "2–5 × 10−4": the exponent belongs to both ends
        lo = lo * (hi / float(_plain_number(m.group("mant2"))))
    low, high = _tidy(min(lo, hi)), _tidy(max(lo, hi))
    return (_tidy((low + high) / 2.0), low, high, None)


def find_quantities(text: str, with_bare: bool = True) -> list[Quantity]:
    """Every number expression in ``text`` with its unit (if any), in order.

    ``with_bare=False`` leaves out numbers without a unit, except those in a list
    that ends in one ("0.01, 0.025 and 0.054 S/cm") — all a text scan needs.
    HTML entities, tags and pandoc superscripts (``1.7 &times; 10<sup>&minus;2</sup>``)
    are read as the characters they stand for; offsets stay into ``text``.
    """
    markup = expand_markup(text)
    if markup.starts is None:
        return _find_quantities(text, with_bare)
    return [_to_original(q, markup) for q in _find_quantities(markup.text, with_bare)]


def _to_original(q: Quantity, markup: NormalisedText) -> Quantity:
    """``q`` found in the expanded text, with offsets and ``raw`` of the original."""
    start, end = markup.to_original(q.start, q.end)
    q.value_end = markup.to_original(q.start, q.value_end)[1]
    q.start, q.end = start, end
    q.raw = markup.original[start:end]
    return q


def _find_quantities(text: str, with_bare: bool) -> list[Quantity]:
    out: list[Quantity] = []
    original = text
    if _NEEDS_PLAIN_RE.search(text):
        text = text.translate(_PLAIN)
    pos = 0
    n = len(text)
    has_log = "log" in text
    find_digit = _DIGIT_RE.search
    match = NUMBER_RE.match
    while pos < n:
        d = find_digit(text, pos)
        if d is None:
            break
        p = d.start()
        prefix = _PREFIX_RE.search(text, max(pos, p - 30), p) if _may_have_prefix(text, p) \
            else None
        m = match(text, prefix.start()) if prefix is not None and prefix.start() < p else None
        if m is None or m.end() <= p:
            m = match(text, p)
        if m is None or m.end() == m.start():
            pos = p + 1
            continue
        um = UNIT_AFTER_RE.match(text, m.end())
        if um is not None and m.group("hi") is not None and _is_variable_value(text, m.start()):
            # "from 0.98 eV for x = 0 to 0.71 eV": the value of x starts no range
            m = _SINGLE_NUMBER_RE.match(text, m.start())
            um = UNIT_AFTER_RE.match(text, m.end())
        um = um or _bare_celsius(text, m, out[-1] if out else None)
        plus = um is None and text.startswith("+ ", m.end())  # "200+ S/cm": more than 200
        if plus:
            um = UNIT_AFTER_RE.match(text, m.end() + 1)
            plus = um is not None and parse_unit(um.group("unit")).kind != "unknown"
            um = um if plus else None
        log_sigma = _log_sigma_before(text, m.start()) if has_log else None
        if um is None and not with_bare and not _LIST_NEXT_RE.match(text, m.end()) \
                and log_sigma is None:
            pos = m.end()
            continue
        value, vmin, vmax, error = _parse_number(m)
        qual = m.group("qual")
        unit_raw = ""
        unit = None
        end = m.end()
        lost_minus = False
        if um is not None:
            unit_raw = um.group("unit")
            unit = parse_unit(unit_raw)
            if unit.kind == "unknown":
                unit = None
                unit_raw = ""
            else:
                end = um.end()
                lost = _LOST_UNIT_MINUS_RE.match(text, end) if unit.kind == "conductivity" \
                    and unit_raw[-1] == "m" and "/" not in unit_raw else None
                if lost is not None:  # "S cm 1": the minus of the unit's exponent was lost
                    end = lost.end()
                    unit_raw = text[um.start("unit"):end]
                    power = _UNSIGNED_POWER_RE.search(m.group())
                    if power is not None and _one_power(m):  # "4.6 x 10 4": lost too
                        value, vmin, vmax, error = _negate_power(
                            int(power.group("e")), value, vmin, vmax, error)
                        lost_minus = True
        if log_sigma is not None and value is not None and -16 <= value <= 5 and (
                unit is None or unit.kind == "conductivity"):
            # "log σ = −4.3", "log(σ/S cm−1) = −5.2": the decimal logarithm of a conductivity
            value, vmin, vmax = (None if v is None else _tidy(10.0 ** v) for v in (value, vmin, vmax))
            error = None
            if unit is None:
                unit_raw, unit = log_sigma
        start = m.start()
        if m.group("rangeword") and m.group("hi") is None:
            # "increases from 1.2 × 10−4 S/cm at 300 K to …": no range, so "from" is no
            # part of the value (a range written with units on both ends is merged below)
            start = m.end("rangeword") + 1
        q = Quantity(
            start=start,
            end=end,
            value_end=m.end(),
            raw=original[start:end],
            value=value,
            value_min=vmin,
            value_max=vmax,
            error=error,
            qualifier=_QUALIFIERS.get(qual.lower()) if qual else None,
            unit_raw=unit_raw,
            unit=unit,
        )
        if q.qualifier == "=":
            q.qualifier = None
        if plus and q.qualifier is None:
            q.qualifier = ">"
        if lost_minus:
            q.extras["lost_minus"] = True
        if start != m.start():
            q.extras["range_start"] = m.start()
        out.append(q)
        pos = end if end > m.start() else m.start() + 1
    out = apply_bounds(text, merge_unit_ranges(text, out))
    for q in out:
        q.raw = original[q.start:q.end]
    _share_list_units(text, out)
    for q in out:
        if q.unit is not None and q.value is not None:
            _convert(q)
    for q in out:
        q.extras.pop("range_start", None)
    out.extend(_room_temperatures(text, out))
    out.sort(key=lambda q: q.start)
    return _room_temperature_ranges(text, original, out)


# "S cm 1": a conductivity unit whose superscript "−1" lost its minus sign
_LOST_UNIT_MINUS_RE = re.compile(r" 1(?![\d.,]?\d)")
# "4.6 x 10 4" (a superscript exponent written after a space, no sign) before such a unit
_UNSIGNED_POWER_RE = re.compile(r"(?:[×xX✕*·⋅∙]|/C2|\\times)\s?10\s?(?P<e>\d{1,2})$")


def _one_power(m: re.Match[str]) -> bool:
    """Does one power of ten scale every number of ``m`` ("4.6 x 10 4", "2–5 x 10 4")?"""
    return m.group("hi") is None or not m.group("exp1") or m.group("ed1") == m.group("ed2")


def _negate_power(power: int, *values: float | None) -> tuple[float | None, ...]:
    """``values`` written with × 10^``power`` read with × 10^−``power`` instead."""
    scale = 10.0 ** (-2 * power)
    return tuple(None if v is None else _tidy(v * scale) for v in values)


def _is_variable_value(text: str, start: int) -> bool:
    """Is the number at ``start`` the value of a variable ("x = 0", "y=0.2")?"""
    return "=" in text[max(0, start - 2):start] and \
        _VARIABLE_BEFORE_RE.search(text, max(0, start - 6), start) is not None


def _tidy(x: float) -> float:
    """Drop binary noise from conversions: 253.14999999999998 → 253.15."""
    return float(f"{x:.12g}")


def _convert(q: Quantity) -> None:
    u = q.unit
    assert u is not None and q.value is not None
    if u.kind in ("conductivity", "energy", "temperature", "length"):
        q.extras["value_as_written"] = q.value
        q.value = _tidy(u.convert(q.value))
        if q.value_min is not None and q.value_max is not None:
            q.value_min = _tidy(u.convert(q.value_min))
            q.value_max = _tidy(u.convert(q.value_max))
        if q.error is not None:
            q.error = _tidy(q.error * u.factor)


# "at 750C", "600 C": a Celsius temperature whose degree sign was lost; only for whole
# numbers from 100 (a C-rate, "at 1 C", "2C", is small) and not "C-rate"; a two-digit one
# ("10-6S/cm at 25C") only right after a conductivity, where no C-rate is ever given.
# Not from 2000: "2000C" is "200 0C" (a degree sign read as 0) that lost its space, or
# else a temperature no conductivity is measured at.
_BARE_CELSIUS_RE = re.compile(r"\s?(?P<unit>C)(?![\w\-(/])")
_WHOLE_HUNDREDS_RE = re.compile(r"1\d{3}|[1-9]\d{2}")
_WHOLE_TENS_RE = re.compile(r"[1-9]\d")
_AT_RE = re.compile(r"\s?(?:at|@)\s?")


def _bare_celsius(text: str, m: re.Match[str], prev: Quantity | None) -> re.Match[str] | None:
    if "C" not in text[m.end():m.end() + 2]:
        return None
    if not _WHOLE_HUNDREDS_RE.fullmatch(m.group()) and not (
            _WHOLE_TENS_RE.fullmatch(m.group()) and prev is not None and prev.kind == "conductivity"
            and _AT_RE.fullmatch(text, prev.end, m.start())):
        return None
    return _BARE_CELSIUS_RE.match(text, m.end())


_LOG_SIGMA_RE = re.compile(
    r"\blog\s?(?:10\s?)?[(\[]?\s?(?:σ|sigma)\w{0,6}(?:\s?/\s?(?P<unit>[mμ]?S\s?(?:cm|m)\s?[-−–]?1|"
    r"[mμ]?S/cm))?\s?[)\]]?[^;=]{0,50}?(?:=|:|of|is|was|reaches|reached|amounts\s+to)\s?$")
# "log σ versus 1000/T … a slope of 2": a number about the plot, not a conductivity
_LOG_SIGMA_PLOT_RE = re.compile(r"slope|versus|\bvs\b|plot|1000\s?/\s?T|against|intercept")


def _log_sigma_before(text: str, start: int) -> tuple[str, UnitInfo] | None:
    """(unit text, unit) when a "log σ … =" stands right before ``start``; else None."""
    window = text[max(0, start - 80):start]
    if "log" not in window:
        return None
    m = _LOG_SIGMA_RE.search(window)
    if m is None or _LOG_SIGMA_PLOT_RE.search(window, m.start()):
        return None
    written = m.group("unit") or "S/cm"
    return written if m.group("unit") else "", parse_unit(written)


_VARIABLE_BEFORE_RE = re.compile(r"(?<![A-Za-z])[xyzδ]\s?=\s?$")


_MANTISSA_TIMES_POWER_RE = re.compile(
    r"(?P<m>\d(?:\.\d+)?)\s?(?:[×xX✕*·]|/C2|\\times)\s?10\s?(?:\^|\*\*)?\s?\(?(?P<e>[-−–]?\s?\d{1,2})\)?$")
_PLAIN_MANTISSA_RE = re.compile(r"\d(?:\.\d+)?")


def _share_power_of_ten(text: str, prev: Quantity, last: Quantity) -> None:
    """"8.8 and 7.4 × 10−2 S/cm": the first number shares the power of ten too, when it
    is written as a bare mantissa (1 to 10) like the last one's."""
    power = _MANTISSA_TIMES_POWER_RE.search(text, last.start, last.value_end)
    if power is None or power.start() != last.start or prev.value is None:
        return
    if not _PLAIN_MANTISSA_RE.fullmatch(text, prev.start, prev.value_end) or not 1 <= prev.value < 10:
        return
    exponent = int(re.sub(r"[−–\s]", lambda m: "-" if m.group() in "−–" else "", power.group("e")))
    if last.extras.get("lost_minus"):  # "8.8 and 7.4 x 10 4 S cm 1": × 10⁻⁴ for both
        exponent = -abs(exponent)
    prev.value = _tidy(prev.value * 10.0 ** exponent)
    prev.extras["shared_power"] = exponent


def _share_list_units(text: str, qs: list[Quantity]) -> None:
    """``0.01, 0.025, and 0.054 S cm−1``: numbers before a unit share it."""
    for i in range(len(qs) - 1, 0, -1):
        q = qs[i]
        if q.unit is None:
            continue
        j = i - 1
        while j >= 0:
            prev, nxt = qs[j], qs[j + 1]
            if prev.unit is not None:
                break
            glue = text[prev.end:nxt.start]
            if not _LIST_GLUE_RE.fullmatch(glue):
                break
            if _VARIABLE_BEFORE_RE.search(text, max(0, prev.start - 6), prev.start):
                break  # "x = 0.2 and 1.5 mS/cm": 0.2 is a composition variable
            prev.unit, prev.unit_raw, prev.unit_shared = q.unit, q.unit_raw, True
            _share_power_of_ten(text, prev, q)
            j -= 1


_ROOM_WORDS_RE = re.compile(r"\b(?:room|ambient)[\s-]temperature")  # on lower-cased text
_RT_RE = re.compile(r"\bRT\b")


def _room_temperatures(text: str, qs: list[Quantity]) -> list[Quantity]:
    """"room temperature", "ambient temperature", "RT": 298.15 K, flagged as assumed."""
    lower = text.lower()
    if len(lower) != len(text):  # exotic Unicode changed the length: the slower pattern
        spans = [m.span() for m in ROOM_T_RE.finditer(text) if m.group() not in ("rt", "Rt", "rT")]
    else:
        spans = [m.span() for m in _ROOM_WORDS_RE.finditer(lower)]
        spans += [m.span() for m in _RT_RE.finditer(text)]
    return [
        Quantity(start=start, end=end, value_end=end, raw=text[start:end],
                 value=ROOM_TEMPERATURE_K, unit_raw="", unit=parse_unit("K"), assumed=True)
        for start, end in sorted(spans)
    ]


_RT_RANGE_GLUE_RE = re.compile(r"\s?(?:[–—-]|/C0)\s?|\s(?:to|and)\s")
_RT_RANGE_WORD_RE = re.compile(r"\b(?:from|between)\s$", re.I)


def _room_temperature_ranges(text: str, original: str, qs: list[Quantity]) -> list[Quantity]:
    """``RT–100 °C``, ``from room temperature to 373 K``, ``between RT and 100 °C``: one
    temperature range whose lower end, room temperature, is assumed (298.15 K)."""
    out: list[Quantity] = []
    i = 0
    while i < len(qs):
        q = qs[i]
        nxt = qs[i + 1] if i + 1 < len(qs) else None
        if (q.assumed and nxt is not None and nxt.kind == "temperature" and not nxt.assumed
                and nxt.value_min is None and nxt.value is not None
                and nxt.value > q.value  # type: ignore[operator]
                and _RT_RANGE_GLUE_RE.fullmatch(text, q.end, nxt.start)):
            glue = text[q.end:nxt.start].strip()
            word = _RT_RANGE_WORD_RE.search(text, max(0, q.start - 8), q.start)
            if glue != "and" or (word is not None and word.group().lower().startswith("b")):
                # "from RT to 100 °C", "between RT and 100 °C": the word opens the range
                start = word.start() if word is not None and glue in ("to", "and") else q.start
                out.append(Quantity(
                    start=start, end=nxt.end, value_end=nxt.value_end,
                    raw=original[start:nxt.end], value=_tidy((q.value + nxt.value) / 2.0),
                    value_min=q.value, value_max=nxt.value, unit_raw=nxt.unit_raw,
                    unit=nxt.unit, assumed=True))
                i += 2
                continue
        out.append(q)
        i += 1
    return out


if not Doc.has_extension("quantities"):
    Doc.set_extension("quantities", default=None)


@Language.factory(
    "matmine_quantities",
    assigns=["doc._.quantities", "doc.spans"],
    requires=[],
    default_config={"spans_key": "quantities"},
)
def make_quantities(nlp: Language, name: str, spans_key: str) -> QuantityComponent:
    return QuantityComponent(spans_key)


class QuantityComponent:
    """Finds quantities with units; ``doc._.quantities`` keeps the parsed values."""

    def __init__(self, spans_key: str = "quantities") -> None:
        self.spans_key = spans_key

    def __call__(self, doc: Doc) -> Doc:
        qs = [q for q in find_quantities(doc_text(doc), with_bare=False) if q.unit is not None]
        doc._.quantities = qs
        spans = []
        for q in qs:
            span = doc.char_span(q.start, q.end, label=q.kind, alignment_mode="expand")
            if span is not None:
                spans.append(span)
        doc.spans[self.spans_key] = spans
        return doc


__all__ = ["NUMBER_RE", "Quantity", "QuantityComponent", "find_quantities"]
