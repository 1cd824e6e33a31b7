"""Extraction quality against the gold files in ../shared/data/gold.

Runs both harnesses and prints their figures next to the issue's targets:

* compositions (``quality_compositions.py``): exact element-fraction match on
  ``material_strings.json`` and ``obelix_train.csv``;
* conductivity (``quality_conductivity.py``): value precision / recall on the
  SOFC-Exp papers, and recall with the right temperature and material.

Each harness prints its misses and false positives when run on its own::

    .venv/bin/python benchmarks/quality_compositions.py
    .venv/bin/python benchmarks/quality_conductivity.py

Usage: ``.venv/bin/python benchmarks/quality.py [DATA_DIR]`` (default ``../shared/data``).
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from quality_compositions import score_compositions  # noqa: E402
from quality_conductivity import score_conductivity  # noqa: E402

DEFAULT_DATA_DIR = HERE.parent.parent / "shared" / "data"


def _row(name: str, value: float, target: float) -> str:
    verdict = "meets" if value >= target else "BELOW"
    return f"  {name:<38} {value:7.3f}   target ≥ {target:.2f}   {verdict}"


def main(argv: list[str]) -> int:
    data_dir = Path(argv[1]) if len(argv) > 1 else DEFAULT_DATA_DIR
    if not (data_dir / "gold").is_dir():
        print(f"no gold data at {data_dir / 'gold'}", file=sys.stderr)
        return 2
    compositions = score_compositions(data_dir)
    conductivity = score_conductivity(data_dir / "gold" / "sofc_exp", verbose=False)
    print("compositions")
    for key, target in (("material_strings", 0.95), ("obelix", 0.99)):
        part = compositions[key]
        print(_row(f"{key} ({part['correct']}/{part['scored']})", part["accuracy"], target))
    print("conductivity (SOFC-Exp, all papers)")
    for key, target in (("precision", 0.95), ("recall", 0.95),
                        ("recall_temperature", 0.90), ("recall_material", 0.85)):
        print(_row(key, conductivity[key], target))
    print(_row("precision, judged (see quality_conductivity.py)", conductivity["precision_judged"], 0.95))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
