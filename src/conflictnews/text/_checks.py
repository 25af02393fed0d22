"""Checks that input is article text before any model sees it."""

from __future__ import annotations

import functools
import json
import re
from importlib import resources

from ..errors import InvalidInputError

MAX_TEXT_CHARS = 1_000_000
"""Longest text accepted, in characters (spaCy's own default limit)."""

_CONTROL_OK = {"\n", "\r", "\t", "\f", "\v"}


def as_text(data: str | bytes, *, max_chars: int = MAX_TEXT_CHARS) -> str:
    """Return `data` as a string of article text, or raise `InvalidInputError`.

    Bytes must be UTF-8 (a BOM is dropped). Text with NUL bytes or mostly control characters
    is taken to be binary. Empty or whitespace-only text is valid and yields no claims.
    """
    if isinstance(data, bytes | bytearray):
        try:
            data = bytes(data).decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise InvalidInputError(f"input is not valid UTF-8 (byte {exc.start})") from exc
    if not isinstance(data, str):
        raise InvalidInputError(f"expected text, got {type(data).__name__}")
    if len(data) > max_chars:
        raise InvalidInputError(f"text has {len(data):,} characters; the limit is {max_chars:,}")
    if "\x00" in data:
        raise InvalidInputError("input holds NUL bytes: it looks binary, not text")
    if not data.isascii():
        try:
            data.encode("utf-8")
        except UnicodeEncodeError as exc:
            raise InvalidInputError(
                f"text is not valid Unicode: unpaired surrogate at character {exc.start}"
            ) from exc
    sample = data[:20_000]
    if sample:
        control = sum(1 for c in sample if ord(c) < 32 and c not in _CONTROL_OK)
        if control / len(sample) > 0.05:
            raise InvalidInputError("input is mostly control characters: it looks binary")
    return data


# No two adjacent parts of the pattern can match the same characters, so a long run of spaces
# after "<" or "<a" fails in linear time (overlapping \s* parts made it quadratic: seconds
# for 20 kB).
_TAG = re.compile(r"<\s*(?:/\s*)?[a-zA-Z][a-zA-Z0-9-]*(?:[\s/][^<>]*)?>")
_WORD = re.compile(r"[^\W\d_]+")


@functools.cache
def _english_function_words() -> frozenset[str]:
    data = json.loads(
        resources.files("conflictnews")
        .joinpath("data/english_function_words.json")
        .read_text(encoding="utf-8")
    )
    return frozenset(data["words"])


def looks_like_html(text: str) -> bool:
    """True when the text is an HTML page rather than article text."""
    head = text.lstrip()[:200].lower()
    if head.startswith(("<!doctype html", "<html")):
        return True
    tag_chars = sum(len(m.group(0)) for m in _TAG.finditer(text[:50_000]))
    return tag_chars > 0.3 * len(text[:50_000])


def looks_english(text: str) -> bool:
    """True when enough of the words are English function words for English rules to apply.

    Names in other scripts (Cyrillic, Arabic) inside English text do not count against it:
    only the share of function words among all words decides, so a short English headline
    with a foreign name passes while a Russian or French paragraph does not.
    """
    words = _WORD.findall(text[:50_000].lower())
    if not words:
        return False
    if len(words) < 8:
        # Too short to judge by frequencies: accept when any word is an English function word
        # or the letters are Latin.
        return any(w in _english_function_words() for w in words) or all(w.isascii() for w in words)
    share = sum(1 for w in words if w in _english_function_words()) / len(words)
    return share >= 0.08
