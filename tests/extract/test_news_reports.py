"""The shapes of agency news reports: datelines, lists of the arrested, speakers who tell
what others did, bodies "in the nation of" a country. Sentences written for these tests."""

from __future__ import annotations

import pytest

from kg.articles.read import parse_document
from kg.extract import extract_document
from kg.extract.document import reading_text
from kg.rules.loader import load_rules

RULES = load_rules()


def _extract(text: str, lang: str):
    return extract_document(parse_document(f"lang: {lang}\ndate: 2024-05-02\n\n{text}"), RULES)


def _roles(text: str, lang: str, event_type: str) -> dict[str, list[str]]:
    (event,) = [e for e in _extract(text, lang).events if e.type == event_type]
    return event.roles


def _participants(extraction) -> set[str]:
    return {i for e in extraction.events for ids in e.roles.values() for i in ids}


@pytest.mark.parametrize(
    "text, lang",
    [
        ("ABUJA (Reuters) - Soldiers in Niger detained President Mohamed Bazoum.", "en"),
        ("KYIV, Ukraine (AP) — Russia attacked Kharkiv on Monday.", "en"),
        ("Tbilisi (Reuters) - Police arrested Nika Melia.", "en"),
        ("WASHINGTON/MOSKOU (ANP/AFP) - Rusland heeft Evan Gershkovich vrijgelaten.", "nl"),
    ],
)
def test_the_city_and_agency_of_a_dateline_take_no_role(text, lang):
    extraction = _extract(text, lang)
    assert extraction.events
    dateline = {"niger", "nigeria", "abuja", "kyiv", "ukraine", "tbilisi", "georgia"}
    dateline |= {"washington", "moscow", "united-states", "associated-press", "reuters"}
    assert not _participants(extraction) & (dateline - {"niger", "ukraine"} | {"abuja"})
    assert not any(e.id in {"associated-press", "reuters"} for e in extraction.entities.values())


def test_a_dateline_is_read_only_at_the_start_of_a_paragraph():
    extraction = _extract("Het leger - niet de politie - arresteerde Nika Melia.", "nl")
    assert _roles(
        "Het leger van Georgië - niet de politie - arresteerde Nika Melia.", "nl", "Detain"
    ).get("patient") == ["nika-melia"]
    assert extraction.events


@pytest.mark.parametrize(
    "text",
    [
        "Gisteren werden oppositieleider Nika Melia, journalist Mzia Amaglobeli en andere"
        " leden van de Verenigde Nationale Beweging (UNM) opgepakt.",
        "In Tbilisi werden Nika Melia, Mzia Amaglobeli en Zurab Japaridze gearresteerd.",
    ],
)
def test_a_dutch_passive_auxiliary_governs_the_whole_list_of_names(text):
    roles = _roles(text, "nl", "Detain")
    assert "agent" not in roles
    assert {"nika-melia", "mzia-amaglobeli"} <= set(roles["patient"])


def test_a_door_phrase_of_a_passive_inside_a_dat_clause_is_not_the_speaker_s_doer():
    text = (
        "Minister Nika Melia sprak de berichten tegen. Hij verklaarde dat de onrust"
        " veroorzaakt werd door soldaten."
    )
    roles = _roles(text, "nl", "MakeStatement")
    assert roles["agent"] == ["nika-melia"]


@pytest.mark.parametrize(
    "text, lang",
    [
        (
            "De Georgische premier Irakli Kobachidze vertelde dinsdag op televisie dat de"
            " regering informatie had over een naderende staatsgreep.",
            "nl",
        ),
        (
            "Prime Minister Irakli Kobakhidze told reporters on Tuesday that the government"
            " knew of a coup.",
            "en",
        ),
    ],
)
def test_whoever_tells_of_a_coup_a_few_words_before_that_does_not_stage_it(text, lang):
    extraction = _extract(text, lang)
    assert not any(e.type == "Coup" and e.roles.get("agent") for e in extraction.events)


@pytest.mark.parametrize(
    "text, lang",
    [
        ("Mutinous soldiers in the West African nation of Mali detained Bah Ndaw.", "en"),
        ("Opstandige militairen in het West-Afrikaanse land Mali hielden Bah Ndaw vast.", "nl"),
    ],
)
def test_soldiers_in_a_nation_of_a_country_are_its_army(text, lang):
    extraction = _extract(text, lang)
    assert "mali-military" in {e.id for e in extraction.entities.values() if e.mentions}
    (event,) = [e for e in extraction.events if e.type == "Detain"]
    assert event.roles.get("agent") == ["mali-military"]


def test_a_staff_after_general_is_a_body_not_a_person():
    extraction = _extract(
        "President Bah Ndaw was held at the General Staff headquarters in Bamako.", "en"
    )
    people = {e.id for e in extraction.entities.values() if e.type == "person" and e.mentions}
    assert people == {"bah-ndaw"}


@pytest.mark.parametrize(
    "text, name",
    [
        ("Minister Eduardo del Castillo sprak de geruchten tegen.", "eduardo-del-castillo"),
        ("Foreign minister Mauro dos Santos rejected the claims.", "mauro-dos-santos"),
    ],
)
def test_lowercase_particles_stay_inside_a_name(text, name):
    extraction = _extract(text, "nl" if "sprak" in text else "en")
    assert name in {e.id for e in extraction.entities.values() if e.mentions}


@pytest.mark.parametrize(
    "text, lang, factuality",
    [
        ("It is unclear how many protesters the Belarusian police detained.", "en", "question"),
        ("It is unclear who the Belarusian police detained in Minsk.", "en", "question"),
        ("It is unclear when the Belarusian police detained Ihar Losik.", "en", "asserted"),
        (
            "Het is onduidelijk hoeveel betogers de Wit-Russische politie heeft opgepakt.",
            "nl",
            "question",
        ),
        (
            "Het is onduidelijk wanneer de Wit-Russische politie Ihar Losik heeft opgepakt.",
            "nl",
            "asserted",
        ),
    ],
)
def test_an_indirect_question_asks_but_unclear_when_it_happened_still_says_it_did(
    text, lang, factuality
):
    (event,) = [e for e in _extract(text, lang).events if e.type == "Detain"]
    assert event.factuality == factuality


@pytest.mark.parametrize(
    "text, lang",
    [
        ("Minsk dismissed the allegation that Belarus had lured migrants to Poland.", "en"),
        ("Moscow rejected claims that Russia had attacked Kharkiv.", "en"),
        ("Minsk verwierp de beschuldiging dat Wit-Rusland migranten naar Polen had gelokt.", "nl"),
    ],
)
def test_what_a_rejected_allegation_says_is_denied(text, lang):
    extraction = _extract(text, lang)
    told = [e for e in extraction.events if e.type in {"LureMigrants", "UseMilitaryForce"}]
    assert told and all(e.factuality == "denied" for e in told)


@pytest.mark.parametrize(
    "text, agent",
    [
        ("Belarus sent migrants to Poland in retaliation for EU sanctions.", "european-union"),
        ("Belarus closed its border in response to EU sanctions.", "european-union"),
        ("Iran criticised the UN sanctions against its nuclear programme.", "united-nations"),
    ],
)
def test_an_organisation_s_name_before_an_event_noun_does_it(text, agent):
    nouns = [
        e for e in _extract(text, "en").events if e.type in {"ImposeSanctions", "MilitaryExercise"}
    ]
    assert nouns and all(e.roles.get("agent") == [agent] for e in nouns)


def test_a_medium_before_a_word_of_saying_is_no_speaker():
    events = _extract(
        "Volodymyr Zelensky condemned the strike in a Telegram post on Monday.", "en"
    ).events
    assert all("telegram" not in e.roles.get("agent", []) for e in events)


def test_people_never_stand_for_the_soldiers_the_text_named():
    text = (
        "Soldaten van de presidentiële garde hebben president Mohamed Bazoum vastgezet. De"
        " soldaten sloten de grenzen.\n\nHonderden mensen gingen in Niamey de straat op."
    )
    (protest,) = [e for e in _extract(text, "nl").events if e.type == "Protest"]
    assert "soldiers" not in protest.roles.get("agent", [])
    assert "niger-military" not in protest.roles.get("agent", [])


def test_a_negation_after_an_article_negates_the_adjective_not_the_clause():
    text = (
        "Rusland en de Verenigde Staten hebben in een niet nader genoemd land gevangenen"
        " uitgewisseld."
    )
    events = [e for e in _extract(text, "nl").events if e.type == "ReleasePersons"]
    assert events and all(e.factuality == "asserted" for e in events)


def test_naar_verwachting_tells_what_is_expected_not_what_happened():
    text = "Hamas laat naar verwachting zaterdag nog dertien gijzelaars vrij."
    events = [e for e in _extract(text, "nl").events if e.type == "ReleasePersons"]
    assert events and all(e.factuality == "future" for e in events)


@pytest.mark.parametrize(
    "text",
    [
        "Commando's hebben president Alpha Condé gevangengenomen.",
        "Gisteren hebben militairen president Mohamed Bazoum vastgezet.",
        "Daarna hebben zij president Mohamed Bazoum vastgezet.",
        "Zij hebben president Mohamed Bazoum vastgezet.",
    ],
)
def test_a_dutch_subject_without_a_name_keeps_the_name_after_it_the_object(text):
    events = [e for e in _extract(text, "nl").events if e.type in {"TakeHostage", "Detain"}]
    assert events
    for event in events:
        assert event.roles.get("patient") in (["alpha-conde"], ["mohamed-bazoum"])
        assert not {"alpha-conde", "mohamed-bazoum"} & set(event.roles.get("agent", []))


@pytest.mark.parametrize(
    "paragraph, kept",
    [
        ("(Reuters) -Belarusian President Alexander Lukashenko pardoned 30 protesters.", "(R"),
        ("EU- en NAVO-landen hebben sancties tegen Wit-Rusland ingesteld.", "EU- en"),
        ("NAVO-landen hebben sancties tegen Wit-Rusland ingesteld.", "NAVO-"),
    ],
)
def test_an_agency_alone_is_a_dateline_but_a_hyphenated_word_is_not(paragraph, kept):
    read = reading_text(paragraph)
    assert len(read) == len(paragraph)
    assert read.startswith(kept) == (kept != "(R")


@pytest.mark.parametrize(
    "text, agent",
    [
        ("Taiwan's new President Lai Ching-te called on China to end its drills.", "lai-ching-te"),
        ("Mali's interim president Assimi Goita expelled the French ambassador.", "assimi-goita"),
    ],
)
def test_a_modifier_of_a_title_keeps_the_holder_the_doer(text, agent):
    events = [
        e
        for e in _extract(text, "en").events
        if e.type in {"Appeal", "ExpelDiplomats", "ReduceDiplomaticRelations"}
    ]
    assert events and all(e.roles.get("agent") == [agent] for e in events)


@pytest.mark.parametrize(
    "text, lang",
    [
        ("Paul Whelan was arrested in Moscow in 2018, also on espionage accusations.", "en"),
        ("Paul Whelan werd in 2018 in Moskou gearresteerd, op beschuldiging van spionage.", "nl"),
    ],
)
def test_who_is_held_on_accusations_does_not_accuse(text, lang):
    events = _extract(text, lang).events
    assert any(e.type == "Detain" and e.roles.get("patient") == ["paul-whelan"] for e in events)
    assert not any(e.type == "Accuse" and "paul-whelan" in e.roles.get("agent", []) for e in events)


@pytest.mark.parametrize(
    "text",
    [
        "Ook is president Win Myint opgepakt.",
        "Volgens de woordvoerder is ook president Win Myint opgepakt.",
        "Volgens Reuters is president Win Myint opgepakt.",
    ],
)
def test_is_before_a_title_is_a_passive_and_volgens_ends_at_the_verb(text):
    (event,) = [e for e in _extract(text, "nl").events if e.type == "Detain"]
    assert event.roles == {"patient": ["win-myint"]}


@pytest.mark.parametrize(
    "text, lang, event_type",
    [
        ("Gotabaya Rajapaksa is said to have fled from his residence.", "en", "Flee"),
        ("Lukashenko is believed to have ordered the arrest of Roman Protasevich.", "en", "Detain"),
        ("Protesters demanded free elections.", "en", "Election"),
        ("The cricketer has been agitating for early elections.", "en", "Election"),
        (
            "De woordvoerder hoopt dat de aanvallen stoppen wanneer de Amerikaanse troepen zich"
            " hebben teruggetrokken uit Afghanistan.",
            "nl",
            "RetreatMilitarily",
        ),
    ],
)
def test_what_is_said_of_someone_demanded_or_hoped_for_is_no_fact(text, lang, event_type):
    (event,) = [e for e in _extract(text, lang).events if e.type == event_type]
    assert event.factuality != "asserted"


def test_a_demand_itself_is_still_a_fact():
    (event,) = _extract("Lithuania demanded the release of Roman Protasevich.", "en").events
    assert (event.type, event.factuality) == ("DemandRelease", "asserted")
    assert event.roles == {"agent": ["lithuania"], "patient": ["roman-protasevich"]}
