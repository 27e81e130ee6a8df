"""Export the graph to another RDF serialisation, deterministically.

From a file, statements go through rdflib (any size that fits in memory); from an Oxigraph
store (`kg build --with-store`), Turtle and N-Triples of the union graph are dumped by
Oxigraph itself, streaming: the way out for an archive of millions of statements.
"""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph

from kg.outputs import write_atomic
from kg.query.run import load_data
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


STORE_FORMATS = {"turtle": "TURTLE", "nt": "N_TRIPLES"}


def export_store(location: Path, out: Path, fmt: str) -> None:
    """Dump the union of all graphs (the store's default graph) as Turtle or N-Triples."""
    import pyoxigraph as ox

    from kg.outputs import atomic_file
    from kg.rdf.serialize import TURTLE_PREFIXES
    from kg.store.files import open_store

    store = open_store(location)
    rdf_format = getattr(ox.RdfFormat, STORE_FORMATS[fmt])
    prefixes = TURTLE_PREFIXES if fmt == "turtle" else None
    with atomic_file(out) as tmp:
        store.dump(
            output=str(tmp), format=rdf_format, from_graph=ox.DefaultGraph(), prefixes=prefixes
        )
