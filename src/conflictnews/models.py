"""The typed records conflictnews speaks: articles, claims, actors and locations.

Their JSON form (``model_dump(mode="json")``) is the contract of the command line
and the REST API.
"""

from __future__ import annotations

import datetime as dt
import re
from enum import StrEnum
from typing import Annotated

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, field_validator


def _iso_date(value: object) -> object:
    # Pydantic would read a number, or a string of digits such as "20240501", as a Unix time.
    if isinstance(value, str) and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        raise ValueError(f"expected a date YYYY-MM-DD, got {value!r}")
    if isinstance(value, int | float):
        raise ValueError(f"expected a date YYYY-MM-DD, got the number {value!r}")
    return value


IsoDate = Annotated[dt.date, BeforeValidator(_iso_date)]
"""A date given as a `datetime.date` or an ISO ``YYYY-MM-DD`` string, nothing else."""


class EventType(StrEnum):
    """What a claim says happened."""

    CAPTURE = "capture"
    CONTROL = "control"
    ENTER = "enter"
    ATTACK = "attack"
    STRIKE = "strike"
    WITHDRAW = "withdraw"
    REPEL = "repel"
    DESTROY = "destroy"
    CASUALTIES = "casualties"
    OTHER = "other"


class Stance(StrEnum):
    """How the claimant relates to the event: asserts it, denies it, or leaves it unconfirmed."""

    ASSERTED = "asserted"
    DENIED = "denied"
    UNCONFIRMED = "unconfirmed"


class ActorKind(StrEnum):
    """Broad kind of an actor."""

    ARMED_GROUP = "armed_group"
    MILITARY = "military"
    GOVERNMENT = "government"
    OFFICIAL = "official"
    MEDIA = "media"
    PERSON = "person"
    POPULATION = "population"
    OTHER = "other"


class LocationKind(StrEnum):
    """Broad kind of a place."""

    SETTLEMENT = "settlement"
    REGION = "region"
    DISTRICT = "district"
    COUNTRY = "country"
    FEATURE = "feature"
    OTHER = "other"


class Location(BaseModel):
    """A place, resolved to GeoNames where possible.

    Attributes:
        id: ``geonames:<id>`` for resolved places, ``place:<slug>`` otherwise.
        name: Canonical English name.
        kind: Settlement, region, country, ...
        country_code: ISO 3166-1 alpha-2 code, when known.
        admin1: Name of the first-level region holding the place, when known.
        lat: Latitude in degrees, ``None`` when unresolved.
        lon: Longitude in degrees, ``None`` when unresolved.
        geonames_id: GeoNames id, ``None`` when unresolved.
        mentions: Surface forms of the place in the article(s) it was read from.
        within: Id of the place whose point `lat`/`lon` are, when the gazetteer does not hold
            this one: coordinates approximate, those of the containing place.
        confidence: How likely the resolution is right, from 0 to 1: the share of places
            given that confidence that were resolved to the right GeoNames entry when the
            resolver was calibrated (see the Places page). ``None`` for a place that is not
            resolved to a gazetteer entry of its own (a ``place:`` id).
    """

    id: str
    name: str
    kind: LocationKind = LocationKind.OTHER
    country_code: str | None = None
    admin1: str | None = None
    lat: float | None = None
    lon: float | None = None
    geonames_id: int | None = None
    population: int | None = None
    mentions: list[str] = Field(default_factory=list)
    within: str | None = None
    confidence: float | None = Field(default=None, ge=0.0, le=1.0)


class Actor(BaseModel):
    """Someone who acts or speaks: an army, a ministry, a militia, an outlet, a person.

    Attributes:
        id: ``actor:<slug>``, stable across articles and runs.
        name: Canonical name.
        kind: Broad kind of actor.
        aliases: Other names and spellings seen or known for it.
        side: Side in a conflict, when the lexicon knows it (e.g. ``ukraine``, ``russia``).
    """

    id: str
    name: str
    kind: ActorKind = ActorKind.OTHER
    aliases: list[str] = Field(default_factory=list)
    side: str | None = None


class Claim(BaseModel):
    """One event at one or more places, as asserted or denied by a claimant.

    Attributes:
        id: ``clm_<hash>``, stable for the same article and evidence.
        article_id: Id of the article the claim was read from.
        text: The sentence holding the evidence.
        start: Character offset of the evidence span in the article text.
        end: End offset (exclusive) of the evidence span.
        event: What is said to have happened.
        stance: Asserted, denied or unconfirmed.
        hedged: True when the text reports the event with doubt ("reportedly").
        claimant: Actor id of who makes the claim; ``None`` when the article says it itself.
        agent: Actor id of who did it, when known.
        places: Location ids where it happened.
        date: ISO date, as precise as the text allows ("2024", "2024-03", "2024-03-12").
        date_text: The words the date was read from.
        acled_event_type: Nearest ACLED event type.
        acled_sub_event_type: Nearest ACLED sub-event type.
    """

    id: str
    article_id: str
    text: str
    start: int
    end: int
    event: EventType
    stance: Stance = Stance.ASSERTED
    hedged: bool = False
    claimant: str | None = None
    agent: str | None = None
    places: list[str] = Field(default_factory=list)
    date: str | None = None
    date_text: str | None = None
    acled_event_type: str | None = None
    acled_sub_event_type: str | None = None


class Article(BaseModel):
    """A news article as read: the text unchanged, so that every offset indexes into it.

    Attributes:
        id: ``art_<hash>`` of the normalised text.
        title: Headline.
        text: Full text, unchanged.
        url: Where it was published.
        source: Outlet name.
        published: Publication date.
        path: File it was read from.
    """

    id: str
    title: str | None = None
    text: str
    url: str | None = None
    source: str | None = None
    published: dt.date | None = None
    path: str | None = None


class ArticleInput(BaseModel):
    """An article to extract from or ingest, as given by a caller.

    Attributes:
        text: Article body.
        title: Headline.
        url: Where it was published.
        source: Outlet name.
        published: Publication date, used to resolve relative dates.
    """

    model_config = ConfigDict(extra="forbid")

    text: str
    title: str | None = None
    url: str | None = None
    source: str | None = None
    published: IsoDate | None = None

    @field_validator("text", "title", "url", "source")
    @classmethod
    def _encodable(cls, value: str | None) -> str | None:
        # JSON may escape a lone surrogate ("\ud800"): not Unicode text, and not storable.
        if value is not None and not value.isascii():
            try:
                value.encode("utf-8")
            except UnicodeEncodeError as exc:
                raise ValueError(
                    f"not valid Unicode: unpaired surrogate at character {exc.start}"
                ) from exc
        return value


class Extraction(BaseModel):
    """Everything read from one article: the line ``conflictnews extract --format jsonl`` prints.

    Attributes:
        article: The article.
        claims: Its claims.
        actors: The actors its claims and text name.
        locations: The places it names.
        warnings: Why the article was not read in full (e.g. empty or not English).
    """

    article: Article
    claims: list[Claim] = Field(default_factory=list)
    actors: list[Actor] = Field(default_factory=list)
    locations: list[Location] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)
