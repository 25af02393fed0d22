"""Dates in article text: find them and resolve them against the publication date.

A date is given as precisely as the words allow: ``2024``, ``2024-05`` or ``2024-05-06``.
Year-less and relative dates ("on 6 August", "on Sunday", "last week") need an anchor:
the publication date, else a full date the article states itself (a dateline, an embed
trailer). Without an anchor they stay unresolved (value None), but keep their words.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

_MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4,
    "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sep": 9, "sept": 9, "october": 10, "oct": 10, "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}  # fmt: skip
_WEEKDAYS = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5,
    "sunday": 6,
}  # fmt: skip
_M = (
    r"(?P<month>january|february|march|april|may|june|july|august|september|october|november"
    r"|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\.?"
)
_MONTH_LEAD = r"(?:in|since|during|until|by|early|late|mid|mid-|end of|beginning of)"
_WD = r"(?P<weekday>monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
_Y = r"(?P<year>(?:19|20)\d\d)"
_D = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"

# Ordered: when two patterns match overlapping text, the longer match is kept.
_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(pattern, re.IGNORECASE))
    for kind, pattern in (
        ("iso", r"\b(?P<year>(?:19|20)\d\d)-(?P<month>[01]\d)-(?P<day>[0-3]\d)\b"),
        ("dotted", r"\b(?P<day>[0-3]?\d)\.(?P<month>[01]?\d)\.(?P<year>(?:19|20)\d\d)\b"),
        ("day_month", rf"\b{_D}\s+(?:of\s+)?{_M}(?:,?\s+{_Y})?\b(?!\s*\d)"),
        ("month_day", rf"\b{_M}\s+{_D}(?!\d)(?:,?\s+{_Y})?\b"),
        ("month_year", rf"\b{_M}\s+{_Y}\b"),
        (
            "month",
            rf"\b{_MONTH_LEAD}\s+{_M}\b(?!\s+\d)",
        ),
        ("weekday", rf"\b(?:(?P<rel>last|this|next|on|past)\s+)?{_WD}\b"),
        (
            "relative_day",
            r"\b(?P<rel>yesterday|today|tonight|last night|overnight|the day before yesterday)\b",
        ),
        (
            "relative_period",
            r"\b(?P<rel>last|this|past|earlier this|later this|previous)\s+"
            r"(?P<unit>week|month|year|weekend)\b",
        ),
        (
            "days_ago",
            r"\b(?P<n>\d{1,2}|one|two|three|four|five|six|seven|ten)\s+(?P<unit>days?|weeks?)\s+ago\b",
        ),
        ("year", r"\b(?:in|since|during|until|by|of|early|late)\s+(?P<year>(?:19|20)\d\d)\b(?!-)"),
    )
)
_NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "ten": 10}
_LEADING = re.compile(
    r"^(?:in|since|during|until|by|of|on|early|late|mid-?|end of|beginning of)\s+", re.I
)
_BRIDGE = re.compile(r"^\s*[(,]?\s*$")


@dataclass(frozen=True, slots=True)
class DateMention:
    """Words naming a date, with the date they resolve to.

    Attributes:
        start: Offset of the words in the text.
        end: End offset (exclusive).
        text: The words.
        kind: Which pattern read them.
        value: ISO date, month or year; None when it cannot be resolved.
        full: True when the words hold a full day-month-year date.
    """

    start: int
    end: int
    text: str
    kind: str
    value: str | None
    full: bool


def _month(value: str) -> int:
    return int(value) if value.isdigit() else _MONTHS[value.lower().rstrip(".")]


def _valid(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _resolve(kind: str, m: re.Match[str], anchor: dt.date | None) -> tuple[str | None, bool]:
    g = m.groupdict()
    year = int(g["year"]) if g.get("year") else None
    if kind in ("iso", "dotted", "day_month", "month_day"):
        month, day = _month(g["month"]), int(g["day"])
        if year is not None:
            date = _valid(year, month, day)
            return (date.isoformat() if date else None), date is not None
        if anchor is None:
            return None, False
        date = _valid(anchor.year, month, day)
        if date and date > anchor + dt.timedelta(days=7):
            date = _valid(anchor.year - 1, month, day)
        return (date.isoformat() if date else None), False
    if kind == "month_year":
        return f"{year:04d}-{_month(g['month']):02d}", False
    if kind == "year":
        return f"{year:04d}", False
    if anchor is None:
        return None, False
    if kind == "month":
        month = _month(g["month"])
        y = anchor.year if month <= anchor.month else anchor.year - 1
        return f"{y:04d}-{month:02d}", False
    if kind == "weekday":
        return _weekday(
            anchor, _WEEKDAYS[g["weekday"].lower()], (g.get("rel") or "").lower()
        ), False
    if kind == "relative_day":
        rel = g["rel"].lower()
        back = {"yesterday": 1, "last night": 1, "the day before yesterday": 2}.get(rel, 0)
        return (anchor - dt.timedelta(days=back)).isoformat(), False
    if kind == "relative_period":
        return _period(anchor, g["rel"].lower(), g["unit"].lower()), False
    if kind == "days_ago":
        n = int(g["n"]) if g["n"].isdigit() else _NUMBERS[g["n"].lower()]
        days = n * (7 if g["unit"].lower().startswith("week") else 1)
        date = anchor - dt.timedelta(days=days)
        return (date.isoformat() if days < 7 else date.strftime("%Y-%m")), False
    return None, False


def _weekday(anchor: dt.date, weekday: int, rel: str) -> str:
    if rel == "next":
        ahead = (weekday - anchor.weekday()) % 7 or 7
        return (anchor + dt.timedelta(days=ahead)).isoformat()
    back = (anchor.weekday() - weekday) % 7
    if rel in ("last", "past") and back == 0:
        back = 7
    return (anchor - dt.timedelta(days=back)).isoformat()


def _period(anchor: dt.date, rel: str, unit: str) -> str:
    previous = rel in ("last", "past", "previous")
    if unit == "year":
        return f"{anchor.year - 1 if previous else anchor.year:04d}"
    if unit == "month":
        if not previous:
            return anchor.strftime("%Y-%m")
        first = anchor.replace(day=1) - dt.timedelta(days=1)
        return first.strftime("%Y-%m")
    # A week is not an ISO calendar unit we report; its month is as precise as we can be.
    day = anchor - dt.timedelta(days=7 if previous else 0)
    return day.strftime("%Y-%m")


def find_dates(
    text: str, anchor: dt.date | None = None, start: int = 0, end: int | None = None
) -> list[DateMention]:
    """All date mentions in `text` (or its slice ``[start, end)``), resolved against
    `anchor`, in text order.

    Args:
        text: The text to search.
        anchor: The date relative and year-less dates are read from; None leaves them
            unresolved.
        start: Where to start searching.
        end: Where to stop searching; the end of the text by default.

    Returns:
        Non-overlapping mentions; a weekday followed by its date ("Tuesday (March 12)") is one.
    """
    found: list[tuple[int, int, str, re.Match[str]]] = []
    stop = len(text) if end is None else end
    for kind, pattern in _PATTERNS:
        for m in pattern.finditer(text, start, stop):
            if kind == "month" and m.group("month").lower() == "may" and "May" not in m.group():
                continue  # "may" the verb
            if m.group().strip():
                found.append((m.start(), m.end(), kind, m))
    found.sort(key=lambda f: (f[0], -(f[1] - f[0])))
    kept: list[tuple[int, int, str, re.Match[str]]] = []
    for item in found:
        if kept and item[0] < kept[-1][1]:
            continue
        kept.append(item)
    mentions: list[DateMention] = []
    for start, end, kind, m in kept:
        value, full = _resolve(kind, m, anchor)
        lead = _LEADING.match(text[start:end])
        if lead and kind not in ("weekday",):
            start += lead.end()
        elif kind == "weekday" and m.group("rel") and m.group("rel").lower() == "on":
            start = m.start("weekday")
        mention = DateMention(start, end, text[start:end].strip(), kind, value, full)
        previous = mentions[-1] if mentions else None
        if (
            previous is not None
            and previous.kind == "weekday"
            and kind in ("day_month", "month_day", "iso", "dotted")
            and _BRIDGE.match(text[previous.end : start])
        ):
            close = end + 1 if text[end : end + 1] == ")" else end
            mentions[-1] = DateMention(
                previous.start, close, text[previous.start : close], kind, value, full
            )
            continue
        mentions.append(mention)
    return mentions


def anchor_date(text: str, published: dt.date | None) -> dt.date | None:
    """The date relative dates are read from: `published`, else the first full date stated."""
    if published is not None:
        return published
    best: tuple[int, dt.date] | None = None
    for kind, pattern in _PATTERNS[:4]:
        for m in pattern.finditer(text):
            if best is not None and m.start() >= best[0]:
                break
            if m.groupdict().get("year"):
                value, full = _resolve(kind, m, None)
                if full and value:
                    best = (m.start(), dt.date.fromisoformat(value))
                    break
    return best[1] if best else None
