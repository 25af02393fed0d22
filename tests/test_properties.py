"""Property tests of `conflictnews.extract` on generated conflict-news text and raw garbage.

Whatever the input, extraction returns a result whose offsets index into the text, whose ids
are stable and well formed, or raises one of the library's typed errors; and it does so in
bounded time. Example counts are bounded so the module runs in seconds once the pipeline is
loaded (it is loaded once per test session).
"""

from __future__ import annotations

import re
import time
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import conflictnews
from conflictnews import ConflictNewsError, Extraction
from conflictnews._ids import article_id, claim_id

PER_INPUT_SECONDS = 10.0
"""Ceiling for one short article, generous for a loaded 2-core CI machine."""

COMMON = settings(
    deadline=None,
    database=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

# Names written for these tests: real places and actors from several wars, and invented ones,
# so that resolved and unresolved places and known and unknown actors all occur.
PLACES = [
    "El Fasher",
    "Khartoum",
    "Omdurman",
    "Gaza City",
    "Khan Younis",
    "Rafah",
    "Bakhmut",
    "Avdiivka",
    "Sudzha",
    "Mandalay",
    "Myawaddy",
    "Timbuktu",
    "Menaka",
    "Goma",
    "Aleppo",
    "Marib",
    "Northvale",
    "Qarat al-Sharq",
    "Port Ellis",
    "São Miguel",
    "Kyiv",
    "Zaporizhzhia",
]
ACTORS = [
    "the Sudanese army",
    "the Rapid Support Forces",
    "the RSF",
    "Hamas",
    "the Israeli military",
    "the IDF",
    "Russian forces",
    "Ukrainian troops",
    "the junta",
    "JNIM",
    "the M23 rebels",
    "the Houthis",
    "Wagner fighters",
    "the Arakan Army",
    "local militias",
    "government troops",
    "the Blue Hill Brigade",
    "insurgents",
]
CLAIMANTS = [
    "the defence ministry",
    "a military spokesman",
    "the health ministry",
    "residents",
    "the UN",
    "local officials",
    "the group",
    "activists",
    "state media",
    "a Reuters reporter",
]
ACTIONS = [
    "captured",
    "took control of",
    "entered",
    "shelled",
    "struck",
    "attacked",
    "withdrew from",
    "repelled an attack on",
    "destroyed a bridge near",
    "seized",
    "pushed into",
    "bombed",
    "killed 14 civilians in",
    "regained",
    "lost control of",
]
FRAMES = [
    "{actor} {action} {place} on {day}, {claimant} said.",
    "{claimant} said {actor} had {action} {place}.",
    "{claimant} denied that {actor} {action} {place}.",
    "{actor} reportedly {action} {place} late on {day}, according to {claimant}.",
    "{claimant} claimed {actor} {action} {place}, which {claimant2} rejected.",
    "Fighting continued around {place} as {actor} {action} {place2}.",
    '"We have {action} {place}," {claimant} told reporters on {day}.',
    "{place}: {actor} {action} the town",
    "{actor} {action} {place} and {place2} overnight, {claimant} said on {day}.",
]
DAYS = ["Monday", "Tuesday", "Sunday", "March 3", "12 April 2024", "yesterday", "last week"]
SPACES = [" ", "  ", "\n", "\t", "\u00a0", "\u2003", "\r\n", " \n\n "]
NOISE = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
    max_size=12,
)


@st.composite
def sentences(draw: st.DrawFn) -> str:
    frame = draw(st.sampled_from(FRAMES))
    return frame.format(
        actor=draw(st.sampled_from(ACTORS)),
        action=draw(st.sampled_from(ACTIONS)),
        place=draw(st.sampled_from(PLACES)),
        place2=draw(st.sampled_from(PLACES)),
        claimant=draw(st.sampled_from(CLAIMANTS)),
        claimant2=draw(st.sampled_from(CLAIMANTS)),
        day=draw(st.sampled_from(DAYS)),
    )


def _respace(text: str, draw: st.DrawFn) -> str:
    """Replace some single spaces with other whitespace (tabs, NBSP, line breaks, runs)."""
    words = text.split(" ")
    out = [words[0]]
    for word in words[1:]:
        out.append(draw(st.sampled_from(SPACES)) if draw(st.booleans()) else " ")
        out.append(word)
    return "".join(out)


@st.composite
def articles(draw: st.DrawFn) -> str:
    """A headline and a few template sentences, with odd whitespace and unicode noise."""
    body = draw(st.lists(sentences(), min_size=1, max_size=5))
    parts = []
    for sentence in body:
        if draw(st.integers(0, 4)) == 0:
            sentence = sentence + " " + draw(NOISE)
        parts.append(_respace(sentence, draw) if draw(st.booleans()) else sentence)
    headline = draw(st.sampled_from(body)).split(",")[0]
    lead = draw(st.sampled_from(["", " ", "\n", "\ufeff", "  \t"]))
    return lead + headline + "\n" + draw(st.sampled_from(["\n", " ", "\n\n"])).join(parts)


RAW_TEXT = st.text(max_size=400)
RAW_BYTES = st.binary(max_size=400)
ID_PATTERNS = {
    "article": re.compile(r"art_[0-9a-f]{16}"),
    "claim": re.compile(r"clm_[0-9a-f]{16}"),
    "actor": re.compile(r"actor:[a-z0-9]+(-[a-z0-9]+)*"),
    "place": re.compile(r"(geonames:[0-9]+|place:[a-z0-9]+(-[a-z0-9]+)*)"),
}


@pytest.fixture(scope="module", autouse=True)
def _pipeline() -> Any:
    """Load the pipeline (and, with a first extraction, the gazetteer) outside timed examples."""
    pipeline = conflictnews.load_pipeline()
    conflictnews.extract("Troops entered Bakhmut on Monday, the army said.", nlp=pipeline)
    return pipeline


def extract_timed(data: str | bytes, **kw: Any) -> Extraction | None:
    """Extract, or None when the input is refused with a typed error; any other error fails."""
    start = time.perf_counter()
    try:
        result = conflictnews.extract(data, **kw)
    except ConflictNewsError:
        result = None
    elapsed = time.perf_counter() - start
    assert elapsed < PER_INPUT_SECONDS, f"{elapsed:.1f}s for {len(data)} chars"
    return result


def check_invariants(text: str, result: Extraction) -> None:
    assert result.article.text == text
    assert result.article.id == article_id(text)
    assert ID_PATTERNS["article"].fullmatch(result.article.id)
    location_ids = {loc.id for loc in result.locations}
    for loc in result.locations:
        assert ID_PATTERNS["place"].fullmatch(loc.id), loc.id
        for mention in loc.mentions:
            assert mention in text, (loc.id, mention)
    for actor in result.actors:
        assert ID_PATTERNS["actor"].fullmatch(actor.id), actor.id
    for claim in result.claims:
        assert 0 <= claim.start < claim.end <= len(text), claim
        evidence = text[claim.start : claim.end]
        assert evidence.strip(), claim
        assert evidence in claim.text, (evidence, claim.text)
        assert claim.text in text, claim.text
        assert claim.article_id == result.article.id
        assert ID_PATTERNS["claim"].fullmatch(claim.id)
        assert claim.id == claim_id(
            result.article.id, claim.start, claim.end, claim.event, claim.stance, claim.places
        )
        for place in claim.places:
            assert ID_PATTERNS["place"].fullmatch(place), place
        assert set(claim.places) <= location_ids, (claim.places, location_ids)
        for who in (claim.claimant, claim.agent):
            assert who is None or ID_PATTERNS["actor"].fullmatch(who), who
    assert len({c.id for c in result.claims}) == len(result.claims), "duplicate claim ids"


@settings(COMMON, max_examples=60)
@given(text=articles())
def test_generated_news_keeps_offsets_and_ids_sound(text: str) -> None:
    result = extract_timed(text, published="2024-04-15")
    if result is not None:
        check_invariants(text, result)


@settings(COMMON, max_examples=30)
@given(text=articles())
def test_extraction_is_deterministic(text: str) -> None:
    first = extract_timed(text)
    second = extract_timed(text)
    assert (first and first.model_dump()) == (second and second.model_dump())


@settings(COMMON, max_examples=50)
@given(text=RAW_TEXT)
def test_arbitrary_text_gives_a_result_or_a_typed_error(text: str) -> None:
    result = extract_timed(text)
    if result is not None:
        check_invariants(text, result)


@settings(COMMON, max_examples=40)
@given(data=RAW_BYTES)
def test_arbitrary_bytes_give_a_result_or_a_typed_error(data: bytes) -> None:
    result = extract_timed(data)
    if result is not None:
        check_invariants(result.article.text, result)
        assert data.decode("utf-8-sig") == result.article.text


@settings(COMMON, max_examples=30)
@given(
    text=articles(),
    title=st.one_of(st.none(), RAW_TEXT),
    source=st.one_of(st.none(), RAW_TEXT),
    published=st.one_of(
        st.none(), st.dates(), st.sampled_from(["2024-02-30", "yesterday", "", "2024-1-1"])
    ),
)
def test_metadata_of_any_shape_is_accepted_or_refused_with_a_typed_error(
    text: str, title: str | None, source: str | None, published: Any
) -> None:
    result = extract_timed(text, title=title, source=source, published=published)
    if result is not None:
        check_invariants(text, result)
        assert (result.article.title, result.article.source) == (title, source)


@settings(COMMON, max_examples=10)
@given(texts=st.lists(articles(), min_size=1, max_size=4))
def test_batch_extraction_matches_one_by_one(texts: list[str]) -> None:
    one_by_one = [conflictnews.extract(t).model_dump() for t in texts]
    batched = [r.model_dump() for r in conflictnews.extract_many(texts, batch_size=2)]
    assert batched == one_by_one


@settings(COMMON, max_examples=30)
@given(
    text=articles(),
    surrogate=st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF),
    where=st.floats(0, 1),
)
def test_a_lone_surrogate_anywhere_is_a_typed_error(
    text: str, surrogate: str, where: float
) -> None:
    at = int(where * len(text))
    with pytest.raises(conflictnews.InvalidInputError, match="surrogate"):
        conflictnews.extract(text[:at] + surrogate + text[at:])
