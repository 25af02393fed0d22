"""How sure a place resolution is: a logistic model over what the resolver saw.

The evidence is what an analyst would weigh: how far the chosen reading's score is ahead of
the next one (and of the next one far away), how the name matched (main name, alternate,
spelling variant, one word of a longer name), whether the text argued against the reading,
the place's kind and population, and whether the article's other places share its country.
Only a reading of a GeoNames entry gets a confidence: an entry of our own tables without a
GeoNames id (a world region, a sea, an airport) cannot be checked against GeoNames, is kept
unless the text argues against it, and carries no confidence (its id is a ``place:`` id).
The weights live in ``data/places_confidence.json`` with two thresholds below which a place
stays unresolved: ``threshold``, the default of `resolve_places` (the lowest confidence at
which 95 % of the readings of a general-news geoparsing corpus, GeoWebNews, are the right
GeoNames entry), and ``pipeline_threshold``, the default of the extraction pipeline.
Conflict reporting places its towns with context that general news rarely gives (the region,
the neighbouring villages, the front), and there the general-news model understates how sure
a reading is: on our conflict development corpus (65 mentions of its gold claim places), the
general-news threshold would leave a third of the readings the resolver gets right
unresolved, while ``pipeline_threshold`` (0.05) keeps every one of them.
``benchmarks/calibrate_geo.py`` fits the model and the first threshold, and prints the
precision and coverage of both on a held-out half.
"""

from __future__ import annotations

import functools
import json
import math
from dataclasses import dataclass
from importlib import resources

from ..errors import LexiconError
from ._record import ALTERNATE, CONTINENT, COUNTRY, DERIVED, DISTRICT, FEATURE, REGION

SPELLING_MATCH = 3
"""Match strengths from here on are spelling variants or edit-distance matches."""

FAR_KM = 161.0
"""A rival reading at least this far away is another place, not the same one's other entry."""

NEAR_NEIGHBOUR_KM = 50.0
"""Within this of another of the article's places, a place is as near as the model asks."""

FEATURES = (
    "bias",
    "margin",
    "margin_far",
    "single_candidate",
    "alternate_name",
    "derived_name",
    "spelling_match",
    "part_of_name",
    "doubted",
    "log_population",
    "country",
    "region",
    "district",
    "feature",
    "capital",
    "shares_country",
    "same_region",
    "neighbour_near",
    "small_and_isolated",
    "short_name",
    "no_point",
)
"""Names of the model's inputs, in the order of `Evidence.vector`."""


@dataclass(frozen=True, slots=True)
class Evidence:
    """What the resolver knew when it chose a reading.

    Attributes:
        margin: Score of the reading minus that of the best other candidate (large when alone).
        margin_far: The same against the best candidate at least `FAR_KM` away.
        candidates: How many candidates the name had.
        how: How the name matched the reading (`_gazetteer.PRIMARY` ... spelling variants).
        part_of_name: The reading was found for one word of a longer name.
        doubted: The text argues against the reading.
        population: The place's population.
        kind: The place's gazetteer kind.
        capital: The place is a national capital.
        shares_country: Another place of the article lies in the same country.
        same_region: Another place of the article lies in the same first-level region.
        neighbour_km: Distance to the nearest other place of the article (settlements and
            districts; infinite when there is none).
        short_name: The name has three letters or fewer (an abbreviation).
        has_point: The gazetteer gives the place coordinates.
    """

    margin: float
    margin_far: float
    candidates: int
    how: int
    part_of_name: bool
    doubted: bool
    population: int
    kind: int
    capital: bool
    shares_country: bool
    same_region: bool
    neighbour_km: float
    short_name: bool
    has_point: bool

    def vector(self) -> list[float]:
        """The model's inputs, named by `FEATURES`."""
        population = math.log10(self.population + 10)
        nearness = self._nearness()
        return [
            1.0,
            min(max(self.margin, 0.0), 8.0) / 4.0,
            min(max(self.margin_far, 0.0), 8.0) / 4.0,
            float(self.candidates == 1),
            float(self.how == ALTERNATE),
            float(self.how == DERIVED),
            float(self.how >= SPELLING_MATCH),
            float(self.part_of_name),
            float(self.doubted),
            population / 7.0,
            float(self.kind == COUNTRY),
            float(self.kind in (REGION, CONTINENT)),
            float(self.kind == DISTRICT),
            float(self.kind == FEATURE),
            float(self.capital),
            float(self.shares_country),
            float(self.same_region),
            nearness,
            # A small place far from the article's other places is the usual wrong namesake.
            (1.0 - nearness) * max(0.0, 1.0 - population / 6.0),
            float(self.short_name),
            float(not self.has_point),
        ]

    def _nearness(self) -> float:
        return (
            1.0
            if self.neighbour_km <= NEAR_NEIGHBOUR_KM
            else 0.5
            if self.neighbour_km <= 150
            else 0.0
        )


@dataclass(frozen=True, slots=True)
class ConfidenceModel:
    """Weights of the logistic model and the default threshold."""

    weights: tuple[float, ...]
    threshold: float
    pipeline_threshold: float

    def confidence(self, evidence: Evidence) -> float:
        """Probability that the reading is the right GeoNames entry."""
        z = sum(w * x for w, x in zip(self.weights, evidence.vector(), strict=True))
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


@functools.cache
def confidence_model() -> ConfidenceModel:
    """The packaged model (``data/places_confidence.json``), read once."""
    path = resources.files("conflictnews") / "data" / "places_confidence.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        weights = data["weights"]
        if list(weights) != list(FEATURES):
            raise ValueError(f"features {list(weights)} are not {list(FEATURES)}")
        return ConfidenceModel(
            tuple(float(weights[name]) for name in FEATURES),
            float(data["threshold"]),
            float(data["pipeline_threshold"]),
        )
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise LexiconError(f"cannot read the place confidence model: {exc}") from exc


def default_min_confidence() -> float:
    """`resolve_places`' threshold: below it a place stays unresolved (unless told otherwise)."""
    return confidence_model().threshold


def pipeline_min_confidence() -> float:
    """The extraction pipeline's threshold (see the module docstring for why it is lower)."""
    return confidence_model().pipeline_threshold
