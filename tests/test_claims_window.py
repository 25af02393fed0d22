"""An event that the grammar links to no place takes the place its sentence, or the sentence
before, names (`conflictnews.claims._window`); never a speaker, an owner or a dateline."""

from __future__ import annotations

import pytest
from _claim_helpers import claims_of, parse
from spacy.language import Language
from spacy.tokens import Doc

from conflictnews.claims import ClaimExtractor
from conflictnews.doc._mentions import get_claims
from conflictnews.models import ActorKind, LocationKind
from conflictnews.pipeline import load_pipeline

S = LocationKind.SETTLEMENT
C = LocationKind.COUNTRY
PLACES = {
    "Kalma": S,
    "Dorra": S,
    "Bir Nahal": S,
    "Tawila": S,
    "Pyin Oo": S,
    "DORRA": S,
    "Ruritania": C,
}
ACTORS = {"RSF": ActorKind.ARMED_GROUP, "the militia": ActorKind.ARMED_GROUP}


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_pipeline()


def events_at(doc: Doc) -> set[tuple[str, str]]:
    return {(c.event.value, c.places[0].removeprefix("place:")) for c in claims_of(doc)}


def read(nlp: Language, text: str) -> Doc:
    return parse(nlp, text, places=PLACES, actors=ACTORS)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The place is the subject that witnessed the event, not linked to the event word.
        ("Dorra has witnessed heavy clashes for a week.", ("attack", "dorra")),
        # A toll in the next sentence, with no place of its own.
        (
            "Militia fighters stormed a checkpoint outside Pyin Oo on Tuesday. "
            "Two policemen were wounded, a local official said.",
            ("casualties", "pyin-oo"),
        ),
        # The sentence before names the town; this one tells what happened there.
        (
            "Government troops reached Bir Nahal on Friday. "
            "They later clashed with the militia for several hours.",
            ("attack", "bir-nahal"),
        ),
    ],
)
def test_event_takes_the_place_of_its_window(
    nlp: Language, text: str, expected: tuple[str, str]
) -> None:
    assert expected in events_at(read(nlp, text))


def test_two_sentences_back_is_out_of_the_window(nlp: Language) -> None:
    doc = read(
        nlp,
        "Government troops reached Bir Nahal on Friday. Aid lorries were turned back. "
        "They later clashed with the militia for several hours.",
    )
    assert ("attack", "bir-nahal") not in events_at(doc)


def test_a_country_in_the_sentence_before_does_not_carry_over(nlp: Language) -> None:
    doc = read(nlp, "The war in Ruritania began in 2019. Thousands have been killed.")
    assert not any(c.event.value == "casualties" for c in claims_of(doc))


def test_two_towns_in_the_sentence_before_leave_the_event_unplaced(nlp: Language) -> None:
    doc = read(
        nlp,
        "Convoys left Kalma and Tawila at dawn. Several soldiers were killed.",
    )
    assert not any(c.event.value == "casualties" for c in claims_of(doc))


@pytest.mark.parametrize(
    "text",
    [
        # A country that speaks is its government, not the setting.
        "Ruritania said dozens of fighters were killed.",
        # A place in the description of the speaker.
        "A monitor based in Dorra said dozens of fighters were killed.",
        # A dateline says where the story was filed.
        "Fighting in the north\nDORRA, Ruritania - Dozens of fighters were killed, officials said.",
    ],
)
def test_speakers_and_datelines_are_not_settings(nlp: Language, text: str) -> None:
    assert not any(
        c.event.value == "casualties" and c.places[0] in ("place:dorra", "place:ruritania")
        for c in claims_of(read(nlp, text))
    )


def test_reaching_back_can_be_turned_off(nlp: Language) -> None:
    text = (
        "Government troops reached Bir Nahal on Friday. "
        "They later clashed with the militia for several hours."
    )
    doc = read(nlp, text)
    assert ("attack", "bir-nahal") in events_at(doc)
    own_sentence_only = ClaimExtractor(window_reach_back=False)
    doc = own_sentence_only(doc)
    assert ("attack", "bir-nahal") not in {
        (c.event.value, c.places[0].removeprefix("place:")) for c in get_claims(doc)
    }


@pytest.mark.parametrize(
    ("text", "expected", "not_expected"),
    [
        # A nationality on the weapon says whose strike it was, not where it hit.
        ("A Ruritania airstrike hit a market in Dorra.", ("strike", "dorra"), "ruritania"),
        # The sea only says which port: the claim is at the port town.
        (
            "Missiles struck the Ruritania Sea port of Kalma overnight.",
            ("strike", "kalma"),
            "ruritania-sea",
        ),
        # A force's nationality.
        ("Rebels overran the Ruritania junta base in Tawila.", ("capture", "tawila"), "ruritania"),
    ],
)
def test_a_place_that_only_qualifies_a_noun_is_no_claim_place(
    nlp: Language, text: str, expected: tuple[str, str], not_expected: str
) -> None:
    doc = parse(nlp, text, places={**PLACES, "Ruritania Sea": LocationKind.FEATURE}, actors=ACTORS)
    found = events_at(doc)
    assert expected in found
    assert not_expected not in {place for _, place in found}


def test_a_place_naming_its_event_is_the_setting(nlp: Language) -> None:
    doc = read(nlp, "Dozens died in the Dorra offensive, the army said.")
    assert ("attack", "dorra") in events_at(doc)


def test_the_fighting_that_led_to_a_capture_was_at_that_place(nlp: Language) -> None:
    found = events_at(read(nlp, "The RSF seized Dorra after fierce clashes with the army."))
    assert {("capture", "dorra"), ("attack", "dorra")} <= found


@pytest.mark.parametrize(
    "text",
    [
        # A backdrop is not an event at the place of the sentence.
        "Amid the invasion, the militia held Dorra.",
        # A risk or a threat of an attack is a forecast.
        "Officials warned that Dorra faces the risk of a renewed attack.",
    ],
)
def test_backdrops_and_risks_are_no_claims_of_their_own(nlp: Language, text: str) -> None:
    found = events_at(read(nlp, text))
    assert not {event for event, _ in found} & {"enter", "attack"}


def test_an_event_noun_about_something_else_takes_no_place_from_around_it(
    nlp: Language,
) -> None:
    doc = read(
        nlp,
        "The militia captured Dorra on Sunday. Its commander hailed the fall of the regime.",
    )
    captures = [c for c in claims_of(doc) if c.event.value == "capture"]
    assert len(captures) == 1


def test_a_relative_clause_on_the_event_word_places_it(nlp: Language) -> None:
    doc = read(nlp, "Witnesses described air strikes that destroyed a bakery in Dorra.")
    assert ("strike", "dorra") in events_at(doc)


def test_no_details_of_casualties_is_no_claim(nlp: Language) -> None:
    doc = read(nlp, "Gunmen attacked a base in Dorra. There were no details on casualties.")
    assert ("casualties", "dorra") not in events_at(doc)
    assert ("attack", "dorra") in events_at(doc)


def test_a_toll_as_a_town_is_stormed_is_at_that_town(nlp: Language) -> None:
    doc = read(nlp, "Six people were killed as militia fighters stormed Tawila on Monday.")
    assert ("casualties", "tawila") in events_at(doc)


def test_the_city_in_a_province_is_the_town_named_before(nlp: Language) -> None:
    doc = parse(
        nlp,
        "Rebels said jets struck Dorra at dawn. Later, jets bombed a market of the city "
        "in the south of Kora Province.",
        places={**PLACES, "Kora Province": LocationKind.REGION},
        actors=ACTORS,
    )
    strikes = {place for event, place in events_at(doc) if event == "strike"}
    assert strikes == {"dorra"}


def test_the_main_event_named_again_further_on_keeps_its_place(nlp: Language) -> None:
    doc = read(
        nlp,
        "Jets bombed a market in Dorra on Monday. The army denied it. Aid groups called for "
        "calm. The United Nations urged restraint. Markets stayed shut. A monitor said the "
        "bombing killed 23 people.",
    )
    assert ("casualties", "dorra") in events_at(doc)


@pytest.mark.parametrize(
    "text",
    [
        "The army made the decision to withdraw from Dorra on Sunday.",
        "The commander ordered his troops to withdraw from Dorra.",
    ],
)
def test_a_decision_or_order_to_pull_out_is_a_withdrawal(nlp: Language, text: str) -> None:
    assert ("withdraw", "dorra") in events_at(read(nlp, text))


def test_an_order_to_capture_is_still_no_capture(nlp: Language) -> None:
    doc = read(nlp, "The commander ordered his troops to capture Dorra.")
    assert not any(event == "capture" for event, _ in events_at(doc))


def test_a_surrender_does_not_take_the_place_of_the_sentence_before(nlp: Language) -> None:
    doc = read(
        nlp,
        "Government troops reached Bir Nahal on Friday. Many of the militia's fighters have "
        "surrendered, a commander said.",
    )
    assert not any(event == "other" for event, _ in events_at(doc))


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        # Where something was said is not where it happened.
        (
            "The minister told a meeting in Tawila that the offensive had begun.",
            ("attack", "tawila"),
        ),
        # Where the fire came from is not where it killed.
        ("Two villagers were killed by fire from Kalma, officials said.", ("casualties", "kalma")),
        # A failed attempt is no capture.
        ("The militia failed to take Dorra in May.", ("capture", "dorra")),
    ],
)
def test_places_that_are_not_the_events(nlp: Language, text: str, absent: tuple[str, str]) -> None:
    assert absent not in events_at(read(nlp, text))


def test_the_attack_named_again_after_an_air_strike_is_that_strike(nlp: Language) -> None:
    doc = read(
        nlp,
        "An air strike hit a school in Dorra on Thursday. Officials condemned the attack.",
    )
    assert {event for event, place in events_at(doc) if place == "dorra"} == {"strike"}


def test_the_city_is_the_town_not_the_square_named_last(nlp: Language) -> None:
    doc = parse(
        nlp,
        "Rebels reached Dorra at dawn and gathered in Freedom Square. By noon a resident said "
        "the rebels were in control of the city.",
        places={**PLACES, "Freedom Square": LocationKind.FEATURE},
        actors=ACTORS,
    )
    controls = {place for event, place in events_at(doc) if event in ("control", "capture")}
    assert controls == {"dorra"}
