"""``/health``: is the API up and can it read its database."""

from __future__ import annotations

from fastapi import APIRouter
from pydantic import BaseModel

from conflictnews import __version__

from ..deps import StoreDep
from ..errors import UNAVAILABLE

router = APIRouter(tags=["health"])


class Health(BaseModel):
    """Service status and store size."""

    status: str
    version: str
    schema_version: int
    articles: int
    claims: int
    places: int
    actors: int


@router.get("/health", response_model=Health, responses=UNAVAILABLE, summary="Health check")
def health(store: StoreDep) -> Health:
    """``ok`` with row counts when the database answers; 503 otherwise."""
    stats = store.stats()
    return Health(status="ok", version=__version__, **stats.model_dump())
