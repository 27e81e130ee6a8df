"""Shared fixtures: the seed graph built once per session, and a way to run the `kg` command.

Building `seeds/` takes a few seconds (spaCy pipelines, rules), so tests that only read the
result share one build instead of making their own.
"""

from __future__ import annotations

import http.server
import importlib.util
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

import pytest
from rdflib import Graph

from kg.build.pipeline import BuildResult, build
from tests.local_http import serving

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "seeds"


@dataclass(frozen=True)
class SeedBuild:
    """The result of `kg.build.pipeline.build(seeds/)`, and kg.ttl parsed back from disk."""

    out: Path
    result: BuildResult
    graph: Graph

    @property
    def ttl(self) -> Path:
        return self.out / "kg.ttl"


@pytest.fixture(scope="session")
def seed_build(tmp_path_factory: pytest.TempPathFactory) -> SeedBuild:
    """seeds/ built once; tests read it and must not change it."""
    out = tmp_path_factory.mktemp("seed-build")
    result = build([SEEDS], out)
    graph = Graph().parse(out / "kg.ttl", format="turtle")
    return SeedBuild(out, result, graph)


@pytest.fixture(scope="session")
def kg_command() -> list[str]:
    """The installed `kg` script next to this interpreter, else `python -m kg.cli`."""
    script = Path(sys.executable).with_name("kg")
    return [str(script)] if script.exists() else [sys.executable, "-m", "kg.cli"]


RunKg = Callable[..., subprocess.CompletedProcess[str]]


@pytest.fixture(scope="session")
def run_kg(kg_command: list[str]) -> RunKg:
    """Run `kg ARGS…` in a subprocess (stdin closed, output captured as text, no tty).

    Keyword arguments: `cwd` (default: the repository root) and `env` (merged into a copy
    of os.environ).
    """

    def run(
        *args: str | Path, cwd: Path = REPO, env: dict[str, str] | None = None
    ) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [*kg_command, *map(str, args)],
            cwd=cwd,
            env={**os.environ, **(env or {})},
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            encoding="utf-8",
            timeout=120,
        )

    return run


@pytest.fixture
def listener() -> Iterator[tuple[str, list[str]]]:
    """A local HTTP server that records every request: SERVICE must never reach it."""
    hits: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            hits.append(self.path)
            self.send_response(500)
            self.end_headers()

        do_POST = do_GET

        def log_message(self, *args: object) -> None:
            pass

    with serving(Handler) as base:
        yield f"{base}/sparql", hits


@pytest.fixture(scope="session")
def generate() -> ModuleType:
    """bench/generate.py, imported by path: bench/ is a folder of scripts, not a package."""
    path = Path(__file__).resolve().parent.parent / "bench" / "generate.py"
    spec = importlib.util.spec_from_file_location("bench_generate", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while being made
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def read_only_folder(tmp_path: Path) -> Iterator[Path]:
    """A folder nothing can be written into: mode 555, or for root (who ignores modes) a
    read-only tmpfs mounted there; skipped where neither is possible."""
    folder = tmp_path / "read-only"
    folder.mkdir()
    if os.geteuid() != 0:
        folder.chmod(0o555)
        yield folder
        folder.chmod(0o755)
        return
    mount = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "ro,size=1m", "kg-test", str(folder)],
        capture_output=True,
        text=True,
    )
    if mount.returncode != 0:
        pytest.skip(f"root ignores modes and cannot mount a read-only tmpfs: {mount.stderr}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", str(folder)], check=True)
