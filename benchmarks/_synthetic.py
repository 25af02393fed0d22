"""Synthetic conflict news for benchmarks: template articles and their extractions.

Articles are made from our own sentence templates with random places, actors and dates, so
that a store of any size can be built without spaCy (`synthetic_extractions`) and the same
texts can be fed to the real pipeline (`synthetic_inputs`). Texts vary enough that two
articles are never near-duplicates.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator
from dataclasses import dataclass

from conflictnews._ids import article_id, claim_id, slugify
from conflictnews.models import (
    Actor,
    ActorKind,
    Article,
    ArticleInput,
    Claim,
    EventType,
    Extraction,
    Location,
    LocationKind,
    Stance,
)

_SYLLABLES = tuple(
    [
        "ka",
        "ri",
        "mo",
        "sa",
        "te",
        "lu",
        "vo",
        "na",
        "zer",
        "dun",
        "bel",
        "gor",
        "ost",
        "pol",
        "mir",
        "yar",
        "kha",
        "tin",
        "lev",
        "ska",
        "rad",
        "vil",
        "dor",
        "bur",
        "sen",
        "ash",
        "tam",
        "ruk",
        "zal",
        "pet",
        "kov",
        "nik",
        "ber",
        "gal",
    ]
)

_SIDES = ("north", "south", "east", "west")

_CLAIM_TEMPLATES: tuple[tuple[str, EventType, Stance, bool], ...] = (
    (
        "{claimant} said {agent} had captured {place} on {date}.",
        EventType.CAPTURE,
        Stance.ASSERTED,
        False,
    ),
    (
        "{agent} took control of {place} after {n} days of fighting, {claimant} said.",
        EventType.CONTROL,
        Stance.ASSERTED,
        False,
    ),
    (
        "{claimant} denied reports that {agent} had seized {place}.",
        EventType.CAPTURE,
        Stance.DENIED,
        False,
    ),
    (
        "Units of {agent} reportedly entered {place} late on {date}.",
        EventType.ENTER,
        Stance.ASSERTED,
        True,
    ),
    (
        "{claimant} said its forces repelled an assault by {agent} near {place}.",
        EventType.REPEL,
        Stance.ASSERTED,
        False,
    ),
    (
        "{agent} struck a depot in {place} with {n} drones overnight, according to {claimant}.",
        EventType.STRIKE,
        Stance.ASSERTED,
        False,
    ),
    (
        "There was no independent confirmation that {agent} held {place}.",
        EventType.CONTROL,
        Stance.UNCONFIRMED,
        False,
    ),
    (
        "{claimant} reported that {n} civilians were killed when {agent} shelled {place}.",
        EventType.CASUALTIES,
        Stance.ASSERTED,
        False,
    ),
    (
        "{agent} withdrew from positions outside {place} on {date}, {claimant} said.",
        EventType.WITHDRAW,
        Stance.ASSERTED,
        False,
    ),
)

_FILLER = (
    "Residents of {place} described {n} hours of explosions and queues for water.",
    "Aid convoys waited at a checkpoint {n} kilometres from {place}.",
    "The road between {place} and the regional centre was closed to traffic.",
    "Officials in {place} said {n} families had left since the start of the month.",
    "Power lines near {place} were cut, leaving {n} villages without electricity.",
)


@dataclass(frozen=True, slots=True)
class World:
    """The places and actors synthetic articles are drawn from."""

    places: list[Location]
    actors: list[Actor]
    weights: list[float]


def _name(rng: random.Random, parts: int) -> str:
    return "".join(rng.choice(_SYLLABLES) for _ in range(parts)).capitalize()


def make_world(*, places: int = 2000, actors: int = 80, seed: int = 7) -> World:
    """Places with coordinates (Zipf-like popularity) and actors on four sides."""
    rng = random.Random(seed)
    locations = []
    seen: set[str] = set()
    while len(locations) < places:
        name = _name(rng, rng.choice((2, 3)))
        if name in seen:
            continue
        seen.add(name)
        gid = 9_000_000 + len(locations)
        locations.append(
            Location(
                id=f"geonames:{gid}",
                name=name,
                kind=LocationKind.SETTLEMENT,
                country_code="ZZ",
                lat=round(rng.uniform(40, 55), 4),
                lon=round(rng.uniform(20, 45), 4),
                geonames_id=gid,
                mentions=[name, name + "e"],
            )
        )
    people = []
    for i in range(actors):
        name = f"{_name(rng, 2)} {rng.choice(('Brigade', 'Army', 'Ministry', 'Guard', 'Front'))}"
        people.append(
            Actor(
                id=f"actor:{slugify(name)}-{i}",
                name=name,
                kind=ActorKind.ARMED_GROUP,
                side=_SIDES[i % len(_SIDES)],
                aliases=[name.upper()],
            )
        )
    weights = [1.0 / (rank + 1) ** 0.9 for rank in range(places)]
    return World(locations, people, weights)


def _article(
    rng: random.Random, world: World, n: int, start: dt.date, seed: int
) -> tuple[
    ArticleInput, list[tuple[int, int, EventType, Stance, bool, Actor, Actor, Location, str]]
]:
    published = start + dt.timedelta(days=rng.randrange(365))
    parts: list[str] = [f"Fighting around {rng.choice(world.places).name}, dispatch {n}\n"]
    planned: list[tuple[int, int, EventType, Stance, bool, Actor, Actor, Location, str]] = []
    for _ in range(rng.randint(3, 7)):
        place = rng.choices(world.places, weights=world.weights)[0]
        agent, claimant = rng.sample(world.actors, 2)
        template, event, stance, hedged = rng.choice(_CLAIM_TEMPLATES)
        day = published - dt.timedelta(days=rng.randrange(4))
        sentence = template.format(
            claimant=claimant.name,
            agent=agent.name,
            place=place.name,
            date=day.strftime("%B %d"),
            n=rng.randint(2, 400),
        )
        offset = sum(len(p) for p in parts)
        parts.append(sentence + " ")
        planned.append(
            (
                offset,
                offset + len(sentence),
                event,
                stance,
                hedged,
                claimant,
                agent,
                place,
                day.isoformat(),
            )
        )
        filler_place = rng.choice(world.places)
        parts.append(
            rng.choice(_FILLER).format(place=filler_place.name, n=rng.randint(2, 900)) + " "
        )
    text = "".join(parts).strip()
    item = ArticleInput(
        text=text,
        title=parts[0].strip(),
        source=f"Outlet {rng.randrange(40)}",
        url=f"https://news.example/{seed}/{n}",
        published=published,
    )
    return item, planned


def synthetic_inputs(
    count: int, *, seed: int = 11, world: World | None = None
) -> Iterator[ArticleInput]:
    """`count` synthetic articles as inputs for the real pipeline."""
    world = world or make_world()
    rng = random.Random(seed)
    start = dt.date(2024, 1, 1)
    for n in range(count):
        yield _article(rng, world, n, start, seed)[0]


def synthetic_extractions(
    count: int, *, seed: int = 11, world: World | None = None
) -> Iterator[Extraction]:
    """`count` synthetic articles with the claims their templates state (no spaCy needed)."""
    world = world or make_world()
    rng = random.Random(seed)
    start = dt.date(2024, 1, 1)
    for n in range(count):
        item, planned = _article(rng, world, n, start, seed)
        aid = article_id(item.text)
        claims = []
        used_places: dict[str, Location] = {}
        used_actors: dict[str, Actor] = {}
        for start_at, end_at, event, stance, hedged, claimant, agent, place, day in planned:
            claims.append(
                Claim(
                    id=claim_id(aid, start_at, end_at, event.value, stance.value, [place.id]),
                    article_id=aid,
                    text=item.text[start_at:end_at],
                    start=start_at,
                    end=end_at,
                    event=event,
                    stance=stance,
                    hedged=hedged,
                    claimant=claimant.id,
                    agent=agent.id,
                    places=[place.id],
                    date=day,
                )
            )
            used_places[place.id] = place
            used_actors[claimant.id] = claimant
            used_actors[agent.id] = agent
        yield Extraction(
            article=Article(
                id=aid,
                title=item.title,
                text=item.text,
                url=item.url,
                source=item.source,
                published=item.published,
            ),
            claims=claims,
            actors=list(used_actors.values()),
            locations=list(used_places.values()),
        )
