"""Dependencies the routers share: settings, the store, the extractor."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Annotated

from fastapi import Depends, Request

from conflictnews.errors import InvalidInputError
from conflictnews.models import ArticleInput, Extraction
from conflictnews.store import Store

from .settings import Settings, get_settings

_open_lock = threading.Lock()

Extractor = Callable[[ArticleInput], Extraction]


async def get_store(request: Request) -> Store:
    """The app's store, opened on first use from the settings' database.

    A coroutine, so that resolving it costs no trip through the thread pool on every request.
    """
    state = request.app.state
    store: Store | None = getattr(state, "store", None)
    if store is None:
        with _open_lock:
            store = getattr(state, "store", None)
            if store is None:
                settings: Settings = getattr(state, "settings", None) or get_settings()
                store = Store(settings.db)
                state.store = store
    return store


def _extract(item: ArticleInput) -> Extraction:
    from conflictnews.pipeline import extract

    return extract(
        item.text, title=item.title, url=item.url, source=item.source, published=item.published
    )


async def get_extractor(request: Request) -> Extractor:
    """How ``POST /articles`` reads an article: `conflictnews.extract` with the default pipeline.

    Texts longer than the settings' ``max_article_chars`` are refused before extraction.
    """
    settings: Settings = getattr(request.app.state, "settings", None) or get_settings()
    limit = settings.max_article_chars

    def extract_within_limit(item: ArticleInput) -> Extraction:
        if len(item.text) > limit:
            raise InvalidInputError(
                f"text has {len(item.text):,} characters; this server accepts at most "
                f"{limit:,} (CONFLICTNEWS_MAX_ARTICLE_CHARS)"
            )
        return _extract(item)

    return extract_within_limit


StoreDep = Annotated[Store, Depends(get_store)]
ExtractorDep = Annotated[Extractor, Depends(get_extractor)]
