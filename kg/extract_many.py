"""Extraction of many files: in parallel worker processes, and cached between builds.

A document's quads are a pure function of (file content, rules): `document_result` is
that function, callable from any process or machine (the Dask engine uses it too), and
its result is reused by any later build with the same text and the same rules. Results
come back in input order, so the output does not depend on the number of workers.
"""

from __future__ import annotations

import hashlib
import os
import pickle
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
    """Pickled document quads keyed by file bytes, slug, rules and tool version.

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
        return self.folder / key[:2] / f"{key}.pickle"

    def has(self, key: str | None) -> bool:
        return key is not None and self.folder is not None and self._path(key).is_file()

    def get(self, key: str | None) -> DocumentQuads | None:
        if key is None or self.folder is None:
            return None
        path = self._path(key)
        try:
            with path.open("rb") as handle:
                return pickle.load(handle)  # our own cache: see the class docstring
        except (OSError, pickle.PickleError, EOFError, AttributeError, ImportError):
            return None

    def put(self, key: str | None, quads: DocumentQuads) -> None:
        if key is None or self.folder is None:
            return
        folder = self.folder / key[:2]
        folder.mkdir(parents=True, exist_ok=True)
        handle, tmp = tempfile.mkstemp(dir=folder, suffix=".tmp")
        with os.fdopen(handle, "wb") as out:
            pickle.dump(quads, out, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, folder / f"{key}.pickle")


def extract_document(document, rules: Rules):
    """kg.extract's, imported on first use: a build with nothing to extract skips spaCy."""
    from kg.extract import extract_document as extract

    return extract(document, rules)


def document_result(job: Job, rules: Rules) -> Outcome:
    """Read, extract and turn into quads one file: the unit of work of every engine."""
    try:
        document = read_document(job.path)
    except InputError as exc:
        return Outcome(job, error=str(exc))
    document.slug = job.slug
    return Outcome(job, document_quads(extract_document(document, rules), rules))


_worker_rules: Rules | None = None


def _init_worker(rules_dirs: list[Path]) -> None:
    global _worker_rules
    _worker_rules = load_rules(rules_dirs)


def _run_in_worker(job: Job) -> Outcome:
    assert _worker_rules is not None
    return document_result(job, _worker_rules)


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
    todo = [job for job, hit in zip(jobs, hits, strict=True) if not hit]
    if workers > 1 and len(todo) > 1:
        pool = ProcessPoolExecutor(workers, initializer=_init_worker, initargs=(rules_dirs,))
        fresh = pool.map(_run_in_worker, todo, chunksize=_CHUNK)
    else:
        pool = None
        fresh = (document_result(job, rules) for job in todo)
    try:
        for job, key, hit in zip(jobs, keys, hits, strict=True):
            quads = cache.get(key) if hit and cache else None
            if quads is not None:
                outcome = Outcome(job, quads, cached=True)
            else:
                # not cached, or a cache file that cannot be read: extract it (again)
                outcome = next(fresh) if not hit else document_result(job, rules)
                if outcome.quads is not None and cache is not None:
                    cache.put(key, outcome.quads)
            if progress:
                progress(outcome)
            yield outcome
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)
