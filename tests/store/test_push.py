"""kg push: the build in a real triple store (the `oxigraph serve` binary), idempotently."""

from __future__ import annotations

import base64
import http.server
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
from rdflib import Dataset, Graph, URIRef
from rdflib.compare import isomorphic
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

from kg.store.push import DEFAULT_GRAPH, PushError, push
from tests.local_http import serving
from tests.store_builds import as_oxigraph_stores_it, build_dir

OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def oxigraph_binary() -> str:
    """The server from the `oxigraph` package (a test dependency), next to this Python."""
    beside = Path(sys.executable).with_name("oxigraph")
    found = str(beside) if beside.exists() else shutil.which("oxigraph")
    assert found, "the oxigraph server is missing: pip install -e '.[test]'"
    return found


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def oxigraph() -> Iterator[str]:
    """A fresh in-memory `oxigraph serve` on a free loopback port; yields its base URL."""
    port = free_port()
    process = subprocess.Popen(
        [oxigraph_binary(), "serve", "--bind", f"127.0.0.1:{port}"],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                with OPENER.open(f"{base}/query?query=ASK%7B%7D", timeout=2):
                    break
            except (urllib.error.URLError, ConnectionError):
                assert process.poll() is None, process.stderr.read() if process.stderr else ""
                assert time.monotonic() < deadline, "oxigraph serve did not start"
                time.sleep(0.05)
        yield base
    finally:
        process.terminate()
        process.wait(10)


def dump(base: str) -> Dataset:
    """Everything the store holds, read back over the Graph Store Protocol as N-Quads."""
    request = urllib.request.Request(f"{base}/store", headers={"Accept": "application/n-quads"})
    with OPENER.open(request, timeout=30) as response:
        return Dataset().parse(data=response.read(), format="nquads")


def count(base: str) -> int:
    query = urlencode({"query": "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"})
    request = urllib.request.Request(f"{base}/query?{query}", headers={"Accept": "text/csv"})
    with OPENER.open(request, timeout=30) as response:
        return int(response.read().decode().split()[1])


def named_graphs(dataset: Dataset) -> dict[str, Graph]:
    graphs = {}
    for graph in dataset.graphs():
        if graph.identifier != DATASET_DEFAULT_GRAPH_ID and len(graph):
            copy = Graph()
            for triple in graph:
                copy.add(triple)
            graphs[str(graph.identifier)] = copy
    return graphs


def test_trig_push_is_one_graph_per_document_and_idempotent(oxigraph: str) -> None:
    trig = build_dir("all") / "kg.trig"
    expected = named_graphs(Dataset().parse(trig, format="trig"))
    assert len(expected) > 6  # articles, posts and the shared graph

    first = push([trig], f"{oxigraph}/store")
    assert sorted(iri for iri, _ in first.graphs) == sorted(expected)
    after_first = count(oxigraph)
    assert after_first == first.triples == sum(len(g) for g in expected.values())

    second = push([trig], f"{oxigraph}/store")
    assert second.graphs == first.graphs
    assert count(oxigraph) == after_first

    stored = named_graphs(dump(oxigraph))
    assert sorted(stored) == sorted(expected)
    for iri, graph in expected.items():
        assert isomorphic(stored[iri], as_oxigraph_stores_it(graph)), iri


def test_ttl_push_goes_to_one_named_graph(oxigraph: str) -> None:
    ttl = build_dir("seeds") / "kg.ttl"
    source = Graph().parse(ttl, format="turtle")
    result = push([ttl], f"{oxigraph}/store")
    assert result.graphs == [(DEFAULT_GRAPH, len(source))]
    custom = "https://example.org/graphs/belarus"
    push([ttl], f"{oxigraph}/store", graph=custom)
    push([ttl], f"{oxigraph}/store", graph=custom)
    stored = named_graphs(dump(oxigraph))
    assert sorted(stored) == sorted([DEFAULT_GRAPH, custom])
    assert isomorphic(stored[custom], as_oxigraph_stores_it(source))
    assert count(oxigraph) == 2 * len(source)


def test_oxigraph_keeps_values_but_not_integer_subtypes(oxigraph: str) -> None:
    """The one difference after a round trip: xsd:nonNegativeInteger comes back as
    xsd:integer (Oxigraph stores the value). Everything else is exactly the input."""
    ttl = build_dir("seeds") / "kg.ttl"
    source = Graph().parse(ttl, format="turtle")
    push([ttl], f"{oxigraph}/store")
    stored = named_graphs(dump(oxigraph))[DEFAULT_GRAPH]
    changed = set(source) - set(stored)
    assert changed
    assert {str(o.datatype) for _, _, o in changed} == {
        "http://www.w3.org/2001/XMLSchema#nonNegativeInteger"
    }


# --- what the endpoint sees, auth and errors --------------------------------------------


@pytest.fixture
def recorder() -> Iterator[tuple[str, list[dict[str, str]]]]:
    """A stand-in Graph Store that wants user kg / password secret and records each PUT."""
    seen: list[dict[str, str]] = []
    token = "Basic " + base64.b64encode(b"kg:secret").decode()

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_PUT(self) -> None:
            body = self.rfile.read(int(self.headers["Content-Length"]))
            url = urlsplit(self.path)
            seen.append(
                {
                    "path": url.path,
                    "graph": parse_qs(url.query)["graph"][0],
                    "type": self.headers["Content-Type"],
                    "auth": self.headers.get("Authorization", ""),
                    "body": body.decode("utf-8"),
                }
            )
            ok = self.headers.get("Authorization") == token
            self.send_response(204 if ok else 401, None if ok else "Unauthorized")
            self.send_header("Content-Length", "0" if ok else "13")
            self.end_headers()
            if not ok:
                self.wfile.write(b"wrong secret\n")

        def log_message(self, *args: object) -> None:
            pass

    with serving(Handler) as base:
        yield f"{base}/ds/data", seen


def test_put_requests_carry_graph_turtle_and_basic_auth(recorder, tmp_path: Path) -> None:
    url, seen = recorder
    data = tmp_path / "small.trig"
    data.write_text(
        '<https://example.org/g1> { <https://example.org/a> <https://example.org/p> "x\\ny" . }\n'
        "<https://example.org/a> <https://example.org/p> <https://example.org/b> .\n",
        encoding="utf-8",
    )
    result = push([data], url, user="kg", password="secret")
    assert [g for g, _ in result.graphs] == ["https://example.org/g1", DEFAULT_GRAPH]
    assert [s["graph"] for s in seen] == ["https://example.org/g1", DEFAULT_GRAPH]
    assert {s["type"] for s in seen} == {"text/turtle; charset=utf-8"}
    assert {s["auth"] for s in seen} == {"Basic a2c6c2VjcmV0"}  # kg:secret
    assert seen[0]["body"] == '<https://example.org/a> <https://example.org/p> "x\\ny" .\n'
    parsed = Graph().parse(data=seen[0]["body"], format="turtle")  # N-Triples is Turtle
    assert len(parsed) == 1
    assert all(s["path"] == "/ds/data" for s in seen)


def test_refused_credentials_are_one_clear_error(recorder, tmp_path: Path) -> None:
    url, _ = recorder
    ttl = build_dir("seeds") / "kg.ttl"
    with pytest.raises(PushError, match=r"HTTP 401 Unauthorized \(check --user and --password\)"):
        push([ttl], url, user="kg", password="wrong")


def test_unreachable_and_bad_endpoints() -> None:
    ttl = build_dir("seeds") / "kg.ttl"
    with pytest.raises(PushError, match="cannot reach"):
        push([ttl], f"http://127.0.0.1:{free_port()}/store")
    with pytest.raises(PushError, match="expected an http"):
        push([ttl], "ftp://example.org/store")
    with pytest.raises(PushError, match="must not hold credentials"):
        push([ttl], "http://kg:secret@127.0.0.1:1/store")
    with pytest.raises(PushError, match="not an absolute IRI"):
        push([ttl], "http://127.0.0.1:1/store", graph="not an iri")
    with pytest.raises(PushError, match="--password needs --user"):
        push([ttl], "http://127.0.0.1:1/store", password="x")


def test_kg_push_command(run_kg, oxigraph: str) -> None:
    trig = build_dir("seeds") / "kg.trig"
    proc = run_kg("push", "--endpoint", f"{oxigraph}/store", "--data", trig)
    assert proc.returncode == 0, proc.stderr
    assert f"to {oxigraph}/store" in proc.stderr
    graphs = {URIRef(g) for g in named_graphs(dump(oxigraph))}
    assert URIRef("https://w3id.org/kg/graph/shared") in graphs
    bad = run_kg("push", "--endpoint", f"http://127.0.0.1:{free_port()}/store", "--data", trig)
    assert bad.returncode == 1
    assert bad.stderr.startswith("kg: error: cannot reach")
    assert "Traceback" not in bad.stderr


# --- credentials and partial failures ---------------------------------------------------


def test_credentials_never_go_over_plain_http_to_another_machine(tmp_path: Path) -> None:
    """Basic auth over http:// is the password in clear text: refused before anything is sent."""
    ttl = build_dir("seeds") / "kg.ttl"
    remote = "http://192.0.2.1:3030/ds/data"  # TEST-NET-1: nothing answers there
    with pytest.raises(PushError, match=r"over plain http to 192\.0\.2\.1 .*https://"):
        push([ttl], remote, user="kg", password="secret", timeout=1)
    # without credentials it is tried (and fails to connect), so only credentials are refused
    with pytest.raises(PushError, match=r"cannot reach|timed out"):
        push([ttl], remote, timeout=0.2)
    # loopback (the recorder tests above) and https are fine; the switch allows it knowingly
    with pytest.raises(PushError, match=r"cannot reach|timed out"):
        push([ttl], remote, user="kg", password="s", timeout=0.2, allow_plain_http=True)


def test_a_failure_halfway_says_how_many_graphs_were_replaced(tmp_path: Path) -> None:
    """PUT replaces graph by graph: after a failure the user must know the store is mixed."""
    answered: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_PUT(self) -> None:
            self.rfile.read(int(self.headers["Content-Length"]))
            answered.append(self.path)
            ok = len(answered) <= 2
            self.send_response(204 if ok else 500)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    trig = build_dir("seeds") / "kg.trig"
    total = len(named_graphs(Dataset().parse(trig, format="trig")))
    with serving(Handler) as base, pytest.raises(PushError) as caught:
        push([trig], f"{base}/store")
    assert total > 3
    assert "HTTP 500" in str(caught.value)
    assert f"2 of {total} graphs were already replaced" in str(caught.value)
    assert "run kg push again" in str(caught.value)


def test_password_on_the_command_line_is_warned_and_stdin_is_not(run_kg, recorder) -> None:
    url, seen = recorder
    ttl = build_dir("seeds") / "kg.ttl"
    loud = run_kg("push", "--endpoint", url, "--data", ttl, "--user", "kg", "--password", "secret")
    assert loud.returncode == 0, loud.stderr
    assert "kg: warning: --password on the command line is visible" in loud.stderr
    quiet = subprocess.run(
        [
            Path(sys.executable).with_name("kg"),
            "push",
            "--endpoint",
            url,
            "--data",
            ttl,
            "--user",
            "kg",
            "--password-stdin",
        ],
        input="secret\n",
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert quiet.returncode == 0, quiet.stderr
    assert "warning" not in quiet.stderr
    by_env = run_kg(
        "push", "--endpoint", url, "--data", ttl, "--user", "kg", env={"KG_PUSH_PASSWORD": "secret"}
    )
    assert by_env.returncode == 0 and "warning" not in by_env.stderr
    assert {s["auth"] for s in seen} == {"Basic a2c6c2VjcmV0"}
