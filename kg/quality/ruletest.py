"""Run the example sentences of every pattern: the rules' own test suite."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from kg.articles.read import parse_document
from kg.errors import RuleError
from kg.extract import extract_document
from kg.extract.compiled import compile_rules
from kg.rules.loader import BUILTIN_DIR, load_rules
from kg.rules.model import Example, PatternRule, Rules


@dataclass
class ExampleResult:
    pattern: str
    example: Example
    ok: bool
    problem: str = ""


def check_example(
    rules: Rules, pattern: PatternRule, example: Example, negative: bool
) -> ExampleResult:
    """Extract the example as a one-paragraph document in the pattern's language."""
    text = f"lang: {pattern.lang}\n\n{example.text}\n"
    document = parse_document(text, path=example.source, slug="example")
    events = [e for e in extract_document(document, rules).events if e.rule == pattern.id]
    if negative:
        ok = not events
        return ExampleResult(pattern.id, example, ok, "" if ok else "matched, but must not")
    if not events:
        return ExampleResult(pattern.id, example, False, "no event from this pattern")
    problems = []
    for role, wanted in example.roles.items():
        found = {i for e in events for i in e.roles.get(role, [])}
        for entity in wanted:
            if entity.lstrip("~") not in found:
                problems.append(
                    f"{role}: wanted {entity.lstrip('~')}, found {sorted(found) or 'none'}"
                )
    return ExampleResult(pattern.id, example, not problems, "; ".join(problems))


def silent_patterns(rules: Rules, patterns: Iterable[PatternRule] | None = None) -> list[str]:
    """Problems for patterns (default: all) that match none of their own example sentences."""
    problems = []
    for pattern in rules.patterns if patterns is None else patterns:
        if pattern.examples and not any(
            check_example(rules, pattern, example, negative=False).problem
            != "no event from this pattern"
            for example in pattern.examples
        ):
            problems.append(
                f"{pattern.source} › {pattern.id} › match: matches none of its examples"
            )
    return problems


def check_rules(extra_dirs: Iterable[Path] = (), builtin_examples: bool = True) -> Rules:
    """What `kg rules check` checks: the files, spaCy's view of every pattern, and that
    each pattern matches one of its examples (the built-in ones' too, unless told not).
    Every problem is a RuleError listing them; nothing else may escape."""
    rules = load_rules(extra_dirs)
    for lang in rules.lexicons:
        compile_rules(rules, lang)
    builtin = str(BUILTIN_DIR)
    patterns = [p for p in rules.patterns if builtin_examples or not p.source.startswith(builtin)]
    problems = silent_patterns(rules, patterns)
    if problems:
        raise RuleError(f"{len(problems)} problem(s) in rules:\n" + "\n".join(problems))
    return rules


def run_examples(extra_dirs: Iterable[Path] = ()) -> list[ExampleResult]:
    rules = load_rules(extra_dirs)
    results = []
    for pattern in rules.patterns:
        for example in pattern.examples:
            results.append(check_example(rules, pattern, example, negative=False))
        for example in pattern.counterexamples:
            results.append(check_example(rules, pattern, example, negative=True))
    return results
