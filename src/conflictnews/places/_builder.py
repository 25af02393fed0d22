"""The gazetteer index under construction: records as columns, and name keys with the
strength each names a record by. `_build` fills it from the source packages; `finish`
returns what `_gazetteer` writes to its cache."""

from __future__ import annotations

import functools
import math
from collections import defaultdict
from typing import Any

from .._ids import fold

cached_fold = functools.lru_cache(maxsize=1 << 20)(fold)


_SHORT_FORMS = (("saint ", "st "), ("sainte ", "ste "), ("mount ", "mt "), ("fort ", "ft "))


def abbreviated_forms(folded: str) -> list[str]:
    """A name and its usual short forms: "saint petersburg" / "st petersburg"."""
    forms = [folded]
    for long, short in _SHORT_FORMS:
        if folded.startswith(long):
            forms.append(short + folded[len(long) :])
        elif folded.startswith(short):
            forms.append(long + folded[len(short) :])
    return forms


class Builder:
    """The index being built: one list per record column, and the name keys."""

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
        folded = cached_fold(name)
        if len(folded) < 2:
            return
        for key in abbreviated_forms(folded):
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
