"""Who acts in a report when the text names no one, and where a clause of contrast ends
the participants of the event before it. Sentences written for these tests."""

from __future__ import annotations

import pytest

from kg.articles.read import parse_document
from kg.extract import extract_document
from kg.rules.loader import load_rules

RULES = load_rules()


def _extract(text: str, lang: str, title: str | None = None):
    header = f"lang: {lang}\ndate: 2024-05-02\n" + (f"title: {title}\n" if title else "")
    return extract_document(parse_document(f"{header}\n{text}"), RULES)


def _roles(text: str, lang: str, event_type: str, title: str | None = None):
    (event,) = [e for e in _extract(text, lang, title).events if e.type == event_type]
    return event.roles


@pytest.mark.parametrize(
    "text, lang",
    [
        ("Honderden mensen gingen in Niamey de straat op.", "nl"),
        ("Daarbij gingen ruim honderdduizend mensen de straat op.", "nl"),
        ("Thousands of people protested in Tbilisi against the law.", "en"),
        ("People took to the streets of Caracas.", "en"),
    ],
)
def test_unnamed_people_who_protest_are_the_protesters(text, lang):
    extraction = _extract(text, lang)
    assert _roles(text, lang, "Protest")["agent"] == ["protesters"]
    (word,) = extraction.entities["protesters"].mentions  # the words behind them
    assert word.text.lower() in {"mensen", "people"}


def test_unnamed_people_are_no_crowd_for_another_event():
    extraction = _extract("De politie arresteerde tientallen mensen in Minsk.", "nl")
    assert "protesters" not in extraction.entities
    assert all("protesters" not in ids for e in extraction.events for ids in e.roles.values())


@pytest.mark.parametrize(
    "text, lang, title",
    [
        (
            "Een groep militairen heeft zondag een staatsgreep gepleegd in het West-Afrikaanse"
            " Guinee.",
            "nl",
            "Militairen plegen staatsgreep in Guinee",
        ),
        ("Soldiers seized power on Sunday.", "en", "Coup in Guinea"),
    ],
)
def test_soldiers_before_any_country_are_the_army_of_the_title_country(text, lang, title):
    assert _roles(text, lang, "Coup", title)["agent"] == ["guinea-military"]


@pytest.mark.parametrize(
    "text, lang",
    [
        ("The army killed ten civilians, but President Vladimir Putin denied it.", "en"),
        ("The army killed ten civilians but Putin denied it.", "en"),
        ("Het leger doodde tien burgers, maar president Poetin ontkende dat.", "nl"),
    ],
)
def test_a_new_subject_after_but_is_no_participant_of_the_event_before(text, lang):
    assert _roles(text, lang, "Kill")["patient"] == ["civilians"]


def test_after_but_without_a_subject_the_subject_is_shared():
    events = _extract("Police detained Ihar Losik but released him a day later.", "en").events
    assert {(e.type, tuple(e.roles["patient"])) for e in events} == {
        ("Detain", ("ihar-losik",)),
        ("ReleasePersons", ("ihar-losik",)),
    }


def test_unnamed_people_are_the_crowd_not_the_group_the_story_is_about():
    text = (
        "Georgians want change. Many Georgians are angry.\n\n"
        "Tens of thousands of people rallied outside parliament in Tbilisi."
    )
    assert _roles(text, "en", "Protest")["agent"] == ["protesters"]


@pytest.mark.parametrize(
    "text, lang",
    [
        ("Javier Milei won the presidential election in November.", "en"),
        ("Aleksandr Loekasjenko heeft de presidentsverkiezingen van zondag gewonnen.", "nl"),
    ],
)
def test_winning_an_election_tells_no_election_of_its_own(text, lang):
    assert [e.type for e in _extract(text, lang).events] == ["WinElection"]


def test_stealing_an_election_still_names_the_election():
    types = {e.type for e in _extract("Lukashenko stole the election.", "en").events}
    assert types == {"ElectionFraud", "Election"}
