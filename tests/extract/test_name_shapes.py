"""People found by the words around an unknown name, and names that only look like people.
Sentences written for these tests."""

from __future__ import annotations

from kg.articles.read import parse_document
from kg.extract import extract_document
from kg.rules.loader import load_rules

RULES = load_rules()


def _entities(text: str, lang: str) -> dict[str, str]:
    extraction = extract_document(parse_document(f"lang: {lang}\n\n{text}"), RULES)
    return {e.id: e.type for e in extraction.entities.values() if e.mentions}


def test_an_apposition_makes_the_name_before_it_a_person():
    found = _entities("Jovenel Moïse, the 43rd president of Haiti, was shot dead.", "en")
    assert found.get("jovenel-moise") == "person"
    found = _entities("Kira Yarmysh, a lawyer, confirmed it.", "en")
    assert found.get("kira-yarmysh") == "person"
    found = _entities("Jovenel Moïse, de president van Haïti, werd vermoord.", "nl")
    assert found.get("jovenel-moise") == "person"


def test_an_apposition_after_a_place_or_a_date_names_no_person():
    found = _entities("South Africa, the host country, said nothing.", "en")
    assert "person" not in found.values()
    found = _entities("Last Thursday, the president spoke.", "en")
    assert "person" not in found.values()


def test_a_portfolio_after_van_is_no_part_of_the_name():
    found = _entities("Minister Blok van Buitenlandse Zaken sprak met de pers.", "nl")
    assert found.get("blok") == "person"
    assert not any("buitenlandse" in entity for entity in found)


def test_an_organisation_head_word_names_no_person():
    text = "Het leger vocht tegen de Ethiopische Nationale Defensiemacht."
    found = _entities(text, "nl")
    assert "person" not in found.values()
    # a country's army by its name: <country>-military (docs/quality.md, rule 4)
    assert found.get("ethiopia-military") == "government"
    found = _entities("The American Evan Neumann fled.", "en")
    assert found.get("evan-neumann") == "person"


def test_a_surname_after_a_title_is_the_person_named_in_full_before():
    text = "Premier Abiy Ahmed won de verkiezingen. De regio verwierp premier Ahmed."
    people = [i for i, kind in _entities(text, "nl").items() if kind == "person"]
    assert people == ["abiy-ahmed"]
    text = "President Jovenel Moïse spoke. Later, President Moïse left."
    people = [i for i, kind in _entities(text, "en").items() if kind == "person"]
    assert people == ["jovenel-moise"]


def test_belarusian_and_persian_given_names_open_a_persons_name():
    """Belarusian passports and news romanise names otherwise than Russian (Siarhei, not
    Sergei); Persian names are missing from Faker's Latin-script lists."""
    found = _entities(
        "Siarhei Tsikhanouski was arrested in May. Katsiaryna Andreyeva was sentenced in "
        "Minsk. Mahsa Amini died in Tehran.",
        "en",
    )
    for person in ("siarhei-tsikhanouski", "katsiaryna-andreyeva", "mahsa-amini"):
        assert found.get(person) == "person", found
    dutch = _entities("Uladzimir Matskevich werd in Minsk veroordeeld.", "nl")
    assert dutch.get("uladzimir-matskevich") == "person", dutch


def test_a_plural_demonym_before_a_known_name_names_no_person():
    found = _entities("Buitenlandse Zaken adviseert Nederlanders Libanon te verlaten.", "nl")
    assert "libanon" not in found and found.get("lebanon") == "country", found
    found = _entities("De Amerikaan Evan Neumann vluchtte naar Belarus.", "nl")
    assert found.get("evan-neumann") == "person", found
