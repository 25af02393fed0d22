"""The store survives a killed ingest and serves consistent reads while one runs.

* ``kill -9`` of ``conflictnews ingest`` half-way, then the same command again: every article
  is stored exactly once and SQLite's ``integrity_check`` is ``ok``.
* ``kill -9`` inside an article's transaction: nothing of that article is left behind.
* Readers querying while a writer ingests: no errors, counts never go down, every claim's
  article exists.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest
from test_store import HILLTOWN, NORTH, SOUTH, make_extraction

from conflictnews.errors import ConflictNewsError
from conflictnews.models import Extraction
from conflictnews.store import Store

ROOT = Path(__file__).resolve().parents[1]
CLI = Path(sys.executable).parent / "conflictnews"

PLACES = ["Northvale", "Port Ellis", "Kassala", "Menaka", "Avdiivka", "Myawaddy", "Rafah"]
ACTORS = ["Government troops", "The rebels", "The Blue Hill Brigade", "Militia fighters"]
ACTIONS = ["captured", "shelled", "withdrew from", "attacked", "entered"]
CLAIMANTS = ["a military spokesman", "local officials", "residents", "the defence ministry"]


def article_text(n: int) -> str:
    place = PLACES[n % len(PLACES)]
    actor = ACTORS[n % len(ACTORS)]
    action = ACTIONS[(n // 2) % len(ACTIONS)]
    claimant = CLAIMANTS[(n // 3) % len(CLAIMANTS)]
    return (
        f"Fighting near {place}, dispatch {n}\n"
        f"{actor} {action} {place} on Monday, {claimant} said in statement number {n}. "
        f"Aid workers counted {n + 3} damaged houses and {2 * n + 1} displaced families."
    )


def write_articles(folder: Path, count: int) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for n in range(count):
        path = folder / f"article_{n:03d}.txt"
        path.write_text(article_text(n), encoding="utf-8")
        paths.append(path)
    return paths


def count_rows(db: Path, table: str) -> int:
    if not db.exists():
        return 0
    try:
        con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
        try:
            return int(con.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
        finally:
            con.close()
    except sqlite3.OperationalError:
        return 0  # the schema is not written yet


def check_database(db: Path) -> None:
    """Integrity ok, foreign keys hold, and every stored article is whole."""
    con = sqlite3.connect(db)
    try:
        assert con.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert con.execute("PRAGMA foreign_key_check").fetchall() == []
        orphans = con.execute(
            "SELECT count(*) FROM claims WHERE article_id NOT IN (SELECT id FROM articles)"
        ).fetchone()[0]
        assert orphans == 0
        place_orphans = con.execute(
            "SELECT count(*) FROM claim_places WHERE claim_id NOT IN (SELECT id FROM claims)"
        ).fetchone()[0]
        assert place_orphans == 0
        no_group = con.execute(
            "SELECT count(*) FROM articles WHERE id NOT IN (SELECT article_id FROM article_copies)"
        ).fetchone()[0]
        assert no_group == 0
    finally:
        con.close()


def ingest_command(folder: Path, db: Path) -> list[str]:
    base = [str(CLI)] if CLI.exists() else [sys.executable, "-m", "conflictnews.cli"]
    return [*base, "ingest", str(folder), "--db", str(db), "--published", "2024-05-06"]


def test_kill_9_mid_ingest_then_rerun_stores_every_article_once(tmp_path: Path) -> None:
    count = 40
    folder = tmp_path / "articles"
    write_articles(folder, count)
    db = tmp_path / "killed.db"
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen(
        ingest_command(folder, db),
        cwd=tmp_path,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 120
        while count_rows(db, "articles") < 3:
            assert proc.poll() is None, "ingest ended before it could be killed"
            assert time.monotonic() < deadline, "ingest stored nothing in time"
            time.sleep(0.005)
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
    stored_before = count_rows(db, "articles")
    assert 3 <= stored_before < count, "the kill did not land half-way"
    check_database(db)

    rerun = subprocess.run(
        ingest_command(folder, db), cwd=tmp_path, env=env, capture_output=True, timeout=180
    )
    assert rerun.returncode == 0, rerun.stderr.decode(errors="replace")[-2000:]
    check_database(db)
    con = sqlite3.connect(db)
    try:
        paths = [row[0] for row in con.execute("SELECT path FROM articles")]
    finally:
        con.close()
    assert len(paths) == count
    assert sorted(Path(p).name for p in paths) == [f"article_{n:03d}.txt" for n in range(count)]
    with Store(db) as store:
        assert store.stats().articles == count
        assert store.claims(limit=500).items, "the articles hold claims"


KILL_IN_TRANSACTION = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from sqlalchemy import event
    sys.path.insert(0, {tests!r})
    from test_durability import extraction
    from conflictnews.store import Store

    store = Store({db!r})
    for n in range(3):
        store.add(extraction(n))

    @event.listens_for(store._engine, "after_cursor_execute")
    def stall(conn, cursor, statement, parameters, context, executemany):
        if statement.lstrip().upper().startswith("INSERT INTO CLAIMS"):
            Path({ready!r}).write_text("in transaction")
            time.sleep(60)  # killed here: the article and its claims are written, not committed

    store.add(extraction(3))
    """
)


def extraction(n: int) -> Extraction:
    text = article_text(n)
    evidence = text.splitlines()[1].split(" on Monday")[0]
    return make_extraction(
        text, [("capture", "asserted", NORTH.id, SOUTH.id, evidence, [HILLTOWN.id])]
    )


def test_kill_9_inside_an_article_transaction_leaves_nothing_of_it(tmp_path: Path) -> None:
    db = tmp_path / "half.db"
    ready = tmp_path / "ready"
    script = KILL_IN_TRANSACTION.format(tests=str(ROOT / "tests"), db=str(db), ready=str(ready))
    proc = subprocess.Popen([sys.executable, "-c", script], cwd=tmp_path)
    try:
        deadline = time.monotonic() + 60
        while not ready.exists():
            assert proc.poll() is None, "the writer ended early"
            assert time.monotonic() < deadline
            time.sleep(0.01)
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
    check_database(db)
    with Store(db) as store:
        assert store.stats().articles == 3
        assert store.stats().claims == 3
        assert store.knows(article_text(3)) is None
        # The interrupted article goes in whole on the next attempt.
        assert store.add(extraction(3)).new
        assert store.stats().claims == 4
    check_database(db)


def test_readers_during_an_ingest_see_consistent_answers(db_location: str) -> None:
    db = db_location
    Store(db).close()
    total = 150
    done = threading.Event()
    errors: list[BaseException] = []
    observations: list[int] = []

    readers_started = threading.Barrier(3, timeout=30)

    def writer() -> None:
        try:
            with Store(db) as store:
                readers_started.wait()
                # One transaction per article, paced, so the readers see the store grow.
                for n in range(total):
                    assert store.add(extraction(n)).new
                    time.sleep(0.002)
        except BaseException as exc:  # noqa: BLE001 - reported by the test thread
            errors.append(exc)
        finally:
            done.set()

    def reader() -> None:
        try:
            with Store(db) as store:
                readers_started.wait()
                last_articles = last_claims = 0
                while True:
                    finished = done.is_set()
                    stats = store.stats()
                    assert stats.articles >= last_articles and stats.claims >= last_claims
                    last_articles, last_claims = stats.articles, stats.claims
                    page = store.claims(place=HILLTOWN.id, limit=20)
                    for claim in page.items:
                        assert store.article(claim.article_id).article.id == claim.article_id
                    detail = store.place(HILLTOWN.id) if stats.claims else None
                    assert detail is None or detail.claims >= min(stats.claims, 1)
                    observations.append(stats.articles)
                    if finished:
                        return
        except BaseException as exc:  # noqa: BLE001 - reported by the test thread
            errors.append(exc)

    threads = [threading.Thread(target=writer)] + [
        threading.Thread(target=reader) for _ in range(2)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(t.is_alive() for t in threads), "a thread hung"
    assert not errors, errors
    assert observations and max(observations) == total
    assert len(set(observations)) > 2, "the readers never ran while the writer wrote"
    if "://" not in db:
        check_database(Path(db))


@pytest.mark.parametrize("fill", [b"", b"not a database at all" * 100])
def test_a_file_that_is_not_a_database_is_a_store_error(tmp_path: Path, fill: bytes) -> None:
    path = tmp_path / "junk.db"
    path.write_bytes(fill)
    if not fill:
        with Store(path) as store:  # an empty file is a new database
            assert store.stats().articles == 0
        return
    with pytest.raises(ConflictNewsError):
        Store(path)
