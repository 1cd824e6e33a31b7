"""``matmine formula STRING...``: parse material strings, one JSON object per line."""

from __future__ import annotations

import json
import re

import typer

from matmine.cli.app import app
from matmine.errors import ConfigurationError

_VARIABLE = re.compile(
    r"^\s*(?P<name>[^\s=]+)\s*=\s*(?P<lo>[-+]?\d*\.?\d+(?:[eE][-+]?\d+)?)"
    r"(?:\s*(?:\.\.|:)\s*(?P<hi>[-+]?\d*\.?\d+(?:[eE][-+]?\d+)?))?\s*$"
)


def parse_variable_options(options: list[str] | None) -> dict[str, float | tuple[float, float]]:
    """``["x=0.25", "y=0..1"]`` → ``{"x": 0.25, "y": (0.0, 1.0)}``."""
    values: dict[str, float | tuple[float, float]] = {}
    for option in options or []:
        match = _VARIABLE.match(option)
        if not match:
            raise ConfigurationError(f"bad --var {option!r}; write NAME=VALUE or NAME=LOW..HIGH")
        lo = float(match.group("lo"))
        values[match.group("name")] = (lo, float(match.group("hi"))) if match.group("hi") else lo
    return values


def formula_record(text: str, variables: dict[str, float | tuple[float, float]] | None = None) -> dict:
    """The JSON object ``matmine formula`` prints for one input.

    ``variables`` maps every variable of the formula to its value: a number, a
    ``[low, high]`` range, ``{"values": [...]}`` for several samples, or ``null``
    when no value was given (oxygen non-stoichiometry ``δ`` is 0 and not listed).
    """
    from matmine.extractors.compositions import parse_material_report

    report = parse_material_report(text, variables)
    material = report.material
    shown: dict[str, object] = {k: list(v) if isinstance(v, tuple) else v
                                for k, v in material.variables.items()}
    shown.update({k: {"values": list(v)} for k, v in report.several_values.items()})
    shown.update(dict.fromkeys(report.free_variables))
    return {
        "input": text,
        "formula": material.formula,
        "composition": material.composition,
        "elements": list(material.elements),
        "variables": dict(sorted(shown.items())),
        "dopants": list(material.dopants),
        "error": material.error,
    }


@app.command()
def formula(
    # Optional here and checked below: typer's own missing-argument exception is not the
    # click exception matmine.cli.main turns into one line, so it would print a traceback.
    strings: list[str] = typer.Argument(None, help="Material strings: formulas, abbreviations, names."),
    var: list[str] = typer.Option(
        None, "--var",
        help="Variable value, NAME=VALUE or NAME=LOW..HIGH (repeatable); wins over a value "
             "written in the string.",
    ),
) -> None:
    """Parse material strings; print one JSON object per input (bad strings get an "error").

    Values may be written in the string: "Li7-xLa3Zr2-xTaxO12 (x = 0.25)",
    "…, x = 0.25", "… with 0 ≤ x ≤ 1"; --var wins over them.

    "variables" lists every variable of the formula: its value, a range as
    two numbers, {"values": …} for several samples, or null if none given.

    "dopants" lists the dopant elements named as such ("Ga-doped LLZO", "LLZO:Ta",
    "SrAl2O4:Eu0.01"); "composition" is the host's.

    Mixed sites "(Ba,Sr)" and placeholders "M", "Ln" give the known elements,
    an empty "composition" and the reason in "error".

    Example: matmine formula Li10GeP2S12 LLZO "Li7-xLa3Zr2-xTaxO12" --var x=0.25
    """
    if not strings:
        raise ConfigurationError("give at least one material string, e.g. matmine formula Li10GeP2S12")
    variables = parse_variable_options(var)
    for text in strings:
        print(json.dumps(formula_record(text, variables), ensure_ascii=False))
