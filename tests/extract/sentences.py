"""Events of a sentence written for a test, in a dated article (2 May 2024)."""

from __future__ import annotations

from kg.articles.read import parse_document
from kg.extract import extract_document
from kg.rules.loader import load_rules

RULES = load_rules()


def extraction_of(text: str, lang: str):
    return extract_document(parse_document(f"lang: {lang}\ndate: 2024-05-02\n\n{text}"), RULES)


def events_of(text: str, lang: str):
    return extraction_of(text, lang).events


def of_type(text: str, lang: str, event_type: str):
    return [e for e in events_of(text, lang) if e.type == event_type]
