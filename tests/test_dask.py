"""Extraction on a Dask cluster (issue 13): the same results as one process, in input order."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conflictnews import extract_many, load_pipeline
from conflictnews._distributed import INSTALL_HINT, open_client
from conflictnews.cli import app
from conflictnews.errors import InvalidInputError, PipelineError
from conflictnews.models import ArticleInput
from conflictnews.store import Store

distributed = pytest.importorskip("distributed")

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "examples").glob("*.txt"))

STORIES = [
    "Shelling near the river\nArtillery shells hit the market in Kadugli on Sunday, "
    "local officials said, and two people were killed.",
    "Base changes hands\nRebel fighters said they had seized an army base outside El Obeid, "
    "but the army denied the claim on Tuesday.",
    "",  # an empty article still gets a result, in its place
    "Drone strike reported\nA drone struck a fuel depot near Nyala overnight, according to "
    "residents, who said the fire burned until morning.",
]


@pytest.fixture(scope="module")
def client() -> Iterator[object]:
    with open_client(workers=2) as dask_client:
        yield dask_client


@pytest.fixture(scope="module")
def inputs() -> list[ArticleInput | str]:
    examples = [p.read_text(encoding="utf-8") for p in EXAMPLES]
    dated = ArticleInput(text=STORIES[0], published="2024-03-04", source="Test Wire")
    return [dated, *STORIES[1:], *examples]


@pytest.fixture(scope="module")
def one_process(inputs: list[ArticleInput | str]) -> list[str]:
    return [e.model_dump_json() for e in extract_many(inputs, nlp=load_pipeline())]


@pytest.mark.parametrize("batch_size", [1, 3])
def test_cluster_results_are_those_of_one_process(
    client: object, inputs: list[ArticleInput | str], one_process: list[str], batch_size: int
) -> None:
    paths = [f"in/{i}.txt" for i in range(len(inputs))]
    on_cluster = list(
        extract_many(inputs, nlp=load_pipeline(), client=client, batch_size=batch_size, paths=paths)
    )
    assert [e.article.path for e in on_cluster] == paths  # input order, whatever finished first
    for extraction in on_cluster:
        extraction.article.path = None
    assert [e.model_dump_json() for e in on_cluster] == one_process
    claims = [c.id for e in on_cluster for c in e.claims]
    assert claims and len(claims) == len(set(claims))


def test_a_bad_item_stops_after_the_results_before_it(client: object) -> None:
    items = [STORIES[0], "<html><body><p>a page</p></body></html>", STORIES[1]]
    results = extract_many(items, client=client, batch_size=1)
    assert next(results).article.text == STORIES[0]
    with pytest.raises(InvalidInputError, match="HTML"):
        next(results)


def test_a_pipeline_workers_cannot_load_by_name_is_refused(client: object) -> None:
    import spacy

    with pytest.raises(PipelineError, match="load_pipeline"):
        list(extract_many(["text"], nlp=spacy.blank("en"), client=client))


def test_without_dask_the_error_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "distributed", None)
    with pytest.raises(PipelineError) as caught, open_client(workers=1):
        pass
    assert str(caught.value) == INSTALL_HINT
    with pytest.raises(PipelineError, match=r"conflictnews\[dask\]"):
        list(extract_many(["text"], client=object()))


def test_importing_conflictnews_does_not_import_dask() -> None:
    code = (
        "import sys, conflictnews, conflictnews.pipeline, conflictnews.ingest, conflictnews.cli; "
        "print('distributed' in sys.modules, 'dask' in sys.modules)"
    )
    found = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert found.stdout.strip() == "False False"


def _claim_ids(db: Path) -> dict[str, list[str]]:
    with Store(db) as store:
        return {
            a.id: sorted(c.id for c in store.extraction(a.id).claims)
            for a in store.articles(limit=100).items
        }


def test_cli_ingest_on_local_workers_stores_what_a_plain_ingest_stores(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i, story in enumerate(STORIES):
        (corpus / f"{i}.txt").write_text(story, encoding="utf-8")
    for example in EXAMPLES[:3]:
        (corpus / example.name).write_text(example.read_text(encoding="utf-8"), encoding="utf-8")
    runner = CliRunner()
    plain, on_workers = tmp_path / "plain.db", tmp_path / "workers.db"
    first = runner.invoke(app, ["ingest", str(corpus), "--db", str(plain)])
    assert first.exit_code == 0, first.output
    second = runner.invoke(
        app, ["ingest", str(corpus), "--db", str(on_workers), "--workers", "2", "--batch-size", "2"]
    )
    assert second.exit_code == 0, second.output
    stored = _claim_ids(on_workers)
    assert stored == _claim_ids(plain)
    assert len(stored) == len(STORIES) + 3 and any(stored.values())
    # Known articles are skipped before any extraction, on the cluster too.
    again = runner.invoke(app, ["ingest", str(corpus), "--db", str(on_workers), "--workers", "1"])
    assert again.exit_code == 0, again.output
    assert _claim_ids(on_workers) == stored


def test_cli_refuses_a_scheduler_and_workers_together(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        app,
        [
            "ingest",
            str(EXAMPLES[0]),
            "--db",
            str(tmp_path / "x.db"),
            "--workers",
            "1",
            "--scheduler",
            "tcp://127.0.0.1:1",
        ],
    )
    assert result.exit_code == 2
    assert "not both" in result.output
