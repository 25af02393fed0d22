"""Reading claims from one parsed Doc, event word by event word.

`ClaimReader.read` finds the triggers (`_triggers`), drops those that make no claim
(`_no_claim`), and drafts a claim for each of the others: its places (`_event_places`, else
an earlier claim of the same event, `_place_anaphora` or the `_window`), its agent (`_agent`),
the cue it is reported under and its claimant (`_claimant`, `_quotes`), its stance (`_stance`)
and its date (`_dates`). Denials and doubts that point back add claims about the drafts
before them (`_pointing_back`); the drafts become Claim records (`_draft`).
"""

from __future__ import annotations

import datetime as dt

from spacy.tokens import Doc, Token

from .._ids import article_id
from ..doc._mentions import ActorMention, PlaceMention
from ..models import ActorKind, Claim
from ._actor_mentions import new_actor
from ._agent import agent_of
from ._claimant import according_to, find_cue, speaker_of
from ._dates import DateMention, anchor_date, find_dates
from ._doc_index import DocIndex
from ._draft import CASUALTIES, Draft, event_family, to_claims
from ._event_places import drop_containers, drop_reference_points, linked_places
from ._furniture import find_furniture
from ._lexicon import AcledLexicon, CueLexicon, EventLexicon, FurnitureLexicon
from ._no_claim import label_lines, makes_no_claim
from ._place_anaphora import anaphoric_places, last_places, located_later
from ._place_backfill import backfill_places
from ._pointing_back import pointer_candidates, pointing_back
from ._quotes import quote_spans, quote_speaker
from ._stance import pointer_cues, stance_of
from ._triggers import Trigger, find_triggers, is_passive
from ._window import in_dateline, is_descriptor, window_places


def _done_from_the_air(trigger: Trigger, ix: DocIndex) -> bool:
    """ "jets carried out an attack", "drones launched attacks": the doer is a remote weapon."""
    verb = trigger.token
    if trigger.nominal:
        if verb.dep_ != "dobj":
            return False
        verb = verb.head
    elif not any(e.dep_ == "dobj" for e in trigger.extra):
        return False  # "drones attacked X" is left to the verb's own reading
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None:
        return False
    remote = ix.events.remote_modifiers
    return subject.lemma_.lower() in remote or subject.lower_.removesuffix("s") in remote


_DEFINITE = frozenset({"the", "this", "that", "these", "those", "such"})


def _claims_responsibility(trigger: Trigger, cue: Token) -> bool:
    node = trigger.token
    if cue.lemma_.lower() == "claim" and node.dep_ == "dobj" and node.head.i == cue.i:
        return True  # "IS claimed the attack on X"
    if any(
        c.dep_ == "dobj" and c.lemma_.lower() in ("responsibility", "credit") for c in cue.children
    ):
        return True  # "X claimed responsibility on Sunday for the attack", "for" on the verb
    for _ in range(6):
        if node.i == cue.i or node.head.i == node.i:
            return False
        node = node.head
        if node.lemma_.lower() in ("responsibility", "credit"):
            return True
    return False


def _passive_without_agent(trigger: Trigger) -> bool:
    token = trigger.token
    return is_passive(token) and not any(c.dep_ == "agent" for c in token.children)


class ClaimReader:
    """Reads claims from Docs, with lexicons loaded once."""

    def __init__(
        self,
        *,
        events: EventLexicon,
        cues: CueLexicon,
        acled: AcledLexicon,
        furniture: FurnitureLexicon,
        anaphora_units: int = 3,
        window_reach_back: bool = True,
        event_anaphora_units: int = 6,
    ) -> None:
        self.events = events
        self.event_anaphora_units = event_anaphora_units
        self.window_reach_back = window_reach_back
        self.cues = cues
        self.acled = acled
        self.furniture = furniture
        self.anaphora_units = anaphora_units
        self._ix_place_ids: list[str] = []
        self._dates_cache: dict[tuple[int, int], list[DateMention]] = {}

    def read(
        self,
        doc: Doc,
        places: list[PlaceMention],
        actors: list[ActorMention],
        published: dt.date | None,
        *,
        text: str | None = None,
    ) -> tuple[list[Claim], list[ActorMention], list[PlaceMention]]:
        """Claims of a Doc, with the actor mentions added for claimants and agents it found
        and the place mentions it added (see `backfill_places`). `text` is ``doc.text``,
        when the caller has it already."""
        text = doc.text if text is None else text
        extra_places = backfill_places(doc, text, places, actors)
        places = sorted(places + extra_places, key=lambda m: (m.start, m.end))
        # A name inside a fighting force's name is not a place ("Freedom of Russia Legion",
        # "Hamas" read as a place): the claim would be about the force.
        forces = [
            (a.start, a.end)
            for a in actors
            if a.actor.kind in (ActorKind.ARMED_GROUP, ActorKind.MILITARY)
        ]
        places = [
            p
            for p in places
            if not any(s <= p.start and p.end <= e for s, e in forces)
            and not in_dateline(text, p.start, p.end)
        ]
        ix = DocIndex(
            doc,
            places,
            list(actors),
            find_furniture(text, self.furniture),
            text=text,
            events=self.events,
            cues=self.cues,
        )
        self._ix_place_ids = [m.location.id for m in places]
        self._dates_cache = {}
        known = len(ix.actors)
        try:
            anchor = anchor_date(text, published)
            labels = label_lines(ix)
            triggers = [t for t in find_triggers(ix) if ix.line_of[t.token.i] not in labels]
            trigger_tokens = {t.token.i for t in triggers}
            quotes = quote_spans(text, self.cues.quote_open, self.cues.quote_close)
            drafts: list[Draft] = []
            for trigger in triggers:
                if makes_no_claim(trigger, ix, trigger_tokens):
                    continue
                draft = self._draft(trigger, ix, drafts)
                if draft is None:
                    continue
                self._attribute(draft, ix, quotes, drafts)
                drafts.append(draft)
            for unit, tokens in pointer_candidates(ix).items():
                for cue in pointer_cues(tokens, ix, trigger_tokens):
                    drafts += pointing_back(
                        cue,
                        unit,
                        ix,
                        drafts,
                        place_ids=self._ix_place_ids,
                        anaphora_units=self.anaphora_units,
                    )
            drafts.sort(key=lambda d: d.words[0].i)
            for draft in drafts:
                draft.date = self._date(draft, ix, anchor)
            claims = to_claims(drafts, ix, article_id(text), self.acled)
            used = {c for d in drafts for c in (d.claimant, d.agent) if c is not None}
            added = [ix.actors[i] for i in sorted(used) if i >= known]
        finally:
            ix.release()
        return claims, added, extra_places

    # -- events and places ---------------------------------------------------------------

    def _names_another_object(self, trigger: Trigger, ix: DocIndex) -> bool:
        """ "the fall of the regime", "the capture of 20 soldiers": an event noun whose "of"
        names something other than a place is not about the places around it."""
        if not trigger.nominal:
            return False
        nouns = self.cues.place_nouns | self.cues.feature_nouns
        for child in trigger.token.children:
            if child.dep_ != "prep" or child.lower_ != "of":
                continue
            for obj in child.children:
                if obj.dep_ == "pobj" and obj.lemma_.lower() not in nouns:
                    return not any(ix.place_of(t) is not None for t in obj.subtree)
        return False

    def _draft(self, trigger: Trigger, ix: DocIndex, drafts: list[Draft]) -> Draft | None:
        token = trigger.token
        linked = [p for p in linked_places(trigger, ix) if not is_descriptor(p, ix)]
        places = drop_reference_points(drop_containers(linked, ix), trigger, ix)
        pointer: Token | None = None
        if places and not trigger.weak:
            # "strikes on a market of the city in X province": the event is at "the city",
            # the town named before; X only says where that town is.
            town, word = self._town_named_before(trigger, places, ix)
            if town:
                places, pointer = town, word
        locator: Token | None = None
        source: Draft | None = None
        if not places and not trigger.weak:
            source = self._event_anaphora(trigger, ix, drafts)
            if source is not None:
                places = list(source.places)
            else:
                places, pointer = anaphoric_places(trigger, ix, token.i)
            if not places:
                places, locator = located_later(trigger, ix)
            if not places and trigger.event == CASUALTIES:
                toll_of = self._event_just_before(token, ix, drafts)
                if toll_of is not None:
                    places = list(toll_of.places)
                    if event_family(toll_of.event) == "attack":
                        source = toll_of  # the attacker's toll; after a repel, whose is unclear
            if not places and not self._names_another_object(trigger, ix):
                places = window_places(
                    trigger,
                    ix,
                    [(d.unit, d.places) for d in drafts],
                    # A surrender, siege or encirclement is too loose a word to carry a
                    # place over from another sentence.
                    reach_back=self.window_reach_back and trigger.event != "other",
                )
        if (
            not places
            and trigger.weak
            and trigger.event == CASUALTIES
            and not any(c.dep_ == "prep" and c.lower_ == "in" for c in token.children)
        ):
            # "The army said the toll was 21": a toll, a vague word alone, still counts the
            # event told just before; "the toll in the enclave" counts a wider area.
            toll_of = self._event_just_before(token, ix, drafts)
            if toll_of is not None:
                places = list(toll_of.places)
                if event_family(toll_of.event) == "attack":
                    source = toll_of  # the attacker's toll; after a repel, whose is unclear
        if not places:
            return None
        unit = ix.unit_of[token.i]
        words = [token, *trigger.extra]
        if pointer is not None:
            words.append(pointer)
        for place in places:
            start, end = ix.place_tokens[place]
            if start >= 0 and ix.unit_of[start] == unit:
                words += list(ix.doc[start:end])
        if locator is not None:
            words.append(locator)
        event = trigger.event
        if source is not None and event == "attack" and source.event == "strike":
            event = "strike"  # "the Thursday attack" after an air strike is that strike
        if event == "attack" and _done_from_the_air(trigger, ix):
            event = "strike"  # "its aircraft carried out an attack": a strike
        draft = Draft(trigger, event, places, unit, words, locator=locator)
        draft.agent = agent_of(trigger, ix)
        if draft.agent is None and source is not None:
            draft.agent = source.agent
        if draft.agent is None and (trigger.nominal or _passive_without_agent(trigger)):
            earlier = self._same_event_before(draft, drafts)
            if earlier is not None:
                draft.agent = earlier.agent
        return draft

    @staticmethod
    def _town_named_before(
        trigger: Trigger, places: list[int], ix: DocIndex
    ) -> tuple[list[int], Token | None]:
        """When every linked place is a region or country named after "the city" / "the
        town" in the event's phrase, the place is the last settlement named before it."""
        wide = ("region", "country")
        if any(ix.places[p].location.kind.value not in wide for p in places):
            return [], None
        token = trigger.token
        first = min(ix.place_tokens[p][0] for p in places)
        for word in ix.doc[token.i + 1 : first]:
            if (
                word.lemma_.lower() in ix.cues.settlement_nouns
                and ix.place_of(word) is None
                and any(c.dep_ == "det" and c.lower_ == "the" for c in word.children)
                and not any(
                    c.dep_ in ("compound", "amod", "appos") and ix.place_of(c) is not None
                    for c in word.children
                )
                and not any(
                    c.dep_ == "prep" and c.lower_ == "of" and ix.place_of(g) is not None
                    for c in word.children
                    for g in c.children
                )
            ):
                town = last_places(ix, word.i, settlement=True, towns_first=True)
                return (town, word) if town else ([], None)
        return [], None

    def _event_anaphora(self, trigger: Trigger, ix: DocIndex, drafts: list[Draft]) -> Draft | None:
        """ "the attack", "this offensive": the most recent claim of the same kind of event."""
        token = trigger.token
        noun: Token | None = None
        family = event_family(trigger.event)
        if trigger.nominal:
            noun = token
        else:
            for child in token.children:
                if (
                    child.dep_ in ("nsubjpass", "dobj")
                    and child.lemma_.lower() in self.events.nouns
                ):
                    noun = child
                    family = event_family(self.events.nouns[child.lemma_.lower()])
        if noun is None:
            return None
        dets = {c.lower_ for c in noun.children if c.dep_ in ("det", "predet", "poss")}
        if not dets & (_DEFINITE | {"all", "its", "their"}):
            return None
        if any(c.dep_ == "prep" and c.lower_ == "of" for c in noun.children):
            return None  # "the fall of the regime" names what fell: no earlier event
        unit = ix.unit_of[token.i]
        # "the bombing" names one event and may come back to it much later; "all attacks",
        # "its offensive" speak more loosely and stay close.
        reach = self.event_anaphora_units if dets & _DEFINITE else self.anaphora_units
        for draft in reversed(drafts):
            if unit - draft.unit > reach:
                break
            if trigger.event == "strike" and draft.event != "strike":
                continue  # "the strikes" name air or artillery fire, never a ground attack
            if (
                trigger.event == "attack"
                and draft.event == CASUALTIES
                and draft.agent is not None
                and unit - draft.unit <= 1
                and draft.trigger.token.i < token.i
            ):
                return draft  # "Militants killed 26 near X. ... denied any role in the attack"
            if event_family(draft.event) == family and draft.trigger.token.i < token.i:
                return draft
        return None

    @staticmethod
    def _event_just_before(token: Token, ix: DocIndex, drafts: list[Draft]) -> Draft | None:
        """The claim just before, in the same sentence or the one before it within the
        paragraph: the toll that follows an attack ("... shelled X. Twelve civilians were
        killed"; "claimed the attack on X, saying it killed 50") counts it there."""
        unit = ix.unit_of[token.i]
        for draft in reversed(drafts):
            if draft.unit < unit - 1:
                return None
            if draft.trigger.token.i < token.i and event_family(draft.event) != CASUALTIES:
                start = draft.trigger.token.idx
                if "\n" in ix.text[start : token.idx]:
                    return None
                return draft
        return None

    def _same_event_before(self, draft: Draft, drafts: list[Draft]) -> Draft | None:
        ids = {self._ix_place_ids[p] for p in draft.places}
        for earlier in reversed(drafts):
            if event_family(earlier.event) != event_family(draft.event) or earlier.agent is None:
                continue
            if ids & {self._ix_place_ids[p] for p in earlier.places}:
                return earlier
        return None

    # -- attribution ---------------------------------------------------------------------

    def _attribute(
        self, draft: Draft, ix: DocIndex, quotes: list[tuple[int, int]], drafts: list[Draft]
    ) -> None:
        trigger = draft.trigger
        cue = find_cue(trigger, ix)
        if cue is None and draft.locator is not None:
            # The clause that placed the event is the one reported: "... confirmed it was in X".
            cue = find_cue(Trigger(draft.locator, trigger.event), ix)
        draft.stance, draft.hedged = stance_of(trigger, cue, ix)
        claimant: int | None = None
        if cue is not None:
            draft.words.append(cue.token)
            if cue.subject is not None:
                claimant = speaker_of(cue.subject, ix)
                if claimant is not None and cue.subject.sent == trigger.token.sent:
                    draft.words.append(cue.subject)
            elif cue.passive and cue.lemma in ("report", "confirm", "say") and not draft.hedged:
                claimant = self._carried_claimant(draft, ix, drafts)
        if claimant is None:
            tokens = ix.unit_tokens(draft.unit)
            source = according_to(tokens)
            if source is not None:
                claimant = speaker_of(source, ix)
                draft.words.append(source)
        if claimant is None:
            offset = trigger.token.idx
            quote = next((q for q in quotes if q[0] < offset < q[1]), None)
            if quote is not None:
                claimant = quote_speaker(quote, ix)
        if claimant is None:
            claimant = self._embed_author(draft, ix)
        draft.claimant = claimant
        if cue is not None and claimant is not None and _claims_responsibility(trigger, cue.token):
            draft.agent = claimant  # "X claimed responsibility for the attack on Y"

    def _carried_claimant(self, draft: Draft, ix: DocIndex, drafts: list[Draft]) -> int | None:
        """A report in the passive ("explosions were reported") keeps the source of the
        claims just before it, in the same paragraph."""
        for earlier in reversed(drafts):
            if earlier.unit < draft.unit - 1:
                break
            if earlier.unit == draft.unit - 1 and earlier.claimant is not None:
                start = earlier.trigger.token.idx
                if "\n" not in ix.text[start : draft.trigger.token.idx]:
                    return earlier.claimant
        # A source named in the sentence before, even when that sentence gave no claim.
        sentence = draft.trigger.token.sent
        if sentence.start == 0:
            return None
        previous = ix.doc[sentence.start - 1].sent
        if ix.line_of[previous.start] != ix.line_of[draft.trigger.token.i]:
            return None
        source = according_to(list(previous))
        return speaker_of(source, ix) if source is not None else None

    def _embed_author(self, draft: Draft, ix: DocIndex) -> int | None:
        offset = draft.trigger.token.idx
        for embed in ix.furniture.embeds:
            if embed.start <= offset < embed.end:
                at = ix.text.find(embed.author, embed.end)
                start = at if at >= 0 else embed.end
                span = ix.span_of(start, start + len(embed.author))
                if span is None:
                    return None
                return new_actor(ix, span.start, span.end, None)
        return None

    # -- dates ---------------------------------------------------------------------------

    def _date(self, draft: Draft, ix: DocIndex, anchor: dt.date | None) -> DateMention | None:
        token = draft.trigger.token if not draft.derived else draft.words[0]
        first, last = ix.unit_bounds(ix.unit_of[token.i])
        lo, hi = ix.starts[first], ix.starts[last] + len(ix.doc[last].text)
        here = self._dates_cache.get((lo, hi))
        if here is None:
            here = [
                d
                for d in find_dates(ix.text, anchor, lo, hi)
                if not ix.furniture.covers(d.start, d.end)
            ]
            self._dates_cache[(lo, hi)] = here
        if here:
            return min(here, key=lambda d: abs(d.start - token.idx))
        for embed in ix.furniture.embeds:
            if embed.start <= token.idx < embed.end:
                for d in find_dates(ix.text[embed.end :], anchor):
                    return d
        return None
