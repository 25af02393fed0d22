"""Claims: events, attribution, stance, hedging and dates; the ``conflictnews_claims`` component."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ._extensions import register_extensions
from ._mentions import set_claims

register_extensions()


class ClaimExtractor:
    """Reads claims from a Doc whose places and actors are already found."""

    def __call__(self, doc: Doc) -> Doc:
        set_claims(doc, [])
        return doc


@Language.factory("conflictnews_claims")
def make_claim_extractor(nlp: Language, name: str) -> ClaimExtractor:
    return ClaimExtractor()
