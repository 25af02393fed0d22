"""The context passes: each mention's candidates scored against the article's other places.

A pass adds to a candidate's local score the countries and regions the article's other
places lie in, the region or country named right after the mention ("Paris, Texas"), the
places named near it and in a list with it, and its distance to the article's towns. After
the passes, a name keeps one referent per article, and a province abroad or a foreign
country gives way to a world region or a home namesake of the same name.
"""

from __future__ import annotations

import math
import re
from collections import Counter

from ._candidates import candidates_for
from ._cues import LIST_GAP, qualifying_region
from ._gazetteer import Gazetteer
from ._query import (
    REGION_HINT,
    SETTLEMENT_HINT,
    Query,
    only_a_modifier,
    split_type_word,
    strip_mention,
)
from ._record import COUNTRY, DISTRICT, FEATURE, PRIMARY, REGION, SETTLEMENT, Record, km_apart

NEARBY_CHARS = 60
"""How close a region or country must be named to count as qualifying a mention."""


def score_pass(text: str, queries: list[Query], chosen: list[Record | None]) -> list[Record | None]:
    """One context pass: each query's best candidate given the readings `chosen` of the
    previous pass; sets `Query.scored`."""
    first: dict[str, Record] = {}
    for q, rec in zip(queries, chosen, strict=True):
        if rec is not None:
            first.setdefault(q.key, rec)
    # A country only ever named as a modifier ("U.S. officials said") is no setting.
    placed = {q.key for q in queries if not q.modifier}
    countries: Counter[str] = Counter(
        r.country_code
        for key, r in first.items()
        if r.country_code and (key in placed or r.kind != COUNTRY)
    )
    regions: Counter[str] = Counter(
        r.admin1_key for r in first.values() if r.kind in (REGION, DISTRICT) and r.admin1
    )
    others = max(1, len(first) - 1)
    anchors = [
        (key, rec)
        for key, rec in first.items()
        if rec.kind in (SETTLEMENT, DISTRICT) and rec.lat is not None
    ]
    near = _neighbours(queries, chosen)
    lists = _list_mates(text, queries, chosen)
    before = _qualified_before(text, queries, chosen)
    qualifiers = [qualifying_region(text, q, queries, chosen) for q in queries]
    # Regions named as regions somewhere in the article ("the Kursk region").
    named_regions = {
        rec.index
        for q, rec in zip(queries, chosen, strict=True)
        if rec is not None and rec.kind == REGION and q.hint == REGION_HINT
    }
    out: list[Record | None] = []
    for q, neighbours, mates, inner, outer in zip(
        queries, near, lists, before, qualifiers, strict=True
    ):
        if not q.candidates:
            out.append(None)
            continue
        own = first.get(q.key)
        best: tuple[float, Record] | None = None
        q.scored = []
        for (rec, _how), local in zip(q.candidates, q.local, strict=True):
            score = local
            if rec.country_code:
                votes = countries[rec.country_code]
                votes -= own is not None and own.country_code == rec.country_code
                score += 3.0 * votes / others
            if rec.kind in (SETTLEMENT, DISTRICT) and rec.admin1:
                votes = regions[rec.admin1_key]
                votes -= (
                    own is not None
                    and own.kind in (REGION, DISTRICT)
                    and own.admin1_key == rec.admin1_key
                )
                if votes > 0:
                    score += 1.0
            if (
                rec.index in named_regions
                and q.hint is None
                and all(c.index != rec.index for c in neighbours)
            ):
                score += 8.0  # a bare "Kursk" in an article about the Kursk region
            if outer is not None and _holds(outer, rec):
                score += QUALIFIED_BONUS  # "Paris, Texas": the namesake in the place named
            for c in neighbours:
                if c.index == rec.index:
                    continue
                if c.kind == REGION and rec.admin1 and rec.admin1_key == c.admin1_key:
                    score += 4.0
                    break
                if c.kind == COUNTRY and rec.country_code == c.country_code:
                    score += 2.5
                    break
                if (
                    c.kind == SETTLEMENT
                    and rec.kind in (REGION, DISTRICT)
                    and rec.admin1_key == c.admin1_key
                ):
                    score += 3.0  # "Calamba City, Laguna": the region holding its neighbour
                    break
            if inner is not None and _holds(rec, inner):
                score += 3.0  # "Matias Romero, Oaxaca, Mexico": the country holding the town
            elif mates:
                # "Utah, Colorado, and Idaho": names listed together are of one kind.
                kinds = Counter(c.kind for c in mates)
                if kinds.most_common(1)[0][0] == rec.kind:
                    score += 1.5
            if rec.kind in (SETTLEMENT, DISTRICT, REGION) and anchors and rec.lat is not None:
                lat = rec.lat
                nearest = min(
                    (
                        km_apart(rec, a)
                        for key, a in anchors
                        # A degree of latitude is at least 111 km: farther than 400 km off in
                        # latitude alone, an anchor adds nothing, so no distance is computed.
                        if abs(a.lat - lat) <= _NEARBY_LATITUDE  # type: ignore[operator]
                        and key != q.key
                        and a.index != rec.index
                    ),
                    default=math.inf,
                )
                if nearest <= 40:
                    score += 2.5
                elif nearest <= 150:
                    score += 1.5
                elif nearest <= 400:
                    score += 0.5
            q.scored.append((score, rec))
            if best is None or score > best[0]:
                best = (score, rec)
        out.append(best[1] if best else None)
    return out


_NEARBY_LATITUDE = 400.0 / 111.19
"""Degrees of latitude spanning the farthest distance (400 km) the context pass rewards."""

QUALIFIED_BONUS = 4.0
"""Added to a namesake lying in the region or country named right after the mention."""


def _holds(outer: Record, inner: Record) -> bool:
    """Whether `outer` (a country or first-level region) contains `inner`."""
    if outer.index == inner.index or not outer.country_code:
        return False
    if outer.kind == COUNTRY:
        return inner.kind != COUNTRY and inner.country_code == outer.country_code
    if outer.kind == REGION:
        return inner.kind in (SETTLEMENT, DISTRICT) and inner.admin1_key == outer.admin1_key
    return False


_COMMA_GAP = re.compile(r"^\s*,\s*$")


def _qualified_before(
    text: str, queries: list[Query], chosen: list[Record | None]
) -> list[Record | None]:
    """Per query, the place named right before it and a comma ("Oaxaca, Mexico"), if any."""
    out: list[Record | None] = []
    for q in queries:
        found = None
        for other, rec in zip(queries, chosen, strict=True):
            if (
                rec is not None
                and other.key != q.key
                and 0 <= q.start - other.end <= 3
                and _COMMA_GAP.match(text[other.end : q.start])
            ):
                found = rec
        out.append(found)
    return out


def _list_mates(text: str, queries: list[Query], chosen: list[Record | None]) -> list[list[Record]]:
    """Per query, the first-pass places of the names listed with it ("A, B and C")."""
    order = sorted(range(len(queries)), key=lambda n: queries[n].start)
    groups: list[list[int]] = []
    for n in order:
        if groups:
            last = queries[groups[-1][-1]]
            if 0 <= queries[n].start - last.end <= 8 and LIST_GAP.match(
                text[last.end : queries[n].start]
            ):
                groups[-1].append(n)
                continue
        groups.append([n])
    out: list[list[Record]] = [[] for _ in queries]
    for group in groups:
        for n in group:
            out[n] = [c for m in group if m != n and (c := chosen[m]) is not None]
    return out


def _neighbours(queries: list[Query], chosen: list[Record | None]) -> list[list[Record]]:
    """Per query, the first-pass places of the other queries named within `NEARBY_CHARS`.

    A country qualifying a noun ("U.S. officials said") says who speaks, not where.
    """
    out: list[list[Record]] = []
    for q in queries:
        found = []
        for other, c in zip(queries, chosen, strict=True):
            if other is q or c is None or other.key == q.key:
                continue
            if other.modifier and c.kind == COUNTRY:
                continue
            gap = other.start - q.end if other.start >= q.end else q.start - other.end
            if gap <= NEARBY_CHARS:
                found.append(c)
        out.append(found)
    return out


def one_sense_per_name(
    text: str, queries: list[Query], chosen: list[Record | None]
) -> list[Record | None]:
    """ "Parkland, Florida" ... "the Parkland students": a name keeps one referent in an article.

    Mentions without a cue of their own take the referent of a mention placed by the region
    or country named right after it, else the referent most of them were given.
    """
    groups: dict[str, list[int]] = {}
    for n, (q, rec) in enumerate(zip(queries, chosen, strict=True)):
        if rec is not None and not q.inner and q.hint in (None, SETTLEMENT_HINT):
            groups.setdefault(q.key, []).append(n)
    out = list(chosen)
    for members in groups.values():
        if len({rec.index for n in members if (rec := chosen[n]) is not None}) < 2:
            continue
        target = next(
            (rec for n in members if (rec := chosen[n]) and _qualified(text, n, queries, chosen)),
            None,
        )
        if target is None:
            votes = Counter(rec.index for n in members if (rec := chosen[n]) is not None)
            (top, count), *rest = votes.most_common()
            if rest and rest[0][1] == count:
                continue  # no majority: each mention keeps its own reading
            target = next(rec for n in members if (rec := chosen[n]) and rec.index == top)
        for n in members:
            # Same name, same candidates (though each mention keeps only its best few).
            if queries[n].hint is None:
                out[n] = target
    return out


def _qualified(text: str, n: int, queries: list[Query], chosen: list[Record | None]) -> bool:
    """Whether a mention's choice is confirmed by the region or country named right after it."""
    rec = chosen[n]
    region = qualifying_region(text, queries[n], queries, chosen)
    if rec is None or region is None or region.index == rec.index:
        return False
    if region.kind == COUNTRY:
        return region.country_code == rec.country_code
    return region.admin1_key == rec.admin1_key


def world_regions_over_namesakes_abroad(
    gaz: Gazetteer, queries: list[Query], chosen: list[Record | None]
) -> list[Record | None]:
    """ "the Sahel region" in an article about Niger is the Sahel, not Burkina Faso's Sahel
    Region, and the Red Sea of an article about Yemen is the sea, not Sudan's Red Sea State:
    a province in a country where none of the article's other places lie gives way to the
    world region or sea of the same name."""
    out = list(chosen)
    for n, (q, rec) in enumerate(zip(queries, chosen, strict=True)):
        if rec is None or rec.kind != REGION or not rec.country_code:
            continue
        home = {
            c.country_code
            for other, c in zip(queries, chosen, strict=True)
            if c is not None and other.key != q.key
        }
        if not home or rec.country_code in home:
            continue
        core, _ = split_type_word(strip_mention(q.text))
        world = [r for r, how in candidates_for(gaz, core) if how == PRIMARY and not r.country_code]
        if world and world[0].kind in (REGION, FEATURE):
            out[n] = world[0]
    return out


HOME_SHARE = 0.6
"""Share of an article's other places that must lie in one country for it to be 'home'."""

HOME_NAMESAKE_KM = 40.0
"""How close to the article's own places a home settlement must lie to outrank a country."""


def home_namesakes_over_countries_abroad(
    queries: list[Query], chosen: list[Record | None]
) -> list[Record | None]:
    """ "Georgia" in an article whose places are all in the United States is the state, and
    "the Flower Loft in Poland" among Ohio towns is Poland, Ohio: a foreign country named in
    an article set in one other country gives way to a first-level region of that name
    there, or to a settlement of that name in a region the article names or close to the
    article's own places."""
    out = list(chosen)
    for n, (q, rec) in enumerate(zip(queries, chosen, strict=True)):
        if rec is None or rec.kind != COUNTRY or q.modifier or q.hint is not None:
            continue
        others = [
            c
            for other, c in zip(queries, chosen, strict=True)
            if c is not None and other.key != q.key and not only_a_modifier(other, c)
        ]
        countries = Counter(c.country_code for c in others if c.country_code)
        if not countries:
            continue
        home, count = countries.most_common(1)[0]
        if home == rec.country_code or count < 3 or count < HOME_SHARE * len(others):
            continue
        if countries[rec.country_code] or sum(other.key == q.key for other in queries) > 1:
            continue  # the article places something there, or keeps naming it: a subject
        anchors = [c for c in others if c.country_code == home and c.kind == SETTLEMENT]
        regions = {c.admin1_key for c in others if c.country_code == home and c.kind == REGION}
        for cand, how in q.candidates:
            if how != PRIMARY or cand.country_code != home:
                continue
            if cand.kind == REGION or (
                cand.kind == SETTLEMENT
                and (
                    cand.admin1_key in regions
                    or any(
                        km_apart(cand, a) <= HOME_NAMESAKE_KM
                        for a in anchors
                        if a.index != cand.index
                    )
                )
            ):
                out[n] = cand
                break
    return out
