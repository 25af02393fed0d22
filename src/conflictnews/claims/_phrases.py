"""Noun phrases and the subjects of verbs, with the small parser's common misparses repaired.

`np_bounds` is the span of a noun phrase without its clauses, appositions and trailing
prepositional phrases, never across a line break; `find_subject` is the subject of a verb,
climbing conjuncts and complements, past a date or a dateline the parse made the subject
("KHARTOUM, March 3 - Sudan's army said"), or a headline it read as one. Shared by the
readings of the claimant (`_claimant`, `_quotes`) and the agent (`_agent`), and by
`_actor_mentions`.
"""

from __future__ import annotations

from spacy.tokens import Token

from ._doc_index import crosses_line
from ._triggers import is_passive

PRONOUNS = frozenset(
    {"he", "she", "they", "it", "we", "them", "him", "her", "us", "their", "its", "our", "his"}
)


_NP_STOP_DEPS = frozenset(
    {"relcl", "acl", "appos", "advcl", "punct", "cc", "conj", "prep", "ccomp"}
)


NOT_SPEAKER_ENTITIES = frozenset({"DATE", "TIME", "CARDINAL", "QUANTITY", "PERCENT", "MONEY"})


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


def find_subject(verb: Token) -> Token | None:
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
            and c.ent_type_ not in NOT_SPEAKER_ENTITIES
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
    if subject.ent_type_ in NOT_SPEAKER_ENTITIES:
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


def base_form(token: Token) -> str:
    """Lower-case base form; a capitalised plural the lemmatizer kept ("Journalists") is
    made singular."""
    lemma = token.lemma_.lower()
    if lemma == token.lower_ and lemma.endswith("s") and not lemma.endswith("ss"):
        return lemma[:-1]
    return lemma


def bare_word(token: Token) -> str:
    """A token's text without a dash a dateline glued to it ("(Reuters) -Russian missiles"),
    and without the participle of "Ukrainian-launched", "Russian-fired"."""
    word = token.text.lstrip("-–—")
    first, _, rest = word.partition("-")
    return first if rest.lower() in _LAUNCHING else word


_LAUNCHING = frozenset({"launched", "fired", "operated", "piloted", "flown"})
