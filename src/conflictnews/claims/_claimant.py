"""Who makes a claim: the reporting cue an event is told under, and the actor it names.

`find_cue` climbs the parse from a trigger to the nearest reporting word ("said", "denied",
"confirmed"), also a report closing the sentence (", the army said") or a headline's source
("Army says ...", "... – officials"). `speaker_of` reads the actor a claimant phrase names:
a known actor, the source of a document ("a statement from X"), a pronoun's antecedent, a
country or its capital speaking for its government, an office held over a place ("the
governor of the region"), or else the phrase itself. `according_to` finds "according to X".
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from spacy.tokens import Token

from ..actors import lookup_actor
from ..actors._keys import rules
from ..models import ActorKind
from ._actor_mentions import last_actor, named_group, named_outlet, new_actor
from ._doc_index import DocIndex, crosses_line
from ._phrases import PRONOUNS, bare_word, base_form, find_subject, np_bounds
from ._place_anaphora import last_places
from ._triggers import Trigger, clause_verb, is_passive
from ._voices import government_of_capital, government_of_place

_SPEAKING_KINDS = frozenset(ActorKind) - {ActorKind.POPULATION}


_AFFILIATION_WORDS = frozenset(
    {"linked", "affiliated", "backed", "allied", "aligned", "sponsored", "supported", "inspired"}
)


_BODY_KINDS = frozenset(
    {ActorKind.GOVERNMENT, ActorKind.MILITARY, ActorKind.ARMED_GROUP, ActorKind.MEDIA,
     ActorKind.OTHER}
)  # fmt: skip


_STATEMENT_REACH = 600


_PRONOUN_KINDS = {
    **dict.fromkeys(("it", "its"), _BODY_KINDS),
    # A person; an unknown one is sometimes filed by the words near the name ("army general").
    **dict.fromkeys(
        ("he", "she", "him", "his", "her"),
        frozenset({ActorKind.PERSON, ActorKind.OFFICIAL, ActorKind.MILITARY, ActorKind.OTHER}),
    ),
}


_SOURCE_POS = frozenset({"PROPN", "NOUN", "ADJ", "DET", "PART"})


_HEADLINE_REPORTS = frozenset({"says", "say", "reports", "claims", "claim", "denies", "deny"})


_SOURCE_DASHES = frozenset({"-", "–", "—", ":"})


@dataclass
class Cue:
    """A reporting word governing a claim ("said", "according to", "denied")."""

    token: Token
    subject: Token | None
    passive: bool
    negated: bool
    lemma: str


def find_cue(trigger: Trigger, ix: DocIndex) -> Cue | None:
    """The nearest reporting verb the event is reported under, climbing the parse; in a
    headline, also its source named before a reporting word ("Army says ...") or after a
    closing dash or colon ("... – officials")."""
    if trigger.event == "control" and trigger.token.dep_ == "amod":
        return None  # "the RSF-held town": the writer's own description, whoever speaks
    cue = _find_cue(trigger, ix)
    if cue is None and ix.line_of[trigger.token.i] == ix.line_of[0]:
        cue = _headline_source(trigger, ix)
    return cue


def _headline_source(trigger: Trigger, ix: DocIndex) -> Cue | None:
    doc = trigger.token.doc
    line = ix.line_of[trigger.token.i]
    end = trigger.token.i
    while end + 1 < len(doc) and ix.line_of[end + 1] == line and not doc[end + 1].is_space:
        end += 1
    # "<event> – authorities", "<event>: Army": a short name closing the line.
    for i in range(end, max(trigger.token.i, end - 5), -1):
        if doc[i].text in _SOURCE_DASHES and (doc[i].whitespace_ or doc[i].text == ":"):
            source = doc[i + 1 : end + 1]
            if len(source) and all(t.pos_ in _SOURCE_POS for t in source):
                return Cue(doc[i], source.root, False, False, "say")
            break
    # "Armenia reports battles around X": the name before a reporting word.
    for i in range(1, min(6, trigger.token.i)):
        word = doc[i]
        if ix.line_of[i] != line or word.lower_ not in _HEADLINE_REPORTS:
            continue
        names = doc[0:i]
        if all(t.pos_ in _SOURCE_POS for t in names) and any(t.pos_ == "PROPN" for t in names):
            return Cue(word, names.root, False, False, "say")
        return None
    return None


def _find_cue(trigger: Trigger, ix: DocIndex) -> Cue | None:
    cues = ix.cues
    node = trigger.token
    for _ in range(8):
        trailing = _trailing_report(node, trigger, ix)
        if trailing is not None:
            return trailing
        parent = node.head
        if parent.i == node.i or crosses_line(parent, trigger.token):
            return _trailing_on_line(trigger, ix)
        dep = node.dep_
        lemma = parent.lemma_.lower()
        if (
            parent.pos_ in ("VERB", "AUX")
            and lemma in cues.reporting_verbs
            and dep
            in (
                "ccomp",
                "xcomp",
                "dobj",
                "nsubjpass",
                "pobj",
                "prep",
                "conj",
                "attr",
                "oprd",
            )
        ):
            if dep == "conj" and not trigger.nominal:
                return None
            if (
                dep == "prep"
                and node.lower_ not in ("of", "about", "on", "regarding")
                and not _responsibility_for(node, parent)
                and not _in_a_document(node, ix)
            ):
                node = parent
                continue
            if lemma in cues.weak_reporting_verbs and not _documents(parent, ix):
                node = parent
                continue
            passive = is_passive(parent)
            subject = find_subject(parent)
            if subject is None and parent.i > trigger.token.i and not passive:
                subject = _named_after_comma(parent)
            negated = any(c.dep_ == "neg" for c in parent.children)
            return Cue(parent, subject, passive, negated, lemma)
        if dep == "relcl":
            return None
        node = parent
    return None


def _in_a_document(prep: Token, ix: DocIndex) -> bool:
    """ "said in a statement that ...", with the report hung on the statement."""
    return prep.lower_ == "in" and any(
        c.dep_ == "pobj" and c.lemma_.lower() in ix.cues.document_nouns for c in prep.children
    )


def _responsibility_for(prep: Token, verb: Token) -> bool:
    """ "claimed responsibility for the attack", "denied any role in the attack", with the
    preposition hung on the verb."""
    nouns = _SHARE_NOUNS.get(prep.lower_, ())
    return any(c.dep_ == "dobj" and c.lemma_.lower() in nouns for c in verb.children)


_SHARE_NOUNS = {
    "for": ("responsibility", "credit"),
    "in": ("role", "involvement", "part", "hand"),
}


def _trailing_report(node: Token, trigger: Trigger, ix: DocIndex) -> Cue | None:
    """A report that follows what it reports: "X happened on Monday, the army said." """
    if node.pos_ not in ("VERB", "AUX"):
        return None
    for child in node.rights:
        if (
            child.dep_ in ("parataxis", "ccomp", "advcl", "conj")
            and child.i > trigger.token.i
            and child.lemma_.lower() in ix.cues.reporting_verbs
            and child.pos_ == "VERB"
            and not any(c.dep_ in ("ccomp", "dobj", "xcomp") for c in child.children)
            and child.doc[child.left_edge.i - 1].text == ","
        ):
            subject = find_subject(child)
            if subject is not None:
                negated = any(c.dep_ == "neg" for c in child.children)
                return Cue(child, subject, False, negated, child.lemma_.lower())
    return None


def _named_after_comma(verb: Token) -> Token | None:
    """The speaker of a closing report the parser split ("..., regional governor X said"):
    the last word of the noun phrase between the comma and the verb."""
    doc = verb.doc
    i = verb.i - 1
    while i > 0 and doc[i].pos_ in ("DET", "ADJ", "NOUN", "PROPN"):
        i -= 1
    if doc[i].text == "," and i < verb.i - 1:
        return doc[verb.i - 1]
    return None


def _trailing_on_line(trigger: Trigger, ix: DocIndex) -> Cue | None:
    """A report closing the trigger's own sentence that the parse did not attach to it:
    ", the army said"."""
    doc = trigger.token.doc
    for token in doc[trigger.token.i + 1 : trigger.token.sent.end]:
        if "\n" in token.text:
            return None
        if token.lemma_.lower() not in ix.cues.reporting_verbs or token.pos_ != "VERB":
            continue
        i = token.i - 1
        while i > trigger.token.i and doc[i].pos_ in ("DET", "ADJ", "NOUN", "PROPN"):
            i -= 1
        if doc[i].text == "," and i < token.i - 1:
            subject = doc[token.i - 1]
            negated = any(c.dep_ == "neg" for c in token.children)
            return Cue(token, subject, False, negated, token.lemma_.lower())
    return None


def _documents(verb: Token, ix: DocIndex) -> bool:
    """True when a weak verb ("show", "read", "publish") reports: said of a document,
    or done by an actor publishing one."""
    subject = find_subject(verb)
    if subject is None:
        return verb.lemma_.lower() in ("publish", "post", "release", "share")
    if subject.lemma_.lower() in ix.cues.document_nouns:
        return True
    return verb.lemma_.lower() in ("publish", "post", "release", "share", "circulate", "broadcast")


def according_to(unit_tokens: list[Token]) -> Token | None:
    """The source named by "according to X" in the unit, or None."""
    for token in unit_tokens:
        if token.lower_ == "according":
            to = next((c for c in token.children if c.lower_ == "to"), None)
            if to is None and token.i + 1 < len(token.doc) and token.nbor().lower_ == "to":
                to = token.nbor()
            if to is not None:
                pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
                if pobj is not None:
                    return pobj
    return None


def speaker_of(
    head: Token, ix: DocIndex, *, kinds: frozenset[ActorKind] = _SPEAKING_KINDS
) -> int | None:
    """The actor named by a claimant phrase: a known actor in it, the source of a document
    ("a post from X", "reports from local media"), a newsroom's staff ("journalists from X"),
    a pronoun's antecedent, or else the phrase itself as an actor."""
    lemma = base_form(head)
    cues = ix.cues
    if head.lower_ in PRONOUNS:
        wanted = _PRONOUN_KINDS.get(head.lower_, kinds) & kinds
        if head.dep_ == "nsubj" and head.head.lemma_.lower() in cues.reporting_verbs:
            # "..., it said": the one who spoke last, not the last name in the quote.
            speaker = _last_speaker(head, ix, wanted)
            if speaker is not None:
                return speaker
        return last_actor(ix, head.i, wanted)
    group = named_group(head, ix)
    if group is None:
        group = named_outlet(head, ix)
    if group is not None:
        return group
    if lemma in rules().place_words and head.i not in ix.actor_at:
        return None  # "the village said" is a misparse: a place never speaks
    if lemma in cues.title_heads or lemma in cues.person_heads:
        # "A military spokesman, Viktor Tregubov, said": the name, not the title.
        named = next((c for c in head.children if c.dep_ == "appos" and c.pos_ == "PROPN"), None)
        if named is not None:
            return speaker_of(named, ix, kinds=kinds)
    if lemma in cues.title_heads and head.i not in ix.actor_at:
        titled = _titled(head, ix)
        if titled is not None:
            return titled
    if lemma in cues.document_nouns or lemma in cues.person_heads:
        for child in head.children:
            if child.dep_ == "poss":
                return speaker_of(child, ix, kinds=kinds)
            if child.dep_ in ("prep", "agent") and child.lower_ in (
                "from",
                "by",
                "of",
                "on",
                "for",
            ):
                pobj = next((g for g in child.children if g.dep_ == "pobj"), None)
                if pobj is not None and ix.place_of(pobj) is None:
                    return speaker_of(pobj, ix, kinds=kinds)
            if child.dep_ == "acl":
                agent = next((g for g in child.children if g.dep_ == "agent"), None)
                pobj = (
                    next((g for g in agent.children if g.dep_ == "pobj"), None) if agent else None
                )
                if pobj is not None:
                    return speaker_of(pobj, ix, kinds=kinds)
        if lemma in cues.document_nouns:
            if any(c.lower_ in ("the", "this", "that") for c in head.children):
                # "the statement said": the body whose statement the paragraph reports
                return _last_subject(head, ix, kinds & _BODY_KINDS)
            return None
    if head.i in ix.actor_at:
        return ix.actor_at[head.i]
    start, end = np_bounds(head)
    inside = {ix.actor_at[i] for i in range(start, end) if i in ix.actor_at}
    if len(inside) == 1 and not _affiliate(ix, start, end):
        return inside.pop()
    place = ix.place_of(head)
    government = government_of_capital(ix.doc[start:end].text.strip())
    if place is not None and government is None:
        government = government_of_place(ix.places[place].location)
    if government is None and end - start == 1 and head.pos_ in ("PROPN", "NOUN"):
        government = _state_named(bare_word(head))  # "(Reuters) -Ukraine said"
    if place is not None and government is None:
        return None
    if government is not None:
        return new_actor(ix, start, end, ActorKind.GOVERNMENT, name=government)
    of = next((c for c in head.rights if c.dep_ == "prep" and c.lower_ == "of"), None)
    body = next((g for g in of.children if g.dep_ == "pobj"), None) if of is not None else None
    if body is not None and body.pos_ == "NOUN" and ix.place_of(body) is None:
        # "the state of emergency task force", "the office of the prosecutor": one name
        end = max(end, np_bounds(body)[1])
    return new_actor(ix, start, end, None)


def _last_subject(word: Token, ix: DocIndex, kinds: frozenset[ActorKind]) -> int | None:
    """The last actor before `word`, within a paragraph's reach, that was the subject of a
    verb ("X issued a statement ... the statement said"); a name inside the quoted text or
    a prepositional phrase is not."""
    limit = word.idx
    floor = limit - _STATEMENT_REACH
    for i in range(len(ix.actors) - 1, -1, -1):
        mention = ix.actors[i]
        if not floor <= mention.start < limit or mention.actor.kind not in kinds:
            continue
        span = ix.span_of(mention.start, mention.end)
        if span is not None and any(t.dep_ == "nsubj" and _publishes(t.head, ix) for t in span):
            return i
    return None


def _publishes(verb: Token, ix: DocIndex) -> bool:
    lemma = verb.lemma_.lower()
    return lemma in ix.cues.reporting_verbs or lemma in _PUBLISHING_VERBS


_PUBLISHING_VERBS = frozenset({"issue", "speak", "quote", "cite", "broadcast", "air"})


def _last_speaker(pronoun: Token, ix: DocIndex, kinds: frozenset[ActorKind]) -> int | None:
    """The named subject of the last reporting verb before a pronoun, within a few sentences."""
    doc = pronoun.doc
    for i in range(pronoun.i - 1, max(-1, pronoun.i - _SPEAKER_REACH), -1):
        verb = doc[i]
        if verb.pos_ != "VERB" or verb.lemma_.lower() not in ix.cues.reporting_verbs:
            continue
        subject = find_subject(verb)
        if subject is None or subject.lower_ in PRONOUNS:
            continue
        found = speaker_of(subject, ix, kinds=kinds)
        if found is not None and ix.actors[found].actor.kind in kinds:
            return found
    return None


_SPEAKER_REACH = 120


@functools.lru_cache(maxsize=1024)
def _state_named(word: str) -> str | None:
    """ "Government of <word>" when the lexicon knows that government, else None."""
    if not word[:1].isupper():
        return None
    name = f"Government of {word}"
    known = lookup_actor(name)
    return name if known is not None and known.kind is ActorKind.GOVERNMENT else None


def _affiliate(ix: DocIndex, start: int, end: int) -> bool:
    """ "an al-Qaeda-linked group", "Iran-backed militias": a phrase naming an actor only as
    the patron of another, which is then the phrase itself."""
    return any(ix.doc[i].lower_ in _AFFILIATION_WORDS for i in range(start, end))


def _titled(head: Token, ix: DocIndex) -> int | None:
    """An office held over a place: "the governor of the region" -> "governor of <the region
    named last>"; "the mayor of Kalma" stays as written."""
    of = next((c for c in head.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    place_word = next((g for g in of.children if g.dep_ == "pobj"), None) if of else None
    if of is None or place_word is None:
        return None
    start, _ = np_bounds(head)
    end = place_word.right_edge.i + 1
    if ix.place_of(place_word) is not None:
        return new_actor(ix, start, end, None)
    lemma = place_word.lemma_.lower()
    dets = {c.lower_ for c in place_word.children if c.dep_ == "det"}
    if lemma not in ix.cues.place_nouns or not dets & {"the", "this", "that"}:
        return None
    wide = lemma in ix.cues.region_nouns and lemma not in ix.cues.settlement_nouns
    places = last_places(ix, place_word.i, settlement=not wide)
    if not places:
        return None
    words = ix.doc[start : of.i + 1].text
    name = f"{words} {ix.places[places[0]].location.name}"
    return new_actor(ix, start, end, None, name=name)


def speaker_above(token: Token, ix: DocIndex) -> int | None:
    """The actor subject of the nearest reporting verb above a word's clause."""
    node = clause_verb(token)
    for _ in range(6):
        if node.head.i == node.i:
            return None
        node = node.head
        if node.lemma_.lower() in ix.cues.reporting_verbs and node.pos_ == "VERB":
            subject = find_subject(node)
            if subject is None or subject.lower_ in PRONOUNS:
                return None
            return speaker_of(subject, ix)
    return None
