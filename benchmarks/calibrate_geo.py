"""Fit the place-confidence model (``data/places_confidence.json``) on a geoparsing corpus.

The corpus is JSONL in the format of ``geo_score.py`` (one article a line, with gold
toponym spans and GeoNames ids). Each toponym the resolver gives a reading is one example:
the evidence the resolver gathered (`places._confidence.Evidence`) and whether the reading
is the gold GeoNames id. A logistic model is fitted (L2-regularised Newton steps, numpy) on
the articles of one half of the corpus (even positions) and checked on the other half, so
the figures printed for the held-out half are not fitted to; the threshold is the lowest
that keeps precision at or above ``--precision`` on the fitting half.

Run from the repository root::

    .venv/bin/python benchmarks/calibrate_geo.py ../shared/eval/geo/gwn.jsonl          # report
    .venv/bin/python benchmarks/calibrate_geo.py ../shared/eval/geo/gwn.jsonl --write  # and save
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

from conflictnews.places._choices import choose as _choose
from conflictnews.places._choices import evidence_for
from conflictnews.places._confidence import FEATURES
from conflictnews.places._query import Query

MODEL_PATH = Path(__file__).resolve().parents[1] / "src/conflictnews/data/places_confidence.json"


def examples(path: str) -> list[tuple[int, list[float], bool, int]]:
    """(article position, evidence vector, reading right, has id) per toponym with a gold id.

    A reading of an entry without a GeoNames id of its own (a world region or feature from our
    own tables) gets no confidence from the resolver: it is neither fitted on nor counted as
    resolved in the precision and coverage figures (``geo_score.py`` counts it as wrong).
    """
    out = []
    with open(path, encoding="utf-8") as lines:
        for position, line in enumerate(lines):
            if not line.strip():
                continue
            doc = json.loads(line)
            text = doc["text"]
            gold = [t for t in doc["toponyms"] if 0 <= t["start"] < t["end"] <= len(text)]
            queries = [Query(t["start"], t["end"], text[t["start"] : t["end"]]) for t in gold]
            choices = _choose(text, queries)
            for t, choice, evidence in zip(
                gold, choices, evidence_for(queries, choices), strict=True
            ):
                if t.get("geonames_id") is None:
                    continue
                if evidence is None or choice.record is None:
                    out.append((position, [], False, 1))
                    continue
                right = choice.record.geonames_id == t["geonames_id"]
                has_id = 1 if choice.record.geonames_id else 0
                out.append((position, evidence.vector(), right, has_id))
    return out


def domain_examples(gold_path: str, articles: str) -> list[tuple[int, list[float], bool, int]]:
    """Examples from a claims corpus whose gold lists its places by name and point (the
    format of ``score.py``): each mention of a gold place that the pipeline's place finder
    meets and the resolver reads, right when within the gold tolerance of the gold point."""
    from conflictnews._ids import fold
    from conflictnews.pipeline import load_pipeline
    from conflictnews.places._finder import find_places
    from conflictnews.places._record import km_between

    places = json.loads(Path(gold_path).read_text(encoding="utf-8"))["places"]
    gold = {fold(p["name"]): p for p in places}
    nlp = load_pipeline()
    before = [proc for name, proc in nlp.pipeline if name != "conflictnews_places"]
    out = []
    for path in sorted(Path(articles).glob("*.txt")):
        doc = nlp.make_doc(path.read_text(encoding="utf-8"))
        for proc in before[: [n for n, _ in nlp.pipeline].index("conflictnews_places")]:
            doc = proc(doc)
        queries = find_places(doc)
        choices = _choose(doc.text, queries)
        seen: set[str] = set()
        for q, choice, evidence in zip(
            queries, choices, evidence_for(queries, choices), strict=True
        ):
            place = gold.get(fold(q.text))
            if place is None or q.key in seen or evidence is None or choice.record is None:
                continue
            seen.add(q.key)
            rec = choice.record
            if rec.lat is None or rec.lon is None:
                continue
            right = km_between((rec.lat, rec.lon), (place["lat"], place["lon"])) <= place["tol_km"]
            out.append((-1, evidence.vector(), right, 1))
    return out


def fit(
    x: np.ndarray, y: np.ndarray, weight: np.ndarray, l2: float = 1.0, steps: int = 50
) -> np.ndarray:
    """Weighted logistic regression by Newton's method with an L2 penalty (not on the bias)."""
    w = np.zeros(x.shape[1])
    penalty = np.full(x.shape[1], l2)
    penalty[0] = 0.0
    for _ in range(steps):
        p = 1.0 / (1.0 + np.exp(-np.clip(x @ w, -30, 30)))
        grad = x.T @ (weight * (p - y)) + penalty * w
        hess = (x * (weight * p * (1 - p))[:, None]).T @ x + np.diag(penalty + 1e-9)
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return w


def curve(
    rows: list[tuple[int, list[float], bool, int]], w: np.ndarray, thresholds: list[float]
) -> list[tuple[float, float, float, float]]:
    """(threshold, precision, coverage, exact) over toponyms with a gold id."""
    total = len(rows)
    scored = [
        (1.0 / (1.0 + np.exp(-float(np.dot(w, v)))) if v and has_id else -1.0, right)
        for _, v, right, has_id in rows
    ]
    out = []
    for t in thresholds:
        kept = [right for p, right in scored if p >= t and p >= 0]
        hits = sum(kept)
        out.append((t, hits / len(kept) if kept else 1.0, len(kept) / total, hits / total))
    return out


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus")
    parser.add_argument("--precision", type=float, default=0.95)
    parser.add_argument("--write", action="store_true", help="save the fitted model")
    parser.add_argument(
        "--domain",
        nargs=2,
        metavar=("GOLD", "DIR"),
        help="also fit on the gold places of a claims corpus (score.py's gold file, articles)",
    )
    parser.add_argument("--domain-weight", type=float, default=5.0)
    args = parser.parse_args(argv)
    rows = examples(args.corpus)
    fit_rows = [r for r in rows if r[0] % 2 == 0]
    held_rows = [r for r in rows if r[0] % 2 == 1]
    train = [r for r in fit_rows if r[1] and r[3]]
    weights = [1.0] * len(train)
    domain = domain_examples(*args.domain) if args.domain else []
    if domain:
        right = sum(r[2] for r in domain)
        print(f"domain examples: {len(domain)} ({right} right), weight {args.domain_weight}")
        train += domain
        weights += [args.domain_weight] * len(domain)
    x = np.array([r[1] for r in train])
    y = np.array([float(r[2]) for r in train])
    w = fit(x, y, np.array(weights))
    grid = [round(0.05 * k, 2) for k in range(0, 20)] + [0.96, 0.97, 0.98, 0.99]
    grid = sorted(set(grid))
    fine = [round(0.01 * k, 2) for k in range(0, 100)]
    threshold = next(
        (t for t, precision, _, _ in curve(fit_rows, w, fine) if precision >= args.precision),
        0.99,
    )
    print(
        f"toponyms with a gold id: {len(rows)}"
        f" (fit half {len(fit_rows)}, held out {len(held_rows)})"
    )
    print("weights:", ", ".join(f"{n}={v:+.2f}" for n, v in zip(FEATURES, w, strict=True)))
    print(f"threshold for precision >= {args.precision} on the fitting half: {threshold}")
    print(f"{'threshold':>9} {'half':>8} {'precision':>9} {'coverage':>8} {'exact':>6}")
    parts = [("fit", fit_rows), ("held-out", held_rows), ("all", rows)]
    for name, part in parts + ([("domain", domain)] if domain else []):
        for t, precision, coverage, exact in curve(part, w, [0.0, threshold]):
            print(f"{t:>9.2f} {name:>8} {precision:>9.3f} {coverage:>8.3f} {exact:>6.3f}")
    if args.write:
        model = {
            "about": (
                "Logistic model of how likely a place reading is the right GeoNames entry; "
                "fitted by benchmarks/calibrate_geo.py on the even-positioned articles of a "
                "geoparsing corpus (GeoWebNews), checked on the odd ones. threshold: the lowest "
                f"confidence keeping precision >= {args.precision} on the fitting half."
            ),
            "threshold": threshold,
            # Chosen on conflict reporting, not fitted here: kept from the file.
            "pipeline_threshold": json.loads(MODEL_PATH.read_text(encoding="utf-8"))[
                "pipeline_threshold"
            ],
            "weights": {n: round(float(v), 4) for n, v in zip(FEATURES, w, strict=True)},
        }
        MODEL_PATH.write_text(json.dumps(model, indent=2) + "\n", encoding="utf-8")
        print(f"wrote {MODEL_PATH}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
