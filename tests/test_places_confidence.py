"""Calibrated confidence on resolved places, and the threshold below which a place stays
unresolved (issue 11). Sentences are our own."""

from __future__ import annotations

import json
from importlib import resources

import pytest

import conflictnews
from conflictnews.errors import InvalidInputError
from conflictnews.places._component import PlaceFinder
from conflictnews.places._confidence import (
    FEATURES,
    confidence_model,
    default_min_confidence,
    pipeline_min_confidence,
)


def _spans(text: str, *names: str) -> list[tuple[int, int]]:
    return [(text.index(n), text.index(n) + len(n)) for n in names]


def _resolve(text: str, *names: str, **options: float) -> list[conflictnews.Location | None]:
    return conflictnews.resolve_places(text, _spans(text, *names), **options)


def test_the_packaged_model_is_complete_and_its_thresholds_ordered() -> None:
    data = json.loads(
        (resources.files("conflictnews") / "data" / "places_confidence.json").read_text()
    )
    assert list(data["weights"]) == list(FEATURES)
    model = confidence_model()
    assert 0 < model.pipeline_threshold < model.threshold < 1
    assert default_min_confidence() == model.threshold
    assert pipeline_min_confidence() == model.pipeline_threshold


def test_a_capital_among_its_own_cities_is_resolved_by_default_with_high_confidence() -> None:
    kyiv, kharkiv = _resolve(
        "Missiles struck Kyiv and Kharkiv overnight, Ukrainian officials said.", "Kyiv", "Kharkiv"
    )
    assert kyiv is not None and kyiv.country_code == "UA"
    assert kyiv.confidence is not None and kyiv.confidence >= default_min_confidence()
    assert kharkiv is not None and kharkiv.country_code == "UA"


def test_every_resolved_entry_carries_a_confidence_between_zero_and_one() -> None:
    text = "Clashes were reported in Omdurman and Khartoum, Sudan, and near Nyala in Darfur."
    located = _resolve(text, "Omdurman", "Khartoum", "Sudan", "Nyala", min_confidence=0)
    for loc in located:
        assert loc is not None and loc.geonames_id is not None
        assert loc.confidence is not None and 0 <= loc.confidence <= 1


def test_an_unsure_reading_is_withheld_by_default_and_returned_at_zero() -> None:
    text = "Shelling was reported in Tiotkino overnight."
    (guess,) = _resolve(text, "Tiotkino", min_confidence=0)
    assert guess is not None and guess.confidence is not None
    assert guess.confidence < default_min_confidence()
    assert _resolve(text, "Tiotkino") == [None]


def test_a_higher_threshold_never_resolves_more() -> None:
    text = (
        "Drones hit Odesa and Izmail on the Danube, and a village near Reni; officials in "
        "Chisinau said debris fell in Moldova."
    )
    names = ("Odesa", "Izmail", "Danube", "Reni", "Chisinau", "Moldova")
    counts = []
    for threshold in (0.0, 0.3, 0.6, 0.9, 1.0):
        located = _resolve(text, *names, min_confidence=threshold)
        kept = [loc for loc in located if loc is not None and loc.confidence is not None]
        assert all(loc.confidence >= threshold for loc in kept)  # type: ignore[operator]
        counts.append(len(kept))
    assert counts == sorted(counts, reverse=True)
    assert counts[0] > counts[-1]


def test_a_reading_the_text_argues_against_is_kept_only_at_zero() -> None:
    # "Boni" is an old name of Bonn; "in Mali" says it is not that one.
    text = "Militants attacked Boni in Mali on Sunday."
    boni, mali = _resolve(text, "Boni", "Mali", min_confidence=0)
    assert boni is not None and boni.country_code == "DE"  # the best guess, scored as such
    assert mali is not None and mali.country_code == "ML"
    boni, _ = _resolve(text, "Boni", "Mali", min_confidence=pipeline_min_confidence())
    assert boni is None or boni.country_code == "ML"


def test_an_entry_without_a_geonames_id_has_no_confidence_but_is_kept() -> None:
    (airport,) = _resolve(
        "Russian forces shelled the Kramatorsk Airport again.", "Kramatorsk Airport"
    )
    assert airport is not None and airport.id.startswith("place:")
    assert airport.country_code == "UA" and airport.confidence is None


@pytest.mark.parametrize("bad", [-0.1, 1.5, float("nan"), True])
def test_a_threshold_outside_zero_to_one_is_refused(bad: float) -> None:
    with pytest.raises(InvalidInputError):
        _resolve("Fighting in Gao.", "Gao", min_confidence=bad)
    with pytest.raises(InvalidInputError):
        PlaceFinder(min_confidence=bad)


def test_a_town_said_to_lie_in_a_region_is_read_there() -> None:
    alexandria, _ = _resolve(
        "Floods hit Alexandria, a small town in Virginia, overnight.", "Alexandria", "Virginia"
    )
    assert alexandria is not None
    assert (alexandria.country_code, alexandria.admin1) == ("US", "Virginia")


@pytest.mark.parametrize(
    ("written", "region", "country"),
    [
        ("NSW", "New South Wales", "AU"),
        ("B.C.", "British Columbia", "CA"),
        ("Qld", "Queensland", "AU"),
    ],
)
def test_state_and_province_abbreviations(written: str, region: str, country: str) -> None:
    text = f"Bushfires spread across {written} this week, officials said."
    (loc,) = _resolve(text, written)
    assert loc is not None and (loc.name, loc.country_code) == (region, country)


def test_the_pipeline_threshold_is_a_setting() -> None:
    from conflictnews.pipeline import load_pipeline

    text = "Shelling was reported in Tiotkino and in Kyiv overnight, officials said."
    default = conflictnews.extract(text)
    strict = conflictnews.extract(text, nlp=load_pipeline(min_place_confidence=0.99))
    resolved = [loc.id for loc in default.locations if loc.confidence is not None]
    assert resolved  # the default pipeline resolves places from 0.05 up
    assert all(loc.confidence is None for loc in strict.locations)
    with pytest.raises(InvalidInputError):
        load_pipeline(min_place_confidence=1.5)
