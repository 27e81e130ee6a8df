"""`kg validate`: check a graph against kg's SHACL shapes and say what is wrong, readably.

The shapes (kg/rdf/shapes.ttl) state the vocabulary's promises: events typed and grounded
in mentions, mention offsets that match the text, typed times, labelled actors, dated
sources. pyshacl checks them; this module turns its report into one line per problem.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, SH
from rdflib.term import Node

from kg.errors import KgError
from kg.query.run import load_data
from kg.rdf.vocab import PREFIXES, bind_prefixes

__all__ = ["Problem", "Report", "ShapesError", "load_shapes", "validate_files", "validate_graph"]

VALUE_MAX = 80  # longer values (a whole sentence) are cut in the printed line


class ShapesError(KgError):
    """A shapes file given with --shapes cannot be read."""


@dataclass(frozen=True, order=True)
class Problem:
    """One SHACL result: which node, along which path, what is wrong."""

    focus: str  # shortened with the project prefixes
    path: str  # a SPARQL property path, or "" for the node itself
    message: str
    severity: str  # Violation, Warning or Info
    value: str | None = None

    def line(self) -> str:
        """`focus  path  message (value)`; the severity only when it is not a violation."""
        parts = [self.focus, self.path or "-", self.message]
        if self.value is not None and self.value not in self.message:
            parts[-1] += f" (value: {self.value})"
        prefix = "" if self.severity == "Violation" else f"{self.severity.lower()}: "
        return prefix + "  ".join(parts)


@dataclass(frozen=True)
class Report:
    """What `validate_graph` found, in a stable order."""

    problems: list[Problem]
    triples: int
    shapes: int

    @property
    def violations(self) -> int:
        return sum(1 for p in self.problems if p.severity == "Violation")

    @property
    def conforms(self) -> bool:
        return self.violations == 0

    def summary(self) -> str:
        nodes = len({p.focus for p in self.problems if p.severity == "Violation"})
        others = len(self.problems) - self.violations
        extra = f", {others} warning(s)" if others else ""
        if self.conforms:
            return f"conforms: {self.triples} triples meet {self.shapes} shapes{extra}"
        return (
            f"{self.violations} violation(s) on {nodes} node(s){extra}; "
            f"{self.triples} triples checked against {self.shapes} shapes"
        )


def load_shapes(path: Path | None = None) -> Graph:
    """kg's own shapes, or a shapes file of the user's."""
    graph = Graph()
    if path is None:
        graph.parse(
            data=resources.files("kg.rdf").joinpath("shapes.ttl").read_bytes(), format="turtle"
        )
        return graph
    try:
        graph.parse(path, format="turtle")
    except FileNotFoundError:
        raise ShapesError(f"{path}: no such shapes file") from None
    except Exception as exc:  # rdflib's parsers raise many unrelated types
        raise ShapesError(f"{path}: cannot parse as Turtle: {' '.join(str(exc).split())}") from exc
    return graph


def validate_files(paths: list[Path], shapes: Path | None = None) -> Report:
    """Load data files as `kg query` does and validate their union."""
    return validate_graph(load_data(paths), load_shapes(shapes))


def validate_graph(data: Graph, shapes: Graph | None = None) -> Report:
    """Validate the union of all statements in `data` against `shapes` (default: kg's).

    pyshacl would check each named graph of a Dataset on its own, but an event in one
    document's graph is typed by a class in the shared graph: so the union is validated.
    """
    from pyshacl import validate  # slow to import; only this command needs it

    shapes = shapes if shapes is not None else load_shapes()
    union = Graph()
    for triple in data.triples((None, None, None)):
        union.add(triple)
    _, results, _ = validate(
        union,
        shacl_graph=shapes,
        inference="none",
        abort_on_first=False,
        allow_infos=True,
        allow_warnings=True,
        meta_shacl=False,
        advanced=True,  # SPARQL targets (see shapes.ttl)
        inplace=True,  # `union` is our own copy
    )
    if not isinstance(results, Graph):  # pyshacl returns its failure instead of raising it
        raise ShapesError(f"the shapes cannot be used: {' '.join(str(results).split())}")
    problems = sorted(
        {_problem(results, r) for r in results.subjects(RDF.type, SH.ValidationResult)}
    )
    count = len(set(shapes.subjects(RDF.type, SH.NodeShape)))
    return Report(problems, len(union), count)


def _problem(results: Graph, result: Node) -> Problem:
    focus = results.value(result, SH.focusNode)
    path = results.value(result, SH.resultPath)
    value = results.value(result, SH.value)
    messages = sorted(str(m) for m in results.objects(result, SH.resultMessage))
    severity = results.value(result, SH.resultSeverity)
    return Problem(
        focus=_term(focus) if focus is not None else "?",
        path=_path(results, path) if path is not None else "",
        message=messages[0] if messages else "does not conform",
        severity=str(severity).rsplit("#", 1)[-1] if severity is not None else "Violation",
        value=_term(value) if value is not None and value != focus else None,
    )


_PREFIXES = sorted(((p, str(ns)) for p, ns in PREFIXES.items()), key=lambda x: -len(x[1]))


def _term(term: Node) -> str:
    """prefix:local for IRIs in a project namespace, N3 otherwise, cut to VALUE_MAX."""
    if isinstance(term, URIRef):
        for prefix, namespace in _PREFIXES:
            if term.startswith(namespace) and term != namespace:
                return f"{prefix}:{term[len(namespace) :]}"
        return f"<{term}>"
    if isinstance(term, Literal):
        text = term.n3(bind_prefixes(Graph()).namespace_manager)
    else:
        text = f"_:{term}"
    text = text.replace("\n", "\\n")
    return text if len(text) <= VALUE_MAX else text[: VALUE_MAX - 1] + "…"


def _path(graph: Graph, path: Node) -> str:
    """A SHACL path (IRI, sequence, alternative, inverse, …) in SPARQL property path syntax."""
    if not isinstance(path, BNode):
        return _term(path)
    if (path, RDF.first, None) in graph:
        return "/".join(_path(graph, p) for p in Collection(graph, path))
    for predicate, fmt in (
        (SH.alternativePath, "({})"),
        (SH.inversePath, "^{}"),
        (SH.zeroOrMorePath, "{}*"),
        (SH.oneOrMorePath, "{}+"),
        (SH.zeroOrOnePath, "{}?"),
    ):
        inner = graph.value(path, predicate)
        if inner is None:
            continue
        if predicate == SH.alternativePath:
            return fmt.format("|".join(_path(graph, p) for p in Collection(graph, inner)))
        return fmt.format(_path(graph, inner))
    return "?"
