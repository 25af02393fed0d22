"""Stored rows back into models: the columns a stored claim is read from, and places and actors
fetched by id, which every detail view expands a claim's ids into.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import Connection, RowMapping, select

from ..models import Actor, ActorKind, Location, LocationKind
from . import _schema as s

CLAIM_COLUMNS = (
    s.claims.c.id,
    s.claims.c.article_id,
    s.claims.c.sentence,
    s.claims.c.evidence,
    s.claims.c.start,
    s.claims.c.end,
    s.claims.c.event,
    s.claims.c.stance,
    s.claims.c.hedged,
    s.claims.c.claimant,
    s.claims.c.agent,
    s.claims.c.date,
    s.claims.c.date_text,
    s.claims.c.day,
    s.claims.c.acled_event_type,
    s.claims.c.acled_sub_event_type,
    s.claims.c.places_json,
)
"""The columns `_records.stored_claim` reads a claim from."""


def _location(row: RowMapping) -> Location:
    return Location(
        id=row["id"],
        name=row["name"],
        kind=LocationKind(row["kind"]),
        country_code=row["country_code"],
        admin1=row["admin1"],
        lat=row["lat"],
        lon=row["lon"],
        geonames_id=row["geonames_id"],
        population=row["population"],
        within=row["within"],
        confidence=row["confidence"],
    )


def _actor(row: RowMapping, aliases: list[str] | None = None) -> Actor:
    return Actor(
        id=row["id"],
        name=row["name"],
        kind=ActorKind(row["kind"]),
        side=row["side"],
        aliases=aliases or [],
    )


def locations(conn: Connection, ids: Iterable[str]) -> list[Location]:
    """The stored places with these ids (unknown ids are left out)."""
    wanted = sorted(set(ids))
    if not wanted:
        return []
    rows = conn.execute(select(s.locations).where(s.locations.c.id.in_(wanted))).mappings()
    return [_location(r) for r in rows]


def actors(conn: Connection, ids: Iterable[str]) -> dict[str, Actor]:
    """The stored actors with these ids, with their aliases, by id."""
    wanted = sorted(set(ids))
    if not wanted:
        return {}
    aliases: dict[str, list[str]] = {}
    for actor_id, name in conn.execute(
        select(s.actor_aliases.c.actor_id, s.actor_aliases.c.name)
        .where(s.actor_aliases.c.actor_id.in_(wanted))
        .order_by(s.actor_aliases.c.name)
    ):
        aliases.setdefault(actor_id, []).append(name)
    rows = conn.execute(select(s.actors).where(s.actors.c.id.in_(wanted))).mappings()
    out: dict[str, Actor] = {}
    for row in rows:
        names = [n for n in aliases.get(row["id"], []) if n != row["name"]]
        out[row["id"]] = _actor(row, names)
    return out
