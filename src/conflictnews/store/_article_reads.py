"""Reading articles: the page of stored articles, one article with its claims and copies, and a
stored article as the `Extraction` that made it.
"""

from __future__ import annotations

from sqlalchemy import func, select

from ..errors import NotFoundError
from ..models import Article, Claim, Extraction
from . import _expand
from . import _schema as s
from ._engine import Database, check_limit, decode_cursor, encode_cursor
from ._records import DEFAULT_LIMIT, ArticleDetail, ArticlePage, ArticleSummary, stored_claim


class ArticleReads:
    """The stored articles of one database."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def articles(
        self, *, source: str | None = None, limit: int = DEFAULT_LIMIT, cursor: str | None = None
    ) -> ArticlePage:
        """`conflictnews.Store.articles` (documented there)."""
        check_limit(limit)
        after = decode_cursor(cursor, (int,)) if cursor else None
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
        with self._db.read() as conn:
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
        next_cursor = encode_cursor(rows[limit - 1]["seq"]) if len(rows) > limit else None
        return ArticlePage(items=items, next_cursor=next_cursor)

    def article(self, article_id: str) -> ArticleDetail:
        """`conflictnews.Store.article` (documented there)."""
        with self._db.read() as conn:
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
                select(*_expand.CLAIM_COLUMNS)
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
        """`conflictnews.Store.extraction` (documented there)."""
        detail = self.article(article_id)
        claims = [Claim(**c.model_dump(exclude={"evidence", "day"})) for c in detail.claims]
        place_ids = {p for c in claims for p in c.places}
        actor_ids = {a for c in claims for a in (c.claimant, c.agent) if a}
        with self._db.read() as conn:
            locations = _expand.locations(conn, place_ids)
            actors = _expand.actors(conn, actor_ids)
        return Extraction(
            article=detail.article,
            claims=claims,
            actors=[actors[a] for a in sorted(actors)],
            locations=sorted(locations, key=lambda loc: loc.id),
        )
