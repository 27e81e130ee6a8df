"""The build: article files → per-document quads → one graph → N-Quads, TriG, Turtle.

Documents stream through: each is read, extracted and turned into N-Quads (in this
process, in worker processes, or on a Dask cluster), then spooled to disk; only compact
event keys and the shared graph stay in memory until the last pass (`kg.build.assemble`).
"""

from __future__ import annotations

import contextlib
import gc
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from rdflib import Graph

from kg.build import uptodate
from kg.build.assemble import FORMATS, Assembler
from kg.build.workers import ExtractionCache, Job, Outcome, extract_all
from kg.errors import KgError
from kg.outputs import CACHE_DIR, Stats, build_lock, file_stats, graph_file, stage
from kg.rdf.vocab import bind_prefixes
from kg.rules.loader import load_rules
from kg.slug import slugify
from kg.store.files import write_store
from kg.store.update import plan_update, previous_layout, save_layout, update_store

ARTICLE_SUFFIXES = (".txt", ".text", ".md")
AUTO_JOBS_FROM = 50  # articles: with fewer, --jobs defaults to one process (bench: 100 → 1.2×)


@dataclass(frozen=True)
class BuiltDocument:
    slug: str
    path: str
    events: int
    cached: bool = False


@dataclass
class BuildResult:
    out_dir: Path
    documents: list[BuiltDocument] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    entities: int = 0
    events: int = 0  # after merging reports of one event
    quads: int = 0
    triples: int = 0
    up_to_date: bool = False  # nothing changed since the last build: nothing was written
    store_updated: int | None = None  # documents updated in OUT/store in place (None: loaded)
    written: Stats = field(default_factory=dict)  # what this build renamed into OUT

    @cached_property
    def graph(self) -> Graph:
        """kg.ttl parsed back (on first use: it costs time on a large build)."""
        return bind_prefixes(Graph()).parse(graph_file(self.out_dir, "ttl"), format="turtle")

    def summary(self) -> str:
        return (
            f"{len(self.documents)} documents, {self.entities} entities, "
            f"{self.events} events, {self.triples or self.quads} triples"
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


def default_jobs(files: int) -> int:
    """One process per core this process may run on, for an archive; one for a few files,
    where starting workers (each loads the language pipelines) costs more than it saves."""
    if files < AUTO_JOBS_FROM:
        return 1
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


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


# Allocations between two runs of the cyclic garbage collector's youngest generation,
# during a build. A build makes millions of short-lived containers, which reference
# counting frees; at Python's default (700) the collector ran about 2,000 times on the
# 1000-article bench, and its dozen full passes over every live object (the rules, the
# spaCy pipelines, the events so far) took 1.5-2 s. The peak memory is the same.
_BUILD_GC_THRESHOLD = 10_000


@contextlib.contextmanager
def _fewer_collections() -> Iterator[None]:
    """The collector's first threshold raised to `_BUILD_GC_THRESHOLD` (never lowered),
    and put back afterwards. Worker processes forked meanwhile inherit it."""
    thresholds = gc.get_threshold()
    gc.set_threshold(max(thresholds[0], _BUILD_GC_THRESHOLD), *thresholds[1:])
    try:
        yield
    finally:
        gc.set_threshold(*thresholds)


@_fewer_collections()
def build(
    sources: Iterable[Path],
    out_dir: Path,
    rules_dirs: Iterable[Path] = (),
    progress: Callable[[Outcome], None] | None = None,
    on_documents: Callable[[int], None] | None = None,
    on_phase: Callable[[str], None] | None = None,
    jobs: int | None = 1,
    cache: bool = False,
    with_store: bool = False,
    formats: tuple[str, ...] = FORMATS,
    engine: str = "local",
    scheduler: str | None = None,
) -> BuildResult:
    """Build the graph of every readable source; unreadable files are reported, not fatal.

    `jobs` worker processes extract in parallel (same output as one; None: one per core
    for AUTO_JOBS_FROM files or more, else one); with `cache`, the
    extraction of an unchanged file under unchanged rules is reused from OUT/.cache.
    With `engine="dask"` documents are extracted on a Dask cluster (`scheduler`, or a
    local one with `jobs` workers) into N-Quads shards in OUT/shards; the outputs are the
    same bytes. With `with_store` the graph is also bulk-loaded into a persistent Oxigraph
    store in OUT/store for fast queries on large graphs (kg query --engine oxigraph).
    """
    sources, rules_dirs = list(sources), list(rules_dirs)
    rules = load_rules(rules_dirs)
    planned = plan_jobs(collect_sources(sources))
    if not planned:
        raise NoArticle(out_dir, [], sources)
    jobs = jobs or default_jobs(len(planned))
    with build_lock(out_dir):
        if on_documents:
            on_documents(len(planned))

        def write(outcomes: Iterable[Outcome], update: bool = False) -> BuildResult:
            return write_outputs(
                outcomes, out_dir, rules, progress, formats, with_store, jobs, on_phase, update
            )

        if engine == "dask":
            from kg.build.dask_engine import dask_outcomes

            outcomes = dask_outcomes(planned, rules, out_dir, scheduler, workers=max(jobs, 2))
            return write(outcomes)
        extraction_cache = ExtractionCache(out_dir / CACHE_DIR if cache else None, rules)
        digest = None
        if cache:
            keys = [extraction_cache.key(job) for job in planned]
            digest = uptodate.inputs_digest(keys, formats, with_store)
            outputs = uptodate.output_files(out_dir, formats, with_store)
            unchanged = _unchanged(out_dir, uptodate.load(out_dir / CACHE_DIR, digest, outputs))
            if unchanged is not None:
                return unchanged
        outcomes = extract_all(planned, rules, rules_dirs, jobs, extraction_cache)
        result = write(outcomes, update=cache)
        if cache:
            remembered = None if result.errors else digest  # skipped files are retried
            written = dict(result.written)
            if with_store:
                written |= {str(p): file_stats(p) for p in uptodate.store_files(out_dir)}
            uptodate.save(out_dir / CACHE_DIR, remembered, written, _summary(result))
        return result


class NoArticle(KgError):
    """No file given to the build could be read: the previous outputs are kept."""

    def __init__(self, out_dir: Path, problems: list[str], sources: Iterable[Path] = ()) -> None:
        where = ", ".join(map(str, sources))
        what = f"no article files ({', '.join(ARTICLE_SUFFIXES)}) in {where}"
        what = "no article could be read" if problems else what
        super().__init__(f"{what}; the previous outputs in {out_dir} are kept")
        self.problems = problems  # one line per skipped file


_COUNTS = ("entities", "events", "quads", "triples")  # what the summary line reports


def _summary(result: BuildResult) -> dict:
    return {
        "documents": [[d.slug, d.path, d.events] for d in result.documents],
        **{name: getattr(result, name) for name in _COUNTS},
    }


def _unchanged(out_dir: Path, summary: dict | None) -> BuildResult | None:
    """The result of the last build, which still stands (nothing is written), if known."""
    if summary is None:
        return None
    try:
        documents = [
            BuiltDocument(str(slug), str(path), int(events), True)
            for slug, path, events in summary["documents"]
        ]
        counts = {name: int(summary[name]) for name in _COUNTS}
    except (KeyError, TypeError, ValueError):  # a manifest from elsewhere: build instead
        return None
    return BuildResult(out_dir, documents, up_to_date=True, **counts)


def write_outputs(
    outcomes: Iterable[Outcome],
    out_dir: Path,
    rules,
    progress: Callable[[Outcome], None] | None = None,
    formats: tuple[str, ...] = FORMATS,
    with_store: bool = False,
    workers: int = 1,
    on_phase: Callable[[str], None] | None = None,
    update: bool = False,
) -> BuildResult:
    """Put documents' quads together, in the order given, and write every output.

    With `workers` > 1, Turtle and TriG are written in other processes while the store
    loads: the last, serial part of a build then uses the cores the extraction used.
    With `update`, a store the last build wrote is updated where few documents changed
    (`kg.store.update`), instead of loaded whole.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    result = BuildResult(out_dir)
    with Assembler(rules, out_dir, on_phase) as assembler:
        for outcome in outcomes:
            _collect(outcome, assembler, result)
            if progress:
                progress(outcome)
        if not result.documents:
            raise NoArticle(out_dir, result.errors)
        stage("extracted")
        load_store = None
        if with_store:

            def load_store(nq: Path, union: Path | None) -> None:
                assert union is not None
                result.store_updated = _write_or_update_store(out_dir, assembler, update, nq, union)

        assembled = assembler.finish(
            out_dir,
            formats,
            union=with_store,
            workers=workers,
            alongside=load_store,
            layout=with_store,
        )
        result.entities = len(assembler.index.labels)
    result.events, result.quads = assembled.events, assembled.quads
    result.triples = assembled.triples
    result.written = assembled.written
    return result


def _write_or_update_store(
    out_dir: Path, assembler: Assembler, update: bool, nq: Path, union: Path
) -> int | None:
    """OUT/store from kg.nq (`nq`, not yet renamed into OUT): updated in place when few
    documents changed (how many is returned), else loaded whole from kg.nq and the union
    (None)."""
    previous = previous_layout(out_dir) if update else None
    layout = assembler.layout
    save_layout(out_dir, None)  # forgotten until the store is whole again
    plan = plan_update(layout, previous) if layout and previous is not None else None
    if plan is not None and layout is not None:
        update_store(out_dir, nq, layout, plan)
        changed = plan.documents
    else:
        write_store(out_dir, nq, union)
        changed = None
    save_layout(out_dir, layout)
    return changed


def _collect(outcome: Outcome, assembler: Assembler, result: BuildResult) -> None:
    if outcome.error is not None:
        result.errors.append(outcome.error)
        return
    quads = outcome.quads
    assembler.add(quads)
    result.documents.append(
        BuiltDocument(quads.slug, quads.path, len(quads.events), outcome.cached)
    )
