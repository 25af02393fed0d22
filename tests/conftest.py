"""Store backends for the tests: every test asking for `db_location` runs on SQLite and on
PostgreSQL.

PostgreSQL gets one database per test session (``cn_test_<random>``, made from the server's
``postgres`` database and dropped at the end), and the tests one schema in it, chosen through
the connection's ``search_path`` and emptied before each test (replaced when a test changed
its tables), so that a test never sees another's rows and none pays for creating tables
it does not test. The server is ``$CONFLICTNEWS_TEST_PG`` (a URL of its maintenance
database), else the local one. Without a reachable server the PostgreSQL half is skipped with
the reason; with ``CI=true`` it fails instead, so that it is never skipped where it must run.
"""

from __future__ import annotations

import itertools
import os
import secrets
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, inspect, text
from sqlalchemy.engine import make_url

PG_ENV = "CONFLICTNEWS_TEST_PG"
PG_DEFAULT = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
BACKENDS = ("sqlite", "postgresql")

_schemas = itertools.count(1)


def _unavailable(reason: str) -> None:
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"PostgreSQL tests must run on CI: {reason}", pytrace=False)
    pytest.skip(f"PostgreSQL not available: {reason}")


@pytest.fixture(scope="session")
def pg_database() -> Iterator[str]:
    """URL of a PostgreSQL database made for this test session (dropped at its end)."""
    admin_url = os.environ.get(PG_ENV) or PG_DEFAULT
    try:
        import psycopg  # noqa: F401
    except ImportError:
        _unavailable('psycopg is not installed (pip install -e ".[postgres]")')
    name = f"cn_test_{secrets.token_hex(4)}"
    admin = create_engine(
        admin_url, isolation_level="AUTOCOMMIT", connect_args={"connect_timeout": 3}
    )
    try:
        with admin.connect() as conn:
            conn.execute(text(f"CREATE DATABASE {name}"))
    except Exception as exc:  # any failure to reach the server or create the database
        admin.dispose()
        _unavailable(f"{admin_url}: {str(exc).splitlines()[0]}")
    try:
        yield make_url(admin_url).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
        admin.dispose()


def fresh_pg_schema(database_url: str) -> str:
    """A new empty schema in the session database; the URL of the database seen through it."""
    schema = f"t{next(_schemas)}_{secrets.token_hex(3)}"
    engine = create_engine(database_url, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            conn.execute(text(f"CREATE SCHEMA {schema}"))
    finally:
        engine.dispose()
    # Commits need not wait for the disk in tests: that is PostgreSQL's durability, not ours.
    options = f"-csearch_path={schema} -csynchronous_commit=off"
    url = make_url(database_url).update_query_dict({"options": options})
    return url.render_as_string(hide_password=False)


class _ReusedSchema:
    """One PostgreSQL schema handed to test after test, emptied in between.

    Creating the tables costs a PostgreSQL server some 0.3 s, emptying them 20 ms. A schema a
    test changed (a column dropped, a migration row removed or added) is dropped and a fresh
    one made, which the next store opened on it migrates from nothing.
    """

    def __init__(self, database_url: str) -> None:
        self.database_url = database_url
        self.engine = create_engine(database_url, isolation_level="AUTOCOMMIT")
        self.url: str | None = None

    def _intact(self, schema: str) -> bool:
        from conflictnews.store import _schema

        expected = (
            len(_schema.MIGRATIONS),
            _schema.SCHEMA_VERSION,
            sum(len(table.columns) for table in _schema.metadata.tables.values()),
        )
        try:
            with self.engine.connect() as conn:
                found = conn.execute(
                    text(
                        f"SELECT (SELECT count(*) FROM {schema}.schema_version),"
                        f" (SELECT max(version) FROM {schema}.schema_version),"
                        " (SELECT count(*) FROM information_schema.columns"
                        "  WHERE table_schema = :schema)"
                    ),
                    {"schema": schema},
                ).one()
        except Exception:  # no schema_version table: the test never opened a store, or broke it
            return False
        return tuple(found) == expected

    def empty(self) -> str:
        """The URL of an empty store's schema."""
        if self.url is not None:
            schema = str(make_url(self.url).query["options"]).split()[0].split("=")[1]
            if self._intact(schema):
                from conflictnews.store import _schema

                tables = ", ".join(
                    f"{schema}.{name}"
                    for name in _schema.metadata.tables
                    if name != "schema_version"
                )
                with self.engine.connect() as conn:
                    conn.execute(text(f"TRUNCATE {tables}"))
                return self.url
            with self.engine.connect() as conn:
                conn.execute(text(f"DROP SCHEMA {schema} CASCADE"))
        self.url = fresh_pg_schema(self.database_url)
        return self.url


@pytest.fixture(scope="session")
def _pg_schemas(pg_database: str) -> Iterator[_ReusedSchema]:
    schemas = _ReusedSchema(pg_database)
    yield schemas
    schemas.engine.dispose()


@pytest.fixture(params=BACKENDS)
def db_location(
    request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[str]:
    """Where an empty store lives: a new SQLite file, or a PostgreSQL URL (an emptied schema).

    Opening `Store` on it twice opens the same database, as with a file.
    """
    if request.param == "sqlite":
        yield str(tmp_path / "claims.db")
        return
    url = request.getfixturevalue("_pg_schemas").empty()
    # A test may leave a store open, which SQLite forgives; a psycopg connection collected
    # while open warns (an error here), so every store the test opened is closed after it.
    from conflictnews.store._engine import Database

    opened: list[Database] = []
    original = Database.__init__

    def tracked(self: Database, *args: Any, **kwargs: Any) -> None:
        original(self, *args, **kwargs)
        opened.append(self)

    monkeypatch.setattr(Database, "__init__", tracked)
    yield url
    for database in opened:
        database.close()


def run_sql(location: str | os.PathLike[str], *statements: str) -> list[tuple[Any, ...]]:
    """Run raw SQL on a store's database outside the store (to damage or age it); return the
    rows of the last statement, if it returns any."""
    from conflictnews.store._engine import database_url

    engine = create_engine(database_url(location))
    rows: list[tuple[Any, ...]] = []
    try:
        with engine.begin() as conn:
            for statement in statements:
                result = conn.execute(text(statement))
                rows = [tuple(r) for r in result] if result.returns_rows else []
    finally:
        engine.dispose()
    return rows


def column_names(location: str | os.PathLike[str], table: str) -> set[str]:
    """The columns a table of a store's database has."""
    from conflictnews.store._engine import database_url

    engine = create_engine(database_url(location))
    try:
        with engine.connect() as conn:
            return {c["name"] for c in inspect(conn).get_columns(table)}
    finally:
        engine.dispose()
