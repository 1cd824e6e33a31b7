"""``matmine formula`` through the real entry point."""

from __future__ import annotations

import json

import pytest

from matmine.cli import main


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, list[dict], str]:
    code = 0
    try:
        main(list(args))
    except SystemExit as exit_:
        code = int(exit_.code or 0)
    out, err = capsys.readouterr()
    return code, [json.loads(line) for line in out.splitlines() if line.strip()], err


def test_one_json_object_per_input_in_order(capsys: pytest.CaptureFixture[str]) -> None:
    code, records, _ = run(capsys, "formula", "Li10GeP2S12", "LGPS", "Li2Xq")
    assert code == 0
    assert [r["input"] for r in records] == ["Li10GeP2S12", "LGPS", "Li2Xq"]
    assert list(records[0]) == ["input", "formula", "composition", "elements", "variables",
                                "dopants", "error"]
    assert records[0]["composition"] == {"Li": 10.0, "Ge": 1.0, "P": 2.0, "S": 12.0}
    assert records[0]["elements"] == ["Ge", "Li", "P", "S"]
    assert records[1]["formula"] == "Li10GeP2S12"
    assert records[2]["error"] and records[2]["composition"] == {}


def test_variables_option(capsys: pytest.CaptureFixture[str]) -> None:
    code, [fixed, ranged], _ = run(
        capsys, "formula", "Li7-xLa3Zr2-xTaxO12", "Li10+yGe1+yP2-yS12", "--var", "x=0.25", "--var", "y=0..1"
    )
    assert code == 0
    assert fixed["composition"] == {"Li": 6.75, "La": 3.0, "Zr": 1.75, "Ta": 0.25, "O": 12.0}
    assert fixed["variables"] == {"x": 0.25}
    assert ranged["variables"] == {"y": [0.0, 1.0]}
    assert ranged["composition"] == {}


def test_no_argument_is_one_line_and_non_zero(capsys: pytest.CaptureFixture[str]) -> None:
    code, records, err = run(capsys, "formula")
    assert code != 0 and records == []
    assert err.startswith("matmine: ") and len(err.strip().splitlines()) == 1


def test_bad_var_option_is_one_line_and_non_zero(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "formula", "Li2S", "--var", "x")
    assert code != 0 and "--var" in err


def test_help_text() -> None:
    from matmine.cli.formula import formula

    assert formula.__doc__ and "JSON" in formula.__doc__


def test_acronyms_and_sample_labels_are_errors(capsys: pytest.CaptureFixture[str]) -> None:
    code, records, _ = run(capsys, "formula", "BSF", "S30", "C60")
    assert code == 0
    assert [r["input"] for r in records] == ["BSF", "S30", "C60"]
    assert records[0]["composition"] == {} and "unknown abbreviation" in records[0]["error"]
    assert records[1]["composition"] == {} and "sample label" in records[1]["error"]
    assert records[2]["composition"] == {"C": 60.0} and records[2]["error"] is None


def test_inline_values_ranges_and_series(capsys: pytest.CaptureFixture[str]) -> None:
    code, [value, ranged, series], _ = run(
        capsys, "formula", "Li7-xLa3Zr2-xTaxO12 (x = 0.25)", "Li6+xP1−xGexS5I (0 ≤ x ≤ 0.6)",
        "Li7-xLa3Zr2-xTaxO12 (x = 0.1, 0.2)",
    )
    assert code == 0
    assert value["composition"] == {"Li": 6.75, "La": 3.0, "Zr": 1.75, "Ta": 0.25, "O": 12.0}
    assert value["variables"] == {"x": 0.25} and value["error"] is None
    assert ranged["variables"] == {"x": [0.0, 0.6]} and ranged["composition"] == {}
    assert series["variables"] == {"x": {"values": [0.1, 0.2]}} and series["composition"] == {}
    assert series["error"] is None


def test_var_option_wins_over_inline_value(capsys: pytest.CaptureFixture[str]) -> None:
    _, [record], _ = run(capsys, "formula", "Li7-xLa3Zr2-xTaxO12 (x = 0.25)", "--var", "x=0.5")
    assert record["composition"] == {"Li": 6.5, "La": 3.0, "Zr": 1.5, "Ta": 0.5, "O": 12.0}
    assert record["variables"] == {"x": 0.5}


def test_free_variables_are_null(capsys: pytest.CaptureFixture[str]) -> None:
    _, [free, delta, two], _ = run(
        capsys, "formula", "Li10+xGe1+xP2-xS12", "Ba0.5Sr0.5Co0.8Fe0.2O3-δ", "Li1+xMn2-xO4-zFz",
        "--var", "z=0.2",
    )
    assert free["variables"] == {"x": None} and free["composition"] == {}
    assert free["elements"] == ["Ge", "Li", "P", "S"]
    assert delta["variables"] == {}  # oxygen non-stoichiometry needs no value
    assert delta["composition"]["O"] == 3.0
    assert two["variables"] == {"x": None, "z": 0.2}


def test_mixed_sites_and_placeholders(capsys: pytest.CaptureFixture[str]) -> None:
    _, [mixed, placeholder], _ = run(capsys, "formula", "(Ba,Sr)(Co,Fe)O3", "SrFe1-xMxO3")
    assert mixed["elements"] == ["Ba", "Co", "Fe", "O", "Sr"] and mixed["composition"] == {}
    assert "site occupancies not given" in mixed["error"]
    assert placeholder["elements"] == ["Fe", "O", "Sr"] and placeholder["composition"] == {}
    assert "'M'" in placeholder["error"]
    assert placeholder["variables"] == {"x": None}


def test_help_documents_inline_values_and_precedence() -> None:
    from matmine.cli.formula import formula

    assert "--var wins" in (formula.__doc__ or "")


def test_dopants_are_listed(capsys: pytest.CaptureFixture[str]) -> None:
    code, records, _ = run(capsys, "formula", "Ga-doped LLZO", "SrAl2O4:Eu0.01", "Li10GeP2S12")
    assert code == 0
    assert [r["dopants"] for r in records] == [["Ga"], ["Eu"], []]
    # the host's composition, as in the gold convention (dopants are additives)
    assert records[1]["composition"] == {"Sr": 1.0, "Al": 2.0, "O": 4.0}
