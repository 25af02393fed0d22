"""Settings of the REST API, read from the environment (``CONFLICTNEWS_*``) or a ``.env`` file."""

from __future__ import annotations

import functools

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    """API settings.

    Attributes:
        db: Database the API serves: an SQLite file, ``:memory:`` or an SQLAlchemy URL
            (``CONFLICTNEWS_DB``).
        max_body_bytes: Largest request body accepted; larger ones get 413 before being parsed
            (``CONFLICTNEWS_MAX_BODY_BYTES``).
        title: Title shown in the OpenAPI document.
    """

    model_config = SettingsConfigDict(env_prefix="CONFLICTNEWS_", env_file=".env", extra="ignore")

    db: str = Field(default="conflictnews.db", description="SQLite file or SQLAlchemy URL")
    max_body_bytes: int = Field(default=2_000_000, ge=1, description="Largest request body, bytes")
    title: str = "conflictnews"


@functools.cache
def get_settings() -> Settings:
    """Settings read once per process."""
    return Settings()
