"""Documents' quads → the build's outputs, streamed: memory does not grow with the archive.

Each document's graph lines go to a spool file as they arrive; only what the last pass
needs stays in memory (event keys, entity labels, the shared graph's statements). Then:

- the event pass (`kg.build.merge`) renames reports of one event to one IRI and labels events;
- `kg.nq` is written: every document's block in input order (renamed, sorted by graph and
  statement), then the shared graph. The same documents in the same order always give the
  same bytes, whichever engine made their quads, and however many processes wrote them
  (with `workers` > 1 each writes a run of documents; the parts are joined in order);
- `kg.trig` and `kg.ttl` (the union of all graphs) are made from it by Oxigraph
  (`kg.build.convert`); with `workers` > 1 they start on its pieces before these are joined.
"""

from __future__ import annotations

import contextlib
import hashlib
import multiprocessing
import os
import re
import tempfile
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from kg.build.convert import Conversion, Conversions, Piece
from kg.build.merge import EventIndex, Merge, merge_in_parallel
from kg.outputs import Stats, graph_file, publish, stage
from kg.rdf.ntriples import resort_block, term
from kg.rdf.ontology import ontology_graph
from kg.rdf.quads import DocumentQuads, P, run_lines
from kg.rdf.vocab import KGD, KGE, KGO, SEM
from kg.rules.model import Rules
from kg.store.update import Layout, PlacedBlock

FORMATS = ("nq", "trig", "ttl")
# Blocks are read, renamed, sorted and cut as UTF-8 bytes, never decoded: most of their
# text is ASCII, which a str holds in 2 bytes a character as soon as one character of a
# block is not Latin-1 (a curly quote). Bytes sort as their characters do (UTF-8 keeps
# the order of code points), and no byte of a multi-byte character is ASCII.
_EVENT_IRI_PARTS = re.compile(b"(<" + re.escape(str(KGE).encode()) + b"[^>]+>)")  # split
_DOC_TERM = b"<" + str(KGD).encode()
_EVENT_SUBJECT = b"<" + str(KGE).encode()
_TIME_STAMP = f"<{SEM}hasTimeStamp> ".encode()
_TIME_PREDICATES = (_TIME_STAMP, f"<{KGO}timeBasis> ".encode())  # what a coarse time drops
# Below this many spooled bytes one process writes kg.nq: starting another costs ~0.5 s.
PARALLEL_MIN_BYTES = 64 << 20
# Forked (not spawned) workers: they need no `if __name__ == "__main__"` guard in a script
# that calls build(), and share the parent's pages instead of importing everything again.
_FORK = multiprocessing.get_context("fork")

Block = tuple[str | None, int, int]  # (shard path, or None for the spool; offset; size)


@dataclass
class Assembled:
    documents: list[str] = field(default_factory=list)  # slugs, in input order
    quads: int = 0
    triples: int = 0
    events: int = 0
    written: Stats = field(default_factory=dict)  # each output's stats, as renamed into OUT


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
        # closed by close() / the with-block: it lives as long as the assembler; it has no
        # name, so nothing is left behind even when killed. Forked workers inherit it.
        self.spool: BinaryIO = tempfile.TemporaryFile(dir=spool_dir)  # noqa: SIM115
        self.blocks: list[Block] = []
        self.slugs: list[str] = []
        self.shared: set[str] = set()
        self.index = EventIndex()
        self.layout: Layout | None = None  # where each document went in kg.nq (with digests)

    def add(self, document: DocumentQuads) -> None:
        """Take a document's quads: its graph lines are spooled (or already in a shard)."""
        if document.block is not None:
            self.blocks.append(document.block)
        else:
            data = document.packed
            if data is None:
                data = "".join(document.graph_lines).encode("utf-8")
            self.blocks.append((None, self.spool.tell(), len(data)))
            self.spool.write(data)
        self.slugs.append(document.slug)
        self.shared.update(document.shared_lines)
        self.index.add(document.events, document.labels, document.types)

    def close(self) -> None:
        self.spool.close()

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
        alongside: Callable[[Path, Path | None], None] | None = None,
        layout: bool = False,
    ) -> Assembled:
        """Write OUT/kg.nq and the other formats; returns counts for the summary.

        Every output is written under a scratch name first and all are renamed into OUT at
        the end (`publish`): kg.nq, kg.ttl and kg.trig always come from the same build.
        With `union`, `alongside` (the store load) is given the finished kg.nq and the union
        of all graphs, and runs while Turtle and TriG are written: with `workers` > 1 in
        other processes, at the same time. With `layout`, each document's place in kg.nq
        and a digest of its block are kept in `self.layout` (for updating a store in place).
        """
        self._phase(f"merging {len(self.index.keys):,} event reports")
        merge = merge_in_parallel(self.index, self.rules, workers)
        result = Assembled(list(self.slugs), events=len(self.index.keys) - len(merge.renames))
        shared = self._shared_block(merge)
        with contextlib.ExitStack() as stack:
            # unique to this build; a killed build's is removed by the next (`remove_scratch`)
            parts = Path(
                stack.enter_context(tempfile.TemporaryDirectory(prefix=".parts-", dir=out_dir))
            )
            nq = graph_file(parts, "nq")
            nt = parts / "union.nt" if "ttl" in formats or union else None
            self._phase("writing kg.nq")
            quads, triples = self._write_quads_and_union(
                merge, shared, nq, nq, nt, parts, result, workers, layout
            )
            # with cores to spare, Turtle and TriG start on the pieces at once
            early = _early_conversions(formats, parts, quads, triples, parts, workers)
            if early is not None:
                converting = stack.enter_context(Conversions(early, workers))
            quads.join()
            if triples is not None and (union or early is None):
                triples.join()
            if early is None:
                late = _late_conversions(formats, parts, quads, triples)
                converting = stack.enter_context(Conversions(late, workers))
            doing = [c.target.name for c in converting.conversions]
            doing += ["the store"] if alongside else []
            if doing:
                self._phase("writing " + ", ".join(doing))
            if alongside is not None:
                alongside(nq, nt)
            converting.finish()
            stage("written")
            outputs = [nq] + [c.target for c in converting.conversions]
            result.written = publish({path: out_dir / path.name for path in outputs})
        return result

    def _phase(self, text: str) -> None:
        if self.on_phase is not None:
            self.on_phase(text)

    def _write_quads_and_union(
        self,
        merge: Merge,
        shared: list[str],
        nq: Path,
        final: Path,
        nt: Path | None,
        parts: Path,
        result: Assembled,
        workers: int = 1,
        layout: bool = False,
    ) -> tuple[Pieces, Pieces | None]:
        """kg.nq and, when asked, the union N-Triples, in one pass over the spooled blocks,
        as pieces still to be joined.

        The union holds every statement of every graph once: what kg.ttl holds. Each
        document's own statements come in document order; those that may recur in other
        documents end it, with the shared graph's, sorted. With `workers` > 1 the
        documents are cut into runs, one per process; this process writes the first run
        into the outputs, the others write part files into `parts`, to be joined in order.
        """
        self.spool.flush()
        runs = runs_for_workers(self.blocks, workers)
        quads, triples = Pieces(nq, final), Pieces(nt, nt) if nt else None
        with contextlib.ExitStack() as stack:
            quads_out = stack.enter_context(nq.open("wb"))
            union_out = stack.enter_context(nt.open("wb")) if nt else None
            spool = self.spool.fileno()
            later: list[tuple[Part, Future[PartDone]]] = []
            if len(runs) > 1:
                # not multiprocessing.Pool: a killed worker (out of memory) would hang it
                pool = stack.enter_context(ProcessPoolExecutor(len(runs) - 1, mp_context=_FORK))
                for number, run in enumerate(runs[1:], 1):
                    union_part = parts / f"{number}.nt" if nt else None
                    part = Part(run, parts / f"{number}.nq", union_part)
                    args = (part, spool, merge, layout)
                    later.append((part, pool.submit(write_part, *args)))
            recurring: set[bytes] = set()
            first = _write_blocks(runs[0], spool, merge, quads_out, union_out, recurring, layout)
            result.quads += first.quads
            result.triples += first.triples
            sizes, digests = list(first.sizes), list(first.digests)
            for part, pending in later:
                done = pending.result()
                sizes += done.sizes
                digests += done.digests
                quads.rest.append(part.nq)
                result.quads += done.quads
                if triples is not None and part.nt is not None:
                    triples.rest.append(part.nt)
                    result.triples += done.triples
                    recurring |= done.recurring
            shared_bytes = "".join(shared).encode("utf-8")
            quads.rest.append(_written(parts / "shared.nq", shared_bytes))
            result.quads += len(shared)
            if layout:
                self.layout = _layout(self.slugs, sizes, digests, len(shared_bytes))
            quads.first_size = quads_out.tell()
            if triples is not None and union_out is not None:
                statements = (line.rsplit(" ", 2)[0].encode("utf-8") for line in shared)
                rest = sorted(recurring.union(statements))
                triples.rest.append(_written_statements(parts / "shared.nt", rest))
                result.triples += len(rest)
                triples.first_size = union_out.tell()
        return quads, triples

    def _shared_block(self, merge: Merge) -> list[str]:
        lines = self.shared | set(ontology_lines(self.rules)) | set(merge.label_lines)
        lines.update(run_lines(self.rules, self.slugs))
        return sorted(lines)


def ontology_lines(rules: Rules) -> list[str]:
    """The project ontology (event classes from the rules, roles) in the shared graph."""
    g = P.shared
    return sorted({f"{term(s)} {term(p)} {term(o)} {g} .\n" for s, p, o in ontology_graph(rules)})


@dataclass
class Pieces:
    """An output written in pieces: the first run into the output itself, the others
    (and the tail) into part files, joined onto it in order by `join`."""

    output: Path
    final: Path  # the whole output, once joined
    first_size: int = 0
    rest: list[Path] = field(default_factory=list)

    def join(self) -> None:
        with self.output.open("ab") as out:
            for part in self.rest:
                append_part(part, out)

    def readable(self, parts: Path) -> tuple[Piece, ...] | None:
        """Pieces that read as the whole output while it is being joined and renamed: its
        first run through a hard link in `parts` (None: no hard links here)."""
        link = parts / f"first{self.output.name}"
        try:
            os.link(self.output, link)
        except OSError:
            return None
        return ((link, self.first_size), *((part, None) for part in self.rest))


def _early_conversions(
    formats: tuple[str, ...],
    out_dir: Path,
    quads: Pieces,
    triples: Pieces | None,
    parts: Path,
    workers: int,
) -> list[Conversion] | None:
    """Turtle and TriG read from the pieces of the union and of kg.nq, to start before
    these are joined; None when they cannot (one core, one format, no hard links)."""
    wanted = _wanted(formats, out_dir, quads, triples)
    if workers <= 1 or len(wanted) < 2:
        return None
    conversions = []
    for pieces, source, target, path in wanted:
        readable = pieces.readable(parts)
        if readable is None:
            return None
        conversions.append(Conversion(readable, source, target, path))
    return conversions


def _late_conversions(
    formats: tuple[str, ...], out_dir: Path, quads: Pieces, triples: Pieces | None
) -> list[Conversion]:
    """Turtle and TriG read from the joined union and kg.nq."""
    wanted = _wanted(formats, out_dir, quads, triples)
    return [
        Conversion(((p.final, None),), source, target, path) for p, source, target, path in wanted
    ]


def _wanted(
    formats: tuple[str, ...], out_dir: Path, quads: Pieces, triples: Pieces | None
) -> list[tuple[Pieces, str, str, Path]]:
    wanted = []
    if triples is not None and "ttl" in formats:
        wanted.append((triples, "N_TRIPLES", "TURTLE", graph_file(out_dir, "ttl")))
    if "trig" in formats:
        wanted.append((quads, "N_QUADS", "TRIG", graph_file(out_dir, "trig")))
    return wanted


def _written(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


_STATEMENTS_AT_ONCE = 10_000


def _written_statements(path: Path, triples: list[bytes]) -> Path:
    """`_statements` of `triples`, written a slice at a time: not the whole text at once,
    and a copy of it, in memory."""
    with path.open("wb") as out:
        for start in range(0, len(triples), _STATEMENTS_AT_ONCE):
            out.write(_statements(triples[start : start + _STATEMENTS_AT_ONCE]))
    return path


@dataclass(frozen=True)
class Part:
    """A run of documents' blocks, and the files another process writes them to."""

    blocks: list[Block]
    nq: Path
    nt: Path | None


@dataclass
class PartDone:
    quads: int = 0
    triples: int = 0
    recurring: set[bytes] = field(default_factory=set)  # statements that may recur elsewhere
    sizes: list[int] = field(default_factory=list)  # bytes of each block in kg.nq
    digests: list[str] = field(default_factory=list)  # of each block's bytes, when asked


def write_part(part: Part, spool: int, merge: Merge, digest: bool = False) -> PartDone:
    """In a forked worker: one run of documents into its own kg.nq and union files.

    `spool` is the parent's spool file descriptor, inherited by the fork.
    """
    recurring: set[bytes] = set()
    with contextlib.ExitStack() as stack:
        quads_out = stack.enter_context(part.nq.open("wb"))
        union_out = stack.enter_context(part.nt.open("wb")) if part.nt else None
        done = _write_blocks(part.blocks, spool, merge, quads_out, union_out, recurring, digest)
    done.recurring = recurring
    return done


def runs_for_workers(blocks: list[Block], workers: int) -> list[list[Block]]:
    """Consecutive runs of blocks of about equal bytes, one per worker (one if small)."""
    total = sum(size for _, _, size in blocks)
    if workers <= 1 or total < PARALLEL_MIN_BYTES or len(blocks) < workers:
        return [blocks]
    runs: list[list[Block]] = [[]]
    filled = 0
    for block in blocks:
        if filled >= total * len(runs) / workers and len(runs) < workers:
            runs.append([])
        runs[-1].append(block)
        filled += block[2]
    return runs


def _write_blocks(
    blocks: Iterable[Block],
    spool: int,
    merge: Merge,
    quads_out: BinaryIO,
    union_out: BinaryIO | None,
    recurring: set[bytes],
    digest: bool = False,
) -> PartDone:
    """Every block's lines (merged events renamed) to kg.nq, and new ones to the union."""
    done = PartDone()
    iris = {
        f"<{KGE}{report}>".encode(): f"<{KGE}{event}>".encode()
        for report, event in merge.renames.items()
    }
    coarse = {
        f"<{KGE}{report}> ".encode() + predicate
        for report in merge.coarse_times
        for predicate in _TIME_PREDICATES
    }
    merged = {event.encode() for event in merge.merged}
    with _BlockReader(spool) as reader:
        for source, offset, size in blocks:
            data = _renamed(_without_coarse_times(reader.read(source, offset, size), coarse), iris)
            quads_out.write(data)
            done.quads += data.count(b"\n")
            done.sizes.append(len(data))
            if digest:
                done.digests.append(hashlib.blake2b(data, digest_size=16).hexdigest())
            if union_out is not None:
                triples, count = _union_block(data, merged, recurring)
                union_out.write(triples)
                done.triples += count
    return done


class _BlockReader:
    """Reads blocks out of the spool, shard and cache files, by position (pread): the
    spool's offset is shared with the parent process. One other file is kept open at a
    time: a shard holds many blocks in a row, a cache file one (thousands in a build).
    """

    def __init__(self, spool: int) -> None:
        self.spool = spool
        self.source: str | None = None
        self.handle: BinaryIO | None = None

    def read(self, source: str | None, offset: int, size: int) -> bytes:
        if source is None:
            return os.pread(self.spool, size, offset)
        if source != self.source or self.handle is None:
            self.close()
            self.handle = open(source, "rb")  # noqa: SIM115 (closed by close)
            self.source = source
        data = os.pread(self.handle.fileno(), size, offset)
        if len(data) != size:
            raise OSError(f"{source}: {size} bytes expected at {offset}, {len(data)} there")
        return data

    def close(self) -> None:
        if self.handle is not None:
            self.handle.close()
            self.handle = None

    def __enter__(self) -> _BlockReader:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _layout(slugs: list[str], sizes: list[int], digests: list[str], shared: int) -> Layout:
    """Each document's block's place in kg.nq, in order; the shared graph ends the file."""
    layout = Layout()
    offset = 0
    for slug, size, digest in zip(slugs, sizes, digests, strict=True):
        layout.blocks.append(PlacedBlock(slug, digest, offset, size))
        offset += size
    layout.shared_offset, layout.shared_size = offset, shared
    return layout


def _without_coarse_times(text: bytes, coarse: set[bytes]) -> bytes:
    """A block without the time stamps of reports whose event has a finer one elsewhere
    ("May 2021" in one article, "23 May 2021" in another): an event has one time stamp,
    and a publication month goes with its basis."""
    if not coarse or _TIME_STAMP not in text:
        return text
    if not text.endswith(b"\n"):  # not a whole block: line by line
        lines = text.split(b"\n")
        kept = [line for line in lines if _subject_and_predicate(line) not in coarse]
        return b"\n".join(kept) if len(kept) != len(lines) else text
    # only a line holding the time stamp predicate can go: those are looked at, not all
    cuts: list[tuple[int, int]] = []
    for predicate in _TIME_PREDICATES:
        at = text.find(predicate)
        while at >= 0:
            start = text.rfind(b"\n", 0, at) + 1
            end = text.find(b"\n", at)
            if _subject_and_predicate(text[start:end]) in coarse:
                cuts.append((start, end + 1))  # the line and its line end
            at = text.find(predicate, end)
    cuts.sort()
    if not cuts:
        return text
    pieces, last = [], 0
    for start, end in cuts:
        pieces.append(text[last:start])
        last = end
    pieces.append(text[last:])
    return b"".join(pieces)


def _subject_and_predicate(line: bytes) -> bytes:
    """`<s> <p> ` of an N-Quads line whose subject is an event (else b"")."""
    if not line.startswith(_EVENT_SUBJECT):
        return b""
    return line[: line.find(b"> ", line.find(b"> ") + 2) + 2]


def _renamed(text: bytes, iris: dict[bytes, bytes]) -> bytes:
    """A document's block, with reports of merged events renamed (and then re-sorted).

    `iris` maps the IRI of each renamed report to its event's. Lines are handled without
    their line ends: a statement never holds a raw line end, so the order is the same.
    """
    if iris:
        parts = _EVENT_IRI_PARTS.split(text)  # text, IRI, text, …: no call per IRI
        parts[1::2] = [iris.get(event, event) for event in parts[1::2]]
        renamed = b"".join(parts)
        if renamed != text:
            return b"\n".join([*resort_block(renamed.split(b"\n")[:-1], _graph_of), b""])
    return text


def append_part(part: Path, out: BinaryIO) -> None:
    """A part file onto the end of an output, copied by the kernel where it can."""
    with part.open("rb") as source:
        _copy_range(source, out, 0, os.fstat(source.fileno()).st_size)


def _copy_range(source: BinaryIO, out: BinaryIO, start: int, size: int) -> None:
    """`size` bytes of `source` from `start` onto the end of `out`, by the kernel if it can."""
    out.flush()
    left = size
    try:
        while left > 0:
            copied = os.copy_file_range(
                source.fileno(), out.fileno(), left, offset_src=start + size - left
            )
            if copied == 0:
                break
            left -= copied
    except OSError:  # another file system, or no such call: copy through memory
        pass
    while left > 0:
        data = os.pread(source.fileno(), min(left, 16 << 20), start + size - left)
        if not data:
            raise OSError(f"{source.name}: {left} bytes missing at {start + size - left}")
        out.write(data)
        left -= len(data)


def _union_block(block: bytes, merged: set[bytes], recurring: set[bytes]) -> tuple[bytes, int]:
    """A document's statements without their graphs, and how many; those that may recur
    in another document are left out and added to `recurring`, to end the union once.

    Only a statement with no term of its own document can recur (an entity's relation, a
    merged event's type). A block of one graph keeps its order (statements sorted, then
    the same graph term dropped from each); one with post graphs is sorted again.
    Statements are compared without " .\n": N-Triples terms end themselves, so the order
    is the same.
    """
    triples = [line[: line.rindex(b" <")] for line in block.split(b"\n")[:-1]]  # no graph
    start = len(_EVENT_SUBJECT)
    shared = {
        t
        for t in triples
        if t.find(_DOC_TERM) < 0  # not `in`: on bytes that first tries the term as an int
        and (not t.startswith(_EVENT_SUBJECT) or t[start : t.index(b">")] in merged)
    }  # an event's statement recurs only when reports of it were merged
    recurring |= shared
    if _one_graph(block):
        kept = [t for t in triples if t not in shared] if shared else triples
    else:  # sorted (runs of sorted statements merge fast), then duplicates dropped
        kept = list(dict.fromkeys(t for t in sorted(triples) if t not in shared))
    return _statements(kept), len(kept)


def _statements(triples: list[bytes]) -> bytes:
    """N-Triples lines of statements kept without their " .\n"."""
    return b" .\n".join(triples) + b" .\n" if triples else b""


def _graph_of(quad_line: bytes) -> bytes:
    """`kg.rdf.ntriples.graph_of` of a line as bytes."""
    return quad_line.rsplit(b" ", 2)[1]


def _one_graph(block: bytes) -> bool:
    """Whether a block's statements are all in one graph (graphs come in runs)."""
    first = block[: block.index(b"\n")]
    last = block[block.rindex(b"\n", 0, len(block) - 1) + 1 : -1]
    return _graph_of(first) == _graph_of(last)
