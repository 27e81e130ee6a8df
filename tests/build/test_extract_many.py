"""Parallel and incremental builds give exactly the output of a plain build."""

from __future__ import annotations

from pathlib import Path

import pytest

import kg.build.workers
from kg.build.pipeline import build
from tests.seed_graph import corpus_and_seed, extra_rules


@pytest.fixture
def sources(tmp_path) -> Path:
    return corpus_and_seed(tmp_path / "src")


def _outputs(out: Path) -> tuple[bytes, bytes]:
    return (out / "kg.ttl").read_bytes(), (out / "kg.trig").read_bytes()


def test_two_workers_give_the_same_bytes_as_one(sources, tmp_path):
    build([sources], tmp_path / "one", jobs=1)
    build([sources], tmp_path / "two", jobs=2)
    assert _outputs(tmp_path / "one") == _outputs(tmp_path / "two")


def _count_extractions(monkeypatch) -> list[str]:
    calls: list[str] = []
    real = kg.build.workers.extract_document

    def counting(document, rules):
        calls.append(document.slug)
        return real(document, rules)

    monkeypatch.setattr(kg.build.workers, "extract_document", counting)
    return calls


def test_a_rebuild_extracts_only_what_changed(sources, tmp_path, monkeypatch):
    out = tmp_path / "out"
    build([sources], out, cache=True)
    fresh = _outputs(out)
    calls = _count_extractions(monkeypatch)
    build([sources], out, cache=True)
    assert calls == [] and _outputs(out) == fresh

    (sources / "new-article.txt").write_text(
        "date: 2021-11-09\nlang: en\n\nPoland closed the Kuźnica border crossing.\n",
        encoding="utf-8",
    )
    build([sources], out, cache=True)
    assert calls == ["new-article"]
    plain = tmp_path / "plain"
    build([sources], plain)
    assert _outputs(out) == _outputs(plain)


def test_other_rules_do_not_reuse_the_cache(sources, tmp_path, monkeypatch):
    out = tmp_path / "out"
    build([sources], out, cache=True)
    rules = extra_rules(tmp_path / "rules")
    calls = _count_extractions(monkeypatch)
    build([sources], out, rules_dirs=[rules], cache=True)
    assert len(calls) == 6


def test_an_unreadable_cache_file_is_extracted_again(sources, tmp_path, monkeypatch):
    out = tmp_path / "out"
    build([sources], out, cache=True)
    fresh = _outputs(out)
    header, lines = sorted((out / ".cache").rglob("*.kgq"))[:2]
    header.write_bytes(header.read_bytes()[:40])  # cut short, as by a full disk
    lines.write_bytes(lines.read_bytes()[:-10])  # its header whole, its lines not
    calls = _count_extractions(monkeypatch)
    (out / "kg.ttl").unlink()  # else the build is up to date and reads no cache at all
    build([sources], out, cache=True)
    assert len(calls) == 2 and _outputs(out) == fresh
    (out / "kg.ttl").unlink()
    build([sources], out, cache=True)  # and the rewritten files are good again
    assert len(calls) == 2 and _outputs(out) == fresh


def _store_quads(folder: Path) -> list[bytes]:
    import pyoxigraph as ox

    from kg.store.files import open_store

    store = open_store(folder / "store")
    return sorted(store.dump(format=ox.RdfFormat.N_QUADS).splitlines())


def test_two_workers_write_the_same_store_while_making_turtle_and_trig(sources, tmp_path):
    build([sources], tmp_path / "one", jobs=1, with_store=True)
    build([sources], tmp_path / "two", jobs=2, with_store=True)
    assert _outputs(tmp_path / "one") == _outputs(tmp_path / "two")
    quads = _store_quads(tmp_path / "one")
    assert len(quads) > 3000 and quads == _store_quads(tmp_path / "two")
    assert not list((tmp_path / "two").glob(".union*"))  # the store's input is cleaned up


def test_kg_nq_written_by_two_processes_is_the_same_file(sources, tmp_path, monkeypatch):
    """Runs of documents written apart and joined in order; a statement both runs made
    (an entity's, a merged event's) ends the union once: the triple counts agree."""
    import pyoxigraph as ox

    import kg.build.assemble
    from kg.store.files import open_store

    one = build([sources], tmp_path / "one", jobs=1, with_store=True)
    monkeypatch.setattr(kg.build.assemble, "PARALLEL_MIN_BYTES", 0)
    runs: list[int] = []
    appended: list[str] = []
    real_runs, real_append = kg.build.assemble.runs_for_workers, kg.build.assemble.append_part

    def counting_runs(blocks, workers):
        split = real_runs(blocks, workers)
        runs.append(len(split))
        return split

    def counting_append(part, out):
        appended.append(part.name)
        return real_append(part, out)

    monkeypatch.setattr(kg.build.assemble, "runs_for_workers", counting_runs)
    monkeypatch.setattr(kg.build.assemble, "append_part", counting_append)
    # with the cache, workers write the cache files and kg.nq is copied from them
    two = build([sources], tmp_path / "two", jobs=2, with_store=True, cache=True)
    # the other process's run, then the shared graph (and the statements both made)
    assert runs == [2] and appended == ["1.nq", "shared.nq", "1.nt", "shared.nt"]
    for name in ("kg.nq", "kg.ttl", "kg.trig"):
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "two" / name).read_bytes()
    assert (one.quads, one.triples) == (two.quads, two.triples)
    assert _store_quads(tmp_path / "two") == _store_quads(tmp_path / "one")
    union = open_store(tmp_path / "two" / "store").dump(
        format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph()
    )
    assert two.triples == len(union.splitlines())  # the union written had no repeats
    hidden = sorted(p.name for p in (tmp_path / "two").iterdir() if p.name.startswith("."))
    assert set(hidden) <= {".cache"}  # no part, union or spool file left behind


def test_turtle_and_trig_start_on_the_pieces_before_kg_nq_is_joined(sources, tmp_path, monkeypatch):
    """With two cores the conversions read kg.nq's and the union's pieces while they are
    being joined; they give the same bytes as from the joined files."""
    import kg.build.assemble
    import kg.build.convert

    build([sources], tmp_path / "one", jobs=1)
    monkeypatch.setattr(kg.build.assemble, "PARALLEL_MIN_BYTES", 0)
    happened: list[str] = []
    real_enter, real_join = kg.build.convert.Conversions.__enter__, kg.build.assemble.Pieces.join

    def entering(self):
        sources = sorted(len(c.pieces) for c in self.conversions)
        happened.append(f"convert {self.workers} processes, sources {sources}")
        return real_enter(self)

    def joining(self):
        happened.append(f"join {self.final.name}")
        return real_join(self)

    monkeypatch.setattr(kg.build.convert.Conversions, "__enter__", entering)
    monkeypatch.setattr(kg.build.assemble.Pieces, "join", joining)
    build([sources], tmp_path / "two", jobs=2)
    # each reads three pieces: the first run (linked), the other process's, the tail;
    # the union is not joined at all: nothing but kg.ttl reads it
    assert happened == ["convert 2 processes, sources [3, 3]", "join kg.nq"]
    for name in ("kg.nq", "kg.ttl", "kg.trig"):
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "two" / name).read_bytes()
    assert not [p for p in (tmp_path / "two").iterdir() if p.name.startswith(".")]


def test_without_hard_links_turtle_and_trig_wait_for_the_joined_files(
    sources, tmp_path, monkeypatch
):
    """A file system without hard links (some network shares) gets the same outputs."""
    import kg.build.assemble

    build([sources], tmp_path / "one", jobs=1)
    monkeypatch.setattr(kg.build.assemble, "PARALLEL_MIN_BYTES", 0)

    def no_link(source, target):
        raise OSError(1, "Operation not permitted (injected)")

    monkeypatch.setattr(kg.build.assemble.os, "link", no_link)
    build([sources], tmp_path / "two", jobs=2)
    for name in ("kg.nq", "kg.ttl", "kg.trig"):
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "two" / name).read_bytes()
    assert not [p for p in (tmp_path / "two").iterdir() if p.name.startswith(".")]


def test_joined_files_read_pieces_of_growing_files_in_order(tmp_path):
    from kg.build.convert import JoinedFiles

    first, second = tmp_path / "first", tmp_path / "second"
    first.write_bytes(b"<a> <b> <c> .\n<d> <e> <f> .\n")
    second.write_bytes(b"<g> <h> <i> .\n")
    joined = JoinedFiles([(first, 14), (second, None)])
    with first.open("ab") as growing:
        growing.write(b"<x> <y> <z> .\n")  # written after the pieces were named
    assert joined.read() == b"<a> <b> <c> .\n<g> <h> <i> .\n"
    with pytest.raises(OSError, match="16 bytes missing"):
        JoinedFiles([(second, 30)]).read()


def test_runs_split_the_blocks_in_order_by_bytes(monkeypatch):
    import kg.build.assemble

    blocks = [(None, i * 10, size) for i, size in enumerate([50, 10, 10, 10, 10, 10])]
    monkeypatch.setattr(kg.build.assemble, "PARALLEL_MIN_BYTES", 0)
    runs = kg.build.assemble.runs_for_workers(blocks, 2)
    assert [b for run in runs for b in run] == blocks
    assert [sum(b[2] for b in run) for run in runs] == [50, 50]
    assert kg.build.assemble.runs_for_workers(blocks, 1) == [blocks]
    monkeypatch.setattr(kg.build.assemble, "PARALLEL_MIN_BYTES", 10_000)
    assert kg.build.assemble.runs_for_workers(blocks, 2) == [
        blocks
    ]  # too small to be worth a process


def test_an_archive_gets_a_process_per_core_unless_told(tmp_path, monkeypatch):
    """--jobs left out: one process for a few articles (workers cost a second to start),
    one per usable core from AUTO_JOBS_FROM articles."""
    import os

    import kg.build.pipeline
    from kg.build.pipeline import AUTO_JOBS_FROM, default_jobs

    cores = len(os.sched_getaffinity(0))
    assert default_jobs(AUTO_JOBS_FROM - 1) == 1
    assert default_jobs(AUTO_JOBS_FROM) == cores
    seen: list[int] = []
    real = kg.build.pipeline.extract_all

    def recording(planned, rules, rules_dirs, jobs, cache):
        seen.append(jobs)
        return real(planned, rules, rules_dirs, jobs, cache)

    monkeypatch.setattr(kg.build.pipeline, "extract_all", recording)
    text = "title: Grens\n\nPolen sluit de grens met Belarus.\n"
    archive = tmp_path / "archive"
    archive.mkdir()
    for number in range(AUTO_JOBS_FROM):
        (archive / f"{number:03d}.txt").write_text(text, encoding="utf-8")
    many = build([archive], tmp_path / "many", jobs=None)
    few = build([archive / "000.txt", archive / "001.txt"], tmp_path / "few", jobs=None)
    assert seen == [cores, 1]
    assert len(many.documents) == AUTO_JOBS_FROM and len(few.documents) == 2


def test_a_killed_writer_process_fails_the_build_instead_of_hanging(sources, tmp_path, monkeypatch):
    """A process writing part of kg.nq killed (by the kernel, short of memory): the build
    stops with an error at once, leaves the old outputs and no temporary file."""
    from concurrent.futures.process import BrokenProcessPool

    import kg.build.assemble

    out = tmp_path / "out"
    build([sources], out, jobs=1)
    before = (out / "kg.nq").read_bytes()
    monkeypatch.setattr(kg.build.assemble, "PARALLEL_MIN_BYTES", 0)

    monkeypatch.setattr(kg.build.assemble, "write_part", _killed)
    with pytest.raises(BrokenProcessPool):
        build([sources], out, jobs=2, cache=False)
    assert (out / "kg.nq").read_bytes() == before
    assert sorted(p.name for p in out.iterdir()) == ["kg.nq", "kg.trig", "kg.ttl"]


def _killed(*args, **kwargs) -> None:
    """A worker's job that ends like a process the kernel kills (module level: pickled)."""
    import os
    import signal

    os.kill(os.getpid(), signal.SIGKILL)
