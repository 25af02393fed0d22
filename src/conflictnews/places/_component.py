"""The ``conflictnews_places`` spaCy component: finds place mentions and resolves them."""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from ..doc._extensions import register_extensions
from ..doc._mentions import PlaceMention, set_places
from ._choices import kept_records, resolve_choices
from ._confidence import pipeline_min_confidence
from ._containment import containers
from ._cues import only_describes
from ._finder import find_places
from ._gazetteer import gazetteer
from ._lexicon import place_lexicon
from ._query import Query, split_type_word
from ._record import FEATURE, KIND_NAMES, Record
from ._resolver import (
    checked_min_confidence,
    contained_location,
    to_location,
    unresolved_location,
)

register_extensions()

COMPONENT_NAME = "conflictnews_places"


class PlaceFinder:
    """Finds and resolves place mentions; leaves them on ``doc._.cn_places``.

    A capital speaking for its government ("Moscow denied") is no place mention. Every
    other mention found is kept: a place the gazetteer cannot resolve, or resolves with a
    confidence below `min_confidence`, gets a ``place:<slug>`` location, with the
    approximate point of a resolved place containing it (`Location.within`) when the
    article names one, else without coordinates.

    Args:
        min_confidence: Lowest `Location.confidence` a resolution is kept at (None: the
            pipeline's default, lower than `resolve_places`' because a conflict report's
            context makes its places surer than the general-news calibration says; 0: every
            best guess).
    """

    def __init__(self, min_confidence: float | None = None) -> None:
        self.min_confidence = checked_min_confidence(min_confidence, pipeline_min_confidence())

    def __call__(self, doc: Doc) -> Doc:
        queries = find_places(doc)
        text = doc.text  # rebuilt from the tokens on every access: read it once
        choices = resolve_choices(text, queries) if queries else []
        records = kept_records(choices, self.min_confidence)
        speaking = [
            rec is not None and _speaks_for_a_government(doc, q.start, q.end, rec)
            for q, rec in zip(queries, records, strict=True)
        ]
        # "Islamabad denied": a government, so no container for the article's other places.
        places_only = [None if s else rec for rec, s in zip(records, speaking, strict=True)]
        outer = containers(text, queries, places_only) if queries else []
        mentions = []
        for q, rec, container, speaks, choice in zip(
            queries, records, outer, speaking, choices, strict=True
        ):
            if speaks:
                continue
            if rec is None and _names_a_group(text, q):
                continue  # "M23 rebels", "Fano forces", "the TNLA": armed groups, not places
            if rec is not None and only_describes(text, q.end, KIND_NAMES[rec.kind]):
                continue  # "a U.S.-led coalition", "the Black Sea port of X"
            if container is not None:
                location = contained_location(q, container)
            elif rec is not None:
                location = to_location(rec, q.text, q.hint, confidence=choice.confidence)
            else:
                location = unresolved_location(q.text, q.hint)
            mentions.append(PlaceMention(q.start, q.end, q.text, location))
        set_places(doc, mentions)
        return doc


_ACRONYM = re.compile(r"^[A-Z][A-Z0-9]{1,5}$")


_NEXT_WORDS = re.compile(r"[ \t]+([a-z]+)(?:[ \t]+([a-z]+))?")


def _names_a_group(text: str, q: Query) -> bool:
    """An unresolved name that qualifies fighters ("Fano militia forces", "M23 rebels") or
    is a bare acronym ("TNLA", "M23"): the name of an armed group, not of a place."""
    if _ACRONYM.match(split_type_word(q.text)[0]):
        return True  # "TNLA", "M23", "SDF territory"
    words = _NEXT_WORDS.match(text, q.end)
    heads = place_lexicon().group_heads
    return words is not None and any(w in heads for w in words.groups() if w)


def _speaks_for_a_government(doc: Doc, start: int, end: int, rec: Record) -> bool:
    """ "Kyiv said", "Moscow denied": a capital (or a seat such as the Kremlin) as the subject
    of a reporting verb names a government, not the place an event happened."""
    if rec.index not in gazetteer().capitals and rec.kind != FEATURE:
        return False
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return False
    root = span.root
    return root.dep_ == "nsubj" and root.head.lemma_.lower() in place_lexicon().reporting_verbs


@Language.factory(COMPONENT_NAME, default_config={"min_confidence": None})
def make_place_finder(nlp: Language, name: str, min_confidence: float | None) -> PlaceFinder:
    """Build the place component (the gazetteer is shared and cached).

    Args:
        nlp: The pipeline.
        name: The component's name.
        min_confidence: Lowest confidence a resolution is kept at; None for the default.
    """
    return PlaceFinder(min_confidence)
