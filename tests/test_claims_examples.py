"""Claims read by the whole pipeline from the sample articles in examples/ (written for this
project), one per war: Sudan, Gaza, the Sahel, Myanmar."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.language import Language

from conflictnews.models import Extraction
from conflictnews.pipeline import extract, load_pipeline

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_pipeline()


def read(nlp: Language, name: str) -> Extraction:
    return extract((EXAMPLES / name).read_text(encoding="utf-8"), nlp=nlp)


def rows(result: Extraction) -> list[tuple[str, str, str, str | None, bool]]:
    """(event, place mention, stance, claimant name, hedged) of each claim."""
    places = {loc.id: loc for loc in result.locations}
    actors = {a.id: a for a in result.actors}
    out = []
    for claim in result.claims:
        assert result.article.text[claim.start : claim.end].strip()
        assert claim.claimant is None or claim.claimant in actors
        assert claim.agent is None or claim.agent in actors
        place = places[claim.places[0]]
        mention = place.mentions[0] if place.mentions else place.name
        claimant = None
        if claim.claimant:  # the name and every alias the article used
            actor = actors[claim.claimant]
            claimant = " | ".join([actor.name, *actor.aliases])
        out.append((claim.event.value, mention, claim.stance.value, claimant, claim.hedged))
    return out


def has(got: list, event: str, place: str, stance: str, claimant: str | None) -> bool:  # type: ignore[type-arg]
    for e, p, s, c, _ in got:
        if (e, s) == (event, stance) and place in p:
            if claimant is None and c is None:
                return True
            if claimant is not None and c is not None and claimant.lower() in c.lower():
                return True
    return False


def test_sudan_claim_and_rejection(nlp: Language) -> None:
    got = rows(read(nlp, "02_el_fasher_sudan.txt"))
    assert has(got, "capture", "El Fasher", "asserted", "Rapid Support")
    assert has(got, "capture", "El Fasher", "denied", "Sudanese Armed Forces")
    assert has(got, "control", "El Fasher", "asserted", "Sudanese Armed Forces")
    assert has(got, "strike", "Abu Shouk", "asserted", "activists")


def test_sudan_quote_and_denial(nlp: Language) -> None:
    got = rows(read(nlp, "07_sudan_el_fasher_denial.txt"))
    assert has(got, "enter", "El Fasher", "asserted", "Rapid Support")
    assert has(got, "enter", "El Fasher", "denied", "Sudanese Armed Forces")


def test_gaza_strike_and_toll(nlp: Language) -> None:
    result = read(nlp, "04_gaza_strike.txt")
    got = rows(result)
    assert has(got, "strike", "Gaza", "asserted", "health")
    assert has(got, "casualties", "Gaza", "asserted", "health")
    strikes = [c for c in result.claims if c.event.value == "strike"]
    assert any(c.acled_sub_event_type == "Air/drone strike" for c in strikes)


def test_sahel_ambush_claim_and_denial(nlp: Language) -> None:
    got = rows(read(nlp, "06_sahel_ambush.txt"))
    assert has(got, "attack", "Boulkessi", "asserted", "Malian")
    assert has(got, "capture", "Boulkessi", "asserted", "Nusrat")
    assert has(got, "capture", "Boulkessi", "denied", "Malian")
    hedged = [h for e, p, _, _, h in got if e == "attack" and "Ogossagou" in p]
    assert hedged == [True]


def test_myanmar_seizure_and_denial(nlp: Language) -> None:
    got = rows(read(nlp, "05_myanmar_arakan.txt"))
    assert has(got, "capture", "Paletwa", "asserted", "Arakan Army")
    assert has(got, "capture", "Paletwa", "denied", "junta")
    assert has(got, "strike", "Kyauktaw", "asserted", "media")


def test_no_claims_from_furniture(nlp: Language) -> None:
    text = (
        "Army retakes Dorra\n"
        "The army said on Monday it had recaptured the town of Dorra.\n"
        "See also  How militants captured the town of Kalma\n"
        "Leave a Reply\n"
        "Your email address will not be published.\n"
    )
    result = extract(text, nlp=nlp)
    furniture_start = text.index("See also")
    assert result.claims
    assert all(c.end <= furniture_start for c in result.claims)
