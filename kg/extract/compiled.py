"""Rules turned into spaCy matchers for one language, compiled once per rule set."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

from spacy.matcher import Matcher, PhraseMatcher

from kg.errors import RuleError
from kg.language import pipeline
from kg.rules.model import PatternRule, Rules

# Pattern elements that only say "any token here" are fillers, not part of the trigger.
_FILLER_KEYS = {"OP", "IS_PUNCT", "IS_SENT_START", "IS_SPACE"}


@dataclass
class CompiledRules:
    """Matchers for names, adjectives, demonyms, institution nouns, titles, cues and patterns."""

    lang: str
    rules: Rules
    names: PhraseMatcher
    institutions: PhraseMatcher
    titles: PhraseMatcher
    phrases: Matcher  # cues, attribution, motive, origin, modality, anaphora, time words
    patterns: Matcher
    pattern_by_key: dict[str, PatternRule] = field(default_factory=dict)
    fillers: dict[str, set[int]] = field(default_factory=dict)  # pattern id -> filler indices
    label_of: dict[str, tuple[str, str]] = field(default_factory=dict)  # key -> (kind, value)
    trigger_lemmas: frozenset[str] = frozenset()  # every LEMMA a pattern of this language names
    lowercase_aliases: frozenset[str] = frozenset()  # aliases written in lowercase in the rules


def _phrase_tokens(text: str, lang: str) -> list[str]:
    return [t.lower_ for t in pipeline(lang).make_doc(text)]


def _phrase_pattern(text: str, lang: str) -> list[dict]:
    """A phrase as a token pattern; '*' is one optional word."""
    return [{"OP": "?"} if w == "*" else {"LOWER": w} for w in _phrase_tokens(text, lang)]


@cache
def compile_rules(rules: Rules, lang: str) -> CompiledRules:
    nlp = pipeline(lang)
    lexicon = rules.lexicons[lang]
    names = PhraseMatcher(nlp.vocab, attr="LOWER")
    institutions = PhraseMatcher(nlp.vocab, attr="LOWER")
    titles = PhraseMatcher(nlp.vocab, attr="LOWER")
    phrases = Matcher(nlp.vocab)
    compiled = CompiledRules(
        lang, rules, names, institutions, titles, phrases, Matcher(nlp.vocab, validate=True)
    )

    def add(matcher: PhraseMatcher, key: str, kind: str, value: str, texts: list[str]) -> None:
        docs = [nlp.make_doc(t) for t in dict.fromkeys(texts) if t.strip()]
        if docs:
            matcher.add(key, docs)
            compiled.label_of[key] = (kind, value)

    for entity in rules.entities.values():
        add(
            names,
            f"name:{entity.id}",
            "name",
            entity.id,
            [*entity.aliases, *entity.labels.values()],
        )
        add(names, f"adj:{entity.id}", "adjective", entity.id, entity.adjectives.get(lang, []))
        add(names, f"dem:{entity.id}", "demonym", entity.id, entity.demonyms.get(lang, []))
    for inst in rules.institutions.values():
        add(institutions, f"inst:{inst.id}", "institution", inst.id, inst.nouns.get(lang, []))
    for word in lexicon.titles:
        add(titles, f"title:{word}", "title", word, [word])

    def add_phrases(kind: str, values: dict[str, str] | list[str]) -> None:
        items = values.items() if isinstance(values, dict) else ((v, v) for v in values)
        for phrase, value in items:
            key = f"{kind}:{phrase}"
            phrases.add(key, [_phrase_pattern(phrase, lang)])
            compiled.label_of[key] = (kind, str(value))

    add_phrases("cue", lexicon.cues)
    add_phrases("attribution", lexicon.attribution)
    add_phrases("motive", lexicon.motive)
    add_phrases("origin", lexicon.origin)
    add_phrases("modality", lexicon.modality)
    add_phrases("country_anaphor", lexicon.country_anaphora)
    add_phrases("people", lexicon.people_nouns)
    add_phrases("vehicle", lexicon.vehicle_nouns)
    add_phrases("name_cue", lexicon.name_cues)
    add_phrases("this_year", lexicon.this_year)
    add_phrases("last_year", lexicon.last_year)

    lemmas: set[str] = set()
    for pattern in rules.patterns:
        if pattern.lang != lang:
            continue
        for token in pattern.match:
            value = token.get("LEMMA")
            if isinstance(value, str):
                lemmas.add(value)
            elif isinstance(value, dict):
                lemmas.update(v for v in value.get("IN", []) if isinstance(v, str))
        try:
            compiled.patterns.add(pattern.id, [pattern.match])
        except (ValueError, KeyError, TypeError) as exc:
            details = [ln.strip("- ") for ln in str(exc).splitlines() if ln.startswith("- ")]
            reason = "; ".join(details) or str(exc).strip() or type(exc).__name__
            raise RuleError(f"{pattern.source} › {pattern.id} › match: {reason}") from None
        compiled.pattern_by_key[pattern.id] = pattern
        compiled.fillers[pattern.id] = {
            i for i, token in enumerate(pattern.match) if set(token) <= _FILLER_KEYS
        }
    compiled.trigger_lemmas = frozenset(lemmas)
    compiled.lowercase_aliases = frozenset(
        " ".join(_phrase_tokens(alias, lang))
        for entity in rules.entities.values()
        for alias in entity.aliases
        if alias[:1].islower()
    )
    return compiled
