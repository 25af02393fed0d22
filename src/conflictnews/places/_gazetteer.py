"""The offline GeoNames gazetteer: the built index, how it is cached, and how it is read.

`_build` builds the index once from pip-installed data (settlements, regions, countries,
continents and features). The built index is cached with SQLite under ``$CONFLICTNEWS_CACHE``
(default ``~/.cache/conflictnews``), keyed by the source package versions, the package's own
tables and `FORMAT_VERSION`; an unwritable cache directory falls back to an in-memory build.
`Gazetteer` answers name lookups over it. Nothing is downloaded.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import importlib.metadata
import marshal
import os
import sqlite3
import threading
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from .._ids import fold
from ..errors import GazetteerError

# The build's rules for region points, which tests/test_gazetteer.py reaches through here.
from ._build import SOURCES, _plausible_region_point, _trimmed_box_centre, data_file  # noqa: F401
from ._build import build_index as _build  # one name, so that tests can replace the build
from ._record import (
    ALTERNATE,
    CONTINENT,
    COUNTRY,
    DERIVED,
    DISTRICT,
    FEATURE,
    KIND_NAMES,
    PRIMARY,
    REGION,
    SETTLEMENT,
    Record,
)
from ._translit import variant_key

__all__ = [
    "ALTERNATE",
    "CACHE_ENV",
    "CONTINENT",
    "COUNTRY",
    "DERIVED",
    "DISTRICT",
    "FEATURE",
    "FORMAT_VERSION",
    "KIND_NAMES",
    "PRIMARY",
    "REGION",
    "SETTLEMENT",
    "Gazetteer",
    "Record",
    "cache_dir",
    "cache_path",
    "gazetteer",
    "iter_records",
]
"""What the other stages and the resolver use; the kinds and `Record` are `_record`'s."""

FORMAT_VERSION = 23
"""Bumped whenever the built index changes shape or content rules."""

CACHE_ENV = "CONFLICTNEWS_CACHE"


class Gazetteer:
    """Name index over the gazetteer records, backed by a read-only SQLite file.

    Keys are folded names (`conflictnews._ids.fold`); each names records with a strength
    ``how``: `PRIMARY`, `ALTERNATE` or `DERIVED`.
    """

    def __init__(self, path: str, meta: dict[str, Any]) -> None:
        self._path = path
        self._pid = -1
        self._db: sqlite3.Connection | None = None
        self._surface: dict[str, list[int]] = meta["surface"]
        self.admin1_index: dict[str, int] = meta["admin1"]
        self.country_index: dict[str, int] = meta["country"]
        self.seat_of: dict[int, int] = {int(k): v for k, v in meta["seat"].items()}
        self.max_key_words: int = meta["max_words"]
        self.size: int = meta["size"]
        self._by_seat: dict[int, int] | None = None
        self.capitals: frozenset[int] = frozenset(meta["capitals"])
        self._areas: dict[str, tuple[int, int, str]] = {
            key: (int(v[0]), int(v[1]), str(v[2])) for key, v in meta.get("areas", {}).items()
        }
        self.record = functools.lru_cache(maxsize=65536)(self._record)
        self.lookup = functools.lru_cache(maxsize=65536)(self._lookup)
        self.lookup_variant = functools.lru_cache(maxsize=16384)(self._lookup_variant)

    def _conn(self) -> sqlite3.Connection:
        # A connection must not cross a fork (nlp.pipe with n_process > 1).
        if self._db is None or self._pid != os.getpid():
            uri = self._path if self._path.startswith("file:") else f"file:{self._path}?mode=ro"
            self._db = sqlite3.connect(uri, uri=True, check_same_thread=False)
            self._pid = os.getpid()
        return self._db

    def __len__(self) -> int:
        return self.size

    def _record(self, index: int) -> Record:
        row = (
            self._conn()
            .execute(
                "SELECT gid, name, kind, cc, a1, lat, lon, pop, names FROM rec WHERE id=?",
                (index,),
            )
            .fetchone()
        )
        if row is None:
            raise GazetteerError(f"no gazetteer record {index}")
        gid, name, kind, cc, a1, lat, lon, pop, names = row
        return Record(index, gid, name, kind, cc, a1, lat, lon, pop, names)

    def _lookup(self, key: str) -> tuple[tuple[int, int], ...]:
        """Records a folded key names exactly, as ``(record, how)`` pairs."""
        rows = self._conn().execute("SELECT rec, how FROM name WHERE key=?", (key,))
        return tuple((rec, how) for rec, how in rows)

    def _lookup_variant(self, key: str) -> tuple[tuple[int, int], ...]:
        """Records whose transliteration-variant key equals ``variant_key(key)``."""
        vkey = variant_key(key)
        if not vkey:
            return ()
        rows = self._conn().execute("SELECT rec, how FROM variant WHERE key=?", (vkey,))
        return tuple((rec, how) for rec, how in rows)

    def region_by_seat(self) -> dict[int, int]:
        """Region record of each region's largest settlement record."""
        if self._by_seat is None:
            self._by_seat = {seat: region for region, seat in self.seat_of.items()}
        return self._by_seat

    def area(self, name: str) -> tuple[int, int, str] | None:
        """A known area lying within an entry ("Eastern Ghouta", "Karabakh"), if any:
        (entry, kind, the area's main name)."""
        return self._areas.get(fold(name))

    def lookup_surface(self, surface: str) -> list[int]:
        """Records an abbreviation or short form names exactly as written ("U.S.", "Calif.")."""
        return list(self._surface.get(surface, ()))

    @functools.lru_cache(maxsize=256)  # noqa: B019 - one gazetteer per process
    def settlements_in(self, country_code: str, admin1: str = "") -> tuple[tuple[int, str], ...]:
        """Settlements of a country (or one of its first-level regions): (record, name)."""
        sql = "SELECT id, name FROM rec WHERE kind=? AND cc=?"
        args: tuple[object, ...] = (SETTLEMENT, country_code)
        if admin1:
            sql += " AND a1=?"
            args += (admin1,)
        return tuple((rid, name) for rid, name in self._conn().execute(sql, args))

    def region_of(self, index: int) -> Record | None:
        """The first-level region holding a record, when the gazetteer knows it."""
        rec = self.record(index)
        region = self.admin1_index.get(rec.admin1_key) if rec.admin1 else None
        return self.record(region) if region is not None and region != index else None

    def country_of(self, index: int) -> Record | None:
        """The country holding a record."""
        country = self.country_index.get(self.record(index).country_code)
        return self.record(country) if country is not None else None


def _versions() -> str:
    parts = [f"format={FORMAT_VERSION}"]
    for package in SOURCES:
        try:
            parts.append(f"{package}={importlib.metadata.version(package.replace('_', '-'))}")
        except importlib.metadata.PackageNotFoundError:
            parts.append(f"{package}=?")
    for name in (
        "places_features.tsv",
        "places_aliases.tsv",
        "places_demonyms.tsv",
        "places_areas.tsv",
    ):
        parts.append(hashlib.sha256(data_file(name).read_bytes()).hexdigest()[:12])
    return hashlib.sha256("|".join(parts).encode()).hexdigest()[:16]


def cache_dir() -> Path:
    """Directory holding the built gazetteer: ``$CONFLICTNEWS_CACHE`` or ~/.cache/conflictnews."""
    env = os.environ.get(CACHE_ENV)
    return Path(env) if env else Path.home() / ".cache" / "conflictnews"


def cache_path() -> Path:
    """File the built gazetteer is cached in for the installed source versions."""
    return cache_dir() / f"gazetteer-{_versions()}.sqlite"


def _write(data: dict[str, Any], db: sqlite3.Connection) -> None:
    # A throwaway build file: no journal, no syncing; rows go in key order (B-tree friendly).
    db.execute("PRAGMA journal_mode=OFF")
    db.execute("PRAGMA synchronous=OFF")
    db.executescript(
        """
        CREATE TABLE rec (id INTEGER PRIMARY KEY, gid INTEGER, name TEXT, kind INTEGER,
                          cc TEXT, a1 TEXT, lat REAL, lon REAL, pop INTEGER,
                          names INTEGER);
        CREATE TABLE name (key TEXT, rec INTEGER, how INTEGER, PRIMARY KEY (key, rec))
            WITHOUT ROWID;
        CREATE TABLE variant (key TEXT, rec INTEGER, how INTEGER, PRIMARY KEY (key, rec))
            WITHOUT ROWID;
        CREATE TABLE meta (k TEXT PRIMARY KEY, v BLOB);
        """
    )
    db.executemany("INSERT INTO rec VALUES (?,?,?,?,?,?,?,?,?,?)", data["records"])
    keys: dict[str, dict[int, int]] = data["keys"]
    db.executemany(
        "INSERT INTO name VALUES (?,?,?)",
        sorted((k, rec, how) for k, recs in keys.items() for rec, how in recs.items()),
    )
    variants: dict[tuple[str, int], int] = {}
    for k, recs in keys.items():
        vkey = variant_key(k)
        if len(vkey) < 4:
            continue
        for rec, how in recs.items():
            if how < variants.get((vkey, rec), 9):
                variants[(vkey, rec)] = how
    db.executemany(
        "INSERT INTO variant VALUES (?,?,?)",
        sorted((k, rec, how) for (k, rec), how in variants.items()),
    )
    db.execute("INSERT INTO meta VALUES ('meta', ?)", (marshal.dumps(data["meta"]),))
    db.commit()


def _read_meta(db: sqlite3.Connection) -> dict[str, Any]:
    row = db.execute("SELECT v FROM meta WHERE k='meta'").fetchone()
    meta = marshal.loads(row[0])
    if not isinstance(meta, dict):
        raise ValueError("malformed gazetteer metadata")
    return meta


def _open() -> Gazetteer:
    path = cache_path()
    if path.exists():
        try:
            with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as db:
                return Gazetteer(str(path), _read_meta(db))
        except (sqlite3.Error, ValueError, TypeError, EOFError):
            pass  # a damaged cache file is rebuilt below
    data = _build()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".tmp{os.getpid()}")
        tmp.unlink(missing_ok=True)
        with sqlite3.connect(tmp) as db:
            _write(data, db)
        db.close()
        os.replace(tmp, path)
        _remove_stale(path)
        return Gazetteer(str(path), data["meta"])
    except (OSError, sqlite3.Error):
        # Unwritable cache directory: keep the index in a shared in-memory database.
        uri = f"file:conflictnews-gazetteer-{os.getpid()}?mode=memory&cache=shared"
        keeper = sqlite3.connect(uri, uri=True, check_same_thread=False)
        _write(data, keeper)
        _keepers.append(keeper)
        return Gazetteer(uri, data["meta"])


def _remove_stale(current: Path) -> None:
    """Delete gazetteers built for other source versions (each is ~50 MB)."""
    for old in current.parent.glob("gazetteer-*.sqlite"):
        if old != current:
            # In use elsewhere or not ours to delete: harmless either way.
            with contextlib.suppress(OSError):
                old.unlink()


_keepers: list[sqlite3.Connection] = []
"""Open connections that keep in-memory databases alive."""


_lock = threading.Lock()


@functools.cache
def _gazetteer() -> Gazetteer:
    with _lock:
        try:
            return _open()
        except (OSError, ValueError, KeyError, sqlite3.Error) as exc:
            raise GazetteerError(f"could not build the place gazetteer: {exc}") from exc


def gazetteer() -> Gazetteer:
    """The gazetteer, loaded from the cache (or built and cached) on first use.

    Raises:
        GazetteerError: A source package is missing or its data cannot be read.
    """
    return _gazetteer()


def iter_records(gaz: Gazetteer, indexes: Iterable[int]) -> Iterator[Record]:
    """Records for the given indexes."""
    for i in indexes:
        yield gaz.record(i)
