"""The `kg` command: parse arguments, call one library function, print, return an exit code.

Every error a user can cause is a KgError and is printed as one line; tracebacks are bugs.
"""

from __future__ import annotations

import sys
from pathlib import Path

import typer
from rich.console import Console

from kg.errors import KgError
from kg.outputs import graph_file
from kg.terminal import for_terminal

app = typer.Typer(
    name="kg",
    help=(
        "Build explainable knowledge graphs from news articles (Dutch and English).\n\n"
        "Every triple comes from a hand-written rule and points to the exact words it came "
        "from.\n\n"
        "Example: kg build seeds --out out && kg query actors && kg viz"
    ),
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="rich",
    pretty_exceptions_enable=False,
)
rules_app = typer.Typer(
    help="Check and test rule files.\n\nExample: kg rules check my-rules/ && kg rules test",
    no_args_is_help=True,
)
app.add_typer(rules_app, name="rules")

err = Console(stderr=True, highlight=False, soft_wrap=True)
DEFAULT_DATA = graph_file(Path("out"), "ttl")


def queries_dir() -> Path:
    """Named queries: ./queries when there is one, else the ones that ship with kg."""
    from kg.query.run import NAMED_QUERIES

    local = Path("queries")
    return local if local.is_dir() else NAMED_QUERIES


def fail(message: str, code: int = 1) -> typer.Exit:
    err.print(f"kg: error: {for_terminal(message)}", markup=False)
    return typer.Exit(code)


def data_files(data: list[Path] | None) -> list[Path]:
    files = data or [DEFAULT_DATA]
    for path in files:
        if not path.exists():
            hint = " (run `kg build` first)" if path == DEFAULT_DATA else ""
            raise KgError(f"{path}: no such data file{hint}")
    return files


def main() -> None:
    """Console entry point: no traceback for user errors, exit code 2 for bad usage."""
    try:
        app()
    except KgError as exc:  # a library error that a command did not catch
        err.print(f"kg: error: {for_terminal(str(exc))}", markup=False)
        sys.exit(1)
    except KeyboardInterrupt:
        err.print("kg: interrupted", markup=False)
        sys.exit(130)
