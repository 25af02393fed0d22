"""Gazetteer cache: built once, reused, and kept in memory when the cache is unwritable."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from conflictnews.places import _gazetteer as gz


def _tiny() -> dict[str, Any]:
    records = [
        (0, 111, "Alphaville", gz.SETTLEMENT, "XA", "01", 10.0, 20.0, 5000, 3),
        (1, 222, "Alpha Oblast", gz.REGION, "XA", "01", 10.5, 20.5, 90000, 0),
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


def test_region_points_lie_in_their_own_country() -> None:
    # country_state_city geocoded some regions onto namesakes abroad (North West, South
    # Africa, in Texas; Kent, England, in Ohio; Helmand in Maryland).
    gaz = gz.gazetteer()
    expected = {
        ("north west", "ZA"): (-28, -24, 22, 29),
        ("kent", "GB"): (50.5, 51.6, -0.5, 1.6),
        ("helmand", "AF"): (29, 35, 61, 66),
        ("white nile", "SD"): (11, 16, 31, 34),
        ("hunan", "CN"): (24, 31, 108, 115),
    }
    for (name, cc), (south, north, west, east) in expected.items():
        recs = [gaz.record(i) for i, _ in gaz.lookup(name)]
        region = next(
            r for r in recs if r.kind in (gz.REGION, gz.DISTRICT) and r.country_code == cc
        )
        assert region.lat is not None and region.lon is not None
        assert south <= region.lat <= north and west <= region.lon <= east, (name, region)


def test_region_point_check() -> None:
    members = [(13.2, 32.5), (14.0, 33.0)]
    sudan = (8.7, 22.2, 21.8, 38.6)
    assert gz._plausible_region_point((13.6, 32.3), members, sudan)
    assert not gz._plausible_region_point((9.3, 31.5), members, sudan)  # 400 km off
    assert not gz._plausible_region_point((39.3, -76.6), [], sudan)  # another continent
    assert gz._plausible_region_point((12.0, 30.0), [], None)


def test_box_centre_across_the_antimeridian() -> None:
    lat, lon = gz._trimmed_box_centre([(65.0, 177.0), (66.0, -179.0), (64.0, 179.0)])
    assert 64 <= lat <= 66 and (lon >= 177 or lon <= -179)


def test_districts_without_listed_settlements_take_their_namesake_seat() -> None:
    gaz = gz.gazetteer()
    for key, town_key, cc in (
        ("sudzhanskiy rayon", "sudzha", "RU"),
        ("douma district", "douma", "SY"),
    ):
        district = next(gaz.record(i) for i, _ in gaz.lookup(key))
        town = max(
            (gaz.record(i) for i, _ in gaz.lookup(town_key)),
            key=lambda r: (r.kind == gz.SETTLEMENT and r.country_code == cc, r.population),
        )
        assert district.kind == gz.DISTRICT and district.country_code == cc
        assert (district.lat, district.lon) == (town.lat, town.lon)


def test_first_level_regions_follow_geonames_codes() -> None:
    # ISO counts Palestinian governorates as first-level; GeoNames puts them within the
    # West Bank (PS.WE) and the Gaza Strip (PS.GZ), as it does the settlements.
    gaz = gz.gazetteer()
    for key, name in (("PS.WE", "West Bank"), ("PS.GZ", "Gaza Strip")):
        assert gaz.record(gaz.admin1_index[key]).name == name
    jenin = next(
        gaz.record(i)
        for i, _ in gaz.lookup("jenin")
        if gaz.record(i).kind == gz.SETTLEMENT and gaz.record(i).country_code == "PS"
    )
    region = gaz.region_of(jenin.index)
    assert region is not None and region.name == "West Bank"
