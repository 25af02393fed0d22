"""The store on PostgreSQL: errors that say what to do, and concurrent writers.

Everything else the store does is tested on both backends through the `db_location` fixture
(tests/conftest.py).
"""

from __future__ import annotations

import subprocess
import sys
import threading
from pathlib import Path

import pytest
from conftest import fresh_pg_schema, run_sql
from test_store import capture_story, denial_story

from conflictnews.errors import StoreError
from conflictnews.store import Store
from conflictnews.store._engine import bump_revision
from conflictnews.store._records import AddResult

# Articles written for this test: each has a claim, and each folder shares files with the other.
ARTICLES = {
    "a1.txt": "Militia seizes Dalmora\nThe Northern Army said on Monday that its units had "
    "captured the town of Dalmora after two days of fighting.",
    "a2.txt": "Shelling reported in Vessk\nThe Southern Guard said on Tuesday that artillery "
    "had shelled the market in the town of Vessk overnight.",
    "a3.txt": "Guard denies losing Dalmora\nThe Southern Guard denied on Wednesday that the "
    "town of Dalmora had fallen, saying its troops still held the centre.",
    "a4.txt": "Drone strike near Ostrel\nLocal officials said a drone struck a fuel depot near "
    "the city of Ostrel on Thursday, killing two workers.",
    "a5.txt": "Army retakes Vessk\nThe Northern Army said on Friday that it had retaken the "
    "town of Vessk from the Southern Guard.",
}
FIRST = ("a1.txt", "a2.txt", "a3.txt", "a4.txt")
SECOND = ("a2.txt", "a3.txt", "a4.txt", "a5.txt")


def test_a_missing_driver_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "psycopg", None)  # as if psycopg were not installed
    with pytest.raises(StoreError, match=r"conflictnews\[postgres\]"):
        Store("postgresql+psycopg://postgres@127.0.0.1:5432/test")


def test_an_unreachable_server_is_a_store_error_without_the_password() -> None:
    with pytest.raises(StoreError, match="cannot be reached") as raised:
        Store("postgresql+psycopg://someone:s3cret@127.0.0.1:1/nowhere?connect_timeout=2")
    assert "s3cret" not in str(raised.value)


def _folder(root: Path, names: tuple[str, ...]) -> Path:
    root.mkdir()
    for name in names:
        (root / name).write_text(ARTICLES[name], encoding="utf-8")
    return root


def _ingest(db: str, *folders: Path) -> subprocess.Popen[str]:
    command = [sys.executable, "-m", "conflictnews.cli", "ingest", "--db", db]
    return subprocess.Popen(
        [*command, *map(str, folders)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def _contents(db: str) -> tuple[list[tuple[object, ...]], ...]:
    return (
        run_sql(db, "SELECT id FROM articles ORDER BY id"),
        run_sql(db, "SELECT id, article_id, record_json FROM claims ORDER BY id"),
        run_sql(db, "SELECT claim_id, location_id FROM claim_places ORDER BY 1, 2"),
        run_sql(db, "SELECT id FROM locations ORDER BY id"),
        run_sql(db, "SELECT id FROM actors ORDER BY id"),
    )


@pytest.mark.parametrize("same_article", [True, False], ids=["same", "other"])
def test_a_writer_waits_for_another_writer(db_location: str, same_article: bool) -> None:
    first, second = Store(db_location), Store(db_location)
    before = first.revision()
    batch = [capture_story(1), denial_story()] if same_article else [denial_story()]
    results: list[object] = []
    with first._write() as conn:  # an ingest that has written an article, not yet committed
        first._add_batch(conn, [capture_story(1)], [set()])
        bump_revision(conn)
        other = threading.Thread(target=lambda: results.extend(second.add_many(batch)))
        other.start()
        other.join(timeout=0.5)
        assert other.is_alive()  # the second writer waits for the first to finish
    other.join(timeout=30)
    if same_article:
        known = results.pop(0)
        assert isinstance(known, AddResult) and not known.new  # not stored twice, no error
    (new,) = results
    assert isinstance(new, AddResult) and new.new
    assert second.stats().articles == 2
    # Articles are numbered one by one, and each writer's change counts.
    assert run_sql(db_location, "SELECT count(DISTINCT seq) FROM articles") == [(2,)]
    assert second.revision() == before + 2
    first.close()
    second.close()


def test_two_concurrent_ingests_store_each_article_once(pg_database: str, tmp_path: Path) -> None:
    first, second = _folder(tmp_path / "one", FIRST), _folder(tmp_path / "two", SECOND)
    shared, alone = fresh_pg_schema(pg_database), fresh_pg_schema(pg_database)
    # Two writers on overlapping folders at once into a new database (both create its tables
    # and then write the shared articles), and one writer of both folders into another.
    runs = [_ingest(shared, first), _ingest(shared, second), _ingest(alone, first, second)]
    outputs = [run.communicate(timeout=300)[0] for run in runs]
    for run, output in zip(runs, outputs, strict=True):
        assert run.returncode == 0, output
    together, reference = _contents(shared), _contents(alone)
    assert len(reference[0]) == len(ARTICLES) and len(reference[1]) >= len(ARTICLES)
    assert together == reference  # same articles, same claim ids and records, no duplicates
    # Articles are numbered one by one even when two processes write at once.
    seqs = run_sql(shared, "SELECT count(DISTINCT seq), count(*) FROM articles")
    assert seqs == [(len(ARTICLES), len(ARTICLES))]
    with Store(shared) as store:
        assert store.stats().articles == len(ARTICLES)
