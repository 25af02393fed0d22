"""``/articles``: stored articles, and ingesting one."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query, Response, status

from conflictnews.models import ArticleInput, Extraction
from conflictnews.store import DEFAULT_LIMIT, MAX_LIMIT
from conflictnews.store._records import ArticleDetail, ArticlePage

from ..deps import ExtractorDep, StoreDep
from ..errors import INVALID, NOT_FOUND, TOO_LARGE, ErrorResponse

router = APIRouter(prefix="/articles", tags=["articles"])


class IngestedArticle(Extraction):
    """The article as stored, with its claims, actors and places.

    Attributes:
        new: False when the article was already stored (same URL or same normalised text).
    """

    new: bool


@router.get("", response_model=ArticlePage, responses=INVALID, summary="List articles")
def list_articles(
    store: StoreDep,
    source: Annotated[str | None, Query(description="Only this outlet (exact name).")] = None,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Page size.")] = DEFAULT_LIMIT,
    cursor: Annotated[
        str | None, Query(description="`next_cursor` of the previous page.", max_length=500)
    ] = None,
) -> ArticlePage:
    """Stored articles, most recently stored first, without their text."""
    return store.articles(source=source, limit=limit, cursor=cursor)


@router.get(
    "/{article_id}", response_model=ArticleDetail, responses=NOT_FOUND, summary="One article"
)
def get_article(
    store: StoreDep,
    article_id: Annotated[str, Path(description="Article id (`art_...`).")],
) -> ArticleDetail:
    """The article's text, claims and near-duplicate copies."""
    return store.article(article_id)


@router.post(
    "",
    response_model=IngestedArticle,
    status_code=status.HTTP_201_CREATED,
    responses={
        200: {"model": IngestedArticle, "description": "Already stored; nothing was added."},
        **INVALID,
        **TOO_LARGE,
        400: {"model": ErrorResponse, "description": "The body is not JSON (code `bad_request`)."},
    },
    summary="Ingest one article",
)
def post_article(
    store: StoreDep, extractor: ExtractorDep, item: ArticleInput, response: Response
) -> IngestedArticle:
    """Extract the article's claims and store them: 201 when new, 200 when already known."""
    extraction, new = store.ingest_article(item, extractor=extractor)
    if not new:
        response.status_code = status.HTTP_200_OK
    return IngestedArticle(**dict(extraction), new=new)
