"""The FastAPI application: `create_app` builds it, `app` is the one ``uvicorn`` serves."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from conflictnews import __version__
from conflictnews.store import Store

from .errors import install_error_handlers
from .middleware import BodySizeLimit
from .responses import OrjsonResponse
from .routers import actors, articles, claims, contradictions, health, places
from .security import install_security
from .settings import Settings, get_settings

DESCRIPTION = """
Who claims what happened where in news about armed conflict, and who contradicts whom.

Every error is `{"error": {"code": "...", "message": "..."}}` with a stable code:
`not_found` (404), `invalid_parameter` / `invalid_input` (422), `payload_too_large` (413),
`store_unavailable` (503).
"""


def create_app(settings: Settings | None = None, *, store: Store | None = None) -> FastAPI:
    """Build the API.

    Args:
        settings: Settings; read from the environment when omitted.
        store: Store to serve; opened from ``settings.db`` on first request when omitted.

    Returns:
        The FastAPI application.
    """
    settings = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        opened = getattr(app.state, "store", None)
        if opened is not None and store is None:
            opened.close()
            app.state.store = None

    app = FastAPI(
        title=settings.title,
        version=__version__,
        description=DESCRIPTION,
        default_response_class=OrjsonResponse,
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.store = store
    app.add_middleware(BodySizeLimit, max_bytes=settings.max_body_bytes)
    install_security(app, settings)
    install_error_handlers(app)
    for module in (claims, places, contradictions, actors, articles, health):
        app.include_router(module.router)
    return app


app = create_app()
