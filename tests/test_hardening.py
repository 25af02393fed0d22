"""Garbage in, typed errors out: inputs beyond those of test_input.py, for the library and API.

Covers what fuzzing found (lone surrogates, dates read as Unix times, a regular expression
that was quadratic on long runs of spaces) and the server-side limits (body size, article
length, malformed JSON).
"""

from __future__ import annotations

import datetime as dt
import random
import string
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from pydantic import ValidationError

import conflictnews
from conflictnews import ArticleInput, InvalidInputError
from conflictnews.api.app import create_app
from conflictnews.api.settings import Settings
from conflictnews.store import Store
from conflictnews.text._checks import as_text, looks_like_html

BOUND = 10.0
"""Seconds any single short input may take, generous for a loaded 2-core CI machine."""


@pytest.fixture(scope="module")
def nlp() -> Any:
    """The pipeline, warmed up: the first extraction also loads the gazetteer."""
    pipeline = conflictnews.load_pipeline()
    conflictnews.extract("Troops entered Bakhmut on Monday, the army said.", nlp=pipeline)
    return pipeline


# --- library ---------------------------------------------------------------------------------


@pytest.mark.parametrize("value", ["20240501", "1714000000", "2024-05-01T10:00", "5/1/2024"])
def test_published_must_be_an_iso_date_string(value: str) -> None:
    with pytest.raises(InvalidInputError, match="YYYY-MM-DD"):
        conflictnews.extract("The army said.", published=value)


@pytest.mark.parametrize("value", [0, 1_714_000_000, 3.5, True])
def test_published_is_never_read_as_a_unix_time(value: Any) -> None:
    with pytest.raises(ValidationError, match="YYYY-MM-DD"):
        ArticleInput.model_validate({"text": "x", "published": value})
    with pytest.raises(InvalidInputError, match="YYYY-MM-DD"):
        conflictnews.extract("The army said.", published=value)


def test_published_accepts_dates_and_iso_strings() -> None:
    assert ArticleInput(text="x", published="2024-05-01").published == dt.date(2024, 5, 1)  # type: ignore[arg-type]
    assert ArticleInput(text="x", published=dt.date(2024, 5, 1)).published == dt.date(2024, 5, 1)


@pytest.mark.parametrize("value", [None, 123, 1.5, ["text"], {"text": "x"}, object()])
def test_non_text_input_is_a_typed_error(value: Any) -> None:
    with pytest.raises(InvalidInputError):
        conflictnews.extract(value)


@pytest.mark.parametrize("text", ["\ud800", "Troops \udfff entered the town.", "a\ud83d"])
def test_lone_surrogates_are_a_typed_error(text: str) -> None:
    with pytest.raises(InvalidInputError, match="surrogate"):
        conflictnews.extract(text)
    with pytest.raises(InvalidInputError, match="surrogate"):
        conflictnews.extract("The army said.", title=text)
    assert as_text("Ok 💥 emoji") == "Ok 💥 emoji"  # paired surrogates are fine


@pytest.mark.parametrize(
    "text",
    ["<a" + " " * 200_000, "<" + " " * 200_000, "< /" + " " * 200_000, "<a " * 70_000],
    ids=["tag-then-spaces", "lt-then-spaces", "closing-then-spaces", "many-open-tags"],
)
def test_markup_check_is_linear_on_long_runs(text: str) -> None:
    start = time.perf_counter()
    looks_like_html(text)
    assert time.perf_counter() - start < 1.0


@pytest.mark.parametrize(
    "text",
    [
        "a" * 100_000,
        "\n" * 50_000,
        "!" * 20_000,
        "💥" * 20_000,
        "e" + "\u0301" * 20_000,
        "\u200b".join("Troops entered Bakhmut on Monday") * 200,
        "\u202eTroops entered the town, officials said.\u202c " * 200,
        "<a" + " " * 30_000 + "troops entered the town>",
        "U.S. " * 2_000,
        "(" * 2_000 + "troops" + ")" * 2_000,
    ],
    ids=[
        "one-long-token",
        "newlines",
        "punctuation",
        "emoji",
        "combining-marks",
        "zero-width-spaces",
        "bidi-overrides",
        "unclosed-tag",
        "abbreviations",
        "deep-brackets",
    ],
)
def test_pathological_text_is_handled_in_bounded_time(nlp: Any, text: str) -> None:
    start = time.perf_counter()
    try:
        result = conflictnews.extract(text, nlp=nlp)
    except InvalidInputError:
        result = None
    assert time.perf_counter() - start < BOUND
    if result is not None:
        for claim in result.claims:
            assert 0 <= claim.start < claim.end <= len(text)


@pytest.mark.parametrize(
    "token",
    ["(" * 10_000 + "x" + ")" * 10_000, "x" + ")" * 20_000, "(" * 20_000 + "x", "$" * 20_000],
    ids=["brackets", "closing", "opening", "dollars"],
)
def test_tokenizer_is_linear_on_long_runs_of_affixes(nlp: Any, token: str) -> None:
    # Before the guard (conflictnews.text._tokenizer_guard) spaCy took minutes on these.
    start = time.perf_counter()
    doc = nlp.make_doc(token)
    assert time.perf_counter() - start < 3.0
    assert doc.text == token


def test_guarded_tokenizer_splits_like_spacy(nlp: Any) -> None:
    import spacy

    from conflictnews.text._tokenizer_guard import split_glued_dash

    blank = spacy.blank("en")
    split_glued_dash(blank)  # the same prefixes as ours, without the guard
    plain = blank.tokenizer
    rng = random.Random(6)
    alphabet = string.ascii_letters + string.digits + string.punctuation + " " * 12 + "’“”«»…–—€°"
    long_affixes = ["(" * 70 + "word" + ")" * 70 + ".", "“" * 80 + "Kyiv’s" + "”" * 80 + "..."]
    samples = long_affixes + [
        "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 160))) for _ in range(500)
    ]
    for text in samples:
        assert [t.text for t in nlp.tokenizer(text)] == [t.text for t in plain(text)], text


def test_a_dash_glued_to_a_word_is_split_but_a_hyphen_inside_one_is_not(nlp: Any) -> None:
    words = [t.text for t in nlp.make_doc("DORRA (Wire) -Rebel drones hit pro-army posts")]
    assert words[:6] == ["DORRA", "(", "Wire", ")", "-", "Rebel"]
    assert words[-4:] == ["pro", "-", "army", "posts"]


def test_a_bad_item_in_an_ingest_is_counted_and_the_rest_goes_in(nlp: Any, tmp_path: Path) -> None:
    items: list[Any] = [
        "Government troops entered Northvale on Monday, a military spokesman said.",
        "binary \x00 junk",
        "lone \ud800 surrogate",
        ArticleInput(text="Rebels shelled Port Ellis on Tuesday, residents said."),
    ]
    with Store(tmp_path / "mixed.db") as store:
        summary = store.ingest(items, nlp=nlp)
        assert (summary.new, summary.failed) == (2, 2)
        assert any("NUL" in e for e in summary.errors)
        assert any("surrogate" in e for e in summary.errors)
        assert store.stats().articles == 2


# --- API -------------------------------------------------------------------------------------


@pytest.fixture
def client(tmp_path: Path) -> Iterator[TestClient]:
    store = Store(tmp_path / "api.db")
    app = create_app(Settings(db=":memory:", max_body_bytes=100_000, max_article_chars=2_000))
    app.state.store = store
    # The real extractor: texts over the article limit are refused before any model loads.
    with TestClient(app, raise_server_exceptions=False) as c:
        yield c
    store.close()


def post(client: TestClient, body: str | bytes, content_type: str | None = "application/json"):  # type: ignore[no-untyped-def]
    headers = {"content-type": content_type} if content_type else {}
    return client.post("/articles", content=body, headers=headers)


def test_article_longer_than_the_server_limit_is_422_before_extraction(
    client: TestClient,
) -> None:
    r = client.post("/articles", json={"text": "Troops entered the town. " * 100})
    assert r.status_code == 422
    assert r.json()["error"]["code"] == "invalid_input"
    assert "CONFLICTNEWS_MAX_ARTICLE_CHARS" in r.json()["error"]["message"]
    assert client.get("/ready").json()["articles"] == 0


def test_body_over_the_limit_is_413(client: TestClient) -> None:
    r = client.post("/articles", json={"text": "x" * 150_000})
    assert r.status_code == 413 and r.json()["error"]["code"] == "payload_too_large"


@pytest.mark.parametrize(
    ("body", "content_type", "status", "words"),
    [
        ("[]", "application/json", 422, "object"),
        ("null", "application/json", 422, "object"),
        ('"text"', "application/json", 422, "object"),
        ("{}", "application/json", 422, "text"),
        ('{"text": 5}', "application/json", 422, "text"),
        ('{"text": "x", "colour": "red"}', "application/json", 422, "colour"),
        ('{"text": "x", "published": 0}', "application/json", 422, "published"),
        ('{"text": "x", "published": "20240501"}', "application/json", 422, "published"),
        ('{"text": "\\ud800"}', "application/json", 422, "surrogate"),
        ('{"text": "x", "title": "\\udc00"}', "application/json", 422, "title"),
        ('{"text": "x", "source": "a\\ud83d"}', "application/json", 422, "source"),
        ('{"text": NaN}', "application/json", 422, "text"),
        ('{"text": "x"', "application/json", 422, "JSON"),
        ('{"text":"x"}{"text":"y"}', "application/json", 422, "JSON"),
        (b"\xff\xfe\xfd", "application/json", 400, "body"),
        ('{"text": "x"}', "text/plain", 422, "object"),
        ('{"text": "x"}', None, 422, "object"),
        ('{"text": "x", "title": ' + "[" * 5000 + "]" * 5000 + "}", "application/json", 400, ""),
    ],
)
def test_malformed_bodies_get_a_readable_4xx(
    client: TestClient, body: str | bytes, content_type: str | None, status: int, words: str
) -> None:
    r = post(client, body, content_type)
    assert r.status_code == status, r.text
    message = r.json()["error"]["message"]
    assert message and words in message


@pytest.mark.parametrize(
    "path",
    [
        "/claims?since=0",
        "/claims?until=20240501",
        "/claims?since=2024-02-30",
        "/claims?limit=1e3",
        "/claims?limit=-1",
        "/claims?limit=99999999999999999999999",
        "/claims?cursor=" + "A" * 400,
        "/claims?cursor=%00",
        "/places?q=" + "x" * 201,
    ],
)
def test_bad_query_values_are_422(client: TestClient, path: str) -> None:
    r = client.get(path)
    assert r.status_code == 422, r.text
    assert r.json()["error"]["message"]


@pytest.mark.parametrize(
    "path",
    [
        "/claims?" + "&".join(f"place=p{i}" for i in range(1000)),
        "/claims?place=%F0%9F%92%A5&q=%E2%80%AE",
        "/claims?place=%ED%A0%80",  # a surrogate sent as UTF-8 bytes: decoded with replacement
        "/places/%ED%A0%80",
        "/actors/%F0%9F%92%A5",
        "/articles/" + "x" * 5000,
        "/places.geojson?unexpected=1",
        "/claims?event=capture&event=strike",
    ],
)
def test_odd_urls_never_give_a_server_error(client: TestClient, path: str) -> None:
    r = client.get(path)
    assert r.status_code in (200, 404, 422), r.text
    assert r.headers["content-type"].startswith(("application/json", "application/geo+json"))


@pytest.mark.parametrize("method", ["HEAD", "OPTIONS", "PUT", "DELETE", "PATCH", "TRACE"])
def test_other_methods_never_give_a_server_error(client: TestClient, method: str) -> None:
    for path in ("/claims", "/articles", "/health", "/places/x"):
        assert client.request(method, path).status_code < 500
