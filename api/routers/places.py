"""``/places``: places with their control status, timeline, and a GeoJSON map."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Path, Query
from pydantic import BaseModel, Field

from conflictnews.store import DEFAULT_LIMIT, MAX_LIMIT
from conflictnews.store._corroborate import ControlStatus
from conflictnews.store._records import PlaceDetail, PlaceSummary

from ..deps import StoreDep
from ..errors import INVALID, NOT_FOUND
from ..responses import GeoJsonResponse

router = APIRouter(prefix="/places", tags=["places"])


class PointGeometry(BaseModel):
    """A GeoJSON point: ``[longitude, latitude]``."""

    type: Literal["Point"] = "Point"
    coordinates: tuple[float, float] = Field(description="[longitude, latitude] in degrees")


class PlaceProperties(BaseModel):
    """What the map shows of a place."""

    id: str
    name: str
    kind: str
    country_code: str | None = None
    within: str | None = Field(
        None, description="Id of the place whose point an approximate place (a street) takes"
    )
    confidence: float | None = Field(
        default=None,
        ge=0.0,
        le=1.0,
        description=(
            "How likely the place's resolution is right, 0-1 (calibrated); null for a place: id"
        ),
    )
    status: ControlStatus
    claims: int
    sources_per_side: dict[str, int]
    denying_sources: int


class PlaceFeature(BaseModel):
    """A place on the map."""

    type: Literal["Feature"] = "Feature"
    id: str
    geometry: PointGeometry
    properties: PlaceProperties


class PlaceCollection(BaseModel):
    """A GeoJSON FeatureCollection (RFC 7946) of the resolved places."""

    type: Literal["FeatureCollection"] = "FeatureCollection"
    features: list[PlaceFeature]


@router.get("", response_model=list[PlaceSummary], responses=INVALID, summary="Find places")
def list_places(
    store: StoreDep,
    q: Annotated[
        str | None,
        Query(description="Id, name, alias or start of a name (any spelling).", max_length=200),
    ] = None,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Most places returned.")] = (
        DEFAULT_LIMIT
    ),
) -> list[PlaceSummary]:
    """Places, most claimed first; with `q`, only those it names."""
    return store.places(q=q, limit=limit)


@router.get(
    ".geojson",
    response_model=PlaceCollection,
    response_class=GeoJsonResponse,
    summary="Map of places (GeoJSON)",
)
def places_geojson(store: StoreDep) -> Any:
    """Every place with coordinates, with its control status and claim counts."""
    return store.geojson()


@router.get(
    "/{place_id}",
    response_model=PlaceDetail,
    responses=NOT_FOUND,
    summary="One place: status and timeline",
)
def get_place(
    store: StoreDep,
    place_id: Annotated[
        str,
        Path(
            description="Place id (`geonames:486816`, `place:slug`) or a name or alias.",
            max_length=200,
        ),
    ],
) -> PlaceDetail:
    """Its names, control status with independent sources per side, claim groups and timeline."""
    return store.place(place_id)
