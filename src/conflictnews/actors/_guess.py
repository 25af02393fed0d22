"""Actors the lexicon does not know: a stable id and a guessed kind from the name alone.

The id is ``actor:<slug>`` of the name without leading determiners and quantifiers, so
"Some media outlets" and "media outlets" are one actor (``actor:media-outlets``) while the
text as written stays among its aliases. The kind comes from the cue words of
``data/actor_rules.json``, read from the last word backwards, because the head of an
English noun phrase is its last word: "local authorities" -> government, "pro-Ukrainian
partisans" -> armed group, "residents" -> population.
"""

from __future__ import annotations

from .._ids import fold, slugify
from ..models import Actor, ActorKind
from ._keys import rules, split_words, strip_determiners


def canonical_unknown_name(name: str) -> str:
    """The name an unknown actor is filed under: whitespace folded, determiners dropped."""
    return strip_determiners(" ".join(name.split()))


def cue_kind(name: str) -> ActorKind | None:
    """The kind a cue word of the name points to, or None when no word does.

    Two-word cues count before one-word ones ("air force", "prime minister"), and words
    are read from the head (the last word) backwards: "governor of the region" is an
    official, "pro-Ukrainian partisans" an armed group.
    """
    r = rules()
    words = split_words(name)
    if fold(name) in r.plural_demonyms:
        return ActorKind.POPULATION
    for i in range(len(words) - 1, -1, -1):
        for size in (2, 1):
            if i + size > len(words):
                continue
            kind = r.kind_cues.get(" ".join(words[i : i + size]))
            if kind is not None:
                return ActorKind(kind)
    return None


def guess_kind(
    name: str,
    *,
    person_like: bool = False,
    organisation_like: bool = False,
    hint: ActorKind | None = None,
) -> ActorKind:
    """Broad kind of an actor from its name.

    Args:
        name: The name as written.
        person_like: The caller knows the name is a person's (e.g. a PERSON entity).
        organisation_like: The caller knows the name is an organisation's (an ORG entity):
            no person guess from capitalisation.
        hint: The kind the caller expects from the role the actor plays in the text; a
            cue word in the name ("partisans", "outlets") still wins over it.

    Returns:
        The kind of the name's cue word; else ``hint``; else `ActorKind.PERSON` for a
        person-like or capitalised two- or three-word name; else `ActorKind.OTHER`.
    """
    cue = cue_kind(name)
    if cue is not None:
        return cue
    if hint is not None:
        return hint
    raw_words = name.split()
    capitalised = all(w[:1].isupper() and w[1:].islower() for w in raw_words)
    if person_like or (not organisation_like and 2 <= len(raw_words) <= 3 and capitalised):
        return ActorKind.PERSON
    return ActorKind.OTHER


MAX_SLUG = 80
"""Longest slug of an unknown actor's id; longer names are cut at a word boundary."""


def _short_slug(name: str) -> str:
    slug = slugify(name)
    if len(slug) <= MAX_SLUG:
        return slug
    cut = slug[:MAX_SLUG]
    return cut[: cut.rfind("-")] if "-" in cut else cut


def unknown_actor(
    name: str,
    *,
    kind: ActorKind | None = None,
    person_like: bool = False,
    organisation_like: bool = False,
) -> Actor:
    """A new actor for a name the lexicon does not know, with a stable ``actor:<slug>`` id.

    Args:
        name: The name as written.
        kind: Kind hint, used when no cue word of the name tells the kind (see `guess_kind`).
        person_like: Passed to `guess_kind`.
        organisation_like: Passed to `guess_kind`.
    """
    written = " ".join(name.split())
    canonical = canonical_unknown_name(written)
    aliases = [written] if fold(written) != fold(canonical) else []
    return Actor(
        id="actor:" + _short_slug(canonical),
        name=canonical,
        kind=guess_kind(
            canonical, person_like=person_like, organisation_like=organisation_like, hint=kind
        ),
        aliases=aliases,
    )
