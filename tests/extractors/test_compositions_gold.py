"""The composition benchmark on ../shared/data/gold meets its targets (skips without the data)."""

from __future__ import annotations

import importlib.util
from pathlib import Path


BENCHMARK = Path(__file__).resolve().parents[2] / "benchmarks" / "quality_compositions.py"


def load_benchmark():
    spec = importlib.util.spec_from_file_location("quality_compositions", BENCHMARK)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_composition_scores_meet_targets(shared_data: Path) -> None:
    result = load_benchmark().score_compositions(shared_data)
    assert result["material_strings"]["scored"] >= 40
    assert result["material_strings"]["accuracy"] >= 0.95, result["material_strings"]["misses"]
    assert result["obelix"]["scored"] >= 470
    assert result["obelix"]["accuracy"] >= 0.99, result["obelix"]["misses"]


def test_expected_composition_is_derived_from_parser_output() -> None:
    module = load_benchmark()
    entry = {
        "material": "Mn(NO3)2·4H2O",
        "parser_output": [
            {"composition": [
                {"formula": "Mn(NO3)2", "amount": "1", "elements": {"Mn": "1", "N": "2", "O": "6"}},
                {"formula": "H2O", "amount": "4", "elements": {"H": "2", "O": "1"}},
            ]}
        ],
    }
    assert module.expected_from_parser_output(entry) == {"Mn": 1, "N": 2, "O": 10, "H": 8}
    entry["parser_output"][0]["composition"][1]["amount"] = "x"
    assert module.expected_from_parser_output(entry) is None
