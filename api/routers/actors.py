"""``/actors``: who claims things, and who is said to do them."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query

from conflictnews.store import DEFAULT_LIMIT, MAX_LIMIT
from conflictnews.store._records import ActorDetail, ActorSummary

from ..deps import StoreDep
from ..errors import INVALID, NOT_FOUND

router = APIRouter(prefix="/actors", tags=["actors"])


@router.get("", response_model=list[ActorSummary], responses=INVALID, summary="Find actors")
def list_actors(
    store: StoreDep,
    q: Annotated[
        str | None, Query(description="Start of a name or alias (any case).", max_length=200)
    ] = None,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Most actors returned.")] = (
        DEFAULT_LIMIT
    ),
) -> list[ActorSummary]:
    """Actors, most active first."""
    return store.actors(q=q, limit=limit)


@router.get("/{actor_id}", response_model=ActorDetail, responses=NOT_FOUND, summary="One actor")
def get_actor(
    store: StoreDep,
    actor_id: Annotated[
        str, Path(description="Actor id (`actor:slug`) or a name or alias.", max_length=200)
    ],
) -> ActorDetail:
    """What the actor claims, and what it is said to have done (newest first, 100 each)."""
    return store.actor(actor_id)
