"""The place of an event that the grammar links to none: the sentence's own places, or the
places of the sentence before.

Reporters name a place once and then tell what happened there in the next clause or the next
sentence without repeating it ("Fighting raged in X on Monday. Twelve soldiers were killed.").
The annotation guidelines count an event at the place named in its sentence or in the one
before it, and no further back: this module reads that window and nothing wider.
"""

from __future__ import annotations

import re

from spacy.tokens import Token

from ._doc_index import DocIndex
from ._event_places import CLAUSE_DEPS, drop_containers, drop_reference_points
from ._triggers import Trigger

_METONYM_POPULATION = 500_000
"""A city this large named as a subject or owner is usually its government ("Moscow said")."""
_AGENT_PREPS = frozenset({"by", "with", "against", "between", "alongside"})
_MODIFIER_DEPS = frozenset({"compound", "amod", "nmod", "npadvmod"})


def _speaks_for_a_state(place: int, ix: DocIndex) -> bool:
    location = ix.places[place].location
    return location.kind.value == "country" or (location.population or 0) >= _METONYM_POPULATION


def is_setting(place: int, ix: DocIndex) -> bool:
    """True when a place mention names where something is, not who acts or owns: "Moscow
    said", "Russia's ministry", "a U.S.-led coalition", "backed by Turkey" name states,
    whereas "in Moscow", "Singa has seen clashes" name settings."""
    head = ix.place_head(place)
    if head is None:
        return False
    dep = head.dep_
    if dep in ("nsubj", "poss"):
        return not _speaks_for_a_state(place, ix)
    if is_descriptor(place, ix):
        return False
    if dep == "pobj" and head.head.head.lemma_.lower() in ix.events.non_event_objects:
        return False  # "attacks on shipping over the war in Gaza": the war's place
    return not (dep == "pobj" and head.head.lower_ in _AGENT_PREPS)


def is_descriptor(place: int, ix: DocIndex) -> bool:
    """True when a place only qualifies another noun: the nationality of a weapon or a force
    ("a U.S. airstrike", "the Myanmar junta", "a U.S.-led coalition"), or the setting of a
    place named right after it ("the Red Sea port of X", "the Black Sea port city of Y")."""
    head = ix.place_head(place)
    if head is None or head.dep_ not in _MODIFIER_DEPS or head.head.i == head.i:
        return False
    owner = head.head
    if head.dep_ == "npadvmod":
        # "a U.S.-led coalition", "Iran-backed militias"; not a misparsed object
        return owner.tag_ in ("VBN", "JJ") and owner.dep_ == "amod"
    if owner.pos_ not in ("NOUN", "PROPN"):
        return False
    while owner.dep_ in _MODIFIER_DEPS and ix.place_of(owner) is None and owner.head.i != owner.i:
        owner = owner.head  # "the [Red Sea] port city of X": up to "city"
    if ix.place_of(owner) is not None:
        return ix.place_of(owner) != place and _names_a_place_after(owner, place, ix)
    lemma = owner.lemma_.lower()
    if lemma in ix.events.nouns:
        # "the Tripoli offensive" happened in Tripoli; in "U.S. strikes on X" the event has
        # a place of its own and the modifier says whose strikes they were.
        return _placed_by_preposition(owner, place, ix)
    if lemma not in ix.cues.place_nouns and lemma not in ix.cues.feature_nouns:
        return True
    return _names_a_place_after(owner, place, ix)


def _placed_by_preposition(noun: Token, place: int, ix: DocIndex) -> bool:
    """True when the event noun, or the clause it is the subject or object of, has a
    place of its own ("strikes on X", "an airstrike hit a market in X")."""
    holders = [noun]
    if noun.dep_ in ("nsubj", "nsubjpass", "dobj") and noun.head.pos_ in ("VERB", "AUX"):
        holders.append(noun.head)
    for holder in holders:
        for child in holder.children:
            locative = child.dep_ == "prep" and child.lower_ in ix.cues.locative_preps
            target = holder is not noun and child.dep_ == "dobj" and child.i != noun.i
            if (locative or target) and any(
                ix.place_of(t) not in (None, place) for t in child.subtree
            ):
                return True
    return False


def _names_a_place_after(noun: Token, place: int, ix: DocIndex) -> bool:
    """ "port of X", "city of X": the noun is named by a place of its own."""
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            for pobj in child.children:
                found = ix.place_of(pobj)
                if found is not None and found != place:
                    return True
        if child.dep_ == "appos" and ix.place_of(child) not in (None, place):
            return True
    return False


# An adverbial clause ("killed as troops stormed X", "after they entered X") tells of the
# same scene; a relative or complement clause tells of something else.
_OTHER_CLAUSE = (CLAUSE_DEPS | {"acl"}) - {"advcl"}
_DATELINE = re.compile(
    r"[^\S\n]*[A-Z][\w’'./()-]*(?:[^\S\n]*,?[^\S\n]+[A-Z(0-9][\w’'./()-]*){0,5}"
    r"[^\S\n]*[-\u2013\u2014][^\S\n]"
)
"""A line that opens with capitalised names and a dash: "KYIV, Ukraine (Reuters) - ",
"DUBAI, Feb 26 (AP) - "."""


def in_dateline(text: str, start: int, end: int) -> bool:
    """True for a name in a dateline ("KISMAYU, Somalia - ..."): where the story was
    filed, not where anything happened."""
    line_start = text.rfind("\n", 0, start) + 1
    if line_start == 0:
        return False  # the headline: "Bakhmut - troops withdraw" is about Bakhmut
    match = _DATELINE.match(text, line_start)
    return match is not None and end <= match.end()


def _in_other_clause(place: int, trigger: Token, ix: DocIndex) -> bool:
    """True when the place hangs in a clause of its own that does not hold the event
    ("an act the authorities in Y condemned"), in the description of a speaker ("a monitor
    in northern Y said"), where something was said ("told a meeting at the Kremlin") or
    where fire came from ("fire from Y")."""
    head = ix.place_head(place)
    if head is None:
        return True
    above_trigger = {trigger.i, *(t.i for t in trigger.ancestors)}
    node = head
    while node.i not in above_trigger and node.head.i != node.i:
        if node.i != head.i and node.lemma_.lower() in ix.events.gathering_nouns:
            return True
        if node.dep_ == "prep" and node.lower_ == "from" and node.head.pos_ == "NOUN":
            return True  # "fire from Y", "missiles from Y"; not "withdrew from Y"
        if (
            node.dep_ in _OTHER_CLAUSE
            and node.pos_ in ("VERB", "AUX")
            and not (node.dep_ == "relcl" and node.head.i == trigger.i)
        ):
            # A relative clause on the event word itself tells where it happened:
            # "air strikes that destroyed a bakery in X".
            return True
        if (
            node.dep_ == "nsubj"
            and node.i != head.i
            and node.head.lemma_.lower() in ix.cues.reporting_verbs
        ):
            return True
        node = node.head
    return False


def unit_places(ix: DocIndex, unit: int, trigger: Token | None = None) -> list[int]:
    """Place mentions of a unit that are settings, outside page furniture; with `trigger`,
    only those in the trigger's own clause."""
    found = []
    for i, (start, _end) in enumerate(ix.place_tokens):
        if start < 0 or ix.unit_of[start] != unit:
            continue
        if ix.in_furniture(ix.doc[start]) or not is_setting(i, ix):
            continue
        if trigger is not None and _in_other_clause(i, trigger, ix):
            continue
        found.append(i)
    return found


def window_places(
    trigger: Trigger,
    ix: DocIndex,
    earlier: list[tuple[int, list[int]]],
    *,
    reach_back: bool = True,
) -> list[int]:
    """Places for an event that has none of its own.

    Args:
        trigger: The event words.
        ix: The indexed Doc.
        earlier: ``(unit, places)`` of the claims already read, in text order.
        reach_back: Look in the sentence before when the trigger's own names no place.

    Returns:
        The narrowest places of the trigger's own sentence that are settings rather than
        speakers or owners; failing those, the one place below the country level that the
        sentence before names or made claims about. Empty when the window holds none.
    """
    token = trigger.token
    unit = ix.unit_of[token.i]
    here = unit_places(ix, unit, token)
    if here:
        return drop_reference_points(drop_containers(here, ix), trigger, ix)
    if unit == 0 or not reach_back:
        return []
    previous = unit - 1
    # The sentence before may close the paragraph before: news paragraphs are often one
    # sentence long, and the next one goes on about the same place.
    first, _last = ix.unit_bounds(previous)
    if ix.in_furniture(ix.doc[first]):
        return []
    claimed: list[int] = []
    for draft_unit, places in earlier:
        if draft_unit == previous:
            claimed += [p for p in places if p not in claimed]
    claimed += [p for p in unit_places(ix, previous) if p not in claimed]
    # Only a single place below the country carries over: a country named in the sentence
    # before is mostly a setting or an owner, and two places leave the reader guessing.
    below_country = [p for p in claimed if ix.places[p].location.kind.value != "country"]
    if len({ix.places[p].location.id for p in below_country}) != 1:
        return []
    return below_country[:1]
