"""The build: article files → extraction → one RDF graph → Turtle, as a library call."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from rdflib import Dataset, Graph

from kg.extract_many import ExtractionCache, Job, extract_all
from kg.merge import corefer_events
from kg.outputs import write_atomic
from kg.rdf.graph import GraphWriter
from kg.rdf.ontology import ontology_graph
from kg.rdf.serialize import quad_lines, serialize_trig, turtle_from_lines, union_lines
from kg.rdf.vocab import SHARED_GRAPH, bind_prefixes, slugify
from kg.records import Document, Extraction
from kg.rules.loader import load_rules
from kg.rules.model import Rules
from kg.store_files import write_store

ARTICLE_SUFFIXES = (".txt", ".text", ".md")


@dataclass
class BuildResult:
    dataset: Dataset
    extractions: list[Extraction]
    errors: list[str] = field(default_factory=list)
    triples: int = 0

    @cached_property
    def graph(self) -> Graph:
        """All statements in one rdflib Graph (built on first use: it costs time)."""
        return union_graph(self.dataset)

    @property
    def entities(self) -> int:
        return len({e for x in self.extractions for e in x.entities})

    @property
    def events(self) -> int:
        return len({e.id for x in self.extractions for e in x.events})  # after merging

    def summary(self) -> str:
        return (
            f"{len(self.extractions)} documents, {self.entities} entities, "
            f"{self.events} events, {self.triples} triples"
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


def plan_jobs(files: list[Path]) -> list[Job]:
    """A unique slug per file: two files with the same name must not share an IRI."""
    slugs = [slugify(path.stem) for path in files]
    taken = set(slugs)
    seen: set[str] = set()
    jobs = []
    for path, slug in zip(files, slugs, strict=True):
        if slug in seen:
            # a numbered slug may be some other file's own ("a-b-2.txt"): skip those too
            number = 2
            while f"{slug}-{number}" in taken:
                number += 1
            slug = f"{slug}-{number}"
            taken.add(slug)
        seen.add(slug)
        jobs.append(Job(path, slug))
    return jobs


def build_dataset(extractions: list[Extraction], rules: Rules) -> Dataset:
    """One named graph per article and per quoted post, plus the shared graph."""
    dataset = bind_prefixes(Dataset())
    dataset.graph(SHARED_GRAPH).__iadd__(ontology_graph(rules))
    writer = GraphWriter(dataset, rules)
    roles_by_event = corefer_events(extractions)
    for extraction in extractions:
        writer.add_extraction(extraction)
    writer.add_event_labels(roles_by_event)
    writer.add_run([x.document.slug for x in extractions])
    return dataset


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
    progress: Callable[[Document | None], None] | None = None,
    on_documents: Callable[[int], None] | None = None,
    jobs: int = 1,
    cache: bool = False,
    store: str = "memory",
) -> BuildResult:
    """Build the graph of every readable source; unreadable files are reported, not fatal.

    `jobs` worker processes extract in parallel (same output as one); with `cache`, the
    extraction of an unchanged file under unchanged rules is reused from OUT/.cache.
    With `store="oxigraph"` the graph is also bulk-loaded into a persistent Oxigraph
    store in OUT/store for fast queries on large graphs (kg query --store oxigraph).
    """
    rules_dirs = list(rules_dirs)
    rules = load_rules(rules_dirs)
    planned = plan_jobs(collect_sources(sources))
    if on_documents:
        on_documents(len(planned))
    extraction_cache = ExtractionCache(out_dir / ".cache" if cache else None, rules)
    errors: list[str] = []
    extractions: list[Extraction] = []
    for outcome in extract_all(planned, rules, rules_dirs, jobs, extraction_cache):
        if outcome.error is not None:
            errors.append(outcome.error)
        else:
            extractions.append(outcome.extraction)
        if progress:
            progress(outcome.extraction.document if outcome.extraction else None)
    dataset = build_dataset(extractions, rules)
    quads = quad_lines(dataset)  # serialised once, for every output
    lines = union_lines(dataset, quads)
    write_atomic(out_dir / "kg.ttl", turtle_from_lines(lines))
    write_atomic(out_dir / "kg.trig", serialize_trig(dataset, quads))
    if store == "oxigraph":
        write_store(out_dir, quads, lines)
    return BuildResult(dataset, extractions, errors, triples=len(lines))
