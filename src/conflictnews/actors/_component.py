"""The ``conflictnews_actors`` spaCy component.

`ActorFinder` finds the actor mentions of a Doc (see `_finder`) and leaves them on
``doc._.cn_actors``; `make_actor_finder` is its factory, configured with the lexicon to
use. `actor_at` reads a processed Doc's mention at some characters.
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.language import Language
from spacy.tokens import Doc

from ..doc._extensions import register_extensions
from ..doc._mentions import ActorMention, get_actors, get_places, set_actors
from ._finder import find_actor_mentions
from ._lexicon import Lexicon, default_lexicon, lexicon_at

register_extensions()


def actor_at(doc: Doc, start: int, end: int) -> ActorMention | None:
    """The actor mention of a processed Doc that overlaps the characters ``start:end`` most.

    Args:
        doc: A Doc that went through the ``conflictnews_actors`` component.
        start: Start character offset.
        end: End character offset (exclusive).

    Returns:
        The mention, or None when no mention overlaps.
    """
    best: tuple[int, ActorMention] | None = None
    for mention in get_actors(doc):
        overlap = min(end, mention.end) - max(start, mention.start)
        if overlap > 0 and (best is None or overlap > best[0]):
            best = (overlap, mention)
    return best[1] if best else None


class ActorFinder:
    """Finds actor mentions; leaves them on ``doc._.cn_actors`` (see `set_actors`).

    Args:
        lexicon: Canonical actors to match.
        keep_unknown: Keep named entities the lexicon does not know as new actors.
        entity_labels: Entity labels that may name actors.
    """

    def __init__(
        self,
        lexicon: Lexicon,
        *,
        keep_unknown: bool = True,
        entity_labels: Iterable[str] = ("ORG", "PERSON", "NORP"),
    ) -> None:
        self.lexicon = lexicon
        self.keep_unknown = keep_unknown
        self.entity_labels = tuple(entity_labels)

    def __call__(self, doc: Doc) -> Doc:
        mentions = find_actor_mentions(
            doc,
            self.lexicon,
            get_places(doc),
            keep_unknown=self.keep_unknown,
            labels=self.entity_labels,
        )
        set_actors(doc, mentions)
        return doc


@Language.factory(
    "conflictnews_actors",
    default_config={
        "lexicon_path": None,
        "keep_unknown": True,
        "entity_labels": ["ORG", "PERSON", "NORP"],
    },
)
def make_actor_finder(
    nlp: Language,
    name: str,
    lexicon_path: str | None,
    keep_unknown: bool,
    entity_labels: list[str],
) -> ActorFinder:
    """Build the ``conflictnews_actors`` component.

    Args:
        nlp: The pipeline.
        name: Component name.
        lexicon_path: A JSON actor lexicon to use instead of the shipped one (same format
            as ``conflictnews/data/actors.json``).
        keep_unknown: Keep ORG/PERSON/NORP entities the lexicon does not know.
        entity_labels: Entity labels that may name actors.

    Raises:
        LexiconError: The lexicon file is missing or malformed.
    """
    lexicon = lexicon_at(lexicon_path) if lexicon_path else default_lexicon()
    return ActorFinder(lexicon, keep_unknown=keep_unknown, entity_labels=entity_labels)
