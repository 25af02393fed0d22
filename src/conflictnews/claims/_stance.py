"""Stance (asserted, denied, unconfirmed) and hedging of a claim, and cues that point back
to claims made before ("... deny this", "could not be independently verified")."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from ._claimant import Cue
from ._doc_index import DocIndex
from ._lexicon import CueLexicon
from ._triggers import Trigger, clause_verb

ASSERTED, DENIED, UNCONFIRMED = "asserted", "denied", "unconfirmed"
_NEGATIVE_DETS = frozenset({"no", "neither", "nor"})
_GENERIC_OF = frozenset(
    {"event", "report", "claim", "this", "that", "development", "it", "incident"}
)


def _negated(token: Token) -> bool:
    return any(
        c.dep_ == "neg" or (c.dep_ == "det" and c.lower_ in _NEGATIVE_DETS) for c in token.children
    )


def scope(trigger: Trigger, cue: Cue | None) -> list[Token]:
    """The event word, the words it hangs on up to its reporting verb, and their modifiers."""
    path = [trigger.token]
    node = trigger.token
    stop = cue.token.i if cue else None
    for _ in range(10):
        if node.head.i == node.i or node.i == stop:
            break
        node = node.head
        path.append(node)
        if node.i == stop or node.dep_ == "relcl":
            break
    words = list(path)
    for token in path:
        words += [c for c in token.children if c.dep_ in ("advmod", "amod", "aux", "neg", "det")]
    return words


def stance_of(trigger: Trigger, cue: Cue | None, ix: DocIndex) -> tuple[str, bool]:
    """Stance and hedging of the claim a trigger makes under its cue (if any)."""
    cues = ix.cues
    stance = ASSERTED
    verb = trigger.token if not trigger.nominal else clause_verb(trigger.token)
    if (
        _negated(trigger.token)
        or (not trigger.nominal and _negated(verb))
        or (trigger.nominal and trigger.token.dep_ in ("nsubj", "dobj", "attr") and _negated(verb))
    ):
        stance = DENIED
    node = trigger.token
    for _ in range(8):
        if node.head.i == node.i or (cue is not None and node.i == cue.token.i):
            break
        node = node.head
        lemma = node.lemma_.lower()
        if lemma in cues.unconfirmed_nouns and _negated(node):
            stance = UNCONFIRMED
            break
        if lemma in cues.unconfirmed_verbs and (_negated(node) or _not_able(node)):
            stance = UNCONFIRMED
            break
        if lemma in cues.truth_words and node.pos_ == "NOUN" and _negated(node):
            stance = DENIED  # "there is no truth to reports that X was destroyed"
            break
        if lemma in cues.claim_nouns and _called_false(node, cues):
            stance = DENIED  # "claims of capturing X are false", "reports of ... were not true"
            break
    if cue is not None:
        if cue.lemma in cues.denial_verbs:
            stance = ASSERTED if cue.negated else DENIED
        elif cue.negated and (
            cue.lemma in cues.unconfirmed_verbs or cue.lemma in cues.reporting_verbs
        ):
            stance = UNCONFIRMED
    hedged = stance == UNCONFIRMED or _hedged(trigger, cue, ix)
    return stance, hedged


def _called_false(noun: Token, cues: CueLexicon) -> bool:
    """Whether a claim noun is the subject of a verdict of falsity: "the claims are false",
    "reports ... were not true", "the report is a fabrication"."""
    if noun.dep_ not in ("nsubj", "nsubjpass"):
        return False
    verb = noun.head
    for word in (verb, *verb.children):
        if word is not verb and word.dep_ not in ("acomp", "attr", "oprd"):
            continue
        lemma = word.lemma_.lower()
        if lemma in cues.falsity_words and not _negated(verb):
            return True
        if lemma in cues.truth_words and (_negated(verb) or _negated(word)):
            return True
    return False


def _hedged(trigger: Trigger, cue: Cue | None, ix: DocIndex) -> bool:
    cues = ix.cues
    for token in scope(trigger, cue):
        word = token.lower_
        if word in cues.hedge_words or token.lemma_.lower() in cues.hedge_words:
            if word in ("may", "might") and token.dep_ != "aux":
                continue
            return True
    if cue is not None:
        if cue.lemma in cues.hedge_verbs:
            return True
        # "X is said to have ...", "are reported to have ...": doubt, not a source.
        if (
            cue.passive
            and cue.subject is None
            and cue.lemma in cues.hedge_passive_verbs
            and any(c.dep_ == "xcomp" for c in cue.token.children)
        ):
            return True
        if (
            cue.subject is not None
            and cue.subject.lemma_.lower() == "report"
            and not any(c.dep_ in ("prep", "poss", "compound") for c in cue.subject.children)
        ):
            return True  # "reports indicate ...": nobody named
    sentence = trigger.token.sent
    lead = ix.text[sentence.start_char : trigger.token.idx].lower()
    return any(phrase in lead for phrase in cues.hedge_phrases)


@dataclass
class PointerCue:
    """A denial or doubt about claims made before ("deny this", "no official confirmation")."""

    token: Token
    stance: str
    subject: Token | None
    words: list[Token]


def pointer_cues(tokens: list[Token], ix: DocIndex, has_trigger: set[int]) -> list[PointerCue]:
    """Cues in a unit that deny or doubt earlier claims instead of naming an event."""
    cues = ix.cues
    found: list[PointerCue] = []
    for token in tokens:
        lemma = token.lemma_.lower()
        verdict = _verdict(token, ix, has_trigger)
        if verdict is not None:
            found.append(verdict)
        elif token.pos_ in ("VERB", "AUX") and lemma in cues.denial_verbs and not _negated(token):
            target = _pointed(token, ix, has_trigger)
            if target is not None:
                found.append(PointerCue(token, DENIED, _subject(token), [token, *target]))
        elif (
            token.pos_ in ("VERB", "AUX")
            and lemma in cues.unconfirmed_verbs
            and (
                _negated(token)
                or _negated(token.head)
                or _not_able(token)
                or _negative_subject(token)
                or any(c.dep_ == "mark" and c.lower_ == "if" for c in token.children)
            )
        ):
            target = _pointed(token, ix, has_trigger)
            if target is not None:
                found.append(PointerCue(token, UNCONFIRMED, None, [token, *target]))
        elif (
            lemma in cues.unconfirmed_nouns
            and token.pos_ == "NOUN"
            and (_negated(token) or (token.head.pos_ in ("VERB", "AUX") and _negated(token.head)))
        ):
            below = {t.i for t in token.subtree}
            verb = token.head
            siblings = {
                t.i
                for c in verb.children
                if c.i != token.i and c.dep_ in ("nsubj", "nsubjpass")
                for t in c.subtree
            }
            if not (below | siblings) & has_trigger:
                found.append(PointerCue(token, UNCONFIRMED, None, [token]))
        elif lemma in cues.unconfirmed_adjectives and token.dep_ in ("acomp", "oprd"):
            found.append(PointerCue(token, UNCONFIRMED, None, [token]))
    return found


def _not_able(verb: Token) -> bool:
    """ "was unable to verify", "was not able to confirm", "failed to verify"."""
    if verb.dep_ != "xcomp":
        return False
    head = verb.head
    lemma = head.lemma_.lower()
    if lemma in ("unable", "fail"):
        return not _negated(head)
    return lemma == "able" and (_negated(head) or _negated(head.head))


def _negative_subject(verb: Token) -> bool:
    """ "neither claim could be verified", "no report was confirmed"."""
    return any(c.dep_ in ("nsubj", "nsubjpass") and _negated(c) for c in verb.children)


def _no_trigger_in(token: Token, has_trigger: set[int]) -> bool:
    return not ({t.i for t in token.subtree} & has_trigger)


def _speaker_of_clause(verb: Token, ix: DocIndex) -> Token | None:
    """The subject of the reporting verb a clause is reported by: "it is false, he said"."""
    reporting = ix.cues.reporting_verbs
    if verb.dep_ in ("ccomp", "parataxis") and verb.head.lemma_.lower() in reporting:
        return _subject(verb.head)
    for child in verb.children:
        if child.dep_ in ("ccomp", "parataxis") and child.lemma_.lower() in reporting:
            return _subject(child)
    return _subject(verb)


def _verdict(token: Token, ix: DocIndex, has_trigger: set[int]) -> PointerCue | None:
    """A verdict that earlier claims are untrue: "it is not true", "the reports are fake",
    "Moscow called the reports fake", "they are lying"."""
    cues = ix.cues
    lemma = token.lemma_.lower()
    if token.pos_ == "VERB" and lemma in cues.lying_verbs:
        subject = _subject(token)
        located = any(
            (c.dep_ == "prep" and c.lower_ in ix.cues.locative_preps)
            or c.lower_ in ("ahead", "down", "low", "there", "here", "dormant", "idle")
            for c in token.children
        )
        if subject is None or ix.place_of(subject) is not None or located or _negated(token):
            return None  # "the town lies on the river", "lie ahead"
        speaker = _speaker_of_clause(token, ix)  # the one who says they lie
        return PointerCue(token, DENIED, None if speaker is subject else speaker, [token])
    if token.pos_ == "VERB" and lemma in cues.verdict_verbs and not _negated(token):
        subject = _subject(token)
        if token.tag_ == "VBG" and token.dep_ in ("advcl", "xcomp", "conj"):
            # "X denied that its jets struck Y, calling the reports fake": X calls them so
            subject = _speaker_of_clause(token.head, ix)
        below = [t for t in token.subtree if subject is None or t.i not in _span(subject)]
        if not any(t.lemma_.lower() in cues.falsity_words for t in below):
            return None
        pointers = [
            t
            for t in below
            if t.dep_ in ("dobj", "nsubj") and t.lemma_.lower() in cues.pointer_words
        ]
        if not pointers or any(t.i in has_trigger for t in below):
            return None
        return PointerCue(token, DENIED, subject, [token, *pointers])
    if lemma in cues.truth_words and token.pos_ == "NOUN":
        return _no_truth_in(token, ix, has_trigger)
    false = lemma in cues.falsity_words
    if not (false or lemma in cues.truth_words) or token.dep_ not in ("acomp", "attr"):
        return None
    verb = token.head
    if verb.lemma_.lower() != "be":
        return None
    negated = _negated(verb) or _negated(token)
    if false == negated:
        return None  # "it is true", "it is not false"
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if (
        subject is None
        or subject.lemma_.lower() not in cues.pointer_words
        or not _no_trigger_in(subject, has_trigger)
    ):
        return None
    return PointerCue(token, DENIED, _speaker_of_clause(verb, ix), [subject, verb, token])


def _no_truth_in(noun: Token, ix: DocIndex, has_trigger: set[int]) -> PointerCue | None:
    """ "There is no truth in this", "no truth to these reports": a denial pointing back."""
    if noun.dep_ != "attr" or not _negated(noun) or noun.head.lemma_.lower() != "be":
        return None
    pointers = [
        p
        for prep in (*noun.children, *noun.head.children)
        if prep.dep_ == "prep" and prep.lower_ in ("to", "in", "behind")
        for p in prep.children
        if p.dep_ == "pobj" and p.lemma_.lower() in ix.cues.pointer_words
    ]
    if not pointers or not all(_no_trigger_in(p, has_trigger) for p in pointers):
        return None
    return PointerCue(noun, DENIED, _speaker_of_clause(noun.head, ix), [noun, *pointers])


def _span(token: Token) -> set[int]:
    return {t.i for t in token.subtree}


def _subject(verb: Token) -> Token | None:
    node = verb
    for _ in range(3):
        for child in node.children:
            if child.dep_ in ("nsubj",) and child.lower_ not in ("which", "who", "that"):
                return child
        if node.dep_ in ("conj", "advcl", "xcomp") and node.head.i != node.i:
            node = node.head
            continue
        break
    return None


def _pointed(verb: Token, ix: DocIndex, has_trigger: set[int]) -> list[Token] | None:
    """The pointer word a denial or doubt is about ("this", "these reports"), or [] when the
    verb takes no object at all; None when it is about something named here."""
    objects = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass", "ccomp", "xcomp")]
    if any(c.dep_ in ("ccomp", "xcomp") for c in objects):
        return None
    if any(
        c.dep_ == "prep" and c.lower_ in ("in", "for") and _span(c) & has_trigger
        for c in verb.children
    ):
        return None  # "denied any role in the attack": the parser hangs "in" on the verb
    for obj in objects:
        if {t.i for t in obj.subtree} & has_trigger:
            return None
        if (
            obj.lemma_.lower() not in ix.cues.pointer_words
            and obj.lower_ not in ix.cues.pointer_words
        ):
            return None
        for child in obj.children:
            if child.dep_ == "prep" and child.lower_ in ("of", "about", "on", "that"):
                inner = [g.lemma_.lower() for g in child.children if g.dep_ == "pobj"]
                if not set(inner) <= _GENERIC_OF:
                    return None
        return [obj]
    return []
