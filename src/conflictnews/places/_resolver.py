"""Context-aware toponym resolution over the offline gazetteer: `resolve_places`, and the
public `Location` of a reading, of a place the gazetteer does not hold, and of one placed
within a resolved place.

Each mention gets candidates from the gazetteer (`_candidates`: abbreviations and demonyms
as written, folded names, transliteration variants), scored first on their own, then in the
article's context (`_context`: the regions and countries its other places lie in, regions
named next to the mention, distance to the other places); rules then doubt readings the text
argues against (`_doubts`), and a confidence model says how sure each reading is
(`_choices`, `_confidence`). A mention left unresolved may borrow the point of a resolved
place containing it (`_containment`).
"""

from __future__ import annotations

from collections.abc import Sequence

from .._ids import slugify
from ..errors import InvalidInputError
from ..models import Location, LocationKind
from ._candidates import named_area
from ._choices import kept_records, resolve_choices
from ._confidence import default_min_confidence
from ._containment import containers
from ._cues import only_describes
from ._gazetteer import gazetteer
from ._query import (
    DISTRICT_HINT,
    REGION_HINT,
    SETTLEMENT_HINT,
    Query,
    split_type_word,
    strip_mention,
)
from ._record import CONTINENT, COUNTRY, DISTRICT, FEATURE, REGION, SETTLEMENT, Record

__all__ = [
    "checked_min_confidence",
    "contained_location",
    "only_describes",
    "resolve_places",
    "to_location",
    "unresolved_location",
]
"""`only_describes` is `_cues`'; claims/_place_backfill.py imports it from here."""

_KIND_TO_LOCATION = {
    SETTLEMENT: LocationKind.SETTLEMENT,
    REGION: LocationKind.REGION,
    DISTRICT: LocationKind.DISTRICT,
    COUNTRY: LocationKind.COUNTRY,
    CONTINENT: LocationKind.REGION,
    FEATURE: LocationKind.FEATURE,
}


def resolve_places(
    text: str, spans: Sequence[tuple[int, int]], *, min_confidence: float | None = None
) -> list[Location | None]:
    """Resolve the given character spans of `text` to locations, in context.

    Args:
        text: The article text.
        spans: ``(start, end)`` character offsets of place names in `text`.
        min_confidence: Resolve a span only when the reading's `Location.confidence` is at
            least this (0 to 1); below it the span stays unresolved, or borrows the point of
            a place containing it. None uses the calibrated default (95 % of readings right
            on general news); 0 keeps every best guess, even one the text argues against.

    Returns:
        One `Location` per span, in order; None for a span not resolved (no reading clears
        `min_confidence`) and that no resolved place of the article contains (or an empty
        or out-of-range span). A contained place keeps its own ``place:<slug>`` id and
        carries the point of its container, whose id is in `Location.within`.

    Raises:
        GazetteerError: The gazetteer could not be built or loaded.
        InvalidInputError: `min_confidence` is not between 0 and 1.
    """
    threshold = checked_min_confidence(min_confidence)
    queries: list[Query] = []
    positions: list[int] = []
    for n, (start, end) in enumerate(spans):
        if not (0 <= start < end <= len(text)):
            continue
        queries.append(Query(start, end, text[start:end]))
        positions.append(n)
    out: list[Location | None] = [None] * len(spans)
    if not queries:
        return out
    choices = resolve_choices(text, queries)
    chosen = kept_records(choices, threshold)
    outer = containers(text, queries, chosen)
    for n, q, rec, container, choice in zip(
        positions, queries, chosen, outer, choices, strict=True
    ):
        if container is not None:
            out[n] = contained_location(q, container)
        elif rec is not None:
            out[n] = to_location(rec, q.text, q.hint, confidence=choice.confidence)
    return out


def checked_min_confidence(min_confidence: float | None, default: float | None = None) -> float:
    """`min_confidence`, or the default (`resolve_places`' own unless given) when None; a
    value outside 0-1 is refused."""
    if min_confidence is None:
        return default_min_confidence() if default is None else default
    if isinstance(min_confidence, bool) or not 0.0 <= min_confidence <= 1.0:
        raise InvalidInputError(f"min_confidence must lie between 0 and 1, not {min_confidence!r}")
    return float(min_confidence)


def to_location(
    rec: Record, mention: str, hint: str | None = None, *, confidence: float | None = None
) -> Location:
    """The public `Location` for a gazetteer record, named by one mention."""
    gaz = gazetteer()
    admin1: str | None = None
    if rec.kind in (SETTLEMENT, DISTRICT):
        region = gaz.region_of(rec.index)
        admin1 = region.name if region else None
    elif rec.kind == REGION and rec.country_code:
        admin1 = rec.name
    return Location(
        id=f"geonames:{rec.geonames_id}" if rec.geonames_id else f"place:{slugify(rec.name)}",
        name=rec.name,
        kind=_KIND_TO_LOCATION[rec.kind],
        country_code=rec.country_code or None,
        admin1=admin1,
        lat=rec.lat,
        lon=rec.lon,
        geonames_id=rec.geonames_id or None,
        population=rec.population or None,
        mentions=[mention],
        # Calibrated on GeoNames ids: an entry without one has no confidence to give.
        confidence=round(confidence, 3) if confidence is not None and rec.geonames_id else None,
    )


def unresolved_location(mention: str, hint: str | None = None) -> Location:
    """A place the gazetteer does not know: kept, with a ``place:<slug>`` id."""
    name, _ = split_type_word(strip_mention(mention))
    kind = {
        REGION_HINT: LocationKind.REGION,
        DISTRICT_HINT: LocationKind.DISTRICT,
        SETTLEMENT_HINT: LocationKind.SETTLEMENT,
    }.get(hint or "", LocationKind.OTHER)
    return Location(
        id=f"place:{slugify(name or mention)}", name=name or mention, kind=kind, mentions=[mention]
    )


def contained_location(q: Query, container: Record) -> Location:
    """A place the gazetteer does not hold, at the point of the place containing it."""
    outer = to_location(container, q.text)
    name, _ = split_type_word(strip_mention(q.text))
    name = name or q.text
    kind = {
        DISTRICT_HINT: LocationKind.DISTRICT,
        SETTLEMENT_HINT: LocationKind.SETTLEMENT,
    }.get(q.hint or "", LocationKind.FEATURE)
    area = named_area(gazetteer(), q)
    if area is not None and area[0].index == container.index:
        # A known area ("Karabakh") goes by its main name ("Nagorno-Karabakh").
        name = area[2]
        kind = LocationKind.REGION if area[1] == REGION else LocationKind.FEATURE
    return Location(
        id=f"place:{slugify(name)}",
        name=name,
        kind=kind,
        country_code=outer.country_code,
        admin1=outer.admin1,
        lat=outer.lat,
        lon=outer.lon,
        mentions=[q.text],
        within=outer.id,
    )
