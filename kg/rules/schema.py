"""The rule format, declared: every rule kind, every field, its type and its allowed values.

The loader checks rule files against these tables (an unknown key or value is a problem
named as file:line › id › field: reason, with a did-you-mean when one is close), the
docs (docs/rules.md) describe every field in them, and a test keeps the two in step. The
allowed values come from the vocabulary in kg.rules.model, the one copy of it; nothing
that passes the check may reach a later stage that does not know it.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass

from kg.rules.factuality import FACTUALITIES, MODALITIES
from kg.rules.model import (
    CUE_ROLES,
    ENTITY_TYPES,
    LANGS,
    RELATION_PROPERTIES,
    ROLES,
    TENSES,
)


@dataclass(frozen=True)
class Field:
    """One key of a rule: what its value is, whether it must be there, what it may say."""

    name: str
    type: str  # how the value is written, in the words of docs/rules.md
    required: bool = False
    choices: tuple[str, ...] = ()  # the allowed values (or keys, for a mapping by role)


# what "both countries" / "both sides" stand for: the last two countries, or actors
PAIR_KINDS = ("country", "party", "person")
PER_LANG = f"mapping of language ({', '.join(LANGS)}) to"

ENTITY = (
    Field("id", "id: lowercase letters, digits, . _ -", required=True),
    Field("type", "one entity type", required=True, choices=ENTITY_TYPES),
    Field("labels", f"{PER_LANG} a name", required=True),
    Field("aliases", "list of names"),
    Field("adjectives", f"{PER_LANG} a list of words"),
    Field("demonyms", f"{PER_LANG} a list of words"),
    Field("relations", "mapping of relation property to entity id", choices=RELATION_PROPERTIES),
    Field("wikidata", "Wikidata QID like Q184"),
    Field("description", f"{PER_LANG} a text"),
)
INSTITUTION = (
    Field("id", "id: lowercase letters, digits, . _ -", required=True),
    Field("type", "one entity type", required=True, choices=ENTITY_TYPES),
    Field("labels", f"{PER_LANG} a name", required=True),
    Field("nouns", f"{PER_LANG} a list of nouns", required=True),
    Field("acts_for_whole", "true or false"),
)
EVENT_TYPE = (
    Field("id", "class name: a capital, then letters and digits", required=True),
    Field("labels", f"{PER_LANG} a label", required=True),
    Field("cameo", "CAMEO code as a quoted string"),
    Field("roles", "mapping of role to a list of entity types", choices=ROLES),
    Field("subject", "one role", choices=ROLES),
    Field("standalone", "true or false"),
    Field("origin_acts", "true or false"),
    Field("destination_receives", "true or false"),
    Field("crowd", "an entity id"),
    Field("counted", "one role", choices=ROLES),
    Field("covers", "list of event type ids"),
    Field("requires", "list of roles", choices=ROLES),
    Field("genitive", "one role", choices=ROLES),
    Field("object", "one role", choices=ROLES),
    Field("destination", "one role", choices=ROLES),
    Field("description", f"{PER_LANG} a text"),
)
PATTERN = (
    Field("id", "id: lowercase letters, digits, . _ -", required=True),
    Field("lang", "one language", required=True, choices=LANGS),
    Field("event", "an event type id", required=True),
    Field("match", "list of spaCy token patterns", required=True),
    Field("subject", "one role", choices=ROLES),
    Field("form", "noun or verb", choices=("noun", "verb")),
    Field("examples", "list of examples", required=True),
    Field("counterexamples", "list of examples"),
)
EXAMPLE = (
    Field("text", "a sentence", required=True),
    Field("roles", "mapping of role to an entity id or a list of them", choices=ROLES),
)
TITLE = (
    Field("label", "the title in English", required=True),
    Field("relation", "a relation property", choices=RELATION_PROPERTIES),
    Field("body", "the institution an unnamed holder with a country's adjective stands for"),
)

# lexicon keys: how the value is written, and the allowed values of a mapping's values
LEXICON = (
    Field("lang", "one language", required=True, choices=LANGS),
    Field("cues", "mapping of phrase to role", choices=CUE_ROLES),
    Field("attribution", "list of phrases"),
    Field("speech_verbs", "list of phrases"),
    Field("span_openers", "list of words"),
    Field("time_bounds", "list of words"),
    Field("time_bound_qualifiers", "list of words"),
    Field("exceptions", "list of phrases"),
    Field("instances", "list of phrases"),
    Field("motive", "list of phrases"),
    Field("origin", "list of phrases"),
    Field("modality", "mapping of phrase to modality", choices=MODALITIES),
    Field("noun_modality", "mapping of word to modality", choices=MODALITIES),
    Field("stance", "mapping of phrase to factuality", choices=FACTUALITIES),
    Field("question_reports", "list of phrases"),
    Field("negation", "list of words"),
    Field("quantifiers", "list of words"),
    Field("alias_cues", "list of phrases"),
    Field("clause_negation", "list of words"),
    Field("focus_particles", "list of words"),
    Field("passive", "list of words"),
    Field("passive_be", "list of words"),
    Field("perfect_have", "list of words"),
    Field("tense_auxiliaries", "mapping of word to tense", choices=TENSES),
    Field("contrast_words", "list of words"),
    Field("fronted_prepositions", "list of words"),
    Field("object_followers", "list of words"),
    Field("irregular_participles", "list of words"),
    Field("measure_nouns", "list of words"),
    Field("fronted_adverbs", "list of words"),
    Field("be_perfect", "list of words"),
    Field("subordinators", "list of words"),
    Field("coordinators", "list of words"),
    Field("determiners", "list of words"),
    Field("plural_pronouns", "list of words"),
    Field("person_pronouns", "list of words"),
    Field("relative_pronouns", "list of words"),
    Field("joint_clauses", "list of words"),
    Field("object_pronouns", "list of words"),
    Field("possessive_pronouns", "list of words"),
    Field("reciprocals", "list of phrases"),
    Field("neuter_pronouns", "list of words"),
    Field("speaker_pronouns", "list of words"),
    Field("finite_auxiliaries", "list of words"),
    Field("partitives", "list of words"),
    Field("complement_verbs", "list of words"),
    Field("object_control_verbs", "list of words"),
    Field("complementizers", "list of words"),
    Field("latter", "list of words"),
    Field("follower_nouns", "list of words"),
    Field("compass_parts", "mapping of compass word to its English adjective"),
    Field("person_nouns", "list of words"),
    Field("place_anaphora", "list of phrases"),
    Field("country_anaphora", "list of phrases"),
    Field("country_nouns", "list of words"),
    Field("denial_verbs", "list of words"),
    Field("claim_nouns", "list of words"),
    Field("administration_nouns", "list of words"),
    Field("announcing_verbs", "list of words"),
    Field("body_adjectives", "mapping of word to institution id"),
    Field("body_event_nouns", "list of words"),
    Field("pair_anaphora", "mapping of phrase to what it names", choices=PAIR_KINDS),
    Field("people_nouns", "list of words"),
    Field("count_words", "list of words"),
    Field("counted_nouns", "list of words"),
    Field("not_people", "list of entity ids"),
    Field("place_heads", "list of words"),
    Field("vehicle_nouns", "list of words"),
    Field("name_cues", "list of phrases"),
    Field("organisation_heads", "list of words"),
    Field("titles", "mapping of title word to {label, relation}"),
    Field("lemmas", "mapping of word to lemma"),
    Field("months", "mapping of month name to 1..12"),
    Field("weekdays", "mapping of weekday name to 0 (Monday)..6"),
    Field("relative_days", "mapping of word to days from the text's date (-7..0)"),
    Field("days_later", "mapping of phrase to days after the date written before it (-31..31)"),
    Field("relative_months", "mapping of phrase to months from the text's date (-12..12)"),
    Field("answering_headings", "mapping of heading word to entity id"),
    Field("this_year", "list of phrases"),
    Field("last_year", "list of phrases"),
    Field("organisation_words", "list of words"),
    Field("generic_determiners", "list of words"),
    Field("honorifics", "list of words"),
    Field("bylines", "list of phrases"),
    Field("answering_bylines", "mapping of phrase to entity id"),
    Field("place_prepositions", "list of words"),
    Field("circumstance_prepositions", "list of words"),
    Field("headline_prepositions", "list of words"),
    Field("class_nouns", "mapping of word to entity type", choices=ENTITY_TYPES),
    Field("word_classes", 'mapping of class name to a list of words ("@name" in a pattern)'),
    Field("state_modifiers", "list of words"),
    Field("body_modifiers", "list of words"),
    Field("state_heads", "list of words"),
)

NAMES = (
    Field("given_names", "file name of a list of given names, next to this file, one per line"),
    Field("transliteration", "list of {match: regex, replace: text} rewrites"),
    Field("same", "list of lists of spellings that must meet"),
    Field("different", "list of lists of names that must stay apart"),
)
REWRITE = (
    Field("match", "a regular expression on a lowercase, accent-free name", required=True),
    Field("replace", "its replacement (\\1 for a group)", required=True),
)

KINDS: dict[str, tuple[Field, ...]] = {
    "entities": ENTITY,
    "institutions": INSTITUTION,
    "event_types": EVENT_TYPE,
    "patterns": PATTERN,
    "lexicon": LEXICON,
    "names": NAMES,
}


def names(declared: Iterable[Field]) -> tuple[str, ...]:
    return tuple(f.name for f in declared)


def field_of(declared: Iterable[Field], name: str) -> Field:
    return next(f for f in declared if f.name == name)


def unknown(what: str, value: object, expected: Iterable[str]) -> str:
    """The reason for a value not in `expected`: the list, and the closest one if any."""
    expected = tuple(expected)
    return f"unknown {what}; expected one of {', '.join(expected)}" + did_you_mean(value, expected)


def did_you_mean(value: object, expected: Iterable[str]) -> str:
    """ "; did you mean X?" for the closest of `expected`, or "" when none is close."""
    if not isinstance(value, str):
        return ""
    expected = tuple(expected)
    close = difflib.get_close_matches(value, expected, n=1, cutoff=0.6)
    if not close:  # "AGENT", "partof": a difference of case only
        close = [e for e in sorted(expected) if e.lower() == value.lower()][:1]
    return f"; did you mean {close[0]}?" if close else ""
