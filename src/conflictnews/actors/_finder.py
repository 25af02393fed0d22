"""Finding actor mentions in a Doc: lexicon phrases, short names in context, then entities.

Three passes, each leaving alone the text an earlier pass claimed:

1. *Lexicon phrases.* Every run of up to ``max_words`` tokens inside a sentence is looked
   up by its order-free bag of token keys (`_actor_keys`), longest first, so "Russia's
   defence ministry" and 'Legion "Freedom of Russia"' are found as written. One misspelt
   capitalised long word is allowed in a name of two or more words ("Siberia Batallion").
   A phrase must hold a capitalised word, and a phrase right after "pro-"/"anti-" is not the
   actor itself ("pro-Russian forces" are not the Russian army).
2. *Short names in context.* A capitalised head noun ("the Legion") or surname ("Yusov")
   that belongs to exactly one actor the article names in full is that actor; so is "the
   army" or "the junta". When the article names no army (or junta) at all, "the army" is
   the army of the country most of its places lie in, if the lexicon knows exactly one.
3. *Entities.* ORG, PERSON and group-NORP entities of the statistical model that pass 1
   and 2 did not explain: a lexicon actor if a name matches, otherwise (``keep_unknown``)
   a new ``actor:<slug>`` actor with a guessed kind. Entities that are places (inside a
   place mention of the places component, or ending in "region", "city", ...) are skipped.
"""

from __future__ import annotations

import functools
import sqlite3
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from .._ids import fold
from ..doc._mentions import ActorMention, PlaceMention
from ..errors import ConflictNewsError
from ..models import Actor, ActorKind
from ..places._gazetteer import ALTERNATE, PRIMARY, gazetteer
from ._guess import unknown_actor
from ._keys import rules, split_words, token_key
from ._lexicon import Lexicon, head_keys_of

_BREAKS = frozenset(".,;:!?|•")
_QUOTES = frozenset("\"'“”‘’«»")
_SKIPPABLE = frozenset("-–—/()") | _QUOTES


@dataclass(frozen=True)
class _Tok:
    """What the matcher needs to know about one token."""

    keys: tuple[str, ...]
    words: int
    breaks: bool
    skippable: bool
    capitalised: bool
    text: str
    sent_start: bool

    @property
    def content(self) -> bool:
        return bool(self.keys)


def _describe(token: Token, sentence_start: bool) -> _Tok:
    text = token.text
    stripped = text.strip()
    if not stripped or "\n" in text:
        breaks = True
    else:
        breaks = stripped in _BREAKS or (token.is_punct and stripped not in _SKIPPABLE)
    skippable = not breaks and stripped in _SKIPPABLE
    words = split_words(text) if not breaks and not skippable else []
    keys = tuple(k for k in (token_key(w) for w in words) if k)
    return _Tok(
        keys=keys,
        words=len(words),
        breaks=breaks,
        skippable=skippable,
        capitalised=stripped[:1].isupper() or stripped[:1].isdigit(),
        text=stripped,
        sent_start=sentence_start,
    )


def _describe_doc(doc: Doc) -> list[_Tok]:
    sentences = doc.has_annotation("SENT_START")
    return [_describe(t, sentences and bool(t.is_sent_start)) for t in doc]


def _negated(doc: Doc, toks: list[_Tok], start: int) -> bool:
    """True when the phrase at ``start`` is the tail of "pro-X", "anti-X", "ex-X"."""
    prefixes = rules().negating_prefixes
    if start >= 1 and fold(doc[start - 1].text).rstrip("-").strip() in prefixes:
        return True
    return start >= 2 and doc[start - 1].text == "-" and fold(doc[start - 2].text) in prefixes


def _close_quote(doc: Doc, start: int, end: int) -> int:
    """Extend a match over a closing quote or bracket when it holds an unbalanced opening one."""
    if end >= len(doc):
        return end
    texts = [t.text for t in doc[start:end]]
    quotes = sum(t in _QUOTES for t in texts)
    if quotes % 2 == 1 and doc[end].text in _QUOTES:
        return end + 1
    if texts.count("(") > texts.count(")") and doc[end].text == ")":
        return end + 1
    return end


def _lexicon_pass(doc: Doc, toks: list[_Tok], lexicon: Lexicon) -> list[tuple[int, int, Actor]]:
    found: list[tuple[int, int, Actor]] = []
    n = len(toks)
    reach = lexicon.max_words + 2
    i = 0
    while i < n:
        tok = toks[i]
        if not tok.content or not _could_start(tok, lexicon):
            i += 1
            continue
        match = _longest_match(doc, toks, lexicon, i, min(n, i + reach))
        if match is None or _negated(doc, toks, i):
            i += 1
            continue
        end, actor = match
        found.append((i, _close_quote(doc, i, end), actor))
        i = end
    return found


def _could_start(tok: _Tok, lexicon: Lexicon) -> bool:
    return any(k in lexicon.vocabulary for k in tok.keys) or (
        tok.capitalised and any(lexicon.near(k) for k in tok.keys)
    )


def _longest_match(
    doc: Doc, toks: list[_Tok], lexicon: Lexicon, start: int, limit: int
) -> tuple[int, Actor] | None:
    stop = start
    while stop < limit and not toks[stop].breaks and (stop == start or not toks[stop].sent_start):
        stop += 1
    for last in range(stop - 1, start - 1, -1):
        tail = toks[last]
        if not tail.content:
            continue
        span = toks[start : last + 1]
        if not any(t.capitalised for t in span if t.content):
            continue
        keys = [k for t in span for k in t.keys]
        surfaces = [t.text for t in span]
        if _unbalanced(surfaces) or _ends_in_adjective(tail):
            continue
        if len(keys) == 1 and not tail.text.isupper() and _inside_longer_name(doc, toks, start):
            continue
        actor = lexicon.find(keys, surfaces)
        if actor is None and len(keys) >= 2:
            unknown = [t for t in span if any(k not in lexicon.vocabulary for k in t.keys)]
            if len(unknown) == 1 and unknown[0].capitalised:
                actor = lexicon.find_fuzzy(keys, surfaces)
        if actor is not None:
            return last + 1, actor
    return None


def _unbalanced(surfaces: list[str]) -> bool:
    """ "Rain) TV" is no name: a closing bracket without its opening one."""
    return surfaces.count(")") > surfaces.count("(")


def _ends_in_adjective(tok: _Tok) -> bool:
    """A demonym adjective ends no name: "troops of the Nigerian" leads into "Nigerian Army"."""
    demonyms = rules().demonyms
    words = split_words(tok.text)
    return len(words) == 1 and words[0] in demonyms and not words[0].endswith("s")


def _inside_longer_name(doc: Doc, toks: list[_Tok], start: int) -> bool:
    """Whether a one-word match continues a capitalised name: "Arabia" of "Saudi Arabia".

    Titles ("President", "General"), determiners and demonyms ("Lebanese Hezbollah") may
    stand before a name without being part of it.
    """
    if start == 0:
        return False
    prev, info = doc[start - 1], toks[start - 1]
    if not prev.is_alpha or not info.capitalised or info.breaks:
        return False
    if info.sent_start and prev.pos_ != "PROPN":
        return False
    word = fold(prev.text)
    r = rules()
    return not (word in r.determiners or word in r.demonyms or word in r.kind_cues)


def head_keys(actor: Actor, lexicon: Lexicon) -> set[str]:
    """Short names that stand for an actor once an article has named it in full."""
    if actor.id in lexicon.actors:
        return {k for k, ids in lexicon.heads.items() if actor.id in ids}
    return head_keys_of(actor, unknown=True)


def _anaphor_keys(actor: Actor, lexicon: Lexicon) -> set[str]:
    """Head keys an actor may be called by alone; "the army" is the state's even beside the
    rebel "White Army" or "Arakan Army"."""
    keys = head_keys(actor, lexicon)
    if actor.kind is ActorKind.ARMED_GROUP:
        keys -= _state_keys()
    return keys


@functools.cache
def _state_keys() -> frozenset[str]:
    return frozenset(token_key(w) for w in rules().state_heads)


def context_map(actors: Iterable[Actor], lexicon: Lexicon) -> dict[str, Actor]:
    """Head key -> actor, for keys that only one of the given actors has."""
    owners: dict[str, dict[str, Actor]] = {}
    for actor in actors:
        for key in _anaphor_keys(actor, lexicon):
            owners.setdefault(key, {})[actor.id] = actor
    return {k: next(iter(v.values())) for k, v in owners.items() if len(v) == 1}


def _stands_alone(doc: Doc, toks: list[_Tok], i: int) -> bool:
    """The token is not part of a longer capitalised name ("Polish Legion")."""
    for j in (i - 1, i + 1):
        if 0 <= j < len(toks):
            neighbour = doc[j]
            if neighbour.is_alpha and toks[j].capitalised and not toks[j].breaks:
                if j == i - 1 and fold(neighbour.text) in rules().determiners:
                    continue
                return False
    return True


def _context_pass(
    doc: Doc,
    toks: list[_Tok],
    taken: list[bool],
    heads: dict[str, Actor],
    present: set[str],
    state: Callable[[str], Actor | None],
) -> list[tuple[int, int, Actor]]:
    anaphoric = rules().anaphoric_heads
    found = []
    for i, tok in enumerate(toks):
        if taken[i] or len(tok.keys) != 1 or len(tok.keys[0]) < 3:
            continue
        definite = _definite_anaphor(doc, i, anaphoric)
        if not tok.capitalised and not definite:
            continue
        key = tok.keys[0]
        actor = heads.get(key)
        if actor is None and definite and key not in present:
            # "the junta" in an article that names no junta: the one of its country.
            actor = state(key)
        if actor is not None and _stands_alone(doc, toks, i):
            found.append((i, i + 1, actor))
    return found


def _article_country(places: list[PlaceMention]) -> str | None:
    """The country most of the article's places lie in, when one clearly leads."""
    counts = Counter(p.location.country_code for p in places if p.location.country_code)
    ranked = counts.most_common(2)
    if not ranked or ranked[0][1] < 2 or (len(ranked) > 1 and ranked[1][1] == ranked[0][1]):
        return None
    return ranked[0][0]


def _definite_anaphor(doc: Doc, i: int, anaphoric: frozenset[str]) -> bool:
    """ "the army" standing for the one army the article names; not "the army post"."""
    if i < 1 or doc[i - 1].lower_ != "the" or doc[i].lower_ not in anaphoric:
        return False
    nxt = doc[i + 1] if i + 1 < len(doc) else None
    if nxt is not None and nxt.lower_ in _GENERIC_GROUP_NOUNS:
        return True  # "the paramilitary group", "the militia forces"
    return nxt is None or not (
        nxt.pos_ in ("NOUN", "PROPN") and doc[i].dep_ in ("compound", "amod")
    )


_GENERIC_GROUP_NOUNS = frozenset({"group", "force", "forces", "fighters", "organisation"})


def _trim(span: Span) -> Span:
    """The entity without leading determiners and trailing possessives or punctuation."""
    determiners = rules().determiners
    start, end = span.start, span.end
    while start < end and fold(span.doc[start].text) in determiners:
        start += 1
    while end > start and (
        span.doc[end - 1].is_punct or fold(span.doc[end - 1].text) in {"s", "'s"}
    ):
        end -= 1
    return span.doc[start:end]


_GAZETTEER_MIN_POPULATION = 1000
"""A gazetteer name this populous is a place even when the entity recogniser says PERSON."""


def _known_place(name: str) -> bool:
    """Whether the gazetteer knows the name as a sizeable place or a region or country."""
    try:
        gaz = gazetteer()
        for index, how in gaz.lookup(fold(name)):
            if how not in (PRIMARY, ALTERNATE):
                continue
            record = gaz.record(index)
            if record.population >= _GAZETTEER_MIN_POPULATION or record.kind_name in (
                "region",
                "country",
                "continent",
            ):
                return True
    except (ConflictNewsError, sqlite3.Error, OSError):
        # Without a gazetteer the place mentions of the places component still apply.
        return False
    return False


def _is_place(span: Span, place_tokens: set[int], place_names: set[str]) -> bool:
    place_words = rules().place_words
    if fold(span[-1].text) in place_words or fold(span.text) in place_names:
        return True
    if len(span) > 1 and fold(span[0].text) in rules().place_prefixes:
        return True  # "Tal Rifaat", "Deir ez-Zor", "Kafr Aqab"
    rest = [t for t in span if t.is_alpha and t.i not in place_tokens]
    return all(fold(t.text) in place_words for t in rest)


_PLACE_PREPOSITIONS = frozenset({"in", "near", "at", "into", "outside", "towards", "toward"})


def _new_actor_name(span: Span, label: str) -> bool:
    """Whether an entity the lexicon does not know may stand as a new actor.

    It must be a proper name (a PROPN or an acronym), not a common word the entity
    recogniser capitalised ("Offensive" in a heading). A NORP must be a plural people
    ("Ukrainians"), not an adjective ("Sudanese officials"). A name right after "village of",
    or a PERSON right after "in", is a place the recogniser took for an organisation or a
    person.
    """
    proper = any(t.pos_ == "PROPN" or (t.is_upper and len(t) > 1) for t in span)
    if not proper and label != "NORP":
        return False
    if label == "NORP":
        last = span[-1]
        if fold(span.text) not in rules().plural_demonyms:
            return False
        nxt = span.doc[span.end] if span.end < len(span.doc) else None
        return not (last.dep_ in ("amod", "compound") or (nxt is not None and nxt.pos_ == "NOUN"))
    before = fold(span.doc[span.start - 1].text) if span.start >= 1 else ""
    if label == "PERSON" and before in _PLACE_PREPOSITIONS:
        return False
    place_of = span.start >= 2 and fold(span.doc[span.start - 2].text) in rules().place_words
    return not (before == "of" and place_of)


def _entity_pass(
    doc: Doc,
    toks: list[_Tok],
    taken: list[bool],
    lexicon: Lexicon,
    known: list[Actor],
    places: _Places,
    labels: frozenset[str],
    keep_unknown: bool,
) -> list[tuple[int, int, Actor]]:
    ents = [e for e in doc.ents if e.label_ in labels]
    found: list[tuple[int, int, Actor]] = []
    # Full names first, so that a surname alone ("Kowalczyk") can then name the person
    # a longer entity introduced ("Marta Kowalczyk"), wherever in the article it stands.
    for round_ents in ([e for e in ents if len(e) > 1], [e for e in ents if len(e) == 1]):
        heads = context_map([*known, *(a for _, _, a in found)], lexicon)
        for ent in round_ents:
            match = _entity_actor(ent, toks, taken, lexicon, heads, places, keep_unknown)
            if match is None:
                continue
            found.append(match)
            for i in range(match[0], match[1]):
                taken[i] = True
    return found


@dataclass(frozen=True)
class _Places:
    """Where the places component found places: token indexes and folded names."""

    tokens: set[int]
    names: set[str]


def _entity_actor(
    ent: Span,
    toks: list[_Tok],
    taken: list[bool],
    lexicon: Lexicon,
    heads: dict[str, Actor],
    places: _Places,
    keep_unknown: bool,
) -> tuple[int, int, Actor] | None:
    r = rules()
    span = _trim(ent)
    if not len(span) or any(taken[t.i] for t in span) or len(span) > 8:
        return None
    text = span.text
    folded = fold(text)
    if "\n" in text or not any(c.isupper() for c in text) or len(folded) < 2:
        return None
    if folded in r.not_actors or _is_place(span, places.tokens, places.names):
        return None
    if any(t.pos_ in ("VERB", "AUX") for t in span):
        # A clause, not a name: headlines in title case fool the entity recogniser.
        return None
    actor = lexicon.lookup(text)
    if actor is None and len(span) == 1 and len(toks[span.start].keys) == 1:
        actor = heads.get(toks[span.start].keys[0])
    if actor is None:
        if not keep_unknown or folded in r.head_nouns or not _new_actor_name(span, ent.label_):
            return None
        if ent.label_ == "NORP":
            actor = unknown_actor(text, kind=ActorKind.POPULATION)
        elif _known_place(text):
            return None
        else:
            actor = unknown_actor(
                text, person_like=ent.label_ == "PERSON", organisation_like=ent.label_ == "ORG"
            )
    return span.start, span.end, actor


def find_actor_mentions(
    doc: Doc,
    lexicon: Lexicon,
    places: list[PlaceMention],
    *,
    keep_unknown: bool = True,
    labels: Iterable[str] = ("ORG", "PERSON", "NORP"),
) -> list[ActorMention]:
    """Actor mentions of a Doc, in text order.

    Args:
        doc: A Doc run through a pipeline with NER (entities are optional).
        lexicon: Canonical actors to match.
        places: Place mentions; entities inside them are not actors.
        keep_unknown: Keep entities the lexicon does not know as new actors.
        labels: Entity labels that may name actors.
    """
    toks = _describe_doc(doc)
    taken = [False] * len(doc)
    spans = _lexicon_pass(doc, toks, lexicon)
    for start, end, _ in spans:
        for i in range(start, end):
            taken[i] = True
    named = [a for _, _, a in spans]
    heads = context_map(named, lexicon)
    present = {k for a in named for k in _anaphor_keys(a, lexicon)}
    country = _article_country(places)

    def state(head: str) -> Actor | None:
        return lexicon.state_actor(country, head) if country else None

    context = _context_pass(doc, toks, taken, heads, present, state)
    for start, end, _ in context:
        for i in range(start, end):
            taken[i] = True
    # A name the article uses for a place is that place wherever else it appears.
    where = _Places(_place_tokens(doc, places), {fold(p.text) for p in places})
    known = [a for _, _, a in spans]
    entities = _entity_pass(
        doc, toks, taken, lexicon, known, where, frozenset(labels), keep_unknown
    )
    text = doc.text  # built anew on every access
    mentions = []
    for start, end, actor in sorted(spans + context + entities, key=lambda m: m[0]):
        while start >= 2 and doc[start - 1].text == "-" and not doc[start - 2].whitespace_:
            if fold(doc[start - 2].text) not in rules().stop_words:
                break
            start -= 2  # "al-Qaeda": the article belongs to the name
        span = doc[start:end]
        first = span.start_char
        # Emoji and symbols glued to the first word are not part of the name.
        while first < span.end_char and not (text[first].isalnum() or text[first] in "\"'“‘«"):
            first += 1
        mentions.append(ActorMention(first, span.end_char, text[first : span.end_char], actor))
    return mentions


def _place_tokens(doc: Doc, places: list[PlaceMention]) -> set[int]:
    out: set[int] = set()
    for place in places:
        span = doc.char_span(place.start, place.end, alignment_mode="expand")
        if span is not None:
            out.update(range(span.start, span.end))
    return out
