"""Parts of claim reading that need no parse: page furniture, quotes, ACLED types, lexicons."""

from __future__ import annotations

import pytest

from conflictnews.claims._acled import acled_types
from conflictnews.claims._furniture import find_furniture
from conflictnews.claims._lexicon import (
    acled_lexicon,
    cue_lexicon,
    event_lexicon,
    furniture_lexicon,
)
from conflictnews.claims._quotes import quote_spans
from conflictnews.models import Actor, ActorKind, EventType


@pytest.mark.parametrize(
    "line",
    [
        "See also  Why the fall of Kalma matters",
        "Read more: Army retakes Dorra",
        "Leave a Reply",
        "Your email address will not be published. Required fields are marked *",
        "Estimated reading time: 4 minutes",
        "Latest News",
        "Donate Kora Today",
        "Telegram Facebook",
        "Share this article",
        "#Sudan #ElFasher",
        "#Sahel War#Mali",
        "Tags: Sudan, RSF",
        "War in Sudan, El Fasher, Darfur",
    ],
)
def test_furniture_lines(line: str) -> None:
    text = f"Headline\nThe army said it repelled an attack.\n{line}\nMore article text here.\n"
    furniture = find_furniture(text, furniture_lexicon())
    start = text.index(line)
    assert furniture.covers(start, start + len(line))
    body = text.index("The army")
    assert not furniture.covers(body, body + 10)


def test_embed_trailer_names_author_and_date() -> None:
    line = (
        "Our units entered Dorra at dawn. pic.twitter.com/xY12ab— Kora Front (@korafront) "
        "May 4, 2024"
    )
    furniture = find_furniture(f"Title\n{line}\n", furniture_lexicon())
    (embed,) = furniture.embeds
    assert embed.author == "Kora Front"
    assert embed.date_text == "May 4, 2024"
    text = f"Title\n{line}\n"
    assert text[embed.start : embed.end].startswith("Our units entered Dorra")
    link = text.index("pic.twitter.com")
    assert furniture.covers(link, link + 10)


def test_body_text_is_not_furniture() -> None:
    text = "Fighters of the RSF said they shared footage on Telegram of the attack on Dorra.\n"
    assert find_furniture(text, furniture_lexicon()).spans == ()


def test_quote_spans_pair_within_lines() -> None:
    cues = cue_lexicon()
    text = (
        'He said: "We have entered the town and will hold it," and left. A "Kalma" sign.\n'
        "“Our troops repelled every assault today,” he added."
    )
    spans = quote_spans(text, cues.quote_open, cues.quote_close)
    quoted = [text[s : e + 1] for s, e in spans]
    assert quoted == [
        '"We have entered the town and will hold it,"',
        "“Our troops repelled every assault today,”",
    ]


@pytest.mark.parametrize(
    ("event", "kind", "words", "expected"),
    [
        (
            "capture",
            ActorKind.ARMED_GROUP,
            set(),
            ("Battles", "Non-state actor overtakes territory"),
        ),
        ("capture", ActorKind.MILITARY, set(), ("Battles", "Government regains territory")),
        ("capture", None, set(), ("Battles", None)),
        ("attack", ActorKind.ARMED_GROUP, set(), ("Battles", "Armed clash")),
        ("attack", ActorKind.ARMED_GROUP, {"civilians"}, ("Violence against civilians", "Attack")),
        ("strike", None, {"drone"}, ("Explosions/Remote violence", "Air/drone strike")),
        (
            "strike",
            None,
            {"shelling"},
            ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
        ),
        ("withdraw", None, set(), ("Strategic developments", "Non-violent transfer of territory")),
        ("other", None, set(), (None, None)),
    ],
)
def test_acled_types(event: str, kind: ActorKind | None, words: set[str], expected: tuple) -> None:  # type: ignore[type-arg]
    agent = Actor(id="actor:x", name="X", kind=kind) if kind else None
    assert acled_types(event, agent, words, acled_lexicon()) == expected


def test_lexicons_name_only_known_events() -> None:
    known = {e.value for e in EventType}
    lex = event_lexicon()
    assert set(lex.verbs.values()) <= known
    assert set(lex.nouns.values()) <= known
    assert {e for e, _ in lex.verb_objects.values()} <= known
    assert set(acled_lexicon().rules) <= known
