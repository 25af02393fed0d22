"""The claim store: articles, claims, places and actors in one database, and the reads on them.

The default is one SQLite file (``conflictnews.db`` in the working directory, or
``$CONFLICTNEWS_DB``) in WAL mode, so readers keep working while an ingest writes. Every
statement is SQLAlchemy Core, so a PostgreSQL URL can replace the file without touching callers.

Ingest is idempotent (an article already stored under the same URL or the same normalised text
is skipped) and atomic per article: an article, its claims, places and actors are written in one
transaction, so an ingest that dies half-way leaves every committed article whole.
"""

from __future__ import annotations

import base64
import contextlib
import datetime as dt
import functools
import itertools
import os
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, NamedTuple

import orjson
from pydantic import ValidationError
from sqlalchemy import (
    Connection,
    Engine,
    RowMapping,
    Select,
    and_,
    bindparam,
    create_engine,
    delete,
    event,
    func,
    insert,
    literal,
    or_,
    select,
    update,
)
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.pool import StaticPool

from .._ids import article_id as make_article_id
from .._ids import fold, slugify
from ..errors import ConflictNewsError, InvalidQueryError, NotFoundError, StoreError
from ..models import (
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
from ..text._checks import as_text
from ..text._files import SourceFile
from ..text._sources import ExtractedSource, Unreadable
from . import _corroborate as corroborate
from . import _schema as s
from ._corroborate import ClaimGroup, PlaceStatus, SourcedClaim
from ._prepared import Reader
from ._records import (
    DEFAULT_LIMIT,
    MAX_LIMIT,
    ActorDetail,
    ActorSummary,
    AddResult,
    ArticleDetail,
    ArticlePage,
    ArticleRef,
    ArticleSummary,
    ClaimDetail,
    ClaimPage,
    ClaimQuery,
    Contradiction,
    IngestSummary,
    PlaceDetail,
    PlaceSummary,
    StoredClaim,
    StoreStats,
    TimelineDay,
    stored_claim,
    stored_claim_json,
)

DEFAULT_DB = "conflictnews.db"
DB_ENV = "CONFLICTNEWS_DB"

IngestItem = ArticleInput | Extraction | str | SourceFile | ExtractedSource | Unreadable
"""What `Store.ingest` accepts: inputs to extract, finished extractions, or unreadable files."""

ProgressCallback = Callable[[str, str, str | None], None]
"""Called once per ingest item with (outcome, label, message); outcome is new/known/failed."""


def default_location() -> str:
    """The database `Store()` opens: ``$CONFLICTNEWS_DB``, else ``conflictnews.db`` here."""
    return os.environ.get(DB_ENV) or DEFAULT_DB


def _database_url(location: str | os.PathLike[str]) -> str:
    text = os.fspath(location)
    if text in (":memory:", ""):
        return "sqlite://"
    if "://" in text:
        return text
    return "sqlite:///" + str(Path(text).expanduser().resolve())


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def _make_engine(url: str) -> Engine:
    if not url.startswith("sqlite"):
        return create_engine(url, pool_pre_ping=True)
    memory = url in ("sqlite://", "sqlite:///:memory:")
    engine = create_engine(
        url,
        connect_args={"check_same_thread": False, "timeout": 30},
        poolclass=StaticPool if memory else None,
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        # The driver's own transaction handling would start transactions late (at the first
        # write); we issue BEGIN ourselves so that reads and writes share one transaction.
        dbapi_conn.isolation_level = None
        cursor = dbapi_conn.cursor()
        if not memory:
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        # Writers take the write lock at BEGIN, so "is it known?" and the insert are atomic.
        write = conn.get_execution_options().get("cn_write", False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")

    return engine


def _day_of(date: str | None) -> str | None:
    """A claim date ("2024", "2024-08", "2024-08-09") as a day for sorting and windows."""
    if not date:
        return None
    padded = {4: "-01-01", 7: "-01"}.get(len(date), "")
    try:
        return dt.date.fromisoformat(date + padded).isoformat()
    except ValueError:
        return None


def _encode_cursor(*parts: object) -> str:
    return base64.urlsafe_b64encode(orjson.dumps(list(parts))).decode("ascii").rstrip("=")


def _decode_cursor(cursor: str, types: Sequence[type]) -> list[Any]:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        parts = orjson.loads(raw)
    except (ValueError, orjson.JSONDecodeError) as exc:
        raise InvalidQueryError("cursor is not one this API returned") from exc
    if (
        not isinstance(parts, list)
        or len(parts) != len(types)
        or not all(isinstance(p, t) for p, t in zip(parts, types, strict=True))
    ):
        raise InvalidQueryError("cursor is not one this API returned")
    return parts


def _like_prefix(text: str) -> str:
    """A LIKE pattern for "starts with `text`", its wildcards taken literally (escape ``\\``)."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _check_limit(limit: int) -> int:
    if not 1 <= limit <= MAX_LIMIT:
        raise InvalidQueryError(f"limit must be between 1 and {MAX_LIMIT}, got {limit}")
    return limit


@functools.lru_cache(maxsize=4096)
def _gazetteer_id(name: str) -> str | None:
    """Id the place resolver gives a bare name, or None (used when no stored name matches)."""
    from ..places import resolve_places

    try:
        resolved = resolve_places(name, [(0, len(name))])
    except ConflictNewsError:
        return None
    return resolved[0].id if resolved and resolved[0] is not None else None


@functools.lru_cache(maxsize=4096)
def _gazetteer_candidates(name: str) -> tuple[str, ...]:
    """Ids of every gazetteer place this name or a transliteration variant of it can mean."""
    key = fold(name)
    try:
        from ..places._gazetteer import gazetteer

        gaz = gazetteer()
        records = {rec for rec, _how in (*gaz.lookup(key), *gaz.lookup_variant(key))}
        return tuple(sorted(f"geonames:{gaz.record(rec).geonames_id}" for rec in records))
    except (ImportError, AttributeError, ConflictNewsError):
        return ()


def _alternate_names(location: Location) -> list[str]:
    """Gazetteer alternate names of a location, when the places package can list them."""
    from .. import places

    lister = getattr(places, "alternate_names", None)
    if lister is None or location.geonames_id is None:
        return []
    try:
        names = lister(location.geonames_id)
    except (ConflictNewsError, LookupError, ValueError):
        return []
    return [n for n in names if isinstance(n, str)]


_CLAIM_COLUMNS = (
    s.claims.c.id,
    s.claims.c.article_id,
    s.claims.c.sentence,
    s.claims.c.evidence,
    s.claims.c.start,
    s.claims.c.end,
    s.claims.c.event,
    s.claims.c.stance,
    s.claims.c.hedged,
    s.claims.c.claimant,
    s.claims.c.agent,
    s.claims.c.date,
    s.claims.c.date_text,
    s.claims.c.day,
    s.claims.c.acled_event_type,
    s.claims.c.acled_sub_event_type,
    s.claims.c.places_json,
)


def _like_pattern(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return "%" + escaped + "%"


@functools.lru_cache(maxsize=256)
def _claims_query(shape: _SearchShape) -> Select[Any]:
    """The claim search statement for one combination of filters, built once and reused.

    Values are bound at execution, so the statement (and its compiled SQL) is shared by every
    search with the same filters; building it anew each time costs more than running it.
    Lists of ids (a name may mean several places or actors) get one parameter per item,
    ``place_0``, ``place_1``..., so that the statement can be prepared (`_prepared`).
    It selects each claim's stored JSON, and the day and id its cursor is made of.
    """
    c, cp = s.claims.c, s.claim_places.c
    if shape.places:
        # Walk the (location_id, day, claim_id) index: newest claims at a place, no sort.
        day_col, id_col = cp.day, cp.claim_id
        query = select(c.record_json, day_col, id_col).select_from(
            s.claim_places.join(s.claims, c.id == cp.claim_id)
        )
        # One place is an equality so SQLite reads the index in order (an IN list would sort).
        query = query.where(_one_of(cp.location_id, "place", shape.places))
    else:
        day_col, id_col = c.day, c.id
        query = select(c.record_json, day_col, id_col)
    columns = {"actor": (c.claimant, c.agent), "claimant": (c.claimant,), "agent": (c.agent,)}
    for name, count in shape.actors:
        query = query.where(or_(*(_one_of(col, name, count) for col in columns[name])))
    if shape.event:
        query = query.where(c.event == bindparam("event"))
    if shape.stance:
        query = query.where(c.stance == bindparam("stance"))
    if shape.since:
        query = query.where(day_col >= bindparam("since"))
    if shape.until:
        query = query.where(day_col <= bindparam("until"), day_col != "")
    if shape.article:
        query = query.where(c.article_id == bindparam("article"))
    if shape.q:
        pattern: Any = bindparam("q")
        query = query.where(
            or_(c.evidence.ilike(pattern, escape="\\"), c.sentence.ilike(pattern, escape="\\"))
        )
    if shape.after:
        after_day: Any = bindparam("after_day")
        query = query.where(
            or_(day_col < after_day, and_(day_col == after_day, id_col < bindparam("after_id")))
        )
    return query.order_by(day_col.desc(), id_col.desc()).limit(bindparam("limit"))


class _SearchShape(NamedTuple):
    """Which filters a claim search uses, and how many ids each list of ids holds."""

    places: int
    actors: tuple[tuple[str, int], ...]
    event: bool
    stance: bool
    since: bool
    until: bool
    article: bool
    q: bool
    after: bool


def _one_of(column: Any, name: str, count: int) -> Any:
    """``column`` equal to one of `count` parameters named ``name_0``, ``name_1``..."""
    if count == 1:
        return column == bindparam(f"{name}_0")
    return column.in_([bindparam(f"{name}_{i}") for i in range(count)])


def _numbered(name: str, values: Sequence[str]) -> dict[str, str]:
    return {f"{name}_{i}": value for i, value in enumerate(values)}


_PLACES_BY_NAME = (
    select(s.location_names.c.location_id)
    .where(s.location_names.c.name_fold == bindparam("name"))
    .distinct()
)
_PLACE_EXISTS = select(s.locations.c.id).where(s.locations.c.id == bindparam("id_0"))
_ACTORS_BY_NAME = (
    select(s.actor_aliases.c.actor_id)
    .where(s.actor_aliases.c.name_fold == bindparam("name"))
    .distinct()
)


@functools.lru_cache(maxsize=64)
def _places_held(count: int) -> Select[Any]:
    """Which of `count` place ids (``id_0``...) the store holds."""
    return select(s.locations.c.id).where(_one_of(s.locations.c.id, "id", count))


_EMPTY_PAGE = b'{"items":[],"next_cursor":null}'


def _claim_query(query: ClaimQuery | None, filters: dict[str, Any]) -> ClaimQuery:
    """The search asked for: `query`, its fields replaced by keyword `filters`."""
    if query is not None and not filters:
        return query
    if query is not None:
        filters = {**query.model_dump(exclude_unset=True), **filters}
    try:
        return ClaimQuery.model_validate(filters)
    except ValidationError as exc:
        raise InvalidQueryError(_readable_errors(exc)) from exc


def _readable_errors(exc: ValidationError) -> str:
    return "; ".join(
        f"{'.'.join(str(part) for part in error['loc']) or 'query'}: {error['msg']}"
        for error in exc.errors()
    )


def _location(row: RowMapping) -> Location:
    return Location(
        id=row["id"],
        name=row["name"],
        kind=LocationKind(row["kind"]),
        country_code=row["country_code"],
        admin1=row["admin1"],
        lat=row["lat"],
        lon=row["lon"],
        geonames_id=row["geonames_id"],
        population=row["population"],
        within=row["within"],
        confidence=row["confidence"],
    )


def _actor(row: RowMapping, aliases: list[str] | None = None) -> Actor:
    return Actor(
        id=row["id"],
        name=row["name"],
        kind=ActorKind(row["kind"]),
        side=row["side"],
        aliases=aliases or [],
    )


def _insert_ignore(conn: Connection, table: Any, rows: list[dict[str, Any]]) -> None:
    """Insert rows, skipping those whose primary key is already stored."""
    if not rows:
        return
    if conn.dialect.name not in ("sqlite", "postgresql"):  # pragma: no cover
        raise StoreError(f"unsupported database: {conn.dialect.name}")
    conn.execute(_insert_ignore_statement(conn.dialect.name, table.name), rows)


@functools.cache
def _insert_ignore_statement(dialect: str, table_name: str) -> Any:
    table = s.metadata.tables[table_name]
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as pg_insert

        return pg_insert(table).on_conflict_do_nothing()
    from sqlalchemy.dialects.sqlite import insert as sqlite_insert

    return sqlite_insert(table).on_conflict_do_nothing()


@functools.cache
def _statement(name: str) -> Any:
    """Write-path statements, built once: building a statement costs more than running it."""
    a, sk, copies = s.articles.c, s.article_sketch.c, s.article_copies.c
    statements: dict[str, Callable[[], Any]] = {
        "known": lambda: select(a.id).where(a.id == bindparam("id")).limit(1),
        "known_by_url": lambda: (
            select(a.id).where(or_(a.id == bindparam("id"), a.url == bindparam("url"))).limit(1)
        ),
        "count_claims": lambda: (
            select(func.count())
            .select_from(s.claims)
            .where(s.claims.c.article_id == bindparam("id"))
        ),
        "copy_candidates": lambda: (
            select(sk.article_id)
            .where(sk.hash.in_(bindparam("keys", expanding=True)))
            .group_by(sk.article_id)
            .order_by(func.count().desc(), sk.article_id)
            .limit(20)
        ),
        "article_text": lambda: select(a.text).where(a.id == bindparam("id")),
        "copy_group": lambda: select(copies.group_id).where(copies.article_id == bindparam("id")),
        "max_seq": lambda: select(func.coalesce(func.max(a.seq), 0)),
        "insert_article": lambda: insert(s.articles),
        "insert_copy": lambda: insert(s.article_copies),
        "insert_sketch": lambda: insert(s.article_sketch),
        "insert_claims": lambda: insert(s.claims),
        "insert_claim_places": lambda: insert(s.claim_places),
        "unsided_actors": lambda: select(s.actors.c.id).where(
            s.actors.c.id.in_(bindparam("ids", expanding=True)), s.actors.c.side.is_(None)
        ),
        "raise_confidence": lambda: (
            update(s.locations)
            .where(
                s.locations.c.id == bindparam("location_id"),
                or_(
                    s.locations.c.confidence.is_(None),
                    s.locations.c.confidence < bindparam("raised"),
                ),
            )
            .values(confidence=bindparam("raised"))
        ),
    }
    return statements[name]()


class _Rows:
    """Rows of a batch of new articles, gathered to be inserted with one statement per table."""

    def __init__(self) -> None:
        self.articles: list[dict[str, Any]] = []
        self.copies: list[dict[str, Any]] = []
        self.sketch: list[dict[str, Any]] = []
        self.actors: dict[str, dict[str, Any]] = {}
        self.actor_aliases: list[dict[str, Any]] = []
        self.locations: dict[str, dict[str, Any]] = {}
        self.location_names: list[dict[str, Any]] = []
        self.claims: list[dict[str, Any]] = []
        self.claim_places: list[dict[str, Any]] = []
        self._aliases: set[tuple[str, str]] = set()
        self._names: set[tuple[str, str]] = set()

    def add_article(
        self, article: Article, group_id: str, similarity: float, keys: list[int], seq: int
    ) -> None:
        self.articles.append(
            {
                "id": article.id,
                "title": article.title,
                "text": article.text,
                "url": article.url,
                "source": article.source,
                "published": article.published.isoformat() if article.published else None,
                "path": article.path,
                "ingested_at": _now(),
                "seq": seq,
            }
        )
        self.copies.append(
            {"article_id": article.id, "group_id": group_id, "similarity": similarity}
        )
        self.sketch.extend({"hash": h, "article_id": article.id} for h in keys)

    def add_actors(self, actors: list[Actor]) -> None:
        for actor in actors:
            known = self.actors.get(actor.id)
            if known is None:
                self.actors[actor.id] = {
                    "id": actor.id,
                    "name": actor.name,
                    "kind": actor.kind.value,
                    "side": actor.side,
                }
            elif known["side"] is None and actor.side:
                known["side"] = actor.side
            for name in [actor.name, *actor.aliases]:
                folded = fold(name)
                if folded and (folded, actor.id) not in self._aliases:
                    self._aliases.add((folded, actor.id))
                    self.actor_aliases.append(
                        {"name_fold": folded, "actor_id": actor.id, "name": name}
                    )

    def add_locations(self, extraction: Extraction) -> None:
        locations = {loc.id: loc for loc in extraction.locations}
        for claim in extraction.claims:
            for place in claim.places:
                # A claim may name a place the extraction did not list; keep it findable.
                if place not in locations:
                    name = place.split(":", 1)[-1].replace("-", " ")
                    locations[place] = Location(id=place, name=name)
        for loc in locations.values():
            known = self.locations.setdefault(
                loc.id,
                {
                    "id": loc.id,
                    "name": loc.name,
                    "kind": loc.kind.value,
                    "country_code": loc.country_code,
                    "admin1": loc.admin1,
                    "lat": loc.lat,
                    "lon": loc.lon,
                    "geonames_id": loc.geonames_id,
                    "population": loc.population,
                    "within": loc.within,
                    "confidence": loc.confidence,
                },
            )
            if loc.confidence is not None and (
                known["confidence"] is None or loc.confidence > known["confidence"]
            ):
                known["confidence"] = loc.confidence
            for name in [loc.name, *loc.mentions, *_alternate_names(loc)]:
                folded = fold(name)
                if folded and (folded, loc.id) not in self._names:
                    self._names.add((folded, loc.id))
                    self.location_names.append(
                        {"name_fold": folded, "location_id": loc.id, "name": name}
                    )

    def add_claims(self, extraction: Extraction) -> int:
        article = extraction.article
        published = article.published.isoformat() if article.published else None
        dated = sorted(d for c in extraction.claims if (d := _day_of(c.date)))
        # An undated claim is dated by its article: publication day, else its latest dated claim.
        fallback = published or (dated[-1] if dated else None)
        for claim in extraction.claims:
            day = _day_of(claim.date) or fallback or ""
            self.claims.append(
                {
                    "id": claim.id,
                    "article_id": article.id,
                    "sentence": claim.text,
                    "evidence": article.text[claim.start : claim.end],
                    "start": claim.start,
                    "end": claim.end,
                    "event": claim.event.value,
                    "stance": claim.stance.value,
                    "hedged": claim.hedged,
                    "claimant": claim.claimant,
                    "agent": claim.agent,
                    "date": claim.date,
                    "date_text": claim.date_text,
                    "day": day,
                    "acled_event_type": claim.acled_event_type,
                    "acled_sub_event_type": claim.acled_sub_event_type,
                    "places_json": orjson.dumps(claim.places).decode(),
                }
            )
            self.claims[-1]["record_json"] = stored_claim_json(self.claims[-1])
            for place in dict.fromkeys(claim.places):
                self.claim_places.append({"location_id": place, "day": day, "claim_id": claim.id})
        return len(extraction.claims)


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
        self.url = _database_url(default_location() if location is None else location)
        self.window_days = window_days
        self._memory = self.url in ("sqlite://", "sqlite:///:memory:")
        # An in-memory database is one shared connection: serialise its use across threads.
        self._lock: contextlib.AbstractContextManager[Any] = (
            threading.RLock() if self._memory else contextlib.nullcontext()
        )
        self._cache: dict[str, tuple[int, Any]] = {}
        try:
            self._engine = _make_engine(self.url)
            with self._write() as conn:
                self.schema_version = s.migrate(conn, now=_now())
        except SQLAlchemyError as exc:
            raise StoreError(f"cannot open the store at {self.url}: {exc}") from exc

    # --- connections -----------------------------------------------------------------------

    @contextlib.contextmanager
    def _write(self) -> Iterator[Connection]:
        with self._lock, self._engine.connect() as conn:
            conn = conn.execution_options(cn_write=True)
            with conn.begin():
                yield conn

    @contextlib.contextmanager
    def _read(self) -> Iterator[Connection]:
        with self._lock, self._engine.connect() as conn, conn.begin():
            yield conn

    @contextlib.contextmanager
    def _prepared_read(self) -> Iterator[Reader]:
        """A pooled connection for prepared statements (`_prepared`), outside any transaction.

        Each statement reads the latest committed state. Skipping SQLAlchemy's `Connection`
        and BEGIN/COMMIT saves about 50 microseconds, half of what a claim page's statements
        cost on SQLite.
        """
        with self._lock:
            pooled = self._engine.raw_connection()
            try:
                yield Reader(pooled.dbapi_connection, self._engine.dialect)
            finally:
                pooled.close()

    def close(self) -> None:
        """Release the database connections."""
        self._engine.dispose()

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
        shingles = [corroborate.shingle_hashes(e.article.text) for e in extractions]
        results: list[AddResult | StoreError] = []
        try:
            with self._write() as conn:
                if len(extractions) > 1:
                    try:
                        with conn.begin_nested():
                            results = list(self._add_batch(conn, extractions, shingles))
                    except SQLAlchemyError:
                        results = []
                if not results:
                    for extraction, article_shingles in zip(extractions, shingles, strict=True):
                        try:
                            with conn.begin_nested():
                                one = self._add_batch(conn, [extraction], [article_shingles])
                            results.append(one[0])
                        except SQLAlchemyError as exc:
                            error = StoreError(
                                f"could not store article {extraction.article.id}: {exc}"
                            )
                            error.__cause__ = exc
                            results.append(error)
                if any(isinstance(r, AddResult) and r.new for r in results):
                    self._bump_revision(conn)
        except SQLAlchemyError as exc:
            raise StoreError(f"could not store {len(extractions)} articles: {exc}") from exc
        return results

    def _add_batch(
        self, conn: Connection, extractions: Sequence[Extraction], shingles: Sequence[set[int]]
    ) -> list[AddResult]:
        """Write new articles of a batch with one statement per table; skip known ones."""
        rows = _Rows()
        results: list[AddResult] = []
        # What this batch already holds, so that repeats and copies inside it are found too.
        by_id: dict[str, AddResult] = {}
        by_url: dict[str, AddResult] = {}
        by_key: dict[int, str] = {}
        batch_shingles: dict[str, set[int]] = {}
        batch_group: dict[str, str] = {}
        seq = int(conn.execute(_statement("max_seq")).scalar_one())
        for extraction, article_shingles in zip(extractions, shingles, strict=True):
            article = extraction.article
            earlier = by_id.get(article.id) or (by_url.get(article.url) if article.url else None)
            if earlier is not None:
                results.append(earlier.model_copy(update={"new": False}))
                continue
            known = self._known_article(conn, article.id, article.url)
            if known is not None:
                count = self._count_claims(conn, known)
                results.append(AddResult(article_id=known, new=False, claims=count))
                continue
            group_id, similarity = self._copy_group(conn, article.id, article_shingles)
            keys = corroborate.sketch_keys(corroborate.sketch(article_shingles))
            for other in sorted({by_key[k] for k in keys if k in by_key}):
                score = corroborate.jaccard(article_shingles, batch_shingles[other])
                if score >= corroborate.NEAR_DUPLICATE_THRESHOLD and (
                    group_id == article.id or score > similarity
                ):
                    group_id, similarity = batch_group[other], score
            seq += 1
            rows.add_article(article, group_id, similarity, keys, seq)
            rows.add_actors(extraction.actors)
            rows.add_locations(extraction)
            stored = rows.add_claims(extraction)
            result = AddResult(
                article_id=article.id,
                new=True,
                claims=stored,
                copy_of=group_id if group_id != article.id else None,
            )
            results.append(result)
            by_id[article.id] = result
            if article.url:
                by_url[article.url] = result
            by_key.update({k: article.id for k in keys})
            batch_shingles[article.id] = article_shingles
            batch_group[article.id] = group_id
        self._write_rows(conn, rows)
        return results

    def knows(self, text: str, url: str | None = None) -> str | None:
        """Id of the stored article with this text (normalised) or URL, else None."""
        with self._read() as conn:
            return self._known_article(conn, make_article_id(text), url)

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
        summary = IngestSummary()
        pending_paths: list[str | None] = []

        def report(outcome: str, label: str, message: str | None = None) -> None:
            if outcome == "failed":
                summary.failed += 1
                summary.errors.append(f"{label}: {message}")
            elif outcome == "known":
                summary.known += 1
            if progress is not None:
                progress(outcome, label, message)

        batch: list[tuple[Extraction, str]] = []

        def flush() -> None:
            if not batch:
                return
            results = self.add_many([e for e, _ in batch])
            for (_, label), result in zip(batch, results, strict=True):
                if isinstance(result, StoreError):
                    report("failed", label, str(result))
                elif result.new:
                    summary.new += 1
                    summary.claims += result.claims
                    if progress is not None:
                        progress("new", label, None)
                else:
                    report("known", label)
            batch.clear()

        def store(extraction: Extraction, label: str) -> None:
            batch.append((extraction, label))
            if len(batch) >= commit_every:
                flush()

        def to_extract() -> Iterator[ArticleInput]:
            for raw in items:
                if isinstance(raw, Unreadable):
                    report("failed", raw.path, raw.message)
                    continue
                if isinstance(raw, Extraction | ExtractedSource):
                    extraction = raw if isinstance(raw, Extraction) else raw.extraction
                    label = raw.path if isinstance(raw, ExtractedSource) else extraction.article.id
                    store(extraction, label)
                    continue
                path = raw.path if isinstance(raw, SourceFile) else None
                item = raw.item if isinstance(raw, SourceFile) else raw
                label = path or "<input>"
                try:
                    if isinstance(item, str):
                        item = ArticleInput(text=item)
                    as_text(item.text)
                    if self.knows(item.text, item.url) is not None:
                        report("known", label)
                        continue
                except (ConflictNewsError, ValueError) as exc:
                    report("failed", label, str(exc))
                    continue
                pending_paths.append(path)
                yield item

        inputs = to_extract()
        try:
            first = next(inputs, None)
            if first is None:
                # Nothing to extract: do not load a spaCy pipeline for finished extractions.
                return summary
            from ..pipeline import extract_many

            stream = itertools.chain([first], inputs)
            for extraction in extract_many(
                stream, nlp=nlp, batch_size=batch_size, n_process=n_process
            ):
                path = pending_paths.pop(0) if pending_paths else None
                if path is not None:
                    extraction.article.path = path
                store(extraction, path or extraction.article.id)
        finally:
            # Whatever happens to the input stream, the articles read so far are committed.
            flush()
        return summary

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
        as_text(item.text)
        known = self.knows(item.text, item.url)
        if known is None:
            if extractor is None:
                from ..pipeline import extract

                extraction = extract(
                    item.text,
                    title=item.title,
                    url=item.url,
                    source=item.source,
                    published=item.published,
                )
            else:
                extraction = extractor(item)
            result = self.add(extraction)
            known, new = result.article_id, result.new
        else:
            new = False
        return self.extraction(known), new

    def _known_article(self, conn: Connection, article_id: str, url: str | None) -> str | None:
        if url:
            found = conn.execute(_statement("known_by_url"), {"id": article_id, "url": url})
        else:
            found = conn.execute(_statement("known"), {"id": article_id})
        value = found.scalar()
        return str(value) if value is not None else None

    def _count_claims(self, conn: Connection, article_id: str) -> int:
        return int(conn.execute(_statement("count_claims"), {"id": article_id}).scalar_one())

    def _copy_group(
        self, conn: Connection, article_id: str, shingles: set[int]
    ) -> tuple[str, float]:
        """Near-duplicate group of a new article: the best stored copy's group, else its own."""
        keys = corroborate.sketch_keys(corroborate.sketch(shingles))
        if not keys:
            return article_id, 1.0
        candidates = conn.execute(_statement("copy_candidates"), {"keys": keys}).scalars().all()
        best: tuple[float, str] | None = None
        for candidate in candidates:
            text = conn.execute(_statement("article_text"), {"id": candidate}).scalar_one()
            similarity = corroborate.jaccard(shingles, corroborate.shingle_hashes(text))
            if similarity >= corroborate.NEAR_DUPLICATE_THRESHOLD and (
                best is None or similarity > best[0]
            ):
                best = (similarity, candidate)
        if best is None:
            return article_id, 1.0
        group = conn.execute(_statement("copy_group"), {"id": best[1]}).scalar_one()
        return str(group), best[0]

    def _write_rows(self, conn: Connection, rows: _Rows) -> None:
        """Insert a batch's rows, parents before children, one statement per table."""
        if rows.articles:
            conn.execute(_statement("insert_article"), rows.articles)
            conn.execute(_statement("insert_copy"), rows.copies)
        if rows.sketch:
            conn.execute(_statement("insert_sketch"), rows.sketch)
        _insert_ignore(conn, s.actors, list(rows.actors.values()))
        sided = {i: r["side"] for i, r in rows.actors.items() if r["side"]}
        if sided:
            # An actor first stored without a side gets one when a later article knows it.
            unsided = (
                conn.execute(_statement("unsided_actors"), {"ids": sorted(sided)}).scalars().all()
            )
            for actor_id in unsided:
                conn.execute(
                    update(s.actors).where(s.actors.c.id == actor_id).values(side=sided[actor_id])
                )
        _insert_ignore(conn, s.actor_aliases, rows.actor_aliases)
        _insert_ignore(conn, s.locations, list(rows.locations.values()))
        confident = [
            {"location_id": i, "raised": r["confidence"]}
            for i, r in rows.locations.items()
            if r["confidence"] is not None
        ]
        if confident:
            # A place already stored keeps the highest confidence any article gave it; rows
            # inserted just now already hold theirs and are left unchanged by the condition.
            conn.execute(_statement("raise_confidence"), confident)
        _insert_ignore(conn, s.location_names, rows.location_names)
        if rows.claims:
            conn.execute(_statement("insert_claims"), rows.claims)
        if rows.claim_places:
            conn.execute(_statement("insert_claim_places"), rows.claim_places)

    def _bump_revision(self, conn: Connection) -> None:
        revision = self._revision(conn) + 1
        changed = conn.execute(
            update(s.meta).where(s.meta.c.key == "revision").values(value=str(revision))
        ).rowcount
        if not changed:
            conn.execute(insert(s.meta).values(key="revision", value=str(revision)))

    def revision(self) -> int:
        """Counter increased by every stored article (caches of derived views key on it)."""
        with self._read() as conn:
            return self._revision(conn)

    def _revision(self, conn: Connection) -> int:
        value = conn.execute(select(s.meta.c.value).where(s.meta.c.key == "revision")).scalar()
        return int(value) if value is not None else 0

    def delete_article(self, article_id: str) -> None:
        """Remove an article with its claims (its actors and places stay).

        Raises:
            NotFoundError: No such article.
        """
        with self._write() as conn:
            if self._known_article(conn, article_id, None) is None:
                raise NotFoundError(f"no article {article_id!r}")
            claim_ids = select(s.claims.c.id).where(s.claims.c.article_id == article_id)
            conn.execute(delete(s.claim_places).where(s.claim_places.c.claim_id.in_(claim_ids)))
            conn.execute(delete(s.claims).where(s.claims.c.article_id == article_id))
            for table in (s.article_sketch, s.article_copies):
                conn.execute(delete(table).where(table.c.article_id == article_id))
            conn.execute(delete(s.articles).where(s.articles.c.id == article_id))
            self._bump_revision(conn)

    # --- lookups ---------------------------------------------------------------------------

    def place_ids(self, query: str) -> list[str]:
        """Ids of the places a query names: an id, or any stored spelling or alias.

        ``"geonames:486816"``, ``"Sudzha"``, ``"Suja"`` and ``"Судджа"`` all give the same
        place when the store or the gazetteer knows those spellings. A name the store does
        not hold is resolved with the gazetteer. Unknown names give an empty list.
        """
        with self._prepared_read() as reader:
            return self._place_ids_in(reader, query)

    def _place_ids(self, reader: Reader, query: str) -> list[str]:
        found = reader.all(_PLACES_BY_NAME, {"name": fold(query)})
        if found:
            return sorted(row[0] for row in found)
        # Another spelling of a stored place ("Suja" for Sudzha): of every place the gazetteer
        # says the name can mean, keep those the store holds.
        candidates = _gazetteer_candidates(query)
        if candidates:
            held = reader.all(_places_held(len(candidates)), _numbered("id", candidates))
            if held:
                return sorted(row[0] for row in held)
        resolved = _gazetteer_id(query)
        if resolved is not None:
            return [resolved]
        slug_id = "place:" + slugify(query)
        exists = reader.all(_PLACE_EXISTS, {"id_0": slug_id})
        return [slug_id] if exists else []

    def actor_ids(self, query: str) -> list[str]:
        """Ids of the actors a query names: an id, or any stored name or alias."""
        if not query.strip():
            return []
        with self._prepared_read() as reader:
            return self._actor_ids_in(reader, query)

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
        return ClaimPage.model_validate_json(self.claims_json(query, **filters))

    def claims_json(self, query: ClaimQuery | None = None, /, **filters: Any) -> bytes:
        """`claims` as the JSON of its `ClaimPage`, ready to send (what ``GET /claims`` returns).

        Each claim's JSON is stored at ingest, so the page is built by joining stored strings:
        no model or dict per claim. Same arguments and errors as `claims`.
        """
        search = _claim_query(query, filters)
        after = _decode_cursor(search.cursor, (str, str)) if search.cursor else None
        params: dict[str, Any] = {"limit": search.limit + 1}
        actors: list[tuple[str, int]] = []
        place_count = 0
        # No transaction: an article committed between the name lookup and the page query
        # changes neither's meaning.
        with self._prepared_read() as reader:
            if search.place is not None:
                place_ids = self._place_ids_in(reader, search.place)
                if not place_ids:
                    return _EMPTY_PAGE
                params.update(_numbered("place", place_ids))
                place_count = len(place_ids)
            for name in ("actor", "claimant", "agent"):
                value = getattr(search, name)
                if value is not None:
                    ids = self._actor_ids_in(reader, value)
                    if not ids:
                        return _EMPTY_PAGE
                    params.update(_numbered(name, ids))
                    actors.append((name, len(ids)))
            optional = {
                "event": search.event.value if search.event else None,
                "stance": search.stance.value if search.stance else None,
                "since": search.since.isoformat() if search.since else None,
                "until": search.until.isoformat() if search.until else None,
                "article": search.article or None,
                "q": _like_pattern(search.q) if search.q else None,
            }
            params.update({k: v for k, v in optional.items() if v})
            if after is not None:
                params["after_day"], params["after_id"] = after
            shape = _SearchShape(
                places=place_count,
                actors=tuple(actors),
                **{k: bool(v) for k, v in optional.items()},
                after=after is not None,
            )
            rows = reader.all(_claims_query(shape), params)
        page = rows[: search.limit]
        if place_count > 1:
            # A claim at two of the places is found twice (same row twice): keep it once.
            page = list({row[2]: row for row in page}.values())
        next_cursor = b"null"
        if len(rows) > search.limit:
            _record, day, claim_id = rows[search.limit - 1]
            next_cursor = b'"' + _encode_cursor(day, claim_id).encode("ascii") + b'"'
        items = ",".join(row[0] for row in page).encode("utf-8")
        return b'{"items":[' + items + b'],"next_cursor":' + next_cursor + b"}"

    def _place_ids_in(self, reader: Reader, query: str) -> list[str]:
        query = query.strip()
        if query.startswith(("geonames:", "place:")):
            return [query]
        return self._place_ids(reader, query) if query else []

    def _actor_ids_in(self, reader: Reader, query: str) -> list[str]:
        query = query.strip()
        if query.startswith("actor:"):
            return [query]
        return sorted(row[0] for row in reader.all(_ACTORS_BY_NAME, {"name": fold(query)}))

    def claim(self, claim_id: str) -> ClaimDetail:
        """One claim with its evidence, article, places and actors expanded.

        Raises:
            NotFoundError: No such claim.
        """
        with self._read() as conn:
            row = (
                conn.execute(select(*_CLAIM_COLUMNS).where(s.claims.c.id == claim_id))
                .mappings()
                .first()
            )
            if row is None:
                raise NotFoundError(f"no claim {claim_id!r}")
            stored = stored_claim(row)
            art = (
                conn.execute(
                    select(
                        s.articles.c.id,
                        s.articles.c.title,
                        s.articles.c.url,
                        s.articles.c.source,
                        s.articles.c.published,
                    ).where(s.articles.c.id == stored.article_id)
                )
                .mappings()
                .one()
            )
            locations = self._locations(conn, stored.places)
            actors = self._actors(conn, [a for a in (stored.claimant, stored.agent) if a])
        by_id = {loc.id: loc for loc in locations}
        return ClaimDetail(
            **stored.model_dump(),
            article=ArticleRef(**art),
            locations=[by_id[p] for p in stored.places if p in by_id],
            claimant_actor=actors.get(stored.claimant) if stored.claimant else None,
            agent_actor=actors.get(stored.agent) if stored.agent else None,
        )

    def _locations(self, conn: Connection, ids: Iterable[str]) -> list[Location]:
        wanted = sorted(set(ids))
        if not wanted:
            return []
        rows = conn.execute(select(s.locations).where(s.locations.c.id.in_(wanted))).mappings()
        return [_location(r) for r in rows]

    def _actors(self, conn: Connection, ids: Iterable[str]) -> dict[str, Actor]:
        wanted = sorted(set(ids))
        if not wanted:
            return {}
        aliases: dict[str, list[str]] = {}
        for actor_id, name in conn.execute(
            select(s.actor_aliases.c.actor_id, s.actor_aliases.c.name)
            .where(s.actor_aliases.c.actor_id.in_(wanted))
            .order_by(s.actor_aliases.c.name)
        ):
            aliases.setdefault(actor_id, []).append(name)
        rows = conn.execute(select(s.actors).where(s.actors.c.id.in_(wanted))).mappings()
        out: dict[str, Actor] = {}
        for row in rows:
            names = [n for n in aliases.get(row["id"], []) if n != row["name"]]
            out[row["id"]] = _actor(row, names)
        return out

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
        _check_limit(limit)
        after = _decode_cursor(cursor, (int,)) if cursor else None
        a = s.articles.c
        counts = (
            select(s.claims.c.article_id, func.count().label("n"))
            .group_by(s.claims.c.article_id)
            .subquery()
        )
        query = (
            select(
                a.id,
                a.title,
                a.url,
                a.source,
                a.published,
                a.path,
                a.ingested_at,
                a.seq,
                func.coalesce(counts.c.n, 0).label("claims"),
                s.article_copies.c.group_id,
            )
            .select_from(
                s.articles.outerjoin(counts, counts.c.article_id == a.id).join(
                    s.article_copies, s.article_copies.c.article_id == a.id
                )
            )
            .order_by(a.seq.desc())
            .limit(limit + 1)
        )
        if source is not None:
            query = query.where(a.source == source)
        if after is not None:
            query = query.where(a.seq < after[0])
        with self._read() as conn:
            rows = conn.execute(query).mappings().all()
        items = [
            ArticleSummary(
                id=r["id"],
                title=r["title"],
                url=r["url"],
                source=r["source"],
                published=r["published"],
                path=r["path"],
                ingested_at=r["ingested_at"],
                claims=r["claims"],
                copy_group=r["group_id"],
            )
            for r in rows[:limit]
        ]
        next_cursor = _encode_cursor(rows[limit - 1]["seq"]) if len(rows) > limit else None
        return ArticlePage(items=items, next_cursor=next_cursor)

    def article(self, article_id: str) -> ArticleDetail:
        """One article with its text, claims and near-duplicate copies.

        Raises:
            NotFoundError: No such article.
        """
        with self._read() as conn:
            row = (
                conn.execute(select(s.articles).where(s.articles.c.id == article_id))
                .mappings()
                .first()
            )
            if row is None:
                raise NotFoundError(f"no article {article_id!r}")
            group = conn.execute(
                select(s.article_copies.c.group_id).where(
                    s.article_copies.c.article_id == article_id
                )
            ).scalar_one()
            copies = (
                conn.execute(
                    select(s.article_copies.c.article_id)
                    .where(
                        s.article_copies.c.group_id == group,
                        s.article_copies.c.article_id != article_id,
                    )
                    .order_by(s.article_copies.c.article_id)
                )
                .scalars()
                .all()
            )
            claim_rows = conn.execute(
                select(*_CLAIM_COLUMNS)
                .where(s.claims.c.article_id == article_id)
                .order_by(s.claims.c.start, s.claims.c.id)
            ).mappings()
            claims = [stored_claim(r) for r in claim_rows]
        article = Article(
            id=row["id"],
            title=row["title"],
            text=row["text"],
            url=row["url"],
            source=row["source"],
            published=row["published"],
            path=row["path"],
        )
        return ArticleDetail(article=article, claims=claims, copy_group=group, copies=list(copies))

    def extraction(self, article_id: str) -> Extraction:
        """A stored article as an `Extraction` (the form `conflictnews.extract` returns).

        Raises:
            NotFoundError: No such article.
        """
        detail = self.article(article_id)
        claims = [Claim(**c.model_dump(exclude={"evidence", "day"})) for c in detail.claims]
        place_ids = {p for c in claims for p in c.places}
        actor_ids = {a for c in claims for a in (c.claimant, c.agent) if a}
        with self._read() as conn:
            locations = self._locations(conn, place_ids)
            actors = self._actors(conn, actor_ids)
        return Extraction(
            article=detail.article,
            claims=claims,
            actors=[actors[a] for a in sorted(actors)],
            locations=sorted(locations, key=lambda loc: loc.id),
        )

    # --- places ----------------------------------------------------------------------------

    def places(self, *, q: str | None = None, limit: int = DEFAULT_LIMIT) -> list[PlaceSummary]:
        """Places, most claimed first; with `q`, those whose name or alias matches it.

        A query matches a place when it is the place's id, one of its spellings, or the start
        of one of its spellings (folded: case and accents ignored).
        """
        _check_limit(limit)
        counted = select(s.claim_places.c.location_id, func.count().label("n"))
        with self._read() as conn:
            wanted: list[str] | None = None
            if q is not None and q.strip():
                folded = fold(q)
                ids = set(self._place_ids_in(Reader.of(conn), q))
                if folded:
                    # A range on the folded-name index: "starts with", no pattern characters.
                    names = s.location_names.c.name_fold
                    ids |= set(
                        conn.execute(
                            select(s.location_names.c.location_id)
                            .where(names >= folded, names < folded + "\U0010ffff")
                            .distinct()
                            .limit(MAX_LIMIT)
                        ).scalars()
                    )
                if not ids:
                    return []
                wanted = sorted(ids)
                # Count only the matching places' claims, not every place's.
                counted = counted.where(s.claim_places.c.location_id.in_(wanted))
            counts = counted.group_by(s.claim_places.c.location_id).subquery()
            query = select(s.locations, func.coalesce(counts.c.n, 0).label("claims")).select_from(
                s.locations.outerjoin(counts, counts.c.location_id == s.locations.c.id)
            )
            if wanted is not None:
                query = query.where(s.locations.c.id.in_(wanted))
            query = query.order_by(func.coalesce(counts.c.n, 0).desc(), s.locations.c.id)
            query = query.limit(limit)
            rows = conn.execute(query).mappings().all()
        return [PlaceSummary(**{k: r[k] for k in PlaceSummary.model_fields}) for r in rows]

    def place(self, place: str, *, timeline_limit: int = MAX_LIMIT) -> PlaceDetail:
        """A place with its names, control status, claim groups and timeline of claims.

        Args:
            place: Place id, or a name or alias (the first matching place is taken).
            timeline_limit: Most recent claims listed in the timeline.

        Raises:
            NotFoundError: No stored place has that id or name.
        """
        with self._read() as conn:
            ids = self._place_ids_in(Reader.of(conn), place)
            row = None
            for place_id in ids:
                row = (
                    conn.execute(select(s.locations).where(s.locations.c.id == place_id))
                    .mappings()
                    .first()
                )
                if row is not None:
                    break
            if row is None:
                raise NotFoundError(f"no place {place!r}")
            place_id = row["id"]
            names = sorted(
                set(
                    conn.execute(
                        select(s.location_names.c.name).where(
                            s.location_names.c.location_id == place_id
                        )
                    ).scalars()
                )
            )
            sourced = self._sourced_claims(conn, [place_id])
            claim_rows = (
                conn.execute(
                    select(*_CLAIM_COLUMNS)
                    .select_from(
                        s.claim_places.join(s.claims, s.claims.c.id == s.claim_places.c.claim_id)
                    )
                    .where(s.claim_places.c.location_id == place_id)
                    .order_by(s.claim_places.c.day.desc(), s.claim_places.c.claim_id.desc())
                    .limit(timeline_limit)
                )
                .mappings()
                .all()
            )
        mine = sourced.get(place_id, [])
        status = corroborate.place_status(place_id, mine, window_days=self.window_days)
        groups = corroborate.group_claims(place_id, mine, window_days=self.window_days)
        by_day: dict[str | None, list[StoredClaim]] = {}
        for r in reversed(claim_rows):
            claim = stored_claim(r)
            by_day.setdefault(claim.day, []).append(claim)
        timeline = [TimelineDay(day=d, claims=cs) for d, cs in by_day.items()]
        return PlaceDetail(
            **{k: row[k] for k in PlaceSummary.model_fields if k != "claims"},
            claims=len(mine),
            names=names,
            status=status,
            groups=groups,
            timeline=timeline,
        )

    def _sourced_claims(
        self, conn: Connection, place_ids: Sequence[str] | None
    ) -> dict[str, list[SourcedClaim]]:
        """Claims by place, with sides and independent-source keys, for corroboration."""
        c, cp, a = s.claims.c, s.claim_places.c, s.articles.c
        canon = s.articles.alias("canon")
        agents = s.actors.alias("agents")
        claimants = s.actors.alias("claimants")
        query = select(
            cp.location_id,
            c.id,
            c.article_id,
            c.event,
            c.stance,
            c.hedged,
            c.claimant,
            c.agent,
            c.day,
            agents.c.side.label("agent_side"),
            claimants.c.side.label("claimant_side"),
            claimants.c.name.label("claimant_name"),
            s.article_copies.c.group_id,
            canon.c.source.label("outlet"),
        ).select_from(
            s.claim_places.join(s.claims, c.id == cp.claim_id)
            .join(s.articles, a.id == c.article_id)
            .join(s.article_copies, s.article_copies.c.article_id == a.id)
            .join(canon, canon.c.id == s.article_copies.c.group_id)
            .outerjoin(agents, agents.c.id == c.agent)
            .outerjoin(claimants, claimants.c.id == c.claimant)
        )
        if place_ids is not None:
            query = query.where(cp.location_id.in_(list(place_ids)))
        out: dict[str, list[SourcedClaim]] = {}
        for r in conn.execute(query).mappings():
            if r["claimant"]:
                source, name = r["claimant"], r["claimant_name"] or r["claimant"]
            elif r["outlet"]:
                source, name = "outlet:" + (fold(r["outlet"]) or r["outlet"]), r["outlet"]
            else:
                source, name = "copies:" + r["group_id"], "article " + r["group_id"]
            out.setdefault(r["location_id"], []).append(
                SourcedClaim(
                    id=r["id"],
                    article_id=r["article_id"],
                    event=EventType(r["event"]),
                    stance=Stance(r["stance"]),
                    hedged=bool(r["hedged"]),
                    claimant=r["claimant"],
                    agent=r["agent"],
                    agent_side=r["agent_side"],
                    claimant_side=r["claimant_side"],
                    day=r["day"] or None,
                    source=source,
                    source_name=name,
                )
            )
        return out

    def _cached(self, key: str, build: Callable[[Connection], Any]) -> Any:
        with self._read() as conn:
            revision = self._revision(conn)
            hit = self._cache.get(key)
            if hit is not None and hit[0] == revision:
                return hit[1]
            value = build(conn)
        if len(self._cache) >= 256:  # one entry per place queried: keep it bounded
            self._cache.clear()
        self._cache[key] = (revision, value)
        return value

    def statuses(self) -> dict[str, PlaceStatus]:
        """Control status of every place that has claims, by place id (cached per revision)."""

        def build(conn: Connection) -> dict[str, PlaceStatus]:
            sourced = self._sourced_claims(conn, None)
            return {
                pid: corroborate.place_status(pid, cs, window_days=self.window_days)
                for pid, cs in sourced.items()
            }

        result: dict[str, PlaceStatus] = self._cached("statuses", build)
        return result

    def geojson(self) -> dict[str, Any]:
        """A GeoJSON FeatureCollection of the places with coordinates, status and claim counts.

        Coordinates are ``[lon, lat]`` as RFC 7946 requires.
        """
        statuses = self.statuses()
        counts = (
            select(s.claim_places.c.location_id, func.count().label("n"))
            .group_by(s.claim_places.c.location_id)
            .subquery()
        )
        with self._read() as conn:
            rows = (
                conn.execute(
                    select(s.locations, func.coalesce(counts.c.n, 0).label("claims"))
                    .select_from(
                        s.locations.outerjoin(counts, counts.c.location_id == s.locations.c.id)
                    )
                    .where(s.locations.c.lat.is_not(None), s.locations.c.lon.is_not(None))
                    .order_by(s.locations.c.id)
                )
                .mappings()
                .all()
            )
        features = []
        for r in rows:
            status = statuses.get(r["id"]) or PlaceStatus(
                place_id=r["id"], status=corroborate.ControlStatus.UNCONTESTED
            )
            features.append(
                {
                    "type": "Feature",
                    "id": r["id"],
                    "geometry": {"type": "Point", "coordinates": [r["lon"], r["lat"]]},
                    "properties": {
                        "id": r["id"],
                        "name": r["name"],
                        "kind": r["kind"],
                        "country_code": r["country_code"],
                        "within": r["within"],
                        "confidence": r["confidence"],
                        "status": status.status.value,
                        "claims": r["claims"],
                        "sources_per_side": status.sources_per_side,
                        "denying_sources": status.denying_sources,
                    },
                }
            )
        return {"type": "FeatureCollection", "features": features}

    # --- contradictions --------------------------------------------------------------------

    def contradictions(self, *, place: str | None = None) -> list[Contradiction]:
        """Groups of claims that contradict each other (rules in `conflictnews.store._corroborate`).

        Args:
            place: Only this place (id or any spelling); all places otherwise.

        Returns:
            Contradicted groups, most recent first.
        """

        def build(conn: Connection) -> list[ClaimGroup]:
            ids = self._place_ids_in(Reader.of(conn), place) if place is not None else None
            if ids == []:
                return []
            sourced = self._sourced_claims(conn, ids)
            found = []
            for pid, cs in sourced.items():
                for group in corroborate.group_claims(pid, cs, window_days=self.window_days):
                    if group.contradicted:
                        found.append(group)
            found.sort(key=lambda g: (g.last_day or "", g.place_id, g.kind), reverse=True)
            return found

        groups: list[ClaimGroup] = self._cached(f"contradictions:{place}", build)
        if not groups:
            return []
        with self._read() as conn:
            claim_ids = sorted({i for g in groups for i in g.claim_ids})
            claims = {}
            for chunk in range(0, len(claim_ids), 500):
                rows = conn.execute(
                    select(*_CLAIM_COLUMNS).where(s.claims.c.id.in_(claim_ids[chunk : chunk + 500]))
                ).mappings()
                claims.update({r["id"]: stored_claim(r) for r in rows})
            places = {loc.id: loc for loc in self._locations(conn, {g.place_id for g in groups})}
        out = []
        for g in groups:
            loc = places.get(g.place_id)
            summary = (
                PlaceSummary(**loc.model_dump(exclude={"mentions", "population"}))
                if loc
                else PlaceSummary(id=g.place_id, name=g.place_id)
            )
            summary.claims = len(g.claim_ids)
            out.append(
                Contradiction(
                    place=summary,
                    kind=g.kind,
                    first_day=g.first_day,
                    last_day=g.last_day,
                    reasons=g.reasons,
                    sources=g.sources,
                    claims=[claims[i] for i in g.claim_ids if i in claims],
                )
            )
        return out

    # --- actors ----------------------------------------------------------------------------

    def actors(self, *, q: str | None = None, limit: int = DEFAULT_LIMIT) -> list[ActorSummary]:
        """Actors, most active first; with `q`, those whose name or alias starts with it."""
        _check_limit(limit)
        with self._read() as conn:
            query = select(s.actors)
            if q is not None and q.strip():
                folded = fold(q)
                ids: set[str] = set()
                if folded:  # punctuation alone folds to nothing, which must not match all
                    ids |= set(
                        conn.execute(
                            select(s.actor_aliases.c.actor_id)
                            .where(
                                s.actor_aliases.c.name_fold.like(_like_prefix(folded), escape="\\")
                            )
                            .distinct()
                            .limit(MAX_LIMIT)
                        ).scalars()
                    )
                if q.strip().startswith("actor:"):
                    ids.add(q.strip())
                if not ids:
                    return []
                query = query.where(s.actors.c.id.in_(sorted(ids)))
            rows = conn.execute(query).mappings().all()
            summaries = self._actor_summaries(conn, rows)
        summaries.sort(key=lambda a: (-(a.claims_made + a.claims_about), a.id))
        return summaries[:limit]

    def _actor_summaries(self, conn: Connection, rows: Sequence[RowMapping]) -> list[ActorSummary]:
        ids = [r["id"] for r in rows]
        if not ids:
            return []
        actors = self._actors(conn, ids)
        made: dict[str, int] = dict(
            conn.execute(
                select(s.claims.c.claimant, func.count())
                .where(s.claims.c.claimant.in_(ids))
                .group_by(s.claims.c.claimant)
            ).all()
        )
        about: dict[str, int] = dict(
            conn.execute(
                select(s.claims.c.agent, func.count())
                .where(s.claims.c.agent.in_(ids))
                .group_by(s.claims.c.agent)
            ).all()
        )
        return [
            ActorSummary(
                **actors[i].model_dump(), claims_made=made.get(i, 0), claims_about=about.get(i, 0)
            )
            for i in ids
            if i in actors
        ]

    def actor(self, actor: str, *, limit: int = 100) -> ActorDetail:
        """An actor, the claims it makes and the claims naming it as agent (newest first).

        Raises:
            NotFoundError: No stored actor has that id or name.
        """
        with self._read() as conn:
            ids = self._actor_ids_in(Reader.of(conn), actor)
            rows = (
                conn.execute(select(s.actors).where(s.actors.c.id.in_(ids))).mappings().all()
                if ids
                else []
            )
            if not rows:
                raise NotFoundError(f"no actor {actor!r}")
            summary = self._actor_summaries(conn, rows[:1])[0]
            by, as_agent = (
                [
                    stored_claim(r)
                    for r in conn.execute(
                        select(*_CLAIM_COLUMNS)
                        .where(column == summary.id)
                        .order_by(s.claims.c.day.desc(), s.claims.c.id.desc())
                        .limit(limit)
                    ).mappings()
                ]
                for column in (s.claims.c.claimant, s.claims.c.agent)
            )
        return ActorDetail(**summary.model_dump(), claims_by=by, claims_as_agent=as_agent)

    # --- housekeeping ----------------------------------------------------------------------

    def stats(self) -> StoreStats:
        """Row counts and schema version."""
        with self._read() as conn:

            def count(table: Any) -> int:
                return int(conn.execute(select(func.count()).select_from(table)).scalar_one())

            return StoreStats(
                schema_version=s.current_version(conn),
                articles=count(s.articles),
                claims=count(s.claims),
                places=count(s.locations),
                actors=count(s.actors),
            )

    def ping(self) -> bool:
        """True when the database answers."""
        try:
            with self._read() as conn:
                return conn.execute(select(literal(1))).scalar() == 1
        except SQLAlchemyError:
            return False


__all__ = ["DB_ENV", "DEFAULT_DB", "IngestSummary", "Store", "default_location"]
