"""How the store talks to its database: the URL, the engine, connections, and the small helpers
every read and write shares (cursors, limits, patterns, dialect-specific inserts).

The default is one SQLite file in WAL mode, so readers keep working while an ingest writes.
Every statement is SQLAlchemy Core, so a PostgreSQL URL (``postgresql+psycopg://...``) can
replace the file without touching callers; the test suite runs on both. On PostgreSQL, writers
queue on an advisory lock as SQLite's writers queue on its write lock.
"""

from __future__ import annotations

import base64
import contextlib
import datetime as dt
import functools
import os
import threading
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import orjson
from sqlalchemy import (
    Connection,
    Engine,
    create_engine,
    event,
    func,
    insert,
    literal,
    select,
    update,
)
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, OperationalError, SQLAlchemyError
from sqlalchemy.pool import StaticPool

from ..errors import InvalidQueryError, StoreError
from . import _schema as s
from ._prepared import Reader
from ._records import MAX_LIMIT, StoreStats

DEFAULT_DB = "conflictnews.db"
DB_ENV = "CONFLICTNEWS_DB"


def default_location() -> str:
    """The database `Store()` opens: ``$CONFLICTNEWS_DB``, else ``conflictnews.db`` here."""
    return os.environ.get(DB_ENV) or DEFAULT_DB


def database_url(location: str | os.PathLike[str]) -> str:
    """The SQLAlchemy URL of a file path, ``":memory:"`` or URL."""
    text = os.fspath(location)
    if text in (":memory:", ""):
        return "sqlite://"
    if "://" in text:
        return text
    return "sqlite:///" + str(Path(text).expanduser().resolve())


def now() -> str:
    """The current UTC time, to the second, as ISO 8601."""
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


# Two int4 keys of the advisory lock PostgreSQL writers take: this constant ("cn" + 13) and
# the hash of the schema written to, so that stores in other schemas do not wait on each other.
_PG_WRITE_LOCK = 0x636E_0013


def shown_url(url: str) -> str:
    """The URL as error messages may show it: any password masked."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return "<unparsable URL>"


def _make_engine(url: str) -> Engine:
    if not url.startswith("sqlite"):
        return _make_server_engine(url)
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


def _make_server_engine(url: str) -> Engine:
    parsed = make_url(url)
    connect_args: dict[str, Any] = {}
    if parsed.get_backend_name() == "postgresql" and "connect_timeout" not in parsed.query:
        # An unreachable server is an error after seconds, not a hang.
        connect_args["connect_timeout"] = 10
    try:
        engine = create_engine(url, pool_pre_ping=True, connect_args=connect_args)
    except ImportError as exc:
        driver = parsed.get_driver_name()
        hint = (
            'pip install "conflictnews[postgres]" and use a postgresql+psycopg:// URL'
            if parsed.get_backend_name() == "postgresql"
            else f"install the {driver!r} driver"
        )
        raise StoreError(
            f"cannot open the store at {shown_url(url)}: its driver {driver!r} is not "
            f"installed ({exc.name or exc}); {hint}"
        ) from exc
    if engine.dialect.name == "postgresql":

        @event.listens_for(engine, "begin")
        def _on_begin(conn: Connection) -> None:
            # Writers queue on one lock per schema, held to the end of their transaction, as
            # SQLite's BEGIN IMMEDIATE makes them: "is it known?", the article's sequence
            # number and the revision are then read and written by one writer at a time, so
            # two ingests of the same files store each article once. Readers never wait.
            if conn.get_execution_options().get("cn_write", False):
                conn.exec_driver_sql(
                    "SELECT pg_advisory_xact_lock(%(key)s, hashtext(current_schema()))",
                    {"key": _PG_WRITE_LOCK},
                )
            else:
                # A read transaction sees one state for all its statements, as on SQLite
                # (READ COMMITTED would let each statement see a later one). Writers stay READ
                # COMMITTED: their statements must see what the writer before them committed.
                conn.exec_driver_sql("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")

    return engine


def _open_error(url: str, exc: SQLAlchemyError) -> StoreError:
    if isinstance(exc, OperationalError):
        return StoreError(
            f"cannot open the store at {shown_url(url)}: the database cannot be reached or "
            f"opened ({str(exc.orig).strip() or exc})"
        )
    return StoreError(f"cannot open the store at {shown_url(url)}: {exc}")


class Database:
    """One opened database, its schema brought up to date: where reads and writes get a
    connection.

    Args:
        url: SQLAlchemy URL (see `database_url`).

    Raises:
        SchemaVersionError: The database was written by a newer conflictnews.
        StoreError: The database cannot be opened.
    """

    def __init__(self, url: str) -> None:
        self.url = url
        memory = url in ("sqlite://", "sqlite:///:memory:")
        # An in-memory database is one shared connection: serialise its use across threads.
        self._lock: contextlib.AbstractContextManager[Any] = (
            threading.RLock() if memory else contextlib.nullcontext()
        )
        try:
            self.engine = _make_engine(url)
        except SQLAlchemyError as exc:
            raise _open_error(url, exc) from exc
        try:
            with self.write() as conn:
                self.schema_version = s.migrate(conn, now=now())
        except BaseException as exc:
            self.engine.dispose()  # a store that failed to open keeps no connection
            if isinstance(exc, SQLAlchemyError):
                raise _open_error(url, exc) from exc
            raise

    @contextlib.contextmanager
    def write(self) -> Iterator[Connection]:
        """A connection in a transaction that holds the write lock from its start."""
        with self._lock, self.engine.connect() as conn:
            conn = conn.execution_options(cn_write=True)
            with conn.begin():
                yield conn

    @contextlib.contextmanager
    def read(self) -> Iterator[Connection]:
        """A connection in a read transaction: one consistent state for all its statements."""
        with self._lock, self.engine.connect() as conn, conn.begin():
            yield conn

    @contextlib.contextmanager
    def prepared_read(self) -> Iterator[Reader]:
        """A pooled connection for prepared statements (`_prepared`), outside any transaction.

        Each statement reads the latest committed state. Skipping SQLAlchemy's `Connection`
        and BEGIN/COMMIT saves about 50 microseconds, half of what a claim page's statements
        cost on SQLite.
        """
        with self._lock:
            pooled = self.engine.raw_connection()
            try:
                yield Reader(pooled.dbapi_connection, self.engine.dialect)
            finally:
                pooled.close()

    def close(self) -> None:
        """Release the database connections."""
        self.engine.dispose()

    def revision(self) -> int:
        """Counter increased by every stored article (caches of derived views key on it)."""
        with self.read() as conn:
            return read_revision(conn)

    def stats(self) -> StoreStats:
        """Row counts and schema version."""
        with self.read() as conn:

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
            with self.read() as conn:
                return conn.execute(select(literal(1))).scalar() == 1
        except SQLAlchemyError:
            return False


def read_revision(conn: Connection) -> int:
    """The store's revision as this connection sees it."""
    value = conn.execute(select(s.meta.c.value).where(s.meta.c.key == "revision")).scalar()
    return int(value) if value is not None else 0


def bump_revision(conn: Connection) -> None:
    """Increase the revision: the stored articles changed."""
    revision = read_revision(conn) + 1
    changed = conn.execute(
        update(s.meta).where(s.meta.c.key == "revision").values(value=str(revision))
    ).rowcount
    if not changed:
        conn.execute(insert(s.meta).values(key="revision", value=str(revision)))


def insert_ignore(conn: Connection, table: Any, rows: list[dict[str, Any]]) -> None:
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


def encode_cursor(*parts: object) -> str:
    """An opaque page cursor holding `parts` (JSON values)."""
    return base64.urlsafe_b64encode(orjson.dumps(list(parts))).decode("ascii").rstrip("=")


def decode_cursor(cursor: str, types: Sequence[type]) -> list[Any]:
    """The parts of a cursor `encode_cursor` made, checked against their expected `types`.

    Raises:
        InvalidQueryError: Not a cursor of this shape.
    """
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


def check_limit(limit: int) -> int:
    """`limit`, when it is a page size the store serves.

    Raises:
        InvalidQueryError: Below 1 or above `MAX_LIMIT`.
    """
    if not 1 <= limit <= MAX_LIMIT:
        raise InvalidQueryError(f"limit must be between 1 and {MAX_LIMIT}, got {limit}")
    return limit


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def like_prefix(text: str) -> str:
    """A LIKE pattern for "starts with `text`", its wildcards taken literally (escape ``\\``)."""
    return _escape_like(text) + "%"


def like_pattern(text: str) -> str:
    """A LIKE pattern for "contains `text`", its wildcards taken literally (escape ``\\``)."""
    return "%" + _escape_like(text) + "%"
