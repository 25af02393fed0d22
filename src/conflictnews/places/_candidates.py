"""The gazetteer records a mention may name, and how each scores on its own.

Lookup: the name as written (abbreviations, demonyms), folded, without its type word
("Kursk region"), by transliteration variant, after a direction word ("South Lebanon"), a
known name inside an unknown one ("Colorado State University"), a region code or a
country's initials in the article's countries ("BC", "DRC"), and a bounded edit distance
where the article is. Local scoring: name match, population, kind, renown and the kind
cues of the text, keeping the best `MAX_CANDIDATES` for the context passes.
"""

from __future__ import annotations

import functools
import math
from collections import Counter

from .._ids import fold
from ._cues import qualifying_region
from ._gazetteer import Gazetteer
from ._lexicon import place_lexicon
from ._query import (
    DISTRICT_HINT,
    FUZZY,
    REGION_HINT,
    SETTLEMENT_HINT,
    VARIANT,
    Query,
    split_type_word,
    strip_mention,
)
from ._record import (
    ALTERNATE,
    CONTINENT,
    COUNTRY,
    DERIVED,
    DISTRICT,
    FEATURE,
    REGION,
    SETTLEMENT,
    Record,
)
from ._translit import variant_key


def candidates_for(gaz: Gazetteer, surface: str) -> list[tuple[Record, int]]:
    """All gazetteer records a surface form may name, with their match strength."""
    surface = strip_mention(surface)
    if not surface:
        return []
    exact = gaz.lookup_surface(surface)
    if exact:
        return [(gaz.record(i), 0) for i in exact]
    demonym = demonym_candidates(gaz, surface)
    if demonym:
        return demonym
    if gaz.area(surface) is not None:
        return []  # "Eastern Ghouta": a known area, placed within its entry by containment
    if is_acronym(surface):
        return []  # "SA", "FATA": only the abbreviation tables may name a place
    if is_people(surface):
        return []  # "Tuareg", "Rohingya": a people, not a place (nor a namesake hamlet)
    lowered = surface.lower()
    lex = place_lexicon()
    if lowered in _DIRECTIONS or lowered in lex.region_words or lowered in lex.settlement_words:
        return []  # "the West", "State": a direction or a type word alone names no place
    found: dict[int, int] = {}
    key = fold(surface)
    for rec, how in gaz.lookup(key):
        found[rec] = min(how, found.get(rec, 9))
    name, type_word = split_type_word(surface)
    exact_area = any(gaz.record(i).kind in (REGION, DISTRICT, COUNTRY) for i in found)
    if type_word is not None and name != surface and not exact_area:
        # "Kursk region" names Kursk Oblast through "Kursk"; but "Ohio County" is a county
        # of its own, not the state of Ohio, and the "United States" are not "United".
        for rec, how in gaz.lookup(fold(name)):
            found[rec] = min(how, found.get(rec, 9))
        key = fold(name)
    if len(key) >= 4:
        for rec, how in gaz.lookup_variant(key):
            found.setdefault(rec, max(how, VARIANT))
    for qualified, how in _directional_candidates(gaz, surface, found):
        found.setdefault(qualified.index, how)
    return [(gaz.record(i), how) for i, how in found.items()]


_AREA_KINDS = (COUNTRY, REGION, CONTINENT, FEATURE)


def _directional_candidates(
    gaz: Gazetteer, surface: str, found: dict[int, int]
) -> list[tuple[Record, int]]:
    """ "South Lebanon", "West Mosul": the place a direction word qualifies.

    Taken when the whole name is no place of its own, or only a settlement's (South Lebanon,
    Ohio), and the rest is a country or region; scoring then weighs the two.
    """
    first, _, rest = surface.partition(" ")
    if first.lower() not in _DIRECTIONS or not rest:
        return []
    exact = [gaz.record(i) for i, how in found.items() if how <= DERIVED]
    if any(rec.kind != SETTLEMENT for rec in exact):
        return []  # "North Darfur (State)", "South Sudan", "West Bank": places of their own
    # "West Mosul" is part of a city; "West Wing" is no part of the hamlet of Wing.
    smallest = math.inf if exact else DIVIDED_CITY_POPULATION
    return [
        (rec, DERIVED)
        for rec, how in candidates_for(gaz, rest)
        if how == 0 and (rec.kind in _AREA_KINDS or rec.population >= smallest)
    ]


DIVIDED_CITY_POPULATION = 100_000
"""Smallest city whose parts news names by direction ("East Aleppo", "West Mosul")."""


_DIRECTIONS = frozenset(
    [
        "north",
        "south",
        "east",
        "west",
        "northern",
        "southern",
        "eastern",
        "western",
        "central",
        "middle",
        "upper",
        "lower",
        "northeast",
        "northwest",
        "southeast",
        "southwest",
        "north-east",
        "north-west",
        "south-east",
        "south-west",
    ]
)


def is_people(surface: str) -> bool:
    """Whether a name is that of a people or faith ("Tuareg", "Houthis", "Shia")."""
    peoples = place_lexicon().peoples
    return surface in peoples or (surface.endswith("s") and surface[:-1] in peoples)


def is_acronym(surface: str) -> bool:
    """ "SA", "FATA", "U.S.": up to four capitals, which only the abbreviation tables read."""
    letters = surface.replace(".", "").replace("&", "")
    return letters.isupper() and letters.isalpha() and len(letters) <= 4


def demonym_candidates(gaz: Gazetteer, surface: str) -> list[tuple[Record, int]]:
    """The places a demonym names ("Syrians", "MALIAN"), as exact matches."""
    forms = [surface]
    if surface.endswith("s") and len(surface) > 4:
        forms.append(surface[:-1])  # "Americans", "Syrians"
    if surface.isupper():
        forms += [f.title() for f in list(forms)]
    for form in forms:
        hits = gaz.lookup_surface("demonym:" + form)
        if hits:
            return [(gaz.record(i), 0) for i in hits]
    return []


def named_area(gaz: Gazetteer, q: Query) -> tuple[Record, int, str] | None:
    """The entry a known area lies within, the area's kind and its main name
    ("Ghouta": Douma, region, "Eastern Ghouta")."""
    name = strip_mention(q.text)
    found = gaz.area(name) or gaz.area(split_type_word(name)[0])
    return (gaz.record(found[0]), found[1], found[2]) if found else None


def inner_candidates(gaz: Gazetteer, surface: str) -> list[tuple[Record, int]]:
    """Candidates of the longest known name inside an unknown one.

    "Colorado State University" -> "Colorado"; "Dubai World Cup" -> "Dubai";
    "European Commission" -> "European". Matches are weaker than whole-name ones.
    """
    lex = place_lexicon()
    words = strip_mention(surface).split()
    for size in range(len(words) - 1, 0, -1):
        for start in range(len(words) - size + 1):
            part = " ".join(words[start : start + size])
            if part.lower() in _FUNCTION_WORDS or not part[:1].isupper():
                continue
            if part in lex.weak_single_tokens or part in lex.not_places:
                continue
            demonym = demonym_candidates(gaz, part)
            if demonym:
                # "European Commission" lies in Europe; a "Russian Embassy" need not be in Russia.
                if all(rec.kind == CONTINENT for rec, _ in demonym):
                    return [(rec, ALTERNATE) for rec, _ in demonym]
                continue
            # "Walker County Sheriff's Office", "Nenagh Municipal District": an institution
            # of the place it opens with, however small the place.
            local = (
                start == 0
                and size < len(words)
                and words[size].lower().strip(".,") in lex.local_institution_heads
            )
            found = [
                (rec, max(how, ALTERNATE))
                for rec, how in candidates_for(gaz, part)
                if how == 0
                and (local or rec.kind in (COUNTRY, REGION) or rec.population >= 50_000)
                and (local or rec.kind != DISTRICT)
            ]
            if found:
                return found
    return []


_FUNCTION_WORDS = frozenset(
    {
        "the",
        "of",
        "and",
        "in",
        "on",
        "at",
        "for",
        "new",
        "north",
        "south",
        "east",
        "west",
        "central",
        "upper",
        "lower",
        "great",
        "saint",
        "st",
    }
)


def acronym_in_context(
    gaz: Gazetteer, surface: str, countries: set[str]
) -> list[tuple[Record, int]]:
    """ "BC" in an article about Canada: a region by its ISO 3166-2 code; "SA" in one about
    South Africa, "CAR" in one about the Central African Republic: a country by its initials."""
    out = []
    letters = surface.replace(".", "")
    for cc in sorted(countries):
        for i in gaz.lookup_surface(f"{surface}@{cc}"):
            out.append((gaz.record(i), ALTERNATE))
        country = gaz.country_index.get(cc)
        if (
            country is not None
            and len(letters) >= 2
            and _initials(gaz.record(country).name) == letters
        ):
            out.append((gaz.record(country), ALTERNATE))
    return out


def _initials(name: str) -> str:
    """ "Democratic Republic of the Congo" -> "DRC"."""
    return "".join(w[0].upper() for w in name.split() if w.lower() not in ("of", "the", "and"))


FUZZY_MIN_LENGTH = 6
"""Shorter names are not matched by edit distance: too many would match by chance."""


def fuzzy_candidates(
    gaz: Gazetteer, text: str, q: Query, queries: list[Query], first: list[Record | None]
) -> list[tuple[Record, int]]:
    """Settlements spelled within one or two edits of an unknown name ("Hodeidah" /
    "Hudaydah"), searched only where the article is: the region named right after the
    mention, else the countries of its other places."""
    key = variant_key(q.key)
    if len(key) < FUZZY_MIN_LENGTH or " " in key and len(key.split()) > 3:
        return []
    limit = 1 if len(key) < 8 else 2
    region = qualifying_region(text, q, queries, first)
    if region is not None:
        scopes = [(region.country_code, region.admin1)]
    else:
        votes = Counter(
            rec.country_code
            for other, rec in zip(queries, first, strict=True)
            if rec is not None and rec.country_code and other.key != q.key
        )
        scopes = [(cc, "") for cc, _ in votes.most_common(2)]
    found: list[tuple[Record, int]] = []
    for cc, admin1 in scopes:
        for rid, other in _keys_by_initial(gaz, cc, admin1).get(key[:1], ()):
            if abs(len(other) - len(key)) <= limit and _within_edits(key, other, limit):
                found.append((gaz.record(rid), FUZZY))
    return found


@functools.lru_cache(maxsize=64)
def _keys_by_initial(
    gaz: Gazetteer, country_code: str, admin1: str
) -> dict[str, list[tuple[int, str]]]:
    """Variant keys of the settlements in a scope, grouped by first letter (computed once)."""
    out: dict[str, list[tuple[int, str]]] = {}
    for rid, name in gaz.settlements_in(country_code, admin1):
        key = variant_key(fold(name))
        if key:
            out.setdefault(key[0], []).append((rid, key))
    return out


def _within_edits(a: str, b: str, limit: int) -> bool:
    """Levenshtein distance of a and b is at most `limit` (banded, with early exit)."""
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, start=1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, start=1):
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb))
        if min(current) > limit:
            return False
        previous = current
    return previous[-1] <= limit


def regions_of_seats(
    gaz: Gazetteer, candidates: list[tuple[Record, int]]
) -> list[tuple[Record, int]]:
    """ "Bilhorod region": the region whose largest settlement the name is."""
    have = {rec.index for rec, _ in candidates}
    seats = gaz.region_by_seat()
    out = []
    for rec, how in candidates:
        region = seats.get(rec.index) if rec.kind == SETTLEMENT else None
        if region is not None and region not in have:
            out.append((gaz.record(region), max(how, DERIVED)))
            have.add(region)
    return out


_KIND_PRIOR = {
    SETTLEMENT: 0.0,
    REGION: 1.5,
    DISTRICT: -1.0,
    COUNTRY: 4.0,
    CONTINENT: 3.0,
    FEATURE: 2.0,
}
_HOW_PENALTY = {0: 0.0, ALTERNATE: 1.0, DERIVED: 0.5, VARIANT: 3.5, FUZZY: 4.0}


MAX_CANDIDATES = 30
"""Candidates per mention kept for the context passes (best first by local score)."""


def rank_locally(gaz: Gazetteer, q: Query) -> None:
    """Score a query's candidates on their own and keep the best `MAX_CANDIDATES`."""
    named = _named_after_settlement(gaz, q.candidates)
    # A record that only has the mention as an alternate name ("Idaho Springs" once
    # called "Idaho") yields to one whose main name it is.
    has_primary = any(how == 0 for _, how in q.candidates)
    renown = _renown_gaps(q.candidates)
    scored = sorted(
        (
            (
                _local_score(gaz, q, rec, how, named)
                - (has_primary and how not in (0, DERIVED))
                - RENOWN_WEIGHT * renown.get(rec.index, 0.0),
                rec,
                how,
            )
            for rec, how in q.candidates
        ),
        key=lambda item: -item[0],
    )[:MAX_CANDIDATES]
    q.candidates = [(rec, how) for _, rec, how in scored]
    q.local = [score for score, _, _ in scored]


RENOWN_WEIGHT = 2.0
"""Score lost per tenfold fewer alternate names than the best-known namesake settlement."""


def _renown_gaps(candidates: list[tuple[Record, int]]) -> dict[int, float]:
    """Per settlement the mention names by its main name, how much less known it is than
    its best-known namesake.

    The source lists dozens of names in other languages for Venice, Italy, and a handful for
    Venice, California; population alone (51,000 against 41,000) does not tell them apart.
    """
    towns = [rec for rec, how in candidates if rec.kind == SETTLEMENT and how == 0]
    if len(towns) < 2:
        return {}
    best = max(math.log10(1 + rec.names) for rec in towns)
    return {rec.index: best - math.log10(1 + rec.names) for rec in towns}


def _local_score(
    gaz: Gazetteer, q: Query, rec: Record, how: int, named_after_settlement: set[int]
) -> float:
    pop = rec.population
    if rec.kind in (REGION, DISTRICT):
        pop //= 30  # summed settlement populations overstate how often a region is meant
    score = math.log10(pop + 10) + _KIND_PRIOR[rec.kind] - _HOW_PENALTY.get(how, 2.0)
    if how == VARIANT and len(q.text) < 6:
        score -= 1.0  # short names collide more often by accident
    if rec.index in gaz.capitals:
        score += 2.0  # news names capitals far more often than their namesakes
    elif rec.kind == SETTLEMENT and rec.population >= 1_000_000:
        score += 1.5  # and so it does the largest cities
    if rec.lat is None:
        score -= 3.0
    if q.hint in (REGION_HINT, DISTRICT_HINT):
        wanted = REGION if q.hint == REGION_HINT else DISTRICT
        if rec.kind == wanted:
            score += 6.0
        elif rec.kind in (REGION, DISTRICT):
            score += 3.0
        elif rec.kind == SETTLEMENT:
            score -= 4.0
    elif q.hint == SETTLEMENT_HINT:
        score += 3.0 if rec.kind == SETTLEMENT else -3.0
    elif rec.kind in (REGION, DISTRICT) and rec.index in named_after_settlement:
        # A bare "Kursk" names the city more often than the region named after it.
        score -= 5.0
    return score


def _named_after_settlement(gaz: Gazetteer, candidates: list[tuple[Record, int]]) -> set[int]:
    """Regions and districts sharing the mention with a settlement of theirs (or their seat).

    Only when the settlement carries the name at least as firmly as the region does: the
    city of Kursk and Kursk Oblast both have "Kursk" as a main name, but "Oklahoma" is only
    an alternate name of Oklahoma City, so a bare "Oklahoma" stays the state.
    """
    towns: dict[str, int] = {}
    best_how: dict[int, int] = {}
    for rec, how in candidates:
        best_how[rec.index] = how
        if rec.kind == SETTLEMENT and rec.population >= 1000 and how <= ALTERNATE:
            towns[rec.admin1_key] = min(how, towns.get(rec.admin1_key, 9))
    out = set()
    for rec, how in candidates:
        if rec.kind not in (REGION, DISTRICT):
            continue
        seat = gaz.seat_of.get(rec.index)
        if towns.get(rec.admin1_key, 9) <= how or (seat in best_how and best_how[seat] <= how):
            out.add(rec.index)
    return out


def best_local(q: Query) -> Record | None:
    """The best candidate on its own (after `rank_locally`), if any."""
    return q.candidates[0][0] if q.candidates else None
