"""Errors found on freshly written reports of wars the development corpus does not cover:
a rebel "X Army" is not "the army", "no truth to reports" denies, movement toward a place
and a seizure of power are no claims. Sentences written for these tests."""

from __future__ import annotations

import pytest

import conflictnews


def _claims(body: str) -> list[conflictnews.Claim]:
    return list(conflictnews.extract("Fighting in the north\n" + body).claims)


@pytest.mark.parametrize(
    "body",
    [
        "Fighters of the Kachin Independence Army said they had taken the town of Bhamo in "
        "Myanmar's Kachin state. The army denied the claim.",
        "The National Liberation Army said its fighters had seized the village of Saravena. "
        "The army denied the claim.",
    ],
)
def test_the_army_is_not_a_rebel_group_named_army(body: str) -> None:
    denials = [c for c in _claims(body) if c.stance.value == "denied"]
    assert denials
    assert all(c.claimant is not None for c in denials)
    assert all("independence" not in (c.claimant or "") for c in denials)
    assert all("liberation" not in (c.claimant or "") for c in denials)


def test_a_rebel_army_named_in_full_keeps_its_name() -> None:
    claims = _claims("The Kachin Independence Army said it had captured the town of Bhamo.")
    assert [c.claimant for c in claims] == ["actor:kachin-independence-army"]


@pytest.mark.parametrize(
    "body",
    [
        '"There is no truth to reports that the bridge in Kalewa was blown up," an official said.',
        "The ministry said there was no truth to claims that the town of Kalewa had fallen.",
    ],
)
def test_no_truth_to_reports_denies_the_event_reported(body: str) -> None:
    claims = _claims(body)
    assert claims
    assert {c.stance.value for c in claims} == {"denied"}


def test_no_truth_in_this_denies_the_claim_before() -> None:
    claims = _claims(
        "Rebels said they had blown up the bridge in Kalewa. "
        '"There is no truth in this," a regional official said.'
    )
    assert [c.stance.value for c in claims] == ["asserted", "denied"]
    assert claims[1].claimant == "actor:regional-official"


@pytest.mark.parametrize(
    "body",
    [
        "Government troops have advanced toward the town of Hpakant in recent days.",
        "Rebel columns were advancing on the city of Lashio on Sunday.",
        "The military, which seized power in 2021, was holding talks in Naypyitaw.",
        "General Tiani took power in Niamey in a coup last year.",
    ],
)
def test_movement_toward_a_place_or_a_seizure_of_power_is_no_claim(body: str) -> None:
    assert _claims(body) == []


def test_an_advance_in_a_place_is_still_fighting_there() -> None:
    claims = _claims("Rebel fighters advanced in the village of Kutkai on Monday.")
    assert [c.event.value for c in claims] == ["attack"]
