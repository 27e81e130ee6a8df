"""Relative times resolve against the document's own dates, typed by precision."""

from __future__ import annotations

import pytest

from kg.articles.read import parse_document
from kg.extract import extract_document
from kg.rules.loader import load_rules

RULES = load_rules()


def _times(text: str) -> list[tuple[str, str]]:
    document = parse_document(text)
    return [
        (e.time.value, e.time.precision) for e in extract_document(document, RULES).events if e.time
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "date: 2021-11-10\nlang: nl\n\n"
            "De Poolse regering kwam maandag bijeen voor crisisberaad.",
            ("2021-11-08", "date"),
        ),
        (
            "date: 2021-11\nlang: nl\n\nIn mei van dit jaar dwong Belarus een vlucht te landen.",
            ("2021-05", "month"),
        ),
        (
            "date: 2021-07-06\nlang: nl\n\n"
            "Op 24 mei arresteerde Belarus de journalist Roman Protasevitsj.",
            ("2021-05-24", "date"),
        ),
        (
            "lang: en\n\nOn 23 May 2021, Belarus forced a Ryanair flight to land in Minsk.",
            ("2021-05-23", "date"),
        ),
        (
            "lang: en\n\nOn August 9, 2021, the EU imposed sanctions on Belarus.",
            ("2021-08-09", "date"),
        ),
        ("lang: en\n\nIn 2020 the EU imposed sanctions on Belarus.", ("2020", "year")),
        ("date: 2022-03-01\nlang: nl\n\nVorig jaar in juni legde de EU Belarus sancties op.", None),
    ],
)
def test_time_resolution(text, expected):
    times = _times(text)
    if expected is None:
        assert all(t[1] != "date" for t in times)
    else:
        assert times == [expected]


def test_a_bare_weekday_without_a_reference_day_stays_unresolved():
    assert _times("lang: nl\n\nDe Poolse regering kwam maandag bijeen voor crisisberaad.") == []


def test_the_english_modal_may_is_not_a_month():
    assert _times("date: 2021\nlang: en\n\nPoland may impose sanctions on Belarus.") == []


def _dated(text: str) -> dict[str, str | None]:
    document = parse_document(text)
    events = extract_document(document, RULES).events
    return {e.type: e.time.value if e.time else None for e in events}


def test_since_starts_a_span_it_is_no_event_date():
    dated = _dated("lang: en\n\nPoland has imposed sanctions on Belarus since 2014.")
    assert dated == {"ImposeSanctions": None}


def test_a_yearless_day_after_the_article_date_is_last_year():
    text = "date: 2024-01-10\nlang: en\n\nOn 24 June the EU imposed sanctions on Belarus."
    assert _dated(text) == {"ImposeSanctions": "2023-06-24"}
    text = "date: 2024-07-10\nlang: nl\n\nOp 24 juni legde de EU sancties op aan Belarus."
    assert _dated(text) == {"ImposeSanctions": "2024-06-24"}


def test_a_date_in_one_clause_is_not_another_clause_date():
    text = (
        "lang: en\n\nThe EU imposed sanctions on Belarus, after Belarus had arrested the "
        "journalist Roman Protasevich on 23 May 2021."
    )
    assert _dated(text) == {"ImposeSanctions": None, "Detain": "2021-05-23"}


def test_a_date_opening_the_sentence_dates_all_of_it():
    text = (
        "lang: en\n\nOn 23 May 2021, Belarus forced a Ryanair flight to land, and then "
        "Belarus arrested the journalist Roman Protasevich."
    )
    assert _dated(text) == {"ForcedLanding": "2021-05-23", "Detain": "2021-05-23"}


def test_an_undated_event_takes_the_last_date_its_paragraph_wrote():
    told = (
        "lang: en\n\nOn 23 May 2021, Ryanair Flight 4978 was diverted to Minsk. "
        "Belarus arrested the journalist Roman Protasevich."
    )
    assert _dated(told)["Detain"] == "2021-05-23"
    next_paragraph = told.replace("Minsk. ", "Minsk.\n\n")
    assert _dated(next_paragraph)["Detain"] is None


def test_a_range_of_days_dates_the_event_at_its_first_day():
    text = "date: 2024-01-01\nlang: en\n\nOn 19 and 20 September 2023, Azerbaijan attacked Armenia."
    assert _times(text) == [("2023-09-19", "date")]


def test_an_undated_text_gives_a_year_less_date_the_year_written_last():
    text = (
        "lang: en\n\nIn 2020, Ethiopia attacked Eritrea. In March 2022, Ethiopia declared a "
        "truce. By late August, Ethiopia attacked Eritrea again."
    )
    assert [value for value, _ in _times(text)] == ["2020", "2022-03", "2022-08"]


def test_a_month_is_no_event_word_and_no_modal():
    text = "date: 2024-01-01\nlang: en\n\nIn March 2022, Ethiopia declared a truce."
    assert _times(text) == [("2022-03", "month")]
    document = parse_document("date: 2024-01-01\nlang: en\n\nOn 3 May 2023, Russia attacked Kyiv.")
    assert [e.factuality for e in extract_document(document, RULES).events] == ["asserted"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "date: 2018-05-25\nlang: nl\n\nNederland heeft Rusland vandaag veroordeeld.",
            ["2018-05-25"],
        ),
        ("date: 2023-03-01\nlang: nl\n\nGisteren viel Rusland Oekraïne aan.", ["2023-02-28"]),
        (
            "date: 2024-01-01\nlang: en\n\nYesterday Iran accused Israel of the attack.",
            ["2023-12-31"],
        ),
        # no day to count from: no date at all, never the clock's
        ("date: 2024\nlang: en\n\nYesterday Iran accused Israel of the attack.", []),
        ("lang: en\n\nToday France condemned Russia.", []),
    ],
)
def test_today_and_yesterday_count_from_the_texts_date(text: str, expected: list[str]) -> None:
    assert [value for value, _ in _times(text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "date: 2024-03-01\nlang: en\n\nOn 16 February 2024 Russia arrested Ivan Petrov."
            " The next day the United States condemned Russia.",
            ["2024-02-16", "2024-02-17"],
        ),
        (
            "date: 2022-06-01\nlang: nl\n\nOp 3 mei 2022 viel Rusland Oekraïne aan."
            " Twee dagen later veroordeelde Nederland Rusland.",
            ["2022-05-03", "2022-05-05"],
        ),
        (
            "date: 2024-03-01\nlang: en\n\nOn 16 February 2024 Russia arrested Ivan Petrov."
            " Later that day France condemned Russia.",
            ["2024-02-16", "2024-02-16"],
        ),
        # nothing written before it to count from: no date, not the article's
        ("date: 2024-03-01\nlang: en\n\nThe next day France condemned Russia.", []),
        (
            "date: 2025-03-12\nlang: nl\n\nOp maandag arresteerde de politie twintig "
            "demonstranten. Een dag eerder had de politie twee journalisten opgepakt.",
            ["2025-03-10", "2025-03-09"],
        ),
        (
            "date: 2024-03-01\nlang: en\n\nOn 16 February 2024 Russia arrested Ivan Petrov."
            " A day earlier France had condemned Russia.",
            ["2024-02-16", "2024-02-15"],
        ),
    ],
)
def test_the_next_day_counts_from_the_date_written_before_it(text: str, expected: list[str]):
    assert [value for value, _ in _times(text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a deadline dates nothing: the decree was signed on 28 September
        (
            "lang: en\n\nOn 28 September 2023, Samvel Shahramanyan signed a decree to dissolve "
            "all state institutions by 1 January 2024.",
            ("2023-09-28", "date"),
        ),
        (
            "date: 2024-03-01\nlang: nl\n\nOp 2 februari 2024 eiste de EU dat Rusland zijn "
            "troepen uiterlijk 1 mei 2024 terugtrekt.",
            ("2024-02-02", "date"),
        ),
        # opening its sentence, "by" dates what follows
        (
            "lang: en\n\nBy August 2022, Ethiopia attacked the Tigray People's Liberation Front.",
            ("2022-08", "month"),
        ),
    ],
)
def test_a_deadline_is_no_event_date(text, expected):
    assert _times(text)[:1] == [expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "date: 2023-08-16\nlang: en\n\nEarlier this month, Belarusian border guards "
            "detained two Polish activists. Last month, Poland expelled two Russian diplomats.",
            ["2023-08", "2023-07"],
        ),
        (
            "date: 2024-01-10\nlang: nl\n\nVorige maand arresteerde de Russische politie "
            "twintig demonstranten.",
            ["2023-12"],
        ),
        # a span that starts last month dates no single event
        ("date: 2023-08-16\nlang: en\n\nSince last month, Belarus has detained 40 protesters.", []),
    ],
)
def test_this_month_and_last_month_count_from_the_texts_date(text: str, expected: list[str]):
    assert [value for value, _ in _times(text)] == expected
