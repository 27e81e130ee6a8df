"""Actors of any news story (issue 19): unnamed ministers stand for their ministry, East
Asian hyphenated given names, names inside a longer known name.

Every text here is written for the test.
"""

from __future__ import annotations

import pytest

from kg.articles.read import parse_document
from kg.extract import extract_document
from tests.extract.test_country_bodies import RULES, named


@pytest.mark.parametrize(
    ("text", "lang", "body", "country"),
    [
        ("The Chilean foreign minister protested on Monday.", "en", "chile", False),
        ("A statement came from the defence minister of Peru.", "en", "peru", True),
        ("De Chileense minister van Buitenlandse Zaken protesteerde.", "nl", "chile", False),
        ("De minister van Defensie van Peru gaf een verklaring.", "nl", "peru", True),
    ],
)
def test_an_unnamed_minister_of_a_country_stands_for_the_ministry(
    text: str, lang: str, body: str, country: bool
) -> None:
    found = named(text, lang)
    ministry = next(k for k in found if k.startswith(f"{body}-ministry-of-"))
    assert found[ministry] == "government"
    # an adjective points to the ministry, not to the country; "of Peru" names the country
    assert (body in found) == country


def test_a_named_minister_is_a_person_not_the_ministry() -> None:
    found = named("The Chilean foreign minister Ana Torres protested.")
    assert found.get("ana-torres") == "person"
    assert not any("ministry" in k for k in found)


@pytest.mark.parametrize(
    ("text", "person"),
    [
        ("Vice President Lai Ching-te met the delegation.", "lai-ching-te"),
        ("Leader Kim Jong-un watched the test.", "kim-jong-un"),
        ("President Putin-era rules stayed.", None),
    ],
)
def test_a_lowercase_syllable_after_a_hyphen_belongs_to_the_name(text: str, person) -> None:
    people = {k for k, v in named(text).items() if v == "person"}
    if person:
        assert person in people
    assert not any(k.endswith("-era") for k in people)


def test_a_name_inside_a_longer_known_name_is_no_organisation_of_its_own() -> None:
    found = named("Volgens de Raad van de Europese Unie is het akkoord rond.", "nl")
    assert found.get("council-of-the-european-union") == "government"
    assert "europese-unie" not in found


@pytest.mark.parametrize(
    ("text", "city"),
    [
        ("De minister reisde van Istanboel naar Beiroet.", ("istanbul", "beirut")),
        ("Het vliegtuig landde in Tokio.", ("tokyo",)),
    ],
)
def test_dutch_city_names_of_cldr_name_the_city(text: str, city: tuple[str, ...]) -> None:
    found = named(text, "nl")
    assert all(found.get(c) == "city" for c in city), found


def test_a_short_acronym_matches_in_capitals_only() -> None:
    found = named("Is de AU bereid de WHO te steunen? Om die reden sprak IS niet.", "nl")
    assert {"african-union", "world-health-organization", "islamic-state"} <= set(found)
    assert named("Who knew? Is it true? Au revoir.") == {}


@pytest.mark.parametrize(
    ("text", "body"),
    [
        ("De Boliviaanse overgangsregering trad af.", "bolivia-government"),
        ("De Iraanse zedenpolitie hield haar aan.", "iran-police"),
        ("De Nederlandse overheidsinstanties zwegen.", "netherlands-authorities"),
    ],
)
def test_a_dutch_compound_ending_in_a_body_noun_is_that_body(text: str, body: str) -> None:
    found = named(text, "nl")
    assert found.get(body) == "government", found


def test_a_compound_of_another_meaning_or_a_known_group_stays_what_it_is() -> None:
    found = named("Het Iraanse sanctieregime en de Russische huursoldaten.", "nl")
    assert "iran-government" not in found
    assert found.get("mercenaries") == "group"


def test_a_body_of_one_country_does_not_pass_to_an_organisation_after_and() -> None:
    found = named("Talks between the government of Chile and the Arakan Army failed.")
    assert found.get("chile-government") == "government"
    assert found.get("arakan-army") == "organisation"
    assert "arakan-army-government" not in found


def test_a_head_word_name_goes_on_over_of_the_and_a_whole_country_name() -> None:
    found = named("Yesterday the Coastal Defence Command of the Republic of Chile fired.")
    assert found.get("coastal-defence-command-of-the-republic-of-chile") == "government", found


def test_the_words_before_of_type_a_head_word_name() -> None:
    text = "Later, the unit (or The Protection Unit of the Royal Palace, led by Ana Ruiz) fired."
    found = named(text)
    assert found.get("protection-unit-of-the-royal-palace") == "organisation", found


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Chili is groot. Chili is lang. Ze werkten samen met internationale troepen.", "nl"),
        ("Chile is large. Chile is long. They worked with foreign troops.", "en"),
    ],
)
def test_foreign_or_international_troops_are_no_body_of_the_country(text: str, lang: str) -> None:
    assert "chile-military" not in named(text, lang)


@pytest.mark.parametrize(
    ("text", "lang", "members"),
    [
        ("De ASEAN-landen zwegen, net als veel Aziatische landen.", "nl", {"asean-member-states"}),
        ("OPEC countries and many Asian countries cut output.", "en", {"opec-member-states"}),
    ],
)
def test_countries_after_an_organisation_are_its_members(
    text: str, lang: str, members: set[str]
) -> None:
    groups = {k for k, v in named(text, lang).items() if v == "group"}
    assert groups == members


def test_state_modifiers_between_an_adjective_and_a_body_noun_keep_the_country_body() -> None:
    found = named("The Chilean National Army (CNA) surrounded the town. The CNA fired.")
    assert found.get("chile-military") == "government", found
    assert not any(v == "organisation" for v in found.values())


def test_a_dutch_capital_noun_types_an_unknown_name_as_a_city() -> None:
    found = named("Rebellen trokken op naar de provinciehoofdstad Mopti.", "nl")
    assert found.get("mopti") == "city"


def test_a_middle_initial_and_a_capitalised_title_before_a_given_name() -> None:
    found = named("Deputy Secretary Laura K. Brennan met John P. Hale in Lima.")
    assert found.get("laura-k-brennan") == "person", found
    assert found.get("john-p-hale") == "person", found


@pytest.mark.parametrize(
    ("text", "body"),
    [
        ("The Chilean Electoral Service said so.", "chile-electoral-service"),
        ("Chile's Supreme Court ruled on Monday.", "chile-supreme-court"),
        ("The U.S. Department of Commerce acted.", "united-states-department-of-commerce"),
    ],
)
def test_a_head_word_body_with_a_country_before_it_is_that_country_s(text, body) -> None:
    assert named(text).get(body) == "government", named(text)


def test_a_country_adjective_before_a_non_state_head_stays_an_organisation() -> None:
    found = named("A Chilean Workers Party rally and the Chilean Football Federation met.")
    assert not any(v == "government" for v in found.values()), found


def test_a_known_party_in_brackets_makes_no_organisation_of_the_name_before_it() -> None:
    text = "Een motie van Jansen (VVD) en Pietersen (D66) over Chili werd aangenomen."
    found = named(text, "nl")
    assert not any(k.startswith(("jansen", "pietersen")) for k in found), found


def test_a_tie_between_countries_goes_to_the_country_of_the_title() -> None:
    text = (
        "lang: en\ntitle: The 2031 Chilean coup\n\n"
        "Officers seized power in Chile. Peru protested. Chile closed its border. Peru "
        "recalled its envoy. ECOWAS threatened military intervention against the junta.\n"
    )
    extraction = extract_document(parse_document(text), RULES)
    found = {e.id for e in extraction.entities.values() if e.mentions}
    assert "chile-military" in found, found


@pytest.mark.parametrize(
    ("text", "found_body"),
    [
        ("Peru is large. Peru is poor. The new government fell in May.", True),
        ("Peru is large. Peru is poor. The rebels attacked government buildings.", False),
    ],
)
def test_describing_words_between_the_and_a_body_noun(text: str, found_body: bool) -> None:
    assert ("peru-government" in named(text)) == found_body


def test_a_house_of_parliament_after_a_country_adjective_is_no_person() -> None:
    found = named("Zij sprak in het Amerikaanse Huis van Afgevaardigden.", "nl")
    assert not any(v == "person" for v in found.values()), found


@pytest.mark.parametrize(
    ("text", "lang", "military"),
    [
        ("Een fregat van de Koninklijke Marine voer uit.", "nl", "netherlands-military"),
        ("The Royal Navy escorted the tanker.", "en", "united-kingdom-military"),
    ],
)
def test_named_armed_forces_are_the_country_s_military(text, lang, military) -> None:
    assert named(text, lang).get(military) == "government"


def test_a_city_name_that_is_a_given_name_starts_a_person_before_an_apposition() -> None:
    found = named("De leiding had Lima Verhoef, een Peruaanse zakenvrouw.", "nl")
    assert found.get("lima-verhoef") == "person", found
    assert "lima" not in found


def test_a_country_s_national_organisation_is_a_state_body_not_a_company() -> None:
    found = named(
        "Chile's National Intelligence Organization (CNIO) and the Chilean National Oil Company"
    )
    assert found.get("national-intelligence-organization") == "government", found
    assert found.get("chilean-national-oil-company") == "organisation", found


@pytest.mark.parametrize(
    ("text", "lang", "region", "continent"),
    [
        ("Droogte trof West-Afrika en Oost-Europa.", "nl", "west-africa", "africa"),
        ("Drought hit Southeast Asia and Eastern Europe.", "en", "southeast-asia", "asia"),
    ],
)
def test_a_part_of_a_continent_is_a_region_not_the_continent(text, lang, region, continent):
    found = named(text, lang)
    assert found.get(region) == "place", found
    assert continent not in found


def test_coordinated_country_adjectives_each_have_the_body() -> None:
    found = named("Chilean and Peruvian police closed the road.")
    assert {"chile-police", "peru-police"} <= set(found), found
    assert "chile" not in found


def test_a_country_body_with_a_known_acronym_in_brackets_is_the_known_body() -> None:
    found = named("Moscow blamed Ukraine's Security Service (SBU) for the blast.")
    assert found.get("security-service-of-ukraine") == "government", found
    assert "ukraine-security-services" not in found


def test_a_constitutional_court_is_a_state_body() -> None:
    assert named("The Constitutional Court annulled the vote.").get("constitutional-court") == (
        "government"
    )


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("The Chilean administration denied it.", "en"),
        ("Het Chileense overgangsbestuur ontkende het.", "nl"),
    ],
)
def test_an_administration_of_a_country_is_its_government(text: str, lang: str) -> None:
    assert named(text, lang).get("chile-government") == "government"


def test_the_board_of_a_foundation_is_no_government() -> None:
    found = named("Chili is groot. Chili is lang. Het bestuur van de stichting trad af.", "nl")
    assert "chile-government" not in found


def test_of_before_a_possessive_country_names_the_possessed_body() -> None:
    found = named("The soldiers of Chile's government fired.")
    assert found.get("chile-government") == "government", found
    assert "chile-military" not in found


def test_one_member_of_a_council_is_no_group_of_members() -> None:
    found = named("Chile, a permanent member of the United Nations Security Council, voted.")
    assert not any(v == "group" for v in found.values()), found
