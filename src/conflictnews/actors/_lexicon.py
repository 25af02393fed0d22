"""The shipped lexicon of canonical actors (``data/actors.json``) and lookups into it.

Every name and alias is indexed three ways: by its folded text, by its order-free bag of
token keys (`_actor_keys`), and, for the words in those bags, by edit-distance-1
neighbours, so that "Siberia Batallion" finds "Siberian Battalion" and "Andriy Yusuv"
finds "Andriy Yusov". A key shared by two actors is ambiguous and matches neither.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from .._ids import fold, slugify
from ..errors import LexiconError
from ..models import Actor, ActorKind
from ._keys import bag, edits1_deletions, name_keys, rules, split_words, token_key

ACTORS_FILE = "actors.json"

FUZZY_MIN_LEN = 5
"""Shortest token key that may match with one edit: shorter names differ by one letter too often."""

_POSSESSIVE = re.compile(r"(?<=\w)['’][sS]\b")
_ACRONYM = re.compile(r"^[A-Z0-9][A-Za-z0-9./&-]{0,7}$")


def _case_sensitive_words(alias: str) -> tuple[str, ...]:
    """Words of an alias that only match with this exact case: acronyms such as "SAF", "MoD".

    A word is case-sensitive when it is short and has a capital letter after its first
    character, because lower-cased it is often an ordinary word ("saf", "mod", "pdf").
    """
    out = []
    for word in re.split(r"[\s\-]+", alias):
        bare = word.strip("\"'“”‘’()")
        if (
            _ACRONYM.match(bare)
            and len(bare.replace(".", "")) <= 5
            and any(c.isupper() for c in bare[1:])
        ):
            out.append(bare.replace(".", ""))
    return tuple(out)


@dataclass(frozen=True)
class AliasEntry:
    """One indexed alias: the actor it names and the words that must keep their case."""

    actor_id: str
    case_words: tuple[str, ...]


@dataclass
class Lexicon:
    """Canonical actors and the indexes to find them by any of their names."""

    actors: dict[str, Actor] = field(default_factory=dict)
    by_bag: dict[tuple[str, ...], AliasEntry | None] = field(default_factory=dict)
    vocabulary: set[str] = field(default_factory=set)
    deletions: dict[str, set[str]] = field(default_factory=dict)
    heads: dict[str, set[str]] = field(default_factory=dict)
    max_words: int = 1
    collisions: list[tuple[str, str, str]] = field(default_factory=list)
    state_heads: dict[tuple[str, str], set[str]] = field(default_factory=dict)

    def add(self, actor: Actor, country: str | None = None) -> None:
        """Index an actor under its name and aliases.

        Args:
            actor: The actor.
            country: ISO code of the state an army or government serves; read from the
                demonyms of its names when None ("Malian army" -> ML).

        Raises:
            LexiconError: The id is already taken.
        """
        if actor.id in self.actors:
            raise LexiconError(f"{ACTORS_FILE}: duplicate actor id {actor.id}")
        self.actors[actor.id] = actor
        for alias in [actor.name, *actor.aliases]:
            keys = name_keys(alias)
            if not keys:
                continue
            key = bag(keys)
            entry = AliasEntry(actor.id, _case_sensitive_words(alias))
            if key not in self.by_bag:
                self.by_bag[key] = entry
            else:
                known = self.by_bag[key]
                if known is not None and known.actor_id != actor.id:
                    # Two actors share this name: it names neither of them for sure.
                    self.collisions.append((known.actor_id, actor.id, alias))
                    self.by_bag[key] = None
                elif known is not None and len(entry.case_words) < len(known.case_words):
                    self.by_bag[key] = entry
            self.max_words = max(self.max_words, len(split_words(alias)))
            for k in keys:
                if k not in self.vocabulary:
                    self.vocabulary.add(k)
                    if len(k) >= FUZZY_MIN_LEN:
                        for d in edits1_deletions(k):
                            self.deletions.setdefault(d, set()).add(k)
        heads = head_keys_of(actor)
        for head in heads:
            self.heads.setdefault(head, set()).add(actor.id)
        if actor.kind in (ActorKind.MILITARY, ActorKind.GOVERNMENT):
            for code in self.countries_of(actor, country):
                for head in heads:
                    self.state_heads.setdefault((code, head), set()).add(actor.id)

    @staticmethod
    def countries_of(actor: Actor, explicit: str | None = None) -> set[str]:
        """Countries whose state an army or government serves, from its names' demonyms."""
        if explicit:
            return {explicit.upper()}
        codes = rules().country_codes
        return {
            codes[k]
            for alias in [actor.name, *actor.aliases]
            for k in name_keys(alias)
            if k in codes
        }

    def state_actor(self, country: str, head: str) -> Actor | None:
        """The one army or government of a country with this head noun ("army", "junta")."""
        ids = self.state_heads.get((country.upper(), head), set())
        return self.actors[next(iter(ids))] if len(ids) == 1 else None

    def near(self, key: str) -> str | None:
        """The one vocabulary key within one edit of ``key``, or None (none, or several)."""
        if key in self.vocabulary:
            return key
        return _near(self, key)

    def find(self, keys: Iterable[str], surfaces: Iterable[str] = ()) -> Actor | None:
        """The actor whose name has exactly these token keys (any order), or None.

        Args:
            keys: Token keys of the candidate name.
            surfaces: Its words as written, to check acronyms keep their case.
        """
        entry = self.by_bag.get(bag(tuple(keys)))
        if entry is None:
            return None
        if entry.case_words:
            written = {s.replace(".", "") for s in surfaces}
            if not set(entry.case_words) <= written:
                return None
        return self.actors[entry.actor_id]

    def lookup(self, name: str) -> Actor | None:
        """The lexicon actor a name denotes, allowing one misspelt long word."""
        words = [w for w in re.split(r"[\s\-]+", _POSSESSIVE.sub(" ", name)) if w]
        surfaces = [w.strip("\"'“”‘’(),.«»") for w in words]
        keys = name_keys(name)
        if not keys:
            return None
        actor = self.find(keys, surfaces)
        if actor is not None or len(keys) < 2:
            return actor
        return self.find_fuzzy(keys, surfaces)

    def trailing_person(self, name: str) -> Actor | None:
        """The lexicon person or official that ends a longer name, or None.

        "Ukrainian military intelligence spokesman Andriy Yusuv" ends with Andriy Yusov:
        a title or role before a person's name does not make another actor.
        """
        words = split_words(name)
        raw = [w for w in re.split(r"[\s\-]+", _POSSESSIVE.sub(" ", name)) if w]
        surfaces = [w.strip("\"'“”‘’(),.«»") for w in raw]
        for start in range(1, len(words)):
            tail = " ".join(words[start:])
            keys = name_keys(tail)
            if not keys:
                break
            actor = self.find(keys, surfaces)
            if actor is None and len(keys) >= 2:
                actor = self.find_fuzzy(keys, surfaces)
            if actor is not None and actor.kind in (ActorKind.PERSON, ActorKind.OFFICIAL):
                return actor
        return None

    def find_fuzzy(self, keys: list[str], surfaces: Iterable[str]) -> Actor | None:
        """Like `find`, letting one unknown long word stand for its single near neighbour.

        At least one other word must match exactly, so a lone misspelling never names an actor.
        """
        unknown = [i for i, k in enumerate(keys) if k not in self.vocabulary]
        if len(unknown) != 1 or len(keys) < 2:
            return None
        i = unknown[0]
        neighbour = _near(self, keys[i])
        if neighbour is None:
            return None
        return self.find([*keys[:i], neighbour, *keys[i + 1 :]], surfaces)


def head_keys_of(actor: Actor, *, unknown: bool = False) -> set[str]:
    """Keys of the short names that stand for an actor once its full name is known.

    For a person, the surname (last word of a two- to four-word name); for an organisation,
    the head noun of its names ("Legion", "Battalion", "Corps", "army") from ``head_nouns``.
    With ``unknown``, an actor outside the lexicon of kind other whose name looks like a
    person's also has its surname.
    """
    r = rules()
    out: set[str] = set()
    person = actor.kind in (ActorKind.PERSON, ActorKind.OFFICIAL)
    if unknown and actor.kind is ActorKind.OTHER:
        # An entity recogniser often calls a person an organisation: "Tomasz Wieczorek".
        words = actor.name.split()
        person = 2 <= len(words) <= 3 and all(w[:1].isupper() for w in words)
    for alias in [actor.name, *actor.aliases]:
        words = split_words(alias)
        if len(words) < 2:
            continue
        if person and len(words) <= 4 and alias[:1].isupper():
            out.add(token_key(words[-1]))
        elif not person:
            if words[-1] in r.head_nouns:
                out.add(token_key(words[-1]))
            # 'Legion "Freedom of Russia"': a capitalised leading head noun names it too.
            if words[0] in r.head_nouns and alias.lstrip("\"'“«")[:1].isupper():
                out.add(token_key(words[0]))
    return {k for k in out if len(k) >= 3}


def _near(lexicon: Lexicon, key: str) -> str | None:
    if len(key) < FUZZY_MIN_LEN:
        return None
    found: set[str] = set()
    for d in edits1_deletions(key):
        for candidate in lexicon.deletions.get(d, ()):
            if candidate[0] == key[0] and _distance_at_most_one(candidate, key):
                found.add(candidate)
    return found.pop() if len(found) == 1 else None


def _distance_at_most_one(a: str, b: str) -> bool:
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) <= 1
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    return any(long_[:i] + long_[i + 1 :] == short for i in range(len(long_)))


def _actor_from(raw: Any, where: str) -> Actor:
    if not isinstance(raw, dict) or not isinstance(raw.get("name"), str):
        raise LexiconError(f"{where}: every actor needs a string 'name'")
    try:
        kind = ActorKind(raw.get("kind", "other"))
    except ValueError as exc:
        raise LexiconError(f"{where}: {raw['name']}: unknown kind {raw.get('kind')!r}") from exc
    aliases = raw.get("aliases", [])
    if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
        raise LexiconError(f"{where}: {raw['name']}: 'aliases' must be a list of strings")
    actor_id = raw.get("id") or "actor:" + slugify(raw["name"])
    seen = {fold(raw["name"])}
    unique = []
    for alias in aliases:
        if fold(alias) not in seen:
            seen.add(fold(alias))
            unique.append(alias)
    return Actor(id=actor_id, name=raw["name"], kind=kind, aliases=unique, side=raw.get("side"))


def build_lexicon(entries: Iterable[Any], where: str = ACTORS_FILE) -> Lexicon:
    """Index actor entries (dicts with name, kind, side, aliases, optional id and country).

    Raises:
        LexiconError: An entry is malformed or an id repeats.
    """
    lexicon = Lexicon()
    for raw in entries:
        country = raw.get("country") if isinstance(raw, dict) else None
        lexicon.add(_actor_from(raw, where), country if isinstance(country, str) else None)
    return lexicon


def read_lexicon(path: str | Path | None = None) -> Lexicon:
    """Read a lexicon file: a JSON object with an ``actors`` list, or a bare list.

    Args:
        path: A JSON file; the shipped ``data/actors.json`` when None.

    Raises:
        LexiconError: The file is missing or malformed.
    """
    where = str(path) if path else ACTORS_FILE
    try:
        if path is None:
            text = resources.files("conflictnews.data").joinpath(ACTORS_FILE).read_text("utf-8")
        else:
            text = Path(path).read_text("utf-8")
        raw = json.loads(text)
    except (OSError, ValueError) as exc:
        raise LexiconError(f"cannot read actor lexicon {where}: {exc}") from exc
    entries = raw.get("actors") if isinstance(raw, dict) else raw
    if not isinstance(entries, list):
        raise LexiconError(f"{where}: expected a list of actors")
    return build_lexicon(entries, where)


@functools.cache
def default_lexicon() -> Lexicon:
    """The shipped lexicon, read once."""
    return read_lexicon(None)


@functools.cache
def lexicon_at(path: str) -> Lexicon:
    """A lexicon file, read once per path."""
    return read_lexicon(path)
