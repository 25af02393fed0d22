"""An approximate place keeps the id of the place whose point it borrows (Location.within)
through the store and the API."""

from __future__ import annotations

from conftest import run_sql
from fastapi.testclient import TestClient
from test_store import HILLTOWN, NORTH, make_extraction

from conflictnews import Store
from conflictnews.api.app import create_app
from conflictnews.api.deps import get_store
from conflictnews.models import Location, LocationKind
from conflictnews.store import _schema

MARKET = Location(
    id="place:old-market-street",
    name="Old Market Street",
    kind=LocationKind.FEATURE,
    lat=HILLTOWN.lat,
    lon=HILLTOWN.lon,
    within=HILLTOWN.id,
    mentions=["Old Market Street"],
)


def _market_story() -> object:
    text = "Shelling hits Hilltown market\nShells struck Old Market Street in Hilltown on Monday."
    extraction = make_extraction(
        text,
        [("strike", "asserted", None, NORTH.id, "struck Old Market Street", [MARKET.id])],
    )
    return extraction.model_copy(update={"locations": [HILLTOWN, MARKET]})


def test_within_is_stored_and_read_back(db_location: str) -> None:
    with Store(db_location) as store:
        store.add(_market_story())  # type: ignore[arg-type]
        place = store.place("Old Market Street")
        assert place.within == HILLTOWN.id
        assert store.place(HILLTOWN.id).within is None


def test_within_reaches_the_api_and_geojson(db_location: str) -> None:
    store = Store(db_location)
    store.add(_market_story())  # type: ignore[arg-type]
    app = create_app()
    app.dependency_overrides[get_store] = lambda: store
    with TestClient(app) as client:
        body = client.get(f"/places/{MARKET.id}").json()
        assert body["within"] == HILLTOWN.id
        features = client.get("/places.geojson").json()["features"]
        by_id = {f["id"]: f["properties"] for f in features}
        assert by_id[MARKET.id]["within"] == HILLTOWN.id
    store.close()


def test_a_store_without_the_column_gains_it(db_location: str) -> None:
    path = db_location
    with Store(path) as store:
        store.add(_market_story())  # type: ignore[arg-type]
    run_sql(
        path,
        "ALTER TABLE locations DROP COLUMN within",
        "DELETE FROM schema_version WHERE version > 2",
    )
    with Store(path) as store:
        assert store.stats().schema_version == _schema.SCHEMA_VERSION
        assert store.place("Old Market Street").within is None  # not known then
        store.add(_market_story())  # type: ignore[arg-type]  # already stored: unchanged
