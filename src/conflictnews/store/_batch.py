"""A batch of new articles as table rows: what one extraction adds to each table, gathered so
that the batch is inserted with one statement per table.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import orjson

from .._ids import fold
from ..models import Actor, Article, Extraction, Location
from ._engine import now
from ._names import alternate_names
from ._records import stored_claim_json


def day_of(date: str | None) -> str | None:
    """A claim date ("2024", "2024-08", "2024-08-09") as a day for sorting and windows."""
    if not date:
        return None
    padded = {4: "-01-01", 7: "-01"}.get(len(date), "")
    try:
        return dt.date.fromisoformat(date + padded).isoformat()
    except ValueError:
        return None


class Rows:
    """Rows of a batch of new articles, gathered to be inserted with one statement per table."""

    def __init__(self) -> None:
        self.articles: list[dict[str, Any]] = []
        self.copies: list[dict[str, Any]] = []
        self.sketch: list[dict[str, Any]] = []
        self.actors: dict[str, dict[str, Any]] = {}
        self.actor_aliases: list[dict[str, Any]] = []
        self.locations: dict[str, dict[str, Any]] = {}
        self.location_names: list[dict[str, Any]] = []
        self.claims: list[dict[str, Any]] = []
        self.claim_places: list[dict[str, Any]] = []
        self._aliases: set[tuple[str, str]] = set()
        self._names: set[tuple[str, str]] = set()

    def add_article(
        self, article: Article, group_id: str, similarity: float, keys: list[int], seq: int
    ) -> None:
        self.articles.append(
            {
                "id": article.id,
                "title": article.title,
                "text": article.text,
                "url": article.url,
                "source": article.source,
                "published": article.published.isoformat() if article.published else None,
                "path": article.path,
                "ingested_at": now(),
                "seq": seq,
            }
        )
        self.copies.append(
            {"article_id": article.id, "group_id": group_id, "similarity": similarity}
        )
        self.sketch.extend({"hash": h, "article_id": article.id} for h in keys)

    def add_actors(self, actors: list[Actor]) -> None:
        for actor in actors:
            known = self.actors.get(actor.id)
            if known is None:
                self.actors[actor.id] = {
                    "id": actor.id,
                    "name": actor.name,
                    "kind": actor.kind.value,
                    "side": actor.side,
                }
            elif known["side"] is None and actor.side:
                known["side"] = actor.side
            for name in [actor.name, *actor.aliases]:
                folded = fold(name)
                if folded and (folded, actor.id) not in self._aliases:
                    self._aliases.add((folded, actor.id))
                    self.actor_aliases.append(
                        {"name_fold": folded, "actor_id": actor.id, "name": name}
                    )

    def add_locations(self, extraction: Extraction) -> None:
        locations = {loc.id: loc for loc in extraction.locations}
        for claim in extraction.claims:
            for place in claim.places:
                # A claim may name a place the extraction did not list; keep it findable.
                if place not in locations:
                    name = place.split(":", 1)[-1].replace("-", " ")
                    locations[place] = Location(id=place, name=name)
        for loc in locations.values():
            known = self.locations.setdefault(
                loc.id,
                {
                    "id": loc.id,
                    "name": loc.name,
                    "kind": loc.kind.value,
                    "country_code": loc.country_code,
                    "admin1": loc.admin1,
                    "lat": loc.lat,
                    "lon": loc.lon,
                    "geonames_id": loc.geonames_id,
                    "population": loc.population,
                    "within": loc.within,
                    "confidence": loc.confidence,
                },
            )
            if loc.confidence is not None and (
                known["confidence"] is None or loc.confidence > known["confidence"]
            ):
                known["confidence"] = loc.confidence
            for name in [loc.name, *loc.mentions, *alternate_names(loc)]:
                folded = fold(name)
                if folded and (folded, loc.id) not in self._names:
                    self._names.add((folded, loc.id))
                    self.location_names.append(
                        {"name_fold": folded, "location_id": loc.id, "name": name}
                    )

    def add_claims(self, extraction: Extraction) -> int:
        article = extraction.article
        published = article.published.isoformat() if article.published else None
        dated = sorted(d for c in extraction.claims if (d := day_of(c.date)))
        # An undated claim is dated by its article: publication day, else its latest dated claim.
        fallback = published or (dated[-1] if dated else None)
        for claim in extraction.claims:
            day = day_of(claim.date) or fallback or ""
            self.claims.append(
                {
                    "id": claim.id,
                    "article_id": article.id,
                    "sentence": claim.text,
                    "evidence": article.text[claim.start : claim.end],
                    "start": claim.start,
                    "end": claim.end,
                    "event": claim.event.value,
                    "stance": claim.stance.value,
                    "hedged": claim.hedged,
                    "claimant": claim.claimant,
                    "agent": claim.agent,
                    "date": claim.date,
                    "date_text": claim.date_text,
                    "day": day,
                    "acled_event_type": claim.acled_event_type,
                    "acled_sub_event_type": claim.acled_sub_event_type,
                    "places_json": orjson.dumps(claim.places).decode(),
                }
            )
            self.claims[-1]["record_json"] = stored_claim_json(self.claims[-1])
            for place in dict.fromkeys(claim.places):
                self.claim_places.append({"location_id": place, "day": day, "claim_id": claim.id})
        return len(extraction.claims)
