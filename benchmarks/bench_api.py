"""Benchmark of the claim store and the REST API.

Measures, in one run:

1. ``GET /claims?place=X`` over real HTTP (uvicorn on 127.0.0.1, a separate process, one
   keep-alive connection) against the same query in raw SQL (sqlite3 on the same file: the
   same name lookup, then the same columns, WHERE, ORDER BY and LIMIT the store runs), on a
   store of at least 100,000 claims built from synthetic template articles
   (`benchmarks/_synthetic.py`, no spaCy needed). Median and p99 latency; target API median
   <= 3x raw SQL. HTTP is timed with a minimal raw-socket client (prebuilt request bytes,
   Content-Length body) that does no more than a request needs; the same requests through
   ``http.client`` are reported too, since its header parsing adds about 0.1 ms to every
   figure. In the same run, the floor: uvicorn with the same settings serving a bare ASGI app
   and an empty FastAPI endpoint taking the same query model (`benchmarks/_floor_apps.py`).
   Every side (raw SQL, library, API, floors) takes turns in `--rounds` rounds, so that the
   load of other processes on the machine falls on all of them alike.
2. Ingest throughput (extract + store) against extraction alone on the same texts, with the
   real pipeline; target >= 0.9.
3. Peak memory (VmHWM, in a fresh process) of a 10,000-article ingest into the store from
   finished extractions, and of a full ingest (spaCy extraction + store) of a smaller count.

Run from the repository root::

    .venv/bin/python benchmarks/bench_api.py                 # defaults: about 5-8 minutes
    .venv/bin/python benchmarks/bench_api.py --claims 20000 --requests 100 --ingest-articles 20

On PostgreSQL, the API store is built in an empty database given as a URL (raw SQL then runs
on a psycopg connection)::

    createdb -h 127.0.0.1 -U postgres cn_bench
    .venv/bin/python benchmarks/bench_api.py --skip ingest memory \
        --db postgresql+psycopg://postgres@127.0.0.1:5432/cn_bench
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

API_APP = "conflictnews.api.app:app"
FASTAPI_FLOOR = "benchmarks._floor_apps:fastapi_app"
ASGI_FLOOR = "benchmarks._floor_apps:asgi_app"

# What the store runs for /claims?place=X (`Store.claims_json`): the folded name's place ids,
# then each claim's stored JSON (and the day and id its cursor is made of) at that place.
RAW_NAME_SQL = "SELECT DISTINCT location_id FROM location_names WHERE name_fold = ?"
RAW_CLAIMS_SQL = """
SELECT claims.record_json, claim_places.day, claim_places.claim_id
FROM claim_places JOIN claims ON claims.id = claim_places.claim_id
WHERE claim_places.location_id = ?
ORDER BY claim_places.day DESC, claim_places.claim_id DESC
LIMIT ?
"""


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(q / 100 * (len(ordered) - 1))))
    return ordered[index]


def build_store(path: str, target_claims: int, batch: int = 200) -> tuple[int, int, float]:
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


def start_server(db: str, port: int, app: str, probe: str) -> subprocess.Popen[bytes]:
    """uvicorn serving `app` on loopback (one worker, no access log), once `probe` answers."""
    env = dict(os.environ, CONFLICTNEWS_DB=str(db))
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "uvicorn",
            app,
            "--app-dir",
            str(ROOT),
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
            conn.request("GET", probe)
            if conn.getresponse().status == 200:
                conn.close()
                return server
        except OSError:
            time.sleep(0.2)
    server.kill()
    raise SystemExit(f"{app} did not start")


class RawClient:
    """A minimal HTTP/1.1 keep-alive client: prebuilt request bytes out, a Content-Length body in.

    It does no more than a request needs, so that what it times is the server.
    """

    def __init__(self, port: int) -> None:
        self.sock = socket.create_connection(("127.0.0.1", port), timeout=30)
        self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.reader = self.sock.makefile("rb")
        self.host = f"127.0.0.1:{port}"

    def request_bytes(self, path: str) -> bytes:
        return f"GET {path} HTTP/1.1\r\nHost: {self.host}\r\n\r\n".encode("ascii")

    def get(self, request: bytes) -> tuple[int, bytes]:
        self.sock.sendall(request)
        status = int(self.reader.readline().split(b" ", 2)[1])
        length = None
        while True:
            line = self.reader.readline()
            if line in (b"\r\n", b""):
                break
            name, _, value = line.partition(b":")
            if name.lower() == b"content-length":
                length = int(value)
        if length is None:
            raise SystemExit("a response without Content-Length")
        return status, self.reader.read(length)

    def close(self) -> None:
        self.reader.close()
        self.sock.close()


class HttpClient:
    """The same requests through the standard library's ``http.client``."""

    def __init__(self, port: int) -> None:
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)

    def request_bytes(self, path: str) -> str:
        return path

    def get(self, path: str) -> tuple[int, bytes]:
        self.conn.request("GET", path)
        response = self.conn.getresponse()
        return response.status, response.read()

    def close(self) -> None:
        self.conn.close()


class Side:
    """One way of answering the benchmark's queries, timed one request at a time.

    `run(i)` answers query ``i % len(queries)`` and returns the seconds it took; `last` keeps
    the latest answer to each query, for checking that the sides answer the same.
    """

    def __init__(self, count: int) -> None:
        self.last: list[object] = [None] * count

    def answer(self, k: int) -> object:
        raise NotImplementedError

    def run(self, i: int) -> float:
        k = i % len(self.last)
        start = time.perf_counter()
        answer = self.answer(k)
        elapsed = time.perf_counter() - start
        self.last[k] = answer
        return elapsed

    def close(self) -> None:
        pass


def is_url(db: str) -> bool:
    return "://" in db


class RawSql(Side):
    """The store's two statements for /claims?place=X, in raw SQL on the driver's connection
    (sqlite3 on the file, or psycopg in autocommit on a PostgreSQL URL)."""

    def __init__(self, db: str, names: list[str], limit: int) -> None:
        super().__init__(len(names))
        self.name_sql, self.claims_sql = RAW_NAME_SQL, RAW_CLAIMS_SQL
        if is_url(db):
            import psycopg
            from sqlalchemy.engine import make_url

            conninfo = make_url(db).set(drivername="postgresql")
            self.conn = psycopg.connect(
                conninfo.render_as_string(hide_password=False), autocommit=True
            )
            self.name_sql = RAW_NAME_SQL.replace("?", "%s")
            self.claims_sql = RAW_CLAIMS_SQL.replace("?", "%s")
        else:
            self.conn = sqlite3.connect(db)
        self.names, self.limit = names, limit

    def answer(self, k: int) -> list[str]:
        ids = [r[0] for r in self.conn.execute(self.name_sql, (fold(self.names[k]),))]
        rows = self.conn.execute(self.claims_sql, (ids[0], self.limit + 1)).fetchall()
        return [r[0] for r in rows[: self.limit]]

    def close(self) -> None:
        self.conn.close()


class Library(Side):
    """A `Store` method called in process with the same place names."""

    def __init__(self, method, names: list[str], limit: int) -> None:  # type: ignore[no-untyped-def]
        super().__init__(len(names))
        self.method, self.names, self.limit = method, names, limit

    def answer(self, k: int) -> object:
        return self.method(place=self.names[k], limit=self.limit)


class Http(Side):
    """GET requests over one keep-alive connection."""

    def __init__(self, client, paths: list[str]) -> None:  # type: ignore[no-untyped-def]
        super().__init__(len(paths))
        self.client, self.paths = client, paths
        self.requests = [client.request_bytes(path) for path in paths]

    def answer(self, k: int) -> bytes:
        status, body = self.client.get(self.requests[k])
        if status != 200:
            raise SystemExit(f"GET {self.paths[k]}: {status} {body[:200]!r}")
        return body  # type: ignore[no-any-return]

    def close(self) -> None:
        self.client.close()


def interleaved(sides: dict[str, Side], requests: int, rounds: int) -> dict[str, list[float]]:
    """Latencies of `requests` queries per side, the sides taking turns in `rounds` rounds.

    Taking turns spreads the noise of other processes on the machine over every side alike,
    so that the ratios between sides hold even when the absolute figures move.
    """
    for side in sides.values():
        for i in range(len(side.last) * 20):  # warm-up: caches, statement compilation
            side.run(i)
    latencies: dict[str, list[float]] = {name: [] for name in sides}
    per_round = -(-requests // rounds)
    for first in range(0, requests, per_round):
        for name, side in sides.items():
            latencies[name].extend(
                side.run(i) for i in range(first, min(first + per_round, requests))
            )
    return latencies


def query_places(db: str) -> list[tuple[str, int]]:
    """A popular, a middling and a rare place (name, claims) to query."""
    from sqlalchemy import create_engine, text

    from conflictnews.store._engine import database_url

    engine = create_engine(database_url(db))
    with engine.connect() as conn:
        ranked = conn.execute(
            text(
                "SELECT locations.name, count(*) AS n FROM claim_places "
                "JOIN locations ON locations.id = claim_places.location_id "
                "GROUP BY locations.id, locations.name ORDER BY n DESC, locations.id"
            )
        ).all()
    engine.dispose()
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
    parser.add_argument("--requests", type=int, default=2000, help="timed requests per side")
    parser.add_argument("--limit", type=int, default=50, help="page size of /claims")
    parser.add_argument("--rounds", type=int, default=20, help="turns the timed sides take")
    parser.add_argument("--ingest-articles", type=int, default=40, help="texts for throughput")
    parser.add_argument("--n-process", type=int, default=1, help="spaCy workers for ingest")
    parser.add_argument("--repeats", type=int, default=5, help="alternated ingest/extract runs")
    parser.add_argument("--memory-articles", type=int, default=10_000, help="store-only ingest")
    parser.add_argument("--memory-full-articles", type=int, default=100, help="full ingest")
    parser.add_argument(
        "--db",
        help="reuse or keep the API store at this path, or build it in this (empty) database: "
        "postgresql+psycopg://...",
    )
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
        db = args.db or str(Path(tmp.name) / "bench.db")
        if not ((is_url(db) or Path(db).exists()) and Store(db).stats().claims >= args.claims):
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
        store = Store(db)
        servers = {}
        try:
            for app in (API_APP, FASTAPI_FLOOR, ASGI_FLOOR):
                port = free_port()
                servers[app] = (start_server(db, port, app, paths[0]), port)
            sides: dict[str, Side] = {
                "raw": RawSql(db, names, args.limit),
                "claims": Library(store.claims, names, args.limit),
                "claims_json": Library(store.claims_json, names, args.limit),
                "api": Http(RawClient(servers[API_APP][1]), paths),
                "api http.client": Http(HttpClient(servers[API_APP][1]), paths),
                "fastapi floor": Http(RawClient(servers[FASTAPI_FLOOR][1]), paths),
                "asgi floor": Http(RawClient(servers[ASGI_FLOOR][1]), paths),
            }
            print(f"load average before timing: {os.getloadavg()[0]:.2f}", file=sys.stderr)
            timed = interleaved(sides, args.requests, args.rounds)
            print(f"load average after timing: {os.getloadavg()[0]:.2f}", file=sys.stderr)
            for side in sides.values():
                side.close()
        finally:
            for server, _port in servers.values():
                server.terminate()
                server.wait(timeout=30)
            store.close()
        raw_records = sides["raw"].last
        for name, records, body in zip(names, raw_records, sides["api"].last, strict=True):
            # The API must serve exactly what the raw SQL reads, or the comparison means nothing.
            assert isinstance(records, list) and isinstance(body, bytes)
            if not body.startswith(b'{"items":[' + ",".join(records).encode() + b"],"):
                raise SystemExit(f"/claims?place={name} does not serve the raw SQL's records")
        raw, http_api, fastapi_floor = timed["raw"], timed["api"], timed["fastapi floor"]
        ms = 1000.0
        raw_median = statistics.median(raw)

        def latency(label: str, values: list[float]) -> str:
            median = statistics.median(values)
            return row(
                label,
                f"{median * ms:.3f}",
                f"{percentile(values, 99) * ms:.3f}",
                f"{median / raw_median:.2f}x",
            )

        results.append(row("latency: median ms / p99 ms / median vs raw SQL", "", "", ""))
        driver = "psycopg" if is_url(db) else "sqlite3"
        results.append(latency(f"raw SQL ({driver}): name lookup + page query", raw))
        results.append(latency("library Store.claims (models)", timed["claims"]))
        results.append(latency("library Store.claims_json (page bytes)", timed["claims_json"]))
        results.append(latency("HTTP GET /claims?place= (raw-socket client)", http_api))
        results.append(latency("HTTP GET /claims?place= (http.client)", timed["api http.client"]))
        results.append(latency("floor: empty FastAPI endpoint, ClaimQuery", fastapi_floor))
        results.append(latency("floor: bare ASGI app, constant bytes", timed["asgi floor"]))
        for k, (name, count) in enumerate(places):
            # Requests rotate over the places, so every len(places)-th sample is this place's.
            per = [
                statistics.median(xs[k :: len(places)]) * ms
                for xs in (raw, timed["claims_json"], http_api)
            ]
            results.append(
                row(
                    f"  {name} ({count} claims): raw / lib json / API ms",
                    *(f"{v:.3f}" for v in per),
                )
            )
        ratio = statistics.median(http_api) / raw_median
        results.append(row("API median / raw SQL median (target <= 3)", f"{ratio:.2f}", "", ""))
        results.append(
            row(
                "API p99 / raw SQL p99",
                f"{percentile(http_api, 99) / percentile(raw, 99):.2f}",
                "",
                "",
            )
        )
        above = statistics.median(http_api) - statistics.median(fastapi_floor)
        results.append(
            row(
                "API median above the FastAPI floor, ms / x raw",
                f"{above * ms:.3f}",
                f"{above / raw_median:.2f}x",
                "",
            )
        )
        results.append(
            row(
                "requests per side / page size / rounds",
                str(args.requests),
                str(args.limit),
                str(args.rounds),
            )
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
