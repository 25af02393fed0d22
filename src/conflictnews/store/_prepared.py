"""Hot read statements run straight on the driver's cursor, compiled once per dialect.

SQLAlchemy's execution machinery (execution context, parameter and result processing, row
objects) costs some 40-50 microseconds per statement: ten times an indexed SQLite lookup of a
name, half the read of a page of claims. The store's hot reads (the claim search, name
lookups) are still written as Core statements, compiled for the connection's dialect once, and
their SQL is run on the pooled DBAPI connection with plain parameters. Other dialects
(PostgreSQL) get their own compiled SQL and parameter style the same way.

Only statements that need nothing from SQLAlchemy at execution qualify: no expanding ``IN``
lists (bind one parameter per item instead), and no parameter or result column whose type
converts values for the driver. `prepare` refuses any other statement, so a later edit
cannot silently change what a query returns.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, Select
from sqlalchemy.engine import Dialect

from ..errors import StoreError


@dataclass(frozen=True, slots=True)
class Prepared:
    """A statement compiled for one dialect.

    Attributes:
        sql: The SQL text, in the driver's parameter style.
        order: Parameter names in placeholder order for positional styles (SQLite's ``?``);
            ``None`` when the driver takes a mapping (psycopg's ``%(name)s``).
        fixed: Values the statement binds itself (SQLite's ``OFFSET 0``).
    """

    sql: str
    order: tuple[str, ...] | None
    fixed: Mapping[str, Any] = field(default_factory=dict)

    def parameters(self, values: Mapping[str, Any]) -> Sequence[Any] | Mapping[str, Any]:
        """The driver's parameters for these values."""
        if self.fixed:
            values = {**self.fixed, **values}
        if self.order is None:
            return values
        return tuple(values[name] for name in self.order)


@functools.lru_cache(maxsize=512)
def prepare(statement: Select[Any], dialect: Dialect) -> Prepared:
    """Compile a read statement once for a dialect.

    Raises:
        TypeError: The statement needs SQLAlchemy at execution (see the module docstring).
    """
    compiled = statement.compile(dialect=dialect)
    if compiled.post_compile_params or compiled.literal_execute_params:
        raise TypeError("expanding IN lists cannot be prepared: bind one parameter per item")
    if compiled.escaped_bind_names:
        raise TypeError(f"parameter names the driver cannot take: {compiled.escaped_bind_names}")
    for bind, name in compiled.bind_names.items():
        if bind.type.dialect_impl(dialect).bind_processor(dialect) is not None:
            raise TypeError(f"parameter {name!r} needs a type conversion")
    for column in statement.selected_columns:
        if column.type.dialect_impl(dialect).result_processor(dialect, None) is not None:
            raise TypeError(f"column {column.name!r} needs a type conversion")
    fixed = {
        name: bind.effective_value
        for bind, name in compiled.bind_names.items()
        if not bind.required
    }
    order = tuple(compiled.positiontup or ()) if compiled.positional else None
    return Prepared(str(compiled), order, fixed)


@dataclass(frozen=True, slots=True)
class Reader:
    """A pooled DBAPI connection and its dialect: where prepared statements run.

    Attributes:
        dbapi_connection: The driver's connection (``sqlite3.Connection``, psycopg's...).
        dialect: The SQLAlchemy dialect its statements are compiled for.
    """

    dbapi_connection: Any
    dialect: Dialect

    @classmethod
    def of(cls, conn: Connection) -> Reader:
        """The reader under a SQLAlchemy connection (same connection, same transaction)."""
        return cls(conn.connection.dbapi_connection, conn.dialect)

    def all(self, statement: Select[Any], values: Mapping[str, Any]) -> list[tuple[Any, ...]]:
        """Rows of a read statement, prepared for this dialect and run on the driver's cursor.

        Raises:
            StoreError: The database refused the read.
        """
        prepared = prepare(statement, self.dialect)
        cursor = self.dbapi_connection.cursor()
        try:
            cursor.execute(prepared.sql, prepared.parameters(values))
            return list(cursor.fetchall())
        except self.dialect.loaded_dbapi.Error as exc:
            raise StoreError(f"the database refused a read: {exc}") from exc
        finally:
            cursor.close()
