"""``conflictnews ingest`` and ``conflictnews claims`` end to end, with the real pipeline."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conflictnews.cli import app
from conflictnews.store import Store

runner = CliRunner()

STORY = (
    "Fighting in South Kordofan\n"
    "Government troops captured the town of Kadugli on Monday, the army said.\n"
)
HTML = """<html><head><title>Clashes near the river</title>
<meta property="og:site_name" content="Field Post"></head>
<body><nav>Home | World</nav><article><h1>Clashes near the river</h1>
<p>Rebel fighters attacked an army post outside the town of Kadugli early on Tuesday,
residents said, and the shooting went on for several hours before the army brought up
armoured vehicles from the garrison.</p>
<p>Aid workers said they had suspended convoys on the main road until the fighting stops and
asked both sides to let wounded people reach the hospital.</p></article>
<footer>Copyright</footer></body></html>"""


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("corpus")
    (root / "a.txt").write_text(STORY, encoding="utf-8")
    nested = root / "more"
    nested.mkdir()
    (nested / "b.html").write_text(HTML, encoding="utf-8")
    lines = [
        json.dumps({"text": "Shelling hit the market in Kadugli, officials said.", "url": "u:1"}),
        "{not json",
        json.dumps({"text": "x", "colour": "red"}),
        json.dumps({"text": "Drones struck a fuel depot near El Obeid overnight.", "url": "u:2"}),
    ]
    (nested / "c.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (root / "binary.txt").write_bytes(b"\x00\x01\x02 not text")
    return root


@pytest.fixture(scope="module")
def ingested(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, object]:
    db = tmp_path_factory.mktemp("db") / "cli.db"
    result = runner.invoke(app, ["ingest", str(corpus), "--db", str(db)])
    return db, result


def test_ingest_reports_bad_files_and_stores_the_rest(ingested: tuple[Path, object]) -> None:
    db, result = ingested
    output = result.output  # type: ignore[attr-defined]
    assert result.exit_code == 1, output  # type: ignore[attr-defined]
    assert "binary.txt" in output and "c.jsonl:2" in output and "c.jsonl:3" in output
    with Store(db) as store:
        stats = store.stats()
        assert stats.articles == 4  # a.txt, b.html, two good JSONL lines
        titles = {a.title for a in store.articles().items}
        assert "Clashes near the river" in titles  # from the HTML metadata
        html = next(a for a in store.articles().items if a.title == "Clashes near the river")
        assert "Copyright" not in store.article(html.id).article.text  # boilerplate dropped
        assert stats.claims >= 1


def test_ingest_again_is_idempotent(ingested: tuple[Path, object], corpus: Path) -> None:
    db, _ = ingested
    with Store(db) as store:
        before = store.stats()
    result = runner.invoke(app, ["ingest", str(corpus / "a.txt"), "--db", str(db)])
    assert result.exit_code == 0, result.output
    with Store(db) as store:
        assert store.stats() == before
    assert "1" in result.output


def test_claims_command_prints_a_table(ingested: tuple[Path, object]) -> None:
    db, _ = ingested
    result = runner.invoke(app, ["claims", "--place", "Kadugli", "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert "claims at Kadugli" in result.output
    as_json = runner.invoke(app, ["claims", "--place", "Kadugli", "--json", "--db", str(db)])
    for line in as_json.output.splitlines():
        claim = json.loads(line)
        assert "Kadugli" in [loc["name"] for loc in claim["locations"]]
    bad = runner.invoke(app, ["claims", "--since", "soon", "--db", str(db)])
    assert bad.exit_code != 0


def test_extract_output_can_be_ingested(tmp_path: Path) -> None:
    story = tmp_path / "story.txt"
    story.write_text(STORY, encoding="utf-8")
    extracted = runner.invoke(app, ["extract", "--format", "jsonl", str(story)])
    assert extracted.exit_code == 0
    lines = tmp_path / "story.jsonl"
    lines.write_text(extracted.output, encoding="utf-8")
    db = tmp_path / "x.db"
    result = runner.invoke(app, ["ingest", str(lines), "--db", str(db)])
    assert result.exit_code == 0, result.output
    with Store(db) as store:
        assert store.stats().articles == 1
