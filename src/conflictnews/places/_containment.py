"""Approximate points for local places the gazetteer does not hold (the "document focus"
fallback of geoparsers).

A street, a school, a camp or a neighbourhood is not in GeoNames' settlement tables, but an
article placing it "in Y", "near Y" or "Y's X", or an article whose places all cluster around
one town, says roughly where it is. Such a place keeps its own ``place:<slug>`` id and name and
borrows the point of its container, recorded in `Location.within`. Nothing is contained when the
article resolves no place it could lie in, except the few conflict areas of
``data/places_areas.tsv`` ("Eastern Ghouta"), which lie within an entry of their own.
"""

from __future__ import annotations

import re
from collections import Counter

from ._candidates import named_area
from ._cues import is_generic_quarter, stated_distance
from ._gazetteer import gazetteer
from ._lexicon import place_lexicon
from ._query import REGION_HINT, Query, split_type_word, strip_mention
from ._record import COUNTRY, DISTRICT, REGION, SETTLEMENT, Record, km_apart

NEAR_KM = 50.0
"""A place said to lie this close to a named one borrows its point."""

CLUSTER_KM = 300.0
"""How far from the focus settlement an article's places may lie for it to count as local."""
CLUSTER_SHARE = 0.5
"""Share of an article's sub-national places that must lie that close to the focus (half:
a majority view of where the article is, not unanimity, since a few places are mis-resolved)."""

_ATTACH_AFTER = re.compile(
    # "X in Y", "X village, Y", "X hospital near the Y", "X Sahrawi refugee camp close to the
    # northern town of Y"
    r"^(?!.*\b(?:and|or)\b)\s*(?:[A-Za-z]+\s+){0,3}?(?:,|\(|in|at|near|outside|inside|on|of)?"
    r"\s*(?:the\s+)?"
    r"(?:(?:north|south|east|west|central|northern|southern|eastern|western)\w*\s+)?"
    r"(?:(?:city|town|village|port|provincial capital|capital)\s+of\s+|of\s+)?$",
    re.IGNORECASE,
)
_APPOSITION = re.compile(
    # "Baisaran, a meadow in Y", "Barkaram, an island in the Y province", "X, in Y"
    r"^\s*,\s+(?:(?:a|an)\s+(?:[a-z-]+\s+){1,3}?)?(?:in|near|outside)\s+(?:the\s+)?"
    r"(?:(?:north|south|east|west|central|northern|southern|eastern|western)\w*\s+)?$"
)
_COUNTRY_AREA = re.compile(r"^(?:'s|’s)\s+(?:[a-z-]+\s+){0,2}$")
"""Between a country and its region: "Congo's northeastern Ituri province"."""
ATTACH_CHARS = 60
"""How far after a mention the place holding it may be named."""
_ATTACH_BEFORE = re.compile(r"^(?:'s|’s|')\s+$")
_AREAS = (SETTLEMENT, DISTRICT, REGION)


_DATELINE_AFTER = re.compile(r"[^\S\n]*(?:,[^\n,]{1,60})?[^\S\n]*[-\u2013\u2014(]")


def in_dateline(text: str, q: Query) -> bool:
    """A place opening a line and followed by a dash ("KISMAYU, Somalia -", "Beirut, (AFP)
    -"): the dateline naming where the story was filed."""
    line_start = text.rfind("\n", 0, q.start) + 1
    if text[line_start : q.start].strip():
        return False
    return _DATELINE_AFTER.match(text, q.end) is not None


def _is_feature(surface: str, following: str) -> bool:
    """ "Shevchenko Street", "Al-Shifa hospital", "the Zamzam camp": a local feature word in or
    right after the name."""
    lex = place_lexicon()
    words = [w.lower().strip(".,") for w in strip_mention(surface).split()]
    after = re.match(r"\s*([A-Za-z]+)", following)
    return any(w in lex.feature_words for w in words[1:]) or bool(
        after and after.group(1).lower() in lex.feature_words
    )


def _attached(
    text: str, n: int, queries: list[Query], chosen: list[Record | None]
) -> Record | None:
    """The resolved place the text attaches mention n to: "X in Y", "X, Y", "Y's X"."""
    q = queries[n]
    following = sorted(
        (
            (other.start, rec)
            for other, rec in zip(queries, chosen, strict=True)
            if rec is not None and other is not q and 0 <= other.start - q.end <= ATTACH_CHARS
        ),
        key=lambda item: item[0],
    )
    for start, rec in following[:1]:
        gap = text[q.end : start]
        if _ATTACH_AFTER.match(gap) or _APPOSITION.match(gap):
            if rec.kind == COUNTRY:
                return _area_of_country(text, start, queries, chosen) or rec
            return rec
    stated = stated_distance(text, q, queries)
    if stated is not None and chosen[stated[0]] is not None and stated[1] <= NEAR_KM:
        return chosen[stated[0]]  # "Dalwa village, 16km from Maiduguri"
    for other, before in zip(queries, chosen, strict=True):
        if (
            before is not None
            and 0 <= q.start - other.end <= 3
            and _ATTACH_BEFORE.match(text[other.end : q.start])
        ):
            return before
    return None


def _area_of_country(
    text: str, country_start: int, queries: list[Query], chosen: list[Record | None]
) -> Record | None:
    """ "in Komanda, in Congo's northeastern Ituri province": the area of that country named
    right after it, which holds the place more narrowly than the country."""
    pairs = list(zip(queries, chosen, strict=True))
    for n, (q, country) in enumerate(pairs):
        if q.start != country_start or country is None or n + 1 >= len(pairs):
            continue
        other, rec = pairs[n + 1]
        if (
            rec is not None
            and rec.kind in _AREAS
            and rec.lat is not None
            and rec.country_code == country.country_code
            and _COUNTRY_AREA.match(text[q.end : other.start])
        ):
            return rec
    return None


def _paragraph_area(
    text: str, q: Query, queries: list[Query], chosen: list[Record | None], focus: Record | None
) -> Record | None:
    """The area named nearest a mention when it says more than the article's focus: in the
    mention's own sentence ("In Lanao del Sur, troops overran a camp near the town of X"), else
    in its paragraph when that area lies in another first-level region than the focus (a
    paragraph turning to another province). Named before beats named after."""
    para_start = text.rfind("\n", 0, q.start) + 1
    para_end = text.find("\n", q.end)
    para_end = len(text) if para_end < 0 else para_end
    sent_start = max(para_start, text.rfind(". ", 0, q.start) + 2)
    sent_end = text.find(". ", q.end)
    sent_end = para_end if sent_end < 0 else min(sent_end, para_end)
    areas = [
        (other, rec)
        for other, rec in zip(queries, chosen, strict=True)
        if rec is not None and rec.kind in _AREAS and rec.lat is not None
    ]
    for low, high in ((sent_start, sent_end), (para_start, para_end)):
        before = [rec for other, rec in areas if low <= other.start and other.end <= q.start]
        after = [rec for other, rec in areas if q.end <= other.start and other.end <= high]
        local = before[-1] if before else after[0] if after else None
        if local is None:
            continue
        if focus is None or focus.admin1_key != local.admin1_key:
            return local
        if low == sent_start and local.kind != REGION:
            return local
        return None
    return None


def _focus(chosen: list[Record | None]) -> tuple[Record | None, bool]:
    """The article's focus place (most mentioned settlement of its dominant country, else its
    most mentioned region there) and whether its places cluster around it."""
    resolved = [rec for rec in chosen if rec is not None and rec.country_code]
    if not resolved:
        return None, False
    country = Counter(rec.country_code for rec in resolved).most_common(1)[0][0]
    focus: Record | None = None
    for kinds in ((SETTLEMENT, DISTRICT), (REGION,)):
        local = [rec for rec in resolved if rec.kind in kinds and rec.country_code == country]
        local = [rec for rec in local if rec.lat is not None]
        if local:
            counts = Counter(rec.index for rec in local)
            top = max(counts.values())
            focus = next(rec for rec in local if counts[rec.index] == top)
            break
    if focus is None:
        return None, False
    areas = [rec for rec in resolved if rec.kind in _AREAS]
    near = sum(km_apart(rec, focus) <= CLUSTER_KM for rec in areas)
    return focus, near >= CLUSTER_SHARE * len(areas)


def containers(text: str, queries: list[Query], chosen: list[Record | None]) -> list[Record | None]:
    """Per query left unresolved, the resolved place whose point it may borrow (else None).

    Args:
        text: The article text.
        queries: The resolved queries (hints set by the resolver).
        chosen: The record chosen per query, None where unresolved.
    """
    out: list[Record | None] = [None] * len(queries)
    # Where the story was filed ("BEIRUT, (Agency) -") says nothing about where it happened.
    masked = [None if in_dateline(text, q) else rec for q, rec in zip(queries, chosen, strict=True)]
    focus, clustered = _focus(masked)
    regions = {_bare(q) for q in queries if q.hint == REGION_HINT}
    gaz = gazetteer()
    for n, (q, rec) in enumerate(zip(queries, chosen, strict=True)):
        area = named_area(gaz, q) if rec is None else None
        if area is not None and area[0].lat is not None:
            out[n] = area[0]
            continue
        if q.hint == REGION_HINT or _bare(q) in regions:
            continue  # a region (even one named bare elsewhere) is no local feature of a town
        feature = _is_feature(q.text, text[q.end : q.end + 20]) or is_generic_quarter(text, q)
        if rec is not None:
            # "California State University" in an article about Long Beach: a feature named
            # after a wider (or a far) place lies in the article's own town.
            if q.inner and feature:
                out[n] = _more_specific(rec, _attached(text, n, queries, chosen) or focus)
            continue
        attached = _attached(text, n, queries, chosen)
        if attached is not None and attached.kind in _AREAS and attached.lat is not None:
            out[n] = attached
            continue
        # A street or a church lies in the town the story is about; a village, in the area
        # its own sentence or paragraph names.
        local = None if feature else _paragraph_area(text, q, queries, masked, focus)
        if attached is not None and attached.kind == COUNTRY:
            # "Boulkessi in central Mali": the paragraph's area or the article's focus, if it
            # lies in that country.
            for near in (local, focus):
                if near is not None and near.country_code == attached.country_code:
                    out[n] = near
                    break
            continue
        if not (feature or clustered):
            continue
        guess = local or focus
        if guess is not None and guess.country_code not in _across_a_border(
            text, q, queries, masked
        ):
            out[n] = guess
    return out


_BORDER_WITH = re.compile(r"\bborders?\s+with\s+(?:the\s+)?$", re.IGNORECASE)


def _across_a_border(
    text: str, q: Query, queries: list[Query], chosen: list[Record | None]
) -> set[str]:
    """Countries a mention's sentence puts it next to ("an island near the border with
    Nigeria"): a place beside a border is not in the country across it."""
    para_start = text.rfind("\n", 0, q.start) + 1
    sent_start = max(para_start, text.rfind(". ", 0, q.start) + 2)
    sent_end = text.find(". ", q.end)
    sent_end = len(text) if sent_end < 0 else sent_end
    return {
        rec.country_code
        for other, rec in zip(queries, chosen, strict=True)
        if rec is not None
        and rec.kind == COUNTRY
        and rec.country_code
        and sent_start <= other.start < sent_end
        and _BORDER_WITH.search(text, max(0, other.start - 30), other.start)
    }


def _bare(q: Query) -> str:
    """A mention's name without its type word, as compared across mentions."""
    return split_type_word(strip_mention(q.text))[0].lower()


def _more_specific(named: Record, container: Record | None) -> Record | None:
    """The container, when it says more about where a feature named after `named` lies."""
    if container is None or container.kind not in (SETTLEMENT, DISTRICT):
        return None
    if named.kind == SETTLEMENT and named.country_code == container.country_code:
        return None
    return container
