"""Past one machine: the Dask engine and `kg load` give the graph a local build gives."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pyoxigraph as ox
import pytest

import kg.build.dask_engine
from kg.build.pipeline import build
from tests.store_builds import SOURCES

if TYPE_CHECKING:
    from conftest import RunKg

OUTPUTS = ("kg.nq", "kg.ttl", "kg.trig")


@pytest.fixture(scope="module")
def local(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("local")
    build(SOURCES["all"], out, with_store=True)
    return out


@pytest.fixture(scope="module")
def cluster():
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as running:
        yield running


@pytest.fixture(scope="module")
def on_dask(tmp_path_factory, cluster) -> Path:
    """seeds + corpus on a two-worker LocalCluster, two documents per partition."""
    out = tmp_path_factory.mktemp("dask")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(kg.build.dask_engine, "PARTITION_SIZE", 2)
        result = build(SOURCES["all"], out, engine="dask", scheduler=cluster.scheduler_address)
    assert not result.errors and len(result.documents) == 6
    return out


def test_dask_gives_byte_identical_outputs(local: Path, on_dask: Path) -> None:
    for name in OUTPUTS:
        assert (on_dask / name).read_bytes() == (local / name).read_bytes(), name


def test_dask_writes_one_nquads_shard_per_partition(on_dask: Path) -> None:
    shards = sorted((on_dask / "shards").glob("*.nq"))
    assert [s.name for s in shards] == ["part-000000.nq", "part-000002.nq", "part-000004.nq"]
    documents = set()
    for shard in shards:
        for quad in ox.parse(path=shard, format=ox.RdfFormat.N_QUADS):
            if quad.predicate.value == "https://schema.org/identifier":
                documents.add(quad.object.value)
    assert len(documents) == 6  # every document in exactly one (parseable) shard


def _quads(store_dir: Path) -> set[str]:
    store = ox.Store.read_only(str(store_dir))
    return {str(quad) for quad in store}


def test_kg_load_gives_the_store_of_a_local_build(
    run_kg: RunKg, local: Path, on_dask: Path, tmp_path: Path
) -> None:
    """Shards + the event pass over the store = the local build's store, quad for quad."""
    proc = run_kg("load", on_dask / "shards", "--location", tmp_path / "store")
    assert proc.returncode == 0, proc.stderr
    assert "events (2 told by more than one source)" in proc.stderr
    loaded = _quads(tmp_path / "store")
    assert loaded == _quads(local / "store")
    typed = [q.split(" ") for q in loaded if "22-rdf-syntax-ns#type" in q]
    forced = {s for s, _, o, *_ in typed if o == "<https://w3id.org/kg/ontology#ForcedLanding>"}
    asserted = {q.split(" ")[0] for q in loaded if 'ontology#factuality> "asserted"' in q}
    assert len(forced & asserted) == 1  # three reports stating it, one event IRI
    assert len(forced - asserted) == 1  # and a question about it, a statement of its own


def test_kg_load_refuses_what_is_not_nquads(run_kg: RunKg, tmp_path: Path) -> None:
    bad = tmp_path / "bad.nq"
    bad.write_text("this is not RDF\n", encoding="utf-8")
    proc = run_kg("load", bad, "--location", tmp_path / "store")
    assert proc.returncode == 1
    assert proc.stderr.startswith(f"kg: error: {bad}: not N-Quads")
    assert len(proc.stderr.splitlines()) == 1
    assert not (tmp_path / "store").exists()


def test_unreachable_scheduler_is_one_clear_line(run_kg: RunKg, tmp_path: Path) -> None:
    proc = run_kg(
        "build", "seeds", "--out", tmp_path, "--engine", "dask", "--scheduler", "tcp://127.0.0.1:9"
    )
    assert proc.returncode == 1
    assert proc.stderr.startswith("kg: error: --scheduler tcp://127.0.0.1:9: cannot reach it")
    assert "Traceback" not in proc.stderr


def test_formats_none_writes_only_nquads(local: Path, tmp_path: Path) -> None:
    build(SOURCES["all"], tmp_path, formats=())
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith(".")) == ["kg.nq"]
    assert (tmp_path / "kg.nq").read_bytes() == (local / "kg.nq").read_bytes()


def test_export_from_the_store_is_the_union_graph(run_kg: RunKg, local: Path, tmp_path) -> None:
    """`kg export --store` dumps through Oxigraph; same statements as kg.ttl."""
    for fmt, rdf_format in (("nt", ox.RdfFormat.N_TRIPLES), ("turtle", ox.RdfFormat.TURTLE)):
        out = tmp_path / f"union.{fmt}"
        proc = run_kg("export", "--store", local / "store", "--format", fmt, "--out", out)
        assert proc.returncode == 0, proc.stderr
        exported = {str(t) for t in ox.parse(path=out, format=rdf_format)}
        built = {str(t) for t in ox.parse(path=local / "kg.ttl", format=ox.RdfFormat.TURTLE)}
        # Oxigraph keeps an xsd:nonNegativeInteger's value, typed xsd:integer
        assert exported == {t.replace("#nonNegativeInteger>", "#integer>") for t in built}
    proc = run_kg("export", "--store", local / "store", "--format", "jsonld", "--out", out)
    assert proc.returncode == 1 and "jsonld needs --data" in proc.stderr


def test_kg_query_reads_a_store_given_as_data(run_kg: RunKg, local: Path) -> None:
    proc = run_kg("query", "actors", "--engine", "oxigraph", "--data", local / "store")
    assert proc.returncode == 0, proc.stderr
    assert "kgr:" not in proc.stdout and "alexander-lukashenko" in proc.stdout
    proc = run_kg("query", "actors", "--data", local / "store")
    assert proc.returncode == 1
    assert proc.stderr.strip().endswith("an Oxigraph store; query it with --engine oxigraph")
