"""Claims: events, attribution, stance, hedging and dates; the ``conflictnews_claims`` component.

For each event word (verb or noun, from ``data/events.json``) the component finds the places
the grammar links to it (failing those, the places its sentence or the sentence before names:
see ``_window``), who reports it (``data/cues.json``), whether it is asserted, denied or
left unconfirmed, whether it is hedged, who did it and when. One claim is made per event and
place. Denials and doubts that point back ("... deny this") make claims about the claims
before them. Page furniture (``data/furniture.json``) gives no claims.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ..doc._extensions import register_extensions
from ..doc._mentions import (
    get_actors,
    get_places,
    get_published,
    set_actors,
    set_claims,
    set_places,
)
from ._lexicon import acled_lexicon, cue_lexicon, event_lexicon, furniture_lexicon
from ._reader import ClaimReader

register_extensions()

__all__ = ["ClaimExtractor", "make_claim_extractor"]


class ClaimExtractor:
    """Reads claims from a Doc whose places and actors are already found.

    Lexicons are loaded and patterns compiled once, when the component is made.

    Args:
        anaphora_units: How many sentences back "the town", "there" or "deny this" may reach.
        window_reach_back: An event that names no place of its own, in a sentence that
            names none either, takes the one place below the country level that the
            sentence before names (see ``_window.window_places``). False keeps such events
            to their own sentence.
        event_anaphora_units: How many sentences back "the air strikes" or "the attack" may
            reach for the event they name again. Articles come back to their main event
            further on than they come back to a town.
    """

    def __init__(
        self,
        anaphora_units: int = 3,
        window_reach_back: bool = True,
        event_anaphora_units: int = 6,
    ) -> None:
        self._reader = ClaimReader(
            events=event_lexicon(),
            cues=cue_lexicon(),
            acled=acled_lexicon(),
            furniture=furniture_lexicon(),
            anaphora_units=anaphora_units,
            window_reach_back=window_reach_back,
            event_anaphora_units=event_anaphora_units,
        )

    def __call__(self, doc: Doc) -> Doc:
        text = doc.text  # rebuilt from the tokens on every access: read it once
        if not text.strip():
            set_claims(doc, [])
            return doc
        actors = get_actors(doc)
        places = get_places(doc)
        claims, added, more_places = self._reader.read(
            doc, places, actors, get_published(doc), text=text
        )
        if added:
            set_actors(doc, sorted(actors + added, key=lambda m: (m.start, m.end)))
        if more_places:
            set_places(doc, sorted(places + more_places, key=lambda m: (m.start, m.end)))
        set_claims(doc, claims)
        return doc


@Language.factory(
    "conflictnews_claims",
    default_config={"anaphora_units": 3, "window_reach_back": True, "event_anaphora_units": 6},
)
def make_claim_extractor(
    nlp: Language,
    name: str,
    anaphora_units: int,
    window_reach_back: bool,
    event_anaphora_units: int,
) -> ClaimExtractor:
    """Make the ``conflictnews_claims`` component."""
    return ClaimExtractor(
        anaphora_units=anaphora_units,
        window_reach_back=window_reach_back,
        event_anaphora_units=event_anaphora_units,
    )
