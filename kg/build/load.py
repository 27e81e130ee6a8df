"""`kg load SHARDS --location DIR`: N-Quads shards → an Oxigraph store, then the event pass.

Shards (from `kg build --engine dask`, or any N-Quads of per-document graphs) hold
everything a document says on its own. What needs all documents is done here, as a pass
over the loaded store: the event keys are read back with SPARQL, the same `kg.build.merge` pass
as a local build renames reports of one event to one IRI and labels every event, and the
ontology and the run record are added. The store then holds the same named graphs as a
local build's kg.nq, and their union in its default graph (as `kg build --with-store`).
The store is built in a temporary folder next to DIR and swapped in whole.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from kg.build.assemble import ontology_lines
from kg.build.merge import EventIndex, merge_events
from kg.errors import DataError
from kg.outputs import build_lock
from kg.rdf.ontology import ROLE_LABELS
from kg.rdf.quads import PRECISION_TYPES, EventKey, run_lines
from kg.rdf.vocab import KGD, KGE, KGO, KGR, SEM, SHARED_GRAPH, sparql_prologue
from kg.records import WRITTEN, TimeValue
from kg.rules.factuality import ASSERTED
from kg.rules.model import Rules
from kg.store.files import bulk_load_file, replace_store

_PRECISION = {str(datatype): name for name, datatype in PRECISION_TYPES.items()}
_ROLE_IRIS = {f"{KGO}{role}": role for role in ROLE_LABELS}
_HAS_PLACE = "http://semanticweb.cs.vu.nl/2009/11/sem/hasPlace"
_GRAPH_AT_END = re.compile(rb" <[^>]*> \.\n")
_CHUNK = 1 << 24

EVENTS = """SELECT ?g ?e ?class ?src ?begin ?time ?basis ?factuality WHERE {
  GRAPH ?g { ?e a sem:Event , ?class ; prov:wasDerivedFrom ?src ; kgo:trigger ?t .
             ?t nif:beginIndex ?begin .
             OPTIONAL { ?e sem:hasTimeStamp ?time }
             OPTIONAL { ?e kgo:timeBasis ?basis }
             OPTIONAL { ?e kgo:factuality ?factuality } }
  FILTER(?class != sem:Event)
}"""
ROLES = """SELECT ?g ?e ?p ?who WHERE {
  GRAPH ?g { ?e a sem:Event ; ?p ?who .
             VALUES ?p { %s sem:hasPlace } }
}"""
LABELS = """SELECT ?e ?label WHERE { GRAPH <%s> { ?e rdfs:label ?label } }"""
GROUPS = """SELECT ?e WHERE { GRAPH <%s> { ?e a kgo:Group } }"""
PERSONS = """SELECT ?e WHERE { GRAPH <%s> { ?e a schema:Person } }"""
ARTICLES = """SELECT DISTINCT ?d WHERE { GRAPH ?g { ?d a schema:NewsArticle } }"""


@dataclass
class Loaded:
    shards: int
    quads: int
    events: int
    merged: int


def load_shards(
    shards: list[Path],
    location: Path,
    rules: Rules,
    progress: Callable[[str], None] | None = None,
) -> Loaded:
    """Bulk-load `shards` into a new store at `location` and run the event pass on it."""
    say = progress or (lambda message: None)
    location = location.resolve()
    done: list[Loaded] = []

    def fill(store: ox.Store) -> None:
        for number, shard in enumerate(shards, 1):
            say(f"loading {shard.name} ({number}/{len(shards)})")
            try:
                bulk_load_file(store, shard, ox.RdfFormat.N_QUADS)
            except SyntaxError as exc:
                raise DataError(f"{shard}: not N-Quads ({str(exc).splitlines()[-1]})") from None
        say("merging reports of the same event")
        index = read_event_index(store)
        merge = merge_events(index, rules)
        _drop_coarse_times(store, merge.coarse_times)
        _rename(store, merge.renames)
        documents = sorted(str(s["d"].value)[len(str(KGD)) :] for s in _select(store, ARTICLES))
        extra = merge.label_lines + ontology_lines(rules) + run_lines(rules, documents)
        store.bulk_load("".join(extra).encode("utf-8"), ox.RdfFormat.N_QUADS)
        say("adding the union of all graphs as the default graph")
        _add_union(store, location)
        quads = sum(1 for _ in store.quads_for_pattern(None, None, None, None))
        say("compacting the store for queries")
        store.optimize()  # as kg.store.files.write_store does
        events = len(index.keys) - len(merge.renames)
        done.append(Loaded(len(shards), quads, events, len(merge.merged)))

    # not with a build (or another load) writing next to it: they share scratch names
    with build_lock(location.parent, clean=False):
        replace_store(location, fill)
    return done[0]


def read_event_index(store: ox.Store) -> EventIndex:
    """The event keys, entity labels and the group and person types the local build would
    have collected (the event pass reads groups; the person pass reads people)."""
    roles: dict[tuple[str, str], dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    role_values = " ".join(f"<{iri}>" for iri in _ROLE_IRIS)
    for row in _select(store, ROLES % role_values):
        role = _ROLE_IRIS.get(row["p"].value, "place")
        roles[(row["g"].value, row["e"].value)][role].add(_entity_id(row["who"].value))
    keys = []
    for row in _select(store, EVENTS):
        found = roles.get((row["g"].value, row["e"].value), {})
        by_role = {role: set(ids) for role, ids in found.items()}
        if "place" in by_role:  # origin and destination are places too (sem:hasPlace)
            by_role["place"] -= by_role.get("origin", set()) | by_role.get("destination", set())
        time = row["time"]
        keys.append(
            EventKey(
                id=row["e"].value[len(str(KGE)) :],
                type=row["class"].value[len(str(KGO)) :],
                doc=row["src"].value[len(str(KGD)) :].split("/post/")[0],
                order=int(row["begin"].value),
                time=_time(time, row["basis"]),
                roles=tuple((r, tuple(sorted(ids))) for r, ids in sorted(by_role.items()) if ids),
                asserted=row["factuality"] is None or row["factuality"].value == ASSERTED,
            )
        )
    index = EventIndex()
    for row in _select(store, LABELS % SHARED_GRAPH):
        if row["e"].value.startswith(str(KGR)):
            label = row["label"]
            index.add([], {_entity_id(row["e"].value): {label.language or "": label.value}}, {})
    types = {_entity_id(row["e"].value): "group" for row in _select(store, GROUPS % SHARED_GRAPH)}
    types |= {
        _entity_id(row["e"].value): "person" for row in _select(store, PERSONS % SHARED_GRAPH)
    }
    index.add(keys, {}, types)
    return index


def _entity_id(iri: str) -> str:
    return iri[len(str(KGR)) :]


def _select(store: ox.Store, query: str):
    return store.query(sparql_prologue() + query)


def _time(stamp: ox.Literal | None, basis: ox.Literal | None) -> TimeValue | None:
    if stamp is None:
        return None
    precision = _PRECISION[stamp.datatype.value]
    return TimeValue(stamp.value, precision, basis.value if basis else WRITTEN)


def _drop_coarse_times(store: ox.Store, reports: set[str]) -> None:
    """As a local build does: an event has one time stamp, the finest its reports give."""
    stamps = (ox.NamedNode(f"{SEM}hasTimeStamp"), ox.NamedNode(f"{KGO}timeBasis"))
    for report in sorted(reports):
        for stamp in stamps:
            subject = ox.NamedNode(f"{KGE}{report}")
            for quad in list(store.quads_for_pattern(subject, stamp, None)):
                store.remove(quad)


def _rename(store: ox.Store, renames: dict[str, str]) -> None:
    """Give every report of a merged event the IRI of its first report, in every graph."""
    for old, new in renames.items():
        before, after = ox.NamedNode(f"{KGE}{old}"), ox.NamedNode(f"{KGE}{new}")
        for quad in list(store.quads_for_pattern(before, None, None, None)):
            store.remove(quad)
            store.add(ox.Quad(after, quad.predicate, quad.object, quad.graph_name))
        for quad in list(store.quads_for_pattern(None, None, before, None)):
            store.remove(quad)
            store.add(ox.Quad(quad.subject, quad.predicate, after, quad.graph_name))


def _add_union(store: ox.Store, location: Path) -> None:
    """Every named graph's statements once in the default graph, streamed through files
    next to the store's `location`."""
    dump = location.parent / f".{location.name}.nq"
    union = location.parent / f".{location.name}.nt"
    try:
        store.dump(output=str(dump), format=ox.RdfFormat.N_QUADS)
        with dump.open("rb") as source, union.open("wb") as target:
            carry = b""
            while chunk := source.read(_CHUNK):
                buffer = carry + chunk
                cut = buffer.rfind(b"\n") + 1
                target.write(_GRAPH_AT_END.sub(b" .\n", buffer[:cut]))
                carry = buffer[cut:]
            target.write(_GRAPH_AT_END.sub(b" .\n", carry))
        bulk_load_file(store, union, ox.RdfFormat.N_TRIPLES, ox.DefaultGraph())
    finally:
        dump.unlink(missing_ok=True)
        union.unlink(missing_ok=True)
