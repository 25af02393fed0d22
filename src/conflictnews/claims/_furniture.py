"""Page furniture: the lines of a scraped page that are not article text, and embed trailers."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ._lexicon import FurnitureLexicon

_LINE = re.compile(r"[^\n]*")
_NAME_JUNK = re.compile(r"[^\w .&'\-]+")


@dataclass(frozen=True, slots=True)
class Embed:
    """An embedded post (tweet) whose trailer names its author and date.

    Attributes:
        start: Offset where the post's text starts (its line).
        end: Offset where the trailer starts: the post's text is ``[start, end)``.
        author: The author's display name, or the handle when the name is unreadable.
        date_text: The date in the trailer.
    """

    start: int
    end: int
    author: str
    date_text: str


@dataclass(frozen=True, slots=True)
class Furniture:
    """What page furniture a text holds: spans that give no claims, and embedded posts."""

    spans: tuple[tuple[int, int], ...]
    embeds: tuple[Embed, ...]

    def covers(self, start: int, end: int) -> bool:
        """True when ``[start, end)`` lies inside furniture."""
        return any(s <= start and end <= e for s, e in self.spans)


def find_furniture(text: str, lex: FurnitureLexicon) -> Furniture:
    """Find furniture lines, furniture tails (links, embed trailers) and embedded posts."""
    spans: list[tuple[int, int]] = []
    embeds: list[Embed] = []
    for match in _LINE.finditer(text):
        line = match.group()
        if not line.strip():
            continue
        start = match.start()
        if any(p.search(line) for p in lex.lines):
            spans.append((start, match.end()))
            continue
        for pattern in lex.tails:
            for tail in pattern.finditer(line):
                spans.append((start + tail.start(), start + tail.end()))
        trailer = lex.tweet_trailer.search(line)
        if trailer:
            name = _NAME_JUNK.sub(" ", trailer.group("name")).strip(" .-")
            name = re.sub(r"\s+", " ", name) or trailer.group("handle")
            embeds.append(Embed(start, start + trailer.start(), name, trailer.group("date")))
    return Furniture(tuple(spans), tuple(embeds))
