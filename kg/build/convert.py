"""Outputs Oxigraph makes from other outputs: kg.ttl from the union, kg.trig from kg.nq.

Oxigraph holds the GIL while it converts, so with cores to spare each conversion runs in
a process of its own. A source may be several files read as one (`JoinedFiles`): the
conversions of a build start on the pieces of kg.nq while they are still being joined
into it, instead of waiting for the copy.
"""

from __future__ import annotations

import contextlib
import io
import os
import tempfile
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from kg.outputs import atomic_file
from kg.rdf.serialize import TURTLE_PREFIXES, space_blocks_binary

_READ_SIZE = 1 << 20


Piece = tuple[Path, int | None]  # a file, and how many of its bytes (None: all)


@dataclass(frozen=True)
class Conversion:
    """One output made by Oxigraph from `pieces` read one after the other: the first
    bytes of a file that may still be growing, or all of it.

    Formats are `ox.RdfFormat` names: the conversion is pickled to another process.
    """

    pieces: tuple[Piece, ...]
    source_format: str
    target_format: str
    target: Path

    def run(self) -> None:
        convert(
            list(self.pieces),
            getattr(ox.RdfFormat, self.source_format),
            getattr(ox.RdfFormat, self.target_format),
            self.target,
        )


def _run_conversion(conversion: Conversion) -> None:
    conversion.run()


class Conversions:
    """Conversions started as the with-block opens (in other processes, with `workers`
    > 1) and done by `finish` (in this process, when there are no workers to spare)."""

    def __init__(self, conversions: list[Conversion], workers: int) -> None:
        self.conversions = conversions
        self.workers = min(workers, len(conversions))
        self.pool: ProcessPoolExecutor | None = None
        self.futures: list[Future[None]] = []

    def __enter__(self) -> Conversions:
        if self.workers > 1:
            self.pool = ProcessPoolExecutor(self.workers)
            self.futures = [self.pool.submit(_run_conversion, c) for c in self.conversions]
        return self

    def finish(self) -> None:
        if self.pool is None:
            for conversion in self.conversions:
                conversion.run()
        for future in self.futures:
            future.result()

    def __exit__(self, *exc: object) -> None:
        if self.pool is not None:
            self.pool.shutdown(cancel_futures=True)  # waits for a conversion under way


def convert(sources: list[Piece], source_format, target_format, path: Path) -> None:
    """Parse and serialize in Oxigraph (streaming), then space the blocks for readers."""
    with tempfile.NamedTemporaryFile(suffix=".tmp", dir=path.parent) as raw:
        with contextlib.ExitStack() as stack:
            if len(sources) == 1 and sources[0][1] is None:  # Oxigraph reads it itself
                parsed = ox.parse(path=sources[0][0], format=source_format)
            else:
                joined = stack.enter_context(io.BufferedReader(JoinedFiles(sources), _READ_SIZE))
                parsed = ox.parse(input=joined, format=source_format)
            ox.serialize(parsed, output=raw.name, format=target_format, prefixes=TURTLE_PREFIXES)
        with (
            atomic_file(path) as tmp,
            open(raw.name, "rb") as text,
            tmp.open("wb") as out,
        ):
            space_blocks_binary(text, out)


class JoinedFiles(io.RawIOBase):
    """Pieces of files read one after the other as one stream; each file is opened when
    its turn comes. A line-based format (N-Triples, N-Quads) parses the same joined as
    concatenated."""

    def __init__(self, pieces: list[Piece]) -> None:
        super().__init__()
        self.pieces = list(pieces)
        self.path: Path | None = None
        self.handle: int | None = None
        self.left: int | None = None  # bytes of the open piece still to read (None: to EOF)

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:  # type: ignore[override]
        while self.pieces or self.handle is not None:
            if self.handle is None:
                self.path, self.left = self.pieces.pop(0)
                self.handle = os.open(self.path, os.O_RDONLY)
            view = memoryview(buffer)
            if self.left is not None:
                view = view[: self.left]
            count = os.readv(self.handle, [view]) if len(view) else 0
            if count:
                if self.left is not None:
                    self.left -= count
                return count
            if self.left:  # EOF before the piece's end
                raise OSError(f"{self.path}: {self.left} bytes missing at its end")
            os.close(self.handle)
            self.handle = None
        return 0

    def close(self) -> None:
        if self.handle is not None:
            os.close(self.handle)
            self.handle = None
        super().close()
