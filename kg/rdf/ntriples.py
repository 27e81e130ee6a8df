"""N-Triples/N-Quads terms written as strings: the fast path from records to RDF.

Building rdflib terms and adding them to a Dataset cost three quarters of a build; an
N-Quads line is all the outputs need (Oxigraph turns lines into Turtle, TriG and stores).
The escaping is that of canonical N-Triples, so a line is the same whoever writes it.
"""

from __future__ import annotations

import re

from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

XSD_NS = "http://www.w3.org/2001/XMLSchema#"
_IRI_UNSAFE = re.compile(r'[\x00-\x20<>"{}|^`\\]')
_LITERAL_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})


def iri(value: str) -> str:
    """`<value>`; characters an IRIREF may not hold are percent-encoded, never passed on."""
    if _IRI_UNSAFE.search(value):
        value = _IRI_UNSAFE.sub(lambda m: f"%{ord(m.group()):02X}", value)
    return f"<{value}>"


def literal(value: str, lang: str | None = None, datatype: str | None = None) -> str:
    """A quoted literal with a language tag or a datatype IRI (plain xsd:string has neither)."""
    if "\\" in value or '"' in value or "\n" in value or "\r" in value:
        value = value.translate(_LITERAL_ESCAPES)  # a lookup per character: only if needed
    text = '"' + value + '"'
    if lang:
        return f"{text}@{lang}"
    if datatype:
        return f"{text}^^<{datatype}>"
    return text


def integer(value: int, datatype: str = XSD_NS + "nonNegativeInteger") -> str:
    return f'"{value}"^^<{datatype}>'


def term(node: Node) -> str:
    """An rdflib term in the same form, for the few triples still built with rdflib."""
    if isinstance(node, URIRef):
        return iri(str(node))
    if isinstance(node, Literal):
        datatype = str(node.datatype) if node.datatype else None
        return literal(str(node), node.language, datatype)
    if isinstance(node, BNode):
        return f"_:{node}"
    raise TypeError(f"not an RDF term: {node!r}")


def graph_of(quad_line: str) -> str:
    return quad_line.rsplit(" ", 2)[1]


def sort_block(lines) -> list[str]:
    """Distinct quads grouped by graph, statements sorted within each: TriG-friendly."""
    return sorted(set(lines), key=lambda line: (graph_of(line), line))


def resort_block(lines: list, graph=graph_of) -> list:
    """`sort_block` of a sorted block whose statements changed but not their graphs.

    The graphs' runs stay where they were, so each is found by bisection and sorted on
    its own, by the line alone: no sort key is computed per line. Lines may be str or
    bytes (`graph` reads the graph of one).
    """
    out: list = []
    start, end = 0, len(lines)
    while start < end:
        current = graph(lines[start])
        low, high = start + 1, end  # the run ends at the first line of another graph
        while low < high:
            middle = (low + high) // 2
            if graph(lines[middle]) == current:
                low = middle + 1
            else:
                high = middle
        # sorted, then duplicates dropped: the lines are nearly in order, which a sort of
        # the list is quick with and a sort of a set of them would lose
        out.extend(dict.fromkeys(sorted(lines[start:low])))
        start = low
    return out


def split_lines(text: str) -> list[str]:
    """Lines split at "\\n" only: str.splitlines also breaks at U+2028 inside literals."""
    return [line + "\n" for line in text.split("\n") if line]
