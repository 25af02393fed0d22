"""The REST API through the real HTTP stack (TestClient) on a real SQLite file."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from test_store import (
    HILLTOWN,
    NORTH,
    capture_story,
    denial_story,
    make_extraction,
    store_without_claim_places,
)

import conflictnews
from conflictnews import ClaimQuery
from conflictnews.api.app import create_app
from conflictnews.api.deps import get_extractor, get_store
from conflictnews.api.settings import Settings
from conflictnews.models import ArticleInput, Extraction
from conflictnews.store import Store
from conflictnews.store._records import StoredClaim


def fake_extractor(item: ArticleInput) -> Extraction:
    """Reads "X captured Hilltown" sentences without spaCy: enough to drive POST /articles."""
    claims = []
    if "captured Hilltown" in item.text:
        claims.append(("capture", "asserted", None, NORTH.id, "captured Hilltown", [HILLTOWN.id]))
    built = make_extraction(item.text, claims, url=item.url, source=item.source)  # type: ignore[arg-type]
    built.article.title = item.title
    built.article.published = item.published
    return built


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    s = Store(tmp_path / "api.db")
    s.add(capture_story(1, url="https://example.org/1", published=dt.date(2024, 5, 2)))
    s.add(denial_story(published=dt.date(2024, 5, 4)))
    yield s
    s.close()


@pytest.fixture
def client(store: Store) -> Iterator[TestClient]:
    app = create_app(Settings(db=":memory:", max_body_bytes=20_000))
    app.dependency_overrides[get_store] = lambda: store
    app.dependency_overrides[get_extractor] = lambda: fake_extractor
    with TestClient(app) as c:
        yield c


def error_code(response) -> str:  # type: ignore[no-untyped-def]
    return str(response.json()["error"]["code"])


def test_health_is_liveness_without_the_database(client: TestClient, store: Store) -> None:
    store.close()  # a closed store would fail any query: /health must not make one
    r = client.get("/health")
    assert r.status_code == 200
    assert r.json() == {"status": "ok", "version": conflictnews.__version__}


def test_ready_counts_what_the_database_holds(client: TestClient) -> None:
    r = client.get("/ready")
    assert r.status_code == 200
    body = r.json()
    assert body["status"] == "ok" and body["claims"] == 2 and body["articles"] == 2
    assert body["schema_version"] >= 1 and body["version"] == conflictnews.__version__


def test_ready_is_503_when_the_database_does_not_answer(tmp_path: Path) -> None:
    path = tmp_path / "broken.db"
    broken = Store(path)
    broken.close()  # the next query opens the file anew, and finds it is not a database
    path.write_bytes(b"this is not an SQLite database" * 200)
    app = create_app(Settings(db=":memory:"))
    app.dependency_overrides[get_store] = lambda: broken
    try:
        with TestClient(app) as c:
            r = c.get("/ready")
            assert r.status_code == 503
            assert r.json()["error"]["code"] == "store_unavailable"
            assert c.get("/health").status_code == 200
    finally:
        broken.close()


def test_claims_by_place_alias_and_id(client: TestClient) -> None:
    by_name = client.get("/claims", params={"place": "Hilltown"}).json()
    assert {c["stance"] for c in by_name["items"]} == {"asserted", "denied"}
    for query in ("khilltaun", "Хилтаун", "geonames:9000001"):
        assert client.get("/claims", params={"place": query}).json() == by_name
    assert client.get("/claims", params={"place": "Atlantis"}).json()["items"] == []


def test_claims_filters_and_pagination(client: TestClient) -> None:
    assert len(client.get("/claims?stance=denied").json()["items"]) == 1
    assert len(client.get("/claims?actor=Southern%20Guard").json()["items"]) == 1
    assert len(client.get("/claims?since=2024-05-03").json()["items"]) == 1
    assert len(client.get("/claims?q=had%20fallen").json()["items"]) == 1
    first = client.get("/claims?limit=1").json()
    assert len(first["items"]) == 1 and first["next_cursor"]
    second = client.get("/claims", params={"limit": 1, "cursor": first["next_cursor"]}).json()
    assert second["items"][0]["id"] != first["items"][0]["id"] and second["next_cursor"] is None


@pytest.mark.parametrize(
    "query",
    ["limit=0", "limit=501", "event=teleport", "stance=maybe", "since=2024-13-40", "cursor=abc"],
)
def test_bad_parameters_are_422_with_a_readable_message(client: TestClient, query: str) -> None:
    r = client.get("/claims?" + query)
    assert r.status_code == 422
    assert error_code(r) == "invalid_parameter"
    assert query.split("=")[0] in r.json()["error"]["message"]


def test_claim_detail_and_404(client: TestClient, store: Store) -> None:
    claim_id = store.claims(stance="asserted").items[0].id
    body = client.get(f"/claims/{claim_id}").json()
    assert body["evidence"] == "its units had captured Hilltown"
    assert body["article"]["url"] == "https://example.org/1"
    assert body["locations"][0]["name"] == "Hilltown"
    assert body["claimant_actor"]["name"] == "Northern Army"
    r = client.get("/claims/clm_missing")
    assert r.status_code == 404 and error_code(r) == "not_found"


def test_places(client: TestClient) -> None:
    found = client.get("/places?q=hill").json()
    assert [p["id"] for p in found] == ["geonames:9000001"]
    assert client.get("/places?q=zzz").json() == []
    detail = client.get("/places/geonames:9000001").json()
    assert detail["status"]["status"] == "contested"
    assert detail["status"]["sources_per_side"] == {"north": 1}
    assert [d["day"] for d in detail["timeline"]] == ["2024-05-02", "2024-05-04"]
    assert "Хилтаун" in detail["names"]
    assert client.get("/places/Khilltaun").json()["id"] == "geonames:9000001"
    r = client.get("/places/geonames:1")
    assert r.status_code == 404 and error_code(r) == "not_found"


def test_places_geojson_is_a_feature_collection_in_lon_lat_order(client: TestClient) -> None:
    r = client.get("/places.geojson")
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("application/geo+json")
    body = r.json()
    assert body["type"] == "FeatureCollection"
    (feature,) = body["features"]  # the unresolved place has no coordinates, so no feature
    assert feature["type"] == "Feature"
    assert feature["geometry"] == {"type": "Point", "coordinates": [37.25, 48.5]}
    assert feature["properties"]["status"] == "contested"
    assert feature["properties"]["claims"] == 2


def test_contradictions(client: TestClient) -> None:
    (group,) = client.get("/contradictions?place=Hilltown").json()
    assert group["place"]["id"] == "geonames:9000001"
    assert {c["stance"] for c in group["claims"]} == {"asserted", "denied"}
    assert group["reasons"]
    assert client.get("/contradictions?place=Riverbend").json() == []
    assert len(client.get("/contradictions").json()) == 1


def test_actors(client: TestClient) -> None:
    found = client.get("/actors?q=north").json()
    assert found[0]["id"] == NORTH.id and found[0]["claims_made"] == 1
    detail = client.get("/actors/Northern Army").json()
    assert len(detail["claims_by"]) == 1 and len(detail["claims_as_agent"]) == 2
    r = client.get("/actors/actor:nobody")
    assert r.status_code == 404 and error_code(r) == "not_found"


def test_articles_listing_detail_and_404(client: TestClient) -> None:
    page = client.get("/articles?limit=1").json()
    assert len(page["items"]) == 1 and page["next_cursor"]
    article_id = page["items"][0]["id"]
    detail = client.get(f"/articles/{article_id}").json()
    assert detail["article"]["id"] == article_id and detail["claims"]
    r = client.get("/articles/art_missing")
    assert r.status_code == 404 and error_code(r) == "not_found"


def test_post_article_201_then_200(client: TestClient) -> None:
    body = {
        "text": "Hilltown report\nScouts of the Northern Army captured Hilltown at dawn.",
        "title": "Hilltown report",
        "source": "Field Post",
        "published": "2024-05-10",
    }
    first = client.post("/articles", json=body)
    assert first.status_code == 201
    assert first.json()["new"] is True
    assert first.json()["claims"][0]["event"] == "capture"
    again = client.post("/articles", json=body)
    assert again.status_code == 200 and again.json()["new"] is False
    assert again.json()["claims"] == first.json()["claims"]
    assert len(client.get("/claims?place=Hilltown").json()["items"]) == 3


def test_post_article_errors(client: TestClient) -> None:
    r = client.post("/articles", json={"text": "x", "colour": "red"})
    assert r.status_code == 422 and "colour" in r.json()["error"]["message"]
    r = client.post("/articles", json={"text": "bad \x00 bytes"})
    assert r.status_code == 422 and error_code(r) == "invalid_input"
    r = client.post("/articles", json={"text": "x" * 30_000})
    assert r.status_code == 413 and error_code(r) == "payload_too_large"

    def chunks() -> Iterator[bytes]:
        yield b'{"text": "'
        for _ in range(30):
            yield b"y" * 1000
        yield b'"}'

    r = client.post("/articles", content=chunks(), headers={"content-type": "application/json"})
    assert r.status_code == 413


def test_unknown_route_is_a_json_404(client: TestClient) -> None:
    r = client.get("/nowhere")
    assert r.status_code == 404 and error_code(r) == "not_found"


def test_openapi_documents_every_route_with_models_and_errors(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    expected = {
        "/claims": ["get"],
        "/claims/{claim_id}": ["get"],
        "/places": ["get"],
        "/places.geojson": ["get"],
        "/places/{place_id}": ["get"],
        "/contradictions": ["get"],
        "/actors": ["get"],
        "/actors/{actor_id}": ["get"],
        "/articles": ["get", "post"],
        "/articles/{article_id}": ["get"],
        "/health": ["get"],
        "/ready": ["get"],
    }
    assert set(spec["paths"]) == set(expected)
    for path, methods in expected.items():
        for method in methods:
            operation = spec["paths"][path][method]
            ok = operation["responses"].get("200") or operation["responses"].get("201")
            assert "schema" in next(iter(ok["content"].values())), path
            for param in operation.get("parameters", []):
                assert param.get("description"), (path, param["name"])
    assert "404" in spec["paths"]["/claims/{claim_id}"]["get"]["responses"]
    assert "413" in spec["paths"]["/articles"]["post"]["responses"]
    assert client.get("/docs").status_code == 200


def test_store_opened_from_settings(tmp_path: Path) -> None:
    path = tmp_path / "from-settings.db"
    with Store(path) as s:
        s.add(capture_story())
    with TestClient(create_app(Settings(db=str(path)))) as c:
        assert c.get("/ready").json()["articles"] == 1


def test_claim_search_serves_exactly_the_stored_claims(client: TestClient, store: Store) -> None:
    # /claims joins each claim's JSON stored at ingest: it must be the JSON of the StoredClaim
    # that the claim's columns hold (what GET /claims/{id} and every other read is built from).
    for params in ({"place": "Hilltown"}, {"limit": 1}, {"stance": "denied"}, {"q": "fallen"}):
        response = client.get("/claims", params=params)
        assert response.headers["content-type"] == "application/json"
        assert response.content == store.claims_json(**params)
        page = response.json()
        assert page == store.claims(**params).model_dump(mode="json")
        for item in page["items"]:
            assert list(item) == list(StoredClaim.model_fields)
            detail = client.get(f"/claims/{item['id']}").json()
            assert item == {key: detail[key] for key in StoredClaim.model_fields}


@pytest.mark.parametrize("query", ["plcae=Hilltown", "place=Hilltown&colour=red"])
def test_unknown_claim_parameters_are_refused(client: TestClient, query: str) -> None:
    # A misspelt filter must not silently return every claim.
    r = client.get("/claims?" + query)
    assert r.status_code == 422 and error_code(r) == "invalid_parameter"
    assert query.split("&")[-1].split("=")[0] in r.json()["error"]["message"]


def test_claims_openapi_lists_every_claim_query_field(client: TestClient) -> None:
    operation = client.get("/openapi.json").json()["paths"]["/claims"]["get"]
    params = {p["name"]: p for p in operation["parameters"]}
    assert list(params) == list(ClaimQuery.model_fields)
    assert all(p["in"] == "query" and not p.get("required") for p in params.values())
    for name, field in ClaimQuery.model_fields.items():
        assert params[name]["description"] == field.description
    assert params["limit"]["schema"]["maximum"] == 500
    assert params["place"]["schema"]["anyOf"][0]["maxLength"] == 200


def test_claims_from_an_unreadable_store_are_a_503(tmp_path: Path) -> None:
    path = store_without_claim_places(tmp_path)
    with TestClient(create_app(Settings(db=str(path)))) as c:
        r = c.get("/claims", params={"place": HILLTOWN.id})
        assert r.status_code == 503 and error_code(r) == "store_unavailable"


def test_claim_search_reads_its_parameters_as_fastapi_does(
    client: TestClient, store: Store
) -> None:
    # /claims reads ClaimQuery through ModelQueryRoute; FastAPI's own handler must give the
    # same status and bytes for every query string, valid or not.
    from fastapi import FastAPI

    from conflictnews.api.errors import install_error_handlers
    from conflictnews.api.responses import OrjsonResponse
    from conflictnews.api.routers import claims as claims_router
    from conflictnews.api.routing import _plan

    fast = next(r for r in claims_router.router.routes if getattr(r, "path", "") == "/claims")
    assert _plan(fast.dependant) is not None  # the fast handler applies to /claims
    reference = FastAPI(default_response_class=OrjsonResponse)
    install_error_handlers(reference)
    reference.add_api_route("/claims", claims_router.list_claims, methods=["GET"])
    reference.dependency_overrides[get_store] = lambda: store
    queries = [
        "",
        "place=Hilltown",
        "place=nowhere&place=Hilltown",
        "place=Hilltown&place=nowhere",
        "place=",
        "limit=1",
        "limit=1&limit=2",
        "limit=0",
        "limit=abc",
        "limit=501",
        "plcae=Hilltown",
        "plcae=a&plcae=b&place=Hilltown",
        "stance=denied&event=capture",
        "stance=bogus",
        "since=2024-05-03",
        "since=2024-13-01&until=yesterday",
        "q=fallen",
        "cursor=not-a-cursor",
        "actor=" + "x" * 300,
    ]
    with TestClient(reference) as ref:
        for query in queries:
            ours, theirs = client.get("/claims?" + query), ref.get("/claims?" + query)
            assert (ours.status_code, ours.content) == (theirs.status_code, theirs.content), query
    first = client.get("/claims", params={"limit": 1}).json()
    after = client.get("/claims", params={"limit": 1, "cursor": first["next_cursor"]})
    assert after.status_code == 200 and after.json()["items"] != first["items"]


def test_serve_starts_workers_by_import_string_with_the_access_log_setting(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import uvicorn
    from typer.testing import CliRunner

    from conflictnews.cli import app as cli

    calls: list[dict[str, object]] = []
    monkeypatch.setattr(uvicorn, "run", lambda target, **kw: calls.append({"target": target, **kw}))
    monkeypatch.setenv("CONFLICTNEWS_DB", str(tmp_path / "before.db"))  # restored afterwards
    monkeypatch.delenv("CONFLICTNEWS_ACCESS_LOG", raising=False)
    db = str(tmp_path / "served.db")
    runner = CliRunner()
    assert runner.invoke(cli, ["serve", "--db", db, "--workers", "2"]).exit_code == 0
    # An import string: each worker process builds its own app and opens its own store.
    assert calls[-1]["target"] == "conflictnews.api.app:app" and calls[-1]["workers"] == 2
    assert calls[-1]["access_log"] is False
    assert os.environ["CONFLICTNEWS_DB"] == db  # what the workers read
    monkeypatch.setenv("CONFLICTNEWS_ACCESS_LOG", "true")
    assert runner.invoke(cli, ["serve", "--db", db]).exit_code == 0
    assert calls[-1]["access_log"] is True
    assert runner.invoke(cli, ["serve", "--db", db, "--no-access-log"]).exit_code == 0
    assert calls[-1]["access_log"] is False
