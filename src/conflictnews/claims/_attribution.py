"""Who makes a claim (claimant) and who did the event (agent), as actor mentions."""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from .._ids import slugify
from ..actors._keys import rules, split_words
from ..doc._mentions import ActorMention
from ..models import Actor, ActorKind
from ._doc_index import DocIndex, crosses_line
from ._place_anaphora import last_places
from ._triggers import Trigger, clause_verb, is_passive
from ._voices import government_of_capital, government_of_place

_PRONOUNS = frozenset(
    {"he", "she", "they", "it", "we", "them", "him", "her", "us", "their", "its", "our", "his"}
)
_NP_STOP_DEPS = frozenset(
    {"relcl", "acl", "appos", "advcl", "punct", "cc", "conj", "prep", "ccomp"}
)
_LEADING_DETS = re.compile(r"^(?:the|a|an|some|several|many|other|these|those)\s+", re.I)
_FIGHTING_KINDS = frozenset(
    {ActorKind.ARMED_GROUP, ActorKind.MILITARY, ActorKind.OTHER, ActorKind.POPULATION}
)
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
_FORCE_KINDS = frozenset({ActorKind.MILITARY, ActorKind.ARMED_GROUP, ActorKind.GOVERNMENT})
_FIGHTING_FORCES = frozenset({ActorKind.MILITARY, ActorKind.ARMED_GROUP})
_LEADING_VERBS = frozenset({"lead", "spearhead", "command", "head"})
_PEOPLE_KINDS = frozenset({ActorKind.PERSON, ActorKind.OFFICIAL, ActorKind.MEDIA})
_NOT_SPEAKER_ENTITIES = frozenset({"DATE", "TIME", "CARDINAL", "QUANTITY", "PERCENT", "MONEY"})
_SOURCE_POS = frozenset({"PROPN", "NOUN", "ADJ", "DET", "PART"})
_HEADLINE_REPORTS = frozenset({"says", "say", "reports", "claims", "claim", "denies", "deny"})
_SOURCE_DASHES = frozenset({"-", "–", "—", ":"})
_FORCE_NOUNS = frozenset(
    {"fighter", "troop", "force", "soldier", "unit", "man", "militiaman", "army", "drone",
     "aircraft", "artillery", "warplane", "jet"}
)  # fmt: skip


def _fallback_resolve(
    name: str, *, kind_hint: ActorKind | None = None, context: object = ()
) -> Actor:
    clean = _LEADING_DETS.sub("", name.strip())
    return Actor(id=f"actor:{slugify(clean)}", name=clean, kind=kind_hint or ActorKind.OTHER)


def actor_resolver() -> Callable[..., Actor]:
    """``conflictnews.actors.resolve_actor`` when the actors module has it, else a local one."""
    from ..actors import _registry as actors

    resolver = getattr(actors, "resolve_actor", None)
    return resolver if callable(resolver) else _fallback_resolve


@dataclass
class Cue:
    """A reporting word governing a claim ("said", "according to", "denied")."""

    token: Token
    subject: Token | None
    passive: bool
    negated: bool
    lemma: str


def np_bounds(head: Token) -> tuple[int, int]:
    """Token range of the noun phrase headed by `head`, without clauses, appositions,
    coordinated phrases and trailing prepositional phrases."""
    left = head.i
    for child in head.lefts:
        if child.dep_ not in _NP_STOP_DEPS:
            left = min(left, child.left_edge.i)
    right = head.i
    for child in head.rights:
        if child.dep_ in _NP_STOP_DEPS:
            break
        right = max(right, child.right_edge.i)
    doc = head.doc
    while left < head.i and crosses_line(doc[left], head):
        left += 1  # a phrase never runs across a line break (headlines, datelines)
    while right > head.i and crosses_line(head, doc[right]):
        right -= 1
    for i in range(head.i - 1, left - 1, -1):
        if doc[i].text in "()[]":
            left = i + 1  # "KYIV (Reuters) -Ukraine said": a dateline ends at its bracket
            break
    while left < right and (doc[left].is_punct or doc[left].is_space):
        left += 1
    while (
        left > 0
        and doc[left].pos_ == "PROPN"
        and doc[left - 1].pos_ == "PROPN"
        and doc[left - 1].whitespace_ != ""
        and not crosses_line(doc[left - 1], head)
    ):
        left -= 1  # "Boko | Haram jihadists": a name the parse broke in two
    return left, right + 1


def _find_subject(verb: Token) -> Token | None:
    node = verb
    for step in range(4):
        subjects = [c for c in node.children if c.dep_ in ("nsubj", "nsubjpass", "agent")]
        if not subjects:
            # "it has since May retaken X": the parse hung the subject on the auxiliary
            subjects = [
                g
                for c in node.children
                if c.dep_ == "aux" and c.i < node.i
                for g in c.children
                if g.dep_ in ("nsubj", "nsubjpass")
            ]
        # "Early Monday, M23 rebels, ... claimed": a date the parse made the subject, with the
        # speaker as its apposition.
        subjects = [_past_date(c) for c in subjects]
        named = [
            c
            for c in subjects
            if c.lower_ not in ("which", "who", "that")
            and not crosses_line(c, node)
            and c.ent_type_ not in _NOT_SPEAKER_ENTITIES
        ]
        if named:
            agent = [c for c in named if c.dep_ == "agent"]
            if agent:
                pobj = [g for g in agent[0].children if g.dep_ == "pobj"]
                return pobj[0] if pobj else None
            # Of two subjects the nearer: "KHARTOUM, March 3 - Sudan's army said" puts the
            # dateline in the subject slot too.
            nearest = min(named, key=lambda c: abs(node.i - c.i))
            if step == 0 and is_passive(node) and nearest.dep_ == "nsubjpass":
                return None  # the subject of a passive is what underwent it
            return nearest
        if subjects and node.dep_ == "relcl":
            return node.head
        if subjects and step == 0:
            # The parser took a headline on the line above as the subject.
            return _word_before(node)
        if not subjects and step == 0:
            # "FARDC reports heavy fighting": a headline's name read as a compound of its verb.
            named_before = [c for c in node.lefts if c.dep_ == "compound" and c.pos_ == "PROPN"]
            if named_before:
                return named_before[-1]
        if node.dep_ == "pcomp" and node.head.dep_ == "prep" and node.head.head.i != node.i:
            node = node.head.head  # "X was quoted as saying": the one quoted
            continue
        if node.dep_ == "xcomp" and node.head.i != node.i:
            told = [c for c in node.head.children if c.dep_ == "dobj" and c.i < node.i]
            if told:
                return told[0]  # "ordered the troops to leave": the troops leave
        if node.dep_ in ("conj", "xcomp", "advcl") and node.head.i != node.i:
            if crosses_line(node.head, verb):
                return _line_opening(verb)
            node = node.head
            continue
        return None
    return None


_DASHES = frozenset({"-", "\u2013", "\u2014"})


def _past_date(subject: Token) -> Token:
    """The speaker behind a date or a dateline the parse made the subject: "Early Monday,
    M23 rebels ... claimed", "Khartoum, June 30 The army ... refuted"."""
    if subject.ent_type_ in _NOT_SPEAKER_ENTITIES:
        return next((c for c in subject.children if c.dep_ == "appos"), subject)
    previous = subject.doc[subject.i - 1] if subject.i else None
    if (
        previous is None
        or "\n" in previous.text
        or "\n" in previous.whitespace_
        or previous.text == "("  # "(Reuters) - Militants said"
    ):
        # "OUAGADOUGOU, May 12 (Reuters) - Al Qaeda-linked militants said": the dateline
        # opening the line is no speaker; the one after its dash is.
        after_dash = [
            c
            for c in subject.children
            if c.dep_ == "appos"
            and c.pos_ in ("NOUN", "PROPN")
            and any(t.text in _DASHES for t in subject.doc[subject.i : c.i])
        ]
        if after_dash:
            return after_dash[-1]
    if subject.ent_type_ == "GPE":
        named = [
            c
            for c in subject.children
            if c.dep_ == "appos"
            and c.ent_type_ in ("ORG", "PERSON")
            and not (c.i and subject.doc[c.i - 1].text == "(")  # "(Reuters)": the wire credit
        ]
        if named:
            return named[0]
    return subject


def _line_opening(verb: Token) -> Token | None:
    """The noun opening a verb's line, as its subject, when the parse hung the line on the
    line above ("<label line> / Journalists from X decoded ... and confirmed ...")."""
    doc = verb.doc
    i = verb.i
    while i > 0 and not crosses_line(doc[i - 1], verb):
        i -= 1
    first = doc[i]
    while first.is_space and first.i < verb.i:
        first = doc[first.i + 1]
    return first if first.pos_ in ("NOUN", "PROPN") and first.i < verb.i else None


def _word_before(verb: Token) -> Token | None:
    """The noun right before a verb on its line, when the parse gave it no usable subject."""
    for i in range(verb.i - 1, max(-1, verb.i - 4), -1):
        token = verb.doc[i]
        if "\n" in token.text or "\n" in token.whitespace_:
            return None
        if token.pos_ in ("NOUN", "PROPN", "PRON"):
            return token
        if token.pos_ not in ("ADV", "AUX", "PART"):
            return None
    return None


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
            subject = _find_subject(parent)
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
            subject = _find_subject(child)
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
    subject = _find_subject(verb)
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
    lemma = _base(head)
    cues = ix.cues
    if head.lower_ in _PRONOUNS:
        wanted = _PRONOUN_KINDS.get(head.lower_, kinds) & kinds
        if head.dep_ == "nsubj" and head.head.lemma_.lower() in cues.reporting_verbs:
            # "..., it said": the one who spoke last, not the last name in the quote.
            speaker = _last_speaker(head, ix, wanted)
            if speaker is not None:
                return speaker
        return last_actor(ix, head.i, wanted)
    group = _named_group(head, ix)
    if group is None:
        group = _named_outlet(head, ix)
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
        government = _state_named(_word(head))  # "(Reuters) -Ukraine said"
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
        subject = _find_subject(verb)
        if subject is None or subject.lower_ in _PRONOUNS:
            continue
        found = speaker_of(subject, ix, kinds=kinds)
        if found is not None and ix.actors[found].actor.kind in kinds:
            return found
    return None


_SPEAKER_REACH = 120


@functools.lru_cache(maxsize=1024)
def _state_named(word: str) -> str | None:
    """ "Government of <word>" when the lexicon knows that government, else None."""
    from ..actors import _registry as actors

    if not word[:1].isupper():
        return None
    name = f"Government of {word}"
    known = actors.lookup_actor(name)
    return name if known is not None and known.kind is ActorKind.GOVERNMENT else None


def _affiliate(ix: DocIndex, start: int, end: int) -> bool:
    """ "an al-Qaeda-linked group", "Iran-backed militias": a phrase naming an actor only as
    the patron of another, which is then the phrase itself."""
    return any(ix.doc[i].lower_ in _AFFILIATION_WORDS for i in range(start, end))


def _base(token: Token) -> str:
    """Lower-case base form; a capitalised plural the lemmatizer kept ("Journalists") is
    made singular."""
    lemma = token.lemma_.lower()
    if lemma == token.lower_ and lemma.endswith("s") and not lemma.endswith("ss"):
        return lemma[:-1]
    return lemma


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
    actor = actor_resolver()(name or text, kind_hint=kind, context=context)
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
            subject = _find_subject(trigger.extra[0].head)
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
            subject = _find_subject(killing)
            if subject is not None:
                candidates.append(subject)
        if token.dep_ == "dobj" and _performs(token.head):
            subject = _find_subject(token.head)
            if subject is not None:
                candidates.append(subject)
        elif token.dep_ == "dobj" and token.head.lemma_.lower() in _OWNING_REPORTS:
            # "the government announced the capture of X": a side announcing its own gain
            subject = _find_subject(token.head)
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
                    or _named_group(g, ix) is not None
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
            subject = _find_subject(token)
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
        if candidate.ent_type_ in _NOT_SPEAKER_ENTITIES and candidate.i != token.i:
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
        if candidate.lower_ in _PRONOUNS:
            # "The army said it had destroyed X": a force speaking of itself.
            found = _speaker_above(candidate, ix)
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
            found = _speaker_above(candidate, ix)
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
                found = _speaker_above(candidate, ix)
                if found is None or ix.actors[found].actor.kind not in _FIGHTING_FORCES:
                    continue
            if found is None:
                found = _named_group(candidate, ix)
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


def _named_group(head: Token, ix: DocIndex) -> int | None:
    """The named group a common noun stands for once the article has introduced it: "the
    group", "the militants", "the paramilitaries", "its fighters", "the group's fighters",
    "the unit" -> the armed group or unit named last before it; "the groups" -> the alliance
    they form. An apposition names it too ("the Islamist group, Al Shabaab")."""
    lemma = _base(head)
    if lemma not in _GROUP_NOUNS or head.pos_ != "NOUN":
        return None
    for side in (head.head, *head.children):
        if (
            (side.dep_ == "appos" or head.dep_ == "appos")
            and side.i in ix.actor_at
            and ix.actors[ix.actor_at[side.i]].actor.kind in _FIGHTING_FORCES
        ):
            return ix.actor_at[side.i]  # "Al Shabaab, the militant group, said"
    determiners = {c.lower_ for c in head.children if c.dep_ in ("det", "poss")}
    owners = [c for c in head.children if c.dep_ == "poss" and c.pos_ == "NOUN"]
    definite = bool(determiners & _DEFINITE_OWNERS) or any(
        _base(o) in _GROUP_NOUNS and o.lower_ not in _PRONOUNS for o in owners
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
    kinds = _FIGHTING_FORCES if unit else frozenset({ActorKind.ARMED_GROUP})
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
        if plural and not _ALLIANCE_WORDS & words:
            continue
        if unit and not _UNIT_WORDS & words:
            continue  # "the unit" is a named formation, not a national army
        # The group introduced last; a description ("anti-junta partisans") names none.
        return i if _is_named(mention) else None
    return None


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


def _named_outlet(head: Token, ix: DocIndex) -> int | None:
    """ "the outlet", "the channel", "the broadcaster": the news outlet the article named."""
    if rules().kind_cues.get(_base(head)) != "media" or head.pos_ != "NOUN":
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
    from ..actors._lexicon import default_lexicon

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
_ALLIANCE_WORDS = frozenset({"alliance", "coalition", "front"})
_UNIT_WORDS = frozenset(
    {"group", "brigade", "battalion", "regiment", "division", "corps", "unit", "command"}
)


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
    subject = _find_subject(previous.root) if previous.root.pos_ in ("VERB", "AUX") else None
    if subject is None or subject.lower_ in _PRONOUNS:
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
                if known is not None and ix.actors[known].actor.kind in _FIGHTING_FORCES:
                    return known
    owner = next((c for c in noun.children if c.dep_ == "poss"), None)
    if owner is None or owner.lemma_.lower() != "country" or noun.head.i == noun.i:
        return None
    subject = _find_subject(noun.head)
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
    from ..actors import _registry as actors

    place = ix.place_of(token)
    if place is None:
        return None
    mention = ix.places[place]
    government = government_of_capital(mention.text) or government_of_place(mention.location)
    state = actors.lookup_actor(government) if government else None
    forces = actors.military_of(state) if state is not None else None
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
        if child.lower_ in _ALLIANCE_WORDS and child.i not in ix.actor_at:
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
        if child.dep_ not in _MODIFIER_DEPS or not _word(child)[:1].isupper():
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
        if ix.actors[known].actor.kind in _FIGHTING_FORCES:
            return known
        if ix.actors[known].actor.kind is ActorKind.GOVERNMENT:  # "junta airstrikes"
            armed = _forces_of_people(known, ix)
            if armed != known:
                return armed
        return None
    state = _forces_of_state_named(child, ix) if ix.place_of(child) is not None else None
    if state is not None:
        return state
    word = _word(child)
    forces = _forces_called(word)
    if forces is None:
        return None
    start = child.idx + len(child.text) - len(word)
    end = start + len(word)
    if child.pos_ == "ADJ":  # a nationality adjective does name the forces: "Russian"
        return ix.add_actor(ActorMention(start, end, word, forces))
    return ix.add_actor(_stand_in(start, end, word, forces))


def _word(token: Token) -> str:
    """A token's text without a dash a dateline glued to it ("(Reuters) -Russian missiles"),
    and without the participle of "Ukrainian-launched", "Russian-fired"."""
    word = token.text.lstrip("-–—")
    first, _, rest = word.partition("-")
    return first if rest.lower() in _LAUNCHING else word


_LAUNCHING = frozenset({"launched", "fired", "operated", "piloted", "flown"})
_LAUNCHING_VERBS = frozenset({"launch", "fire", "operate", "pilot", "fly"})
_MODIFIER_DEPS = frozenset({"amod", "compound", "nmod", "npadvmod"})


_STATE_MODIFIERS = ("government", "junta", "regime")
_MILITARY_MODIFIERS = ("military", "army")


def _government_here(word: Token, ix: DocIndex, *, military: bool = False) -> int | None:
    """The government of the country the sentence (else the article) is about, for a bare
    "government" or "regime" doing a military act; with ``military``, its armed forces."""
    from ..actors import _registry as actors

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
        government = actors.military_of(government)
    if government is None:
        return None
    end = word.idx + len(word.text)
    return ix.add_actor(_stand_in(word.idx, end, word.text, government))


@functools.cache
def _government_of_country(code: str) -> Actor | None:
    from ..actors._lexicon import default_lexicon

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
    from ..actors import _registry as actors

    for noun in ("forces", "army", "military"):
        forces = actors.lookup_actor(f"{word} {noun}")
        if forces is not None and forces.kind is ActorKind.MILITARY:
            return forces
    return None


def _forces_of_people(index: int, ix: DocIndex) -> int:
    """A people or a state named as doing a military act stands for its forces:
    "Ukrainians entered X", "Moscow said its troops took X" -> that country's armed forces,
    when the actor lexicon knows them."""
    from ..actors import _registry as actors

    mention = ix.actors[index]
    name = mention.text.strip()
    if mention.actor.kind is ActorKind.GOVERNMENT:
        forces = actors.military_of(mention.actor)
    elif mention.actor.kind is ActorKind.POPULATION and " " not in name and name.endswith("s"):
        forces = actors.lookup_actor(f"{name[:-1]} forces")
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
    from ..actors import _registry as actors

    if actors.lookup_actor(text) == forces:
        return ActorMention(start, end, text, forces)
    return ActorMention(start, end, forces.name, forces)


def _speaker_above(token: Token, ix: DocIndex) -> int | None:
    """The actor subject of the nearest reporting verb above a word's clause."""
    node = clause_verb(token)
    for _ in range(6):
        if node.head.i == node.i:
            return None
        node = node.head
        if node.lemma_.lower() in ix.cues.reporting_verbs and node.pos_ == "VERB":
            subject = _find_subject(node)
            if subject is None or subject.lower_ in _PRONOUNS:
                return None
            return speaker_of(subject, ix)
    return None


def quote_spans(text: str, opens: frozenset[str], closes: frozenset[str]) -> list[tuple[int, int]]:
    """Spans ``[open, close]`` of quoted passages long enough to be speech (five words or
    more). Quotes are paired within a line; curly quotes by direction, straight ones in turn."""
    spans: list[tuple[int, int]] = []
    offset = 0
    for line in text.split("\n"):
        start: int | None = None
        for i, char in enumerate(line):
            if char not in opens and char not in closes:
                continue
            directional_close = char in closes and char not in opens
            if start is None:
                if not directional_close:
                    start = i
                continue
            if char in opens and char not in closes and char != line[start]:
                start = i  # a new opening quote: the earlier one was never closed
                continue
            if len(line[start + 1 : i].split()) >= 5:
                spans.append((offset + start, offset + i))
            start = None
        offset += len(line) + 1
    return spans


def _first_noun(doc: Doc, start: int, end: int) -> Token | None:
    """The head of the first noun phrase in tokens ``[start, end)``."""
    for token in doc[start:end]:
        if token.pos_ in ("NOUN", "PROPN"):
            while token.dep_ in ("compound", "amod") and start <= token.head.i < end:
                token = token.head
            return token
        if token.pos_ not in ("PUNCT", "DET", "ADJ", "SPACE"):
            return None
    return None


def quote_speaker(quote: tuple[int, int], ix: DocIndex) -> int | None:
    """Who a quote is attributed to: a reporting verb right after it (", the army said")
    or right before it ("the army said: ...")."""
    start, end = quote
    doc = ix.doc
    after = doc.char_span(end + 1, min(len(ix.text), end + 300), alignment_mode="expand")
    if after is not None:
        for token in after:
            if token.text in ".\n" or token.is_space and "\n" in token.text:
                break
            if token.lemma_.lower() in ix.cues.reporting_verbs and token.pos_ in ("VERB", "AUX"):
                subject = _find_subject(token)
                if subject is not None and subject.idx > end:
                    return speaker_of(subject, ix)
                if subject is None and token.dep_ == "acl":
                    return speaker_of(token.head, ix)
                if subject is None:
                    # '"...," the task force, set up to ..., said': the parse lost the
                    # subject in the long apposition; the name opening the attribution.
                    opening = _first_noun(doc, after.start, token.i)
                    return speaker_of(opening, ix) if opening is not None else None
                return None
    before = doc.char_span(max(0, start - 160), start, alignment_mode="expand")
    if before is not None:
        for token in reversed(list(before)):
            if token.idx >= start:
                continue
            if token.text in ".\n" or token.is_space and "\n" in token.text:
                break
            if token.lemma_.lower() in ix.cues.reporting_verbs and token.pos_ in ("VERB", "AUX"):
                subject = _find_subject(token)
                return speaker_of(subject, ix) if subject is not None else None
    return None
