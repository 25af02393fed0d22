"""Quoted speech: passages in quotation marks long enough to be speech, and who each is
attributed to (a reporting verb right after it, or right before it)."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from ._claimant import speaker_of
from ._doc_index import DocIndex
from ._phrases import find_subject


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
                subject = find_subject(token)
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
                subject = find_subject(token)
                return speaker_of(subject, ix) if subject is not None else None
    return None
