"""What a name asked for means: the ids of the stored places and actors it names.

A place is found by its id, any stored spelling or alias, or, when the store holds no such
name, by the gazetteer's reading of it. The gazetteer is ``conflictnews.places``, imported when
first needed: it reads data files, never spaCy.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Select, bindparam, select

from .._ids import fold, slugify
from ..errors import ConflictNewsError
from ..models import Location
from . import _schema as s
from ._prepared import Reader


@functools.lru_cache(maxsize=4096)
def gazetteer_id(name: str) -> str | None:
    """Id the place resolver gives a bare name, or None (used when no stored name matches)."""
    from ..places import resolve_places

    try:
        resolved = resolve_places(name, [(0, len(name))])
    except ConflictNewsError:
        return None
    return resolved[0].id if resolved and resolved[0] is not None else None


@functools.lru_cache(maxsize=4096)
def gazetteer_candidates(name: str) -> tuple[str, ...]:
    """Ids of every gazetteer place this name or a transliteration variant of it can mean."""
    key = fold(name)
    try:
        from ..places._gazetteer import gazetteer

        gaz = gazetteer()
        records = {rec for rec, _how in (*gaz.lookup(key), *gaz.lookup_variant(key))}
        return tuple(sorted(f"geonames:{gaz.record(rec).geonames_id}" for rec in records))
    except (ImportError, AttributeError, ConflictNewsError):
        return ()


def alternate_names(location: Location) -> list[str]:
    """Gazetteer alternate names of a location, when the places package can list them."""
    from .. import places

    lister = getattr(places, "alternate_names", None)
    if lister is None or location.geonames_id is None:
        return []
    try:
        names = lister(location.geonames_id)
    except (ConflictNewsError, LookupError, ValueError):
        return []
    return [n for n in names if isinstance(n, str)]


def one_of(column: Any, name: str, count: int) -> Any:
    """``column`` equal to one of `count` parameters named ``name_0``, ``name_1``..."""
    if count == 1:
        return column == bindparam(f"{name}_0")
    return column.in_([bindparam(f"{name}_{i}") for i in range(count)])


def numbered(name: str, values: Sequence[str]) -> dict[str, str]:
    """Values for the parameters `one_of` names: ``name_0``, ``name_1``..."""
    return {f"{name}_{i}": value for i, value in enumerate(values)}


_PLACES_BY_NAME = (
    select(s.location_names.c.location_id)
    .where(s.location_names.c.name_fold == bindparam("name"))
    .distinct()
)
_PLACE_EXISTS = select(s.locations.c.id).where(s.locations.c.id == bindparam("id_0"))
_ACTORS_BY_NAME = (
    select(s.actor_aliases.c.actor_id)
    .where(s.actor_aliases.c.name_fold == bindparam("name"))
    .distinct()
)


@functools.lru_cache(maxsize=64)
def _places_held(count: int) -> Select[Any]:
    """Which of `count` place ids (``id_0``...) the store holds."""
    return select(s.locations.c.id).where(one_of(s.locations.c.id, "id", count))


def place_ids(reader: Reader, query: str) -> list[str]:
    """Ids of the places a query names: an id, or any stored spelling or alias."""
    query = query.strip()
    if query.startswith(("geonames:", "place:")):
        return [query]
    return _place_ids_by_name(reader, query) if query else []


def _place_ids_by_name(reader: Reader, query: str) -> list[str]:
    found = reader.all(_PLACES_BY_NAME, {"name": fold(query)})
    if found:
        return sorted(row[0] for row in found)
    # Another spelling of a stored place ("Suja" for Sudzha): of every place the gazetteer
    # says the name can mean, keep those the store holds.
    candidates = gazetteer_candidates(query)
    if candidates:
        held = reader.all(_places_held(len(candidates)), numbered("id", candidates))
        if held:
            return sorted(row[0] for row in held)
    resolved = gazetteer_id(query)
    if resolved is not None:
        return [resolved]
    slug_id = "place:" + slugify(query)
    exists = reader.all(_PLACE_EXISTS, {"id_0": slug_id})
    return [slug_id] if exists else []


def actor_ids(reader: Reader, query: str) -> list[str]:
    """Ids of the actors a query names: an id, or any stored name or alias."""
    query = query.strip()
    if query.startswith("actor:"):
        return [query]
    return sorted(row[0] for row in reader.all(_ACTORS_BY_NAME, {"name": fold(query)}))
