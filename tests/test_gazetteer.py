"""Gazetteer cache: built once, reused, and kept in memory when the cache is unwritable."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from conflictnews.places import _gazetteer as gz


def _tiny() -> dict[str, Any]:
    records = [
        (0, 111, "Alphaville", gz.SETTLEMENT, "XA", "01", 10.0, 20.0, 5000),
        (1, 222, "Alpha Oblast", gz.REGION, "XA", "01", 10.5, 20.5, 90000),
    ]
    return {
        "records": records,
        "keys": {"alphaville": {0: gz.PRIMARY}, "alpha": {1: gz.DERIVED}},
        "meta": {
            "surface": {"AV": [0]},
            "admin1": {"XA.01": 1},
            "country": {},
            "seat": {"1": 0},
            "max_words": 1,
            "size": 2,
            "capitals": [],
        },
    }


@pytest.fixture
def tiny_build(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    calls: list[int] = []

    def build() -> dict[str, Any]:
        calls.append(1)
        return _tiny()

    monkeypatch.setattr(gz, "_build", build)
    return calls


def test_cache_is_built_once_then_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, tiny_build: list[int]
) -> None:
    monkeypatch.setenv(gz.CACHE_ENV, str(tmp_path))
    first = gz._open()
    assert gz.cache_path().exists()
    second = gz._open()
    assert tiny_build == [1]
    for gaz in (first, second):
        assert [(r, h) for r, h in gaz.lookup("alphaville")] == [(0, gz.PRIMARY)]
        assert gaz.record(1).name == "Alpha Oblast"
        assert gaz.region_of(0) is not None and gaz.region_of(0).name == "Alpha Oblast"
        assert gaz.lookup_surface("AV") == [0]


def test_stale_versions_are_removed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, tiny_build: list[int]
) -> None:
    monkeypatch.setenv(gz.CACHE_ENV, str(tmp_path))
    stale = tmp_path / "gazetteer-0000000000000000.sqlite"
    stale.write_bytes(b"old")
    gz._open()
    assert not stale.exists()


def test_unwritable_cache_falls_back_to_memory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, tiny_build: list[int]
) -> None:
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("x")
    monkeypatch.setenv(gz.CACHE_ENV, str(blocker / "cache"))
    gaz = gz._open()
    assert gaz.record(0).name == "Alphaville"
    assert gaz.lookup_variant("alphavile") == ((0, gz.PRIMARY),)


def test_damaged_cache_is_rebuilt(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, tiny_build: list[int]
) -> None:
    monkeypatch.setenv(gz.CACHE_ENV, str(tmp_path))
    gz.cache_path().write_bytes(b"this is not sqlite")
    gaz = gz._open()
    assert gaz.record(0).name == "Alphaville"
    assert tiny_build == [1]


def test_real_gazetteer_holds_kinds_and_points() -> None:
    gaz = gz.gazetteer()
    assert len(gaz) > 200_000
    kinds = {gaz.record(i).kind for i, _ in gaz.lookup("sudan")}
    assert gz.COUNTRY in kinds
    darfur = [gaz.record(i) for i, _ in gaz.lookup("north darfur")]
    assert any(r.kind == gz.REGION and r.country_code == "SD" and r.lat for r in darfur)
