"""``/claims``: who claims what happened where, filtered and paginated."""

from __future__ import annotations

import functools
from typing import Annotated

from fastapi import APIRouter, Path, Query
from starlette.concurrency import run_in_threadpool

from conflictnews._records import ClaimDetail, ClaimPage
from conflictnews.models import EventType, IsoDate, Stance
from conflictnews.store import DEFAULT_LIMIT, MAX_LIMIT

from ..deps import StoreDep
from ..errors import INVALID, NOT_FOUND
from ..responses import OrjsonResponse

router = APIRouter(prefix="/claims", tags=["claims"])


@router.get("", response_model=ClaimPage, responses=INVALID, summary="Search claims")
async def list_claims(
    store: StoreDep,
    place: Annotated[
        str | None,
        Query(
            description="Place id (`geonames:486816`) or any spelling or alias of its name.",
            examples=["Sudzha"],
            max_length=200,
        ),
    ] = None,
    actor: Annotated[
        str | None,
        Query(description="Actor id or name: matches the claimant or the agent.", max_length=200),
    ] = None,
    claimant: Annotated[
        str | None, Query(description="Actor id or name of the claimant.", max_length=200)
    ] = None,
    agent: Annotated[
        str | None, Query(description="Actor id or name of the agent.", max_length=200)
    ] = None,
    event: Annotated[EventType | None, Query(description="Event type.")] = None,
    stance: Annotated[Stance | None, Query(description="Stance of the claimant.")] = None,
    since: Annotated[
        IsoDate | None, Query(description="Earliest day, inclusive (claim date, else published).")
    ] = None,
    until: Annotated[IsoDate | None, Query(description="Latest day, inclusive.")] = None,
    article: Annotated[str | None, Query(description="Article id.")] = None,
    q: Annotated[
        str | None, Query(description="Text to find in the evidence or sentence.", max_length=200)
    ] = None,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Page size.")] = DEFAULT_LIMIT,
    cursor: Annotated[
        str | None, Query(description="`next_cursor` of the previous page.", max_length=500)
    ] = None,
) -> OrjsonResponse:
    """Claims matching every given filter, newest first (by claim date, else publication date).

    Pages with `limit` and the opaque `cursor` returned as `next_cursor`.
    """
    search = functools.partial(
        store.search_claims_raw,
        place=place,
        actor=actor,
        claimant=claimant,
        agent=agent,
        event=event,
        stance=stance,
        since=since,
        until=until,
        article=article,
        q=q,
        limit=limit,
        cursor=cursor,
    )
    # An indexed search (place, actor, ids, dates) takes about a millisecond: run it inline,
    # sparing the thread hand-off, which costs more than the query itself. A text search
    # scans the evidence and goes to the thread pool so that it never blocks other requests.
    page = await run_in_threadpool(search) if q else search()
    # The page is already JSON-ready data in `ClaimPage`'s shape: serialise it directly
    # rather than building and re-validating fifty models per request.
    return OrjsonResponse(page)


@router.get(
    "/{claim_id}",
    response_model=ClaimDetail,
    responses=NOT_FOUND,
    summary="One claim with its evidence",
)
async def get_claim(
    store: StoreDep,
    claim_id: Annotated[str, Path(description="Claim id (`clm_...`).")],
) -> ClaimDetail:
    """The claim with its exact evidence string, sentence, article, places and actors."""
    return store.claim(claim_id)  # primary-key lookups: inline, like the indexed search
