"""The claims component on sentences written for these tests, with hand-set places and actors."""

from __future__ import annotations

import datetime as dt

import pytest
from _claim_helpers import claims_of, names, parse, summary
from spacy.language import Language

from conflictnews.models import ActorKind, LocationKind
from conflictnews.pipeline import load_pipeline

S = LocationKind.SETTLEMENT
R = LocationKind.REGION
ARMED = ActorKind.ARMED_GROUP
MIL = ActorKind.MILITARY
TOWNS = {"Kalma": S, "Dorra": S, "Umm Sidr": S, "Bir Nahal": S, "Tawila": S}
REGIONS = {"Wadi Kora": R}


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_pipeline()


def read(nlp: Language, text: str, **kw):  # type: ignore[no-untyped-def]
    places = {**TOWNS, **REGIONS, **kw.pop("places", {})}
    actors = {"RSF": ARMED, "SAF": MIL, **kw.pop("actors", {})}
    return parse(nlp, text, places=places, actors=actors, **kw)


# -- each event family -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "event", "place"),
    [
        ("Rebel fighters captured the town of Kalma.", "capture", "kalma"),
        ("The RSF seized Dorra on Sunday.", "capture", "dorra"),
        ("The RSF took control of Kalma.", "capture", "kalma"),
        ("Militiamen took over Dorra.", "capture", "dorra"),
        ("The SAF lost control of Kalma.", "capture", "kalma"),
        ("Kalma remains under the control of the RSF.", "control", "kalma"),
        ("Government troops crossed into Dorra.", "enter", "dorra"),
        ("The militia entered Kalma.", "enter", "kalma"),
        ("Gunmen attacked an army post near Dorra.", "attack", "dorra"),
        ("Fighters launched an assault on Kalma.", "attack", "kalma"),
        ("Heavy shelling of Dorra continued.", "strike", "dorra"),
        ("A drone attack hit a market in Kalma.", "strike", "kalma"),
        ("Explosions were heard in Dorra.", "strike", "dorra"),
        ("The garrison withdrew from Kalma.", "withdraw", "kalma"),
        ("Soldiers fled Dorra.", "withdraw", "dorra"),
        ("Soldiers repelled an assault on Dorra.", "repel", "dorra"),
        ("Fighters destroyed the bridge in Kalma.", "destroy", "kalma"),
        ("At least 12 people were killed in Dorra.", "casualties", "dorra"),
    ],
)
def test_event_families(nlp: Language, sentence: str, event: str, place: str) -> None:
    got = [(e, p) for e, p, _, _ in summary(read(nlp, sentence))]
    assert got == [(event, place)]


def test_repel_is_not_also_an_attack(nlp: Language) -> None:
    events = [e for e, *_ in summary(read(nlp, "Soldiers repelled an attack on Kalma."))]
    assert events == ["repel"]


def test_lists_expand_one_claim_per_place(nlp: Language) -> None:
    got = summary(read(nlp, "Explosions were reported in Kalma, Dorra, Tawila and Bir Nahal."))
    assert {p for _, p, _, _ in got} == {"kalma", "dorra", "tawila", "bir-nahal"}
    assert {e for e, *_ in got} == {"strike"}


def test_container_region_is_not_a_second_place(nlp: Language) -> None:
    got = summary(read(nlp, "The RSF captured the village of Kalma in the Wadi Kora region."))
    assert [(e, p) for e, p, _, _ in got] == [("capture", "kalma")]


def test_place_only_named_as_origin_gives_no_claim(nlp: Language) -> None:
    assert summary(read(nlp, "A man from Kalma spoke to reporters about the weather.")) == []


def test_relative_where_points_to_the_place(nlp: Language) -> None:
    got = summary(read(nlp, "The RSF entered Wadi Kora, where they seized several villages."))
    assert ("capture", "wadi-kora", "asserted", None) in got
    assert ("enter", "wadi-kora", "asserted", None) in got


def test_the_town_points_to_the_last_town(nlp: Language) -> None:
    doc = read(nlp, "Fighters reached Kalma on Monday. Hours later they captured the town.")
    assert [(e, p) for e, p, _, _ in summary(doc)] == [("capture", "kalma")]


def test_intent_and_future_give_no_claim(nlp: Language) -> None:
    assert summary(read(nlp, "The RSF vowed to capture Kalma.")) == []
    assert summary(read(nlp, "The SAF will attack Dorra next week.")) == []


def test_questions_give_no_claim(nlp: Language) -> None:
    assert summary(read(nlp, "Did the RSF capture Kalma?")) == []


# -- attribution -------------------------------------------------------------------------


def test_claimant_in_the_same_sentence(nlp: Language) -> None:
    got = summary(read(nlp, "The SAF said its troops had repelled an RSF assault on Dorra."))
    assert got == [("repel", "dorra", "asserted", "SAF")]


def test_article_voice_has_no_claimant(nlp: Language) -> None:
    assert summary(read(nlp, "The RSF captured Kalma on Sunday.")) == [
        ("capture", "kalma", "asserted", None)
    ]


def test_according_to(nlp: Language) -> None:
    doc = read(nlp, "According to local activists, the RSF shelled Tawila on Monday.")
    (claim,) = claims_of(doc)
    assert claim.event.value == "strike"
    assert "activists" in (names(doc, claim.claimant) or "")


def test_passive_report_keeps_source_of_previous_sentence(nlp: Language) -> None:
    doc = read(
        nlp,
        "According to the RSF, its drones struck Kalma. Explosions were also reported in Dorra.",
    )
    got = summary(doc)
    assert ("strike", "dorra", "asserted", "RSF") in got


def test_quote_followed_by_attribution(nlp: Language) -> None:
    doc = read(
        nlp,
        '"Our forces have taken full control of Kalma and the villages around it," the RSF said.',
    )
    assert summary(doc) == [("capture", "kalma", "asserted", "RSF")]


def test_embedded_post_author_is_claimant(nlp: Language) -> None:
    text = (
        "Militia report\n"
        "Our fighters have entered Dorra this morning. pic.twitter.com/abc123— Kora Monitor "
        "(@koramonitor) May 4, 2024\n"
    )
    doc = read(nlp, text)
    (claim,) = claims_of(doc)
    assert claim.event.value == "enter"
    assert names(doc, claim.claimant) and "Kora" in (names(doc, claim.claimant) or "")
    assert claim.date == "2024-05-04"


def test_document_source_is_the_claimant(nlp: Language) -> None:
    doc = read(nlp, "Footage published by the RSF shows that its fighters entered Tawila.")
    assert summary(doc) == [("enter", "tawila", "asserted", "RSF")]


# -- stance ------------------------------------------------------------------------------


def test_denial_pointing_back(nlp: Language) -> None:
    doc = read(nlp, "The RSF said it had captured Kalma. The SAF denied this.")
    assert summary(doc) == [
        ("capture", "kalma", "asserted", "RSF"),
        ("capture", "kalma", "denied", "SAF"),
    ]


def test_rejecting_a_version_of_events(nlp: Language) -> None:
    doc = read(
        nlp, "The RSF said it had seized Dorra. The SAF rejected the RSF's version of events."
    )
    assert ("capture", "dorra", "denied", "SAF") in summary(doc)


def test_denial_in_the_same_sentence(nlp: Language) -> None:
    doc = read(
        nlp, "Activists said the RSF had entered Kalma, although the RSF denied the reports."
    )
    got = summary(doc)
    assert ("enter", "kalma", "denied", "RSF") in got
    assert any(s == "asserted" and e == "enter" for e, _, s, _ in got)


def test_direct_denial_that(nlp: Language) -> None:
    doc = read(nlp, "The SAF denied that the RSF had captured Dorra.")
    assert summary(doc) == [("capture", "dorra", "denied", "SAF")]


def test_unconfirmed_pointing_back(nlp: Language) -> None:
    doc = read(
        nlp, "The RSF said it had seized Tawila. The claim could not be independently verified."
    )
    got = summary(doc)
    assert ("capture", "tawila", "unconfirmed", None) in got
    unconfirmed = [c for c in claims_of(doc) if c.stance.value == "unconfirmed"]
    assert all(c.hedged for c in unconfirmed)


def test_no_confirmation_of_a_named_event(nlp: Language) -> None:
    doc = read(nlp, "There has been no official confirmation of the capture of Kalma.")
    assert summary(doc) == [("capture", "kalma", "unconfirmed", None)]


def test_pointer_with_nothing_before_gives_nothing(nlp: Language) -> None:
    assert summary(read(nlp, "The SAF denied this.")) == []


# -- hedging -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "Rebels reportedly entered Kalma.",
        "Soldiers are said to have withdrawn from Kalma.",
        "The RSF has allegedly captured Kalma.",
        "Some channels suggest that the RSF entered Kalma.",
        "A video purportedly shows the destruction of the bridge in Kalma.",
    ],
)
def test_hedged(nlp: Language, sentence: str) -> None:
    claims = claims_of(read(nlp, sentence))
    assert claims and all(c.hedged for c in claims)


def test_plain_statement_is_not_hedged(nlp: Language) -> None:
    claims = claims_of(read(nlp, "The SAF said it repelled an attack on Kalma."))
    assert claims and not any(c.hedged for c in claims)


# -- dates -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "date", "date_text"),
    [
        ("The RSF captured Kalma on Sunday.", "2024-06-09", "Sunday"),
        ("The RSF captured Kalma yesterday.", "2024-06-10", "yesterday"),
        ("The RSF captured Kalma on 3 June.", "2024-06-03", "3 June"),
        ("In May 2023, the RSF captured Kalma.", "2023-05", "May 2023"),
        ("The RSF captured Kalma last week.", "2024-06", "last week"),
        ("On Tuesday (June 4), the RSF captured Kalma.", "2024-06-04", "Tuesday (June 4)"),
    ],
)
def test_dates_against_published(nlp: Language, sentence: str, date: str, date_text: str) -> None:
    (claim,) = claims_of(read(nlp, sentence, published=dt.date(2024, 6, 11)))
    assert (claim.date, claim.date_text) == (date, date_text)


def test_year_less_date_without_anchor_keeps_words(nlp: Language) -> None:
    (claim,) = claims_of(read(nlp, "On 6 August, the RSF captured Kalma."))
    assert claim.date is None
    assert claim.date_text == "6 August"


def test_date_stated_in_article_anchors(nlp: Language) -> None:
    text = "Kalma, 12.03.2024\nThe RSF captured Dorra on Sunday."
    claims = [c for c in claims_of(read(nlp, text)) if "dorra" in c.places[0]]
    assert [c.date for c in claims] == ["2024-03-10"]


# -- furniture ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "See also  How the RSF captured Kalma",
        "Read more: RSF captures Kalma",
        "Related: Shelling in Dorra",
        "#Kalma #Dorra #attack",
    ],
)
def test_furniture_lines_give_no_claims(nlp: Language, line: str) -> None:
    text = f"Fighting news\nThe SAF repelled an attack on Tawila.\n{line}\nLeave a Reply\n"
    got = summary(read(nlp, text))
    assert {p for _, p, _, _ in got} == {"tawila"}


# -- evidence and ACLED ------------------------------------------------------------------


def test_evidence_offsets_cover_event_and_place(nlp: Language) -> None:
    text = "Residents said on Monday that the RSF had shelled Umm Sidr for hours."
    doc = read(nlp, text)
    (claim,) = claims_of(doc)
    evidence = doc.text[claim.start : claim.end]
    assert "shelled" in evidence and "Umm Sidr" in evidence
    assert claim.text == text


@pytest.mark.parametrize(
    ("sentence", "types"),
    [
        ("The RSF captured Kalma.", ("Battles", "Non-state actor overtakes territory")),
        ("The SAF recaptured Kalma.", ("Battles", "Government regains territory")),
        ("Gunmen attacked an army post near Dorra.", ("Battles", "Armed clash")),
        ("A drone strike hit Dorra.", ("Explosions/Remote violence", "Air/drone strike")),
        (
            "The SAF said artillery fire and shelling hit Dorra.",
            ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
        ),
    ],
)
def test_acled_types(nlp: Language, sentence: str, types: tuple[str, str]) -> None:
    (claim,) = claims_of(read(nlp, sentence))
    assert (claim.acled_event_type, claim.acled_sub_event_type) == types


def test_empty_and_blank_text(nlp: Language) -> None:
    assert claims_of(read(nlp, "   \n ")) == []


# -- other wars' vocabulary --------------------------------------------------------------

WARS_PLACES = {
    "Rafah": S, "Khan Younis": S, "Jabalia": S, "Boulkessi": S, "Djibo": S, "Menaka": S,
    "Paletwa": S, "Lashio": S, "Rakhine State": R, "El Fasher": S, "Zamzam": S,
}  # fmt: skip
WARS_ACTORS = {
    "IDF": MIL, "Hamas": ARMED, "JNIM": ARMED, "FAMa": MIL, "Arakan Army": ARMED,
    "junta": MIL, "MNDAA": ARMED, "Wagner": ARMED,
}  # fmt: skip


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "The IDF said its aircraft struck a Hamas command centre in Rafah overnight.",
            [("strike", "rafah", "asserted", "IDF")],
        ),
        (
            "An Israeli airstrike on a house in Jabalia killed at least 20 people, medics said.",
            [
                ("strike", "jabalia", "asserted", "medics"),
                ("casualties", "jabalia", "asserted", "medics"),
            ],
        ),
        (
            "Hamas said its fighters ambushed an Israeli unit in Khan Younis.",
            [("attack", "khan-younis", "asserted", "Hamas")],
        ),
        (
            "JNIM claimed that it had seized the military camp at Boulkessi.",
            [("capture", "boulkessi", "asserted", "JNIM")],
        ),
        (
            "The FAMa denied that jihadists had captured Djibo.",
            [("capture", "djibo", "denied", "FAMa")],
        ),
        (
            "Jihadists attacked a convoy near Menaka on Friday, the army said.",
            [("attack", "menaka", "asserted", "army")],
        ),
        (
            "The Arakan Army said it had seized the town of Paletwa after weeks of fighting.",
            # The fighting was at Paletwa too: the guidelines count it as a claim there.
            [
                ("capture", "paletwa", "asserted", "Arakan Army"),
                ("attack", "paletwa", "asserted", "Arakan Army"),
            ],
        ),
        (
            "The MNDAA took control of Lashio, according to local media.",
            [("capture", "lashio", "asserted", "local media")],
        ),
        (
            "Junta troops withdrew from several bases in Rakhine State.",
            [("withdraw", "rakhine-state", "asserted", None)],
        ),
        (
            "Local activists reported drone strikes on the Zamzam camp.",
            [("strike", "zamzam", "asserted", "activists")],
        ),
    ],
)
def test_other_wars(nlp: Language, sentence: str, expected: list[tuple]) -> None:  # type: ignore[type-arg]
    doc = read(nlp, sentence, places=WARS_PLACES, actors=WARS_ACTORS)
    got = [(e, p, s, c) for e, p, s, c in summary(doc)]
    assert [(e, p, s) for e, p, s, _ in got] == [(e, p, s) for e, p, s, _ in expected]
    for (_, _, _, claimant), (_, _, _, wanted) in zip(got, expected, strict=True):
        if wanted is None:
            assert claimant is None
        else:
            assert claimant is not None and wanted.lower() in claimant.lower()


def test_junta_denies_pointing_back(nlp: Language) -> None:
    text = "The Arakan Army said it had captured Paletwa. The junta denied the reports."
    got = summary(read(nlp, text, places=WARS_PLACES, actors=WARS_ACTORS))
    assert got == [
        ("capture", "paletwa", "asserted", "Arakan Army"),
        ("capture", "paletwa", "denied", "junta"),
    ]


# -- layout ------------------------------------------------------------------------------


def test_section_labels_give_no_claims_but_headlines_do(nlp: Language) -> None:
    text = (
        "RSF seizes Kalma after long siege\n"
        "The SAF repelled an attack on Tawila on Monday.\n"
        "Offensive near Dorra\n"
        "Residents described the week.\n"
    )
    got = {(e, p) for e, p, _, _ in summary(read(nlp, text))}
    assert ("capture", "kalma") in got
    assert ("repel", "tawila") in got
    assert not any(p == "dorra" for _, p in got)


def test_place_given_later_by_a_clause_of_location(nlp: Language) -> None:
    doc = read(nlp, "Analysts studied footage of a destroyed tank and confirmed it was near Dorra.")
    got = summary(doc)
    assert [(e, p) for e, p, _, _ in got] == [("destroy", "dorra")]
    assert got[0][3] is not None and "Analysts" in got[0][3]


def test_subject_read_on_its_own_line(nlp: Language) -> None:
    text = (
        "Rebels gain ground in the east\n"
        "Journalists from Kora Radio confirmed that the RSF entered Kalma.\n"
    )
    doc = read(nlp, text, actors={"Kora Radio": ActorKind.MEDIA})
    assert ("enter", "kalma", "asserted", "Kora Radio") in summary(doc)


def test_region_setting_beside_a_town_is_not_a_claim(nlp: Language) -> None:
    text = "In Wadi Kora, JNIM fighters ambushed a convoy near Kalma on Friday."
    got = summary(read(nlp, text, actors={"JNIM": ARMED}))
    assert [(e, p) for e, p, _, _ in got] == [("attack", "kalma")]


def test_region_and_town_listed_together_are_both_claims(nlp: Language) -> None:
    text = "Explosions were reported in the Wadi Kora region and in the town of Kalma."
    got = {(e, p) for e, p, _, _ in summary(read(nlp, text))}
    assert got == {("strike", "wadi-kora"), ("strike", "kalma")}


def test_clause_after_the_report_is_not_reported(nlp: Language) -> None:
    text = "The RSF shelled Kalma, activists said, as SAF troops pushed into Dorra."
    got = summary(read(nlp, text))
    assert ("strike", "kalma", "asserted", "activists") in [
        (e, p, s, c and c.lower()) for e, p, s, c in got
    ]
    assert ("enter", "dorra", "asserted", None) in got


def test_place_inside_a_force_name_is_not_a_place(nlp: Language) -> None:
    text = "Drone strikes hit the Kalma Brigade headquarters near Dorra."
    doc = read(nlp, text, actors={"Kalma Brigade": ARMED})
    assert [(e, p) for e, p, _, _ in summary(doc)] == [("strike", "dorra")]


@pytest.mark.parametrize(
    ("text", "claimant"),
    [
        ("The RSF wrote on Telegram that its fighters had entered Tawila.", "RSF"),
        ('"Our fighters entered Tawila at dawn," reads a post from the RSF on Telegram.', "RSF"),
        ("The SAF said in a statement that its troops had entered Tawila.", "SAF"),
        ("Its fighters entered Tawila on Monday, the RSF announced.", "RSF"),
    ],
)
def test_reporting_constructions(nlp: Language, text: str, claimant: str) -> None:
    got = summary(read(nlp, text))
    assert [(e, p, c) for e, p, _, c in got] == [("enter", "tawila", claimant)]


@pytest.mark.parametrize(
    ("text", "stance"),
    [
        (
            "The RSF said it had seized Kalma. No other source has confirmed this.",
            "unconfirmed",
        ),
        (
            "The RSF said it had seized Kalma. Reuters could not independently verify the claims.",
            "unconfirmed",
        ),
        ("The RSF said it had seized Kalma. There was no official confirmation.", "unconfirmed"),
        ("The RSF said it had seized Kalma. The SAF dismissed these reports.", "denied"),
        ("The RSF said it had seized Kalma, but the SAF rejected the claim.", "denied"),
    ],
)
def test_stance_pointing_back(nlp: Language, text: str, stance: str) -> None:
    got = summary(read(nlp, text, actors={"Reuters": ActorKind.MEDIA}))
    assert got[0] == ("capture", "kalma", "asserted", "RSF")
    assert [(e, p, s) for e, p, s, _ in got[1:]] == [("capture", "kalma", stance)]


def test_a_people_doing_a_military_act_stands_for_its_forces(nlp: Language) -> None:
    doc = read(
        nlp,
        "Israelis entered Rafah on Monday.",
        places=WARS_PLACES,
        actors={"Israelis": ActorKind.POPULATION},
    )
    (claim,) = claims_of(doc)
    assert claim.agent == "actor:israel-defense-forces"


@pytest.mark.parametrize(
    "sentence",
    [
        "Residents fled Kalma on Monday.",
        "Doctors began a hunger strike in Dorra.",
        "Thousands of families left Tawila, aid workers said.",
        "A man from Kalma suffered a heart attack in Dorra.",
    ],
)
def test_civilian_and_non_military_events_give_no_claim(nlp: Language, sentence: str) -> None:
    assert summary(read(nlp, sentence)) == []


def test_claiming_responsibility_makes_the_claimant_the_agent(nlp: Language) -> None:
    text = "JNIM claimed responsibility for a raid on a military post near Menaka."
    doc = read(nlp, text, places=WARS_PLACES, actors=WARS_ACTORS)
    (claim,) = claims_of(doc)
    assert (claim.event.value, claim.claimant, claim.agent) == (
        "attack",
        "actor:jnim",
        "actor:jnim",
    )


def test_national_territory_is_the_country(nlp: Language) -> None:
    # "Malian" is read as Mali by the real places resolver (a demonym, not a hand-set place).
    doc = read(nlp, "The SAF denied that any battles are under way on Malian territory.")
    got = summary(doc)
    assert [(e, s, c) for e, _, s, c in got] == [("attack", "denied", "SAF")]
    assert "mali" in claims_of(doc)[0].places[0].lower() or claims_of(doc)[0].places[0].startswith(
        "geonames:"
    )


def test_while_fighting_is_a_backdrop(nlp: Language) -> None:
    text = "The units, while fighting in Kalma, have now crossed into Dorra."
    got = [(e, p) for e, p, _, _ in summary(read(nlp, text))]
    assert got == [("enter", "dorra")]
