"""Validator quality on the OBELiX training set (Li electrolytes with formula, space group, family).

    .venv/bin/python benchmarks/validator_obelix.py [path/to/obelix_train.csv] [--auto-only]

For every row: does the composition charge-balance, does it get a prototype, does
the rebuilt structure reproduce the composition (within COMPOSITION_TOLERANCE),
and — where the CSV family maps to a shipped prototype — does the prototype's space
group equal the one in the CSV. Two passes: with the CSV family label (mapped to a
prototype; rows whose family has no prototype fall back to automatic choice), and
fully automatic (no label). Prints figures by family and rejection reasons by category.
Run by hand; not a test.
"""

from __future__ import annotations

import csv
import sys
import time
import warnings
from collections import Counter, defaultdict
from pathlib import Path

from matmine.validator import errors as E
from matmine.validator.charge_balance import check_charge_balance
from matmine.validator.normalise import normalise
from matmine.validator.prototypes import get_prototype
from matmine.validator.rebuild import rebuild

DEFAULT_CSV = Path(__file__).resolve().parents[2] / "shared" / "data" / "gold" / "obelix_train.csv"

CSV_FAMILY_TO_PROTOTYPE = {
    "LGPS": "LGPS-type",
    "argyrodites": "argyrodite",
    "argyrodite": "argyrodite",
    "garnet": "garnet",
    "garnet-like": "garnet",
    "NASICON": "NASICON",
    "perovskites": "perovskite",
    "antiperovskite": "anti-perovskite",
    "LISICON": "gamma-Li3PO4",
    "thio-LISICON": "gamma-Li3PO4",
}


def run(rows: list[dict[str, str]], *, use_labels: bool) -> dict:
    per_family: dict[str, Counter] = defaultdict(Counter)
    reasons: Counter = Counter()
    examples: dict[str, str] = {}
    for row in rows:
        fam_csv = row["Family"].strip() or "(none)"
        stats = per_family[fam_csv]
        stats["rows"] += 1
        text = row["True Composition"].strip() or row["Reduced Composition"].strip()
        family = CSV_FAMILY_TO_PROTOTYPE.get(fam_csv) if use_labels else None
        try:
            norm = normalise(text)
        except E.ValidationError as exc:
            reasons[exc.category] += 1
            examples.setdefault(exc.category, f"{text}: {exc.reason}")
            continue
        balance = check_charge_balance(norm.composition)
        stats["balanced"] += balance.balanced
        try:
            result = rebuild(norm.composition, family=family, charges=dict(balance.oxidation_states))
        except E.ValidationError as exc:
            if exc.category not in (E.NO_PROTOTYPE, E.UNKNOWN_FAMILY):
                stats["prototype"] += 1
            reasons[exc.category] += 1
            examples.setdefault(exc.category, f"{text} [{fam_csv}]: {exc.reason[:160]}")
            continue
        stats["prototype"] += 1
        stats["rebuilt"] += 1
        stats["rebuilt_and_balanced"] += balance.balanced
        stats[f"as:{result.prototype.name}"] += 1
        csv_sg = row["Space group #"].strip()
        if csv_sg.isdigit():
            stats["sg_compared"] += 1
            stats["sg_equal"] += int(csv_sg) == result.prototype.space_group_number
        stats["sg_detected_equals_prototype"] += result.space_group[1] == result.prototype.space_group_number
    return {"per_family": per_family, "reasons": reasons, "examples": examples}


def print_report(title: str, out: dict, elapsed: float) -> None:
    per_family = out["per_family"]
    print(f"\n== {title} ({elapsed:.0f} s)")
    header = f"{'family':<18}{'rows':>6}{'balanced':>10}{'prototype':>11}{'rebuilt':>9}{'reb+bal':>9}{'SG=CSV':>10}"
    print(header)
    total: Counter = Counter()
    for fam, s in sorted(per_family.items(), key=lambda kv: -kv[1]["rows"]):
        total.update(s)
        sg = f"{s['sg_equal']}/{s['sg_compared']}" if s["rebuilt"] else "-"
        print(f"{fam:<18}{s['rows']:>6}{s['balanced']:>10}{s['prototype']:>11}{s['rebuilt']:>9}"
              f"{s['rebuilt_and_balanced']:>9}{sg:>10}")
    sg = f"{total['sg_equal']}/{total['sg_compared']}"
    print(f"{'TOTAL':<18}{total['rows']:>6}{total['balanced']:>10}{total['prototype']:>11}{total['rebuilt']:>9}"
          f"{total['rebuilt_and_balanced']:>9}{sg:>10}")
    print(f"rebuilt structures whose detected space group equals the prototype's: "
          f"{total['sg_detected_equals_prototype']}/{total['rebuilt']}")
    used = Counter({k[3:]: v for k, v in total.items() if k.startswith("as:")})
    print("prototypes used: " + ", ".join(f"{k} {v}" for k, v in used.most_common()))
    print("rejections by category: " + ", ".join(f"{k} {v}" for k, v in out["reasons"].most_common()))
    for cat, ex in sorted(out["examples"].items()):
        print(f"  e.g. {cat}: {ex}")


def main(argv: list[str]) -> int:
    warnings.filterwarnings("ignore")
    args = [a for a in argv if not a.startswith("--")]
    path = Path(args[0]) if args else DEFAULT_CSV
    if not path.is_file():
        print(f"no such file: {path}", file=sys.stderr)
        return 2
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    for name in set(CSV_FAMILY_TO_PROTOTYPE.values()):
        get_prototype(name)  # fail early if a mapping is stale
    print(f"{len(rows)} rows from {path}")
    print("columns: balanced = charge-balanced; prototype = a prototype was chosen (or named by the label); "
          "rebuilt = rebuilt with composition within tolerance; reb+bal = both; "
          "SG=CSV = prototype space group equals the CSV's, over rebuilt rows")
    if "--auto-only" not in argv:
        t = time.perf_counter()
        print_report("with CSV family labels", run(rows, use_labels=True), time.perf_counter() - t)
    t = time.perf_counter()
    print_report("automatic prototype choice (labels ignored)", run(rows, use_labels=False), time.perf_counter() - t)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
