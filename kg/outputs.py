"""Writing output files atomically: a reader never sees a half-written file; one build at a
time in an output folder, and nothing left behind by a killed one."""

from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
import signal
import stat
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from kg.errors import KgError, OutputError


def write_atomic(path: Path, data: str | bytes) -> None:
    """Write to a temporary file in the same folder, then rename it over the target."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    with atomic_file(path) as tmp, tmp.open("wb") as out:
        out.write(raw)


@contextmanager
def atomic_file(path: Path) -> Iterator[Path]:
    """A temporary path to write `path`'s new content to, renamed over it on success.

    For outputs too large to hold in memory: the writer streams into the temporary file.
    """
    if path.is_dir():
        raise OutputError(f"{path}: is a folder; give the name of a file to write")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise OutputError(f"{path}: cannot write here: {_reason(exc)}") from None
    os.close(handle)
    tmp = Path(name)
    try:
        os.chmod(tmp, _target_mode(path))  # mkstemp makes it 0600; the output is no secret
        yield tmp
        with tmp.open("rb+") as written:
            os.fsync(written.fileno())
        os.replace(tmp, path)
    except BaseException as exc:
        tmp.unlink(missing_ok=True)
        if isinstance(exc, OSError) and exc.filename in (str(tmp), str(path)):
            raise OutputError(f"{path}: cannot write: {_reason(exc)}") from None
        raise


def _reason(exc: OSError) -> str:
    """The OS's words, and which path they are about when it is not the output itself."""
    if isinstance(exc, FileExistsError | NotADirectoryError) and exc.filename:
        return f"{exc.filename} is a file, not a folder"
    return exc.strerror or str(exc)


def _target_mode(path: Path) -> int:
    """The mode the file would get from a plain open(): kept if it exists, else by umask."""
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except OSError:
        umask = os.umask(0)  # the only portable way to read it; restored at once
        os.umask(umask)
        return 0o666 & ~umask


# -- the output folder's names: the one place they are spelled ------------------------------

CACHE_DIR = ".cache"  # extraction cache, manifest, store layout
STORE_DIR = "store"  # the Oxigraph store of `kg build --with-store`
SHARD_DIR = "shards"  # N-Quads shards of `kg build --engine dask`, for `kg load`


def graph_file(out_dir: Path, fmt: str) -> Path:
    """The graph in `fmt` (nq, ttl or trig) in an output folder: OUT/kg.nq, OUT/kg.ttl, …"""
    return out_dir / f"kg.{fmt}"


# -- the output folder: one build at a time ---------------------------------------------------

LOCK_FILE = ".kg-build.lock"
# What a build leaves only while it runs (a killed one leaves it for good): its part files,
# store copies, temporary outputs and cache entries. Removed by the next build, under the lock.
SCRATCH = (
    ".parts-*",
    ".store-*",
    ".union*.nt",
    ".kg.*.tmp",
    "tmp????????.tmp",  # tempfile's names: an older kg's conversions left them in OUT
    ".cache/.*.tmp",
    ".cache/*/tmp*.tmp",
    "shards/.part-*.tmp",
)
# A test hook, read from the environment only: `KG_TEST_KILL_AT=stage` kills the build
# with SIGKILL when it reaches that stage (see `stage`), to test what a killed build leaves.
KILL_AT = "KG_TEST_KILL_AT"


class FolderBusy(KgError):
    """Another `kg build` is writing into the same output folder."""


@contextmanager
def build_lock(out_dir: Path, clean: bool = True) -> Iterator[None]:
    """Hold OUT for one build: a second build into it fails at once (with the first's pid);
    with `clean`, what builds killed earlier left there is removed first.

    The lock is an flock on OUT/.kg-build.lock, which goes with the build (the kernel drops
    the lock of a killed one); the file is removed while still locked, so a build that opens
    it after that sees another file and tries again.
    """
    make_output_folder(out_dir)
    path = out_dir / LOCK_FILE
    handle = _acquire(path, out_dir)
    try:
        if clean:
            remove_scratch(out_dir)
        yield
    finally:
        with contextlib.suppress(OSError):
            path.unlink()
        os.close(handle)


def make_output_folder(out_dir: Path) -> None:
    """OUT made if needed; one line instead of a traceback when it cannot be."""
    if out_dir.exists() and not out_dir.is_dir():
        raise OutputError(f"{out_dir}: is a file, not a folder (--out names a folder)")
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"{out_dir}: cannot make the output folder ({exc.strerror})") from None


def _acquire(path: Path, out_dir: Path) -> int:
    while True:
        try:
            handle = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as exc:
            raise OutputError(f"{out_dir}: cannot write there ({exc.strerror})") from None
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            owner = _owner(handle)
            os.close(handle)
            raise FolderBusy(
                f"{out_dir} is being built by another kg build (pid {owner}); "
                "wait for it or use another --out"
            ) from None
        try:
            same = os.stat(path).st_ino == os.fstat(handle).st_ino
        except FileNotFoundError:
            same = False
        if same:
            pid = f"{os.getpid()}\n".encode()
            os.pwrite(handle, pid, 0)  # then cut: the file never reads empty once written
            os.ftruncate(handle, len(pid))
            return handle
        os.close(handle)  # removed by the build that held it: lock the new one


def _owner(handle: int) -> str:
    """The pid the holder of the lock wrote. A build that has just locked the file writes
    it right after: wait for it a moment rather than answer "?"."""
    for _ in range(50):
        owner = os.pread(handle, 32, 0).decode("ascii", "replace").strip()
        if owner:
            return owner
        time.sleep(0.01)
    return "?"


def remove_scratch(out_dir: Path) -> list[Path]:
    """Remove what killed builds left in OUT (only safe under the build lock)."""
    removed = []
    for pattern in SCRATCH:
        for path in sorted(out_dir.glob(pattern)):
            if path.is_dir() and not path.is_symlink():
                shutil.rmtree(path, ignore_errors=True)
            else:
                path.unlink(missing_ok=True)
            removed.append(path)
    return removed


def stage(name: str) -> None:
    """A point a test may kill the build at (`KG_TEST_KILL_AT`); nothing otherwise."""
    if os.environ.get(KILL_AT) == name:
        os.kill(os.getpid(), signal.SIGKILL)


# -- swapping the outputs in together ---------------------------------------------------------

Stats = dict[str, list[int]]


def file_stats(path: Path, info: os.stat_result | None = None) -> list[int]:
    """What identifies one written file: its size, modification time and inode."""
    info = info or path.stat()
    return [info.st_size, info.st_mtime_ns, info.st_ino]


def publish(written: dict[Path, Path]) -> Stats:
    """Rename finished scratch files (keys) over the outputs (values), one right after the
    other; returns each output's stats as written (for the manifest).

    Everything is on disk before the first rename: the outputs of two builds are side by
    side only if the build dies between two renames, and the manifest (written after) then
    does not match, so the next build rebuilds them.
    """
    stats: Stats = {}
    for scratch, target in written.items():
        os.chmod(scratch, _target_mode(target))
        with scratch.open("rb+") as handle:
            os.fsync(handle.fileno())
            stats[str(target)] = file_stats(scratch, os.fstat(handle.fileno()))
    for number, (scratch, target) in enumerate(written.items()):
        if number:
            stage("between-renames")
        os.replace(scratch, target)
    return stats
