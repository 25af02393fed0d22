"""The store stands without the extraction pipeline: opening, writing and reading a store never
imports spaCy, and the store's only reach into the pipeline is `conflictnews.ingest`."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

STORE = Path(__file__).resolve().parents[1] / "src" / "conflictnews" / "store"
PIPELINE_SIDE = ("spacy", "thinc", "conflictnews.pipeline", "conflictnews.doc")

Probe = dict[str, dict[str, list[object]]]
"""What the probe saw loaded at each step, and what the store found."""

PROBE = textwrap.dedent(
    """
    import json, sys

    def loaded():
        watched = ("spacy", "thinc", "conflictnews.pipeline", "conflictnews.doc",
                   "conflictnews.actors", "conflictnews.claims", "conflictnews.ingest",
                   "conflictnews.places._gazetteer")
        return sorted(m for m in watched if m in sys.modules)

    seen = {}
    import conflictnews.store
    seen["import"] = loaded()

    from conflictnews.models import Actor, Article, Claim, Extraction, Location
    from conflictnews.store import Store

    text = "Ferry halted\\nThe harbour board said gunboats had shelled the Pine Quay ferry."
    evidence = "gunboats had shelled the Pine Quay ferry"
    start = text.index(evidence)
    quay = Location(id="place:pine-quay", name="Pine Quay", mentions=["Pine Quay"])
    board = Actor(id="actor:harbour-board", name="harbour board")
    claim = Claim(id="clm_probe", article_id="art_probe", text=evidence, start=start,
                  end=start + len(evidence), event="strike", stance="asserted",
                  claimant=board.id, places=[quay.id])
    extraction = Extraction(article=Article(id="art_probe", title="Ferry halted", text=text),
                            claims=[claim], actors=[board], locations=[quay])
    store = Store(":memory:")
    store.add(extraction)
    found = {
        "by_id": [c.id for c in store.claims(place="place:pine-quay").items],
        "by_name": [c.id for c in store.claims(place="Pine Quay").items],
        # A name the store does not hold: the gazetteer is asked what it means.
        "by_gazetteer": [c.id for c in store.claims(place="Kharkiv").items],
        "by_actor": [c.id for c in store.claims(actor="harbour board").items],
    }
    seen["store"] = loaded()

    summary = store.ingest([extraction])  # a finished extraction: nothing to extract
    found["ingest"] = [summary.new, summary.known]
    seen["ingest"] = loaded()

    import conflictnews
    conflictnews.extract  # the pipeline, asked for: the probe must see spaCy now
    seen["extract"] = loaded()
    print(json.dumps({"seen": seen, "found": found}))
    """
)


@pytest.fixture(scope="module")
def probe(tmp_path_factory: pytest.TempPathFactory) -> Probe:
    # A fresh interpreter: this test process has long imported spaCy through other tests.
    out = subprocess.run(
        [sys.executable, "-c", PROBE],
        cwd=tmp_path_factory.mktemp("probe"),
        capture_output=True,
        text=True,
        check=True,
    )
    result: Probe = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def _pipeline_side(loaded: list[object]) -> list[object]:
    return [m for m in loaded if m not in ("conflictnews.ingest", "conflictnews.places._gazetteer")]


def test_importing_the_store_loads_no_pipeline(probe: Probe) -> None:
    assert _pipeline_side(probe["seen"]["import"]) == []
    assert "conflictnews.ingest" not in probe["seen"]["import"]


def test_writing_and_searching_a_store_loads_no_pipeline(probe: Probe) -> None:
    assert probe["found"]["by_id"] == ["clm_probe"]
    assert probe["found"]["by_name"] == ["clm_probe"]
    assert probe["found"]["by_gazetteer"] == []
    assert probe["found"]["by_actor"] == ["clm_probe"]
    # The gazetteer was read for the unknown name, and it needs no spaCy either.
    assert probe["seen"]["store"] == ["conflictnews.places._gazetteer"]


def test_storing_finished_extractions_loads_no_pipeline(probe: Probe) -> None:
    assert probe["found"]["ingest"] == [0, 1]
    assert probe["seen"]["ingest"] == ["conflictnews.ingest", "conflictnews.places._gazetteer"]


def test_the_probe_sees_spacy_once_it_is_loaded(probe: Probe) -> None:
    assert {"spacy", "conflictnews.pipeline"} <= set(_pipeline_side(probe["seen"]["extract"]))


def _imports(path: Path) -> list[tuple[str, ast.AST]]:
    """Every module a store module imports (absolute names), with the node importing it."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(alias.name, node) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            # Every store module is in conflictnews.store: "." is that package, ".." its parent.
            base = ["conflictnews", "store"][: 3 - node.level] if node.level else []
            module = ".".join([*base, *([node.module] if node.module else [])])
            found += [(module, node)]
            found += [(f"{module}.{alias.name}", node) for alias in node.names]
    return found


def test_no_store_module_imports_the_pipeline_side() -> None:
    offending = [
        (path.name, name)
        for path in sorted(STORE.glob("*.py"))
        for name, _node in _imports(path)
        if any(name == bad or name.startswith(bad + ".") for bad in PIPELINE_SIDE)
        or name.startswith(("conflictnews.claims", "conflictnews.actors"))
    ]
    assert offending == []


def test_the_hand_over_to_ingest_happens_only_at_call_time() -> None:
    tree = ast.parse((STORE / "_store.py").read_text(encoding="utf-8"))
    callers = []
    for function in ast.walk(tree):
        if isinstance(function, ast.FunctionDef):
            for node in ast.walk(function):
                if isinstance(node, ast.ImportFrom) and node.module == "ingest" and node.level == 2:
                    callers.append(function.name)
    at_module_level = [
        node
        for node in tree.body
        if isinstance(node, ast.ImportFrom) and node.module == "ingest" and node.level == 2
    ]
    assert sorted(callers) == ["ingest", "ingest_article"]
    assert at_module_level == []  # the TYPE_CHECKING import sits inside an `if`, never runs
    for path in sorted(STORE.glob("*.py")):
        if path.name != "_store.py":
            names = [name for name, _node in _imports(path)]
            assert not any(n.startswith("conflictnews.ingest") for n in names), path.name
