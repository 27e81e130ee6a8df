"""A country's body named by a noun alone ("the junta", "het parlement"): the body of the
country the text is about, when one country dominates it.

Every text here is written for the test.
"""

from __future__ import annotations

import pytest

from kg.articles.read import parse_document
from kg.extract import extract_document
from kg.records import Extraction
from kg.rules.loader import load_rules

RULES = load_rules()


def named(text: str, lang: str = "en") -> dict[str, str]:
    """id -> type of every entity the text mentions."""
    extraction: Extraction = extract_document(parse_document(f"lang: {lang}\n\n{text}\n"), RULES)
    return {e.id: e.type for e in extraction.entities.values() if e.mentions}


@pytest.mark.parametrize(
    ("text", "lang", "body"),
    [
        (
            "Soldiers seized power in Niger in July. Niger is poor and France left. "
            "ECOWAS threatened military intervention against the junta.",
            "en",
            "niger-military",
        ),
        (
            "In Mali grepen militairen de macht. Mali is arm. Het parlement is ontbonden.",
            "nl",
            "mali-parliament",
        ),
    ],
)
def test_a_body_noun_alone_is_the_body_of_the_dominant_country(
    text: str, lang: str, body: str
) -> None:
    assert named(text, lang).get(body) == "government"


@pytest.mark.parametrize(
    "text",
    [
        # two countries named as often: no country the text is about
        "Niger and Mali signed a pact. Niger and Mali met again. The junta agreed.",
        # a possessive or an indefinite article: only a body named before
        "Niger is poor. Niger is hot. Its army was paid late. A military took over.",
        # border guards, police, authorities: many countries' stand at one border
        "Niger is poor. Niger is hot. The border guards on the other side waved.",
    ],
)
def test_no_dominant_country_or_no_definite_article_gives_no_body(text: str) -> None:
    found = named(text)
    assert not any(kind == "government" for kind in found.values()), found


def test_a_body_the_rules_name_is_not_a_body_of_the_dominant_country() -> None:
    text = "Tunesië sloot een deal. Tunesië kreeg geld. Het kabinet steunt de deal."
    found = named(text, "nl")
    assert found.get("netherlands-government") == "government"
    assert "tunisia-government" not in found, found


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Rutte belde maandag met de Armeense premier over de aanval.", "nl"),
        ("The Armenian prime minister called for calm on Monday.", "en"),
    ],
)
def test_an_unnamed_leader_of_a_country_is_its_government(text: str, lang: str) -> None:
    assert named(text, lang).get("armenia-government") == "government"


def test_an_unnamed_leader_is_the_leader_named_before() -> None:
    text = "Armenian Prime Minister Nikol Pashinyan spoke. Later the Armenian prime minister left."
    extraction = extract_document(parse_document(f"lang: en\n\n{text}\n"), RULES)
    found = {e.id for e in extraction.entities.values() if e.mentions}
    assert "armenia-government" not in found, found
    texts = [m.text for m in extraction.entities["nikol-pashinyan"].mentions]
    assert texts == ["Nikol Pashinyan", "Armenian prime minister"]


def test_a_title_before_a_name_is_no_body_noun() -> None:
    found = named("Dat blijkt uit de motie van het lid Ceder over feiten.", "nl")
    assert found.get("ceder") == "person"


def test_the_government_alone_is_not_the_dominant_country_s() -> None:
    text = "Soedan is in oorlog. Soedan lijdt. Soedan vraagt hulp. Is de regering bereid te helpen?"
    found = named(text, "nl")
    assert "sudan-government" not in found, found


@pytest.mark.parametrize(
    ("text", "lang", "present", "absent"),
    [
        ("The junta in Niger ordered the ambassador to leave.", "en", "niger-military", None),
        (
            "De junta in Niger zette de Franse ambassadeur het land uit.",
            "nl",
            "niger-military",
            None,
        ),
        ("Russian troops in Crimea fired on the town.", "en", "russia-military", "crimea-military"),
    ],
)
def test_a_body_in_a_country_is_that_country_body(text, lang, present, absent):
    found = named(text, lang)
    assert found.get(present) == "government"
    assert absent is None or absent not in found
