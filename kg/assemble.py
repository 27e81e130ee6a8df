"""Documents' quads → the build's outputs, streamed: memory does not grow with the archive.

Each document's graph lines go to a spool file as they arrive; only what the last pass
needs stays in memory (event keys, entity labels, the shared graph's statements). Then:

- the event pass (`kg.merge`) renames reports of one event to one IRI and labels events;
- `kg.nq` is written: every document's block in input order (renamed, sorted by graph and
  statement), then the shared graph. The same documents in the same order always give the
  same bytes, whichever engine made their quads;
- `kg.trig` and `kg.ttl` (the union of all graphs) are made from it by Oxigraph.
"""

from __future__ import annotations

import contextlib
import re
import tempfile
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

import pyoxigraph as ox

from kg.merge import EventIndex, Merge, merge_events
from kg.outputs import atomic_file
from kg.rdf.ntriples import sort_block, split_lines, term
from kg.rdf.ontology import ontology_graph
from kg.rdf.quads import DocumentQuads, P, run_lines
from kg.rdf.serialize import TURTLE_PREFIXES, space_blocks
from kg.rdf.vocab import KGD, KGE
from kg.rules.model import Rules

FORMATS = ("nq", "trig", "ttl")
UNION_FILE = ".union.nt"
_EVENT_IRI = re.compile("<" + re.escape(str(KGE)) + "([^>]+)>")
_DOC_TERM = "<" + str(KGD)
_EVENT_SUBJECT = "<" + str(KGE)


@dataclass
class Assembled:
    documents: list[str] = field(default_factory=list)  # slugs, in input order
    quads: int = 0
    triples: int = 0
    events: int = 0


class Assembler:
    """Collects documents' quads in input order; `finish` writes the outputs."""

    def __init__(
        self,
        rules: Rules,
        spool_dir: Path | None = None,
        on_phase: Callable[[str], None] | None = None,
    ) -> None:
        self.rules = rules
        self.on_phase = on_phase  # told what the last pass is doing: it can take minutes
        # closed by close() / the with-block: it lives as long as the assembler
        self.spool: BinaryIO = tempfile.TemporaryFile(dir=spool_dir)  # noqa: SIM115
        self.blocks: list[tuple[str | None, int, int]] = []  # (shard or spool, offset, size)
        self.shards: dict[str, BinaryIO] = {}
        self.slugs: list[str] = []
        self.shared: set[str] = set()
        self.index = EventIndex()

    def add(self, document: DocumentQuads) -> None:
        """Take a document's quads: its graph lines are spooled (or already in a shard)."""
        if document.block is not None:
            self.blocks.append(document.block)
        else:
            data = "".join(document.graph_lines).encode("utf-8")
            self.blocks.append((None, self.spool.tell(), len(data)))
            self.spool.write(data)
        self.slugs.append(document.slug)
        self.shared.update(document.shared_lines)
        self.index.add(document.events, document.labels, document.types)

    def close(self) -> None:
        self.spool.close()
        for shard in self.shards.values():
            shard.close()

    def _read(self, source: str | None, offset: int, size: int) -> str:
        if source is None:
            handle = self.spool
        elif (handle := self.shards.get(source)) is None:
            handle = self.shards[source] = open(source, "rb")  # noqa: SIM115 (closed in close)
        handle.seek(offset)
        return handle.read(size).decode("utf-8")

    def __enter__(self) -> Assembler:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- the last pass ----------------------------------------------------------------------
    def finish(
        self,
        out_dir: Path,
        formats: tuple[str, ...] = FORMATS,
        union: bool = False,
        workers: int = 1,
        alongside: Callable[[], None] | None = None,
    ) -> Assembled:
        """Write OUT/kg.nq and the other formats; returns counts for the summary.

        With `union`, the union of all graphs is also left in OUT/.union.nt, and
        `alongside` (the store load) runs while Turtle and TriG are written: with
        `workers` > 1 in other processes, at the same time.
        """
        self._phase(f"merging {len(self.index.keys):,} event reports")
        merge = merge_events(self.index, self.rules)
        result = Assembled(list(self.slugs), events=len(self.index.keys) - len(merge.renames))
        shared = self._shared_block(merge)
        nq = out_dir / "kg.nq"
        nt = out_dir / UNION_FILE if "ttl" in formats or union else None
        conversions = []
        if nt is not None and "ttl" in formats:
            conversions.append(Conversion(nt, "N_TRIPLES", "TURTLE", out_dir / "kg.ttl"))
        if "trig" in formats:
            conversions.append(Conversion(nq, "N_QUADS", "TRIG", out_dir / "kg.trig"))
        try:
            self._phase("writing kg.nq")
            self._write_quads_and_union(merge, shared, nq, nt, result)
            doing = [c.target.name for c in conversions] + (["the store"] if alongside else [])
            if doing:
                self._phase("writing " + ", ".join(doing))
            convert_all(conversions, workers, alongside)
        finally:
            if nt is not None and not union:
                nt.unlink(missing_ok=True)
        return result

    def _phase(self, text: str) -> None:
        if self.on_phase is not None:
            self.on_phase(text)

    def _write_quads_and_union(
        self, merge: Merge, shared: list[str], nq: Path, nt: Path | None, result: Assembled
    ) -> None:
        """kg.nq and, when asked, the union N-Triples, in one pass over the spooled blocks.

        The union holds every statement of every graph once: what kg.ttl holds.
        """
        seen: set[str] = set()
        with contextlib.ExitStack() as stack:
            tmp = stack.enter_context(atomic_file(nq))
            quads_out = stack.enter_context(tmp.open("w", encoding="utf-8", newline="\n"))
            union_out = (
                stack.enter_context(nt.open("w", encoding="utf-8", newline="\n")) if nt else None
            )
            for block in self._blocks(merge):
                quads_out.write("".join(block))
                result.quads += len(block)
                if union_out is not None:
                    lines = _union_block(block, merge.merged, seen)
                    union_out.write("".join(lines))
                    result.triples += len(lines)
            quads_out.write("".join(shared))
            result.quads += len(shared)
            if union_out is not None:
                rest = sorted({line.rsplit(" ", 2)[0] + " .\n" for line in shared} - seen)
                union_out.write("".join(rest))
                result.triples += len(rest)

    def _shared_block(self, merge: Merge) -> list[str]:
        lines = self.shared | set(ontology_lines(self.rules)) | set(merge.label_lines)
        lines.update(run_lines(self.rules, self.slugs))
        return sorted(lines)

    def _blocks(self, merge: Merge) -> Iterator[list[str]]:
        """Every document's lines, with reports of merged events renamed."""
        renames = merge.renames
        for source, offset, size in self.blocks:
            text = self._read(source, offset, size)
            if renames:
                renamed = _EVENT_IRI.sub(lambda m: _rename(m, renames), text)
                if renamed != text:
                    yield sort_block(split_lines(renamed))
                    continue
            yield split_lines(text)


def ontology_lines(rules: Rules) -> list[str]:
    """The project ontology (event classes from the rules, roles) in the shared graph."""
    g = P.shared
    return sorted({f"{term(s)} {term(p)} {term(o)} {g} .\n" for s, p, o in ontology_graph(rules)})


def _rename(match: re.Match[str], renames: dict[str, str]) -> str:
    target = renames.get(match.group(1))
    return match.group() if target is None else f"<{KGE}{target}>"


def _union_block(block: list[str], merged: set[str], seen: set[str]) -> list[str]:
    """A document's statements without their graphs, minus those an earlier one made.

    Only a statement with no term of its own document can recur elsewhere (an entity's
    relation, a merged event's type): only those are remembered, so memory stays small.
    """
    out = []
    for line in block:
        triple = line.rsplit(" ", 2)[0] + " .\n"
        if _DOC_TERM not in triple and not _unmerged_event(triple, merged):
            if triple in seen:
                continue
            seen.add(triple)
        out.append(triple)
    return sorted(set(out))


def _unmerged_event(triple: str, merged: set[str]) -> bool:
    if not triple.startswith(_EVENT_SUBJECT):
        return False
    return triple[len(_EVENT_SUBJECT) : triple.index(">")] not in merged


@dataclass(frozen=True)
class Conversion:
    """One output made by Oxigraph from another: formats by `ox.RdfFormat` name."""

    source: Path
    source_format: str
    target_format: str
    target: Path

    def run(self) -> None:
        convert(
            self.source,
            getattr(ox.RdfFormat, self.source_format),
            getattr(ox.RdfFormat, self.target_format),
            self.target,
        )


def _run_conversion(conversion: Conversion) -> None:
    conversion.run()


def convert_all(
    conversions: list[Conversion], workers: int, alongside: Callable[[], None] | None = None
) -> None:
    """Run the conversions, and `alongside` meanwhile; Oxigraph holds the GIL, so the
    conversions go to other processes when there are workers to spare."""
    if workers <= 1 or not conversions:
        for conversion in conversions:
            conversion.run()
        if alongside is not None:
            alongside()
        return
    with ProcessPoolExecutor(min(workers, len(conversions))) as pool:
        futures = [pool.submit(_run_conversion, c) for c in conversions]
        if alongside is not None:
            alongside()
        for future in futures:
            future.result()


def convert(source: Path, source_format, target_format, path: Path) -> None:
    """Parse and serialize in Oxigraph (streaming), then space the blocks for readers."""
    with tempfile.NamedTemporaryFile(suffix=".tmp", dir=path.parent) as raw:
        ox.serialize(
            ox.parse(path=source, format=source_format),
            output=raw.name,
            format=target_format,
            prefixes=TURTLE_PREFIXES,
        )
        with (
            atomic_file(path) as tmp,
            open(raw.name, encoding="utf-8", newline="\n") as text,
            tmp.open("w", encoding="utf-8", newline="\n") as out,
        ):
            space_blocks(text, out)
