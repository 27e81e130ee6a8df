"""The `kg` command as users run it (subprocess, no tty): output, errors, exit codes, stability."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from rdflib import RDF, Dataset, Graph, URIRef
from rdflib.compare import isomorphic

from kg.query.run import load_data

if TYPE_CHECKING:
    from conftest import RunKg, SeedBuild

REPO = Path(__file__).resolve().parents[2]
INPUT = REPO / "tests" / "data" / "input"
MIXED = INPUT / "mixed"
README = REPO / "README.md"
SUMMARY = re.compile(
    r"kg: wrote (?P<path>\S+): (?P<docs>\d+) documents, \d+ entities, \d+ events, "
    r"(?P<triples>\d+) triples(?:, (?P<skipped>\d+) file\(s\) skipped)?"
    r"(?: \(and kg\.nq, kg\.trig\))?"
)
COMMANDS = [
    ["build"],
    ["query"],
    ["viz"],
    ["export"],
    ["rules", "check"],
    ["rules", "test"],
    ["explain"],
    ["evaluate"],
    ["validate"],
    ["serve"],
    ["push"],
]
EXPORT_FORMATS = {"turtle": "ttl", "trig": "trig", "nt": "nt", "jsonld": "jsonld"}


def kg_popen(
    kg: list[str], args: list[str | Path], cwd: Path, hashseed: str
) -> subprocess.Popen[str]:
    """Start `kg ARGS…` without waiting, so independent processes run side by side."""
    env = {**os.environ, "PYTHONHASHSEED": hashseed}
    return subprocess.Popen(
        [*kg, *map(str, args)],
        cwd=cwd,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def finish(processes: list[subprocess.Popen[str]]) -> None:
    for process in processes:
        _, stderr = process.communicate(timeout=120)
        assert process.returncode == 0, stderr


def assert_clean_stderr(stderr: str) -> None:
    """User errors never show a traceback, and without a tty there is no progress noise."""
    assert "Traceback" not in stderr
    assert "\r" not in stderr and "\x1b[" not in stderr


# --- build -----------------------------------------------------------------------------------


def test_build_defaults_to_seeds_and_prints_one_summary_line(
    run_kg: RunKg, seed_build: SeedBuild, tmp_path: Path
) -> None:
    """`kg build` from the repository root reads seeds/ and says what it wrote, on stderr."""
    out = tmp_path / "out"
    proc = run_kg("build", "--out", out)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == ""
    assert_clean_stderr(proc.stderr)
    (line,) = proc.stderr.splitlines()
    match = SUMMARY.fullmatch(line)
    assert match, line
    assert Path(match["path"]) == out / "kg.ttl"
    assert match["docs"] == "1" and match["skipped"] is None
    graph = Graph().parse(out / "kg.ttl", format="turtle")
    assert int(match["triples"]) == len(graph)
    # another process, another hash seed, an absolute path: still the very same bytes
    assert (out / "kg.ttl").read_bytes() == seed_build.ttl.read_bytes()


def test_build_reports_each_bad_file_and_builds_the_rest(run_kg: RunKg, tmp_path: Path) -> None:
    """One stderr line per bad file (name + problem), the good files in kg.ttl, exit code 1."""
    out = tmp_path / "out"
    proc = run_kg("build", MIXED, "--out", out)
    assert proc.returncode == 1
    assert_clean_stderr(proc.stderr)
    lines = proc.stderr.splitlines()
    problems = {
        "not-utf8.txt": "not UTF-8",
        "binary.txt": "binary",
        "empty.txt": "empty",
        "bad-header.txt": "2021-13-45",
    }
    for name, problem in problems.items():
        (line,) = [x for x in lines if name in x]
        assert problem in line, line
    summary = SUMMARY.fullmatch(lines[-1])
    assert summary and summary["docs"] == "2" and summary["skipped"] == "4", lines[-1]
    assert len(lines) == len(problems) + 1
    graph = Graph().parse(out / "kg.ttl")
    articles = set(graph.subjects(RDF.type, URIRef("https://schema.org/NewsArticle")))
    assert articles == {URIRef(f"https://w3id.org/kg/doc/good-{lang}") for lang in ("en", "nl")}


def test_build_missing_source_is_one_line(run_kg: RunKg, tmp_path: Path) -> None:
    """A source that does not exist stops the build before any work, with one clear line."""
    proc = run_kg("build", tmp_path / "no-such-folder", "--out", tmp_path / "out")
    assert proc.returncode == 1
    assert_clean_stderr(proc.stderr)
    missing = tmp_path / "no-such-folder"
    assert proc.stderr.splitlines() == [f"kg: error: {missing}: no such file or folder"]
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("spelling", [["--with-store"], ["--store", "oxigraph"]])
def test_build_with_store_writes_a_store_folder_old_spelling_too(
    run_kg: RunKg, tmp_path: Path, spelling: list[str]
) -> None:
    """--with-store writes OUT/store; the old `--store oxigraph` still does the same."""
    out = tmp_path / "out"
    proc = run_kg("build", "--out", out, "--no-cache", *spelling)
    assert proc.returncode == 0, proc.stderr
    assert (out / "store").is_dir()
    answer = run_kg(
        "query", "ASK { ?e a sem:Event }", "--engine", "oxigraph", "--data", out / "store"
    )
    assert answer.stdout == "yes\n", answer.stderr


def test_build_without_a_store_writes_none_and_a_bad_old_value_is_one_line(
    run_kg: RunKg, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    assert run_kg("build", "--out", out, "--store", "memory").returncode == 0
    assert not (out / "store").exists()
    proc = run_kg("build", "--out", tmp_path / "x", "--store", "sqlite")
    assert proc.returncode == 1
    assert proc.stderr.splitlines() == [
        "kg: error: --store 'sqlite': choose memory or oxigraph (now spelt --with-store)"
    ]


@pytest.mark.parametrize(
    ("folder", "where", "reason"),
    [
        ("rules-broken-yaml", "broken.yaml:5", "yaml: expected"),
        ("rules-unknown-event", "unknown-event.yaml:3", "unknown event type 'TeleportMigrants'"),
    ],
)
def test_bad_rules_stop_build_and_check(
    run_kg: RunKg, tmp_path: Path, folder: str, where: str, reason: str
) -> None:
    """`--rules` with a mistake: file:line and reason, exit 1, nothing written; same for check."""
    out = tmp_path / "out"
    rules = INPUT / folder
    build = run_kg("build", MIXED / "good-en.txt", "--rules", rules, "--out", out)
    check = run_kg("rules", "check", rules)
    for proc in (build, check):
        assert proc.returncode == 1
        assert_clean_stderr(proc.stderr)
        (line,) = [x for x in proc.stderr.splitlines() if where in x]
        assert reason in line
    assert not out.exists()


# --- query, usage, help ----------------------------------------------------------------------


def test_query_syntax_error_gives_line_and_column(run_kg: RunKg, seed_build: SeedBuild) -> None:
    """A SPARQL mistake points at the line and column of the user's own text."""
    proc = run_kg("query", "SELECT ?x\nWHERE { ?x ?y }", "--data", seed_build.ttl)
    assert proc.returncode == 1
    assert_clean_stderr(proc.stderr)
    assert "syntax error at line 2, column 9" in proc.stderr
    assert proc.stdout == ""


def test_query_without_data_hints_at_build(run_kg: RunKg, tmp_path: Path) -> None:
    """No out/kg.ttl yet: say so and suggest `kg build`, not a traceback."""
    proc = run_kg("query", "actors", cwd=tmp_path)
    assert proc.returncode == 1
    assert_clean_stderr(proc.stderr)


def test_a_large_graph_read_by_rdflib_gets_a_hint(tmp_path: Path) -> None:
    """Before minutes of parsing: the time to expect, and the store that answers at once."""
    from kg.cli.query import large_data_hint

    ttl = tmp_path / "kg.ttl"
    ttl.write_text("<urn:a> <urn:b> <urn:c> .\n" * 100, encoding="utf-8")
    assert large_data_hint([ttl]) is None  # small graphs load quietly
    hint = large_data_hint([ttl], limit=1000)
    assert hint is not None and "MB" in hint and "kg build --with-store" in hint
    (tmp_path / "store").mkdir()
    hint = large_data_hint([ttl], limit=1000)
    assert hint is not None and f"--engine oxigraph --data {tmp_path / 'store'}" in hint


def test_a_killed_worker_is_one_line_with_what_to_do(tmp_path: Path, monkeypatch) -> None:
    """A worker killed by the kernel (out of memory) is not a traceback."""
    from concurrent.futures.process import BrokenProcessPool

    from typer.testing import CliRunner

    import kg.build.pipeline
    from kg.cli import app

    def killed(*args, **kwargs):
        raise BrokenProcessPool("A child process terminated abruptly")

    monkeypatch.setattr(kg.build.pipeline, "build", killed)
    result = CliRunner().invoke(app, ["build", "seeds", "--out", str(tmp_path), "--jobs", "4"])
    assert result.exit_code == 1
    assert "kg: error: a worker process was killed before it finished" in result.output
    assert "(--jobs 2)" in result.output and "Traceback" not in result.output


def test_build_help_gives_the_default_number_of_processes(run_kg: RunKg) -> None:
    from kg.build.pipeline import AUTO_JOBS_FROM

    text = " ".join(run_kg("build", "--help").stdout.replace("│", " ").split())
    assert f"Default: one per core for {AUTO_JOBS_FROM} articles or more, else 1" in text


def test_python_dash_m_kg_runs_the_same_command_line() -> None:
    """`python -m kg` works where the venv's `kg` script is not on the path."""
    import sys

    proc = subprocess.run(
        [sys.executable, "-m", "kg", "rules", "--help"], capture_output=True, text=True, check=False
    )
    assert proc.returncode == 0, proc.stderr
    assert "Usage: python -m kg rules" in " ".join(proc.stdout.split())


@pytest.mark.parametrize(
    "args",
    [["frobnicate"], ["build", "--bogus"], ["rules", "nope"], ["export", "--out", "x.nt"]],
    ids=["unknown-command", "unknown-option", "unknown-rules-command", "missing-option"],
)
def test_bad_usage_exits_2_with_usage(run_kg: RunKg, tmp_path: Path, args: list[str]) -> None:
    """Bad usage is exit code 2 with a usage line (the Unix convention), never a traceback."""
    proc = run_kg(*args, cwd=tmp_path)
    assert proc.returncode == 2, proc.stderr
    assert "Usage:" in proc.stderr
    assert "Traceback" not in proc.stderr
    assert not list(tmp_path.iterdir())


@pytest.mark.parametrize("command", [[], ["rules"], *COMMANDS], ids=" ".join)
def test_help_has_an_example(run_kg: RunKg, command: list[str]) -> None:
    """Every help screen shows at least one example to copy."""
    proc = run_kg(*command, "--help", env={"COLUMNS": "120"})
    assert proc.returncode == 0, proc.stderr
    assert "Example" in proc.stdout


def test_every_command_is_in_the_readme() -> None:
    """Users find every command in the README (DESIGN.md: a test checks it)."""
    text = README.read_text(encoding="utf-8")
    missing = [" ".join(c) for c in COMMANDS if f"kg {' '.join(c)}" not in text]
    assert not missing, f"README.md does not mention: {missing}"


# --- determinism and export --------------------------------------------------------------------


@pytest.fixture(scope="module")
def twins(tmp_path_factory: pytest.TempPathFactory, kg_command: list[str]) -> tuple[Path, Path]:
    """seeds/ and corpus/ built, then exported, twice: separate processes, other hash seeds.

    Build A runs in the repository with relative paths, build B elsewhere with absolute ones.
    """
    a, b = tmp_path_factory.mktemp("twin-a"), tmp_path_factory.mktemp("twin-b")
    finish(
        [
            kg_popen(kg_command, ["build", "seeds", "corpus", "--out", a], REPO, "1"),
            kg_popen(kg_command, ["build", REPO / "seeds", REPO / "corpus", "--out", b], b, "2"),
        ]
    )
    exports = []
    for fmt, suffix in EXPORT_FORMATS.items():
        for out, seed in ((a, "3"), (b, "4")):
            args = ["export", "--format", fmt, "--data", out / "kg.ttl"]
            exports.append(kg_popen(kg_command, [*args, "--out", out / f"x.{suffix}"], REPO, seed))
    for out, seed in ((a, "5"), (b, "6")):
        args = ["viz", "--data", out / "kg.ttl", "--out", out / "graph.html"]
        exports.append(kg_popen(kg_command, args, REPO, seed))
    finish(exports)
    return a, b


def test_build_is_byte_identical_across_processes(twins: tuple[Path, Path]) -> None:
    """Same input, other process, hash seed and working folder: the same kg.ttl bytes."""
    a, b = twins
    assert (a / "kg.ttl").read_bytes() == (b / "kg.ttl").read_bytes()
    assert len((a / "kg.ttl").read_bytes()) > 10_000


def test_page_is_byte_identical_across_processes(twins: tuple[Path, Path]) -> None:
    """The HTML page too: labels equal in two languages once came out in hash-seed order."""
    a, b = twins
    assert (a / "graph.html").read_bytes() == (b / "graph.html").read_bytes()


@pytest.mark.parametrize("fmt", EXPORT_FORMATS)
def test_export_is_byte_identical_across_processes(twins: tuple[Path, Path], fmt: str) -> None:
    """Every export format is stable too (rdflib's N-Triples and JSON-LD are not by default)."""
    a, b = twins
    name = f"x.{EXPORT_FORMATS[fmt]}"
    assert (a / name).read_bytes() == (b / name).read_bytes()


@pytest.mark.parametrize("fmt", EXPORT_FORMATS)
def test_export_round_trips(twins: tuple[Path, Path], fmt: str) -> None:
    """Each export parses back into a graph isomorphic to kg.ttl, and kg can load it again."""
    a, _ = twins
    path = a / f"x.{EXPORT_FORMATS[fmt]}"
    original = Graph().parse(a / "kg.ttl", format="turtle")
    if fmt == "trig":
        back = Graph()
        for s, p, o, _ in Dataset().parse(path, format="trig").quads():
            back.add((s, p, o))
    else:
        back = Graph().parse(path, format={"jsonld": "json-ld"}.get(fmt, fmt))
    assert len(back) == len(original)
    assert isomorphic(back, original)
    assert len(load_data([path])) == len(original)
    text = path.read_text(encoding="utf-8")
    assert "schema1" not in text and "http://schema.org" not in text


def test_inline_query_with_a_full_iri_runs(run_kg: RunKg, seed_build: SeedBuild) -> None:
    """Inline SPARQL may spell out IRIs (<https://…>): that is a query, not a file name."""
    query = "SELECT (COUNT(?a) AS ?n) WHERE { ?a a <https://schema.org/NewsArticle> }"
    proc = run_kg("query", query, "--data", seed_build.ttl, "--format", "csv")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split() == ["n", "1"]
