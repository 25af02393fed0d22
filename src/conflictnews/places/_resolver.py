"""Context-aware toponym resolution over the offline gazetteer.

Each mention gets candidates from the gazetteer (abbreviations and demonyms as written,
folded names, transliteration variants); a first pass scores them on their own (name
match, population, kind, cue words such as "region" or "village of"); a second pass adds
the article's context: the regions and countries its other places lie in, regions named
next to the mention ("X, Kursk"), and distance to the other places (geographic coherence).
"""

from __future__ import annotations

import functools
import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from .._ids import fold, slugify
from ..errors import InvalidInputError
from ..models import Location, LocationKind
from ._confidence import (
    FAR_KM,
    NEAR_NEIGHBOUR_KM,
    Evidence,
    confidence_model,
    default_min_confidence,
)
from ._gazetteer import (
    ALTERNATE,
    CONTINENT,
    COUNTRY,
    DERIVED,
    DISTRICT,
    FEATURE,
    PRIMARY,
    REGION,
    SETTLEMENT,
    Gazetteer,
    Record,
    gazetteer,
)
from ._lexicon import place_lexicon
from ._translit import variant_key

REGION_HINT = "region"
DISTRICT_HINT = "district"
SETTLEMENT_HINT = "settlement"
VARIANT = 3
"""Match strength of a transliteration-variant match (weaker than ALTERNATE/DERIVED)."""
FUZZY = 4
"""Match strength of a bounded edit-distance match found among the article's places."""

_KIND_TO_LOCATION = {
    SETTLEMENT: LocationKind.SETTLEMENT,
    REGION: LocationKind.REGION,
    DISTRICT: LocationKind.DISTRICT,
    COUNTRY: LocationKind.COUNTRY,
    CONTINENT: LocationKind.REGION,
    FEATURE: LocationKind.FEATURE,
}

_KIND_PRIOR = {
    SETTLEMENT: 0.0,
    REGION: 1.5,
    DISTRICT: -1.0,
    COUNTRY: 4.0,
    CONTINENT: 3.0,
    FEATURE: 2.0,
}
_HOW_PENALTY = {0: 0.0, ALTERNATE: 1.0, DERIVED: 0.5, VARIANT: 3.5, FUZZY: 4.0}

_LEADING_ARTICLE = re.compile(r"^(?:the|The|THE)\s+")
_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")
_WORD = re.compile(r"[\w'’.-]+")


@dataclass(slots=True)
class Query:
    """A span to resolve, with what the words around it say about its kind.

    Attributes:
        start: Character offset of the mention.
        end: End offset (exclusive).
        text: The mention as written.
        hint: `REGION_HINT`, `SETTLEMENT_HINT` or None.
    """

    start: int
    end: int
    text: str
    hint: str | None = None
    candidates: list[tuple[Record, int]] = field(default_factory=list)
    local: list[float] = field(default_factory=list)
    key: str = ""
    inner: bool = False
    modifier: bool = False
    scored: list[tuple[float, Record]] = field(default_factory=list)
    """The last context pass's score of each candidate (for the confidence model)."""


@functools.lru_cache(maxsize=1 << 14)
def _strip(surface: str) -> str:
    surface = _LEADING_ARTICLE.sub("", surface.strip())
    return _POSSESSIVE.sub("", surface).strip()


def _split_type_word(surface: str) -> tuple[str, str | None]:
    """("Kursk region") -> ("Kursk", "region"); ("Kursk") -> ("Kursk", None)."""
    words = surface.split()
    if len(words) >= 2:
        last = words[-1].lower().strip(".,")
        lex = place_lexicon()
        if last in lex.region_words:
            return " ".join(words[:-1]), last
        first = words[0].lower()
        if first in lex.settlement_words and len(words) >= 3 and words[1].lower() == "of":
            return " ".join(words[2:]), "settlement-prefix"
    return surface, None


def candidates_for(gaz: Gazetteer, surface: str) -> list[tuple[Record, int]]:
    """All gazetteer records a surface form may name, with their match strength."""
    surface = _strip(surface)
    if not surface:
        return []
    exact = gaz.lookup_surface(surface)
    if exact:
        return [(gaz.record(i), 0) for i in exact]
    demonym = _demonym(gaz, surface)
    if demonym:
        return demonym
    if gaz.area(surface) is not None:
        return []  # "Eastern Ghouta": a known area, placed within its entry by containment
    if _is_acronym(surface):
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
    name, type_word = _split_type_word(surface)
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


def _is_acronym(surface: str) -> bool:
    letters = surface.replace(".", "").replace("&", "")
    return letters.isupper() and letters.isalpha() and len(letters) <= 4


def inner_candidates(gaz: Gazetteer, surface: str) -> list[tuple[Record, int]]:
    """Candidates of the longest known name inside an unknown one.

    "Colorado State University" -> "Colorado"; "Dubai World Cup" -> "Dubai";
    "European Commission" -> "European". Matches are weaker than whole-name ones.
    """
    lex = place_lexicon()
    words = _strip(surface).split()
    for size in range(len(words) - 1, 0, -1):
        for start in range(len(words) - size + 1):
            part = " ".join(words[start : start + size])
            if part.lower() in _FUNCTION_WORDS or not part[:1].isupper():
                continue
            if part in lex.weak_single_tokens or part in lex.not_places:
                continue
            demonym = _demonym(gaz, part)
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


def _acronym_in_context(
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


def _demonym(gaz: Gazetteer, surface: str) -> list[tuple[Record, int]]:
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


def _hint_from_text(text: str, start: int, end: int, surface: str) -> str | None:
    lex = place_lexicon()
    _, type_word = _split_type_word(_strip(surface))
    if type_word == "settlement-prefix":
        return SETTLEMENT_HINT
    if type_word is not None:
        return DISTRICT_HINT if type_word in lex.district_words else REGION_HINT
    if surface.isupper() and len(surface) > 3 and (start == 0 or text[start - 1] == "\n"):
        return SETTLEMENT_HINT  # a dateline: "KYIV (Reuters) -"
    after = _WORD.findall(text[end : end + 40])
    before = _WORD.findall(text[max(0, start - 40) : start])
    if after and after[0].lower().strip(".") in lex.region_words and after[0][:1].isalpha():
        return DISTRICT_HINT if after[0].lower() in lex.district_words else REGION_HINT
    if len(before) >= 2 and before[-1].lower() == "of":
        word = before[-2].lower()
        if word in lex.country_prefix_words:
            return None  # "the territory of Georgia", "the State of Palestine": a country, too
        if word in lex.region_words:
            return DISTRICT_HINT if word in lex.district_words else REGION_HINT
        if word in lex.settlement_words:
            return SETTLEMENT_HINT
    if before and before[-1].lower() in lex.settlement_words:
        return SETTLEMENT_HINT
    return None


_RADIANS = math.pi / 180


def _km(a: Record, b: Record) -> float:
    # km_between, inlined: the context passes call this for every candidate and neighbour.
    if a.lat is None or b.lat is None or a.lon is None or b.lon is None:
        return math.inf
    h = (
        math.sin((b.lat - a.lat) * _RADIANS / 2) ** 2
        + math.cos(a.lat * _RADIANS)
        * math.cos(b.lat * _RADIANS)
        * math.sin((b.lon - a.lon) * _RADIANS / 2) ** 2
    )
    return 12742 * math.asin(math.sqrt(min(1.0, h)))


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


def _regions_of_seats(
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


MAX_CANDIDATES = 30
"""Candidates per mention kept for the context passes (best first by local score)."""

NEARBY_CHARS = 60
"""How close a region or country must be named to count as qualifying a mention."""


def _score_pass(
    text: str, queries: list[Query], chosen: list[Record | None]
) -> list[Record | None]:
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
    qualifiers = [_qualifying_region(text, q, queries, chosen) for q in queries]
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
                        _km(rec, a)
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


_LIST_GAP = re.compile(r"^\s*(?:,|;|and|or|,\s*and|,\s*or)\s*$")


def _list_mates(text: str, queries: list[Query], chosen: list[Record | None]) -> list[list[Record]]:
    """Per query, the first-pass places of the names listed with it ("A, B and C")."""
    order = sorted(range(len(queries)), key=lambda n: queries[n].start)
    groups: list[list[int]] = []
    for n in order:
        if groups:
            last = queries[groups[-1][-1]]
            if 0 <= queries[n].start - last.end <= 8 and _LIST_GAP.match(
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


@dataclass(slots=True)
class Choice:
    """A query's best reading.

    Attributes:
        record: The best guess (None when the gazetteer has no candidate at all).
        doubted: Whether the text argues against that reading (a namesake outside the region
            it is said to lie in, farther than a stated distance, a spelling variant abroad).
        confidence: How likely the reading is right (0-1), from `_confidence`.
    """

    record: Record | None
    doubted: bool
    confidence: float


def resolve_queries(text: str, queries: list[Query]) -> list[Record | None]:
    """Resolve prepared queries jointly; returns the record kept per query (or None): the
    best guess, unless the text argues against it."""
    return [c.record if not c.doubted else None for c in resolve_choices(text, queries)]


def resolve_choices(text: str, queries: list[Query]) -> list[Choice]:
    """Resolve prepared queries jointly: the best reading of each, and how sure it is."""
    choices = _choose(text, queries)
    score_confidence(text, queries, choices)
    return choices


def score_confidence(text: str, queries: list[Query], choices: list[Choice]) -> None:
    """Set each choice's confidence from the evidence the resolver gathered."""
    model = confidence_model()
    for c, evidence in zip(choices, evidence_for(queries, choices), strict=True):
        if evidence is not None:
            c.confidence = model.confidence(evidence)


def evidence_for(queries: list[Query], choices: list[Choice]) -> list[Evidence | None]:
    """What the resolver knew about each choice (None where there is no reading)."""
    gaz = gazetteer()
    placed = [
        (q.key, c.record)
        for q, c in zip(queries, choices, strict=True)
        if c.record is not None and not _only_a_modifier(q, c.record)
    ]
    out: list[Evidence | None] = []
    for q, c in zip(queries, choices, strict=True):
        rec = c.record
        if rec is None:
            out.append(None)
            continue
        own = next((score for score, r in q.scored if r.index == rec.index), None)
        rivals = sorted(
            ((score, r) for score, r in q.scored if r.index != rec.index), key=lambda x: -x[0]
        )
        if own is None:  # chosen by a rule after scoring (one sense per name, a world region)
            own = rivals[0][0] if rivals else 0.0
        # The best rival far away: the first in score order that lies far.
        far = next((score for score, r in rivals if _km(rec, r) >= FAR_KM), own - 8.0)
        shares = same_region = False
        nearest = math.inf
        for key, r in placed:
            if key == q.key or r.index == rec.index:
                continue
            if rec.country_code and r.country_code == rec.country_code:
                shares = True
                same_region = same_region or bool(rec.admin1) and r.admin1 == rec.admin1
            if nearest > NEAR_NEIGHBOUR_KM and r.kind in (SETTLEMENT, DISTRICT):
                nearest = min(nearest, _km(rec, r))
        out.append(
            Evidence(
                margin=own - (rivals[0][0] if rivals else own - 8.0),
                margin_far=own - far,
                candidates=len(q.candidates),
                how=_match_strength(q, rec),
                part_of_name=q.inner,
                doubted=c.doubted,
                population=rec.population,
                kind=rec.kind,
                capital=rec.index in gaz.capitals,
                shares_country=shares,
                same_region=same_region,
                neighbour_km=nearest if rec.kind != COUNTRY else math.inf,
                short_name=len(q.key) <= 3,
                has_point=rec.lat is not None,
            )
        )
    return out


def _choose(text: str, queries: list[Query]) -> list[Choice]:
    gaz = gazetteer()
    for q in queries:
        q.key = fold(_strip(q.text))
        q.modifier = _modifies_next(text, q.end)
        if q.hint is None:
            q.hint = _hint_from_text(text, q.start, q.end, q.text)
        q.candidates = candidates_for(gaz, q.text)
        if q.hint in (REGION_HINT, DISTRICT_HINT):
            q.candidates += _regions_of_seats(gaz, q.candidates)
        if not q.candidates and not _is_acronym(_strip(q.text)) and not named_area(gaz, q):
            q.candidates = inner_candidates(gaz, q.text)
            q.inner = bool(q.candidates)
        _rank_locally(gaz, q)
    first = [_best_local(q) for q in queries]
    # "BC" among Canadian towns: region codes are read in the countries the article is about.
    countries = {rec.country_code for rec in first if rec is not None and rec.country_code}
    for n, q in enumerate(queries):
        if not q.candidates and _is_acronym(_strip(q.text)):
            q.candidates = _acronym_in_context(gaz, _strip(q.text), countries)
        elif not q.candidates:
            q.candidates = _fuzzy_candidates(gaz, text, q, queries, first)
        else:
            continue
        _rank_locally(gaz, q)
        first[n] = _best_local(q)
    second = _score_pass(text, queries, first)
    final = _one_sense_per_name(text, queries, _score_pass(text, queries, second))
    guesses = _world_regions_over_namesakes_abroad(gaz, queries, final)
    guesses = _home_namesakes_over_countries_abroad(queries, guesses)
    # The rules below doubt a reading the text argues against; the reading stays the best
    # guess (scored by `min_confidence=0`), but a doubted one is not kept by default.
    kept = _drop_quarters_abroad(text, queries, guesses)
    kept = _drop_beyond_stated_distance(text, queries, kept)
    nationalities = _countries_of_nationalities(gaz, text)
    kept = _drop_unagreed_variants(queries, _drop_contradicted(text, queries, kept), nationalities)
    return [
        Choice(guess, guess is not None and rec is None, 0.0)
        for guess, rec in zip(guesses, kept, strict=True)
    ]


_CAPITALISED_WORD = re.compile(r"\b[A-Z][a-z]+(?:-[A-Z][a-z]+)?\b")


def _countries_of_nationalities(gaz: Gazetteer, text: str) -> set[str]:
    """Countries the article names by a nationality ("the Malian army", "Burkinabe
    troops"): no place of theirs need be named for the article to be set there."""
    found: set[str] = set()
    for word in set(_CAPITALISED_WORD.findall(text)):
        for rec, _how in _demonym(gaz, word):
            if rec.kind == COUNTRY and rec.country_code:
                found.add(rec.country_code)
    return found


_AFTER_THE = re.compile(r"\b[Tt]he\s+(?:[a-z]+\s+)?$")


def _world_regions_over_namesakes_abroad(
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
        core, _ = _split_type_word(_strip(q.text))
        world = [r for r, how in candidates_for(gaz, core) if how == PRIMARY and not r.country_code]
        if world and world[0].kind in (REGION, FEATURE):
            out[n] = world[0]
    return out


HOME_SHARE = 0.6
"""Share of an article's other places that must lie in one country for it to be 'home'."""

HOME_NAMESAKE_KM = 40.0
"""How close to the article's own places a home settlement must lie to outrank a country."""


def _home_namesakes_over_countries_abroad(
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
            if c is not None and other.key != q.key and not _only_a_modifier(other, c)
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
                        _km(cand, a) <= HOME_NAMESAKE_KM for a in anchors if a.index != cand.index
                    )
                )
            ):
                out[n] = cand
                break
    return out


def is_generic_quarter(text: str, q: Query) -> bool:
    """ "the Old City", "the Green Zone", "the Old City district": a quarter's descriptive
    name, after "the", made only of common descriptive words."""
    before = text[max(0, q.start - 20) : q.start]
    if not _AFTER_THE.search(before) and not q.text.lower().startswith("the "):
        return False
    name, _ = _split_type_word(_strip(q.text))
    words = name.lower().split()
    lex = place_lexicon()
    return (
        len(words) == 2
        and words[0] in lex.generic_quarter_descriptors
        and words[1] in lex.generic_quarter_heads
    )


def _drop_quarters_abroad(
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


def _one_sense_per_name(
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
    region = _qualifying_region(text, queries[n], queries, chosen)
    if rec is None or region is None or region.index == rec.index:
        return False
    if region.kind == COUNTRY:
        return region.country_code == rec.country_code
    return region.admin1_key == rec.admin1_key


def named_area(gaz: Gazetteer, q: Query) -> tuple[Record, int, str] | None:
    """The entry a known area lies within, the area's kind and its main name
    ("Ghouta": Douma, region, "Eastern Ghouta")."""
    name = _strip(q.text)
    found = gaz.area(name) or gaz.area(_split_type_word(name)[0])
    return (gaz.record(found[0]), found[1], found[2]) if found else None


MEANINGFUL_POPULATION = 1000
"""Below this, a namesake is too small to stand for a spelling variant on its own."""


def _match_strength(q: Query, rec: Record) -> int:
    return next((how for r, how in q.candidates if r.index == rec.index), 0)


def _drop_unagreed_variants(
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
        if rec is None or _match_strength(q, rec) not in (VARIANT, FUZZY):
            continue
        context = set(nationalities) | {
            c.country_code
            for other, c in zip(queries, chosen, strict=True)
            if c is not None
            and c.country_code
            and other.key != q.key
            and _match_strength(other, c) not in (VARIANT, FUZZY)
            and not _only_a_modifier(other, c)
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


FUZZY_MIN_LENGTH = 6
"""Shorter names are not matched by edit distance: too many would match by chance."""


def _fuzzy_candidates(
    gaz: Gazetteer, text: str, q: Query, queries: list[Query], first: list[Record | None]
) -> list[tuple[Record, int]]:
    """Settlements spelled within one or two edits of an unknown name ("Hodeidah" /
    "Hudaydah"), searched only where the article is: the region named right after the
    mention, else the countries of its other places."""
    key = variant_key(q.key)
    if len(key) < FUZZY_MIN_LENGTH or " " in key and len(key.split()) > 3:
        return []
    limit = 1 if len(key) < 8 else 2
    region = _qualifying_region(text, q, queries, first)
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


def _rank_locally(gaz: Gazetteer, q: Query) -> None:
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


def _best_local(q: Query) -> Record | None:
    return q.candidates[0][0] if q.candidates else None


def _drop_contradicted(
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
        region = _qualifying_region(text, q, queries, chosen)
        if region is None:
            continue
        if region.kind == COUNTRY:
            if region.country_code != rec.country_code:
                out[n] = None  # "Boni in Mali" is not Bonn
        elif region.admin1_key != rec.admin1_key and _km(rec, region) > CONTRADICTION_KM:
            out[n] = None
    return out


_OWNER_GAP = re.compile(
    r"^(?:'s|’s)\s+(?:(?:(?:far|north|south|east|west|central|north-?east|north-?west|"
    r"south-?east|south-?west)\w*|restive|remote|disputed|embattled|volatile|breakaway|"
    r"coastal|mountainous|[a-z]+-(?:rich|torn|hit|held|controlled|run))\s+){0,2}$"
)
"""Between a country and a place it holds: "Colombia's northeastern Catatumbo region" (not
"Russia's capture of Soledar": the country there owns the act, not the place)."""


def _bare_key(q: Query) -> str:
    """A mention's folded name without its type word ("Catatumbo region" -> "catatumbo")."""
    return fold(_split_type_word(_strip(q.text))[0] or q.text)


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


def _only_a_modifier(q: Query, rec: Record) -> bool:
    """ "US and British strikes": a country named only to qualify a noun says nothing about
    where the article's places are."""
    return q.modifier and rec.kind == COUNTRY


# "X village, 16km from Y", "X, about 130km (80 miles) southwest of Y"
_DISTANCE = re.compile(
    r"^\s*(?:village|town|city|camp|base|district)?,?\s*(?:about|some|around|roughly|nearly|almost|just|only)?\s*(\d+(?:\.\d+)?)\s*"
    r"(km|kilometres|kilometers|kilometre|kilometer|miles|mi)\b\s*(?:\([^)]{0,30}\)\s*)?"
    r"(?:\w+\s+)?(?:from|of|outside|away from)\s+(?:the\s+)?(?:[a-z]+\s+){0,3}?$",
    re.IGNORECASE,
)
DISTANCE_SLACK_KM = 30.0
"""Allowed error beyond a stated distance ("16km from Y") before a reading is rejected."""


def stated_distance(text: str, q: Query, queries: list[Query]) -> tuple[int, float] | None:
    """The query a mention is said to lie a distance from, and that distance in km."""
    for n, other in enumerate(queries):
        if other.start <= q.end or other.start - q.end > 60:
            continue
        found = _DISTANCE.match(text[q.end : other.start])
        if found is None:
            return None
        value = float(found.group(1))
        return n, value * (1.609 if found.group(2).lower().startswith("mi") else 1.0)
    return None


def _drop_beyond_stated_distance(
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
        if _km(rec, ref) > 1.5 * stated[1] + DISTANCE_SLACK_KM:
            out[q_index] = None
    return out


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
        if c is not None and other.key != q.key and not _only_a_modifier(other, c)
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
    return all(_km(rec, c) > INCOHERENT_KM for c in points)


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


# "X, Y", "X (Y)", "X in (the) Y", "X of (the) Y"; not "X, the Y": that is an apposition.
_QUALIFIER_GAP = re.compile(r"^\s*(?:,|\(|,?\s*(?:in|of)(?:\s+the)?)?\s*$", re.IGNORECASE)
_APPOSITION_IN = re.compile(
    # "X, a town in Y", "X, a small farming village in the north of Y", "X, a city in eastern Y"
    r"^\s*,\s+(?:a|an)\s+(?:[a-z-]+\s+){0,3}?(?:town|city|village|hamlet|settlement|district|"
    r"port|suburb|neighbourhood|neighborhood|community|area|municipality|locality)\s+"
    r"(?:in|of)\s+(?:the\s+)?(?:(?:north|south|east|west|centre|center)\s+of\s+(?:the\s+)?)?"
    r"(?:(?:north|south|east|west|central|northern|southern|eastern|western)[a-z-]*\s+)?$"
)
_CLAUSE_AUXILIARIES = frozenset(
    {"has", "had", "have", "also", "later", "then", "earlier", "now", "would", "will", "on"}
)


_ABBREVIATION = re.compile(r"\s*\([A-Z][A-Z.]{1,7}\)(?=\s)")


def _modifies_next(text: str, end: int) -> bool:
    """ "U.S. officials", "Russian-backed", "Israeli fighter jets": the name modifies a noun."""
    heads = place_lexicon().modifier_heads
    rest = text[end : end + 40]
    abbreviation = _ABBREVIATION.match(rest)
    if abbreviation:  # "the United States (US) Central Command"
        return _modifies_next(text, end + abbreviation.end())
    if rest[:1] == ")" and text[end - 6 : end].find("(") >= 0:
        return _modifies_next(text, end + 1)  # the "(US)" of "(US) Central Command"
    if rest[:1] == "-":
        word = _WORD.match(rest[1:])
        if word is not None and word.group(0)[:1].isupper():
            # "Ukraine-Crimea missile strike", "a Russia-Ukraine prisoner swap"
            return _modifies_next(text, end + 1 + word.end())
        return word is not None and word.group(0).lower() in heads
    words = _WORD.findall(rest)[:4]
    if len(words) >= 3 and words[0] in ("and", "or") and words[1][:1].isupper():
        words = words[2:]  # "US and British strikes"
    words = words[:2]
    if not words or not rest[:1].isspace():
        return False
    for word in words:
        if word.lower() in heads and (word.islower() or word.istitle()):
            return True  # "US destroyers", "the US Central Command", "US Army"
        if not word.islower() and not (word.istitle() and len(words) > 1 and word is words[0]):
            return False
    return False


_NEXT_WORD = re.compile(r"[ \t]+([A-Za-z]+)")


def only_describes(text: str, end: int, kind: str) -> bool:
    """Whether a country or sea named just before `end` only qualifies what follows, and
    names no place of its own: "a U.S.-led coalition", "US and British strikes", "the Black
    Sea port of X", "the Red Sea city of Y".

    Args:
        text: The article text.
        end: Where the place name ends.
        kind: The kind name of the place ("country", "feature", ...).
    """
    if kind == "country":
        return _modifies_next(text, end)
    if kind != "feature":
        return False
    word = _NEXT_WORD.match(text, end)
    return word is not None and word.group(1).lower() in place_lexicon().described_place_nouns


def _starts_clause(text: str, end: int) -> bool:
    """ "Kharkiv, Russia said": the name after the comma opens a clause as its subject."""
    rest = text[end : end + 40]
    if re.match(r"^(?:'s|’s)\b", rest):
        return True
    words = [w.lower() for w in _WORD.findall(rest)[:3]]
    if words and words[0] in _CLAUSE_AUXILIARIES:
        words = words[1:]
    return bool(words) and _is_reporting_verb(words[0])


def _is_reporting_verb(word: str) -> bool:
    verbs = place_lexicon().reporting_verbs
    stems = [word, word[:-1], word[:-2], word[:-3] + "y"]
    if word.endswith("s") or word.endswith("d"):
        return any(stem in verbs for stem in stems)
    return word in verbs


def _qualifying_region(
    text: str, q: Query, queries: list[Query], chosen: list[Record | None]
) -> Record | None:
    """The region (or country) a mention is placed in right after it: "X, Kursk region",
    "X in the Y region", "X in Mali"."""
    for other, rec in zip(queries, chosen, strict=True):
        if rec is None or rec.kind not in (REGION, COUNTRY) or not rec.country_code:
            continue
        if other.start < q.end:
            continue
        gap = text[q.end : other.start]
        if _APPOSITION_IN.match(gap):
            return rec  # "Kadugli, a town in South Kordofan": said outright
        if (
            other.start - q.end <= 12
            and _QUALIFIER_GAP.match(gap)
            and not (rec.kind == COUNTRY and (other.modifier or _starts_clause(text, other.end)))
        ):
            # "Washington, New York and Boston" is a list, not Washington in New York.
            if any(
                0 <= nxt.start - other.end <= 8 and _LIST_GAP.match(text[other.end : nxt.start])
                for nxt in queries
                if nxt is not other
            ):
                return None
            return rec
    return None


CONTRADICTION_KM = 150.0
"""How far outside a region named next to it a namesake may lie before it is rejected."""


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
    name, _ = _split_type_word(_strip(mention))
    kind = {
        REGION_HINT: LocationKind.REGION,
        DISTRICT_HINT: LocationKind.DISTRICT,
        SETTLEMENT_HINT: LocationKind.SETTLEMENT,
    }.get(hint or "", LocationKind.OTHER)
    return Location(
        id=f"place:{slugify(name or mention)}", name=name or mention, kind=kind, mentions=[mention]
    )


def kept_records(choices: Sequence[Choice], min_confidence: float) -> list[Record | None]:
    """The reading of each choice that clears `min_confidence`. A reading the text argues
    against is kept only at 0, which keeps every best guess; an entry without a GeoNames id
    (our own tables: world regions, seas, airports) has no calibrated confidence and is kept
    unless the text argues against it."""
    return [
        c.record
        if c.record is not None
        and (min_confidence == 0 or not c.doubted)
        and (c.confidence >= min_confidence or not c.record.geonames_id)
        else None
        for c in choices
    ]


def checked_min_confidence(min_confidence: float | None, default: float | None = None) -> float:
    """`min_confidence`, or the default (`resolve_places`' own unless given) when None; a
    value outside 0-1 is refused."""
    if min_confidence is None:
        return default_min_confidence() if default is None else default
    if isinstance(min_confidence, bool) or not 0.0 <= min_confidence <= 1.0:
        raise InvalidInputError(f"min_confidence must lie between 0 and 1, not {min_confidence!r}")
    return float(min_confidence)


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
    from ._containment import contained_location, containers  # it builds on this module

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
