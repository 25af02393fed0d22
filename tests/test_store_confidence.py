"""A place's resolution confidence (Location.confidence) goes through the store and the API;
the store keeps the highest confidence any article gave a place."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from conftest import column_names, run_sql
from fastapi.testclient import TestClient
from test_store import NORTH, make_extraction

from conflictnews import Store
from conflictnews.api.app import create_app
from conflictnews.api.deps import get_store
from conflictnews.models import Extraction, Location, LocationKind
from conflictnews.store import _schema

FERNHOLM = Location(
    id="geonames:9000101",
    name="Fernholm",
    kind=LocationKind.SETTLEMENT,
    country_code="XF",
    lat=12.5,
    lon=30.25,
    geonames_id=9000101,
    mentions=["Fernholm"],
)
BRACKEN_WELLS = Location(id="place:bracken-wells", name="Bracken Wells", mentions=["Bracken Wells"])


def _fernholm_story(n: int, confidence: float | None) -> Extraction:
    """An article about Fernholm and Bracken Wells; Fernholm resolved with `confidence`."""
    text = (
        f"Drones strike Fernholm, bulletin {n}\n"
        f"The Northern Army said in bulletin {n} that its drones struck Fernholm and the "
        "wells at Bracken Wells overnight."
    )
    extraction = make_extraction(
        text,
        [
            (
                "strike",
                "asserted",
                NORTH.id,
                NORTH.id,
                "its drones struck Fernholm",
                [FERNHOLM.id, BRACKEN_WELLS.id],
            )
        ],
    )
    fernholm = FERNHOLM.model_copy(update={"confidence": confidence})
    return extraction.model_copy(update={"locations": [fernholm, BRACKEN_WELLS]})


@pytest.fixture
def store(db_location: str) -> Iterator[Store]:
    with Store(db_location) as s:
        yield s


def test_a_new_store_has_the_column_at_the_current_version(store: Store) -> None:
    assert _schema.SCHEMA_VERSION == 4
    assert store.stats().schema_version == 4
    assert "confidence" in _schema.locations.c


def test_confidence_is_stored_and_read_back(store: Store) -> None:
    store.add(_fernholm_story(1, 0.82))
    assert store.place("Fernholm").confidence == pytest.approx(0.82)
    assert store.place(BRACKEN_WELLS.id).confidence is None
    by_id = {p.id: p for p in store.places()}
    assert by_id[FERNHOLM.id].confidence == pytest.approx(0.82)
    assert by_id[BRACKEN_WELLS.id].confidence is None
    extraction = store.extraction(_fernholm_story(1, 0.82).article.id)
    stored = {loc.id: loc.confidence for loc in extraction.locations}
    assert stored == {FERNHOLM.id: pytest.approx(0.82), BRACKEN_WELLS.id: None}


@pytest.mark.parametrize(
    "confidences",
    [
        [0.4, 0.9],  # a firmer reading raises it
        [0.9, 0.4],  # a vaguer one does not lower it
        [None, 0.7],  # the place first stored without one gains it
        [0.7, None],  # an article without one leaves it
        [0.3, 0.95, 0.6],
    ],
)
def test_the_highest_confidence_is_kept_across_articles(
    store: Store, confidences: list[float | None]
) -> None:
    for n, confidence in enumerate(confidences):
        assert store.add(_fernholm_story(n, confidence)).new
    best = max(c for c in confidences if c is not None)
    assert store.place(FERNHOLM.id).confidence == pytest.approx(best)


@pytest.mark.parametrize("confidences", [[0.35, 0.88, 0.5], [None, 0.6, None]])
def test_the_highest_confidence_is_kept_within_one_batch(
    store: Store, confidences: list[float | None]
) -> None:
    results = store.add_many([_fernholm_story(n, c) for n, c in enumerate(confidences)])
    assert all(not isinstance(r, Exception) and r.new for r in results)
    best = max(c for c in confidences if c is not None)
    assert store.place(FERNHOLM.id).confidence == pytest.approx(best)


def test_confidence_reaches_claim_details_and_geojson(store: Store) -> None:
    store.add(_fernholm_story(1, 0.4))
    store.add(_fernholm_story(2, 0.75))
    claim = store.claims(place="Fernholm", limit=1).items[0]
    detail = {loc.id: loc.confidence for loc in store.claim(claim.id).locations}
    assert detail[FERNHOLM.id] == pytest.approx(0.75)
    features = {f["id"]: f["properties"] for f in store.geojson()["features"]}
    assert features[FERNHOLM.id]["confidence"] == pytest.approx(0.75)


def test_the_api_returns_confidence_on_places() -> None:
    store = Store(":memory:")
    store.add(_fernholm_story(1, 0.66))
    app = create_app()
    app.dependency_overrides[get_store] = lambda: store
    with TestClient(app) as client:
        items = {p["id"]: p for p in client.get("/places").json()}
        assert items[FERNHOLM.id]["confidence"] == pytest.approx(0.66)
        assert "confidence" in items[BRACKEN_WELLS.id]
        assert items[BRACKEN_WELLS.id]["confidence"] is None
        assert client.get(f"/places/{FERNHOLM.id}").json()["confidence"] == pytest.approx(0.66)
        features = client.get("/places.geojson").json()["features"]
        by_id = {f["id"]: f["properties"] for f in features}
        assert by_id[FERNHOLM.id]["confidence"] == pytest.approx(0.66)
        schema = client.get("/openapi.json").json()["components"]["schemas"]
        assert schema["PlaceSummary"]["properties"]["confidence"]["description"]
    store.close()


def _downgrade_to_version_3(path: str) -> None:
    """Make a database as version 3 wrote it: no ``confidence`` column, three migrations."""
    run_sql(
        path,
        "ALTER TABLE locations DROP COLUMN confidence",
        "DELETE FROM schema_version WHERE version > 3",
    )


def test_a_version_3_store_is_migrated_and_reads_none(db_location: str) -> None:
    path = db_location
    with Store(path) as store:
        store.add(_fernholm_story(1, 0.9))
    _downgrade_to_version_3(path)
    assert "confidence" not in column_names(path, "locations")
    with Store(path) as store:
        assert store.stats().schema_version == _schema.SCHEMA_VERSION == 4
        assert store.place("Fernholm").confidence is None  # not known then
        # A later article's confidence fills the empty value in.
        store.add(_fernholm_story(2, 0.55))
        assert store.place("Fernholm").confidence == pytest.approx(0.55)
    versions = [row[0] for row in run_sql(path, "SELECT version FROM schema_version ORDER BY 1")]
    assert versions == [1, 2, 3, 4]
    with Store(path) as store:  # opening again applies nothing more
        assert store.stats().schema_version == 4
