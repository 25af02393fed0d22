"""The ``conflictnews_places`` spaCy component: finds place mentions and resolves them."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from .._extensions import register_extensions
from .._mentions import set_places

register_extensions()


class PlaceFinder:
    """Finds and resolves place mentions; leaves them on ``doc._.cn_places``."""

    def __call__(self, doc: Doc) -> Doc:
        set_places(doc, [])
        return doc


@Language.factory("conflictnews_places")
def make_place_finder(nlp: Language, name: str) -> PlaceFinder:
    return PlaceFinder()
