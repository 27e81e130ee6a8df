"""docs/cli.md, written from the commands themselves, so the reference cannot drift.

`python -m tests.cli_reference` rewrites docs/cli.md; tests/test_docs.py fails when the
file differs from what the commands say (sqlite-utils keeps its CLI reference honest the
same way).
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import typer
import typer.main

from kg.cli import app

REFERENCE = Path(__file__).resolve().parent.parent / "docs" / "cli.md"

HEADER = """# Command reference

Every command and option of `kg`, as `kg COMMAND --help` shows them. This file is written
from the commands themselves (`python -m tests.cli_reference`), and a test fails when it
is out of date.
"""


Command = Any  # typer's own copy of click's Command: only duck typing reaches it


def commands() -> Iterator[tuple[str, Command]]:
    """Every command as (`kg name …`, command), groups expanded, in the order of `--help`."""
    root = typer.main.get_command(app)
    yield from _walk(root, "kg")


def _walk(group: Command, prefix: str) -> Iterator[tuple[str, Command]]:
    ctx = typer.Context(group)
    for name in group.list_commands(ctx):
        command = group.get_command(ctx, name)
        if command is None or command.hidden:
            continue
        if hasattr(command, "list_commands"):
            yield from _walk(command, f"{prefix} {name}")
        else:
            yield f"{prefix} {name}", command


def options(command: Command) -> Iterator[str]:
    """Every spelling of every visible option, e.g. --out and -o."""
    for param in command.params:
        if param.param_type_name == "option" and not param.hidden:
            yield from param.opts
            yield from param.secondary_opts


def render() -> str:
    parts = [HEADER]
    for name, command in commands():
        parts.append(f"\n## `{name}`\n")
        text = (command.help or "").strip()
        parts.append("\n" + _paragraphs(text) + "\n")
        rows = [_row(param) for param in command.params if not getattr(param, "hidden", False)]
        if rows:
            parts.append("\n| argument or option | meaning |\n|---|---|\n")
            parts.extend(rows)
    return "".join(parts)


def _paragraphs(text: str) -> str:
    """Help text as Markdown: `Examples:` blocks become code, other lines stay prose."""
    out: list[str] = []
    lines = text.splitlines()
    index = 0
    while index < len(lines):
        line = lines[index]
        if line.strip().startswith("Example"):
            out.append(f"{line.strip()}\n")
            block = []
            rest = line.split(":", 1)[1].strip() if ":" in line else ""
            if rest:
                block.append(rest)
            index += 1
            while index < len(lines) and lines[index].startswith("  "):
                block.append(lines[index].strip())
                index += 1
            out.append("```sh\n" + "\n".join(block) + "\n```")
            continue
        out.append(line)
        index += 1
    return "\n".join(out).strip()


def _row(param: Any) -> str:
    if param.param_type_name == "argument":
        name = f"`{(param.metavar or param.name).upper()}`"
        meaning = getattr(param, "help", None) or ""
    else:
        spellings = [*param.opts, *param.secondary_opts]
        name = " ".join(f"`{s}`" for s in spellings)
        meaning = param.help or ""
        if param.show_default and param.default not in (None, False, ()):
            meaning += f" (default: `{param.default}`)"
        if param.envvar:
            meaning += f" (environment: `{param.envvar}`)"
    return f"| {name} | {_cell(meaning)} |\n"


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


if __name__ == "__main__":
    REFERENCE.write_text(render(), encoding="utf-8")
    sys.stdout.write(f"wrote {REFERENCE}\n")
