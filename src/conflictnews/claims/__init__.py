"""Claims: reading who claims what happened where from one parsed Doc. Event triggers and the
places they are linked to, the claimant and the agent, stance (asserted, denied,
unconfirmed) and hedging, dates, page furniture to skip, and the ACLED event types; the
``conflictnews_claims`` spaCy component runs them.

May import: ``conflictnews.doc``, ``conflictnews.actors``, ``conflictnews.places`` (to resolve
a place a claim names that the places component left out), ``conflictnews.models``,
``conflictnews.errors``, ``conflictnews._ids``. Not the store.
"""

from ._component import ClaimExtractor, make_claim_extractor

__all__ = ["ClaimExtractor", "make_claim_extractor"]
