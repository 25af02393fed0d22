"""Cue words for finding and typing place mentions (``data/places_lexicon.json``)."""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from importlib import resources

from ..errors import LexiconError


@dataclass(frozen=True, slots=True)
class PlaceLexicon:
    """Word lists the place finder and resolver read, all lower-case except proper words."""

    region_words: frozenset[str]
    country_prefix_words: frozenset[str]
    modifier_heads: frozenset[str]
    peoples: frozenset[str]
    district_words: frozenset[str]
    settlement_words: frozenset[str]
    place_prepositions: frozenset[str]
    place_verbs: frozenset[str]
    place_of_nouns: frozenset[str]
    place_subject_verbs: frozenset[str]
    captor_words: frozenset[str]
    not_places: frozenset[str]
    weak_single_tokens: frozenset[str]
    feature_words: frozenset[str]
    reporting_verbs: frozenset[str]
    feature_heads: frozenset[str]
    described_place_nouns: frozenset[str] = frozenset()
    generic_quarter_descriptors: frozenset[str] = frozenset()
    """With `generic_quarter_heads`, the words of a quarter's descriptive name ("the Old
    City", "the Green Zone"): a part of the article's own city, not a namesake abroad."""
    generic_quarter_heads: frozenset[str] = frozenset()
    vessel_words: frozenset[str] = frozenset()
    area_nouns: frozenset[str] = frozenset()
    group_heads: frozenset[str] = frozenset()
    local_institution_heads: frozenset[str] = frozenset()
    """Words after a place opening an institution's name that make it that place's own
    ("the Walker County Sheriff's Office", "Nenagh Municipal District", "Slidell Police")."""
    """Nouns after an armed group's name ("M23 rebels", "Fano militia forces")."""
    """Nouns that introduce a named area like a settlement word: "the area of X", "the
    mountain of X"."""
    """Nouns for ships and aircraft, which are often named after places ("the tanker
    Marlin Luanda", "the Moskva, a cruiser")."""
    """Nouns a feature can describe: "the Black Sea port of X" names X, not the sea."""


@functools.cache
def place_lexicon() -> PlaceLexicon:
    """The place cue lexicon, loaded once.

    Raises:
        LexiconError: The data file is missing or malformed.
    """
    try:
        path = resources.files("conflictnews") / "data" / "places_lexicon.json"
        raw = json.loads(path.read_text(encoding="utf-8"))
        return PlaceLexicon(
            region_words=frozenset(w.lower() for w in raw["region_words"]),
            country_prefix_words=frozenset(w.lower() for w in raw["country_prefix_words"]),
            modifier_heads=frozenset(w.lower() for w in raw["modifier_heads"]),
            peoples=frozenset(raw["peoples"]),
            district_words=frozenset(w.lower() for w in raw["district_words"]),
            settlement_words=frozenset(w.lower() for w in raw["settlement_words"]),
            place_prepositions=frozenset(w.lower() for w in raw["place_prepositions"]),
            place_verbs=frozenset(w.lower() for w in raw["place_verbs"]),
            place_of_nouns=frozenset(w.lower() for w in raw["place_of_nouns"]),
            place_subject_verbs=frozenset(w.lower() for w in raw["place_subject_verbs"]),
            captor_words=frozenset(w.lower() for w in raw["captor_words"]),
            not_places=frozenset(raw["not_places"]),
            weak_single_tokens=frozenset(raw["weak_single_tokens"]),
            feature_words=frozenset(w.lower() for w in raw["feature_words"]),
            reporting_verbs=frozenset(w.lower() for w in raw["reporting_verbs"]),
            feature_heads=frozenset(w.lower() for w in raw["feature_heads"]),
            described_place_nouns=frozenset(raw.get("described_place_nouns", [])),
            generic_quarter_descriptors=frozenset(raw.get("generic_quarter_descriptors", [])),
            generic_quarter_heads=frozenset(raw.get("generic_quarter_heads", [])),
            vessel_words=frozenset(raw.get("vessel_words", [])),
            area_nouns=frozenset(raw.get("area_nouns", [])),
            group_heads=frozenset(raw.get("group_heads", [])),
            local_institution_heads=frozenset(raw.get("local_institution_heads", [])),
        )
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise LexiconError(f"places lexicon unreadable: {exc}") from exc
