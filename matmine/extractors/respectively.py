"""Lists of values paired in order with lists of materials.

"Li6PS5Cl, Li6PS5Br and Li6PS5I show 1.9, 1.0 and 0.0005 mS/cm, respectively",
"LYC and LYB show 0.51 and 1.7 mS/cm …, respectively, and … LiCoO2",
"Li6PS5Cl and Li6PS5Br have activation energies of 0.38 and 0.30 eV" (no
"respectively", but a list of as many materials as values, and no temperature list
the values could be paired with instead).
"""

from __future__ import annotations

import re

from matmine.extractors.linking import COMPARED_RE, MaterialMention
from matmine.extractors.quantities import Quantity


def _distinct(mats: list[MaterialMention]) -> list[MaterialMention]:
    out: list[MaterialMention] = []
    seen: set[str] = set()
    for m in mats:
        if m.alias_of is not None:
            continue
        key = m.text.strip().lower()
        if key in seen:
            continue
        seen.add(key)
        out.append(m)
    return out


def pair_respectively(
    values: list[Quantity],
    mats: list[MaterialMention],
    sentence: str,
    offset: int,
    respectively: bool,
) -> dict[int, MaterialMention]:
    """Rule 1: equal-length lists of values and materials paired in order."""
    if len(values) < 2:
        return {}
    cands = _distinct(mats)
    if len(cands) < 2:
        return {}
    if respectively:
        if len(cands) == len(values):
            return {id(v): m for v, m in zip(values, cands)}
        for group in [values, *_value_groups(values)]:
            n = len(group)
            if n < 2:
                continue
            before = [m for m in cands if m.end <= group[0].start]
            # "… 0.7 and 0.51 eV, respectively, smaller than those of YSZ and LSGM"
            after = [m for m in cands if m.start >= group[-1].end and not COMPARED_RE.search(
                sentence, group[-1].end - offset, m.start - offset)]
            # "LYC and LYB show 0.51 and 1.7 mS/cm …, respectively, and … LiCoO2"
            for chosen in (before if len(before) == n else None,
                           after if len(after) == n else None,
                           before[-n:] if len(before) > n else None,
                           after[:n] if len(after) > n else None):
                if chosen:
                    return {id(v): m for v, m in zip(group, chosen)}
        return {}
    for group in _value_groups(values):
        if len(group) < 2:
            continue
        after = [m for m in cands if m.start >= group[-1].end]
        if len(after) >= len(group):
            gap = sentence[group[-1].end - offset: after[0].start - offset]
            if re.search(r"\b(?:for|of)\b", gap) and len(gap) < 60:
                return {id(v): m for v, m in zip(group, after)}
        # "Li6PS5Cl and Li6PS5Br have activation energies of 0.38 and 0.30 eV": a list of
        # as many materials as values, the last one the nearest material before them
        before = [m for m in cands if m.end <= group[0].start]
        if len(before) == len(group) and not _TEMPERATURE_LIST_RE.search(sentence) and all(
                _AND_LIST_GAP_RE.fullmatch(sentence, a.end - offset, b.start - offset)
                for a, b in zip(before, before[1:])):
            return {id(v): m for v, m in zip(group, before)}
    return {}


# "at 25 and 50 °C": the values may be one material's at several temperatures
_TEMPERATURE_LIST_RE = re.compile(r"\d\s?(?:,|and|to|-|–)\s?\d+\s?(?:°\s?C|oC|℃|K\b)")
_AND_LIST_GAP_RE = re.compile(r"\s?(?:,\s?(?:and\s)?|\sand\s|\s?&\s?)\s?")


def _value_groups(values: list[Quantity]) -> list[list[Quantity]]:
    groups: list[list[Quantity]] = []
    for q in values:
        if groups and (groups[-1][-1].unit_shared or q.start - groups[-1][-1].end < 12):
            groups[-1].append(q)
        else:
            groups.append([q])
    return groups


__all__ = ["pair_respectively"]
