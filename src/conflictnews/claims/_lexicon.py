"""The claim lexicons (events, cues, ACLED mapping, page furniture), loaded once from data files."""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

from spacy.strings import get_string_id

from ..errors import LexiconError


def _load(name: str) -> dict[str, Any]:
    try:
        raw = resources.files("conflictnews").joinpath("data", name).read_text("utf-8")
        data = json.loads(raw)
    except (OSError, ValueError) as exc:
        raise LexiconError(f"cannot read lexicon data/{name}: {exc}") from exc
    if not isinstance(data, dict):
        raise LexiconError(f"lexicon data/{name} must hold a JSON object")
    return data


def _words(values: Any) -> frozenset[str]:
    return frozenset(str(v).lower() for v in values or [])


def _ids(words: set[str]) -> frozenset[int]:
    """spaCy string hashes of words, to test tokens without making Token objects."""
    return frozenset(get_string_id(w) for w in words)


@dataclass(frozen=True)
class EventLexicon:
    """Words and constructions that name events."""

    verbs: dict[str, str]
    nouns: dict[str, str]
    verbs_needing_place_object: frozenset[str]
    verb_particles: dict[tuple[str, str], str]
    verb_objects: dict[tuple[str, str], tuple[str, bool]]
    verb_preps: dict[tuple[str, str], tuple[str, bool]]
    weak_nouns: frozenset[str]
    remote_modifiers: frozenset[str]
    weapon_nouns: frozenset[str]
    control_nouns: frozenset[str]
    control_preps: frozenset[str]
    remote_only_verbs: frozenset[str]
    civilian_subjects: frozenset[str] = frozenset()
    civilian_subject_events: frozenset[str] = frozenset()
    non_military_modifiers: frozenset[str] = frozenset()
    verbs_needing_force_subject: frozenset[str] = frozenset()
    force_nouns: frozenset[str] = frozenset()
    place_subject_verbs: dict[str, str] = field(default_factory=dict)
    site_nouns: frozenset[str] = frozenset()
    descriptive_control_verbs: frozenset[str] = frozenset()
    under_fire_nouns: dict[str, str] = field(default_factory=dict)
    casualty_loss_words: frozenset[str] = frozenset()
    qualified_casualty_nouns: frozenset[str] = frozenset()
    intercepted_munitions: frozenset[str] = frozenset()
    verbs_needing_person_object: frozenset[str] = frozenset()
    person_nouns: frozenset[str] = frozenset()
    stronghold_nouns: frozenset[str] = frozenset()
    stronghold_for_nouns: frozenset[str] = frozenset()
    flag_nouns: frozenset[str] = frozenset()
    flag_verbs: frozenset[str] = frozenset()
    expulsion_verbs: frozenset[str] = frozenset()
    evacuation_verbs: frozenset[str] = frozenset()
    held_area_nouns: frozenset[str] = frozenset()
    non_event_objects: frozenset[str] = frozenset()
    gathering_nouns: frozenset[str] = frozenset()
    planner_nouns: frozenset[str] = frozenset()
    distance_units: frozenset[str] = frozenset()
    naming_verbs: frozenset[str] = frozenset()
    reflexive_objects: frozenset[str] = frozenset()
    trigger_ids: frozenset[int] = frozenset()
    """String hashes of every word that can start an event (lemma or lower-case form)."""


@dataclass(frozen=True)
class CueLexicon:
    """Words that attribute, deny, leave unconfirmed or hedge a claim."""

    reporting_verbs: frozenset[str]
    weak_reporting_verbs: frozenset[str]
    document_nouns: frozenset[str]
    person_heads: frozenset[str]
    title_heads: frozenset[str]
    denial_verbs: frozenset[str]
    denial_nouns: frozenset[str]
    pointer_words: frozenset[str]
    unconfirmed_verbs: frozenset[str]
    unconfirmed_nouns: frozenset[str]
    claim_nouns: frozenset[str]
    reference_preps: frozenset[str]
    direction_words: frozenset[str]
    falsity_words: frozenset[str]
    truth_words: frozenset[str]
    unconfirmed_adjectives: frozenset[str]
    hedge_words: frozenset[str]
    hedge_verbs: frozenset[str]
    hedge_passive_verbs: frozenset[str]
    hedge_phrases: tuple[str, ...]
    irrealis_heads: frozenset[str]
    irrealis_modals: frozenset[str]
    background_preps: frozenset[str]
    locative_preps: frozenset[str]
    settlement_nouns: frozenset[str]
    region_nouns: frozenset[str]
    place_nouns: frozenset[str]
    quote_open: frozenset[str]
    quote_close: frozenset[str]
    feature_nouns: frozenset[str] = frozenset()
    """Nouns of named features a place name may qualify ("the Dnipro river", "X airport")."""
    verdict_verbs: frozenset[str] = frozenset()
    """Verbs that pass a verdict on what they take ("called the reports fake")."""
    lying_verbs: frozenset[str] = frozenset()
    """Verbs that say a speaker does not tell the truth ("they are lying")."""
    pointer_cue_ids: frozenset[int] = frozenset()
    """String hashes of words that can deny or doubt earlier claims."""


@dataclass(frozen=True)
class AcledRule:
    """ACLED types for one event: a default, by agent kind, and by context words."""

    default: tuple[str | None, str | None]
    by_agent: dict[str, tuple[str | None, str | None]]
    by_context: tuple[tuple[frozenset[str], tuple[str | None, str | None]], ...]


@dataclass(frozen=True)
class AcledLexicon:
    """Nearest ACLED event and sub-event type per event."""

    state_kinds: frozenset[str]
    non_state_kinds: frozenset[str]
    rules: dict[str, AcledRule]


@dataclass(frozen=True)
class FurnitureLexicon:
    """Compiled patterns of page furniture."""

    lines: tuple[re.Pattern[str], ...]
    tails: tuple[re.Pattern[str], ...]
    tweet_trailer: re.Pattern[str]


def _pairs(type_: Any) -> tuple[str | None, str | None]:
    if not isinstance(type_, list) or len(type_) != 2:
        raise LexiconError(f"ACLED type must be [event_type, sub_event_type], got {type_!r}")
    return (type_[0], type_[1])


@functools.cache
def event_lexicon() -> EventLexicon:
    """The event lexicon from ``data/events.json``."""
    data = _load("events.json")
    try:
        verbs = {lemma.lower(): event for event, ls in data["verbs"].items() for lemma in ls}
        nouns = {lemma.lower(): event for event, ls in data["nouns"].items() for lemma in ls}
        particles = {(d["verb"], d["particle"]): d["event"] for d in data["verb_particles"]}
        objects = {
            (d["verb"], d["object"]): (d["event"], bool(d.get("agent_is_loser")))
            for d in data["verb_objects"]
        }
        preps = {
            (d["verb"], d["prep"]): (d["event"], bool(d.get("subject_is_place")))
            for d in data["verb_preps"]
        }
        return EventLexicon(
            verbs=verbs,
            nouns=nouns,
            verbs_needing_place_object=_words(data["verbs_needing_place_object"]),
            verb_particles=particles,
            verb_objects=objects,
            verb_preps=preps,
            weak_nouns=_words(data["weak_nouns"]),
            remote_modifiers=_words(data["remote_modifiers"]),
            weapon_nouns=_words(data["weapon_nouns"]),
            control_nouns=_words(data["control_nouns"]),
            control_preps=_words(data["control_preps"]),
            remote_only_verbs=_words(data.get("remote_only_verbs", [])),
            civilian_subjects=_words(data.get("civilian_subjects", [])),
            civilian_subject_events=_words(data.get("civilian_subject_events", [])),
            non_military_modifiers=_words(data.get("non_military_modifiers", [])),
            verbs_needing_force_subject=_words(data.get("verbs_needing_force_subject", [])),
            force_nouns=_words(data.get("force_nouns", [])),
            place_subject_verbs={
                k.lower(): v for k, v in data.get("place_subject_verbs", {}).items()
            },
            site_nouns=_words(data.get("site_nouns", [])),
            descriptive_control_verbs=_words(data.get("descriptive_control_verbs", [])),
            under_fire_nouns={k.lower(): v for k, v in data.get("under_fire_nouns", {}).items()},
            casualty_loss_words=_words(data.get("casualty_loss_words", [])),
            qualified_casualty_nouns=_words(data.get("qualified_casualty_nouns", [])),
            intercepted_munitions=_words(data.get("intercepted_munitions", [])),
            verbs_needing_person_object=_words(data.get("verbs_needing_person_object", [])),
            person_nouns=_words(data.get("person_nouns", [])),
            stronghold_nouns=_words(data.get("stronghold_nouns", [])),
            stronghold_for_nouns=_words(data.get("stronghold_for_nouns", [])),
            flag_nouns=_words(data.get("flag_nouns", [])),
            flag_verbs=_words(data.get("flag_verbs", [])),
            expulsion_verbs=_words(data.get("expulsion_verbs", [])),
            evacuation_verbs=_words(data.get("evacuation_verbs", [])),
            held_area_nouns=_words(data.get("held_area_nouns", [])),
            non_event_objects=_words(data.get("non_event_objects", [])),
            gathering_nouns=_words(data.get("gathering_nouns", [])),
            planner_nouns=_words(data.get("planner_nouns", [])),
            distance_units=_words(data.get("distance_units", [])),
            naming_verbs=_words(data.get("naming_verbs", [])),
            reflexive_objects=_words(data.get("reflexive_objects", [])),
            trigger_ids=_ids(
                set(verbs)
                | set(nouns)
                | {v for v, _ in particles}
                | {v for v, _ in objects}
                | {v for v, _ in preps}
                | set(data["control_nouns"])
                | set(data.get("remote_only_verbs", []))
                | set(data.get("place_subject_verbs", {}))
                | set(data.get("descriptive_control_verbs", []))
                | set(data.get("stronghold_nouns", []))
                | set(data.get("stronghold_for_nouns", []))
                | set(data.get("flag_verbs", []))
                | set(data.get("expulsion_verbs", []))
                | set(data.get("evacuation_verbs", []))
                | set(data.get("held_area_nouns", []))
            ),
        )
    except (KeyError, TypeError, AttributeError) as exc:
        raise LexiconError(f"malformed data/events.json: {exc!r}") from exc


@functools.cache
def cue_lexicon() -> CueLexicon:
    """The cue lexicon from ``data/cues.json``."""
    d = _load("cues.json")
    try:
        places = d["place_nouns"]
        return CueLexicon(
            reporting_verbs=_words(d["reporting_verbs"]),
            weak_reporting_verbs=_words(d["weak_reporting_verbs"]),
            document_nouns=_words(d["document_nouns"]),
            person_heads=_words(d["person_heads"]),
            title_heads=_words(d.get("title_heads", [])),
            denial_verbs=_words(d["denial_verbs"]),
            denial_nouns=_words(d["denial_nouns"]),
            pointer_words=_words(d["pointer_words"]),
            unconfirmed_verbs=_words(d["unconfirmed_verbs"]),
            unconfirmed_nouns=_words(d["unconfirmed_nouns"]),
            claim_nouns=_words(d["claim_nouns"]),
            reference_preps=_words(d["reference_preps"]),
            direction_words=_words(d["direction_words"]),
            falsity_words=_words(d["falsity_words"]),
            truth_words=_words(d["truth_words"]),
            unconfirmed_adjectives=_words(d["unconfirmed_adjectives"]),
            hedge_words=_words(d["hedge_words"]),
            hedge_verbs=_words(d["hedge_verbs"]),
            hedge_passive_verbs=_words(d["hedge_passive_verbs"]),
            hedge_phrases=tuple(p.lower() for p in d["hedge_phrases"]),
            irrealis_heads=_words(d["irrealis_heads"]),
            irrealis_modals=_words(d["irrealis_modals"]),
            background_preps=_words(d["background_preps"]),
            locative_preps=_words(d["locative_preps"]),
            settlement_nouns=_words(places["settlement"]),
            region_nouns=_words(places["region"]),
            place_nouns=_words(places["any"]) | _words(places["settlement"]),
            quote_open=frozenset(d["quote_open"]),
            quote_close=frozenset(d["quote_close"]),
            feature_nouns=_words(d.get("feature_nouns", [])),
            verdict_verbs=_words(d.get("verdict_verbs", [])),
            lying_verbs=_words(d.get("lying_verbs", [])),
            pointer_cue_ids=_ids(
                set(_words(d["denial_verbs"]))
                | set(_words(d["unconfirmed_verbs"]))
                | set(_words(d["unconfirmed_nouns"]))
                | set(_words(d["unconfirmed_adjectives"]))
                | set(_words(d["falsity_words"]))
                | set(_words(d["truth_words"]))
                | set(_words(d.get("verdict_verbs", [])))
                | set(_words(d.get("lying_verbs", [])))
            ),
        )
    except (KeyError, TypeError, AttributeError) as exc:
        raise LexiconError(f"malformed data/cues.json: {exc!r}") from exc


@functools.cache
def acled_lexicon() -> AcledLexicon:
    """The event -> ACLED mapping from ``data/acled.json``."""
    d = _load("acled.json")
    try:
        rules = {}
        for event, rule in d["events"].items():
            rules[event] = AcledRule(
                default=_pairs(rule["default"]),
                by_agent={k: _pairs(v) for k, v in rule.get("by_agent", {}).items()},
                by_context=tuple(
                    (_words(c["words"]), _pairs(c["type"])) for c in rule.get("by_context", [])
                ),
            )
        return AcledLexicon(
            state_kinds=_words(d["state_kinds"]),
            non_state_kinds=_words(d["non_state_kinds"]),
            rules=rules,
        )
    except (KeyError, TypeError, AttributeError) as exc:
        raise LexiconError(f"malformed data/acled.json: {exc!r}") from exc


@functools.cache
def furniture_lexicon() -> FurnitureLexicon:
    """Compiled page-furniture patterns from ``data/furniture.json``."""
    d = _load("furniture.json")
    try:
        flags = re.IGNORECASE
        return FurnitureLexicon(
            lines=tuple(re.compile(p, flags) for p in d["line_patterns"]),
            tails=tuple(re.compile(p, flags) for p in d["tail_patterns"]),
            tweet_trailer=re.compile(d["tweet_trailer"]),
        )
    except (KeyError, TypeError, re.error) as exc:
        raise LexiconError(f"malformed data/furniture.json: {exc!r}") from exc
