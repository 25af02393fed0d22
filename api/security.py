"""Write protection with an API key, and CORS: both configured in `api.settings.Settings`.

With ``CONFLICTNEWS_API_KEY`` set, every request that can change the store (any method but
GET, HEAD and OPTIONS) must carry the key, as ``X-API-Key: <key>`` or
``Authorization: Bearer <key>``: without it the answer is 401, with a wrong one 403. Reads stay
open unless ``CONFLICTNEWS_API_KEY_READS=true``. Without a key nothing is checked, which suits a
server listening on loopback only.

CORS is off unless ``CONFLICTNEWS_CORS_ORIGINS`` lists the browser origins allowed to call the
API (comma-separated, or ``*``).
"""

from __future__ import annotations

import hmac
from typing import Any

import orjson
from fastapi import FastAPI
from starlette.middleware.cors import CORSMiddleware
from starlette.types import ASGIApp, Receive, Scope, Send

from .settings import Settings

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
"""Methods that never change the store; open to anyone unless reads are protected too."""

KEY_HEADER = b"x-api-key"

GUARD_RESPONSES = {
    "401": "No API key (code `unauthorized`).",
    "403": "Wrong API key (code `forbidden`).",
}


class ApiKeyGuard:
    """Refuse requests without the right API key before anything reads their body.

    Args:
        app: The application to protect.
        api_key: The key clients must send.
        protect_reads: Require the key for GET and HEAD too (OPTIONS stays open for CORS
            preflight requests, which browsers send without credentials).
    """

    def __init__(self, app: ASGIApp, api_key: str, *, protect_reads: bool = False) -> None:
        if not api_key:
            raise ValueError("api_key must not be empty")
        self.app = app
        self._key = api_key.encode("utf-8")
        self.protect_reads = protect_reads

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not self._needs_key(scope["method"]):
            await self.app(scope, receive, send)
            return
        presented = presented_key(scope.get("headers", []))
        if presented is None:
            await _refuse(
                send,
                401,
                "unauthorized",
                "this request needs an API key: send `X-API-Key: <key>` "
                "or `Authorization: Bearer <key>`",
            )
            return
        # Constant-time comparison: the time taken does not tell how much of a guess was right.
        if not hmac.compare_digest(presented, self._key):
            await _refuse(send, 403, "forbidden", "the API key is not valid")
            return
        await self.app(scope, receive, send)

    def _needs_key(self, method: str) -> bool:
        if method == "OPTIONS":
            return False
        return self.protect_reads or method not in SAFE_METHODS


def presented_key(headers: list[tuple[bytes, bytes]]) -> bytes | None:
    """The key a request carries in ``X-API-Key`` or as an ``Authorization`` bearer token."""
    for name, value in headers:
        if name == KEY_HEADER and value.strip():
            return value.strip()
    for name, value in headers:
        if name == b"authorization":
            scheme, _, token = value.strip().partition(b" ")
            if scheme.lower() == b"bearer" and token.strip():
                return token.strip()
    return None


async def _refuse(send: Send, status: int, code: str, message: str) -> None:
    body = orjson.dumps({"error": {"code": code, "message": message}})
    headers = [
        (b"content-type", b"application/json"),
        (b"content-length", str(len(body)).encode()),
    ]
    if status == 401:
        headers.append((b"www-authenticate", b'Bearer realm="conflictnews"'))
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


def install_security(app: FastAPI, settings: Settings) -> None:
    """Add the API-key guard and CORS to `app` as the settings ask.

    Call it after every other middleware is added: CORS then wraps the guard, so that refusals
    carry CORS headers a browser can read, and the guard runs before the body-size limit reads
    any body.
    """
    key = settings.api_key.get_secret_value() if settings.api_key is not None else ""
    if key:
        app.add_middleware(ApiKeyGuard, api_key=key, protect_reads=settings.api_key_reads)
        _document_security(app, protect_reads=settings.api_key_reads)
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.cors_origins,
            allow_methods=["GET", "POST", "OPTIONS"],
            allow_headers=["Content-Type", "Authorization", "X-API-Key"],
            allow_credentials=False,
            max_age=600,
        )


def _document_security(app: FastAPI, *, protect_reads: bool) -> None:
    """Show the key in the OpenAPI document: schemes, and 401/403 on the guarded operations."""
    build = app.openapi

    def openapi() -> dict[str, Any]:
        schema = build()
        schemes = schema.setdefault("components", {}).setdefault("securitySchemes", {})
        schemes["ApiKeyHeader"] = {"type": "apiKey", "in": "header", "name": "X-API-Key"}
        schemes["BearerKey"] = {"type": "http", "scheme": "bearer"}
        error = {"$ref": "#/components/schemas/ErrorResponse"}
        for operations in schema.get("paths", {}).values():
            for method, operation in operations.items():
                if not protect_reads and method.upper() in SAFE_METHODS:
                    continue
                operation["security"] = [{"ApiKeyHeader": []}, {"BearerKey": []}]
                responses = operation.setdefault("responses", {})
                for status, text in GUARD_RESPONSES.items():
                    responses[status] = {
                        "description": text,
                        "content": {"application/json": {"schema": error}},
                    }
        return schema

    app.openapi = openapi  # type: ignore[method-assign]
