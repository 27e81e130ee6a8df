"""The conflict half of CAMEO (roots 10–20) and kg's conflict codes, read from real texts.

Two short articles, one English and one Dutch, written for these tests about several
stories (not Belarus only), go through the extraction the build uses; each asserts the
event type and the roles that must come out, and sentences where a conflict word has
another sense must give no such event.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.articles.read import parse_document
from kg.extract import extract_document
from kg.rules.cameo import quad_class
from kg.rules.loader import load_rules

RULES = load_rules()

ENGLISH = """lang: en

Azerbaijan launched a military offensive against the Armenian forces on 19 September.
Thousands of civilians fled from Nagorno-Karabakh to Armenia.

Russia invaded Ukraine on 24 February 2022. Russia shelled Kharkiv for the third night in a row.

Lukashenko rejected the accusations of the European Union. Lithuania recalled its ambassador.

The Myanmar military seized power on Monday.
Aung San Suu Kyi was charged with breaking import laws.

Hamas took more than two hundred Israelis hostage. Ukraine declared martial law.

Ukraine suspended the peace talks with Russia. Russia confiscated the assets of Carlsberg.

A terrorist attack in Moscow killed 145 people.
"""

DUTCH = """lang: nl

Rusland viel op 24 februari 2022 Oekraïne binnen. Het Russische leger nam de stad Bachmoet in.

Loekasjenka wees het voorstel van de EU af. Frankrijk zette zes Russische diplomaten uit.

Het leger van Myanmar greep in februari de macht.
Maria Kolesnikova werd in Minsk veroordeeld tot elf jaar cel.

Tientallen burgers kwamen bij de beschietingen om het leven.
Duizenden burgers vluchtten uit Nagorno-Karabach naar Armenië.

Hamas gijzelde meer dan tweehonderd Israëliërs. Israël bombardeerde doelen van Hezbollah in Libanon.

Verschillende journalisten werden door de politie in Tbilisi mishandeld.
"""

# (event type, role, entity) that each article must give
ENGLISH_EVENTS = [
    ("UseMilitaryForce", "agent", "azerbaijan"),
    ("Flee", "agent", "civilians"),
    ("Flee", "origin", "nagorno-karabakh"),
    ("Invade", "agent", "russia"),
    ("Invade", "patient", "ukraine"),
    ("FightArtillery", "agent", "russia"),
    ("Reject", "agent", "alexander-lukashenko"),
    ("ReduceDiplomaticRelations", "agent", "lithuania"),
    ("Coup", "agent", "myanmar-military"),
    ("Indict", "patient", "aung-san-suu-kyi"),
    ("TakeHostage", "agent", "hamas"),
    ("StateOfEmergency", "agent", "ukraine"),
    ("HaltNegotiations", "agent", "ukraine"),
    ("HaltNegotiations", "patient", "russia"),
    ("ConfiscateProperty", "agent", "russia"),
    ("TerroristAttack", "place", "moscow"),
]
DUTCH_EVENTS = [
    ("Invade", "agent", "russia"),
    ("Invade", "patient", "ukraine"),
    ("OccupyTerritory", "agent", "russia-military"),
    ("OccupyTerritory", "place", "bakhmut"),
    ("Reject", "agent", "alexander-lukashenko"),
    ("ReduceDiplomaticRelations", "agent", "france"),
    ("Coup", "agent", "myanmar-military"),
    ("Sentence", "patient", "maria-kalesnikava"),
    ("Kill", "patient", "civilians"),
    ("Flee", "agent", "civilians"),
    ("Flee", "destination", "armenia"),
    ("TakeHostage", "agent", "hamas"),
    ("AerialAttack", "agent", "israel"),
    ("AerialAttack", "patient", "hezbollah"),
    ("PhysicalAssault", "patient", "journalists"),
    ("PhysicalAssault", "place", "tbilisi"),
]


def _events(text: str) -> list[tuple[str, dict[str, list[str]]]]:
    document = parse_document(text, path="conflict-test", slug="conflict-test")
    return [(e.type, e.roles) for e in extract_document(document, RULES).events]


def _roles_of(events, event_type: str) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for kind, roles in events:
        if kind == event_type:
            for role, ids in roles.items():
                found.setdefault(role, set()).update(ids)
    return found


@pytest.mark.parametrize(("text", "expected"), [(ENGLISH, ENGLISH_EVENTS), (DUTCH, DUTCH_EVENTS)])
def test_conflict_events_come_out_with_their_roles(text: str, expected) -> None:
    events = _events(text)
    missing = [
        (kind, role, entity)
        for kind, role, entity in expected
        if entity not in _roles_of(events, kind).get(role, set())
    ]
    assert missing == []


def test_the_agent_of_an_expulsion_is_the_state_not_the_diplomats_nationality() -> None:
    roles = _roles_of(_events(DUTCH), "ReduceDiplomaticRelations")
    assert roles.get("agent") == {"france"}


@pytest.mark.parametrize(
    ("text", "event_type"),
    [
        ("lang: en\n\nThe minister attacked the plan in parliament.\n", "UseMilitaryForce"),
        ("lang: en\n\nThe mayor of Paris died of a heart attack in Lyon.\n", "UseMilitaryForce"),
        ("lang: en\n\nWinning the contract was a coup for the company.\n", "Coup"),
        ("lang: en\n\nDemand for natural gas rose sharply in the winter.\n", "Demand"),
        ("lang: en\n\nThe employer fired three workers at Shell.\n", "FightArtillery"),
        ("lang: nl\n\nNederland veroordeelt de arrestatie van Roman Protasevitsj.\n", "Sentence"),
        ("lang: nl\n\nDe EU heeft een akkoord met Tunesië afgesloten.\n", "Blockade"),
        ("lang: nl\n\nDe ministers kwamen bijeen om te overleggen.\n", "Kill"),
        ("lang: nl\n\nHongarije blokkeerde het sanctiepakket van de EU.\n", "Blockade"),
        ("lang: en\n\nThe EU accused Belarus of assaulting migrants.\n", "PhysicalAssault"),
    ],
)
def test_other_senses_of_conflict_words_give_no_event(text: str, event_type: str) -> None:
    assert event_type not in {kind for kind, _ in _events(text)}


def test_conflict_types_carry_codes_of_their_quad_class() -> None:
    """Every type of this range carries a code; roots 14–20 and kg's material codes are
    material conflict, roots 10–13 and INDICT verbal conflict."""
    path = Path(__file__).resolve().parents[2] / "kg" / "rules" / "cameo" / "conflict_types.yaml"
    mine = [t for t in RULES.event_types.values() if t.source.rpartition(":")[0] == str(path)]
    assert len(mine) >= 30
    quads = {t.id: quad_class(t.cameo) for t in mine}
    assert quads["Reject"] == quads["Demand"] == quads["Indict"] == "verbal-conflict"
    assert quads["UseMilitaryForce"] == quads["Invade"] == quads["Kill"] == "material-conflict"
    assert all(quads.values())
