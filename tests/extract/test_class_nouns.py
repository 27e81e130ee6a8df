"""Places, organisations and state bodies no rule file names, typed by the words around them.

Every text here is written for the test; each case is a pattern news uses everywhere
(a class noun before or after a name, "the town of …", a state modifier in a body's name),
not a sentence of the bundled articles.
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


def named(extraction: Extraction) -> dict[str, str]:
    """id -> type of every entity the text mentions."""
    return {e.id: e.type for e in extraction.entities.values() if e.mentions}


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Shelling hit the town of Hostomel on Tuesday.", "en"),
        ("Beschietingen troffen dinsdag de stad Hostomel.", "nl"),
    ],
)
def test_a_town_class_noun_makes_the_name_after_it_a_city(text: str, lang: str) -> None:
    extraction = extract(text, lang)
    assert named(extraction).get("hostomel") == "city"
    assert extraction.entities["hostomel"].found_by == ["place.class-noun"]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Fighting spread to the Zakarpattia region last week.", "en"),
        ("De gevechten breidden zich uit naar de Zakarpattia-regio.", "nl"),
        ("De gevechten breidden zich uit naar de provincie Zakarpattia.", "nl"),
    ],
)
def test_a_region_noun_makes_the_name_next_to_it_a_place(text: str, lang: str) -> None:
    assert named(extract(text, lang)).get("zakarpattia") == "place"


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("The militant group Ansar Dine claimed the attack.", "en"),
        ("De terreurgroep Ansar Dine eiste de aanslag op.", "nl"),
    ],
)
def test_an_organisation_class_noun_makes_the_name_after_it_an_organisation(
    text: str, lang: str
) -> None:
    extraction = extract(text, lang)
    assert named(extraction).get("ansar-dine") == "organisation"
    assert extraction.entities["ansar-dine"].found_by == ["name.class-noun"]


def test_an_organisation_noun_with_of_names_no_organisation() -> None:
    found = named(extract("A group of Seven ministers met in the evening."))
    assert "seven" not in found, found


def test_a_person_named_before_is_no_town_after_a_preposition() -> None:
    text = "Yevgeny Prigozhin led the revolt. The trust in Prigozhin faded within a day."
    found = named(extract(text))
    assert "prigozhin" not in found, found
    assert found.get("yevgeny-prigozhin") == "person"


@pytest.mark.parametrize(
    ("text", "lang", "entity_id"),
    [
        (
            "The National Electoral Council declared the result.",
            "en",
            "national-electoral-council",
        ),
        (
            "The rebels seized the Southern Military District headquarters.",
            "en",
            "southern-military-district",
        ),
        ("De Nationale Garde sloot de wegen af.", "nl", "nationale-garde"),
    ],
)
def test_a_state_modifier_and_head_make_a_country_body(
    text: str, lang: str, entity_id: str
) -> None:
    assert named(extract(text, lang)).get(entity_id) == "government"


@pytest.mark.parametrize(
    ("text", "entity_id"),
    [
        ("The Republican Party won the vote.", "republican-party"),
        ("The Free Patriotic Army attacked the base.", "free-patriotic-army"),
    ],
)
def test_a_party_or_an_army_without_a_state_modifier_stays_an_organisation(
    text: str, entity_id: str
) -> None:
    assert named(extract(text)).get(entity_id) == "organisation"


@pytest.mark.parametrize(
    ("text", "lang", "entity_id"),
    [
        ("Water poured from the Dniprovka dam for days.", "en", "dniprovka-dam"),
        ("Patients fled the Al-Awda hospital at night.", "en", "al-awda-hospital"),
        ("Het water stroomde dagenlang uit de Dniprovka-dam.", "nl", "dniprovka-dam"),
    ],
)
def test_an_unknown_name_and_a_lowercase_place_head_make_a_site(
    text: str, lang: str, entity_id: str
) -> None:
    extraction = extract(text, lang)
    assert named(extraction).get(entity_id) == "place"
    assert extraction.entities[entity_id].found_by == ["place.site"]


def test_a_plural_place_head_names_no_single_site() -> None:
    found = named(extract("Divers inspected the Baltica pipelines twice."))
    assert not any(kind == "place" for kind in found.values()), found


def test_a_given_name_after_a_town_class_noun_is_a_town() -> None:
    found = named(extract("Shelling hit the town of Nova Kakhovka again."))
    assert found.get("nova-kakhovka") == "city"


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("The armoured column advanced towards Millerovo at dawn.", "en"),
        ("The armoured column drove into Millerovo at dawn.", "en"),
    ],
)
def test_a_town_after_a_preposition_of_direction(text: str, lang: str) -> None:
    assert named(extract(text, lang)).get("millerovo") == "city"


@pytest.mark.parametrize(
    "text",
    [
        # Dutch capitalises what a text refers to after "naar": a programme, a paper
        "De vraag verwijst naar Nieuwsuur en naar Kamerstuk 21501.",
        # a site is definite: a common word after a name is no place head
        "Volgens de krant wil Ceder meer steun voor de boeren.",
    ],
)
def test_no_town_or_site_from_a_reference_or_a_common_word(text: str) -> None:
    found = named(extract(text, "nl"))
    assert not any(kind in {"city", "place"} for kind in found.values()), found


@pytest.mark.parametrize(
    ("text", "lang", "entity_id"),
    [
        ("According to The Lagos Herald, the vote was rigged.", "en", "the-lagos-herald"),
        ("Dat schreef The Lagos Herald vorige week.", "nl", "the-lagos-herald"),
    ],
)
def test_a_name_with_the_inside_a_sentence_is_an_organisation(
    text: str, lang: str, entity_id: str
) -> None:
    found = named(extract(text, lang))
    assert found == {entity_id: "organisation"}, found


def test_a_city_with_the_stays_a_city_and_a_title_holds_no_given_name() -> None:
    found = named(extract("The court in The Hague cited The New York Times."))
    assert found.get("the-hague") == "city"
    assert found.get("the-new-york-times") == "organisation"
    assert "york-times" not in found, found


@pytest.mark.parametrize(
    ("text", "lang", "towns"),
    [
        (
            "Bodies were found in Bucha, Hostomel and Borodianka after the retreat.",
            "en",
            {"bucha", "hostomel", "borodianka"},
        ),
        (
            "Er werden lichamen gevonden in Hostomel, Irpin en Borodjanka.",
            "nl",
            {"hostomel", "irpin", "borodjanka"},
        ),
    ],
)
def test_towns_coordinated_after_a_preposition_are_towns(
    text: str, lang: str, towns: set[str]
) -> None:
    found = named(extract(text, lang))
    assert {t for t in towns if found.get(t) == "city"} == towns, found


@pytest.mark.parametrize(
    ("text", "lang", "entity_id"),
    [
        ("Airstrikes hit Hasakah Governorate on Sunday.", "en", "hasakah-governorate"),
        ("Boeren in het Lublin Woiwodschap protesteerden.", "nl", "lublin-woiwodschap"),
    ],
)
def test_a_governorate_or_voivodeship_is_a_place(text: str, lang: str, entity_id: str) -> None:
    assert named(extract(text, lang)).get(entity_id) == "place"


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Reports came from the kibbutz Nahal Oz and the news agency Interfax.", "en"),
        ("Berichten kwamen uit de kibboets Nahal Oz en van het nieuwsagentschap Interfax.", "nl"),
    ],
)
def test_more_class_nouns_type_the_name_after_them(text: str, lang: str) -> None:
    found = named(extract(text, lang))
    assert found.get("nahal-oz") == "city"
    assert found.get("interfax") == "organisation"


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("The PLA held drills while the Tatmadaw seized power.", "en"),
        ("Het Volksbevrijdingsleger hield oefeningen terwijl de Tatmadaw de macht greep.", "nl"),
    ],
)
def test_a_national_army_named_by_its_name_is_the_country_s_military(text: str, lang: str) -> None:
    found = named(extract(text, lang))
    assert found.get("china-military") == "government"
    assert found.get("myanmar-military") == "government"
