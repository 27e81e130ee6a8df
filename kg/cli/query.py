"""`kg query` and `kg explain`: read-only questions to a built graph."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from kg.cli.app import DEFAULT_DATA, data_files, err, fail, queries_dir
from kg.errors import KgError
from kg.terminal import for_terminal


def query(
    query_arg: Annotated[
        str,
        typer.Argument(
            metavar="QUERY",
            help="A .rq file, the name of a query in queries/ (e.g. actors), or inline SPARQL.",
        ),
    ],
    data: Annotated[
        list[Path] | None, typer.Option("--data", "-d", help="Data file(s) (default out/kg.ttl).")
    ] = None,
    fmt: Annotated[
        str,
        typer.Option(
            "--format", "-f", help="table, csv, tsv, json; turtle, nt, jsonld for graphs."
        ),
    ] = "table",
    param: Annotated[
        list[str] | None,
        typer.Option("--param", "-p", help="Bind a variable safely: name=value (repeatable)."),
    ] = None,
    timeout: Annotated[float, typer.Option(help="Stop the query after this many seconds.")] = 30.0,
    graph: Annotated[
        str | None,
        typer.Option(help="Only this document's named graph (IRI or kgd:slug; reads kg.trig)."),
    ] = None,
    allow_service: Annotated[
        bool, typer.Option("--allow-service", help="Allow SERVICE and remote FROM (network!).")
    ] = False,
    engine: Annotated[
        str, typer.Option(help="Query engine: rdflib, or oxigraph (fast on large graphs).")
    ] = "rdflib",
    store: Annotated[
        str | None,
        typer.Option(
            help="Deprecated: the old name of --engine, still accepted for now.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Run a read-only SPARQL query; the usual prefixes (sem:, schema:, kgr:, …) are predeclared.

    Examples:
      kg query actors
      kg query queries/timeline.rq --format csv
      kg query 'SELECT ?e WHERE { ?e a sem:Event }' --format json
      kg query everything-about --param actor=kgr:alexander-lukashenko
      kg query timeline --engine oxigraph --data big/store
    """
    from kg.query.run import default_params, load_data, resolve_query, run_query

    params = {}
    for item in param or []:
        name, sep, value = item.partition("=")
        if not sep or not name:
            raise fail(f"--param {item!r}: expected name=value")
        params[name.lstrip("?$")] = value
    _, text = resolve_query(query_arg, queries_dir())
    params = {**default_params(text), **params}
    if graph and not data:
        data = [DEFAULT_DATA.with_suffix(".trig")]  # named graphs live in kg.trig
    option = "--engine" if store is None else "--store"
    engine = engine if store is None else store
    if engine not in {"rdflib", "oxigraph"}:
        raise KgError(f"{option} {engine!r}: choose rdflib or oxigraph")
    if engine == "oxigraph":
        from kg.outputs import STORE_DIR
        from kg.query.oxigraph import load_store, run_query_oxigraph
        from kg.store.files import open_store

        built = DEFAULT_DATA.parent / STORE_DIR
        if data and len(data) == 1 and data[0].is_dir():  # kg build/kg load made it
            runner, dataset = run_query_oxigraph, open_store(data[0])
        elif not data and built.is_dir():  # the store of kg build --with-store
            runner, dataset = run_query_oxigraph, open_store(built)
        else:
            runner, dataset = run_query_oxigraph, load_store(data_files(data))
    else:
        files = data_files(data)
        hint = large_data_hint(files)
        if hint:
            err.print(hint, markup=False)
        runner, dataset = run_query, load_data(files)
    output = runner(
        text,
        dataset,
        fmt=fmt,
        params=params,
        timeout=timeout,
        allow_service=allow_service,
        graph=graph,
    )
    # a table is for reading: never raw control characters; csv, json, … keep their exact
    # bytes for files and pipes, and are shown escaped only on a terminal
    sys.stdout.write(for_terminal(output) if fmt == "table" or sys.stdout.isatty() else output)


RDFLIB_HINT_BYTES = 20_000_000  # rdflib parses about 1 MB of Turtle a second


def large_data_hint(files: list[Path], limit: int = RDFLIB_HINT_BYTES) -> str | None:
    """One line before rdflib parses a large graph: how long, and what answers sooner."""
    size = sum(path.stat().st_size for path in files if path.is_file())
    if size < limit:
        return None
    from kg.outputs import STORE_DIR

    store = files[0].parent / STORE_DIR
    if store.is_dir():
        faster = f"its Oxigraph store opens at once: --engine oxigraph --data {store}"
    else:
        faster = "`kg build --with-store` writes a store that opens at once"
    return f"kg: reading {size / 1e6:,.0f} MB into memory takes about a second per MB; {faster}"


def explain(
    name: Annotated[str, typer.Argument(help="An actor or event: id, label or alias.")],
    data: Annotated[Path, typer.Option("--data", "-d", help="Graph to read.")] = DEFAULT_DATA,
) -> None:
    """Show every statement about an actor or event, with its sentences and rules.

    Example: kg explain Loekasjenka
    """
    from kg.query.explain import explain as explain_resource
    from kg.query.run import load_data

    sys.stdout.write(for_terminal(explain_resource(load_data(data_files([data])), name)))
