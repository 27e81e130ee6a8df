"""A country's bodies, groups and names of any story: the general forms unseen news uses
("de Chinese kustwacht", "the regime in Tehran", "the Netanyahu government", "Western
officials"), with the ids docs/quality.md gives them.

Every text here is written for the test, in both languages; none is a sentence of the bundled
articles.
"""

from __future__ import annotations

import pytest

from kg.articles.read import parse_document
from kg.extract import extract_document
from kg.rules.loader import load_rules

RULES = load_rules()


def named(text: str, lang: str = "en") -> dict[str, str]:
    """id -> type of every entity the text mentions."""
    extraction = extract_document(parse_document(f"lang: {lang}\n\n{text}\n"), RULES)
    return {e.id: e.type for e in extraction.entities.values() if e.mentions}


@pytest.mark.parametrize(
    ("text", "lang", "body"),
    [
        ("De Chinese kustwacht hield een vissersboot aan.", "nl", "china-coast-guard"),
        ("The Philippine coast guard escorted the supply boat.", "en", "philippines-coast-guard"),
        ("Het Peruaanse Congres zette de president af.", "nl", "peru-congress"),
        ("The Peruvian Congress removed the president.", "en", "peru-congress"),
        ("De Amerikaanse Senaat stemde in met het hulppakket.", "nl", "united-states-senate"),
        ("The Kenyan Health Ministry reported ten cases.", "en", "kenya-ministry-of-health"),
        (
            "Het ministerie van Defensie van Niger meldde een aanval.",
            "nl",
            "niger-ministry-of-defence",
        ),
        ("De Ethiopische Nationale Defensiemacht rukte op.", "nl", "ethiopia-military"),
        ("De Iraanse Zedenpolitie hield twee vrouwen aan.", "nl", "iran-police"),
        ("Kenyan police officers fired tear gas.", "en", "kenya-police"),
        ("Het Israelische leger trok zich terug.", "nl", "israel-military"),  # no diaeresis
        ("The Burkinabe junta expelled the envoy.", "en", "burkina-faso-military"),
        ("Het Sudanese leger bombardeerde de stad.", "nl", "sudan-military"),
    ],
)
def test_a_country_s_body_by_its_noun(text: str, lang: str, body: str) -> None:
    assert named(text, lang).get(body) == "government"


def test_a_ministry_of_a_named_country_is_not_the_dutch_one() -> None:
    found = named("De Servische minister van Defensie reisde naar Moskou.", "nl")
    assert found.get("serbia-ministry-of-defence") == "government"
    assert "netherlands-ministry-of-defence" not in found, found


@pytest.mark.parametrize(
    ("text", "lang", "body"),
    [
        ("De Marokkaanse ambassadeur werd ontboden.", "nl", "morocco-embassy"),
        ("The ministry summoned the Moroccan ambassador.", "en", "morocco-embassy"),
    ],
)
def test_an_unnamed_ambassador_stands_for_the_embassy(text: str, lang: str, body: str) -> None:
    assert named(text, lang).get(body) == "government"


@pytest.mark.parametrize(
    ("text", "lang", "body"),
    [
        ("De regering in Bamako verbrak de banden met Parijs.", "nl", "mali-government"),
        ("The regime in Tehran cracked down on the strikes.", "en", "iran-government"),
        ("De machthebbers in Niamey sloten het luchtruim.", "nl", "niger-government"),
    ],
)
def test_a_government_in_a_capital_is_that_country_s(text: str, lang: str, body: str) -> None:
    assert named(text, lang).get(body) == "government"


def test_a_parliament_in_a_capital_may_be_the_building() -> None:
    found = named("Betogers bestormden het parlement in Colombo.", "nl")
    assert "sri-lanka-parliament" not in found, found


@pytest.mark.parametrize(
    ("text", "lang", "body"),
    [
        ("De troepen van de Tigray-regio trokken zich terug.", "nl", "tigray-region-military"),
        (
            "De autoriteiten van Tigray weigerden de verkiezingen uit te stellen.",
            "nl",
            "tigray-region-authorities",
        ),
        ("The authorities of Crimea closed the bridge.", "en", "crimea-authorities"),
    ],
)
def test_a_region_named_by_its_name_has_its_own_bodies(text: str, lang: str, body: str) -> None:
    assert named(text, lang).get(body) == "government"


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("De Israëlische premier Benjamin Netanyahu sprak. De regering-Netanyahu viel aan.", "nl"),
        ("Israeli Prime Minister Benjamin Netanyahu spoke. The Netanyahu government agreed.", "en"),
    ],
)
def test_a_leader_s_government_is_their_country_s(text: str, lang: str) -> None:
    assert named(text, lang).get("israel-government") == "government"


def test_a_government_of_a_titled_leader() -> None:
    assert named("The government of President Putin denied it.").get("russia-government")


def test_a_body_named_right_after_its_noun_is_that_body_alone() -> None:
    found = named("De Russische inlichtingendienst FSB pakte een journalist op.", "nl")
    assert found.get("federal-security-service") == "government"
    assert "russia-security-services" not in found, found


@pytest.mark.parametrize(
    ("text", "lang", "group"),
    [
        ("Soldiers opened fire on the crowd.", "en", "soldiers"),
        ("Soldaten openden het vuur op de menigte.", "nl", "soldiers"),
        ("The talks demanded the withdrawal of all ethnic Albanian soldiers.", "en", "soldiers"),
        ("Western officials blamed the junta.", "en", "officials"),
        ("Westerse functionarissen gaven de junta de schuld.", "nl", "officials"),
        ("Armed gangs attacked the police station.", "en", "gangs"),
        ("Bendes vielen het politiebureau aan.", "nl", "gangs"),
        ("Ontvoerders eisten losgeld voor de studenten.", "nl", "kidnappers"),
        ("Pirates seized the tanker off the coast.", "en", "pirates"),
        ("Vissers blokkeerden de haven met hun boten.", "nl", "fishermen"),
    ],
)
def test_groups_named_by_a_common_noun(text: str, lang: str, group: str) -> None:
    assert named(text, lang).get(group) == "group"


def test_soldiers_of_a_country_the_text_is_about_are_its_military() -> None:
    found = named("Mali is poor. Mali is hot. The soldiers left the base.")
    assert found.get("mali-military") == "government"
    assert "soldiers" not in found, found


@pytest.mark.parametrize(
    ("text", "lang", "entity", "kind"),
    [
        (
            "De Beweging voor Democratie en Vrijheid protesteerde.",
            "nl",
            "beweging-voor-democratie-en-vrijheid",
            "organisation",
        ),
        (
            "The Front for Peace and Justice protested.",
            "en",
            "front-for-peace-and-justice",
            "organisation",
        ),
        (
            "He died in the Yamalo-Nenets Autonomous Okrug.",
            "en",
            "yamalo-nenets-autonomous-okrug",
            "place",
        ),
        ("He was buried at Vagankovo Cemetery.", "en", "vagankovo-cemetery", "place"),
    ],
)
def test_names_with_and_hyphens_and_place_heads(
    text: str, lang: str, entity: str, kind: str
) -> None:
    assert named(text, lang).get(entity) == kind


def test_and_after_for_does_not_join_a_known_name() -> None:
    found = named("The Council for Peace and Hamas met in Cairo.")
    assert found.get("hamas") == "organisation", found


@pytest.mark.parametrize(
    ("text", "group"),
    [
        ("Verzetsstrijders overvielen een konvooi.", "militants"),
        ("Oorlogsvluchtelingen sliepen aan de grens.", "refugees-and-migrants"),
        ("Tegendemonstranten gooiden stenen.", "protesters"),
    ],
)
def test_a_dutch_compound_ending_in_a_group_noun_names_that_group(text: str, group: str) -> None:
    assert named(text, "nl").get(group) == "group"


def test_citizens_in_a_dutch_compound_are_no_civilians() -> None:
    assert "civilians" not in named("Amerikaanse staatsburgers werden geëvacueerd.", "nl")


def test_dutch_border_guards_by_another_noun() -> None:
    found = named("Kroatische grensbewakers duwden de groep terug.", "nl")
    assert found.get("croatia-border-guards") == "government"


@pytest.mark.parametrize(
    ("text", "place", "kind"),
    [
        ("Migranten voeren vanuit Zarzis richting Pantelleria.", "zarzis", "city"),
        ("Migranten voeren vanuit Zarzis richting Pantelleria.", "pantelleria", "city"),
        ("De gevechten in de provincie Zuid-Kivu gaan door.", "south-kivu", "place"),
        ("Vrachtwagens stonden bij de grensovergang Dorohusk.", "dorohusk", "place"),
    ],
)
def test_dutch_places_no_rule_file_names(text: str, place: str, kind: str) -> None:
    assert named(text, "nl").get(place) == kind


def test_a_dutch_compound_class_noun_types_the_name_after_it() -> None:
    found = named("De regeringspartij Zorvana won de verkiezingen.", "nl")
    assert found.get("zorvana") == "organisation", found


def test_a_class_noun_before_a_known_name_is_no_part_of_it() -> None:
    found = named("Mensenrechtenorganisatie Amnesty International eist een onderzoek.", "nl")
    assert found.get("amnesty-international") == "organisation", found
    assert not any(e.startswith("mensenrechtenorganisatie") for e in found), found


@pytest.mark.parametrize(
    ("text", "lang", "body"),
    [
        ("Kenia kiest. Kenia is onrustig. De politie schoot op betogers.", "nl", "kenya-police"),
        ("Kenya votes. Kenya is tense. The police fired on protesters.", "en", "kenya-police"),
    ],
)
def test_the_police_of_the_country_a_text_is_about(text: str, lang: str, body: str) -> None:
    assert named(text, lang).get(body) == "government"


def test_a_part_of_an_organisation_named_after_its_noun_is_that_part() -> None:
    found = named("De VN-vredesmacht UNIFIL riep op tot kalmte.", "nl")
    assert found.get("united-nations-interim-force-in-lebanon") == "organisation"
    assert "united-nations-military" not in found, found


def test_police_alone_opening_a_sentence_is_the_country_s_police() -> None:
    text = "Kenya votes. Kenya is tense. Police arrested dozens of protesters."
    assert named(text).get("kenya-police") == "government"


def test_police_as_a_modifier_is_no_body() -> None:
    text = "Kenya votes. Kenya is tense. Reports of police brutality spread."
    assert "kenya-police" not in named(text)


@pytest.mark.parametrize(
    ("text", "entity", "kind"),
    [
        ("Gunmen raided a school in Zamfara State.", "zamfara-state", "place"),
        ("The ship ran aground on Scarborough Shoal.", "scarborough-shoal", "place"),
        ("Armed bandits kidnapped forty villagers.", "bandits", "group"),
    ],
)
def test_states_shoals_and_bandits(text: str, entity: str, kind: str) -> None:
    assert named(text).get(entity) == kind


@pytest.mark.parametrize(
    ("text", "body"),
    [
        ("Manila summoned Beijing's envoy and then China's ambassador.", "china-embassy"),
        ("Iran's foreign minister flew to Muscat.", "iran-ministry-of-foreign-affairs"),
        ("Chile's president spoke on Monday.", "chile-government"),
    ],
)
def test_a_country_s_unnamed_official_with_a_possessive(text: str, body: str) -> None:
    assert named(text).get(body) == "government"


def test_a_country_s_opposition_in_english() -> None:
    assert named("The Bolivian opposition called a strike.").get("opposition") == "group"
    assert "opposition" not in named("The Bolivian opposition to the law grew.")


@pytest.mark.parametrize(
    ("text", "lang", "body"),
    [
        (
            "The General Security Unit of the National Palace arrested twenty suspects.",
            "en",
            "general-security-unit-of-the-national-palace",
        ),
        ("De Nationale Interventie Eenheid arresteerde twee verdachten.", "nl", None),
        ("A Russian court sentenced the journalist to 16 years.", "en", "russia-court"),
        ("Een Russische rechtbank veroordeelde de journalist tot 16 jaar.", "nl", "russia-court"),
        ("A court in Hong Kong convicted the publisher.", "en", "hong-kong-court"),
    ],
)
def test_a_units_name_with_a_state_word_is_a_state_body(text, lang, body):
    found = named(text, lang)
    if body is None:  # the Dutch name: whatever its id, a state body
        assert "government" in found.values(), found
    else:
        assert found.get(body) == "government", found
