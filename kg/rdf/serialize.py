"""Deterministic serialisations: the same graph always gives the same bytes.

rdflib sorts Turtle but not N-Triples, JSON-LD node order or TriG graph order.
"""

from __future__ import annotations

import json
from typing import Any

from rdflib import Dataset, Graph

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


def serialize_trig(dataset: Dataset) -> str:
    """TriG with named graphs in IRI order, each written as sorted Turtle."""
    header: list[str] = []
    blocks: list[str] = []
    graphs = sorted((g for g in dataset.graphs() if len(g)), key=lambda g: str(g.identifier))
    for named in graphs:
        graph = bind_prefixes(Graph())
        for triple in named:
            graph.add(triple)
        lines = graph.serialize(format="turtle").splitlines()
        prefixes = [line for line in lines if line.startswith("@prefix")]
        header = sorted(set(header) | set(prefixes))
        body = [line for line in lines if not line.startswith("@prefix")]
        text = "\n".join(body).strip("\n")  # no indent: it would change multi-line literals
        blocks.append(f"<{named.identifier}> {{\n{text}\n}}\n")
    return "\n".join(header) + "\n\n" + "\n".join(blocks)
