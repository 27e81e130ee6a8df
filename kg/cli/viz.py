"""`kg viz`: the graph as one offline HTML page."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from kg.cli.app import DEFAULT_DATA, data_files, err, fail


def viz(
    data: Annotated[Path, typer.Option("--data", "-d", help="Graph to draw.")] = DEFAULT_DATA,
    out: Annotated[Path, typer.Option("--out", "-o", help="HTML file to write.")] = Path(
        "out/graph.html"
    ),
    view: Annotated[str, typer.Option(help="Initial view: actors or events.")] = "actors",
    lang: Annotated[
        str | None, typer.Option(help="Label language: en or nl (default: majority of sources).")
    ] = None,
    top: Annotated[
        int | None, typer.Option(help="Show only the N most central actors first.")
    ] = None,
    statements: Annotated[
        str,
        typer.Option(
            help="asserted: only what the texts state as fact; all: also what they deny, "
            "ask or leave possible (drawn dashed)."
        ),
    ] = "asserted",
) -> None:
    """Draw the graph as one self-contained, offline HTML file (open it in any browser).

    Example: kg viz --view events --lang nl --out out/events.html
    """
    from kg.query.run import load_data
    from kg.rules.model import LANGS
    from kg.viz import STATEMENTS, write_graph_html

    if view not in {"actors", "events"}:
        raise fail(f"--view {view!r}: choose actors or events")
    if lang is not None and lang not in LANGS:
        raise fail(f"--lang {lang!r}: choose {' or '.join(sorted(LANGS))}")
    dataset = load_data(data_files([data]))
    if statements not in STATEMENTS:
        raise fail(f"--statements {statements!r}: choose {' or '.join(STATEMENTS)}")
    summary = write_graph_html(dataset, out, view=view, lang=lang, top=top, statements=statements)
    err.print(
        f"kg: wrote {out}: {summary.nodes} nodes, {summary.edges} edges "
        f"({summary.view} view, labels in {summary.lang})",
        markup=False,
    )
