"""Composition-parser quality against the gold files in ``../shared/data/gold``.

Two scores, both "exact element-fraction match": every element's atomic
fraction within ±0.002 of the expected one, and the same element set.

* ``material_strings.json`` — the expected composition is derived from the
  gold ``parser_output``: Σ component amount × component elements.  Only cases
  with **one unambiguous composition** count: exactly one material in
  ``parser_output``, every amount a number (no ``x``), every symbol a real
  element or a vacancy ``□`` (no placeholders such as ``M`` or ``RE``).
  Vacancies are not atoms, so they are left out of the fractions.  A hydrate
  whose water count the input does not state ("Al-nitrate hydrate", "hydrated
  tin (II) chloride": gold reads them as monohydrates by convention) is
  ambiguous too and is listed separately, not scored; the strict figure over
  all numeric cases is printed as well.
* ``obelix_train.csv`` — ``Reduced Composition`` and ``True Composition``
  (formula × Z) are both parsed and their element fractions compared.

Run ``.venv/bin/python benchmarks/quality_compositions.py [DATA_DIR]``; it
prints the totals and every miss (input, expected, got).  ``score_compositions``
returns the same figures as a dict for ``benchmarks/quality.py``.
"""

from __future__ import annotations

import csv
import json
import re
import sys
import time
from pathlib import Path
from typing import Any

from matmine.extractors.compositions import parse_material
from matmine.extractors.periodic_table import ELEMENTS

FRACTION_TOLERANCE = 0.002
DEFAULT_DATA_DIR = Path(__file__).resolve().parent.parent.parent / "shared" / "data"


def fractions(composition: dict[str, float]) -> dict[str, float]:
    """Atomic fractions of the real elements (vacancies and zero amounts dropped)."""
    kept = {el: v for el, v in composition.items() if el in ELEMENTS and v > 1e-12}
    total = sum(kept.values())
    return {el: v / total for el, v in kept.items()} if total > 0 else {}


def same_fractions(expected: dict[str, float], got: dict[str, float]) -> bool:
    if not expected or set(expected) != set(got):
        return False
    return all(abs(expected[el] - got[el]) <= FRACTION_TOLERANCE for el in expected)


def _number(text: str) -> float | None:
    try:
        return float(text)
    except (TypeError, ValueError):
        return None


def expected_from_parser_output(entry: dict[str, Any]) -> dict[str, float] | None:
    """Σ amount × elements for an unambiguous gold case, else None."""
    outputs = entry.get("parser_output") or []
    if len(outputs) != 1 or not outputs[0].get("composition"):
        return None
    total: dict[str, float] = {}
    for component in outputs[0]["composition"]:
        amount = _number(component.get("amount"))
        if amount is None:
            return None
        for symbol, value in component.get("elements", {}).items():
            number = _number(value)
            if number is None or (symbol not in ELEMENTS and symbol != "□"):
                return None
            total[symbol] = total.get(symbol, 0.0) + amount * number
    return total


_UNSTATED_WATER = re.compile(r"\bhydrat(?:e|ed)\b", re.IGNORECASE)


def ambiguity(entry: dict[str, Any]) -> str | None:
    """Why a case whose gold numbers are all numeric is still ambiguous, if it is."""
    if _UNSTATED_WATER.search(entry["material"]):
        return "water count not stated"
    return None


SUBSTITUTION = {"x": 0.1, "y": 0.05, "z": 0.02, "δ": 0.0}
"""Values put into the variables of gold cases written with x, y, z (extra, untargeted score)."""
_EXPRESSION = re.compile(r"^[0-9.+\-*/() xyzδ]+$")


def _evaluate(text: str) -> float | None:
    """A gold amount such as ``2-x`` or ``(x-1)*(z-1)`` at :data:`SUBSTITUTION`."""
    if not isinstance(text, str) or not _EXPRESSION.match(text):
        return None
    expression = re.sub(r"(\d)([xyzδ(])", r"\1*\2", text)
    try:
        return float(eval(expression, {"__builtins__": {}}, dict(SUBSTITUTION)))  # noqa: S307
    except (SyntaxError, ZeroDivisionError, TypeError, NameError):
        return None


def expected_with_variables(entry: dict[str, Any]) -> dict[str, float] | None:
    """Like :func:`expected_from_parser_output`, for cases with variables, at SUBSTITUTION."""
    outputs = entry.get("parser_output") or []
    if len(outputs) != 1 or not outputs[0].get("composition"):
        return None
    total: dict[str, float] = {}
    for component in outputs[0]["composition"]:
        amount = _evaluate(component.get("amount"))
        if amount is None:
            return None
        for symbol, value in component.get("elements", {}).items():
            number = _evaluate(value)
            if number is None or (symbol not in ELEMENTS and symbol != "□"):
                return None
            total[symbol] = total.get(symbol, 0.0) + amount * number
    return total


def score_variable_cases(path: Path) -> dict[str, Any]:
    """Gold cases with variables, both sides evaluated at SUBSTITUTION (not a target)."""
    entries = json.loads(path.read_text("utf-8"))
    misses, scored = [], 0
    for entry in entries:
        if expected_from_parser_output(entry) is not None:
            continue  # already in the main score
        expected = expected_with_variables(entry)
        if expected is None:
            continue
        scored += 1
        material = parse_material(entry["material"], SUBSTITUTION)
        want, got = fractions(expected), fractions(material.composition)
        if not same_fractions(want, got):
            shown = _fmt(got) if got else f"error: {material.error}" if material.error else "no composition"
            misses.append({"input": entry["material"], "expected": _fmt(want), "got": shown})
    return {"scored": scored, "correct": scored - len(misses),
            "accuracy": (scored - len(misses)) / scored if scored else 0.0, "misses": misses}


def _fmt(fr: dict[str, float]) -> str:
    return " ".join(f"{el}:{v:.4f}" for el, v in sorted(fr.items())) or "-"


def score_material_strings(path: Path) -> dict[str, Any]:
    entries = json.loads(path.read_text("utf-8"))
    misses, ambiguous, scored, strict_correct = [], [], 0, 0
    for entry in entries:
        expected = expected_from_parser_output(entry)
        if expected is None:
            continue
        material = parse_material(entry["material"])
        want, got = fractions(expected), fractions(material.composition)
        ok = same_fractions(want, got)
        strict_correct += ok
        reason = ambiguity(entry)
        if reason:
            ambiguous.append({"input": entry["material"], "reason": reason, "matched": ok})
            continue
        scored += 1
        if not ok:
            shown = _fmt(got) if got else f"error: {material.error}" if material.error else "no composition"
            misses.append({"input": entry["material"], "expected": _fmt(want), "got": shown})
    strict_total = scored + len(ambiguous)
    return {"total_cases": len(entries), "scored": scored, "correct": scored - len(misses),
            "accuracy": (scored - len(misses)) / scored if scored else 0.0, "misses": misses,
            "ambiguous": ambiguous, "strict_scored": strict_total, "strict_correct": strict_correct,
            "strict_accuracy": strict_correct / strict_total if strict_total else 0.0}


def score_obelix(path: Path) -> dict[str, Any]:
    with path.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    misses, scored = [], 0
    for row in rows:
        reduced, true = row["Reduced Composition"], row["True Composition"]
        want = fractions(parse_material(true).composition)
        if not want:
            continue  # the gold value itself is not a formula
        scored += 1
        material = parse_material(reduced)
        got = fractions(material.composition)
        if not same_fractions(want, got):
            misses.append({"input": reduced, "expected": f"{true} = {_fmt(want)}",
                           "got": _fmt(got) if got else f"error: {material.error}"})
    return {"total_cases": len(rows), "scored": scored, "correct": scored - len(misses),
            "accuracy": (scored - len(misses)) / scored if scored else 0.0, "misses": misses}


def score_compositions(data_dir: Path | str = DEFAULT_DATA_DIR) -> dict[str, Any]:
    """Both scores; ``data_dir`` is the ``shared/data`` folder."""
    gold = Path(data_dir) / "gold"
    started = time.perf_counter()
    result = {
        "material_strings": score_material_strings(gold / "material_strings.json"),
        "obelix": score_obelix(gold / "obelix_train.csv"),
        "material_strings_variables": score_variable_cases(gold / "material_strings.json"),
        "targets": {"material_strings": 0.95, "obelix": 0.99},
    }
    result["seconds"] = time.perf_counter() - started
    return result


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    data_dir = Path(args[0]) if args else DEFAULT_DATA_DIR
    if not (data_dir / "gold").is_dir():
        print(f"no gold data at {data_dir / 'gold'}", file=sys.stderr)
        return 2
    result = score_compositions(data_dir)
    for key in ("material_strings", "obelix"):
        part, target = result[key], result["targets"][key]
        print(f"{key}: {part['correct']}/{part['scored']} = {part['accuracy']:.1%} "
              f"(target {target:.0%}; {part['total_cases']} cases, "
              f"{part['total_cases'] - part['scored']} without one unambiguous composition)")
        if "strict_scored" in part:
            print(f"  strict (numeric gold, ambiguous cases included): {part['strict_correct']}/"
                  f"{part['strict_scored']} = {part['strict_accuracy']:.1%}")
            for case in part["ambiguous"]:
                print(f"  AMBIGUOUS {case['input']!r}: {case['reason']}")
        for miss in part["misses"]:
            print(f"  MISS {miss['input']!r}\n       expected {miss['expected']}\n       got      {miss['got']}")
    extra = result["material_strings_variables"]
    print(f"material_strings with variables at {SUBSTITUTION} (no target): "
          f"{extra['correct']}/{extra['scored']} = {extra['accuracy']:.1%}")
    for miss in extra["misses"]:
        print(f"  MISS {miss['input']!r}\n       expected {miss['expected']}\n       got      {miss['got']}")
    print(f"time: {result['seconds']:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
