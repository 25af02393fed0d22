"""``/contradictions``: groups of claims that contradict each other."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from conflictnews.store._records import Contradiction

from ..deps import StoreDep
from ..errors import INVALID

router = APIRouter(prefix="/contradictions", tags=["contradictions"])


@router.get("", response_model=list[Contradiction], responses=INVALID, summary="Contradictions")
def list_contradictions(
    store: StoreDep,
    place: Annotated[
        str | None,
        Query(
            description="Place id or any spelling of its name; all places if omitted.",
            max_length=200,
        ),
    ] = None,
) -> list[Contradiction]:
    """Claims about one kind of event at one place in one period that contradict each other.

    A group contradicts when it holds an assertion and a denial, or control claimed for
    opposing sides, or a repelled attack against a reported capture; most recent first.
    """
    return store.contradictions(place=place)
