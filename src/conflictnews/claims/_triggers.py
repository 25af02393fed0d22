"""Event triggers: the words of a Doc that name an event, and which event each names.

A trigger is a verb ("captured", "pulled back"), an event noun ("the capture of", "strikes"),
a state of control ("under the control of") or a description of who holds a place ("the
rebel-held town"), read from the dependency parse with the words of ``data/events.json``.
Also the small readings of the parse the later steps share: the verb heading a word's
clause, passives, a verb's own subject.

Next steps: `_event_places` links places to each trigger, `_place_anaphora` and `_window`
find them when the parse links none.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Token

from ._doc_index import DocIndex

_HYPHENS = frozenset({"-", "‑", "–"})


# "hundreds of fighters": the quantity's noun is who acted.
_QUANTITY_WORDS = frozenset(
    {"hundred", "thousand", "dozen", "score", "million", "some", "most", "many", "much", "all"}
    | {"part", "group", "band", "column"}
)


RELATIVE_WORDS = frozenset({"where", "which", "that", "whose"})
"""Words opening a relative clause ("where", "which"): they stand for the noun before."""


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


def direct_subject(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass", "expl") and child.lower_ not in RELATIVE_WORDS:
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
    subject = direct_subject(verb)
    if subject is None and verb.dep_ == "xcomp":
        subject = next((c for c in verb.head.children if c.dep_ == "dobj"), None)
    if subject is None and verb.dep_ == "conj":
        subject = direct_subject(verb.head)
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
    subject = direct_subject(verb)
    if subject is None:
        return False
    return _quantified(subject).lemma_.lower() in ix.events.civilian_subjects


def _place_or_pronoun_subject(verb: Token, ix: DocIndex) -> bool:
    subject = direct_subject(verb)
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
        flag = direct_subject(token) if token.dep_ != "acl" else token.head
        if flag is not None and flag.lemma_.lower() in lex.flag_nouns and _flag_of_a_side(flag, ix):
            return Trigger(token, "control")
        return None
    if lemma in lex.place_subject_verbs:
        # "Ghazni fell on Thursday", "the last base had fallen": the subject is what was taken.
        subject = direct_subject(token)
        if subject is not None and subject.dep_ == "nsubj" and _is_site(subject, ix):
            return Trigger(token, lex.place_subject_verbs[lemma], subject_is_place=True)
        return None
    if lemma in lex.remote_only_verbs:
        subject = direct_subject(token)
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
        subject = direct_subject(token)
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
