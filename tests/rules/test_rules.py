"""Every example sentence of every pattern is a test case; broken rule files are refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.errors import RuleError
from kg.extract.compiled import compile_rules
from kg.quality.ruletest import check_example
from kg.rules.loader import load_rules

RULES = load_rules()
CASES = [
    (pattern, example, negative)
    for pattern in RULES.patterns
    for negative, examples in ((False, pattern.examples), (True, pattern.counterexamples))
    for example in examples
]


@pytest.mark.parametrize(
    ("pattern", "example", "negative"),
    CASES,
    ids=[f"{p.id}:{'not:' if n else ''}{e.text[:40]}" for p, e, n in CASES],
)
def test_pattern_example(pattern, example, negative):
    result = check_example(RULES, pattern, example, negative)
    assert result.ok, result.problem


def test_every_event_type_has_patterns_in_both_languages():
    for event_type in RULES.event_types:
        langs = {p.lang for p in RULES.patterns if p.event == event_type}
        assert langs == {"nl", "en"}, event_type


def _write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_every_problem_is_reported_with_file_line_id_and_field(tmp_path):
    _write(
        tmp_path,
        "bad.yaml",
        "patterns:\n"
        "  - id: x.one\n"
        "    lang: nl\n"
        "    event: NoSuchType\n"
        "    match: [{LOWER: foo}]\n"
        "    examples: [Foo.]\n"
        "  - id: x.two\n"
        "    lang: xx\n"
        "    event: Detain\n"
        "    match: [{LOWER: bar}]\n",
    )
    with pytest.raises(RuleError) as info:
        load_rules([tmp_path])
    message = str(info.value)
    assert "bad.yaml:2 › x.one › event: unknown event type 'NoSuchType'" in message
    assert "bad.yaml:7 › x.two › lang: unknown language; expected one of nl, en" in message
    assert "bad.yaml:7 › x.two › examples: every pattern needs at least one example" in message


def test_yaml_syntax_error_names_the_line(tmp_path):
    _write(tmp_path, "broken.yaml", "entities:\n  - id: a\n    labels: {en: A, nl: A\n")
    with pytest.raises(RuleError, match=r"broken\.yaml:\d+ › \? › yaml:"):
        load_rules([tmp_path])


def test_unknown_fields_and_bad_qids_are_refused(tmp_path):
    _write(
        tmp_path,
        "e.yaml",
        "entities:\n"
        "  - id: atlantis\n"
        "    type: country\n"
        "    labels: {en: Atlantis, nl: Atlantis}\n"
        "    wikidata: 184\n"
        "    colour: blue\n",
    )
    with pytest.raises(RuleError) as info:
        load_rules([tmp_path])
    assert "e.yaml:2 › atlantis › wikidata: must be a QID" in str(info.value)
    assert "e.yaml:2 › atlantis › colour: unknown field" in str(info.value)


def test_invalid_matcher_pattern_is_refused_with_its_source(tmp_path):
    _write(
        tmp_path,
        "p.yaml",
        "patterns:\n"
        "  - id: x.bad\n"
        "    lang: en\n"
        "    event: Detain\n"
        "    match: [{LOWER: {NOT_AN_OP: [a]}}]\n"
        "    examples: [a]\n",
    )
    rules = load_rules([tmp_path])
    with pytest.raises(RuleError, match=r"p\.yaml:2 › x\.bad › match:"):
        compile_rules(rules, "en")


def test_a_user_rule_folder_adds_an_event_type_in_both_languages(tmp_path):
    """A new event type is a data-file edit: here 'expel a diplomat', Dutch and English."""
    _write(
        tmp_path,
        "expel.yaml",
        "event_types:\n"
        "  - id: ExpelDiplomat\n"
        "    labels: {en: expel a diplomat, nl: een diplomaat uitzetten}\n"
        "    cameo: '161'\n"
        "    roles: {agent: [country, government], patient: [person, government, group]}\n",
    )
    _write(
        tmp_path,
        "expel_patterns.yaml",
        "patterns:\n"
        "  - id: en.expel-diplomat.expel\n"
        "    lang: en\n"
        "    event: ExpelDiplomat\n"
        "    match: [{LEMMA: expel}, {OP: '{0,4}'}, {LEMMA: {IN: [diplomat, ambassador]}}]\n"
        "    examples:\n"
        "      - text: Poland expelled two Belarusian diplomats.\n"
        "        roles: {agent: poland}\n"
        "  - id: nl.expel-diplomat.uitzetten\n"
        "    lang: nl\n"
        "    event: ExpelDiplomat\n"
        "    match: [{LEMMA: {IN: [diplomaat, ambassadeur]}}, {OP: '{0,3}'}, {LEMMA: uitzetten}]\n"
        "    examples:\n"
        "      - text: Litouwen heeft twee Wit-Russische diplomaten uitgezet.\n"
        "        roles: {agent: lithuania}\n",
    )
    rules = load_rules([tmp_path])
    for pid in ("en.expel-diplomat.expel", "nl.expel-diplomat.uitzetten"):
        pattern = next(p for p in rules.patterns if p.id == pid)
        result = check_example(rules, pattern, pattern.examples[0], negative=False)
        assert result.ok, result.problem


def test_a_pattern_that_matches_none_of_its_examples_is_reported(tmp_path):
    _write(
        tmp_path,
        "silent.yaml",
        "patterns:\n"
        "  - id: en.detain.jailed\n"
        "    lang: en\n"
        "    event: Detain\n"
        "    match: [{LOWER: incarcerated}]\n"
        "    examples:\n"
        "      - text: The journalist was jailed in Minsk.\n",
    )
    from kg.quality.ruletest import silent_patterns

    problems = silent_patterns(load_rules([tmp_path]))
    assert problems == [
        f"{tmp_path / 'silent.yaml'}:2 › en.detain.jailed › match: matches none of its examples"
    ]
    assert silent_patterns(RULES) == []


def test_a_context_token_must_match_but_is_no_trigger_word(tmp_path):
    """ "vielen … aan| in de Rode Zee": the preposition after the particle shows the verb
    ends there, and stays the cue of the place, not a word of the trigger."""
    _write(
        tmp_path,
        "context.yaml",
        "patterns:\n"
        "  - id: nl.test.trok-binnen\n"
        "    lang: nl\n"
        "    event: Invade\n"
        "    match: [{LOWER: trok}, {OP: '{1,4}'}, {LOWER: binnen},"
        " {LOWER: {IN: [in, op, '.']}, CONTEXT: true}]\n"
        "    examples:\n"
        "      - text: Rusland trok Georgië binnen op 8 augustus.\n"
        "        roles: {agent: russia, patient: georgia}\n"
        "  - id: nl.test.bad-context\n"
        "    lang: nl\n"
        "    event: Invade\n"
        "    match: [{LOWER: binnengevallen, CONTEXT: 1}]\n"
        "    examples: [Rusland is binnengevallen.]\n",
    )
    with pytest.raises(
        RuleError, match=r"nl\.test\.bad-context › match\[0\]\.CONTEXT: must be true"
    ):
        load_rules([tmp_path])
    text = (tmp_path / "context.yaml").read_text(encoding="utf-8")
    (tmp_path / "context.yaml").write_text(text.split("  - id: nl.test.bad")[0], encoding="utf-8")
    rules = load_rules([tmp_path])
    pattern = next(p for p in rules.patterns if p.id == "nl.test.trok-binnen")
    assert pattern.context == {3} and all("CONTEXT" not in t for t in pattern.match)
    assert check_example(rules, pattern, pattern.examples[0], negative=False).ok
    assert compile_rules(rules, "nl").fillers[pattern.id] >= {3}
