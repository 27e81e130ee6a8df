"""The rules find actors and events in real articles they were not written for."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.articles.read import read_document
from kg.extract import extract_document
from kg.rules.loader import load_rules

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
RULES = load_rules()

# file -> (actors that must be found, (event type, role, entity) that must be found)
EXPECTED = {
    "02_en_belarus-eu-border-crisis-wikipedia-older-revision.txt": (
        {
            "alexander-lukashenko",
            "belarus",
            "poland",
            "lithuania",
            "latvia",
            "european-union",
            "belarus-authorities",
            "refugees-and-migrants",
            "iraq",
        },
        [
            ("Threaten", "agent", "alexander-lukashenko"),
            ("Accuse", "patient", "belarus-authorities"),
        ],
    ),
    "04_en_ryanair-flight-4978-simple-wikipedia.txt": (
        {
            "ryanair",
            "greece",
            "lithuania",
            "minsk-national-airport",
            "roman-protasevich",
            "sofia-sapega",
            "alexander-lukashenko",
        },
        [
            ("ForcedLanding", "agent", "belarus"),
            ("Detain", "patient", "roman-protasevich"),
            ("Detain", "patient", "sofia-sapega"),
        ],
    ),
    "05_en_2020-belarusian-presidential-election-wikipedia.txt": (
        {
            "alexander-lukashenko",
            "sviatlana-tsikhanouskaya",
            "belarus",
            "central-election-commission",
            "coordination-council",
        },
        [("Election", "place", "belarus"), ("Detain", "patient", "coordination-council-members")],
    ),
    "09_nl_kamervraag-vluchtelingen-grens-polen-wit-rusland.txt": (
        {
            "poland",
            "belarus",
            "lithuania",
            "latvia",
            "european-union",
            "belarus-authorities",
            "refugees-and-migrants",
        },
        [("CrossBorder", "supporter", "belarus-authorities"), ("StateOfEmergency", None, None)],
    ),
    "10_nl_kamervraag-eu-sancties-vrijlating-protasevitsj.txt": (
        {
            "roman-protasevich",
            "sofia-sapega",
            "ryanair",
            "minsk",
            "european-council",
            "belarus-authorities",
            "mark-rutte",
        },
        [
            ("Detain", "patient", "roman-protasevich"),
            ("DemandRelease", "patient", "roman-protasevich"),
            ("ForcedLanding", "patient", "ryanair"),
        ],
    ),
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_corpus_article(name):
    extraction = extract_document(read_document(CORPUS / name), RULES)
    actors, events = EXPECTED[name]
    found = {e.id for e in extraction.entities.values() if e.mentions}
    assert actors <= found, sorted(actors - found)
    for event_type, role, entity in events:
        matching = [e for e in extraction.events if e.type == event_type]
        assert matching, f"no {event_type}"
        if role:
            assert any(entity in e.roles.get(role, []) for e in matching), (
                event_type,
                role,
                entity,
            )


def test_every_corpus_file_is_covered():
    assert {p.name for p in CORPUS.glob("*.txt")} == set(EXPECTED)
