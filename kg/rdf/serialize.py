"""Deterministic serialisations: the same graph always gives the same bytes.

Statements are written as sorted N-Triples/N-Quads lines and turned into Turtle and TriG
by Oxigraph's serializer: rdflib's own Turtle writer spends quadratic time minting
prefixes for mention IRIs (20 s for 100 articles, against 0.3 s here), and it orders
neither N-Triples, JSON-LD nodes nor TriG graphs.
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Iterable
from typing import Any, BinaryIO, TextIO

import pyoxigraph as ox
from rdflib import Dataset, Graph

from kg.rdf.ntriples import split_lines
from kg.rdf.vocab import PREFIXES

# Document and mention IRIs (…/doc/x#char=1,5) stay whole: as prefixed names they would
# need backslash escapes ("kgd:x\#char\=1\,5").
TURTLE_PREFIXES = {p: str(ns) for p, ns in PREFIXES.items() if p != "kgd"}
_CHUNK = 1 << 22
_BLOCK_START = re.compile(r"\n(?=[^\t}@\n])")
_BLOCK_START_BYTES = re.compile(rb"\n(?=[^\t}@\n])")


def nt_lines(graph: Graph) -> list[str]:
    """The statements of `graph` as sorted, distinct N-Triples lines."""
    return sorted(set(split_lines(graph.serialize(format="nt"))))


def _quad_lines(dataset: Dataset) -> list[tuple[str, str]]:
    """(graph IRI, N-Quads line) of every quad, sorted by graph then statement."""
    out = set()
    for line in split_lines(dataset.serialize(format="nquads")):
        if line.strip():
            statement, graph, _ = line.rsplit(" ", 2)
            out.add((graph, f"{statement} {graph} .\n"))
    return sorted(out)


def quad_lines(dataset: Dataset) -> list[str]:
    """Every quad as a sorted N-Quads line (graphs in IRI order)."""
    return [line for _, line in _quad_lines(dataset)]


def space_blocks(text: TextIO, out: TextIO) -> None:
    """A blank line after the prefixes and before each subject or graph block, for readers.

    Oxigraph writes literals with escaped line breaks, so every line that starts with
    neither a tab, "}" nor "@" opens a block. Works on chunks: any size fits in memory.
    """
    carry = ""
    while chunk := text.read(_CHUNK):
        buffer = carry + chunk
        cut = buffer.rfind("\n")
        if cut <= 0:
            carry = buffer
            continue
        out.write(_BLOCK_START.sub("\n\n", buffer[:cut]))
        carry = buffer[cut:]
    out.write(_BLOCK_START.sub("\n\n", carry))


def space_blocks_binary(source: BinaryIO, out: BinaryIO) -> None:
    """`space_blocks` on UTF-8 bytes, without decoding them: the same bytes come out (a
    line that opens a block starts with a byte that is none of tab, "}", "@", line end)."""
    carry = b""
    while chunk := source.read(_CHUNK):
        buffer = carry + chunk
        cut = buffer.rfind(b"\n")
        if cut <= 0:
            carry = buffer
            continue
        out.write(_BLOCK_START_BYTES.sub(b"\n\n", buffer[:cut]))
        carry = buffer[cut:]
    out.write(_BLOCK_START_BYTES.sub(b"\n\n", carry))


def _spaced(data: bytes | None) -> str:
    out = io.StringIO()
    space_blocks(io.StringIO((data or b"").decode("utf-8")), out)
    return out.getvalue()


def turtle_from_lines(lines: Iterable[str], prefixes: dict[str, str] | None = None) -> str:
    triples = ox.parse("".join(lines), format=ox.RdfFormat.N_TRIPLES)
    chosen = TURTLE_PREFIXES if prefixes is None else prefixes
    return _spaced(ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=chosen))


def used_prefixes(lines: Iterable[str], prefixes: dict[str, str]) -> dict[str, str]:
    """The prefixes whose namespace some IRI or datatype in these N-Triples lines uses."""
    text = "".join(lines)
    return {p: ns for p, ns in prefixes.items() if f"<{ns}" in text}


def serialize(graph: Graph, rdflib_format: str, *, only_used_prefixes: bool = False) -> str:
    """Text of `graph` in `rdflib_format`, the same bytes for the same statements.

    A whole graph declares every project prefix; a query's small result (`only_used_prefixes`)
    declares the ones it uses, so its header stays as short as the answer.
    """
    lines = nt_lines(graph)
    if rdflib_format == "turtle":
        prefixes = used_prefixes(lines, TURTLE_PREFIXES) if only_used_prefixes else None
        return turtle_from_lines(lines, prefixes)
    if rdflib_format == "nt":
        return "".join(lines)
    if rdflib_format == "json-ld":
        context = {prefix: str(ns) for prefix, ns in PREFIXES.items()}
        if only_used_prefixes:
            context = used_prefixes(lines, context)
        text = graph.serialize(format="json-ld", context=context, auto_compact=True)
        # rdflib walks `set(graph.subjects())`: node order follows the hash seed
        document = _sorted_json(json.loads(text))
        return json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    return graph.serialize(format=rdflib_format)


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
    return _spaced(ox.serialize(quads, format=ox.RdfFormat.TRIG, prefixes=TURTLE_PREFIXES))
