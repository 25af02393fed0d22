"""The claim store: articles, claims, places and actors in one SQL database (SQLite by
default, PostgreSQL by URL), its schema and migrations, and the reads on it: the claim
search, place status and contradictions across articles.

May import: ``conflictnews.models``, ``conflictnews.errors``, ``conflictnews._ids``,
``conflictnews.text`` (input checks). Never spaCy nor the extraction pipeline: joining the
two is ``conflictnews.ingest``'s job.
"""

from ._store import DB_ENV, DEFAULT_DB, DEFAULT_LIMIT, MAX_LIMIT, IngestSummary, Store

__all__ = ["DB_ENV", "DEFAULT_DB", "DEFAULT_LIMIT", "MAX_LIMIT", "IngestSummary", "Store"]
