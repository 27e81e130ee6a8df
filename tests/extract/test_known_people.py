"""People news names by surname alone are found, in both spellings, under one id."""

from __future__ import annotations

from kg.articles.read import parse_document
from kg.extract import extract_document
from kg.rules.loader import load_rules

RULES = load_rules()


def _people(text: str, lang: str) -> set[str]:
    extraction = extract_document(parse_document(f"lang: {lang}\n\n{text}"), RULES)
    return {e.id for e in extraction.entities.values() if e.type == "person" and e.mentions}


def test_a_surname_alone_names_the_known_person_in_either_language():
    assert _people("Zelensky met Erdogan in Ankara.", "en") == {
        "volodymyr-zelensky",
        "recep-tayyip-erdogan",
    }
    assert _people("Zelenski sprak met Sjojgoe en Prigozjin.", "nl") == {
        "volodymyr-zelensky",
        "sergei-shoigu",
        "yevgeny-prigozhin",
    }


def test_a_common_surname_is_not_an_alias():
    people = _people("Michel Barnier met Johnson in Paris.", "en")
    assert "charles-michel" not in people and "boris-johnson" not in people
