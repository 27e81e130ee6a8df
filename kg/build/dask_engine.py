"""`kg build --engine dask`: documents extracted on a Dask cluster, N-Quads shards out.

A document's quads are a pure function of (text, rules) (`document_result`), so a
`dask.bag` over the article files can run it anywhere. Each partition writes one N-Quads
shard (its documents' graphs, then its part of the shared graph) and sends back only
what the last pass needs: event keys, labels, and where each document's block sits in the
shard. The client then assembles exactly as a local build does, so kg.nq is the same, byte
for byte. The shard folder must be one every worker and the client can reach (a shared
disk on a real cluster); `kg load` can bulk-load the shards into Oxigraph directly.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

from kg.build.workers import Job, Outcome, document_result
from kg.errors import KgError
from kg.outputs import SHARD_DIR
from kg.rules.model import Rules

PARTITION_SIZE = 64  # documents per partition (and shard): few tasks, still balanced
_rules_by_digest: dict[str, Rules] = {}  # per worker process: compile the rules once


def _worker_rules(rules: Rules) -> Rules:
    """The first copy of these rules this worker saw: its compiled matchers are cached."""
    return _rules_by_digest.setdefault(rules.digest, rules)


def extract_partition(
    numbered: list[tuple[int, Job]], rules: Rules, shard_dir: str
) -> list[Outcome]:
    """Extract one partition and write its shard; the outcomes point into the shard."""
    rules = _worker_rules(rules)
    outcomes = [document_result(job, rules) for _, job in numbered]
    if not numbered:
        return []
    path = Path(shard_dir) / f"part-{numbered[0][0]:06d}.nq"
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    shared: set[str] = set()
    with tmp.open("wb") as out:
        for outcome in outcomes:
            if outcome.quads is None:
                continue
            data = "".join(outcome.quads.graph_lines).encode("utf-8")
            outcome.quads.block = (str(path), out.tell(), len(data))
            outcome.quads.graph_lines = []
            out.write(data)
            shared.update(outcome.quads.shared_lines)
        out.write("".join(sorted(shared)).encode("utf-8"))
    os.replace(tmp, path)
    return outcomes


def dask_outcomes(
    jobs: list[Job],
    rules: Rules,
    out_dir: Path,
    scheduler: str | None = None,
    workers: int = 2,
    partition_size: int | None = None,
    on_cluster: Callable[[str], None] | None = None,
) -> Iterator[Outcome]:
    """Outcomes in the order of `jobs`, computed on the cluster at `scheduler`.

    Without a scheduler address a LocalCluster of `workers` processes is started (and
    stopped afterwards): the same code path as a real cluster, on this machine.
    """
    try:
        import dask.bag as db
        from distributed import Client, LocalCluster
    except ImportError:
        raise KgError("--engine dask needs Dask: pip install 'kg[dask]'") from None
    shard_dir = (out_dir / SHARD_DIR).resolve()
    shard_dir.mkdir(parents=True, exist_ok=True)
    for old in shard_dir.glob("part-*.nq"):
        old.unlink()
    cluster = None
    if scheduler:
        try:
            client = Client(scheduler, timeout="5s")
        except OSError as exc:
            raise KgError(f"--scheduler {scheduler}: cannot reach it ({exc})") from None
    else:
        cluster = LocalCluster(
            n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None
        )
        client = Client(cluster)
    try:
        if on_cluster:
            on_cluster(str(client.scheduler.address))
        if not jobs:
            return
        partitions = max(1, -(-len(jobs) // (partition_size or PARTITION_SIZE)))
        bag = db.from_sequence(list(enumerate(jobs)), npartitions=partitions)
        parts = bag.map_partitions(extract_partition, rules, str(shard_dir)).to_delayed()
        futures = client.compute(parts)
        for future in futures:  # in partition order: the output never depends on timing
            yield from future.result()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
