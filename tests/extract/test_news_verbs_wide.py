"""Common wire-news constructions across stories, in both languages: each sentence written
for this test names one act, with its doer and target, and no other act of its kind."""

from __future__ import annotations

import pytest

from tests.extract.sentences import events_of, of_type


@pytest.mark.parametrize(
    "text, lang, event_type, agent, patient",
    [
        (  # "7.4" once read as "7." and a footnote "4": two sentences, Egypt lost
            "The EU agreed a 7.4 billion euro deal with Egypt to curb migration.",
            "en",
            "SignAgreement",
            "european-union",
            "egypt",
        ),
        (
            "De militairen plaatsten president Mohamed Bazoum onder huisarrest.",
            "nl",
            "Detain",
            None,
            "mohamed-bazoum",
        ),
        ("ECOWAS schorste Niger als lid.", "nl", "ReduceRelations", "ecowas", "niger"),
        (
            "Hongarije blokkeerde het Europese steunpakket voor Oekraïne.",
            "nl",
            "Reject",
            "hungary",
            None,
        ),
        (
            "Veiligheidstroepen vuurden traangas af op demonstranten in Dhaka.",
            "nl",
            "Repress",
            None,
            "protesters",
        ),
    ],
)
def test_one_act_with_its_doer_and_target(text, lang, event_type, agent, patient):
    events = events_of(text, lang)
    assert [e.type for e in events] == [event_type]
    (event,) = events
    if agent:
        assert event.roles["agent"] == [agent]
    if patient:
        assert event.roles["patient"] == [patient]


def test_the_one_elected_is_the_winner_not_the_voters():
    (won,) = [e for e in events_of("Parliament elected Mohamed Muizzu as president.", "en")]
    assert won.type == "WinElection"
    assert won.roles["patient"] == ["mohamed-muizzu"]


def test_betichten_in_the_active_accuses_and_in_the_passive_indicts():
    active = events_of("Prigozjin beticht het Russische leger van een raketaanval.", "nl")
    (accusation,) = [e for e in active if e.type == "Accuse"]
    assert accusation.roles == {"agent": ["yevgeny-prigozhin"], "patient": ["russia-military"]}
    assert all(e.factuality != "asserted" for e in active if e.type != "Accuse")
    passive = events_of("Aleksej Navalny werd in Moskou beticht van extremisme.", "nl")
    assert [(e.type, e.roles.get("patient")) for e in passive] == [("Indict", ["alexei-navalny"])]


def test_the_target_of_fire_is_no_subject_when_the_subject_is_unnamed():
    events = events_of("Op veel plaatsen opent de politie het vuur op de betogers.", "nl")
    (fire,) = events
    assert fire.roles.get("patient") == ["protesters"]
    assert not fire.roles.get("agent")


def test_who_is_asked_to_act_acts_only_in_intent():
    events = events_of("President Luis Arce asked the people to take to the streets.", "en")
    (appeal,) = [e for e in events if e.type == "Appeal"]
    assert appeal.roles["agent"] == ["luis-arce"]
    (protest,) = [e for e in events if e.type == "Protest"]
    assert protest.factuality != "asserted"
    assert "luis-arce" not in protest.roles.get("agent", [])


@pytest.mark.parametrize(
    "text, lang, agent",
    [
        (
            "Het Russische ministerie van Defensie ontkent de beschieting.",
            "nl",
            "russia-ministry-of-defence",
        ),
        ("Moscow denied the attack on the dam.", "en", "russia"),
    ],
)
def test_denying_an_attack_is_a_denial_and_no_attack(text, lang, agent):
    events = events_of(text, lang)
    assert [(e.type, e.roles.get("agent"), e.factuality) for e in events] == [
        ("DenyResponsibility", [agent], "asserted")
    ]


def test_ontvoerden_is_the_verb_and_armed_men_are_militants():
    (abduction,) = events_of("Gewapende mannen ontvoerden Mohamed Bazoum.", "nl")
    assert abduction.type == "Abduct"
    assert abduction.roles == {"agent": ["militants"], "patient": ["mohamed-bazoum"]}
    # strict scoring counts an abduction without its victims as wrong: none comes out
    assert events_of("Gunmen kidnapped more than 280 pupils from a school.", "en") == []


def test_a_pronoun_subject_of_a_dutch_clause_leaves_the_name_after_it_an_object():
    (arrest,) = events_of("De politie zei dat zij 15 verdachten had aangehouden.", "nl")
    assert arrest.roles == {"patient": ["suspects"]}


def test_the_accused_does_a_perfect_infinitive():
    text = "Het Soedanese leger beschuldigde de RSF ervan een markt te hebben beschoten."
    (shelling,) = [e for e in events_of(text, "nl") if e.type == "FightArtillery"]
    assert shelling.roles["agent"] == ["rapid-support-forces"]
    assert shelling.factuality == "possible"


def test_who_condemns_an_attack_did_not_do_what_happened_in_it():
    text = "De Oekraïense regering veroordeelde de aanval, waarbij vijf burgers omkwamen."
    events = events_of(text, "nl")
    (death,) = [e for e in events if e.type == "Kill"]
    assert death.roles == {"patient": ["civilians"]}
    (condemnation,) = [e for e in events if e.type == "Condemn"]
    assert "civilians" not in condemnation.roles.get("patient", [])


@pytest.mark.parametrize(
    "text, body",
    [
        ("Iran's Revolutionary Guards seized an oil tanker.", "islamic-revolutionary-guard-corps"),
        ("Russia's Wagner Group attacked the town.", "wagner-group"),
    ],
)
def test_a_named_body_a_country_owns_acts_for_itself(text, body):
    (event,) = events_of(text, "en")
    assert event.roles["agent"] == [body]
    assert body not in event.roles.get("patient", [])


def test_an_act_blamed_on_someone_in_a_relative_clause_is_not_the_blamers():
    text = "The strike, which Ukraine blamed on Russia, hit a hospital in Kyiv."
    events = events_of(text, "en")
    (accusation,) = [e for e in events if e.type == "Accuse"]
    assert accusation.roles == {"agent": ["ukraine"], "patient": ["russia"]}
    assert all("ukraine" not in e.roles.get("agent", []) for e in events if e.type != "Accuse")


@pytest.mark.parametrize(
    "text, lang, event_type, patient",
    [
        (
            "Journalist Evan Gershkovich detained in Russia on spying charges",
            "en",
            "Detain",
            "evan-gershkovich",
        ),
        ("Two Swedes killed in Brussels shooting", "en", "Kill", "swedes"),
        ("Journalist Evan Gershkovich in Rusland opgepakt", "nl", "Detain", "evan-gershkovich"),
    ],
)
def test_a_headlines_bare_participle_is_passive(text, lang, event_type, patient):
    (event,) = [e for e in events_of(text, lang) if e.type == event_type]
    assert event.roles["patient"] == [patient]
    assert patient not in event.roles.get("agent", [])


def test_a_sentence_with_its_object_stays_active():
    (killing,) = events_of("Russia killed two civilians in Kharkiv.", "en")
    assert killing.roles["agent"] == ["russia"]
    assert killing.roles["patient"] == ["civilians"]


def test_a_dutch_number_written_as_one_word_counts_people():
    text = "Bij de protesten in Tbilisi zijn meer dan driehonderd mensen gearresteerd."
    (arrests,) = of_type(text, "nl", "Detain")
    assert arrests.roles["patient"] == ["protesters"]
    # an event with no named victim stands only on a count: "vijfentwintig" must be one
    assert of_type("Bij de aanval kwamen vijfentwintig mensen om het leven.", "nl", "Kill")
    assert not of_type("Bij de aanval kwamen veel mensen om het leven.", "nl", "Kill")


def test_a_verb_after_laten_is_done_by_the_subject_of_laten():
    (arrest,) = events_of("De junta liet president Mohamed Bazoum arresteren.", "nl")
    assert arrest.type == "Detain"
    assert arrest.roles == {"patient": ["mohamed-bazoum"]}


def test_a_past_verb_after_members_of_a_body_is_a_verb_not_a_noun():
    text = (
        "Members of Niger's presidential guard overthrew President Mohamed Bazoum and "
        "announced on state television that they had seized power."
    )
    (coup,) = of_type(text, "en", "Coup")
    assert coup.roles == {"agent": ["niger-presidential-guard"], "patient": ["mohamed-bazoum"]}


@pytest.mark.parametrize(
    "text, lang, event_type, patient",
    [
        ("Iran supplied drones to Russia.", "en", "ProvideMilitaryAid", "russia"),
        ("Japan provided 5 billion yen in aid to Ukraine.", "en", "ProvideAid", "ukraine"),
        ("Duitsland leverde wapens aan Israël.", "nl", "ProvideMilitaryAid", "israel"),
    ],
)
def test_a_country_that_aid_goes_to_receives_it(text, lang, event_type, patient):
    (aid,) = of_type(text, lang, event_type)
    assert aid.roles["patient"] == [patient]
    assert "destination" not in aid.roles


def test_a_place_that_aid_goes_to_stays_a_destination():
    (aid,) = of_type("The EU sent humanitarian aid to Gaza.", "en", "ProvideHumanitarianAid")
    assert aid.roles == {"agent": ["european-union"], "destination": ["gaza-strip"]}


def test_an_appeal_to_two_countries_makes_both_the_doers_of_what_is_asked():
    text = "Zelensky called on the United States and Germany to send more air defence systems."
    (aid,) = of_type(text, "en", "ProvideMilitaryAid")
    assert aid.roles["agent"] == ["united-states", "germany"]
    assert aid.factuality != "asserted"


def test_bringing_down_inflation_brings_no_one_in():
    text = "The IMF welcomed Argentina's progress in bringing down inflation under Javier Milei."
    assert of_type(text, "en", "BringInMigrants") == []


@pytest.mark.parametrize(
    "text, lang, event_type, outsider",
    [
        (
            "During a speech by Maduro, thousands of people took to the streets in Caracas.",
            "en",
            "Protest",
            "nicolas-maduro",
        ),
        (
            "In Iran zijn bij protesten tegen de Iraanse regering zeker 35 mensen om het leven "
            "gekomen.",
            "nl",
            "Kill",
            "iran-government",
        ),
    ],
)
def test_a_name_in_a_circumstance_phrase_has_no_part_in_the_clauses_event(
    text, lang, event_type, outsider
):
    (event,) = of_type(text, lang, event_type)
    assert outsider not in {e for ids in event.roles.values() for e in ids}
    assert "protesters" in event.roles.get("agent", []) + event.roles.get("patient", [])


def test_by_a_countrys_body_after_a_bare_apostrophe_the_body_acts():
    (abduction,) = events_of("Maria Kalesnikava was abducted by Belarus' KGB in Minsk.", "en")
    assert abduction.roles["agent"] == ["kgb"]
    assert abduction.roles["patient"] == ["maria-kalesnikava"]


@pytest.mark.parametrize(
    "text",
    [
        "Trevor Reed was ervan beschuldigd een agent te hebben mishandeld.",
        "Trevor Reed werd opgepakt, nadat hij was beschuldigd van mishandeling.",
    ],
)
def test_was_with_a_prefixed_participle_is_passive(text):
    (accusation,) = of_type(text, "nl", "Accuse")
    assert accusation.roles == {"patient": ["trevor-reed"]}


def test_member_states_impose_sanctions():
    text = "De EU-landen hebben sancties tegen Rusland ingesteld."
    (sanctions,) = of_type(text, "nl", "ImposeSanctions")
    assert sanctions.roles == {"agent": ["european-union-member-states"], "patient": ["russia"]}


@pytest.mark.parametrize(
    "text, lang, doer",
    [
        ("The Hamas-led attack on Israel killed 1,200 people.", "en", "hamas"),
        ("De Russische aanval op Kyiv doodde tien burgers.", "nl", "russia"),
        ("A Russian missile strike on Kharkiv killed seven civilians.", "en", "russia"),
    ],
)
def test_who_attacked_killed_when_the_attack_is_the_subject(text, lang, doer):
    (killing,) = of_type(text, lang, "Kill")
    assert killing.roles["agent"] == [doer]
    attack = [e for e in events_of(text, lang) if e.type != "Kill"]
    assert attack and attack[0].roles["agent"] == [doer]


def test_fighting_with_no_one_named_fighting_is_no_event():
    assert events_of("Fighting was concentrated in the capital.", "en") == []
    assert events_of("Bij ieder gesprek hoor je gevechten op de achtergrond.", "nl") == []
