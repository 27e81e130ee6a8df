"""What the text does not assert is kept, marked, and never given as a fact.

Sentences written for these tests, about several stories, in both languages.
"""

from __future__ import annotations

import pytest

from kg.articles.read import parse_document
from kg.extract import extract_document
from kg.rules.loader import load_rules

RULES = load_rules()


def _events(text: str, lang: str, date: str = "2023-10-20") -> list[tuple[str, str, dict]]:
    document = parse_document(f"date: {date}\nlang: {lang}\n\n{text}")
    return [(e.type, e.factuality, e.roles) for e in extract_document(document, RULES).events]


def _factuality(text: str, lang: str, event_type: str) -> str:
    found = [f for t, f, _ in _events(text, lang) if t == event_type]
    assert found, f"no {event_type} in {text!r}: {_events(text, lang)}"
    return found[0]


@pytest.mark.parametrize(
    ("lang", "text", "event_type", "expected"),
    [
        ("en", "The European Union imposed sanctions on Belarus.", "ImposeSanctions", "asserted"),
        (
            "en",
            "The European Union did not impose sanctions on Belarus.",
            "ImposeSanctions",
            "negated",
        ),
        (
            "en",
            "Minsk denied that Belarus had sent the migrants to the border.",
            "SendToBorder",
            "denied",
        ),
        ("en", "Russia allegedly threatened Moldova with a blockade.", "Threaten", "possible"),
        ("en", "If the EU sanctions Belarus, Minsk will answer.", "ImposeSanctions", "conditional"),
        ("en", "The European Union will impose sanctions on Iran.", "ImposeSanctions", "future"),
        (
            "en",
            "When will the European Union impose sanctions on Belarus?",
            "ImposeSanctions",
            "question",
        ),
        (
            "en",
            "Are you aware of the report that Belarus arrested the journalist?",
            "Detain",
            "asserted",
        ),
        ("nl", "De Europese Unie legde sancties op aan Belarus.", "ImposeSanctions", "asserted"),
        (
            "nl",
            "De Europese Unie heeft geen sancties opgelegd aan Iran.",
            "ImposeSanctions",
            "negated",
        ),
        (
            "nl",
            "Loekasjenka ontkende dat Belarus de migranten naar de grens had gestuurd.",
            "SendToBorder",
            "denied",
        ),
        ("nl", "Rusland zou de oppositieleider hebben laten arresteren.", "Detain", "possible"),
        (
            "nl",
            "De EU heeft de sancties tegen Rusland nog niet ingesteld.",
            "ImposeSanctions",
            "negated",
        ),
        (
            "nl",
            "Als de EU Belarus sanctioneert, volgt een antwoord.",
            "ImposeSanctions",
            "conditional",
        ),
        (
            "nl",
            "Wanneer worden de sancties tegen Belarus ingevoerd?",
            "ImposeSanctions",
            "question",
        ),
        (
            "nl",
            "Bent u bekend met het bericht «Belarus arresteert journalist»?",
            "Detain",
            "asserted",
        ),
        (
            "nl",
            "Als reactie op de sancties arresteerde Belarus de journalist Roman Protasevitsj.",
            "Detain",
            "asserted",
        ),
        # a noun trigger the clause is about takes the modal of the clause's verb
        ("en", "Sanctions could be imposed on Belarus.", "ImposeSanctions", "possible"),
        ("en", "The election will be held in January 2025.", "Election", "future"),
        ("en", "The election is scheduled to be held on 26 January.", "Election", "future"),
        ("en", "Belarus was widely expected to join the invasion.", "Invade", "future"),
        ("nl", "De verkiezingen zullen in januari worden gehouden.", "Election", "future"),
        ("nl", "Er kunnen sancties worden opgelegd aan Belarus.", "ImposeSanctions", "possible"),
        # what is demanded does not hedge the demand itself
        (
            "en",
            "Kenya demanded the body should be returned as soon as possible.",
            "Demand",
            "asserted",
        ),
        ("en", "Sanctions were imposed on Belarus.", "ImposeSanctions", "asserted"),
        # a negation anywhere before a clause-final Dutch verb; "niet alleen" is none
        ("nl", "Loekasjenko heeft nooit met de oppositie onderhandeld.", "Negotiate", "negated"),
        ("nl", "Rusland heeft niet alleen Oekraïne aangevallen.", "UseMilitaryForce", "asserted"),
        # what one is accused of is a claim
        (
            "nl",
            "Amnesty beschuldigde de Griekse kustwacht ervan migranten terug te duwen.",
            "PushAcrossBorder",
            "possible",
        ),
        # dated after the text: not yet happened, whatever the tense
        (
            "nl",
            "Volgende maand houden Russische troepen gezamenlijke oefeningen in Belarus.",
            "MilitaryExercise",
            "future",
        ),
        (
            "en",
            "On 1 December 2023 the EU imposes sanctions on Belarus.",
            "ImposeSanctions",
            "future",
        ),
        # the verbs that close a Dutch "dat" clause govern all of it
        (
            "nl",
            "Kallas kondigde aan dat de EU nieuwe sancties tegen het regime zal instellen.",
            "ImposeSanctions",
            "future",
        ),
        (
            "nl",
            "Polen meldde dat Belarus migranten naar de grens had gestuurd.",
            "SendToBorder",
            "asserted",
        ),
        # a hedge in the event noun's own phrase covers that noun only
        (
            "en",
            "NATO discussed the potential invasion of Lithuania by Russia.",
            "Invade",
            "possible",
        ),
        (
            "en",
            "Lukashenko said a possible early presidential election would come.",
            "Election",
            "possible",
        ),
        ("en", "The next presidential election in Kenya is in 2027.", "Election", "future"),
        ("en", "The next day, police arrested 40 protesters in Minsk.", "Detain", "asserted"),
        (
            "nl",
            "De oppositie vreest een mogelijke aanval van Rusland op Litouwen.",
            "UseMilitaryForce",
            "possible",
        ),
        ("nl", "De volgende verkiezingen in Kenia worden in 2027 gehouden.", "Election", "future"),
        (
            "nl",
            "De volgende dag arresteerde de politie 40 demonstranten in Minsk.",
            "Detain",
            "asserted",
        ),
        (
            "en",
            "Israel has not confirmed that it struck the convoy.",
            "UseMilitaryForce",
            "possible",
        ),
        (
            "nl",
            "Israël heeft niet bevestigd dat het de aanval heeft uitgevoerd.",
            "UseMilitaryForce",
            "possible",
        ),
        ("en", "Israel confirmed that it carried out the strike.", "UseMilitaryForce", "asserted"),
    ],
)
def test_factuality_of_an_event(lang, text, event_type, expected):
    assert _factuality(text, lang, event_type) == expected


def test_a_speaker_is_the_source_not_the_agent():
    events = _events("According to Poland, Belarus sent the migrants to the border.", "en")
    sends = [roles for t, f, roles in events if t == "SendToBorder" and f == "asserted"]
    assert sends and sends[0].get("agent") == ["belarus"]
    document = parse_document(
        "lang: en\n\nAccording to Poland, Belarus sent the migrants to the border."
    )
    event = next(e for e in extract_document(document, RULES).events if e.type == "SendToBorder")
    assert event.according_to == ["poland"]


def test_a_right_or_an_order_names_what_may_happen_not_what_did():
    for text, lang in (
        ("Burgers hebben het recht om te demonstreren voor vrouwenrechten.", "nl"),
        ("Handbooks suggest that militants were instructed to kill the hostages.", "en"),
    ):
        events = extract_document(parse_document(f"lang: {lang}\n\n{text}"), RULES).events
        assert events and all(e.factuality != "asserted" for e in events), text


def test_the_medium_that_reports_an_event_is_its_source_not_its_doer():
    text = "Bent u bekend met het bericht van Euractiv over de staatsgreep van het Burkinese leger?"
    (coup,) = extract_document(parse_document(f"lang: nl\n\n{text}"), RULES).events
    assert coup.roles["agent"] == ["burkina-faso-military"]


def test_a_hedge_covers_verbs_of_one_form_joined_by_and():
    hedged = "The army was allegedly attacking and killing civilians."
    assert _factuality(hedged, "en", "Kill") == "possible"
    future = "Russia will invade and occupy Ukraine."
    assert _factuality(future, "en", "OccupyTerritory") == "future"
    # a verb of its own after "and" is not under "wants": the demand is made
    text = "The EU wants sanctions and demands the release of Protasevich."
    assert _factuality(text, "en", "DemandRelease") == "asserted"


@pytest.mark.parametrize(
    ("lang", "text", "event_type"),
    [
        (
            "nl",
            "De Raad spreekt uit dat de EU klaar staat om sancties op te leggen.",
            "ImposeSanctions",
        ),
        ("en", "The EU said it was prepared to impose sanctions on Belarus.", "ImposeSanctions"),
        ("en", "Poland is willing to close the border with Belarus.", "Blockade"),
    ],
)
def test_readiness_is_an_intention_not_a_fact(lang, text, event_type):
    assert _factuality(text, lang, event_type) == "future"


@pytest.mark.parametrize(
    ("lang", "text", "event_type"),
    [
        ("en", "NATO pledged further military aid to Ukraine.", "ProvideMilitaryAid"),
        ("nl", "De VS beloofden Oekraïne extra militaire steun.", "ProvideMilitaryAid"),
    ],
)
def test_a_pledge_is_not_the_delivery(lang, text, event_type):
    assert _factuality(text, lang, event_type) == "future"
