"""Extraction on a Dask cluster against one process, measured side by side in one run.

    python benchmarks/bench_dask.py [--docs 600] [--batch-size 16] [--repeats 3]

The texts are those of bench_extract.py. Three runs on them: ``extract_many`` in this process
(``n_process=1``), then on a ``LocalCluster`` of 1 and of 2 worker processes (one thread
each), interleaved --repeats times; the best run of each counts. Each cluster is started and its
workers' pipelines loaded before the clock starts: a
cluster is set up once and then reads many articles, so the throughput is what it costs to
keep it fed (sending batches, sending results back as JSON). Also printed: the resident memory
of a worker once its pipeline is loaded. Ratios above 1 mean faster than one process.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from contextlib import ExitStack
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_extract import corpus  # noqa: E402


def _rss_mib() -> float:
    import psutil

    return float(psutil.Process().memory_info().rss) / 2**20


def _timed(run, n_docs: int) -> tuple[float, list[str]]:  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    results = [e.model_dump_json() for e in run()]
    elapsed = time.perf_counter() - start
    assert len(results) == n_docs, (len(results), n_docs)
    return n_docs / elapsed, results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--docs", type=int, default=600)
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()

    from conflictnews import extract_many, load_pipeline
    from conflictnews._distributed import open_client

    texts = corpus(args.docs)
    nlp = load_pipeline()
    # Warm the gazetteer cache and the pipeline's own caches, as the workers are warmed below.
    expected = [e.model_dump_json() for e in extract_many(texts, nlp=nlp)]
    print(f"load average before: {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores")

    with ExitStack() as stack:
        clients = {n: stack.enter_context(open_client(workers=n)) for n in (1, 2)}
        for client in clients.values():
            list(extract_many(texts[:20], nlp=nlp, client=client))
        memory = sorted(clients[1].run(_rss_mib).values())
        runs = {
            "extract_many, 1 process": lambda: extract_many(
                texts, nlp=nlp, batch_size=args.batch_size
            ),
            **{
                f"Dask LocalCluster, {n} worker{'s' if n > 1 else ''}": (
                    lambda c=client: extract_many(
                        texts, nlp=nlp, client=c, batch_size=args.batch_size
                    )
                )
                for n, client in clients.items()
            },
        }
        rates: dict[str, list[float]] = {label: [] for label in runs}
        # Interleaved, so that a burst of load from elsewhere falls on every setting alike.
        for _ in range(args.repeats):
            for label, run in runs.items():
                rate, results = _timed(run, len(texts))
                assert results == expected, f"{label}: results differ from one process"
                rates[label].append(rate)

    best = {label: max(values) for label, values in rates.items()}
    one, w1, w2 = best.values()
    print(f"throughput on {len(texts)} articles, batch size {args.batch_size}, ")
    print(f"best of {args.repeats} interleaved runs (docs/s; all runs)")
    for label, value in best.items():
        runs_text = " ".join(f"{v:.1f}" for v in rates[label])
        print(f"  {label:32}{value:8.1f}   ({runs_text})")
    print("\nratios (results checked identical to one process)")
    print(f"  1 worker / 1 process     {w1 / one:5.2f}   (target >= 0.85)")
    print(f"  2 workers / 1 process    {w2 / one:5.2f}   (target >= 1.6)")
    print(f"\nworker memory after loading the pipeline and 20 articles: {memory[0]:.0f} MiB RSS")
    print(f"load average after: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
