"""Verdicts and doubts that point back to earlier claims: "it is not true", "they are lying",
"called the reports fake", "neither claim could be verified", "did not comment", "if
confirmed". Sentences written for these tests, in several wars' vocabulary."""

from __future__ import annotations

import pytest

import conflictnews

CLAIM = "Rebel fighters said on Monday they had captured the town of Paletwa. "


def _stances(body: str) -> list[tuple[str, str]]:
    result = conflictnews.extract("Fighting in the west\n" + body)
    return [(c.event.value, c.stance.value) for c in result.claims]


@pytest.mark.parametrize(
    "verdict",
    [
        "The army said it is not true.",
        "\u201cThey are simply lying again,\u201d an army spokesman said.",
        "The junta called the reports fake.",
        "A military spokesman said the claims were false.",
        "The government described the report as propaganda.",
    ],
)
def test_a_verdict_of_falsity_denies_the_claim_before(verdict: str) -> None:
    stances = _stances(CLAIM + verdict)
    assert ("capture", "asserted") in stances
    assert ("capture", "denied") in stances


@pytest.mark.parametrize(
    "doubt",
    [
        "Neither claim could be independently verified.",
        "The army did not immediately comment on the claim.",
        "If confirmed, it would be the rebels' biggest gain this year.",
    ],
)
def test_doubt_leaves_the_claim_before_unconfirmed(doubt: str) -> None:
    stances = _stances(CLAIM + doubt)
    assert ("capture", "unconfirmed") in stances
    assert ("capture", "denied") not in stances


@pytest.mark.parametrize(
    "neutral",
    [
        "The town lies on the main road to the border.",
        "Officials said the account was accurate.",
        "The army said it is true that supplies were short.",
    ],
)
def test_no_verdict_no_denial(neutral: str) -> None:
    stances = _stances(CLAIM + neutral)
    assert ("capture", "denied") not in stances


def test_the_denier_is_who_says_they_lie_not_the_liars() -> None:
    verdict = "\u201cThe rebels are lying,\u201d a junta spokesman said."
    result = conflictnews.extract("Fighting in the west\n" + CLAIM + verdict)
    denials = [c for c in result.claims if c.stance.value == "denied"]
    assert denials
    names = {a.id: a.name for a in result.actors}
    assert all("rebel" not in names.get(c.claimant or "", "").lower() for c in denials)


def test_a_doubt_naming_a_town_is_about_the_claims_on_that_town() -> None:
    body = (
        "Rebels said on Monday they had captured Lashio. Fighting was also reported across "
        "Shan State. If confirmed, Lashio would be the fourth town to fall this month."
    )
    result = conflictnews.extract("Fighting in the west\n" + body)
    names = {loc.id: loc.name for loc in result.locations}
    doubted = {names[p] for c in result.claims if c.stance.value == "unconfirmed" for p in c.places}
    assert doubted == {"Lashio"}


def test_denying_any_involvement_denies_the_claim_before() -> None:
    body = (
        "Residents accused the militia of burning houses in Lashio. "
        "The militia denied any involvement."
    )
    stances = _stances(body)
    assert ("destroy", "asserted") in stances
    assert ("destroy", "denied") in stances
