"""Where unresolved places borrow their point, and names the finder must keep whole."""

from __future__ import annotations

import conflictnews
from conflictnews.models import Location


def _by_mention(text: str, mention: str) -> Location:
    locations = conflictnews.extract(text).locations
    return next(loc for loc in locations if mention in loc.mentions)


def test_a_government_speaking_lends_no_point() -> None:
    text = (
        "Gunmen strike near Anantnag\n"
        "Nairobi denied any part in the raid. Gunmen killed nine people in Zorwadi, "
        "a hamlet in Anantnag district, police said."
    )
    loc = _by_mention(text, "Zorwadi")
    assert loc.country_code == "IN"


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
        "Rebels killed 20 people in Mutwanga-Zeta, in Congo's northeastern Ituri province, "
        "a local official said. Fighting also hit Beni and Butembo in North Kivu."
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
