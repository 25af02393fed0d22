"""Actors: a canonical lexicon and the ``conflictnews_actors`` spaCy component."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ._extensions import register_extensions
from ._mentions import set_actors
from .models import Actor

register_extensions()


def actor_by_id(actor_id: str) -> Actor | None:
    """The lexicon actor with this id, or None."""
    return None


class ActorFinder:
    """Finds actor mentions; leaves them on ``doc._.cn_actors``."""

    def __call__(self, doc: Doc) -> Doc:
        set_actors(doc, [])
        return doc


@Language.factory("conflictnews_actors")
def make_actor_finder(nlp: Language, name: str) -> ActorFinder:
    return ActorFinder()
