"""Library errors turned into HTTP errors with a stable JSON body.

Every error response is ``{"error": {"code": "<stable code>", "message": "<readable>"}}``.
This is the only place where library exceptions meet HTTP status codes.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from pydantic import BaseModel
from starlette.exceptions import HTTPException as StarletteHTTPException

from conflictnews.errors import (
    ConflictNewsError,
    InvalidInputError,
    InvalidQueryError,
    NotFoundError,
    StoreError,
)

from .responses import OrjsonResponse


class ErrorDetail(BaseModel):
    """What went wrong: a stable machine code and a readable message."""

    code: str
    message: str


class ErrorResponse(BaseModel):
    """Body of every error response."""

    error: ErrorDetail


_CODES_BY_STATUS = {
    400: "bad_request",
    404: "not_found",
    405: "method_not_allowed",
    413: "payload_too_large",
    422: "invalid_parameter",
    500: "internal_error",
    503: "store_unavailable",
}


def error_response(status: int, code: str, message: str) -> OrjsonResponse:
    """An error response with the standard body."""
    return OrjsonResponse({"error": {"code": code, "message": message}}, status_code=status)


def _describe(description: str) -> dict[str, Any]:
    return {"model": ErrorResponse, "description": description}


NOT_FOUND: dict[int | str, dict[str, Any]] = {404: _describe("No such id (code `not_found`).")}
INVALID: dict[int | str, dict[str, Any]] = {
    422: _describe("A parameter is invalid (code `invalid_parameter` or `invalid_input`).")
}
TOO_LARGE: dict[int | str, dict[str, Any]] = {
    413: _describe("The request body exceeds the limit (code `payload_too_large`).")
}
UNAVAILABLE: dict[int | str, dict[str, Any]] = {
    503: _describe("The database cannot be read (code `store_unavailable`).")
}


def _readable(exc: RequestValidationError) -> str:
    parts = []
    for error in exc.errors():
        loc = [str(p) for p in error.get("loc", ()) if p not in ("query", "path", "body")]
        where = ".".join(loc) or "request"
        parts.append(f"{where}: {error.get('msg', 'invalid')}")
    return "; ".join(parts) or "invalid request"


def install_error_handlers(app: FastAPI) -> None:
    """Map library and framework errors to the standard JSON error body."""

    async def not_found(_: Request, exc: Exception) -> OrjsonResponse:
        return error_response(404, "not_found", str(exc))

    async def invalid_query(_: Request, exc: Exception) -> OrjsonResponse:
        return error_response(422, "invalid_parameter", str(exc))

    async def invalid_input(_: Request, exc: Exception) -> OrjsonResponse:
        return error_response(422, "invalid_input", str(exc))

    async def store_error(_: Request, exc: Exception) -> OrjsonResponse:
        return error_response(503, "store_unavailable", str(exc))

    async def library_error(_: Request, exc: Exception) -> OrjsonResponse:
        return error_response(500, "internal_error", str(exc))

    async def validation(_: Request, exc: Exception) -> OrjsonResponse:
        assert isinstance(exc, RequestValidationError)
        return error_response(422, "invalid_parameter", _readable(exc))

    async def http_error(_: Request, exc: Exception) -> OrjsonResponse:
        assert isinstance(exc, StarletteHTTPException)
        code = _CODES_BY_STATUS.get(exc.status_code, "http_error")
        return error_response(exc.status_code, code, str(exc.detail))

    app.add_exception_handler(NotFoundError, not_found)
    app.add_exception_handler(InvalidQueryError, invalid_query)
    app.add_exception_handler(InvalidInputError, invalid_input)
    app.add_exception_handler(StoreError, store_error)
    app.add_exception_handler(ConflictNewsError, library_error)
    app.add_exception_handler(RequestValidationError, validation)
    app.add_exception_handler(StarletteHTTPException, http_error)
