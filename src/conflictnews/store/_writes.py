"""Writing to the store: an extraction in, whole or not at all; repeats and near-duplicates
found; an article deleted.

An article already stored under the same URL or the same normalised text is skipped. A batch
of articles is written in one transaction with one statement per table; when the database
refuses any of it, each article is written again in its own savepoint, so that a refused
article is rolled back alone and an ingest that dies half-way leaves every committed article
whole.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy import Connection, bindparam, delete, func, insert, or_, select, update
from sqlalchemy.exc import SQLAlchemyError

from .._ids import article_id as make_article_id
from ..errors import NotFoundError, StoreError
from ..models import Extraction
from . import _corroborate as corroborate
from . import _schema as s
from ._batch import Rows
from ._engine import Database, bump_revision, insert_ignore
from ._records import AddResult

RowWriter = Callable[[Connection, Rows], None]
"""Inserts a batch's rows on a connection (`write_rows`, or a stand-in for it)."""


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


def known_article(conn: Connection, article_id: str, url: str | None) -> str | None:
    """Id of the stored article with this id or URL, else None."""
    if url:
        found = conn.execute(_statement("known_by_url"), {"id": article_id, "url": url})
    else:
        found = conn.execute(_statement("known"), {"id": article_id})
    value = found.scalar()
    return str(value) if value is not None else None


def write_rows(conn: Connection, rows: Rows) -> None:
    """Insert a batch's rows, parents before children, one statement per table."""
    if rows.articles:
        conn.execute(_statement("insert_article"), rows.articles)
        conn.execute(_statement("insert_copy"), rows.copies)
    if rows.sketch:
        conn.execute(_statement("insert_sketch"), rows.sketch)
    insert_ignore(conn, s.actors, list(rows.actors.values()))
    sided = {i: r["side"] for i, r in rows.actors.items() if r["side"]}
    if sided:
        # An actor first stored without a side gets one when a later article knows it.
        unsided = conn.execute(_statement("unsided_actors"), {"ids": sorted(sided)}).scalars().all()
        for actor_id in unsided:
            conn.execute(
                update(s.actors).where(s.actors.c.id == actor_id).values(side=sided[actor_id])
            )
    insert_ignore(conn, s.actor_aliases, rows.actor_aliases)
    insert_ignore(conn, s.locations, list(rows.locations.values()))
    confident = [
        {"location_id": i, "raised": r["confidence"]}
        for i, r in rows.locations.items()
        if r["confidence"] is not None
    ]
    if confident:
        # A place already stored keeps the highest confidence any article gave it; rows
        # inserted just now already hold theirs and are left unchanged by the condition.
        conn.execute(_statement("raise_confidence"), confident)
    insert_ignore(conn, s.location_names, rows.location_names)
    if rows.claims:
        conn.execute(_statement("insert_claims"), rows.claims)
    if rows.claim_places:
        conn.execute(_statement("insert_claim_places"), rows.claim_places)


class Writes:
    """The store's writes: adding extractions, asking whether an article is known, deleting.

    Args:
        db: The database written to.
        write_rows: Inserts a batch's rows (`write_rows` unless the owner routes it elsewhere).
    """

    def __init__(self, db: Database, write_rows: RowWriter = write_rows) -> None:
        self._db = db
        self._write_rows = write_rows

    def add_many(self, extractions: Sequence[Extraction]) -> list[AddResult | StoreError]:
        """Store several extractions in one transaction, each article whole or not at all.

        See `Store.add_many`.
        """
        shingles = [corroborate.shingle_hashes(e.article.text) for e in extractions]
        results: list[AddResult | StoreError] = []
        try:
            with self._db.write() as conn:
                if len(extractions) > 1:
                    try:
                        with conn.begin_nested():
                            results = list(self.add_batch(conn, extractions, shingles))
                    except SQLAlchemyError:
                        results = []
                if not results:
                    for extraction, article_shingles in zip(extractions, shingles, strict=True):
                        try:
                            with conn.begin_nested():
                                one = self.add_batch(conn, [extraction], [article_shingles])
                            results.append(one[0])
                        except SQLAlchemyError as exc:
                            error = StoreError(
                                f"could not store article {extraction.article.id}: {exc}"
                            )
                            error.__cause__ = exc
                            results.append(error)
                if any(isinstance(r, AddResult) and r.new for r in results):
                    bump_revision(conn)
        except SQLAlchemyError as exc:
            raise StoreError(f"could not store {len(extractions)} articles: {exc}") from exc
        return results

    def add_batch(
        self, conn: Connection, extractions: Sequence[Extraction], shingles: Sequence[set[int]]
    ) -> list[AddResult]:
        """Write new articles of a batch with one statement per table; skip known ones."""
        rows = Rows()
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
            known = known_article(conn, article.id, article.url)
            if known is not None:
                count = int(conn.execute(_statement("count_claims"), {"id": known}).scalar_one())
                results.append(AddResult(article_id=known, new=False, claims=count))
                continue
            group_id, similarity = _copy_group(conn, article.id, article_shingles)
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
        with self._db.read() as conn:
            return known_article(conn, make_article_id(text), url)

    def delete_article(self, article_id: str) -> None:
        """`conflictnews.Store.delete_article` (documented there)."""
        with self._db.write() as conn:
            if known_article(conn, article_id, None) is None:
                raise NotFoundError(f"no article {article_id!r}")
            claim_ids = select(s.claims.c.id).where(s.claims.c.article_id == article_id)
            conn.execute(delete(s.claim_places).where(s.claim_places.c.claim_id.in_(claim_ids)))
            conn.execute(delete(s.claims).where(s.claims.c.article_id == article_id))
            for table in (s.article_sketch, s.article_copies):
                conn.execute(delete(table).where(table.c.article_id == article_id))
            conn.execute(delete(s.articles).where(s.articles.c.id == article_id))
            bump_revision(conn)


def _copy_group(conn: Connection, article_id: str, shingles: set[int]) -> tuple[str, float]:
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
