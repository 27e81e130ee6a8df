"""Who an event is done to when the object is a pronoun, a crowd's event or a noun's own
target, and when a verb of saying names its speaker. Sentences written for these tests."""

from __future__ import annotations

import pytest

from tests.extract.sentences import events_of as _events
from tests.extract.sentences import extraction_of
from tests.extract.sentences import of_type as _of_type


@pytest.mark.parametrize(
    "text, lang",
    [
        ("Nexta said Roman Protasevich had been detained.", "en"),
        ("The opposition channel said its editor Roman Protasevich had been detained.", "en"),
    ],
)
def test_a_name_after_said_with_its_speaker_before_is_what_is_said(text, lang):
    (detention,) = _of_type(text, lang, "Detain")
    assert detention.roles["patient"] == ["roman-protasevich"]
    assert detention.according_to == []


def test_a_name_after_a_quote_and_said_is_the_speaker():
    text = '"The pilots were forced to land," said Roman Protasevich.'
    events = _events(text, "en")
    assert all("roman-protasevich" not in e.roles.get("patient", []) for e in events)


@pytest.mark.parametrize(
    "text, lang, event_type",
    [
        ("Mahsa Amini kwam uit Iran. De Iraanse politie pakte haar op.", "nl", "Detain"),
        ("Maria Kolesnikova woont in Minsk. De KGB hield haar vast in Minsk.", "nl", "Detain"),
        ("Agnes Chow lives in Hong Kong. Police detained her in Hong Kong.", "en", "Detain"),
        ("Agnes Chow lives in Hong Kong. Police accused her of subversion.", "en", "Accuse"),
    ],
)
def test_her_as_an_object_is_the_woman_last_named(text, lang, event_type):
    (event,) = _of_type(text, lang, event_type)
    assert event.roles["patient"] in (["mahsa-amini"], ["maria-kalesnikava"], ["agnes-chow"])


@pytest.mark.parametrize(
    "text, lang",
    [
        ("Agnes Chow lives in Hong Kong. Police detained her husband in Hong Kong.", "en"),
        ("Agnes Chow lives in Hong Kong. Her husband was detained.", "en"),
        ("Mahsa Amini kwam uit Iran. Haar man werd gearresteerd.", "nl"),
    ],
)
def test_her_before_a_noun_is_a_possessive(text, lang):
    for event in _of_type(text, lang, "Detain"):
        assert "agnes-chow" not in event.roles.get("patient", [])
        assert "mahsa-amini" not in event.roles.get("patient", [])


@pytest.mark.parametrize(
    "text, lang",
    [
        ("In 2020 Lukashenko used his police to crush mass protests.", "en"),
        ("The police in Minsk violently dispersed the protests on Sunday.", "en"),
        ("De oproerpolitie in Minsk sloeg de protesten hardhandig neer.", "nl"),
    ],
)
def test_a_crackdown_on_protests_is_done_to_the_protesters(text, lang):
    (repression,) = _of_type(text, lang, "Repress")
    assert repression.roles["patient"] == ["protesters"]
    for protest in _of_type(text, lang, "Protest"):  # the protests are no doing of his
        assert "alexander-lukashenko" not in protest.roles.get("agent", [])


def test_a_condition_after_a_crowd_word_is_no_object():
    text = "Irakli Kobakhidze threatened to ban the opposition parties if the protests continued."
    for event in _events(text, "en"):
        if event.type != "Protest":
            assert "protesters" not in event.roles.get("patient", [])


@pytest.mark.parametrize(
    "text, lang",
    [
        ("Bij de protesten tegen de regering van Iran kwamen 35 demonstranten om het leven.", "nl"),
        ("During the protests against the Iranian government, 35 protesters were killed.", "en"),
    ],
)
def test_the_target_of_a_protest_noun_is_the_protests_own(text, lang):
    (killing,) = _of_type(text, lang, "Kill")
    assert killing.roles["patient"] == ["protesters"]
    (protest,) = _of_type(text, lang, "Protest")
    assert protest.roles["patient"] == ["iran-government"]


def test_a_verb_before_a_noun_with_a_preposition_keeps_its_own_event():
    (condemnation,) = _of_type("The EU condemned attacks on civilians in Gaza.", "en", "Condemn")
    assert condemnation.roles["agent"] == ["european-union"]
    # an attack with no doer named is no event of its own (UseMilitaryForce requires one)
    attacks = _of_type("The EU condemned attacks on civilians in Gaza.", "en", "UseMilitaryForce")
    assert all("european-union" not in a.roles.get("agent", []) for a in attacks)
    (attack,) = _of_type("The EU condemned Israel's attacks on Gaza.", "en", "UseMilitaryForce")
    assert attack.roles["agent"] == ["israel"]


def test_the_doer_after_announced_by_is_the_agent():
    text = "The army said it would respect a ceasefire announced by South Sudan on Wednesday."
    (ceasefire,) = _of_type(text, "en", "DeclareCeasefire")
    assert ceasefire.roles["agent"] == ["south-sudan"]


@pytest.mark.parametrize(
    "text, lang",
    [
        (
            "Israël zegt dat het bestand kan duren, zolang Hamas tien gijzelaars per dag vrijlaat.",
            "nl",
        ),
        (
            "Israel said the truce could be extended as long as Hamas releases ten hostages a day.",
            "en",
        ),
    ],
)
def test_as_long_as_states_a_condition(text, lang):
    (release,) = _of_type(text, lang, "ReleasePersons")
    assert release.factuality == "conditional"


@pytest.mark.parametrize(
    "text, lang, body",
    [
        (
            "Mali's transitional government has expelled the French ambassador.",
            "en",
            "mali-government",
        ),
        (
            "De Malinese militaire overgangsregering heeft de Franse ambassadeur uitgezet.",
            "nl",
            "mali-government",
        ),
        ("Mali's government has expelled the French ambassador.", "en", "mali-government"),
    ],
)
def test_a_country_before_modifiers_of_a_body_names_that_body(text, lang, body):
    (expulsion,) = _of_type(text, lang, "ReduceDiplomaticRelations")
    assert expulsion.roles["agent"] == [body]
    assert expulsion.roles["patient"] == ["france-embassy"]


@pytest.mark.parametrize(
    "text, lang, act",
    [
        ("Maria Kolesnikova was found guilty of attempting to seize power.", "en", "Coup"),
        ("Ihar Losik was convicted of organising mass riots.", "en", "Riot"),
        ("Ihar Losik werd veroordeeld wegens het organiseren van massale rellen.", "nl", "Riot"),
    ],
)
def test_what_a_court_convicts_of_is_a_charge_not_a_fact(text, lang, act):
    (sentence,) = _of_type(text, lang, "Sentence")
    assert sentence.factuality == "asserted"
    acts = _of_type(text, lang, act)
    assert acts and all(event.factuality == "possible" for event in acts)


def test_a_court_that_jails_defendants_sentences_them():
    text = "A Hong Kong court on Tuesday jailed all 45 defendants convicted of subversion."
    (sentence,) = _of_type(text, "en", "Sentence")
    assert sentence.roles == {"agent": ["hong-kong-court"], "patient": ["defendants"]}


def test_an_attack_of_a_group_on_a_country_names_both():
    text = "Bij de terroristische aanslagen van Hamas op Israël kwamen 1200 mensen om het leven."
    (attack,) = _of_type(text, "nl", "TerroristAttack")
    assert attack.roles["agent"] == ["hamas"]
    assert attack.roles["patient"] == ["israel"]


def test_a_place_right_after_an_event_noun_is_that_events_place_too():
    text = "Bij een terroristische aanslag in het centrum van Brussel zijn twee toeristen gedood."
    (attack,) = _of_type(text, "nl", "TerroristAttack")
    assert attack.roles["place"] == ["brussels"]


def test_a_target_after_the_noun_stops_at_the_verb():
    (referendum,) = _of_type("A referendum on independence was held in Armenia.", "en", "Election")
    assert referendum.roles.get("patient") is None
    assert referendum.roles["place"] == ["armenia"]


@pytest.mark.parametrize(
    "text, lang, event_type",
    [
        ("Tientallen demonstranten werden door de politie in Minsk ingerekend.", "nl", "Detain"),
        ("Ales Bjaljatski werd door agenten meegenomen.", "nl", "Detain"),
        ("De demonstranten werden in busjes afgevoerd.", "nl", "Detain"),
        ("Ales Bjaljatski kreeg huisarrest.", "nl", "Detain"),
        ("Ales Bjaljatski zit sinds 2021 achter de tralies.", "nl", "Imprison"),
        ("Ales Bjaljatski zit al jaren in de gevangenis.", "nl", "Imprison"),
        ("Ales Bialiatski was taken away by police officers.", "en", "Detain"),
        ("Protesters were bundled into police vans.", "en", "Detain"),
        ("Ales Bialiatski was put behind bars in 2021.", "en", "Imprison"),
        ("Ales Bialiatski remains in custody.", "en", "Imprison"),
    ],
)
def test_ways_of_saying_someone_is_held_name_who_is_held(text, lang, event_type):
    (event,) = _of_type(text, lang, event_type)
    assert event.roles["patient"] in (["protesters"], ["ales-bialiatski"])
    assert "agent" not in event.roles or event.roles["agent"] != event.roles["patient"]


@pytest.mark.parametrize(
    "text, lang",
    [
        ("De Georgische politie heeft de demonstranten met waterkanonnen bestookt.", "nl"),
        ("De Georgische politie bestookte de demonstranten met traangas.", "nl"),
    ],
)
def test_tear_gas_and_water_cannon_repress_and_shell_no_one(text, lang):
    assert not _of_type(text, lang, "FightArtillery")
    (repression,) = _of_type(text, lang, "Repress")
    assert repression.roles == {"agent": ["georgia-police"], "patient": ["protesters"]}


def test_driving_demonstrators_away_is_no_coup():
    text = "De demonstranten werden al snel verdreven door de Nigerese presidentiële garde."
    assert not _of_type(text, "nl", "Coup")
    (repression,) = _of_type(text, "nl", "Repress")
    assert repression.roles["agent"] == ["niger-presidential-guard"]


def test_due_to_names_a_cause_not_a_destination():
    (invasion,) = _of_type("Ships were stuck in ports due to Russia's invasion.", "en", "Invade")
    assert invasion.roles == {"agent": ["russia"]}


def test_what_the_verb_before_a_motive_governs_is_not_the_motives():
    text = "Israel struck Gaza in response to Hamas's attack on Israel."
    (attack,) = _of_type(text, "en", "UseMilitaryForce")
    assert attack.roles == {"agent": ["hamas"], "patient": ["israel"]}


def test_a_cue_stops_at_a_clause_of_its_own():
    text = "Ze hebben gelogen over de reden waarom Rusland Oekraïne binnenviel, zegt hij."
    (invasion,) = _of_type(text, "nl", "Invade")
    assert invasion.roles == {"agent": ["russia"], "patient": ["ukraine"]}


@pytest.mark.parametrize(
    "text",
    [
        "Prigozjin haalt uit naar minister van Defensie Sergej Sjojgoe.",
        "Volgens de minister van Defensie, Mariusz Blaszczak, is de grensbarrière klaar.",
    ],
)
def test_a_ministry_in_a_persons_title_is_no_actor(text):
    extraction = extraction_of(text, "nl")
    assert "netherlands-ministry-of-defence" not in extraction.entities


def test_a_ministry_named_without_a_person_stays():
    text = "Ik informeer u mede namens de Minister van Defensie over de evacuatie."
    extraction = extraction_of(text, "nl")
    assert "netherlands-ministry-of-defence" in extraction.entities


@pytest.mark.parametrize(
    "text, lang, army",
    [
        ("Mali has experienced three military coups since 2012.", "en", "mali-military"),
        ("In Niger vond een militaire staatsgreep plaats.", "nl", "niger-military"),
    ],
)
def test_a_military_coup_is_the_armys_of_the_country(text, lang, army):
    (coup,) = _of_type(text, lang, "Coup")
    assert coup.roles["agent"] == [army]


def test_an_offensive_its_sentence_names_keeps_that_doer():
    text = "Azerbaijan launched a military offensive in Nagorno-Karabakh."
    extraction = extraction_of(text, "en")
    assert "azerbaijan-military" not in extraction.entities


def test_the_place_after_rallied_in_is_where():
    (protest,) = _of_type(
        "Thousands of Georgians rallied in Tbilisi against the law.", "en", "Protest"
    )
    assert protest.roles["place"] == ["tbilisi"]
    assert "georgia" not in protest.roles.get("patient", [])


@pytest.mark.parametrize(
    "text",
    [
        "Bij de protesten zijn volgens Viasna meer dan honderd demonstranten opgepakt.",
        "Bij de protesten zijn meer dan honderd demonstranten opgepakt.",
        "Volgens Viasna zijn er zaterdag honderd demonstranten opgepakt.",
    ],
)
def test_zijn_before_a_number_or_a_source_is_the_passive_verb(text):
    (detention,) = _of_type(text, "nl", "Detain")
    assert detention.roles["patient"] == ["protesters"]
    assert "agent" not in detention.roles


@pytest.mark.parametrize(
    "text, lang",
    [
        (
            "Maria Kolesnikova was a symbol of freedom during last year's protests against "
            "President Alexander Lukashenko in Belarus.",
            "en",
        ),
        ("Zij waren betrokken bij de organisatie van de grootschalige demonstraties.", "nl"),
    ],
)
def test_a_protest_noun_is_the_protesters_not_the_clauses_subject(text, lang):
    (protest,) = _of_type(text, lang, "Protest")
    assert protest.roles["agent"] == ["protesters"]


@pytest.mark.parametrize(
    "text, lang",
    [
        ("Protests by the opposition continued in Tbilisi.", "en"),
        ("De demonstraties van de oppositie gingen door.", "nl"),
    ],
)
def test_a_protest_noun_keeps_the_doer_it_names(text, lang):
    (protest,) = _of_type(text, lang, "Protest")
    assert protest.roles["agent"] == ["opposition"]


@pytest.mark.parametrize(
    "text, event_type, agent",
    [
        (
            "The United States announced new sanctions against Iran.",
            "ImposeSanctions",
            "united-states",
        ),
        ("Putin declared a partial mobilisation.", "MobiliseForces", "vladimir-putin"),
    ],
)
def test_an_announced_act_is_the_announcers(text, event_type, agent):
    (event,) = _of_type(text, "en", event_type)
    assert event.roles["agent"] == [agent]


def test_a_reported_act_is_not_the_reporters():
    text = "Ukraine reported Russian attacks on Kharkiv."
    for event in _events(text, "en"):
        assert "ukraine" not in event.roles.get("agent", [])
