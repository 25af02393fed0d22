"""Who did the event (the agent), as an actor mention.

`agent_of` reads the subject of the event verb, "by X", the owner of an event noun ("the
group's attack"), the captor a place "fell to"; a weapon or an attack names its owner's
forces ("Russian drones", "Israeli strikes", "junta airstrikes", "a rocket fired by a
Russian jet"). A state, a people or a government named as doing a military act stands for
its armed forces ("Ukrainians entered X", "Moscow said its troops took X") when the actor
lexicon knows them.
"""

from __future__ import annotations

import functools
from collections import Counter

from spacy.tokens import Token

from ..actors import lookup_actor, military_of
from ..actors._keys import rules
from ..actors._lexicon import default_lexicon
from ..doc._mentions import ActorMention
from ..models import Actor, ActorKind
from ._actor_mentions import ALLIANCE_WORDS, FIGHTING_FORCES, last_actor, named_group, new_actor
from ._claimant import speaker_above
from ._doc_index import DocIndex, crosses_line
from ._phrases import NOT_SPEAKER_ENTITIES, PRONOUNS, bare_word, find_subject, np_bounds
from ._triggers import Trigger, is_passive
from ._voices import government_of_capital, government_of_place

_FIGHTING_KINDS = frozenset(
    {ActorKind.ARMED_GROUP, ActorKind.MILITARY, ActorKind.OTHER, ActorKind.POPULATION}
)


_FORCE_KINDS = frozenset({ActorKind.MILITARY, ActorKind.ARMED_GROUP, ActorKind.GOVERNMENT})


_LEADING_VERBS = frozenset({"lead", "spearhead", "command", "head"})


_PEOPLE_KINDS = frozenset({ActorKind.PERSON, ActorKind.OFFICIAL, ActorKind.MEDIA})


_FORCE_NOUNS = frozenset(
    {"fighter", "troop", "force", "soldier", "unit", "man", "militiaman", "army", "drone",
     "aircraft", "artillery", "warplane", "jet"}
)  # fmt: skip


def agent_of(trigger: Trigger, ix: DocIndex) -> int | None:
    """Who did the event: the subject of the event verb, "by X", the noun's owner."""
    token = trigger.token
    if trigger.loser_subject:
        # "X lost Y to Z": the one it was lost to, when named.
        for child in token.children:
            if child.dep_ == "prep" and child.lower_ == "to":
                for winner in child.children:
                    if winner.dep_ == "pobj" and winner.i in ix.actor_at:
                        return _forces_of_people(ix.actor_at[winner.i], ix)
        return None
    candidates: list[Token] = []
    if trigger.state:
        for child in token.children:
            if child.dep_ in ("poss", "compound"):
                candidates.append(child)
            if child.dep_ == "prep" and child.lower_ == "of" and trigger.extra[0].lower_ != "in":
                candidates += [g for g in child.children if g.dep_ == "pobj"]
        if trigger.extra and trigger.extra[0].lower_ == "in":
            subject = find_subject(trigger.extra[0].head)
            if subject is not None:
                candidates.append(subject)
    elif trigger.nominal:
        for child in token.children:
            if child.dep_ in ("poss",) or (child.dep_ == "compound" and child.i in ix.actor_at):
                candidates.append(child)
            if child.dep_ in ("prep", "agent") and child.lower_ in ("by", "of", "from"):
                pobj = next((g for g in child.children if g.dep_ == "pobj"), None)
                if pobj is not None and _reporter(pobj, ix):
                    continue  # "a report of the attack by Gov. X": the one who reported it
                if pobj is not None and child.lower_ == "from" and _is_weapon(pobj, ix):
                    candidates.append(pobj)  # "attack from Ukrainian-launched missiles"
                elif pobj is not None and (child.lower_ == "by" or pobj.i in ix.actor_at):
                    candidates.append(pobj)
        # "facing Russian attacks": the attack's own nationality before whoever faces it
        candidates.append(token)
        killing = token.head.head if token.dep_ == "pobj" else token
        if (
            token.head.lower_ in ("in", "during")
            and killing.pos_ == "VERB"
            and ix.events.verbs.get(killing.lemma_.lower()) == "casualties"
            and not is_passive(killing)
        ):
            # "X killed ten soldiers in an attack": who killed, attacked
            subject = find_subject(killing)
            if subject is not None:
                candidates.append(subject)
        if token.dep_ == "dobj" and _performs(token.head):
            subject = find_subject(token.head)
            if subject is not None:
                candidates.append(subject)
        elif token.dep_ == "dobj" and token.head.lemma_.lower() in _OWNING_REPORTS:
            # "the government announced the capture of X": a side announcing its own gain
            subject = find_subject(token.head)
            if subject is not None and not _possessed(token):
                candidates.append(subject)
    elif token.dep_ == "amod" and not any(c.dep_ == "agent" for c in token.children):
        # "the Russian-controlled city", "the RSF-held town", "a rebel-held district"
        holders = [c for c in token.children if c.dep_ in ("npadvmod", "nsubj", "compound")]
        for holder in holders:
            if holder.text[:1].isupper() and holder.i not in ix.actor_at:
                forces = _forces_named_by(holder, ix)
                if forces is not None:
                    return forces
        candidates += holders
    else:
        agent = next((c for c in token.children if c.dep_ == "agent"), None)
        if agent is not None:
            candidates += [g for g in agent.children if g.dep_ == "pobj"]
        elif is_passive(token):
            candidates += _causes(token, ix)
        elif trigger.subject_is_place:
            # "X fell to the RSF", "X came under Fano forces": the captor, when one is named
            # ("fell to the ground" has none)
            candidates += [
                g
                for c in token.children
                if c.dep_ == "prep" and c.lower_ in ("to", "under")
                for g in c.children
                if g.dep_ == "pobj"
                and (
                    g.i in ix.actor_at
                    or g.pos_ == "PROPN"
                    or g.lemma_.lower() in ix.events.nouns  # "came under Israeli fire"
                    or named_group(g, ix) is not None
                )
            ]
        elif trigger.event == "casualties" and not any(
            c.dep_ in ("dobj", "attr", "npadvmod")
            or (c.dep_ == "aux" and c.lemma_.lower() == "have")  # "claimed to have killed"
            for c in token.children
        ):
            # "Soldiers killed in ambush": a headline's passive; its subject is the dead. The
            # cause may name the doer: "killed in Israeli strikes".
            candidates += _causes(token, ix)
        elif token.dep_ == "acl" and token.tag_ == "VBG" and token.head.pos_ == "NOUN":
            candidates.append(token.head)  # "a mercenary group fighting near X": the group
        elif not is_passive(token):
            subject = find_subject(token)
            if subject is not None and not _comes_under(subject.head):
                candidates.append(subject)
    if not trigger.nominal:
        # "came under Israeli fire": the fire's owner, never the place under it
        for prep in token.children:
            if prep.dep_ == "prep" and prep.lower_ == "under":
                for fire in prep.children:
                    shooter = _national_forces(fire, ix) if fire.dep_ == "pobj" else None
                    sources = [  # "came under fire from Ukrainian-launched drones"
                        g
                        for c in fire.children
                        if c.dep_ == "prep" and c.lower_ == "from"
                        for g in c.children
                        if g.dep_ == "pobj" and _is_weapon(g, ix)
                    ]
                    for weapon in sources:
                        if shooter is None:
                            shooter = _national_forces(weapon, ix)
                    if shooter is not None:
                        return shooter
    if trigger.nominal:
        candidates.append(token)  # "Israeli strikes": the strikes' nationality
    elif token.dep_ == "acl" and token.head.lemma_.lower() in ix.events.nouns:
        candidates.append(token.head)  # "Israeli strikes killed 20", misparsed as a modifier
    for candidate in candidates:
        if candidate.ent_type_ in NOT_SPEAKER_ENTITIES and candidate.i != token.i:
            continue  # "Friday's strikes": a date owns nothing
        if ix.place_of(candidate) is not None and candidate.i not in ix.actor_at:
            state = _forces_of_state_named(candidate, ix)  # "Ukraine recaptured X"
            if state is not None:
                return state
            continue
        lemma = candidate.lemma_.lower()
        if (
            lemma in ix.events.nouns
            or lemma in ix.events.weapon_nouns
            or lemma in rules().munitions
            or candidate.i == token.i
        ):
            # "Russian drones struck X", "Israeli air strikes killed": the weapon's owner.
            national = _national_forces(candidate, ix)
            if national is not None:
                return national
            if not any(
                c.dep_ == "poss" and c.lower_ in ("its", "their") for c in candidate.children
            ):
                continue  # "X said its jets struck ...": the jets of the one speaking
        if lemma in ix.cues.document_nouns:
            continue
        owner = next((c for c in candidate.children if c.dep_ == "poss"), None)
        leader = _led_by(candidate, ix)
        if leader is not None:
            return leader  # "insurgents led by HTS": the named force, not the common noun
        if candidate.lower_ in PRONOUNS:
            # "The army said it had destroyed X": a force speaking of itself.
            found = speaker_above(candidate, ix)
            if found is not None and ix.actors[found].actor.kind not in _FORCE_KINDS:
                found = None
            if found is None and candidate.lower_ in ("it", "they"):
                found = _previous_subject(candidate, ix)
            if found is None:
                found = last_actor(ix, candidate.i, _FIGHTING_KINDS)
        elif (
            owner is not None
            and owner.lower_ in ("its", "their", "his", "her", "our")
            and candidate.lemma_.lower() in _FORCE_NOUNS
        ):
            # "X said its troops held ...": the forces of the one speaking of them. A person
            # speaking of "our forces" speaks for a force, not as one.
            found = speaker_above(candidate, ix)
            if found is not None and ix.actors[found].actor.kind in _PEOPLE_KINDS:
                found = None
            if found is None and owner.lower_ != "our":  # "our": the speaker's, unknown here
                found = last_actor(ix, owner.i, _FIGHTING_KINDS | {ActorKind.GOVERNMENT})
        elif candidate.i in ix.actor_at:
            found = ix.actor_at[candidate.i]
        else:
            start, end = np_bounds(candidate)
            inside = [ix.actor_at[i] for i in range(start, end) if i in ix.actor_at]
            found = inside[0] if inside else None
            if found is None and candidate.lemma_.lower() in _FORCE_NOUNS:
                found = _forces_described(candidate, ix)
            if found is None and _bare_force_noun(candidate, ix):
                # "the army said troops killed ...": the speaking force's own troops.
                found = speaker_above(candidate, ix)
                if found is None or ix.actors[found].actor.kind not in FIGHTING_FORCES:
                    continue
            if found is None:
                found = named_group(candidate, ix)
            if found is None and candidate.pos_ in ("NOUN", "PROPN"):
                found = new_actor(
                    ix, start, end, ActorKind.MILITARY if candidate.pos_ == "NOUN" else None
                )
        if found is not None:
            return _forces_of_people(found, ix)
    return None


_OWNING_REPORTS = frozenset({"announce", "claim", "hail", "celebrate", "tout"})


def _comes_under(verb: Token) -> bool:
    """ "X came under attack", "X is under fire": X is the target."""
    return verb.lemma_.lower() in ("come", "be") and any(
        c.dep_ == "prep" and c.lower_ == "under" for c in verb.children
    )


def _reporter(word: Token, ix: DocIndex) -> bool:
    """An official or an outlet named after "by": who reported, not who attacked."""
    known = ix.actor_at.get(word.i)
    return known is not None and ix.actors[known].actor.kind in (
        ActorKind.OFFICIAL,
        ActorKind.MEDIA,
    )


def _is_weapon(word: Token, ix: DocIndex) -> bool:
    lemma = word.lemma_.lower()
    return lemma in ix.events.weapon_nouns or lemma in rules().munitions


def _performs(verb: Token) -> bool:
    """ "launched strikes", "carried out an attack": a verb whose subject does the event it
    takes as object; "condemned the attack", "marked the first strike" are no such verb."""
    lemma = verb.lemma_.lower()
    if lemma in rules().performing_verbs:
        return True
    return lemma in _PHRASAL_PERFORMERS and any(
        c.dep_ == "prt" and c.lower_ in ("out", "up") for c in verb.children
    )


_PHRASAL_PERFORMERS = frozenset({"carry", "step", "ramp", "stage", "mount", "beef"})


def _possessed(noun: Token) -> bool:
    return any(c.dep_ in ("poss", "agent") or c.lower_ == "by" for c in noun.children)


def _named_with_word(word: Token, ix: DocIndex) -> int | None:
    """The last named actor before `word` whose name has that word ("the US-led coalition")."""
    limit = word.idx
    for i in range(len(ix.actors) - 1, -1, -1):
        mention = ix.actors[i]
        names = f"{mention.text} {mention.actor.name}".lower().split()
        if mention.start < limit and word.lower_ in names and mention.text[:1] != word.text[:1]:
            return i
    for i in range(word.i - 1, -1, -1):
        earlier = word.doc[i]
        if earlier.lower_ == word.lower_ and any(
            c.dep_ in ("amod", "compound") and c.text[:1].isupper() for c in earlier.lefts
        ):
            start, end = np_bounds(earlier)
            return new_actor(ix, start, end, None)
    return None


def _previous_subject(pronoun: Token, ix: DocIndex) -> int | None:
    """ "Turkey moved more troops to the border. It has stepped up shelling": a pronoun opening a
    sentence continues the subject of the sentence before, when that is a state or a force."""
    sentence = pronoun.sent
    if pronoun.dep_ != "nsubj" or any(
        t.pos_ in ("VERB", "NOUN") for t in sentence[: pronoun.i - sentence.start]
    ):
        return None
    if sentence.start == 0 or crosses_line(pronoun.doc[sentence.start - 1], pronoun):
        return None
    previous = pronoun.doc[sentence.start - 1].sent
    subject = find_subject(previous.root) if previous.root.pos_ in ("VERB", "AUX") else None
    if subject is None or subject.lower_ in PRONOUNS:
        return None
    if ix.place_of(subject) is not None and subject.i not in ix.actor_at:
        return _forces_of_state_named(subject, ix)
    known = ix.actor_at.get(subject.i)
    if known is not None and ix.actors[known].actor.kind in _FORCE_KINDS:
        return known
    return None


def _forces_described(noun: Token, ix: DocIndex) -> int | None:
    """Whose fighters a phrase describes: "fighters thought to be from ISWAP" -> ISWAP; "the
    country's troops" in "Russia's minister ordered the country's troops ..." -> Russia's."""
    for child in noun.children:
        if child.dep_ == "acl":
            for word in child.subtree:
                known = ix.actor_at.get(word.i)
                if known is not None and ix.actors[known].actor.kind in FIGHTING_FORCES:
                    return known
    owner = next((c for c in noun.children if c.dep_ == "poss"), None)
    if owner is None or owner.lemma_.lower() != "country" or noun.head.i == noun.i:
        return None
    subject = find_subject(noun.head)
    if subject is None:
        return None
    start, end = np_bounds(subject)
    for word in ix.doc[start:end]:
        if ix.place_of(word) is not None:
            forces = _forces_of_state_named(word, ix)
            if forces is not None:
                return forces
        if word.text[:1].isupper() and word.pos_ in ("ADJ", "PROPN"):
            called = _forces_called(word.text)
            if called is not None:
                return ix.add_actor(
                    _stand_in(word.idx, word.idx + len(word.text), word.text, called)
                )
    return None


def _bare_force_noun(token: Token, ix: DocIndex) -> bool:
    """ "troops", "soldiers", "forces" with nothing saying whose."""
    return (
        token.pos_ == "NOUN"
        and token.lemma_.lower() in ("troop", "soldier", "force", "unit", "fighter")
        and not any(c.dep_ in ("amod", "compound", "poss", "nmod", "det") for c in token.children)
    )


def _led_by(noun: Token, ix: DocIndex) -> int | None:
    """The force a fighting group is said to be led by: "insurgents led by HTS"."""
    for child in noun.children:
        if child.dep_ != "acl" or child.lemma_.lower() not in _LEADING_VERBS:
            continue
        for agent in child.children:
            if agent.dep_ != "agent":
                continue
            for pobj in agent.children:
                known = ix.actor_at.get(pobj.i) if pobj.dep_ == "pobj" else None
                if known is not None and ix.actors[known].actor.kind in _FORCE_KINDS:
                    return known
    return None


def _causes(verb: Token, ix: DocIndex) -> list[Token]:
    """Events a passive names as its cause: "killed in Israeli strikes", "wounded by shelling"."""
    return [
        g
        for c in verb.children
        if c.dep_ in ("prep", "agent") and c.lower_ in ("in", "by", "during")
        for g in c.children
        if g.dep_ == "pobj" and g.lemma_.lower() in ix.events.nouns
    ]


def _forces_of_state_named(token: Token, ix: DocIndex) -> int | None:
    """The armed forces of a country (or capital) named as the doer of a military act."""
    place = ix.place_of(token)
    if place is None:
        return None
    mention = ix.places[place]
    government = government_of_capital(mention.text) or government_of_place(mention.location)
    state = lookup_actor(government) if government else None
    forces = military_of(state) if state is not None else None
    if forces is None:
        return None
    return ix.add_actor(_stand_in(mention.start, mention.end, mention.text, forces))


def _national_forces(token: Token, ix: DocIndex) -> int | None:
    """The armed forces a nationality or a force on a weapon or attack names: "Russian drones",
    "Israeli air strikes", "RSF drone strikes", "US strikes" -> those forces, when the lexicon
    knows them; "US and British strikes" -> both, as one joint actor; "a rocket fired by a
    Russian jet", "a drone sent by Ukraine" -> whoever fired it."""
    modifiers = [c for c in token.children if c.dep_ in ("amod", "compound", "nmod")]
    modifiers += [  # "Ukrainian-launched missiles"
        g
        for c in modifiers
        if c.lemma_.lower() in _LAUNCHING_VERBS
        for g in c.children
        if g.dep_ in ("npadvmod", "nsubj", "compound")
    ]
    if token.dep_ == "conj" and token.head.pos_ == "NOUN":
        # "junta air and artillery strikes": coordinated weapons share the owner
        modifiers += [
            c
            for c in token.head.children
            if c.dep_ in ("amod", "compound", "nmod") and c.i < token.head.i
        ]
    modifiers += [g for c in modifiers if c.dep_ == "compound" for g in c.children]
    for child in modifiers:
        if child.lower_ in ALLIANCE_WORDS and child.i not in ix.actor_at:
            named = _named_with_word(child, ix)  # "coalition airstrikes": the one named
            if named is not None:
                return named
            continue
        if child.lower_ in _MILITARY_MODIFIERS and child.i not in ix.actor_at:
            # "military jets bombed X": the armed forces of the country the story is about
            forces = _government_here(child, ix, military=True)
            if forces is not None:
                return forces
            continue
        if child.lower_ in _STATE_MODIFIERS:
            # "government bombing in X", "junta airstrikes": the state that ordered them.
            if child.i in ix.actor_at:
                return ix.actor_at[child.i]
            state = _government_here(child, ix)
            if state is not None:
                return state
            continue
        if child.dep_ not in _MODIFIER_DEPS or not bare_word(child)[:1].isupper():
            continue
        if any(t.text in "()[],;:" for t in ix.doc[child.i + 1 : token.i]):
            continue  # "KYIV (Reuters) -Russian missiles": a dateline, not a modifier
        forces = _forces_named_by(child, ix)
        if forces is None:
            continue
        partners = [c for c in child.children if c.dep_ == "conj" and c.text[:1].isupper()]
        if partners and all(_forces_named_by(p, ix) is not None for p in partners):
            last = partners[-1]
            words = ix.doc[child.i : last.i + 1].text
            joint = new_actor(ix, child.i, last.i + 1, ActorKind.MILITARY, name=f"{words} forces")
            if joint is not None:
                return joint
        return forces
    for child in token.children:
        if child.dep_ != "acl":
            continue
        for agent in child.children:
            pobj = next((g for g in agent.children if g.dep_ == "pobj"), None)
            if agent.dep_ != "agent" or pobj is None:
                continue
            if ix.place_of(pobj) is not None and pobj.i not in ix.actor_at:
                return _forces_of_state_named(pobj, ix)  # "launched by Ukraine"
            if pobj.lemma_.lower() in ix.events.weapon_nouns | rules().munitions:
                return _national_forces(pobj, ix)  # "fired by a Russian bomber"
            start, end = np_bounds(pobj)
            inside = [ix.actor_at[i] for i in range(start, end) if i in ix.actor_at]
            if inside:
                return _forces_of_people(inside[0], ix)
            return new_actor(ix, start, end, None)  # "a mine planted by rebel fighters"
    return None


def _forces_named_by(child: Token, ix: DocIndex) -> int | None:
    """The forces one modifier of a weapon names: a known force or government ("RSF", "junta"),
    a nationality adjective ("Russian"), or a country ("US")."""

    if child.i in ix.actor_at:  # "RSF drone strikes", or a nationality read already
        known = ix.actor_at[child.i]
        if ix.actors[known].actor.kind in FIGHTING_FORCES:
            return known
        if ix.actors[known].actor.kind is ActorKind.GOVERNMENT:  # "junta airstrikes"
            armed = _forces_of_people(known, ix)
            if armed != known:
                return armed
        return None
    state = _forces_of_state_named(child, ix) if ix.place_of(child) is not None else None
    if state is not None:
        return state
    word = bare_word(child)
    forces = _forces_called(word)
    if forces is None:
        return None
    start = child.idx + len(child.text) - len(word)
    end = start + len(word)
    if child.pos_ == "ADJ":  # a nationality adjective does name the forces: "Russian"
        return ix.add_actor(ActorMention(start, end, word, forces))
    return ix.add_actor(_stand_in(start, end, word, forces))


_LAUNCHING_VERBS = frozenset({"launch", "fire", "operate", "pilot", "fly"})


_MODIFIER_DEPS = frozenset({"amod", "compound", "nmod", "npadvmod"})


_STATE_MODIFIERS = ("government", "junta", "regime")


_MILITARY_MODIFIERS = ("military", "army")


def _government_here(word: Token, ix: DocIndex, *, military: bool = False) -> int | None:
    """The government of the country the sentence (else the article) is about, for a bare
    "government" or "regime" doing a military act; with ``military``, its armed forces."""
    unit = ix.unit_of[word.i]
    codes: Counter[str] = Counter()
    for place, (start, _end) in enumerate(ix.place_tokens):
        code = ix.places[place].location.country_code
        if code and start >= 0 and ix.unit_of[start] == unit:
            codes[code] += 1
    if not codes:
        codes.update(p.location.country_code for p in ix.places if p.location.country_code)
    if not codes:
        return None
    government = _government_of_country(codes.most_common(1)[0][0])
    if government is not None and military:
        government = military_of(government)
    if government is None:
        return None
    end = word.idx + len(word.text)
    return ix.add_actor(_stand_in(word.idx, end, word.text, government))


@functools.cache
def _government_of_country(code: str) -> Actor | None:
    lexicon = default_lexicon()
    states = [
        actor
        for actor in lexicon.actors.values()
        if actor.kind is ActorKind.GOVERNMENT and lexicon.countries_of(actor) == {code}
    ]
    for head in _STATE_MODIFIERS:
        found = [
            actor
            for actor in states
            if any(n.lower().endswith(f" {head}") for n in [actor.name, *actor.aliases])
        ]
        if len(found) == 1:
            return found[0]
    return None


def _forces_called(word: str) -> Actor | None:
    """The armed forces "<word> forces" (or army, military) names: "Syrian", "US"."""
    for noun in ("forces", "army", "military"):
        forces = lookup_actor(f"{word} {noun}")
        if forces is not None and forces.kind is ActorKind.MILITARY:
            return forces
    return None


def _forces_of_people(index: int, ix: DocIndex) -> int:
    """A people or a state named as doing a military act stands for its forces:
    "Ukrainians entered X", "Moscow said its troops took X" -> that country's armed forces,
    when the actor lexicon knows them."""
    mention = ix.actors[index]
    name = mention.text.strip()
    if mention.actor.kind is ActorKind.GOVERNMENT:
        forces = military_of(mention.actor)
    elif mention.actor.kind is ActorKind.POPULATION and " " not in name and name.endswith("s"):
        forces = lookup_actor(f"{name[:-1]} forces")
    else:
        forces = None
    if forces is None:
        return index
    ix.actors.append(_stand_in(mention.start, mention.end, mention.text, forces))
    return len(ix.actors) - 1


def _stand_in(start: int, end: int, text: str, forces: Actor) -> ActorMention:
    """A mention of a state, a people or a ministry read as its armed forces. Unless the words
    as written name the forces themselves, they would become an alias of the army ("Russia",
    "the defence ministry") and merge it with the state or the ministry, so the mention
    carries the forces' own name."""
    if lookup_actor(text) == forces:
        return ActorMention(start, end, text, forces)
    return ActorMention(start, end, forces.name, forces)
