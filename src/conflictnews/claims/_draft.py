"""A claim being read (`Draft`), and the Claim records drafts become.

A draft is one event word with its places, the words that tell it, its stance, claimant,
agent and date. `to_claims` makes one Claim per draft and place, with the text of its
sentence, its offsets and its ACLED event types. `event_family` groups the events a later
word may name again ("the attack" after an air strike).
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from .._ids import claim_id
from ..models import Claim, EventType, Stance
from ._acled import acled_types
from ._dates import DateMention
from ._doc_index import DocIndex
from ._lexicon import AcledLexicon
from ._stance import ASSERTED
from ._triggers import Trigger

_FAMILIES = {"capture": "territory", "control": "territory", "strike": "attack"}
CASUALTIES = "casualties"


@dataclass
class Draft:
    """A claim being read: its words, places, cue and who is involved."""

    trigger: Trigger
    event: str
    places: list[int]
    unit: int
    words: list[Token]
    stance: str = ASSERTED
    hedged: bool = False
    claimant: int | None = None
    agent: int | None = None
    date: DateMention | None = None
    derived: bool = False
    locator: Token | None = None


def event_family(event: str) -> str:
    """The family of an event: "capture" and "control" are territory, "strike" is an attack."""
    return _FAMILIES.get(event, event)


def to_claims(
    drafts: list[Draft], ix: DocIndex, art: str, acled_lexicon: AcledLexicon
) -> list[Claim]:
    """The claims of drafts: one per draft and place, once for the same sentence, event,
    place, stance and claimant. `art` is the article id."""
    claims: list[Claim] = []
    seen: set[tuple[int, str, str, str, int | None]] = set()
    for draft in drafts:
        tokens = [w for w in draft.words if ix.unit_of[w.i] == draft.unit] or draft.words[:1]
        start = min(t.idx for t in tokens)
        end = max(t.idx + len(t.text) for t in tokens)
        first, last = ix.unit_bounds(draft.unit)
        sentence = ix.text[ix.starts[first] : ix.starts[last] + len(ix.doc[last].text)]
        claimant = ix.actors[draft.claimant].actor if draft.claimant is not None else None
        agent = ix.actors[draft.agent].actor if draft.agent is not None else None
        context = ix.words_between(first, last + 1)
        acled = acled_types(draft.event, agent, context, acled_lexicon)
        for place in draft.places:
            location = ix.places[place].location
            key = (draft.unit, draft.event, location.id, draft.stance, draft.claimant)
            if key in seen:
                continue
            seen.add(key)
            ids = [location.id]
            claims.append(
                Claim(
                    id=claim_id(art, start, end, draft.event, draft.stance, ids),
                    article_id=art,
                    text=sentence,
                    start=start,
                    end=end,
                    event=EventType(draft.event),
                    stance=Stance(draft.stance),
                    hedged=draft.hedged,
                    claimant=claimant.id if claimant else None,
                    agent=agent.id if agent else None,
                    places=ids,
                    date=draft.date.value if draft.date else None,
                    date_text=draft.date.text if draft.date else None,
                    acled_event_type=acled[0],
                    acled_sub_event_type=acled[1],
                )
            )
    return claims
