"""The floor under ``GET /claims`` for `bench_api.py`: what serving it costs with no store work.

Served by uvicorn with the same settings as the real API, requested with the same paths:

- `asgi_app`: a bare ASGI callable answering constant bytes: uvicorn and HTTP alone.
- `fastapi_app`: FastAPI with one ``GET /claims`` endpoint taking the same `ClaimQuery` query
  model as the real one and answering a constant small JSON body: routing, parameter
  validation and the response, without touching a store.

The real endpoint's time above the FastAPI floor is the store, the page and the app's own
middleware; the FastAPI floor's time above the bare ASGI app is the framework.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import FastAPI, Query
from fastapi.responses import Response

from conflictnews.store._records import ClaimQuery

BODY = b'{"items":[],"next_cursor":null}'

fastapi_app = FastAPI()


@fastapi_app.get("/claims")
async def claims(query: Annotated[ClaimQuery, Query()]) -> Response:
    return Response(BODY, media_type="application/json")


_HEADERS = [(b"content-type", b"application/json"), (b"content-length", str(len(BODY)).encode())]


async def asgi_app(scope: dict[str, Any], receive: Any, send: Any) -> None:
    if scope["type"] == "lifespan":
        while (await receive())["type"] != "lifespan.shutdown":
            await send({"type": "lifespan.startup.complete"})
        await send({"type": "lifespan.shutdown.complete"})
        return
    await send({"type": "http.response.start", "status": 200, "headers": _HEADERS})
    await send({"type": "http.response.body", "body": BODY})
