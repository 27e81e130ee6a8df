"""`kg push`: upload the graph to a triple store over the SPARQL 1.1 Graph Store Protocol.

Each named graph of the input (one per article, per quoted post, and the shared graph in
`kg.trig`) is sent with `PUT ?graph=IRI`, which replaces that graph as a whole: pushing
the same build twice leaves the store as it was after the first push. Statements in no
named graph (all of `kg.ttl`) go to one named graph, `--graph` or DEFAULT_GRAPH.

Graphs are sent as N-Triples labelled text/turtle: N-Triples is a subset of Turtle, the
one format every Graph Store endpoint must read, and needs no prefixes or nesting.
"""

from __future__ import annotations

import base64
import ipaddress
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, urlsplit

from pyoxigraph import DefaultGraph, NamedNode, RdfFormat, Triple, serialize

from kg.errors import KgError
from kg.query.oxigraph import parse_quads
from kg.rdf.vocab import BASE

__all__ = ["DEFAULT_GRAPH", "PushError", "PushSummary", "graphs_to_push", "push"]

DEFAULT_GRAPH = BASE + "graph/default"
"""Where statements that are in no named graph of the input go, unless --graph says."""


class PushError(KgError):
    """The endpoint is unreachable or refused an upload."""


@dataclass
class PushSummary:
    endpoint: str
    graphs: list[tuple[str, int]] = field(default_factory=list)  # (graph IRI, triples)

    @property
    def triples(self) -> int:
        return sum(count for _, count in self.graphs)

    def summary(self) -> str:
        return f"pushed {len(self.graphs)} graph(s), {self.triples} triples to {self.endpoint}"


def graphs_to_push(paths: list[Path], graph: str | None = None) -> dict[str, list[Triple]]:
    """Graph IRI → its triples (sorted, no duplicates), from every input file."""
    target = _graph_iri(graph or DEFAULT_GRAPH)
    graphs: dict[str, set[Triple]] = {}
    for path in paths:
        for quad in parse_quads(path):
            name = quad.graph_name
            iri = target if isinstance(name, DefaultGraph) else _name(name)
            graphs.setdefault(iri, set()).add(quad.triple)
    return {iri: sorted(triples, key=str) for iri, triples in sorted(graphs.items())}


def push(
    paths: list[Path],
    endpoint: str,
    *,
    graph: str | None = None,
    user: str | None = None,
    password: str | None = None,
    timeout: float = 60.0,
    allow_plain_http: bool = False,
    progress: Callable[[str, int], None] | None = None,
) -> PushSummary:
    """PUT every graph of the input to a Graph Store Protocol endpoint (e.g. …/store).

    Credentials go over https, or over http only to this machine or with `allow_plain_http`:
    Basic auth is the password in clear text for anyone on the way.
    """
    _check_endpoint(endpoint)
    if password is not None and user is None:
        raise PushError("--password needs --user")
    if user is not None and not allow_plain_http and not _safe_for_credentials(endpoint):
        host = urlsplit(endpoint).hostname
        raise PushError(
            f"--user over plain http to {host} would send the password readable by anyone on "
            "the network (HTTP Basic auth is not encrypted); use an https:// endpoint, or pass "
            "--allow-plain-http if the network between you and it is yours"
        )
    graphs = graphs_to_push(paths, graph)
    opener = _opener(endpoint)
    headers = {"Content-Type": "text/turtle; charset=utf-8"}
    if user is not None:
        token = base64.b64encode(f"{user}:{password or ''}".encode()).decode("ascii")
        headers["Authorization"] = f"Basic {token}"
    result = PushSummary(endpoint)
    for iri, triples in graphs.items():
        body = serialize(triples, format=RdfFormat.N_TRIPLES) or b""
        separator = "&" if "?" in endpoint else "?"
        url = f"{endpoint}{separator}graph={quote(iri, safe='')}"
        request = urllib.request.Request(url, data=body, headers=headers, method="PUT")
        try:
            _send(opener, request, iri, endpoint, timeout)
        except PushError as exc:
            raise PushError(f"{exc}; {_partial(len(result.graphs), len(graphs))}") from None
        result.graphs.append((iri, len(triples)))
        if progress is not None:
            progress(iri, len(triples))
    return result


def _send(
    opener: urllib.request.OpenerDirector,
    request: urllib.request.Request,
    iri: str,
    endpoint: str,
    timeout: float,
) -> None:
    try:
        with opener.open(request, timeout=timeout) as response:
            response.read()
    except urllib.error.HTTPError as exc:
        detail = _first_line(exc.read())
        hint = " (check --user and --password)" if exc.code in (401, 403) else ""
        raise PushError(
            f"PUT <{iri}> to {endpoint}: HTTP {exc.code} {exc.reason}{hint}"
            + (f": {detail}" if detail else "")
        ) from None
    except urllib.error.URLError as exc:
        raise PushError(f"cannot reach {endpoint}: {exc.reason}") from None
    except (TimeoutError, ConnectionError) as exc:
        raise PushError(f"PUT <{iri}> to {endpoint}: {exc}") from None


def _check_endpoint(endpoint: str) -> None:
    parts = urlsplit(endpoint)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise PushError(f"--endpoint {endpoint!r}: expected an http(s) URL such as …/store")
    if parts.username is not None or parts.password is not None:
        raise PushError("--endpoint must not hold credentials; use --user and --password")
    if parts.fragment:
        raise PushError(f"--endpoint {endpoint!r}: a URL with #fragment cannot be an endpoint")


def _partial(done: int, total: int) -> str:
    """What a failed push leaves: PUT replaces graph by graph, so the store may mix builds."""
    if done == 0:
        return "no graph was replaced"
    return (
        f"{done} of {total} graphs were already replaced, so the store now mixes this build "
        "with what it held; run kg push again to finish"
    )


def _is_loopback(endpoint: str) -> bool:
    host = urlsplit(endpoint).hostname or ""
    try:
        return host == "localhost" or ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _safe_for_credentials(endpoint: str) -> bool:
    return urlsplit(endpoint).scheme == "https" or _is_loopback(endpoint)


def _opener(endpoint: str) -> urllib.request.OpenerDirector:
    """Proxies from the environment apply, except to this machine itself."""
    if _is_loopback(endpoint):
        return urllib.request.build_opener(urllib.request.ProxyHandler({}))
    return urllib.request.build_opener()


def _graph_iri(iri: str) -> str:
    try:
        return NamedNode(iri).value
    except ValueError:
        raise PushError(f"--graph {iri!r} is not an absolute IRI") from None


def _name(node: object) -> str:
    if isinstance(node, NamedNode):
        return node.value
    raise PushError(
        "a graph named by a blank node cannot be addressed over the Graph Store Protocol"
    )


def _first_line(body: bytes) -> str:
    text = body.decode("utf-8", "replace").strip()
    line = text.splitlines()[0] if text else ""
    return line if len(line) <= 200 else line[:199] + "…"
