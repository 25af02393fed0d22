"""Places the words around a name reveal: appositions, military sites, lists of nearby
towns, lists the model took for one name; and names that only describe something else."""

from __future__ import annotations

import pytest

from conflictnews.doc._extensions import register_extensions
from conflictnews.doc._mentions import get_places
from conflictnews.pipeline import _load_base
from conflictnews.places import _component
from conflictnews.places._candidates import candidates_for
from conflictnews.places._gazetteer import gazetteer


@pytest.fixture(scope="module")
def nlp():
    register_extensions()
    pipeline = _load_base(None)
    pipeline.add_pipe(_component.COMPONENT_NAME, last=True)
    return pipeline


def _found(nlp, text: str) -> dict[str, tuple[str | None, str | None]]:
    """Mention text -> (country code, id) of each place found."""
    return {p.text: (p.location.country_code, p.location.id) for p in get_places(nlp(text))}


def test_towns_missing_from_cities500_come_from_the_subdivision_package() -> None:
    found = candidates_for(gazetteer(), "Hsipaw")
    assert any(rec.country_code == "MM" and rec.lat is not None for rec, _ in found)


@pytest.mark.parametrize(
    ("text", "name", "country"),
    [
        (
            "Local reporters said Herat, the country's third-largest city, had fallen.",
            "Herat",
            "AF",
        ),
        ("Insurgents now hold Maiduguri, the state capital, residents say.", "Maiduguri", "NG"),
        ("Rebels overran the regional capital, Lashio, last week.", "Lashio", "MM"),
    ],
)
def test_a_name_in_apposition_with_a_settlement_noun_is_a_place(nlp, text, name, country) -> None:
    assert _found(nlp, text).get(name, (None, None))[0] == country


def test_a_person_after_a_comma_is_not_a_place(nlp) -> None:
    found = _found(nlp, "Soldiers took back the port on the edge of the city, Omar Saleh told us.")
    assert "Omar Saleh" not in found


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Gunmen stormed the Tabankort military base before dawn.", "Tabankort"),
        ("A car bomb exploded at the base in Kurtunwarey on Monday.", "Kurtunwarey"),
        ("Jets hit the crowded Zamzam displacement camp overnight.", "Zamzam"),
        ("A drone struck the Shatila Palestinian refugee camp.", "Shatila"),
    ],
)
def test_a_name_given_to_a_military_site_or_camp_is_a_place(nlp, text, name) -> None:
    assert name in _found(nlp, text)


def test_the_village_of_a_name_with_an_arabic_article_is_one_place(nlp) -> None:
    found = _found(nlp, "Fighters clashed with troops in the village of Kfar al-Hamam.")
    assert "Kfar al-Hamam" in found


def test_nearby_towns_listed_together_vouch_for_each_other(nlp) -> None:
    found = _found(nlp, "Federal troops now hold Axum, Adwa and the villages between them.")
    assert found.get("Adwa", (None,))[0] == "ET"
    assert found.get("Axum", (None,))[0] == "ET"


def test_a_list_the_model_read_as_one_name_is_cut_into_its_towns(nlp) -> None:
    found = _found(nlp, "The ministry said attacks were repelled near Robotyne and Verbove.")
    assert "Robotyne and Verbove" not in found
    assert found.get("Verbove", (None,))[0] == "UA"


def test_a_country_named_as_one_is_not_cut(nlp) -> None:
    assert "Bosnia and Herzegovina" in _found(
        nlp, "Peacekeepers deployed to Bosnia and Herzegovina."
    )


@pytest.mark.parametrize(
    ("text", "modifier", "place"),
    [
        ("Fighters fled as the U.S.-led coalition bombed Raqqa.", "U.S.", "Raqqa"),
        ("Ten people died in US and British strikes on Sanaa.", "US", "Sanaa"),
        ("Missiles hit a hotel in the Black Sea port of Odesa.", "Black Sea", "Odesa"),
        ("Drones struck the Mediterranean port of Tartus.", "Mediterranean", "Tartus"),
    ],
)
def test_a_country_or_sea_that_only_qualifies_a_noun_is_no_place(
    nlp, text, modifier, place
) -> None:
    found = _found(nlp, text)
    assert modifier not in found
    assert place in found


def test_a_country_as_a_setting_is_kept(nlp) -> None:
    assert "United States" in _found(nlp, "Protests spread across the United States on Monday.")


def test_a_quarter_with_a_descriptive_name_lies_in_the_article_city(nlp) -> None:
    text = (
        "Government troops pushed into the Old City of Aleppo on Sunday. Snipers still hold "
        "parts of the Old City, a commander in Aleppo said."
    )
    for place in get_places(nlp(text)):
        if place.text == "Old City":
            assert place.location.country_code == "SY"
            assert place.location.within is not None


def test_a_province_abroad_gives_way_to_the_world_region_of_its_name(nlp) -> None:
    text = "Gunmen attacked an army post in western Niger. Niger lies in the Sahel region."
    found = _found(nlp, text)
    assert found["Sahel region"][0] is None  # the Sahel, not a province of one country


def test_a_province_of_the_article_country_keeps_its_reading(nlp) -> None:
    text = "Jihadists attacked Dori, in Burkina Faso's Sahel region, on Friday."
    assert _found(nlp, text)["Sahel region"][0] == "BF"


@pytest.mark.parametrize(
    ("text", "name", "country"),
    [
        (
            "Shells hit Mitiga International Airport overnight.",
            "Mitiga International Airport",
            "LY",
        ),
        ("Russian forces shelled the Kramatorsk Airport again.", "Kramatorsk Airport", "UA"),
    ],
)
def test_a_named_airport_is_a_place_of_its_own(nlp, text, name, country) -> None:
    found = _found(nlp, text)
    assert found[name][0] == country
    assert found[name][1].startswith("place:")


def test_a_camp_near_a_named_city_borrows_that_city_point(nlp) -> None:
    text = (
        "Shells landed in the Jabal Sahl displacement camp close to the city of Nyala, aid "
        "workers said. Khartoum denied it."
    )
    places = {p.text: p.location for p in get_places(nlp(text))}
    assert places["Jabal Sahl"].within == places["Nyala"].id


@pytest.mark.parametrize(
    ("text", "vessel"),
    [
        ("Rebels said they hit the Sana Aden, a bulk carrier bound for Suez.", "Aden"),
        ("A missile struck the tanker Kherson Star off the coast.", "Kherson"),
    ],
)
def test_a_ship_named_after_a_place_is_no_place(nlp, text, vessel) -> None:
    assert not any(vessel in name for name in _found(nlp, text))


def test_a_place_entity_never_runs_across_a_line_break(nlp) -> None:
    text = "Warships patrolled the Gulf of Aden\n\nResidents of Berbera said they heard blasts."
    found = _found(nlp, text)
    assert all("\n" not in name for name in found)
    assert "Gulf of Aden" in found


def test_a_preposition_governs_every_town_of_a_list(nlp) -> None:
    found = _found(nlp, "Residents in Sanaa and Hodeidah heard explosions overnight.")
    assert found.get("Hodeidah", (None,))[0] == "YE"


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Fighters seized the villages around it, including al-Taqaddum air base.", "al-Taqaddum"),
        ("A shell hit the dome of the old al-Omari Mosque at noon.", "al-Omari Mosque"),
    ],
)
def test_names_with_a_lower_case_arabic_article_are_found_whole(nlp, text, name) -> None:
    assert name in _found(nlp, text)


@pytest.mark.parametrize(
    ("text", "modifier"),
    [
        ("A Russia-Ukraine missile strike hit the port of Izmail.", "Russia"),
        ("Insurgents overran the last Myanmar junta outpost in the hills.", "Myanmar"),
        ("US and British warplanes struck radar sites near Hodeidah, officials said.", "US"),
    ],
)
def test_countries_in_compounds_and_before_forces_are_modifiers(nlp, text, modifier) -> None:
    assert modifier not in _found(nlp, text)


def test_a_sea_named_in_an_article_about_another_country_is_the_sea(nlp) -> None:
    text = "Houthi forces in Yemen fired at a ship in the Red Sea, officials in Aden said."
    assert _found(nlp, text)["Red Sea"][0] is None  # the sea, not a province of Sudan


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Shells fell on the area of Wadi Saleh overnight.", "Wadi Saleh"),
        ("Jets bombed the mountain of al-Jabal al-Akhdar.", "al-Jabal al-Akhdar"),
        ("Drones hit a depot in Kassala's Wad Sharifey district.", "Wad Sharifey district"),
        (
            "The convoy reached Independence Square in the city, witnesses said.",
            "Independence Square",
        ),
        ("Crowds gathered in Martyrs' Square in the capital.", "Martyrs' Square"),
    ],
)
def test_areas_districts_and_squares_the_gazetteer_lacks_are_found(nlp, text, name) -> None:
    assert name in _found(nlp, text)


def test_a_district_listed_with_a_port_lies_in_its_owner_not_the_port(nlp) -> None:
    text = "In Yemen, the strikes hit Hodeidah's Wad Hasan district and port of Salif."
    places = {p.text: p.location for p in get_places(nlp(text))}
    assert places["Wad Hasan district"].within == places["Hodeidah"].id


def test_the_battle_for_a_town_names_the_town(nlp) -> None:
    assert "Bakhmut" in _found(nlp, "Veterans liken the siege to the battle for Bakhmut in 2023.")


@pytest.mark.parametrize(
    ("text", "group"),
    [
        ("Zarga militia forces withdrew from Lalibela on Thursday.", "Zarga"),
        ("M23 rebels said they had seized Goma airport.", "M23"),
        ("The TNLA said it took the town of Kyaukme.", "TNLA"),
    ],
)
def test_armed_groups_the_gazetteer_does_not_hold_are_no_places(nlp, text, group) -> None:
    assert group not in _found(nlp, text)


def test_a_person_after_a_named_town_and_a_comma_is_not_a_place(nlp) -> None:
    found = _found(nlp, "A priest in Bukavu city, Amani Kisanga Mbuyi, said shells fell nearby.")
    assert "Amani Kisanga Mbuyi" not in found
    assert "Bukavu" in found


def test_a_town_word_after_a_name_is_left_out_of_the_mention(nlp) -> None:
    found = _found(nlp, "The militia attacked a barracks in Mekelle city before dawn.")
    assert found.get("Mekelle", (None,))[0] == "ET"


def test_a_headline_in_title_case_joins_no_names(nlp) -> None:
    found = _found(nlp, "Militias Retake Control Over Bridge South of Misrata")
    assert "Over" not in found
    assert all("Control" not in name for name in found)


def test_large_lakes_are_features_with_their_own_point(nlp) -> None:
    found = _found(nlp, "The fighters retreated towards Lake Chad after the raid on Baga.")
    assert found["Lake Chad"][1] == "place:lake-chad"


def test_a_reading_farther_than_the_stated_distance_is_rejected(nlp) -> None:
    text = "Soldiers holding a post in Dalwa village, 16km from Maiduguri, pulled out."
    places = {p.text: p.location for p in get_places(nlp(text))}
    assert places["Dalwa"].country_code == "NG"
    assert places["Dalwa"].within == places["Maiduguri"].id


def test_a_stated_distance_keeps_a_reading_that_fits(nlp) -> None:
    text = "Ghazni, some 130km (80 miles) from the capital, Kabul, was overrun on Monday."
    assert _found(nlp, text)["Ghazni"][1] == "geonames:1141269"


def test_a_country_named_only_as_a_modifier_vouches_for_no_namesake(nlp) -> None:
    text = "In Yemen, US and British strikes hit Hodeidah's Al-Hawk district."
    found = _found(nlp, text)
    assert found["Al-Hawk district"][0] == "YE"


@pytest.mark.parametrize(
    "text",
    [
        "Two US destroyers shot down the drones over the sea.",
        "The US Central Command said the missile was intercepted.",
    ],
)
def test_a_country_before_ships_or_a_command_is_a_modifier(nlp, text) -> None:
    assert "US" not in _found(nlp, text)


def test_a_headline_region_is_one_mention(nlp) -> None:
    found = _found(nlp, "Rebels Capture Village Near Kupiansk in Kharkiv Region")
    assert "Kharkiv Region" in found
    assert "Region" not in found


def test_a_title_case_entity_vouches_for_none_of_its_words(nlp) -> None:
    found = _found(nlp, "Militia Says Fighting Troops In Somalia Border Village")
    assert "Village" not in found
    assert "Border" not in found


def test_an_armed_group_territory_is_no_place(nlp) -> None:
    found = _found(nlp, "Jets kept up strikes on SSPP territory in northern Shan.")
    assert not any(name.startswith("SSPP") for name in found)


def test_a_variant_spelling_listed_between_places_of_its_country_is_a_place(nlp) -> None:
    text = "Fighting spread to several states: Khartoum, Al-Jazira, White Nile and Kassala."
    assert _found(nlp, text).get("Al-Jazira", (None,))[0] == "SD"


def test_a_name_after_a_place_and_a_comma_is_not_sharing_its_preposition(nlp) -> None:
    assert "Burhan" not in _found(nlp, "In Khartoum, Burhan said the army would win.")


def test_a_dateline_city_is_not_the_focus_of_unknown_villages(nlp) -> None:
    text = (
        "Beirut, (Agency) - Hezbollah said its fighters clashed with Israeli troops in the "
        "village of Kfar Zibdin Tahta near the border on Thursday."
    )
    places = {p.text: p.location for p in get_places(nlp(text))}
    assert places["Beirut"].country_code == "LB"
    village = places["Kfar Zibdin Tahta"]
    assert village.within is None  # not at Beirut, 70 km away, where the story was filed
    assert village.country_code in (None, "LB")  # nor at a namesake of its last word abroad


def test_a_headline_entity_in_title_case_does_not_label_its_words(nlp) -> None:
    text = "Militia Says Fighting Troops In Somalia Border Village\nBy A Reporter"
    found = _found(nlp, text)
    assert "Border" not in found
    assert "Village" not in found


def test_a_country_before_its_abbreviation_and_a_command_is_a_modifier(nlp) -> None:
    text = "The vessel was hit, the United States (US) Central Command said."
    found = _found(nlp, text)
    assert "United States" not in found
    assert "US" not in found


def test_a_sentence_naming_many_places_is_no_headline(nlp) -> None:
    found = _found(nlp, "Shelling hit the Abu Shouk camp in El Fasher on Sunday.")
    assert "Abu Shouk" in found
