"""Rule files cannot hurt: no alias bombs, and every wrong value is one line, never a traceback."""

from __future__ import annotations

import copy
import resource
import subprocess
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.errors import KgError
from kg.quality.ruletest import check_rules
from tests.rule_sets import VALID

BILLION_LAUGHS = """\
entities:
  - id: lol
    type: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
    labels: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
    aliases: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
    adjectives: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
    demonyms: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
    relations: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
    wikidata: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
    description: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
    nouns: [*h,*h,*h,*h,*h,*h,*h,*h,*h]
"""


def _limited() -> None:
    """In the child: 1.5 GB of address space, 60 s of CPU."""
    resource.setrlimit(resource.RLIMIT_AS, (1_500_000_000, 1_500_000_000))
    resource.setrlimit(resource.RLIMIT_CPU, (60, 60))


def test_an_alias_bomb_is_refused_on_one_line_within_memory_and_time(kg_command, tmp_path):
    (tmp_path / "lol.yaml").write_text(BILLION_LAUGHS)
    assert len(BILLION_LAUGHS) < 600
    result = subprocess.run(
        [*kg_command, "rules", "check", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=120,
        preexec_fn=_limited,
        stdin=subprocess.DEVNULL,
    )
    assert result.returncode == 1, result.stderr[-2000:]
    assert result.stderr.splitlines() == [
        "kg: error: 1 problem(s) in rules:",
        f"{tmp_path / 'lol.yaml'}:3 › ? › yaml: YAML anchor: anchors and aliases are not "
        "allowed in rule files (write the values out)",
    ]


def test_deep_nesting_is_one_line(run_kg, tmp_path):
    (tmp_path / "deep.yaml").write_text("entities: " + "[" * 20_000 + "]" * 20_000 + "\n")
    result = run_kg("rules", "check", tmp_path)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert f"{tmp_path / 'deep.yaml'}:1 › ? › yaml: nested too deeply" in result.stderr


def _write(folder: Path, files: dict) -> None:
    folder.mkdir(exist_ok=True)
    for name, content in files.items():
        (folder / name).write_text(yaml.safe_dump(content, allow_unicode=True), encoding="utf-8")


def test_the_valid_rule_files_pass(tmp_path):
    _write(tmp_path / "rules", VALID)
    check_rules([tmp_path / "rules"], builtin_examples=False)


def _paths(node, prefix=()):
    """Every place in a YAML document a value can be replaced: (key or index, …)."""
    if prefix:
        yield prefix
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _paths(value, (*prefix, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _paths(value, (*prefix, index))


_PLACES = [(name, path) for name, content in VALID.items() for path in _paths(content)]
_SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-5, 20),
    st.floats(allow_nan=False, allow_infinity=False),
    st.sampled_from(["", "agent", "x", "^(a+)+$", "(", "Poland", "person"]),
    st.text(max_size=8),
)
_VALUES = st.recursive(
    _SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=6), inner, max_size=3)
    ),
    max_leaves=6,
)


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(place=st.sampled_from(_PLACES), value=_VALUES, rename=st.booleans())
def test_no_wrong_value_in_a_rule_file_gives_a_traceback(tmp_path_factory, place, value, rename):
    """A valid rule set with one value replaced by one of another type (or its key
    renamed): checking it either passes or reports problems (KgError, printed one per
    line as file:line › id › field: reason), and what passes also extracts its examples."""
    name, path = place
    files = copy.deepcopy(VALID)
    node = files[name]
    for step in path[:-1]:
        node = node[step]
    if rename and isinstance(node, dict) and isinstance(value, str | int | None):
        node[value] = node.pop(path[-1])
    else:
        node[path[-1]] = value
    folder = tmp_path_factory.mktemp("rules")
    _write(folder, files)
    try:
        check_rules([folder], builtin_examples=False)
    except KgError as exc:
        for line in str(exc).splitlines()[1:]:
            assert " › " in line and ": " in line, line


@pytest.mark.parametrize(
    ("name", "path", "value", "field"),
    [
        ("types.yaml", ("event_types", 0, "roles"), ["agent"], "roles: must map roles"),
        ("patterns.yaml", ("patterns", 0, "examples"), 5, "examples: must be a list"),
        ("patterns.yaml", ("patterns", 1, "match", 2, "LOWER", "REGEX"), "(", "REGEX: not a valid"),
        ("entities.yaml", ("entities", 0, "aliases"), "Freedonia", "aliases: must be a list"),
        ("entities.yaml", ("entities", 0, "labels"), ["Freedonia"], "labels: must map languages"),
        ("lexicon.yaml", ("lexicon", "lemmas", "expelled"), None, "lemmas.expelled: must be"),
        ("lexicon.yaml", ("lexicon", "months", "janvier"), 13, "months.janvier: must be a month"),
        ("types.yaml", ("event_types", 0, "standalone"), "yes please", "standalone: must be true"),
    ],
)
def test_wrong_types_are_one_line_each(run_kg, tmp_path, name, path, value, field):
    files = copy.deepcopy(VALID)
    node = files[name]
    for step in path[:-1]:
        node = node[step]
    node[path[-1]] = value
    _write(tmp_path / "rules", files)
    result = run_kg("rules", "check", tmp_path / "rules")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    where = str(tmp_path / "rules" / name)
    assert any(line.startswith(where) and field in line for line in lines), result.stderr
