"""The rule format is a declared schema (kg/rules/schema.py): the check refuses every unknown
key and value with one line naming it, what passes the check builds, and docs/rules.md
documents every field of the schema with examples that pass the check themselves."""

from __future__ import annotations

from dataclasses import fields
from pathlib import Path

import pytest

from kg.errors import KgError
from kg.rdf.ontology import RELATIONS
from kg.rules import schema
from kg.rules.model import RELATION_PROPERTIES, Lexicon
from kg.ruletest import check_rules

REPO = Path(__file__).resolve().parent.parent
DOC = REPO / "docs" / "rules.md"

FREEDONIA = """\
entities:
  - id: freedonia
    type: country
    labels: {en: Freedonia, nl: Freedonië}
    aliases: [Freedonia]
    relations: {partof: poland}
"""


def test_an_unknown_relation_property_is_refused_by_the_check_not_crashing_the_build(
    run_kg, tmp_path
):
    """The issue's example: `partof` for `partOf` passed `kg rules check`, then the build
    stopped with a KeyError in rdf/quads.py as soon as an article named both countries."""
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "entities.yaml").write_text(FREEDONIA, encoding="utf-8")
    article = tmp_path / "freedonia.txt"
    article.write_text("lang: en\n\nFreedonia and Poland closed the border.\n")
    check = run_kg("rules", "check", rules)
    assert check.returncode == 1, check.stdout
    assert check.stderr.splitlines()[1:] == [
        f"{rules / 'entities.yaml'}:2 › freedonia › relations.partof: unknown relation "
        "property; expected one of partOf, leaderOf, capitalOf, countryOfOrigin, nationality; "
        "did you mean partOf?"
    ]
    build = run_kg("build", article, "--rules", rules, "--out", tmp_path / "out")
    assert build.returncode == 1
    assert "Traceback" not in build.stderr and "KeyError" not in build.stderr
    assert "relations.partof: unknown relation property" in build.stderr


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
        (  # lexicon: an unknown key, a modality and a title's relation
            {
                "lex.yaml": "lexicon:\n  lang: en\n  negations: [nope]\n"
                "  modality: {tried to: attempted}\n"
                "  titles:\n    admiral: {label: admiral, relation: leader}\n",
            },
            [
                "lex.yaml:2 › lexicon.en › negations: unknown field; expected one of "
                + ", ".join(schema.names(schema.LEXICON))
                + "; did you mean negation?",
                "lex.yaml:4 › lexicon.en › modality.tried to: unknown modality; expected one of "
                "attempt, intent, threat; did you mean attempt?",
                "lex.yaml:6 › lexicon.en › titles.admiral: relation: unknown relation property; "
                "expected one of partOf, leaderOf, capitalOf, countryOfOrigin, nationality; "
                "did you mean leaderOf?",
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
                "institutions, event_types, patterns, lexicon; did you mean entities?",
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
