"""Writing output files atomically: a reader never sees a half-written file."""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


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
    path.parent.mkdir(parents=True, exist_ok=True)
    mode = _target_mode(path)
    handle, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(handle)
    tmp = Path(name)
    try:
        os.chmod(tmp, mode)  # mkstemp makes it 0600; the output is not a secret
        yield tmp
        with tmp.open("rb+") as written:
            os.fsync(written.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _target_mode(path: Path) -> int:
    """The mode the file would get from a plain open(): kept if it exists, else by umask."""
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except OSError:
        umask = os.umask(0)  # the only portable way to read it; restored at once
        os.umask(umask)
        return 0o666 & ~umask
