"""One Doc, indexed for claim reading: places and actors by token, text units, furniture."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field

import numpy
from spacy.attrs import IDX, IS_SPACE, LEMMA, LOWER, POS, SENT_START
from spacy.tokens import Doc, Span, Token

from ..doc._mentions import ActorMention, PlaceMention
from ._furniture import Furniture
from ._lexicon import CueLexicon, EventLexicon, cue_lexicon, event_lexicon

_ACTIVE = threading.local()
"""Line numbers of the Doc being read in this thread, for `crosses_line`."""


def crosses_line(a: Token, b: Token) -> bool:
    """True when a line break stands between two tokens of one Doc."""
    active = getattr(_ACTIVE, "lines", None)
    if active is not None and active[0] == id(a.doc):
        return bool(active[1][a.i] != active[1][b.i])
    lo, hi = sorted((a.i, b.i))
    return any("\n" in t.text_with_ws for t in a.doc[lo:hi])


@dataclass
class DocIndex:
    """A Doc with its place and actor mentions mapped onto tokens.

    Attributes:
        doc: The parsed Doc.
        places: Place mentions, in text order.
        actors: Actor mentions, in text order (claimants found later are appended).
        furniture: Page furniture of the text.
        unit_of: Text unit (sentence, cut at line breaks) of each token.
        place_at: Place mention index by token index.
        actor_at: Actor mention index by token index.
    """

    doc: Doc
    places: list[PlaceMention]
    actors: list[ActorMention]
    furniture: Furniture
    text: str = ""
    unit_of: list[int] = field(default_factory=list)
    line_of: list[int] = field(default_factory=list)
    starts: list[int] = field(default_factory=list)
    lemma_ids: list[int] = field(default_factory=list)
    lower_ids: list[int] = field(default_factory=list)
    pos_ids: list[int] = field(default_factory=list)
    is_space: list[bool] = field(default_factory=list)
    place_at: dict[int, int] = field(default_factory=dict)
    actor_at: dict[int, int] = field(default_factory=dict)
    place_tokens: list[tuple[int, int]] = field(default_factory=list)
    _furniture_tokens: set[int] | None = None
    _unit_bounds: dict[int, tuple[int, int]] | None = None
    events: EventLexicon = field(default_factory=event_lexicon)
    cues: CueLexicon = field(default_factory=cue_lexicon)

    def __post_init__(self) -> None:
        # Token objects are costly to make: per-token facts are read once, as arrays.
        self.text = self.text or self.doc.text  # Doc.text is rebuilt on every access
        table = self.doc.to_array([IDX, LEMMA, LOWER, POS, SENT_START, IS_SPACE])
        self.lemma_ids = table[:, 1].tolist()
        self.lower_ids = table[:, 2].tolist()
        self.pos_ids = table[:, 3].tolist()
        self.is_space = table[:, 5].astype(bool).tolist()
        starts = table[:, 0].astype(numpy.int64)
        newlines = numpy.array(
            [i for i, char in enumerate(self.text) if char == "\n"], dtype=numpy.int64
        )
        lines = numpy.searchsorted(newlines, starts, side="left")
        new_unit = table[:, 4] == 1
        if len(lines):
            new_unit[1:] |= lines[1:] != lines[:-1]
            new_unit[0] = True
        self.line_of = lines.tolist()
        _ACTIVE.lines = (id(self.doc), self.line_of)
        self.unit_of = (numpy.cumsum(new_unit) - 1).tolist()
        self.starts = starts.tolist()
        for i, mention in enumerate(self.places):
            span = self.span_of(mention.start, mention.end)
            if span is None:
                self.place_tokens.append((-1, -1))
                continue
            self.place_tokens.append((span.start, span.end))
            for token in span:
                self.place_at.setdefault(token.i, i)
        for i, actor in enumerate(self.actors):
            self.index_actor(i, actor)

    def add_actor(self, mention: ActorMention) -> int:
        """Record an actor mention found while reading claims; return its index."""
        self.actors.append(mention)
        index = len(self.actors) - 1
        self.index_actor(index, mention)
        return index

    def index_actor(self, i: int, mention: ActorMention) -> None:
        """Map a (possibly new) actor mention onto its tokens."""
        span = self.span_of(mention.start, mention.end)
        if span is not None:
            for token in span:
                self.actor_at.setdefault(token.i, i)

    def span_of(self, start: int, end: int) -> Span | None:
        """The token span covering characters ``[start, end)``, or None."""
        if not (0 <= start < end <= len(self.text)):
            return None
        return self.doc.char_span(start, end, alignment_mode="expand")

    def in_furniture(self, token: Token) -> bool:
        """True when the token lies in page furniture."""
        if not self.furniture.spans:
            return False
        if self._furniture_tokens is None:
            self._furniture_tokens = set()
            for start, end in self.furniture.spans:
                span = self.span_of(start, end)
                if span is not None:
                    self._furniture_tokens.update(range(span.start, span.end))
        return token.i in self._furniture_tokens

    def release(self) -> None:
        """Forget this Doc's lines, so that no later Doc can be taken for it."""
        _ACTIVE.lines = None

    def unit_bounds(self, unit: int) -> tuple[int, int]:
        """First and last non-space token of a unit."""
        if self._unit_bounds is None:
            bounds: dict[int, tuple[int, int]] = {}
            for i, u in enumerate(self.unit_of):
                if self.is_space[i]:
                    continue
                first, _ = bounds.get(u, (i, i))
                bounds[u] = (first, i)
            self._unit_bounds = bounds
        return self._unit_bounds.get(unit, (0, 0))

    def unit_tokens(self, unit: int) -> list[Token]:
        """The tokens of a unit, first to last non-space token (units are contiguous)."""
        first, last = self.unit_bounds(unit)
        return list(self.doc[first : last + 1])

    def words_between(self, start: int, end: int) -> set[str]:
        """Lemmas and lower-case forms of tokens ``[start, end)``."""
        strings = self.doc.vocab.strings
        ids = set(self.lemma_ids[start:end]) | set(self.lower_ids[start:end])
        return {strings[i].lower() for i in ids if i in strings}  # type: ignore[operator]

    def with_ids(self, wanted: frozenset[int]) -> list[int]:
        """Indices of the tokens whose lemma or lower-case form is one of `wanted` (hashes)."""
        lemmas, lowers = self.lemma_ids, self.lower_ids
        return [i for i in range(len(lemmas)) if lemmas[i] in wanted or lowers[i] in wanted]

    def place_of(self, token: Token) -> int | None:
        """Index of the place mention the token is part of, or None."""
        return self.place_at.get(token.i)

    def place_head(self, place: int) -> Token | None:
        """The syntactic head token of a place mention."""
        start, end = self.place_tokens[place]
        if start < 0:
            return None
        return self.doc[start:end].root

    def same_line(self, a: Token, b: Token) -> bool:
        """True when no line break separates the two tokens."""
        return self.line_of[a.i] == self.line_of[b.i]
