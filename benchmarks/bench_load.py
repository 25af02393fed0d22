"""Load test of the REST API on loopback: many concurrent clients searching claims by place.

    python benchmarks/bench_load.py [--clients 50] [--duration 30] [--articles 2000]
                                    [--workers 1] [--db PATH] [--keep-db]
                                    [--url http://HOST:PORT] [--path /health --expect 200]
                                    [--server-pid PID]

1. Seeds a temporary SQLite store with synthetic extractions (template articles with claims
   at `--places` places, written through `Store.add`, no spaCy), unless `--db` names an
   existing store.
2. Starts ``conflictnews serve`` on 127.0.0.1 (a free port) over that store.
3. Runs `--clients` concurrent clients (httpx, asyncio) for `--duration` seconds, each
   sending ``GET /claims?place=...`` back to back with a place id or one of its spellings.
4. Stops the server and prints throughput, latency percentiles and the error count.
   Exits 1 when any request failed (a non-200 answer, a timeout or a connection error).

Everything stays on loopback and stops by itself.

With ``--url`` it seeds and starts nothing: it loads a server already running there (started
by you, with as many ``--workers`` as you want to measure), asking ``GET /places`` for the
place ids to query. With ``--path`` every client requests that one path instead of claims
(``/health``, or a path that does not exist with ``--expect 404``), counting any other status
as an error. ``--server-pid`` (Linux) also reports the CPU time the server process and its
children (uvicorn workers) spent per answered request: unlike req/s, it barely moves when
other programs share the machine.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import os
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from conflictnews._ids import article_id, claim_id
from conflictnews.models import (
    Actor,
    ActorKind,
    Article,
    Claim,
    EventType,
    Extraction,
    Location,
    LocationKind,
    Stance,
)
from conflictnews.store import Store

HOST = "127.0.0.1"
SYLLABLES = ["ka", "ri", "mo", "sa", "te", "lu", "vo", "na", "zer", "dun", "bel", "gor", "ost"]
EVENTS = [EventType.CAPTURE, EventType.STRIKE, EventType.ATTACK, EventType.WITHDRAW]
STANCES = [Stance.ASSERTED, Stance.ASSERTED, Stance.DENIED, Stance.UNCONFIRMED]


def _name(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(3)).capitalize()


def synthetic_world(places: int, seed: int) -> tuple[list[Location], list[Actor]]:
    rng = random.Random(seed)
    names = sorted({_name(rng) for _ in range(places * 2)})[:places]
    locations = [
        Location(
            id=f"geonames:{8_000_000 + i}",
            name=name,
            kind=LocationKind.SETTLEMENT,
            lat=40 + rng.random() * 10,
            lon=30 + rng.random() * 10,
            geonames_id=8_000_000 + i,
            mentions=[name, name.lower() + "e"],  # a second spelling, found by name lookups
        )
        for i, name in enumerate(names)
    ]
    actors = [
        Actor(
            id=f"actor:force-{i}",
            name=f"Force {i}",
            kind=ActorKind.ARMED_GROUP,
            side="north" if i % 2 else "south",
        )
        for i in range(12)
    ]
    return locations, actors


def synthetic_extraction(
    n: int, rng: random.Random, locations: list[Location], actors: list[Actor]
) -> Extraction:
    here = rng.sample(locations, 2)
    agent, claimant = rng.sample(actors, 2)
    day = dt.date(2024, 1, 1) + dt.timedelta(days=rng.randrange(365))
    sentences = [
        f"{claimant.name} said {agent.name} {event.value} {place.name} on {day:%d %B} "
        f"in report {n}-{k}."
        for k, (event, place) in enumerate(
            (rng.choice(EVENTS), here[k % 2]) for k in range(rng.randint(1, 4))
        )
    ]
    text = f"Dispatch {n} from {here[0].name}\n" + " ".join(sentences)
    aid = article_id(text)
    claims = []
    for k, sentence in enumerate(sentences):
        place = here[k % 2]
        start = text.index(sentence)
        end = start + len(sentence) - 1
        event = EventType(sentence.split(agent.name + " ", 1)[1].split(" ", 1)[0])
        stance = rng.choice(STANCES)
        claims.append(
            Claim(
                id=claim_id(aid, start, end, event.value, stance.value, [place.id]),
                article_id=aid,
                text=sentence,
                start=start,
                end=end,
                event=event,
                stance=stance,
                claimant=claimant.id,
                agent=agent.id,
                places=[place.id],
                date=day.isoformat(),
            )
        )
    article = Article(
        id=aid,
        title=text.splitlines()[0],
        text=text,
        source=f"Outlet {n % 25}",
        published=day,
        url=f"https://news.example/{n}",
    )
    return Extraction(article=article, claims=claims, actors=[agent, claimant], locations=here)


def seed(db: Path | str, articles: int, places: int, seed_value: int = 11) -> list[Location]:
    locations, actors = synthetic_world(places, seed_value)
    rng = random.Random(seed_value)
    with Store(db) as store:
        if store.stats().articles < articles:
            summary = store.ingest(
                synthetic_extraction(n, rng, locations, actors) for n in range(articles)
            )
            print(f"seeded {summary.new} articles, {summary.claims} claims", file=sys.stderr)
        stats = store.stats()
    print(
        f"store: {stats.articles} articles, {stats.claims} claims, {stats.places} places",
        file=sys.stderr,
    )
    return locations


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


def start_server(db: Path | str, port: int, workers: int) -> subprocess.Popen[bytes]:
    cli = Path(sys.executable).parent / "conflictnews"
    base = [str(cli)] if cli.exists() else [sys.executable, "-m", "conflictnews.cli"]
    command = [*base, "serve", "--host", HOST, "--port", str(port), "--db", str(db)]
    command += ["--workers", str(workers)]
    env = {**os.environ, "CONFLICTNEWS_DB": str(db)}
    return subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def wait_ready(base_url: str, proc: subprocess.Popen[bytes], timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"server exited with code {proc.returncode}")
        try:
            if httpx.get(base_url + "/health", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise SystemExit("server did not become ready")


@dataclass
class Results:
    latencies: list[float] = field(default_factory=list)
    errors: dict[str, int] = field(default_factory=dict)
    claims_seen: int = 0

    def error(self, kind: str) -> None:
        self.errors[kind] = self.errors.get(kind, 0) + 1


async def fixed_path_loop(
    client: httpx.AsyncClient, path: str, expect: int, deadline: float, out: Results
) -> None:
    while time.monotonic() < deadline:
        start = time.perf_counter()
        try:
            response = await client.get(path)
        except httpx.HTTPError as exc:
            out.error(type(exc).__name__)
            continue
        elapsed = time.perf_counter() - start
        if response.status_code != expect:
            out.error(f"HTTP {response.status_code}")
            continue
        out.latencies.append(elapsed)


async def client_loop(
    client: httpx.AsyncClient, queries: list[str], deadline: float, seed_value: int, out: Results
) -> None:
    rng = random.Random(seed_value)
    while time.monotonic() < deadline:
        place = rng.choice(queries)
        start = time.perf_counter()
        try:
            response = await client.get("/claims", params={"place": place, "limit": 20})
        except httpx.HTTPError as exc:
            out.error(type(exc).__name__)
            continue
        elapsed = time.perf_counter() - start
        if response.status_code != 200:
            out.error(f"HTTP {response.status_code}")
            continue
        out.latencies.append(elapsed)
        out.claims_seen += len(response.json()["items"])


async def run_load(
    base_url: str,
    queries: list[str],
    clients: int,
    duration: float,
    path: str | None = None,
    expect: int = 200,
) -> Results:
    out = Results()
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(base_url=base_url, limits=limits, timeout=30) as client:
        deadline = time.monotonic() + duration
        if path is not None:
            loops = [fixed_path_loop(client, path, expect, deadline, out) for _ in range(clients)]
        else:
            loops = [client_loop(client, queries, deadline, i, out) for i in range(clients)]
        await asyncio.gather(*loops)
    return out


def queries_from(base_url: str, count: int = 200) -> list[str]:
    """Place ids a running server holds, most claimed first."""
    response = httpx.get(base_url + "/places", params={"limit": count}, timeout=30)
    response.raise_for_status()
    ids = [str(item["id"]) for item in response.json()]
    if not ids:
        raise SystemExit(f"{base_url} holds no places to query")
    return ids


def cpu_seconds(pid: int) -> float:
    """CPU time (user + system) of a process and of its children, from /proc."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0.0
    pids = [pid]
    for task in Path(f"/proc/{pid}/task").iterdir():
        children = (task / "children").read_text().split()
        pids.extend(int(child) for child in children)
    for each in pids:
        fields = Path(f"/proc/{each}/stat").read_text().rsplit(")", 1)[1].split()
        total += (int(fields[11]) + int(fields[12])) / ticks  # utime, stime
    return total


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def report(out: Results, duration: float, clients: int, workers: int) -> None:
    done = len(out.latencies)
    errors = sum(out.errors.values())
    ms = [v * 1000 for v in out.latencies]
    print(f"clients={clients} duration={duration:.1f}s server_workers={workers or 'unknown'}")
    print(f"requests ok:   {done}")
    print(f"errors:        {errors} {out.errors if out.errors else ''}".rstrip())
    print(f"throughput:    {done / duration:.1f} req/s")
    if ms:
        print(
            f"latency ms:    p50 {percentile(ms, 0.5):.1f}  p90 {percentile(ms, 0.9):.1f}  "
            f"p99 {percentile(ms, 0.99):.1f}  max {max(ms):.1f}  mean {statistics.fmean(ms):.1f}"
        )
    print(f"claims served: {out.claims_seen}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--duration", type=float, default=30.0, help="seconds of load (max 600)")
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--places", type=int, default=200)
    parser.add_argument("--workers", type=int, default=1, help="uvicorn worker processes")
    parser.add_argument(
        "--db", help="store to seed (if smaller) and serve: SQLite file or SQLAlchemy URL"
    )
    parser.add_argument("--keep-db", action="store_true", help="keep the temporary store")
    parser.add_argument("--url", help="load a server already running at this base URL")
    parser.add_argument("--path", help="request this path instead of claims by place")
    parser.add_argument("--expect", type=int, default=200, help="status counted as success")
    parser.add_argument("--server-pid", type=int, help="report this server's CPU per request")
    args = parser.parse_args()
    duration = min(max(args.duration, 1.0), 600.0)
    clients = min(max(args.clients, 1), 1000)

    if args.url:
        base_url = args.url.rstrip("/")
        queries = [] if args.path else queries_from(base_url)
        cpu_before = cpu_seconds(args.server_pid) if args.server_pid else 0.0
        out = asyncio.run(run_load(base_url, queries, clients, duration, args.path, args.expect))
        report(out, duration, clients, 0)
        if args.server_pid and out.latencies:
            used = cpu_seconds(args.server_pid) - cpu_before
            print(f"server CPU:    {used * 1e6 / len(out.latencies):.0f} us per request")
        if out.errors:
            raise SystemExit(1)
        return

    folder = None if args.db else Path(tempfile.mkdtemp(prefix="conflictnews-load-"))
    db: Path | str = args.db or folder / "load.db"  # type: ignore[operator]
    locations = seed(db, args.articles, args.places)
    # Half the queries by id, half by a spelling the store knows (a name lookup).
    queries = [loc.id for loc in locations] + [loc.mentions[-1] for loc in locations]

    port = free_port()
    base_url = f"http://{HOST}:{port}"
    server = start_server(db, port, args.workers)
    try:
        wait_ready(base_url, server)
        out = asyncio.run(run_load(base_url, queries, clients, duration, args.path, args.expect))
    finally:
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
        if folder is not None and not args.keep_db:
            shutil.rmtree(folder, ignore_errors=True)
    report(out, duration, clients, args.workers)
    if out.errors:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
