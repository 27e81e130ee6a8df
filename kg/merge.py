"""Cross-document event coreference: the same real event told by several sources.

The NewsReader rule: two reports are one event when they have the same event type,
compatible times and at least one shared key participant (agent or patient), and their
agents (and patients) do not contradict each other. Merging gives both reports the IRI of
the first report; each source keeps its own statements in its own named graph.

This is the one step that needs every document, so it runs as a pass over compact
`EventKey`s after all documents are turned into quads: from the records in a local build,
or read back from a store (`kg.load`). Both give the same keys, so the same renames and
the same event labels. Reports are taken in (document, position) order, and candidates are
found through an index on (type, participant): the pass is linear in the reports.
"""

from __future__ import annotations

import heapq
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from kg.rdf.ntriples import literal
from kg.rdf.quads import EventKey, P, event_ref
from kg.records import TimeValue
from kg.rules.model import Rules

KEY_ROLES = ("agent", "patient")
PLACE_ROLES = ("place", "origin", "destination")


def times_compatible(a: TimeValue | None, b: TimeValue | None) -> bool:
    """Unknown fits anything; otherwise one must refine the other ("2021-05" ⊇ "2021-05-23")."""
    if a is None or b is None:
        return True
    return a.value.startswith(b.value) or b.value.startswith(a.value)


class _Report:
    """An event key with the sets the rule compares, computed once."""

    __slots__ = ("agents", "key", "patients", "places", "shared_keys", "time", "undated_ok")

    def __init__(self, key: EventKey, types: dict[str, str]) -> None:
        self.key = key
        self.agents = frozenset(key.role("agent"))
        self.patients = frozenset(key.role("patient"))
        self.shared_keys = self.agents | self.patients
        self.places = frozenset(e for r in PLACE_ROLES for e in key.role(r))
        self.time = key.time.value if key.time else None
        # participants that may carry a match when either report is undated: not groups
        self.undated_ok = frozenset(e for e in self.shared_keys if types.get(e) != "group")


def same_real_event(a: _Report, b: _Report) -> bool:
    """The NewsReader rule, made stricter where a shared participant says little.

    A generic group ("refugees and migrants") is in many events: when it is all two
    reports share, they must both be dated (compatibly). Reports naming places must
    share one.
    """
    if a.key.type != b.key.type:
        return False
    if a.time and b.time and not (a.time.startswith(b.time) or b.time.startswith(a.time)):
        return False
    if a.agents and b.agents and a.agents.isdisjoint(b.agents):
        return False
    if a.patients and b.patients and a.patients.isdisjoint(b.patients):
        return False
    if a.shared_keys.isdisjoint(b.shared_keys):
        return False
    if not (a.time and b.time) and a.undated_ok.isdisjoint(b.undated_ok):
        return False
    return not (a.places and b.places and a.places.isdisjoint(b.places))


def _key_participants(key: EventKey) -> set[str]:
    return {e for role in KEY_ROLES for e in key.role(role)}


@dataclass
class EventIndex:
    """What the pass collects from every document: event keys, entity labels and types."""

    keys: list[EventKey] = field(default_factory=list)
    labels: dict[str, dict[str, str]] = field(default_factory=dict)
    types: dict[str, str] = field(default_factory=dict)

    def add(
        self,
        keys: Iterable[EventKey],
        labels: dict[str, dict[str, str]],
        types: dict[str, str],
    ) -> None:
        """Labels differing between documents resolve to the smallest: order-independent."""
        self.keys.extend(keys)
        for entity_id, by_lang in labels.items():
            known = self.labels.setdefault(entity_id, {})
            for lang, label in by_lang.items():
                if lang not in known or label < known[lang]:
                    known[lang] = label
        for entity_id, entity_type in types.items():
            self.types.setdefault(entity_id, entity_type)


@dataclass
class Merge:
    """The outcome of the pass: report IRIs to rename, and one label per event and language."""

    renames: dict[str, str]  # report id -> id of the first report of its event
    merged: set[str]  # ids of events told by more than one report
    label_lines: list[str]  # N-Quads, shared graph, sorted


def merge_events(index: EventIndex, rules: Rules) -> Merge:
    """Cluster the reports and label each resulting event from all its reports' roles."""
    ordered = sorted(index.keys, key=lambda k: (k.doc, k.order, k.id))
    filed: dict[tuple[str, str, str], list[int]] = defaultdict(list)  # see _drawers
    times: dict[tuple[str, str], set[str]] = defaultdict(set)
    canonical: list[_Report] = []
    clusters: dict[str, list[EventKey]] = {}
    renames: dict[str, str] = {}
    for key in ordered:
        report = _Report(key, index.types)
        drawers = _drawers(key, index.types, times)
        match = next(
            (
                canonical[i]
                for i in _ascending_unique([filed[d] for d in drawers if d in filed])
                if canonical[i].key.doc != key.doc and same_real_event(canonical[i], report)
            ),
            None,
        )
        if match is None:
            number = len(canonical)
            canonical.append(report)
            clusters[key.id] = [key]
            time = key.time.value if key.time else ""
            for e in _lookup_keys(key, index.types):
                filed[(key.type, e, time)].append(number)
                times[(key.type, e)].add(time)
        else:
            renames[key.id] = match.key.id
            clusters[match.key.id].append(key)
    lines = []
    for event_id, reports in clusters.items():
        roles = _union_roles(reports)
        event_type = rules.event_types[reports[0].type]
        for lang in ("en", "nl"):
            label = _event_label(roles, event_type.labels[lang], index.labels, lang)
            label_term = literal(label, lang=lang)
            lines.append(f"{event_ref(event_id)} {P.label} {label_term} {P.shared} .\n")
    merged = {event_id for event_id, reports in clusters.items() if len(reports) > 1}
    return Merge(renames, merged, sorted(set(lines)))


def _lookup_keys(key: EventKey, types: dict[str, str]) -> list[str]:
    """The participants through which a report can find (or be found by) its event.

    Reports sharing only a group must both be dated, so an undated report is neither
    filed nor looked up under a group: that keeps "migrants" from making the pass quadratic.
    """
    found = sorted(_key_participants(key))
    if key.time is None:
        return [e for e in found if types.get(e) != "group"]
    return found


def _drawers(
    key: EventKey, types: dict[str, str], times: dict[tuple[str, str], set[str]]
) -> list[tuple[str, str, str]]:
    """Where the events this report may belong to are filed: (type, participant, time).

    Only compatible times can match (one refines the other), so a dated report looks in
    the undated drawer and in those whose time is compatible with its own.
    """
    out = []
    for e in _lookup_keys(key, types):
        known = sorted(times.get((key.type, e), ()))
        if key.time is not None:
            mine = key.time.value
            known = [t for t in known if not t or t.startswith(mine) or mine.startswith(t)]
        out.extend((key.type, e, t) for t in known)
    return out


def _ascending_unique(lists: list[list[int]]) -> Iterator[int]:
    """The numbers of several ascending lists, merged, each once: first candidates first."""
    if len(lists) == 1:
        yield from lists[0]
        return
    last = -1
    for number in heapq.merge(*lists):
        if number != last:
            last = number
            yield number


def _union_roles(reports: list[EventKey]) -> dict[str, list[str]]:
    """Roles over all reports, in report order; a participant keeps its first role."""
    roles: dict[str, list[str]] = {}
    seen: set[str] = set()
    for report in reports:
        for role, ids in report.roles:
            new = [i for i in ids if i not in seen]
            roles.setdefault(role, []).extend(new)
            seen.update(new)
    return roles


def _event_label(roles: dict[str, list[str]], type_label: str, labels, lang: str) -> str:
    def names(role: str) -> str:
        ids = roles.get(role, [])
        return ", ".join(labels[i].get(lang, i) if i in labels else i for i in ids)

    agent, patient = names("agent"), names("patient")
    if not agent:  # "opposition members – end up in prison"
        return " – ".join(p for p in (patient, type_label) if p)
    return " – ".join(p for p in (agent, type_label, patient) if p)
