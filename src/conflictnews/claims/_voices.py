"""Places that speak: "Russia said", "Kyiv denied" name a government, not a place.

News writes a state's statements under its country's or its capital's name. As a claimant
such a name stands for the country's government: "Government of <country>", which the actor
lexicon resolves to the canonical government when it knows one.
"""

from __future__ import annotations

import functools
import sqlite3

from .._ids import fold
from ..errors import ConflictNewsError
from ..models import Location, LocationKind
from ..places._gazetteer import ALTERNATE, PRIMARY, gazetteer


def government_of_place(location: Location) -> str | None:
    """The government a country's name speaks for, as an actor name."""
    if location.kind is not LocationKind.COUNTRY or not location.name:
        return None
    return f"Government of {location.name}"


@functools.lru_cache(maxsize=1024)
def government_of_capital(name: str) -> str | None:
    """The government a national capital's name speaks for ("Kyiv" -> "Government of
    Ukraine"), or None when the name is no capital the gazetteer knows."""
    try:
        gaz = gazetteer()
        for index, how in gaz.lookup(fold(name)):
            if how not in (PRIMARY, ALTERNATE) or index not in gaz.capitals:
                continue
            country = gaz.country_of(index)
            if country is not None:
                return f"Government of {country.name}"
    except (ConflictNewsError, sqlite3.Error, OSError):
        return None  # without a gazetteer a capital is simply not recognised
    return None
