"""Which actor a name denotes: the lexicon's, one of the article's, or a new one.

The lexicon (``data/actors.json``) lists armies, ministries, security services, armed
groups, governments, officials, monitors and news outlets of many wars, each with a kind,
a side and aliases. Names match whatever their case (acronyms excepted), word order,
stop words, possessive or demonym form and transliteration: "Russia's defence ministry",
"Russian MoD" and "Russian Ministry of Defense" are one actor, and so are "Andriy Yusuv"
and "Andrey Yusov".

Ids are ``actor:<slug>``, stable across articles and runs: a lexicon actor's id is fixed in
the data file; any other name gets the slug of the name without leading determiners and
quantifiers ("Some media outlets" -> ``actor:media-outlets``, with "Some media outlets"
kept as an alias). Actors made for such names are remembered (a bounded registry) so that
`actor_by_id` finds them later in the process.

Library functions:
    `lookup_actor` -- the lexicon actor for a name, or None.
    `resolve_actor` -- the lexicon actor, an actor of the context, or a new actor.
    `actor_by_id` -- the actor with an id: from the lexicon, or one `resolve_actor` made.
    `military_of` -- the armed forces of a people ("Ukrainians" -> Armed Forces of Ukraine).
"""

from __future__ import annotations

import functools
import threading
from collections import OrderedDict
from collections.abc import Iterable

from ..errors import InvalidInputError
from ..models import Actor, ActorKind
from ._finder import context_map
from ._guess import unknown_actor
from ._keys import bag, name_keys, strip_determiners
from ._lexicon import default_lexicon

_REGISTRY_SIZE = 10_000
_registry: OrderedDict[str, Actor] = OrderedDict()
_registry_lock = threading.Lock()


def _remember(actor: Actor) -> None:
    # Bounded, so that a long-running API process does not grow without end.
    with _registry_lock:
        _registry[actor.id] = actor
        _registry.move_to_end(actor.id)
        while len(_registry) > _REGISTRY_SIZE:
            _registry.popitem(last=False)


@functools.lru_cache(maxsize=65536)
def _bag_of(name: str) -> tuple[str, ...]:
    return bag(name_keys(name))


def lookup_actor(name: str) -> Actor | None:
    """The lexicon actor a name denotes, or None when the lexicon does not know it.

    Any listed name or alias matches, and so do its variants: other case (except for
    acronyms such as "FSB"), word order ("Legion Freedom of Russia"), possessive and
    demonym forms ("Russia's defence ministry"), British or American spelling, common
    transliterations ("Zelenskyy"), and one misspelt long word in a longer name
    ("Siberia Batallion"). Leading determiners are ignored ("the Russian army").

    Args:
        name: A name as written.

    Returns:
        The canonical actor, or None.
    """
    if not name or not name.strip():
        return None
    lexicon = default_lexicon()
    actor = lexicon.lookup(name)
    if actor is None:
        bare = strip_determiners(name)
        if bare != name.strip():
            actor = lexicon.lookup(bare)
    return actor


def resolve_actor(
    name: str,
    *,
    kind_hint: ActorKind | None = None,
    context: Iterable[Actor] = (),
) -> Actor:
    """The actor a name denotes: from the lexicon, from the context, or a new one.

    Args:
        name: A name as written ("Ukrainian troops", "Some media outlets", "the Legion").
        kind_hint: Kind the caller expects (e.g. from the actor's role in the sentence), for
            a name the lexicon does not know and whose words give no kind ("Some
            outlets" is media whatever the hint; "the Blue Crescent" takes the hint).
        context: Actors the article already names (e.g. ``[m.actor for m in
            get_actors(doc)]``). A name of one of them resolves to it first (so a pipeline
            with its own ``lexicon_path`` stays consistent), and a short name that is the
            head noun or surname of exactly one of them ("Legion", "Yusov") resolves to
            that actor.

    Returns:
        The lexicon actor (also when a title precedes a known person's name: "Kremlin
        spokesman Dmitry Peskov" is Dmitry Peskov); else the context actor; else a new actor with id
        ``actor:<slug>`` of the name without leading determiners/quantifiers, that name as
        ``name``, the text as written among ``aliases``, and a kind guessed from the
        name's cue words ("local authorities" -> government, "residents" -> population,
        "pro-Ukrainian partisans" -> armed_group, "Some channels" -> media), else
        ``kind_hint``, else person for a capitalised two- or three-word name, else other.
        The same name always gives the same id. `actor_by_id` finds the new actor
        afterwards in this process.

    Raises:
        InvalidInputError: The name is empty or blank.
    """
    if not name or not name.strip():
        raise InvalidInputError("an actor name must not be empty")
    context_actors = list(context)
    keys = name_keys(strip_determiners(name))
    target = bag(keys)
    for candidate in context_actors:
        # The article's own actors first: a pipeline may use a lexicon of its own.
        names = [candidate.name, *candidate.aliases]
        if keys and any(_bag_of(n) == target for n in names):
            return candidate
    known = lookup_actor(name) or default_lexicon().trailing_person(name)
    if known is not None:
        return known
    if context_actors and len(keys) == 1:
        actor = context_map(context_actors, default_lexicon()).get(keys[0])
        if actor is not None:
            return actor
    actor = unknown_actor(name, kind=kind_hint)
    _remember(actor)
    return actor


def actor_by_id(actor_id: str) -> Actor | None:
    """The actor with this id: a lexicon actor, or one `resolve_actor` made in this process.

    Args:
        actor_id: An ``actor:<slug>`` id.

    Returns:
        The actor, or None when the id is unknown.
    """
    actor = default_lexicon().actors.get(actor_id)
    if actor is not None:
        return actor
    with _registry_lock:
        return _registry.get(actor_id)


def military_of(actor: Actor) -> Actor | None:
    """The armed forces of a people named by a plural demonym ("Ukrainians" -> Armed Forces of
    Ukraine, "Israelis" -> Israel Defense Forces), or of the state a government runs
    ("Government of Russia" -> Russian Armed Forces).

    News reports often write "the Russians took the village"; when a people is the agent of
    a military event, its armed forces are meant. Other actors give None.

    Args:
        actor: A population actor (as the component makes for "Ukrainians", "Russians"), or a
            government.

    Returns:
        The lexicon's armed forces of that people, or None.
    """
    if actor.kind is ActorKind.GOVERNMENT:
        return _state_military(actor)
    if actor.kind is not ActorKind.POPULATION:
        return None
    name = actor.name.strip()
    for adjective in (name[:-1], name[:-2], name) if name.endswith("s") else (name,):
        forces = lookup_actor(f"{adjective} forces")
        if forces is not None and forces.kind is ActorKind.MILITARY:
            return forces
    return None


_STATE_WORDS = ("government", "authorities", "junta", "cabinet", "defence", "defense")


def _state_military(government: Actor) -> Actor | None:
    """The one army of the state a government runs ("Moscow said its troops ...")."""
    names = " ".join([government.name, *government.aliases]).lower()
    if not any(word in names for word in _STATE_WORDS):
        return None  # a security service or a police ministry commands forces of its own
    lexicon = default_lexicon()
    countries = lexicon.countries_of(government)
    if len(countries) != 1:
        return None
    code = countries.pop()
    for head in ("militari", "armi"):  # the lexicon's head keys for "military", "army"
        forces = lexicon.state_actor(code, head)
        if forces is not None and forces.kind is ActorKind.MILITARY:
            return forces
    return None
