"""The graph in an Oxigraph store: the same data, the same safety rules, the same answers.

Oxigraph is much faster than rdflib's memory store on large graphs, but it follows SERVICE
on its own and Python cannot see it do so. So no text reaches `Store.query` before
`kg.query.run.check_query` has read it once (kg.query.text: SERVICE refused as a token, bounds
on nesting and length), parsed that reading with rdflib and refused SERVICE, updates and
FROM of graphs the store does not hold. Oxigraph is then given the text as read, never the
user's: both engines parse the same tokens the guard saw.

`load_store` mirrors `kg.query.run.load_data`: named graphs are kept, and the default graph
holds the union of every graph, each triple once. (Oxigraph's own union-default-graph mode
counts a triple once per graph that holds it, so COUNT and SUM would differ from rdflib.)
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from pyoxigraph import (
    BlankNode,
    DefaultGraph,
    NamedNode,
    Quad,
    QueryBoolean,
    QuerySolutions,
    QueryTriples,
    RdfFormat,
    Store,
)
from pyoxigraph import Literal as OxLiteral
from pyoxigraph import parse as ox_parse
from rdflib import BNode, Graph, Literal, URIRef, Variable
from rdflib.namespace import RDF, XSD
from rdflib.term import Identifier, Node

from kg.errors import DataError, QueryError
from kg.query.run import (
    DATA_FORMATS,
    CheckedQuery,
    check_query,
    format_result,
    no_such_graph,
    run_with_timeout,
)
from kg.query.text import refuse_escapes_left
from kg.rdf.vocab import PREFIXES

__all__ = [
    "OX_FORMATS",
    "check_oxigraph_query",
    "load_store",
    "oxigraph_query",
    "parse_quads",
    "run_contained",
    "run_query_oxigraph",
    "to_oxigraph",
    "to_rdflib",
]

OX_FORMATS: dict[str, RdfFormat] = {
    "turtle": RdfFormat.TURTLE,
    "trig": RdfFormat.TRIG,
    "nt": RdfFormat.N_TRIPLES,
    "nquads": RdfFormat.N_QUADS,
    "json-ld": RdfFormat.JSON_LD,
}
"""rdflib parser name (as in `kg.query.run.DATA_FORMATS`) → Oxigraph format."""

PREFIX_MAP: dict[str, str] = {prefix: str(ns) for prefix, ns in PREFIXES.items()}
"""The prefixes `kg query` predeclares, handed to Oxigraph so line numbers stay the user's."""

_LANG_STRING = str(RDF.langString)
_XSD_STRING = str(XSD.string)


# --- data ------------------------------------------------------------------------------


def parse_quads(path: Path) -> list[Quad]:
    """Every quad of one data file (triples land in the default graph), or a DataError."""
    fmt = DATA_FORMATS.get(path.suffix.lower())
    if fmt is None:
        known = ", ".join(DATA_FORMATS)
        raise DataError(f"{path}: unknown data format {path.suffix!r}; expected one of {known}")
    if not path.exists():
        raise DataError(f"{path}: no such file")
    if path.is_dir():
        raise DataError(f"{path}: is a directory, not a data file")
    try:
        # Oxigraph never fetches a remote JSON-LD @context: it refuses the file instead
        return list(ox_parse(path=path, format=OX_FORMATS[fmt], base_iri=path.resolve().as_uri()))
    except SyntaxError as exc:
        raise DataError(f"{path}: cannot parse as {fmt}: {_one_line(exc)}") from None
    except (OSError, ValueError) as exc:
        raise DataError(f"{path}: {_one_line(exc)}") from None


def load_store(paths: list[Path]) -> Store:
    """An in-memory Oxigraph store with every file: named graphs kept, default graph = union."""
    store = Store()
    for path in paths:
        quads = parse_quads(path)
        store.extend(quads)
        store.extend(
            Quad(q.subject, q.predicate, q.object, DefaultGraph())
            for q in quads
            if not isinstance(q.graph_name, DefaultGraph)
        )
    return store


def _one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text if len(text) <= 300 else text[:299] + "…"


# --- checking --------------------------------------------------------------------------


def check_oxigraph_query(
    text: str,
    store: Store,
    *,
    fmt: str | None = None,
    params: dict[str, str] | None = None,
    allow_service: bool = False,
) -> CheckedQuery:
    """kg query's checks, with FROM allowed only for graphs this store holds."""
    checked = check_query(
        text,
        fmt=fmt,
        params=params,
        allow_service=allow_service,
        has_graph=lambda iri: _holds_graph(store, str(iri)),
    )
    return checked


def _holds_graph(store: Store, iri: str) -> bool:
    try:
        return store.contains_named_graph(NamedNode(iri))
    except ValueError:  # not an absolute IRI (FROM <data.ttl>): no such graph here
        return False


def oxigraph_query(
    store: Store,
    text: str,
    checked: CheckedQuery,
    *,
    default_graph: list[NamedNode] | None = None,
    named_graphs: list[NamedNode] | None = None,
) -> QuerySolutions | QueryBoolean | QueryTriples:
    """Run a query that `check_oxigraph_query` passed; Oxigraph's errors become QueryError.

    Oxigraph is given the checked reading of `text` (`checked.read.text`), not `text`.
    """
    if text != checked.text:
        raise QueryError("internal error: the query to run is not the one that was checked")
    try:
        return store.query(
            _with_values(checked),
            prefixes=PREFIX_MAP,
            default_graph=default_graph or None,
            named_graphs=named_graphs or None,
        )
    except SyntaxError as exc:  # rdflib accepted what Oxigraph does not
        raise QueryError(f"Oxigraph cannot parse the query: {_one_line(exc)}") from None
    except (OSError, ValueError, TypeError, RuntimeError) as exc:
        raise QueryError(f"query failed: {_one_line(exc)}") from None


def _with_values(checked: CheckedQuery) -> str:
    """The checked text, with the parameters as a VALUES block opening the WHERE group.

    rdflib binds parameters before it evaluates (initBindings); Oxigraph's substitutions
    only take projected variables, and `everything-about` binds an unprojected ?actor.
    A VALUES block first in the group gives the same answers. The brace is found among
    the tokens the check read; the terms are written by Oxigraph (escaped N-Triples
    syntax) on the line the brace is on, so line numbers in errors stay the user's.
    """
    read = checked.read
    if not checked.bindings:
        return read.text
    brace = read.body_brace(checked.form)
    if brace is None:
        raise QueryError("query parameters need a WHERE clause")
    names = " ".join(f"?{name}" for name in checked.bindings)
    terms = " ".join(str(to_oxigraph(term)) for term in checked.bindings.values())
    block = f"VALUES ({names}) {{ ({terms}) }}"
    refuse_escapes_left(block, "a parameter value")
    return read.with_inserted(brace, block)


def run_query_oxigraph(
    text: str,
    store: Store,
    *,
    fmt: str = "table",
    params: dict[str, str] | None = None,
    timeout: float = 30.0,
    allow_service: bool = False,
    graph: str | None = None,
) -> str:
    """`kg.query.run.run_query` on Oxigraph: same checks, same formats, same answers (as sets).

    Rows without ORDER BY may come in another order than rdflib's.
    """
    checked = check_oxigraph_query(text, store, fmt=fmt, params=params, allow_service=allow_service)
    default_graph = [_named_graph(store, graph)] if graph is not None else None

    def result() -> bool | Graph | tuple[list[Variable], list[dict[Variable, Node]]]:
        answer = oxigraph_query(store, text, checked, default_graph=default_graph)
        return _to_rdflib_result(checked, answer)

    # Oxigraph evaluates in Rust and never sees the interrupts, so none are waited for:
    # kg query reports the timeout at the deadline and its exit stops the evaluation
    return run_with_timeout(lambda: format_result(fmt, run_contained(result)), timeout, grace=0.05)


_T = TypeVar("_T")


def run_contained(work: Callable[[], _T]) -> _T:
    """Run `work`; an Oxigraph error becomes a QueryError that holds no Oxigraph object.

    Oxigraph's result iterators must be dropped by the thread that made them, and an
    exception's traceback keeps them alive: so none may leave a worker thread.
    """
    try:
        return work()
    except (OSError, ValueError, RuntimeError) as exc:  # raised while Oxigraph streams rows
        # RuntimeError: a SERVICE answer Oxigraph cannot read (garbage, a wrong content type)
        message = f"query failed: {_one_line(exc)}"
    raise QueryError(message)


def _named_graph(store: Store, graph: str) -> NamedNode:
    try:
        node = NamedNode(graph)
    except ValueError:
        raise QueryError(f"--graph {graph!r} is not an absolute IRI") from None
    if not store.contains_named_graph(node):
        names = sorted(g.value for g in store.named_graphs() if isinstance(g, NamedNode))
        raise no_such_graph(graph, names)
    return node


def _to_rdflib_result(
    checked: CheckedQuery, result: QuerySolutions | QueryBoolean | QueryTriples
) -> bool | Graph | tuple[list[Variable], list[dict[Variable, Node]]]:
    if isinstance(result, QueryBoolean):
        return bool(result)
    if isinstance(result, QueryTriples):
        graph = Graph()
        for triple in result:
            graph.add(
                (to_rdflib(triple.subject), to_rdflib(triple.predicate), to_rdflib(triple.object))
            )
        return graph
    variables = list(result.variables)
    names = [(var, Variable(var.value)) for var in variables]
    # the same label or IRI comes back in row after row: each is converted once (building
    # an rdflib Literal costs more than Oxigraph's whole evaluation of a listing query)
    converted: dict[object, Identifier] = {}
    rows: list[dict[Variable, Node]] = []
    for solution in result:
        row: dict[Variable, Node] = {}
        for var, name in names:
            value = solution[var]
            if value is not None:
                term = converted.get(value)
                if term is None:
                    term = converted[value] = to_rdflib(value)
                row[name] = term
        rows.append(row)
    columns = checked.columns([name for _, name in names])
    return columns, rows


# --- terms -----------------------------------------------------------------------------


def to_rdflib(term: object) -> Identifier:
    """An Oxigraph term as rdflib's; xsd:string literals become plain, as rdflib parses them."""
    if isinstance(term, NamedNode):
        return URIRef(term.value)
    if isinstance(term, BlankNode):
        return BNode(term.value)
    if isinstance(term, OxLiteral):
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        if datatype == _XSD_STRING:
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(datatype))
    raise QueryError(f"kg cannot show this kind of RDF term: {term!r}")


def to_oxigraph(term: Identifier) -> NamedNode | BlankNode | OxLiteral:
    """An rdflib term as Oxigraph's (for query parameters and uploads)."""
    if isinstance(term, URIRef):
        return NamedNode(str(term))
    if isinstance(term, BNode):
        return BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return OxLiteral(str(term), language=term.language)
        if term.datatype is not None and str(term.datatype) != _LANG_STRING:
            return OxLiteral(str(term), datatype=NamedNode(str(term.datatype)))
        return OxLiteral(str(term))
    raise QueryError(f"not an RDF term: {term!r}")
