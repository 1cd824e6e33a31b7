"""Patent examples as materials: "In Example 1, LiCl and YCl3 were mixed … to obtain
Li3YCl6" makes "Example 1" stand for Li3YCl6 later in the text; "Comparative
Example 1" is a sample of its own.
"""

from __future__ import annotations

import bisect
import re

from matmine.extractors.linking import MaterialMention
from matmine.models import Material

_EXAMPLE_DEF_RE = re.compile(
    r"\b(?:In|For|According\s+to)\s+(?P<comparative>Comparative\s+)?Example\s+(\d+)\b")
_EXAMPLE_REF_RE = re.compile(
    r"\b(?:Comparative\s+)?Examples?\s+\d+(?:\s*(?:,\s*(?:and\s+)?|and\s+|or\s+)\d+)*\b")


def example_materials(text: str, sentences: list[tuple[int, int]],
                      materials: list[MaterialMention]) -> dict[str, MaterialMention]:
    """Patent examples defined in the text: "In Example 1, LiCl and YCl3 were mixed …
    to obtain Li3YCl6" makes "Example 1" stand for Li3YCl6 (the last material of the
    sentence that is neither a starting material nor a comparison)."""
    if "Example" not in text:
        return {}
    out: dict[str, MaterialMention] = {}
    starts = [m.start for m in materials]
    for m in _EXAMPLE_DEF_RE.finditer(text):
        i = bisect.bisect_right([s for s, _ in sentences], m.start()) - 1
        if i < 0:
            continue
        s0, s1 = sentences[i]
        if len(_EXAMPLE_REF_RE.findall(text, s0, s1)) != 1:
            continue
        lo, hi = bisect.bisect_left(starts, s0), bisect.bisect_left(starts, s1)
        cands = [c for c in materials[lo:hi] if c.linkable and not c.comparison]
        if cands:
            out.setdefault(_example_key(m.group(2), bool(m.group("comparative"))), cands[-1].resolved)
    return out


def _example_key(number: str, comparative: bool) -> str:
    """"1" for Example 1, "C1" for Comparative Example 1 (a different sample)."""
    return f"C{number}" if comparative else number


def example_mentions(text: str, s0: int, s1: int, examples: dict[str, MaterialMention]
                     ) -> list[MaterialMention]:
    """"The samples of Examples 1 and 2": one mention per example number, standing for
    the example's material where the text defines it.  A single undefined example is
    left to the other rules; several undefined ones become labels (for lists paired
    with "respectively")."""
    out: list[MaterialMention] = []
    if "Example" not in text[s0:s1]:
        return out
    for ref in _EXAMPLE_REF_RE.finditer(text, s0, s1):
        # "Comparative Example 1" is a sample of its own, never Example 1's: without a
        # definition it is a label, so its value does not go to an earlier material
        comparative = ref.group().startswith("Comparative")
        numbers = list(re.finditer(r"\d+", ref.group()))
        if len(numbers) == 1 and not comparative \
                and _example_key(numbers[0].group(), comparative) not in examples:
            continue
        for k, n in enumerate(numbers):
            start = ref.start() if k == 0 else ref.start() + n.start()
            end = ref.start() + n.end()
            label = f"{'Comparative ' if comparative else ''}Example {n.group()}"
            base = examples.get(_example_key(n.group(), comparative))
            if base is not None:
                material = base.material.model_copy(update={"name": label})
            else:
                material = Material(text=label, abbreviation=label,
                                    error="sample label: not parsed into elements")
            out.append(MaterialMention(start, end, label, material))
    return out


__all__ = ["example_materials", "example_mentions"]
