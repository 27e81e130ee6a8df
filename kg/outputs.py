"""Writing output files atomically: a reader never sees a half-written file."""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from kg.errors import OutputError


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
