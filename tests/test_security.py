"""Write protection (API key), CORS, and hostile query values against a real SQLite store."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient
from pydantic import ValidationError
from test_store import HILLTOWN, NORTH, SOUTH, capture_story, denial_story, make_extraction

from conflictnews.api.app import create_app
from conflictnews.api.deps import get_extractor, get_store
from conflictnews.api.security import presented_key
from conflictnews.api.settings import Settings
from conflictnews.models import ArticleInput, Extraction, Location
from conflictnews.store import Store

KEY = "s3cret-key-for-tests-only"

ODD = Location(
    id="place:o-hara-s-well", name="O'Hara's Well", mentions=["O'Hara's Well", "Puits_100%"]
)


def fake_extractor(item: ArticleInput) -> Extraction:
    """No spaCy: one article, no claims; enough for the write path."""
    built = make_extraction(item.text, [], url=item.url, source=item.source)
    built.article.title = item.title
    return built


def odd_story() -> Extraction:
    text = (
        "Fuel depot hit near O'Hara's Well\n"
        'Officials said 100% of the depot\'s fuel_store burned after a strike; a "DROP TABLE" '
        "banner hung at the gate."
    )
    built = make_extraction(
        text,
        [("strike", "asserted", SOUTH.id, NORTH.id, "100% of the depot's fuel_store", [ODD.id])],
    )
    built.locations.append(ODD)
    return built


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    s = Store(tmp_path / "security.db")
    s.add(capture_story(1, url="https://example.org/1"))
    s.add(denial_story())
    s.add(odd_story())
    yield s
    s.close()


def make_client(store: Store, **settings: object) -> TestClient:
    app = create_app(Settings(db=":memory:", **settings))  # type: ignore[arg-type]
    app.dependency_overrides[get_store] = lambda: store
    app.dependency_overrides[get_extractor] = lambda: fake_extractor
    return TestClient(app)


ARTICLE = {"text": "Short report\nA quiet day along the river road, residents said."}


# --- API key ---------------------------------------------------------------------------------


def test_without_a_configured_key_writes_are_open(store: Store) -> None:
    with make_client(store) as client:
        assert client.post("/articles", json=ARTICLE).status_code == 201


def test_writes_need_the_key_and_reads_stay_open(store: Store) -> None:
    with make_client(store, api_key=KEY) as client:
        r = client.post("/articles", json=ARTICLE)
        assert r.status_code == 401
        assert r.json()["error"]["code"] == "unauthorized"
        assert "X-API-Key" in r.json()["error"]["message"]
        assert r.headers["www-authenticate"].startswith("Bearer")
        r = client.post("/articles", json=ARTICLE, headers={"X-API-Key": "wrong"})
        assert r.status_code == 403 and r.json()["error"]["code"] == "forbidden"
        r = client.post("/articles", json=ARTICLE, headers={"Authorization": "Bearer nope"})
        assert r.status_code == 403
        assert store.stats().articles == 3
        assert client.post("/articles", json=ARTICLE, headers={"X-API-Key": KEY}).status_code == 201
        r = client.post("/articles", json=ARTICLE, headers={"Authorization": f"bearer {KEY}"})
        assert r.status_code == 200  # known now: nothing added, but the key was accepted
        assert client.get("/claims").status_code == 200
        assert client.get("/health").status_code == 200


@pytest.mark.parametrize("method", ["PUT", "PATCH", "DELETE"])
def test_every_write_method_is_guarded(store: Store, method: str) -> None:
    with make_client(store, api_key=KEY) as client:
        assert client.request(method, "/articles").status_code == 401
        # With the key the request reaches the router, which does not offer that method.
        assert client.request(method, "/articles", headers={"X-API-Key": KEY}).status_code == 405


def test_unauthenticated_oversized_body_is_refused_without_reading_it(store: Store) -> None:
    with make_client(store, api_key=KEY, max_body_bytes=1000) as client:
        assert client.post("/articles", json={"text": "x" * 5000}).status_code == 401
        r = client.post("/articles", json={"text": "x" * 5000}, headers={"X-API-Key": KEY})
        assert r.status_code == 413


def test_reads_can_be_protected_too(store: Store) -> None:
    with make_client(store, api_key=KEY, api_key_reads=True) as client:
        assert client.get("/claims").status_code == 401
        assert client.get("/openapi.json").status_code == 401
        assert client.get("/claims", headers={"X-API-Key": "bad"}).status_code == 403
        assert client.get("/claims", headers={"X-API-Key": KEY}).status_code == 200


def test_openapi_documents_the_key_where_it_is_needed(store: Store) -> None:
    with make_client(store) as client:
        spec = client.get("/openapi.json").json()
        assert "securitySchemes" not in spec.get("components", {})
        assert "401" not in spec["paths"]["/articles"]["post"]["responses"]
    with make_client(store, api_key=KEY) as client:
        spec = client.get("/openapi.json").json()
        assert set(spec["components"]["securitySchemes"]) == {"ApiKeyHeader", "BearerKey"}
        post = spec["paths"]["/articles"]["post"]
        assert {"401", "403"} <= set(post["responses"]) and post["security"]
        assert "security" not in spec["paths"]["/claims"]["get"]
        assert client.get("/docs").status_code == 200
    with make_client(store, api_key=KEY, api_key_reads=True) as client:
        spec = client.get("/openapi.json", headers={"X-API-Key": KEY}).json()
        assert "401" in spec["paths"]["/claims"]["get"]["responses"]


@pytest.mark.parametrize(
    "headers",
    [
        {"X-API-Key": ""},
        {"X-API-Key": "   "},
        {"Authorization": "Bearer"},
        {"Authorization": "Bearer   "},
        {"Authorization": f"Basic {KEY}"},
        {"Authorization": KEY},
    ],
)
def test_malformed_credentials_are_401(store: Store, headers: dict[str, str]) -> None:
    with make_client(store, api_key=KEY) as client:
        assert client.post("/articles", json=ARTICLE, headers=headers).status_code == 401


def test_non_ascii_keys_compare_as_bytes(store: Store) -> None:
    with make_client(store, api_key="clé-ключ") as client:
        good = {"X-API-Key": "clé-ключ".encode()}
        r = client.post("/articles", json=ARTICLE, headers=good)  # type: ignore[arg-type]
        assert r.status_code == 201
        bad = {"X-API-Key": "cle-kluch"}
        assert client.post("/articles", json=ARTICLE, headers=bad).status_code == 403


def test_presented_key_prefers_the_x_api_key_header() -> None:
    headers = [(b"authorization", b"Bearer b"), (b"x-api-key", b"a")]
    assert presented_key(headers) == b"a"
    assert presented_key([(b"authorization", b"BEARER  tok ")]) == b"tok"
    assert presented_key([]) is None


def test_settings_read_key_and_origins_from_the_environment(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("CONFLICTNEWS_API_KEY", KEY)
    monkeypatch.setenv("CONFLICTNEWS_API_KEY_READS", "true")
    monkeypatch.setenv("CONFLICTNEWS_CORS_ORIGINS", "https://a.example, https://b.example")
    settings = Settings(_env_file=None)  # type: ignore[call-arg]
    assert settings.api_key is not None and settings.api_key.get_secret_value() == KEY
    assert KEY not in repr(settings)
    assert settings.api_key_reads is True
    assert settings.cors_origins == ["https://a.example", "https://b.example"]
    monkeypatch.setenv("CONFLICTNEWS_CORS_ORIGINS", '["https://c.example"]')
    assert Settings(_env_file=None).cors_origins == ["https://c.example"]  # type: ignore[call-arg]
    monkeypatch.setenv("CONFLICTNEWS_CORS_ORIGINS", "[not json")
    with pytest.raises(ValidationError):
        Settings(_env_file=None)  # type: ignore[call-arg]


def test_defaults_have_no_key_and_no_cors(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("CONFLICTNEWS_API_KEY", "CONFLICTNEWS_API_KEY_READS", "CONFLICTNEWS_CORS_ORIGINS"):
        monkeypatch.delenv(name, raising=False)
    settings = Settings(_env_file=None)  # type: ignore[call-arg]
    assert settings.api_key is None and settings.cors_origins == []


# --- CORS ------------------------------------------------------------------------------------


def test_cors_is_off_by_default(store: Store) -> None:
    with make_client(store) as client:
        r = client.get("/claims", headers={"Origin": "https://evil.example"})
        assert "access-control-allow-origin" not in r.headers


def test_cors_allows_only_configured_origins(store: Store) -> None:
    with make_client(store, cors_origins=["https://newsroom.example"], api_key=KEY) as client:
        ok = client.get("/claims", headers={"Origin": "https://newsroom.example"})
        assert ok.headers["access-control-allow-origin"] == "https://newsroom.example"
        other = client.get("/claims", headers={"Origin": "https://evil.example"})
        assert "access-control-allow-origin" not in other.headers
        preflight = client.options(
            "/articles",
            headers={
                "Origin": "https://newsroom.example",
                "Access-Control-Request-Method": "POST",
                "Access-Control-Request-Headers": "x-api-key, content-type",
            },
        )
        assert preflight.status_code == 200
        assert "x-api-key" in preflight.headers["access-control-allow-headers"].lower()
        # A refused write still carries CORS headers, so the browser shows the 401 to the page.
        refused = client.post(
            "/articles", json=ARTICLE, headers={"Origin": "https://newsroom.example"}
        )
        assert refused.status_code == 401
        assert refused.headers["access-control-allow-origin"] == "https://newsroom.example"


# --- hostile query values ----------------------------------------------------------------------

HOSTILE = [
    "'; DROP TABLE claims; --",
    '" OR 1=1 --',
    "' OR '1'='1",
    "%",
    "_",
    "%%",
    "\\",
    "\\%",
    "'",
    '"',
    "`",
    "\x00",
    "a\x00b",
    "x" * 199,
    "Хилтаун'); DELETE FROM articles; --",
    "🛰️💥",
    "\u202eevil",
    "null",
    "../../etc/passwd",
    "geonames:1 OR 1=1",
    "place:'; --",
    "actor:%",
]

TABLES = ("articles", "claims", "claim_places", "locations", "location_names", "actors")


def _table_counts(store: Store) -> dict[str, int]:
    con = sqlite3.connect(store.url.removeprefix("sqlite:///"))
    try:
        return {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}
    finally:
        con.close()


@pytest.fixture
def client(store: Store) -> Iterator[TestClient]:
    with make_client(store) as c:
        yield c


def test_hostile_values_give_correct_answers_and_leave_the_tables_intact(
    client: TestClient, store: Store
) -> None:
    before = _table_counts(store)
    for value in HOSTILE:
        for path, name in (
            ("/claims", "place"),
            ("/claims", "q"),
            ("/claims", "actor"),
            ("/claims", "claimant"),
            ("/claims", "article"),
            ("/claims", "cursor"),
            ("/places", "q"),
            ("/actors", "q"),
            ("/contradictions", "place"),
            ("/articles", "source"),
        ):
            r = client.get(path, params={name: value})
            assert r.status_code in (200, 422), (path, name, value, r.text)
            if r.status_code == 422:
                assert r.json()["error"]["message"], (path, name, value)
        for path in ("/claims/", "/places/", "/actors/", "/articles/"):
            r = client.get(path + quote(value, safe=""))
            assert r.status_code in (404, 422), (path, value, r.text)
    assert _table_counts(store) == before
    assert client.get("/ready").json()["claims"] == before["claims"]


def test_like_wildcards_are_matched_literally(client: TestClient) -> None:
    def evidence(**params: str) -> list[str]:
        return [c["evidence"] for c in client.get("/claims", params=params).json()["items"]]

    assert evidence(q="%") == ["100% of the depot's fuel_store"]
    assert evidence(q="_") == ["100% of the depot's fuel_store"]
    assert evidence(q="depot's") == ["100% of the depot's fuel_store"]
    assert evidence(q="%%") == []
    assert evidence(q="DROP TABLE") == []  # in the article text, but not in any evidence sentence
    assert evidence(place="O'Hara's Well") == ["100% of the depot's fuel_store"]
    assert evidence(place="o'hara's well") == evidence(place="O'Hara's Well")
    assert [p["id"] for p in client.get("/places", params={"q": "o'hara"}).json()] == [ODD.id]
    # A bare wildcard must not turn into "every place" or "every actor".
    assert client.get("/places", params={"q": "%"}).json() == []
    assert client.get("/actors", params={"q": "_"}).json() == []


def test_very_long_values_are_refused_or_answered_quickly(client: TestClient) -> None:
    long = "Хилтаун" * 500
    for path, name in (("/claims", "q"), ("/places", "q"), ("/actors", "q")):
        r = client.get(path, params={name: long})
        assert r.status_code == 422 and "200" in r.json()["error"]["message"]
    # Names go through the gazetteer, whose cost grows faster than their length: no place or
    # actor name is 200 characters long, so longer ones are refused before any lookup.
    for path, name in (
        ("/claims", "place"),
        ("/claims", "actor"),
        ("/claims", "claimant"),
        ("/claims", "agent"),
        ("/contradictions", "place"),
    ):
        r = client.get(path, params={name: long})
        assert r.status_code == 422 and name in r.json()["error"]["message"]
    for path in ("/places/", "/actors/"):
        r = client.get(path + long)
        assert r.status_code == 422


def test_hostile_article_fields_are_stored_verbatim(client: TestClient, store: Store) -> None:
    body = {
        "text": 'Report \'; DROP TABLE articles; --\nNothing happened near the "bridge" %_ today.',
        "title": "'; DROP TABLE claims; --",
        "source": "Robert'); DROP TABLE Students;--",
        "url": "https://example.org/?q=' OR 1=1",
    }
    r = client.post("/articles", json=body)
    assert r.status_code == 201, r.text
    stored = client.get(f"/articles/{r.json()['article']['id']}").json()["article"]
    assert (stored["text"], stored["title"]) == (body["text"], body["title"])
    listed = client.get("/articles", params={"source": body["source"]}).json()["items"]
    assert [a["source"] for a in listed] == [body["source"]]
    assert _table_counts(store)["articles"] == 4
    assert store.claims(place=HILLTOWN.id).items


@pytest.mark.parametrize(
    ("host", "key", "warned"),
    [("0.0.0.0", None, True), ("0.0.0.0", KEY, False), ("127.0.0.1", None, False)],
)
def test_serve_warns_when_it_listens_beyond_loopback_without_a_key(
    monkeypatch: pytest.MonkeyPatch, host: str, key: str | None, warned: bool
) -> None:
    import uvicorn
    from typer.testing import CliRunner

    from conflictnews.cli import app

    monkeypatch.setattr(uvicorn, "run", lambda *a, **kw: None)
    monkeypatch.chdir(Path(__file__).parent)  # no .env here
    monkeypatch.setenv("CONFLICTNEWS_DB", ":memory:")  # serve sets it; restored afterwards
    if key is None:
        monkeypatch.delenv("CONFLICTNEWS_API_KEY", raising=False)
    else:
        monkeypatch.setenv("CONFLICTNEWS_API_KEY", key)
    result = CliRunner().invoke(app, ["serve", "--host", host, "--db", ":memory:"])
    assert result.exit_code == 0, result.output
    assert ("without CONFLICTNEWS_API_KEY" in result.output) is warned
