"""The gas atmosphere a property was measured in ("550 S/cm in air and 310 S/cm in H2").

For an SOFC electrode or a proton conductor the atmosphere matters as much as the
temperature: a perovskite anode can lose orders of magnitude of conductivity
between air and hydrogen.  :func:`find_atmospheres` reads the phrases of one
sentence — "in air", "in wet H2", "under 5% H2/Ar", "in a reducing atmosphere",
"in flowing O2", "in humidified air", "in air and H2" (a list) — and
:func:`pair_atmospheres` gives each value the one that belongs to it:

1. a list of atmospheres paired in order with a list of values by "respectively";
2. a phrase right after the value, before any other value ("550 S/cm in air and
   310 S/cm in H2");
3. the nearest phrase before the value with no other value in between ("In wet H2
   … 10−2 S/cm, while in dry air it drops to 10−3 S/cm");
4. the only phrase of the sentence, for every value not paired otherwise.

An oxygen partial pressure ("at a pO2 of 0.01 atm", "pO2 = 10−18 atm") is an
atmosphere too, labelled "pO2 = 0.01 atm".

Processing atmospheres are not measuring atmospheres: "sintered in air", "reduced
in 5% H2/Ar at 1000 °C", "calcined under O2" are skipped.

The label is the phrase without its preposition, article or "atmosphere":
"wet H2", "5% H2/Ar", "reducing", "air".

>>> [a.label for a in find_atmospheres("σ = 550 S/cm in air and 310 S/cm in wet H2")]
['air', 'wet H2']
>>> [a.label for a in find_atmospheres("Samples sintered in air show 5 S/cm in 5% H2/Ar.")]
['5% H2/Ar']
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the index imports this module for atmosphere_label: keep it light
    from matmine.extractors.quantities import Quantity

_GAS = (r"(?:synthetic\s+air|air|H2O|H2S|H2|O2|N2|Ar|He|CO2|CO|CH4|NH3|C3H8|C2H6|"
        r"hydrogen|oxygen|nitrogen|argon|helium|methane|forming\s+gas|vacuum)(?![\w+−-]|-\w)")
_MODIFIER = r"(?:(?:flowing|static|pure|dry|wet|humidified|humid|moist|ambient|synthetic|diluted)\s+)"
_SHARE = r"(?:\d+(?:\.\d+)?\s?(?:vol\.?\s?|mol\s?)?%\s?)"
# "5% H2/Ar", "H2/N2 (5%/95%)", "Ar–5% H2", "3% H2O–H2", "H2 + 3% H2O"
_MIX = (rf"{_SHARE}?{_GAS}(?:\s?[/–\-+]\s?{_SHARE}?{_GAS})*"
        r"(?:\s?\(\s?\d+(?:\.\d+)?\s?%?\s?/\s?\d+(?:\.\d+)?\s?%\s?\))?")
_ONE = rf"{_MODIFIER}*{_MIX}|(?:reducing|oxidi[sz]ing|inert)(?=\s+(?:atmospheres?|conditions?|gas|environments?))"
# "in air and in N2": the preposition said again before the next item of a list
_AGAIN = r"(?:(?:in|under)\s+(?:an?\s+|the\s+)?)"
_PHRASE_RE = re.compile(
    rf"(?<![\w-])(?P<cue>in|under|in\s+an?|under\s+an?|in\s+the|under\s+the)\s+"
    rf"(?P<items>(?:{_ONE})(?:\s?(?:,\s?(?:and\s|or\s)?|\sand\s|\sor\s)\s?{_AGAIN}?(?:{_ONE}))*)"
    r"(?P<tail>\s+(?:atmospheres?|conditions?|gas|flow|environments?))?",
    re.IGNORECASE)
_ITEM_SPLIT_RE = re.compile(rf"\s?(?:,\s?(?:and\s|or\s)?|\sand\s|\sor\s)\s?{_AGAIN}?", re.IGNORECASE)
# what is done to a sample in an atmosphere before it is measured (lower-cased text)
_PROCESS_BEFORE_RE = re.compile(
    r"\b(?:sinter|anneal|calcin|reduc|pre-?reduc|heat|treat|fir|synthesi[sz]|prepar|quench|"
    r"stor|dri|cool|grown|grow|deposit|oxidi[sz]|mill|react|kept|held|hold|process|decompos|"
    r"obtain)(?:ed|ing|e|es|s)?(?:\s+(?:at|for|then|again|further|subsequently|first|"
    r"overnight|[\d.,]+|°\s?c|oc|k|h|hours?|min|and|to|up))*,?\s+$")  # on lower-cased text
# "in O2 reduction", "in H2 production": a gas named as what a process acts on
_NOT_AN_ATMOSPHERE_AFTER_RE = re.compile(
    r"\s+(?:reduction|evolution|oxidation|partial|adsorption|desorption|diffusion|permeation|"
    r"flux|uptake|concentrations?|content|pressures?|sensors?|sensing|production|storage|"
    r"transport|molecules?|separation|generation|dissociation|incorporation|exchange|"
    r"vacanc\w+|sites?|chemisorption|solubility|electrodes?|side|cathodes?|anodes?|"
    r"compartments?|chambers?)\b", re.IGNORECASE)
_PROCESS_WINDOW = 40
_CASE_KEPT = {"air": "air", "hydrogen": "H2", "oxygen": "O2", "nitrogen": "N2", "argon": "Ar",
              "helium": "He", "methane": "CH4", "vacuum": "vacuum"}
_ADJACENT = 40  # characters between a value and a phrase right after it
# "… 10−2 S/cm at 600 °C, while in dry air …": the phrase after belongs to the next clause
_CLAUSE_BREAK_RE = re.compile(r"[,;:]|\b(?:while|whereas|but|compared|than)\b")


@dataclass(frozen=True)
class Atmosphere:
    """One atmosphere phrase: its label(s) and where it is in the text."""

    labels: tuple[str, ...]  # several for a list: "in air and H2"
    start: int
    end: int

    @property
    def label(self) -> str:
        return " and ".join(self.labels)


_GAS_WORD_RE = re.compile(r"\b(?:" + "|".join(_CASE_KEPT) + r")\b", re.IGNORECASE)
_MODIFIER_RE = re.compile(_MODIFIER, re.IGNORECASE)


def atmosphere_label(item: str) -> str:
    """The label of one atmosphere as written: "Wet  hydrogen" → "wet H2", "5%H2/Ar" →
    "5% H2/Ar", "Reducing" → "reducing" (the index tidies queries the same way)."""
    item = re.sub(r"\s+", " ", item.strip())
    item = _GAS_WORD_RE.sub(lambda m: _CASE_KEPT[m.group().lower()], item)
    item = _MODIFIER_RE.sub(lambda m: m.group().lower(), item)
    item = re.sub(r"%(?=[A-Z])", "% ", item)
    word = item.lower()
    if word.startswith(("reducing", "oxidizing", "oxidising", "inert")):
        return word
    return item


# "in dry and wet Ar": several modifiers sharing one gas, a list of atmospheres
_SHARED_GAS_RE = re.compile(
    rf"(?<![\w-])(?:in|under)\s+(?P<mods>{_MODIFIER}(?:,?\s?(?:and\s|or\s)?{_MODIFIER})+)"
    rf"(?P<gas>{_MIX})", re.IGNORECASE)


# "at a pO2 of 0.01 atm", "pO2 = 10−18 atm", "p O 2 = 10-13 Pa", "oxygen partial pressure
# of 10−4 bar": an oxygen partial pressure is the atmosphere (label "pO2 = 0.01 atm")
_PO2_RE = re.compile(
    r"(?<![\w])(?:p\s?\(?\s?O\s?2\s?\)?|P\s?O\s?2|oxygen\s+partial\s+pressure)\s?"
    r"(?:of|=|:|is|was|≈|~)?\s?(?P<value>(?:\d+(?:\.\d+)?\s?[×x]\s?)?10\s?\^?\s?[-−–]\s?\d{1,2}"
    r"|\d+(?:\.\d+)?)\s?(?P<unit>atm|bar|kPa|Pa)\b"
    # "in 0.2 bar O2", "under 10−3 atm of O2": the pressure before the gas
    r"|(?<![\w.])(?P<value2>\d+(?:\.\d+)?|(?:\d+(?:\.\d+)?\s?[×x]\s?)?10\s?\^?\s?[-−–]\s?\d{1,2})"
    r"\s?(?P<unit2>atm|bar|kPa|Pa)\s+(?:of\s+)?O2(?![\w/])")


def find_atmospheres(text: str, start: int = 0, end: int | None = None) -> list[Atmosphere]:
    """Measuring-atmosphere phrases in ``text[start:end]`` (offsets into ``text``)."""
    end = len(text) if end is None else end
    out = []
    for m in _PO2_RE.finditer(text, start, end):
        value = re.sub(r"\s+", "", m.group("value") or m.group("value2"))
        value = value.replace("−", "-").replace("–", "-")
        unit = m.group("unit") or m.group("unit2")
        out.append(Atmosphere((f"pO2 = {value} {unit}",), m.start(), m.end()))
    for m in _SHARED_GAS_RE.finditer(text, start, end):
        mods = [w for w in re.split(r"[\s,]+", m.group("mods")) if w and w.lower() not in ("and", "or")]
        gas = m.group("gas")
        out.append(Atmosphere(tuple(atmosphere_label(f"{mod} {gas}") for mod in mods),
                              m.start("mods"), m.end("gas")))
    for m in _PHRASE_RE.finditer(text, start, end):
        if any(a.start <= m.start("items") < a.end for a in out):
            continue
        before = text[max(start, m.start() - _PROCESS_WINDOW):m.start()].lower()
        if _PROCESS_BEFORE_RE.search(before):
            continue
        if not m.group("tail") and _NOT_AN_ATMOSPHERE_AFTER_RE.match(text, m.end()):
            continue
        items = [atmosphere_label(i) for i in _ITEM_SPLIT_RE.split(m.group("items")) if i.strip()]
        out.append(Atmosphere(tuple(items), m.start("items"), m.end("items")))
    return out


def pair_atmospheres(values: list[Quantity], phrases: list[Atmosphere], respectively: bool,
                     text: str) -> dict[int, str]:
    """``id(value)`` → atmosphere label, by the rules in the module docstring."""
    if not phrases or not values:
        return {}
    out: dict[int, str] = {}
    listed = [p for p in phrases if len(p.labels) > 1]
    if respectively and listed:
        for p in listed:
            group = [v for v in values if v.end <= p.start] or [v for v in values if v.start >= p.end]
            if len(group) >= len(p.labels):
                group = group[-len(p.labels):] if group[0].end <= p.start else group[:len(p.labels)]
                out.update({id(v): label for v, label in zip(group, p.labels)})
    single = [p for p in phrases if len(p.labels) == 1]
    starts = sorted(v.start for v in values)
    for v in values:
        if id(v) in out:
            continue
        after = next((p for p in single if v.end <= p.start <= v.end + _ADJACENT
                      and not any(v.end <= s < p.start for s in starts)
                      and not _CLAUSE_BREAK_RE.search(text, v.end, p.start)), None)
        if after is not None:
            out[id(v)] = after.label
            continue
        before = [p for p in single if p.end <= v.start and not any(p.end <= s < v.start for s in starts)]
        if before:
            out[id(v)] = before[-1].label
    if len(phrases) == 1 and len(phrases[0].labels) == 1:
        for v in values:
            out.setdefault(id(v), phrases[0].label)
    return out


_HEADER_GAS_RE = re.compile(rf"\(?\s?(?P<gas>{_MODIFIER}*{_MIX})\s?\)?", re.IGNORECASE)
_SYMBOL_GAS_RE = re.compile(r"(?:σ|sigma)\s?_?\s?\(?(?P<gas>air|H2|O2|N2|Ar)(?![\w])")


def header_atmosphere(headers: Sequence[str]) -> str | None:
    """The atmosphere a table column names: a header that is only a gas ("Air",
    "5% H2/Ar", "(wet H2)"), a phrase ("σ in air (S/cm)") or a symbol ("σair", "σ_H2")."""
    found: list[str] = []
    for header in headers:
        text = header.strip()
        whole = _HEADER_GAS_RE.fullmatch(text)
        if whole is not None:
            found.append(atmosphere_label(whole.group("gas")))
            continue
        phrases = find_atmospheres(text)
        if len(phrases) == 1 and len(phrases[0].labels) == 1:
            found.append(phrases[0].label)
            continue
        symbol = _SYMBOL_GAS_RE.search(text)
        if symbol is not None:
            found.append(atmosphere_label(symbol.group("gas")))
    return found[-1] if found else None  # the innermost header is the most specific


__all__ = ["Atmosphere", "atmosphere_label", "find_atmospheres", "header_atmosphere",
           "pair_atmospheres"]
