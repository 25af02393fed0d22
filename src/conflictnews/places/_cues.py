"""What the words around a mention say: its kind ("the X region", "the village of X"),
whether it only qualifies a noun ("U.S. officials"), the region or country it is placed in
("X, Kursk region", "X in Mali"), a quarter's descriptive name ("the Old City"), and a
distance from another place ("X, 16km from Y").

Pure text readings: they choose nothing, and take the readings of the other mentions as given.
"""

from __future__ import annotations

import re

from ._lexicon import place_lexicon
from ._query import (
    DISTRICT_HINT,
    REGION_HINT,
    SETTLEMENT_HINT,
    Query,
    split_type_word,
    strip_mention,
)
from ._record import COUNTRY, REGION, Record

_WORD = re.compile(r"[\w'’.-]+")


def hint_from_text(text: str, start: int, end: int, surface: str) -> str | None:
    """The kind the words in and around a mention give it ("the Kursk region", "the village
    of X", a dateline), as a `_query` hint; None when they say nothing."""
    lex = place_lexicon()
    _, type_word = split_type_word(strip_mention(surface))
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


_ABBREVIATION = re.compile(r"\s*\([A-Z][A-Z.]{1,7}\)(?=\s)")


def modifies_next(text: str, end: int) -> bool:
    """ "U.S. officials", "Russian-backed", "Israeli fighter jets": the name modifies a noun."""
    heads = place_lexicon().modifier_heads
    rest = text[end : end + 40]
    abbreviation = _ABBREVIATION.match(rest)
    if abbreviation:  # "the United States (US) Central Command"
        return modifies_next(text, end + abbreviation.end())
    if rest[:1] == ")" and text[end - 6 : end].find("(") >= 0:
        return modifies_next(text, end + 1)  # the "(US)" of "(US) Central Command"
    if rest[:1] == "-":
        word = _WORD.match(rest[1:])
        if word is not None and word.group(0)[:1].isupper():
            # "Ukraine-Crimea missile strike", "a Russia-Ukraine prisoner swap"
            return modifies_next(text, end + 1 + word.end())
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
        return modifies_next(text, end)
    if kind != "feature":
        return False
    word = _NEXT_WORD.match(text, end)
    return word is not None and word.group(1).lower() in place_lexicon().described_place_nouns


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


LIST_GAP = re.compile(r"^\s*(?:,|;|and|or|,\s*and|,\s*or)\s*$")
"""Between two names of a list: "A, B", "A and B", "A, or B"."""


def qualifying_region(
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
                0 <= nxt.start - other.end <= 8 and LIST_GAP.match(text[other.end : nxt.start])
                for nxt in queries
                if nxt is not other
            ):
                return None
            return rec
    return None


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


_AFTER_THE = re.compile(r"\b[Tt]he\s+(?:[a-z]+\s+)?$")


def is_generic_quarter(text: str, q: Query) -> bool:
    """ "the Old City", "the Green Zone", "the Old City district": a quarter's descriptive
    name, after "the", made only of common descriptive words."""
    before = text[max(0, q.start - 20) : q.start]
    if not _AFTER_THE.search(before) and not q.text.lower().startswith("the "):
        return False
    name, _ = split_type_word(strip_mention(q.text))
    words = name.lower().split()
    lex = place_lexicon()
    return (
        len(words) == 2
        and words[0] in lex.generic_quarter_descriptors
        and words[1] in lex.generic_quarter_heads
    )


# "X village, 16km from Y", "X, about 130km (80 miles) southwest of Y"
_DISTANCE = re.compile(
    r"^\s*(?:village|town|city|camp|base|district)?,?\s*(?:about|some|around|roughly|nearly|almost|just|only)?\s*(\d+(?:\.\d+)?)\s*"
    r"(km|kilometres|kilometers|kilometre|kilometer|miles|mi)\b\s*(?:\([^)]{0,30}\)\s*)?"
    r"(?:\w+\s+)?(?:from|of|outside|away from)\s+(?:the\s+)?(?:[a-z]+\s+){0,3}?$",
    re.IGNORECASE,
)


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
