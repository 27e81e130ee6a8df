"""`kg serve`, `kg push`, `kg validate` and `kg load`: the graph in other tools' hands.

Kept apart from kg/cli.py so the core commands stay small; `register_store_commands` adds
these to the same Typer app. Like every command, each parses, calls one library function,
prints, and returns an exit code.
"""

from __future__ import annotations

import ipaddress
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from kg.errors import KgError
from kg.terminal import for_terminal

if TYPE_CHECKING:
    from kg.serve import SparqlServer

DEFAULT_PUSH_DATA = (Path("out/kg.trig"), Path("out/kg.ttl"))


def register_store_commands(app: typer.Typer) -> None:
    """Add serve, push, validate and load to `app`."""
    app.command()(serve)
    app.command()(push)
    app.command()(validate)
    app.command()(load)


def load(
    shards: Annotated[
        list[Path],
        typer.Argument(
            help="N-Quads shard files or folders of them (kg build --engine dask writes "
            "OUT/shards).",
            show_default=False,
        ),
    ],
    location: Annotated[
        Path, typer.Option("--location", "-l", help="Folder of the Oxigraph store to create.")
    ],
    rules: Annotated[
        list[Path] | None,
        typer.Option("--rules", help="Extra rule folder(s) the shards were built with."),
    ] = None,
) -> None:
    """Bulk-load N-Quads shards into an Oxigraph store, then merge events across documents.

    The store ends up with the same graphs as a local `kg build --store oxigraph`: reports
    of one event get one IRI (a pass over the loaded store), events get labels, and the
    default graph holds the union. Query it with kg query --store DIR, or serve it with
    `oxigraph serve --location DIR`. An existing store at DIR is replaced when the load
    succeeds.

    Example: kg load big/shards --location big/store
    """
    from kg.cli import _fail, err
    from kg.load import load_shards
    from kg.rules.loader import load_rules

    files: list[Path] = []
    for shard in shards:
        if shard.is_dir():
            files.extend(sorted(shard.glob("*.nq")))
        elif shard.is_file():
            files.append(shard)
        else:
            raise _fail(f"{shard}: no such file or folder")
    if not files:
        raise _fail(f"{', '.join(map(str, shards))}: no .nq shard files")
    quiet = not sys.stderr.isatty()
    say = (
        None if quiet else (lambda message: err.print(f"kg: {for_terminal(message)}", markup=False))
    )
    try:
        loaded = load_shards(files, location, load_rules(rules or []), progress=say)
    except KgError as exc:
        raise _fail(str(exc)) from None
    err.print(
        f"kg: loaded {loaded.shards} shard(s) into {location}: {loaded.quads} quads, "
        f"{loaded.events} events ({loaded.merged} told by more than one source)",
        markup=False,
    )


def serve(
    data: Annotated[
        list[Path] | None, typer.Option("--data", "-d", help="Data file(s) (default out/kg.ttl).")
    ] = None,
    host: Annotated[
        str, typer.Option(help="Address to listen on; other than loopback exposes the data.")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on (0: any free port).")] = 7879,
    timeout: Annotated[float, typer.Option(help="Stop a query after this many seconds.")] = 30.0,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No access log.")] = False,
) -> None:
    """Serve the graph as a read-only SPARQL 1.1 endpoint (for YASGUI, notebooks, other tools).

    Queries go to /sparql by GET or POST; the Accept header picks the result format.

    SPARQL JSON, XML, CSV or TSV; Turtle, N-Triples, JSON-LD or RDF/XML for graphs.

    The usual prefixes are predeclared; SERVICE and updates are refused (HTTP 400).

    Example: kg serve --data out/kg.ttl --port 7879
    """
    from kg.cli import _data_files, _fail, err
    from kg.serve import serve as run_server

    files = _data_files(data)

    def ready(server: SparqlServer) -> None:
        names = ", ".join(str(f) for f in files)
        err.print(f"kg: serving {names} at {server.url} (Ctrl-C stops)", markup=False)

    if not _is_loopback(host):
        err.print(
            f"kg: warning: listening on {host}: anyone who can reach this machine can query "
            "the graph",
            markup=False,
        )
    log = None if quiet else (lambda line: err.print(for_terminal(line), markup=False))
    try:
        run_server(files, host, port, timeout=timeout, log=log, ready=ready)
    except KgError as exc:
        raise _fail(str(exc)) from None
    except KeyboardInterrupt:
        err.print("kg: server stopped", markup=False)


def push(
    endpoint: Annotated[
        str,
        typer.Option(help="Graph Store Protocol endpoint, e.g. http://localhost:7878/store."),
    ],
    data: Annotated[
        list[Path] | None,
        typer.Option("--data", "-d", help="Data file(s) (default out/kg.trig, else out/kg.ttl)."),
    ] = None,
    graph: Annotated[
        str | None,
        typer.Option(help="Named graph for statements in no named graph (kg.ttl)."),
    ] = None,
    user: Annotated[str | None, typer.Option(help="User name for HTTP Basic auth.")] = None,
    password: Annotated[
        str | None,
        typer.Option(envvar="KG_PUSH_PASSWORD", help="Password (better: set KG_PUSH_PASSWORD)."),
    ] = None,
    timeout: Annotated[float, typer.Option(help="Seconds to wait for each upload.")] = 60.0,
) -> None:
    """Upload the graph to a triple store, one named graph per document (HTTP PUT).

    Any SPARQL 1.1 Graph Store Protocol endpoint will do (Oxigraph, Fuseki, GraphDB, …).

    PUT replaces each graph, so pushing the same build again leaves the same store.

    Example: kg push --endpoint http://localhost:7878/store --data out/kg.trig
    """
    from kg.cli import _data_files, _fail, err
    from kg.push import push as run_push

    if data is None:
        data = [next((p for p in DEFAULT_PUSH_DATA if p.exists()), DEFAULT_PUSH_DATA[-1])]
    try:
        result = run_push(
            _data_files(data),
            endpoint,
            graph=graph,
            user=user,
            password=password,
            timeout=timeout,
        )
    except KgError as exc:
        raise _fail(str(exc)) from None
    err.print(f"kg: {result.summary()}", markup=False)


def validate(
    data: Annotated[
        list[Path] | None, typer.Option("--data", "-d", help="Data file(s) (default out/kg.ttl).")
    ] = None,
    shapes: Annotated[
        Path | None, typer.Option(help="Other SHACL shapes (Turtle) instead of kg's own.")
    ] = None,
) -> None:
    """Check the graph against kg's SHACL shapes; one line per problem, exit 1 on violations.

    Each line reads: focus node, property path, what is expected (and the value found).

    Example: kg validate --data out/kg.ttl
    """
    from kg.cli import _data_files, _fail, err
    from kg.validate import validate_files

    try:
        report = validate_files(_data_files(data), shapes)
    except KgError as exc:
        raise _fail(str(exc)) from None
    for problem in report.problems:
        sys.stdout.write(for_terminal(problem.line()) + "\n")
    err.print(f"kg: {report.summary()}", markup=False)
    if not report.conforms:
        raise typer.Exit(1)


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False
