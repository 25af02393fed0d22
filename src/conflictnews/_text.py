"""Checks that input is article text before any model sees it."""

from __future__ import annotations

from .errors import InvalidInputError

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
        raise InvalidInputError(
            f"text has {len(data):,} characters; the limit is {max_chars:,}"
        )
    if "\x00" in data:
        raise InvalidInputError("input holds NUL bytes: it looks binary, not text")
    sample = data[:20_000]
    if sample:
        control = sum(1 for c in sample if ord(c) < 32 and c not in _CONTROL_OK)
        if control / len(sample) > 0.05:
            raise InvalidInputError("input is mostly control characters: it looks binary")
    return data
