"""Dates: finding them in text and resolving them against an anchor date."""

from __future__ import annotations

import datetime as dt

import pytest

from conflictnews.claims._dates import anchor_date, find_dates

ANCHOR = dt.date(2024, 3, 14)  # a Thursday


def one(text: str, anchor: dt.date | None = ANCHOR) -> tuple[str | None, str]:
    (mention,) = find_dates(text, anchor)
    assert text[mention.start : mention.end] == mention.text
    return mention.value, mention.text


@pytest.mark.parametrize(
    ("text", "value", "words"),
    [
        ("fighting on 2024-03-02 near the river", "2024-03-02", "2024-03-02"),
        ("posted 12.03.2024 at noon", "2024-03-12", "12.03.2024"),
        ("On 6 August 2023, troops moved", "2023-08-06", "6 August 2023"),
        ("on March 9, 2024, they said", "2024-03-09", "March 9, 2024"),
        ("on 9 March they entered", "2024-03-09", "9 March"),
        ("since August 9 the town", "2023-08-09", "August 9"),
        ("In May 2023, the first raid", "2023-05", "May 2023"),
        ("fighting in February", "2024-02", "February"),
        ("fighting in 2022", "2022", "2022"),
        ("on Tuesday the army", "2024-03-12", "Tuesday"),
        ("last Thursday", "2024-03-07", "last Thursday"),
        ("yesterday", "2024-03-13", "yesterday"),
        ("today", "2024-03-14", "today"),
        ("last week", "2024-03", "last week"),
        ("last month", "2024-02", "last month"),
        ("three days ago", "2024-03-11", "three days ago"),
    ],
)
def test_resolves_against_anchor(text: str, value: str, words: str) -> None:
    assert one(text) == (value, words)


def test_weekday_with_date_in_brackets_is_one_mention() -> None:
    assert one("on Tuesday (March 12), a patrol came under fire") == (
        "2024-03-12",
        "Tuesday (March 12)",
    )


def test_year_less_dates_stay_unresolved_without_anchor() -> None:
    assert one("On 6 August, forces entered", None) == (None, "6 August")
    assert one("on Sunday", None) == (None, "Sunday")


def test_full_dates_need_no_anchor() -> None:
    assert one("March 12, 2024", None) == ("2024-03-12", "March 12, 2024")


def test_may_the_verb_is_not_a_month() -> None:
    assert find_dates("Troops may advance in may.", ANCHOR) == []


def test_anchor_prefers_publication_date() -> None:
    text = "Kalma, 12.03.2024\nFighting on Sunday."
    assert anchor_date(text, dt.date(2024, 5, 1)) == dt.date(2024, 5, 1)
    assert anchor_date(text, None) == dt.date(2024, 3, 12)
    assert anchor_date("No dates here.", None) is None


def test_slice_search() -> None:
    text = "On Monday, X. On Friday, Y."
    later = find_dates(text, ANCHOR, start=text.index("On Friday"))
    assert [m.text for m in later] == ["Friday"]
