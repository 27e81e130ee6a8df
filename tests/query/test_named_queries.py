"""Named queries ship with the package: an installed kg answers `kg query actors` anywhere."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

from tests.conftest import REPO, RunKg


def installed_copy(target: Path) -> Path:
    """What an install puts on sys.path: kg's modules and the package data pyproject names."""
    config = tomllib.loads((REPO / "pyproject.toml").read_text())
    patterns = ["**/*.py", *config["tool"]["setuptools"]["package-data"]["kg"]]
    for pattern in patterns:
        for path in (REPO / "kg").glob(pattern):
            if path.is_file():
                copy = target / "kg" / path.relative_to(REPO / "kg")
                copy.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(path, copy)
    return target


def test_named_query_runs_outside_the_repository(tmp_path: Path, run_kg: RunKg) -> None:
    out = tmp_path / "out"
    assert run_kg("build", "seeds", "--out", out).returncode == 0
    site = installed_copy(tmp_path / "site")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    result = subprocess.run(
        [sys.executable, "-m", "kg.cli", "query", "actors", "--data", out / "kg.ttl"],
        cwd=elsewhere,
        env={**os.environ, "PYTHONPATH": str(site)},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "Loekasjenka" in result.stdout or "Lukashenko" in result.stdout
    named = sorted(p.name for p in (site / "kg" / "query" / "named").glob("*.rq"))
    assert named == sorted(p.name for p in (REPO / "queries").glob("*.rq"))


def test_the_repository_queries_folder_is_the_shipped_one() -> None:
    """One copy: queries/ is where users read them, kg/query/named is what ships."""
    assert (REPO / "queries").resolve() == (REPO / "kg" / "query" / "named").resolve()


def test_every_query_file_the_help_cites_exists(run_kg: RunKg) -> None:
    import re

    text = run_kg("query", "--help").stdout
    cited = set(re.findall(r"queries/[\w-]+\.rq", text))
    assert cited, "the help shows a query file"
    assert [c for c in sorted(cited) if not (REPO / c).is_file()] == []


def test_engine_names_the_query_engine_and_store_still_works(tmp_path: Path, run_kg: RunKg) -> None:
    """`--engine rdflib|oxigraph`; the old `--store` spelling answers the same, for now."""
    out = tmp_path / "out"
    run_kg("build", "seeds", "--out", out)
    data = out / "kg.ttl"
    new = run_kg("query", "actors", "--engine", "oxigraph", "--data", data, "--format", "csv")
    old = run_kg("query", "actors", "--store", "oxigraph", "--data", data, "--format", "csv")
    assert new.returncode == old.returncode == 0 and new.stdout == old.stdout != ""
    wrong = run_kg("query", "actors", "--engine", "sqlite", "--data", data)
    assert wrong.returncode == 1
    assert wrong.stderr == "kg: error: --engine 'sqlite': choose rdflib or oxigraph\n"
    assert "Deprecated: the old name of --engine" in " ".join(
        run_kg("query", "--help").stdout.replace("│", " ").split()
    )
