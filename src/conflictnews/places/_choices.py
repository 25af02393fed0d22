"""Resolving an article's mentions jointly: candidates, local ranking, the context passes,
the rules after them and the doubts, then each reading's confidence (`Choice`), and the
evidence the confidence model weighs (`evidence_for`)."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from .._ids import fold
from ._candidates import (
    acronym_in_context,
    best_local,
    candidates_for,
    fuzzy_candidates,
    inner_candidates,
    is_acronym,
    named_area,
    rank_locally,
    regions_of_seats,
)
from ._confidence import FAR_KM, NEAR_NEIGHBOUR_KM, Evidence, confidence_model
from ._context import (
    home_namesakes_over_countries_abroad,
    one_sense_per_name,
    score_pass,
    world_regions_over_namesakes_abroad,
)
from ._cues import hint_from_text, modifies_next
from ._doubts import (
    countries_of_nationalities,
    drop_beyond_stated_distance,
    drop_contradicted,
    drop_quarters_abroad,
    drop_unagreed_variants,
)
from ._gazetteer import gazetteer
from ._query import (
    DISTRICT_HINT,
    REGION_HINT,
    Query,
    match_strength,
    only_a_modifier,
    strip_mention,
)
from ._record import COUNTRY, DISTRICT, SETTLEMENT, Record, km_apart


@dataclass(slots=True)
class Choice:
    """A query's best reading.

    Attributes:
        record: The best guess (None when the gazetteer has no candidate at all).
        doubted: Whether the text argues against that reading (a namesake outside the region
            it is said to lie in, farther than a stated distance, a spelling variant abroad).
        confidence: How likely the reading is right (0-1), from `_confidence`.
    """

    record: Record | None
    doubted: bool
    confidence: float


def resolve_queries(text: str, queries: list[Query]) -> list[Record | None]:
    """Resolve prepared queries jointly; returns the record kept per query (or None): the
    best guess, unless the text argues against it."""
    return [c.record if not c.doubted else None for c in resolve_choices(text, queries)]


def resolve_choices(text: str, queries: list[Query]) -> list[Choice]:
    """Resolve prepared queries jointly: the best reading of each, and how sure it is."""
    choices = choose(text, queries)
    score_confidence(text, queries, choices)
    return choices


def choose(text: str, queries: list[Query]) -> list[Choice]:
    """Each query's best reading and whether the text doubts it (confidence not yet set)."""
    gaz = gazetteer()
    for q in queries:
        q.key = fold(strip_mention(q.text))
        q.modifier = modifies_next(text, q.end)
        if q.hint is None:
            q.hint = hint_from_text(text, q.start, q.end, q.text)
        q.candidates = candidates_for(gaz, q.text)
        if q.hint in (REGION_HINT, DISTRICT_HINT):
            q.candidates += regions_of_seats(gaz, q.candidates)
        if not q.candidates and not is_acronym(strip_mention(q.text)) and not named_area(gaz, q):
            q.candidates = inner_candidates(gaz, q.text)
            q.inner = bool(q.candidates)
        rank_locally(gaz, q)
    first = [best_local(q) for q in queries]
    # "BC" among Canadian towns: region codes are read in the countries the article is about.
    countries = {rec.country_code for rec in first if rec is not None and rec.country_code}
    for n, q in enumerate(queries):
        if not q.candidates and is_acronym(strip_mention(q.text)):
            q.candidates = acronym_in_context(gaz, strip_mention(q.text), countries)
        elif not q.candidates:
            q.candidates = fuzzy_candidates(gaz, text, q, queries, first)
        else:
            continue
        rank_locally(gaz, q)
        first[n] = best_local(q)
    second = score_pass(text, queries, first)
    final = one_sense_per_name(text, queries, score_pass(text, queries, second))
    guesses = world_regions_over_namesakes_abroad(gaz, queries, final)
    guesses = home_namesakes_over_countries_abroad(queries, guesses)
    # The rules below doubt a reading the text argues against; the reading stays the best
    # guess (scored by `min_confidence=0`), but a doubted one is not kept by default.
    kept = drop_quarters_abroad(text, queries, guesses)
    kept = drop_beyond_stated_distance(text, queries, kept)
    nationalities = countries_of_nationalities(gaz, text)
    kept = drop_unagreed_variants(queries, drop_contradicted(text, queries, kept), nationalities)
    return [
        Choice(guess, guess is not None and rec is None, 0.0)
        for guess, rec in zip(guesses, kept, strict=True)
    ]


def score_confidence(text: str, queries: list[Query], choices: list[Choice]) -> None:
    """Set each choice's confidence from the evidence the resolver gathered."""
    model = confidence_model()
    for c, evidence in zip(choices, evidence_for(queries, choices), strict=True):
        if evidence is not None:
            c.confidence = model.confidence(evidence)


def evidence_for(queries: list[Query], choices: list[Choice]) -> list[Evidence | None]:
    """What the resolver knew about each choice (None where there is no reading)."""
    gaz = gazetteer()
    placed = [
        (q.key, c.record)
        for q, c in zip(queries, choices, strict=True)
        if c.record is not None and not only_a_modifier(q, c.record)
    ]
    out: list[Evidence | None] = []
    for q, c in zip(queries, choices, strict=True):
        rec = c.record
        if rec is None:
            out.append(None)
            continue
        own = next((score for score, r in q.scored if r.index == rec.index), None)
        rivals = sorted(
            ((score, r) for score, r in q.scored if r.index != rec.index), key=lambda x: -x[0]
        )
        if own is None:  # chosen by a rule after scoring (one sense per name, a world region)
            own = rivals[0][0] if rivals else 0.0
        # The best rival far away: the first in score order that lies far.
        far = next((score for score, r in rivals if km_apart(rec, r) >= FAR_KM), own - 8.0)
        shares = same_region = False
        nearest = math.inf
        for key, r in placed:
            if key == q.key or r.index == rec.index:
                continue
            if rec.country_code and r.country_code == rec.country_code:
                shares = True
                same_region = same_region or bool(rec.admin1) and r.admin1 == rec.admin1
            if nearest > NEAR_NEIGHBOUR_KM and r.kind in (SETTLEMENT, DISTRICT):
                nearest = min(nearest, km_apart(rec, r))
        out.append(
            Evidence(
                margin=own - (rivals[0][0] if rivals else own - 8.0),
                margin_far=own - far,
                candidates=len(q.candidates),
                how=match_strength(q, rec),
                part_of_name=q.inner,
                doubted=c.doubted,
                population=rec.population,
                kind=rec.kind,
                capital=rec.index in gaz.capitals,
                shares_country=shares,
                same_region=same_region,
                neighbour_km=nearest if rec.kind != COUNTRY else math.inf,
                short_name=len(q.key) <= 3,
                has_point=rec.lat is not None,
            )
        )
    return out


def kept_records(choices: Sequence[Choice], min_confidence: float) -> list[Record | None]:
    """The reading of each choice that clears `min_confidence`. A reading the text argues
    against is kept only at 0, which keeps every best guess; an entry without a GeoNames id
    (our own tables: world regions, seas, airports) has no calibrated confidence and is kept
    unless the text argues against it."""
    return [
        c.record
        if c.record is not None
        and (min_confidence == 0 or not c.doubted)
        and (c.confidence >= min_confidence or not c.record.geonames_id)
        else None
        for c in choices
    ]
