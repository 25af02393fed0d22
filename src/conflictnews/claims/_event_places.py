"""The places the parse links to an event trigger.

Its object, its locative phrases ("in X", "near X"), its subject when the subject undergoes
the event ("X fell"), the noun a relative clause hangs on. Of the linked places, those named
only to locate another (reference points: "captured X, near Y", "16km from Y") and those
named only as the container of another ("X in the Y region", "Russia's Y region") are
dropped by `drop_reference_points` and `drop_containers`.
"""

from __future__ import annotations

import re

from spacy.tokens import Token

from ._doc_index import DocIndex
from ._triggers import Trigger, direct_subject

CLAUSE_DEPS = frozenset({"relcl", "advcl", "ccomp", "parataxis", "csubj", "xcomp"})
"""Dependencies that open a clause of its own: places below them belong to that clause."""


# What may stand between a place and the wider place holding it: "X in Russia's Y region",
# "X, in the south of Y", "X of central Y".
_CONTAINER_GAP = re.compile(
    r"^\s*,?\s*(?:(?:in|of|near|inside|within)\s+)?(?:the\s+)?"
    r"(?:(?:[A-Z][\w-]*['’]s|northern|southern|eastern|western|central|north|south|east|west"
    r"|north-?eastern|north-?western|south-?eastern|south-?western|(?:the\s+)?(?:north|south"
    r"|east|west)\s+of)\s+)*$",
    re.IGNORECASE,
)


def is_locative(prep: Token, trigger: Trigger, ix: DocIndex) -> bool:
    word = prep.lower_
    if word == "from":  # "withdrew from X", "ousted the militants from X"
        return trigger.event == "withdraw" or (
            trigger.token.lemma_.lower() in ix.events.expulsion_verbs
        )
    if word == "of":
        return trigger.nominal or trigger.state or bool(trigger.extra)
    if word == "including":  # "attacks on X, including around the town of Y"
        return True
    if word == "for":  # "the battle for X", "fighting for control of X"
        return trigger.nominal and trigger.event == "attack"
    if word in ("to",):
        # "kept hold of its barracks in Y"
        return trigger.event in ("enter", "withdraw") or (
            trigger.event == "control" and any(e.dep_ == "prt" for e in trigger.extra)
        )
    return word in ix.cues.locative_preps


def places_below(
    token: Token, ix: DocIndex, *, skip: frozenset[int] = frozenset(), origins: bool = True
) -> list[int]:
    """Place mentions in the phrase headed by `token`, not entering sub-clauses; with
    `origins` False, not entering "from" phrases ("fire from Congo") either."""
    found: list[int] = []
    stack = [token]
    gatherings = ix.events.gathering_nouns
    wars = ix.events.non_event_objects
    while stack:
        node = stack.pop()
        place = ix.place_of(node)
        if place is not None and place not in found:
            found.append(place)
        if node.i != token.i and node.lemma_.lower() in gatherings:
            continue  # "told a meeting at the Kremlin": where it was said, not where it happened
        if node.i != token.i and node.lemma_.lower() in wars:
            continue  # "attacks on shipping over the war in Gaza": the war's place, not theirs
        for child in node.children:
            if child.i in skip or child.dep_ in CLAUSE_DEPS or child.dep_ in ("punct", "agent"):
                continue  # "captured by Moscow": the agent is who acted, not where
            if child.dep_ == "conj" and child.pos_ in ("VERB", "AUX"):
                continue
            if child.dep_ == "prep" and child.lower_ in ix.cues.background_preps:
                continue
            if not origins and child.dep_ == "prep" and child.lower_ == "from":
                continue
            if child.dep_ == "prep" and child.lower_ == "with" and node.i != token.i:
                continue  # "routes with China", "the border with X": a partner, not the place
            stack.append(child)
    return found


_MISPARSED_OBJECT_DEPS = frozenset({"advmod", "dep", "xcomp", "ccomp", "advcl"})


def _from_children(head: Token, trigger: Trigger, ix: DocIndex, exclude: Token | None) -> list[int]:
    found: list[int] = []
    # "killed in cross-border fire from X": X is where the fire came from, not the event's place
    origins = trigger.event == "withdraw"
    for child in head.children:
        if exclude is not None and child.i == exclude.i:
            continue
        dep = child.dep_
        if dep == "prep":
            if child.lower_ in ix.cues.background_preps or not is_locative(child, trigger, ix):
                continue
            found += places_below(child, ix, origins=origins)
        elif (
            dep in ("dobj", "attr", "oprd", "npadvmod", "dative", "pobj")
            or dep == "nsubjpass"
            or (dep == "nsubj" and trigger.subject_is_place)
            or dep == "compound"
            and trigger.nominal
            and ix.place_of(child) is not None
        ):
            found += places_below(child, ix, origins=origins)
        elif (
            dep in _MISPARSED_OBJECT_DEPS
            and not trigger.nominal
            and child.i > head.i
            and child.pos_ == "PROPN"
            and ix.place_of(child) is not None
        ):
            # "entered Kupiansk" with the name parsed as an adverb or a loose dependent: an
            # unfamiliar proper name right after the verb is its object all the same.
            found += places_below(child, ix)
        elif dep == "acl" and trigger.nominal:
            # "fights taking place on X", "shelling reported in X"
            found += [
                p
                for g in child.children
                if g.dep_ == "prep" and is_locative(g, trigger, ix)
                for p in places_below(g, ix)
            ]
    return found


def _background_places(head: Token, ix: DocIndex) -> list[int]:
    found: list[int] = []
    for child in head.children:
        if child.dep_ == "prep" and child.lower_ in ix.cues.background_preps:
            found += places_below(child, ix)
    return found


def linked_places(trigger: Trigger, ix: DocIndex) -> list[int]:
    """Places syntactically linked to the event: its object, its locative phrases, its subject
    when the subject undergoes the event, and the noun a relative clause ("where ...") hangs on."""
    token = trigger.token
    found: list[int] = []
    if trigger.described:
        noun = trigger.extra[0]
        # "a base for forces in the Y region": Y is where the holder is from, not the place
        holders = {c.i for c in noun.children if c.dep_ == "prep" and c.lower_ == "for"}
        found += places_below(noun, ix, skip=frozenset({token.i, *holders}))
        if not found and noun.dep_ in ("compound", "appos"):
            place = ix.place_of(noun.head)  # "the rebel-held capital Y", "Y, a rebel-held town"
            if place is not None:
                found.append(place)
        if not found and noun.dep_ == "attr":  # "Y was a rebel stronghold"
            subject = direct_subject(noun.head)
            if subject is not None:
                found += places_below(subject, ix)
        return _dedupe(found)
    if trigger.state:
        prep = trigger.extra[0]
        holder = prep.head
        if holder.pos_ == "ADV" and holder.head.i != holder.i:
            holder = holder.head  # "Y was back in government hands"
        if prep.lower_ == "in":  # "X is in control of Y": Y is the place
            found += [p for c in token.children if c.dep_ == "prep" for p in places_below(c, ix)]
        elif holder.pos_ in ("VERB", "AUX"):
            subject = direct_subject(holder)
            if subject is not None:
                found += places_below(subject, ix)
            elif holder.dep_ == "relcl":
                found += places_below(holder.head, ix, skip=frozenset({holder.i}))
        else:
            found += places_below(holder, ix, skip=frozenset({prep.i}))
        return _dedupe(found)
    found += _from_children(token, trigger, ix, None)
    for extra in trigger.extra:
        if extra.dep_ in ("dobj", "prep", "nsubjpass") and extra.head.i == token.i:
            found += places_below(extra, ix)
        elif token.dep_ == "amod" and extra.i == token.head.i:
            found += places_below(extra, ix, skip=frozenset({token.i}))
    if trigger.nominal and token.dep_ == "appos" and ix.place_of(token.head) is not None:
        found.append(ix.place_of(token.head))  # type: ignore[arg-type]  # "In X, a strike ..."
    if trigger.nominal and not found:
        verb = token.head if token.dep_ in ("nsubj", "nsubjpass", "dobj", "attr") else None
        if verb is not None and verb.pos_ in ("VERB", "AUX"):
            reporting = verb.lemma_.lower() in ix.cues.reporting_verbs
            if not reporting or token.dep_ == "nsubjpass":
                found += _from_children(verb, trigger, ix, token)
                if token.dep_ in ("nsubj",):
                    found += [
                        p for c in verb.children if c.dep_ == "dobj" for p in places_below(c, ix)
                    ]
    if not trigger.nominal and not found and token.dep_ == "acl":
        head = token.head  # "a strike on X killed ...", parsed as a modifier of "strike"
        if ix.events.nouns.get(head.lemma_.lower()) in ("strike", "attack"):
            found += places_below(head, ix, skip=frozenset({token.i}))
            if head.dep_ == "appos" and ix.place_of(head.head) is not None:
                found.append(ix.place_of(head.head))  # type: ignore[arg-type]
    if not trigger.nominal and not found:
        subject = direct_subject(token)
        if subject is not None and subject.dep_ == "nsubj":
            lemma = subject.lemma_.lower()
            if ix.events.nouns.get(lemma) in ("strike", "attack"):
                found += places_below(subject, ix)
        if not found:
            found += _background_places(token, ix)
    return _dedupe([p for p in found if ix.same_line(ix.doc[ix.place_tokens[p][0]], token)])


def _dedupe(items: list[int]) -> list[int]:
    return list(dict.fromkeys(items))


def drop_reference_points(places: list[int], trigger: Trigger, ix: DocIndex) -> list[int]:
    """Drop places named only to locate another ("captured X, near Y", "the village of X
    west of Y") when the event has a place of its own; alone, "fighting near Y" stays Y's."""
    if len(places) < 2:
        return places
    reference = [p for p in places if _reached_by_reference(p, trigger.token, ix)]
    if not reference or len(reference) == len(places):
        return places
    return [p for p in places if p not in reference]


def _reached_by_reference(place: int, anchor: Token, ix: DocIndex) -> bool:
    head = ix.place_head(place)
    if head is None:
        return False
    node = head
    for _ in range(8):
        if node.i == anchor.i or node.head.i == node.i:
            return False
        parent = node.head
        if (
            node.dep_ == "prep"
            and node.lower_ in ix.cues.reference_preps
            and parent.lower_ != "including"  # "including around the town of X": a target
        ):
            return True
        if (
            node.dep_ == "prep"
            and node.lower_ in ("of", "to", "from")
            and parent.lower_ in ix.cues.direction_words
            and not any(c.dep_ == "det" for c in parent.children)
        ):
            return True  # "west of Y", "close to Y"; "in the east of Y" is inside Y
        if (
            node.dep_ == "prep"
            and node.lower_ in ("from", "of")
            and (
                _distance(parent, ix)
                or any(_distance(c, ix) for c in node.children if c.dep_ in ("npadvmod", "advmod"))
            )
        ):
            return True  # "X, 16km from Y"
        node = parent
    return False


_DISTANCE = re.compile(r"^\d+(?:[.,]\d+)?([a-z]+)$")


def _distance(word: Token, ix: DocIndex) -> bool:
    """ "16km", "30 kilometres", "some miles away": a distance, so what follows is a
    reference point."""
    units = ix.events.distance_units
    lower = word.lower_
    if lower in units:
        return True
    match = _DISTANCE.match(lower)
    return match is not None and match.group(1) in units


def drop_containers(places: list[int], ix: DocIndex) -> list[int]:
    """Drop places named only as the container of another linked place
    ("X in the Y region", "Russia's Y region"), keeping lists ("X and Y") whole."""
    if len(places) < 2:
        return places
    heads = {p: ix.place_head(p) for p in places}
    settlements = [
        p for p in places if ix.places[p].location.kind.value not in ("region", "country")
    ]
    if settlements:
        # A region named beside a town is its setting ("In the Sahel, ... near X"), unless
        # the two are listed together ("in the X region and in the town of Y").
        places = [
            p
            for p in places
            if ix.places[p].location.kind.value not in ("region", "country")
            or any(_coordinated(heads[p], heads[q]) for q in settlements)
        ]
        heads = {p: heads[p] for p in places}
    narrower = [p for p in places if ix.places[p].location.kind.value != "country"]
    kept = []
    for p in places:
        head = heads[p]
        contained = False
        if (
            narrower
            and p not in narrower
            and head is not None
            and (head.dep_ == "poss" or (head.dep_ == "pobj" and head.head.lower_ in ("in", "of")))
        ):
            continue  # "Russia's X region", "the X region in Russia"

        for q in places:
            other = heads[q]
            if q == p or head is None or other is None:
                continue
            if _nested_as_container(head, other, ix) or is_surface_container(p, q, ix):
                contained = True
                break
        if not contained:
            kept.append(p)
    return kept or places


def _coordinated(a: Token | None, b: Token | None) -> bool:
    """True when two words are joined by coordination on the path between them."""
    if a is None or b is None:
        return False
    b_ancestors = {t.i for t in b.ancestors} | {b.i}
    node = a
    while node.i not in b_ancestors and node.head.i != node.i:
        if node.dep_ == "conj" and any(t.i == b.i for t in node.head.subtree):
            return True
        node = node.head
    node = b
    a_ancestors = {t.i for t in a.ancestors} | {a.i}
    while node.i not in a_ancestors and node.head.i != node.i:
        if node.dep_ == "conj" and any(t.i == a.i for t in node.head.subtree):
            return True
        node = node.head
    return False


def _nested_as_container(inner: Token, outer: Token, ix: DocIndex) -> bool:
    """True when `inner` hangs below `outer` through a prepositional, possessive or
    appositive link (a container), not only through coordination or compounding."""
    node = inner
    link = False
    apposed = False
    start, end = ix.place_tokens[ix.place_of(outer) or 0]
    while node.head.i != node.i:
        if node.dep_ == "conj":
            return False  # "Axum, Adwa and areas of Adigrat": a list, not a container
        if node.dep_ in ("prep", "pobj", "poss", "appos", "npadvmod", "nmod") and not (
            node.dep_ == "pobj" and node.head.lower_ == "of"
        ):
            link = link or node.dep_ in ("prep", "poss", "npadvmod")
            apposed = apposed or node.dep_ == "appos"
        node = node.head
        if node.i == outer.i or start <= node.i < end:
            return link or (apposed and _wider(inner, outer, ix))
    return False


def _wider(a: Token, b: Token, ix: DocIndex) -> bool:
    """ "Sudzha, Kursk region": an apposed region holds the town; "the capital X, its twin
    towns Y and Z" lists towns."""
    wide = ("region", "country")
    place_a, place_b = ix.place_of(a), ix.place_of(b)
    if place_a is None or place_b is None:
        return True
    return (
        ix.places[place_a].location.kind.value in wide
        and ix.places[place_b].location.kind.value not in wide
    )


def is_surface_container(p: int, q: int, ix: DocIndex) -> bool:
    """ "Q, P" or "Q in P" with P a wider kind of place than Q."""
    wide = {"region", "country", "district"}
    place_p, place_q = ix.places[p], ix.places[q]
    if place_p.location.kind.value not in wide or place_q.location.kind.value in wide:
        return False
    if place_q.end > place_p.start:
        return False
    between = ix.text[place_q.end : place_p.start]
    return len(between) < 40 and _CONTAINER_GAP.match(between) is not None
