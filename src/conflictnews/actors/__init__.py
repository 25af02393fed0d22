"""Actors: who acts and who speaks. The shipped lexicon of canonical actors (`_lexicon`) and
its matching keys (`_keys`), guesses for actors the lexicon does not know (`_guess`), which
actor a name denotes (`_resolver`), finding the actor mentions of a Doc (`_finder`) and the
``conflictnews_actors`` spaCy component that runs it (`_component`).

May import: ``conflictnews.doc``, ``conflictnews.models``, ``conflictnews.errors``,
``conflictnews._ids``, and ``conflictnews.places`` for its gazetteer only (a name the
gazetteer knows as a sizeable place is not taken for an actor). Not the claims stage.
"""

from ._component import ActorFinder, actor_at, make_actor_finder
from ._resolver import actor_by_id, lookup_actor, military_of, resolve_actor

__all__ = [
    "ActorFinder",
    "actor_at",
    "actor_by_id",
    "lookup_actor",
    "make_actor_finder",
    "military_of",
    "resolve_actor",
]
