"""The conflictnews REST API (FastAPI). Run it with ``conflictnews serve``."""

from __future__ import annotations

from .app import create_app

__all__ = ["create_app"]
