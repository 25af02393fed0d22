"""The rules that doubt a reading the text argues against.

A namesake outside the region or country the text places it in, farther from a named place
than the text says, matched only by a spelling variant abroad, a hamlet far from all of the
article's places, a small town abroad in an article set in one country, or the quarter of
another country's city ("the Old City"). A doubted reading stays the best guess (kept at
``min_confidence=0``) but is not kept by default.
"""

from __future__ import annotations

import re
from collections import Counter

from .._ids import fold
from ._candidates import demonym_candidates
from ._cues import is_generic_quarter, qualifying_region, stated_distance
from ._gazetteer import Gazetteer
from ._query import (
    FUZZY,
    VARIANT,
    Query,
    match_strength,
    only_a_modifier,
    split_type_word,
    strip_mention,
)
from ._record import ALTERNATE, COUNTRY, DERIVED, DISTRICT, REGION, SETTLEMENT, Record, km_apart


def drop_quarters_abroad(
    text: str, queries: list[Query], chosen: list[Record | None]
) -> list[Record | None]:
    """The Old City of an article about Mosul is not Jerusalem's: a quarter's descriptive
    name keeps a namesake only in a country where the article's other places lie."""
    out = list(chosen)
    for n, (q, rec) in enumerate(zip(queries, chosen, strict=True)):
        if rec is None or rec.kind == COUNTRY or not is_generic_quarter(text, q):
            continue
        home = {
            c.country_code
            for other, c in zip(queries, chosen, strict=True)
            if c is not None and other.key != q.key and not other.modifier
        }
        if rec.country_code not in home:
            out[n] = None
    return out


DISTANCE_SLACK_KM = 30.0
"""Allowed error beyond a stated distance ("16km from Y") before a reading is rejected."""


def drop_beyond_stated_distance(
    text: str, queries: list[Query], chosen: list[Record | None]
) -> list[Record | None]:
    """ "Dalwa village, 16km from Maiduguri" is not Daloa, 2,000 km away: a reading farther
    from the place named than the text says is rejected."""
    out = list(chosen)
    for q_index, (q, rec) in enumerate(zip(queries, chosen, strict=True)):
        if rec is None or rec.lat is None:
            continue
        stated = stated_distance(text, q, queries)
        if stated is None:
            continue
        ref = chosen[stated[0]]
        if ref is None or ref.lat is None or ref.kind not in (SETTLEMENT, DISTRICT):
            continue
        if km_apart(rec, ref) > 1.5 * stated[1] + DISTANCE_SLACK_KM:
            out[q_index] = None
    return out


def drop_contradicted(
    text: str, queries: list[Query], chosen: list[Record | None]
) -> list[Record | None]:
    """ "Porech in the Belgorod region": a namesake far outside that region is another place.

    The gazetteer then does not hold the place the text means, and no answer beats a wrong one.
    """
    out = list(chosen)
    disowned: set[tuple[str, int]] = set()
    for n, (q, rec) in enumerate(zip(queries, chosen, strict=True)):
        owner = _owning_country(text, n, queries, chosen)
        if rec is not None and owner is not None and owner.country_code != rec.country_code:
            disowned.add((_bare_key(q), rec.index))
    for n, (q, rec) in enumerate(zip(queries, chosen, strict=True)):
        if rec is not None and disowned and (_bare_key(q), rec.index) in disowned:
            # "Colombia's Catatumbo region" is not Venezuela's Catatumbo, nor is the
            # article's bare "Catatumbo".
            out[n] = None
            continue
        if rec is None or rec.kind not in (SETTLEMENT, DISTRICT):
            continue
        if _incoherent(q, rec, queries, chosen):
            out[n] = None
            continue
        region = qualifying_region(text, q, queries, chosen)
        if region is None:
            continue
        if region.kind == COUNTRY:
            if region.country_code != rec.country_code:
                out[n] = None  # "Boni in Mali" is not Bonn
        elif region.admin1_key != rec.admin1_key and km_apart(rec, region) > CONTRADICTION_KM:
            out[n] = None
    return out


CONTRADICTION_KM = 150.0
"""How far outside a region named next to it a namesake may lie before it is rejected."""


_OWNER_GAP = re.compile(
    r"^(?:'s|’s)\s+(?:(?:(?:far|north|south|east|west|central|north-?east|north-?west|"
    r"south-?east|south-?west)\w*|restive|remote|disputed|embattled|volatile|breakaway|"
    r"coastal|mountainous|[a-z]+-(?:rich|torn|hit|held|controlled|run))\s+){0,2}$"
)
"""Between a country and a place it holds: "Colombia's northeastern Catatumbo region" (not
"Russia's capture of Soledar": the country there owns the act, not the place)."""


def _bare_key(q: Query) -> str:
    """A mention's folded name without its type word ("Catatumbo region" -> "catatumbo")."""
    return fold(split_type_word(strip_mention(q.text))[0] or q.text)


def _owning_country(
    text: str, n: int, queries: list[Query], chosen: list[Record | None]
) -> Record | None:
    """The country a mention is given as belonging to ("Mali's Mopti region"), if any."""
    if n == 0:
        return None
    before, rec = queries[n - 1], chosen[n - 1]
    if rec is None or rec.kind != COUNTRY or not rec.country_code:
        return None
    if chosen[n] is not None and chosen[n].kind == COUNTRY:  # type: ignore[union-attr]
        return None
    return rec if _OWNER_GAP.match(text[before.end : queries[n].start]) else None


INCOHERENT_KM = 1500.0
"""A weakly named place this far from all of an article's other places is doubted."""


def _incoherent(q: Query, rec: Record, queries: list[Query], chosen: list[Record | None]) -> bool:
    """ "Boni" in an article about Mali is not Bonn, whose alternate name it is.

    A settlement named only by an alternate or variant spelling, in a country none of the
    article's other places is in, and far from all of them, is left unresolved.
    """
    how = next((h for r, h in q.candidates if r.index == rec.index), 0)
    if how == DERIVED:
        return False
    others = [
        c
        for other, c in zip(queries, chosen, strict=True)
        if c is not None and other.key != q.key and not only_a_modifier(other, c)
    ]
    if how == ALTERNATE and rec.kind == SETTLEMENT and rec.population < ALTERNATE_NAME_POPULATION:
        countries = Counter(c.country_code for c in others if c.country_code)
        if countries and countries[rec.country_code] < max(countries.values()):
            # "the border village of Oleshnya" in a story set in Russia's Kursk region is not
            # Vilshana, Ukraine, whatever Kyiv says: a hamlet known under that name only as
            # an alternate, in a country the article mentions less than its own.
            return True
    if any(c.country_code == rec.country_code for c in others):
        return False
    if others and q.inner and rec.kind == SETTLEMENT:
        # "Kfar Zibdin Tahta" beside Beirut is not Tahta in Egypt: a town named by one word of
        # a longer name, in a country no other place of the article is in.
        return True
    if others and how >= VARIANT and rec.population < UNCORROBORATED_VARIANT_POPULATION:
        # "Boulkessi" read as Bulkes, a Serbian village, beside places in Mali: a spelling
        # variant of a hamlet in a country no other place of the article is in.
        return True
    if (
        others
        and how == ALTERNATE
        and rec.kind == SETTLEMENT
        and rec.population < UNCORROBORATED_VARIANT_POPULATION
    ):
        # "Deep" in a headline about Russia is not Mrzezyno, Poland, once "Deep" in German:
        # another language's name for a hamlet in a country the article does not name.
        return True
    if len(others) < 2:
        return False
    if how == 0:
        home = _stray_small_town(rec, others)
        if home is None:
            return False
        # Measured from the article's own country only: a dateline abroad ("CAIRO -") is near.
        others = [c for c in others if c.country_code == home]
    points = [c for c in others if c.kind in (SETTLEMENT, DISTRICT, REGION)]
    return all(km_apart(rec, c) > INCOHERENT_KM for c in points)


UNCORROBORATED_VARIANT_POPULATION = 10_000
"""Below this, a place matched only by a spelling variant needs a neighbour in its country."""

ALTERNATE_NAME_POPULATION = 10_000
"""Below this, a settlement matched by an alternate name must lie in the article's main
country (the one most of its other places are in)."""

STRAY_TOWN_POPULATION = 100_000
"""Below this, a town under its own name abroad is doubted in an article set in one country."""


def _stray_small_town(rec: Record, others: list[Record]) -> str | None:
    """ "the districts of Halfaya and Shambat" in an article set in Sudan are not Halfaya in
    Syria: a small town abroad, named exactly but in no country the article names, is
    doubted when at least three of the article's places lie in one other country. Returns
    that country's code, or None when the town is not doubted."""
    if rec.kind != SETTLEMENT or rec.population >= STRAY_TOWN_POPULATION:
        return None
    countries = Counter(c.country_code for c in others if c.country_code)
    if not countries:
        return None
    home, count = countries.most_common(1)[0]
    if count >= 3 and count >= 0.75 * sum(countries.values()):
        return home
    return None


MEANINGFUL_POPULATION = 1000
"""Below this, a namesake is too small to stand for a spelling variant on its own."""


def drop_unagreed_variants(
    queries: list[Query],
    chosen: list[Record | None],
    nationalities: frozenset[str] | set[str] = frozenset(),
) -> list[Record | None]:
    """ "Boulkessi in central Mali" is not Maglić in Serbia (once "Bulkes").

    A place matched only through a spelling variant or an edit distance is kept when its
    country is one the article's firmly named places lie in, or one it names by a
    nationality ("the Malian army"); with no country in context, only when no other
    candidate of meaningful population competes with it.
    """
    out = list(chosen)
    for n, (q, rec) in enumerate(zip(queries, chosen, strict=True)):
        if rec is None or match_strength(q, rec) not in (VARIANT, FUZZY):
            continue
        context = set(nationalities) | {
            c.country_code
            for other, c in zip(queries, chosen, strict=True)
            if c is not None
            and c.country_code
            and other.key != q.key
            and match_strength(other, c) not in (VARIANT, FUZZY)
            and not only_a_modifier(other, c)
        }
        if context:
            if rec.country_code not in context:
                out[n] = None
            continue
        rivals = [r for r, _ in q.candidates if r.population >= MEANINGFUL_POPULATION]
        if len(q.candidates) > 1 and (
            rec.population < MEANINGFUL_POPULATION or any(r.index != rec.index for r in rivals)
        ):
            out[n] = None
    return out


_CAPITALISED_WORD = re.compile(r"\b[A-Z][a-z]+(?:-[A-Z][a-z]+)?\b")


def countries_of_nationalities(gaz: Gazetteer, text: str) -> set[str]:
    """Countries the article names by a nationality ("the Malian army", "Burkinabe
    troops"): no place of theirs need be named for the article to be set there."""
    found: set[str] = set()
    for word in set(_CAPITALISED_WORD.findall(text)):
        for rec, _how in demonym_candidates(gaz, word):
            if rec.kind == COUNTRY and rec.country_code:
                found.add(rec.country_code)
    return found
