"""Exports: every RDF format parses back to the same graph; GraphML and CSV carry the events."""

from __future__ import annotations

import csv
from pathlib import Path

import networkx as nx
import pytest
from rdflib import RDF, Dataset, Graph, Literal, URIRef
from rdflib.compare import graph_diff, isomorphic
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

from kg.export.graph import export_graph
from kg.export.tabular import CSV_COLUMNS, export_events_csv, export_graphml
from kg.query.run import load_data
from kg.rdf.vocab import GAF, KGO, NIF, SEM
from tests.store_builds import build_dir

FORMATS = {"turtle": ".ttl", "nt": ".nt", "json-ld": ".jsonld", "trig": ".trig"}


def union(path: Path, rdflib_format: str) -> Graph:
    """Every statement of a file, whatever named graph it is in."""
    dataset = Dataset()
    dataset.parse(path, format=rdflib_format)
    graph = Graph()
    for s, p, o, _ in dataset.quads((None, None, None, None)):
        graph.add((s, p, o))
    return graph


@pytest.fixture(scope="module")
def ttl() -> Path:
    return build_dir("all") / "kg.ttl"


@pytest.fixture(scope="module")
def original(ttl: Path) -> Graph:
    return Graph().parse(ttl, format="turtle")


@pytest.mark.parametrize("rdflib_format", FORMATS)
def test_every_rdf_export_round_trips(
    tmp_path: Path, ttl: Path, original: Graph, rdflib_format: str
) -> None:
    out = tmp_path / f"kg{FORMATS[rdflib_format]}"
    count = export_graph(ttl, out, rdflib_format)
    back = union(out, rdflib_format)
    assert count == len(original) == len(back)
    if not isomorphic(back, original):
        _, only_back, only_original = graph_diff(back, original)
        pytest.fail(f"{len(only_back)} triples gained, {len(only_original)} lost")


def test_trig_keeps_each_named_graph(tmp_path: Path) -> None:
    """kg.trig → export as TriG: every named graph comes back isomorphic on its own."""
    trig = build_dir("all") / "kg.trig"
    out = tmp_path / "again.trig"
    export_graph(trig, out, "trig")
    before, after = Dataset().parse(trig, format="trig"), Dataset().parse(out, format="trig")

    def graphs(dataset: Dataset) -> dict[str, Graph]:
        return {
            str(g.identifier): g
            for g in dataset.graphs()
            if g.identifier != DATASET_DEFAULT_GRAPH_ID and len(g)
        }

    assert sorted(graphs(after)) == sorted(graphs(before))
    for name, graph in graphs(before).items():
        assert isomorphic(graphs(after)[name], graph), name


# --- GraphML ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def network(tmp_path_factory: pytest.TempPathFactory, ttl: Path) -> nx.MultiDiGraph:
    out = tmp_path_factory.mktemp("graphml") / "kg.graphml"
    summary = export_graphml(load_data([ttl]), out)
    graph = nx.read_graphml(out, force_multigraph=True)
    assert (summary.nodes, summary.rows) == (graph.number_of_nodes(), graph.number_of_edges())
    return graph


def test_graphml_nodes_are_actors_with_label_and_type(network: nx.MultiDiGraph) -> None:
    eu = network.nodes["https://w3id.org/kg/resource/european-union"]
    assert eu["label"] == "European Union"
    assert eu["label_nl"] == "Europese Unie"
    assert eu["wikidata"] == "http://www.wikidata.org/entity/Q458"
    types = {data["type"] for _, data in network.nodes(data=True)}
    assert {"person", "country", "government", "group"} <= types
    assert all("label" in data for _, data in network.nodes(data=True))


def test_graphml_edges_are_events_from_agent_to_patient(network: nx.MultiDiGraph) -> None:
    edges = network.get_edge_data(
        "https://w3id.org/kg/resource/european-union", "https://w3id.org/kg/resource/belarus"
    )
    sanctions = [e for e in edges.values() if e.get("type") == "ImposeSanctions"]
    assert sanctions
    edge = sanctions[0]
    assert edge["cameo"] == "163"
    assert edge["kind"] == "event"
    assert edge["role"] == "patient"
    assert edge["event"].startswith("https://w3id.org/kg/event/")
    assert "sancties" in edge["sentence"] or "sanctions" in edge["sentence"]
    assert edge["source"].startswith("https://w3id.org/kg/doc/")
    cameos = {d.get("cameo") for _, _, d in network.edges(data=True)}
    assert "040" in cameos  # a string with its leading zero, not the number 40
    assert any(d.get("time") for _, _, d in network.edges(data=True))


def test_graphml_affiliations_are_relation_edges(network: nx.MultiDiGraph) -> None:
    relations = [
        (u, v, d["relation"]) for u, v, d in network.edges(data=True) if d.get("kind") == "relation"
    ]
    assert (
        "https://w3id.org/kg/resource/alexander-lukashenko",
        "https://w3id.org/kg/resource/belarus",
        "leaderOf",
    ) in relations


def test_graphml_survives_control_characters(tmp_path: Path, ttl: Path) -> None:
    data = load_data([ttl])
    event = _first_asserted(data, KGO.ImposeSanctions)
    for mention in list(data.objects(event, GAF.denotedBy)):
        for old in list(data.objects(mention, NIF.anchorOf)):
            data.remove((mention, NIF.anchorOf, old))
        data.add((mention, NIF.anchorOf, Literal("bad\x0bchar\x00s")))
    out = tmp_path / "kg.graphml"
    export_graphml(data, out)
    sentences = {d.get("sentence") for _, _, d in nx.read_graphml(out).edges(data=True)}
    assert "badchars" in sentences  # XML 1.0 cannot carry \x0b or \x00: they are dropped


# --- CSV --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def rows(tmp_path_factory: pytest.TempPathFactory, ttl: Path) -> list[dict[str, str]]:
    out = tmp_path_factory.mktemp("csv") / "events.csv"
    summary = export_events_csv(load_data([ttl]), out)
    with out.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        assert tuple(reader.fieldnames or ()) == CSV_COLUMNS
        result = list(reader)
    assert summary.rows == len(result)
    return result


def _first_asserted(data: Graph, event_class: URIRef) -> URIRef:
    asserted = Literal("asserted")
    return sorted(
        e for e in data.subjects(RDF.type, event_class) if (e, KGO.factuality, asserted) in data
    )[0]


def test_csv_has_one_row_per_asserted_event(
    rows: list[dict[str, str]], original: Graph, ttl: Path, tmp_path: Path
) -> None:
    every = {str(e) for e in original.subjects(RDF.type, SEM.Event)}
    asserted = {str(e) for e in original.subjects(KGO.factuality, Literal("asserted"))}
    assert asserted < every  # the seeds and corpus deny, ask and plan things too
    assert len(rows) == len(asserted)
    assert {r["event"] for r in rows} == asserted
    assert {r["factuality"] for r in rows} == {"asserted"}
    out = tmp_path / "all.csv"
    export_events_csv(load_data([ttl]), out, statements="all")
    with out.open(encoding="utf-8", newline="") as handle:
        everything = list(csv.DictReader(handle))
    assert {r["event"] for r in everything} == every
    assert {"question", "future"} <= {r["factuality"] for r in everything}


def test_csv_row_content(rows: list[dict[str, str]]) -> None:
    sanctions = [r for r in rows if r["type"] == "impose sanctions"]
    assert {(r["agent"], r["patient"], r["cameo"]) for r in sanctions} >= {
        ("European Union", "Belarus", "163")
    }
    assert all(r["sentence"] and r["source"].startswith("https://") for r in rows)
    border = [r for r in rows if "origin:" in r["others"] or "destination:" in r["others"]]
    assert border
    assert any(r["place"] for r in rows)
    assert any(r["time"] == "2021-11-08" for r in rows)


def test_csv_cells_never_start_a_formula(tmp_path: Path, ttl: Path) -> None:
    """Article text is untrusted: a cell a spreadsheet would run as a formula is defused."""
    data = load_data([ttl])
    event = _first_asserted(data, KGO.ImposeSanctions)
    for mention in list(data.objects(event, GAF.denotedBy)):
        for old in list(data.objects(mention, NIF.anchorOf)):
            data.remove((mention, NIF.anchorOf, old))
        data.add((mention, NIF.anchorOf, Literal('=HYPERLINK("http://evil.example","x")')))
    out = tmp_path / "events.csv"
    export_events_csv(data, out)
    with out.open(encoding="utf-8", newline="") as handle:
        (row,) = [r for r in csv.DictReader(handle) if r["event"] == str(event)]
    assert row["sentence"].startswith("'=HYPERLINK")


def test_exports_replace_files_atomically(tmp_path: Path, ttl: Path) -> None:
    data = load_data([ttl])
    out = tmp_path / "events.csv"
    out.write_text("old", encoding="utf-8")
    export_events_csv(data, out)
    export_graphml(data, tmp_path / "kg.graphml")
    assert out.read_text(encoding="utf-8").startswith("event,type,cameo")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["events.csv", "kg.graphml"]


@pytest.mark.parametrize("fmt", ["nt", "csv", "graphml"])
@pytest.mark.parametrize("where", ["folder", "under-a-file", "read-only"])
def test_export_to_a_place_that_cannot_be_written_is_one_line(
    run_kg, tmp_path: Path, ttl: Path, fmt: str, where: str, request: pytest.FixtureRequest
) -> None:
    """`--out DIR`, a path under a file, a read-only folder: one line naming it, nothing left."""
    blocker = tmp_path / "blocker.txt"
    blocker.write_text("keep me\n", encoding="utf-8")
    out = {
        "folder": lambda: tmp_path,
        "under-a-file": lambda: blocker / "kg.out",
        "read-only": lambda: request.getfixturevalue("read_only_folder") / "kg.out",
    }[where]()
    before = sorted(p.name for p in tmp_path.iterdir())
    done = run_kg("export", "--format", fmt, "--out", out, "--data", ttl)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"kg: error: {out}: "), done.stderr
    reason = {"folder": "is a folder", "under-a-file": "is a file, not a folder"}
    assert reason.get(where, "cannot write here") in lines[0]
    assert sorted(p.name for p in tmp_path.iterdir()) == before
    assert blocker.read_text(encoding="utf-8") == "keep me\n"
