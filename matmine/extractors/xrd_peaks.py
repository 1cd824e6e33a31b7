"""XRD peak positions in text, as patent claims list them: "a peak at 2θ = 29.58° ±
0.50°", "2θ = 17.38, 20.18 and 29.58° (±0.50°)".

A list starts after a 2θ cue and runs while numbers are joined by commas and
"and"; one degree sign may close the whole list and one "±" may serve all of it.
Scan ranges ("scanned from 2θ = 10 to 80°") are no peaks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_I = re.IGNORECASE
_XRD_CUE_RE = re.compile(r"2\s?[θΘϴ]|2\s?theta|2-theta|two[- ]theta", _I)
_DEG = r"(?:°(?!\s?[CF]\b)|º(?!\s?C\b)|deg(?:rees?)?\b)"
_PEAK_RE = re.compile(
    r"(?<![\w.])(?P<num>\d{1,3}\.\d{1,3}|\d{1,3})\s?(?P<deg>" + _DEG + r")?"
    r"(?:\s?(?:±|\+/-|\+/−)\s?(?P<err>\d+(?:\.\d+)?)\s?" + _DEG + r"?)?"
)
# numbers still to come before the one degree sign: "2θ = 17.38, 20.18 and 29.58°"
_LIST_TO_DEGREE_RE = re.compile(
    r"(?:\s?[,;]?\s?(?:and|or)?\s?\d{1,3}(?:\.\d{1,3})?)*\s?" + _DEG)
_PEAK_GLUE_RE = re.compile(r"[\s,()]*(?:(?:and|or)\s*)?")
_SCAN_RANGE_RE = re.compile(r"rang|scan|from|between|step|interval|region|\bto\b", _I)


# "does not have a peak at", "not having a peak at", "no peak at", "without a peak at"
_NO_PEAK_RE = re.compile(
    r"\b(?:not\s+(?:have|having|has|show|showing|shows|exhibit\w*)|no|without|free\s+of|"
    r"absence\s+of)\s+(?:an?\s+|any\s+)?(?:diffraction\s+)?peaks?\s+(?:at|in|near|around)?"
    r"\s*(?:a\s+)?(?:diffraction\s+angle\s+)?(?:of\s+)?$", _I)
# a narrow window "15.1° to 15.8°" or "30° or more and 33° or less" in a list of peak windows
_WINDOW_RE = re.compile(
    r"(?P<a>\d{1,3}(?:\.\d{1,3})?)\s?" + _DEG + r"?\s?(?:to|[-–~]|or\s+more\s+and)\s?"
    r"(?P<b>\d{1,3}(?:\.\d{1,3})?)\s?" + _DEG + r"(?:\s?or\s+less)?")
_WINDOW_GLUE_RE = re.compile(r"\s?(?:,|;)?\s?(?:and\s|or\s)?(?:\s?of\s)?\s?")
MAX_WINDOW = 5.0
"""Degrees: a wider "range" is a scan range, not the window of one peak."""


def _windows(text: str, start: int, end: int) -> list[Peak]:
    """Peak windows listed from ``start``: each one a peak at its centre ± half its width."""
    found: list[Peak] = []
    pos = start
    while True:
        gap = re.compile(r"\s?(?:=|of|:)?\s?").match(text, pos, end) if not found else \
            _WINDOW_GLUE_RE.match(text, pos, end)
        m = _WINDOW_RE.match(text, gap.end() if gap else pos, end)
        if m is None:
            return found
        a, b = float(m.group("a")), float(m.group("b"))
        if not (5.0 <= a < b <= 150.0 and b - a <= MAX_WINDOW):
            return found
        found.append(Peak(m.start(), m.end(), round((a + b) / 2, 4), round((b - a) / 2, 4)))
        pos = m.end()


@dataclass
class Peak:
    """One peak position (degrees 2θ) and its offsets in the text."""

    start: int
    end: int
    value: float
    error: float | None = None


def find_peaks(text: str, s0: int = 0, s1: int | None = None) -> list[Peak]:
    """Peak positions listed after a 2θ cue in ``text[s0:s1]`` (see the module docstring)."""
    s1 = len(text) if s1 is None else s1
    out: list[Peak] = []
    for cue in _XRD_CUE_RE.finditer(text, s0, s1):
        if _NO_PEAK_RE.search(text, max(s0, cue.start() - 40), cue.start()):
            continue  # "does not have a peak at 2θ = 27.33°": a peak claimed absent
        if "peak" in text[max(s0, cue.start() - 80):cue.start()].lower():
            windows = _windows(text, cue.end(), min(s1, cue.end() + 300))
            if windows:  # "peaks within the ranges of 2θ of 15.1° to 15.8°, 27.3° to 29.5°"
                out.extend(windows)
                continue
        if _SCAN_RANGE_RE.search(text, max(s0, cue.start() - 25), cue.start()):
            continue  # "scanned from 2θ = 10 to 80°", "in the 2θ range …"
        window_end = min(s1, cue.end() + 400)
        pos = cue.end()
        previous_end = cue.end()
        first = True
        run_start = len(out)
        for m in _PEAK_RE.finditer(text, pos, window_end):
            gap = text[previous_end:m.start()]
            if len(gap) > 40 or re.search(r"[;]|\b(?:using|with|measured|in\s+an?\s+X)", gap):
                break
            if not first and not _PEAK_GLUE_RE.fullmatch(gap):
                break  # the list of peaks has ended
            if _SCAN_RANGE_RE.search(gap) or re.match(r"\s?(?:[-–~]|to)\s?\d", text[m.end():]):
                break
            value = float(m.group("num"))
            if not (5.0 <= value <= 150.0) or (
                    m.group("deg") is None and not _LIST_TO_DEGREE_RE.match(text, m.end())):
                if not first:
                    break
                previous_end = m.end()
                continue
            first = False
            err = float(m.group("err")) if m.group("err") else None
            if err is None:  # "(±0.50°)" once for the whole list
                shared = re.match(r"\s?[(,]?\s?(?:each\s|all\s)?(?:±|\+/-)\s?(\d+(?:\.\d+)?)",
                                  text[m.end():])
                if shared:
                    err = float(shared.group(1))
                    for earlier in out[run_start:]:
                        earlier.error = earlier.error if earlier.error is not None else err
            out.append(Peak(m.start(), m.end(), value, err))
            previous_end = m.end()
        run = out[run_start:]
        if len(run) > 1 and run[-1].error is not None and all(p.error is None for p in run[:-1]):
            for p in run[:-1]:  # "25.19°, 29.62° and 52.07° ± 0.50°": one ± for the list
                p.error = run[-1].error
    seen: set[int] = set()
    return [p for p in out if not (p.start in seen or seen.add(p.start))]


__all__ = ["Peak", "find_peaks"]
