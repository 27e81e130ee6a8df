"""`kg serve`, `kg push`, `kg validate` and `kg load`: the graph in other tools' hands.

Kept apart from kg/cli/app.py so the core commands stay small; `register_store_commands` adds
these to the same Typer app. Like every command, each parses, calls one library function,
prints, and returns an exit code.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from kg.errors import KgError
from kg.terminal import for_terminal

if TYPE_CHECKING:
    from kg.store.serve import SparqlServer

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
    from kg.build.load import load_shards
    from kg.cli.app import _fail, err
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
    timeout: Annotated[
        float,
        typer.Option(help="Stop a query after this many seconds (parsing included); 503."),
    ] = 30.0,
    cors: Annotated[
        list[str] | None,
        typer.Option(
            "--cors",
            help="Let web pages of this origin query the graph, e.g. https://yasgui.triply.cc "
            "(repeatable; exact match). Without it, requests from web pages are refused.",
            show_default=False,
        ),
    ] = None,
    allow_host: Annotated[
        list[str] | None,
        typer.Option(
            "--allow-host",
            help="Also answer requests whose Host header is NAME (repeatable): the name a "
            "reverse proxy forwards. Other names are refused (DNS rebinding).",
            show_default=False,
        ),
    ] = None,
    workers: Annotated[
        int | None,
        typer.Option(
            help="Query worker processes (default: the number of CPUs, 2 to 4).",
            show_default=False,
        ),
    ] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No access log.")] = False,
) -> None:
    """Serve the graph as a read-only SPARQL 1.1 endpoint (for YASGUI, notebooks, other tools).

    Queries go to /sparql by GET or POST; the Accept header picks the result format.

    SPARQL JSON, XML, CSV or TSV; Turtle, N-Triples, JSON-LD or RDF/XML for graphs.

    The usual prefixes are predeclared; SERVICE and updates are refused (HTTP 400).

    Queries run in worker processes: one over --timeout is killed (503), a crash is a 500.

    Any web page you visit can send requests here: they are refused unless --cors allows them.

    YASGUI: add --cors https://yasgui.triply.cc and use http://localhost:7879/sparql in it.

    A Host header other than this server's address is refused (DNS rebinding).

    No login: anyone who can connect can query; keep the default loopback address.

    Example: kg serve --data out/kg.ttl --cors https://yasgui.triply.cc
    """
    from kg.cli.app import _data_files, _fail, err
    from kg.store.serve import is_loopback
    from kg.store.serve import serve as run_server

    files = _data_files(data)

    def ready(server: SparqlServer) -> None:
        names = ", ".join(str(f) for f in files)
        err.print(f"kg: serving {names} at {server.url} (Ctrl-C stops)", markup=False)
        for origin in sorted(server.cors):
            err.print(f"kg: web pages of {origin} may query it (--cors)", markup=False)

    if not is_loopback(host):
        err.print(
            f"kg: warning: listening on {host}: anyone who can reach this machine can query "
            "the graph",
            markup=False,
        )
    log = None if quiet else (lambda line: err.print(for_terminal(line), markup=False))
    try:
        run_server(
            files,
            host,
            port,
            timeout=timeout,
            log=log,
            ready=ready,
            workers=workers,
            cors=cors or [],
            allow_hosts=allow_host or [],
        )
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
        typer.Option(
            envvar="KG_PUSH_PASSWORD",
            help="Password; better set KG_PUSH_PASSWORD or use --password-stdin, since a "
            "command line is visible to other users and kept in shell history.",
        ),
    ] = None,
    password_stdin: Annotated[
        bool, typer.Option("--password-stdin", help="Read the password from standard input.")
    ] = False,
    allow_plain_http: Annotated[
        bool,
        typer.Option(
            "--allow-plain-http",
            help="Send --user's password over http:// to another machine (clear text).",
        ),
    ] = False,
    timeout: Annotated[float, typer.Option(help="Seconds to wait for each upload.")] = 60.0,
    *,
    ctx: typer.Context,
) -> None:
    """Upload the graph to a triple store, one named graph per document (HTTP PUT).

    Any SPARQL 1.1 Graph Store Protocol endpoint will do (Oxigraph, Fuseki, GraphDB, …).

    PUT replaces each graph, so pushing the same build again leaves the same store.

    If an upload fails halfway, kg says how many graphs were already replaced.

    Passwords go as HTTP Basic auth: to https://, or to http:// on this machine only.

    Examples:
      kg push --endpoint http://localhost:7878/store --data out/kg.trig
      KG_PUSH_PASSWORD=… kg push --endpoint https://triples.example.org/ds/data --user kg
    """
    from kg.cli.app import _data_files, _fail, err
    from kg.store.push import push as run_push

    if password_stdin:
        if password is not None:
            raise _fail("give the password once: --password-stdin or --password, not both")
        password = sys.stdin.readline().rstrip("\r\n")
    # compared by name: typer may hand back its own copy of click's ParameterSource enum
    elif getattr(ctx.get_parameter_source("password"), "name", None) == "COMMANDLINE":
        err.print(
            "kg: warning: --password on the command line is visible to other users (ps) and "
            "kept in shell history; set KG_PUSH_PASSWORD or use --password-stdin",
            markup=False,
        )
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
            allow_plain_http=allow_plain_http,
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
    from kg.cli.app import _data_files, _fail, err
    from kg.quality.validate import validate_files

    try:
        report = validate_files(_data_files(data), shapes)
    except KgError as exc:
        raise _fail(str(exc)) from None
    for problem in report.problems:
        sys.stdout.write(for_terminal(problem.line()) + "\n")
    err.print(f"kg: {report.summary()}", markup=False)
    if not report.conforms:
        raise typer.Exit(1)
