"""`kg serve`: the graph over the SPARQL 1.1 Protocol, for YASGUI, notebooks and other tools.

The data is loaded once into an in-memory Oxigraph store and only ever queried. Oxigraph
would follow SERVICE to any host, so every query passes `kg.store.check_oxigraph_query`
(SERVICE, updates and FROM of unknown graphs refused) before it reaches the store, and
the answer is HTTP 400 with the same one-line reason `kg query` gives.

The stdlib's threaded HTTP server is enough: answers are serialised by Oxigraph, and the
server binds to 127.0.0.1 unless told otherwise.
"""

from __future__ import annotations

import functools
import socket
import sys
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from pyoxigraph import (
    NamedNode,
    QueryBoolean,
    QueryResultsFormat,
    QuerySolutions,
    QueryTriples,
    RdfFormat,
    Store,
)

from kg import __version__
from kg.errors import KgError, QueryError
from kg.query import CheckedQuery, default_params, run_with_timeout
from kg.store import check_oxigraph_query, load_store, oxigraph_query, run_contained

__all__ = ["ENDPOINT_PATH", "ServeError", "SparqlServer", "make_server", "negotiate", "serve"]

ENDPOINT_PATH = "/sparql"
MAX_BODY = 1 << 20  # a query is text; a megabyte is plenty and bounds memory per request

SOLUTION_TYPES: dict[str, QueryResultsFormat] = {
    "application/sparql-results+json": QueryResultsFormat.JSON,
    "application/sparql-results+xml": QueryResultsFormat.XML,
    "text/csv": QueryResultsFormat.CSV,
    "text/tab-separated-values": QueryResultsFormat.TSV,
    "application/json": QueryResultsFormat.JSON,
}
"""Media types for SELECT results, in the order of preference when a client accepts any."""

BOOLEAN_TYPES = ("application/sparql-results+json", "application/sparql-results+xml")
"""ASK answers: the W3C CSV and TSV result formats define no boolean form."""

GRAPH_TYPES: dict[str, RdfFormat] = {
    "text/turtle": RdfFormat.TURTLE,
    "application/n-triples": RdfFormat.N_TRIPLES,
    "application/ld+json": RdfFormat.JSON_LD,
    "application/rdf+xml": RdfFormat.RDF_XML,
}
"""Media types for CONSTRUCT and DESCRIBE results, in order of preference."""

_TEXT_TYPES = {"text/csv", "text/tab-separated-values", "text/turtle", "text/plain"}
_CORS = {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Allow-Methods": "GET, POST, OPTIONS",
    "Access-Control-Max-Age": "86400",
}
_CLI_HINT = " (pass --allow-service to permit it)"  # kg query's hint; the server has no such switch


class ServeError(KgError):
    """The server cannot start (address in use, bad host)."""


@dataclass
class _Reply:
    status: int
    body: bytes
    media_type: str = "text/plain"


class _HttpError(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


def negotiate(accept: str | None, offers: list[str]) -> str | None:
    """The offer the client prefers by its Accept header (RFC 9110), ties by our order.

    A media range's quality applies to an offer only if no more specific range matches it,
    so `text/csv;q=0, */*` accepts anything but CSV. None when nothing is acceptable.
    """
    if not accept or not accept.strip():
        return offers[0] if offers else None
    ranges: list[tuple[str, float]] = []
    for item in accept.split(","):
        media, *parameters = item.split(";")
        quality = 1.0
        for parameter in parameters:
            key, _, value = parameter.partition("=")
            if key.strip().lower() == "q":
                try:
                    quality = min(max(float(value), 0.0), 1.0)
                except ValueError:
                    quality = 0.0
        ranges.append((media.strip().lower(), quality))
    best: tuple[float, int] | None = None
    chosen = None
    for rank, offer in enumerate(offers):
        major = offer.split("/")[0] + "/*"
        specificity, quality = -1, 0.0
        for media, q in ranges:
            level = 2 if media == offer else 1 if media == major else 0 if media == "*/*" else -1
            if level > specificity:
                specificity, quality = level, q
        if quality > 0 and (best is None or (quality, -rank) > best):
            best, chosen = (quality, -rank), offer
    return chosen


class SparqlServer(ThreadingHTTPServer):
    """A read-only SPARQL 1.1 Protocol endpoint over one Oxigraph store."""

    daemon_threads = True
    request_queue_size = 128  # the default of 5 makes bursts of clients wait for SYN retries

    def __init__(
        self,
        store: Store,
        host: str = "127.0.0.1",
        port: int = 7879,
        *,
        timeout: float = 30.0,
        log: Callable[[str], None] | None = None,
    ) -> None:
        self.store = store
        self.query_timeout = timeout
        self.log = log
        # Checking a query (rdflib parses it) takes 10-30 ms; Oxigraph answers in under 1.
        # The store never changes, so a query text passes or fails the same way each time.
        self.check = functools.lru_cache(maxsize=256)(self._check)
        if ":" in host:
            self.address_family = socket.AF_INET6
        super().__init__((host, port), _Handler)

    def _check(self, text: str, params: tuple[tuple[str, str], ...]) -> CheckedQuery:
        return check_oxigraph_query(text, self.store, params=dict(params))

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        shown = f"[{host}]" if ":" in str(host) else str(host)
        return f"http://{shown}:{port}{ENDPOINT_PATH}"


def make_server(
    store: Store,
    host: str = "127.0.0.1",
    port: int = 7879,
    *,
    timeout: float = 30.0,
    log: Callable[[str], None] | None = None,
) -> SparqlServer:
    """A server bound to host:port (port 0: any free port), not yet serving."""
    if not timeout > 0:
        raise ServeError(f"timeout must be a positive number of seconds, not {timeout}")
    try:
        return SparqlServer(store, host, port, timeout=timeout, log=log)
    except OSError as exc:
        raise ServeError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None
    except OverflowError:
        raise ServeError(f"port {port} is out of range (0-65535)") from None


def serve(
    paths: list[Path],
    host: str = "127.0.0.1",
    port: int = 7879,
    *,
    timeout: float = 30.0,
    log: Callable[[str], None] | None = None,
    ready: Callable[[SparqlServer], None] | None = None,
) -> None:
    """Load the data and answer queries until interrupted."""
    server = make_server(load_store(paths), host, port, timeout=timeout, log=log)
    if ready is not None:
        ready(server)
    try:
        server.serve_forever()
    finally:
        server.server_close()


class _Handler(BaseHTTPRequestHandler):
    server: SparqlServer
    protocol_version = "HTTP/1.1"
    server_version = f"kg/{__version__}"
    sys_version = ""  # no Python version in the Server header
    timeout = 60  # seconds a silent client may hold a connection (and a thread)

    # -- methods ---------------------------------------------------------------------------
    def do_OPTIONS(self) -> None:
        """CORS preflight: browsers ask before a POST with a SPARQL content type."""
        requested = self.headers.get("Access-Control-Request-Headers")
        headers = {"Access-Control-Allow-Headers": requested or "Accept, Content-Type"}
        self._send(_Reply(204, b""), headers)

    def do_GET(self) -> None:
        url = urlsplit(self.path)
        if url.path not in (ENDPOINT_PATH, "/"):
            self._send(_error(404, f"no such path {url.path}; the endpoint is {ENDPOINT_PATH}"))
            return
        params = parse_qs(url.query, keep_blank_values=True)
        if not params:
            self._send(_Reply(200, _usage().encode("utf-8")))
            return
        self._send(self._answer(params))

    def do_POST(self) -> None:
        url = urlsplit(self.path)
        try:
            if url.path not in (ENDPOINT_PATH, "/"):
                self.close_connection = True  # the body stays unread
                raise _HttpError(404, f"no such path {url.path}; the endpoint is {ENDPOINT_PATH}")
            body = self._read_body()
            kind = self.headers.get_content_type()
            if kind == "application/x-www-form-urlencoded":
                params = parse_qs(_decode(body), keep_blank_values=True)
            elif kind == "application/sparql-query":
                params = parse_qs(url.query, keep_blank_values=True)
                params["query"] = [_decode(body)]
            elif kind == "application/sparql-update":
                raise _HttpError(400, "SPARQL Update is refused: this endpoint is read-only")
            else:
                raise _HttpError(
                    415,
                    f"unsupported Content-Type {kind}; send application/sparql-query "
                    "or application/x-www-form-urlencoded",
                )
        except _HttpError as exc:
            self._send(_error(exc.status, str(exc)))
            return
        self._send(self._answer(params))

    def do_PUT(self) -> None:
        self.close_connection = True  # the body stays unread
        self._send(_error(405, "this endpoint is read-only"), {"Allow": "GET, POST, OPTIONS"})

    do_DELETE = do_PATCH = do_PUT

    # -- answering -------------------------------------------------------------------------
    def _answer(self, params: dict[str, list[str]]) -> _Reply:
        try:
            return self._run(params)
        except _HttpError as exc:
            return _error(exc.status, str(exc))
        except Exception as exc:  # a bug: answer 500 rather than drop the connection
            self.log_error("internal error: %s", traceback.format_exc())
            return _error(500, f"internal error: {type(exc).__name__}")

    def _run(self, params: dict[str, list[str]]) -> _Reply:
        if "update" in params:
            raise _HttpError(400, "SPARQL Update is refused: this endpoint is read-only")
        queries = params.get("query", [])
        if len(queries) != 1:
            raise _HttpError(400, "give exactly one query parameter (see GET / for usage)")
        text = queries[0]
        store = self.server.store
        try:
            bound = {**default_params(text), **_query_params(params.get("param", []))}
            checked = self.server.check(text, tuple(sorted(bound.items())))
            default_graph = [_graph(store, iri) for iri in params.get("default-graph-uri", [])]
            named_graphs = [_graph(store, iri) for iri in params.get("named-graph-uri", [])]
        except QueryError as exc:
            raise _HttpError(400, _server_message(exc)) from None
        if checked.form == "SELECT":
            offers = list(SOLUTION_TYPES)
        elif checked.form == "ASK":
            offers = list(BOOLEAN_TYPES)
        else:
            offers = list(GRAPH_TYPES)
        media_type = negotiate(self.headers.get("Accept"), offers)
        if media_type is None:
            article = "an" if checked.form == "ASK" else "a"
            raise _HttpError(
                406, f"{article} {checked.form} result can be sent as: {', '.join(offers)}"
            )

        def work() -> bytes:
            result = oxigraph_query(
                store, text, checked, default_graph=default_graph, named_graphs=named_graphs
            )
            return _serialize(result, media_type)

        started = time.monotonic()
        try:
            body = run_with_timeout(lambda: run_contained(work), self.server.query_timeout)
        except QueryError as exc:
            timed_out = time.monotonic() - started >= self.server.query_timeout
            raise _HttpError(503 if timed_out else 400, str(exc)) from None
        return _Reply(200, body, media_type)

    def _read_body(self) -> bytes:
        length = self.headers.get("Content-Length")
        if length is None:
            self.close_connection = True
            raise _HttpError(411, "a POST needs a Content-Length")
        try:
            size = int(length)
        except ValueError:
            self.close_connection = True
            raise _HttpError(400, f"bad Content-Length {length!r}") from None
        if size < 0 or size > MAX_BODY:
            self.close_connection = True  # the unread body must not be taken for a request
            raise _HttpError(413, f"the request body is over {MAX_BODY} bytes")
        return self.rfile.read(size)

    # -- replies ---------------------------------------------------------------------------
    def _send(self, reply: _Reply, extra: dict[str, str] | None = None) -> None:
        self.send_response(reply.status)
        media = reply.media_type
        if media in _TEXT_TYPES:
            media += "; charset=utf-8"
        if reply.status != 204:
            self.send_header("Content-Type", media)
            self.send_header("Content-Length", str(len(reply.body)))
            self.send_header("Vary", "Accept")
        for name, value in {**_CORS, **(extra or {})}.items():
            self.send_header(name, value)
        self.end_headers()
        if reply.body and self.command != "HEAD":
            self.wfile.write(reply.body)

    def log_message(self, format: str, *args: object) -> None:
        if self.server.log is not None:
            self.server.log(f"{self.address_string()} {format % args}")

    def log_error(self, format: str, *args: object) -> None:
        """Errors are logged even when the access log is off."""
        sys.stderr.write(f"kg serve: {format % args}\n")


def _server_message(exc: QueryError) -> str:
    """kg query's reason, minus its advice about a command-line switch the server lacks."""
    return str(exc).replace(_CLI_HINT, "").replace("kg query", "kg serve")


def _error(status: int, message: str) -> _Reply:
    return _Reply(status, (message.rstrip("\n") + "\n").encode("utf-8"))


def _decode(body: bytes) -> str:
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        raise _HttpError(400, "the request body is not UTF-8") from None


def _query_params(items: list[str]) -> dict[str, str]:
    """`param=name=value` request parameters, like `kg query --param name=value`."""
    params: dict[str, str] = {}
    for item in items:
        name, sep, value = item.partition("=")
        if not sep or not name:
            raise _HttpError(400, f"param {item!r}: expected name=value")
        params[name.lstrip("?$")] = value
    return params


def _graph(store: Store, iri: str) -> NamedNode:
    """A graph named by default-graph-uri or named-graph-uri must be one the store holds."""
    try:
        node = NamedNode(iri)
    except ValueError:
        raise QueryError(f"graph {iri!r} is not an absolute IRI") from None
    if not store.contains_named_graph(node):
        raise QueryError(f"no graph <{iri}> in the data; nothing is fetched from elsewhere")
    return node


def _serialize(result: QuerySolutions | QueryBoolean | QueryTriples, media_type: str) -> bytes:
    if isinstance(result, QueryTriples):
        data = result.serialize(format=GRAPH_TYPES[media_type])
    else:
        data = result.serialize(format=SOLUTION_TYPES[media_type])
    assert data is not None  # no output given, so Oxigraph returns the bytes
    return data


def _usage() -> str:
    return (
        f"kg {__version__}: a read-only SPARQL 1.1 endpoint at {ENDPOINT_PATH}\n\n"
        f"GET  {ENDPOINT_PATH}?query=SELECT…\n"
        f"POST {ENDPOINT_PATH} with application/sparql-query, or form-encoded query=…\n"
        "Optional: default-graph-uri, named-graph-uri, param=name=value (binds ?name).\n"
        "Results: SPARQL JSON, XML, CSV or TSV; Turtle, N-Triples, JSON-LD or RDF/XML "
        "for graphs, by the Accept header.\n"
        "The usual prefixes (sem:, schema:, kgr:, …) are predeclared. SERVICE and updates "
        "are refused.\n"
    )
