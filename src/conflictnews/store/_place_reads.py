"""Reading places: the places list, one place with its control status, claim groups and
timeline, the GeoJSON map, and the contradictions between claims about a place.

Control status and contradictions are derived from every claim at a place
(`conflictnews.store._corroborate`); they are cached until the store's revision changes.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy import Connection, func, select

from .._ids import fold
from ..errors import NotFoundError
from ..models import EventType, Stance
from . import _corroborate as corroborate
from . import _expand, _names
from . import _schema as s
from ._corroborate import ClaimGroup, PlaceStatus, SourcedClaim
from ._engine import Database, check_limit, read_revision
from ._prepared import Reader
from ._records import (
    DEFAULT_LIMIT,
    MAX_LIMIT,
    Contradiction,
    PlaceDetail,
    PlaceSummary,
    StoredClaim,
    TimelineDay,
    stored_claim,
)


class PlaceReads:
    """The stored places of one database, and what their claims say about them.

    Args:
        db: The database read.
        window_days: Period used to group claims (see `conflictnews.store._corroborate`).
    """

    def __init__(self, db: Database, window_days: int) -> None:
        self._db = db
        self.window_days = window_days
        self._cache: dict[str, tuple[int, Any]] = {}

    def place_ids(self, query: str) -> list[str]:
        """`conflictnews.Store.place_ids` (documented there)."""
        with self._db.prepared_read() as reader:
            return _names.place_ids(reader, query)

    def places(self, *, q: str | None = None, limit: int = DEFAULT_LIMIT) -> list[PlaceSummary]:
        """`conflictnews.Store.places` (documented there)."""
        check_limit(limit)
        counted = select(s.claim_places.c.location_id, func.count().label("n"))
        with self._db.read() as conn:
            wanted: list[str] | None = None
            if q is not None and q.strip():
                folded = fold(q)
                ids = set(_names.place_ids(Reader.of(conn), q))
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
        """`conflictnews.Store.place` (documented there)."""
        with self._db.read() as conn:
            ids = _names.place_ids(Reader.of(conn), place)
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
                    select(*_expand.CLAIM_COLUMNS)
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
        with self._db.read() as conn:
            revision = read_revision(conn)
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
        """`conflictnews.Store.geojson` (documented there)."""
        statuses = self.statuses()
        counts = (
            select(s.claim_places.c.location_id, func.count().label("n"))
            .group_by(s.claim_places.c.location_id)
            .subquery()
        )
        with self._db.read() as conn:
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

    def contradictions(self, *, place: str | None = None) -> list[Contradiction]:
        """`conflictnews.Store.contradictions` (documented there)."""

        def build(conn: Connection) -> list[ClaimGroup]:
            ids = _names.place_ids(Reader.of(conn), place) if place is not None else None
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
        with self._db.read() as conn:
            claim_ids = sorted({i for g in groups for i in g.claim_ids})
            claims = {}
            for chunk in range(0, len(claim_ids), 500):
                rows = conn.execute(
                    select(*_expand.CLAIM_COLUMNS).where(
                        s.claims.c.id.in_(claim_ids[chunk : chunk + 500])
                    )
                ).mappings()
                claims.update({r["id"]: stored_claim(r) for r in rows})
            places = {loc.id: loc for loc in _expand.locations(conn, {g.place_id for g in groups})}
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
