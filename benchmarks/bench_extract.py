"""Extraction speed: cold start and throughput, each against a baseline measured in the same run.

    python benchmarks/bench_extract.py [--docs 300] [--repeats 3] [--skip-multiprocess]

1. Cold start: a fresh interpreter that imports conflictnews and extracts one article, against
   a fresh interpreter that only loads the spaCy pipeline (median of --repeats runs each).
2. Throughput: ``extract_many`` against bare ``nlp.pipe`` on the same texts, with the same
   spaCy pipeline: (a) the spaCy model without the conflictnews components (what spaCy alone
   costs), (b) the full conflictnews pipeline through ``nlp.pipe`` (what our wrapping costs).
3. Processes: ``extract_many(n_process=2)`` against ``n_process=1``.
Ratios above 1 mean faster than the baseline.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "examples").glob("*.txt"))

SPACY_ONLY = """
import spacy
from conflictnews.pipeline import PREFERRED_MODELS
for name in PREFERRED_MODELS:
    try:
        spacy.load(name); break
    except OSError:
        continue
"""
FIRST_EXTRACTION = """
import sys, conflictnews
conflictnews.extract(open(sys.argv[1], encoding="utf-8").read())
"""


def _time_fresh(code: str, *args: str) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code, *args], check=True)
    return time.perf_counter() - start


def corpus(n_docs: int) -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in EXAMPLES]
    # Varying a number keeps documents distinct without changing their structure.
    return [texts[i % len(texts)].replace("two", str(i % 7 + 2), 1) for i in range(n_docs)]


def throughput(func, n_docs: int) -> float:  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    count = sum(1 for _ in func())
    elapsed = time.perf_counter() - start
    assert count == n_docs, (count, n_docs)
    return n_docs / elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--docs", type=int, default=1000)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--skip-multiprocess", action="store_true")
    args = parser.parse_args()

    import conflictnews
    from conflictnews.pipeline import COMPONENTS, load_pipeline

    # Warm the gazetteer cache so the cold start measures a normal run, not the one-time build.
    conflictnews.extract(EXAMPLES[0].read_text(encoding="utf-8"))

    spacy_load = [_time_fresh(SPACY_ONLY) for _ in range(args.repeats)]
    cold = [_time_fresh(FIRST_EXTRACTION, str(EXAMPLES[0])) for _ in range(args.repeats)]
    load_s, cold_s = statistics.median(spacy_load), statistics.median(cold)

    texts = corpus(args.docs)
    nlp = load_pipeline()
    ours = set(COMPONENTS)
    rows: list[tuple[str, float]] = []
    with nlp.select_pipes(disable=[c for c in nlp.pipe_names if c in ours]):
        base = throughput(lambda: nlp.pipe(texts, batch_size=16), len(texts))
    full = throughput(lambda: nlp.pipe(texts, batch_size=16), len(texts))
    one = throughput(lambda: conflictnews.extract_many(texts, nlp=nlp), len(texts))
    rows += [
        ("spaCy model alone, nlp.pipe", base),
        ("full pipeline, nlp.pipe", full),
        ("extract_many, 1 process", one),
    ]
    two = None
    if not args.skip_multiprocess:
        two = throughput(lambda: conflictnews.extract_many(texts, nlp=nlp, n_process=2), len(texts))
        rows.append(("extract_many, 2 processes", two))

    print(f"cold start ({args.repeats} fresh interpreters each, median)")
    print(f"  spaCy load alone                {load_s:7.2f} s")
    print(f"  import + first extraction       {cold_s:7.2f} s   ratio {cold_s / load_s:5.2f}x")
    print(f"\nthroughput on {len(texts)} articles (docs/s)")
    for label, value in rows:
        print(f"  {label:32}{value:8.1f}")
    print("\nratios")
    print(f"  extract_many / spaCy model alone     {one / base:5.2f}")
    print(f"  extract_many / full nlp.pipe         {one / full:5.2f}   (target >= 0.9)")
    if two is not None:
        print(f"  2 processes / 1 process              {two / one:5.2f}   (target >= 1.7)")


if __name__ == "__main__":
    main()
