"""Keep spaCy's tokenizer linear on long tokens that begin or end in many punctuation marks,
and split a dash glued to the next word ("(Reuters) -Russian missiles").

spaCy strips prefixes and suffixes from a token one at a time and searches the whole remaining
token with an anchored regular expression each time. Python's ``re`` tries every start position
for such a pattern, so a token like ``((((…x))))`` of 20,000 characters took minutes. Affixes
are a few characters long, so searching only the token's head (prefixes) or tail (suffixes)
finds the same affix in constant time.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from spacy.language import Language
from spacy.util import compile_prefix_regex

TAIL = 32
"""Characters searched for an affix: longer than any affix rule matches, except runs of dots or
ellipses, which are then split into pieces of this length. The search costs grow faster than
this length (every start position is tried), so it is kept short."""


class _ShiftedMatch:
    """A match in the tail of a string, with offsets into the whole string."""

    __slots__ = ("_match", "_offset")

    def __init__(self, match: re.Match[str], offset: int) -> None:
        self._match = match
        self._offset = offset

    def start(self, group: int = 0) -> int:
        return self._match.start(group) + self._offset

    def end(self, group: int = 0) -> int:
        return self._match.end(group) + self._offset

    def span(self, group: int = 0) -> tuple[int, int]:
        return self.start(group), self.end(group)

    def group(self, *groups: Any) -> Any:
        return self._match.group(*groups)


class TailSuffixSearch:
    """``suffix_search`` that looks at the last `TAIL` characters only.

    Keeps ``__self__`` (the compiled pattern) so that spaCy can still serialise the tokenizer.
    """

    def __init__(self, search: Callable[[str], re.Match[str] | None]) -> None:
        self.search = search
        self.__self__ = search.__self__  # type: ignore[attr-defined]

    def __call__(self, string: str) -> re.Match[str] | _ShiftedMatch | None:
        if len(string) <= TAIL:
            return self.search(string)
        offset = len(string) - TAIL
        match = self.search(string[offset:])
        return _ShiftedMatch(match, offset) if match is not None else None

    def __reduce__(self) -> tuple[Any, ...]:
        return (TailSuffixSearch, (self.search,))


class HeadPrefixSearch:
    """``prefix_search`` that looks at the first `TAIL` characters only (same offsets)."""

    def __init__(self, search: Callable[[str], re.Match[str] | None]) -> None:
        self.search = search
        self.__self__ = search.__self__  # type: ignore[attr-defined]

    def __call__(self, string: str) -> re.Match[str] | None:
        return self.search(string[:TAIL])

    def __reduce__(self) -> tuple[Any, ...]:
        return (HeadPrefixSearch, (self.search,))


GLUED_DASH = r"-(?=[A-Z])"
"""A hyphen opening a capitalised word is a dash that lost its space: wire copy writes
"KYIV (Reuters) -Russian missiles ...". Inside a word ("pro-Russian") it is an infix and
stays."""


def split_glued_dash(nlp: Language) -> None:
    """Add `GLUED_DASH` to the tokenizer's prefixes (idempotent); call before
    `guard_tokenizer`."""
    tokenizer: Any = nlp.tokenizer
    search = getattr(tokenizer, "prefix_search", None)
    pattern = getattr(getattr(search, "__self__", None), "pattern", "")
    if search is None or GLUED_DASH in pattern:
        return
    # The language's class defaults are shared by every pipeline of the process: compile a
    # copy for this tokenizer instead of changing them.
    prefixes = [*(nlp.Defaults.prefixes or []), GLUED_DASH]
    tokenizer.prefix_search = compile_prefix_regex(prefixes).search


def guard_tokenizer(nlp: Language) -> None:
    """Make `nlp`'s tokenizer search affixes at the ends of a token only (idempotent)."""
    tokenizer: Any = nlp.tokenizer
    guards: tuple[tuple[str, type], ...] = (
        ("prefix_search", HeadPrefixSearch),
        ("suffix_search", TailSuffixSearch),
    )
    for attribute, guard in guards:
        search = getattr(tokenizer, attribute, None)
        # Leave custom callables alone: only compiled patterns' search methods are wrapped.
        if search is not None and not isinstance(search, guard) and hasattr(search, "__self__"):
            setattr(tokenizer, attribute, guard(search))
