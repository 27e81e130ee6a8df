"""kg serve: the SPARQL 1.1 Protocol over HTTP, answering as `kg query` does, never reaching out."""

from __future__ import annotations

import gc
import http.client
import json
import re
import signal
import statistics
import subprocess
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlencode

import psutil
import pytest
from rdflib import Graph

from kg.query.oxigraph import load_store
from kg.query.run import default_params, load_data, run_query
from kg.store.serve import SparqlServer, make_server, negotiate
from tests.store_builds import build_dir, query_names, query_text, rows_of

OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # loopback only
JSON = "application/sparql-results+json"


class Response:
    def __init__(self, status: int, headers: dict[str, str], body: bytes) -> None:
        self.status, self.headers, self.body = status, headers, body

    @property
    def text(self) -> str:
        return self.body.decode("utf-8")


def call(
    url: str,
    *,
    method: str = "GET",
    data: bytes | None = None,
    headers: dict[str, str] | None = None,
    timeout: float = 30,
) -> Response:
    request = urllib.request.Request(url, data=data, headers=headers or {}, method=method)
    try:
        with OPENER.open(request, timeout=timeout) as response:
            return Response(response.status, dict(response.headers), response.read())
    except urllib.error.HTTPError as exc:
        return Response(exc.code, dict(exc.headers), exc.read())


def get(server: SparqlServer, query: str, accept: str = JSON, **params: str) -> Response:
    query_string = urlencode({"query": query, **params})
    return call(f"{server.url}?{query_string}", headers={"Accept": accept})


def post_form(server: SparqlServer, fields: dict[str, str], accept: str = JSON) -> Response:
    body = urlencode(fields).encode("utf-8")
    headers = {"Accept": accept, "Content-Type": "application/x-www-form-urlencoded"}
    return call(server.url, method="POST", data=body, headers=headers)


def post_query(server: SparqlServer, query: str, accept: str = JSON) -> Response:
    headers = {"Accept": accept, "Content-Type": "application/sparql-query"}
    return call(server.url, method="POST", data=query.encode("utf-8"), headers=headers)


@pytest.fixture(scope="module")
def ttl() -> Path:
    return build_dir("seeds") / "kg.ttl"


@contextmanager
def serving(server: SparqlServer) -> Iterator[SparqlServer]:
    """`server` answering from a thread of this process until the block ends."""
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)


@pytest.fixture(scope="module")
def server(ttl: Path) -> Iterator[SparqlServer]:
    """kg serve on a free loopback port, in a thread of this process."""
    with serving(make_server(load_store([ttl]), "127.0.0.1", 0)) as server:
        yield server


@pytest.fixture(scope="module", autouse=True)
def _no_full_collections_of_other_tests_objects() -> Iterator[None]:
    """The timed requests run late in a long test session: a full garbage collection of
    the heap the earlier tests left took seconds there (6.6 s for one request). Frozen
    objects are not scanned, so the timings measure the server, not the session."""
    gc.collect()
    gc.freeze()
    yield
    gc.unfreeze()


@pytest.fixture(scope="module")
def rdflib_data(ttl: Path):
    return load_data([ttl])


@pytest.fixture(scope="module")
def expected(rdflib_data) -> dict[str, set[str]]:
    """`kg query`'s rows (rdflib) for every query in queries/, with its default params."""
    rows = {}
    for name in query_names():
        text = query_text(name)
        rows[name] = rows_of(run_query(text, rdflib_data, fmt="json", params=default_params(text)))
    return rows


# --- the same answers as kg query ---------------------------------------------------------


@pytest.mark.parametrize("name", query_names())
def test_every_query_answers_as_kg_query(name: str, server: SparqlServer, expected) -> None:
    started = time.perf_counter()
    response = get(server, query_text(name))
    elapsed = time.perf_counter() - started
    assert response.status == 200, response.text
    assert response.headers["Content-Type"] == JSON
    assert rows_of(response.body) == expected[name]
    assert expected[name]
    assert elapsed < 5, f"{name} took {elapsed:.2f} s over HTTP"


def test_get_and_both_kinds_of_post_agree(server: SparqlServer) -> None:
    text = query_text("who-did-what")
    answers = [
        get(server, text),
        post_form(server, {"query": text}),
        post_query(server, text),
    ]
    assert [a.status for a in answers] == [200, 200, 200]
    assert rows_of(answers[0].body) == rows_of(answers[1].body) == rows_of(answers[2].body)


def test_parameters_bind_like_kg_query(server: SparqlServer, rdflib_data) -> None:
    text = query_text("everything-about")
    params = {"actor": "kgr:vladimir-putin"}
    expected = rows_of(run_query(text, rdflib_data, fmt="json", params=params))
    response = get(server, text, param="actor=kgr:vladimir-putin")
    assert response.status == 200, response.text
    assert rows_of(response.body) == expected


# --- content negotiation ----------------------------------------------------------------


SELECT = (
    "SELECT ?e ?when WHERE { ?e a kgo:ImposeSanctions . OPTIONAL { ?e sem:hasTimeStamp ?when } }"
    " ORDER BY ?e"
)


@pytest.mark.parametrize(
    ("accept", "content_type", "first_line"),
    [
        (JSON, JSON, '{"head":{"vars":["e","when"]}'),
        ("text/csv", "text/csv; charset=utf-8", "e,when"),
        ("text/tab-separated-values", "text/tab-separated-values; charset=utf-8", "?e\t?when"),
        ("application/sparql-results+xml", "application/sparql-results+xml", "<?xml"),
        ("text/html,application/xhtml+xml,*/*;q=0.8", JSON, "{"),
        ("text/csv;q=0.5, text/tab-separated-values", "text/tab-separated-values", "?e"),
        ("text/*", "text/csv; charset=utf-8", "e,when"),
    ],
)
def test_select_results_by_accept(
    server: SparqlServer, accept: str, content_type: str, first_line: str
) -> None:
    response = get(server, SELECT, accept)
    assert response.status == 200, response.text
    assert response.headers["Content-Type"].startswith(content_type)
    assert response.text.startswith(first_line)
    assert response.headers["Vary"] == "Accept"


def test_graph_results_as_turtle_and_ntriples(server: SparqlServer, rdflib_data) -> None:
    construct = (
        "CONSTRUCT { ?e a kgo:ImposeSanctions ; rdfs:label ?l }"
        " WHERE { ?e a kgo:ImposeSanctions ; rdfs:label ?l }"
    )
    expected = Graph().parse(data=run_query(construct, rdflib_data, fmt="nt"), format="nt")
    for accept, fmt in (("text/turtle", "turtle"), ("application/n-triples", "nt")):
        response = get(server, construct, accept)
        assert response.status == 200, response.text
        assert response.headers["Content-Type"].split(";")[0] == accept
        assert set(Graph().parse(data=response.text, format=fmt)) == set(expected)


def test_ask_and_unacceptable_formats(server: SparqlServer) -> None:
    response = get(server, "ASK { ?e a kgo:ImposeSanctions }")
    assert json.loads(response.body) == {"head": {}, "boolean": True}
    refused = get(server, "ASK { ?e a kgo:ImposeSanctions }", "text/csv")
    assert refused.status == 406
    assert "application/sparql-results+json" in refused.text


def test_negotiate_follows_quality_and_specificity() -> None:
    offers = ["application/sparql-results+json", "text/csv"]
    assert negotiate(None, offers) == offers[0]
    assert negotiate("text/csv;q=0, */*", offers) == offers[0]
    assert negotiate("text/csv, application/sparql-results+json;q=0.9", offers) == "text/csv"
    assert negotiate("image/png", offers) is None
    assert negotiate("*/*;q=0", offers) is None


# --- safety -----------------------------------------------------------------------------


@pytest.mark.parametrize("send", ["get", "form", "body"])
def test_service_never_reaches_the_listener(server: SparqlServer, listener, send: str) -> None:
    url, hits = listener
    text = f"SELECT * WHERE {{ ?e a sem:Event . SERVICE <{url}> {{ ?e ?p ?o }} }}"
    if send == "get":
        response = get(server, text)
    elif send == "form":
        response = post_form(server, {"query": text})
    else:
        response = post_query(server, text)
    assert response.status == 400
    assert response.text.startswith(f"SERVICE <{url}> is refused")
    assert "--allow-service" not in response.text
    assert "Access-Control-Allow-Origin" not in response.headers  # no --cors: no page reads it
    assert hits == []


def test_updates_are_refused(server: SparqlServer) -> None:
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    before = get(server, count).body
    update = "INSERT DATA { <urn:a> <urn:b> <urn:c> }"
    answers = [
        post_form(server, {"update": update}),
        call(
            server.url,
            method="POST",
            data=update.encode(),
            headers={"Content-Type": "application/sparql-update"},
        ),
        post_form(server, {"query": update}),
        post_query(server, "DROP ALL"),
        call(server.url, method="PUT", data=b"", headers={"Content-Type": "text/turtle"}),
    ]
    assert [a.status for a in answers] == [400, 400, 400, 400, 405]
    assert all("read-only" in a.text for a in answers)
    assert get(server, count).body == before


def test_remote_from_and_unknown_graphs_are_refused(server: SparqlServer) -> None:
    response = get(server, "SELECT * FROM <http://example.org/x.ttl> WHERE { ?s ?p ?o }")
    assert response.status == 400
    assert "FROM <http://example.org/x.ttl> is refused" in response.text
    response = get(server, "SELECT * WHERE { ?s ?p ?o }", **{"default-graph-uri": "http://x/"})
    assert response.status == 400
    assert "no graph <http://x/>" in response.text


def test_a_bad_query_is_a_400_with_line_and_column(server: SparqlServer) -> None:
    response = post_query(server, "SELECT ?e\nWHERE { ?e a sem:Event \n  FILTER(?e = ) }")
    assert response.status == 400
    assert re.match(r"syntax error at line 3, column \d+", response.text), response.text
    assert response.headers["Content-Type"] == "text/plain; charset=utf-8"


def test_bad_requests(server: SparqlServer) -> None:
    assert call(server.url).status == 200  # no query: usage text
    assert "SPARQL" in call(server.url).text
    assert call(server.url.replace("/sparql", "/nope")).status == 404
    assert call(f"{server.url}?query=ASK%7B%7D&query=ASK%7B%7D").status == 400  # two queries
    wrong = call(server.url, method="POST", data=b"x", headers={"Content-Type": "text/plain"})
    assert wrong.status == 415


# --- browsers and load ------------------------------------------------------------------


def test_a_kept_alive_connection_answers_at_once(server: SparqlServer) -> None:
    """Browsers and YASGUI keep connections open: no 40 ms wait for a delayed ACK per query."""
    connection = http.client.HTTPConnection("127.0.0.1", server.server_address[1], timeout=30)
    path = "/sparql?" + urlencode({"query": "ASK { ?e a kgo:ImposeSanctions }"})
    took = []
    try:
        for _ in range(21):
            started = time.perf_counter()
            connection.request("GET", path, headers={"Accept": JSON})
            response = connection.getresponse()
            assert response.status == 200 and json.loads(response.read())["boolean"] is True
            took.append(time.perf_counter() - started)
    finally:
        connection.close()
    assert statistics.median(took[1:]) < 0.02, f"median {statistics.median(took[1:]):.3f} s"


def test_fifty_concurrent_clients(server: SparqlServer, expected) -> None:
    """50 threads at once, half GET and half POST, every query of queries/: all correct."""
    names = query_names()

    def client(index: int) -> bool:
        name = names[index % len(names)]
        response = (
            get(server, query_text(name)) if index % 2 else post_query(server, query_text(name))
        )
        return response.status == 200 and rows_of(response.body) == expected[name]

    started = time.monotonic()
    with ThreadPoolExecutor(max_workers=50) as pool:
        results = list(pool.map(client, range(50)))
    assert all(results)
    assert time.monotonic() - started < 30


# --- the command ------------------------------------------------------------------------


def start_kg_serve(command: list[str]) -> subprocess.Popen[str]:
    """`kg serve …` as a user's terminal starts it, stderr piped.

    A test run started in the background (`make test &` in a script) ignores SIGINT, and
    an ignored signal stays ignored in a child. A handled one is reset by exec: so the
    server gets Ctrl-C as a user's terminal gives it, however this run was started.
    """
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        return subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
    finally:
        signal.signal(signal.SIGINT, previous)


def served_url(process: subprocess.Popen[str]) -> str:
    """The endpoint URL from kg serve's first line."""
    assert process.stderr is not None
    line = process.stderr.readline()
    match = re.search(r"at (http://127\.0\.0\.1:\d+/sparql)", line)
    assert match, line
    return match[1]


def test_kg_serve_command(kg_command: list[str], ttl: Path) -> None:
    """`kg serve --port 0` says where it listens, answers, and stops cleanly on Ctrl-C."""
    process = start_kg_serve([*kg_command, "serve", "--data", str(ttl), "--port", "0"])
    try:
        url = served_url(process)
        query = urlencode({"query": "SELECT (COUNT(?e) AS ?n) WHERE { ?e a sem:Event }"})
        response = call(f"{url}?{query}", headers={"Accept": "text/csv"})
        assert response.status == 200
        assert int(response.text.split()[1]) > 10
        helpers = psutil.Process(process.pid).children(recursive=True)
        assert len(helpers) >= 3  # the zygote and at least two query workers
        process.send_signal(signal.SIGINT)
        _, rest = process.communicate(timeout=10)
        assert process.returncode == 0, rest
        assert "GET /sparql?query=" in rest  # the access log
        assert "server stopped" in rest
        assert "Traceback" not in rest  # the helpers ignore Ctrl-C: the server ends them
        _, alive = psutil.wait_procs(helpers, timeout=5)
        assert alive == []
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
