"""`kg serve`: the graph over the SPARQL 1.1 Protocol, for YASGUI, notebooks and other tools.

The data is loaded once into an in-memory Oxigraph store and only ever queried. Oxigraph
would follow SERVICE to any host, so every query passes `kg.query.oxigraph.check_oxigraph_query`
(SERVICE, updates and FROM of unknown graphs refused) before it reaches the store, and
the answer is HTTP 400 with the same one-line reason `kg query` gives.

The server is meant for one user's machine, and any web page that user opens can send it
requests. So: queries are parsed and run in worker processes (`kg.store.serve_pool`), where a
query that crashes the engine or overruns `--timeout` is killed without taking the server,
its CPU or other clients' answers with it; a request whose Host header is not the server's
own address is refused (DNS rebinding); a request from a web page (an Origin header, or a
browser's `Sec-Fetch-Site: cross-site`) is refused unless that origin was allowed with
`--cors`, and only allowed origins get CORS headers. The stdlib's threaded HTTP server is
enough for the rest: it only moves bytes between clients and workers.
"""

from __future__ import annotations

import ipaddress
import os
import re
import socket
import sys
import traceback
from collections import OrderedDict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
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
from kg.query.oxigraph import check_oxigraph_query, load_store, oxigraph_query, run_contained
from kg.query.run import CheckedQuery, default_params
from kg.store.serve_pool import Answer, PoolError, WorkerCrashed, WorkerPool

__all__ = [
    "ENDPOINT_PATH",
    "CheckCache",
    "HostCheck",
    "ServeError",
    "SparqlServer",
    "default_workers",
    "is_loopback",
    "make_server",
    "negotiate",
    "normalize_origin",
    "serve",
]

ENDPOINT_PATH = "/sparql"
MAX_BODY = 1 << 20  # a query is text; a megabyte is plenty and bounds memory per request
CACHE_TEXT_BYTES = 64 * 1024
"""Query text a worker's check cache holds. A parsed query takes some 300-600 bytes per byte
of text (rdflib's parse tree and algebra, measured on queries/), so about 40 MB at most."""
CACHE_ENTRY_BYTES = 8 * 1024  # longer texts are checked every time: they are rare and big
CACHE_ENTRIES = 256

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
_METHODS = "GET, POST, OPTIONS"
_PREFLIGHT = {"Access-Control-Allow-Methods": _METHODS, "Access-Control-Max-Age": "86400"}
_CLI_HINT = " (pass --allow-service to permit it)"  # kg query's hint; the server has no such switch
_LOOPBACK_NAMES = frozenset({"localhost", "127.0.0.1", "[::1]"})
_ORIGIN = re.compile(r"(https?)://([a-z0-9.-]+|\[[0-9a-f:.]+\])(?::(\d{1,5}))?")
_DEFAULT_PORTS = {"http": 80, "https": 443}


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


class CheckCache:
    """Checked queries by (text, parameters): least recently used first out, bounded in bytes.

    A query text passes or fails the same way each time (the store never changes), and
    checking costs an rdflib parse (10-500 ms) where Oxigraph answers in about 1. But a
    parsed query is hundreds of times its text, so the cache counts text bytes, and a text
    over `max_entry` bytes is never kept: 256 entries of a megabyte would be gigabytes.
    """

    def __init__(
        self,
        max_bytes: int = CACHE_TEXT_BYTES,
        max_entry: int = CACHE_ENTRY_BYTES,
        max_entries: int = CACHE_ENTRIES,
    ) -> None:
        self.max_bytes, self.max_entry, self.max_entries = max_bytes, max_entry, max_entries
        self._entries: OrderedDict[Any, tuple[int, CheckedQuery]] = OrderedDict()
        self.bytes = 0

    def __len__(self) -> int:
        return len(self._entries)

    def get(self, key: Any) -> CheckedQuery | None:
        entry = self._entries.get(key)
        if entry is None:
            return None
        self._entries.move_to_end(key)
        return entry[1]

    def put(self, key: Any, size: int, value: CheckedQuery) -> None:
        if size > self.max_entry or key in self._entries:
            return
        self._entries[key] = (size, value)
        self.bytes += size
        while self.bytes > self.max_bytes or len(self._entries) > self.max_entries:
            _, (dropped, _) = self._entries.popitem(last=False)
            self.bytes -= dropped


class Answerer:
    """What a worker process does with one request: check, run, serialise (kg.store.serve_pool)."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.cache = CheckCache()

    def warm(self) -> None:
        """One check and one query before workers fork, so none pays rdflib's first parse."""
        self({"query": "ASK { ?s ?p ?o }", "accept": None})

    def __call__(self, request: dict[str, Any]) -> Answer:
        try:
            reply = self._run(request)
        except _HttpError as exc:
            reply = _error(exc.status, str(exc))
        return reply.status, reply.media_type, reply.body

    def _check(self, text: str, params: dict[str, str]) -> CheckedQuery:
        key = (text, tuple(sorted(params.items())))
        checked = self.cache.get(key)
        if checked is None:
            checked = check_oxigraph_query(text, self.store, params=params)
            size = len(text.encode("utf-8", "surrogatepass"))
            size += sum(len(name) + len(value) for name, value in key[1])
            self.cache.put(key, size, checked)
        return checked

    def _run(self, request: dict[str, Any]) -> _Reply:
        text: str = request["query"]
        store = self.store
        try:
            bound = {**default_params(text), **_query_params(request.get("param", []))}
            checked = self._check(text, bound)
            default_graph = [_graph(store, iri) for iri in request.get("default-graph-uri", [])]
            named_graphs = [_graph(store, iri) for iri in request.get("named-graph-uri", [])]
        except QueryError as exc:
            raise _HttpError(400, _server_message(exc)) from None
        if checked.form == "SELECT":
            offers = list(SOLUTION_TYPES)
        elif checked.form == "ASK":
            offers = list(BOOLEAN_TYPES)
        else:
            offers = list(GRAPH_TYPES)
        media_type = negotiate(request.get("accept"), offers)
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

        try:
            body = run_contained(work)
        except QueryError as exc:
            raise _HttpError(400, str(exc)) from None
        return _Reply(200, body, media_type)


class HostCheck:
    """Which Host headers name this server: a DNS-rebinding page sends its own host name.

    A loopback bind answers to localhost, 127.0.0.1 and [::1]; a wildcard bind (0.0.0.0,
    ::) to any IP address and localhost; another bind to the address it was given. The
    port must be the server's. `allowed` adds names (any port) for a reverse proxy.
    """

    def __init__(self, bind: str, port: int, allowed: Iterable[str] = ()) -> None:
        name = _bracketed(bind.strip().lower())
        self.port = port
        self.names = {name}
        self.any_address = name in ("0.0.0.0", "[::]", "")
        if self.any_address or is_loopback(name):
            self.names |= _LOOPBACK_NAMES
        self.extra = {_bracketed(host.strip().lower()) for host in allowed}

    def allows(self, header: str | None) -> bool:
        if header is None:
            return False
        parsed = _split_host(header.strip().lower())
        if parsed is None:
            return False
        name, port = parsed
        if name in self.extra:
            return True
        if port != self.port:
            return False
        return name in self.names or (self.any_address and _is_ip(name))

    def describe(self) -> str:
        names = sorted(self.names - {"", "0.0.0.0", "[::]"}) or ["localhost"]
        shown = ", ".join(f"{name}:{self.port}" for name in names)
        if self.any_address:
            shown += f" or any IP address of this machine with port {self.port}"
        if self.extra:
            shown += ", " + ", ".join(sorted(self.extra))
        return shown


def _split_host(value: str) -> tuple[str, int] | None:
    """`name[:port]` or `[v6]:port` → (name, port); None for anything else."""
    if value.startswith("["):
        end = value.find("]")
        if end < 0:
            return None
        name, rest = value[: end + 1], value[end + 1 :]
    else:
        name, colon, port_text = value.partition(":")
        rest = colon + port_text
    if not name:
        return None
    if not rest:
        return name, 80
    digits = rest[1:]
    if rest[0] == ":" and digits.isascii() and digits.isdigit() and len(digits) <= 5:
        return name, int(digits)
    return None


def _bracketed(host: str) -> str:
    """IPv6 addresses as a Host header writes them."""
    return f"[{host}]" if ":" in host and not host.startswith("[") else host


def _is_ip(name: str) -> bool:
    try:
        ipaddress.ip_address(name.strip("[]"))
    except ValueError:
        return False
    return True


def is_loopback(name: str) -> bool:
    """localhost or a loopback address: only this machine can connect."""
    if name == "localhost":
        return True
    try:
        return ipaddress.ip_address(name.strip("[]")).is_loopback
    except ValueError:
        return False


def normalize_origin(value: str) -> str:
    """An origin as browsers send it (`https://host[:port]`, default port left out).

    Raises ServeError for anything else: a path, a wildcard, `null` (the origin of every
    sandboxed frame and local file, so allowing it would allow them all).
    """
    origin = value.strip().lower().rstrip("/")
    match = _ORIGIN.fullmatch(origin)
    if match is None:
        raise ServeError(
            f"--cors {value!r}: expected an origin such as https://yasgui.triply.cc "
            "(scheme and host, optional port, no path); '*' and 'null' are not allowed"
        )
    scheme, host, port = match.groups()
    if port is not None and int(port) == _DEFAULT_PORTS[scheme]:
        return f"{scheme}://{host}"
    return origin


def default_workers() -> int:
    """Two workers at least (one slow query must not block the next), at most four."""
    return min(max(os.cpu_count() or 2, 2), 4)


class SparqlServer(ThreadingHTTPServer):
    """A read-only SPARQL 1.1 Protocol endpoint; queries are answered by `pool`'s workers."""

    daemon_threads = True
    request_queue_size = 128  # the default of 5 makes bursts of clients wait for SYN retries

    def __init__(
        self,
        pool: WorkerPool,
        host: str = "127.0.0.1",
        port: int = 7879,
        *,
        timeout: float = 30.0,
        log: Callable[[str], None] | None = None,
        cors: Iterable[str] = (),
        allow_hosts: Iterable[str] = (),
    ) -> None:
        self.pool = pool
        self.query_timeout = timeout
        self.log = log
        self.cors = frozenset(cors)
        if ":" in host:
            self.address_family = socket.AF_INET6
        super().__init__((host, port), _Handler)
        self.hosts = HostCheck(host, self.server_address[1], allow_hosts)

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        shown = f"[{host}]" if ":" in str(host) else str(host)
        return f"http://{shown}:{port}{ENDPOINT_PATH}"

    def server_close(self) -> None:
        super().server_close()
        self.pool.close()


def make_server(
    data: Store | list[Path],
    host: str = "127.0.0.1",
    port: int = 7879,
    *,
    timeout: float = 30.0,
    log: Callable[[str], None] | None = None,
    workers: int | None = None,
    cors: Iterable[str] = (),
    allow_hosts: Iterable[str] = (),
) -> SparqlServer:
    """A server bound to host:port (port 0: any free port), its workers started, not serving.

    `data` is a store, or the files to load into one: then only the workers' zygote loads
    them, and this process never holds the data. The workers are forked here, before the
    server has any thread (see kg.store.serve_pool).
    """
    if not timeout > 0:
        raise ServeError(f"timeout must be a positive number of seconds, not {timeout}")
    size = default_workers() if workers is None else workers
    if size < 1:
        raise ServeError(f"--workers must be at least 1, not {size}")
    origins = [normalize_origin(origin) for origin in cors]

    def setup() -> Answerer:
        answerer = Answerer(data if isinstance(data, Store) else load_store(data))
        answerer.warm()
        return answerer

    try:
        pool = WorkerPool(setup, size)
    except PoolError as exc:
        raise ServeError(str(exc)) from None
    try:
        return SparqlServer(
            pool, host, port, timeout=timeout, log=log, cors=origins, allow_hosts=allow_hosts
        )
    except OSError as exc:
        pool.close()
        raise ServeError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None
    except OverflowError:
        pool.close()
        raise ServeError(f"port {port} is out of range (0-65535)") from None


def serve(
    paths: list[Path],
    host: str = "127.0.0.1",
    port: int = 7879,
    *,
    timeout: float = 30.0,
    log: Callable[[str], None] | None = None,
    ready: Callable[[SparqlServer], None] | None = None,
    workers: int | None = None,
    cors: Iterable[str] = (),
    allow_hosts: Iterable[str] = (),
) -> None:
    """Load the data and answer queries until interrupted."""
    server = make_server(
        paths,  # loaded by the workers' zygote: this process never holds the data
        host,
        port,
        timeout=timeout,
        log=log,
        workers=workers,
        cors=cors,
        allow_hosts=allow_hosts,
    )
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
    # headers and body go out in two writes: with Nagle's algorithm, a kept-alive connection
    # waited for the client's delayed ACK before the body (48 ms for every query)
    disable_nagle_algorithm = True

    # -- who may ask -----------------------------------------------------------------------
    def _refusal(self) -> _Reply | None:
        """A 403 for a request that a web page, not the user's tool, may have sent.

        Checked before the body is read or any work is done: a page cannot read the answer
        to a cross-site request without CORS, but the server would still have run it.
        """
        host = self.headers.get("Host")
        if not self.server.hosts.allows(host):
            return _error(
                403,
                f"Host {host!r} is refused: this server answers only as "
                f"{self.server.hosts.describe()} (a guard against DNS rebinding; behind a "
                "reverse proxy, start kg serve with --allow-host NAME)",
            )
        origin = self.headers.get("Origin")
        if origin is not None and origin not in self.server.cors:
            return _error(
                403,
                f"requests from the web page at {origin} are refused; to let that site "
                f"query the graph, start kg serve with --cors {origin}",
            )
        site = self.headers.get("Sec-Fetch-Site")
        if origin is None and site is not None and site not in ("none", "same-origin"):
            return _error(
                403,
                f"requests from other web sites are refused (Sec-Fetch-Site: {site}); "
                "kg serve answers tools and the pages allowed with --cors",
            )
        return None

    def _refused(self) -> bool:
        refusal = self._refusal()
        if refusal is None:
            return False
        self.close_connection = True  # a body, if any, stays unread
        self._send(refusal)
        return True

    # -- methods ---------------------------------------------------------------------------
    def do_OPTIONS(self) -> None:
        """CORS preflight, for the origins allowed with --cors (others are refused above)."""
        if self._refused():
            return
        if self.headers.get("Origin") is None:
            self._send(_Reply(204, b""), {"Allow": _METHODS})
            return
        requested = self.headers.get("Access-Control-Request-Headers")
        headers = {"Access-Control-Allow-Headers": requested or "Accept, Content-Type"}
        if self.headers.get("Access-Control-Request-Private-Network") == "true":
            # Chrome asks before a public site (YASGUI) may reach a loopback address
            headers["Access-Control-Allow-Private-Network"] = "true"
        self._send(_Reply(204, b""), {**_PREFLIGHT, **headers})

    def do_GET(self) -> None:
        if self._refused():
            return
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
        if self._refused():
            return
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
        if self._refused():
            return
        self._send(_error(405, "this endpoint is read-only"), {"Allow": _METHODS})

    do_DELETE = do_PATCH = do_PUT

    # -- answering -------------------------------------------------------------------------
    def _answer(self, params: dict[str, list[str]]) -> _Reply:
        """The request's answer from a worker process, or one line saying why there is none."""
        if "update" in params:
            return _error(400, "SPARQL Update is refused: this endpoint is read-only")
        queries = params.get("query", [])
        if len(queries) != 1:
            return _error(400, "give exactly one query parameter (see GET / for usage)")
        request = {
            "query": queries[0],
            "param": params.get("param", []),
            "default-graph-uri": params.get("default-graph-uri", []),
            "named-graph-uri": params.get("named-graph-uri", []),
            "accept": self.headers.get("Accept"),
        }
        try:
            status, media_type, body = self.server.pool.run(request, self.server.query_timeout)
        except PoolError as exc:
            return _error(500 if isinstance(exc, WorkerCrashed) else 503, str(exc))
        except Exception as exc:  # a bug: answer 500 rather than drop the connection
            self.log_error("internal error: %s", traceback.format_exc())
            return _error(500, f"internal error: {type(exc).__name__}")
        return _Reply(status, body, media_type)

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
        vary = "Accept, Origin" if self.server.cors else "Accept"
        if reply.status != 204:
            media = reply.media_type
            if media in _TEXT_TYPES:
                media += "; charset=utf-8"
            self.send_header("Content-Type", media)
            self.send_header("Content-Length", str(len(reply.body)))
            self.send_header("Vary", vary)
        elif self.server.cors:
            self.send_header("Vary", "Origin")
        origin = self.headers.get("Origin")
        if origin is not None and origin in self.server.cors:
            self.send_header("Access-Control-Allow-Origin", origin)
        for name, value in (extra or {}).items():
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
