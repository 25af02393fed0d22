"""The claim store: articles, claims, places and actors in one database, and the reads on them.

`Store` is the one public face of the store: each kind of question is answered by a small
class behind it, which it holds and hands the question to. The connections are `_engine`'s,
writes are `_writes`', and the reads are `_claim_reads`, `_article_reads`, `_place_reads` and
`_actor_reads`. Extracting articles is not the store's job: `ingest` and `ingest_article` hand
over to `conflictnews.ingest`.

The default is one SQLite file (``conflictnews.db`` in the working directory, or
``$CONFLICTNEWS_DB``) in WAL mode, so readers keep working while an ingest writes. Every
statement is SQLAlchemy Core, so a PostgreSQL URL (``postgresql+psycopg://...``, the
``postgres`` extra) can replace the file without touching callers; the store's tests run on
both, and several processes may write to one PostgreSQL database at once.

Ingest is idempotent (an article already stored under the same URL or the same normalised text
is skipped) and atomic per article: an article, its claims, places and actors are written in one
transaction, so an ingest that dies half-way leaves every committed article whole.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from contextlib import AbstractContextManager
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection

from ..errors import StoreError
from ..models import ArticleInput, Extraction
from . import _corroborate as corroborate
from ._actor_reads import ActorReads
from ._article_reads import ArticleReads
from ._batch import Rows
from ._claim_reads import ClaimReads
from ._corroborate import PlaceStatus
from ._engine import DB_ENV, DEFAULT_DB, Database, database_url, default_location
from ._place_reads import PlaceReads
from ._records import (
    DEFAULT_LIMIT,
    MAX_LIMIT,
    ActorDetail,
    ActorSummary,
    AddResult,
    ArticleDetail,
    ArticlePage,
    ClaimDetail,
    ClaimPage,
    ClaimQuery,
    Contradiction,
    IngestSummary,
    PlaceDetail,
    PlaceSummary,
    StoreStats,
)
from ._writes import Writes, write_rows

if TYPE_CHECKING:
    from ..ingest import IngestItem, ProgressCallback


class Store:
    """A claim store in one database (SQLite file by default).

    Example:
        >>> store = Store(":memory:")
        >>> store.stats().claims
        0

    Args:
        location: A file path, ``":memory:"``, or an SQLAlchemy URL
            (``postgresql+psycopg://...``). Defaults to ``$CONFLICTNEWS_DB`` or
            ``conflictnews.db`` in the working directory.
        window_days: Period used to group claims (see `conflictnews.store._corroborate`).

    Raises:
        SchemaVersionError: The database was written by a newer conflictnews.
        StoreError: The database cannot be opened.
    """

    def __init__(
        self,
        location: str | os.PathLike[str] | None = None,
        *,
        window_days: int = corroborate.WINDOW_DAYS,
    ) -> None:
        self._db = Database(database_url(default_location() if location is None else location))
        self.url = self._db.url
        self.schema_version = self._db.schema_version
        self._engine = self._db.engine
        # Rows reach the tables through `_write_rows`, looked up at each write, so that a test
        # can make a write fail once its rows are in (tests/test_store.py).
        self._writes = Writes(self._db, lambda conn, rows: self._write_rows(conn, rows))
        self._claims = ClaimReads(self._db)
        self._articles = ArticleReads(self._db)
        self._places = PlaceReads(self._db, window_days)
        self._actors = ActorReads(self._db)

    @property
    def window_days(self) -> int:
        """Period used to group claims (see `conflictnews.store._corroborate`)."""
        return self._places.window_days

    @window_days.setter
    def window_days(self, days: int) -> None:
        self._places.window_days = days

    # --- connections -----------------------------------------------------------------------

    def _write(self) -> AbstractContextManager[Connection]:
        return self._db.write()

    def close(self) -> None:
        """Release the database connections."""
        self._db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Store({self.url!r})"

    # --- writing ---------------------------------------------------------------------------

    def add(self, extraction: Extraction) -> AddResult:
        """Store one extraction (article, claims, actors, places) in one transaction.

        An article already stored under the same URL or the same normalised text is not stored
        again; the result then has ``new=False``.

        Raises:
            StoreError: The database refused the write; nothing of the article is stored.
        """
        result = self.add_many([extraction])[0]
        if isinstance(result, StoreError):
            raise result
        return result

    def add_many(self, extractions: Sequence[Extraction]) -> list[AddResult | StoreError]:
        """Store several extractions in one transaction, each article whole or not at all.

        The batch is first written with one statement per table. If the database refuses
        any of it, that attempt is rolled back and every article is written again inside its
        own savepoint, so that a refused article is rolled back alone (its slot in the result
        holds the error) and the others commit. A crash before the commit loses the batch,
        never part of an article.

        Returns:
            One `AddResult` (or the `StoreError` that refused it) per extraction, in order.
        """
        return self._writes.add_many(extractions)

    def _add_batch(
        self, conn: Connection, extractions: Sequence[Extraction], shingles: Sequence[set[int]]
    ) -> list[AddResult]:
        return self._writes.add_batch(conn, extractions, shingles)

    def _write_rows(self, conn: Connection, rows: Rows) -> None:
        write_rows(conn, rows)

    def knows(self, text: str, url: str | None = None) -> str | None:
        """Id of the stored article with this text (normalised) or URL, else None."""
        return self._writes.knows(text, url)

    def ingest(
        self,
        items: Iterable[IngestItem],
        *,
        n_process: int = 1,
        batch_size: int = 16,
        nlp: Any = None,
        progress: ProgressCallback | None = None,
        commit_every: int = 32,
    ) -> IngestSummary:
        """Extract and store many articles; known ones are skipped before extraction.

        A bad item (binary text, unreadable file) is counted as failed and reported; the rest
        goes in. Articles are committed in small batches, each whole, so stopping half-way keeps
        what is done.

        Args:
            items: `ArticleInput`, plain text, files read by `conflictnews.text._files`,
                finished `Extraction` objects, or `Unreadable` markers (counted as failed).
            n_process: spaCy worker processes for extraction.
            batch_size: Documents per spaCy batch.
            nlp: Pipeline from `conflictnews.load_pipeline`; the default one otherwise.
            progress: Called once per item with (outcome, label, message).
            commit_every: Articles per transaction (each in its own savepoint, so every
                committed article is whole).

        Returns:
            Counts of new, known and failed articles and of stored claims.
        """
        # The store's only reach into the extraction pipeline, taken at call time so that opening
        # and reading a store never imports spaCy (`conflictnews.ingest` joins the two).
        from ..ingest import ingest

        return ingest(
            self,
            items,
            n_process=n_process,
            batch_size=batch_size,
            nlp=nlp,
            progress=progress,
            commit_every=commit_every,
        )

    def ingest_article(
        self,
        item: ArticleInput,
        *,
        extractor: Callable[[ArticleInput], Extraction] | None = None,
    ) -> tuple[Extraction, bool]:
        """Extract and store one article, or return the stored one.

        Args:
            item: The article.
            extractor: Turns the input into an `Extraction`; `conflictnews.extract` by default.

        Returns:
            The article's extraction as stored, and whether it was new.

        Raises:
            InvalidInputError: The text is not article text.
        """
        # At call time, like `ingest`: the store itself never imports the pipeline.
        from ..ingest import ingest_article

        return ingest_article(self, item, extractor=extractor)

    def revision(self) -> int:
        """Counter increased by every stored article (caches of derived views key on it)."""
        return self._db.revision()

    def delete_article(self, article_id: str) -> None:
        """Remove an article with its claims (its actors and places stay).

        Raises:
            NotFoundError: No such article.
        """
        self._writes.delete_article(article_id)

    # --- lookups ---------------------------------------------------------------------------

    def place_ids(self, query: str) -> list[str]:
        """Ids of the places a query names: an id, or any stored spelling or alias.

        ``"geonames:486816"``, ``"Sudzha"``, ``"Suja"`` and ``"Судджа"`` all give the same
        place when the store or the gazetteer knows those spellings. A name the store does
        not hold is resolved with the gazetteer. Unknown names give an empty list.
        """
        return self._places.place_ids(query)

    def actor_ids(self, query: str) -> list[str]:
        """Ids of the actors a query names: an id, or any stored name or alias."""
        return self._actors.actor_ids(query)

    # --- claims ----------------------------------------------------------------------------

    def claims(self, query: ClaimQuery | None = None, /, **filters: Any) -> ClaimPage:
        """Claims matching every given filter, newest first, one page at a time.

        Filters are keywords, ``store.claims(place="Sudzha", stance="denied", limit=10)``, or a
        `ClaimQuery`; keywords given with a query replace its fields, so
        ``store.claims(query, cursor=page.next_cursor)`` asks for the next page.

        Args:
            query: The search, as a `ClaimQuery`.
            **filters: Any `ClaimQuery` field: ``place`` (id, or any spelling or alias),
                ``actor`` (claimant or agent), ``claimant``, ``agent``, ``event``, ``stance``,
                ``since`` and ``until`` (days, inclusive), ``article``, ``q`` (words in the
                evidence or sentence), ``limit`` (1 to 500) and ``cursor``.

        Returns:
            The page; ``next_cursor`` is ``None`` on the last one.

        Raises:
            InvalidQueryError: An unknown filter, or a bad event, stance, date, limit or cursor.
        """
        return self._claims.claims(query, **filters)

    def claims_json(self, query: ClaimQuery | None = None, /, **filters: Any) -> bytes:
        """`claims` as the JSON of its `ClaimPage`, ready to send (what ``GET /claims`` returns).

        Each claim's JSON is stored at ingest, so the page is built by joining stored strings:
        no model or dict per claim. Same arguments and errors as `claims`.
        """
        return self._claims.claims_json(query, **filters)

    def claim(self, claim_id: str) -> ClaimDetail:
        """One claim with its evidence, article, places and actors expanded.

        Raises:
            NotFoundError: No such claim.
        """
        return self._claims.claim(claim_id)

    # --- articles --------------------------------------------------------------------------

    def articles(
        self, *, source: str | None = None, limit: int = DEFAULT_LIMIT, cursor: str | None = None
    ) -> ArticlePage:
        """Stored articles, most recently stored first.

        Args:
            source: Only articles from this outlet (exact name).
            limit: Page size, 1 to 500.
            cursor: ``next_cursor`` of the previous page.

        Raises:
            InvalidQueryError: A bad limit or cursor.
        """
        return self._articles.articles(source=source, limit=limit, cursor=cursor)

    def article(self, article_id: str) -> ArticleDetail:
        """One article with its text, claims and near-duplicate copies.

        Raises:
            NotFoundError: No such article.
        """
        return self._articles.article(article_id)

    def extraction(self, article_id: str) -> Extraction:
        """A stored article as an `Extraction` (the form `conflictnews.extract` returns).

        Raises:
            NotFoundError: No such article.
        """
        return self._articles.extraction(article_id)

    # --- places ----------------------------------------------------------------------------

    def places(self, *, q: str | None = None, limit: int = DEFAULT_LIMIT) -> list[PlaceSummary]:
        """Places, most claimed first; with `q`, those whose name or alias matches it.

        A query matches a place when it is the place's id, one of its spellings, or the start
        of one of its spellings (folded: case and accents ignored).
        """
        return self._places.places(q=q, limit=limit)

    def place(self, place: str, *, timeline_limit: int = MAX_LIMIT) -> PlaceDetail:
        """A place with its names, control status, claim groups and timeline of claims.

        Args:
            place: Place id, or a name or alias (the first matching place is taken).
            timeline_limit: Most recent claims listed in the timeline.

        Raises:
            NotFoundError: No stored place has that id or name.
        """
        return self._places.place(place, timeline_limit=timeline_limit)

    def statuses(self) -> dict[str, PlaceStatus]:
        """Control status of every place that has claims, by place id (cached per revision)."""
        return self._places.statuses()

    def geojson(self) -> dict[str, Any]:
        """A GeoJSON FeatureCollection of the places with coordinates, status and claim counts.

        Coordinates are ``[lon, lat]`` as RFC 7946 requires.
        """
        return self._places.geojson()

    # --- contradictions --------------------------------------------------------------------

    def contradictions(self, *, place: str | None = None) -> list[Contradiction]:
        """Groups of claims that contradict each other (rules in `conflictnews.store._corroborate`).

        Args:
            place: Only this place (id or any spelling); all places otherwise.

        Returns:
            Contradicted groups, most recent first.
        """
        return self._places.contradictions(place=place)

    # --- actors ----------------------------------------------------------------------------

    def actors(self, *, q: str | None = None, limit: int = DEFAULT_LIMIT) -> list[ActorSummary]:
        """Actors, most active first; with `q`, those whose name or alias starts with it."""
        return self._actors.actors(q=q, limit=limit)

    def actor(self, actor: str, *, limit: int = 100) -> ActorDetail:
        """An actor, the claims it makes and the claims naming it as agent (newest first).

        Raises:
            NotFoundError: No stored actor has that id or name.
        """
        return self._actors.actor(actor, limit=limit)

    # --- housekeeping ----------------------------------------------------------------------

    def stats(self) -> StoreStats:
        """Row counts and schema version."""
        return self._db.stats()

    def ping(self) -> bool:
        """True when the database answers."""
        return self._db.ping()


__all__ = ["DB_ENV", "DEFAULT_DB", "IngestSummary", "Store", "default_location"]
