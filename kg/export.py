"""Export the graph to another RDF serialisation, deterministically."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from rdflib import Graph

from kg.outputs import write_atomic
from kg.query import load_data
from kg.rdf.vocab import PREFIXES, bind_prefixes


def serialize(graph: Graph, rdflib_format: str) -> str:
    """Text of `graph` in `rdflib_format`; N-Triples lines are sorted (rdflib does not)."""
    if rdflib_format == "json-ld":
        context = {prefix: str(ns) for prefix, ns in PREFIXES.items()}
        text = graph.serialize(format="json-ld", context=context, auto_compact=True)
        # rdflib walks `set(graph.subjects())`: node order follows the hash seed
        document = _sorted_json(json.loads(text))
        return json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    text = graph.serialize(format=rdflib_format)
    if rdflib_format == "nt":
        text = "".join(sorted(set(text.splitlines(keepends=True))))
    return text


def _sorted_json(node: Any, ordered: bool = False) -> Any:
    """JSON-LD with every array sorted, except where order is meaning (`@list`, `@context`)."""
    if isinstance(node, dict):
        return {
            key: _sorted_json(value, key in ("@list", "@context")) for key, value in node.items()
        }
    if isinstance(node, list):
        items = [_sorted_json(item) for item in node]
        if ordered:
            return items
        return sorted(items, key=lambda item: json.dumps(item, sort_keys=True, ensure_ascii=False))
    return node


def export_graph(data: Path, out: Path, rdflib_format: str) -> int:
    """Write `data` as `rdflib_format` to `out`; returns the number of triples."""
    dataset = load_data([data])
    if rdflib_format == "trig":
        write_atomic(out, bind_prefixes(dataset).serialize(format="trig"))
        return len(dataset)
    graph = bind_prefixes(Graph())
    for triple in dataset.triples((None, None, None)):
        graph.add(triple)
    write_atomic(out, serialize(graph, rdflib_format))
    return len(graph)
