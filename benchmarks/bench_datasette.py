"""Claims at a place: our API against Datasette serving the same SQLite file, under wrk.

    python benchmarks/bench_datasette.py [--claims 100000] [--db PATH] [--duration 5]
                                         [--rounds 3] [--connections 1 16]

Needs ``pip install -e ".[bench]"`` (Datasette) and ``wrk`` (``apt-get install wrk``).

1. Builds a store with `bench_api.build_store`'s synthetic extractions (or reuses ``--db``).
2. Picks places of three sizes: the most claimed, a middling one and a rarely claimed one.
3. Serves the file twice, each server pinned to CPU 0 with ``taskset``, one uvicorn process,
   no access log: ours (``conflictnews.api.app:app``, ``GET /claims?place=<id>&limit=50``)
   and Datasette with a canned query running the same SQL our store runs for that filter
   (claims at one place, newest first, 51 rows for a 50-claim page and its cursor), asked as
   ``/<db>/claims_at_place.json?place=<id>&_shape=array``. Both answer with every claim's
   stored JSON; Datasette's rows carry it as a string.
4. Runs wrk pinned to CPU 1 (one thread) against each side in alternating rounds (ours,
   Datasette, ours, ...) for every place and connection count, and prints the median req/s
   and p99 of the rounds, and our ratio to Datasette; also the server's CPU time per request
   (from /proc), which other programs loading the machine disturb far less than req/s.

The machine it was written on has 2 cores: the servers share one, wrk has the other.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_api import build_store, free_port  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SERVER_CPU = "0"
LOADER_CPU = "1"
PAGE = 50

CANNED_SQL = (
    "SELECT claims.record_json, claim_places.day, claim_places.claim_id "
    "FROM claim_places JOIN claims ON claims.id = claim_places.claim_id "
    "WHERE claim_places.location_id = :place "
    f"ORDER BY claim_places.day DESC, claim_places.claim_id DESC LIMIT {PAGE + 1}"
)


@dataclass
class Round:
    rps: float
    p50_ms: float
    p99_ms: float
    errors: int
    cpu_us: float


def pick_places(db: Path) -> list[tuple[str, str, int]]:
    """(size label, place id, claims there) for a many-, a medium- and a few-claims place."""
    conn = sqlite3.connect(db)
    ranked = conn.execute(
        "SELECT location_id, count(*) AS n FROM claim_places GROUP BY location_id "
        "ORDER BY n DESC, location_id"
    ).fetchall()
    conn.close()
    picks = {"many": ranked[0], "medium": ranked[len(ranked) // 10], "few": ranked[-1]}
    return [(label, str(pid), int(n)) for label, (pid, n) in picks.items()]


def datasette_child(port: int, db: str, metadata: str) -> None:
    """Serve `db` with Datasette as its CLI does, but without the access log (as ours runs)."""
    import uvicorn
    from datasette.app import Datasette

    with open(metadata, encoding="utf-8") as handle:
        meta = json.load(handle)
    ds = Datasette([db], metadata=meta)
    uvicorn.run(ds.app(), host="127.0.0.1", port=port, log_level="warning", access_log=False)


def pinned(cpu: str, command: list[str]) -> list[str]:
    return ["taskset", "-c", cpu, *command]


def wait_for(url: str, server: subprocess.Popen[bytes], timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"server for {url} exited with code {server.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"{url} did not answer")


def start_ours(db: Path, port: int) -> subprocess.Popen[bytes]:
    env = dict(os.environ, CONFLICTNEWS_DB=str(db))
    command = [sys.executable, "-m", "uvicorn", "conflictnews.api.app:app", "--port", str(port)]
    command += ["--host", "127.0.0.1", "--log-level", "warning", "--no-access-log"]
    return subprocess.Popen(pinned(SERVER_CPU, command), cwd=ROOT, env=env)


def start_datasette(db: Path, port: int, metadata: Path) -> subprocess.Popen[bytes]:
    command = [sys.executable, __file__, "--datasette-child", str(port), str(db), str(metadata)]
    return subprocess.Popen(pinned(SERVER_CPU, command), cwd=ROOT)


_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def _ms(text: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s)", text).groups()  # type: ignore[union-attr]
    return float(number) * _UNITS[unit]


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def run_wrk(url: str, connections: int, duration: float, server: int) -> Round:
    command = ["wrk", "-t1", f"-c{connections}", f"-d{duration:g}s", "--latency", url]
    cpu_before = cpu_seconds(server)
    out = subprocess.run(
        pinned(LOADER_CPU, command), capture_output=True, text=True, check=True
    ).stdout
    cpu = cpu_seconds(server) - cpu_before
    done = int(re.search(r"(\d+) requests in", out).group(1))  # type: ignore[union-attr]
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]
    p50 = _ms(re.search(r"\s50%\s+(\S+)", out).group(1))  # type: ignore[union-attr]
    p99 = _ms(re.search(r"\s99%\s+(\S+)", out).group(1))  # type: ignore[union-attr]
    errors = sum(int(n) for n in re.findall(r"Non-2xx or 3xx responses: (\d+)", out))
    socket = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    if socket:
        errors += sum(int(n) for n in socket.groups())
    return Round(rps, p50, p99, errors, cpu * 1e6 / max(done, 1))


def same_rows(ours_url: str, theirs_url: str) -> bool:
    """Both sides return the same claims, in the same order, for the place."""
    with urllib.request.urlopen(ours_url) as response:
        ours = [item["id"] for item in json.load(response)["items"]]
    with urllib.request.urlopen(theirs_url) as response:
        theirs = [json.loads(row["record_json"])["id"] for row in json.load(response)][:PAGE]
    return ours == theirs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0] if __doc__ else None)
    parser.add_argument("--claims", type=int, default=100_000, help="claims in the store")
    parser.add_argument("--db", type=Path, help="reuse or keep the store at this path")
    parser.add_argument("--duration", type=float, default=5.0, help="seconds per wrk round")
    parser.add_argument("--rounds", type=int, default=3, help="rounds per side (median)")
    parser.add_argument("--connections", type=int, nargs="+", default=[1, 16])
    parser.add_argument("--datasette-child", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.datasette_child:
        port, db_name, metadata = args.datasette_child
        datasette_child(int(port), db_name, metadata)
        return
    for tool in ("wrk", "taskset"):
        if shutil.which(tool) is None:
            raise SystemExit(f"{tool} is not installed")

    folder = Path(tempfile.mkdtemp(prefix="conflictnews-datasette-"))
    db = args.db or folder / "bench.db"
    if not db.exists():
        build_store(db, args.claims)
    metadata = folder / "metadata.json"
    metadata.write_text(
        json.dumps({"databases": {db.stem: {"queries": {"claims_at_place": CANNED_SQL}}}}),
        encoding="utf-8",
    )
    places = pick_places(db)
    ours_port, theirs_port = free_port(), free_port()
    servers = [start_ours(db, ours_port), start_datasette(db, theirs_port, metadata)]
    ours_pid, theirs_pid = servers[0].pid, servers[1].pid
    try:
        wait_for(f"http://127.0.0.1:{ours_port}/health", servers[0])
        wait_for(f"http://127.0.0.1:{theirs_port}/-/versions.json", servers[1])
        print(f"store {db}; servers on CPU {SERVER_CPU}, wrk -t1 on CPU {LOADER_CPU}")
        print(
            f"{'place':<22} {'conn':>4} {'ours req/s':>10} {'ds req/s':>9} {'ratio':>6} "
            f"{'ours p99':>9} {'ds p99':>8} {'p99 ratio':>9} {'errors':>6} "
            f"{'ours CPU':>8} {'ds CPU':>8} {'CPU ratio':>9}"
        )
        for label, place, count in places:
            ours_url = f"http://127.0.0.1:{ours_port}/claims?place={place}&limit={PAGE}"
            theirs_url = (
                f"http://127.0.0.1:{theirs_port}/{db.stem}/claims_at_place.json"
                f"?place={place}&_shape=array"
            )
            if not same_rows(ours_url, theirs_url):
                raise SystemExit(f"the two sides disagree on the claims at {place}")
            for connections in args.connections:
                run_wrk(ours_url, connections, 1, ours_pid)  # warm both before timing
                run_wrk(theirs_url, connections, 1, theirs_pid)
                ours: list[Round] = []
                theirs: list[Round] = []
                for _ in range(args.rounds):
                    ours.append(run_wrk(ours_url, connections, args.duration, ours_pid))
                    theirs.append(run_wrk(theirs_url, connections, args.duration, theirs_pid))
                o_rps = statistics.median(r.rps for r in ours)
                t_rps = statistics.median(r.rps for r in theirs)
                o_p99 = statistics.median(r.p99_ms for r in ours)
                t_p99 = statistics.median(r.p99_ms for r in theirs)
                errors = sum(r.errors for r in ours + theirs)
                o_cpu = statistics.median(r.cpu_us for r in ours)
                t_cpu = statistics.median(r.cpu_us for r in theirs)
                print(
                    f"{label + f' ({count} claims)':<22} {connections:>4} {o_rps:>10.0f} "
                    f"{t_rps:>9.0f} {o_rps / t_rps:>5.2f}x {o_p99:>7.2f}ms {t_p99:>6.2f}ms "
                    f"{o_p99 / t_p99:>8.2f}x {errors:>6} {o_cpu:>6.0f}us {t_cpu:>6.0f}us "
                    f"{t_cpu / o_cpu:>8.2f}x",
                    flush=True,
                )
    finally:
        for server in servers:
            server.terminate()
            try:
                server.wait(timeout=15)
            except subprocess.TimeoutExpired:
                server.kill()
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
