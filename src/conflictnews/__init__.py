"""conflictnews: who claims what happened where in news about armed conflict.

The public surface is what ``__all__`` lists; everything else is private.
"""

from __future__ import annotations

from .actors._registry import lookup_actor, resolve_actor
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
from .pipeline import extract, extract_many, load_pipeline
from .places import resolve_places
from .store._records import ClaimQuery
from .store._store import IngestSummary, Store

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
