"""A mention to resolve (`Query`), the kind hints and match strengths the resolver adds to
the gazetteer's, and the small readings of a mention every resolution step shares."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from ._lexicon import place_lexicon
from ._record import COUNTRY, Record

REGION_HINT = "region"
DISTRICT_HINT = "district"
SETTLEMENT_HINT = "settlement"
VARIANT = 3
"""Match strength of a transliteration-variant match (weaker than ALTERNATE/DERIVED)."""
FUZZY = 4
"""Match strength of a bounded edit-distance match found among the article's places."""


_LEADING_ARTICLE = re.compile(r"^(?:the|The|THE)\s+")
_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")


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
def strip_mention(surface: str) -> str:
    """A mention without its leading "the" and its possessive ("the Kremlin's" -> "Kremlin")."""
    surface = _LEADING_ARTICLE.sub("", surface.strip())
    return _POSSESSIVE.sub("", surface).strip()


def split_type_word(surface: str) -> tuple[str, str | None]:
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


def match_strength(q: Query, rec: Record) -> int:
    """How the query's name matched a candidate (`PRIMARY` ... `FUZZY`)."""
    return next((how for r, how in q.candidates if r.index == rec.index), 0)


def only_a_modifier(q: Query, rec: Record) -> bool:
    """ "US and British strikes": a country named only to qualify a noun says nothing about
    where the article's places are."""
    return q.modifier and rec.kind == COUNTRY
