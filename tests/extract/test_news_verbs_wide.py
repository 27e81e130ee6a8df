"""Common wire-news constructions across stories, in both languages: each sentence written
for this test names one act, with its doer and target, and no other act of its kind."""

from __future__ import annotations

import pytest

from tests.extract.sentences import events_of


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
