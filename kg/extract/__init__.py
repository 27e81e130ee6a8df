"""Entity, event and time extraction: a pure function of (document, rules)."""

from kg.extract.document import extract_document

__all__ = ["extract_document"]
