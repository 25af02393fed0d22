"""The ``conflictnews_actors`` component on sentences written for these tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc

from conflictnews.actors import actor_at, lookup_actor
from conflictnews.doc._mentions import ActorMention, PlaceMention, get_actors, set_places
from conflictnews.models import ActorKind, Location
from conflictnews.pipeline import extract, load_pipeline


@pytest.fixture(scope="module")
def nlp() -> Iterator[Language]:
    yield load_pipeline()


def _run_actors(
    nlp: Language,
    text: str,
    places: list[str] = (),  # type: ignore[assignment]
    country: str | None = None,
) -> list[ActorMention]:
    """Run the model and the actors component alone, with the given words as place mentions
    (in ``country``)."""
    doc: Doc = nlp.make_doc(text)
    for name, proc in nlp.pipeline:
        if name in ("conflictnews_actors", "conflictnews_claims"):
            continue
        if name == "conflictnews_places":
            mentions = []
            for place in places:
                start = text.find(place)
                while start >= 0:
                    loc = Location(id=f"place:{place.lower()}", name=place, country_code=country)
                    mentions.append(PlaceMention(start, start + len(place), place, loc))
                    start = text.find(place, start + 1)
            set_places(doc, mentions)
            continue
        doc = proc(doc)
    doc = nlp.get_pipe("conflictnews_actors")(doc)
    return get_actors(doc)


def _ids(mentions: list[ActorMention]) -> dict[str, str]:
    return {m.text: m.actor.id for m in mentions}


def _lex(name: str) -> str:
    actor = lookup_actor(name)
    assert actor is not None, name
    return actor.id


def test_variants_in_text_share_one_id(nlp: Language) -> None:
    text = (
        "Kyiv said Ukraine's army held the line, while Russia's defence ministry claimed that "
        "Russian troops had advanced. The Russian MoD gave no figures. Ukrainian forces later "
        "shelled a depot, the Armed Forces of Ukraine said."
    )
    found = _ids(_run_actors(nlp, text, ["Kyiv"]))
    afu, mod = _lex("Armed Forces of Ukraine"), _lex("Russian Ministry of Defence")
    assert found["Ukraine's army"] == afu
    assert found["Ukrainian forces"] == afu
    assert found["Armed Forces of Ukraine"] == afu
    assert found["Russia's defence ministry"] == mod
    assert found["Russian MoD"] == mod
    assert found["Russian troops"] == _lex("Russian army")


def test_quoted_and_reordered_names(nlp: Language) -> None:
    text = (
        'Fighters of the Legion "Freedom of Russia" crossed the border together with the '
        "Siberia Batallion. Later the Legion posted a video, and Andriy Yusuv of Ukrainian "
        "military intelligence said Yusov had no more details."
    )
    mentions = _run_actors(nlp, text)
    found = _ids(mentions)
    legion = _lex("Freedom of Russia Legion")
    assert found['Legion "Freedom of Russia"'] == legion
    assert found["Legion"] == legion
    assert found["Siberia Batallion"] == _lex("Siberian Battalion")
    assert found["Andriy Yusuv"] == _lex("Andriy Yusov")
    assert found["Yusov"] == _lex("Andriy Yusov")
    assert found["Ukrainian military intelligence"] == _lex("HUR")


def test_bare_head_noun_without_antecedent_is_not_an_actor(nlp: Language) -> None:
    text = "The Legion met in the town hall on Sunday. Nobody else was invited."
    mentions = _run_actors(nlp, text)
    assert all(m.text != "Legion" for m in mentions)


def test_pro_prefix_is_not_the_actor_itself(nlp: Language) -> None:
    mentions = _run_actors(nlp, "Pro-Russian forces shelled the bridge at dawn.")
    assert all(m.actor.id != _lex("Russian army") for m in mentions)


def test_places_are_not_actors(nlp: Language) -> None:
    text = (
        "Residents of Kursk said Sudzha was quiet. The governor of Kursk said a drone hit "
        "a depot near Sudzha. Reporters visited Kursk region on Monday."
    )
    mentions = _run_actors(nlp, text, ["Kursk", "Sudzha"])
    names = {m.text for m in mentions}
    assert not names & {"Kursk", "Sudzha", "Kursk region"}


def test_unknown_entities_get_slug_ids(nlp: Language) -> None:
    text = (
        "Marta Kowalczyk, a volunteer medic, said the Blue Ridge Brigade had left the camp. "
        "The Northern Shield Movement denied any role."
    )
    mentions = _run_actors(nlp, text)
    by_text = {m.text: m.actor for m in mentions}
    assert by_text["Marta Kowalczyk"].id == "actor:marta-kowalczyk"
    assert by_text["Marta Kowalczyk"].kind is ActorKind.PERSON
    orgs = [a for t, a in by_text.items() if "Brigade" in t or "Movement" in t]
    assert orgs, by_text
    for actor in orgs:
        assert actor.id.startswith("actor:") and actor.kind is ActorKind.ARMED_GROUP


def test_keep_unknown_off(nlp: Language) -> None:
    base = spacy.blank("en")
    base.add_pipe("conflictnews_actors", config={"keep_unknown": False})
    doc = base("Marta Kowalczyk said the RSF shelled the market.")
    assert [m.actor.id for m in get_actors(doc)] == [_lex("Rapid Support Forces")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The RSF said it had taken the army base, but the Sudanese army said its troops "
            "repelled the attack; Hemedti did not comment and Burhan visited the front.",
            ["RSF", "Sudanese army", "Hemedti", "Burhan"],
        ),
        (
            "The IDF said it struck a Hamas command post, while the Qassam Brigades claimed "
            "to have hit an Israeli tank; the Gaza health ministry reported casualties.",
            ["IDF", "Hamas", "Qassam Brigades", "Gaza health ministry"],
        ),
        (
            "JNIM fighters ambushed a FAMa convoy; the Malian army and Africa Corps "
            "mercenaries said they killed dozens, according to the Malian junta.",
            ["JNIM", "FAMa", "Malian army", "Africa Corps", "Malian junta"],
        ),
        (
            "The Arakan Army said it seized a base from the Tatmadaw, and the TNLA and "
            "MNDAA fought junta troops as People's Defence Force units advanced.",
            ["Arakan Army", "Tatmadaw", "TNLA", "MNDAA", "People's Defence Force"],
        ),
    ],
)
def test_other_wars(nlp: Language, text: str, expected: list[str]) -> None:
    found = _ids(_run_actors(nlp, text))
    for name in expected:
        ids = {actor_id for mention, actor_id in found.items() if name in mention}
        assert ids == {_lex(name)}, (name, found)


def test_extract_aggregates_aliases(nlp: Language) -> None:
    text = (
        "Frontline update\n"
        "Ukrainian troops pushed forward, the Ukrainian army said, while Russia's defence "
        "ministry said Russian forces repelled the assault."
    )
    result = extract(text, nlp=nlp)
    afu = next(a for a in result.actors if a.id == _lex("Ukrainian army"))
    assert {"Ukrainian troops", "Ukrainian army", "Ukrainian forces"} <= set(afu.aliases)
    mod = next(a for a in result.actors if a.id == _lex("Russian MoD"))
    assert "Russia's defence ministry" in mod.aliases
    assert len({a.id for a in result.actors}) == len(result.actors)


def test_actor_at(nlp: Language) -> None:
    text = "The FSB said the border was calm."
    doc = nlp(text)
    mention = actor_at(doc, text.index("FSB"), text.index("FSB") + 3)
    assert mention is not None and mention.actor.id == _lex("Federal Security Service")
    assert actor_at(doc, text.index("calm"), len(text)) is None


def test_definite_anaphor_needs_one_candidate(nlp: Language) -> None:
    one = "The Malian army said it repelled an attack. The army gave no casualty figures."
    found = _run_actors(nlp, one)
    assert [m.actor.id for m in found if m.text == "army"] == [_lex("Malian army")]
    two = "The Ukrainian army and the Russian army both claimed gains. The army said nothing."
    assert all(m.text != "army" for m in _run_actors(nlp, two))


def test_gazetteer_places_tagged_as_people_are_not_actors(nlp: Language) -> None:
    text = "Residents said shells fell on Rafah and Idlib overnight, and on Tal Abyad too."
    names = {m.text for m in _run_actors(nlp, text)}
    assert not names & {"Rafah", "Idlib", "Tal Abyad"}


def test_bracketed_acronym_names_the_same_actor(nlp: Language) -> None:
    text = "The Rapid Support Forces (RSF) said its units advanced, the Arakan Army (AA) too."
    mentions = _run_actors(nlp, text)
    assert {m.actor.id for m in mentions if "Support" in m.text or m.text == "RSF"} == {_lex("RSF")}
    assert all(m.text.count("(") == m.text.count(")") for m in mentions)


def test_lexicon_path_config(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "actors.json"
    path.write_text(
        '{"actors": [{"name": "Green Valley Militia", "kind": "armed_group", '
        '"side": "valley", "aliases": ["GVM"]}]}'
    )
    base = spacy.blank("en")
    base.add_pipe("conflictnews_actors", config={"lexicon_path": str(path)})
    doc = base("The GVM said the Green Valley militia held the pass, and the RSF did not.")
    found = [(m.text, m.actor.id, m.actor.side) for m in get_actors(doc)]
    assert found == [
        ("GVM", "actor:green-valley-militia", "valley"),
        ("Green Valley militia", "actor:green-valley-militia", "valley"),
    ]


def test_peoples_and_adjectives(nlp: Language) -> None:
    text = "Ukrainians fled west. Sudanese officials said Israelis and Palestinians met."
    by_text = {m.text: m.actor for m in _run_actors(nlp, text)}
    assert by_text["Ukrainians"].kind is ActorKind.POPULATION
    assert "Sudanese" not in by_text


def test_surname_alone_names_the_person_an_entity_introduced(nlp: Language) -> None:
    text = (
        "Tomasz Wieczorek, a local farmer, said he saw the convoy. Wieczorek added that "
        "the trucks drove south."
    )
    ids = {m.text: m.actor.id for m in _run_actors(nlp, text)}
    assert ids["Wieczorek"] == "actor:tomasz-wieczorek"
    assert ids["Tomasz Wieczorek"] == "actor:tomasz-wieczorek"


@pytest.fixture(scope="module")
def blank() -> Language:
    base = spacy.blank("en")
    base.add_pipe("conflictnews_actors")
    return base


@pytest.mark.parametrize("text", ["", "\n\n", "⚡️🇺🇦 ???", "RSF " * 3000, "(((\"'«"])
def test_odd_input_gives_no_error(blank: Language, text: str) -> None:
    mentions = get_actors(blank(text))
    assert all(text[m.start : m.end] == m.text for m in mentions)


def test_no_actor_from_part_of_a_longer_name(nlp: Language) -> None:
    text = (
        "Officials in Saudi Arabia said talks would resume. Troops of the Nigerian Army "
        "moved north, the channel (Vesna, or Spring) TV said."
    )
    mentions = _run_actors(nlp, text)
    assert all(m.actor.id != _lex("Al Arabiya") for m in mentions)
    army = [m.text for m in mentions if m.actor.id == _lex("Nigerian Army")]
    assert army == ["Nigerian Army"]
    assert all(")" not in m.text for m in mentions)


def test_unknown_organisations_are_not_people(nlp: Language) -> None:
    text = "The Harbour Rowing Society said its boats were lost in the storm."
    actors = [m.actor for m in _run_actors(nlp, text) if "Rowing" in m.text]
    assert actors and all(a.kind is not ActorKind.PERSON for a in actors)


def test_definite_anaphor_falls_back_to_the_state_of_the_article_places(nlp: Language) -> None:
    text = (
        "Rebels said they had taken Hpakant and Bhamo after heavy fighting. The junta "
        "denied it, and the military said its troops still held Bhamo."
    )
    found = {m.text: m.actor.id for m in _run_actors(nlp, text, ["Hpakant", "Bhamo"], "MM")}
    assert found["junta"] == _lex("Myanmar junta")
    assert found["military"] == _lex("Tatmadaw")
    # Without places in one country, nothing is guessed.
    assert all(m.text != "junta" for m in _run_actors(nlp, text))


def test_named_army_wins_over_the_country_fallback(nlp: Language) -> None:
    text = (
        "Russian forces and the Ukrainian army clashed near Vovchansk and Lyptsi. "
        "The army said it held the line."
    )
    mentions = _run_actors(nlp, text, ["Vovchansk", "Lyptsi"], "UA")
    assert all(m.text != "army" for m in mentions)


def test_titles_before_one_word_names(nlp: Language) -> None:
    text = "Israeli PM Netanyahu met Gen. Burhan, while Sheikh Qassem spoke on television."
    found = {m.text: m.actor.id for m in _run_actors(nlp, text)}
    assert found.get("Netanyahu") == _lex("Benjamin Netanyahu")
    assert found.get("Burhan") == _lex("Abdel Fattah al-Burhan")


def test_the_paramilitary(nlp: Language) -> None:
    text = (
        "RSF paramilitaries shelled the market on Friday. The paramilitary said it had "
        "targeted army positions."
    )
    found = [(m.text, m.actor.id) for m in _run_actors(nlp, text)]
    assert ("paramilitary", _lex("RSF")) in found
