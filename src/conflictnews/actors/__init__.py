"""Actors: who acts and who speaks. The shipped lexicon of canonical actors and its matching
keys, guesses for actors the lexicon does not know, and the ``conflictnews_actors`` spaCy
component that finds actor mentions in a Doc.

May import: ``conflictnews.doc``, ``conflictnews.models``, ``conflictnews.errors``,
``conflictnews._ids``. Not the places or the claims stages.
"""

from ._registry import (
    ActorFinder,
    actor_at,
    actor_by_id,
    lookup_actor,
    make_actor_finder,
    military_of,
    resolve_actor,
)

__all__ = [
    "ActorFinder",
    "actor_at",
    "actor_by_id",
    "lookup_actor",
    "make_actor_finder",
    "military_of",
    "resolve_actor",
]
