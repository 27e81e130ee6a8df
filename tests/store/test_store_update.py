"""A store the last build wrote is updated in place, and then holds what a full load holds."""

from __future__ import annotations

import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest

import kg.store.update
from kg.build.pipeline import build
from tests.seed_graph import corpus_and_seed

NEW_ARTICLE = """Polen sluit grensovergang

Warschau, 12 november 2021

De Poolse regering sloot dinsdag de grensovergang bij Kuźnica. Loekasjenko stuurde
opnieuw honderden migranten naar de Poolse grens, zei premier Morawiecki.
"""


@pytest.fixture
def sources(tmp_path) -> Path:
    return corpus_and_seed(tmp_path / "src")


def _quads(out: Path) -> list[str]:
    store = ox.Store.read_only(str(out / "store"))
    try:
        return sorted(store.dump(format=ox.RdfFormat.N_QUADS).decode().splitlines())
    finally:
        del store


def _build(sources: Path, out: Path, cache: bool = True):
    return build([sources], out, cache=cache, with_store=True)


def _fresh(sources: Path, tmp_path: Path) -> list[str]:
    out = tmp_path / "fresh"
    shutil.rmtree(out, ignore_errors=True)
    result = _build(sources, out, cache=False)
    assert result.store_updated is None
    return _quads(out)


def test_an_added_article_is_loaded_into_the_store_in_place(sources, tmp_path):
    out = tmp_path / "out"
    assert _build(sources, out).store_updated is None  # the first build loads it whole
    (sources / "zz-polen-sluit-grens.txt").write_text(NEW_ARTICLE, encoding="utf-8")
    result = _build(sources, out)
    assert result.store_updated == 1
    quads = _quads(out)
    assert any("zz-polen-sluit-grens" in quad for quad in quads)
    assert quads == _fresh(sources, tmp_path)
    hidden = sorted(p.name for p in out.iterdir() if p.name.startswith("."))
    assert hidden == [".cache"]  # no copy of the store left behind


def test_edits_removals_and_renamed_events_give_the_store_a_full_load_gives(
    sources, tmp_path, monkeypatch
):
    """An article first in order takes over events that later ones reported: their
    blocks change too (their events are renamed) and are replaced."""
    monkeypatch.setattr(kg.store.update, "MAX_CHANGED_SHARE", 1.0)
    out = tmp_path / "out"
    _build(sources, out)
    (sources / "00-polen-sluit-grens.txt").write_text(NEW_ARTICLE, encoding="utf-8")
    first = sorted(p for p in sources.iterdir() if p.name.startswith("0"))[1]
    first.unlink()
    seed = sources / "2021-11-belarus-poland-border.txt"
    edited = seed.read_text(encoding="utf-8").replace("Loekasjenka", "Loekasjenko", 1)
    seed.write_text(edited, encoding="utf-8")
    result = _build(sources, out)
    assert result.store_updated is not None and result.store_updated >= 3
    assert _quads(out) == _fresh(sources, tmp_path)


def test_a_store_changed_by_someone_else_is_loaded_whole(sources, tmp_path):
    out = tmp_path / "out"
    _build(sources, out)
    store = ox.Store(str(out / "store"))
    extra = ox.NamedNode("https://example.org/mine")
    store.add(ox.Quad(extra, extra, extra, extra))
    store.flush()
    del store
    (sources / "zz-polen-sluit-grens.txt").write_text(NEW_ARTICLE, encoding="utf-8")
    assert _build(sources, out).store_updated is None
    assert _quads(out) == _fresh(sources, tmp_path)  # the foreign quad is gone


def test_no_cache_loads_the_store_whole(sources, tmp_path):
    out = tmp_path / "out"
    _build(sources, out)
    (sources / "zz-polen-sluit-grens.txt").write_text(NEW_ARTICLE, encoding="utf-8")
    assert _build(sources, out, cache=False).store_updated is None


def test_an_interrupted_update_leaves_the_old_store(sources, tmp_path, monkeypatch):
    out = tmp_path / "out"
    _build(sources, out)
    before = _quads(out)
    (sources / "zz-polen-sluit-grens.txt").write_text(NEW_ARTICLE, encoding="utf-8")

    def broken(store, nq, layout, update):
        store.remove_graph(next(iter(store.named_graphs())))  # half done …
        raise KeyboardInterrupt  # … then stopped

    monkeypatch.setattr(kg.store.update, "_apply", broken)
    with pytest.raises(KeyboardInterrupt):
        _build(sources, out)
    assert _quads(out) == before
    assert sorted(p.name for p in out.iterdir() if p.name.startswith(".store")) == []
    monkeypatch.undo()
    assert _build(sources, out).store_updated is None  # no layout: loaded whole
    assert _quads(out) == _fresh(sources, tmp_path)


def test_too_many_changes_mean_a_full_load():
    from kg.store.update import Layout, PlacedBlock, plan_update

    layout = Layout([PlacedBlock(f"d{i}", f"x{i}", i * 10, 10) for i in range(30)], 300, 5)
    same = {f"d{i}": f"x{i}" for i in range(30)}
    assert plan_update(layout, same) == kg.store.update.Update([], [])
    three = {**same, "d0": "old", "d1": "old", "gone": "y"}
    plan = plan_update(layout, three)
    assert plan is not None
    assert [b.slug for b in plan.changed] == ["d0", "d1"] and plan.gone == ["d0", "d1", "gone"]
    many = {**same, **{f"d{i}": "old" for i in range(4)}}
    assert plan_update(layout, many) is None  # 4 of 30 is over a tenth
