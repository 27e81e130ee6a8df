"""The build: article files → extraction → one RDF graph → Turtle, as a library call."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Dataset, Graph

from kg.document import read_document
from kg.errors import InputError
from kg.extract import extract_document
from kg.merge import corefer_events
from kg.outputs import write_atomic
from kg.rdf.graph import GraphWriter
from kg.rdf.ontology import ontology_graph
from kg.rdf.serialize import serialize_trig
from kg.rdf.vocab import SHARED_GRAPH, bind_prefixes
from kg.records import Document, Extraction
from kg.rules.loader import load_rules
from kg.rules.model import Rules

ARTICLE_SUFFIXES = (".txt", ".text", ".md")


@dataclass
class BuildResult:
    graph: Graph
    extractions: list[Extraction]
    errors: list[str] = field(default_factory=list)

    @property
    def entities(self) -> int:
        return len({e for x in self.extractions for e in x.entities})

    @property
    def events(self) -> int:
        return sum(len(x.events) for x in self.extractions)

    def summary(self) -> str:
        return (
            f"{len(self.extractions)} documents, {self.entities} entities, "
            f"{self.events} events, {len(self.graph)} triples"
            + (f", {len(self.errors)} file(s) skipped" if self.errors else "")
        )


def collect_sources(sources: Iterable[Path]) -> list[Path]:
    """Files as given; folders searched for article files (README.md files are not articles)."""
    files: list[Path] = []
    for source in sources:
        if source.is_dir():
            found = sorted(
                p
                for p in source.rglob("*")
                if p.is_file()
                and p.suffix.lower() in ARTICLE_SUFFIXES
                and p.name.lower() != "readme.md"
                and not p.name.startswith(".")
            )
            files.extend(found)
        else:
            files.append(source)
    # one file named twice (a folder and a file in it, relative and absolute) is read once
    unique: dict[Path, Path] = {}
    for path in files:
        unique.setdefault(path.resolve(), path)
    return list(unique.values())


def _unique_slugs(documents: list[Document]) -> None:
    """Two files with the same name in different folders must not share an IRI."""
    taken = {doc.slug for doc in documents}
    seen: set[str] = set()
    for doc in documents:
        if doc.slug in seen:
            # a numbered slug may be some other file's own ("a-b-2.txt"): skip those too
            number = 2
            while f"{doc.slug}-{number}" in taken:
                number += 1
            doc.slug = f"{doc.slug}-{number}"
            taken.add(doc.slug)
        seen.add(doc.slug)


def read_all(files: list[Path], errors: list[str]) -> list[Document]:
    documents = []
    for path in files:
        try:
            documents.append(read_document(path))
        except InputError as exc:
            errors.append(str(exc))
    _unique_slugs(documents)
    return documents


def build_dataset(
    documents: list[Document],
    rules: Rules,
    progress: Callable[[Document], None] | None = None,
) -> tuple[Dataset, list[Extraction]]:
    """One named graph per article and per quoted post, plus the shared graph."""
    dataset = bind_prefixes(Dataset())
    dataset.graph(SHARED_GRAPH).__iadd__(ontology_graph(rules))
    writer = GraphWriter(dataset, rules)
    extractions = []
    for document in documents:
        extractions.append(extract_document(document, rules))
        if progress:
            progress(document)
    roles_by_event = corefer_events(extractions)
    for extraction in extractions:
        writer.add_extraction(extraction)
    writer.add_event_labels(roles_by_event)
    writer.add_run([d.slug for d in documents])
    return dataset, extractions


def union_graph(dataset: Dataset) -> Graph:
    """All statements of all named graphs in one graph: what kg.ttl holds."""
    graph = bind_prefixes(Graph())
    for s, p, o, _ in dataset.quads((None, None, None, None)):
        graph.add((s, p, o))
    return graph


def build(
    sources: Iterable[Path],
    out_dir: Path,
    rules_dirs: Iterable[Path] = (),
    progress: Callable[[Document], None] | None = None,
    on_documents: Callable[[int], None] | None = None,
) -> BuildResult:
    """Build the graph of every readable source; unreadable files are reported, not fatal."""
    rules = load_rules(rules_dirs)
    errors: list[str] = []
    documents = read_all(collect_sources(sources), errors)
    if on_documents:
        on_documents(len(documents))
    dataset, extractions = build_dataset(documents, rules, progress)
    graph = union_graph(dataset)
    write_atomic(out_dir / "kg.ttl", graph.serialize(format="turtle"))
    write_atomic(out_dir / "kg.trig", serialize_trig(dataset))
    return BuildResult(graph, extractions, errors)
