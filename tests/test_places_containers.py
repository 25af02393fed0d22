"""Where unresolved places borrow their point, and names the finder must keep whole."""

from __future__ import annotations

import conflictnews
from conflictnews.models import Location


def _by_mention(text: str, mention: str) -> Location:
    locations = conflictnews.extract(text).locations
    return next(loc for loc in locations if mention in loc.mentions)


def test_a_government_speaking_lends_no_point() -> None:
    text = (
        "Militants kill nine in Khyber Pakhtunkhwa\n"
        "Kabul denied any role. Militants killed nine people in Zorwadi hamlet overnight, "
        "police said."
    )
    loc = _by_mention(text, "Zorwadi")
    assert loc.country_code == "PK"


def test_apposition_names_the_container() -> None:
    text = (
        "Raid in Kenya\n"
        "Gunmen raided Lorakwi, a hamlet in Mandera county, killing four, police said. "
        "Mombasa and Nakuru were calm."
    )
    loc = _by_mention(text, "Lorakwi")
    assert loc.within is not None
    assert loc.admin1 is not None and loc.admin1.startswith("Mandera")


def test_the_area_a_country_is_said_to_hold() -> None:
    text = (
        "Attack in Congo\n"
        "After clashes in Beni, rebels killed 20 people in Mutwanga-Zeta, in Congo's "
        "northeastern Ituri province, a local official said."
    )
    loc = _by_mention(text, "Mutwanga-Zeta")
    assert loc.within is not None
    assert loc.admin1 is not None and "Ituri" in loc.admin1


def test_the_sentence_area_beats_the_article_focus() -> None:
    text = (
        "Clashes in Cameroon\n"
        "Separatists attacked Bamenda and again Bamenda on Monday, officials said.\n"
        "In the Southwest region, soldiers burned houses in the village of Ekondo-Nene, "
        "residents said."
    )
    loc = _by_mention(text, "Ekondo-Nene")
    assert loc.admin1 == "Southwest"


def test_a_name_joined_by_and_stays_whole() -> None:
    text = "Shelling hit the Kupwara district of Jammu and Kashmir on Friday, officials said."
    loc = _by_mention(text, "Jammu and Kashmir")
    assert loc.country_code == "IN"


def test_a_hyphenated_village_name_stays_whole() -> None:
    text = "Fighters attacked the village of Kasana-Mbau in Beni territory, officials said."
    names = [m for loc in conflictnews.extract(text).locations for m in loc.mentions]
    assert "Kasana-Mbau" in names


def test_a_country_owning_a_place_rules_out_namesakes_abroad() -> None:
    text = (
        "Clashes in Colombia\n"
        "Fighting in Colombia's northeastern Catatumbo region killed 30 people, "
        "officials in Tibu said."
    )
    loc = _by_mention(text, "Catatumbo region")
    assert loc.country_code != "VE"


def _mentions(text: str) -> list[str]:
    return [m for loc in conflictnews.extract(text).locations for m in loc.mentions]


def test_a_month_abbreviation_in_a_dateline_is_no_place() -> None:
    text = (
        "Rebels kill dozens in Catatumbo\n"
        "BOGOTA, Jan 18 (Reuters) - Fighting between rebels in Colombia's Catatumbo region "
        "killed 80 people in Tibu."
    )
    assert "Jan" not in _mentions(text)


def test_a_surname_after_a_nickname_is_no_place() -> None:
    text = 'The capture of Ismael "El Mayo" Zambada in El Paso split the cartel.'
    assert "Zambada" not in _mentions(text)
    text = 'Officials said the arrest of Ovidio "El Raton" Guzman in Culiacan sparked clashes.'
    assert "Ovidio" not in _mentions(text)


def test_a_place_ending_an_acronymed_group_name_is_no_place() -> None:
    text = (
        "Fighters of the Islamic State Sahel Province (ISSP) attacked Menaka, in Mali, "
        "residents said."
    )
    mentions = _mentions(text)
    assert not any(m.startswith("Sahel") for m in mentions)
    assert "Menaka" in mentions


def test_a_place_beside_a_border_is_not_across_it() -> None:
    text = (
        "Attack in Chad\n"
        "Insurgents attacked the outpost of Tchoukoutalia, near the border with Nigeria, "
        "the army said. In Nigeria, gunmen hit Maiduguri and Monguno and later Maiduguri."
    )
    loc = _by_mention(text, "Tchoukoutalia")
    assert loc.country_code != "NG"


def test_a_country_owning_an_act_does_not_own_the_place() -> None:
    text = "Analysts doubted Russia's capture of Avdiivka in Ukraine's Donetsk region."
    loc = _by_mention(text, "Avdiivka")
    assert loc.country_code == "UA"
    assert loc.geonames_id is not None
