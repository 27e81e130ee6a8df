"""kg.query.oxigraph answers every query in queries/ as rdflib does, under the same rules."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest
from pyoxigraph import Store

from kg.errors import DataError, QueryError
from kg.query.oxigraph import load_store, run_query_oxigraph
from kg.query.run import default_params, load_data, run_query
from tests.store_builds import build_dir, query_names, query_text, rows_of


@pytest.fixture(scope="module")
def ttl() -> Path:
    return build_dir("all") / "kg.ttl"


@pytest.fixture(scope="module")
def trig() -> Path:
    return build_dir("all") / "kg.trig"


@pytest.fixture(scope="module")
def rdflib_data(ttl: Path):
    return load_data([ttl])


@pytest.fixture(scope="module")
def store(ttl: Path) -> Store:
    return load_store([ttl])


@pytest.mark.parametrize("name", query_names())
def test_rdflib_and_oxigraph_give_the_same_rows(name: str, rdflib_data, store: Store) -> None:
    """Every competency query, seeds and corpus: the same rows as sets (order may differ)."""
    text = query_text(name)
    params = default_params(text)
    expected = rows_of(run_query(text, rdflib_data, fmt="json", params=params))
    got = rows_of(run_query_oxigraph(text, store, fmt="json", params=params))
    assert expected, f"{name} answers nothing: the comparison would prove nothing"
    assert got == expected


def test_ordered_output_is_byte_identical(rdflib_data, store: Store) -> None:
    """Same formatter, same columns: a fully ordered query prints exactly as kg query does
    (who-did-what orders by every column it shows after its sort keys: no ties left to
    the engine's plan)."""
    for name in ("timeline", "who-did-what"):
        text = query_text(name)
        if name == "who-did-what":
            select = re.search(r"^SELECT (.*)$", text, re.MULTILINE)
            order = re.search(r"^ORDER BY (.*)$", text, re.MULTILINE)
            assert select and order
            assert set(select[1].split()) <= set(order[1].split())
        for fmt in ("table", "csv", "tsv", "json"):
            oxigraph = run_query_oxigraph(text, store, fmt=fmt)
            assert oxigraph == run_query(text, rdflib_data, fmt=fmt), (name, fmt)


def test_a_parameter_binds_an_unprojected_variable(rdflib_data, store: Store) -> None:
    """everything-about binds ?actor, which it does not select (Oxigraph's own
    substitution refuses that; kg.query.oxigraph opens the WHERE group with VALUES instead)."""
    text = query_text("everything-about")
    for actor in ("kgr:vladimir-putin", "<https://w3id.org/kg/resource/belarus>"):
        params = {"actor": actor}
        expected = rows_of(run_query(text, rdflib_data, fmt="json", params=params))
        assert expected
        assert rows_of(run_query_oxigraph(text, store, fmt="json", params=params)) == expected


def test_construct_ask_and_select_star(rdflib_data, store: Store) -> None:
    construct = "CONSTRUCT { ?e a kgo:ImposeSanctions } WHERE { ?e a kgo:ImposeSanctions }"
    for fmt in ("turtle", "nt"):
        assert run_query_oxigraph(construct, store, fmt=fmt) == run_query(
            construct, rdflib_data, fmt=fmt
        )
    ask = "ASK { ?e a sem:Event ; sem:hasTimeStamp ?t }"
    assert run_query_oxigraph(ask, store, fmt="json") == run_query(ask, rdflib_data, fmt="json")
    star = "SELECT * WHERE { ?e kgo:agent ?a ; kgo:patient ?p } ORDER BY ?e ?a ?p"
    assert run_query_oxigraph(star, store) == run_query(star, rdflib_data)


def test_trig_default_graph_is_the_union_with_each_triple_once(trig: Path) -> None:
    """Oxigraph's union-default-graph mode counts a triple once per graph; load_store
    keeps rdflib's semantics (a triple in two graphs is one triple)."""
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    expected = run_query(count, load_data([trig]), fmt="json")
    store = load_store([trig])
    assert run_query_oxigraph(count, store, fmt="json") == expected
    per_graph = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
    assert rows_of(run_query_oxigraph(per_graph, store, fmt="json")) != rows_of(expected)


def test_graph_option_and_from_a_held_graph(trig: Path) -> None:
    store, data = load_store([trig]), load_data([trig])
    shared = "https://w3id.org/kg/graph/shared"
    text = "SELECT ?c WHERE { ?c rdfs:subClassOf sem:Event } ORDER BY ?c"
    assert run_query_oxigraph(text, store, graph=shared) == run_query(text, data, graph=shared)
    from_text = f"SELECT ?c FROM <{shared}> WHERE {{ ?c rdfs:subClassOf sem:Event }} ORDER BY ?c"
    assert run_query_oxigraph(from_text, store) == run_query(from_text, data)
    with pytest.raises(QueryError, match=r"no graph <https://example\.org/g>"):
        run_query_oxigraph(text, store, graph="https://example.org/g")


# --- safety ----------------------------------------------------------------------------


def test_the_listener_does_see_what_oxigraph_is_given(listener) -> None:
    """The control: unguarded, pyoxigraph does follow SERVICE to the listener."""
    url, hits = listener
    with pytest.raises(OSError):
        list(Store().query(f"SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}"))
    assert hits


@pytest.mark.parametrize(
    "template",
    [
        "SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
        "SELECT * WHERE {{ ?s a sem:Event OPTIONAL {{ SERVICE SILENT <{url}> {{ ?s ?p ?o }} }} }}",
        "SELECT * WHERE {{ \\u0053ERVICE <{url}> {{ ?s ?p ?o }} }}",
        "ASK {{ BIND(<{url}> AS ?u) SERVICE ?u {{ ?s ?p ?o }} }}",
    ],
    ids=["plain", "silent-in-optional", "unicode-escape", "variable"],
)
def test_service_is_refused_before_oxigraph(listener, store: Store, template: str) -> None:
    url, hits = listener
    with pytest.raises(QueryError, match="SERVICE"):
        run_query_oxigraph(template.format(url=url), store, fmt="json")
    assert hits == []


def test_service_is_allowed_when_asked(listener, store: Store) -> None:
    url, hits = listener
    with pytest.raises(QueryError, match="query failed"):
        run_query_oxigraph(
            f"SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}", store, allow_service=True
        )
    assert hits


def test_updates_and_remote_from_are_refused(store: Store) -> None:
    before = len(store)
    with pytest.raises(QueryError, match="read-only"):
        run_query_oxigraph("INSERT DATA { <urn:a> <urn:b> <urn:c> }", store)
    with pytest.raises(QueryError, match="read-only"):
        run_query_oxigraph("DROP ALL", store)
    with pytest.raises(QueryError, match=r"FROM <http://example\.org/data\.ttl> is refused"):
        run_query_oxigraph("SELECT * FROM <http://example.org/data.ttl> WHERE { ?s ?p ?o }", store)
    with pytest.raises(QueryError, match=r"FROM <data\.ttl> is refused.*file system"):
        run_query_oxigraph("SELECT * FROM <data.ttl> WHERE { ?s ?p ?o }", store)
    assert len(store) == before


@pytest.mark.parametrize(
    "text",
    [
        'SELECT ?s WHERE { ?s rdfs:label "SERVICE" }',
        "SELECT ?service WHERE { ?service a sem:Event } LIMIT 1",
        "# SERVICE <http://example.org/> in a comment\nSELECT ?s WHERE { ?s a sem:Event } LIMIT 1",
    ],
    ids=["in-a-string", "a-variable", "in-a-comment"],
)
def test_the_word_service_elsewhere_is_fine(store: Store, text: str) -> None:
    run_query_oxigraph(text, store, fmt="json")


def test_syntax_errors_point_at_the_users_line(store: Store) -> None:
    with pytest.raises(QueryError, match="line 2, column 7"):
        run_query_oxigraph("SELECT ?s\nWHERE ?s a sem:Event }", store)


# --- loading ---------------------------------------------------------------------------


def test_load_errors_name_the_file(tmp_path: Path) -> None:
    with pytest.raises(DataError, match="no such file"):
        load_store([tmp_path / "missing.ttl"])
    bad = tmp_path / "bad.ttl"
    bad.write_text("<a> <b> .\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"bad\.ttl: cannot parse as turtle"):
        load_store([bad])
    with pytest.raises(DataError, match=r"unknown data format '\.xml'"):
        load_store([tmp_path / "data.xml"])
    remote = tmp_path / "remote.jsonld"
    remote.write_text('{"@context": "https://example.org/ctx", "@id": "urn:a"}', encoding="utf-8")
    with pytest.raises(DataError, match=r"remote\.jsonld"):
        load_store([remote])


def test_every_data_format_loads_the_same_triples(tmp_path: Path, ttl: Path) -> None:
    from kg.export.graph import export_graph

    expected = len(load_store([ttl]))
    for fmt, suffix in (("nt", ".nt"), ("json-ld", ".jsonld"), ("trig", ".trig")):
        out = tmp_path / f"kg{suffix}"
        export_graph(ttl, out, fmt)
        store = load_store([out])
        count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
        assert rows_of(run_query_oxigraph(count, store, fmt="json")) == {
            f'{{"n": {{"datatype": "http://www.w3.org/2001/XMLSchema#integer", '
            f'"type": "literal", "value": "{expected}"}}}}'
        }


def test_kg_query_on_oxigraph_reports_a_timeout_at_the_deadline(run_kg) -> None:
    """Oxigraph evaluates in Rust and never sees the interrupts: kg query used to wait 2 s
    for them after the deadline. Now it reports at once, and its exit stops Oxigraph."""
    small = Path(__file__).resolve().parents[1] / "data" / "query" / "small.ttl"
    started = time.monotonic()
    run_kg("query", "ASK {}", "--data", small, "--store", "oxigraph")
    startup = time.monotonic() - started
    patterns = " ".join(f"?s{i} ?p{i} ?o{i} ." for i in range(6))  # 50**6 rows to count
    started = time.monotonic()
    done = run_kg(
        "query",
        f"SELECT (COUNT(*) AS ?n) WHERE {{ {patterns} }}",
        "--data",
        small,
        "--store",
        "oxigraph",
        "--timeout",
        "1",
    )
    elapsed = time.monotonic() - started
    assert done.stderr == "kg: error: query timed out after 1 s; use --timeout to allow more\n"
    assert elapsed < startup + 1 + 1.2, (elapsed, startup)
