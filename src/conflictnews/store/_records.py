"""What the claim store takes and returns: the claim search, claims with their evidence, pages,
places, actors, summaries.

These are the query parameters and response bodies of the REST API too, so their JSON form is a
contract.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

import orjson
from pydantic import BaseModel, ConfigDict, Field

from ..models import (
    Actor,
    ActorKind,
    Article,
    Claim,
    EventType,
    IsoDate,
    Location,
    LocationKind,
    Stance,
)
from ._corroborate import ClaimGroup, ControlStatus, PlaceStatus

DEFAULT_LIMIT = 50
"""Page size when none is asked for."""

MAX_LIMIT = 500
"""Largest page a search returns."""


class ClaimQuery(BaseModel):
    """A claim search: filters combined with AND (all optional), page size and cursor.

    `Store.claims` takes these as keywords (``store.claims(place="Sudzha", limit=10)``) or as
    a `ClaimQuery`; ``GET /claims`` takes them as query parameters. Unknown names are refused.

    Attributes:
        place: Place id (``geonames:486816``) or any spelling or alias of its name.
        actor: Actor id or name; matches the claimant or the agent.
        claimant: Actor id or name of who makes the claim.
        agent: Actor id or name of who is said to have done it.
        event: Event type.
        stance: Asserted, denied or unconfirmed.
        since: Earliest day, inclusive (the claim's date, else its article's publication date).
        until: Latest day, inclusive.
        article: Article id.
        q: Words to find in the evidence or the sentence (case-insensitive).
        limit: Page size, 1 to 500.
        cursor: ``next_cursor`` of the previous page.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    place: str | None = Field(
        None,
        max_length=200,
        description="Place id (`geonames:486816`) or any spelling or alias of its name.",
        examples=["Sudzha"],
    )
    actor: str | None = Field(
        None, max_length=200, description="Actor id or name: matches the claimant or the agent."
    )
    claimant: str | None = Field(
        None, max_length=200, description="Actor id or name of the claimant."
    )
    agent: str | None = Field(None, max_length=200, description="Actor id or name of the agent.")
    event: EventType | None = Field(None, description="Event type.")
    stance: Stance | None = Field(None, description="Stance of the claimant.")
    since: IsoDate | None = Field(
        None, description="Earliest day, inclusive (claim date, else published)."
    )
    until: IsoDate | None = Field(None, description="Latest day, inclusive.")
    article: str | None = Field(None, description="Article id.")
    q: str | None = Field(
        None, max_length=200, description="Text to find in the evidence or sentence."
    )
    limit: int = Field(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT, description="Page size.")
    cursor: str | None = Field(
        None, max_length=500, description="`next_cursor` of the previous page."
    )


class StoredClaim(Claim):
    """A claim as stored: the `Claim` plus its exact evidence string and effective day.

    Attributes:
        evidence: ``article.text[start:end]``, the exact words the claim was read from.
        day: Claim date, else the article's publication date (YYYY-MM-DD), when known.
    """

    evidence: str
    day: str | None = None


def stored_claim(row: Mapping[Any, Any]) -> StoredClaim:
    """The `StoredClaim` held in a row of the store's ``claims`` table (keys: its column names)."""
    return StoredClaim(
        id=row["id"],
        article_id=row["article_id"],
        text=row["sentence"],
        evidence=row["evidence"],
        start=row["start"],
        end=row["end"],
        event=EventType(row["event"]),
        stance=Stance(row["stance"]),
        hedged=bool(row["hedged"]),
        claimant=row["claimant"],
        agent=row["agent"],
        places=orjson.loads(row["places_json"]),
        date=row["date"],
        date_text=row["date_text"],
        day=row["day"] or None,
        acled_event_type=row["acled_event_type"],
        acled_sub_event_type=row["acled_sub_event_type"],
    )


def stored_claim_json(row: Mapping[Any, Any]) -> str:
    """`StoredClaim` JSON of a ``claims`` row: what the store keeps in ``record_json``.

    Written at ingest and by the migration that adds the column, so that a page of claims is
    served by joining stored strings, byte for byte the model's own ``model_dump_json()``.
    """
    return stored_claim(row).model_dump_json()


class ClaimPage(BaseModel):
    """One page of claims, newest first.

    Attributes:
        items: The claims.
        next_cursor: Opaque cursor for the next page; ``None`` on the last page.
    """

    items: list[StoredClaim]
    next_cursor: str | None = None


class ArticleRef(BaseModel):
    """Where a claim was read: the article's headline, address and outlet."""

    id: str
    title: str | None = None
    url: str | None = None
    source: str | None = None
    published: dt.date | None = None


class ClaimDetail(StoredClaim):
    """A claim with its article, places and actors expanded.

    Attributes:
        article: The article it was read from.
        locations: Its places.
        claimant_actor: The claimant, ``None`` when the article speaks in its own voice.
        agent_actor: Who is said to have done it.
    """

    article: ArticleRef
    locations: list[Location] = Field(default_factory=list)
    claimant_actor: Actor | None = None
    agent_actor: Actor | None = None


class ArticleSummary(ArticleRef):
    """An article in a list: no text, with its claim count and copy group.

    Attributes:
        path: File it was read from.
        ingested_at: When it was stored (UTC, ISO 8601).
        claims: Number of claims read from it.
        copy_group: Id of the first article of its near-duplicate group (itself if unique).
    """

    path: str | None = None
    ingested_at: str
    claims: int = 0
    copy_group: str


class ArticlePage(BaseModel):
    """One page of articles, most recently stored first."""

    items: list[ArticleSummary]
    next_cursor: str | None = None


class ArticleDetail(BaseModel):
    """An article with its text, claims and syndicated copies.

    Attributes:
        article: The article, text unchanged.
        claims: Claims read from it.
        copy_group: Id of the first article of its near-duplicate group.
        copies: Other articles in that group.
    """

    article: Article
    claims: list[StoredClaim] = Field(default_factory=list)
    copy_group: str
    copies: list[str] = Field(default_factory=list)


class PlaceSummary(BaseModel):
    """A stored place with how many claims mention it.

    ``within`` is the id of the resolved place whose point an approximate place (a street, a
    camp the gazetteer does not hold) takes, and ``confidence`` how likely the place's
    resolution is right (the highest any stored article gave it), as in
    `conflictnews.Location`.
    """

    id: str
    name: str
    kind: LocationKind = LocationKind.OTHER
    country_code: str | None = None
    admin1: str | None = None
    lat: float | None = None
    lon: float | None = None
    geonames_id: int | None = None
    within: str | None = None
    confidence: float | None = Field(
        default=None,
        ge=0.0,
        le=1.0,
        description=(
            "How likely the resolution to this gazetteer entry is right, 0-1 (calibrated): the "
            "highest any stored article gave it. null for a place not resolved to an entry of "
            "its own (a place: id)."
        ),
    )
    claims: int = 0


class TimelineDay(BaseModel):
    """Claims about a place on one day (``day`` is ``None`` for undated claims)."""

    day: str | None = None
    claims: list[StoredClaim]


class PlaceDetail(PlaceSummary):
    """A place: its names, control status, claim groups and timeline.

    Attributes:
        names: Every spelling the store knows for it.
        status: Control status with independent sources per side.
        groups: Its claims grouped by kind of event and period.
        timeline: Claims by day, oldest first.
    """

    names: list[str] = Field(default_factory=list)
    status: PlaceStatus
    groups: list[ClaimGroup] = Field(default_factory=list)
    timeline: list[TimelineDay] = Field(default_factory=list)


class ActorSummary(BaseModel):
    """A stored actor with its spellings and claim counts."""

    id: str
    name: str
    kind: ActorKind = ActorKind.OTHER
    side: str | None = None
    aliases: list[str] = Field(default_factory=list)
    claims_made: int = 0
    claims_about: int = 0


class ActorDetail(ActorSummary):
    """An actor, what it claims, and what is claimed about it (newest first, capped)."""

    claims_by: list[StoredClaim] = Field(default_factory=list)
    claims_as_agent: list[StoredClaim] = Field(default_factory=list)


class Contradiction(BaseModel):
    """A group of claims (one place, one kind of event, one period) that contradict.

    Attributes:
        place: The place.
        kind: ``territorial`` or an event type.
        first_day: Earliest day in the group.
        last_day: Latest day.
        reasons: Which rule fired, readably.
        sources: Independent sources involved.
        claims: The claims.
    """

    place: PlaceSummary
    kind: str
    first_day: str | None = None
    last_day: str | None = None
    reasons: list[str]
    sources: list[str]
    claims: list[StoredClaim]


class AddResult(BaseModel):
    """Result of storing one extraction.

    Attributes:
        article_id: Id of the stored (or already known) article.
        new: False when the article was already stored (same URL or same normalised text).
        claims: Claims stored for it.
        copy_of: First article of its near-duplicate group, when it is a copy of another.
    """

    article_id: str
    new: bool
    claims: int
    copy_of: str | None = None


class IngestSummary(BaseModel):
    """What an ingest did.

    Attributes:
        new: Articles stored.
        known: Articles already in the store (skipped).
        failed: Items that could not be read or stored.
        claims: Claims stored for the new articles.
        errors: One readable line per failure.
    """

    new: int = 0
    known: int = 0
    failed: int = 0
    claims: int = 0
    errors: list[str] = Field(default_factory=list)


class StoreStats(BaseModel):
    """Row counts and schema version of a store."""

    schema_version: int
    articles: int
    claims: int
    places: int
    actors: int


__all__ = [
    "DEFAULT_LIMIT",
    "MAX_LIMIT",
    "ActorDetail",
    "ActorSummary",
    "AddResult",
    "ArticleDetail",
    "ArticlePage",
    "ArticleRef",
    "ArticleSummary",
    "ClaimDetail",
    "ClaimGroup",
    "ClaimPage",
    "ClaimQuery",
    "Contradiction",
    "ControlStatus",
    "IngestSummary",
    "PlaceDetail",
    "PlaceStatus",
    "PlaceSummary",
    "StoreStats",
    "StoredClaim",
    "TimelineDay",
    "stored_claim",
    "stored_claim_json",
]
