"""One Doc, indexed for claim reading: places and actors by token, text units, furniture."""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from ._claim_lexicon import CueLexicon, EventLexicon, cue_lexicon, event_lexicon
from ._furniture import Furniture
from ._mentions import ActorMention, PlaceMention


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
    place_at: dict[int, int] = field(default_factory=dict)
    actor_at: dict[int, int] = field(default_factory=dict)
    place_tokens: list[tuple[int, int]] = field(default_factory=list)
    _furniture_tokens: set[int] | None = None
    events: EventLexicon = field(default_factory=event_lexicon)
    cues: CueLexicon = field(default_factory=cue_lexicon)

    def __post_init__(self) -> None:
        self.text = self.text or self.doc.text  # Doc.text is rebuilt on every access
        unit = -1
        line = 0
        previous_newline = True
        for token in self.doc:
            if token.is_sent_start or previous_newline:
                unit += 1
            self.unit_of.append(unit)
            self.line_of.append(line)
            line += token.text_with_ws.count("\n")
            previous_newline = "\n" in token.text or "\n" in token.whitespace_
            if token.is_space and "\n" in token.text:
                previous_newline = True
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
            self._furniture_tokens = {
                t.i for t in self.doc if self.furniture.covers(t.idx, t.idx + len(t.text))
            }
        return token.i in self._furniture_tokens

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
