"""Benchmark of the claim store and the REST API.

Measures, in one run:

1. ``GET /claims?place=X`` over real HTTP (uvicorn on 127.0.0.1, a separate process, one
   keep-alive connection) against the same query in raw SQL (sqlite3 on the same file), on a
   store of at least 100,000 claims built from synthetic template articles
   (`benchmarks/_synthetic.py`, no spaCy needed). Median and p99 latency; target API median
   <= 3x raw SQL.
2. Ingest throughput (extract + store) against extraction alone on the same texts, with the
   real pipeline; target >= 0.9.
3. Peak memory (VmHWM, in a fresh process) of a 10,000-article ingest into the store from
   finished extractions, and of a full ingest (spaCy extraction + store) of a smaller count.

Run from the repository root::

    .venv/bin/python benchmarks/bench_api.py                 # defaults: about 5-8 minutes
    .venv/bin/python benchmarks/bench_api.py --claims 20000 --requests 100 --ingest-articles 20
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import resource
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

from _synthetic import make_world, synthetic_extractions, synthetic_inputs  # noqa: E402

from conflictnews._ids import fold  # noqa: E402
from conflictnews.store import Store  # noqa: E402

RAW_NAME_SQL = "SELECT DISTINCT location_id FROM location_names WHERE name_fold = ?"
RAW_CLAIMS_SQL = """
SELECT claims.id, claims.article_id, claims.sentence, claims.evidence, claims.start, claims."end",
       claims.event, claims.stance, claims.hedged, claims.claimant, claims.agent, claims.date,
       claims.date_text, claims.day, claims.acled_event_type, claims.acled_sub_event_type,
       claims.places_json
FROM claim_places JOIN claims ON claims.id = claim_places.claim_id
WHERE claim_places.location_id = ?
ORDER BY claim_places.day DESC, claim_places.claim_id DESC
LIMIT ?
"""


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(q / 100 * (len(ordered) - 1))))
    return ordered[index]


def build_store(path: Path, target_claims: int, batch: int = 200) -> tuple[int, int, float]:
    """Fill a store with synthetic extractions until it holds `target_claims` claims."""
    world = make_world()
    store = Store(path)
    start = time.perf_counter()
    articles = claims = 0
    pending = []
    for extraction in synthetic_extractions(10_000_000, world=world, seed=1):
        pending.append(extraction)
        claims += len(extraction.claims)
        if len(pending) >= batch or claims >= target_claims:
            store.add_many(pending)
            articles += len(pending)
            pending = []
            print(f"\r  building store: {claims:,} claims", end="", file=sys.stderr, flush=True)
        if claims >= target_claims:
            break
    print(file=sys.stderr)
    elapsed = time.perf_counter() - start
    store.close()
    return articles, claims, elapsed


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_server(db: Path, port: int) -> subprocess.Popen[bytes]:
    env = dict(os.environ, CONFLICTNEWS_DB=str(db))
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "uvicorn",
            "api.app:app",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--log-level",
            "warning",
            "--no-access-log",
        ],
        cwd=ROOT,
        env=env,
    )
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            conn.request("GET", "/health")
            if conn.getresponse().status == 200:
                conn.close()
                return server
        except OSError:
            time.sleep(0.2)
    server.kill()
    raise SystemExit("the API server did not start")


def time_http(port: int, paths: list[str], requests: int) -> tuple[list[float], int]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    for path in paths * 5:  # warm-up: caches, statement compilation
        conn.request("GET", path)
        conn.getresponse().read()
    latencies = []
    items = 0
    for i in range(requests):
        path = paths[i % len(paths)]
        start = time.perf_counter()
        conn.request("GET", path)
        response = conn.getresponse()
        body = response.read()
        latencies.append(time.perf_counter() - start)
        if response.status != 200:
            raise SystemExit(f"GET {path}: {response.status} {body[:200]!r}")
        items += len(json.loads(body)["items"])
    conn.close()
    return latencies, items


def time_raw_sql(db: Path, names: list[str], requests: int, limit: int) -> tuple[list[float], int]:
    conn = sqlite3.connect(db)
    latencies = []
    rows_seen = 0
    for i in range(requests + len(names) * 5):
        name = names[i % len(names)]
        start = time.perf_counter()
        ids = [r[0] for r in conn.execute(RAW_NAME_SQL, (fold(name),))]
        rows = conn.execute(RAW_CLAIMS_SQL, (ids[0], limit + 1)).fetchall()
        elapsed = time.perf_counter() - start
        if i >= len(names) * 5:
            latencies.append(elapsed)
            rows_seen += min(len(rows), limit)
    conn.close()
    return latencies, rows_seen


def time_library(db: Path, names: list[str], requests: int, limit: int) -> list[float]:
    store = Store(db)
    latencies = []
    for i in range(requests + len(names) * 5):
        start = time.perf_counter()
        store.claims(place=names[i % len(names)], limit=limit)
        if i >= len(names) * 5:
            latencies.append(time.perf_counter() - start)
    store.close()
    return latencies


def query_places(db: Path) -> list[tuple[str, int]]:
    """A popular, a middling and a rare place (name, claims) to query."""
    conn = sqlite3.connect(db)
    ranked = conn.execute(
        "SELECT locations.name, count(*) AS n FROM claim_places "
        "JOIN locations ON locations.id = claim_places.location_id "
        "GROUP BY locations.id ORDER BY n DESC"
    ).fetchall()
    conn.close()
    picks = [ranked[0], ranked[min(50, len(ranked) - 1)], ranked[min(1000, len(ranked) - 1)]]
    return [(str(name), int(n)) for name, n in picks]


def ingest_throughput(count: int, n_process: int, repeats: int) -> dict[str, float]:
    """Best-of-`repeats` times of extraction alone and of ingest, alternated on the same texts.

    Alternating and keeping each side's fastest run cancels most of the noise that other
    processes on the machine add to either side.
    """
    import conflictnews

    nlp = conflictnews.load_pipeline()
    texts = list(synthetic_inputs(count, seed=5))
    list(conflictnews.extract_many(list(synthetic_inputs(5, seed=6)), nlp=nlp))  # warm-up
    extract_runs: list[float] = []
    ingest_runs: list[float] = []
    store_runs: list[float] = []
    claims = extracted_claims = 0
    # Time spent inside the store during an ingest (lookups and writes), to see the
    # store's share without the noise of two separate extraction runs.
    inside = [0.0]
    originals = {name: getattr(Store, name) for name in ("add_many", "knows")}

    def timed(function):  # type: ignore[no-untyped-def]
        def wrapper(*args, **kwargs):  # type: ignore[no-untyped-def]
            start = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                inside[0] += time.perf_counter() - start

        return wrapper

    for name, function in originals.items():
        setattr(Store, name, timed(function))
    for _ in range(repeats):
        start = time.perf_counter()
        extracted = list(conflictnews.extract_many(texts, nlp=nlp, n_process=n_process))
        extract_runs.append(time.perf_counter() - start)
        extracted_claims = sum(len(e.claims) for e in extracted)
        with tempfile.TemporaryDirectory() as tmp:
            store = Store(Path(tmp) / "ingest.db")
            inside[0] = 0.0
            start = time.perf_counter()
            summary = store.ingest(texts, nlp=nlp, n_process=n_process)
            ingest_runs.append(time.perf_counter() - start)
            store_runs.append(inside[0])
            store.close()
        claims = summary.claims
    for name, function in originals.items():
        setattr(Store, name, function)
    return {
        "articles": count,
        "claims": claims,
        "claims_extracted": extracted_claims,
        "extract_s": min(extract_runs),
        "ingest_s": min(ingest_runs),
        "store_share": statistics.median(
            inside_s / total for inside_s, total in zip(store_runs, ingest_runs, strict=True)
        ),
        "extract_runs": extract_runs,  # type: ignore[dict-item]
        "ingest_runs": ingest_runs,  # type: ignore[dict-item]
    }


def peak_rss_mb() -> float:
    """Peak resident memory of this process in MB.

    ``VmHWM`` from /proc, because on Linux ``ru_maxrss`` survives fork+exec and would report
    the parent's peak for a small child; ``ru_maxrss`` elsewhere.
    """
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def memory_child(mode: str, count: int, db: str) -> None:
    """Run in a fresh process: ingest `count` articles and print peak RSS as JSON."""
    import conflictnews

    nlp = conflictnews.load_pipeline() if mode == "full" else None
    store = Store(db)
    if nlp is not None:
        list(conflictnews.extract_many(["Warm-up text."], nlp=nlp))
    baseline = peak_rss_mb()
    start = time.perf_counter()
    if mode == "full":
        summary = store.ingest(synthetic_inputs(count, seed=9), nlp=nlp)
    else:
        summary = store.ingest(synthetic_extractions(count, seed=9))
    elapsed = time.perf_counter() - start
    peak = peak_rss_mb()
    store.close()
    print(
        json.dumps(
            {
                "mode": mode,
                "articles": summary.new,
                "claims": summary.claims,
                "baseline_mb": baseline,
                "peak_mb": peak,
                "seconds": elapsed,
            }
        )
    )


def measure_memory(mode: str, count: int) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp:
        out = subprocess.run(
            [sys.executable, __file__, "--memory-child", mode, str(count), str(Path(tmp) / "m.db")],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        )
    return json.loads(out.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def row(label: str, *cells: str) -> str:
    return f"| {label:<44} | " + " | ".join(f"{c:>12}" for c in cells) + " |"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--claims", type=int, default=100_000, help="claims in the API store")
    parser.add_argument("--requests", type=int, default=600, help="timed requests per side")
    parser.add_argument("--limit", type=int, default=50, help="page size of /claims")
    parser.add_argument("--ingest-articles", type=int, default=40, help="texts for throughput")
    parser.add_argument("--n-process", type=int, default=1, help="spaCy workers for ingest")
    parser.add_argument("--repeats", type=int, default=5, help="alternated ingest/extract runs")
    parser.add_argument("--memory-articles", type=int, default=10_000, help="store-only ingest")
    parser.add_argument("--memory-full-articles", type=int, default=100, help="full ingest")
    parser.add_argument("--db", type=Path, help="reuse or keep the API store at this path")
    parser.add_argument("--skip", nargs="*", default=[], choices=["api", "ingest", "memory"])
    parser.add_argument(
        "--memory-child", nargs=3, metavar=("MODE", "N", "DB"), help=argparse.SUPPRESS
    )
    args = parser.parse_args()
    if args.memory_child:
        memory_child(args.memory_child[0], int(args.memory_child[1]), args.memory_child[2])
        return

    lines = ["| measure" + " " * 37 + " | " + " | ".join(f"{h:>12}" for h in ("value", "", ""))]
    print(f"machine: {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.2f}", file=sys.stderr)
    results: list[str] = []

    if "api" not in args.skip:
        tmp = tempfile.TemporaryDirectory()
        db = args.db or Path(tmp.name) / "bench.db"
        if not (db.exists() and Store(db).stats().claims >= args.claims):
            articles, claims, elapsed = build_store(db, args.claims)
            results.append(
                row(
                    "store build (articles / claims / s)",
                    f"{articles:,}",
                    f"{claims:,}",
                    f"{elapsed:.1f}",
                )
            )
        stats = Store(db).stats()
        results.append(
            row(
                "store size (articles / claims / places)",
                f"{stats.articles:,}",
                f"{stats.claims:,}",
                f"{stats.places:,}",
            )
        )
        places = query_places(db)
        names = [name for name, _ in places]
        results.append(row("queried places (claims each)", *[f"{n} ({c})" for n, c in places]))
        paths = [f"/claims?place={quote(name)}&limit={args.limit}" for name in names]
        raw, raw_rows = time_raw_sql(db, names, args.requests, args.limit)
        lib = time_library(db, names, args.requests, args.limit)
        port = free_port()
        server = start_server(db, port)
        try:
            api, api_items = time_http(port, paths, args.requests)
        finally:
            server.terminate()
            server.wait(timeout=30)
        if api_items != raw_rows:
            print(
                f"warning: API returned {api_items} items, raw SQL {raw_rows} rows", file=sys.stderr
            )
        ms = 1000.0
        results.append(
            row(
                "raw SQL (sqlite3) median / p99 ms",
                f"{statistics.median(raw) * ms:.3f}",
                f"{percentile(raw, 99) * ms:.3f}",
                "",
            )
        )
        results.append(
            row(
                "library Store.claims median / p99 ms",
                f"{statistics.median(lib) * ms:.3f}",
                f"{percentile(lib, 99) * ms:.3f}",
                "",
            )
        )
        results.append(
            row(
                "HTTP GET /claims?place= median / p99 ms",
                f"{statistics.median(api) * ms:.3f}",
                f"{percentile(api, 99) * ms:.3f}",
                "",
            )
        )
        for k, (name, count) in enumerate(places):
            # Requests rotate over the places, so every len(places)-th sample is this place's.
            per = [statistics.median(xs[k :: len(places)]) * ms for xs in (raw, lib, api)]
            results.append(
                row(
                    f"  {name} ({count} claims): raw / lib / API ms",
                    *(f"{v:.3f}" for v in per),
                )
            )
        ratio = statistics.median(api) / statistics.median(raw)
        results.append(row("API median / raw SQL median (target <= 3)", f"{ratio:.2f}", "", ""))
        results.append(
            row("API p99 / raw SQL p99", f"{percentile(api, 99) / percentile(raw, 99):.2f}", "", "")
        )
        results.append(
            row("requests per side / page size", str(args.requests), str(args.limit), "")
        )
        tmp.cleanup()

    if "ingest" not in args.skip:
        t = ingest_throughput(args.ingest_articles, args.n_process, args.repeats)
        results.append(
            row(
                "extraction alone (articles/s)",
                f"{t['articles'] / t['extract_s']:.2f}",
                f"{t['extract_s']:.1f} s",
                "",
            )
        )
        results.append(
            row(
                "ingest = extract + store (articles/s)",
                f"{t['articles'] / t['ingest_s']:.2f}",
                f"{t['ingest_s']:.1f} s",
                "",
            )
        )
        results.append(
            row(
                "ingest / extraction throughput (target >= 0.9)",
                f"{t['extract_s'] / t['ingest_s']:.3f}",
                "",
                "",
            )
        )
        results.append(
            row(
                "store share of ingest time; 1 - share",
                f"{t['store_share']:.3f}",
                f"{1 - t['store_share']:.3f}",
                "",
            )
        )
        results.append(
            row(
                "extract / ingest runs (s)",
                " ".join(f"{x:.1f}" for x in t["extract_runs"]),  # type: ignore[attr-defined]
                " ".join(f"{x:.1f}" for x in t["ingest_runs"]),  # type: ignore[attr-defined]
                "",
            )
        )
        results.append(
            row("claims stored / extracted", str(t["claims"]), str(t["claims_extracted"]), "")
        )

    if "memory" not in args.skip:
        for mode, count in (("store", args.memory_articles), ("full", args.memory_full_articles)):
            m = measure_memory(mode, count)
            label = "store-only ingest" if mode == "store" else "full ingest (spaCy + store)"
            results.append(
                row(
                    f"{label}: {int(m['articles']):,} articles, peak MB",
                    f"{m['peak_mb']:.0f}",
                    f"base {m['baseline_mb']:.0f}",
                    f"{m['seconds']:.0f} s",
                )
            )

    print("\n".join([lines[0], "|" + "-" * 46 + "|" + "|".join(["-" * 14] * 3) + "|", *results]))


if __name__ == "__main__":
    main()
