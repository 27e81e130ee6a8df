"""Who does an event a participle describes ("the sanctions imposed by Moscow"), who is
blamed for what ("criticised Hungary for blocking"), and words of number that are no
prepositions ("at least 40"). Sentences written for these tests."""

from __future__ import annotations

import pytest

from tests.extract.sentences import events_of
from tests.extract.sentences import of_type as _of_type


@pytest.mark.parametrize(
    "text, lang",
    [
        ("The European Union condemned the new sanctions imposed by Moscow.", "en"),
        ("The European Union condemned the sanctions imposed on Brussels by Moscow.", "en"),
        ("De EU veroordeelde de door Moskou opgelegde sancties.", "nl"),
        ("De EU veroordeelde de door Moskou opgelegde economische sancties.", "nl"),
    ],
)
def test_the_agent_of_a_participle_after_an_event_noun_is_the_nouns_doer(text, lang):
    (sanctions,) = _of_type(text, lang, "ImposeSanctions")
    assert sanctions.roles["agent"] == ["russia"]
    (condemnation,) = _of_type(text, lang, "Condemn")
    assert condemnation.roles["agent"] == ["european-union"]
    assert condemnation.roles["patient"] == ["russia"]  # who is condemned: the doer


def test_a_coup_led_by_a_general_is_his():
    text = "Bolivia's president denounced the coup led by Juan José Zúñiga."
    (coup,) = _of_type(text, "en", "Coup")
    assert coup.roles["agent"] == ["juan-jose-zuniga"]


@pytest.mark.parametrize(
    "text, lang, act, doer",
    [
        ("Jens Stoltenberg criticised Hungary for blocking the aid.", "en", "ReduceAid", "hungary"),
        ("Russia blamed Ukraine for the drone attack.", "en", "AerialAttack", "ukraine"),
    ],
)
def test_the_one_blamed_for_an_act_does_it(text, lang, act, doer):
    (event,) = _of_type(text, lang, act)
    assert event.roles["agent"] == [doer]


def test_criticism_takes_the_act_for_granted_an_accusation_does_not():
    criticised = _of_type("Germany criticised Hungary for blocking the aid.", "en", "ReduceAid")
    blamed = _of_type("Russia blamed Ukraine for the drone attack.", "en", "AerialAttack")
    assert criticised[0].factuality == "asserted"
    assert blamed[0].factuality == "possible"


@pytest.mark.parametrize(
    "text",
    [
        "Israeli airstrikes killed at least 40 Palestinians in Gaza on Tuesday.",
        "Israeli airstrikes killed over 40 Palestinians in Gaza on Tuesday.",
    ],
)
def test_a_word_of_number_is_no_place_and_a_past_form_no_noun(text):
    (killing,) = _of_type(text, "en", "Kill")
    assert killing.roles["patient"] == ["palestinians"]
    assert killing.roles["place"] == ["gaza-strip"]
    assert killing.roles["agent"] == ["israel"]


def test_over_a_place_is_still_a_place():
    (attack,) = _of_type("A Russian air strike over Kyiv wounded two people.", "en", "AerialAttack")
    assert attack.roles["place"] == ["kyiv"]


@pytest.mark.parametrize(
    "text, lang, event_type, agent",
    [
        ("De oppositie verwijt de regering verkiezingsfraude.", "nl", "Accuse", "opposition"),
        ("Duitsland heeft scherpe kritiek geuit op Israël.", "nl", "Condemn", "germany"),
    ],
)
def test_a_noun_before_the_verb_is_its_subject_not_an_adjective(text, lang, event_type, agent):
    (event,) = _of_type(text, lang, event_type)
    assert event.roles["agent"] == [agent]


@pytest.mark.parametrize(
    "text",
    [
        "Belarus condemned the new EU sanctions as illegal.",
        "Moscow slammed the latest round of US sanctions.",
    ],
)
def test_a_name_between_an_adjective_and_an_event_noun_is_no_subject(text):
    speaker = "belarus" if text.startswith("Belarus") else "russia"
    for sanctions in _of_type(text, "en", "ImposeSanctions"):
        assert speaker not in sanctions.roles.get("agent", [])


@pytest.mark.parametrize(
    "text, lang, accuser, accused",
    [
        ("Warsaw said Minsk was responsible for the crisis.", "en", "poland", "belarus"),
        ("Kyiv says Moscow is behind the attack on the dam.", "en", "ukraine", "russia"),
        ("Polen zegt dat Minsk verantwoordelijk is voor de crisis.", "nl", "poland", "belarus"),
    ],
)
def test_saying_someone_is_responsible_accuses_them(text, lang, accuser, accused):
    (accusation,) = _of_type(text, lang, "Accuse")
    assert accusation.roles == {"agent": [accuser], "patient": [accused]}


def test_saying_it_is_not_responsible_accuses_no_one():
    assert not _of_type("The ministry said Kyiv was not responsible for it.", "en", "Accuse")


@pytest.mark.parametrize(
    "text, lang",
    [
        (
            "The United States imposed sanctions on three Chinese firms, accusing them of"
            " supplying drones to Russia.",
            "en",
        ),
        ("Washington accused unnamed firms of supplying drones to Russia.", "en"),
    ],
)
def test_an_act_of_an_accused_no_rule_names_is_not_the_accusers_fact(text, lang):
    events = events_of(text, lang)
    (accusation,) = [e for e in events if e.type == "Accuse"]
    assert accusation.roles["agent"] == ["united-states"]
    supplies = [e for e in events if e.type == "ProvideMilitaryAid"]
    assert all(e.factuality != "asserted" for e in supplies)
    assert all("united-states" not in e.roles.get("agent", []) for e in supplies)
