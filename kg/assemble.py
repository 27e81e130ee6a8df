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

import re
import tempfile
from collections.abc import Iterator
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

    def __init__(self, rules: Rules, spool_dir: Path | None = None) -> None:
        self.rules = rules
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
        self, out_dir: Path, formats: tuple[str, ...] = FORMATS, union: bool = False
    ) -> Assembled:
        """Write OUT/kg.nq and the other formats; returns counts for the summary.

        With `union`, the union of all graphs is also left in OUT/.union.nt (for a store).
        """
        merge = merge_events(self.index, self.rules)
        result = Assembled(list(self.slugs), events=len(self.index.keys) - len(merge.renames))
        shared = self._shared_block(merge)
        nq = out_dir / "kg.nq"
        with atomic_file(nq) as tmp, tmp.open("w", encoding="utf-8", newline="\n") as out:
            for block in self._blocks(merge):
                out.write("".join(block))
                result.quads += len(block)
            out.write("".join(shared))
            result.quads += len(shared)
        if "ttl" in formats or union:
            nt = out_dir / UNION_FILE
            try:
                result.triples = self._write_union(merge, shared, nt)
                if "ttl" in formats:
                    convert(nt, ox.RdfFormat.N_TRIPLES, ox.RdfFormat.TURTLE, out_dir / "kg.ttl")
            finally:
                if not union:
                    nt.unlink(missing_ok=True)
        if "trig" in formats:
            convert(nq, ox.RdfFormat.N_QUADS, ox.RdfFormat.TRIG, out_dir / "kg.trig")
        return result

    def _write_union(self, merge: Merge, shared: list[str], path: Path) -> int:
        """Every statement of every graph once, as N-Triples: what kg.ttl holds."""
        seen: set[str] = set()
        count = 0
        with path.open("w", encoding="utf-8", newline="\n") as nt:
            for block in self._blocks(merge):
                lines = _union_block(block, merge.merged, seen)
                nt.write("".join(lines))
                count += len(lines)
            rest = sorted({line.rsplit(" ", 2)[0] + " .\n" for line in shared} - seen)
            nt.write("".join(rest))
        return count + len(rest)

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
