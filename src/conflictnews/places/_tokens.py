"""Token tests the finder's passes share: capitalised names, Arabic articles glued to a name
("al-Mawasi"), the word before a name, demonyms, and Title Case headlines, whose capitals
say nothing about names; and `Found`, a candidate mention with its evidence."""

from __future__ import annotations

import weakref
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from ._gazetteer import Gazetteer

DETERMINERS = frozenset({"the", "a", "an", "this", "that"})


@dataclass(slots=True)
class Found:
    """A candidate mention: token span, its kind hint and the evidence for it."""

    start: int
    end: int
    hint: str | None = None
    evidence: float = 0.0
    ner: str | None = None
    extend_to: int | None = None
    named: bool = False


def is_cap(token: Token) -> bool:
    """A capitalised word (not a number or a punctuation mark)."""
    text = token.text
    return bool(text[:1].isupper()) and any(ch.isalpha() for ch in text)


# Arabic articles written in lower case before a name: "al-Mawasi", "el-Fasher", "ash-Sham".
_ARTICLES = frozenset(
    {"al", "el", "ad", "ar", "as", "ash", "at", "az", "an", "ed", "en", "es", "et", "ez", "ul"}
)


def article_start(doc: Doc, i: int) -> bool:
    """Token i is a lower-case article glued by a hyphen to a capitalised name."""
    return (
        doc[i].lower_ in _ARTICLES
        and i + 2 < len(doc)
        and doc[i + 1].text == "-"
        and not doc[i].whitespace_
        and not doc[i + 1].whitespace_
        and is_cap(doc[i + 2])
    )


def name_start(doc: Doc, i: int) -> bool:
    """Token i may open a name: capitalised, or an article glued to one ("al-Mawasi")."""
    return is_cap(doc[i]) or article_start(doc, i)


def prev_word(doc: Doc, i: int) -> tuple[Token | None, int]:
    """The word before token i, skipping determiners; and its index."""
    j = i - 1
    while j >= 0 and doc[j].lower_ in DETERMINERS:
        j -= 1
    return (doc[j], j) if j >= 0 else (None, -1)


def is_demonym(gaz: Gazetteer, text: str) -> bool:
    """A word the gazetteer's demonym table knows ("Syrian", "Burundians")."""
    forms = [text, text[:-1]] if text.endswith("s") else [text]
    return any(gaz.lookup_surface("demonym:" + f) for f in forms)


def headline(sent: Span) -> bool:
    """A headline in Title Case, where even verbs and prepositions are capitalised ("Rebels
    Regain Control Over X"); not a sentence that merely names many places."""
    if not title_case(sent):
        return False
    capitalised_words = [
        t for t in list(sent)[1:] if t.is_alpha and t.text[:1].isupper() and t.pos_ != "PROPN"
    ]
    return len(capitalised_words) >= 2


def title_case(sent: Span) -> bool:
    """A headline in Title Case, where capitals say nothing about names."""
    key = (sent.start, sent.end)
    memo = _TITLE_CASE.get(sent.doc)
    if memo is None:
        memo = _TITLE_CASE.setdefault(sent.doc, {})
    if key not in memo:
        words = [t for t in sent if t.is_alpha and len(t) > 3]
        memo[key] = len(words) >= 4 and (
            sum(t.text[:1].isupper() for t in words) / len(words) > 0.75
        )
    return memo[key]


_TITLE_CASE: weakref.WeakKeyDictionary[Doc, dict[tuple[int, int], bool]] = (
    weakref.WeakKeyDictionary()
)
"""Per Doc, whether each sentence is in Title Case: asked once per candidate name."""
