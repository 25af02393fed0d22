"""Place resolution in context: rules that pick one namesake over another."""

from __future__ import annotations

from conflictnews import LocationKind, resolve_places
from conflictnews.places._candidates import candidates_for
from conflictnews.places._confidence import pipeline_min_confidence
from conflictnews.places._gazetteer import gazetteer

# These tests pin the readings the claims pipeline keeps (its threshold); the default of
# resolve_places itself is tested in test_places_confidence.py.
PIPELINE = pipeline_min_confidence()


def _resolve(text: str, *names: str) -> list:
    spans = []
    pos = 0
    for name in names:
        start = text.index(name, pos)
        spans.append((start, start + len(name)))
        pos = start + len(name)
    return resolve_places(text, spans, min_confidence=PIPELINE)


def test_territory_of_a_country_is_the_country() -> None:
    text = "Mines still lie along the border territory of Georgia, the ministry said."
    (georgia,) = _resolve(text, "Georgia")
    assert georgia is not None
    assert (georgia.kind, georgia.country_code) == (LocationKind.COUNTRY, "GE")


def test_region_of_a_name_is_still_a_region() -> None:
    text = "Drones struck the region of Kursk overnight."
    (kursk,) = _resolve(text, "Kursk")
    assert kursk is not None and kursk.kind == LocationKind.REGION


def test_a_name_placed_once_keeps_that_place_later_in_the_article() -> None:
    text = (
        "A tornado tore through Paris, Texas, late on Sunday, flattening a church and two "
        "schools. Governments in Germany, Italy and Mexico sent condolences on Monday. "
        "By morning, Paris officials said four people had died."
    )
    first, _, _, _, _, later = _resolve(
        text, "Paris", "Texas", "Germany", "Italy", "Mexico", "Paris"
    )
    assert first is not None and later is not None
    assert first.country_code == later.country_code == "US"
    assert later.id == first.id


def test_country_opening_a_clause_does_not_place_the_name_before_it() -> None:
    text = "Missiles struck Kharkiv, Russia said on Monday, and Sumy, Russia's army claimed."
    kharkiv, _, sumy, _ = _resolve(text, "Kharkiv", "Russia", "Sumy", "Russia")
    assert kharkiv is not None and kharkiv.country_code == "UA"
    assert sumy is not None and sumy.country_code == "UA"


def test_apposition_after_a_comma_is_not_a_qualifier() -> None:
    text = "During the battle for Sirte, the US gave air support to militias from Misrata."
    sirte, _, _ = _resolve(text, "Sirte", "US", "Misrata")
    assert sirte is not None and sirte.country_code == "LY"


def test_namesake_in_the_named_country_still_wins() -> None:
    text = "Missiles struck Kharkiv, Ukraine, on Monday."
    kharkiv, _ = _resolve(text, "Kharkiv", "Ukraine")
    assert kharkiv is not None and kharkiv.country_code == "UA"


def test_country_name_ending_in_a_type_word_is_not_cut() -> None:
    gaz = gazetteer()
    found = {rec.country_code for rec, _ in candidates_for(gaz, "United States")}
    assert found == {"US"}
    found = {rec.country_code for rec, _ in candidates_for(gaz, "Central African Republic")}
    assert "CF" in found


def test_direction_before_a_country_or_city_names_it() -> None:
    text = "Israeli jets struck targets in South Lebanon after rockets were fired at Haifa."
    _, lebanon, _ = _resolve(text, "Israeli", "South Lebanon", "Haifa")
    assert lebanon is not None
    assert (lebanon.kind, lebanon.country_code) == (LocationKind.COUNTRY, "LB")
    _, mosul = _resolve("Iraqi forces pushed into West Mosul on Sunday.", "Iraqi", "West Mosul")
    assert mosul is not None and (mosul.name, mosul.country_code) == ("Mosul", "IQ")


def test_directional_names_of_their_own_are_kept() -> None:
    gaz = gazetteer()
    for name, cc in (("North Darfur State", "SD"), ("South Sudan", "SS"), ("North Carolina", "US")):
        kinds = {(rec.kind, rec.country_code) for rec, _ in candidates_for(gaz, name)}
        assert all(found_cc == cc for _, found_cc in kinds), name
    # "West Wing" is not a part of the hamlet of Wing.
    assert not any(rec.name == "Wing" for rec, _ in candidates_for(gaz, "West Wing"))


def test_a_people_is_not_a_settlement() -> None:
    (arab,) = _resolve("Arab leaders met on Sunday.", "Arab")
    assert arab is not None and arab.kind != LocationKind.SETTLEMENT
    (kurds,) = _resolve("Kurds marched on Sunday.", "Kurds")
    assert kurds is not None and kurds.kind != LocationKind.SETTLEMENT


def test_known_conflict_area_lies_within_its_entry() -> None:
    text = "Government forces retook Eastern Ghouta in April; fighting also flared in Karabakh."
    ghouta, karabakh = _resolve(text, "Eastern Ghouta", "Karabakh")
    assert ghouta is not None and karabakh is not None
    assert (ghouta.id, ghouta.kind, ghouta.country_code) == (
        "place:eastern-ghouta",
        LocationKind.REGION,
        "SY",
    )
    douma = [gazetteer().record(i) for i, _ in gazetteer().lookup("douma")]
    container = next(r for r in douma if r.kind == 0 and r.country_code == "SY")
    assert ghouta.within == f"geonames:{container.geonames_id}"
    assert (ghouta.lat, ghouta.lon) == (container.lat, container.lon)
    # An area's other names give its main name and id.
    assert (karabakh.id, karabakh.name) == ("place:nagorno-karabakh", "Nagorno-Karabakh")


def test_area_alias_names_the_entry_itself() -> None:
    (arakan,) = _resolve("The army lost more towns in Arakan State.", "Arakan State")
    assert arakan is not None
    assert (arakan.name, arakan.kind, arakan.country_code) == (
        "Rakhine State",
        LocationKind.REGION,
        "MM",
    )


def test_every_area_row_names_an_existing_entry() -> None:
    from importlib import resources

    gaz = gazetteer()
    path = resources.files("conflictnews") / "data" / "places_areas.tsv"
    rows = [
        line.split("\t")
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    assert rows
    for name, _aliases, relation, gid, *_ in rows:
        assert relation in ("alias", "within"), name
        if relation == "alias":
            entries = [rec for rec, _ in candidates_for(gaz, name)]
        else:
            area = gaz.area(name)
            entries = [gaz.record(area[0])] if area else []
        assert any(rec.geonames_id == int(gid) and rec.lat is not None for rec in entries), name


def test_last_name_of_an_address_is_the_country_holding_it() -> None:
    text = (
        "Officials in Ecatepec and Toluca promised buses for the caravan. "
        "Migrants rested in Juchitan, Tehuantepec, Oaxaca State, Mexico, on Friday."
    )
    *_, oaxaca, mexico = _resolve(
        text, "Ecatepec", "Toluca", "Juchitan", "Tehuantepec", "Oaxaca State", "Mexico"
    )
    assert oaxaca is not None and oaxaca.kind == LocationKind.REGION
    assert mexico is not None and mexico.kind == LocationKind.COUNTRY


def test_country_named_as_a_modifier_does_not_move_a_city_abroad() -> None:
    for city, cc in (("Odessa", "UA"), ("Hebron", "PS"), ("Athens", "GR"), ("Damascus", "SY")):
        text = f"Drones hit {city} overnight, U.S. officials said."
        loc, us = _resolve(text, city, "U.S.")
        assert us is not None and us.country_code == "US"
        assert loc is not None and loc.country_code == cc, city


def test_better_known_namesake_wins_when_context_is_silent() -> None:
    (parkland,) = _resolve("Survivors of the shooting in Parkland marched on Saturday.", "Parkland")
    assert parkland is not None and parkland.admin1 == "Florida"
    london, _ = _resolve(
        "A parcel bomb exploded in London, the U.S. embassy said.", "London", "U.S."
    )
    assert london is not None and london.country_code == "GB"


def test_source_regions_replace_typed_world_regions_of_the_same_name() -> None:
    text = "Israeli troops raided Bethlehem in the West Bank and shelled the Gaza Strip."
    bethlehem, west_bank, gaza = _resolve(text, "Bethlehem", "West Bank", "Gaza Strip")
    for loc in (bethlehem, west_bank, gaza):
        assert loc is not None and loc.country_code == "PS"
    assert west_bank.geonames_id and gaza.geonames_id


def test_country_initials_read_in_the_articles_countries() -> None:
    text = "Rebels attacked Bangui in the Central African Republic; CAR troops fought back."
    _, _, car = _resolve(text, "Bangui", "Central African Republic", "CAR")
    assert car is not None and car.country_code == "CF"
    # Without that country in the article, the initials name nothing.
    (alone,) = _resolve("CAR troops fought back.", "CAR")
    assert alone is None or alone.country_code != "CF"


def test_a_hamlet_under_an_alternate_name_stays_in_the_articles_main_country() -> None:
    text = (
        "Russian troops repelled an attack near the border village of Oleshnya, south of "
        "Sudzha in the Kursk region of Russia, officials in Kursk said; Kyiv gave no comment."
    )
    oleshnya, *_ = _resolve(text, "Oleshnya", "Sudzha", "Kursk", "Russia", "Kursk", "Kyiv")
    assert oleshnya is None or oleshnya.country_code == "RU"


def test_a_headline_word_that_is_only_an_old_name_of_a_hamlet_is_no_place() -> None:
    import conflictnews

    result = conflictnews.extract(
        "Partisans Strike Deep Behind The Lines In Belgorod Raid\n"
        "Armed groups opposed to the Kremlin said on Tuesday they had crossed into Russia's "
        "Belgorod region and attacked several villages near the border with Ukraine."
    )
    assert all("Deep" not in location.mentions for location in result.locations)


def test_a_variant_abroad_gives_way_to_the_country_named_by_a_nationality() -> None:
    text = "Jihadists ambushed a convoy near Boulkessi on Wednesday, the Malian army said."
    (boulkessi,) = _resolve(text, "Boulkessi")
    assert boulkessi is None or boulkessi.country_code == "ML"


def test_an_institution_of_a_small_town_is_that_town() -> None:
    text = "Deputies from the Lumpkin County Sheriff's Office searched the river near Dahlonega."
    (office,) = _resolve(text, "Lumpkin County Sheriff's Office")
    assert office is not None
    assert (office.kind, office.country_code, office.admin1) == (
        LocationKind.DISTRICT,
        "US",
        "Georgia",
    )


def test_a_state_named_like_a_country_in_an_article_set_in_one_country() -> None:
    text = (
        "The crew flew from Boise to Spokane, then on to Tacoma and Yakima. Their next "
        "stop is Georgia, before the tour ends in Seattle."
    )
    located = _resolve(text, "Boise", "Spokane", "Tacoma", "Yakima", "Georgia", "Seattle")
    georgia = located[4]
    assert georgia is not None and (georgia.country_code, georgia.kind) == (
        "US",
        LocationKind.REGION,
    )


def test_a_country_the_article_keeps_naming_stays_the_country() -> None:
    text = (
        "Exporters in Boise, Spokane and Yakima sell apples to Georgia. Georgia buys more "
        "every year, and Georgia's importers visited Seattle."
    )
    located = _resolve(text, "Boise", "Spokane", "Yakima", "Georgia", "Georgia", "Georgia")
    assert all(loc is not None and loc.country_code == "GE" for loc in located[3:])
