"""Reading across articles: syndicated copies, claim groups, contradictions and place status.

Everything here is pure Python over plain records, so it can be tested without a database;
`conflictnews.store.Store` feeds it the claims it holds.

**Copies.** The same wire story republished by several outlets is one source, not several.
Two articles are near-duplicates when the Jaccard similarity of their sets of word 5-shingles
(on case-folded, whitespace-normalised text) is at least `NEAR_DUPLICATE_THRESHOLD` (0.8).
Candidates are found through a bottom-k sketch (the k smallest 63-bit shingle hashes): two
articles become candidates when they share a run of three consecutive sketch entries; the
exact Jaccard similarity then decides.

**Independent sources.** A claim's source is its claimant when it has one; a claim the article
makes in its own voice is sourced to the outlet (or, without an outlet name, to the article's
copy group). So three outlets repeating "the ministry said" count once (the ministry), and
three copies of one wire story count once.

**Groups.** Claims at one place are grouped by kind of event and by period. The territorial
events ``capture``, ``control``, ``enter``, ``repel`` and ``attack`` form one group kind,
because they speak about who holds or tries to take the place; every other event type
groups with itself. Within a kind,
claims are sorted by their day (the claim's date, else the article's publication date) and
a new period starts when the gap to the previous claim exceeds the window (7 days).
Claims with no day at all form one undated group.

**Contradictions.** A group is contradicted when it holds

1. an asserted and a denied claim of the same event family (``capture`` and ``control``
   are one family) whose agents are not known to be on different sides; a denied ``attack``
   also denies an asserted ``capture``/``control``/``enter`` (no attack, no capture);
2. two asserted ``capture``/``control`` claims whose agents are on different known sides;
3. an asserted ``repel`` by one side (the agent's, else the claimant's: who says "the attack
   was repelled" speaks for the defenders) and an asserted ``capture``/``control``/``enter``
   by an agent of another known side.

**Place status** (ISW's "claimed" versus "assessed"), from the place's most recent territorial
period together with its undated territorial claims:

- ``uncontested``: no claim that someone took, holds or entered the place;
- ``contested``: that period holds a contradiction;
- ``confirmed``: control asserted, without hedging, by at least two independent sources,
  all for one side, and no denial;
- ``claimed``: anything else (one side only, a single source, or hedged/unconfirmed reports).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from enum import StrEnum

from pydantic import BaseModel, Field

from ..models import EventType, Stance

NEAR_DUPLICATE_THRESHOLD = 0.8
"""Jaccard similarity of word 5-shingles above which two articles are copies of one story."""

SHINGLE_WORDS = 5
SKETCH_SIZE = 32
"""Number of smallest shingle hashes kept per article to find copy candidates."""

SKETCH_WINDOW = 3
"""Consecutive sketch entries hashed into one lookup key (see `sketch_keys`)."""

WINDOW_DAYS = 7
"""Largest gap, in days, between consecutive claims of one period."""

TERRITORIAL = "territorial"
_TERRITORIAL_EVENTS = frozenset(
    {EventType.CAPTURE, EventType.CONTROL, EventType.ENTER, EventType.REPEL, EventType.ATTACK}
)
_CONTROL_EVENTS = frozenset({EventType.CAPTURE, EventType.CONTROL})
_ADVANCE_EVENTS = frozenset({EventType.CAPTURE, EventType.CONTROL, EventType.ENTER})
UNKNOWN_SIDE = "unknown"

_WORD = re.compile(r"\w+")
_HASH_MASK = (1 << 63) - 1


# --- copies ---------------------------------------------------------------------------------


def shingle_hashes(text: str, *, size: int = SHINGLE_WORDS) -> set[int]:
    """Stable 63-bit hashes of the word `size`-shingles of a text (case and spacing folded).

    Texts shorter than `size` words give one shingle of all their words; empty text gives none.
    """
    words = _WORD.findall(unicodedata.normalize("NFKC", text).casefold())
    if not words:
        return set()
    if len(words) < size:
        grams = [" ".join(words)]
    else:
        grams = [" ".join(words[i : i + size]) for i in range(len(words) - size + 1)]
    return {
        int.from_bytes(hashlib.blake2b(g.encode("utf-8"), digest_size=8).digest(), "big")
        & _HASH_MASK
        for g in grams
    }


def sketch(hashes: Iterable[int], *, k: int = SKETCH_SIZE) -> list[int]:
    """The `k` smallest hashes (a bottom-k sketch): similar sets share most of them."""
    return sorted(hashes)[:k]


def sketch_keys(sketch_hashes: Sequence[int], *, window: int = SKETCH_WINDOW) -> list[int]:
    """Lookup keys of a sketch: a hash of every run of `window` consecutive sketch entries.

    Copies share nearly their whole sketch, so they share many runs; articles that merely
    share some boilerplate shingles almost never share a whole run, because their own
    shingles interleave. Looking up runs instead of single hashes keeps candidate lists short.
    """
    ordered = sorted(sketch_hashes)
    if len(ordered) < window:
        return []
    keys = set()
    for i in range(len(ordered) - window + 1):
        run = b"".join(h.to_bytes(8, "big") for h in ordered[i : i + window])
        keys.add(int.from_bytes(hashlib.blake2b(run, digest_size=8).digest(), "big") & _HASH_MASK)
    return sorted(keys)


def jaccard(a: set[int], b: set[int]) -> float:
    """Jaccard similarity of two sets; 0.0 when both are empty."""
    if not a and not b:
        return 0.0
    return len(a & b) / len(a | b)


def near_duplicate_groups(
    texts: Mapping[str, str], *, threshold: float = NEAR_DUPLICATE_THRESHOLD
) -> list[list[str]]:
    """Group texts that are near-duplicates of each other (transitively).

    Args:
        texts: Text by id.
        threshold: Least shingle Jaccard similarity of two copies.

    Returns:
        Groups of ids, each sorted, groups ordered by their first id; singletons included.
    """
    ids = sorted(texts)
    shingles = {i: shingle_hashes(texts[i]) for i in ids}
    parent = {i: i for i in ids}

    def root(i: str) -> str:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for n, a in enumerate(ids):
        for b in ids[n + 1 :]:
            if jaccard(shingles[a], shingles[b]) >= threshold:
                parent[root(b)] = root(a)
    groups: dict[str, list[str]] = {}
    for i in ids:
        groups.setdefault(root(i), []).append(i)
    return sorted(groups.values(), key=lambda g: g[0])


# --- claims across articles ------------------------------------------------------------------


class SourcedClaim(BaseModel):
    """A stored claim with what corroboration needs: its day, sides and independent source.

    Attributes:
        id: Claim id.
        article_id: Article it was read from.
        event: Event type.
        stance: Asserted, denied or unconfirmed.
        hedged: Reported with doubt.
        claimant: Actor id of the claimant, ``None`` for the article's own voice.
        agent: Actor id of who did it.
        agent_side: Side of the agent, when known.
        claimant_side: Side of the claimant, when known.
        day: Claim date, else article publication date (YYYY-MM-DD), else ``None``.
        source: Independence key (claimant, outlet, or copy group).
        source_name: Readable name of that source.
    """

    id: str
    article_id: str
    event: EventType
    stance: Stance
    hedged: bool = False
    claimant: str | None = None
    agent: str | None = None
    agent_side: str | None = None
    claimant_side: str | None = None
    day: str | None = None
    source: str
    source_name: str | None = None


class ClaimGroup(BaseModel):
    """Claims about one kind of event at one place in one period.

    Attributes:
        place_id: The place.
        kind: ``territorial`` or an event type.
        first_day: Earliest day in the group (``None`` for the undated group).
        last_day: Latest day in the group.
        claim_ids: Member claims, by day.
        contradicted: Whether the group holds a contradiction.
        reasons: Why it is contradicted, one readable line per rule that fired.
        sources: Independent sources among its claims.
    """

    place_id: str
    kind: str
    first_day: str | None = None
    last_day: str | None = None
    claim_ids: list[str] = Field(default_factory=list)
    contradicted: bool = False
    reasons: list[str] = Field(default_factory=list)
    sources: list[str] = Field(default_factory=list)


class ControlStatus(StrEnum):
    """What the claims say about who holds a place (see the module docstring for the rules)."""

    UNCONTESTED = "uncontested"
    CLAIMED = "claimed"
    CONTESTED = "contested"
    CONFIRMED = "confirmed"


class PlaceStatus(BaseModel):
    """Status of a place from its territorial claims.

    Attributes:
        place_id: The place.
        status: Uncontested, claimed, contested or confirmed.
        period_start: First day of the period the status is read from.
        period_end: Last day of that period.
        sources_per_side: Independent sources asserting control or entry, by the agent's side
            (``unknown`` when the agent or its side is not known).
        denying_sources: Independent sources denying it.
        unconfirmed_sources: Independent sources reporting it hedged or as unconfirmed.
        territorial_claims: Claims weighed.
        reasons: Contradictions found in that period.
    """

    place_id: str
    status: ControlStatus
    period_start: str | None = None
    period_end: str | None = None
    sources_per_side: dict[str, int] = Field(default_factory=dict)
    denying_sources: int = 0
    unconfirmed_sources: int = 0
    territorial_claims: int = 0
    reasons: list[str] = Field(default_factory=list)


def group_kind(event: EventType) -> str:
    """Group kind of an event: ``territorial`` for capture/control/enter/repel, else itself."""
    return TERRITORIAL if event in _TERRITORIAL_EVENTS else event.value


def _family(event: EventType) -> str:
    return "control" if event in _CONTROL_EVENTS else event.value


def _parse_day(day: str) -> dt.date:
    return dt.date.fromisoformat(day)


def group_claims(
    place_id: str, claims: Iterable[SourcedClaim], *, window_days: int = WINDOW_DAYS
) -> list[ClaimGroup]:
    """Group the claims made about one place by kind of event and period, and flag contradictions.

    Args:
        place_id: The place all `claims` are about.
        claims: Claims at that place.
        window_days: Largest gap between consecutive claims of one period.

    Returns:
        Groups ordered by kind, then first day (the undated group of a kind comes last).
    """
    by_kind: dict[str, list[SourcedClaim]] = {}
    for claim in claims:
        by_kind.setdefault(group_kind(claim.event), []).append(claim)
    groups: list[ClaimGroup] = []
    for kind in sorted(by_kind):
        members = by_kind[kind]
        dated = sorted((c for c in members if c.day), key=lambda c: (c.day or "", c.id))
        undated = sorted((c for c in members if not c.day), key=lambda c: c.id)
        periods: list[list[SourcedClaim]] = []
        previous: dt.date | None = None
        for claim in dated:
            day = _parse_day(claim.day or "")
            if previous is None or (day - previous).days > window_days:
                periods.append([])
            periods[-1].append(claim)
            previous = day
        if undated:
            periods.append(undated)
        groups.extend(_make_group(place_id, kind, period) for period in periods)
    return groups


def _make_group(place_id: str, kind: str, members: list[SourcedClaim]) -> ClaimGroup:
    days = [c.day for c in members if c.day]
    reasons = contradictions_among(members)
    return ClaimGroup(
        place_id=place_id,
        kind=kind,
        first_day=min(days) if days else None,
        last_day=max(days) if days else None,
        claim_ids=[c.id for c in members],
        contradicted=bool(reasons),
        reasons=reasons,
        sources=sorted({c.source for c in members}),
    )


def _sides_differ(a: str | None, b: str | None) -> bool:
    return a is not None and b is not None and a != b


def contradictions_among(claims: Sequence[SourcedClaim]) -> list[str]:
    """Readable reasons why these claims (one place, one period) contradict; empty if they don't."""
    reasons: list[str] = []
    asserted = [c for c in claims if c.stance is Stance.ASSERTED]
    denied = [c for c in claims if c.stance is Stance.DENIED]
    for family in sorted({_family(c.event) for c in denied}):
        for d in (c for c in denied if _family(c.event) == family):
            families = {family} | ({"control", "enter"} if family == "attack" else set())
            match = next(
                (
                    a
                    for a in asserted
                    if _family(a.event) in families
                    and not _sides_differ(a.agent_side, d.agent_side)
                ),
                None,
            )
            if match is not None:
                reasons.append(
                    f"{match.source_name or match.source} asserts {match.event.value} "
                    f"({match.id}); {d.source_name or d.source} denies it ({d.id})"
                )
                break
    control = [c for c in asserted if c.event in _CONTROL_EVENTS and c.agent_side]
    sides = sorted({c.agent_side for c in control if c.agent_side})
    if len(sides) > 1:
        first = {side: next(c for c in control if c.agent_side == side) for side in sides}
        reasons.append(
            "control claimed for opposing sides: "
            + "; ".join(f"{side} ({first[side].id})" for side in sides)
        )
    repels = [
        (c, c.agent_side or c.claimant_side)
        for c in asserted
        if c.event is EventType.REPEL and (c.agent_side or c.claimant_side)
    ]
    advances = [c for c in asserted if c.event in _ADVANCE_EVENTS and c.agent_side]
    for r, side in repels:
        clash = next((a for a in advances if _sides_differ(a.agent_side, side)), None)
        if clash is not None:
            reasons.append(
                f"{r.source_name or r.source} says {side} repelled the attack ({r.id}); "
                f"{clash.source_name or clash.source} reports {clash.event.value} by "
                f"{clash.agent_side} ({clash.id})"
            )
            break
    return reasons


def place_status(
    place_id: str, claims: Iterable[SourcedClaim], *, window_days: int = WINDOW_DAYS
) -> PlaceStatus:
    """Status of a place from the claims made about it (rules in the module docstring).

    Args:
        place_id: The place.
        claims: All claims at that place (non-territorial ones are ignored).
        window_days: Largest gap between consecutive claims of one period.

    Returns:
        The place's status with per-side counts of independent sources.
    """
    territorial = [c for c in claims if c.event in _TERRITORIAL_EVENTS]
    groups = group_claims(place_id, territorial, window_days=window_days)
    if not groups:
        return PlaceStatus(place_id=place_id, status=ControlStatus.UNCONTESTED)
    dated = [g for g in groups if g.first_day]
    undated = [g for g in groups if not g.first_day]
    chosen = ([dated[-1]] if dated else []) + undated
    ids = {i for g in chosen for i in g.claim_ids}
    members = [c for c in territorial if c.id in ids]
    reasons = contradictions_among(members)
    advances = [c for c in members if c.event in _ADVANCE_EVENTS]
    firm = [c for c in advances if c.stance is Stance.ASSERTED and not c.hedged]
    soft = [c for c in advances if c.stance is Stance.UNCONFIRMED or c.hedged]
    per_side: dict[str, set[str]] = {}
    for c in firm:
        per_side.setdefault(c.agent_side or UNKNOWN_SIDE, set()).add(c.source)
    denying = {c.source for c in advances if c.stance is Stance.DENIED}
    if reasons:
        status = ControlStatus.CONTESTED
    elif not advances:
        status = ControlStatus.UNCONTESTED
    elif len(per_side) == 1 and not denying and len(next(iter(per_side.values()))) >= 2:
        status = ControlStatus.CONFIRMED
    else:
        status = ControlStatus.CLAIMED
    days = [c.day for c in members if c.day]
    return PlaceStatus(
        place_id=place_id,
        status=status,
        period_start=min(days) if days else None,
        period_end=max(days) if days else None,
        sources_per_side={side: len(s) for side, s in sorted(per_side.items())},
        denying_sources=len(denying),
        unconfirmed_sources=len({c.source for c in soft}),
        territorial_claims=len(members),
        reasons=reasons,
    )
