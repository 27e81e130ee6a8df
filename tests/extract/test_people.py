"""People and organisations no rule file names, found from the text by general rules.

Every text here is written for the test; each case is a pattern news uses everywhere
(a given name, an apposition, a title "of" a country, an acronym in brackets, a surname
alone later on, a transliteration), not a sentence of the bundled articles.
"""

from __future__ import annotations

import pytest

from kg.articles.read import parse_document
from kg.extract import extract_document
from kg.records import Extraction
from kg.rules.loader import load_rules
from kg.rules.names import name_key

RULES = load_rules()


def extract(text: str, lang: str = "en") -> Extraction:
    return extract_document(parse_document(f"lang: {lang}\n\n{text}\n"), RULES)


def named(extraction: Extraction) -> dict[str, str]:
    """id -> type of every entity the text mentions."""
    return {e.id: e.type for e in extraction.entities.values() if e.mentions}


def mentions(extraction: Extraction, entity_id: str) -> list[str]:
    return [m.text for m in extraction.entities[entity_id].mentions]


def test_a_given_name_and_a_surname_make_a_person_without_a_title() -> None:
    found = named(extract("Evan Neumann was indicted by a federal grand jury."))
    assert found.get("evan-neumann") == "person"


def test_capitalised_words_without_a_given_name_are_no_person() -> None:
    found = named(extract("Grand Jury Findings were published on Monday."))
    assert not any(kind == "person" for kind in found.values()), found


def test_the_surname_alone_later_is_the_same_person() -> None:
    text = "Yevgeny Prigozhin sent his fighters north. Prigozhin later agreed to stop."
    extraction = extract(text)
    assert mentions(extraction, "yevgeny-prigozhin") == ["Yevgeny Prigozhin", "Prigozhin"]
    assert "prigozhin" not in extraction.entities


def test_a_surname_two_people_share_stays_unresolved() -> None:
    text = "Evan Neumann and Maria Neumann left. Neumann said nothing."
    extraction = extract(text)
    assert mentions(extraction, "evan-neumann") == ["Evan Neumann"]
    assert mentions(extraction, "maria-neumann") == ["Maria Neumann"]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Volodymyr Zelensky spoke first. Later Zelenskyy said the talks had failed.", "en"),
        ("Volodymyr Zelensky sprak eerst. Daarna zei Zelenski dat het overleg mislukte.", "nl"),
    ],
)
def test_another_spelling_of_a_name_is_the_same_person(text: str, lang: str) -> None:
    extraction = extract(text, lang)
    assert len(mentions(extraction, "volodymyr-zelensky")) == 2
    assert extraction.entities["volodymyr-zelensky"].type == "person"


def test_transliteration_keys_meet_and_stay_apart() -> None:
    names = RULES.names
    assert (
        name_key("Prigozjin", names) == name_key("Prigožin", names) == name_key("Prigozhin", names)
    )
    assert name_key("Poetin", names) == name_key("Putin", names)
    assert name_key("Kim", names) != name_key("Kin", names)


def test_title_of_a_country_before_the_name_makes_the_person_the_actor() -> None:
    extraction = extract("President of Russia Vladimir Putin denounced the mutiny.")
    putin = extraction.entities["vladimir-putin"]
    assert ("leaderOf", "russia") in putin.relations
    assert ("jobTitle", "president") in putin.facts
    (event,) = extraction.events
    assert event.roles.get("agent") == ["vladimir-putin"]
    assert "russia" not in event.roles.get("patient", [])


def test_an_apposition_gives_the_person_the_title_and_what_they_lead() -> None:
    extraction = extract("Yevgeny Prigozhin, the head of the Wagner Group, marched north.")
    prigozhin = extraction.entities["yevgeny-prigozhin"]
    assert ("jobTitle", "head") in prigozhin.facts
    assert ("leaderOf", "wagner-group") in prigozhin.relations
    assert extraction.entities["wagner-group"].type == "organisation"


@pytest.mark.parametrize(
    ("text", "lang", "person", "title"),
    [
        (
            "Defence Minister Sergei Shoigu was criticised.",
            "en",
            "sergei-shoigu",
            "defence minister",
        ),
        (
            "Chief of the General Staff Valery Gerasimov was criticised.",
            "en",
            "valery-gerasimov",
            "chief of the general staff",
        ),
        (
            "De minister van Buitenlandse Zaken Sergej Rjabkov sprak in Genève.",
            "nl",
            "sergej-rjabkov",
            "foreign minister",
        ),
    ],
)
def test_a_title_of_several_words_is_not_part_of_the_name(
    text: str, lang: str, person: str, title: str
) -> None:
    extraction = extract(text, lang)
    assert ("jobTitle", title) in extraction.entities[person].facts
    assert [e for e, kind in named(extraction).items() if kind == "person"] == [person]


def test_an_honorific_makes_a_person_of_a_lone_surname() -> None:
    found = named(extract("Mr Salifou declared himself leader of the junta."))
    assert found.get("salifou") == "person"


def test_an_arabic_name_with_a_joined_article_is_one_person() -> None:
    extraction = extract("Abdel Fattah al-Burhan met the envoys. Later Burhan left.")
    assert mentions(extraction, "abdel-fattah-al-burhan") == ["Abdel Fattah al-Burhan", "Burhan"]


def test_an_acronym_in_brackets_names_the_organisation_later() -> None:
    text = "The Coalition for Free Elections (CFE) called for a recount. Later the CFE left."
    extraction = extract(text)
    assert extraction.entities["coalition-for-free-elections"].type == "organisation"
    assert mentions(extraction, "coalition-for-free-elections") == [
        "Coalition for Free Elections",
        "CFE",
        "CFE",
    ]


@pytest.mark.parametrize(
    ("text", "body"),
    [
        ("The Russian Armed Forces shelled the town.", "russia-military"),
        ("The Russian Ministry of Defence denied the report.", "russia-ministry-of-defence"),
        ("De Russische strijdkrachten trokken zich terug.", "russia-military"),
    ],
)
def test_a_country_adjective_and_a_body_is_that_country_s_body(text: str, body: str) -> None:
    lang = "nl" if "De " in text else "en"
    found = named(extract(text, lang))
    assert found.get(body) == "government"
    assert not any(kind == "organisation" for kind in found.values()), found


def test_a_plural_demonym_is_the_people_not_the_state() -> None:
    extraction = extract("Poles protested outside the embassy. The Polish government was silent.")
    poles = extraction.entities["poles"]
    assert poles.type == "group" and ("nationality", "poland") in poles.relations
    assert named(extraction).get("poland-government") == "government"


def test_a_group_after_a_generic_determiner_is_no_actor() -> None:
    assert "prisoners" not in named(extract("No prisoners were released."))
    assert named(extract("The prisoners were released.")).get("prisoners") == "group"


def test_months_and_weekdays_are_never_people() -> None:
    found = named(extract("On Monday June Brown arrived. In May Evan Neumann left."))
    assert "monday-june-brown" not in found and "may-evan-neumann" not in found
    assert found.get("evan-neumann") == "person"


def test_a_name_that_starts_with_a_city_is_not_the_city() -> None:
    found = named(extract("Judges apply the Rome Statute. The New York Times reported it."))
    assert "rome" not in found and "new-york-city" not in found
    assert named(extract("The talks were held in Rome on Monday.")).get("rome") == "city"
    assert named(extract("Moscow Mayor Sergei Sobyanin spoke.")).get("moscow") == "city"


def test_a_language_name_before_a_colon_is_no_country() -> None:
    found = named(extract("It backed the Unitary Platform (Spanish: Plataforma Unitaria)."))
    assert "spain" not in found


def test_a_name_broken_over_two_lines_is_one_name() -> None:
    text = (
        "Hoe oordeelt u over het gewelddadige optreden van het leger waarbij president Roch\n"
        "Kaboré werd afgezet?"
    )
    extraction = extract(text, "nl")
    assert mentions(extraction, "roch-kabore") == ["Roch\nKaboré"]


def test_a_short_line_keeps_its_break() -> None:
    from kg.extract.document import reading_text

    assert reading_text("Vraag 1\nWat is uw reactie?") == "Vraag 1\nWat is uw reactie?"
    long_line = "Zij spraken in Genève met de Oekraïense president Volodymyr\nZelensky."
    assert reading_text(long_line) == long_line.replace("\n", " ")
    assert (
        extract(
            "Zij spraken in Genève met de Oekraïense president Roch Marc Christian\nKaboré.", "nl"
        )
        .entities["roch-marc-christian-kabore"]
        .labels["nl"]
        == "Roch Marc Christian Kaboré"
    )


def test_a_footnote_number_glued_to_a_name_is_not_part_of_it() -> None:
    from kg.extract.document import reading_text

    assert reading_text("de motie van het Lid Ceder2 over") == "de motie van het Lid Ceder  over"
    assert reading_text("het leger?1 En") == "het leger?  En"
    kept_numbers = ("a 7.4 billion euro deal", "costs $1.50 now", "groeide 2.5 procent.")
    for kept in (
        "de G20 en de G7",
        "vlucht MH17 werd",
        "COVID-19 in 2020",
        "op 16 juli",
        *kept_numbers,
    ):
        assert reading_text(kept) == kept


def test_the_authors_named_in_a_byline_are_no_actors() -> None:
    text = (
        "Vragen van het lid Jan de Vries (D66) aan de Minister van Buitenlandse Zaken over Mali.\n"
        "Antwoord van Minister Karel Jansen (Buitenlandse Zaken).\n"
        "Vraag 1\n"
        "Bent u bekend met de uitspraken van de Malinese president Assimi Goïta?"
    )
    found = named(extract(text, "nl"))
    assert found.get("assimi-goita") == "person" and found.get("mali") == "country"
    assert "jan-de-vries" not in found and "karel-jansen" not in found


def test_the_country_s_body_is_the_body_of_the_country_just_named() -> None:
    text = "Soldiers seized power in Niger. The country's presidential guard held the president."
    found = named(extract(text))
    assert found.get("niger-presidential-guard") == "government"


@pytest.mark.parametrize(
    ("text", "entity", "rule"),
    [
        ("Evan Neumann was indicted.", "evan-neumann", "name.given-name"),
        ("President Mahamadou Issoufou was detained.", "mahamadou-issoufou", "name.title"),
        ("Mr Salifou spoke.", "salifou", "name.honorific"),
        ("The Wagner Group marched north.", "wagner-group", None),  # in the rule files
        (
            "The Friends of Free Elections (FFE) met.",
            "friends-of-free-elections",
            "name.acronym",
        ),
        ("The Polish government protested.", "poland-government", "body.institution"),
    ],
)
def test_every_found_entity_names_the_rule_that_found_it(text: str, entity: str, rule) -> None:
    found = extract(text).entities[entity]
    assert found.found_by == ([rule] if rule else [])


def test_the_finding_rule_is_in_the_graph_with_what_it_does() -> None:
    from rdflib import Dataset, Literal, URIRef
    from rdflib.namespace import RDFS

    from kg.rdf.quads import document_quads

    quads = document_quads(extract("Evan Neumann was indicted."), RULES)
    lines = [*quads.graph_lines, *quads.shared_lines]
    graph = Dataset().parse(data="".join(lines), format="nquads")
    rule = URIRef("https://w3id.org/kg/rule/name.given-name")
    person = URIRef("https://w3id.org/kg/resource/evan-neumann")
    rule_of = URIRef("https://w3id.org/kg/ontology#rule")
    assert list(graph.quads((person, rule_of, rule, None)))
    comments = [o for _, _, o, _ in graph.quads((rule, RDFS.comment, None, None))]
    assert any(isinstance(c, Literal) and "given name" in c for c in comments)


@pytest.mark.parametrize(
    ("text", "lang", "town"),
    [
        ("Bodies were found in Yahidne after the retreat.", "en", "yahidne"),
        ("Er werd geschoten bij Zvecan, zei de politie.", "nl", "zvecan"),
    ],
)
def test_a_name_after_a_preposition_of_place_is_a_town(text: str, lang: str, town: str) -> None:
    extraction = extract(text, lang)
    assert named(extraction).get(town) == "city"
    assert extraction.entities[town].found_by == ["place.preposition"]


@pytest.mark.parametrize(
    "text",
    [
        "It was reported in The Times on Monday.",
        "He arrived in June with Evan Neumann.",
        "She served in Parliament for years.",
        "The talks took place in Kyiv.",  # known: the gazetteer's city, no new town
    ],
)
def test_no_town_after_a_preposition_when_the_name_is_something_else(text: str) -> None:
    extraction = extract(text)
    assert not any("place.preposition" in e.found_by for e in extraction.entities.values())


def test_a_rank_inside_a_known_name_makes_no_person() -> None:
    found = named(extract("The annexation was condemned in the General Assembly."))
    assert found.get("united-nations-general-assembly") == "organisation"
    assert "person" not in found.values()
    assert named(extract("General Valery Gerasimov visited the front.")) == {
        "valery-gerasimov": "person"
    }


@pytest.mark.parametrize(
    "text, lang, person, country",
    [
        ("President Mohamed Bazoum of Niger was detained.", "en", "mohamed-bazoum", "niger"),
        ("President Nicolás Maduro of Venezuela spoke.", "en", "nicolas-maduro", "venezuela"),
        ("President Nicolás Maduro van Venezuela sprak.", "nl", "nicolas-maduro", "venezuela"),
    ],
)
def test_a_leaders_title_with_of_after_the_name_gives_what_they_lead(text, lang, person, country):
    extraction = extract(text, lang)
    assert ("leaderOf", country) in extraction.entities[person].relations
    assert country in named(extraction)  # still a place of the text


@pytest.mark.parametrize(
    "text, person, not_person",
    [
        ("First Lady Jill Biden visited Kyiv.", "jill-biden", "joe-biden"),
        ("Hunter Biden was indicted in Delaware.", "hunter-biden", "joe-biden"),
        ("Sergey Lavrov met the Turkish foreign minister.", "sergei-lavrov", "sergey-lavrov"),
    ],
)
def test_a_known_surname_after_another_given_name_is_another_person(text, person, not_person):
    found = named(extract(text))
    assert found.get(person) == "person" and not_person not in found


def test_first_lady_is_a_title():
    found = named(extract("First Lady Martine Moïse was wounded in the attack."))
    assert found == {"martine-moise": "person"}


@pytest.mark.parametrize(
    "text, lang",
    [
        ("Poland expelled two Russian diplomats.", "en"),
        ("Polen heeft twee Russische diplomaten uitgezet.", "nl"),
    ],
)
def test_a_countrys_diplomats_stand_for_its_embassy(text, lang):
    events = extract(text, lang).events
    assert {e.type: e.roles for e in events}["ReduceDiplomaticRelations"] == {
        "agent": ["poland"],
        "patient": ["russia-embassy"],
    }


def test_a_name_after_also_known_as_is_the_same_person():
    document = parse_document(
        "lang: en\n\nOn 16 September 2022, Mahsa Amini,[a] also known as Jina Amini,[b][1] "
        "died in a hospital in Tehran. The morality police had arrested Amini on 13 September."
    )
    extraction = extract_document(document, RULES)
    people = {e.id for e in extraction.entities.values() if e.type == "person" and e.mentions}
    assert people == {"mahsa-amini"}
    arrest = next(e for e in extraction.events if e.type == "Detain")
    assert arrest.roles["patient"] == ["mahsa-amini"]


def test_a_shared_surname_alone_is_the_one_named_more_often() -> None:
    text = (  # paragraphs of a report: the first tell of him, a later one of his parents
        "Evan Gershkovich was released.\n\nEvan Gershkovich thanked his lawyers.\n\nHis"
        " parents Mikhail and Ella Gershkovich waited in Ankara.\n\nMr Gershkovich had been"
        " sentenced to 16 years."
    )
    extraction = extract(text)
    assert mentions(extraction, "evan-gershkovich")[-1] == "Gershkovich"
    assert "gershkovich" not in extraction.entities


def test_a_capitalised_title_before_a_name_is_no_part_of_it() -> None:
    text = "Ukrainian Infrastructure Minister Oleksandr Kubrakov signed the deal."
    found = named(extract(text))
    assert found.get("oleksandr-kubrakov") == "person"
    assert not any("minister" in entity_id for entity_id in found)


def test_a_hyphenated_first_name_leaves_room_for_the_surname() -> None:
    found = named(extract("French Foreign Minister Jean-Yves Le Drian criticised Mali."))
    assert found.get("jean-yves-le-drian") == "person"


def test_a_dutch_compound_on_a_place_head_after_a_title_is_no_person() -> None:
    found = named(extract("De aanslag was bij het Koning Boudewijnstadion in Brussel.", "nl"))
    assert "boudewijnstadion" not in found and found.get("brussels") == "city"
