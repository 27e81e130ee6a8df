"""People and organisations the gazetteer does not know are still found, typed and related."""

from __future__ import annotations

from kg.articles.read import parse_document
from kg.extract import extract_document
from kg.rules.loader import load_rules

RULES = load_rules()

DUTCH = (
    "lang: nl\n\nDe Litouwse premier Ingrida Šimonytė kondigde de noodtoestand af. "
    "Volgens Jonas Petraitis stuurt Wit-Rusland migranten naar de grens. Ook Amnesty "
    "International en de Nederlandse Organisatie voor Wetenschappelijk Onderzoek waarschuwden "
    "de Litouwse autoriteiten.\n"
)
ENGLISH = (
    "lang: en\n\nOpposition leader Pavel Latushko spoke in Vilnius. Minister President "
    "Jan de Vries condemned the arrest of the blogger Igor Losik. According to Anna "
    "Kowalska, Human Rights Watch documented pushbacks by Polish border guards.\n"
)


def _extract(text: str):
    extraction = extract_document(parse_document(text), RULES)
    return extraction.entities, extraction.events


def test_titles_cues_and_heads_find_unknown_names_in_dutch():
    entities, events = _extract(DUTCH)
    assert entities["ingrida-simonyte"].type == "person"
    assert ("leaderOf", "lithuania") in entities["ingrida-simonyte"].relations
    assert ("jobTitle", "prime minister") in entities["ingrida-simonyte"].facts
    assert entities["jonas-petraitis"].type == "person"
    assert entities["amnesty-international"].type == "organisation"
    # the gazetteer does not know it: found by its head word and the connector "voor"
    assert (
        entities["nederlandse-organisatie-voor-wetenschappelijk-onderzoek"].type == "organisation"
    )
    assert entities["lithuania-authorities"].type == "government"
    assert ("partOf", "lithuania") in entities["lithuania-authorities"].relations
    assert all(e.wikidata is None for e in entities.values() if e.id not in RULES.entities)
    sending = next(e for e in events if e.type == "SendToBorder")
    assert sending.roles["agent"] == ["belarus"]
    assert sending.according_to == ["jonas-petraitis"]


def test_titles_cues_and_heads_find_unknown_names_in_english():
    entities, events = _extract(ENGLISH)
    assert ("jobTitle", "opposition leader") in entities["pavel-latushko"].facts
    assert entities["jan-de-vries"].labels == {"nl": "Jan de Vries", "en": "Jan de Vries"}
    assert ("jobTitle", "blogger") in entities["igor-losik"].facts
    assert entities["human-rights-watch"].type == "organisation"
    assert entities["anna-kowalska"].type == "person"
    condemn = next(e for e in events if e.type == "Condemn")
    assert condemn.roles["agent"] == ["jan-de-vries"]
    detain = next(e for e in events if e.type == "Detain")
    assert detain.roles["patient"] == ["igor-losik"]


def test_sentence_initial_words_are_not_names():
    entities, _ = _extract("lang: nl\n\nOok Amnesty International protesteerde.\n")
    assert "amnesty-international" in entities
    assert not any(e.startswith("ook") for e in entities)
