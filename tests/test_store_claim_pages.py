"""Claim pages: the `ClaimQuery` search, the stored claim JSON it joins, and its migration."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from conftest import column_names, run_sql
from sqlalchemy import bindparam, select
from sqlalchemy.dialects import postgresql, sqlite
from test_store import (
    HILLTOWN,
    NORTH,
    capture_story,
    denial_story,
    make_extraction,
    store_without_claim_places,
)

from conflictnews import ClaimQuery
from conflictnews.errors import InvalidQueryError, StoreError
from conflictnews.models import Extraction, Location
from conflictnews.store import Store, _schema
from conflictnews.store._claim_reads import _claims_query, _SearchShape
from conflictnews.store._prepared import Reader, prepare
from conflictnews.store._records import ClaimPage, StoredClaim

TWIN_EAST = Location(id="geonames:9000010", name="Twinford", mentions=["Twinford"])
TWIN_WEST = Location(id="geonames:9000011", name="Twinford", mentions=["Twinford"])

# Text a JSON writer must escape or keep as is: quotes, backslashes, control characters,
# line and paragraph separators, non-Latin letters and characters outside the BMP.
AWKWARD = (
    'Shelling report "night" \\ update\n'
    'Residents said\tthe "Northern Army" shelled Hilltown \u2028at dawn \u2029 — Хилтаун, '
    "قرية, 🚀 and a backslash \\ too."
)


def expected_claims(extraction: Extraction) -> list[StoredClaim]:
    """What the store must serve for an extraction's claims, built from the input alone.

    The claims here carry no date of their own, so their day is the publication date.
    """
    published = extraction.article.published
    assert all(claim.date is None for claim in extraction.claims)
    return [
        StoredClaim(
            **claim.model_dump(),
            evidence=extraction.article.text[claim.start : claim.end],
            day=published.isoformat() if published else None,
        )
        for claim in extraction.claims
    ]


def awkward_story() -> Extraction:
    return make_extraction(
        AWKWARD,
        [("attack", "asserted", NORTH.id, NORTH.id, 'the "Northern Army" shelled', [HILLTOWN.id])],
        published=dt.date(2024, 5, 7),
        hedged=True,
    )


@pytest.fixture
def store(db_location: str) -> Store:
    s = Store(db_location)
    yield s  # type: ignore[misc]
    s.close()


def test_page_json_is_byte_for_byte_the_models_json(store: Store) -> None:
    stories = [capture_story(1, published=dt.date(2024, 5, 2)), denial_story(), awkward_story()]
    for story in stories:
        store.add(story)
    expected = sorted(
        (c for story in stories for c in expected_claims(story)),
        key=lambda c: (c.day or "", c.id),
        reverse=True,
    )
    body = store.claims_json(place="Hilltown")
    assert body == ClaimPage(items=expected).model_dump_json().encode("utf-8")
    # Same keys in the same order as the model, and the exact evidence string.
    items = json.loads(body)["items"]
    assert all(list(item) == list(StoredClaim.model_fields) for item in items)
    awkward = next(item for item in items if item["event"] == "attack")
    assert awkward["evidence"] == 'the "Northern Army" shelled'
    assert awkward["hedged"] is True
    # The models the library returns are the same claims.
    assert store.claims(place="Hilltown").items == expected


def test_stored_record_matches_the_columns_every_other_read_uses(store: Store) -> None:
    story = awkward_story()
    store.add(story)
    (served,) = store.claims().items
    detail = store.claim(served.id)  # built from the claim's columns, not its stored JSON
    assert served == StoredClaim(**detail.model_dump(include=set(StoredClaim.model_fields)))
    assert store.article(story.article.id).claims == [served]


def test_claim_query_object_and_keywords_are_the_same_search(store: Store) -> None:
    for n in range(5):
        store.add(capture_story(n, published=dt.date(2024, 5, 1) + dt.timedelta(days=n)))
    query = ClaimQuery(place="Hilltown", limit=2)
    first = store.claims(query)
    assert first == store.claims(place="Hilltown", limit=2)
    second = store.claims(query, cursor=first.next_cursor)  # keywords replace the query's fields
    assert [c.day for c in second.items] == ["2024-05-03", "2024-05-02"]
    assert store.claims_json(query) == store.claims_json(place="Hilltown", limit=2)


@pytest.mark.parametrize(
    ("filters", "named"),
    [
        ({"plaec": "Hilltown"}, "plaec"),
        ({"event": "teleport"}, "event"),
        ({"since": "20240501"}, "since"),
        ({"limit": 0}, "limit"),
        ({"place": "x" * 201}, "place"),
    ],
)
def test_bad_searches_are_invalid_query_errors_naming_the_filter(
    store: Store, filters: dict[str, object], named: str
) -> None:
    with pytest.raises(InvalidQueryError, match=named):
        store.claims(**filters)
    with pytest.raises(InvalidQueryError, match=named):
        store.claims_json(**filters)


def test_a_name_for_two_places_lists_each_claim_once(store: Store) -> None:
    text = "Twinford report\nRaiders struck Twinford at night and struck Twinford again at dawn."
    both = make_extraction(
        text,
        [("strike", "asserted", None, None, "struck Twinford", [TWIN_EAST.id, TWIN_WEST.id])],
        published=dt.date(2024, 5, 3),
    )
    both.locations = [TWIN_EAST, TWIN_WEST]
    east = make_extraction(
        text.replace("Raiders", "Drones"),
        [("strike", "asserted", None, None, "struck Twinford again", [TWIN_EAST.id])],
        published=dt.date(2024, 5, 2),
    )
    east.locations = [TWIN_EAST]
    store.add(both)
    store.add(east)
    assert store.place_ids("Twinford") == [TWIN_EAST.id, TWIN_WEST.id]
    page = store.claims(place="Twinford")
    assert [c.id for c in page.items] == [both.claims[0].id, east.claims[0].id]
    walked, cursor = [], None
    while True:
        one = store.claims(place="Twinford", limit=1, cursor=cursor)
        walked.extend(c.id for c in one.items)
        if one.next_cursor is None:
            break
        cursor = one.next_cursor
    assert walked == [c.id for c in page.items]


def test_a_broken_database_is_a_store_error(tmp_path: Path) -> None:
    path = store_without_claim_places(tmp_path)
    with Store(path) as s, pytest.raises(StoreError, match="claim_places"):
        s.claims_json(place="geonames:9000001")


def _downgrade_to_version_1(path: str) -> None:
    """Make a database as version 1 wrote it: no ``record_json``, ``within`` or ``confidence``
    column, one migration."""
    run_sql(
        path,
        "ALTER TABLE claims DROP COLUMN record_json",
        "ALTER TABLE locations DROP COLUMN within",
        "ALTER TABLE locations DROP COLUMN confidence",
        "DELETE FROM schema_version WHERE version > 1",
    )


def test_a_version_1_store_is_migrated_and_serves_the_same_pages(db_location: str) -> None:
    path = db_location
    stories = [capture_story(n) for n in range(3)] + [denial_story(), awkward_story()]
    with Store(path) as s:
        for story in stories:
            s.add(story)
        before = [s.claims_json(place="Hilltown", limit=2), s.claims_json(actor="Northern Army")]
    _downgrade_to_version_1(path)
    assert "record_json" not in column_names(path, "claims")
    with Store(path) as s:
        assert s.stats().schema_version == _schema.SCHEMA_VERSION
        after = [s.claims_json(place="Hilltown", limit=2), s.claims_json(actor="Northern Army")]
        assert after == before
        expected = {c.id: c for story in stories for c in expected_claims(story)}
        for claim in s.claims(limit=500).items:
            assert claim == expected[claim.id]
    with Store(path) as s:  # opening again applies nothing more
        assert s.stats().schema_version == _schema.SCHEMA_VERSION


def test_rebuilding_records_rewrites_every_claim(store: Store) -> None:
    store.add(capture_story())
    store.add(denial_story())
    before = store.claims_json()
    with store._write() as conn:
        conn.execute(_schema.claims.update().values(record_json=None))
        assert _schema.rebuild_claim_records(conn, only_missing=True) == 2
        assert _schema.rebuild_claim_records(conn) == 2
    assert store.claims_json() == before


def test_search_statements_prepare_for_sqlite_and_postgresql() -> None:
    shape = _SearchShape(
        places=2,
        actors=(("actor", 2),),
        event=True,
        stance=False,
        since=True,
        until=True,
        article=False,
        q=True,
        after=True,
    )
    statement = _claims_query(shape)
    on_sqlite = prepare(statement, sqlite.dialect())
    assert on_sqlite.order is not None and "place_1" in on_sqlite.order
    values = {
        "place_0": "a",
        "place_1": "b",
        "actor_0": "x",
        "actor_1": "y",
        "event": "capture",
        "since": "2024-01-01",
        "until": "2024-12-31",
        "q": "%x%",
        "after_day": "2024-06-01",
        "after_id": "clm_1",
        "limit": 51,
    }
    assert len(on_sqlite.parameters(values)) == on_sqlite.sql.count("?")
    on_postgresql = prepare(statement, postgresql.psycopg.dialect())
    assert on_postgresql.order is None  # psycopg takes a mapping of named parameters
    assert "%(place_1)s" in on_postgresql.sql and "ILIKE" in on_postgresql.sql
    assert set(on_postgresql.parameters(values)) >= set(values)


def test_statements_that_need_sqlalchemy_at_execution_are_refused() -> None:
    expanding = select(_schema.claims.c.id).where(
        _schema.claims.c.id.in_(bindparam("ids", expanding=True))
    )
    with pytest.raises(TypeError, match="IN"):
        prepare(expanding, sqlite.dialect())
    converted = select(_schema.claims.c.hedged)  # a Boolean read back as 0/1 by SQLite
    with pytest.raises(TypeError, match="hedged"):
        prepare(converted, sqlite.dialect())


def test_reader_runs_inside_a_sqlalchemy_transaction(store: Store) -> None:
    store.add(capture_story())
    with pytest.raises(RuntimeError), store._write() as conn:
        conn.execute(_schema.claims.update().values(record_json='{"uncommitted":true}'))
        rows = Reader.of(conn).all(select(_schema.claims.c.record_json), {})
        assert rows == [('{"uncommitted":true}',)]
        raise RuntimeError("roll back")
    assert json.loads(store.claims_json())["items"][0]["id"] == capture_story().claims[0].id
