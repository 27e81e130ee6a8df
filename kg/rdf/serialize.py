"""Deterministic serialisations: the same graph always gives the same bytes.

Statements are written as sorted N-Triples/N-Quads lines and turned into Turtle and TriG
by Oxigraph's serializer: rdflib's own Turtle writer spends quadratic time minting
prefixes for mention IRIs (20 s for 100 articles, against 0.3 s here), and it orders
neither N-Triples, JSON-LD nodes nor TriG graphs.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

import pyoxigraph as ox
from rdflib import Dataset, Graph

from kg.rdf.vocab import PREFIXES

# Document and mention IRIs (…/doc/x#char=1,5) stay whole: as prefixed names they would
# need backslash escapes ("kgd:x\#char\=1\,5").
_TURTLE_PREFIXES = {p: str(ns) for p, ns in PREFIXES.items() if p != "kgd"}


def nt_lines(graph: Graph) -> list[str]:
    """The statements of `graph` as sorted, distinct N-Triples lines."""
    return sorted(set(_lines(graph.serialize(format="nt"))))


def _quad_lines(dataset: Dataset) -> list[tuple[str, str]]:
    """(graph IRI, N-Quads line) of every quad, sorted by graph then statement."""
    out = set()
    for line in _lines(dataset.serialize(format="nquads")):
        if line.strip():
            statement, graph, _ = line.rsplit(" ", 2)
            out.add((graph, f"{statement} {graph} .\n"))
    return sorted(out)


def quad_lines(dataset: Dataset) -> list[str]:
    """Every quad as a sorted N-Quads line (graphs in IRI order)."""
    return [line for _, line in _quad_lines(dataset)]


def union_lines(dataset: Dataset, quads: list[str] | None = None) -> list[str]:
    """Every statement of every named graph once, as sorted N-Triples lines."""
    lines = quads if quads is not None else quad_lines(dataset)
    return sorted({line.rsplit(" ", 2)[0] + " .\n" for line in lines})


def _spaced(data: bytes | None) -> str:
    """A blank line after the prefixes and before each subject block, for readers."""
    out: list[str] = []
    for line in _lines((data or b"").decode("utf-8")):
        after_prefixes = bool(out) and out[-1].startswith("@prefix")
        if line.startswith("@prefix"):
            pass
        elif out and (after_prefixes or not line.startswith(("\t", "}"))):
            out.append("\n")
        out.append(line)
    return "".join(out)


def _lines(text: str) -> list[str]:
    """Lines split at "\\n" only: str.splitlines also breaks at U+2028 inside literals."""
    return [line + "\n" for line in text.split("\n") if line]


def turtle_from_lines(lines: Iterable[str]) -> str:
    triples = ox.parse("".join(lines), format=ox.RdfFormat.N_TRIPLES)
    return _spaced(ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=_TURTLE_PREFIXES))


def serialize(graph: Graph, rdflib_format: str) -> str:
    """Text of `graph` in `rdflib_format`, the same bytes for the same statements."""
    if rdflib_format == "turtle":
        return turtle_from_lines(nt_lines(graph))
    if rdflib_format == "nt":
        return "".join(nt_lines(graph))
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


def serialize_trig(dataset: Dataset, lines: list[str] | None = None) -> str:
    """TriG with named graphs in IRI order, statements sorted within each."""
    text = "".join(lines if lines is not None else quad_lines(dataset))
    quads = ox.parse(text, format=ox.RdfFormat.N_QUADS)
    return _spaced(ox.serialize(quads, format=ox.RdfFormat.TRIG, prefixes=_TURTLE_PREFIXES))
