"""Event triggers: the words and constructions that name an event, and the places the grammar
links them to. Sentences written for these tests, in several wars' vocabulary."""

from __future__ import annotations

import pytest
from _claim_helpers import parse, summary
from spacy.language import Language

from conflictnews.models import ActorKind, LocationKind
from conflictnews.pipeline import load_pipeline

S = LocationKind.SETTLEMENT
R = LocationKind.REGION
PLACES = {
    "Menaka": S,
    "Kalma": S,
    "Dorra": S,
    "Lashio": S,
    "Sittwe": S,
    "Bunia": S,
    "Sanaa": S,
    "Kherson": S,
    "Rafah": S,
    "Darfur": R,
    "Shan": R,
    "Chad": R,
    "Bahri": S,
    "Omdurman": S,
    "Khartoum": S,
    "Ombada": S,
    "Sudzha": S,
    "Kursk": R,
    "Moscow": S,
    "Axum": S,
    "Adwa": S,
    "Adigrat": S,
    "Dnipro": S,
    "Snihurivka": S,
    "Baar": S,
    "Somalia": LocationKind.COUNTRY,
    "Kismayo": S,
    "Grakove": S,
    "Singa": S,
    "Juba": S,
}
ACTORS = {
    "RSF": ActorKind.ARMED_GROUP,
    "MNDAA": ActorKind.ARMED_GROUP,
    "Houthi": ActorKind.ARMED_GROUP,
    "M23": ActorKind.ARMED_GROUP,
    "JNIM": ActorKind.ARMED_GROUP,
    "UNHCR": ActorKind.OTHER,
}


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_pipeline()


def events(nlp: Language, text: str) -> set[tuple[str, str]]:
    doc = parse(nlp, text, places=PLACES, actors=ACTORS)
    return {(event, place) for event, place, _stance, _claimant in summary(doc)}


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # take / fall with a place
        ("JNIM fighters took Menaka on Sunday.", ("capture", "menaka")),
        ("The MNDAA said it had taken Lashio after a two-week assault.", ("capture", "lashio")),
        ("Sittwe was taken by the Arakan Army in the spring.", ("capture", "sittwe")),
        ("Bunia fell on Thursday, residents said.", ("capture", "bunia")),
        ("Dorra, which fell to the RSF in May, is calm.", ("capture", "dorra")),
        ("The last army garrison outside Lashio had fallen by dawn.", ("capture", "lashio")),
        # description of who holds a place
        ("Jets struck targets in the rebel-held town of Dorra.", ("control", "dorra")),
        ("Missiles were fired from Houthi-controlled areas of Sanaa.", ("control", "sanaa")),
        ("Strikes hit the Houthi-held capital Sanaa overnight.", ("control", "sanaa")),
        ("Kherson, a Russian-occupied city, was shelled again.", ("control", "kherson")),
        ("Aid reached Kalma. The RSF-held town has had no power for weeks.", ("control", "kalma")),
        ("Dorra is back in government hands.", ("control", "dorra")),
        ("The garrison held out in Lashio for three months.", ("control", "lashio")),
        ("The army held on to its positions in Kalma.", ("control", "kalma")),
        ("The militia maintains control of most districts of Dorra.", ("control", "dorra")),
        ("Government troops retained control over Bunia airport.", ("control", "bunia")),
        # came under
        ("Most of Dorra came under RSF forces on Tuesday.", ("capture", "dorra")),
        ("The town of Rafah came under heavy fire overnight.", ("strike", "rafah")),
        # entry
        ("Commanders led troops into Kalma at dawn.", ("enter", "kalma")),
        ("Hundreds of militants infiltrated Menaka before the attack.", ("enter", "menaka")),
        ("M23 fighters reached the centre of Bunia on Monday.", ("enter", "bunia")),
        ("The RSF reached Kalma on Monday.", ("enter", "kalma")),
        # withdrawal, surrender, encirclement
        ("Government forces left Dorra on Monday night.", ("withdraw", "dorra")),
        ("More than 200 soldiers surrendered in Lashio.", ("other", "lashio")),
        ("Rebel units have encircled Kalma from three sides.", ("other", "kalma")),
        # casualties and destruction
        ("The fighting in Darfur has claimed thousands of lives.", ("casualties", "darfur")),
        ("The death toll in Rafah rose to 40.", ("casualties", "rafah")),
        ("Naval drones sank a patrol boat near Sittwe.", ("destroy", "sittwe")),
        ("Rebels shot down an army helicopter near Kalma.", ("destroy", "kalma")),
        ("Air defences downed a drone over Kalma.", ("destroy", "kalma")),
        # a munition brought down is an attack repelled
        ("Air defences downed a cruise missile over Kalma.", ("repel", "kalma")),
        ("Air defences intercepted two rockets over Sanaa.", ("repel", "sanaa")),
        ("Gunners shot down five missiles over Dorra.", ("repel", "dorra")),
        # more forms of the same events
        ("Residents of Kalma cheered as the soldiers moved in.", ("enter", "kalma")),
        ("The garrison in Dorra was under siege for two months.", ("attack", "dorra")),
        ("Barrel bombs dropped on several districts of Kalma.", ("strike", "kalma")),
        ("The brigade suffered heavy losses near Bunia.", ("casualties", "bunia")),
        ("Losses of personnel in Rafah were high, the army said.", ("casualties", "rafah")),
        (
            "Light Infantry Battalions 77 and 78 outside Lashio fell on Friday.",
            ("capture", "lashio"),
        ),
        (
            "The village of Sittwe came under some of the heaviest fire of the war.",
            ("strike", "sittwe"),
        ),
        ("Insurgents ransacked an army base in Menaka.", ("attack", "menaka")),
        ("The MNDAA defeated the last junta base in Lashio.", ("capture", "lashio")),
        (
            "The army has been reclaiming ground across several states, including Darfur.",
            ("capture", "darfur"),
        ),
        # who holds a place, described
        ("Menaka was an important base for Malian troops.", ("control", "menaka")),
        ("Kherson, a key Ukrainian stronghold, was shelled again.", ("control", "kherson")),
        ("Drones struck the rebel stronghold of Dorra.", ("control", "dorra")),
        ("The brigade has been defending Bunia since June.", ("control", "bunia")),
        ("The militia rules over Dorra.", ("control", "dorra")),
        ("Soldiers raised the national flag in Menaka.", ("control", "menaka")),
        # other events
        ("Army units have been operating in the area of Kalma.", ("other", "kalma")),
        ("Troops eliminated 10 armed militants in Kalma.", ("casualties", "kalma")),
        ("Three bombers blew themselves up at a checkpoint in Menaka.", ("strike", "menaka")),
        ("The militia was accused of burning houses in Dorra.", ("destroy", "dorra")),
        ("Footage showed a Russian flag flying over Kherson.", ("control", "kherson")),
        ("MNDAA territory in northern Shan has grown.", ("control", "shan")),
        ("The RSF's enclave in Dorra is shrinking.", ("control", "dorra")),
        # forces moved out
        ("Troops in a base in Dorra were dislodged after a gunfight.", ("withdraw", "dorra")),
        ("Troops in a camp in Dorra, 16km from Kalma, were dislodged.", ("withdraw", "dorra")),
        ("Troops pushed into the outskirts of Kalma.", ("enter", "kalma")),
        ("Tanks pushed into the centre of Rafah on Tuesday.", ("enter", "rafah")),
        ("US and British forces hit 13 targets in Sanaa.", ("strike", "sanaa")),
        ("Resistance fighters wrested control of Lashio from the junta.", ("capture", "lashio")),
        ("Survivors described the massacre in Menaka.", ("casualties", "menaka")),
        # linking: lists in apposition, parts of a place, "the battle for"
        (
            "The MNDAA seized large parts of Lashio, its neighbouring towns Sittwe and Menaka.",
            ("capture", "menaka"),
        ),
        (
            "The militia keeps control of neighbourhoods in the west of Kalma as well as the "
            "Dorra suburb.",
            ("control", "kalma"),
        ),
        ("Thousands of soldiers fell in the battle for Kalma.", ("attack", "kalma")),
        ("Dorra is under 100 percent control by the army.", ("control", "dorra")),
        ("Several villagers were hit by stray bullets in Bunia.", ("casualties", "bunia")),
        ("Fighting spread to Lashio, where the MNDAA is based.", ("control", "lashio")),
        ("Russian troops are stationed in Kherson.", ("control", "kherson")),
        # what "the base", "the village", "it" point back to
        (
            "Militants attacked the Baar military base in southern Somalia. Residents of "
            "Kismayo heard the blast. The fighters stormed the base and seized it.",
            ("capture", "baar"),
        ),
        (
            "Troops entered the village of Grakove on Friday. Officials said the troops took "
            "control of the village.",
            ("capture", "grakove"),
        ),
        (
            "The RSF took control of Dorra, the main town of Darfur. It said it had seized "
            "every ministry building in the city.",
            ("capture", "dorra"),
        ),
        (
            "Soldiers took complete control of Menaka, Kalma and the surrounding areas of Dorra.",
            ("capture", "dorra"),
        ),
        (
            "Marines pressed their assault on trenches along the Dnipro, including around the "
            "strategic town of Kalma.",
            ("attack", "kalma"),
        ),
        ("The soldiers in Kalma have been evacuated to Bunia.", ("withdraw", "kalma")),
        ("The army ousted the militants from Menaka.", ("capture", "menaka")),
        # the place the grammar points back to
        (
            "Fighting raged around a strategic town in Shan, a day after the MNDAA said it "
            "had captured it.",
            ("capture", "shan"),
        ),
        (
            "Rebels attacked the Kalma army base in Darfur. They took the base by noon.",
            ("capture", "kalma"),
        ),
    ],
)
def test_trigger_found(nlp: Language, sentence: str, expected: tuple[str, str]) -> None:
    assert expected in events(nlp, sentence)


@pytest.mark.parametrize(
    ("sentence", "unwanted"),
    [
        # idioms and non-military uses of the same words
        ("Talks took place in Menaka last week.", ("capture", "menaka")),
        ("Delegates took part in a conference in Dorra.", ("capture", "dorra")),
        ("Fuel prices fell in Kalma this month.", ("capture", "kalma")),
        ("The town of Dorra came under pressure to reopen schools.", ("capture", "dorra")),
        ("A UN delegation reached Bunia on Monday.", ("enter", "bunia")),
        ("UNHCR reached Bunia on Monday.", ("enter", "bunia")),
        ("The army withdrew from Dorra, facing the risk of being encircled.", ("other", "dorra")),
        ("Officials called the attack on Kalma a heinous massacre.", ("casualties", "kalma")),
        ("Residents of Kalma live in fear of an offensive.", ("attack", "kalma")),
        ("Thousands of residents left Dorra on Monday.", ("withdraw", "dorra")),
        ("Hundreds of families fled Kalma overnight.", ("withdraw", "kalma")),
        ("Farms in the districts surrounding Kalma were flooded.", ("other", "kalma")),
        ("Russian-controlled media in Kherson reported calm.", ("control", "kherson")),
        ("Stray bullets fell into homes in Kalma.", ("capture", "kalma")),
        (
            "Two children were hurt by stray bullets that fell into a courtyard in Kalma.",
            ("capture", "kalma"),
        ),
        ("The loss of Dorra was a blow to the army.", ("casualties", "dorra")),
        ("Economic losses in Bunia are mounting.", ("casualties", "bunia")),
        (
            "Several Houthi-controlled areas heard blasts, residents of Sanaa said.",
            ("control", "sanaa"),
        ),
        ("Sanaa came under pressure to reopen the airport.", ("capture", "sanaa")),
        ("Gunmen attacked the army base in Dorra.", ("control", "dorra")),
        ("Kalma was a base for aid agencies.", ("control", "kalma")),
        ("The new dam eliminated the risk of floods in Kalma.", ("casualties", "kalma")),
        ("Engineers are operating in the area of Rafah.", ("other", "rafah")),
        ("A flag hung in the school in Kalma.", ("control", "kalma")),
        ("Fighting took place on Russian territory near Kalma.", ("control", "kalma")),
        ("Aid workers evacuated civilians from Dorra.", ("withdraw", "dorra")),
        ("Ukrainian troops entered Sudzha, Kursk, on Tuesday.", ("enter", "kursk")),
        ("Rebels attacked Dorra, east of Kalma.", ("attack", "kalma")),
        ("UNHCR is based in Bunia.", ("control", "bunia")),
        ("A flag was flying at half mast over the ministry in Kalma.", ("control", "kalma")),
        ("Rebels seized Lashio and the trade routes with Shan.", ("capture", "shan")),
        ("Shelling hit villages along the border with Chad.", ("strike", "chad")),
        (
            "Militants attacked the Baar military base in southern Somalia. Residents of "
            "Kismayo heard the blast. The fighters stormed the base and seized it.",
            ("capture", "kismayo"),
        ),
        ("Two soldiers were killed in Kalma in shelling from Dorra.", ("casualties", "dorra")),
        (
            "The general ordered troops to leave Kherson, the only provincial capital Moscow held.",
            ("withdraw", "moscow"),
        ),
        ("The two neighbours have fought two wars over Darfur.", ("attack", "darfur")),
        ("Israel said its target was a leader of attacks in Rafah.", ("attack", "rafah")),
        ("Troops in a camp in Dorra, 16km from Kalma, were dislodged.", ("withdraw", "kalma")),
        ("Rebels attacked Dorra, some 30 miles away from Kalma.", ("attack", "kalma")),
        ("Fighters broke into their defences near Kalma.", ("enter", "kalma")),
        (
            "Rebels seized Kalma town in northern Darfur on Monday but soldiers recaptured it.",
            ("capture", "darfur"),
        ),
        # the taker named as a country is not the place taken
        (
            "Fighting raged around a strategic town in Shan, a day after Chad said it "
            "had captured it.",
            ("capture", "chad"),
        ),
        # "took A from B" takes A, not B
        ("The RSF took Kalma from army units based in Dorra.", ("capture", "dorra")),
    ],
)
def test_no_trigger(nlp: Language, sentence: str, unwanted: tuple[str, str]) -> None:
    assert unwanted not in events(nlp, sentence)


def test_took_a_from_b_captures_a(nlp: Language) -> None:
    found = events(nlp, "The RSF took Kalma from army units based in Dorra.")
    assert ("capture", "kalma") in found
