"""Reading actors: the actors list, most active first, and one actor with the claims it makes
and the claims naming it as agent.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import Connection, RowMapping, func, select

from .._ids import fold
from ..errors import NotFoundError
from . import _expand, _names
from . import _schema as s
from ._engine import Database, check_limit, like_prefix
from ._prepared import Reader
from ._records import DEFAULT_LIMIT, MAX_LIMIT, ActorDetail, ActorSummary, stored_claim


class ActorReads:
    """The stored actors of one database."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def actor_ids(self, query: str) -> list[str]:
        """Ids of the actors a query names: an id, or any stored name or alias."""
        if not query.strip():
            return []
        with self._db.prepared_read() as reader:
            return _names.actor_ids(reader, query)

    def actors(self, *, q: str | None = None, limit: int = DEFAULT_LIMIT) -> list[ActorSummary]:
        """Actors, most active first; with `q`, those whose name or alias starts with it."""
        check_limit(limit)
        with self._db.read() as conn:
            query = select(s.actors)
            if q is not None and q.strip():
                folded = fold(q)
                ids: set[str] = set()
                if folded:  # punctuation alone folds to nothing, which must not match all
                    ids |= set(
                        conn.execute(
                            select(s.actor_aliases.c.actor_id)
                            .where(
                                s.actor_aliases.c.name_fold.like(like_prefix(folded), escape="\\")
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
        actors = _expand.actors(conn, ids)
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
        """`conflictnews.Store.actor` (documented there)."""
        with self._db.read() as conn:
            ids = _names.actor_ids(Reader.of(conn), actor)
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
                        select(*_expand.CLAIM_COLUMNS)
                        .where(column == summary.id)
                        .order_by(s.claims.c.day.desc(), s.claims.c.id.desc())
                        .limit(limit)
                    ).mappings()
                ]
                for column in (s.claims.c.claimant, s.claims.c.agent)
            )
        return ActorDetail(**summary.model_dump(), claims_by=by, claims_as_agent=as_agent)
