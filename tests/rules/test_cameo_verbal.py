"""CAMEO roots 01-09 and kg's ELECT winner (kg/rules/cameo/verbal_*.yaml) on whole articles.

Two short articles in our own words, one English and one Dutch, about stories other than
Belarus: each event comes out with its type, its CAMEO code and the actors in their roles,
and the sentences that only look like one of these events ("released a statement",
"self-declared state", "demanded the surrender", "erkende dat", "prijzen van brood") give
none.
"""

from __future__ import annotations

from kg.articles.read import parse_document
from kg.extract import extract_document
from kg.rules.loader import load_rules

RULES = load_rules()

ENGLISH = """lang: en
date: 2024-05-20

Qatar mediated between Israel and Hamas in November. Hamas released 24 hostages on Friday.
The United Nations urged Israel to open more crossings.

Iran denied any involvement in the smuggling. Iran supplied drones to Russia. Spain
recognised Palestine in May. Jordan sent humanitarian aid to Gaza by air.

Javier Milei won the presidential runoff in November. Olaf Scholz visited Beijing in April.
The ministry released a statement on Sunday. Azerbaijan attacked the self-declared
breakaway state.

Japan apologised to China for the abuses. Morocco extradited Ivan Petrov to Belgium. Germany
expressed deep concern about the fighting. The army demanded the surrender of the rebels.
"""

DUTCH = """lang: nl
date: 2024-05-20

Egypte bemiddelde in november tussen Israël en Hamas. Vier gijzelaars zijn zaterdag door
Hamas vrijgelaten. Noorwegen heeft de strijdende partijen opgeroepen tot een wapenstilstand.

Iran ontkende elke betrokkenheid bij de aanslag. Iran leverde drones aan Rusland. Spanje
erkende Palestina in mei. Jordanië stuurde humanitaire hulp naar Gaza.

Javier Milei won in november de presidentsverkiezingen. Olaf Scholz bezocht Peking in april.
India en Pakistan sloten een wapenstilstand langs de grens. Polen erkende dat het probleem
ernstig was. De prijzen van brood stegen.

Japan bood China excuses aan voor het misbruik. Marokko leverde Ivan Petrov uit aan België.
Duitsland uitte grote zorgen over de gevechten. Het leger eiste de overgave van de rebellen.
"""

# (type, agent, patient) of every event these rules must find in both articles
BOTH = {
    ("Mediate", ("qatar",), ("israel", "hamas")),
    ("ReleasePersons", ("hamas",), ("hostages",)),
    ("DenyResponsibility", ("iran",), ()),
    ("RecogniseState", ("spain",), ("state-of-palestine",)),
    ("ProvideHumanitarianAid", ("jordan",), ()),
    ("WinElection", (), ("javier-milei",)),
    ("MakeVisit", ("olaf-scholz",), ("china",)),
    ("Extradite", ("morocco",), ("ivan-petrov",)),
    ("ExpressConcern", ("germany",), ()),
    ("Apologise", ("japan",), ("china",)),
}
ENGLISH_ONLY = {
    ("Appeal", ("united-nations",), ("israel",)),
    ("ProvideMilitaryAid", ("iran",), ("russia",)),  # "to Russia": Russia receives them
}
DUTCH_ONLY = {
    ("ProvideMilitaryAid", ("iran",), ("russia",)),  # "aan Rusland": to whom
    ("Appeal", ("norway",), ("warring-parties",)),  # "de strijdende partijen": a group
    ("DeclareCeasefire", ("india", "pakistan"), ()),
}
VERBAL_TYPES = {t for t, _, _ in BOTH | ENGLISH_ONLY | DUTCH_ONLY} | {"RetreatMilitarily"}


def _events(text: str) -> set[tuple[str, tuple[str, ...], tuple[str, ...]]]:
    """The events of the article whose type these rule files define."""
    extraction = extract_document(parse_document(text, slug="verbal"), RULES)
    return {
        (e.type, tuple(e.roles.get("agent", [])), tuple(e.roles.get("patient", [])))
        for e in extraction.events
        if e.type in VERBAL_TYPES
    }


def _swap(found: set) -> set:
    """Egypt mediates in the Dutch text where Qatar does in the English one."""
    return {(t, tuple("egypt" if a == "qatar" else a for a in ag), p) for t, ag, p in found}


def test_english_article_gives_each_event_with_its_roles_and_nothing_else() -> None:
    assert _events(ENGLISH) == BOTH | ENGLISH_ONLY


def test_dutch_article_gives_each_event_with_its_roles_and_nothing_else() -> None:
    assert _events(DUTCH) == _swap(BOTH) | DUTCH_ONLY


def test_each_type_carries_the_cameo_code_of_the_codebook() -> None:
    """Codes as the CAMEO codebook (v1.1b3) numbers them; ELECT is kg's own."""
    codes = {t: RULES.event_types[t].cameo for t in VERBAL_TYPES}
    assert codes == {
        "Mediate": "045",
        "ReleasePersons": "0841",
        "Appeal": "020",
        "DenyResponsibility": "016",
        "ProvideMilitaryAid": "072",
        "RecogniseState": "054",
        "ProvideHumanitarianAid": "073",
        "WinElection": "ELECT",
        "MakeVisit": "042",
        "DeclareCeasefire": "0871",
        "Extradite": "063",
        "ExpressConcern": "012",
        "Apologise": "055",
        "RetreatMilitarily": "0874",
    }
