"""conflictnews: who claims what happened where in news about armed conflict.

The public surface is what ``__all__`` lists; everything else is private. The names that need
spaCy (extraction and the actor lexicon's component) are loaded on first use, so that
``import conflictnews.store`` (a database and its reads) does not load a language model.
"""

from __future__ import annotations

import importlib as _importlib
from typing import TYPE_CHECKING as _TYPE_CHECKING
from typing import Any as _Any

from .errors import (
    ConflictNewsError,
    GazetteerError,
    InvalidInputError,
    LexiconError,
    NotFoundError,
    PipelineError,
    StoreError,
)
from .models import (
    Actor,
    ActorKind,
    Article,
    ArticleInput,
    Claim,
    EventType,
    Extraction,
    Location,
    LocationKind,
    Stance,
)
from .places import resolve_places
from .store._records import ClaimQuery
from .store._store import IngestSummary, Store

if _TYPE_CHECKING:
    from .actors import lookup_actor, resolve_actor
    from .pipeline import extract, extract_many, load_pipeline

_LAZY = {
    "extract": "conflictnews.pipeline",
    "extract_many": "conflictnews.pipeline",
    "load_pipeline": "conflictnews.pipeline",
    "lookup_actor": "conflictnews.actors",
    "resolve_actor": "conflictnews.actors",
}


def __getattr__(name: str) -> _Any:
    # PEP 562: the spaCy-backed names are imported when first asked for.
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'conflictnews' has no attribute {name!r}")
    value = getattr(_importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))


__version__ = "0.1.0"

__all__ = [
    "Actor",
    "ActorKind",
    "Article",
    "ArticleInput",
    "Claim",
    "ClaimQuery",
    "ConflictNewsError",
    "EventType",
    "Extraction",
    "GazetteerError",
    "IngestSummary",
    "InvalidInputError",
    "LexiconError",
    "Location",
    "LocationKind",
    "NotFoundError",
    "PipelineError",
    "Stance",
    "Store",
    "StoreError",
    "__version__",
    "extract",
    "extract_many",
    "load_pipeline",
    "lookup_actor",
    "resolve_actor",
    "resolve_places",
]
