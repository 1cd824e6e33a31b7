"""Measuring temperatures: which temperature in a sentence goes with which value.

>>> from matmine.extractors.quantities import find_quantities
>>> qs = find_quantities("1.2 mS/cm at 25 °C and 5 mS/cm at 100 °C")
>>> values = [q for q in qs if q.kind == "conductivity"]
>>> temps = [q for q in qs if q.kind == "temperature"]
>>> [choose_temperature(v, values, temps).raw for v in values]
['25 °C', '100 °C']
"""

from __future__ import annotations

import re

from matmine.extractors.quantities import Quantity

_I = re.IGNORECASE
_PROCESS_T_RE = re.compile(
    r"(?:sinter|calcin|anneal|heat[- ]treat|fired|firing|synthes|prepar|quench|press|"
    r"deposit|grown|growth|melt|dried|drying|reduced\s+at|decompos|heated|"
    r"crystalli[sz]|treated|ball[- ]mill|cool)\w*[^.;]{0,40}$", _I)


def measuring_temperatures(qs: list[Quantity], sentence: str, offset: int) -> list[Quantity]:
    """The sentence's temperatures that can be measuring conditions: not below 0 K
    and not a processing step ("sintered at 1300 °C", unless "measured at")."""
    out = []
    for q in qs:
        if q.kind != "temperature":
            continue
        if not q.assumed and q.value is not None and q.value < 0:
            continue
        before = sentence[max(0, q.start - offset - 60): q.start - offset]
        if _PROCESS_T_RE.search(before) and not re.search(r"measur|test|record|operat",
                                                          before[-25:], _I):
            continue
        out.append(q)
    return out


def choose_temperature(
    value: Quantity, values: list[Quantity], temps: list[Quantity], text: str = ""
) -> Quantity | None:
    """The measuring temperature of ``value`` among the sentence's temperatures.

    1. the first one after the value, before the next value ("1 mS/cm at 25 °C and
       5 mS/cm at 100 °C");
    2. the first one right after the list of values the value belongs to ("217 S/cm
       in air and 59 S/cm in H2 at 800 °C");
    3. the nearest one before the value ("At 800 °C, … 59 S/cm");
    4. the first one after it, if close (80 characters) and in the same clause.
    """
    if not temps:
        return None
    later = [v for v in values if v.start > value.start]
    after = [t for t in temps if t.start >= value.end]
    if after and (not later or after[0].start < later[0].start):
        return after[0]
    chain_end = value.end
    for v in later:  # values written one after the other, no temperature between
        if any(chain_end <= t.start < v.start for t in temps):
            break
        chain_end = v.end
    following = [t for t in after if t.start >= chain_end]
    if following and following[0].start - chain_end <= 80 and (
            not text or ";" not in text[chain_end:following[0].start]):
        return following[0]
    before = [t for t in temps if t.end <= value.start]
    if before:
        return before[-1]
    if after and after[0].start - chain_end <= 80 and ";" not in text[value.end:after[0].start]:
        return after[0]
    return None


_LIST_GAP_RE = re.compile(r"\s?(?:,\s?(?:and\s|or\s)?|and\s|or\s|&\s)\s?")


def list_groups(qs: list[Quantity], text: str = "") -> list[list[Quantity]]:
    """Runs of quantities written as one list ("500, 600 and 700 °C", "1 and 2 S/cm")."""
    groups: list[list[Quantity]] = []
    for q in qs:
        prev = groups[-1][-1] if groups else None
        if prev is not None and (prev.unit_shared or (
                text and _LIST_GAP_RE.fullmatch(text[prev.end:q.start]))):
            groups[-1].append(q)
        else:
            groups.append([q])
    return groups


def pair_temperatures(
    values: list[Quantity], temps: list[Quantity], respectively: bool, text: str = ""
) -> dict[int, Quantity]:
    """Lists of values and temperatures of one length are paired in order:
    "0.01, 0.025 and 0.054 S/cm at 500, 600 and 700 °C", "at 700 and 800 °C, 0.1 and
    0.2 S/cm"."""
    if len(values) < 2 or len(temps) < 2:
        return {}
    for vg in list_groups(values, text):
        if len(vg) < 2:
            continue
        for tg in list_groups(temps, text):
            if len(tg) == len(vg) and (tg[0].start > vg[-1].end or tg[-1].end < vg[0].start):
                return {id(v): t for v, t in zip(vg, tg)}
    if respectively and len(values) == len(temps):
        return {id(v): t for v, t in zip(values, temps)}
    return {}


__all__ = ["choose_temperature", "list_groups", "measuring_temperatures", "pair_temperatures"]
