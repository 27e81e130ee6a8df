"""Dutch verb-second: a phrase before the finite verb puts the subject after it. Sentences
written for these tests."""

from __future__ import annotations

import pytest

from kg.articles.read import parse_document
from kg.extract import extract_document
from kg.rules.loader import load_rules

RULES = load_rules()


def _roles(text: str, event_type: str) -> dict[str, list[str]]:
    document = parse_document(f"lang: nl\ndate: 2024-05-02\n\n{text}")
    (event,) = [e for e in extract_document(document, RULES).events if e.type == event_type]
    return event.roles


@pytest.mark.parametrize(
    "text, event_type, agent, patient",
    [
        (
            "Tijdens de protesten arresteerde de Wit-Russische politie Ihar Losik.",
            "Detain",
            ["belarus-police"],
            ["ihar-losik"],
        ),
        ("Na de verkiezingen veroordeelde de EU het geweld.", "Condemn", ["european-union"], None),
        (
            "Bij de voorlopige uitslag beschuldigde de oppositie Maduro van fraude.",
            "Accuse",
            ["opposition"],
            ["nicolas-maduro"],
        ),
        (
            "Rond 11 uur houdt president Vladimir Poetin een toespraak.",
            "MakeStatement",
            ["vladimir-putin"],
            None,
        ),
    ],
)
def test_a_fronted_phrase_puts_the_subject_after_the_verb(text, event_type, agent, patient):
    roles = _roles(text, event_type)
    assert roles.get("agent") == agent
    assert roles.get("patient") == patient


def test_an_unnamed_subject_after_the_verb_leaves_the_name_after_it_the_object():
    roles = _roles("In Minsk arresteerde de politie Maria Kalesnikava.", "Detain")
    assert "agent" not in roles and roles["patient"] == ["maria-kalesnikava"]


def test_a_noun_inside_the_fronted_phrase_keeps_the_subject_of_its_sentence():
    roles = _roles(
        "Bij hun eerste ontmoeting in Moskou hebben president Vladimir Poetin en Xi Jinping"
        " over Oekraïne gesproken.",
        "HoldMeeting",
    )
    assert "vladimir-putin" in roles.get("agent", []) + roles.get("patient", [])
    assert roles.get("place") == ["moscow"]
