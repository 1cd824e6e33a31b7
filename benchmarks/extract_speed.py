"""Extraction throughput on the SOFC-Exp texts, against the bare spaCy tokenizer.

Prints documents/s and characters/s of

* the bare ``spacy.blank("en")`` tokenizer (``nlp.pipe``) over the texts,
* the whole extraction (``extract_document``: sentences, materials, quantities,
  properties, structures, records with provenance) over the same texts, in the
  same run, and the ratio of the two times (target: at most 3×),
* ``extract_documents`` on 2 worker processes (target: at least 30 papers/s),
  over the corpus repeated ``--repeat`` times (pool start-up included).

Each single-process figure is the best of ``--rounds`` rounds.

Run: ``.venv/bin/python benchmarks/extract_speed.py [DATA_DIR] [--rounds 3] [--repeat 4]``
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

import spacy

from matmine.extractors.pipeline import extract_document, extract_documents, get_nlp, text_document

DEFAULT_DATA_DIR = Path(__file__).resolve().parents[2] / "shared" / "data" / "gold" / "sofc_exp"


def _best(fn, rounds: int) -> tuple[float, float]:
    """Best wall-clock and best CPU seconds over ``rounds`` runs (CPU time is what
    other processes on a shared machine cannot inflate)."""
    best_wall = best_cpu = float("inf")
    for _ in range(rounds):
        wall, cpu = time.perf_counter(), time.process_time()
        fn()
        best_wall = min(best_wall, time.perf_counter() - wall)
        best_cpu = min(best_cpu, time.process_time() - cpu)
    return best_wall, best_cpu


def measure(data_dir: Path, rounds: int = 3, repeat: int = 4, workers: int = 2) -> dict:
    """Timings and ratios (see module docstring)."""
    paths = sorted((data_dir / "texts").glob("*.txt"))
    texts = [p.read_text(encoding="utf-8") for p in paths]
    docs = [text_document(t, p.stem) for t, p in zip(texts, paths)]
    chars = sum(len(t) for t in texts)
    blank = spacy.blank("en")
    nlp = get_nlp()
    extract_document(docs[0], nlp)  # warm caches (pint, space-group tables)
    list(blank.pipe(texts[:1]))

    def tokenise() -> None:
        for _ in blank.pipe(texts):
            pass

    def extract_all() -> None:
        for d in docs:
            extract_document(d, nlp)

    t_tok, c_tok = _best(tokenise, rounds)
    t_ext, c_ext = _best(extract_all, rounds)
    many = docs * repeat
    before = os.times()
    started = time.perf_counter()
    extract_documents(many, workers=workers)
    t_mp = time.perf_counter() - started
    after = os.times()
    cpu_workers = (after.children_user - before.children_user
                   + after.children_system - before.children_system)
    cpu_parent = after.user - before.user + after.system - before.system
    return {
        "docs": len(docs),
        "chars": chars,
        "tokenizer_s": t_tok,
        "extract_s": t_ext,
        "ratio": t_ext / t_tok,
        "tokenizer_cpu_s": c_tok,
        "extract_cpu_s": c_ext,
        "ratio_cpu": c_ext / c_tok,
        "tokenizer_docs_per_s": len(docs) / t_tok,
        "extract_docs_per_s": len(docs) / t_ext,
        "tokenizer_chars_per_s": chars / t_tok,
        "extract_chars_per_s": chars / t_ext,
        "mp_workers": workers,
        "mp_docs": len(many),
        "mp_s": t_mp,
        "mp_docs_per_s": len(many) / t_mp,
        "mp_worker_cpu_s": cpu_workers,
        "mp_parent_cpu_s": cpu_parent,
        # what the same run would take on otherwise idle cores: CPU time spread over workers
        "mp_idle_projection_docs_per_s": (
            len(many) / max(cpu_workers / workers, cpu_parent) if cpu_workers else 0.0),
        "pipe_names": nlp.pipe_names,
    }


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data_dir", nargs="?", type=Path, default=DEFAULT_DATA_DIR)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--repeat", type=int, default=4)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args(argv)
    if not (args.data_dir / "texts").is_dir():
        print(f"SOFC-Exp texts not found at {args.data_dir}", file=sys.stderr)
        return 2
    m = measure(args.data_dir, args.rounds, args.repeat, args.workers)
    print(f"pipeline: {' → '.join(m['pipe_names'])}")
    print(f"{m['docs']} documents, {m['chars']:,} characters")
    print(f"tokenizer only : {m['tokenizer_s']:.3f} s  {m['tokenizer_docs_per_s']:7.1f} docs/s  "
          f"{m['tokenizer_chars_per_s'] / 1e6:.2f} M chars/s")
    print(f"full extraction: {m['extract_s']:.3f} s  {m['extract_docs_per_s']:7.1f} docs/s  "
          f"{m['extract_chars_per_s'] / 1e6:.2f} M chars/s")
    print(f"ratio extraction / tokenizer: {m['ratio']:.2f}x wall, {m['ratio_cpu']:.2f}x CPU "
          f"(tokenizer {m['tokenizer_cpu_s']:.3f} s CPU, extraction {m['extract_cpu_s']:.3f} s "
          f"CPU; target <= 3x)")
    print(f"multiprocessing: {m['mp_workers']} workers, {m['mp_docs']} documents in "
          f"{m['mp_s']:.2f} s = {m['mp_docs_per_s']:.1f} docs/s wall  (target >= 30)")
    print(f"  CPU: workers {m['mp_worker_cpu_s']:.2f} s, parent {m['mp_parent_cpu_s']:.2f} s; "
          f"on {m['mp_workers']} otherwise idle cores that is about "
          f"{m['mp_idle_projection_docs_per_s']:.1f} docs/s (projection, not a measurement)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
