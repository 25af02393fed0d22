"""Places an event's words point back to, for a trigger the parse links to no place.

"where ...", "there", "the town", "it" ("recaptured it"), and a location given later in the
sentence ("... confirmed it was near X"). `last_places` finds the place named last before a
word, within a few sentences.
"""

from __future__ import annotations

from spacy.tokens import Token

from ._doc_index import DocIndex
from ._event_places import drop_containers, is_locative, is_surface_container, places_below
from ._triggers import RELATIVE_WORDS, Trigger, clause_verb, direct_subject

_PRONOUNS_OF_PLACE = frozenset({"it"})


def anaphoric_places(trigger: Trigger, ix: DocIndex, before: int) -> tuple[list[int], Token | None]:
    """Places the grammar points back to: "where ...", "there", "the town", "it" (captured).

    Returns:
        The places and the word that points to them.
    """
    token = trigger.token
    verb = token if not trigger.nominal else clause_verb(token)
    # A relative clause: "the X region, where they took over ..."; "a town, which they entered"
    node = verb
    while node.dep_ in ("xcomp", "conj", "ccomp") and node.head.i != node.i:
        node = node.head
    if node.dep_ == "relcl":
        marker = next(
            (c for c in node.subtree if c.lower_ in RELATIVE_WORDS and c.i < verb.i), None
        )
        if marker is not None and (
            marker.lower_ == "where"
            or trigger.event
            in ("capture", "control", "enter", "withdraw", "destroy", "strike", "attack")
        ):
            antecedent = _antecedent(node.head, ix)
            if antecedent:
                return antecedent, marker
    for child in verb.children:
        if child.dep_ == "advmod" and child.lower_ == "there":
            return last_places(ix, child.i, settlement=None), child
    candidates = [*token.children, *verb.children]
    for extra in trigger.extra:  # "took control of the village"
        if extra.dep_ == "dobj" and extra.head.i == token.i:
            candidates += [
                g
                for c in extra.children
                if c.dep_ == "prep" and c.lower_ in ("of", "over")
                for g in c.children
                if g.dep_ == "pobj"
            ]
    if trigger.described:
        candidates = [trigger.extra[0]]  # "the rebel-held town": the town named before
    for child in candidates:
        if (
            trigger.described
            or child.dep_ in ("dobj", "nsubjpass", "pobj", "nsubj")
            or (child.dep_ == "prep" and is_locative(child, trigger, ix))
        ):
            target = child
            if child.dep_ == "prep":
                target = next((g for g in child.children if g.dep_ == "pobj"), child)
            if target.dep_ == "nsubj" and not (
                trigger.subject_is_place or trigger.state or trigger.described
            ):
                continue
            lemma = target.lemma_.lower()
            mods = [
                c
                for c in target.children
                if c.dep_ in ("det", "amod", "compound", "nmod", "poss") and c.i != token.i
            ]
            words = {c.lower_ for c in mods}
            if (
                lemma in ix.cues.place_nouns
                and words & {"the", "this", "that", "latter", "same"}
                and words <= {"the", "this", "that", "latter", "same", "whole", "entire"}
                and not any(c.dep_ == "prep" for c in target.children)
            ):
                settlement: bool | None = None
                if lemma in ix.cues.settlement_nouns or lemma in ix.events.site_nouns:
                    settlement = True  # "the base" is never the country it lies in
                elif lemma in ix.cues.region_nouns:
                    settlement = False
                named = _named_with(ix, target, settlement=settlement)
                if named is not None:
                    return _with_coordinated(named, target, ix), target
                # "Myanmar's junta denied an attack in the area": not the speaker's country
                speakers = _speakers_up(verb, ix)
                towns = lemma in _TOWN_NOUNS
                found = last_places(
                    ix, target.i, settlement=settlement, skip=speakers, towns_first=towns
                )
                return found, target
            if (
                target.lower_ in _PRONOUNS_OF_PLACE
                and target.dep_ in ("nsubjpass", "dobj")
                and trigger.event in ("capture", "control", "enter", "withdraw")
            ):
                # "Azerbaijan said it had captured it": the taker is not the place taken.
                shared = _shared_object(verb, ix)
                if shared:
                    return shared, target
                taker = _subjects_up(verb)
                # "Lalibela in North Ethiopia ... recaptured it": towns are what is taken
                found = last_places(ix, target.i, settlement=True, within_units=0, skip=taker)
                if not found:
                    found = last_places(ix, target.i, settlement=None, within_units=1, skip=taker)
                return found, target
    return [], None


def _speakers_up(verb: Token, ix: DocIndex) -> frozenset[int]:
    """Tokens of the subjects of the reporting verbs a clause hangs on ("X denied that ...")."""
    found: set[int] = set()
    node = verb
    for _ in range(4):
        if node.dep_ not in ("ccomp", "xcomp", "conj", "advcl") or node.head.i == node.i:
            break
        node = node.head
        if node.lemma_.lower() in ix.cues.reporting_verbs:
            subject = direct_subject(node)
            if subject is not None:
                found.update(t.i for t in subject.subtree)
    return frozenset(found)


def _subjects_up(verb: Token) -> frozenset[int]:
    """Tokens of the subjects of a verb and of the verbs it reports to ("X said it ...")."""
    found: set[int] = set()
    node = verb
    for _ in range(4):
        subject = direct_subject(node)
        if subject is not None:
            found.update(t.i for t in subject.subtree)
        else:
            # "a day after South Sudan said ...", the name misparsed into the phrase before
            i = node.i - 1
            while i >= 0 and node.i - i <= 4 and node.doc[i].pos_ == "PROPN":
                found.add(i)
                i -= 1
        if node.dep_ not in ("ccomp", "xcomp", "conj", "advcl") or node.head.i == node.i:
            break
        node = node.head
    return frozenset(found)


def located_later(trigger: Trigger, ix: DocIndex) -> tuple[list[int], Token | None]:
    """A place given to the event's object later in the sentence by a clause of location:
    "footage showed a destroyed tank, and analysts confirmed it was near X"."""
    token = trigger.token
    for word in token.sent:
        if word.i <= token.i or word.lemma_.lower() not in ("be", "locate", "film", "take"):
            continue
        subject = next((c for c in word.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is None or subject.lower_ not in ("it", "they", "this"):
            continue
        for child in word.children:
            if child.dep_ == "prep" and child.lower_ in ("in", "near", "at", "outside", "inside"):
                found = drop_containers(places_below(child, ix), ix)
                if found:
                    return found, word
    return [], None


def _antecedent(noun: Token, ix: DocIndex) -> list[int]:
    # "a city in the X region, which ...": the specific place, not its container.
    node = noun
    if (
        node.dep_ == "pobj"
        and node.head.lower_ == "in"
        and node.head.head.pos_ in ("NOUN", "PROPN")
    ):
        node = node.head.head
    place = ix.place_of(node)
    if place is not None:
        return [place]
    if node.lemma_.lower() in ix.cues.place_nouns:
        if node.dep_ == "appos" and ix.place_of(node.head) is not None:
            return [ix.place_of(node.head)]  # type: ignore[list-item]
        inner = places_below(node, ix)
        if inner:
            return drop_containers(inner, ix)
    return []


def _shared_object(verb: Token, ix: DocIndex) -> list[int]:
    """ "stormed the base and seized it": "it" is the object of the verb it is joined to."""
    if verb.dep_ != "conj":
        return []
    obj = next((c for c in verb.head.children if c.dep_ == "dobj"), None)
    if obj is None:
        return []
    place = ix.place_of(obj)
    if place is not None:
        return [place]
    if obj.lemma_.lower() in ix.cues.place_nouns:
        named = _named_with(ix, obj, settlement=None)
        return [named] if named is not None else []
    return []


def _with_coordinated(place: int, noun: Token, ix: DocIndex) -> list[int]:
    """ "the villages" after "the villages of A and B": A and B; "the village": A alone."""
    if noun.tag_ != "NNS":
        return [place]
    head = ix.place_head(place)
    if head is None:
        return [place]
    found = [place]
    for conj in head.conjuncts:
        other = ix.place_of(conj)
        if other is not None and other not in found:
            found.append(other)
    return found


def _named_with(ix: DocIndex, noun: Token, *, settlement: bool | None) -> int | None:
    """ "the base" after "the X military base", "the village" after "the village of X": the
    latest place named together with the same noun, within the anaphora window."""
    lemma = noun.lemma_.lower()
    doc = ix.doc
    unit = ix.unit_of[noun.i]
    for place in reversed(range(len(ix.place_tokens))):
        start, end = ix.place_tokens[place]
        if start < 0 or start >= noun.i:
            continue
        if unit - ix.unit_of[start] > 3:
            break
        if settlement is not None and settlement == (
            ix.places[place].location.kind.value in ("region", "country")
        ):
            continue  # "the city" is never "the capital city of X State"
        after = doc[end : min(end + 2, noun.i)]  # "X military base", "X village"
        before = [t.lemma_.lower() for t in doc[max(start - 2, 0) : start]]  # "village of X"
        if any(t.lemma_.lower() == lemma for t in after) or (
            len(before) == 2 and before[0] == lemma and before[1] in ("of", "in", "at")
        ):
            return place
    return None


_TOWN_NOUNS = frozenset({"city", "town", "village", "capital", "hamlet", "settlement"})
"""Nouns that name a settlement itself, never a square or an airport inside it."""


def last_places(
    ix: DocIndex,
    before: int,
    *,
    settlement: bool | None,
    within_units: int = 3,
    skip: frozenset[int] = frozenset(),
    towns_first: bool = False,
) -> list[int]:
    """The most recent place mention before token `before` (not a mere container), leaving
    out mentions that start on a token of `skip`; with `towns_first`, a settlement before
    any square, airport or other feature ("the city" is not the square named last)."""
    unit = ix.unit_of[before]
    candidates = []
    for i, (start, _end) in enumerate(ix.place_tokens):
        if start < 0 or start >= before or unit - ix.unit_of[start] > within_units:
            continue
        if start in skip:
            continue
        if ix.in_furniture(ix.doc[start]):
            continue
        candidates.append(i)
    if not candidates:
        return []
    wide = {"region", "country"}
    ordered = list(reversed(candidates))
    if settlement is True:  # "the town" is never a region
        narrow = [p for p in ordered if ix.places[p].location.kind.value not in wide]
        if towns_first:
            towns = [p for p in narrow if ix.places[p].location.kind.value == "settlement"]
            narrow = towns or narrow
        return narrow[:1]
    if settlement is False:
        return [p for p in ordered if ix.places[p].location.kind.value in wide][:1]
    # Prefer the latest place that is not merely a container of the one before it.
    latest = ordered[0]
    if len(ordered) > 1 and is_surface_container(latest, ordered[1], ix):
        return [ordered[1]]
    return [latest]
