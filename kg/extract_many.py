"""Extraction of many files: in parallel worker processes, and cached between builds.

A document's quads are a pure function of (file content, rules): `document_result` is
that function, callable from any process or machine (the Dask engine uses it too), and
its result is reused by any later build with the same text and the same rules. Results
come back in input order, so the output does not depend on the number of workers.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import pickle
import struct
import tempfile
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from kg import __version__
from kg.document import read_document
from kg.errors import InputError
from kg.rdf.quads import DocumentQuads, document_quads
from kg.rules.loader import load_rules
from kg.rules.model import Rules

_CHUNK = 8  # files per task: fewer round trips than one by one, still balanced
_SIZES = struct.Struct("<QQ")  # a cache file starts with its header's and its lines' sizes
_SUFFIX = ".kgq"
_PACKAGE = Path(__file__).resolve().parent


def _code_digest() -> str:
    """The extraction code itself is part of the key: an edited rule engine rebuilds."""
    sha = hashlib.sha256()
    for path in sorted(_PACKAGE.rglob("*.py")):
        sha.update(path.read_bytes())
    return sha.hexdigest()[:16]


@dataclass(frozen=True)
class Job:
    path: Path
    slug: str


@dataclass
class Outcome:
    job: Job
    quads: DocumentQuads | None = None
    error: str | None = None
    cached: bool = False


class ExtractionCache:
    """Document quads keyed by file bytes, slug, rules and tool version.

    A file holds a pickled header (events, labels, shared statements) and then the
    document's graph lines as N-Quads text. Only the header is read back: the lines stay
    on disk, and the build copies them into kg.nq from there (`DocumentQuads.block`), so
    a warm build of an archive does not pass gigabytes of lines through Python objects.
    The cache lives in the output folder and is only ever written by kg itself; it is
    trusted like the rest of that folder. Delete it (or pass --no-cache) to rebuild all.
    """

    def __init__(self, folder: Path | None, rules: Rules) -> None:
        self.folder = folder
        self.salt = f"{rules.digest}:{__version__}:{_code_digest()}".encode()
        self._keys: dict[Job, str | None] = {}  # a build asks twice: read each file once

    def key(self, job: Job) -> str | None:
        if self.folder is None:
            return None
        if job not in self._keys:
            self._keys[job] = self._key(job)
        return self._keys[job]

    def _key(self, job: Job) -> str | None:
        try:
            data = job.path.read_bytes()
        except OSError:
            return None  # the reader reports the problem
        sha = hashlib.sha256(self.salt)
        sha.update(job.slug.encode() + b"\0" + data)
        return sha.hexdigest()

    def _path(self, key: str) -> Path:
        assert self.folder is not None
        return self.folder / key[:2] / f"{key}{_SUFFIX}"

    def has(self, key: str | None) -> bool:
        return key is not None and self.folder is not None and self._path(key).is_file()

    def get(self, key: str | None) -> DocumentQuads | None:
        """The cached quads, their lines left in the file (`block`); None if unreadable."""
        if key is None or self.folder is None:
            return None
        path = self._path(key)
        try:
            with path.open("rb") as handle:
                header_size, lines_size = _SIZES.unpack(handle.read(_SIZES.size))
                start = _SIZES.size + header_size
                if os.fstat(handle.fileno()).st_size != start + lines_size:
                    return None  # cut short (or grown): not what was written
                quads = pickle.loads(handle.read(header_size))  # our own cache: see above
        except (OSError, struct.error, pickle.PickleError, EOFError, AttributeError, ImportError):
            return None
        if not isinstance(quads, DocumentQuads):
            return None
        quads.block = (str(path), start, lines_size)
        return quads

    def put(self, key: str | None, quads: DocumentQuads) -> DocumentQuads:
        """Cache the quads; returned with their lines read from the cache file from now on."""
        if key is None or self.folder is None:
            return quads
        folder = self.folder / key[:2]
        folder.mkdir(parents=True, exist_ok=True)
        header = pickle.dumps(
            dataclasses.replace(quads, graph_lines=[], block=None),
            protocol=pickle.HIGHEST_PROTOCOL,
        )
        lines = "".join(quads.graph_lines).encode("utf-8")
        handle, tmp = tempfile.mkstemp(dir=folder, suffix=".tmp")
        with os.fdopen(handle, "wb") as out:
            out.write(_SIZES.pack(len(header), len(lines)))
            out.write(header)
            out.write(lines)
        path = folder / f"{key}{_SUFFIX}"
        os.replace(tmp, path)
        start = _SIZES.size + len(header)
        return dataclasses.replace(quads, graph_lines=[], block=(str(path), start, len(lines)))


def extract_document(document, rules: Rules):
    """kg.extract's, imported on first use: a build with nothing to extract skips spaCy."""
    from kg.extract import extract_document as extract

    return extract(document, rules)


def document_result(job: Job, rules: Rules) -> Outcome:
    """Read, extract and turn into quads one file: the unit of work of every engine."""
    try:
        document = read_document(job.path)
        document.slug = job.slug
        extraction = extract_document(document, rules)  # ExtractionError: over its budget
    except InputError as exc:
        return Outcome(job, error=str(exc))
    return Outcome(job, document_quads(extraction, rules))


_worker_rules: Rules | None = None
_worker_cache: ExtractionCache | None = None


def _init_worker(rules_dirs: list[Path], cache_folder: Path | None) -> None:
    global _worker_rules, _worker_cache
    _worker_rules = load_rules(rules_dirs)
    _worker_cache = ExtractionCache(cache_folder, _worker_rules)


def _run_in_worker(job: Job, key: str | None) -> Outcome:
    """Extract one file; with a cache the worker writes it, and sends back only the header
    (the lines are read from the cache file when kg.nq is written)."""
    assert _worker_rules is not None and _worker_cache is not None
    outcome = document_result(job, _worker_rules)
    if outcome.quads is not None and key is not None:
        outcome.quads = _worker_cache.put(key, outcome.quads)
    elif outcome.quads is not None:
        # one bytes object pickles and unpickles for almost nothing; a thousand strings
        # would keep the main process busy while the workers wait on it
        data = "".join(outcome.quads.graph_lines).encode("utf-8")
        outcome.quads = dataclasses.replace(outcome.quads, graph_lines=[], packed=data)
    return outcome


def extract_all(
    jobs: list[Job],
    rules: Rules,
    rules_dirs: list[Path],
    workers: int = 1,
    cache: ExtractionCache | None = None,
    progress: Callable[[Outcome], None] | None = None,
) -> Iterator[Outcome]:
    """Outcomes in the order of `jobs`; cached ones are not extracted again.

    A cached result is read only when its turn comes: an archive's cache does not all
    sit in memory at once.
    """
    keys = [cache.key(job) if cache else None for job in jobs]
    hits = [cache.has(key) if cache else False for key in keys]
    todo = [(job, key) for job, key, hit in zip(jobs, keys, hits, strict=True) if not hit]
    if workers > 1 and len(todo) > 1:
        folder = cache.folder if cache else None
        pool = ProcessPoolExecutor(workers, initializer=_init_worker, initargs=(rules_dirs, folder))
        fresh = pool.map(_run_in_worker, *zip(*todo, strict=True), chunksize=_CHUNK)
    else:
        pool = None
        fresh = (document_result(job, rules) for job, _ in todo)
    try:
        for job, key, hit in zip(jobs, keys, hits, strict=True):
            quads = cache.get(key) if hit and cache else None
            if quads is not None:
                outcome = Outcome(job, quads, cached=True)
            else:
                # not cached, or a cache file that cannot be read: extract it (again)
                outcome = next(fresh) if not hit else document_result(job, rules)
                if outcome.quads is not None and outcome.quads.block is None and cache:
                    outcome.quads = cache.put(key, outcome.quads)
            if progress:
                progress(outcome)
            yield outcome
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)
