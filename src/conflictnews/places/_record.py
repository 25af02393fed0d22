"""What one gazetteer entry is: its kinds, how strongly a name names it, and distances.

The build (`_build`), the reading side (`_gazetteer`) and the resolver all share these; the
module imports nothing of the package, so none of them reaches another through it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

# Kinds, stored as small ints in the index.
SETTLEMENT, REGION, DISTRICT, COUNTRY, CONTINENT, FEATURE = range(6)
KIND_NAMES = ("settlement", "region", "district", "country", "continent", "feature")

# How a key names a record; lower is a stronger match.
PRIMARY, ALTERNATE, DERIVED = 0, 1, 2


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


def km_between(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance in km between two (lat, lon) points."""
    p = math.pi / 180
    h = (
        math.sin((b[0] - a[0]) * p / 2) ** 2
        + math.cos(a[0] * p) * math.cos(b[0] * p) * math.sin((b[1] - a[1]) * p / 2) ** 2
    )
    return 12742 * math.asin(math.sqrt(min(1.0, h)))


_RADIANS = math.pi / 180


def km_apart(a: Record, b: Record) -> float:
    """Great-circle distance in km between two records' points (infinite without a point)."""
    # km_between, inlined: the context passes call this for every candidate and neighbour.
    if a.lat is None or b.lat is None or a.lon is None or b.lon is None:
        return math.inf
    h = (
        math.sin((b.lat - a.lat) * _RADIANS / 2) ** 2
        + math.cos(a.lat * _RADIANS)
        * math.cos(b.lat * _RADIANS)
        * math.sin((b.lon - a.lon) * _RADIANS / 2) ** 2
    )
    return 12742 * math.asin(math.sqrt(min(1.0, h)))
