"""Extraction of many files: in parallel worker processes, and cached between builds.

A document's quads are a pure function of (file content, rules): `document_result` is
that function, callable from any process or machine (the Dask engine uses it too), and
its result is reused by any later build with the same text and the same rules. Results
come back in input order, so the output does not depend on the number of workers.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import struct
import tempfile
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kg import __version__
from kg.articles.read import read_document
from kg.errors import InputError
from kg.rdf.quads import DocumentQuads, EventKey, document_quads
from kg.records import TimeValue
from kg.rules.loader import load_rules
from kg.rules.model import Rules

_CHUNK = 8  # files per task: fewer round trips than one by one, still balanced
CACHE_FORMAT = b"kg extraction cache 3\n"  # a cache entry's first bytes
_SIZES = struct.Struct("<QQQ")  # then the sizes of its three parts
_DIGEST_SIZE = 32  # then a SHA-256 of the three parts
_FIXED = len(CACHE_FORMAT) + _SIZES.size + _DIGEST_SIZE
_SUFFIX = ".kgq"
_PACKAGE = Path(__file__).resolve().parents[1]  # all of kg/


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

    An entry is data only, never code: a magic line, the sizes of its three parts, a
    SHA-256 of them, then the parts: a JSON header (events, labels, types), the
    statements for the shared graph and the document's graph lines, both N-Quads text.
    The output folder may be shared (a Dask set-up) or written by anyone: an entry that
    does not check out (another format, cut short, a flipped byte, a wrong shape, another
    key) is dropped and extracted again.
    The graph lines are not decoded: they stay on disk, and the build copies them into
    kg.nq from there (`DocumentQuads.block`), so a warm build of an archive does not pass
    gigabytes of lines through Python objects. Delete the cache (or pass --no-cache) to
    rebuild all.
    """

    def __init__(self, folder: Path | None, rules: Rules) -> None:
        self.folder = folder
        self.salt = f"{CACHE_FORMAT!r}:{rules.digest}:{__version__}:{_code_digest()}".encode()
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

    def path_of(self, key: str) -> Path:
        assert self.folder is not None
        return self.folder / key[:2] / f"{key}{_SUFFIX}"

    def has(self, key: str | None) -> bool:
        return key is not None and self.folder is not None and self.path_of(key).is_file()

    def get(self, key: str | None) -> DocumentQuads | None:
        """The cached quads, their lines left in the file (`block`); None if the entry
        cannot be read or does not check out."""
        if key is None or self.folder is None:
            return None
        path = self.path_of(key)
        try:
            data = path.read_bytes()
        except OSError:
            return None
        if len(data) < _FIXED or not data.startswith(CACHE_FORMAT):
            return None
        header_size, shared_size, lines_size = _SIZES.unpack_from(data, len(CACHE_FORMAT))
        lines_start = _FIXED + header_size + shared_size
        if len(data) != lines_start + lines_size:
            return None  # cut short (or grown): not what was written
        written = data[_FIXED - _DIGEST_SIZE : _FIXED]
        if hashlib.sha256(memoryview(data)[_FIXED:]).digest() != written:
            return None  # a byte changed since it was written
        try:
            header = json.loads(data[_FIXED : _FIXED + header_size])
            if header.pop("key") != key:
                return None
            shared = _lines(data[_FIXED + header_size : lines_start].decode("utf-8"))
            quads = _quads_from_header(header, shared)
        except (ValueError, TypeError, KeyError, AttributeError):
            return None
        quads.block = (str(path), lines_start, lines_size)
        return quads

    def put(self, key: str | None, quads: DocumentQuads) -> DocumentQuads:
        """Cache the quads; returned with their lines read from the cache file from now on."""
        if key is None or self.folder is None:
            return quads
        folder = self.folder / key[:2]
        folder.mkdir(parents=True, exist_ok=True)
        header = json.dumps({"key": key, **_header(quads)}, separators=(",", ":")).encode()
        parts = [header, "".join(quads.shared_lines).encode(), "".join(quads.graph_lines).encode()]
        digest = hashlib.sha256()
        for part in parts:
            digest.update(part)
        handle, tmp = tempfile.mkstemp(dir=folder, suffix=".tmp")
        with os.fdopen(handle, "wb") as out:
            out.write(CACHE_FORMAT + _SIZES.pack(*map(len, parts)) + digest.digest())
            for part in parts:
                out.write(part)
        path = folder / f"{key}{_SUFFIX}"
        os.replace(tmp, path)
        start = _FIXED + len(parts[0]) + len(parts[1])
        block = (str(path), start, len(parts[2]))
        return dataclasses.replace(quads, graph_lines=[], block=block)


def _header(quads: DocumentQuads) -> dict[str, Any]:
    """What a cache entry keeps of a document besides its lines, as JSON values (ASCII:
    a file name that is not UTF-8 is kept by Python as a lone surrogate, escaped here)."""
    return {
        "slug": quads.slug,
        "path": quads.path,
        "events": [
            [
                e.id,
                e.type,
                e.doc,
                e.order,
                None if e.time is None else [e.time.value, e.time.precision, e.time.basis],
                [[role, list(ids)] for role, ids in e.roles],
                e.asserted,
            ]
            for e in quads.events
        ],
        "labels": quads.labels,
        "types": quads.types,
    }


def _quads_from_header(header: dict[str, Any], shared: list[str]) -> DocumentQuads:
    """The inverse of `_header`; a value of the wrong shape raises (the entry is dropped)."""
    if set(header) != {"slug", "path", "events", "labels", "types"}:
        raise ValueError("not a cache header")
    events = [_event_key(*fields) for fields in header["events"]]
    labels, types = header["labels"], header["types"]
    # JSON object keys are strings: only the values need a look
    if type(labels) is not dict or type(types) is not dict or not _strings(types.values()):
        raise TypeError("labels or types")
    if not all(type(by) is dict and _strings(by.values()) for by in labels.values()):
        raise TypeError("labels")
    return DocumentQuads(
        _text(header["slug"]), _text(header["path"]), [], shared, events, labels, types
    )


def _event_key(
    event_id: Any, kind: Any, doc: Any, order: Any, time: Any, roles: Any, asserted: Any
) -> EventKey:
    if not _strings((event_id, kind, doc)) or type(order) is not int or type(asserted) is not bool:
        raise TypeError("event")
    return EventKey(
        event_id,
        kind,
        doc,
        order,
        None if time is None else TimeValue(*_texts(time, 3)),
        tuple((_text(role), tuple(_texts(ids))) for role, ids in roles),
        asserted,
    )


def _strings(values: Iterable[object]) -> bool:
    return set(map(type, values)) <= {str}


def _lines(text: str) -> list[str]:
    """N-Quads text as its lines, each with its line end (no other character ends one)."""
    if text and not text.endswith("\n"):
        raise ValueError("not whole lines")
    return [f"{line}\n" for line in text.split("\n")[:-1]]


def _text(value: object) -> str:
    if not isinstance(value, str):
        raise TypeError(f"{value!r} is not a string")
    return value


def _texts(values: object, count: int | None = None) -> list[str]:
    if type(values) is not list or (count is not None and len(values) != count):
        raise TypeError(f"{values!r} is not a list")
    if not _strings(values):
        raise TypeError(f"{values!r} is not a list of strings")
    return values


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
