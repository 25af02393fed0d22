"""Corroboration: near-duplicate copies, claim groups, contradictions and place status."""

from __future__ import annotations

import datetime as dt

import pytest
from test_store import HILLTOWN, NORTH, SOUTH, capture_story, denial_story, make_extraction

from conflictnews.models import EventType, Stance
from conflictnews.store import Store
from conflictnews.store._corroborate import (
    ControlStatus,
    SourcedClaim,
    group_claims,
    jaccard,
    near_duplicate_groups,
    place_status,
    shingle_hashes,
)

WIRE_STORY = (
    "Heavy shelling hit the eastern districts of the provincial capital overnight, local "
    "officials said on Thursday, as both armies brought up reinforcements along the front. "
    "Residents described hours of explosions and said power and water supplies were cut in "
    "several neighbourhoods. The regional governor urged people to stay in shelters until "
    "the bombardment ended and promised buses for those who wanted to leave the city."
)


def claim(
    n: int,
    event: str = "capture",
    stance: str = "asserted",
    *,
    side: str | None = "north",
    day: str | None = "2024-05-02",
    source: str | None = None,
    hedged: bool = False,
    claimant_side: str | None = None,
) -> SourcedClaim:
    return SourcedClaim(
        id=f"clm_{n}",
        article_id=f"art_{n}",
        event=EventType(event),
        stance=Stance(stance),
        hedged=hedged,
        agent=f"actor:{side}" if side else None,
        agent_side=side,
        claimant_side=claimant_side,
        day=day,
        source=source or f"outlet:{n}",
    )


def test_syndicated_copy_is_a_near_duplicate_and_a_different_story_is_not() -> None:
    copy = "By our correspondent. " + WIRE_STORY.replace("Thursday", "Thursday morning")
    other = WIRE_STORY.replace("shelling", "rain").replace("explosions", "thunder")[:200]
    assert jaccard(shingle_hashes(WIRE_STORY), shingle_hashes(copy)) >= 0.8
    assert jaccard(shingle_hashes(WIRE_STORY), shingle_hashes(other)) < 0.8
    groups = near_duplicate_groups({"a": WIRE_STORY, "b": copy, "c": other})
    assert groups == [["a", "b"], ["c"]]
    assert shingle_hashes("") == set()
    assert len(shingle_hashes("Two words")) == 1


def test_store_groups_copies_and_counts_them_as_one_source(db_location: str) -> None:
    def wire(outlet: str, prefix: str) -> object:
        text = f"{prefix}\n{WIRE_STORY} The Northern Army captured Hilltown, the agency said."
        return make_extraction(
            text,
            [
                (
                    "capture",
                    "asserted",
                    None,
                    NORTH.id,
                    "The Northern Army captured Hilltown",
                    [HILLTOWN.id],
                )
            ],
            source=outlet,
        )

    with Store(db_location) as store:
        first = store.add(wire("Outlet One", "Front news"))  # type: ignore[arg-type]
        second = store.add(wire("Outlet Two", "Front news today"))  # type: ignore[arg-type]
        assert second.new and second.copy_of == first.article_id
        assert store.article(first.article_id).copies == [second.article_id]
        status = store.place(HILLTOWN.id).status
        # Two outlets printing one wire story are one source: claimed, not confirmed.
        assert status.status is ControlStatus.CLAIMED
        assert status.sources_per_side == {"north": 1}


def test_independent_sources_confirm(db_location: str) -> None:
    with Store(db_location) as store:
        store.add(capture_story(1, source="Outlet One"))
        # The same claimant in another outlet is still one source...
        store.add(capture_story(2, source="Outlet Two"))
        assert store.place("Hilltown").status.status is ControlStatus.CLAIMED
        # ...an outlet saying it in its own voice is another.
        text = "Hilltown falls\nReporters saw northern troops in Hilltown, which they now control."
        store.add(
            make_extraction(
                text,
                [("control", "asserted", None, NORTH.id, "which they now control", [HILLTOWN.id])],
                source="Outlet Three",
            )
        )
        status = store.place("Hilltown").status
        assert status.status is ControlStatus.CONFIRMED
        assert status.sources_per_side == {"north": 2}


def test_assertion_and_denial_are_a_contradiction_in_the_store(db_location: str) -> None:
    with Store(db_location) as store:
        store.add(capture_story(published=dt.date(2024, 5, 2)))
        store.add(denial_story(published=dt.date(2024, 5, 6)))
        found = store.contradictions(place="Hilltown")
        assert len(found) == 1
        assert found[0].kind == "territorial"
        assert {c.stance for c in found[0].claims} == {"asserted", "denied"}
        assert found[0].sources == [NORTH.id, SOUTH.id]
        assert store.place("Hilltown").status.status is ControlStatus.CONTESTED
        assert store.contradictions(place="Riverbend") == []
        features = store.geojson()["features"]
        assert features[0]["properties"]["status"] == "contested"


def test_claims_far_apart_in_time_are_not_grouped() -> None:
    groups = group_claims(
        "p", [claim(1, day="2024-05-01"), claim(2, "capture", "denied", day="2024-06-20")]
    )
    assert [g.claim_ids for g in groups] == [["clm_1"], ["clm_2"]]
    assert not any(g.contradicted for g in groups)
    chained = group_claims(
        "p",
        [claim(1, day="2024-05-01"), claim(2, day="2024-05-07"), claim(3, day="2024-05-13")],
    )
    assert [g.claim_ids for g in chained] == [["clm_1", "clm_2", "clm_3"]]


def test_other_events_group_by_their_own_kind() -> None:
    groups = group_claims("p", [claim(1, "strike"), claim(2, "capture", "denied")])
    assert sorted(g.kind for g in groups) == ["strike", "territorial"]
    assert not any(g.contradicted for g in groups)


@pytest.mark.parametrize(
    ("claims", "contradicted"),
    [
        ([claim(1), claim(2, "control", "denied")], True),  # capture/control one family
        ([claim(1), claim(2, side="south")], True),  # opposing sides
        ([claim(1), claim(2, "repel", side="south")], True),  # repelled vs captured
        ([claim(1), claim(2, "repel", side="north")], False),
        ([claim(1), claim(2, "enter", "denied")], False),  # entry denied, capture not
        ([claim(1), claim(2, "capture", "unconfirmed")], False),
        ([claim(1), claim(2, "control", side=None)], False),
        ([claim(1), claim(2, "attack", "denied", side=None)], True),  # no attack, no capture
        ([claim(1, "attack"), claim(2, "attack", "denied")], True),
        ([claim(1, "attack"), claim(2, "capture", "denied")], False),  # attack without capture
        ([claim(1), claim(2, "repel", side=None, claimant_side="south")], True),
    ],
)
def test_contradiction_rules(claims: list[SourcedClaim], contradicted: bool) -> None:
    (group,) = group_claims("p", claims)
    assert group.contradicted is contradicted
    assert bool(group.reasons) is contradicted


def test_place_status_rules() -> None:
    assert place_status("p", []).status is ControlStatus.UNCONTESTED
    assert place_status("p", [claim(1, "strike")]).status is ControlStatus.UNCONTESTED
    assert place_status("p", [claim(1, "attack")]).status is ControlStatus.UNCONTESTED
    assert place_status("p", [claim(1)]).status is ControlStatus.CLAIMED
    hedged = [claim(1, hedged=True), claim(2, hedged=True)]
    assert place_status("p", hedged).status is ControlStatus.CLAIMED
    two = place_status("p", [claim(1), claim(2)])
    assert two.status is ControlStatus.CONFIRMED and two.sources_per_side == {"north": 2}
    same_source = [claim(1, source="actor:x"), claim(2, source="actor:x")]
    assert place_status("p", same_source).status is ControlStatus.CLAIMED
    contested = place_status("p", [claim(1), claim(2), claim(3, "capture", "denied")])
    assert contested.status is ControlStatus.CONTESTED and contested.denying_sources == 1


def test_status_reads_the_latest_period_with_undated_claims() -> None:
    old_fight = [claim(1, day="2024-01-01"), claim(2, side="south", day="2024-01-02")]
    recent = [claim(3, day="2024-05-01"), claim(4, day="2024-05-03")]
    assert place_status("p", old_fight + recent).status is ControlStatus.CONFIRMED
    undated_denial = claim(5, "capture", "denied", day=None)
    assert place_status("p", recent + [undated_denial]).status is ControlStatus.CONTESTED
