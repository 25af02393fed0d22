"""``/health`` (is the process up) and ``/ready`` (can it read its database)."""

from __future__ import annotations

from fastapi import APIRouter
from pydantic import BaseModel
from sqlalchemy.exc import SQLAlchemyError

from conflictnews import __version__
from conflictnews.errors import StoreError

from ..deps import StoreDep
from ..errors import UNAVAILABLE
from ..responses import OrjsonResponse

router = APIRouter(tags=["health"])

# Liveness is probed every few seconds by every load balancer in front of every process, so
# its answer is built once: no database, no validation, no serialization per request.
_ALIVE = {"status": "ok", "version": __version__}


class Health(BaseModel):
    """The process answers."""

    status: str
    version: str


class Ready(BaseModel):
    """The database answers: its schema version and row counts."""

    status: str
    version: str
    schema_version: int
    articles: int
    claims: int
    places: int
    actors: int


@router.get("/health", response_model=Health, summary="Liveness check")
async def health() -> OrjsonResponse:
    """``ok`` when the process answers; touches no database (for load-balancer probes)."""
    return OrjsonResponse(_ALIVE)


@router.get("/ready", response_model=Ready, responses=UNAVAILABLE, summary="Readiness check")
def ready(store: StoreDep) -> Ready:
    """``ok`` with schema version and row counts when the database answers; 503 otherwise."""
    try:
        stats = store.stats()
    except SQLAlchemyError as exc:
        # The driver's message may name files or hosts; the probe only needs to know it failed.
        raise StoreError("the database does not answer") from exc
    return Ready(status="ok", version=__version__, **stats.model_dump())
