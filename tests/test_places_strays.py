"""A small town abroad is not taken for a place in an article set in one other country."""

from __future__ import annotations

import conflictnews

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
    located = conflictnews.resolve_places(SUDAN_STORY, spans)
    halfaya = located[2]
    assert halfaya is None or halfaya.country_code != "SY"
    assert [loc.country_code for loc in located[3:] if loc is not None] == ["SD", "SD", "SD"]


def test_the_same_town_with_its_country_around_it_stays() -> None:
    text = "Shelling hit Halfaya in Hama province, near Mhardeh and Suqaylabiyah, Syria."
    loc = _resolve(text, "Halfaya")
    assert loc is not None and loc.country_code == "SY"
