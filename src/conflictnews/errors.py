"""Every error conflictnews raises on purpose derives from `ConflictNewsError`."""

from __future__ import annotations


class ConflictNewsError(Exception):
    """Base class of all conflictnews errors."""


class InvalidInputError(ConflictNewsError, ValueError):
    """The input cannot be read as article text (binary, invalid UTF-8, too large, ...)."""


class PipelineError(ConflictNewsError):
    """The spaCy pipeline could not be loaded or configured."""


class GazetteerError(ConflictNewsError):
    """The place gazetteer could not be built or loaded."""


class LexiconError(ConflictNewsError):
    """A lexicon data file is missing or malformed."""


class StoreError(ConflictNewsError):
    """Base class of claim-store errors."""


class NotFoundError(StoreError, LookupError):
    """An id that the store does not hold."""


class InvalidQueryError(StoreError, ValueError):
    """A store query has a bad parameter (malformed cursor, date or limit)."""


class SchemaVersionError(StoreError):
    """The database was written by a newer conflictnews than this one."""
