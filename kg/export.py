"""Export the graph to another RDF serialisation, deterministically."""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph

from kg.outputs import write_atomic
from kg.query import load_data
from kg.rdf.serialize import serialize, serialize_trig
from kg.rdf.vocab import bind_prefixes


def export_graph(data: Path, out: Path, rdflib_format: str) -> int:
    """Write `data` as `rdflib_format` to `out`; returns the number of triples."""
    dataset = load_data([data])
    if rdflib_format == "trig":
        write_atomic(out, serialize_trig(dataset))
        return len(dataset)
    graph = bind_prefixes(Graph())
    for triple in dataset.triples((None, None, None)):
        graph.add(triple)
    write_atomic(out, serialize(graph, rdflib_format))
    return len(graph)
