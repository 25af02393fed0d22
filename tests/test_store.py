"""The claim store on a real SQLite file: idempotence, atomicity, WAL readers, lookups, paging."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest
from conftest import run_sql
from sqlalchemy.exc import OperationalError

from conflictnews._ids import article_id, claim_id
from conflictnews.errors import InvalidQueryError, SchemaVersionError, StoreError
from conflictnews.models import Actor, Article, Claim, Extraction, Location
from conflictnews.store import Store, _schema

HILLTOWN = Location(
    id="geonames:9000001",
    name="Hilltown",
    lat=48.5,
    lon=37.25,
    geonames_id=9000001,
    mentions=["Hilltown", "Khilltaun", "Хилтаун"],
)
RIVERBEND = Location(id="place:riverbend", name="Riverbend", mentions=["Riverbend"])
NORTH = Actor(id="actor:northern-army", name="Northern Army", side="north", aliases=["the North"])
SOUTH = Actor(id="actor:southern-guard", name="Southern Guard", side="south")
WIRE = Actor(id="actor:wire-agency", name="Wire Agency")


def make_extraction(
    text: str,
    claims: list[tuple[str, str, str | None, str | None, str, list[str]]],
    *,
    url: str | None = None,
    source: str | None = "Daily Test",
    published: dt.date | None = dt.date(2024, 5, 2),
    date: str | None = None,
    hedged: bool = False,
) -> Extraction:
    """A hand-made extraction; claims are (event, stance, claimant, agent, evidence, places)."""
    aid = article_id(text)
    article = Article(
        id=aid, title=text.splitlines()[0], text=text, url=url, source=source, published=published
    )
    built = []
    for event, stance, claimant, agent, evidence, places in claims:
        start = text.index(evidence)
        end = start + len(evidence)
        built.append(
            Claim(
                id=claim_id(aid, start, end, event, stance, places),
                article_id=aid,
                text=evidence,
                start=start,
                end=end,
                event=event,  # type: ignore[arg-type]
                stance=stance,  # type: ignore[arg-type]
                hedged=hedged,
                claimant=claimant,
                agent=agent,
                places=places,
                date=date,
            )
        )
    return Extraction(
        article=article,
        claims=built,
        actors=[NORTH, SOUTH, WIRE],
        locations=[HILLTOWN, RIVERBEND],
    )


def capture_story(n: int = 0, **kw: object) -> Extraction:
    text = (
        f"Northern troops take Hilltown, report {n}\n"
        f"The Northern Army said on day {n} that its units had captured Hilltown after a "
        "week of fighting along the river road."
    )
    return make_extraction(
        text,
        [
            (
                "capture",
                "asserted",
                NORTH.id,
                NORTH.id,
                "its units had captured Hilltown",
                [HILLTOWN.id],
            )
        ],
        **kw,  # type: ignore[arg-type]
    )


def denial_story(**kw: object) -> Extraction:
    text = (
        "Guard rejects capture claim\n"
        "The Southern Guard denied that Hilltown had fallen and said its garrison still held "
        "the town centre."
    )
    return make_extraction(
        text,
        [
            (
                "capture",
                "denied",
                SOUTH.id,
                NORTH.id,
                "denied that Hilltown had fallen",
                [HILLTOWN.id],
            )
        ],
        **kw,  # type: ignore[arg-type]
    )


def store_without_claim_places(tmp_path: Path) -> Path:
    """A store file whose claim_places table is gone, as a damaged database would be."""
    path = tmp_path / "broken.db"
    with Store(path) as s:
        s.add(capture_story())
    con = sqlite3.connect(path)
    con.execute("DROP TABLE claim_places")
    con.commit()
    con.close()
    return path


@pytest.fixture
def store(db_location: str) -> Store:
    s = Store(db_location)
    yield s  # type: ignore[misc]
    s.close()


def test_file_store_persists_and_records_its_schema_version(db_location: str) -> None:
    path = db_location
    with Store(path) as s:
        s.add(capture_story())
    with Store(path) as s:
        assert s.stats().articles == 1
        assert s.stats().schema_version == _schema.SCHEMA_VERSION
        assert [c.evidence for c in s.claims(place="Hilltown").items] == [
            "its units had captured Hilltown"
        ]
    rows = run_sql(path, "SELECT version FROM schema_version ORDER BY version")
    assert rows == [(step.version,) for step in _schema.MIGRATIONS]


def test_newer_schema_is_refused(db_location: str) -> None:
    path = db_location
    Store(path).close()
    run_sql(path, "INSERT INTO schema_version VALUES (99, 'future', '2099-01-01')")
    with pytest.raises(SchemaVersionError):
        Store(path)


def test_in_memory_store_works() -> None:
    s = Store(":memory:")
    s.add(capture_story())
    assert s.stats().claims == 1


def test_same_article_twice_is_one_article(store: Store) -> None:
    first = store.add(capture_story(url="https://example.org/a"))
    again = store.add(capture_story(url="https://example.org/a"))
    assert first.new and not again.new
    assert again.article_id == first.article_id
    # Re-wrapped whitespace hashes to the same article id.
    story = capture_story()
    rewrapped = story.model_copy(deep=True)
    rewrapped.article.text = story.article.text.replace(" ", "  ")
    rewrapped.article.id = article_id(rewrapped.article.text)
    assert not store.add(rewrapped).new
    # Another text under a known URL is the same article.
    other = denial_story(url="https://example.org/a")
    assert not store.add(other).new
    assert store.stats().articles == 1
    assert store.stats().claims == 1


def test_ingest_summary_counts_new_known_and_failed(store: Store) -> None:
    from conflictnews.text._sources import Unreadable

    summary = store.ingest(
        [capture_story(), capture_story(), denial_story(), Unreadable("bad.txt", "not UTF-8")]
    )
    assert (summary.new, summary.known, summary.failed, summary.claims) == (2, 1, 1, 2)
    assert summary.errors == ["bad.txt: not UTF-8"]


def test_failure_mid_article_leaves_nothing_half_written(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.add(capture_story(1))
    original = Store._write_rows

    def failing(self: Store, conn, rows):  # type: ignore[no-untyped-def]
        original(self, conn, rows)  # every row is written, then the process "dies"
        raise OperationalError("INSERT", {}, Exception("disk I/O error"))

    monkeypatch.setattr(Store, "_write_rows", failing)
    broken = denial_story()
    with pytest.raises(StoreError):
        store.add(broken)
    monkeypatch.undo()
    for table, column in (
        ("articles", "id"),
        ("claims", "article_id"),
        ("article_copies", "article_id"),
        ("article_sketch", "article_id"),
    ):
        query = f"SELECT count(*) FROM {table} WHERE {column} = '{broken.article.id}'"
        assert run_sql(store.url, query) == [(0,)], table
    assert run_sql(store.url, "SELECT count(*) FROM claim_places") == [(1,)]
    # The first article is whole, and the failed one can be stored afterwards.
    assert store.stats().claims == 1
    assert store.add(broken).new


def test_ingest_that_dies_keeps_committed_articles_whole(store: Store) -> None:
    def items():  # type: ignore[no-untyped-def]
        yield capture_story(1)
        yield capture_story(2)
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        store.ingest(items())
    assert store.stats().articles == 2
    for article in store.articles().items:
        assert article.claims == 1


def test_wal_reader_is_not_blocked_by_a_writer(tmp_path: Path) -> None:
    path = tmp_path / "claims.db"
    writer = Store(path)
    reader = Store(path)
    writer.add(capture_story(1))
    mode = sqlite3.connect(path).execute("PRAGMA journal_mode").fetchone()[0]
    assert mode == "wal"
    with writer._write() as conn:  # an ingest holding the write lock, not yet committed
        writer._add_batch(conn, [denial_story()], [set()])
        assert reader.stats().articles == 1  # readers see the last committed state at once
        assert len(reader.claims(place="Hilltown").items) == 1
    assert reader.stats().articles == 2
    writer.close()
    reader.close()


def test_place_found_by_any_spelling_or_id(store: Store) -> None:
    store.add(capture_story())
    for query in ("Hilltown", "hilltown", "KHILLTAUN", "Хилтаун", "geonames:9000001"):
        assert len(store.claims(place=query).items) == 1, query
    assert store.claims(place="Nowhere At All").items == []
    assert store.place_ids("Хилтаун") == ["geonames:9000001"]
    assert store.place("Khilltaun").id == "geonames:9000001"


def test_actor_filters_match_claimant_or_agent(store: Store) -> None:
    store.add(capture_story())
    store.add(denial_story())
    assert len(store.claims(actor="Northern Army").items) == 2  # claimant of one, agent of both
    assert len(store.claims(actor="the north").items) == 2  # alias
    assert len(store.claims(claimant="Southern Guard").items) == 1
    assert len(store.claims(agent=SOUTH.id).items) == 0
    assert store.claims(actor="Nobody").items == []


def test_other_filters(store: Store) -> None:
    store.add(capture_story(published=dt.date(2024, 5, 1)))
    store.add(denial_story(published=dt.date(2024, 5, 9)))
    assert [c.stance for c in store.claims(stance="denied").items] == ["denied"]
    assert len(store.claims(event="capture").items) == 2
    assert store.claims(event="strike").items == []
    assert len(store.claims(since="2024-05-05").items) == 1
    assert len(store.claims(until=dt.date(2024, 5, 5)).items) == 1
    assert len(store.claims(q="GARRISON").items) == 0  # evidence/sentence only, not the article
    assert len(store.claims(q="had fallen").items) == 1
    assert len(store.claims(q="100%_").items) == 0
    one = store.claims().items[0]
    assert [c.id for c in store.claims(article=one.article_id).items] == [one.id]
    with pytest.raises(InvalidQueryError):
        store.claims(event="teleport")
    with pytest.raises(InvalidQueryError):
        store.claims(since="yesterday")
    with pytest.raises(InvalidQueryError):
        store.claims(limit=501)


def test_keyset_pagination_walks_every_claim_once(store: Store) -> None:
    for n in range(23):
        store.add(capture_story(n, published=dt.date(2024, 5, 1) + dt.timedelta(days=n % 5)))
    seen: list[str] = []
    cursor = None
    pages = 0
    while True:
        page = store.claims(place="Hilltown", limit=10, cursor=cursor)
        seen.extend(c.id for c in page.items)
        pages += 1
        if page.next_cursor is None:
            break
        cursor = page.next_cursor
    assert pages == 3
    assert len(seen) == len(set(seen)) == 23
    days = [c.day for c in store.claims(limit=50).items]
    assert days == sorted(days, reverse=True)
    with pytest.raises(InvalidQueryError):
        store.claims(cursor="not-a-cursor")


def test_undated_claims_take_the_article_date(store: Store) -> None:
    store.add(capture_story(published=None, date="2024-06"))
    store.add(denial_story(published=dt.date(2024, 6, 3)))
    days = sorted(c.day for c in store.claims().items if c.day)
    assert days == ["2024-06-01", "2024-06-03"]


def test_claim_detail_expands_article_places_and_actors(store: Store) -> None:
    story = capture_story(url="https://example.org/h", source="Daily Test")
    store.add(story)
    detail = store.claim(story.claims[0].id)
    assert detail.evidence == "its units had captured Hilltown"
    assert detail.article.url == "https://example.org/h"
    assert [loc.name for loc in detail.locations] == ["Hilltown"]
    assert detail.claimant_actor is not None and detail.claimant_actor.side == "north"
    assert store.extraction(story.article.id).claims == story.claims


def test_article_listing_and_detail(store: Store) -> None:
    for n in range(3):
        store.add(capture_story(n))
    page = store.articles(limit=2)
    assert len(page.items) == 2 and page.next_cursor
    rest = store.articles(limit=2, cursor=page.next_cursor)
    assert len(rest.items) == 1 and rest.next_cursor is None
    detail = store.article(page.items[0].id)
    assert detail.claims[0].evidence == "its units had captured Hilltown"


def test_gazetteer_alternate_names_are_indexed(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    from conflictnews import places

    monkeypatch.setattr(
        places,
        "alternate_names",
        lambda gid: ["Kholmgorod"] if gid == 9000001 else [],
        raising=False,
    )
    store.add(capture_story())
    assert store.place_ids("kholmgorod") == ["geonames:9000001"]


def test_gazetteer_spelling_finds_the_stored_place(store: Store) -> None:
    text = "Border town\nArmoured columns entered Sudzha, a town near the border, on Tuesday."
    town = Location(id="geonames:486816", name="Sudzha", geonames_id=486816, lat=51.19, lon=35.27)
    extraction = make_extraction(
        text, [("enter", "asserted", None, NORTH.id, "entered Sudzha", [town.id])]
    )
    extraction.locations = [town]
    store.add(extraction)
    # "Suja" is not written anywhere in the store: the gazetteer knows it as a spelling.
    assert store.place_ids("Suja") == ["geonames:486816"]
    assert len(store.claims(place="Suja").items) == 1


def test_a_refused_article_in_a_batch_is_rolled_back_alone(store: Store) -> None:
    first = capture_story(1)
    store.add(first)
    good = denial_story()
    clash = capture_story(2)
    clash.claims[0].id = first.claims[0].id  # an id the store holds: the database refuses it
    results = store.add_many([good, clash, capture_story(3)])
    assert [type(r).__name__ for r in results] == ["AddResult", "StoreError", "AddResult"]
    assert store.stats().articles == 3
    assert store.articles(limit=10).items[0].claims == 1


def test_repeats_and_copies_inside_one_batch(store: Store) -> None:
    from test_corroborate import WIRE_STORY

    one = make_extraction("Wire\n" + WIRE_STORY, [], source="One")
    copy = make_extraction("Wire story\n" + WIRE_STORY, [], source="Two")
    results = store.add_many([one, copy, one])
    assert [r.new for r in results] == [True, True, False]  # type: ignore[union-attr]
    assert results[1].copy_of == one.article.id  # type: ignore[union-attr]


def test_default_database_comes_from_the_environment_or_the_working_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("CONFLICTNEWS_DB", raising=False)
    with Store() as here:
        assert here.url.endswith("/conflictnews.db")
    monkeypatch.setenv("CONFLICTNEWS_DB", str(tmp_path / "env.db"))
    with Store() as from_env:
        assert from_env.url.endswith("/env.db")
    assert (tmp_path / "conflictnews.db").exists() and (tmp_path / "env.db").exists()
