"""Actor lexicon and the library functions: lookup, resolution, ids. No spaCy model needed."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conflictnews.actors import actor_by_id, lookup_actor, military_of, resolve_actor
from conflictnews.actors._lexicon import default_lexicon, read_lexicon
from conflictnews.errors import InvalidInputError, LexiconError
from conflictnews.models import ActorKind


def _id(name: str) -> str | None:
    actor = lookup_actor(name)
    return actor.id if actor else None


@pytest.mark.parametrize(
    "variants",
    [
        [
            "Armed Forces of Ukraine",
            "Ukrainian forces",
            "Ukrainian army",
            "Ukrainian troops",
            "Ukrainian military",
            "ZSU",
            "Ukraine's army",
            "the Ukrainian Army",
        ],
        ["Russian Armed Forces", "Russian forces", "Russian troops", "Putin's army", "Putins army"],
        [
            "Russian Ministry of Defense",
            "Russian Ministry of Defence",
            "Russian MoD",
            "Russia's defence ministry",
            "Russian Defense Ministry",
            "Ministry of Defence of Russia",
        ],
        ["FSB", "Federal Security Service", "Russian Federal Security Service"],
        [
            "HUR",
            "Main Intelligence Directorate of Ukraine",
            "Ukrainian military intelligence",
            "Ukraine's military intelligence",
        ],
        [
            "Freedom of Russia Legion",
            'Legion "Freedom of Russia"',
            "Legion «Freedom of Russia»",
            "Russia Legion for Freedom",
            "Freedom Army for Russia",
        ],
        ["Russian Volunteer Corps", "RDK", "Volunteer Corps of Russia"],
        ["Siberian Battalion", "Siberia Batallion", "Siberian Batallion"],
        ["Andriy Yusov", "Andrey Yusov", "Andriy Yusuv", "Andrii Yusov"],
        ["Volodymyr Zelensky", "Zelenskyy", "Zelenskiy", "Volodymyr Zelenskyy"],
        ["Rapid Support Forces", "RSF", "Rapid Support Force"],
        ["Sudanese Armed Forces", "SAF", "Sudanese army", "Sudan's army"],
        ["Mohamed Hamdan Dagalo", "Hemedti", "Mohammed Hamdan Dagalo"],
        ["Israel Defense Forces", "IDF", "Israeli army", "Israel Defence Forces"],
        ["Izz ad-Din al-Qassam Brigades", "Qassam Brigades", "al-Qassam Brigades"],
        ["Houthis", "Ansar Allah", "Houthi rebels", "Yemen's Houthis"],
        ["JNIM", "Jama'at Nusrat al-Islam wal-Muslimin", "Jamaat Nusrat al-Islam wal-Muslimin"],
        ["Malian Armed Forces", "FAMa", "Malian army", "Mali's army"],
        ["Tatmadaw", "Myanmar military", "Burmese army", "Myanmar's military"],
        ["Arakan Army", "the Arakan Army"],
        ["Al-Shabaab", "al-Shabab", "al Shabaab"],
        ["RBC-Ukraine", "RBK-Ukraine", "RBC Ukraine"],
        ["Radio Free Europe/Radio Liberty", "Radio Svoboda", "Radio Liberty", "RFE/RL"],
    ],
)
def test_variants_merge_into_one_lexicon_actor(variants: list[str]) -> None:
    ids = {_id(v) for v in variants}
    assert len(ids) == 1, {v: _id(v) for v in variants}
    assert None not in ids


def test_different_actors_stay_apart() -> None:
    assert _id("Ukrainian army") != _id("Russian army")
    assert _id("Russian Ministry of Defence") != _id("Ukrainian Ministry of Defence")
    assert _id("Siberian Battalion") != _id("Russian Volunteer Corps")
    assert _id("Hamas") != _id("Qassam Brigades")


def test_acronyms_keep_their_case() -> None:
    assert lookup_actor("SAF") is not None
    assert lookup_actor("saf") is None
    assert lookup_actor("mod") is None


def test_lookup_unknown_or_blank_is_none() -> None:
    assert lookup_actor("the village council of Nowhere") is None
    assert lookup_actor("") is None
    assert lookup_actor("   ") is None


def test_one_misspelling_needs_an_exact_partner_word() -> None:
    # "Siberia" alone is a place and must not become the battalion.
    assert lookup_actor("Siberia") is None
    assert lookup_actor("Batallion") is None


def test_lexicon_actors_carry_kind_and_side() -> None:
    afu = lookup_actor("Ukrainian troops")
    assert afu is not None
    assert afu.kind is ActorKind.MILITARY and afu.side == "ukraine"
    rsf = lookup_actor("RSF")
    assert rsf is not None and rsf.kind is ActorKind.ARMED_GROUP and rsf.side == "rsf"
    reuters = lookup_actor("Reuters")
    assert reuters is not None and reuters.kind is ActorKind.MEDIA
    assert "Ukrainian forces" in afu.aliases


@pytest.mark.parametrize(
    ("name", "kind", "actor_id"),
    [
        ("local authorities", ActorKind.GOVERNMENT, "actor:local-authorities"),
        ("Some media outlets", ActorKind.MEDIA, "actor:media-outlets"),
        ("Some channels", ActorKind.MEDIA, "actor:channels"),
        ("residents", ActorKind.POPULATION, "actor:residents"),
        ("Russians", ActorKind.POPULATION, "actor:russians"),
        ("pro-Ukrainian partisans", ActorKind.ARMED_GROUP, "actor:pro-ukrainian-partisans"),
        ("the governor of the region", ActorKind.OFFICIAL, "actor:governor-of-the-region"),
        ("Marta Kowalczyk", ActorKind.PERSON, "actor:marta-kowalczyk"),
        ("several eyewitnesses", ActorKind.POPULATION, "actor:eyewitnesses"),
    ],
)
def test_resolve_unknown_names(name: str, kind: ActorKind, actor_id: str) -> None:
    actor = resolve_actor(name)
    assert actor.id == actor_id
    assert actor.kind is kind
    assert name in [actor.name, *actor.aliases]
    assert actor_by_id(actor_id) == actor


def test_resolve_is_stable_and_uses_kind_hint() -> None:
    assert resolve_actor("Some media outlets").id == resolve_actor("media outlets").id
    hinted = resolve_actor("the Blue Crescent", kind_hint=ActorKind.MILITARY)
    assert hinted.kind is ActorKind.MILITARY
    assert hinted.id == "actor:blue-crescent"
    # A cue word in the name outweighs the hint.
    cued = resolve_actor("several partisan groups", kind_hint=ActorKind.MILITARY)
    assert cued.kind is ActorKind.ARMED_GROUP


def test_resolve_prefers_lexicon() -> None:
    actor = resolve_actor("Ukraine's troops", kind_hint=ActorKind.POPULATION)
    assert actor.id == _id("Armed Forces of Ukraine")
    assert actor.kind is ActorKind.MILITARY


def test_resolve_short_name_in_context() -> None:
    legion = resolve_actor("Freedom of Russia Legion")
    yusov = resolve_actor("Andrey Yusov")
    corps = resolve_actor("Russian Volunteer Corps")
    context = [legion, yusov, corps]
    assert resolve_actor("Legion", context=context).id == legion.id
    assert resolve_actor("the Legion", context=context).id == legion.id
    assert resolve_actor("Yusov", context=context).id == yusov.id
    assert resolve_actor("Corps", context=context).id == corps.id
    # Two legions in context: a bare "Legion" is neither.
    two = [legion, resolve_actor("Georgian Legion")]
    assert resolve_actor("Legion", context=two).id not in {a.id for a in two}


def test_resolve_rejects_blank() -> None:
    with pytest.raises(InvalidInputError):
        resolve_actor("  ")


def test_actor_by_id() -> None:
    fsb = lookup_actor("FSB")
    assert fsb is not None
    assert actor_by_id(fsb.id) == fsb
    assert actor_by_id("actor:never-seen-anywhere-xyz") is None


def test_shipped_lexicon_is_consistent() -> None:
    lexicon = default_lexicon()
    assert len(lexicon.actors) >= 200
    assert lexicon.collisions == []
    kinds = {a.kind for a in lexicon.actors.values()}
    assert {ActorKind.MILITARY, ActorKind.ARMED_GROUP, ActorKind.MEDIA} <= kinds
    sides = {a.side for a in lexicon.actors.values()}
    assert {"ukraine", "russia", "sudan-saf", "rsf", "israel", "hamas", "jnim"} <= sides
    for actor in lexicon.actors.values():
        assert actor.id.startswith("actor:")
        # Every listed alias finds its own actor (or is shared, which collisions forbid).
        for alias in actor.aliases:
            found = lexicon.lookup(alias)
            assert found is not None and found.id == actor.id, (actor.id, alias)


def test_custom_lexicon_file(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "lex.json"
    path.write_text(
        json.dumps({"actors": [{"name": "Blue Army", "kind": "military", "aliases": ["BA"]}]})
    )
    lexicon = read_lexicon(path)
    found = lexicon.lookup("the blue army")
    assert found is not None and found.id == "actor:blue-army"


@pytest.mark.parametrize(
    "content",
    [
        "not json",
        json.dumps({"actors": [{"kind": "military"}]}),
        json.dumps({"actors": [{"name": "X", "kind": "wizard"}]}),
        json.dumps({"actors": [{"name": "X"}, {"name": "X"}]}),
        json.dumps({"actors": "nope"}),
    ],
)
def test_malformed_lexicon_raises(tmp_path, content: str) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "bad.json"
    path.write_text(content)
    with pytest.raises(LexiconError):
        read_lexicon(path)


def test_missing_lexicon_raises(tmp_path) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(LexiconError):
        read_lexicon(tmp_path / "absent.json")


def test_long_names_get_bounded_stable_ids() -> None:
    name = "the committee of " + " ".join(f"village{i}" for i in range(60))
    first, second = resolve_actor(name), resolve_actor(name)
    assert first.id == second.id
    assert len(first.id) <= len("actor:") + 80
    assert not first.id.endswith("-")


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Hemedti's forces", None),
        ("RSF's", "Rapid Support Forces"),
        ("THE ISRAELI ARMY", "Israel Defense Forces"),
        ("the Houthi", "Houthis"),
        ("Netanyahu", "Benjamin Netanyahu"),
        ("Min Aung Hlaing", "Min Aung Hlaing"),
        ("M23 rebels", "M23"),
        ("Congolese army", "Armed Forces of the Democratic Republic of the Congo"),
        ("Ethiopian troops", "Ethiopian National Defense Force"),
        ("al-Shabaab militants", "Al-Shabaab"),
        ("Burkinabe army", "Armed Forces of Burkina Faso"),
        ("Nigerien army", "Armed Forces of Niger"),
        ("Reuters news agency", "Reuters"),
        ("the Institute for the Study of War", "Institute for the Study of War"),
    ],
)
def test_names_from_many_wars(name: str, expected: str | None) -> None:
    actor = lookup_actor(name)
    assert (actor.name if actor else None) == expected


def test_title_before_a_known_person() -> None:
    peskov = lookup_actor("Dmitry Peskov")
    assert peskov is not None
    assert resolve_actor("Kremlin spokesman Dmitry Peskov").id == peskov.id
    yusov = resolve_actor("Ukrainian military intelligence spokesman Andriy Yusuv")
    assert yusov.name == "Andriy Yusov"
    # An organisation at the end is not the same actor as its spokesman.
    assert resolve_actor("a spokesman for the FSB").id == "actor:spokesman-for-the-fsb"


@pytest.mark.parametrize(
    ("people", "forces"),
    [
        ("Ukrainians", "Armed Forces of Ukraine"),
        ("Russians", "Russian Armed Forces"),
        ("Israelis", "Israel Defense Forces"),
        ("Sudanese", "Sudanese Armed Forces"),
        ("Malians", "Malian Armed Forces"),
    ],
)
def test_military_of_a_people(people: str, forces: str) -> None:
    found = military_of(resolve_actor(people))
    assert found is not None and found.name == forces


def test_military_of_other_actors_is_none() -> None:
    assert military_of(resolve_actor("residents")) is None
    fsb = lookup_actor("FSB")
    assert fsb is not None and military_of(fsb) is None


_ACTORS = sorted(default_lexicon().actors.values(), key=lambda a: a.id)


@settings(max_examples=150, deadline=None)
@given(st.sampled_from(_ACTORS), st.data())
def test_any_alias_with_determiner_or_other_case_finds_its_actor(actor, data) -> None:  # type: ignore[no-untyped-def]
    alias = data.draw(st.sampled_from([actor.name, *actor.aliases]))
    assert lookup_actor("the " + alias) == actor
    if not any(c.isupper() for c in alias[1:]):
        # Only names without acronyms may change case.
        assert lookup_actor(alias.upper()) == actor
        assert lookup_actor(alias.lower().capitalize()) == actor


@given(st.text(max_size=60))
def test_resolve_never_crashes(name: str) -> None:
    if not name.strip():
        with pytest.raises(InvalidInputError):
            resolve_actor(name)
        return
    actor = resolve_actor(name)
    assert actor.id.startswith("actor:") and actor.id == resolve_actor(name).id


def test_context_actor_names_win() -> None:
    custom = resolve_actor("Green Valley Militia")
    custom = custom.model_copy(update={"aliases": ["GVM"], "id": "actor:gvm-custom"})
    assert resolve_actor("the GVM", context=[custom]).id == "actor:gvm-custom"
    assert resolve_actor("GVM").id != "actor:gvm-custom"


@pytest.mark.parametrize(
    "variants",
    [
        ["Ethiopian National Defence Forces", "Ethiopian National Defense Force"],
        ["pro-Turkish fighters", "Turkish-backed factions", "Ankara-backed rebels"],
        ["Syrian Observatory for Human Rights", "OSDH"],
        ["Government of National Accord", "Government of National Agreement", "GNA"],
    ],
)
def test_plural_spelling_and_patron_forms_merge(variants: list[str]) -> None:
    assert len({_id(v) for v in variants}) == 1
    assert _id(variants[0]) is not None


@pytest.mark.parametrize(
    ("first", "same", "other"),
    [
        ("pro-Iranian militias", ["Tehran-backed militias", "Iran-backed militia"], "Iran militia"),
        ("Moscow-backed separatists", ["pro-Russian separatists"], "Russian separatists"),
        ("pro-government militias", ["government-backed militia"], "government militias"),
    ],
)
def test_patron_forms_of_an_unknown_group_are_one_actor_in_an_article(
    first: str, same: list[str], other: str
) -> None:
    named = resolve_actor(first)
    for name in same:
        assert resolve_actor(name, context=[named]).id == named.id
    assert resolve_actor(other, context=[named]).id != named.id
