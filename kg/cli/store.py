"""`kg serve` and `kg push`: the graph in other tools' hands (a SPARQL endpoint, a remote store)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from kg.cli.app import data_files, err, fail
from kg.outputs import graph_file
from kg.terminal import for_terminal

if TYPE_CHECKING:
    from kg.store.serve import SparqlServer

DEFAULT_PUSH_DATA = (graph_file(Path("out"), "trig"), graph_file(Path("out"), "ttl"))


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
    from kg.store.serve import is_loopback
    from kg.store.serve import serve as run_server

    files = data_files(data)

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
    from kg.store.push import push as run_push

    if password_stdin:
        if password is not None:
            raise fail("give the password once: --password-stdin or --password, not both")
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
    result = run_push(
        data_files(data),
        endpoint,
        graph=graph,
        user=user,
        password=password,
        timeout=timeout,
        allow_plain_http=allow_plain_http,
    )
    err.print(f"kg: {result.summary()}", markup=False)
