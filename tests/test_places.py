"""Places: gazetteer lookups, context resolution and the spaCy component."""

from __future__ import annotations

import re

import pytest

from conflictnews import LocationKind, resolve_places
from conflictnews.doc._extensions import register_extensions
from conflictnews.doc._mentions import get_places
from conflictnews.pipeline import _load_base
from conflictnews.places import _component
from conflictnews.places._confidence import pipeline_min_confidence
from conflictnews.places._gazetteer import gazetteer
from conflictnews.places._translit import variant_key

# These tests pin the readings the claims pipeline keeps (its threshold); the default of
# resolve_places itself is tested in test_places_confidence.py.
PIPELINE = pipeline_min_confidence()


def _resolve(text: str, *names: str) -> list:
    spans = []
    for name in names:
        start = text.index(name)
        spans.append((start, start + len(name)))
    return resolve_places(text, spans, min_confidence=PIPELINE)


@pytest.fixture(scope="module")
def nlp():
    # Only the places component, so these tests do not depend on the later components.
    register_extensions()
    pipeline = _load_base(None)
    pipeline.add_pipe(_component.COMPONENT_NAME, last=True)
    return pipeline


def _places(nlp, text: str) -> list[tuple[str, str, LocationKind, str | None]]:
    return [
        (p.text, p.location.name, p.location.kind, p.location.country_code)
        for p in get_places(nlp(text))
    ]


# --- gazetteer and variants ------------------------------------------------------------


def test_variant_keys_join_romanisations() -> None:
    assert variant_key("tiotkino") == variant_key("tetkino")
    assert variant_key("suja") == variant_key("sudzha")
    assert variant_key("porech") == variant_key("porechye") == variant_key("poreche")
    assert variant_key("losovaya rudka") == variant_key("lozovaya rudka")
    assert variant_key("kursk") != variant_key("kirsk")


@pytest.mark.parametrize(
    ("written", "expected", "country"),
    [
        ("Tiotkino", "Tëtkino", "RU"),
        ("Тёткино", "Tëtkino", "RU"),
        ("Avdeevka", "Avdiyivka", "UA"),
        ("Суджа", "Sudzha", "RU"),
    ],
)
def test_spellings_resolve(written: str, expected: str, country: str) -> None:
    text = f"Shelling was reported in {written} near the Kursk region border with Ukraine."
    loc = _resolve(text, written)[0]
    assert loc is not None
    assert (loc.name, loc.country_code, loc.kind) == (expected, country, LocationKind.SETTLEMENT)
    assert loc.id == f"geonames:{loc.geonames_id}"
    assert loc.lat is not None and loc.lon is not None


def test_regions_countries_and_abbreviations() -> None:
    text = "Talks between the U.S. and the UK on North Darfur State and the Kursk region."
    us, uk, darfur, kursk = _resolve(text, "U.S.", "UK", "North Darfur State", "Kursk region")
    assert (us.country_code, us.kind) == ("US", LocationKind.COUNTRY)
    assert (uk.country_code, uk.kind) == ("GB", LocationKind.COUNTRY)
    assert (darfur.name, darfur.kind, darfur.country_code) == (
        "North Darfur",
        LocationKind.REGION,
        "SD",
    )
    assert (kursk.name, kursk.kind) == ("Kursk Oblast", LocationKind.REGION)
    assert 49 < kursk.lat < 54 and 33 < kursk.lon < 39


def test_city_named_region_by_its_other_spelling() -> None:
    text = "The governor of the Bilhorod region reported drone strikes."
    (loc,) = _resolve(text, "Bilhorod")
    assert loc is not None and (loc.name, loc.kind) == ("Belgorod Oblast", LocationKind.REGION)


def test_demonym_span_resolves_to_country() -> None:
    text = "Sudanese officials met Egyptian mediators."
    sd, eg = _resolve(text, "Sudanese", "Egyptian")
    assert (sd.country_code, eg.country_code) == ("SD", "EG")


def test_bad_spans_give_none() -> None:
    assert resolve_places("abc", [(5, 9), (2, 1)]) == [None, None]
    assert resolve_places("", []) == []
    assert _resolve("Zzyqxville was quiet.", "Zzyqxville") == [None]


# --- context ---------------------------------------------------------------------------


def test_same_name_resolved_by_nearby_country() -> None:
    gaz = gazetteer()
    countries = {gaz.record(i).country_code for i, _ in gaz.lookup("paris")}
    assert {"FR", "US"} <= countries
    fr = _resolve("Protests spread in Paris, France, on Sunday.", "Paris", "France")[0]
    tx = _resolve("A tornado hit Paris, Texas, and nearby Dallas.", "Paris", "Texas", "Dallas")[0]
    assert fr is not None and fr.country_code == "FR"
    assert tx is not None and tx.country_code == "US"


def test_same_name_resolved_by_region() -> None:
    gaz = gazetteer()
    names = [gaz.record(i) for i, _ in gaz.lookup("mikhaylovka")]
    assert len({r.admin1_key for r in names}) > 3
    text = "Troops advanced on Mikhaylovka, Kursk region, according to the ministry."
    loc = _resolve(text, "Mikhaylovka", "Kursk region")[0]
    assert loc is not None and loc.admin1 == "Kursk Oblast"


def test_region_cue_picks_region_and_bare_name_picks_city() -> None:
    text = "Drones struck Kursk overnight; the Kursk region governor said."
    city, region = _resolve(text, "Kursk", "Kursk region")
    assert city.kind == LocationKind.SETTLEMENT
    assert region.kind == LocationKind.REGION


# --- component -------------------------------------------------------------------------


def test_component_finds_mislabelled_places(nlp) -> None:
    found = _places(
        nlp, "Kyiv said its troops entered the Kursk region and took the town of Sudzha."
    )
    by_text = {t: (name, kind) for t, name, kind, _ in found}
    assert by_text["Kursk region"] == ("Kursk Oblast", LocationKind.REGION)
    assert by_text["Sudzha"] == ("Sudzha", LocationKind.SETTLEMENT)


def test_component_region_lists(nlp) -> None:
    found = _places(nlp, "Alerts sounded in the regions of Kursk, Belgorod, and Bryansk.")
    assert [(t, k) for t, _, k, _ in found] == [
        ("Kursk", LocationKind.REGION),
        ("Belgorod", LocationKind.REGION),
        ("Bryansk", LocationKind.REGION),
    ]
    found = _places(nlp, "Volunteers crossed into the Kursk and Belgorod regions at night.")
    assert [(t, n) for t, n, _, _ in found] == [
        ("Kursk", "Kursk Oblast"),
        ("Belgorod", "Belgorod Oblast"),
    ]


def test_component_skips_non_places(nlp) -> None:
    text = (
        "Will Putin answer? Ukrainian forces and the Freedom of Russia Legion posted on "
        "Telegram in August."
    )
    texts = [t for t, *_ in _places(nlp, text)]
    for word in ("Will", "Putin", "Ukrainian", "Legion", "Telegram", "August", "Russia"):
        assert word not in texts


def test_component_keeps_unresolved_places(nlp) -> None:
    doc = nlp("Russian troops shelled the village of Zabrodnaya Qvorkivka near Kupiansk.")
    places = get_places(doc)
    unknown = [p for p in places if p.location.geonames_id is None]
    assert unknown, places
    assert unknown[0].location.id.startswith("place:")
    kupiansk = next(p.location for p in places if p.location.name == "Kupyansk")
    # Not in the gazetteer, but placed "near Kupiansk": it borrows that point, and says so.
    assert unknown[0].location.within == kupiansk.id
    assert (unknown[0].location.lat, unknown[0].location.lon) == (kupiansk.lat, kupiansk.lon)


def test_unknown_place_without_any_resolved_place_gets_no_point(nlp) -> None:
    doc = nlp("Gunmen attacked the village of Zabrodnaya Qvorkivka at dawn.")
    unknown = [p.location for p in get_places(doc)]
    assert unknown and all(loc.lat is None and loc.within is None for loc in unknown)


def test_local_features_borrow_the_point_of_their_container() -> None:
    text = (
        "Shells hit the Al-Nur Hospital in El Fasher on Tuesday. Residents of El Fasher "
        "fled to Abu Shouk Street and the Tawila market, west of the city."
    )
    hospital, town, street, market = _resolve(
        text, "Al-Nur Hospital", "El Fasher", "Abu Shouk Street", "Tawila market"
    )
    assert town is not None and town.country_code == "SD"
    for loc in (hospital, street):
        assert loc is not None
        assert loc.id.startswith("place:") and loc.geonames_id is None
        assert loc.kind == LocationKind.FEATURE
        assert loc.within == town.id and (loc.lat, loc.lon) == (town.lat, town.lon)
    assert hospital.name == "Al-Nur Hospital"


def test_possessive_and_comma_attach_a_feature_to_its_town() -> None:
    text = "Protesters gathered in Yangon's Hledan Junction and at Kyaikkasan Ground, Yangon."
    spans = [
        (m.start(), m.end()) for m in re.finditer(r"Yangon|Hledan Junction|Kyaikkasan Ground", text)
    ]
    _, junction, ground, yangon = resolve_places(text, spans, min_confidence=PIPELINE)
    assert yangon is not None and yangon.country_code == "MM"
    assert junction is not None and junction.within is not None
    assert ground is not None and ground.within == junction.within == yangon.id
    assert ground.country_code == "MM"


def test_component_spans_index_text(nlp) -> None:
    text = "RSF fighters attacked El Fasher in North Darfur State, Sudan."
    doc = nlp(text)
    for p in get_places(doc):
        assert text[p.start : p.end] == p.text
    names = {p.location.name for p in get_places(doc)}
    assert {"North Darfur", "Sudan"} <= names


def test_namesake_outside_the_named_region_is_left_unresolved() -> None:
    # Demidov (Smolensk region) was once called Porechye; a Porech "in the Belgorod region"
    # is another, smaller place the gazetteer does not hold.
    text = "Drone footage showed the village of Porech, Belgorod region, after the raid."
    porech, region = _resolve(text, "Porech", "Belgorod region")
    assert region is not None and region.name == "Belgorod Oblast"
    # Not Demidov: only the region it is said to lie in, as an approximate point.
    assert porech is not None and porech.geonames_id is None
    assert (porech.id, porech.kind, porech.within) == (
        "place:porech",
        LocationKind.SETTLEMENT,
        region.id,
    )


def test_adjectival_region_names_have_their_town_stem() -> None:
    gaz = gazetteer()
    kinds = {(gaz.record(i).name, gaz.record(i).kind_name) for i, _ in gaz.lookup("leningrad")}
    assert ("Leningrad Oblast", "region") in kinds
    # No invented stem: "Kurskaya" gives "Kursk", never "Kur".
    assert all(gaz.record(i).kind_name != "region" for i, _ in gaz.lookup("kur"))


def test_fuzzy_spelling_found_within_the_articles_country() -> None:
    text = "Warships patrolled off Yemen; the strikes hit targets near Hodeidah in Yemen."
    loc = _resolve(text, "Hodeidah")[0]
    assert loc is not None
    assert (loc.country_code, loc.kind) == ("YE", LocationKind.SETTLEMENT)


def test_alternate_name_far_from_the_article_is_doubted() -> None:
    # "Boni" is an old alternate name of Bonn; in an article about Mali it is not Bonn.
    text = "Militants attacked Boni, between Douentza and Hombori, in Mali."
    loc = _resolve(text, "Boni", "Douentza", "Hombori", "Mali")[0]
    assert loc is None or loc.country_code == "ML"
    loc = _resolve("Militants attacked Boni in Mali.", "Boni", "Mali")[0]
    assert loc is None or loc.country_code == "ML"


def test_short_country_name_chosen_by_its_neighbours() -> None:
    text = "Rebels entered Goma, the capital of North Kivu, in eastern Congo."
    congo = _resolve(text, "Goma", "North Kivu", "Congo")[2]
    assert congo is not None and congo.country_code == "CD"


def test_region_code_read_in_the_articles_country() -> None:
    text = "Wildfires near Kamloops and Kelowna forced evacuations across BC this week."
    bc = _resolve(text, "Kamloops", "Kelowna", "BC")[2]
    assert bc is not None and (bc.name, bc.kind) == ("British Columbia", LocationKind.REGION)


def test_capital_preferred_to_namesakes_and_dateline_is_a_city() -> None:
    text = "WASHINGTON (AP) - Officials in Washington said the talks would go on."
    dateline, city = _resolve(text, "WASHINGTON", "Washington")
    assert dateline.kind == city.kind == LocationKind.SETTLEMENT
    assert city.admin1 == "District of Columbia"


def test_component_keeps_introduced_and_repeated_unknown_names(nlp) -> None:
    text = (
        "Shelling hit the village of Zabrodnaya Qvorkivka at dawn. By noon, residents said, "
        "Zabrodnaya Qvorkivka had been evacuated."
    )
    places = [p for p in get_places(nlp(text)) if p.text == "Zabrodnaya Qvorkivka"]
    assert len(places) == 2
    assert {p.location.id for p in places} == {"place:zabrodnaya-qvorkivka"}
    assert places[0].location.kind == LocationKind.SETTLEMENT


def test_component_takes_objects_of_conflict_verbs_and_headlines(nlp) -> None:
    found = _places(nlp, "Witnesses said the militia looted Zalingei before dawn.")
    assert [(t, c) for t, _, _, c in found] == [("Zalingei", "SD")]
    found = _places(nlp, "Army Pushes Toward Pokrovsk As Kyiv Rushes Reserves East")
    assert {t for t, *_ in found} >= {"Pokrovsk", "Kyiv"}


def test_metropolis_short_name_beats_its_state() -> None:
    text = "Diplomats met on Tuesday in New York to discuss the ceasefire."
    (loc,) = _resolve(text, "New York")
    assert (loc.name, loc.kind) == ("New York City", LocationKind.SETTLEMENT)


# --- spelling variants must agree with the article -----------------------------------------


def test_variant_namesake_in_another_country_is_not_taken() -> None:
    text = "Militants ambushed a convoy near Boulkessi in central Mali on Sunday."
    boulkessi, mali = _resolve(text, "Boulkessi", "Mali")
    assert mali is not None and mali.country_code == "ML"
    assert boulkessi is None or (boulkessi.geonames_id is None and boulkessi.country_code != "RS")


def test_variant_in_the_articles_country_is_kept() -> None:
    text = "Drones hit Kabkabiya and Um Kadada in North Darfur, Sudan, on Friday."
    kabkabiya, um_kadada, _, _ = _resolve(text, "Kabkabiya", "Um Kadada", "North Darfur", "Sudan")
    assert kabkabiya is not None and kabkabiya.country_code == "SD" and kabkabiya.geonames_id
    assert um_kadada is not None and um_kadada.country_code == "SD" and um_kadada.geonames_id


def test_far_namesakes_by_spelling_stay_out_of_a_myanmar_article() -> None:
    text = "The army shelled Mansi and Bhamo in Kachin State, Myanmar, residents said."
    mansi, bhamo, kachin, _ = _resolve(text, "Mansi", "Bhamo", "Kachin State", "Myanmar")
    assert bhamo is not None and bhamo.country_code == "MM"
    assert kachin is not None and kachin.country_code == "MM"
    assert mansi is None or mansi.country_code == "MM"


def test_sahel_variant_with_competing_namesakes_is_left_unresolved() -> None:
    text = "Jihadists overran the army post at Mansila, in Burkina Faso, on Sunday."
    mansila, burkina = _resolve(text, "Mansila", "Burkina Faso")
    assert burkina is not None and burkina.country_code == "BF"
    assert mansila is None or mansila.country_code == "BF"


def test_capital_speaking_for_its_government_is_not_a_place(nlp) -> None:
    text = "Moscow denied the report, while drones struck Kharkiv and Kyiv on Tuesday."
    places = {p.text for p in get_places(nlp(text))}
    assert "Moscow" not in places
    assert {"Kharkiv", "Kyiv"} <= places


def test_feature_named_after_a_state_lies_in_the_articles_town() -> None:
    text = "Police sealed off the Oklahoma State Hospital in Tulsa after a bomb threat."
    hospital, tulsa = _resolve(text, "Oklahoma State Hospital", "Tulsa")
    assert tulsa is not None and tulsa.country_code == "US"
    assert hospital is not None and hospital.within == tulsa.id
    assert hospital.name == "Oklahoma State Hospital" and hospital.kind == LocationKind.FEATURE


def test_unknown_name_in_an_article_clustered_on_one_town_borrows_its_point() -> None:
    text = "Shelling hit El Fasher again on Monday; families from Daraja Awla fled the city."
    town, quarter = _resolve(text, "El Fasher", "Daraja Awla")
    assert town is not None and town.country_code == "SD"
    assert quarter is not None and quarter.geonames_id is None and quarter.within == town.id


def test_unknown_name_in_a_scattered_article_stays_without_a_point() -> None:
    text = "Envoys flew from Nairobi, Cairo and Doha to meet Qorvantu elders last week."
    *capitals, unknown = _resolve(text, "Nairobi", "Cairo", "Doha", "Qorvantu")
    assert all(c is not None for c in capitals)
    assert unknown is None


def test_component_finds_named_features_and_places_them(nlp) -> None:
    text = (
        "Drones struck Al-Ahli Hospital in Gaza City, and jets bombed Hnin Si village "
        "in Sagaing Region."
    )
    places = {p.text: p.location for p in get_places(nlp(text))}
    hospital, city = places["Al-Ahli Hospital"], places["Gaza City"]
    assert hospital.id == "place:al-ahli-hospital" and hospital.kind == LocationKind.FEATURE
    assert hospital.within == city.id and hospital.lat == city.lat
    village = places["Hnin Si"]
    assert village.kind == LocationKind.SETTLEMENT and village.country_code == "MM"
    assert village.within is not None and village.geonames_id is None


def test_doubled_consonant_before_a_digraph_keeps_the_variant_key() -> None:
    from conflictnews._ids import fold
    from conflictnews.places._translit import variant_key

    assert variant_key(fold("Судджа")) == variant_key(fold("Sudzha")) == variant_key(fold("Suja"))
    assert variant_key(fold("Suddzha")) != variant_key(fold("Shuya"))


def test_peoples_are_not_places(nlp) -> None:
    found = _places(nlp, "Tuareg rebels and Fulani herders clashed near Kidal on Sunday.")
    assert [name for name, *_ in found] == ["Kidal"]
    assert resolve_places("The Rohingya fled.", [(4, 12)]) == [None]
