"""Settings of the REST API, read from the environment (``CONFLICTNEWS_*``) or a ``.env`` file."""

from __future__ import annotations

import functools
from typing import Annotated, Any

import orjson
from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict


class Settings(BaseSettings):
    """API settings.

    Attributes:
        db: Database the API serves: an SQLite file, ``:memory:`` or an SQLAlchemy URL
            (``CONFLICTNEWS_DB``).
        max_body_bytes: Largest request body accepted; larger ones get 413 before being parsed
            (``CONFLICTNEWS_MAX_BODY_BYTES``).
        title: Title shown in the OpenAPI document.
        max_article_chars: Longest article text ``POST /articles`` extracts; longer ones get 422
            before any model sees them, so that one request cannot hold a worker for minutes
            (``CONFLICTNEWS_MAX_ARTICLE_CHARS``; the library's own limit is 1,000,000).
        api_key: Key that writes (``POST``) must carry, as ``X-API-Key`` or a bearer token;
            unset means no check (``CONFLICTNEWS_API_KEY``). See `api.security`.
        api_key_reads: Require the key for reads too (``CONFLICTNEWS_API_KEY_READS``).
        cors_origins: Browser origins allowed by CORS, comma-separated or a JSON list; empty
            (the default) turns CORS off (``CONFLICTNEWS_CORS_ORIGINS``).
        access_log: Log one line per request when served by ``conflictnews serve``
            (``CONFLICTNEWS_ACCESS_LOG``); costs throughput, see docs/deployment.md.
    """

    model_config = SettingsConfigDict(env_prefix="CONFLICTNEWS_", env_file=".env", extra="ignore")

    db: str = Field(default="conflictnews.db", description="SQLite file or SQLAlchemy URL")
    max_body_bytes: int = Field(default=2_000_000, ge=1, description="Largest request body, bytes")
    title: str = "conflictnews"
    max_article_chars: int = Field(
        default=100_000, ge=1, le=1_000_000, description="Longest article text POST accepts"
    )
    api_key: SecretStr | None = Field(default=None, description="Key required for writes")
    api_key_reads: bool = Field(default=False, description="Require the key for reads too")
    cors_origins: Annotated[list[str], NoDecode] = Field(
        default_factory=list, description="Origins allowed by CORS; empty turns CORS off"
    )
    access_log: bool = Field(default=False, description="Log one line per request (serve)")

    @field_validator("cors_origins", mode="before")
    @classmethod
    def _split_origins(cls, value: Any) -> Any:
        if isinstance(value, str):
            text = value.strip()
            if text.startswith("["):
                return orjson.loads(text)
            return [part.strip() for part in text.split(",") if part.strip()]
        return value


@functools.cache
def get_settings() -> Settings:
    """Settings read once per process."""
    return Settings()
