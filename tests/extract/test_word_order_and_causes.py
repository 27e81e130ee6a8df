"""Word order, causes and tense that any story writes: Dutch verb-second after a date, an
attack that kills, "het" that stands for the speaker, a past tense that dates an event
before the article. Each sentence was written for this test (articles of 2 May 2024)."""

from __future__ import annotations

import pytest

from tests.extract.sentences import extraction_of, of_type


@pytest.mark.parametrize(
    "text, event_type, agent, patient",
    [
        # after a date the subject follows the finite verb: Putin threatens, not Ukraine
        ("Op 3 april bedreigde Poetin Oekraïne.", "Threaten", "vladimir-putin", "ukraine"),
        (
            "Gisteren ontmoette Zelensky Biden in Washington.",
            "HoldMeeting",
            "volodymyr-zelensky",
            "joe-biden",
        ),
        # an unnamed subject after the verb ("de politie") leaves the doer empty
        (
            "Gisteren heeft de politie twee journalisten gearresteerd.",
            "Detain",
            None,
            "journalists",
        ),
        ("Vorige week liet de junta twee journalisten arresteren.", "Detain", None, "journalists"),
        (
            "Dinsdag heeft Rusland Oekraïne opnieuw aangevallen.",
            "UseMilitaryForce",
            "russia",
            "ukraine",
        ),
    ],
)
def test_the_dutch_subject_follows_the_verb_after_a_date(text, event_type, agent, patient):
    (event,) = of_type(text, "nl", event_type)
    assert event.roles.get("agent", [None])[0] == agent
    assert patient in event.roles.get("patient", [])


@pytest.mark.parametrize(
    "text, lang, doer",
    [
        ("Qasem Soleimani was killed by a U.S. drone strike in Baghdad.", "en", "united-states"),
        ("Two civilians were killed in a Russian missile strike on Kharkiv.", "en", "russia"),
        ("Twee burgers werden gedood door een Israëlische luchtaanval.", "nl", "israel"),
    ],
)
def test_who_attacked_killed_when_the_attack_is_how_they_died(text, lang, doer):
    (killing,) = of_type(text, lang, "Kill")
    assert killing.roles["agent"] == [doer]


def test_protesters_kill_no_one_when_people_die_at_a_protest():
    (dying,) = of_type("Bij protesten tegen de Iraanse regering kwamen 35 mensen om.", "nl", "Kill")
    assert not dying.roles.get("agent")


def test_the_target_after_strike_on_is_the_country_of_its_adjective():
    (strike,) = of_type(
        "An Israeli strike on an Iranian consulate in Damascus killed seven officers.",
        "en",
        "AerialAttack",
    )
    assert strike.roles["agent"] == ["israel"] and strike.roles["patient"] == ["iran"]


def test_a_labour_strike_is_no_air_strike():
    assert not of_type("Workers went on strike against the pension reform.", "en", "AerialAttack")


def test_dutch_het_before_a_plural_noun_is_the_speaker_not_an_article():
    (delivery,) = of_type(
        "Iran zei dat het drones had geleverd aan Rusland.", "nl", "ProvideMilitaryAid"
    )
    assert delivery.roles["agent"] == ["iran"] and delivery.roles["patient"] == ["russia"]
    (attack,) = of_type("Rusland zei dat het leger Kyiv had aangevallen.", "nl", "UseMilitaryForce")
    assert attack.roles["agent"] == ["russia-military"]


def test_a_summoned_ambassador_is_no_doer():
    """ "is … ontboden": a strong participle without "ge" after "is" is a passive."""
    events = of_type(
        "De Iraanse ambassadeur is daarop onmiddellijk ontboden.", "nl", "ReduceDiplomaticRelations"
    )
    assert all("iran-embassy" not in e.roles.get("agent", []) for e in events)


def test_recalling_an_ambassador_in_an_infinitive_clause():
    (recall,) = of_type(
        "Het kabinet heeft besloten de Nederlandse ambassadeur in Teheran terug te roepen.",
        "nl",
        "ReduceDiplomaticRelations",
    )
    assert recall.roles["agent"] == ["netherlands-government"]
    assert not of_type(
        "De ambassadeur keerde terug naar Parijs.", "nl", "ReduceDiplomaticRelations"
    )


def test_an_adverb_before_condemning_keeps_it_a_verb():
    (condemning,) = of_type(
        "The G7 issued a joint statement forcefully condemning the attack.", "en", "Condemn"
    )
    assert condemning.roles["agent"] == ["g7"]


def test_a_plan_to_impose_sanctions_is_no_sanction_yet():
    (plan,) = of_type(
        "De EU heeft plannen om sancties op te leggen aan Iran.", "nl", "ImposeSanctions"
    )
    assert plan.factuality == "future"


@pytest.mark.parametrize(
    "text, lang, winner",
    [
        ("Ilham Aliyev secured re-election in February.", "en", "ilham-aliyev"),
        ("Javier Milei won a landslide victory in the presidential runoff.", "en", "javier-milei"),
    ],
)
def test_a_victory_in_an_election_elects_its_winner(text, lang, winner):
    (won,) = of_type(text, lang, "WinElection")
    assert won.roles["patient"] == [winner]


def test_a_dutch_present_participle_makes_protests_a_noun_with_their_crowd():
    (protest,) = of_type(
        "De regering trok de wet in na dagen van aanhoudende protesten.", "nl", "Protest"
    )
    assert protest.roles["agent"] == ["protesters"]


@pytest.mark.parametrize(
    "text, lang, year",
    [
        # a day just after the article, told in the past: last year's
        ("On 4 May Putin threatened Ukraine.", "en", "2023"),
        ("Poetin heeft Oekraïne op 4 mei bedreigd.", "nl", "2023"),
        ("On 4 May 2024 Putin threatened Ukraine.", "en", "2024"),  # the year is written
    ],
)
def test_a_past_tense_looks_back_for_the_year_of_a_day(text, lang, year):
    (threat,) = of_type(text, lang, "Threaten")
    assert threat.time is not None and threat.time.value.startswith(year)
    assert threat.factuality == ("future" if year == "2024" else "asserted")


def test_a_present_tense_looks_ahead():
    (visit,) = of_type("Poetin bezoekt op 4 mei Kiev.", "nl", "MakeVisit")
    assert visit.time.value == "2024-05-04" and visit.factuality == "future"


def test_a_korean_family_name_alone_is_the_person_named_before():
    extraction = extraction_of("Kim Jong Un visited Russia. Kim met Putin in Vladivostok.", "en")
    (meeting,) = [e for e in extraction.events if e.type == "HoldMeeting"]
    assert meeting.roles["agent"] == ["kim-jong-un"]
    assert "kim" not in extraction.entities


@pytest.mark.parametrize(
    "text, lang, doer",
    [
        ("Bij een Russische raketaanval op Charkiv zijn twee burgers omgekomen.", "nl", "russia"),
        ("During an Israeli strike on Rafah, five people were killed.", "en", "israel"),
        ("Bij de aanval van Hamas op Israël werden 1200 mensen gedood.", "nl", "hamas"),
    ],
)
def test_an_attack_that_opens_the_sentence_did_its_killing(text, lang, doer):
    (killing,) = of_type(text, lang, "Kill")
    assert killing.roles["agent"] == [doer]


def test_an_attack_that_opens_the_sentence_does_not_make_the_refugees_flee_for_it():
    (flight,) = of_type(
        "During the Russian invasion, millions of Ukrainians fled to Poland.", "en", "Flee"
    )
    assert "russia" not in flight.roles.get("agent", [])
