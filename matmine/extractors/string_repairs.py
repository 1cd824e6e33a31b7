"""Repairs of a material string before it is parsed (:mod:`matmine.extractors.compositions`).

Each repair undoes one way authors, PDF converters or databases write a material
that the formula grammar does not read, and leaves every other string unchanged:

* PDF font damage (Elsevier's MT Extra): ``x ¼ 0.25`` (=), ``Li1þxAl…`` (+),
  ``10 À3`` (−), ``2.7 Â 10`` (×); math-italic ``𝛿``; zero-width spaces and soft
  hyphens; full-width letters; vulgar fractions (``LiNi⅓Co⅓Mn⅓O2``, ``·½H2O``);
* decimal commas (``Ce0,9Gd0,1O1,95``);
* purity and supplier notes (``Li2S (99.9%, Sigma-Aldrich)``, ``La2O3, 99.99%``);
* mixtures written as a system and a ratio (``Li2S–P2S5 (75:25)``,
  ``Li2S:P2S5 = 70:30``, ``Li2S-P2S5-LiI (3:1:1)``) → ``75Li2S-25P2S5``;
* a full stop used as the adduct dot (``La2O3.2ZrO2``, ``Na2O.2SiO2``,
  ``Li2S.P2S5``) when both sides are charge-balanced compounds, so that
  ``Li6.4La3Zr1.4Ta0.6O12`` keeps its decimals;
* a dopant written first (``Al:LLZO``) or its amount last (``Y2O3:Eu3+ 5 mol%``);
* stabilised zirconia by name and mol% (``8 mol% yttria-stabilized zirconia`` → 8YSZ).

>>> repair_material_string("Li2S–P2S5 (75:25)")
'75Li2S-25P2S5'
>>> repair_material_string("La2O3.2ZrO2")
'La2O3·2ZrO2'
>>> repair_material_string("Li6.4La3Zr1.4Ta0.6O12")
'Li6.4La3Zr1.4Ta0.6O12'
"""

from __future__ import annotations

import re
from functools import lru_cache

from matmine.extractors.formula_grammar import VARIABLES, is_wrapped

_FULLWIDTH = {chr(c): chr(c - 0xFEE0) for c in range(0xFF01, 0xFF5F)}
_VULGAR = {"½": "1/2", "⅓": "1/3", "⅔": "2/3", "¾": "3/4", "⅕": "1/5", "⅙": "1/6",
           "⅛": "1/8"}
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_ITALIC_DELTA = str.maketrans({"𝛿": "δ", "𝜹": "δ", "𝝏": "δ", "𝞭": "δ", "𝑥": "x", "𝑦": "y"})
# Elsevier PDF damage, only where the character cannot be a letter of a word
_FONT_DAMAGE = (
    (re.compile(r"(?<=\s)¼(?=\s)"), "="),            # "x ¼ 0.25"
    (re.compile(r"¼"), "1/4"),                       # "Li¼…": a quarter
    (re.compile(r"(?<=[\w)])þ(?=[\w(])"), "+"),      # "Li1þxAlx…"
    (re.compile(r"(?<=[\d\s])À(?=\s?\d)"), "-"),     # "10 À3"
    (re.compile(r"(?<=\d\s)Â(?=\s?10)"), "×"),       # "2.7 Â 10"
)
_DECIMAL_COMMA = re.compile(r"(?<=[A-Za-z)])(\d+),(\d+)(?![\d,])")
_SUPPLIERS = "|".join(sorted(
    (r"Sigma-Aldrich", r"Sigma", r"Aldrich", r"Alfa\s+Aesar", r"Alfa", r"Aesar", r"Merck",
     r"Kojundo", r"Wako", r"Kanto", r"TCI", r"Macklin", r"Aladdin", r"Acros", r"Strem", r"Fluka",
     r"Thermo\s+Fisher", r"Thermo", r"Fisher", r"Sinopharm", r"Junsei", r"Nacalai", r"Ampac",
     r"Toshima", r"Mitsuwa", r"Rare\s+Metallic"), key=len, reverse=True))
_PURITY = re.compile(
    r"\s*,?\s*(?:\d{2}(?:\.\d+)?\s?%|(?<![A-Za-z0-9])\d(?:N|N\d)\b)"
    r"(?:\s*(?:purity|pure|trace\s+metals\s+basis))?"
    rf"|\s*,?\s*(?:{_SUPPLIERS})(?:\s+(?:Co\.|Inc\.|Ltd\.?|Chemical|Chemicals|Corp\.?))*", re.I)
_TRAILING_BRACKET = re.compile(r"\s*[(\[]([^()\[\]]*)[)\]]\s*$")
_RATIO_TAIL = re.compile(
    r"^(?P<system>[^\s()=]+?)(?:\s+(?:glass(?:es)?|glass-ceramics?|system|electrolytes?))?\s*"
    r"(?:[(\[]\s*(?P<a>(?:\d+(?:\.\d+)?\s?:\s?){1,3}\d+(?:\.\d+)?)\s*(?:mol\s?%|molar\s+ratio|"
    r"mol\.?\s?ratio|in\s+mol)?\s*[)\]]"
    r"|=\s*(?P<b>(?:\d+(?:\.\d+)?\s?:\s?){1,3}\d+(?:\.\d+)?)(?:\s*(?:mol\s?%|molar\s+ratio))?)$",
    re.I)
_SYSTEM_SPLIT = re.compile(r"\s?[-–—:·/]\s?")
_ADDUCT = re.compile(r"(?<=[A-Za-z\d)])\.(\d*)(?=[A-Z(])")
_DOPANT_FIRST = re.compile(r"^(?P<el>[A-Z][a-z]?)\s?:\s?(?P<host>[A-Z][A-Za-z0-9().-]{2,})$")
_DOPANT_AMOUNT_LAST = re.compile(
    r":\s?(?P<dopant>[A-Z][a-z]?\d?[+-]?)\s+(?P<amount>\d+(?:\.\d+)?\s?(?:mol|at|wt)\.?\s?%)$")


# "8 mol% yttria-stabilized zirconia", "Y2O3-stabilized ZrO2", "10 mol% Sc2O3-doped ZrO2":
# the lexicon's numbered YSZ / ScSZ
_STABILISED_ZIRCONIA = re.compile(
    r"^(?:(?P<n>\d+(?:\.\d+)?)\s?(?:mol|m/o)\.?\s?%?\s?)?(?P<oxide>yttria|Y2O3|scandia|Sc2O3)"
    r"[- ](?:stabili[sz]ed|doped)\s+(?:zirconia|ZrO2)$", re.I)


def repair_material_string(text: str) -> str:
    """The string with the repairs of the module docstring applied (else unchanged)."""
    s = text.translate(_INVISIBLE)
    if any(c in _FULLWIDTH for c in s):
        s = "".join(_FULLWIDTH.get(c, c) for c in s)
    s = s.translate(_ITALIC_DELTA)
    if any(c in s for c in "¼þÀÂ"):
        for pattern, replacement in _FONT_DAMAGE:
            s = pattern.sub(replacement, s)
    for char, fraction in _VULGAR.items():
        if char in s:
            s = s.replace(char, fraction)
    if "," in s:
        s = _DECIMAL_COMMA.sub(r"\1.\2", s)
    s = _strip_purity(s)
    zirconia = _STABILISED_ZIRCONIA.match(s)
    # (the plain name "yttria-stabilized zirconia" is a lexicon name already: kept)
    if zirconia is not None and any(c.isdigit() for c in zirconia.group()):
        kind = "YSZ" if zirconia.group("oxide").lower().startswith("y") else "ScSZ"
        return f"{zirconia.group('n') or ''}{kind}" if zirconia.group("n") or kind == "YSZ" \
            else s
    s = _ratio_mixture(s)
    if "." in s:
        s = _adduct_dots(s)
    s = _DOPANT_AMOUNT_LAST.sub(lambda m: f":{m.group('amount')} {m.group('dopant')}", s)
    first = _DOPANT_FIRST.match(s)
    if first and not _is_compound(first.group("el") + "1"):
        s = f"{first.group('host')}:{first.group('el')}"
    return s


def _strip_purity(s: str) -> str:
    """"Li2S (99.9%, Sigma-Aldrich)" → "Li2S"; "lanthanum oxide (La2O3, 99.9%)" →
    "lanthanum oxide (La2O3)"; "Lu2O3(99.9" (a cut note) → "Lu2O3"."""
    s = re.sub(r"\s*[(\[]\s*\d{2}(?:\.\d+)?\s?%?[^()\[\]]*$", "", s)  # unclosed note at the end
    bracket = _TRAILING_BRACKET.search(s)
    if bracket is None:
        return _PURITY.sub("", s) if re.search(r"\d\s?%\s*$", s) else s
    inside = bracket.group(1)
    kept = _PURITY.sub("", inside).strip(" ,;-")
    if kept == inside.strip():
        return s
    head = s[: bracket.start()]
    return f"{head} ({kept})" if kept else head


def _ratio_mixture(s: str) -> str:
    """"Li2S–P2S5 (75:25)" → "75Li2S-25P2S5" when the ratio has one number per part."""
    m = _RATIO_TAIL.match(s)
    if m is None:
        return s
    parts = [p for p in _SYSTEM_SPLIT.split(m.group("system")) if p]
    numbers = [n.strip() for n in (m.group("a") or m.group("b")).split(":")]
    if len(parts) != len(numbers) or len(parts) < 2 or not all(map(_is_plain_compound, parts)):
        return s  # "Ni-YSZ (60:40)" is usually a weight ratio of a cermet: not read
    return "-".join(f"{n}{p}" for n, p in zip(numbers, parts))


_SYMBOL_COUNT = re.compile(r"([A-Z][a-z]?)(\d+(?:\.\d+)?)?")


def _is_plain_compound(part: str) -> bool:
    """"Li2S", "P2S5", "LiI": element symbols with counts, two elements at least (not a
    metal, not an abbreviation such as YSZ)."""
    from matmine.extractors.periodic_table import ELEMENTS

    tokens = _SYMBOL_COUNT.findall(part)
    if "".join(a + b for a, b in tokens) != part.translate(_SUBSCRIPTS):
        return False
    return len({a for a, _ in tokens}) >= 2 and all(a in ELEMENTS for a, _ in tokens)


_SUBSCRIPTS = str.maketrans("₀₁₂₃₄₅₆₇₈₉", "0123456789")


def _adduct_dots(s: str) -> str:
    """"La2O3.2ZrO2" → "La2O3·2ZrO2" where the text on both sides of the full stop is a
    charge-balanced compound; a decimal ("Li6.4La3…") is left alone."""
    out = s
    for m in reversed(list(_ADDUCT.finditer(s))):
        left = re.split(r"[·.]\d*(?=[A-Z(])", s[: m.start()])[-1]
        right = re.split(r"[·.]\d*(?=[A-Z(])", s[m.end():])[0]
        if _BRACKET_AMOUNT.fullmatch(left):
            continue  # "(Bi2O3)0.735(Er2O3)…": the decimal amount of a bracketed component
        if left and right and _is_compound(left) and _is_compound(right):
            out = out[: m.start()] + "·" + m.group(1) + out[m.end():]
    return out


# "(Bi2O3)0": a bracketed component and the whole part of its amount
_BRACKET_AMOUNT = re.compile(r"\([^()]+\)\d+")


def is_neutral_compound(formula: str) -> bool:
    """Whether ``formula`` (integer counts, e.g. "Li2S", "Na3PS4") is a charge-balanced
    compound of two or more elements; see :func:`_is_compound`."""
    return _is_compound(formula)


@lru_cache(maxsize=2048)
def _is_compound(formula: str) -> bool:
    """Whether ``formula`` (integer counts) is a neutral compound: one common oxidation
    state per element sums to zero (La2O3, ZrO2, H2O, Li2S; not Li6 or Ce0)."""
    if not re.fullmatch(r"(?:[A-Z][a-z]?(?:[1-9]\d*)?|\((?:[A-Z][a-z]?(?:[1-9]\d*)?)+\)(?:[1-9]\d*)?)+",
                        formula):
        return False  # decimals or a zero count ("Li0" of "Li0.5La…"): not a compound
    counts = _element_counts(formula)
    if counts is None or len(counts) < 2 or len(counts) > _MOST_ELEMENTS:
        return False
    from itertools import product

    from matmine.extractors.periodic_table import common_oxidation_states

    choices = [common_oxidation_states(element) or (0,) for element in counts]
    amounts = list(counts.values())
    return any(sum(state * amount for state, amount in zip(states, amounts)) == 0
               and any(s > 0 for s in states) for states in product(*choices))


_MOST_ELEMENTS = 5


def _element_counts(formula: str) -> dict[str, int] | None:
    """{"La": 2, "O": 3} for "La2O3" (one level of brackets); None for an unknown symbol."""
    from matmine.extractors.periodic_table import ELEMENTS

    counts: dict[str, int] = {}
    for group, group_count, symbol, count in re.findall(
            r"\(([^()]+)\)(\d*)|([A-Z][a-z]?)(\d*)", formula):
        if group:
            inner = _element_counts(group)
            if inner is None:
                return None
            for element, n in inner.items():
                counts[element] = counts.get(element, 0) + n * int(group_count or 1)
        elif symbol in ELEMENTS:
            counts[symbol] = counts.get(symbol, 0) + int(count or 1)
        else:
            return None
    return counts


# ---------------------------------------------------------------- brackets and spaces


def trim_brackets(s: str) -> str:
    """Drop unbalanced brackets: "Lu2O3(99.9" → "Lu2O3", "(Na1+x…O12" → "Na1+x…O12"."""
    pairs = {")": "(", "]": "[", "}": "{"}
    stack: list[int] = []
    unmatched: list[int] = []
    for i, c in enumerate(s):
        if c in "([{":
            stack.append(i)
        elif c in pairs:
            if stack and s[stack[-1]] == pairs[c]:
                stack.pop()
            else:
                unmatched.append(i)
    unmatched.extend(stack)
    for i in sorted(unmatched, reverse=True):
        opener_mid_word = s[i] in "([{" and i > 0 and s[i - 1] not in " "
        if opener_mid_word and not any(ch.isupper() for ch in s[i + 1 :]):
            s = s[:i]  # "Lu2O3(99.9": a purity note, not part of the formula
        else:
            s = s[:i] + s[i + 1 :]
    s = s.strip()
    while is_wrapped(s):
        s = s[1:-1].strip()
    return s


def join_formula_spaces(s: str) -> str:
    """Remove the spaces a PDF put inside a formula ("Li 6 PS 5 Cl", "Fe0.2 O3-δ"),
    keeping those before a lower-case word ("S cm" stays two words)."""
    return _INNER_SPACE.sub("", s)


_INNER_SPACE = re.compile(
    r"(?<![A-Za-z]) +| +(?![a-z])| +(?=(?:mol|wt|at|vol)\.?%)"
    # "(Ni1-x M x)": a lone variable letter is an amount, not a word
    r"| +(?=[" + "".join(sorted(VARIABLES)) + r"](?:[)\]\d+\-−]| [A-Z]|$))"
)


__all__ = ["is_neutral_compound", "join_formula_spaces", "repair_material_string", "trim_brackets"]
