"""Event triggers and the places they are linked to, read from the dependency parse."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Token

from ._doc_index import DocIndex

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
_PRONOUNS_OF_PLACE = frozenset({"it"})
_HYPHENS = frozenset({"-", "‑", "–"})
# "hundreds of fighters": the quantity's noun is who acted.
_QUANTITY_WORDS = frozenset(
    {"hundred", "thousand", "dozen", "score", "million", "some", "most", "many", "much", "all"}
    | {"part", "group", "band", "column"}
)
_RELATIVE = frozenset({"where", "which", "that", "whose"})


@dataclass
class Trigger:
    """Words that name an event.

    Attributes:
        token: The head word (a verb, or an event noun).
        event: Event type value.
        nominal: True for event nouns ("the capture of ...").
        loser_subject: The subject lost the place ("X lost control of Y").
        subject_is_place: The subject is the place ("Y fell to X", "Y is under X's control").
        state: A state of control ("under the control of X") rather than an act.
        weak: Needs a directly linked place (no anaphora).
        described: A description of who holds a place ("the rebel-held town of Y"); the
            described noun is the first of `extra`.
        extra: Other words of the expression (particle, object, preposition).
    """

    token: Token
    event: str
    nominal: bool = False
    loser_subject: bool = False
    subject_is_place: bool = False
    state: bool = False
    weak: bool = False
    described: bool = False
    extra: list[Token] = field(default_factory=list)


def clause_verb(token: Token) -> Token:
    """The verb (or copula) heading the clause a word belongs to."""
    node = token
    while node.pos_ not in ("VERB", "AUX") and node.head.i != node.i:
        node = node.head
    return node


def is_passive(verb: Token) -> bool:
    """True for a passive verb ("was captured")."""
    if any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children):
        return True
    # "the town captured by X" is passive; "reports that troops had captured X", misparsed
    # as a modifier of "reports", keeps its own subject and is active.
    return (
        verb.tag_ == "VBN"
        and verb.dep_ in ("acl", "amod")
        and not any(c.dep_ == "nsubj" for c in verb.children)
    )


def _remote(token: Token, ix: DocIndex) -> bool:
    mods = ix.events.remote_modifiers
    for child in token.children:
        if child.dep_ in ("compound", "amod", "nmod", "npadvmod") or (
            child.dep_ == "prep" and child.lower_ == "with"
        ):
            words = [child, *child.conjuncts, *[g for g in child.children if g.dep_ == "pobj"]]
            if any(w.lemma_.lower() in mods or w.lower_ in mods for w in words):
                return True
    return False


def _subject(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass", "expl") and child.lower_ not in _RELATIVE:
            return child
    return None


def find_triggers(ix: DocIndex) -> list[Trigger]:
    """Every word of the Doc that names an event, outside page furniture."""
    lex = ix.events
    found: list[Trigger] = []
    candidates = [ix.doc[i] for i in ix.with_ids(lex.trigger_ids)]
    for token in candidates:
        if token.is_space or token.is_punct or ix.in_furniture(token):
            continue
        trigger = _described_control(token, ix)
        if trigger is None and token.pos_ in ("VERB", "AUX"):
            trigger = _verb_trigger(token, ix)
        if trigger is None and token.pos_ in ("NOUN", "PROPN", "VERB"):
            trigger = _noun_trigger(token, ix)
        if trigger is None and token.pos_ == "ADJ" and token.lemma_.lower() in lex.verbs:
            trigger = None  # adjectives ("a destroyed vehicle") are read as nouns' modifiers
        if trigger is not None and not _only_feared(token, ix):
            found.append(trigger)
    # "destroyed" as a modifier ("a destroyed vehicle") still names a destruction.
    for token in candidates:
        if (
            token.dep_ == "amod"
            and token.tag_ in ("VBN", "VBG")  # "a destroyed vehicle", "burning houses"
            and lex.verbs.get(token.lemma_.lower()) == "destroy"
            and not ix.in_furniture(token)
        ):
            found.append(Trigger(token, "destroy", nominal=True))
    found.sort(key=lambda t: t.token.i)
    return found


def _only_feared(token: Token, ix: DocIndex) -> bool:
    """ "the risk of being encircled", "fears of an offensive": named as a prospect, the
    event is no claim."""
    if token.dep_ in ("pcomp", "pobj") and token.head.lower_ == "of":
        return token.head.head.lemma_.lower() in ix.cues.irrealis_heads
    return False


def _is_site(noun: Token, ix: DocIndex) -> bool:
    """A place, a place noun ("the town") or a military site ("the base") standing for one."""
    if ix.place_of(noun) is not None:
        return True
    sites = ix.events.site_nouns
    lemma = noun.lemma_.lower()
    lower = noun.lower_
    if lemma in ix.cues.place_nouns or lower in ix.cues.place_nouns:
        return True
    if lemma in sites or lower.removesuffix("s") in sites:
        return True
    return any(
        c.dep_ == "compound"
        and (ix.place_of(c) is not None or c.lemma_.lower() in ix.events.site_nouns)
        for c in noun.children
    )


def _described_control(token: Token, ix: DocIndex) -> Trigger | None:
    """ "the rebel-held town of Y", "Houthi-controlled areas of Y": the hyphenated holder
    describes who controls the place the noun names."""
    lex = ix.events
    if token.i == 0 or token.dep_ not in ("amod", "compound"):
        return None
    if token.lemma_.lower() not in lex.descriptive_control_verbs and (
        token.lower_ not in lex.descriptive_control_verbs
    ):
        return None
    if ix.doc[token.i - 1].text not in _HYPHENS:
        return None
    noun = token.head
    if noun.i <= token.i or noun.pos_ not in ("NOUN", "PROPN"):
        return None
    if not (
        _is_site(noun, ix)
        # "X, a rebel-held road hub", "the rebel-held part of X"
        or (noun.dep_ == "appos" and ix.place_of(noun.head) is not None)
        or any(
            ix.place_of(g) is not None
            for c in noun.children
            if c.dep_ == "prep" and c.lower_ == "of"
            for g in c.children
        )
    ):
        return None
    # "several rebel-held areas" names no place of its own; "the rebel-held town" points back.
    definite = any(c.dep_ in ("det", "poss") and c.lower_ != "a" for c in noun.children)
    return Trigger(token, "control", described=True, weak=not definite, extra=[noun])


def _quantified(subject: Token) -> Token:
    """ "hundreds of fighters" acts through "fighters"; "thousands of lives" are lives."""
    if subject.lemma_.lower() in _QUANTITY_WORDS:
        for child in subject.children:
            if child.dep_ == "prep" and child.lower_ == "of":
                pobj = next((g for g in child.children if g.dep_ == "pobj"), None)
                if pobj is not None:
                    return pobj
    return subject


def _force_subject(verb: Token, ix: DocIndex) -> bool:
    """True when a fighting force does the verb ("troops reached X", "ordered its forces to
    leave X"), not a visitor or a civilian."""
    subject = _subject(verb)
    if subject is None and verb.dep_ == "xcomp":
        subject = next((c for c in verb.head.children if c.dep_ == "dobj"), None)
    if subject is None and verb.dep_ == "conj":
        subject = _subject(verb.head)
    if subject is None:
        return False
    subject = _quantified(subject)
    return (
        _fighting_actor(subject, ix)
        or subject.lemma_.lower() in ix.events.force_nouns
        or any(_fighting_actor(c, ix) for c in subject.children if c.dep_ in ("compound", "amod"))
    )


_FIGHTING_KINDS = frozenset({"armed_group", "military", "government"})


def _fighting_actor(token: Token, ix: DocIndex) -> bool:
    """A force or a state, not an envoy, an agency or a reporter."""
    index = ix.actor_at.get(token.i)
    return index is not None and ix.actors[index].actor.kind.value in _FIGHTING_KINDS


def _civilian_subject(verb: Token, ix: DocIndex) -> bool:
    subject = _subject(verb)
    if subject is None:
        return False
    return _quantified(subject).lemma_.lower() in ix.events.civilian_subjects


def _place_or_pronoun_subject(verb: Token, ix: DocIndex) -> bool:
    subject = _subject(verb)
    if subject is None and verb.dep_ == "relcl":
        subject = verb.head  # "bullets that fell into homes", "the town, which fell to X"
    return subject is None or subject.pos_ == "PRON" or _is_site(_quantified(subject), ix)


def _moved_force(verb: Token, lemma: str, ix: DocIndex) -> str | None:
    """ "troops were dislodged / evacuated" withdraw; "the army ousted the militants from X"
    takes X. Only a fighting force moved makes a military event."""
    lex = ix.events
    if lemma not in lex.expulsion_verbs and lemma not in lex.evacuation_verbs:
        return None
    for child in verb.children:
        if child.dep_ not in ("nsubjpass", "dobj"):
            continue
        moved = _quantified(child)
        if moved.i in ix.actor_at or moved.lemma_.lower() in lex.force_nouns:
            if lemma in lex.evacuation_verbs or child.dep_ == "nsubjpass":
                return "withdraw"
            return "capture"
    return None


def _place_like_object(prep: Token, ix: DocIndex) -> bool:
    pobj = next((g for g in prep.children if g.dep_ == "pobj"), None)
    if pobj is None:
        return True  # a dangling preposition: leave the verb its reading
    pobj = _quantified(pobj)
    if pobj.pos_ in ("PRON", "PROPN") or _is_site(pobj, ix):
        return True
    return any(  # "into the centre of X", "into the heart of the city"
        _is_site(g, ix) or g.pos_ == "PROPN"
        for c in pobj.children
        if c.dep_ == "prep" and c.lower_ == "of"
        for g in c.children
        if g.dep_ == "pobj"
    )


def _flag_of_a_side(flag: Token, ix: DocIndex) -> bool:
    """ "the Russian flag", "an Israeli flag", "the RSF's flag": a side's flag, not a flag at
    half mast."""
    return any(
        c.dep_ in ("amod", "compound", "poss")
        and (c.i in ix.actor_at or c.text[:1].isupper() or c.lower_ == "national")
        for c in flag.children
    )


def _come_under(prep: Token, ix: DocIndex) -> str | None:
    """ "came under fire" is a strike, "came under attack" an attack, "came under rebel
    forces" a capture; "came under pressure" is nothing."""
    pobj = next((g for g in prep.children if g.dep_ == "pobj"), None)
    if pobj is None:
        return None
    pobj = _quantified(pobj)  # "came under some of the heaviest fire"
    lemma = pobj.lemma_.lower()
    if lemma in ix.events.under_fire_nouns:
        return ix.events.under_fire_nouns[lemma]
    if pobj.i in ix.actor_at or lemma in ix.events.force_nouns:
        return "capture"
    return None


def _particle_place(verb: Token, word: Token) -> bool:
    """Right after the verb, or after its pronoun object: "pushed them back"."""
    gap = word.i - verb.i
    return gap == 1 or (gap == 2 and verb.doc[verb.i + 1].pos_ == "PRON")


def _verb_trigger(token: Token, ix: DocIndex) -> Trigger | None:
    lex = ix.events
    lemma = token.lemma_.lower()
    if token.dep_ == "amod":
        # The small parser reads "The RSF captured Kalma" as an adjective on "Kalma".
        if (
            token.head.pos_ == "PROPN"
            and token.head.i > token.i
            and lex.verbs.get(lemma)
            and lemma not in lex.verbs_needing_force_subject
            and not (token.i > 0 and ix.doc[token.i - 1].text in _HYPHENS)  # "London-based"
        ):
            return Trigger(token, lex.verbs[lemma], extra=[token.head])
        return None
    for child in token.children:
        # "troops moved in": the particle is sometimes parsed as an adverb
        if child.dep_ == "prt" or (child.dep_ == "advmod" and _particle_place(token, child)):
            event = lex.verb_particles.get((lemma, child.lower_))
            if event and not (
                event in lex.civilian_subject_events and _civilian_subject(token, ix)
            ):
                return Trigger(token, _intercepted(token, event, ix), extra=[child])
        if child.dep_ == "dobj":
            # "set several stalls ablaze": the parser hangs the particle on the object
            for word in child.children:
                event = (
                    lex.verb_particles.get((lemma, word.lower_)) if word.dep_ == "amod" else None
                )
                if event:
                    return Trigger(token, event, extra=[word])
        if child.dep_ in ("dobj", "nsubjpass"):
            hit = lex.verb_objects.get((lemma, child.lemma_.lower())) or lex.verb_objects.get(
                (lemma, _quantified(child).lemma_.lower())
            )
            if hit:
                return Trigger(token, hit[0], loser_subject=hit[1], extra=[child])
            if lemma == "lose" and child.dep_ == "dobj" and _lost_to(token, child, ix):
                return Trigger(token, "capture", loser_subject=True, extra=[child])
        if child.dep_ == "prep":
            hit = lex.verb_preps.get((lemma, child.lower_))
            if hit and lemma == "come":
                under = _come_under(child, ix)
                if under is not None:
                    return Trigger(token, under, subject_is_place=True, extra=[child])
            elif hit and hit[1] and not _place_or_pronoun_subject(token, ix):
                continue  # "bullets fell into homes", "prices fell to a low"
            elif hit and lemma in lex.verbs_needing_force_subject and not _force_subject(token, ix):
                continue  # "the car rammed into a wall": no fighter, no attack
            elif (
                hit
                and (hit[0] == "enter" or child.lower_ in ("in", "near"))
                and not _place_like_object(child, ix)
            ):
                # "broke into their defences": a breach, not an entry into a place;
                # "advanced in recent days": a time, not the place of the fighting
                continue
            elif hit:
                return Trigger(token, hit[0], subject_is_place=hit[1], extra=[child])
    moved = _moved_force(token, lemma, ix)
    if moved is not None:
        return Trigger(token, moved)
    if lemma in lex.flag_verbs:
        # "a Russian flag flying over X", "the flag was hung in X": a claim of control
        flag = _subject(token) if token.dep_ != "acl" else token.head
        if flag is not None and flag.lemma_.lower() in lex.flag_nouns and _flag_of_a_side(flag, ix):
            return Trigger(token, "control")
        return None
    if lemma in lex.place_subject_verbs:
        # "Ghazni fell on Thursday", "the last base had fallen": the subject is what was taken.
        subject = _subject(token)
        if subject is not None and subject.dep_ == "nsubj" and _is_site(subject, ix):
            return Trigger(token, lex.place_subject_verbs[lemma], subject_is_place=True)
        return None
    if lemma in lex.remote_only_verbs:
        subject = _subject(token)
        if (
            subject is not None
            and subject.dep_ == "nsubjpass"
            and _quantified(subject).lemma_.lower() in lex.civilian_subjects | lex.person_nouns
        ):
            return Trigger(token, "casualties")  # "residents were hit by stray bullets"
        if subject is not None and (
            subject.lemma_.lower() in lex.remote_modifiers
            or lex.nouns.get(subject.lemma_.lower()) == "strike"
            or _remote(subject, ix)
        ):
            return Trigger(token, "strike")
        return None
    event = lex.verbs.get(lemma)
    if event is None:
        return None
    if any(c.dep_ == "dobj" and c.lemma_.lower() in lex.non_event_objects for c in token.children):
        return None  # "have fought two wars over the area": the war, not an event in it
    if token.tag_ == "VBG" and token.dep_ in ("amod", "acl") and event == "other":
        return None  # "the districts surrounding the city" locates, it does not besiege
    if lemma in lex.verbs_needing_place_object and not _has_place_object(token, ix):
        return None
    if lemma in lex.verbs_needing_force_subject and not _force_subject(token, ix):
        return None
    if lemma in lex.verbs_needing_person_object and not _person_object(token, ix):
        return None  # "eliminated 10 fighters", not "eliminated the threat"
    if event in lex.civilian_subject_events and _civilian_subject(token, ix):
        return None  # people fleeing a town are displaced, not a force withdrawing
    event = _intercepted(token, event, ix)
    if event == "attack":
        subject = _subject(token)
        if _remote(token, ix) or (
            subject is not None and subject.lemma_.lower() in lex.remote_modifiers
        ):
            event = "strike"
    return Trigger(token, event)


def _about_people(noun: Token, ix: DocIndex) -> bool:
    """ "heavy losses", "losses of personnel": a word of the phrase says lives were lost."""
    words = ix.events.casualty_loss_words
    for child in noun.children:
        if child.dep_ in ("amod", "compound", "nmod") and child.lemma_.lower() in words:
            return True
        if (
            child.dep_ == "prep"
            and child.lower_ == "of"
            and any(g.lemma_.lower() in words for g in child.children if g.dep_ == "pobj")
        ):
            return True
    return False


def _intercepted(verb: Token, event: str, ix: DocIndex) -> str:
    """ "shot down five missiles" is an attack repelled; "shot down a helicopter" a
    destruction; "blew themselves up" a bombing."""
    if event != "destroy":
        return event
    for child in verb.children:
        if child.dep_ in ("dobj", "nsubjpass"):
            lemma = _quantified(child).lemma_.lower()
            if lemma in ix.events.intercepted_munitions:
                return "repel"
            if child.lower_ in ix.events.reflexive_objects:
                return "strike"
    return event


def _person_object(verb: Token, ix: DocIndex) -> bool:
    for child in verb.children:
        if child.dep_ in ("dobj", "nsubjpass"):
            target = _quantified(child)
            if target.lemma_.lower() in ix.events.person_nouns or target.i in ix.actor_at:
                return True
    return False


def _held_area(token: Token, ix: DocIndex) -> Trigger | None:
    """ "TNLA territory in northern X", "the group's X enclave": the area a named side holds.
    A place as the owner ("Russian territory", "Ukraine's territory") is only a location."""
    for child in token.children:
        if ix.place_of(child) is not None:
            continue
        if (child.dep_ == "poss" and (child.pos_ == "PRON" or child.i in ix.actor_at)) or (
            child.dep_ == "compound" and child.i in ix.actor_at
        ):
            return Trigger(token, "control", described=True, weak=True, extra=[token])
    return None


def _stronghold(token: Token, ix: DocIndex) -> Trigger | None:
    """ "X, a Ukrainian stronghold", "the rebel stronghold of X", "X was a bastion for the
    army": a description of who holds X. The holder must be named."""
    lex = ix.events
    named_for_only = token.lemma_.lower() not in lex.stronghold_nouns  # "a base for X"
    for child in token.children:
        dep = child.dep_
        holder = not named_for_only and (
            dep == "poss"
            or (
                dep in ("compound", "amod", "nmod")
                and (
                    child.i in ix.actor_at
                    or child.lemma_.lower() in lex.force_nouns
                    or (child.pos_ in ("PROPN", "ADJ") and child.text[:1].isupper())
                )
            )
        )
        if not holder and dep == "prep" and child.lower_ == "for":
            holder = any(
                g.i in ix.actor_at or _quantified(g).lemma_.lower() in lex.force_nouns
                for g in child.children
                if g.dep_ == "pobj"
            )
        if holder:
            # Read as a description of its own noun: "shelled the rebel stronghold of X" is a
            # strike and a control claim, the noun being no mere object of the strike.
            return Trigger(token, "control", described=True, weak=True, extra=[token])
    return None


def _lost_to(verb: Token, obj: Token, ix: DocIndex) -> bool:
    """ "the junta lost Lashio to the MNDAA": a place lost to someone is captured by them."""
    return ix.place_of(obj) is not None and any(
        c.dep_ == "prep" and c.lower_ == "to" for c in verb.children
    )


def _has_place_object(verb: Token, ix: DocIndex) -> bool:
    for child in verb.children:
        if child.dep_ not in ("dobj", "nsubjpass"):
            continue
        if child.lemma_.lower() == "place" and not any(
            c.dep_ in ("det", "poss") for c in child.children
        ):
            continue  # "took place": an idiom, not a place taken
        if _is_site(child, ix):
            return True
        # "most of the town", "parts of Y"
        if any(
            _is_site(g, ix)
            for c in child.children
            if c.dep_ == "prep" and c.lower_ == "of"
            for g in c.children
            if g.dep_ == "pobj"
        ):
            return True
    return False


def _noun_trigger(token: Token, ix: DocIndex) -> Trigger | None:
    lex = ix.events
    lemma = token.lemma_.lower()
    if (
        token.dep_ == "pobj"
        and token.head.lower_ == "under"
        and token.head.head.lemma_.lower() == "come"
        and lemma in lex.under_fire_nouns
    ):
        return None  # "came under attack": the verb reads it, at its subject's place
    if (
        lemma == "control"
        and token.dep_ == "attr"
        and token.left_edge.lower_ == "under"
        and token.left_edge.dep_ == "quantmod"
    ):
        # "X is under 100 percent control", the preposition misread as a quantifier
        return Trigger(token, "control", subject_is_place=True, state=True, extra=[token.left_edge])
    if (lemma in lex.control_nouns or token.lower_ in lex.control_nouns) and (
        token.head.dep_ == "prep"
    ):
        prep = token.head
        if prep.lower_ in lex.control_preps and token.dep_ == "pobj":
            owner = [c for c in token.children if c.dep_ in ("poss", "compound")] + [
                g
                for c in token.children
                if c.dep_ == "prep" and c.lower_ == "of"
                for g in c.children
            ]
            if lemma != "control" and not owner:
                return _named_event(token, ix)  # "under siege" without a besieger
            if prep.lower_ == "in" and lemma == "control":
                return Trigger(token, "control", state=True, extra=[prep])
            return Trigger(token, "control", subject_is_place=True, state=True, extra=[prep])
    if lemma in lex.stronghold_nouns:
        return _stronghold(token, ix)
    if lemma in lex.held_area_nouns:
        return _held_area(token, ix)
    if lemma in lex.stronghold_for_nouns:
        found = _stronghold(token, ix)
        if found is not None:
            return found
    return _named_event(token, ix)


def _named_event(token: Token, ix: DocIndex) -> Trigger | None:
    lex = ix.events
    lemma = token.lemma_.lower()
    event = lex.nouns.get(lemma) or lex.nouns.get(token.lower_)
    if event is None:
        return None
    if lemma in lex.qualified_casualty_nouns and not _about_people(token, ix):
        return None  # "the loss of the town", "economic losses"
    if (
        token.dep_ == "pobj"
        and token.head.lower_ == "of"
        and token.head.head.lemma_.lower() in lex.planner_nouns
    ):
        return None  # "a leader of attacks" describes a person, it reports no event
    if token.dep_ in ("oprd", "attr", "xcomp") and token.head.lemma_.lower() in lex.naming_verbs:
        return None  # "called the attack a massacre": a name for an event told elsewhere
    if token.dep_ in ("compound", "nmod") and token.head.pos_ in ("NOUN", "PROPN"):
        return None  # "drone footage", "missile attack": the head noun decides
    if token.pos_ == "VERB" and token.tag_ != "VBG":
        return None
    if any(
        c.dep_ in ("compound", "amod", "nmod") and c.lemma_.lower() in lex.non_military_modifiers
        for c in token.children
    ):
        return None  # "hunger strike", "heart attack"
    if event == "attack" and _remote(token, ix):
        event = "strike"
    return Trigger(token, event, nominal=True, weak=lemma in lex.weak_nouns)


def _locative(prep: Token, trigger: Trigger, ix: DocIndex) -> bool:
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
            if child.lower_ in ix.cues.background_preps or not _locative(child, trigger, ix):
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
                if g.dep_ == "prep" and _locative(g, trigger, ix)
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
            subject = _subject(noun.head)
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
            subject = _subject(holder)
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
        subject = _subject(token)
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
            if _nested_as_container(head, other, ix) or _surface_container(p, q, ix):
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


def _surface_container(p: int, q: int, ix: DocIndex) -> bool:
    """ "Q, P" or "Q in P" with P a wider kind of place than Q."""
    wide = {"region", "country", "district"}
    place_p, place_q = ix.places[p], ix.places[q]
    if place_p.location.kind.value not in wide or place_q.location.kind.value in wide:
        return False
    if place_q.end > place_p.start:
        return False
    between = ix.text[place_q.end : place_p.start]
    return len(between) < 40 and _CONTAINER_GAP.match(between) is not None


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
        marker = next((c for c in node.subtree if c.lower_ in _RELATIVE and c.i < verb.i), None)
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
            or (child.dep_ == "prep" and _locative(child, trigger, ix))
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
            subject = _subject(node)
            if subject is not None:
                found.update(t.i for t in subject.subtree)
    return frozenset(found)


def _subjects_up(verb: Token) -> frozenset[int]:
    """Tokens of the subjects of a verb and of the verbs it reports to ("X said it ...")."""
    found: set[int] = set()
    node = verb
    for _ in range(4):
        subject = _subject(node)
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
    if len(ordered) > 1 and _surface_container(latest, ordered[1], ix):
        return [ordered[1]]
    return [latest]
