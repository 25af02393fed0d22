"""A small town abroad is not taken for a place in an article set in one other country."""

from __future__ import annotations

import conflictnews
from conflictnews.places._confidence import pipeline_min_confidence

# These tests pin the readings the claims pipeline keeps (its threshold); the default of
# resolve_places itself is tested in test_places_confidence.py.
PIPELINE = pipeline_min_confidence()

SUDAN_STORY = (
    "CAIRO, Sept 28 - Sudan's military said it had retaken the districts of Halfaya and Shambat "
    "in Khartoum North. Activists said shells fell on Omdurman and Karari, and the RSF said it "
    "had shot down a drone over Nyala."
)


def _resolve(text: str, name: str) -> conflictnews.Location | None:
    start = text.index(name)
    return conflictnews.resolve_places(text, [(start, start + len(name))])[0]


def test_small_namesake_abroad_is_doubted_in_an_article_set_in_one_country() -> None:
    spans = [
        (SUDAN_STORY.index(n), SUDAN_STORY.index(n) + len(n))
        for n in ("CAIRO", "Sudan", "Halfaya", "Khartoum North", "Omdurman", "Nyala")
    ]
    located = conflictnews.resolve_places(SUDAN_STORY, spans, min_confidence=PIPELINE)
    halfaya = located[2]
    assert halfaya is None or halfaya.country_code != "SY"
    assert [loc.country_code for loc in located[3:] if loc is not None] == ["SD", "SD", "SD"]


def test_the_same_town_with_its_country_around_it_stays() -> None:
    text = "Shelling hit Halfaya in Hama province, near Mhardeh and Suqaylabiyah, Syria."
    names = ("Halfaya", "Hama", "Mhardeh", "Suqaylabiyah", "Syria")
    spans = [(text.index(n), text.index(n) + len(n)) for n in names]
    loc = conflictnews.resolve_places(text, spans, min_confidence=PIPELINE)[0]
    assert loc is not None and loc.country_code == "SY"


def test_a_spelling_variant_of_a_hamlet_abroad_is_doubted_beside_places_elsewhere() -> None:
    text = "Jihadists ambushed a convoy near Boulkessi, in central Mali, on Wednesday."
    spans = [(text.index(n), text.index(n) + len(n)) for n in ("Boulkessi", "Mali")]
    boulkessi, mali = conflictnews.resolve_places(text, spans, min_confidence=PIPELINE)
    assert mali is not None and mali.country_code == "ML"
    assert boulkessi is None or boulkessi.country_code == "ML"


def test_a_variant_alone_is_the_best_guess_but_an_unsure_one() -> None:
    text = "Shelling was reported in Tiotkino overnight."
    span = [(text.index("Tiotkino"), text.index("Tiotkino") + len("Tiotkino"))]
    (guess,) = conflictnews.resolve_places(text, span, min_confidence=0)
    assert guess is not None and guess.country_code == "RU"
    assert guess.confidence is not None
    assert conflictnews.resolve_places(text, span) == [None]  # below the default threshold
