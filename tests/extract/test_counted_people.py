"""Casualties and flight told by a count of people the text does not name ("40 people were
killed", "tientallen mensen kwamen om"): the event stands on the count (a type's `counted`
role), and people counted in a protest are its protesters. Sentences written for these tests."""

from __future__ import annotations

import pytest

from tests.extract.sentences import events_of, of_type


@pytest.mark.parametrize(
    "text, lang",
    [
        ("At least 40 people were killed in the clashes, the health ministry said.", "en"),
        ("Hundreds have died in three weeks of fighting.", "en"),
        ("More than 200 people died in the floods.", "en"),
        ("The explosion claimed 22 lives.", "en"),
        ("Bij de aanslag kwamen 1200 mensen om het leven.", "nl"),
        ("Bij de gevechten vielen zeker 300 doden.", "nl"),
        ("Tientallen zijn omgekomen bij de aardbeving.", "nl"),
    ],
)
def test_a_count_of_unnamed_dead_is_a_death_event_without_a_named_victim(text, lang):
    (death,) = of_type(text, lang, "Kill")
    assert not death.roles.get("patient")
    assert death.factuality == "asserted"


@pytest.mark.parametrize(
    "text, lang",
    [
        ("Dozens of people were killed in protests against the government.", "en"),
        ("Bij de protesten kwamen tientallen mensen om het leven.", "nl"),
    ],
)
def test_people_counted_dead_in_a_protest_are_its_protesters(text, lang):
    (death,) = of_type(text, lang, "Kill")
    assert death.roles["patient"] == ["protesters"]


def test_a_count_of_people_who_flee_stands_with_where_they_went():
    (flight,) = of_type("Thousands of people fled to Chad.", "en", "Flee")
    assert flight.roles == {"destination": ["chad"]}


@pytest.mark.parametrize(
    "text, lang",
    [
        ("The people of Sudan deserve peace.", "en"),  # no count, no event word
        ("The committee killed the bill after hours of debate.", "en"),  # no count of people
        ("De regering viel na de dood van de premier.", "nl"),
        ("Het project kostte honderden miljoenen euro.", "nl"),
    ],
)
def test_no_count_of_people_no_casualties(text, lang):
    assert not [e for e in events_of(text, lang) if e.type in ("Kill", "Flee")]


def test_a_named_victim_still_comes_first():
    (death,) = of_type("Israeli forces killed three militants in Jenin.", "en", "Kill")
    assert death.roles["patient"] == ["militants"]
    assert death.roles["agent"] == ["israel-military"]


def test_a_crowd_told_by_its_count_is_the_protesters():
    text = "Hundreds of thousands marched through the streets of Tbilisi to protest the law."
    (protest,) = of_type(text, "en", "Protest")
    assert protest.roles["agent"] == ["protesters"]


@pytest.mark.parametrize(
    "text, lang",
    [
        ("North Korea test-fired an intercontinental ballistic missile on Thursday.", "en"),
        ("Noord-Korea heeft donderdag een intercontinentale ballistische raket getest.", "nl"),
    ],
)
def test_a_weapons_test_is_a_show_of_force_not_a_strike(text, lang):
    types = {e.type for e in events_of(text, lang)}
    assert types == {"MilitaryExercise"}
    (test,) = of_type(text, lang, "MilitaryExercise")
    assert test.roles["agent"] == ["north-korea"]


@pytest.mark.parametrize(
    "text, lang",
    [
        ("Bij de aanslag zijn twee Zweden doodgeschoten.", "nl"),  # Zweden: Sweden and Swedes
        ("Twee Zweden gedood bij terreuraanslag in Brussel, schutter nog voortvluchtig", "nl"),
    ],
)
def test_a_counted_country_name_is_its_people_and_a_bare_participle_is_passive(text, lang):
    events = events_of(text, lang)
    (death,) = [e for e in events if e.type == "Kill"]
    assert death.roles["patient"] == ["swedes"]
    assert not death.roles.get("agent")
    # the attack the deaths happened in is no act of the dead
    assert all("swedes" not in e.roles.get("agent", []) for e in events)


@pytest.mark.parametrize(
    "text, lang, country",
    [
        ("In May 2021 Belarus forced a Ryanair flight to land in Minsk.", "en", "belarus"),
        ("Rusland viel op 24 februari 2022 Oekraïne binnen.", "nl", "russia"),
    ],
)
def test_a_year_before_a_country_counts_no_people(text, lang, country):
    (event,) = events_of(text, lang)
    assert event.roles["agent"] == [country]


def test_a_count_after_a_source_opens_the_subject_not_the_source():
    text = "Bij de bombardementen kwamen volgens artsen minstens twaalf burgers om het leven."
    (death,) = of_type(text, "nl", "Kill")
    assert death.roles["patient"] == ["civilians"]
    # the bombing the deaths happened in is no act on the dead
    assert all(not e.roles.get("patient") for e in of_type(text, "nl", "AerialAttack"))
