"""Matching keys for actor names: spellings, word order and transliterations compare equal.

A name becomes a bag of *token keys*. Each token is folded (`_ids.fold`), respelled
("defence" -> "defense"), demonyms and possessives become the country ("Russian",
"Russia's" -> "russia"), and a transliteration skeleton removes the usual variation of
Cyrillic and Arabic names in English ("Andriy"/"Andrey", "Zelenskyy"/"Zelensky",
"Batallion"/"Battalion"). Stop words ("of", "for", "the", possessive "s", Arabic "al")
are dropped, and the remaining keys are sorted, so "Freedom of Russia Legion",
'Legion "Freedom of Russia"' and "Russia Legion for Freedom" share one key.

The word lists come from ``data/actor_rules.json``.
"""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass
from importlib import resources
from typing import Any

from .._ids import fold
from ..errors import LexiconError

RULES_FILE = "actor_rules.json"

_POSSESSIVE = re.compile(r"(?<=\w)['’][sS]\b")
_BRACKETS = re.compile(r"[«»‹›„“”‚\"()\[\]{}<>|•⚡*#@]")
_TRANSLIT = (
    ("kh", "h"),
    ("ks", "x"),
    ("ph", "f"),
    ("y", "i"),
    ("ei", "i"),
    ("j", "i"),
)
_DOUBLE = re.compile(r"(.)\1+")


@dataclass(frozen=True)
class ActorRules:
    """Word lists that steer actor matching and the guessing of kinds for unknown actors."""

    stop_words: frozenset[str]
    determiners: frozenset[str]
    respell: dict[str, str]
    demonyms: dict[str, str]
    head_nouns: frozenset[str]
    anaphoric_heads: frozenset[str]
    state_heads: frozenset[str]
    place_words: frozenset[str]
    place_prefixes: frozenset[str]
    not_actors: frozenset[str]
    negating_prefixes: frozenset[str]
    kind_cues: dict[str, str]
    plural_demonyms: frozenset[str]
    country_codes: dict[str, str]
    patron_capitals: dict[str, str]
    munitions: frozenset[str]
    performing_verbs: frozenset[str]


def _strings(raw: dict[str, Any], key: str) -> list[str]:
    value = raw.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise LexiconError(f"{RULES_FILE}: {key!r} must be a list of strings")
    return value


def _mapping(raw: dict[str, Any], key: str) -> dict[str, str]:
    value = raw.get(key, {})
    if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
        raise LexiconError(f"{RULES_FILE}: {key!r} must map strings to strings")
    return {fold(k): fold(v) for k, v in value.items()}


@functools.cache
def rules() -> ActorRules:
    """The matching rules, read once from the package data.

    Raises:
        LexiconError: The rules file is missing or malformed.
    """
    try:
        text = resources.files("conflictnews.data").joinpath(RULES_FILE).read_text("utf-8")
        raw = json.loads(text)
    except (OSError, ValueError) as exc:
        raise LexiconError(f"cannot read {RULES_FILE}: {exc}") from exc
    if not isinstance(raw, dict):
        raise LexiconError(f"{RULES_FILE}: expected an object")
    kind_cues: dict[str, str] = {}
    for kind, words in raw.get("kind_cues", {}).items():
        if not isinstance(words, list):
            raise LexiconError(f"{RULES_FILE}: kind_cues.{kind} must be a list")
        for word in words:
            kind_cues[fold(word)] = kind
    demonyms = _mapping(raw, "demonyms")
    return ActorRules(
        stop_words=frozenset(fold(w) for w in _strings(raw, "stop_words")),
        determiners=frozenset(fold(w) for w in _strings(raw, "determiners")),
        respell=_mapping(raw, "respell"),
        demonyms=demonyms,
        head_nouns=frozenset(fold(w) for w in _strings(raw, "head_nouns")),
        anaphoric_heads=frozenset(fold(w) for w in _strings(raw, "anaphoric_heads")),
        state_heads=frozenset(fold(w) for w in _strings(raw, "state_heads")),
        place_words=frozenset(fold(w) for w in _strings(raw, "place_words")),
        place_prefixes=frozenset(fold(w) for w in _strings(raw, "place_prefixes")),
        not_actors=frozenset(fold(w) for w in _strings(raw, "not_actors")),
        negating_prefixes=frozenset(fold(w) for w in _strings(raw, "negating_prefixes")),
        kind_cues=kind_cues,
        plural_demonyms=frozenset(fold(w) for w in _strings(raw, "plural_demonyms")),
        country_codes={skeleton(k): v.upper() for k, v in _mapping(raw, "country_codes").items()},
        patron_capitals=_mapping(raw, "patron_capitals"),
        munitions=frozenset(fold(w) for w in _strings(raw, "munitions")),
        performing_verbs=frozenset(fold(w) for w in _strings(raw, "performing_verbs")),
    )


def skeleton(word: str) -> str:
    """Transliteration skeleton of a folded word: "andriy" and "andrey" -> "andri"."""
    out = word
    for old, new in _TRANSLIT:
        out = out.replace(old, new)
    return _DOUBLE.sub(r"\1", out)


@functools.cache
def token_key(word: str) -> str:
    """Matching key of one folded word ("" for a stop word)."""
    r = rules()
    if word in r.stop_words or not word:
        return ""
    word = r.respell.get(word, word)
    word = r.demonyms.get(word, word)
    return skeleton(word)


def split_words(name: str) -> list[str]:
    """Folded words of a name; possessive "'s" becomes its own word."""
    return fold(_BRACKETS.sub(" ", _POSSESSIVE.sub(" s", name))).split()


_BACKED = "backed"


def name_keys(name: str) -> list[str]:
    """Token keys of a name in order, stop words removed. A patron is written three ways
    that give one key: "pro-Turkish", "Turkish-backed" and "Ankara-backed" fighters."""
    words = split_words(name)
    keys: list[str] = []
    capitals = rules().patron_capitals
    i = 0
    while i < len(words):
        word = words[i]
        if word == "pro" and i + 1 < len(words) and token_key(words[i + 1]):
            keys += [token_key(capitals.get(words[i + 1], words[i + 1])), _BACKED]
            i += 2
            continue
        if word in capitals and i + 1 < len(words) and token_key(words[i + 1]) == _BACKED:
            word = capitals[word]
        key = token_key(word)
        if key:
            keys.append(key)
        i += 1
    return keys


def bag(keys: list[str] | tuple[str, ...]) -> tuple[str, ...]:
    """Order-free key of a name from its token keys."""
    return tuple(sorted(keys))


def strip_determiners(name: str) -> str:
    """The name without leading determiners and quantifiers ("Some media outlets" -> "media
    outlets"); the name unchanged when nothing else would be left."""
    words = name.strip().split()
    determiners = rules().determiners
    i = 0
    while i < len(words) - 1 and fold(words[i]) in determiners:
        i += 1
    return " ".join(words[i:])


def edits1_deletions(word: str) -> set[str]:
    """The word and every string one deletion away from it (for edit-distance-1 lookups)."""
    return {word} | {word[:i] + word[i + 1 :] for i in range(len(word))}
