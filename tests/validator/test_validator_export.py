"""Files written for simulation, the manifest, build_candidates and the CLI."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from pymatgen.core import Composition
from pymatgen.io.cif import CifParser
from pymatgen.io.vasp import Poscar

from matmine.models import Material
from matmine.validator import errors as E
from matmine.validator.api import build_candidates
from matmine.validator.rebuild import COMPOSITION_TOLERANCE, composition_difference


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory):
    out = tmp_path_factory.mktemp("candidates")
    inputs = [
        ("Li10SiP2S12", ["DOC-1#r1"]),
        ("Li10SiP2S12", ["DOC-2#r7"]),  # same composition: merged, both sources kept
        Material(text="LLZTO", composition={"Li": 6.4, "La": 3, "Zr": 1.4, "Ta": 0.6, "O": 12}, family="garnet"),
        "Li3OCl",
        "Li2Cl",
        "Li10+xGeP2S12",
        "LiXyCl",
    ]
    return out, build_candidates(inputs, out_dir=out)


def test_candidates_and_rejections(run) -> None:
    out, report = run
    assert sorted(c.formula for c in report.candidates) == ["Li10SiP2S12", "Li3OCl", "Li6.4La3Zr1.4Ta0.6O12"]
    rejected = {r.formula: r.rejected_category for r in report.rejections}
    assert rejected == {"Li2Cl": E.NOT_CHARGE_BALANCED, "Li10+xGeP2S12": E.UNRESOLVED_VARIABLE,
                        "LiXyCl": E.UNKNOWN_ELEMENT}
    assert all(r.rejected_reason for r in report.rejections)
    lgps = next(c for c in report.candidates if c.formula == "Li10SiP2S12")
    assert lgps.source_records == ("DOC-1#r1", "DOC-2#r7")
    assert lgps.space_group_number == 137 and lgps.charge_balanced and lgps.oxidation_states["Si"] == 4
    assert any("merged" in w for w in report.warnings)


def test_cif_reads_back_to_the_same_composition(run) -> None:
    out, report = run
    for c in report.candidates:
        cif = next(f for f in c.files if f.endswith(".cif"))
        structure = CifParser(out / cif).parse_structures(primitive=False)[0]
        diff, _ = composition_difference(structure.composition, Composition(c.composition))
        assert diff <= COMPOSITION_TOLERANCE


def test_poscar_and_input_set_only_for_ordered(run) -> None:
    out, report = run
    li3ocl = next(c for c in report.candidates if c.formula == "Li3OCl")
    assert li3ocl.ordered
    names = {Path(f).name for f in li3ocl.files}
    assert {"POSCAR", "INCAR", "KPOINTS", "POTCAR.spec"} <= names and "POTCAR" not in names
    poscar = Poscar.from_file(out / next(f for f in li3ocl.files if f.endswith("/POSCAR")))
    assert poscar.structure.composition.reduced_formula == "Li3ClO"
    garnet = next(c for c in report.candidates if c.prototype == "garnet")
    assert not garnet.ordered and [Path(f).suffix for f in garnet.files] == [".cif"]
    assert any("partial occupancies" in w for w in garnet.warnings)


def test_manifest(run) -> None:
    out, report = run
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["summary"] == {"candidates": 3, "rejected": 3, "rejected_by_category": {
        "not_charge_balanced": 1, "unknown_element": 1, "unresolved_variable": 1}}
    rows = {row["formula"]: row for row in manifest["candidates"]}
    lgps = rows["Li10SiP2S12"]
    assert lgps["status"] == "rebuilt" and lgps["prototype"]["name"] == "LGPS-type"
    assert lgps["prototype"]["space_group"] == "P4_2/nmc (137)" and "Kamaya" in lgps["prototype"]["source"]
    assert lgps["charge_balance"]["balanced"] is True and lgps["source_records"] == ["DOC-1#r1", "DOC-2#r7"]
    assert all((out / f).is_file() for f in lgps["files"])
    assert any("no POSCAR" in w for w in lgps["warnings"])
    bad = rows["Li2Cl"]
    assert bad["status"] == "rejected" and bad["rejection"]["category"] == "not_charge_balanced"
    assert bad["charge_balance"]["balanced"] is False


def test_on_error_raise() -> None:
    with pytest.raises(E.ValidationError) as info:
        build_candidates(["LiCl", "Li2Cl"], out_dir=None, on_error="raise")
    assert info.value.category == E.NOT_CHARGE_BALANCED


def test_unbalanced_can_be_rebuilt_on_request() -> None:
    report = build_candidates(["Li9.6P3S12"], out_dir=None, family="LGPS", require_charge_balance=False)
    (c,) = report.candidates
    assert c.charge_balanced is False and any("not charge balanced" in w for w in c.warnings)


def _matmine(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "matmine", *args], capture_output=True, text=True,
                          env={**os.environ}, timeout=120)


def test_cli_formula(tmp_path: Path) -> None:
    result = _matmine("candidates", "--formula", "Li10SiP2S12", "--out", str(tmp_path))
    assert result.returncode == 0, result.stderr
    assert "LGPS-type" in result.stdout and "P4_2/nmc (137)" in result.stdout
    manifest = json.loads((tmp_path / "manifest.json").read_text())
    assert manifest["summary"]["candidates"] == 1


def test_cli_from_file_and_errors(tmp_path: Path) -> None:
    listing = tmp_path / "formulas.txt"
    listing.write_text("# formula, family\nLi6PS5Br, argyrodite\nLi2Cl\n")
    result = _matmine("candidates", "--from-file", str(listing), "--out", str(tmp_path / "o"), "--json")
    assert result.returncode == 0, result.stderr
    summary = json.loads(result.stdout)
    assert summary["candidates"] == 1 and summary["rejected_by_category"] == {"not_charge_balanced": 1}
    nothing = _matmine("candidates", "--out", str(tmp_path / "x"))
    assert nothing.returncode != 0 and len(nothing.stderr.strip().splitlines()) == 1
    missing = _matmine("candidates", "--from-file", str(tmp_path / "nope.txt"), "--out", str(tmp_path / "y"))
    assert missing.returncode != 0 and "Traceback" not in missing.stderr


def test_family_labels() -> None:
    own_label = Material(text="Li6PS5Br", formula="Li6PS5Br", family="sulfides")  # names no prototype
    report = build_candidates([own_label], out_dir=None)
    (c,) = report.candidates
    assert c.prototype == "argyrodite" and any("names no shipped prototype" in w for w in c.warnings)
    with pytest.raises(E.ValidationError) as info:  # asked for by the caller: a usage error
        build_candidates(["Li6PS5Br"], out_dir=None, family="spinel")
    assert info.value.category == E.UNKNOWN_FAMILY
    forced = build_candidates(["Li10SiP2S12"], out_dir=None, family="argyrodite")
    assert forced.rejections[0].rejected_category == E.DOES_NOT_FIT
