"""The docs say what the program does: the command reference is current, and every file,
link and named query they (or `--help`) cite exists."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.cli_reference import REFERENCE, commands, options, render

REPO = Path(__file__).resolve().parent.parent
DOCS = sorted([REPO / "README.md", REPO / "bench" / "README.md", *(REPO / "docs").glob("*.md")])
# repository paths a text may cite (examples such as my-rules/ or out/ are the user's own)
CITED_PATH = re.compile(r"(?<![\w/.-])((?:queries|docs|bench|kg|tests|seeds|corpus)/[\w./*-]*\w)")
LINK = re.compile(r"\]\(([^)#\s]+)(?:#[^)]*)?\)")
NAMED_QUERY = re.compile(r"\bkg query ([a-z][a-z0-9-]+)\b(?![/.])")


def test_the_command_reference_is_current() -> None:
    """docs/cli.md is what the commands say; regenerate it with python -m tests.cli_reference."""
    assert REFERENCE.read_text(encoding="utf-8") == render(), (
        "docs/cli.md is out of date: run .venv/bin/python -m tests.cli_reference"
    )


def test_every_command_and_option_is_documented() -> None:
    text = REFERENCE.read_text(encoding="utf-8")
    missing = [
        f"{name} {option}"
        for name, command in commands()
        for option in [name, *options(command)]
        if f"`{option}`" not in text and f"## `{option}`" not in text
    ]
    assert not missing, missing
    assert len(list(commands())) >= 12


def _texts() -> list[tuple[str, str]]:
    return [(str(p.relative_to(REPO)), p.read_text(encoding="utf-8")) for p in DOCS] + [
        ("--help", render())
    ]


@pytest.mark.parametrize(("where", "text"), _texts(), ids=lambda v: v if "\n" not in v else "")
def test_every_cited_file_link_and_query_exists(where: str, text: str) -> None:
    base = (REPO / where).parent if where != "--help" else REPO
    missing = []
    for path in CITED_PATH.findall(text):
        if not any(REPO.glob(path)) and not (REPO / path).exists():
            missing.append(path)
    for link in LINK.findall(text):
        if "://" not in link and not (base / link).exists():
            missing.append(link)
    for name in NAMED_QUERY.findall(text):
        if not (REPO / "queries" / f"{name}.rq").is_file():
            missing.append(f"kg query {name}")
    assert not missing, f"{where} cites what does not exist: {missing}"
