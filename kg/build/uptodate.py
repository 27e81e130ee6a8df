"""A build whose inputs, rules and outputs are all as the last build left them is skipped.

`make` semantics for an archive: re-running `kg build` on 10,000 unchanged articles
should not rewrite gigabytes of identical files. The last successful cached build leaves
OUT/.cache/manifest.json: a digest of what went in (every file's cache key, which covers
its bytes, its slug, the rules and the code; the formats; the store) and the size,
modification time and inode of every output it wrote, taken from the files it wrote (not
from whatever is in OUT when it ends). When both still match, the build is done.
Any difference (an article added, changed or renamed, a rule edited, an output deleted,
touched or replaced, outputs of two builds side by side, other formats asked for) means
a full build, which writes a new manifest.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from kg.outputs import STORE_DIR, Stats, file_stats, graph_file, write_atomic

MANIFEST = "manifest.json"
_VERSION = 2


def inputs_digest(keys: list[str | None], formats: tuple[str, ...], with_store: bool) -> str | None:
    """What the outputs depend on; None when a file could not be read (no shortcut then)."""
    if any(key is None for key in keys):
        return None
    store = "oxigraph" if with_store else "memory"  # the words of earlier manifests
    sha = hashlib.sha256(f"{_VERSION}\0{','.join(sorted(formats))}\0{store}\0".encode())
    for key in keys:
        sha.update(f"{key}\n".encode())
    return sha.hexdigest()


def output_files(out_dir: Path, formats: tuple[str, ...], with_store: bool) -> list[Path]:
    """Every file the build writes (the store's data files, not its logs)."""
    files = [graph_file(out_dir, "nq"), *(graph_file(out_dir, f) for f in formats if f != "nq")]
    return files + store_files(out_dir) if with_store else files


def store_files(out_dir: Path) -> list[Path]:
    """The data files of OUT/store (not its logs, which a reader writes)."""
    folder = out_dir / STORE_DIR
    found = sorted(folder.iterdir()) if folder.is_dir() else [folder / "CURRENT"]
    return [p for p in found if not p.name.startswith("LOG") and p.name != "LOCK"]


def _stats(files: list[Path]) -> Stats | None:
    try:
        return {str(path): file_stats(path) for path in files}
    except OSError:
        return None


def load(cache_dir: Path, digest: str | None, files: list[Path]) -> dict[str, Any] | None:
    """The last build's summary if it stands as it is, else None."""
    if digest is None:
        return None
    try:
        manifest = json.loads((cache_dir / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(manifest, dict) or manifest.get("inputs") != digest:
        return None
    stats = _stats(files)
    if stats is None or manifest.get("outputs") != stats:
        return None
    summary = manifest.get("summary")
    return summary if isinstance(summary, dict) else None


def save(cache_dir: Path, digest: str | None, written: Stats, summary: dict[str, Any]) -> None:
    """Remember this build's outputs, as it wrote them (`written`), if they are still
    there as written; without a digest, forget any earlier build."""
    path = cache_dir / MANIFEST
    if digest is None or _stats([Path(name) for name in written]) != written:
        path.unlink(missing_ok=True)
        return
    cache_dir.mkdir(parents=True, exist_ok=True)
    manifest = {"inputs": digest, "outputs": written, "summary": summary}
    # ASCII: a file name that is not UTF-8 (kept by Python as a lone surrogate) is escaped
    write_atomic(path, json.dumps(manifest, sort_keys=True))
