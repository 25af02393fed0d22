"""Tables of the claim store and the ordered migrations that build them.

The schema is written with SQLAlchemy Core only, so the same code runs on SQLite (the embedded
default) and on PostgreSQL. A database records the migrations applied to it in
``schema_version``; `migrate` applies the missing ones, in order, when a store is opened.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    DDL,
    BigInteger,
    Boolean,
    Column,
    Connection,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    bindparam,
    func,
    insert,
    inspect,
    select,
    update,
)
from sqlalchemy.schema import CreateColumn

from ..errors import SchemaVersionError
from ._records import stored_claim_json

metadata = MetaData()

schema_version = Table(
    "schema_version",
    metadata,
    Column("version", Integer, primary_key=True),
    Column("description", Text, nullable=False),
    Column("applied_at", String(32), nullable=False),
)

meta = Table(
    "meta",
    metadata,
    Column("key", String(64), primary_key=True),
    Column("value", Text, nullable=False),
)

articles = Table(
    "articles",
    metadata,
    Column("id", String(40), primary_key=True),
    Column("title", Text),
    Column("text", Text, nullable=False),
    Column("url", Text),
    Column("source", Text),
    Column("published", String(10)),
    Column("path", Text),
    Column("ingested_at", String(32), nullable=False),
    # Insertion order, for stable keyset pagination of the article list.
    Column("seq", Integer, nullable=False),
    Index("ix_articles_url", "url"),
    Index("ix_articles_seq", "seq"),
)

# One row per article: the near-duplicate group it belongs to (the id of the group's first
# article). Copies of one wire story share a group and count as one source.
article_copies = Table(
    "article_copies",
    metadata,
    Column("article_id", String(40), ForeignKey("articles.id"), primary_key=True),
    Column("group_id", String(40), nullable=False),
    Column("similarity", Float, nullable=False),
    Index("ix_article_copies_group", "group_id"),
)

# Lookup keys of each article's bottom-k shingle sketch (`corroborate.sketch_keys`), to find
# near-duplicate candidates by index lookup.
article_sketch = Table(
    "article_sketch",
    metadata,
    Column("hash", BigInteger, nullable=False),
    Column("article_id", String(40), ForeignKey("articles.id"), nullable=False),
    Index("ix_article_sketch_hash", "hash"),
    Index("ix_article_sketch_article", "article_id"),
)

claims = Table(
    "claims",
    metadata,
    Column("id", String(40), primary_key=True),
    Column("article_id", String(40), ForeignKey("articles.id"), nullable=False),
    Column("sentence", Text, nullable=False),
    Column("evidence", Text, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("event", String(16), nullable=False),
    Column("stance", String(16), nullable=False),
    Column("hedged", Boolean, nullable=False),
    Column("claimant", String(200)),
    Column("agent", String(200)),
    Column("date", String(10)),
    Column("date_text", Text),
    # Effective day (claim date, else the article's publication date) as YYYY-MM-DD; "" if
    # neither is known. Sorting and the corroboration window use it.
    Column("day", String(10), nullable=False),
    Column("acled_event_type", Text),
    Column("acled_sub_event_type", Text),
    # Place ids in the claim's own order, as JSON, so a page of claims needs no join.
    Column("places_json", Text, nullable=False),
    # The claim as `StoredClaim` JSON (`_records.stored_claim_json` of this row), so that a page
    # of claims is served by joining stored strings. Claims are never updated, only inserted
    # and deleted; a change of `StoredClaim`'s fields needs a migration that rebuilds it with
    # `rebuild_claim_records`. Nullable because SQLite cannot add a NOT NULL column.
    Column("record_json", Text),
    Index("ix_claims_article", "article_id"),
    Index("ix_claims_day_id", "day", "id"),
    Index("ix_claims_claimant_day", "claimant", "day"),
    Index("ix_claims_agent_day", "agent", "day"),
    Index("ix_claims_event_day", "event", "day"),
)

# Many-to-many claims <-> locations. The day is repeated here so that the index answers
# "claims at this place, newest first" without a sort.
claim_places = Table(
    "claim_places",
    metadata,
    Column("location_id", String(200), primary_key=True),
    Column("day", String(10), primary_key=True),
    Column("claim_id", String(40), ForeignKey("claims.id"), primary_key=True),
    Index("ix_claim_places_claim", "claim_id"),
)

actors = Table(
    "actors",
    metadata,
    Column("id", String(200), primary_key=True),
    Column("name", Text, nullable=False),
    Column("kind", String(32), nullable=False),
    Column("side", String(64)),
)

actor_aliases = Table(
    "actor_aliases",
    metadata,
    Column("name_fold", String(300), primary_key=True),
    Column("actor_id", String(200), ForeignKey("actors.id"), primary_key=True),
    Column("name", Text, nullable=False),
    Index("ix_actor_aliases_actor", "actor_id"),
)

locations = Table(
    "locations",
    metadata,
    Column("id", String(200), primary_key=True),
    Column("name", Text, nullable=False),
    Column("kind", String(32), nullable=False),
    Column("country_code", String(2)),
    Column("admin1", Text),
    Column("lat", Float),
    Column("lon", Float),
    Column("geonames_id", BigInteger),
    Column("population", BigInteger),
    # The resolved place whose point an unresolved one borrows (a street, a camp): Location.within
    Column("within", String(200)),
    # Location.confidence: the highest any article gave the place, so a place once resolved
    # firmly stays firm when a later article names it vaguely.
    Column("confidence", Float),
)

# Every folded spelling of a location: canonical name, surface mentions, gazetteer alternates.
location_names = Table(
    "location_names",
    metadata,
    Column("name_fold", String(300), primary_key=True),
    Column("location_id", String(200), ForeignKey("locations.id"), primary_key=True),
    Column("name", Text, nullable=False),
    Index("ix_location_names_location", "location_id"),
)


@dataclass(frozen=True, slots=True)
class Migration:
    """One schema step: applied once, in version order, inside a transaction."""

    version: int
    description: str
    apply: Callable[[Connection], None]


def _initial(conn: Connection) -> None:
    # A new database gets every table as defined above, so it starts complete. Each later step
    # brings a database made by an older release to that same shape, and must do nothing on a
    # complete one (check before adding a column; rebuild only what is missing).
    metadata.create_all(conn, tables=[t for t in metadata.sorted_tables if t is not schema_version])


def _add_column(conn: Connection, column: Column[Any]) -> None:
    """ALTER TABLE ... ADD COLUMN, unless the table has it (DDL compiled for the dialect)."""
    table = column.table
    if column.name in {c["name"] for c in inspect(conn).get_columns(table.name)}:
        return
    name = conn.dialect.identifier_preparer.format_table(table)
    definition = CreateColumn(column).compile(dialect=conn.dialect)
    conn.execute(DDL(f"ALTER TABLE {name} ADD COLUMN {definition}"))


_RECORD_BATCH = 2000


def rebuild_claim_records(conn: Connection, *, only_missing: bool = False) -> int:
    """Write ``claims.record_json`` from the other columns; return how many rows changed.

    Args:
        conn: Connection inside the migration's transaction.
        only_missing: Only rows without a record (a migration that adds the column).
    """
    c = claims.c
    columns = [col for col in claims.columns if col.name != "record_json"]
    write = (
        update(claims).where(c.id == bindparam("claim_id")).values(record_json=bindparam("record"))
    )
    changed = 0
    last = ""
    while True:
        # Keyset batches by id, so a large store is read in bounded memory.
        query = select(*columns).where(c.id > last).order_by(c.id).limit(_RECORD_BATCH)
        if only_missing:
            query = query.where(c.record_json.is_(None))
        rows = conn.execute(query).mappings().all()
        if not rows:
            return changed
        conn.execute(write, [{"claim_id": r["id"], "record": stored_claim_json(r)} for r in rows])
        changed += len(rows)
        last = rows[-1]["id"]


def _claim_records(conn: Connection) -> None:
    _add_column(conn, claims.c.record_json)
    rebuild_claim_records(conn, only_missing=True)


def _location_within(conn: Connection) -> None:
    _add_column(conn, locations.c.within)


def _location_confidence(conn: Connection) -> None:
    _add_column(conn, locations.c.confidence)


MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "articles, claims, places, actors, near-duplicate groups", _initial),
    Migration(2, "claims.record_json: each claim's JSON, stored at ingest", _claim_records),
    Migration(
        3, "locations.within: the place whose point an approximate place takes", _location_within
    ),
    Migration(
        4, "locations.confidence: how likely a place's resolution is right", _location_confidence
    ),
)
"""Every schema step, oldest first."""

SCHEMA_VERSION = MIGRATIONS[-1].version


def current_version(conn: Connection) -> int:
    """Highest migration applied to the database (0 for an empty database)."""
    schema_version.create(conn, checkfirst=True)
    query = select(func.coalesce(func.max(schema_version.c.version), 0))
    return int(conn.execute(query).scalar_one())


def migrate(conn: Connection, *, now: str) -> int:
    """Apply the migrations the database lacks; return the resulting version.

    Raises:
        SchemaVersionError: The database is newer than this code.
    """
    version = current_version(conn)
    if version > SCHEMA_VERSION:
        raise SchemaVersionError(
            f"database schema version {version} is newer than this conflictnews "
            f"(knows up to {SCHEMA_VERSION}); upgrade conflictnews"
        )
    for step in MIGRATIONS:
        if step.version > version:
            step.apply(conn)
            conn.execute(
                insert(schema_version).values(
                    version=step.version, description=step.description, applied_at=now
                )
            )
            version = step.version
    return version
