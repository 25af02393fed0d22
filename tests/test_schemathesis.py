"""Schemathesis fuzzes every operation of the OpenAPI schema against the app, in process.

Valid and invalid requests generated from the schema must never get a 5xx, every response must
match the schema (status code, content type, body), and requests that break the schema must be
refused with a 4xx. The store is a temporary SQLite file seeded with hand-made extractions;
``POST /articles`` uses a spaCy-free extractor (the real pipeline is fuzzed in
``test_properties.py``).
"""

from __future__ import annotations

import atexit
import shutil
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.generation.modes import GenerationMode
from schemathesis.specs.openapi import checks
from test_store import HILLTOWN, NORTH, capture_story, denial_story

from conflictnews._ids import article_id, claim_id
from conflictnews.api.app import create_app
from conflictnews.api.deps import get_extractor
from conflictnews.api.settings import Settings
from conflictnews.models import Article, ArticleInput, Claim, EventType, Extraction
from conflictnews.store import Store

MAX_EXAMPLES = 20
"""Examples per operation and generation mode: enough to find crashes, fast enough for CI."""

CALLS: Counter[str] = Counter()

CHECKS = [
    schemathesis.checks.not_a_server_error,
    checks.status_code_conformance,
    checks.content_type_conformance,
    checks.response_schema_conformance,
    checks.negative_data_rejection,
]


def fake_extractor(item: ArticleInput) -> Extraction:
    """Reads "captured Hilltown" without spaCy, so generated articles get a claim sometimes."""
    aid = article_id(item.text)
    claims = []
    start = item.text.find("captured Hilltown")
    if start >= 0:
        end = start + len("captured Hilltown")
        claims.append(
            Claim(
                id=claim_id(aid, start, end, "capture", "asserted", [HILLTOWN.id]),
                article_id=aid,
                text=item.text,
                start=start,
                end=end,
                event=EventType.CAPTURE,
                agent=NORTH.id,
                places=[HILLTOWN.id],
            )
        )
    article = Article(id=aid, **item.model_dump())
    return Extraction(article=article, claims=claims, actors=[NORTH], locations=[HILLTOWN])


def _seeded_store() -> Store:
    # The schema is loaded when the module is collected, so the store is made then too.
    folder = Path(tempfile.mkdtemp(prefix="conflictnews-schemathesis-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    store = Store(folder / "fuzz.db")
    for n in range(3):
        store.add(capture_story(n, url=f"https://example.org/{n}"))
    store.add(denial_story())
    atexit.register(store.close)
    return store


def _app() -> Any:
    app = create_app(Settings(db=":memory:", max_body_bytes=50_000), store=_seeded_store())
    app.dependency_overrides[get_extractor] = lambda: fake_extractor
    return app


schema = schemathesis.openapi.from_asgi("/openapi.json", _app())
schema.config.generation.update(
    modes=[GenerationMode.POSITIVE, GenerationMode.NEGATIVE],
    max_examples=MAX_EXAMPLES,
    deterministic=True,
)


@schema.parametrize()
@settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)
def test_api_conforms_to_its_schema(case: Any) -> None:
    CALLS[f"{case.operation.label} {case.meta.generation.mode.value}"] += 1
    case.call_and_validate(checks=CHECKS)


def test_every_operation_was_exercised() -> None:
    """Runs after the fuzzing above (pytest keeps file order); ``-s`` prints the counts."""
    operations = {op.ok().label for op in schema.get_all_operations()}
    exercised = {key.rsplit(" ", 1)[0] for key in CALLS}
    print("\nschemathesis requests per operation and mode:")
    for key, count in sorted(CALLS.items()):
        print(f"  {key}: {count}")
    print(f"  total: {sum(CALLS.values())}")
    assert exercised == operations


def _keyed_app() -> Any:
    settings = Settings(db=":memory:", max_body_bytes=50_000, api_key="fuzz-key")
    app = create_app(settings, store=_seeded_store())
    app.dependency_overrides[get_extractor] = lambda: fake_extractor
    return app


# With a key configured, writes without it are refused, and the schema says so (401/403).
keyed_schema = schemathesis.openapi.from_asgi("/openapi.json", _keyed_app()).include(method="POST")
keyed_schema.config.generation.update(
    modes=[GenerationMode.POSITIVE, GenerationMode.NEGATIVE], max_examples=10, deterministic=True
)


@keyed_schema.parametrize()
@settings(max_examples=10, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
def test_guarded_writes_conform_to_the_schema(case: Any) -> None:
    response = case.call_and_validate(checks=CHECKS[:4])
    assert response.status_code in (401, 403, 405, 413)  # 405: an OPTIONS probe
