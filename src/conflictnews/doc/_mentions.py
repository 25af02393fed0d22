"""What the pipeline components leave on a spaCy Doc for the next one to read.

Values on ``Doc._`` are kept as plain JSON-like data, because spaCy serialises a Doc's
``user_data`` with msgpack when ``nlp.pipe(n_process>1)`` moves it between processes.
The getters and setters here turn them back into typed objects.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from spacy.tokens import Doc

from ..models import Actor, Claim, Location


@dataclass(frozen=True, slots=True)
class PlaceMention:
    """A place named in the text: character span and the location it resolves to.

    An unresolved place still has a `Location`, with a ``place:<slug>`` id and no coordinates.
    """

    start: int
    end: int
    text: str
    location: Location


@dataclass(frozen=True, slots=True)
class ActorMention:
    """An actor named in the text: character span and the canonical actor."""

    start: int
    end: int
    text: str
    actor: Actor


def _dump(start: int, end: int, text: str, key: str, value: Any) -> dict[str, Any]:
    return {"start": start, "end": end, "text": text, key: value.model_dump(mode="json")}


def set_places(doc: Doc, mentions: list[PlaceMention]) -> None:
    doc._.cn_places = [_dump(m.start, m.end, m.text, "location", m.location) for m in mentions]


def get_places(doc: Doc) -> list[PlaceMention]:
    return [
        PlaceMention(d["start"], d["end"], d["text"], Location.model_validate(d["location"]))
        for d in doc._.cn_places or []
    ]


def set_actors(doc: Doc, mentions: list[ActorMention]) -> None:
    doc._.cn_actors = [_dump(m.start, m.end, m.text, "actor", m.actor) for m in mentions]


def get_actors(doc: Doc) -> list[ActorMention]:
    return [
        ActorMention(d["start"], d["end"], d["text"], Actor.model_validate(d["actor"]))
        for d in doc._.cn_actors or []
    ]


def set_claims(doc: Doc, claims: list[Claim]) -> None:
    doc._.cn_claims = [c.model_dump(mode="json") for c in claims]


def get_claims(doc: Doc) -> list[Claim]:
    return [Claim.model_validate(d) for d in doc._.cn_claims or []]


def set_published(doc: Doc, published: dt.date | None) -> None:
    doc._.cn_published = published.isoformat() if published else None


def get_published(doc: Doc) -> dt.date | None:
    value = doc._.cn_published
    return dt.date.fromisoformat(value) if value else None
