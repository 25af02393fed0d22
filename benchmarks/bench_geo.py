"""Benchmark of the places gazetteer and resolver.

Measures, each in a fresh process so that nothing is warm:

1. Building the gazetteer cache from the installed packages (into a temporary directory).
2. Opening the built cache (the cost every short run pays), and the first lookups.
3. Resolving place spans of our own synthetic sentences: spans per second.
4. Optionally, resolution on a geoparsing corpus given with ``--corpus`` (the JSONL format of
   ``geo_score.py``): exact id, accuracy within 161 km and coverage counting every best guess
   (``min_confidence=0``), with a breakdown by the kind of the gold place (country,
   first-level region, settlement, ...), how often the approximate points of contained places
   (`Location.within`) are right, and the precision/coverage curve over the confidence
   threshold: at each threshold, of the toponyms resolved to an entry of their own, the share
   resolved to the gold GeoNames id (precision), and the share so resolved (coverage).

Run from the repository root::

    .venv/bin/python benchmarks/bench_geo.py
    .venv/bin/python benchmarks/bench_geo.py --corpus ../shared/eval/geo/gwn.jsonl
"""

from __future__ import annotations

import argparse
import json
import math
import os
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

_OPEN = """
import time
t = time.perf_counter()
from conflictnews.places._gazetteer import gazetteer
imported = time.perf_counter() - t
t = time.perf_counter()
g = gazetteer()
opened = time.perf_counter() - t
t = time.perf_counter()
for key in ("kursk", "sudzha", "khartoum", "el fasher", "gaza", "mandalay", "bamako"):
    [g.record(i) for i, _ in g.lookup(key)]
looked = time.perf_counter() - t
print(imported, opened, looked)
"""

_SENTENCES = (
    "Fighting was reported in {a} and near {b}, in the {r} region.",
    "Drones struck {a} overnight, officials in {b} said.",
    "Troops advanced from {a} towards {b} and {c}.",
)
_NAMES = (
    ("Sudzha", "Kursk", "Kursk", "Lgov"),
    ("Avdiivka", "Donetsk", "Donetsk", "Pokrovsk"),
    ("El Fasher", "Nyala", "North Darfur", "Kutum"),
    ("Myawaddy", "Hpa-an", "Kayin", "Mawlamyine"),
    ("Djibo", "Ouahigouya", "Nord", "Kaya"),
)


def _fresh(code: str, env: dict[str, str]) -> str:
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    return out.stdout.strip()


def _synthetic() -> list[tuple[str, list[tuple[int, int]]]]:
    docs = []
    for template in _SENTENCES:
        for a, b, r, c in _NAMES:
            text = template.format(a=a, b=b, r=r, c=c)
            spans = []
            for name in (a, b, r, c):
                i = text.find(name)
                if i >= 0:
                    spans.append((i, i + len(name)))
            docs.append((text, spans))
    return docs


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p = math.pi / 180
    h = (
        math.sin((lat2 - lat1) * p / 2) ** 2
        + math.cos(lat1 * p) * math.cos(lat2 * p) * math.sin((lon2 - lon1) * p / 2) ** 2
    )
    return 12742 * math.asin(math.sqrt(min(1.0, h)))


def _corpus(path: Path) -> None:
    from conflictnews import resolve_places
    from conflictnews.places._confidence import default_min_confidence, pipeline_min_confidence
    from conflictnews.places._gazetteer import (
        CONTINENT,
        COUNTRY,
        DISTRICT,
        REGION,
        SETTLEMENT,
        gazetteer,
    )

    gaz = gazetteer()
    kind_of: dict[int, str] = {}
    names = {SETTLEMENT: "settlement", REGION: "region", DISTRICT: "district"}
    names |= {COUNTRY: "country", CONTINENT: "continent"}

    def gold_kind(gid: int | None) -> str:
        if gid is None:
            return "no id"
        if gid not in kind_of:
            row = gaz._conn().execute("SELECT kind FROM rec WHERE gid=?", (gid,)).fetchone()
            kind_of[gid] = names.get(row[0], "other") if row else "not in gazetteer"
        return kind_of[gid]

    docs = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    total: Counter[str] = Counter()
    hits: Counter[str] = Counter()
    exact = with_id = contained = contained_hits = 0
    t = time.perf_counter()
    for doc in docs:
        spans = [(tp["start"], tp["end"]) for tp in doc["toponyms"]]
        located = resolve_places(doc["text"], spans, min_confidence=0)
        for tp, loc in zip(doc["toponyms"], located, strict=True):
            kind = gold_kind(tp.get("geonames_id"))
            total[kind] += 1
            with_id += tp.get("geonames_id") is not None
            if loc is None or loc.lat is None or loc.lon is None:
                continue
            exact += tp.get("geonames_id") is not None and loc.geonames_id == tp["geonames_id"]
            hit = _km(loc.lat, loc.lon, tp["lat"], tp["lon"]) <= 161
            hits[kind] += hit
            if loc.within is not None:  # the approximate point of a containing place
                contained += 1
                contained_hits += hit
    seconds = time.perf_counter() - t
    n = sum(total.values())
    print(f"corpus {path.name}: {n} toponyms in {seconds:.1f} s (min_confidence=0)")
    print(f"  exact {exact / max(1, with_id):.3f}  acc@161 {sum(hits.values()) / max(1, n):.3f}")
    print(
        f"  contained (approximate points) acc@161 {contained_hits / max(1, contained):.3f}"
        f"  ({contained_hits}/{contained})"
    )
    for kind, count in total.most_common():
        print(f"  {kind:18} acc@161 {hits[kind] / count:.3f}  ({hits[kind]}/{count})")
    print("  precision / coverage over the confidence threshold (toponyms with a gold id):")
    print(f"  {'threshold':>9} {'precision':>9} {'coverage':>8} {'exact':>6}")
    marks = {default_min_confidence(): "resolve_places default"}
    marks.setdefault(pipeline_min_confidence(), "pipeline default")
    grid = sorted({round(0.1 * k, 1) for k in range(10)} | {0.95} | set(marks))
    for threshold in grid:
        resolved = right = 0
        for doc in docs:
            spans = [(tp["start"], tp["end"]) for tp in doc["toponyms"]]
            located = resolve_places(doc["text"], spans, min_confidence=threshold)
            for tp, loc in zip(doc["toponyms"], located, strict=True):
                if tp.get("geonames_id") is None or loc is None or loc.confidence is None:
                    continue  # unresolved, or only the approximate point of a container
                resolved += 1
                right += loc.geonames_id == tp["geonames_id"]
        print(
            f"  {threshold:>9.2f} {right / max(1, resolved):>9.3f}"
            f" {resolved / max(1, with_id):>8.3f}"
            f" {right / max(1, with_id):>6.3f}  {marks.get(threshold, '')}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, help="JSONL geoparsing corpus to score")
    parser.add_argument("--skip-build", action="store_true", help="do not time a fresh build")
    args = parser.parse_args()

    env = dict(os.environ)
    if not args.skip_build:
        with tempfile.TemporaryDirectory() as tmp:
            build_env = env | {"CONFLICTNEWS_CACHE": tmp}
            t = time.perf_counter()
            _fresh("from conflictnews.places._gazetteer import gazetteer; gazetteer()", build_env)
            built = time.perf_counter() - t
            size = sum(p.stat().st_size for p in Path(tmp).glob("*.sqlite"))
            print(f"build (fresh process): {built:.1f} s, {size / 1e6:.0f} MB")
    _fresh("from conflictnews.places._gazetteer import gazetteer; gazetteer()", env)  # warm cache
    imported, opened, looked = (float(x) for x in _fresh(_OPEN, env).split())
    print(
        f"import conflictnews: {imported * 1000:.0f} ms; open cached gazetteer: "
        f"{opened * 1000:.0f} ms; 7 cold lookups: {looked * 1000:.1f} ms"
    )

    from conflictnews import resolve_places

    docs = _synthetic()
    resolve_places(*docs[0])
    t = time.perf_counter()
    rounds = 20
    spans = 0
    for _ in range(rounds):
        for text, sp in docs:
            resolve_places(text, sp)
            spans += len(sp)
    seconds = time.perf_counter() - t
    print(
        f"resolve: {spans / seconds:.0f} spans/s ({spans} spans, warm lookups, default threshold)"
    )
    if args.corpus:
        _corpus(args.corpus)


if __name__ == "__main__":
    main()
