"""The rule format is a declared schema (kg/rules/schema.py): the check refuses every unknown
key and value with one line naming it, what passes the check builds, and docs/rules.md
documents every field of the schema with examples that pass the check themselves."""

from __future__ import annotations

import copy
import re
from dataclasses import fields
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.articles.read import parse_document
from kg.errors import KgError
from kg.extract import extract_document
from kg.quality.ruletest import check_rules, run_examples
from kg.rdf.ontology import RELATIONS
from kg.rdf.quads import document_quads
from kg.rules import schema
from kg.rules.factuality import MODALITIES
from kg.rules.model import RELATION_PROPERTIES, Lexicon
from tests.rule_sets import VALID

REPO = Path(__file__).resolve().parents[2]
DOC = REPO / "docs" / "rules.md"

FREEDONIA = """\
entities:
  - id: freedonia
    type: country
    labels: {en: Freedonia, nl: Freedonië}
    aliases: [Freedonia]
    relations: {partof: poland}
"""


ADMIRAL = """\
lexicon:
  lang: en
  titles:
    admiral: {label: admiral, relation: leader}
"""


@pytest.mark.parametrize(
    ("rule_file", "text", "problem"),
    [
        (
            FREEDONIA,
            "Freedonia and Poland closed the border.",
            "entities.yaml:2 › freedonia › relations.partof: unknown relation property; "
            "expected one of partOf, leaderOf, capitalOf, countryOfOrigin, nationality; "
            "did you mean partOf?",
        ),
        (
            ADMIRAL,
            "The Polish admiral Jan Kowalski sent troops to the border.",
            "entities.yaml:4 › lexicon.en › titles.admiral: relation: unknown relation property; "
            "expected one of partOf, leaderOf, capitalOf, countryOfOrigin, nationality; "
            "did you mean leaderOf?",
        ),
    ],
    ids=["entity relation", "title relation"],
)
def test_an_unknown_relation_property_is_refused_by_the_check_not_crashing_the_build(
    run_kg, tmp_path, rule_file, text, problem
):
    """The issue's example: `partof` for `partOf` passed `kg rules check`, then the build
    stopped with a KeyError in rdf/quads.py as soon as an article named both countries;
    a title's relation did the same when an article named a titled person."""
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "entities.yaml").write_text(rule_file, encoding="utf-8")
    article = tmp_path / "article.txt"
    article.write_text(f"lang: en\n\n{text}\n")
    check = run_kg("rules", "check", rules)
    assert check.returncode == 1, check.stdout
    assert check.stderr.splitlines()[1:] == [f"{rules}/{problem}"]
    build = run_kg("build", article, "--rules", rules, "--out", tmp_path / "out")
    assert build.returncode == 1
    assert "Traceback" not in build.stderr and "KeyError" not in build.stderr
    assert problem in build.stderr


def _problems(tmp_path: Path, files: dict[str, str]) -> list[str]:
    folder = tmp_path / "rules"
    folder.mkdir(exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    with pytest.raises(KgError) as info:
        check_rules([folder], builtin_examples=False)
    return [line.replace(f"{folder}/", "") for line in str(info.value).splitlines()[1:]]


EXPEL = """\
event_types:
  - id: ExpelDiplomat
    labels: {en: expel a diplomat, nl: een diplomaat uitzetten}
    roles: {agentt: [country], patient: [persons]}
    subject: Agent
    requires: [agent, patiënt]
patterns:
"""


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        (  # a role, an entity type, a subject and a required role, each misspelt
            {
                "types.yaml": EXPEL.replace("patterns:\n", ""),
                "patterns.yaml": "patterns:\n"
                "  - id: en.expel\n    lang: en\n    event: ExpelDiplomat\n"
                "    match: [{LEMMA: expel}]\n    form: nouns\n"
                "    examples:\n      - text: Poland expelled a diplomat.\n"
                "        role: {agent: poland}\n"
                "  - id: nl.expel\n    lang: nl\n    event: ExpelDiplomat\n"
                "    match: [{LEMMA: uitzetten}]\n"
                "    examples:\n      - text: Polen zette een diplomaat uit.\n"
                "        roles: {agnet: poland}\n",
            },
            [
                "types.yaml:2 › ExpelDiplomat › roles.agentt: unknown role; expected one of "
                "agent, patient, supporter, origin, destination, place, recipient; "
                "did you mean agent?",
                "types.yaml:2 › ExpelDiplomat › roles.patient: unknown entity type; expected one "
                "of person, organisation, government, country, city, place, group; "
                "did you mean person?",
                "types.yaml:2 › ExpelDiplomat › subject: unknown role; expected one of agent, "
                "patient, supporter, origin, destination, place, recipient; did you mean agent?",
                "types.yaml:2 › ExpelDiplomat › requires: unknown role; expected one of agent, "
                "patient, supporter, origin, destination, place, recipient; "
                "did you mean patient?",
                "patterns.yaml:2 › en.expel › form: unknown form; expected one of noun, verb; "
                "did you mean noun?",
                "patterns.yaml:8 › en.expel › role: unknown field; expected one of text, roles; "
                "did you mean roles?",
                "patterns.yaml:15 › nl.expel › examples.roles.agnet: unknown role; expected one "
                "of agent, patient, supporter, origin, destination, place, recipient; "
                "did you mean agent?",
            ],
        ),
        (  # lexicon: an unknown key, a modality, a title's relation, an unquoted `on`
            {
                "lex.yaml": "lexicon:\n  lang: en\n  negations: [nope]\n"
                "  modality: {tried to: attempted}\n"
                "  titles:\n    admiral: {label: admiral, relation: leader}\n"
                "  cues: {on: patient}\n",
            },
            [
                "lex.yaml:2 › lexicon.en › negations: unknown field; expected one of "
                + ", ".join(schema.names(schema.LEXICON))
                + "; did you mean negation?",
                "lex.yaml:4 › lexicon.en › modality.tried to: unknown modality; expected one of "
                + ", ".join(MODALITIES)
                + "; did you mean attempt?",
                "lex.yaml:6 › lexicon.en › titles.admiral: relation: unknown relation property; "
                "expected one of partOf, leaderOf, capitalOf, countryOfOrigin, nationality; "
                "did you mean leaderOf?",
                "lex.yaml:7 › lexicon.en › cues.True: YAML reads this phrase as True: "
                "put it in quotes",
            ],
        ),
        (  # a language no rule knows, in labels and in words per language
            {
                "e.yaml": "entities:\n  - id: freedonia\n    type: country\n"
                "    labels: {en: Freedonia, nl: Freedonia, de: Freedonien}\n"
                "    adjectives: {EN: [Freedonian]}\n"
            },
            [
                "e.yaml:2 › freedonia › adjectives.EN: unknown language; expected one of nl, en; "
                "did you mean en?",
                "e.yaml:2 › freedonia › labels.de: unknown language; expected one of nl, en",
            ],
        ),
        (  # a misspelt kind of rules, and an event type close to a known one
            {
                "a.yaml": "entitys: []\n",
                "b.yaml": "patterns:\n  - id: en.x\n    lang: en\n    event: ThreatenN\n"
                "    match: [{LEMMA: x}]\n    examples: [x]\n",
            },
            [
                "a.yaml:1 › ? › kind: unknown kind of rules; expected one of entities, "
                "institutions, event_types, patterns, lexicon, names; did you mean entities?",
                "b.yaml:2 › en.x › event: unknown event type 'ThreatenN'; did you mean Threaten?",
            ],
        ),
    ],
)
def test_every_unknown_key_and_value_is_one_line_with_a_did_you_mean(tmp_path, files, expected):
    assert sorted(_problems(tmp_path, files)) == sorted(expected)


def test_the_vocabulary_of_relations_is_the_ontologys():
    """The rules' relation properties are exactly those the RDF stage has an IRI for."""
    assert set(RELATION_PROPERTIES) == set(RELATIONS)


def test_the_lexicon_schema_declares_every_key_of_the_lexicon():
    assert set(schema.names(schema.LEXICON)) == {f.name for f in fields(Lexicon)} - {"source"}


# -- rule folders generated from the schema ----------------------------------------------
BASE = {
    "entities.yaml": VALID["entities.yaml"],
    "institutions.yaml": VALID["institutions.yaml"],
    "types.yaml": {
        "event_types": [
            {
                "id": "ExpelDiplomat",
                "labels": {"en": "expel a diplomat", "nl": "een diplomaat uitzetten"},
                "cameo": "161",
                "roles": {"agent": ["country", "government"], "patient": ["person", "group"]},
                "subject": "agent",
                "standalone": False,
                "requires": ["agent"],
                "description": {"en": "a country sends diplomats home"},
            }
        ]
    },
    "patterns.yaml": {
        "patterns": [
            {
                "id": "en.expel",
                "lang": "en",
                "event": "ExpelDiplomat",
                "match": [{"LEMMA": "expel"}],
                "subject": "agent",
                "form": "verb",
                "examples": [{"text": "Freedonia expelled two diplomats.", "roles": {}}],
                "counterexamples": ["Freedonia did nothing."],
            },
            {
                "id": "nl.expel",
                "lang": "nl",
                "event": "ExpelDiplomat",
                "match": [{"LOWER": {"REGEX": "^(uit)?gezet$"}}],
                "examples": ["Freedonië heeft twee diplomaten uitgezet."],
            },
        ]
    },
    "lexicon.yaml": {
        "lexicon": {
            "lang": "en",
            "cues": {"thanks to": "supporter"},
            "modality": {"tried to": "attempt"},
            "titles": {"admiral": {"label": "admiral", "relation": "leaderOf"}},
            "attribution": ["as said by"],
            "lemmas": {"expelled": "expel"},
            "months": {"janvier": 1},
            "weekdays": {"lundi": 0},
        }
    },
}
# where each declared set of fields sits in BASE
SLOTS = [
    ("entities.yaml", ("entities", 0), schema.ENTITY),
    ("institutions.yaml", ("institutions", 0), schema.INSTITUTION),
    ("types.yaml", ("event_types", 0), schema.EVENT_TYPE),
    ("patterns.yaml", ("patterns", 0), schema.PATTERN),
    ("patterns.yaml", ("patterns", 0, "examples", 0), schema.EXAMPLE),
    ("lexicon.yaml", ("lexicon",), schema.LEXICON),
    ("lexicon.yaml", ("lexicon", "titles", "admiral"), schema.TITLE),
]
TEXTS = {
    "en": "The Freedonian navy and Admiral Freedonia expelled diplomats from Poland thanks to "
    "the Freedonians. Freedonia tried to expel them in janvier, as said by Poland.",
    "nl": "De Freedonische marine heeft diplomaten uit Polen uitgezet. Freedonië is "
    "een land; de Freedoniërs hebben het gezet.",
}


def _near_miss(word: str) -> str:
    """A misspelling that is surely not an allowed value."""
    return word[:-1] if len(word) > 2 else word + "x"


def _value(field: schema.Field, choice: str) -> object:
    """A value of this field's shape that uses `choice` where the schema allows choices."""
    shape = field.type
    if shape.startswith("list of"):
        return [choice]
    if shape.startswith("mapping of phrase"):
        return {"new phrase": choice}
    if field.name == "roles" and "entity types" in shape:
        return {choice: ["country"]}
    if shape.startswith("mapping of"):
        return {choice: "poland"}
    return choice


_FIELDS = [(name, path, field) for name, path, declared in SLOTS for field in declared]
_CHOICE_FIELDS = [slot for slot in _FIELDS if slot[2].choices]  # drawn as often as all others


@st.composite
def _mutations(draw):
    """(file, path, field, action, value): valid choices, misspellings, dropped fields and
    unknown keys, for any field of any rule kind; `action` says whether it must fail."""
    name, path, field = draw(st.sampled_from(_CHOICE_FIELDS) | st.sampled_from(_FIELDS))
    actions = ["drop", "unknown key", "wrong type"]
    if field.choices:
        actions += ["valid", "valid", "misspelt"]
    action = draw(st.sampled_from(actions))
    value = None
    if action in ("valid", "misspelt"):
        choice = draw(st.sampled_from(field.choices))
        value = _value(field, choice if action == "valid" else _near_miss(choice))
    return name, path, field, action, value


def _apply(files: dict, mutation) -> bool:
    """Apply one mutation; whether the check must now fail (False if it did not apply)."""
    name, path, field, action, value = mutation
    node = files[name]
    for step in path:
        try:
            node = node[step]
        except (KeyError, IndexError, TypeError):
            return False
        if not isinstance(node, dict | list):
            return False
    if not isinstance(node, dict):
        return False
    if action == "drop":
        node.pop(field.name, None)
        return field.required
    if action == "unknown key":
        node[field.name + "x"] = copy.deepcopy(node.get(field.name, "x"))
        return True
    node[field.name] = 5 if action == "wrong type" else value
    return action != "valid"


@settings(
    max_examples=50,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    mutations=st.lists(
        _mutations(), min_size=1, max_size=3, unique_by=lambda m: (m[0], m[1], m[2].name)
    )
)
def test_rules_that_pass_the_check_build_and_wrong_ones_do_not_pass(tmp_path_factory, mutations):
    files = copy.deepcopy(BASE)
    # a rule before its parts: a part's mistake is not undone by dropping the rule after
    mutations = sorted(mutations, key=lambda m: len(m[1]))
    must_fail = any([_apply(files, m) for m in mutations])
    folder = tmp_path_factory.mktemp("rules")
    for name, content in files.items():
        (folder / name).write_text(yaml.safe_dump(content, allow_unicode=True), encoding="utf-8")
    try:
        rules = check_rules([folder], builtin_examples=False)
    except KgError as exc:
        for line in str(exc).splitlines()[1:]:
            assert re.match(r"^\S+:\d+ › .+ › .+: .+$", line), line
        return
    assert not must_fail, f"passed the check: {mutations}"
    for lang, text in TEXTS.items():
        document = parse_document(f"lang: {lang}\n\n{text}\n", path=f"{lang}.txt", slug=lang)
        document_quads(extract_document(document, rules), rules)


@pytest.mark.parametrize("action", ["misspelt", "unknown key", "wrong type", "drop"])
@pytest.mark.parametrize(("name", "path", "declared"), SLOTS, ids=[s[0] + str(s[1]) for s in SLOTS])
def test_every_field_of_the_schema_is_checked(tmp_path, name, path, declared, action):
    """Every declared field of every rule kind at once: each one misspelt (if it has allowed
    values), given a key of its own that is not declared, given a number, or left out (if
    required): each is named."""
    files = copy.deepcopy(BASE)
    touched = []
    for field in declared:
        if (
            field.name == "lang"  # a lexicon without its language is not read further
            or (action == "misspelt" and not field.choices)
            or (action == "drop" and not field.required)
        ):
            continue
        value = _value(field, _near_miss(field.choices[0])) if field.choices else None
        assert _apply(files, (name, path, field, action, value))
        touched.append(field.name + ("x" if action == "unknown key" else ""))
    if not touched:
        pytest.skip("no field of this kind has allowed values or is required")
    problems = _problems(
        tmp_path, {n: yaml.safe_dump(c, allow_unicode=True) for n, c in files.items()}
    )
    for field_name in touched:
        assert any(
            line.startswith(name) and f"{field_name}" in line.split(" › ", 2)[2]
            for line in problems
        ), (field_name, problems)


# -- docs/rules.md documents the schema ----------------------------------------------------
def _doc_sections() -> dict[str, str]:
    """The text of each `## … (`kind`)` section of docs/rules.md, by kind."""
    sections = re.split(r"^## ", DOC.read_text(encoding="utf-8"), flags=re.M)
    by_kind = {}
    for section in sections:
        heading = re.match(r".*\(`(\w+)`\)$", section.splitlines()[0])
        if heading:
            by_kind[heading.group(1)] = section
    return by_kind


def test_the_doc_describes_every_field_and_lexicon_key_of_the_schema():
    sections = _doc_sections()
    assert set(sections) == set(schema.KINDS), "one section per kind of rules"
    declared = {kind: list(fields) for kind, fields in schema.KINDS.items()}
    declared["patterns"] += schema.EXAMPLE  # an example's `text` and `roles`
    declared["lexicon"] += schema.TITLE  # a title's `label` and `relation`
    declared["names"] += schema.REWRITE  # a rewrite's `match` and `replace`
    missing = [
        f"{kind}.{field.name}"
        for kind, fields in declared.items()
        for field in fields
        if f"`{field.name}`" not in sections[kind]
    ]
    assert not missing, f"docs/rules.md does not describe: {', '.join(missing)}"
    every_value = {c for fields in declared.values() for field in fields for c in field.choices}
    undocumented = sorted(v for v in every_value if f"`{v}`" not in DOC.read_text())
    assert not undocumented, f"docs/rules.md does not list: {', '.join(undocumented)}"


def test_the_docs_yaml_examples_pass_the_check_and_their_own_examples(tmp_path):
    """All ```yaml blocks together are one rule folder (they refer to each other)."""
    blocks = re.findall(r"^```yaml\n(.*?)^```", DOC.read_text(encoding="utf-8"), re.S | re.M)
    kinds = set()
    for index, block in enumerate(blocks):
        (tmp_path / f"block{index:02}.yaml").write_text(block, encoding="utf-8")
        kinds.update(yaml.safe_load(block))
    assert kinds == set(schema.KINDS), "an example of every kind of rules"
    check_rules([tmp_path], builtin_examples=False)
    results = [r for r in run_examples([tmp_path]) if str(tmp_path) in r.example.source]
    assert results and all(r.ok for r in results), [(r.pattern, r.problem) for r in results]


def test_a_line_break_in_an_id_or_key_stays_on_its_problems_line(tmp_path):
    """Found by test_rule_files' hypothesis test: an id with a line break split its line."""
    problems = _problems(
        tmp_path,
        {"types.yaml": 'event_types:\n  - id: "Expel\\nDiplomat"\n    labels: {en: x, nl: x}\n'},
    )
    assert "types.yaml:2 › Expel\\nDiplomat › id: must match ^[A-Z][A-Za-z0-9]*$" in problems


def test_a_body_adjective_names_a_known_institution(tmp_path):
    problems = _problems(
        tmp_path, {"lex.yaml": "lexicon:\n  lang: en\n  body_adjectives: {military: militery}\n"}
    )
    assert len(problems) == 1
    assert "body_adjectives.military: unknown institution 'militery'" in problems[0]
    assert problems[0].endswith("did you mean military?")


WORD_CLASS = """\
lexicon:
  lang: en
  word_classes:
    envoys: [envoy, envoys, attachés]
"""
ENVOY_PATTERN = """\
patterns:
  - id: en.test.expel-envoys
    lang: en
    event: ReduceDiplomaticRelations
    match: [{LEMMA: shun}, {OP: "{0,3}"}, {LOWER: {IN: ["@%s"]}}]
    examples:
      - text: Poland shunned two Belarusian attachés.
        roles: {agent: poland}
"""


def test_a_word_class_in_a_pattern_stands_for_the_words_of_its_language(tmp_path):
    folder = tmp_path / "rules"
    folder.mkdir()
    (folder / "classes.yaml").write_text(WORD_CLASS, encoding="utf-8")
    (folder / "patterns.yaml").write_text(ENVOY_PATTERN % "envoys", encoding="utf-8")
    check_rules([folder], builtin_examples=False)
    results = [r for r in run_examples([folder]) if r.pattern == "en.test.expel-envoys"]
    assert results and all(r.ok for r in results), [r.problem for r in results]


def test_an_unknown_word_class_is_one_line_with_a_did_you_mean(tmp_path):
    problems = _problems(
        tmp_path, {"classes.yaml": WORD_CLASS, "patterns.yaml": ENVOY_PATTERN % "envoy"}
    )
    assert len(problems) == 1
    assert "en.test.expel-envoys › match[2].LOWER: unknown word class '@envoy'" in problems[0]
    assert problems[0].endswith("did you mean envoys?")
