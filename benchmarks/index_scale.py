"""Index scale benchmark: ingest rate and query latency at 10^5 and 10^6 records.

Builds an embedded (SQLite) index of synthetic documents whose records follow
the distribution of solid-electrolyte literature: Li electrolyte families
(LGPS, argyrodites, thiophosphates, garnets, NASICON, perovskites, halides,
LiPON, oxysulfides), log-uniform conductivities, dates skewed to recent
years, Zipf-distributed assignees.  Then it times a fixed mix of 20 searches
(text, element sets, ranges, document fields, facets) and prints p50 / p95
latencies and peak memory.

    .venv/bin/python benchmarks/index_scale.py --sizes 10000
    .venv/bin/python benchmarks/index_scale.py            # 10^5 and 10^6

The corpus is generated before the clock starts: a pool of up to 10^5
records (10^4 documents) is built once, and bigger corpora re-issue the pool's
documents under new ids (a cheap ``model_copy``, counted in the ingest time).
Ingest time is then the wall-clock time of ``SQLiteIndex.bulk_load`` fed with
``(Document, ExtractionResult)`` pairs, the path ``matmine reindex`` and
``matmine index copy`` take, including its forked child process that
prepares rows while the parent writes; nothing is subtracted.  Every figure is printed
with the 1-minute load average, because other processes on the machine
distort timings (``--wait-load`` waits for a quiet machine first).

Targets (SQLite): ingest >= 50,000 records/s; p95 <= 50 ms at 10^6 without
free text, <= 150 ms with; peak memory <= 2 GB.
"""

from __future__ import annotations

import argparse
import math
import os
import random
import resource
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from matmine.index import SearchRequest  # noqa: E402
from matmine.index.sqlite_backend import SQLiteIndex  # noqa: E402
from matmine.models import (  # noqa: E402
    Document,
    DocumentDates,
    ExtractionResult,
    Material,
    Organisation,
    PropertyRecord,
    Provenance,
    StructureFact,
)

RECORDS_PER_DOCUMENT = 10

FAMILIES: list[tuple[str, float, list[str], str | None, int | None]] = [
    # (family, weight, formulas, structure type, space group)
    ("lgps", 0.18, ["Li10GeP2S12", "Li10SiP2S12", "Li10SnP2S12", "Li9.54Si1.74P1.44S11.7Cl0.3",
                    "Li3.25Ge0.25P0.75S4", "Li11Si2PS12"], "LGPS-type", 137),
    ("argyrodite", 0.18, ["Li6PS5Cl", "Li6PS5Br", "Li6PS5I", "Li5.5PS4.5Cl1.5", "Li6.6P0.4Ge0.6S5I"],
     "argyrodite", 216),
    ("thiophosphate", 0.12, ["Li3PS4", "Li7P3S11", "Li4P2S6", "Li7PS6"], None, 62),
    ("garnet", 0.16, ["Li7La3Zr2O12", "Li6.4La3Zr1.4Ta0.6O12", "Li6.25Al0.25La3Zr2O12",
                      "Li6.4Ga0.2La3Zr2O12", "Li6.5La3Zr1.5Nb0.5O12"], "garnet", 230),
    ("nasicon", 0.1, ["Li1.3Al0.3Ti1.7(PO4)3", "Li1.5Al0.5Ge1.5(PO4)3", "LiZr2(PO4)3"],
     "NASICON", 167),
    ("perovskite", 0.06, ["Li0.33La0.56TiO3", "Li0.5La0.5TiO3"], "perovskite", 221),
    ("halide", 0.1, ["Li3YCl6", "Li3InCl6", "Li2ZrCl6", "Li3YBr6", "Li3ScCl6"], None, 164),
    ("lipon", 0.04, ["Li2.9PO3.3N0.46", "Li3PO4"], None, None),
    ("oxysulfide", 0.06, ["Li3PS3O", "Li10GeP2S11.7O0.3", "Li6PS4OCl"], None, None),
]
ASSIGNEES = ["Toyota", "Samsung", "Panasonic", "Hyundai", "Idemitsu Kosan", "LG Chem", "Murata",
             "TDK", "Sony", "Mitsui Kinzoku", "Solid Power", "QuantumScape", "CATL", "BYD",
             "Bosch", "BASF", "Umicore", "Honda", "Nissan", "Seiko Epson", "Hitachi", "Toshiba",
             "Fujifilm", "Sumitomo", "SK On"]
UNIVERSITIES = ["Tokyo Institute of Technology", "MIT", "University of Siegen", "Universität Ulm",
                "Kyoto University", "University of Maryland", "Justus Liebig University Giessen",
                "Samsung Advanced Institute of Technology", "Argonne National Laboratory",
                "Chinese Academy of Sciences", "University of Waterloo", "Seoul National University"]
CPC = ["H01M10/0562", "H01M10/0525", "H01M10/052", "H01M4/62", "C01B25/14", "H01B1/06",
       "H01B1/10", "C01G25/00", "H01M2300/0068"]
WORDS = ("solid electrolyte lithium ion conductor sulfide oxide glass ceramic sintered pellet "
         "impedance spectroscopy annealed ball milled cold pressed interface stability cathode "
         "anode dendrite all-solid-state battery doping substitution vacancy diffusion pathway "
         "framework tetragonal cubic phase grain boundary thin film synthesis").split()
TEMPLATES = [
    "The {f} {adj} electrolyte showed an ionic conductivity of {v} mS cm-1 at {t} °C.",
    "{f} exhibits a lithium-ion conductivity of {v} mS/cm after {adj} treatment.",
    "Impedance spectroscopy of {adj} {f} pellets gives σ = {v} mS cm−1 at {t} °C.",
    "A conductivity of {v} mS/cm was measured for {f} prepared by {adj} synthesis.",
]
ADJ = ["sintered", "ball-milled", "glass-ceramic", "cold-pressed", "annealed", "doped",
       "thin-film", "solution-processed", "argyrodite", "garnet-type"]

TEXT_FREE_QUERIES = [
    ('elements HAS ALL "Li","P","S"', "relevance", ()),
    ('elements HAS ALL "Li","P","S" AND NOT elements HAS "O"', "relevance", ()),
    ('elements HAS ANY "Cl","Br","I"', "relevance", ()),
    ('elements HAS ONLY "Li","P","S"', "relevance", ()),
    ('chemsys = "Ge-Li-P-S"', "relevance", ()),
    ('formula = "Li6PS5Cl"', "relevance", ()),
    ("ionic_conductivity >= 1 mS/cm", "value", ()),
    ("ionic_conductivity >= 10 mS/cm AND temperature <= 330 K", "value", ()),
    ("activation_energy < 0.2 eV", "relevance", ()),
    ('kind = "patent" AND assignee = "Toyota" AND published >= 2011-01-01', "date", ()),
    ('cpc STARTS "H01M10/056" AND published >= 2020-01-01', "date", ()),
    ('structure_type = "argyrodite" AND conductivity >= 5 mS/cm', "relevance", ()),
    ('elements HAS ALL "Li","Ge","P","S" AND kind = "patent"', "relevance", ("assignee", "year")),
    ('elements HAS ALL "Li","P","S" AND NOT elements HAS "O" AND ionic_conductivity >= 1 mS/cm'
     ' AND temperature <= 330 K AND kind = "patent" AND assignee = "Toyota"'
     ' AND published >= 2011-01-01', "relevance", ()),
    ('space_group = 230 AND elements HAS "Ta"', "relevance", ("year",)),
]
TEXT_QUERIES = [
    ("argyrodite", "", "relevance", ()),
    ('"cold-pressed"', 'elements HAS "Li"', "relevance", ()),
    ("glass ceramic", "ionic_conductivity >= 1 mS/cm", "relevance", ()),
    ("impedance", 'elements HAS ALL "Li","La","Zr","O"', "relevance", ("year", "kind")),
    ("sintered", 'kind = "patent"', "relevance", ()),
]


def _weighted(rng: random.Random, items: list, weights: list[float]):  # noqa: ANN202
    return rng.choices(items, weights)[0]


def _composition(formula: str) -> dict[str, float]:
    from matmine.index.chemistry import parse_formula

    return parse_formula(formula)


class Corpus:
    """A deterministic stream of ``n_records`` synthetic (Document, ExtractionResult) pairs.

    :meth:`generate` builds a pool of up to ``pool_records`` records first (that
    is the slow part, kept out of the timed ingest); iterating yields the pool,
    then the pool again under new document ids until ``n_records`` are out.
    """

    def __init__(self, n_records: int, seed: int = 7, pool_records: int = 100_000) -> None:
        self.n_records = n_records
        self.pool_records = min(pool_records, n_records)
        self.rng = random.Random(seed)
        self.generation_seconds = 0.0
        self.pool: list[tuple[Document, ExtractionResult, int]] = []
        self.materials: dict[str, Material] = {}
        for _name, _w, formulas, family, _sg in FAMILIES:
            for f in formulas:
                comp = _composition(f)
                self.materials[f] = Material(text=f, formula=f, composition=comp,
                                             elements=tuple(comp), family=family)

    def generate(self) -> None:
        started = time.perf_counter()
        made, i = 0, 0
        while made < self.pool_records:
            n = min(RECORDS_PER_DOCUMENT, self.pool_records - made)
            doc, result = self._document(i, n)
            self.pool.append((doc, result, n))
            made += n
            i += 1
        self.generation_seconds = time.perf_counter() - started

    def __iter__(self) -> Iterator[tuple[Document, ExtractionResult]]:
        if not self.pool:
            self.generate()
        made, copy = 0, 0
        while made < self.n_records:
            for doc, result, n in self.pool:
                if made >= self.n_records:
                    return
                if copy:
                    new_id = f"{doc.id}-c{copy}"
                    doc = doc.model_copy(update={"id": new_id, "content_hash": f"{doc.content_hash}c{copy}"})
                    result = result.model_copy(update={"document_id": new_id})
                made += n
                yield doc, result
            copy += 1

    def _document(self, i: int, n: int) -> tuple[Document, ExtractionResult]:
        rng = self.rng
        patent = rng.random() < 0.4
        doc_id = f"DEMO-{'P' if patent else 'A'}-{i:07d}"
        year = min(2026, int(1995 + 31 * rng.random() ** 0.6))
        published = date(year, 1, 1) + timedelta(days=rng.randrange(365))
        family = _weighted(rng, FAMILIES, [f[1] for f in FAMILIES])
        if patent:
            zipf = [1 / (k + 1) for k in range(len(ASSIGNEES))]
            name = _weighted(rng, ASSIGNEES, zipf)
            orgs = (Organisation(raw=name.upper() + " CORP", harmonised=name, role="assignee"),)
            cpc = tuple(rng.sample(CPC, 2))
        else:
            orgs = (Organisation(raw=rng.choice(UNIVERSITIES), role="affiliation"),)
            cpc = ()
        records: list[PropertyRecord] = []
        structures: list[StructureFact] = []
        sentences: list[str] = []
        for k in range(n):
            formula = rng.choice(family[2] if rng.random() < 0.8 else rng.choice(FAMILIES)[2])
            mat = self.materials[formula]
            roll = rng.random()
            if roll < 0.05 and family[4]:
                sentence = f"{formula} crystallises in space group No. {family[4]}."
                structures.append(StructureFact.model_construct(
                    id=f"{doc_id}-s{k}", document_id=doc_id, kind="space_group",
                    raw=f"No. {family[4]}", space_group_number=family[4], material=mat,
                    confidence=0.8, provenance=Provenance.model_construct(
                        document_id=doc_id, part_id="abstract", part_kind="abstract", start=0,
                        end=5, sentence=sentence, sentence_start=0, source_offset=None)))
                sentences.append(sentence)
                continue
            if roll < 0.25:
                prop, value, unit = "activation_energy", round(rng.uniform(0.15, 0.6), 3), "eV"
                sentence = f"The activation energy of {rng.choice(ADJ)} {formula} is {value} eV."
                raw = f"{value} eV"
            else:
                prop = "ionic_conductivity" if roll < 0.85 else (
                    "conductivity" if roll < 0.95 else "electronic_conductivity")
                value = 10 ** rng.uniform(-8, math.log10(3e-2))
                unit = "S/cm"
                celsius = 25 if rng.random() < 0.6 else rng.randrange(-20, 200)
                shown = f"{value * 1000:.3g}"
                sentence = rng.choice(TEMPLATES).format(f=formula, adj=rng.choice(ADJ), v=shown,
                                                        t=celsius)
                raw = f"{shown} mS/cm"
            start = max(0, sentence.find(raw[:4]))
            temperature = 298.15 if prop == "activation_energy" else 273.15 + (
                25 if "°C" not in sentence else float(sentence.split(" °C")[0].split()[-1]))
            records.append(PropertyRecord.model_construct(
                id=f"{doc_id}-r{k}", document_id=doc_id, property=prop, value=value,
                value_min=None, value_max=None, error=None, qualifier=None, unit=unit, raw=raw,
                temperature_K=None if prop == "activation_energy" else temperature,
                temperature_raw=None, temperature_assumed=False, material=mat,
                confidence=round(rng.uniform(0.3, 1.0), 2),
                provenance=Provenance.model_construct(
                    document_id=doc_id, part_id=f"para:p{k}", part_kind="paragraph", start=start,
                    end=start + len(raw), sentence=sentence, sentence_start=0, source_offset=None)))
            sentences.append(sentence)
        words = " ".join(rng.choice(WORDS) for _ in range(30))
        doc = Document.model_construct(
            id=doc_id, kind="patent" if patent else "paper",
            title=f"{family[0].capitalize()} {rng.choice(WORDS)} {rng.choice(WORDS)} electrolytes",
            abstract=f"{words}. " + " ".join(sentences[:2]), people=(), organisations=orgs,
            dates=DocumentDates(published=published), family_id=None, cpc=cpc, ipc=(), claims=(),
            sections=(), tables=(), keywords=(), journal="", language="en", source="synthetic",
            sources=(), url=None, alternate_ids=(), source_format="", content_hash=f"h{i}")
        result = ExtractionResult.model_construct(
            document_id=doc_id, records=tuple(records), structures=tuple(structures),
            materials=(), warnings=())
        return doc, result


def _percentile(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _child_peak_mb() -> float:
    """Largest max RSS of a finished child (bulk_load's preparing process; shared pages count)."""
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def _load() -> str:
    return f"load {os.getloadavg()[0]:.2f}"


def _wait_for_quiet(limit: float | None, patience: float = 600) -> None:
    if limit is None:
        return
    started = time.monotonic()
    while os.getloadavg()[0] >= limit and time.monotonic() - started < patience:
        time.sleep(5)


def run(size: int, folder: Path, repeats: int, reuse: bool = False,
        quiet: float | None = None) -> None:
    path = folder / f"index-{size}.sqlite"
    if reuse and path.exists():
        index = SQLiteIndex(path)
        records = index.count_records()
        print(f"\n== {records:,} records in {index.count_documents():,} documents (reused) ==")
    else:
        for old in folder.glob(path.name + "*"):
            old.unlink()
        index = SQLiteIndex(path)
        corpus = Corpus(size)
        corpus.generate()
        _wait_for_quiet(quiet)
        before = _load()
        started = time.perf_counter()
        index.bulk_load(iter(corpus))
        ingest = time.perf_counter() - started
        records = index.count_records()
        print(f"\n== {records:,} records in {index.count_documents():,} documents ==")
        print(f"ingest: {records / ingest:,.0f} records/s ({ingest:.1f} s wall-clock bulk_load;"
              f" {before} before, {_load()} after; target >= 50,000 records/s)")
        phases = getattr(index, "load_seconds", {})
        if phases:
            print(f"  of which {phases['write']:.1f} s preparing and writing rows, {phases['finish']:.1f} s"
                  " building the record indexes, merging FTS segments and ANALYZE")
        print(f"  corpus: {len(corpus.pool):,} generated documents ({corpus.pool_records:,} records,"
              f" {corpus.generation_seconds:.1f} s, before the clock), re-issued under new ids"
              " to reach the size")
    print(f"index file: {sum(p.stat().st_size for p in folder.glob(path.name + '*')) / 1e6:,.0f} MB")
    _wait_for_quiet(quiet)

    def measure(label: str, request: SearchRequest) -> list[float]:
        index.search(request)  # warm the page cache for this query's pages
        samples = []
        for _ in range(repeats):
            t0 = time.perf_counter()
            results = index.search(request)
            samples.append((time.perf_counter() - t0) * 1000)
        print(f"  {statistics.median(samples):7.1f} ms  p95 {_percentile(samples, 0.95):7.1f}  "
              f"{results.total:>6}{'+' if not results.total_exact else ' '} hits  {label}")
        return samples

    print("filters without free text:")
    no_text: list[float] = []
    for i, (flt, sort, facets) in enumerate(TEXT_FREE_QUERIES):
        level = "document" if i % 5 == 4 else "record"
        label = f"[{level}, sort={sort}{', facets' if facets else ''}] {flt[:90]}"
        no_text += measure(label, SearchRequest(filter=flt, sort=sort, facets=facets,
                                                level=level))  # type: ignore[arg-type]
    print("with free text:")
    with_text: list[float] = []
    for i, (text, flt, sort, facets) in enumerate(TEXT_QUERIES):
        level = "document" if i == 4 else "record"
        label = f"[{level}{', facets' if facets else ''}] text={text!r} {flt}"
        with_text += measure(label, SearchRequest(filter=flt or None, text=text, sort=sort,
                                                  facets=facets, level=level))  # type: ignore[arg-type]
    print(f"latency without text: p50 {statistics.median(no_text):.1f} ms, "
          f"p95 {_percentile(no_text, 0.95):.1f} ms (target <= 50 ms at 10^6; {_load()})")
    print(f"latency with text:    p50 {statistics.median(with_text):.1f} ms, "
          f"p95 {_percentile(with_text, 0.95):.1f} ms (target <= 150 ms at 10^6; {_load()})")
    print(f"peak memory (max RSS so far): {_peak_mb():,.0f} MB (target <= 2048 MB);"
          f" bulk_load's preparing child process: {_child_peak_mb():,.0f} MB max RSS"
          " (counting pages it shares with this process after the fork)")
    index.close()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="100000,1000000",
                        help="comma-separated record counts (default 100000,1000000)")
    parser.add_argument("--repeats", type=int, default=5, help="timed runs per query")
    parser.add_argument("--dir", type=Path, default=None, help="where to build (default: a temp dir)")
    parser.add_argument("--reuse", action="store_true",
                        help="with --dir: time queries on an index built by an earlier run")
    parser.add_argument("--wait-load", type=float, default=None, metavar="LOAD",
                        help="before timing, wait (up to 10 min) for a 1-minute load average below LOAD")
    args = parser.parse_args(argv)
    sizes = [int(float(s)) for s in args.sizes.split(",")]
    with tempfile.TemporaryDirectory(prefix="matmine-bench-") as tmp:
        folder = args.dir or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        print(f"sqlite index in {folder}; {args.repeats} timed runs per query")
        for size in sizes:
            run(size, folder, args.repeats, args.reuse, args.wait_load)


if __name__ == "__main__":
    main()
