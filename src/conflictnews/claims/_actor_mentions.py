"""Actor mentions the claim reader adds to those the actors component found.

`new_actor` resolves a phrase as an actor (through ``conflictnews.actors.resolve_actor``) and
records the mention; `last_actor` is the actor of some kinds named last before a word;
`named_group` and `named_outlet` read a common noun ("the group", "the militants", "the
outlet") as the group or the news outlet the article named before it.
"""

from __future__ import annotations

from spacy.tokens import Token

from ..actors import resolve_actor
from ..actors._keys import rules, split_words
from ..actors._lexicon import default_lexicon
from ..doc._mentions import ActorMention
from ..models import Actor, ActorKind
from ._doc_index import DocIndex
from ._phrases import PRONOUNS, base_form, np_bounds

FIGHTING_FORCES = frozenset({ActorKind.MILITARY, ActorKind.ARMED_GROUP})


def new_actor(
    ix: DocIndex, start: int, end: int, kind: ActorKind | None, *, name: str | None = None
) -> int | None:
    """Resolve tokens ``[start, end)`` (or `name`, read from them) as an actor and record
    the mention."""
    span = ix.doc[start:end]
    text = span.text.strip()
    glued = len(text) - len(text.lstrip("-–—"))  # "(Reuters) -Ukraine said"
    text = text[glued:]
    if not text or not any(c.isalpha() for c in text):
        return None
    context = [m.actor for m in ix.actors]
    actor = resolve_actor(name or text, kind_hint=kind, context=context)
    first = span.start_char + glued
    return ix.add_actor(ActorMention(first, first + len(text), text, actor))


def last_actor(
    ix: DocIndex, before: int, kinds: frozenset[ActorKind], *, within: int | None = None
) -> int | None:
    """The most recent actor mention before token `before` of one of `kinds` (and at most
    `within` characters back); of nested mentions ("an [al-Qaeda]-linked group") the
    enclosing one."""
    best: int | None = None
    best_key = (-1, 0)
    limit = ix.doc[before].idx if before < len(ix.doc) else len(ix.text)
    floor = limit - within if within is not None else -1
    for i, mention in enumerate(ix.actors):
        key = (mention.end, -mention.start)
        if floor <= mention.start < limit and key > best_key and mention.actor.kind in kinds:
            best, best_key = i, key
    return best


def named_group(head: Token, ix: DocIndex) -> int | None:
    """The named group a common noun stands for once the article has introduced it: "the
    group", "the militants", "the paramilitaries", "its fighters", "the group's fighters",
    "the unit" -> the armed group or unit named last before it; "the groups" -> the alliance
    they form. An apposition names it too ("the Islamist group, Al Shabaab")."""
    lemma = base_form(head)
    if lemma not in _GROUP_NOUNS or head.pos_ != "NOUN":
        return None
    for side in (head.head, *head.children):
        if (
            (side.dep_ == "appos" or head.dep_ == "appos")
            and side.i in ix.actor_at
            and ix.actors[ix.actor_at[side.i]].actor.kind in FIGHTING_FORCES
        ):
            return ix.actor_at[side.i]  # "Al Shabaab, the militant group, said"
    determiners = {c.lower_ for c in head.children if c.dep_ in ("det", "poss")}
    owners = [c for c in head.children if c.dep_ == "poss" and c.pos_ == "NOUN"]
    definite = bool(determiners & _DEFINITE_OWNERS) or any(
        base_form(o) in _GROUP_NOUNS and o.lower_ not in PRONOUNS for o in owners
    )
    start, end = np_bounds(head)
    own = ix.actor_at.get(head.i)  # the phrase itself, read as an actor already
    if not definite or any(
        ix.doc[i].pos_ == "PROPN" or ix.actor_at.get(i, own) != own
        for i in range(start, end)
        if i != head.i
    ):
        return None
    plural = head.tag_ == "NNS" and lemma == "group"
    unit = lemma == "unit"
    kinds = FIGHTING_FORCES if unit else frozenset({ActorKind.ARMED_GROUP})
    limit = ix.doc[head.i].idx
    for i in range(len(ix.actors) - 1, -1, -1):
        mention = ix.actors[i]
        if mention.start >= limit or not (
            mention.actor.kind in kinds or _governing_movement(mention.actor)
        ):
            continue
        if mention.text.islower():
            continue  # the same common noun said before
        words = {w.lower() for w in mention.actor.name.split()}
        if plural and not ALLIANCE_WORDS & words:
            continue
        if unit and not _UNIT_WORDS & words:
            continue  # "the unit" is a named formation, not a national army
        # The group introduced last; a description ("anti-junta partisans") names none.
        return i if _is_named(mention) else None
    return None


def named_outlet(head: Token, ix: DocIndex) -> int | None:
    """ "the outlet", "the channel", "the broadcaster": the news outlet the article named."""
    if rules().kind_cues.get(base_form(head)) != "media" or head.pos_ != "NOUN":
        return None
    if not any(c.lower_ in _DEFINITE_OWNERS for c in head.children if c.dep_ in ("det", "poss")):
        return None
    start, end = np_bounds(head)
    if any(ix.doc[i].pos_ == "PROPN" for i in range(start, end)):
        return None
    limit = head.idx
    for i in range(len(ix.actors) - 1, -1, -1):
        mention = ix.actors[i]
        if mention.start < limit and mention.actor.kind is ActorKind.MEDIA and _is_named(mention):
            return i
    return None


def _governing_movement(actor: Actor) -> bool:
    """A movement the lexicon files as a government (the Taliban) is still "the group"; a
    ministry, council or cabinet is not."""
    if actor.kind is not ActorKind.GOVERNMENT:
        return False
    cues = rules().kind_cues
    return not any(cues.get(word) == "government" for word in split_words(actor.name))


def _is_named(mention: ActorMention) -> bool:
    if mention.actor.id in default_lexicon().actors:
        return True
    return any(w[:1].isupper() and "-" not in w for w in mention.text.split()[1:]) or (
        mention.text[:1].isupper() and " " not in mention.text.strip()
    )


_GROUP_NOUNS = frozenset(
    {"group", "militant", "rebel", "insurgent", "jihadist", "fighter", "paramilitary",
     "militia", "militiaman", "gunman", "unit", "movement", "faction", "alliance"}
)  # fmt: skip


_DEFINITE_OWNERS = frozenset({"the", "its", "their", "these"})


ALLIANCE_WORDS = frozenset({"alliance", "coalition", "front"})


_UNIT_WORDS = frozenset(
    {"group", "brigade", "battalion", "regiment", "division", "corps", "unit", "command"}
)
