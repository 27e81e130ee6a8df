"""Groups named by class nouns, peoples named by an adjective, and organisations, pipelines
and self-declared states the rule files name.

Every text here is written for the test, in both languages; each case is a pattern news uses
everywhere, not a sentence of the bundled articles.
"""

from __future__ import annotations

import pytest

from kg.articles.read import parse_document
from kg.extract import extract_document
from kg.records import Extraction
from kg.rules.loader import load_rules

RULES = load_rules()


def extract(text: str, lang: str = "en") -> Extraction:
    return extract_document(parse_document(f"lang: {lang}\n\n{text}\n"), RULES)


def named(text: str, lang: str = "en") -> dict[str, str]:
    """id -> type of every entity the text mentions."""
    return {e.id: e.type for e in extract(text, lang).entities.values() if e.mentions}


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        (
            "The warring parties agreed to a truce and embassy staff were evacuated past "
            "armed groups.",
            "en",
        ),
        (
            "De strijdende partijen sloten een bestand en het ambassadepersoneel werd "
            "langs gewapende groeperingen geëvacueerd.",
            "nl",
        ),
    ],
)
def test_class_nouns_name_groups(text: str, lang: str) -> None:
    found = named(text, lang)
    for group in ("warring-parties", "embassy-staff", "armed-groups"):
        assert found.get(group) == "group", (group, found)


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Ethnic Armenians fled, and the Armenian population followed them.", "en"),
        ("De etnisch Armeense bevolking vluchtte uit de regio.", "nl"),
    ],
)
def test_an_ethnic_adjective_or_a_people_noun_names_the_people_not_the_country(
    text: str, lang: str
) -> None:
    found = named(text, lang)
    assert found.get("armenians") == "group"
    assert "armenia" not in found


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("All ethnic Armenian soldiers in the region were disarmed.", "en"),
        ("Alle etnisch Armeense soldaten in de regio werden ontwapend.", "nl"),
    ],
)
def test_ethnic_soldiers_are_no_army_of_the_country(text: str, lang: str) -> None:
    found = named(text, lang)
    assert "armenia-military" not in found and "armenia" not in found, found


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("The Russian peacekeeping contingent stayed in the region.", "en"),
        ("De Russische vredestroepen bleven in de regio.", "nl"),
    ],
)
def test_peacekeepers_of_a_country_are_its_military_and_the_adjective_no_country(
    text: str, lang: str
) -> None:
    found = named(text, lang)
    assert found.get("russia-military") == "government"
    assert "russia" not in found  # the adjective points to the body (docs/quality.md, rule 4)


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("The coup was condemned by the West African bloc ECOWAS.", "en"),
        ("De staatsgreep werd veroordeeld door het West-Afrikaanse blok ECOWAS.", "nl"),
    ],
)
def test_a_part_of_a_continent_is_not_the_continent(text: str, lang: str) -> None:
    found = named(text, lang)
    assert found.get("ecowas") == "organisation"
    assert "africa" not in found and not any(t == "person" for t in found.values()), found


def test_a_region_adjective_alone_still_names_the_region() -> None:
    assert named("It was the worst crisis in Latin American history.").get("latin-america") == (
        "place"
    )


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        (
            "Explosions hit Nord Stream 1 and Nord Stream 2 a day before the Baltic Pipe "
            "opened; Gazprom blamed sabotage.",
            "en",
            {
                "nord-stream-1": "place",
                "nord-stream-2": "place",
                "baltic-pipe": "place",
                "gazprom": "organisation",
            },
        ),
        (
            "Explosies troffen de Nord Stream pijpleidingen; Gazprom sprak van sabotage.",
            "nl",
            {"nord-stream": "place", "gazprom": "organisation"},
        ),
    ],
)
def test_pipelines_are_places_and_their_operators_organisations(
    text: str, lang: str, expected: dict[str, str]
) -> None:
    found = named(text, lang)
    assert {k: found.get(k) for k in expected} == expected
    assert "nord-stream" not in found or lang == "nl"  # the longest name wins


def test_a_longer_organisation_name_wins_over_the_shorter_one_inside_it() -> None:
    found = named(
        "Radio Free Europe reported that the UN High Commissioner for Human Rights "
        "documented the killings."
    )
    assert found.get("radio-free-europe-radio-liberty") == "organisation"
    assert found.get("united-nations-high-commissioner-for-human-rights") == "organisation"
    assert "europe" not in found and "united-nations" not in found


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Azerbaijan attacked the self-declared Republic of Artsakh.", "en"),
        ("Azerbeidzjan viel de zelfverklaarde Republiek Artsach aan.", "nl"),
    ],
)
def test_a_self_declared_state_is_a_government(text: str, lang: str) -> None:
    found = named(text, lang)
    assert found.get("republic-of-artsakh") == "government"
    assert "nagorno-karabakh" not in found


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Forum for Democracy asked the minister about the attack.", "en"),
        ("In Kamervragen van Forum voor Democratie werd naar de aanslag gevraagd.", "nl"),
    ],
)
def test_dutch_parties_are_organisations(text: str, lang: str) -> None:
    assert named(text, lang).get("forum-for-democracy") == "organisation"


def test_the_party_in_a_byline_is_no_actor() -> None:
    text = (
        "Vragen van het lid Jansen (D66) aan de Minister van Buitenlandse Zaken.\n\n"
        "Vraag 1\nBent u bekend met het bericht dat D66 een motie indient?"
    )
    found = named(text, "nl")
    assert found.get("democrats-66") == "organisation"  # the second paragraph names it
    byline_only = named("Vragen van het lid Jansen (D66) aan de Minister.", "nl")
    assert "democrats-66" not in byline_only


def test_the_government_of_an_english_text_about_one_country_is_that_countrys() -> None:
    text = "Sudan is at war. Sudan is poor. The government fled to Port Sudan."
    found = named(text)
    assert found.get("sudan-government") == "government"
    assert found.get("port-sudan") == "city"


def test_a_dutch_parliaments_government_is_not_the_foreign_country_s() -> None:
    text = "Soedan is in oorlog. Soedan is arm. Is de regering bereid hulp te sturen?"
    assert "sudan-government" not in named(text, "nl")


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("The fighting left millions of displaced people without food.", "en"),
        ("De gevechten lieten miljoenen ontheemden zonder voedsel achter.", "nl"),
    ],
)
def test_displaced_people_are_refugees(text: str, lang: str) -> None:
    assert named(text, lang).get("refugees-and-migrants") == "group"


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        (
            "Het Russische ministerie van Defensie meldde een aanval. Defensie stuurde "
            "twee vliegtuigen.",
            "nl",
            {"russia-ministry-of-defence", "netherlands-ministry-of-defence"},
        ),
        (
            "The Russian Ministry of Defence reported an attack.",
            "en",
            {"russia-ministry-of-defence"},
        ),
    ],
)
def test_a_country_s_ministry_is_its_own_and_dutch_defensie_the_dutch_one(
    text: str, lang: str, expected: set[str]
) -> None:
    found = named(text, lang)
    assert {k for k, t in found.items() if t == "government"} == expected, found


def test_a_ministry_in_a_byline_is_no_actor() -> None:
    text = "Vragen van het lid Jansen (D66) aan de Ministers van Defensie en van Financiën."
    assert "netherlands-ministry-of-defence" not in named(text, "nl")


def test_a_known_name_wins_over_the_head_word_name_inside_it() -> None:
    found = named("Armenians lived in the Nagorno-Karabakh Autonomous Oblast for decades.")
    assert found.get("nagorno-karabakh-autonomous-oblast") == "place"
    assert "karabakh-autonomous-oblast" not in found


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        (
            "Burkina Faso heeft een nieuwe regering. In Burkina Faso is het onrustig. "
            "Worden de grenzen gesloten?",
            "nl",
        ),
        (
            "Burkina Faso has a new junta. Burkina Faso is restless. The border was closed.",
            "en",
        ),
    ],
)
def test_the_border_of_a_text_about_one_country_is_that_countrys(text: str, lang: str) -> None:
    assert named(text, lang).get("burkina-faso-border") == "place"


def test_dutch_burgers_after_a_nationality_are_citizens_not_civilians() -> None:
    found = named("Amerikaanse burgers moeten het land verlaten.", "nl")
    assert found.get("united-states") == "country"
    assert "civilians" not in found
    assert named("Bij de aanval werden burgers gedood.", "nl").get("civilians") == "group"


def test_a_compass_word_before_a_country_names_a_part_of_it():
    for text, lang in (
        ("Fighting broke out in eastern Ukraine in 2014.", "en"),
        ("De strijd in Oost-Oekraïne brak uit in 2014.", "nl"),
    ):
        assert named(text, lang).get("eastern-ukraine") == "place", text
    (invasion,) = extract("Israel invaded southern Lebanon.").events
    assert invasion.roles["patient"] == ["lebanon"]
    assert invasion.roles["place"] == ["southern-lebanon"]
    (attack,) = extract("Hezbollah attacked Israel from southern Lebanon.").events
    assert set(attack.roles["origin"]) == {"southern-lebanon", "lebanon"}
    koreas = named("North Korea fired missiles at South Korea.")
    assert set(koreas) == {"north-korea", "south-korea"}


def test_groups_news_names_by_a_common_noun():
    assert named("Police detained hundreds of mourners.").get("mourners") == "group"
    assert named("De politie hield honderden rouwenden aan.", "nl").get("mourners") == "group"
    assert named("Mercenaries stormed the palace.").get("mercenaries") == "group"


def test_a_government_named_by_its_seat_and_the_news_media_are_actors():
    assert named("The Kremlin denied the report.").get("russia-government") == "government"
    assert named("Het Witte Huis ontkende het bericht.", "nl").get("united-states-government")
    assert named("The Russian government denied it.").get("russia-government") == "government"
    assert named("Reuters and Al Jazeera reported the attack.").keys() >= {"reuters", "al-jazeera"}
