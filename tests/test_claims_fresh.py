"""Errors found on freshly written reports of wars the development corpus does not cover:
a rebel "X Army" is not "the army", "no truth to reports" denies, movement toward a place
and a seizure of power are no claims. Sentences written for these tests."""

from __future__ import annotations

import pytest

import conflictnews
from conflictnews.actors import lookup_actor


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


@pytest.mark.parametrize(
    "denial",
    [
        "The government denied any role in the attack.",
        "The militia denied playing any part in the attack.",
    ],
)
def test_denying_a_role_in_the_attack_denies_that_attack(denial: str) -> None:
    claims = _claims("Gunmen attacked a market in the town of Kumba on Friday. " + denial)
    assert [(c.event.value, c.stance.value) for c in claims] == [
        ("attack", "asserted"),
        ("attack", "denied"),
    ]
    assert claims[1].claimant is not None


@pytest.mark.parametrize(
    "body",
    [
        "Gunmen set several shops ablaze in the town of Kumba.",
        "Gunmen set fire to homes in the town of Kumba on Sunday.",
        "The attackers set ablaze a school in the town of Kumba.",
    ],
)
def test_setting_fire_destroys(body: str) -> None:
    assert [c.event.value for c in _claims(body)] == ["destroy"]


def test_setting_up_a_checkpoint_is_no_claim() -> None:
    assert _claims("Soldiers set up checkpoints in the town of Kumba.") == []


def test_a_toll_after_an_attack_counts_it_there() -> None:
    claims = _claims(
        "Rebels attacked a church in the town of Mambasa on Sunday. "
        "A police spokesman said the toll was 17 dead."
    )
    assert [(c.event.value, c.claimant) for c in claims] == [
        ("attack", None),
        ("casualties", "actor:police-spokesman"),
    ]


def test_a_toll_in_a_wider_area_is_not_put_at_the_attack() -> None:
    claims = _claims(
        "Rebels attacked a church in the town of Mambasa on Sunday, "
        "and the day's toll in the province reached 40."
    )
    assert [c.event.value for c in claims] == ["attack"]


@pytest.mark.parametrize(
    "body",
    [
        "Militants fired dozens of rockets at the town of Metula, the army said.",
        "Russia launched 40 drones at the city of Sumy overnight.",
        "The air force struck militant camps in the town of Miranshah on Wednesday.",
        "Jets hit an ammunition depot in the town of Miranshah.",
    ],
)
def test_fire_launched_or_aimed_at_a_place_is_a_strike(body: str) -> None:
    assert [c.event.value for c in _claims(body)] == ["strike"]


def test_firing_at_people_is_no_strike() -> None:
    assert "strike" not in [
        c.event.value for c in _claims("Soldiers fired at protesters in the town of Kumba.")
    ]


def test_the_war_in_a_place_does_not_place_other_attacks() -> None:
    body = (
        "The rebels have launched more than 50 attacks on ships since March, "
        "the latest in a series of attacks on shipping over the war in Gaza."
    )
    assert _claims(body) == []


@pytest.mark.parametrize(
    ("body", "agent"),
    [
        (
            "The Kachin Independence Army attacked a post in the town of Bhamo. The army said "
            "its jets carried out air strikes on Kachin Independence Army positions near Bhamo.",
            "actor:tatmadaw",
        ),
        ("The ministry said its drones hit a fuel depot in the town of Bara.", "actor:ministry"),
    ],
)
def test_its_aircraft_belong_to_the_speaker_not_the_target(body: str, agent: str) -> None:
    strikes = [c for c in _claims(body) if c.event.value == "strike"]
    assert [c.agent for c in strikes] == [agent]


@pytest.mark.parametrize(
    ("opening", "body"),
    [
        ("DUBAI, Feb 26 (AP) - ", "The rebels said they had carried out more attacks on ships."),
        ("PESHAWAR, Pakistan, Feb 11 - ", "Fighting raged overnight, the rebels said."),
    ],
)
def test_a_dated_dateline_names_no_event_place(opening: str, body: str) -> None:
    text = "Rebels step up attacks\n" + opening + body
    assert conflictnews.extract(text).claims == []


def test_a_dateline_still_lets_the_sentence_name_its_place() -> None:
    text = "Rebels step up attacks\nADEN, Feb 26 (AP) - Rebels shelled the town of Mokha on Monday."
    claims = conflictnews.extract(text).claims
    assert [c.event.value for c in claims] == ["strike"]


@pytest.mark.parametrize("city", ["BAMAKO", "NIAMEY", "MOGADISHU"])
def test_the_speaker_after_a_dateline_is_neither_the_city_nor_the_wire(city: str) -> None:
    text = (
        "Militants claim army camp\n"
        f"{city}, May 12 (Reuters) - Al Qaeda-linked militants said on Monday they had seized "
        "a military camp in the town of Boulkessi."
    )
    claims = [c for c in conflictnews.extract(text).claims if c.event.value == "capture"]
    assert [c.claimant for c in claims] == ["actor:al-qaeda-linked-militants"]


def test_the_army_is_the_states_beside_a_rebel_army_of_the_same_country() -> None:
    claims = _claims(
        "White Army fighters overran a garrison in the town of Malakal in South Sudan. "
        "The army later withdrew from Malakal, an official said."
    )
    withdrawals = [c for c in claims if c.event.value == "withdraw"]
    assert [c.agent for c in withdrawals] == ["actor:south-sudan-peoples-defence-forces"]


@pytest.mark.parametrize(
    ("name", "actor_id"),
    [
        ("SPLM-IO", "actor:sudan-peoples-liberation-movement-in-opposition"),
        ("White Army", "actor:white-army"),
        ("Ambazonia Defence Forces", "actor:ambazonia-defence-forces"),
        ("Maute group", "actor:dawlah-islamiyah"),
        ("New People's Army", "actor:new-peoples-army"),
    ],
)
def test_armed_groups_of_other_wars_are_known(name: str, actor_id: str) -> None:
    actor = lookup_actor(name)
    assert actor is not None and actor.id == actor_id


@pytest.mark.parametrize(
    "body",
    [
        "Gang members took the police station in the town of Hinche on Monday.",
        "Militants occupied the town hall in the town of Hinche on Saturday.",
    ],
)
def test_taking_a_station_or_hall_in_a_town_is_a_capture_there(body: str) -> None:
    assert [c.event.value for c in _claims(body)] == ["capture"]


def test_displaced_families_occupying_schools_is_no_capture() -> None:
    assert _claims("Displaced families occupied schools in the town of Hinche.") == []


@pytest.mark.parametrize(
    "doubt",
    ["The figure could not be independently confirmed.", "AFP could not verify the figures."],
)
def test_a_doubted_figure_points_back_to_the_toll(doubt: str) -> None:
    claims = _claims(
        "Troops repelled rebel attacks near the town of Harib, killing dozens of rebels. " + doubt
    )
    doubted = [c.event.value for c in claims if c.stance.value == "unconfirmed"]
    assert doubted == ["casualties"]


def test_pushed_them_back_is_a_repel() -> None:
    claims = _claims(
        "Fighters attacked the base in the town of Mahaday. "
        '"We lost some men but we pushed them back," a captain said.'
    )
    assert [c.event.value for c in claims] == ["attack", "repel"]


def test_military_jets_belong_to_the_countrys_armed_forces() -> None:
    claims = _claims("Rebels said military jets bombed the town of Kyaukme in Myanmar on Monday.")
    assert [(c.event.value, c.agent) for c in claims] == [("strike", "actor:tatmadaw")]


def test_the_villages_point_back_to_every_village_named_together() -> None:
    claims = _claims(
        "The ministry said its forces had captured the villages of Dachne and Zelene Pole. "
        "Ukraine's army denied that the villages had fallen."
    )
    denied = [c for c in claims if c.stance.value == "denied"]
    assert len(denied) == 2
    assert len({tuple(c.places) for c in denied}) == 2


def test_a_base_not_hit_denies_the_strike_claimed() -> None:
    claims = _claims(
        "The Guards said they had destroyed an air base in the town of Nevatim. "
        "Israel said the base was not hit."
    )
    assert ("strike", "denied") in [(c.event.value, c.stance.value) for c in claims]


@pytest.mark.parametrize(
    ("body", "events"),
    [
        (
            "A suicide bomber rammed a vehicle into a convoy in the town of Bannu on Sunday.",
            ["attack"],
        ),
        ("Militants rammed a truck into the gate of a base in the town of Bannu.", ["attack"]),
        ("A car rammed into a wall in the town of Bannu.", []),
    ],
)
def test_ramming_by_a_fighter_is_an_attack(body: str, events: list[str]) -> None:
    assert [c.event.value for c in _claims(body)] == events


def test_a_note_on_a_sentence_without_an_event_doubts_nothing_before() -> None:
    claims = _claims(
        "Troops burned homes in the town of Datu Piang. "
        "The rebels used civilians as shields, a claim that could not be verified."
    )
    assert [(c.event.value, c.stance.value) for c in claims] == [("destroy", "asserted")]


def test_a_doubt_in_its_own_sentence_still_points_back() -> None:
    claims = _claims(
        "Rebels said they had captured the town of Paletwa. "
        "The army said that this was a claim that could not be verified."
    )
    assert ("capture", "unconfirmed") in [(c.event.value, c.stance.value) for c in claims]


@pytest.mark.parametrize(
    "doubt",
    [
        "Reuters was unable to verify the battlefield accounts.",
        "AFP was not able to independently verify the reports.",
        "Journalists failed to verify the report.",
    ],
)
def test_being_unable_to_verify_points_back(doubt: str) -> None:
    claims = _claims("Artillery shelled the city of Kupiansk overnight. " + doubt)
    assert [c.stance.value for c in claims] == ["asserted", "unconfirmed"]


def test_giving_no_toll_leaves_the_toll_unconfirmed_not_denied() -> None:
    claims = _claims(
        "Fighters attacked an army camp in the town of Anderamboukane. "
        "The army did not give a toll for its own losses."
    )
    assert [(c.event.value, c.stance.value) for c in claims] == [
        ("attack", "asserted"),
        ("casualties", "unconfirmed"),
    ]


def test_a_denial_calling_reports_fake_is_the_deniers() -> None:
    claims = _claims(
        "A strike hit a monastery in the village of Lin Ta Lu at night, a resistance group "
        "said. Myanmar's military government denied that its aircraft had carried out an "
        'attack in the area, calling the reports "fake news".'
    )
    denied = [c for c in claims if c.stance.value == "denied"]
    assert denied
    assert {c.claimant for c in denied} == {"actor:state-administration-council"}
    assert {c.event.value for c in denied} == {"strike"}
    assert {tuple(c.places) for c in denied} == {tuple(claims[0].places)}


@pytest.mark.parametrize(
    "body",
    [
        "Drones launched an attack on the town of Kawlin on Monday.",
        "Warplanes carried out an attack on the town of Kawlin on Monday.",
    ],
)
def test_an_attack_carried_out_from_the_air_is_a_strike(body: str) -> None:
    assert [c.event.value for c in _claims(body)] == ["strike"]


def test_an_attack_by_fighters_stays_an_attack() -> None:
    claims = _claims("Fighters launched an attack on the town of Kawlin on Monday.")
    assert [c.event.value for c in claims] == ["attack"]


def test_the_strikes_never_point_back_to_a_ground_attack() -> None:
    claims = _claims(
        "Jets struck hideouts in the province of Paktika last month. "
        "Militants rammed a truck into a convoy in the town of Bannu on Sunday. "
        "Officials in Kabul said 46 people were killed in the strikes."
    )
    strikes = [c for c in claims if c.event.value == "strike"]
    assert len(strikes) == 2
    assert strikes[0].places == strikes[1].places


def test_the_area_may_be_the_place_of_the_clause_subject() -> None:
    claims = _claims(
        "Rebels attacked the town of Falam. "
        "Fighting in the area continued on Monday, residents said."
    )
    assert [c.event.value for c in claims] == ["attack", "attack"]
    assert claims[0].places == claims[1].places


def test_the_attack_after_a_killing_is_that_killing() -> None:
    claims = _claims(
        "Artillery shelled the village of Poonch on Wednesday. "
        "Gunmen killed 26 people near the town of Pahalgam on Tuesday. "
        "Pakistan denied any role in the attack."
    )
    denied = [c for c in claims if c.stance.value == "denied"]
    assert [(c.event.value, c.places) for c in denied] == [("attack", claims[1].places)]
