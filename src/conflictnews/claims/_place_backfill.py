"""Place mentions the places component left out but the article makes plain: a name it
resolved once, repeated later ("one sense per discourse"), and "the village of X"."""

from __future__ import annotations

from collections.abc import Callable

from spacy.attrs import LOWER
from spacy.tokens import Doc

from .._ids import slugify
from ..doc._mentions import ActorMention, PlaceMention
from ..models import Location, LocationKind
from ..places import resolve_places
from ..places._resolver import only_describes

_SETTLEMENT_HEADS = frozenset({"village", "town", "city", "settlement", "hamlet", "locality"})
_TERRITORY_HEADS = frozenset({"territory", "soil"})


def _word_at(text: str, start: int, end: int) -> bool:
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    return not before.isalnum() and not after.isalnum()


def backfill_places(
    doc: Doc, text: str, places: list[PlaceMention], actors: list[ActorMention]
) -> list[PlaceMention]:
    """Mentions to add to `places`: repeats of names already found, and proper names
    introduced as a settlement ("the village of X") that no place or actor covers."""
    lower_ids = doc.to_array(LOWER).tolist()
    taken = [(m.start, m.end) for m in places] + [(a.start, a.end) for a in actors]

    def free(start: int, end: int) -> bool:
        return all(end <= s or start >= e for s, e in taken)

    added: list[PlaceMention] = []
    seen: set[str] = set()
    for mention in places:
        name = mention.text
        if name in seen or len(name) < 4 or not name[:1].isupper():
            continue
        seen.add(name)
        at = text.find(name)
        while at >= 0:
            end = at + len(name)
            if (
                _word_at(text, at, end)
                and free(at, end)
                and not only_describes(text, end, mention.location.kind.value)
            ):
                added.append(PlaceMention(at, end, name, mention.location))
                taken.append((at, end))
            at = text.find(name, end)
    of = doc.vocab.strings.add("of")
    for token in (doc[i] for i, lower in enumerate(lower_ids) if lower == of):
        if token.head.lemma_.lower() not in _SETTLEMENT_HEADS:
            continue
        pobj = next((c for c in token.children if c.dep_ == "pobj"), None)
        if pobj is None or pobj.pos_ != "PROPN":
            continue
        words = [t for t in doc[token.i + 1 : pobj.i + 1] if t.pos_ == "PROPN" or t.i == pobj.i]
        if not words or any("\n" in t.text_with_ws for t in words[:-1]):
            continue
        start, end = words[0].idx, words[-1].idx + len(words[-1].text)
        if not free(start, end) or not all(t.text[:1].isupper() for t in words):
            continue
        name = text[start:end]
        location = Location(id=f"place:{slugify(name)}", name=name, kind=LocationKind.SETTLEMENT)
        added.append(PlaceMention(start, end, name, location))
        taken.append((start, end))
    added += _national_territory(doc, text, free, taken)
    return added


def _national_territory(
    doc: Doc, text: str, free: Callable[[int, int], bool], taken: list[tuple[int, int]]
) -> list[PlaceMention]:
    """National territory ("Russian territory", "Malian soil"): the country a demonym
    names, when the places resolver reads the demonym as a country."""
    found: list[tuple[int, int]] = []
    demonyms: list[tuple[int, int]] = []
    for token in doc:
        if token.lemma_.lower() not in _TERRITORY_HEADS or token.i == 0:
            continue
        adjective = doc[token.i - 1]
        if adjective.dep_ not in ("amod", "compound") or adjective.head.i != token.i:
            continue
        if not adjective.text[:1].isupper() or adjective.whitespace_ != " ":
            continue
        start, end = adjective.idx, token.idx + len(token.text)
        if free(start, end):
            found.append((start, end))
            demonyms.append((start, start + len(adjective.text)))
    if not found:
        return []
    out = []
    for (start, end), location in zip(found, resolve_places(text, demonyms), strict=True):
        if location is not None and location.kind is LocationKind.COUNTRY:
            out.append(PlaceMention(start, end, text[start:end], location))
            taken.append((start, end))
    return out
