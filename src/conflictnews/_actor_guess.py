"""Actors the lexicon does not know: a stable id and a guessed kind from the name alone.

The id is ``actor:<slug>`` of the name without leading determiners and quantifiers, so
"Some media outlets" and "media outlets" are one actor (``actor:media-outlets``) while the
text as written stays among its aliases. The kind comes from the cue words of
``data/actor_rules.json``, read from the last word backwards, because the head of an
English noun phrase is its last word: "local authorities" -> government, "pro-Ukrainian
partisans" -> armed group, "residents" -> population.
"""

from __future__ import annotations

from ._actor_keys import rules, split_words, strip_determiners
from ._ids import fold, slugify
from .models import Actor, ActorKind


def canonical_unknown_name(name: str) -> str:
    """The name an unknown actor is filed under: whitespace folded, determiners dropped."""
    return strip_determiners(" ".join(name.split()))


def guess_kind(name: str, *, person_like: bool = False) -> ActorKind:
    """Broad kind of an actor from its name.

    Args:
        name: The name as written.
        person_like: The caller knows the name is a person's (e.g. a PERSON entity).

    Returns:
        The kind; `ActorKind.PERSON` for capitalised two- or three-word names without cue
        words, `ActorKind.OTHER` when nothing points anywhere.
    """
    r = rules()
    words = split_words(name)
    if not words:
        return ActorKind.OTHER
    folded = fold(name)
    if folded in r.plural_demonyms:
        return ActorKind.POPULATION
    # Two-word cues first ("air force", "prime minister"), then single words from the head back.
    for i in range(len(words) - 1, -1, -1):
        for size in (2, 1):
            phrase = " ".join(words[i : i + size]) if i + size <= len(words) else ""
            kind = r.kind_cues.get(phrase) if phrase else None
            if kind is not None:
                return ActorKind(kind)
    if person_like:
        return ActorKind.PERSON
    raw_words = [w for w in name.split() if w]
    if 2 <= len(raw_words) <= 3 and all(w[:1].isupper() and w[1:].islower() for w in raw_words):
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


def unknown_actor(name: str, *, kind: ActorKind | None = None, person_like: bool = False) -> Actor:
    """A new actor for a name the lexicon does not know, with a stable ``actor:<slug>`` id.

    Args:
        name: The name as written.
        kind: Use this kind instead of guessing.
        person_like: Passed to `guess_kind`.
    """
    written = " ".join(name.split())
    canonical = canonical_unknown_name(written)
    aliases = [written] if fold(written) != fold(canonical) else []
    return Actor(
        id="actor:" + _short_slug(canonical),
        name=canonical,
        kind=kind or guess_kind(canonical, person_like=person_like),
        aliases=aliases,
    )
