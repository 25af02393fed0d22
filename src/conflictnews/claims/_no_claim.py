"""Event words that make no claim.

A question ("Did the army take X?"); the scene an event is set in ("amid the war", "since
the invasion"); a prospect, a plan or a fear ("could attack", "plans to capture", "at risk
of an attack", "no details on casualties"); the object of another event word ("repelled the
attack": the verb is the event); a backdrop ("while fighting on X"). Section labels inside
an article body ("Offensive in the east") make none either.
"""

from __future__ import annotations

from spacy.symbols import AUX, VERB
from spacy.tokens import Token

from ._doc_index import DocIndex
from ._triggers import Trigger, clause_verb

_LEAD_UP_PREPS = frozenset({"after", "following"})
_WITHDRAWAL_DECISIONS = frozenset(
    {"decide", "decision", "order", "maneuver", "manoeuvre", "choose", "agree"}
)
_VERBAL = frozenset({VERB, AUX})
_REALIS_INFINITIVE = frozenset(
    {
        "force",
        "manage",
        "say",
        "report",
        "believe",
        "appear",
        "seem",
        "claim",
        "allege",
        "think",
        "understand",
        "rumour",
        "rumor",
        "suspect",
        "know",
        "continue",
        "begin",
        "start",
        "compel",
        "oblige",
    }
)


def label_lines(ix: DocIndex) -> set[int]:
    """Section labels inside the body ("Offensive in the east"): short lines with no verb
    and no closing punctuation. They name a topic rather than claim an event. The
    headline (first line) is kept: it does make claims."""
    lines: dict[int, list[int]] = {}
    for i, line in enumerate(ix.line_of):
        if not ix.is_space[i]:
            lines.setdefault(line, []).append(i)
    labels = set()
    for number, indices in list(lines.items())[1:]:
        if len(indices) > 12 or any(ix.pos_ids[i] in _VERBAL for i in indices):
            continue
        if ix.doc[indices[-1]].text not in (".", "!", "?", '"', "”", ":", "»"):
            labels.add(number)
    return labels


def makes_no_claim(trigger: Trigger, ix: DocIndex, trigger_tokens: set[int]) -> bool:
    """True when the event word makes no claim (see the module docstring). `trigger_tokens`
    are the token indices of all triggers of the Doc."""
    token = trigger.token
    sentence = token.sent.text.rstrip()
    if sentence.endswith("?"):
        return True
    if (
        trigger.nominal
        and token.dep_ == "pobj"
        and token.head.lower_ in ix.cues.background_preps
        and not (token.head.lower_ in _LEAD_UP_PREPS and trigger.event in ("attack", "strike"))
    ):
        # "amid the war", "since the invasion" set the scene; "took X after fierce
        # battles" tells of the fighting that led to the capture, at the same place.
        return True
    if trigger.nominal and _under_irrealis_noun(token, ix):
        return True  # "at risk of an attack", "no details on casualties"
    if trigger.nominal and token.dep_ in ("dobj", "nsubjpass") and token.head.i in trigger_tokens:
        return True  # "repelled the attack", "launched attacks": the verb is the event
    verb = token if not trigger.nominal else clause_verb(token)
    if (
        not trigger.nominal
        and token.tag_ == "VBG"
        and token.dep_ == "advcl"
        and any(c.lower_ == "while" for c in token.children)
    ):
        return True  # "while fighting on X": a backdrop, not a reported event
    node = verb
    for _ in range(6):
        aux = {c.lower_ for c in node.children if c.dep_ in ("aux", "auxpass")}
        if aux & ix.cues.irrealis_modals:
            return True
        if (
            "to" in aux
            or node.dep_ in ("xcomp", "acl")
            and any(c.lower_ == "to" for c in node.children)
        ):
            head = node.head.lemma_.lower()
            if trigger.event == "withdraw" and head in _WITHDRAWAL_DECISIONS:
                break  # a pull-out is announced as a decision or an order to pull out
            if head in ix.cues.irrealis_heads or (
                node.dep_ == "advcl" and head not in _REALIS_INFINITIVE
            ):
                return True
            if head not in _REALIS_INFINITIVE and node.dep_ in ("acl", "advcl"):
                return True
        if node.dep_ not in ("xcomp", "conj", "acl", "advcl") or node.head.i == node.i:
            break
        node = node.head
    return False


def _under_irrealis_noun(token: Token, ix: DocIndex) -> bool:
    node = token
    for _ in range(4):
        if node.head.i == node.i or node.head.pos_ in ("VERB", "AUX"):
            return False
        node = node.head
        if node.lemma_.lower() in ix.cues.irrealis_heads:
            return True
        if node.lemma_.lower() in ix.cues.unconfirmed_nouns:
            return False  # "no confirmation of the capture": a claim left unconfirmed
        if any(c.dep_ == "det" and c.lower_ == "no" for c in node.children):
            return True  # "no details on casualties", "no word of fighting"
    return False
