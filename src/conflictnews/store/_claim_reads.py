"""Reading claims: the claim search (a page of stored claim JSON, by any mix of filters) and
one claim with its article, places and actors expanded.
"""

from __future__ import annotations

import functools
from typing import Any, NamedTuple

from pydantic import ValidationError
from sqlalchemy import Select, and_, bindparam, or_, select

from ..errors import InvalidQueryError, NotFoundError
from . import _expand, _names
from . import _schema as s
from ._engine import Database, decode_cursor, encode_cursor, like_pattern
from ._records import ArticleRef, ClaimDetail, ClaimPage, ClaimQuery, stored_claim

_EMPTY_PAGE = b'{"items":[],"next_cursor":null}'


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
        query = query.where(_names.one_of(cp.location_id, "place", shape.places))
    else:
        day_col, id_col = c.day, c.id
        query = select(c.record_json, day_col, id_col)
    columns = {"actor": (c.claimant, c.agent), "claimant": (c.claimant,), "agent": (c.agent,)}
    for name, count in shape.actors:
        query = query.where(or_(*(_names.one_of(col, name, count) for col in columns[name])))
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


class ClaimReads:
    """The claim search and claim details of one database."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def claims(self, query: ClaimQuery | None = None, /, **filters: Any) -> ClaimPage:
        """`conflictnews.Store.claims` (documented there)."""
        return ClaimPage.model_validate_json(self.claims_json(query, **filters))

    def claims_json(self, query: ClaimQuery | None = None, /, **filters: Any) -> bytes:
        """`conflictnews.Store.claims_json` (documented there)."""
        search = _claim_query(query, filters)
        after = decode_cursor(search.cursor, (str, str)) if search.cursor else None
        params: dict[str, Any] = {"limit": search.limit + 1}
        actors: list[tuple[str, int]] = []
        place_count = 0
        # No transaction: an article committed between the name lookup and the page query
        # changes neither's meaning.
        with self._db.prepared_read() as reader:
            if search.place is not None:
                place_ids = _names.place_ids(reader, search.place)
                if not place_ids:
                    return _EMPTY_PAGE
                params.update(_names.numbered("place", place_ids))
                place_count = len(place_ids)
            for name in ("actor", "claimant", "agent"):
                value = getattr(search, name)
                if value is not None:
                    ids = _names.actor_ids(reader, value)
                    if not ids:
                        return _EMPTY_PAGE
                    params.update(_names.numbered(name, ids))
                    actors.append((name, len(ids)))
            optional = {
                "event": search.event.value if search.event else None,
                "stance": search.stance.value if search.stance else None,
                "since": search.since.isoformat() if search.since else None,
                "until": search.until.isoformat() if search.until else None,
                "article": search.article or None,
                "q": like_pattern(search.q) if search.q else None,
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
            next_cursor = b'"' + encode_cursor(day, claim_id).encode("ascii") + b'"'
        items = ",".join(row[0] for row in page).encode("utf-8")
        return b'{"items":[' + items + b'],"next_cursor":' + next_cursor + b"}"

    def claim(self, claim_id: str) -> ClaimDetail:
        """`conflictnews.Store.claim` (documented there)."""
        with self._db.read() as conn:
            row = (
                conn.execute(select(*_expand.CLAIM_COLUMNS).where(s.claims.c.id == claim_id))
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
            locations = _expand.locations(conn, stored.places)
            actors = _expand.actors(conn, [a for a in (stored.claimant, stored.agent) if a])
        by_id = {loc.id: loc for loc in locations}
        return ClaimDetail(
            **stored.model_dump(),
            article=ArticleRef(**art),
            locations=[by_id[p] for p in stored.places if p in by_id],
            claimant_actor=actors.get(stored.claimant) if stored.claimant else None,
            agent_actor=actors.get(stored.agent) if stored.agent else None,
        )
