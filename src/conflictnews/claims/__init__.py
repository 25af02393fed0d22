"""Claims: reading who claims what happened where from one parsed Doc. Event triggers and the
places they are linked to, the claimant and the agent, stance (asserted, denied,
unconfirmed) and hedging, dates, page furniture to skip, and the ACLED event types; the
``conflictnews_claims`` spaCy component runs them.

In reading order: `_component` runs `_reader` over a Doc indexed by `_doc_index` (page
furniture: `_furniture`; places the places component left out: `_place_backfill`). The
reader finds the event triggers (`_triggers`), drops those that make no claim
(`_no_claim`), finds each one's places (`_event_places`, else `_place_anaphora`, else
`_window`), its agent (`_agent`), the cue it is reported under and its claimant
(`_claimant`, `_quotes`; both read phrases with `_phrases`, add actor mentions with
`_actor_mentions` and read a country or a capital as its government with `_voices`), its
stance (`_stance`) and date (`_dates`). Denials and doubts that point back make claims
about the claims before them (`_pointing_back`); drafts become Claim records with their
ACLED types (`_draft`, `_acled`). Word lists are loaded by `_lexicon`.

May import: ``conflictnews.doc``, ``conflictnews.actors``, ``conflictnews.places`` (to resolve
a place a claim names that the places component left out, and its gazetteer: "Kyiv said" is
the government of the capital's country), ``conflictnews.models``, ``conflictnews.errors``,
``conflictnews._ids``. Not the store.
"""

from ._component import ClaimExtractor, make_claim_extractor

__all__ = ["ClaimExtractor", "make_claim_extractor"]
