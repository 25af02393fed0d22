"""Claimants and agents news writes indirectly: states speaking through their country's or
capital's name, nationality adjectives on weapons, verdicts of falsity, tolls in the next
sentence. End to end through `conflictnews.extract`, on sentences written for these tests."""

from __future__ import annotations

import pytest

import conflictnews
from conflictnews.models import Claim, Extraction


def _extract(body: str) -> Extraction:
    return conflictnews.extract(body, title="Test headline.", published="2025-03-04")


def _claims(body: str, event: str | None = None) -> list[Claim]:
    result = _extract(body)
    return [c for c in result.claims if event is None or c.event.value == event]


def _place_names(result: Extraction, claim: Claim) -> set[str]:
    by_id = {loc.id: loc for loc in result.locations}
    return {m for p in claim.places for m in [by_id[p].name, *by_id[p].mentions]}


def test_country_speaks_for_its_government_and_its_troops_for_its_army() -> None:
    (claim,) = _claims("Russia said its troops had captured Kupiansk.", "capture")
    assert claim.claimant == "actor:government-of-russia"
    assert claim.agent == "actor:russian-armed-forces"


def test_capital_denying_is_the_government() -> None:
    claims = _claims("Moscow said its troops had captured Kupiansk. Kyiv denied the claim.")
    stances = {(c.claimant, c.stance.value) for c in claims if c.event.value == "capture"}
    assert ("actor:government-of-russia", "asserted") in stances
    assert ("actor:government-of-ukraine", "denied") in stances


def test_a_place_that_is_no_capital_does_not_speak() -> None:
    claims = _claims("Kupiansk said Russian troops had entered Kharkiv.")
    assert all(c.claimant != "actor:government-of-ukraine" for c in claims)


@pytest.mark.parametrize(
    "verdict", ["were false", 'were "not true"', "were baseless", "were a fabrication"]
)
def test_reports_called_false_are_denials(verdict: str) -> None:
    body = f"Ukraine's army said reports that Russian troops had entered Kupiansk {verdict}."
    (claim,) = _claims(body, "enter")
    assert claim.stance.value == "denied"
    assert claim.claimant == "actor:armed-forces-of-ukraine"
    assert claim.agent == "actor:russian-armed-forces"


def test_reports_called_true_stay_asserted() -> None:
    body = "Ukraine's army said reports that Russian troops had entered Kupiansk were true."
    (claim,) = _claims(body, "enter")
    assert claim.stance.value == "asserted"


def test_appositive_name_is_the_speaker_not_the_title() -> None:
    body = (
        "A military spokesman, Dmytro Horbenko, told reporters that Russian claims of "
        "capturing Kupiansk were not true."
    )
    (claim,) = _claims(body, "capture")
    assert claim.stance.value == "denied"
    result = _extract(body)
    names = {a.id: a.name for a in result.actors}
    assert names[claim.claimant or ""] == "Dmytro Horbenko"


def test_closing_speaker_split_off_by_the_parser() -> None:
    body = (
        "Overnight, Russian drones struck a power plant in Kharkiv, regional governor "
        "Petro Danylenko said, injuring two people."
    )
    (claim,) = _claims(body, "strike")
    result = _extract(body)
    names = {a.id: a.name for a in result.actors}
    assert names[claim.claimant or ""] == "Petro Danylenko"
    assert claim.agent == "actor:russian-armed-forces"


@pytest.mark.parametrize(
    ("body", "event", "agent"),
    [
        (
            "Israeli air strikes killed at least nine people in Rafah overnight, medics said.",
            "casualties",
            "actor:israel-defense-forces",
        ),
        (
            "An Israeli strike on a house in Rafah killed four people, medics said.",
            "strike",
            "actor:israel-defense-forces",
        ),
        (
            "RSF drone strikes hit Port Sudan on Sunday, the army said.",
            "strike",
            "actor:rapid-support-forces",
        ),
    ],
)
def test_nationality_or_force_on_the_weapon_is_the_agent(body: str, event: str, agent: str) -> None:
    found = _claims(body, event)
    assert found and found[0].agent == agent


def test_toll_in_the_next_sentence_counts_at_the_place_just_named() -> None:
    body = (
        "Residents reported heavy shelling in El Obeid on Sunday night. At least 12 civilians "
        "were killed, according to a local doctors' group."
    )
    result = _extract(body)
    tolls = [c for c in result.claims if c.event.value == "casualties"]
    assert len(tolls) == 1
    assert "El Obeid" in _place_names(result, tolls[0])


def test_toll_two_sentences_on_is_not_placed() -> None:
    body = (
        "Residents reported heavy shelling in El Obeid on Sunday night.\n\n"
        "Markets stayed shut. At least 12 civilians were killed, according to a doctors' group."
    )
    assert _claims(body, "casualties") == []


def test_toll_in_a_new_one_sentence_paragraph_counts_at_the_town_just_named() -> None:
    body = (
        "Residents reported heavy shelling in El Obeid on Sunday night.\n\n"
        "At least 12 civilians were killed, according to a local doctors' group."
    )
    (toll,) = _claims(body, "casualties")
    assert toll.places == [c.places for c in _claims(body, "strike")][0]


def test_person_speaking_of_our_forces_is_not_the_agent() -> None:
    body = '"Our forces have liberated Bara," army spokesman Khalid Osman said in a statement.'
    (claim,) = _claims(body, "capture")
    result = _extract(body)
    kinds = {a.id: a.kind.value for a in result.actors}
    assert claim.agent is None or kinds[claim.agent] in ("military", "armed_group")


def test_unfamiliar_name_right_after_the_verb_is_its_object() -> None:
    (claim,) = _claims("Ukraine's army said Russian troops had entered Kupiansk.", "enter")
    assert claim.agent == "actor:russian-armed-forces"
    assert claim.claimant == "actor:armed-forces-of-ukraine"


def test_a_government_commands_its_countrys_army_a_security_service_does_not() -> None:
    from conflictnews.actors import lookup_actor, military_of

    sudan = lookup_actor("Government of Sudan")
    ministry = lookup_actor("Russian Ministry of Defence")
    service = lookup_actor("FSB")
    assert sudan is not None and ministry is not None and service is not None
    forces = military_of(sudan)
    assert forces is not None and forces.id == "actor:sudanese-armed-forces"
    army = military_of(ministry)
    assert army is not None and army.id == "actor:russian-armed-forces"
    assert military_of(service) is None


def test_place_named_to_locate_another_is_no_event_place() -> None:
    result = _extract("Russian forces captured Krasnohorivka, west of Donetsk.")
    (claim,) = [c for c in result.claims if c.event.value == "capture"]
    assert _place_names(result, claim) >= {"Krasnohorivka"}
    assert "Donetsk" not in _place_names(result, claim)


def test_place_named_alone_after_near_is_the_event_place() -> None:
    result = _extract("Ukrainian troops repelled an assault near Kupiansk, the army said.")
    (claim,) = [c for c in result.claims if c.event.value == "repel"]
    assert "Kupiansk" in _place_names(result, claim)


@pytest.mark.parametrize(
    "body",
    [
        "An al-Qaeda-linked group claimed responsibility on Sunday for an attack on an army "
        "post in Menaka, saying it had killed 30 soldiers.",
        "An al-Qaeda-linked group claimed the attack on an army post in Menaka, saying it had "
        "killed 30 soldiers.",
    ],
)
def test_claiming_an_attack_makes_the_claimant_its_agent(body: str) -> None:
    result = _extract(body)
    names = {a.id: a.name for a in result.actors}
    by_event = {c.event.value: c for c in result.claims}
    attack, toll = by_event["attack"], by_event["casualties"]
    # The patron named inside the phrase is not the group itself.
    assert names[attack.claimant or ""] == "al-Qaeda-linked group"
    assert attack.agent == attack.claimant == toll.agent
    assert _place_names(result, toll) == _place_names(result, attack)


def test_country_named_as_the_doer_stands_for_its_forces() -> None:
    (claim,) = _claims("Israel struck targets in Rafah overnight, Palestinian officials said.")
    assert claim.agent == "actor:israel-defense-forces"


def test_a_force_speaking_of_itself_is_the_agent_not_the_last_name_read() -> None:
    body = (
        "Israeli tanks pushed into the centre of Rafah on Tuesday, witnesses said, as the army "
        "said it had destroyed a tunnel network beneath the city."
    )
    by_event = {c.event.value: c for c in _claims(body)}
    assert by_event["enter"].agent == "actor:israel-defense-forces"
    assert by_event["destroy"].agent == "actor:israel-defense-forces"


def test_weapons_without_a_known_owner_are_no_actor() -> None:
    result = _extract("Residents said unmarked jets bombed a market in Kyauktaw on Wednesday.")
    assert all("jets" not in a.name for a in result.actors)


def test_a_headline_without_full_stop_does_not_run_into_the_body() -> None:
    text = (
        "Thousands flee Kupiansk as Russia claims control of the railway station\n"
        "Russian forces said on Friday they had captured Kupiansk."
    )
    result = conflictnews.extract(text, published="2025-03-04")
    assert all(" " not in a.name or "flee" not in a.name.lower() for a in result.actors)
    assert all("\n" not in m for loc in result.locations for m in loc.mentions)
    body_claims = [c for c in result.claims if c.start > text.index("\n")]
    assert body_claims and body_claims[0].agent == "actor:russian-armed-forces"
    assert all("flee" not in a.name.lower() for a in result.actors)


def test_line_breaks_are_sentence_starts_before_parsing() -> None:
    from conflictnews.pipeline import LINES_COMPONENT, load_pipeline

    nlp = load_pipeline()
    names = nlp.pipe_names
    assert names.index(LINES_COMPONENT) < names.index("parser")
    doc = nlp("Army retakes town near Kupiansk\nThe army said it entered the town.")
    assert [s.text.strip() for s in doc.sents][0] == "Army retakes town near Kupiansk"


@pytest.mark.parametrize(
    ("body", "place"),
    [
        ("Kupiansk fell to Russian forces on Tuesday.", "Kupiansk"),
        ("Three civilians were killed in the shelling of Kharkiv, the governor said.", "Kharkiv"),
    ],
)
def test_names_found_by_what_is_said_of_them(body: str, place: str) -> None:
    result = _extract(body)
    assert result.claims
    assert place in _place_names(result, result.claims[0])


def test_falling_to_the_ground_is_no_capture() -> None:
    assert _claims("Smith fell to the ground during the rally.", "capture") == []


def test_dateline_is_not_the_speaker() -> None:
    body = (
        "KHARTOUM, March 3 (Reuters) - Sudan's armed forces said on Monday they had recaptured "
        "the town of Bara in North Kordofan."
    )
    (claim,) = _claims(body, "capture")
    assert claim.claimant == "actor:sudanese-armed-forces"


def test_a_report_closing_the_next_sentence_does_not_source_this_one() -> None:
    body = (
        "Jihadists launched an attack on Djibo in northern Burkina Faso. At least 20 soldiers "
        "were killed, security sources said."
    )
    by_event = {c.event.value: c for c in _claims(body)}
    assert by_event["attack"].claimant is None
    assert by_event["casualties"].claimant is not None
    assert by_event["casualties"].agent == by_event["attack"].agent


def test_a_toll_after_a_repelled_attack_takes_no_agent_from_the_defender() -> None:
    body = (
        "The army said it had repelled an attack on Djibo in northern Burkina Faso. "
        "Eleven soldiers were killed, the army said."
    )
    tolls = _claims(body, "casualties")
    assert tolls and tolls[0].agent is None


def test_passive_toll_takes_its_doer_from_the_cause() -> None:
    body = "At least 25 people were killed in Israeli strikes across Rafah, medics said."
    (toll,) = _claims(body, "casualties")
    assert toll.agent == "actor:israel-defense-forces"


def test_a_group_led_by_a_named_force_is_that_force() -> None:
    body = "Insurgents led by Hayat Tahrir al-Sham seized most of Aleppo, a monitor said."
    (claim,) = _claims(body, "capture")
    assert claim.agent == "actor:hayat-tahrir-al-sham"


def test_headline_object_misparsed_as_a_clause_is_still_the_place() -> None:
    result = conflictnews.extract("M23 rebels enter Goma\nThe town was quiet.")
    (claim,) = [c for c in result.claims if c.event.value == "enter"]
    assert "Goma" in _place_names(result, claim)
    assert claim.agent == "actor:m23"


def test_report_said_in_a_statement_keeps_its_speaker() -> None:
    body = (
        "The RSF, which controls most of Darfur, said in a statement that its forces had shot "
        "down a military drone over Nyala."
    )
    (claim,) = _claims(body, "destroy")
    assert claim.claimant == claim.agent == "actor:rapid-support-forces"


def test_the_paramilitary_group_is_the_one_the_article_named() -> None:
    body = (
        "The Rapid Support Forces denied the report. Activists said the paramilitary group "
        "shelled residential neighborhoods in Omdurman overnight."
    )
    (claim,) = _claims(body, "strike")
    assert claim.agent == "actor:rapid-support-forces"


def test_every_place_listed_after_the_villages_of_is_a_place_of_the_claim() -> None:
    body = "The army retook the villages of Umm Sumeima, Kazgil and Al-Hamadi in North Kordofan."
    result = _extract(body)
    captures = [c for c in result.claims if c.event.value == "capture"]
    names = {n for c in captures for n in _place_names(result, c)}
    assert {"Umm Sumeima", "Kazgil", "Al-Hamadi"} <= names
    assert not {"Kazgil", "Al-Hamadi"} & {a.name for a in result.actors}


@pytest.mark.parametrize(
    ("body", "place"),
    [
        ("An airstrike hit a tent camp in al-Mawasi early on Tuesday, medics said.", "al-Mawasi"),
        ("The RSF attacked el-Fasher on Monday, residents said.", "el-Fasher"),
    ],
)
def test_names_with_a_lower_case_arabic_article_are_places(body: str, place: str) -> None:
    result = _extract(body)
    assert result.claims
    assert place in _place_names(result, result.claims[0])
    assert place not in {a.name for a in result.actors}


def test_bare_troops_of_a_speaking_army_are_that_army_and_otherwise_no_actor() -> None:
    (claim,) = _claims("The Israeli army said troops killed dozens of militants in Rafah.")
    assert claim.agent == "actor:israel-defense-forces"
    result = _extract("Troops entered Kupiansk on Monday.")
    assert [c.agent for c in result.claims] == [None]
    assert all(a.name.lower() != "troops" for a in result.actors)


def test_a_place_lost_to_a_force_is_captured_by_it() -> None:
    body = "The Sudanese army lost Bara to the RSF last week, residents of El Obeid said."
    (claim,) = _claims(body, "capture")
    assert claim.agent == "actor:rapid-support-forces"
    assert _claims("He lost his job to a rival in Kharkiv.", "capture") == []


def test_a_state_read_as_its_army_is_no_alias_of_the_army() -> None:
    result = _extract(
        "Russia said its troops had captured Kupiansk. Ethiopia recaptured the town of Shire, "
        "the Ethiopian defence ministry said."
    )
    armies = [a for a in result.actors if a.kind.value == "military"]
    assert armies
    for army in armies:
        names = {n.lower() for n in [army.name, *army.aliases]}
        assert not names & {"russia", "ethiopia"}
        assert not any("ministry" in n for n in names)


def _names(result: Extraction, actor_id: str | None) -> set[str]:
    for actor in result.actors:
        if actor.id == actor_id:
            return {n.lower() for n in [actor.name, *actor.aliases]}
    return set()


@pytest.mark.parametrize(
    ("text", "source"),
    [
        ("Drone strike kills 12 in Sudan's El Fasher – activists\nThe toll rose on Monday.",
         "activists"),
        ("Kidal did not fall to the rebels: Mali army\nThe statement came late on Sunday.",
         "malian armed forces"),
        ("FARDC reports heavy fighting around the town of Sake\nClashes went on all night.",
         "fardc"),
    ],
)  # fmt: skip
def test_a_headline_names_its_source_before_a_report_word_or_after_a_dash(
    text: str, source: str
) -> None:
    result = conflictnews.extract(text)
    claim = result.claims[0]
    assert source in _names(result, claim.claimant)


def test_a_date_the_parse_made_the_subject_is_not_the_speaker() -> None:
    result = _extract(
        "Late Friday, M23 rebels, who are believed to be supported by Kigali, claimed they "
        "took over Bukavu."
    )
    (claim,) = [c for c in result.claims if c.event.value == "capture"]
    assert "m23" in _names(result, claim.claimant)


@pytest.mark.parametrize(
    ("text", "group"),
    [
        ("Al Shabaab fighters stormed a base near Jilib. The group said its fighters killed "
         "20 soldiers in Jilib.", "al-shabaab"),
        ("The Rapid Support Forces advanced on Sunday. The paramilitaries later shelled the "
         "city of El Obeid, the army said.", "rapid support forces"),
        ("JNIM claimed the ambush. The group's fighters attacked an army post near Djibo.",
         "jnim"),
        ("The TNLA, MNDAA and Arakan Army make up the Three Brotherhood Alliance. The groups "
         "have since seized the town of Lashio.", "three brotherhood alliance"),
    ],
)  # fmt: skip
def test_the_group_is_the_named_group_the_article_introduced(text: str, group: str) -> None:
    result = _extract(text)
    claim = result.claims[-1]
    assert group in _names(result, claim.agent)


def test_a_description_introduces_no_named_group() -> None:
    result = _extract(
        "Anti-junta partisan units attacked the town of Kyaukme. Videos published by the "
        "fighters show the town was captured."
    )
    for claim in result.claims:
        assert claim.agent is None or "anti" in " ".join(_names(result, claim.agent))


@pytest.mark.parametrize(
    ("text", "forces"),
    [
        ("A rocket fired by a Russian warplane struck a bus depot in the city of Vinnytsia.",
         "russian armed forces"),
        ("A drone strike launched by Ukraine hit a depot in the city of Bryansk, officials said.",
         "armed forces of ukraine"),
        ("US and British strikes in the town of Bajil killed five people, the Houthis said.",
         "us and british forces"),
        ("Russian and Syrian warplanes bombed the town of Saraqeb on Sunday.",
         "russian and syrian forces"),
    ],
)  # fmt: skip
def test_who_fired_a_weapon_is_the_agent(text: str, forces: str) -> None:
    result = _extract(text)
    claim = next(c for c in result.claims if c.event.value == "strike")
    assert forces in _names(result, claim.agent)


def test_a_device_is_never_the_agent() -> None:
    result = _extract("Two civilians were killed by a landmine near the town of Kidal on Monday.")
    claim = next(c for c in result.claims if c.event.value == "casualties")
    assert claim.agent is None


def test_government_bombing_is_the_government_of_the_country() -> None:
    result = _extract("Government bombing in Daraa killed at least nine civilians on Monday.")
    for claim in result.claims:
        names = _names(result, claim.agent)
        assert any(n.endswith("government") for n in names), names


@pytest.mark.parametrize(
    ("text", "holder"),
    [
        ("Shelling hit the Russian-controlled city of Horlivka on Monday.", "russian armed forces"),
        ("Airstrikes pounded the RSF-held town of Mellit on Monday.", "rapid support forces"),
        ("Airstrikes pounded the rebel-held town of Saraqeb on Monday.", "rebel"),
    ],
)
def test_the_holder_named_in_x_held_is_the_agent_of_control(text: str, holder: str) -> None:
    result = _extract(text)
    claim = next(c for c in result.claims if c.event.value == "control")
    assert holder in _names(result, claim.agent)


def test_a_side_announcing_a_capture_announces_its_own() -> None:
    result = _extract("The RSF claimed the seizure of the town of Mellit on Sunday.")
    (claim,) = [c for c in result.claims if c.event.value == "capture"]
    assert claim.agent == claim.claimant
    denied = _extract("The army denied the capture of the town of Singa on Sunday.")
    for claim in denied.claims:
        assert claim.agent is None or claim.agent != claim.claimant


def test_a_quote_keeps_its_speaker_across_a_long_apposition() -> None:
    result = _extract(
        "“The national army took full control of Kidal,” the joint operations command, set up "
        "by the transitional government to oversee the ongoing operations against the rebels, "
        "said."
    )
    claim = next(c for c in result.claims if c.event.value == "capture")
    assert "joint operations command" in _names(result, claim.claimant)


def test_it_said_is_the_last_speaker_not_the_last_name() -> None:
    result = _extract(
        "The Nigerian army said on Monday that its troops had advanced. “Our troops met "
        "resistance from Boko Haram fighters near Gwoza, after taking Bama,” it said."
    )
    claim = next(c for c in result.claims if c.event.value == "capture")
    assert claim.claimant is not None
    assert "boko haram" not in _names(result, claim.claimant)


def test_a_held_town_in_a_report_is_the_writers_description() -> None:
    result = _extract(
        "The army said it shelled RSF positions around the RSF-held town of Mellit on Monday."
    )
    control = [c for c in result.claims if c.event.value == "control"]
    assert control
    assert all(c.claimant is None and c.stance.value == "asserted" for c in control)


@pytest.mark.parametrize(
    ("text", "agent"),
    [
        ("The defenders were facing intense Russian attacks in the town of Chasiv Yar on Monday.",
         "russian armed forces"),
        ("Junta air and artillery strikes on rebel territory hit the town of Kyaukme on Monday.",
         "state administration council"),
        ("The U.S.-led coalition said it backed the offensive. A dozen coalition airstrikes on "
         "Raqqa killed about 40 militants, an Iraqi officer said.", "u.s.-led coalition"),
    ],
)  # fmt: skip
def test_the_attack_names_its_own_side(text: str, agent: str) -> None:
    result = _extract(text)
    claim = next(c for c in result.claims if c.event.value in ("attack", "strike"))
    assert agent in _names(result, claim.agent)


def test_a_movement_filed_as_government_is_still_the_group() -> None:
    result = _extract(
        "The Taliban advanced on Thursday. Residents said the city of Ghazni fell to the group."
    )
    claim = next(c for c in result.claims if c.event.value == "capture")
    assert "taliban" in _names(result, claim.agent)


def test_the_unit_is_a_named_formation_not_a_national_army() -> None:
    result = _extract(
        "The Khortytsia group of troops said Russian forces shelled the town of Kurakhove. "
        "The unit said Russian forces suffered heavy losses near the town of Vuhledar."
    )
    claim = next(c for c in result.claims if c.event.value == "casualties")
    assert "khortytsia" in " ".join(_names(result, claim.claimant))


def test_according_to_the_report_is_the_outlet_that_reported() -> None:
    result = _extract(
        "Radio Dabanga spoke to people in the area. According to the report, "
        "heavy fighting with Fano militias killed 30 people in the town of Lalibela."
    )
    assert result.claims
    for claim in result.claims:
        assert "radio dabanga" in _names(result, claim.claimant)


def test_a_subject_hung_on_the_auxiliary_still_speaks_of_itself() -> None:
    result = _extract("Azerbaijan says it has since October retaken the town of Fuzuli.")
    claim = next(c for c in result.claims if c.event.value == "capture")
    assert claim.agent == "actor:azerbaijani-armed-forces"


def test_the_first_actor_named_can_be_the_group() -> None:
    # The named group is the article's first actor mention (index 0 must not read as "none").
    result = _extract(
        "Al Shabaab fighters stormed a base near Jilib. The group said its fighters killed 20 "
        "soldiers in the town of Jilib."
    )
    claim = next(c for c in result.claims if c.event.value == "casualties")
    assert "al-shabaab" in _names(result, claim.claimant)


def test_fire_a_place_came_under_is_owned_by_its_nationality() -> None:
    result = _extract("A source said the village of Khiam had come under heavy Israeli fire.")
    claim = next(c for c in result.claims if c.event.value == "strike")
    assert claim.agent == "actor:israel-defense-forces"


def test_a_sentence_opening_it_continues_the_previous_subject() -> None:
    result = _extract(
        "Israel turned its attention to Lebanon in the spring. It has stepped up air strikes on "
        "Hezbollah strongholds in the town of Nabatieh."
    )
    claim = next(c for c in result.claims if c.event.value == "strike")
    assert claim.agent == "actor:israel-defense-forces"


def test_a_dateline_subject_gives_way_to_the_named_speaker() -> None:
    result = _extract(
        "Khartoum, July 21 The Sudanese Armed Forces (SAF) on Saturday refuted the assertion "
        "that the Rapid Support Forces had taken control of Singa."
    )
    claim = next(c for c in result.claims if c.event.value == "capture")
    assert claim.claimant == "actor:sudanese-armed-forces"


def test_a_date_owns_no_strike() -> None:
    result = _extract("Friday's strikes on the port city of Novorossiysk damaged two ships.")
    assert result.claims
    assert all(c.agent is None for c in result.claims)


def test_troops_ordered_to_leave_are_the_ones_leaving() -> None:
    result = _extract(
        "Russia's defence minister has ordered the country's troops to leave the city of Kherson."
    )
    claim = next(c for c in result.claims if c.event.value == "withdraw")
    assert claim.agent == "actor:russian-armed-forces"


@pytest.mark.parametrize(
    ("text", "agent"),
    [
        ("The United Nations condemned the attack on the town of Kalma on Monday.", None),
        ("Russia launched a campaign of air strikes in Syria.", "actor:russian-armed-forces"),
    ],
)
def test_only_a_verb_that_performs_the_event_makes_its_subject_the_agent(
    text: str, agent: str | None
) -> None:
    result = _extract(text)
    claim = next(c for c in result.claims if c.event.value in ("attack", "strike"))
    assert claim.agent == agent


def test_a_dateline_glued_to_the_first_word_is_no_modifier_or_speaker() -> None:
    result = _extract(
        "KYIV (Reuters) -Ukraine said on Thursday its soldiers had recaptured the village of "
        "Pishchane. KHARKIV (Reuters) -Russian missiles struck a school in the town of Izium "
        "on Friday, killing four people."
    )
    capture = next(c for c in result.claims if c.event.value == "capture")
    assert capture.claimant == "actor:government-of-ukraine"
    strike = next(c for c in result.claims if c.event.value == "strike")
    assert strike.agent == "actor:russian-armed-forces"
    assert all(not n.startswith("-") for a in result.actors for n in [a.name, *a.aliases])


def test_a_target_under_attack_from_launched_missiles_is_not_the_agent() -> None:
    result = _extract(
        "A naval base in Novorossiysk came under attack from Ukrainian-launched drones "
        "overnight, wounding two sailors."
    )
    assert result.claims
    assert {c.agent for c in result.claims} == {"actor:armed-forces-of-ukraine"}


def test_an_official_reporting_an_attack_did_not_make_it() -> None:
    result = _extract(
        "The ministry confirmed a first report of the assault on Belgorod by Governor "
        "Vyacheslav Gladkov on Saturday."
    )
    claim = next(c for c in result.claims if c.event.value == "attack")
    assert "gladkov" not in " ".join(_names(result, claim.agent))


@pytest.mark.parametrize(
    "text",
    [
        "Gunmen killed ten villagers in an attack on the village of Kadamba on Sunday.",
        "Hamas gunmen said they had killed and wounded Israeli soldiers in an attack in the "
        "town of Khan Younis.",
    ],
)
def test_who_killed_in_an_attack_made_the_attack(text: str) -> None:
    result = _extract(text)
    by_event = {c.event.value: c for c in result.claims}
    assert by_event["attack"].agent is not None
    assert by_event["attack"].agent == by_event["casualties"].agent


def test_a_group_fighting_somewhere_is_the_one_fighting() -> None:
    result = _extract(
        'The "Wagner Group," a mercenary group fighting alongside Russian troops, has '
        "launched an attack into the Sumy region."
    )
    assert result.claims
    for claim in result.claims:
        assert "wagner group" in _names(result, claim.agent)
