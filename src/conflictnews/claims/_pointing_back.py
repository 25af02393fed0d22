"""Claims about earlier claims: denials and doubts that point back.

"... denied this", "the figure could not be independently verified", "the RSF's version":
the pointer's words (found by `_stance.pointer_cues`) become claims, with the pointer's
stance and speaker, about the asserted claims they point to (only those of the one whose
version they name, when they name one): the claims of the pointer's own sentence before it;
else those about a place its sentence names, a few sentences back; else those of the
nearest sentence before that has any. A count ("the figure", "the toll") points to the
tolls among them.
"""

from __future__ import annotations

from spacy.tokens import Token

from ._claimant import according_to, speaker_of
from ._doc_index import DocIndex
from ._draft import CASUALTIES, Draft
from ._stance import ASSERTED, UNCONFIRMED, PointerCue
from ._window import unit_places

_COUNT_WORDS = frozenset({"figure", "tally", "toll", "count"})


def pointer_candidates(ix: DocIndex) -> dict[int, list[Token]]:
    """Words that may deny or doubt earlier claims, by unit."""
    units: dict[int, list[Token]] = {}
    for i in ix.with_ids(ix.cues.pointer_cue_ids):
        token = ix.doc[i]
        if not ix.in_furniture(token):
            units.setdefault(ix.unit_of[i], []).append(token)
    return units


def pointing_back(
    cue: PointerCue,
    unit: int,
    ix: DocIndex,
    drafts: list[Draft],
    *,
    place_ids: list[str],
    anaphora_units: int,
) -> list[Draft]:
    """Claims a pointer makes about the claims before it; `place_ids` are the ids of
    ``ix.places``, `anaphora_units` how many sentences back it may reach."""
    owner = _pointer_owner(cue, ix)

    def eligible(d: Draft) -> bool:
        if d.stance != ASSERTED or d.derived:
            return False
        if owner is None:
            return True
        return d.claimant is not None and ix.actors[d.claimant].actor.id == owner

    targets = [
        d for d in drafts if d.unit == unit and d.trigger.token.i < cue.token.i and eligible(d)
    ]
    if not targets and _note_on_its_sentence(cue, ix):
        return []  # "X used human shields, a claim that could not be verified": no event
    named = _named_in_unit(unit, ix, place_ids)
    if named and not targets:
        # "If confirmed, X would be ...": the doubt is about the claims on X, even when
        # claims about other places came in between.
        targets = [
            d
            for d in drafts
            if 0 < unit - d.unit <= anaphora_units
            and eligible(d)
            and named & {place_ids[p] for p in d.places}
        ]
    if not targets:
        for back in range(1, anaphora_units + 1):
            targets = [d for d in drafts if d.unit == unit - back and eligible(d)]
            if targets:
                break
    if not targets:
        return []
    if any(w.lemma_.lower() in _COUNT_WORDS for w in cue.words):
        # "The figure could not be verified": the toll, not the fighting that caused it
        tolls = [d for d in targets if d.event == CASUALTIES]
        targets = tolls or targets
    claimant: int | None = None
    words = list(cue.words)
    words += [
        t
        for c in cue.token.children
        if c.dep_ not in ("conj", "cc", "punct", "ccomp")
        for t in c.subtree
    ]
    if cue.subject is not None:
        claimant = speaker_of(cue.subject, ix)
        words.append(cue.subject)
    else:
        tokens = ix.unit_tokens(unit)
        source = according_to(tokens)
        if source is not None:
            claimant = speaker_of(source, ix)
            words.append(source)
    out = []
    seen: set[tuple[str, tuple[int, ...]]] = set()
    for target in targets:
        if claimant is not None and target.claimant == claimant:
            continue
        places = [p for p in target.places if place_ids[p] in named]
        places = places or list(target.places)
        key = (target.event, tuple(places))
        if key in seen:
            continue
        seen.add(key)
        out.append(
            Draft(
                trigger=target.trigger,
                event=target.event,
                places=places,
                unit=unit,
                words=words,
                stance=cue.stance,
                hedged=cue.stance == UNCONFIRMED,
                claimant=claimant,
                agent=target.agent,
                derived=True,
            )
        )
    return out


def _note_on_its_sentence(cue: PointerCue, ix: DocIndex) -> bool:
    """ ", a claim that could not be verified": an indefinite note on its own sentence."""
    for word in cue.token.sent:
        if (
            word.dep_ in ("appos", "npadvmod", "dep")
            and word.lemma_.lower() in ix.cues.claim_nouns
            and any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in word.children)
        ):
            return word.i < cue.token.i and any(t.i == cue.token.i for t in word.subtree)
    return False


def _named_in_unit(unit: int, ix: DocIndex, place_ids: list[str]) -> set[str]:
    """Ids of the places a unit names as settings (not speakers or owners)."""
    return {place_ids[i] for i in unit_places(ix, unit)}


def _pointer_owner(cue: PointerCue, ix: DocIndex) -> str | None:
    """Whose claims a pointer names: "the RSF's version", "the army's account"."""
    for word in cue.words[1:2]:
        poss = next((c for c in word.children if c.dep_ == "poss"), None)
        if poss is not None and poss.lower_ not in ("its", "their", "his", "her"):
            owner = speaker_of(poss, ix)
            if owner is not None:
                return ix.actors[owner].actor.id
    return None
