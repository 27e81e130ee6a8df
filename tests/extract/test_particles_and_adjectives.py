"""A separable verb's particle before a conjunction, a body named by a compound noun, and
an adjective of nationality before a person's name. Sentences written for these tests."""

from __future__ import annotations

import pytest

from tests.extract.sentences import extraction_of
from tests.extract.sentences import of_type as _of_type


def test_a_particle_before_omdat_closes_the_separable_verb():
    text = "Mahsa Amini kwam uit Iran. De zedenpolitie pakte haar op omdat ze geen hoofddoek droeg."
    (detention,) = _of_type(text, "nl", "Detain")
    assert detention.roles["agent"] == ["iran-police"]  # "zedenpolitie": the police


@pytest.mark.parametrize(
    "text, lang",
    [
        ("De politie arresteerde de 22-jarige Koerdische Mahsa Amini.", "nl"),
        ("Police arrested the Kurdish woman Mahsa Amini.", "en"),
        ("Police arrested the young Kurdish Mahsa Amini.", "en"),
    ],
)
def test_an_adjective_of_nationality_does_not_hide_the_name_after_it(text, lang):
    assert "mahsa-amini" in extraction_of(text, lang).entities


def test_a_given_name_ending_like_an_adjective_stays_a_name():
    people = [e for e in extraction_of("Louise Mushikiwabo visited Kigali.", "en").entities]
    assert "louise-mushikiwabo" in people


def test_a_family_name_written_first_finds_the_person_later():
    text = (
        "Taiwan's President Lai Ching-te spoke in Taipei on Monday. "
        "Lai visited a marine base on Thursday."
    )
    (visit,) = _of_type(text, "en", "MakeVisit")
    assert visit.roles["agent"] == ["lai-ching-te"]


def test_a_given_name_first_is_no_family_name():
    text = "Evan Gershkovich was detained in Yekaterinburg. Evan is a reporter."
    mentions = extraction_of(text, "en").entities["evan-gershkovich"].mentions
    assert [m.text for m in mentions] == ["Evan Gershkovich"]


@pytest.mark.parametrize(
    "text, lang",
    [
        ("Sudan's army sent envoys to Saudi Arabia for talks on a truce.", "en"),
        ("Het Soedanese leger stuurde een delegatie naar Saoedi-Arabië.", "nl"),
    ],
)
def test_envoys_sent_abroad_are_a_visit_not_people_sent_to_a_border(text, lang):
    events = extraction_of(text, lang).events
    assert [e.type for e in events] == ["MakeVisit"]
    assert events[0].roles["patient"] == ["saudi-arabia"]


@pytest.mark.parametrize(
    "text, lang",
    [
        ("Vladimir Putin travelled to Pyongyang on Tuesday.", "en"),
        ("Vladimir Poetin reisde dinsdag naar Pyongyang.", "nl"),
        ("Vladimir Poetin is dinsdag naar Pyongyang gereisd.", "nl"),
    ],
)
def test_where_a_visit_goes_is_the_one_visited(text, lang):
    (visit,) = _of_type(text, lang, "MakeVisit")
    assert visit.roles["agent"] == ["vladimir-putin"]
    assert visit.roles["patient"] == ["north-korea"]  # the type's `destination: patient`
