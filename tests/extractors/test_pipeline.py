"""The pipeline end to end: components, documents, CLI, robustness, gold data."""

from __future__ import annotations

import json
import random
import subprocess
import sys
from pathlib import Path

import pytest

from matmine.extractors.pipeline import (
    build_nlp,
    extract_document,
    extract_documents,
    extract_text,
    text_document,
)
from matmine.extractors.serialise import record_row

REPO = Path(__file__).resolve().parents[2]


def test_components_are_registered(nlp) -> None:
    assert nlp.pipe_names == ["matmine_sentences", "matmine_materials", "matmine_quantities",
                              "matmine_properties", "matmine_structures"]
    doc = nlp("Li10GeP2S12 reaches 12 mS/cm at 27 °C in space group P4_2/nmc.")
    assert [s.label_ for s in doc.spans["properties"]] == ["conductivity"]
    assert [s.label_ for s in doc.spans["structures"]] == ["space_group"]
    assert doc._.quantities[0].value == pytest.approx(0.012)


def test_serialised_row(nlp) -> None:
    text = "Li10GeP2S12 reaches 12 mS/cm at 27 °C."
    row = record_row(extract_text(text, nlp=nlp).records[0])
    assert row["span"] == [20, 28] and text[20:28] == "12 mS/cm"
    assert row["material"]["span"] == [0, 11]
    assert row["material"]["composition"] == {"Li": 10.0, "Ge": 1.0, "P": 2.0, "S": 12.0}
    assert row["temperature_K"] == pytest.approx(300.15)
    json.dumps(row)


def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "matmine", *args], capture_output=True,
                          text=True, cwd=REPO, timeout=120)


def test_cli_extract_txt_spans_are_file_offsets(tmp_path: Path) -> None:
    text = ("Fast lithium conductors\n\nWe made Li6PS5Cl by milling.\n\n"
            "The sample reaches an ionic conductivity of 2.4 mS cm−1 at 25 °C. "
            "It adopts space group F-43m.\n")
    path = tmp_path / "paper.txt"
    path.write_text(text, encoding="utf-8")
    result = _cli("extract", str(path))
    assert result.returncode == 0, result.stderr
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    props = [r for r in rows if r["kind"] == "property"]
    structs = [r for r in rows if r["kind"] == "structure"]
    assert len(props) == 1 and len(structs) == 1
    row = props[0]
    for key in ("doc", "property", "value", "unit", "raw", "span", "sentence", "temperature_K",
                "temperature_raw", "material", "confidence"):
        assert key in row
    start, end = row["span"]
    assert text[start:end] == "2.4 mS cm−1" == row["raw"]
    assert row["value"] == pytest.approx(0.0024)
    assert row["material"]["formula"] == "Li6PS5Cl"
    m0, m1 = row["material"]["span"]
    assert text[m0:m1] == row["material"]["text"] == "The sample"
    s = row["sentence_start"]
    assert text[s:s + len(row["sentence"])] == row["sentence"]
    start, end = structs[0]["span"]
    assert text[start:end] == "F-43m"
    table = _cli("extract", str(path), "--format", "table")
    assert table.returncode == 0 and "ionic_conductivity" in table.stdout


def test_cli_extract_missing_path() -> None:
    result = _cli("extract", "/nonexistent/paper.txt")
    assert result.returncode != 0
    assert result.stderr.strip().count("\n") == 0 and "no such file" in result.stderr


def test_cli_extract_walks_a_folder_and_reports_bad_files_last(tmp_path: Path) -> None:
    folder = tmp_path / "papers"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.txt").write_text("Li3PS4 shows 0.2 mS/cm at 25 °C.\n", encoding="utf-8")
    (folder / "sub" / "b.txt").write_text("Li7P3S11 shows 17 mS/cm.\n", encoding="utf-8")
    (folder / "README.md").write_text("not a paper\n", encoding="utf-8")
    (folder / "broken.xml").write_text("<article><body><p>cut", encoding="utf-8")
    result = _cli("extract", str(folder))
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert sorted(r["material"]["formula"] for r in rows) == ["Li3PS4", "Li7P3S11"]
    assert result.returncode == 2  # the malformed file is reported, the others extracted
    assert result.stderr.strip().count("\n") == 0 and "broken.xml" in result.stderr
    assert "Traceback" not in result.stderr


def test_garbage_never_crashes(nlp) -> None:
    rng = random.Random(7)
    alphabet = "0123456789 .,;:×x−-–^()[]/°CKSmcΩμeVJmol±~<>≈ \n\tLiPSGe/C0/C2σθ2=aÅ%"
    for _ in range(200):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 300)))
        extract_text(text, nlp=nlp)
    for text in ["", " ", "\n\n\n", "S/cm", "=" * 1000, "1" * 10000, "\x00\x01\x02",
                 "Li" * 2000, "10−" * 500, "(" * 300 + "12 mS/cm"]:
        extract_text(text, nlp=nlp)


def test_extract_documents_in_parallel(nlp) -> None:
    docs = [text_document(f"Li3PS4 shows {i} mS/cm at 25 °C.", f"d{i}") for i in range(1, 7)]
    results = extract_documents(docs, workers=2)
    assert [r.document_id for r in results] == [d.id for d in docs]
    assert [r.records[0].value for r in results] == [pytest.approx(i / 1000) for i in range(1, 7)]
    assert [r.records[0].value for r in extract_documents(docs[:2], workers=1)] == [
        pytest.approx(0.001), pytest.approx(0.002)]


def test_build_nlp_is_fresh_and_blank() -> None:
    nlp = build_nlp()
    assert nlp.lang == "en" and "parser" not in nlp.pipe_names


@pytest.mark.shared_data
def test_sofc_gold_values_are_found(shared_data: Path, nlp) -> None:
    sys.path.insert(0, str(REPO))
    from benchmarks.quality_conductivity import load_gold

    data = shared_data / "gold" / "sofc_exp"
    for paper in ("PMC5793538", "PMC4992832", "PMC5457196"):
        text = (data / "texts" / f"{paper}.txt").read_text(encoding="utf-8")
        gold, _, _ = load_gold(data, paper)
        spans = [r.provenance.file_span for r in extract_text(text, paper, nlp).records]
        for g in gold:
            assert any(s[0] < g.span[1] and g.span[0] < s[1] for s in spans), (paper, g)


def test_document_with_claims(nlp) -> None:
    from matmine.models import Claim, Document

    doc = Document(id="US1", kind="patent", title="Solid electrolyte", claims=(
        Claim(number=1, text="A solid electrolyte Li10GeP2S12 having a peak at 2θ = 29.58° ± "
                             "0.50° and an ionic conductivity of 1 × 10−3 S/cm or more at 25 °C."),
    ))
    result = extract_document(doc, nlp)
    (r,) = result.records
    assert r.provenance.part_id == "claim:1" and r.provenance.part_kind == "claim"
    assert r.value == pytest.approx(1e-3) and r.material.formula == "Li10GeP2S12"
    (peak,) = [s for s in result.structures if s.kind == "xrd_peak"]
    assert peak.value == 29.58 and peak.error == 0.5


def test_cli_extract_unreadable_file_is_reported_and_others_extracted(tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x01\x02 not text")
    good = tmp_path / "good.txt"
    good.write_text("Li3PS4 shows 0.2 mS/cm at 25 °C.\n", encoding="utf-8")
    result = _cli("extract", str(bad), str(good))
    assert result.returncode == 2
    assert "bad.txt" in result.stderr and result.stderr.strip().count("\n") == 0
    assert json.loads(result.stdout.splitlines()[0])["value"] == pytest.approx(2e-4)


def test_a_very_long_part_is_cut_but_offsets_stay_exact(nlp) -> None:
    unit = "Li3PS4 was prepared. The ionic conductivity of Li3PS4 is 0.2 mS/cm at 25 °C. "
    text = unit * 3000  # one paragraph of 240 000 characters
    result = extract_text(text, nlp=nlp)
    assert len(result.records) == 3000
    last = result.records[-1]
    start, end = last.provenance.file_span
    assert text[start:end] == "0.2 mS/cm"
    offset = last.provenance.source_offset
    assert text[offset + last.material.start:offset + last.material.end] == "Li3PS4"


def test_extract_documents_error_policy(monkeypatch) -> None:
    import matmine.extractors.pipeline as pipeline

    docs = [text_document("Li3PS4 shows 1 mS/cm.", "ok"), text_document("boom", "bad")]
    real = pipeline.extract_document

    def flaky(doc, nlp=None):
        if doc.id == "bad":
            raise RuntimeError("broken document")
        return real(doc, nlp)

    monkeypatch.setattr(pipeline, "extract_document", flaky)
    results = extract_documents(docs, workers=2, on_error="return")
    assert results[0].document_id == "ok" and isinstance(results[1], RuntimeError)
    with pytest.raises(RuntimeError):
        extract_documents(docs, workers=1)
