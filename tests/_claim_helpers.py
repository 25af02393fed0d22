"""Helpers for claim tests: parse with the base spaCy pipeline, set place and actor mentions
by hand, run the claims component alone."""

from __future__ import annotations

import datetime as dt
import re

from spacy.language import Language
from spacy.tokens import Doc

from conflictnews._ids import slugify
from conflictnews.claims import ClaimExtractor
from conflictnews.doc._mentions import (
    ActorMention,
    PlaceMention,
    get_actors,
    get_claims,
    set_actors,
    set_places,
    set_published,
)
from conflictnews.models import Actor, ActorKind, Claim, Location, LocationKind

_EXTRACTOR = ClaimExtractor()


def parse(
    nlp: Language,
    text: str,
    *,
    places: dict[str, LocationKind] | None = None,
    actors: dict[str, ActorKind] | None = None,
    published: dt.date | None = None,
) -> Doc:
    """Parse `text` with the base pipeline and mark every occurrence of the given names."""
    doc = nlp.make_doc(text)
    set_published(doc, published)
    for name, component in nlp.pipeline:
        if not name.startswith("conflictnews_"):
            doc = component(doc)
    place_mentions = [
        PlaceMention(
            m.start(), m.end(), name, Location(id=f"place:{slugify(name)}", name=name, kind=kind)
        )
        for name, kind in (places or {}).items()
        for m in re.finditer(rf"\b{re.escape(name)}\b", text)
    ]
    actor_mentions = [
        ActorMention(
            m.start(), m.end(), name, Actor(id=f"actor:{slugify(name)}", name=name, kind=kind)
        )
        for name, kind in (actors or {}).items()
        for m in re.finditer(rf"\b{re.escape(name)}\b", text)
    ]
    set_places(doc, sorted(place_mentions, key=lambda p: p.start))
    set_actors(doc, sorted(actor_mentions, key=lambda a: a.start))
    return _EXTRACTOR(doc)


def claims_of(doc: Doc) -> list[Claim]:
    """The claims left on the Doc, after checking their offsets."""
    claims = get_claims(doc)
    for claim in claims:
        assert 0 <= claim.start < claim.end <= len(doc.text)
        assert doc.text[claim.start : claim.end].strip()
        assert doc.text[claim.start : claim.end] in claim.text or claim.text in doc.text
    return claims


def names(doc: Doc, actor_id: str | None) -> str | None:
    """Name of an actor id among the Doc's actor mentions."""
    if actor_id is None:
        return None
    for mention in get_actors(doc):
        if mention.actor.id == actor_id:
            return mention.actor.name
    return actor_id


def summary(doc: Doc) -> list[tuple[str, str, str, str | None]]:
    """(event, place slug, stance, claimant name) of each claim."""
    return [
        (c.event.value, c.places[0].removeprefix("place:"), c.stance.value, names(doc, c.claimant))
        for c in claims_of(doc)
    ]
