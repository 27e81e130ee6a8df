"""An event a dated news report tells without a date of its own takes the month the
article was published, marked as such (kgo:timeBasis "publication"), unless the report
places it before its own day: the past perfect, a span ("since 2012") or a relative time it
could not resolve. A date the text writes, here or in another article, wins. Sentences
written for these tests."""

from __future__ import annotations

import pytest

from kg.articles.read import parse_document
from kg.extract import extract_document
from kg.records import PUBLICATION, WRITTEN
from kg.rules.loader import load_rules

RULES = load_rules()
LEAD = "Dit is de eerste alinea zonder nieuws."


def _events(body: str, lang: str, date: str | None = "2024-05-02"):
    header = f"lang: {lang}\n" + (f"date: {date}\n" if date else "")
    return extract_document(parse_document(f"{header}\n{body}"), RULES).events


def _time(body: str, lang: str, event_type: str, date: str | None = "2024-05-02"):
    (event,) = [e for e in _events(body, lang, date) if e.type == event_type]
    return event.time


@pytest.mark.parametrize(
    "body, lang, event_type",
    [
        (f"{LEAD}\n\nDe politie heeft Nika Melia gearresteerd.", "nl", "Detain"),
        (f"{LEAD}\n\nIn Tbilisi zijn zes demonstranten gedood.", "nl", "Kill"),
        ("An intro without news.\n\nPolice have arrested Nika Melia in Tbilisi.", "en", "Detain"),
        ("An intro without news.\n\nGeorgia has expelled the French ambassador.", "en", None),
        # the past, in the lead or after it: news annotators date it to the report's days
        (f"{LEAD}\n\nDe politie arresteerde Nika Melia.", "nl", "Detain"),
        (f"{LEAD}\n\nNika Melia werd gearresteerd door de politie.", "nl", "Detain"),
        ("An intro without news.\n\nPolice arrested Nika Melia in Tbilisi.", "en", "Detain"),
    ],
)
def test_the_present_perfect_and_the_past_take_the_month_of_publication(body, lang, event_type):
    events = [e for e in _events(body, lang) if event_type in (None, e.type)]
    assert events
    for event in events:
        assert (event.time.value, event.time.precision, event.time.basis) == (
            "2024-05",
            "month",
            PUBLICATION,
        )


@pytest.mark.parametrize(
    "body, lang, event_type",
    [
        # the past perfect, even in the lead
        ("Hamas had kidnapped 240 hostages in Israel.", "en", "Abduct"),
        ("Eerder hadden militairen president Bazoum opgepakt.", "nl", "Detain"),
        # a span: "since" opens no event time
        ("Mali has experienced three military coups since 2012.", "en", "Coup"),
    ],
)
def test_the_past_perfect_and_spans_take_no_month(body, lang, event_type):
    assert _time(body, lang, event_type) is None


def test_the_lead_tells_the_news_of_the_day_in_the_simple_past():
    assert _time("Police arrested Nika Melia in Tbilisi.", "en", "Detain").value == "2024-05"
    assert _time("De politie arresteerde Nika Melia.", "nl", "Detain").basis == PUBLICATION


def test_an_undated_text_and_a_written_date_take_no_publication_month():
    assert _time("Police have arrested Nika Melia.", "en", "Detain", date=None) is None
    time = _time("On 28 April police arrested Nika Melia.", "en", "Detain")
    assert (time.value, time.basis) == ("2024-04-28", WRITTEN)


def test_a_statement_the_text_does_not_assert_takes_no_month():
    (event,) = [e for e in _events("Police have not arrested Nika Melia.", "en")]
    assert event.factuality != "asserted" and event.time is None


def test_in_one_article_the_date_written_for_an_event_wins_over_the_month():
    events = _events(
        "On 28 April police arrested Nika Melia.\n\nPolice have arrested Nika Melia in a raid.",
        "en",
    )
    (detained,) = [e for e in events if e.type == "Detain"]
    assert (detained.time.value, detained.time.basis) == ("2024-04-28", WRITTEN)


def test_the_past_perfect_of_reported_speech_is_the_reported_present():
    """ "Nexta said its editor had been detained" reports "has been detained"."""
    time = _time("Nexta said its editor Roman Protasevich had been detained.", "en", "Detain")
    assert (time.value, time.basis) == ("2024-05", PUBLICATION)
    assert _time("Roman Protasevich had been detained.", "en", "Detain") is None
