"""JSON responses rendered with orjson."""

from __future__ import annotations

from typing import Any

import orjson
from fastapi.responses import JSONResponse


class OrjsonResponse(JSONResponse):
    """A JSON response serialised by orjson (fast, and exact for dates and non-ASCII text)."""

    def render(self, content: Any) -> bytes:
        return orjson.dumps(content, option=orjson.OPT_NON_STR_KEYS)


class GeoJsonResponse(OrjsonResponse):
    """A GeoJSON document (RFC 7946)."""

    media_type = "application/geo+json"
