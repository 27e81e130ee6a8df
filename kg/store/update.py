"""`kg build --with-store` after a few articles changed: the store is updated, not reloaded.

Loading the whole store is about half of a 10,000-article build. When only some
documents' blocks of kg.nq differ from the last build (an article added, edited or
deleted; a merge that renamed events elsewhere changes those blocks too), only their
graphs, the shared graph and the union in the default graph need to change:

- the graphs of every document that changed or went are dropped, the new blocks added;
- the shared graph (ontology, entity names, event labels, the run) gets its difference;
- the union gains every added statement and loses a removed one only when no named graph
  holds it any more.

The result holds the same quads as a store loaded from scratch (tested quad for quad).
The update works on a copy of the store whose immutable data files are hard links, and
is swapped in whole like a fresh load: a reader never sees half an update, and an
interrupted one leaves the old store. The last build's layout (a digest of every
document's block) is kept in OUT/.cache; a store changed since (its files differ from
what the layout recorded) or too many changed documents mean a full load instead.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from kg.outputs import CACHE_DIR, STORE_DIR, write_atomic
from kg.rdf.vocab import KGD, SHARED_GRAPH
from kg.store.files import replace_store

LAYOUT = "store-layout.json"
_VERSION = 1
# Above this share of changed documents a full load is as fast as updating.
MAX_CHANGED_SHARE = 0.1


@dataclass(frozen=True)
class PlacedBlock:
    """One document's lines in kg.nq: where they are, and a digest of their bytes."""

    slug: str
    digest: str
    offset: int
    size: int


@dataclass
class Layout:
    """What kg.nq holds, document by document, and the shared graph's place at its end."""

    blocks: list[PlacedBlock] = field(default_factory=list)
    shared_offset: int = 0
    shared_size: int = 0


@dataclass(frozen=True)
class Update:
    changed: list[PlacedBlock]  # new or different documents, whose blocks are loaded
    gone: list[str]  # slugs whose graphs are dropped (changed ones included)

    @property
    def documents(self) -> int:
        """How many documents were added, changed or removed."""
        return len({b.slug for b in self.changed} | set(self.gone))


def plan_update(layout: Layout, previous: dict[str, str]) -> Update | None:
    """What changed since the last store, or None when a full load is the better way."""
    current = {block.slug for block in layout.blocks}
    changed = [b for b in layout.blocks if previous.get(b.slug) != b.digest]
    gone = [slug for slug in previous if slug not in current]
    dropped = [b.slug for b in changed if b.slug in previous] + gone
    if len(changed) + len(gone) > max(1, MAX_CHANGED_SHARE * len(layout.blocks)):
        return None
    return Update(changed, sorted(dropped))


def previous_layout(out_dir: Path) -> dict[str, str] | None:
    """The digests of the store's documents, if the store is as the last build left it."""
    try:
        saved = json.loads((out_dir / CACHE_DIR / LAYOUT).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(saved, dict) or saved.get("version") != _VERSION:
        return None
    if saved.get("store") != _signature(out_dir / STORE_DIR):
        return None  # loaded, pushed to or replaced since: its content is not known
    digests = saved.get("digests")
    return digests if isinstance(digests, dict) else None


def save_layout(out_dir: Path, layout: Layout | None) -> None:
    """Remember the store's documents after it was written (None: forget them)."""
    path = out_dir / CACHE_DIR / LAYOUT
    if layout is None:
        path.unlink(missing_ok=True)
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    saved = {
        "version": _VERSION,
        "store": _signature(out_dir / STORE_DIR),
        "digests": {block.slug: block.digest for block in layout.blocks},
    }
    write_atomic(path, json.dumps(saved, sort_keys=True))


def _signature(folder: Path) -> dict[str, list[int]] | None:
    """Sizes and times of the store's data files (not its logs, which a reader writes)."""
    try:
        files = sorted(p for p in folder.iterdir() if not p.name.startswith("LOG"))
        return {p.name: [p.stat().st_size, p.stat().st_mtime_ns] for p in files if p.name != "LOCK"}
    except OSError:
        return None


def update_store(out_dir: Path, nq: Path, layout: Layout, update: Update) -> None:
    """Apply `update` to a linked copy of OUT/store, then swap the copy in."""
    replace_store(
        out_dir / STORE_DIR,
        lambda store: _apply(store, nq, layout, update),
        start=lambda tmp: _linked_copy(out_dir / STORE_DIR, tmp),
    )


def _linked_copy(source: Path, target: Path) -> None:
    """RocksDB never rewrites a table file (*.sst): those are linked, the rest copied."""
    for path in source.iterdir():
        if path.name == "LOCK" or path.name.startswith("LOG"):
            continue
        if path.suffix == ".sst":
            os.link(path, target / path.name)
        else:
            shutil.copy2(path, target / path.name)


def _apply(store: ox.Store, nq: Path, layout: Layout, update: Update) -> None:
    removed: set[ox.Triple] = set()  # statements that may have left the union
    for graph in _graphs_of(store, update.gone):
        for quad in store.quads_for_pattern(None, None, None, graph):
            removed.add(quad.triple)
        store.remove_graph(graph)
    with nq.open("rb") as handle:
        fd = handle.fileno()
        shared = ox.NamedNode(str(SHARED_GRAPH))
        new_shared = set(_parse(os.pread(fd, layout.shared_size, layout.shared_offset)))
        old_shared = set(store.quads_for_pattern(None, None, None, shared))
        for quad in old_shared - new_shared:
            store.remove(quad)
            removed.add(quad.triple)
        added = list(new_shared - old_shared)
        for block in update.changed:
            added.extend(_parse(os.pread(fd, block.size, block.offset)))
    store.extend(added)
    union = ox.DefaultGraph()
    store.extend(ox.Quad(q.subject, q.predicate, q.object, union) for q in added)
    for triple in removed:
        if not _in_a_named_graph(store, triple):
            store.remove(ox.Quad(triple.subject, triple.predicate, triple.object, union))


def _parse(data: bytes) -> Iterable[ox.Quad]:
    return ox.parse(data, format=ox.RdfFormat.N_QUADS)


def _graphs_of(store: ox.Store, slugs: list[str]) -> list[ox.NamedNode]:
    """The named graphs of these documents: the article's, and its quoted posts'."""
    wanted = {f"{KGD}{slug}" for slug in slugs}
    out = []
    for graph in store.named_graphs():
        if not isinstance(graph, ox.NamedNode):
            continue
        base = graph.value.split("/post/", 1)[0]
        if base in wanted:
            out.append(graph)
    return sorted(out, key=lambda g: g.value)


def _in_a_named_graph(store: ox.Store, triple: ox.Triple) -> bool:
    for quad in store.quads_for_pattern(triple.subject, triple.predicate, triple.object, None):
        if not isinstance(quad.graph_name, ox.DefaultGraph):
            return True
    return False
