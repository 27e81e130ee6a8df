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

from collections import defaultdict
from collections.abc import Iterable
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


def same_real_event(a: EventKey, b: EventKey, types: dict[str, str] | None = None) -> bool:
    """The NewsReader rule, made stricter where a shared participant says little.

    A generic group ("refugees and migrants") is in many events: when it is all two
    reports share, they must both be dated (compatibly). Reports naming places must
    share one.
    """
    if a.type != b.type or not times_compatible(a.time, b.time):
        return False
    for role in KEY_ROLES:
        if a.role(role) and b.role(role) and not set(a.role(role)) & set(b.role(role)):
            return False
    shared = _key_participants(a) & _key_participants(b)
    if not shared:
        return False
    if types and all(types.get(e) == "group" for e in shared) and not (a.time and b.time):
        return False
    places_a = {e for r in PLACE_ROLES for e in a.role(r)}
    places_b = {e for r in PLACE_ROLES for e in b.role(r)}
    return not (places_a and places_b and not places_a & places_b)


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
    by_participant: dict[tuple[str, str], list[int]] = defaultdict(list)
    canonical: list[EventKey] = []
    clusters: dict[str, list[EventKey]] = {}
    renames: dict[str, str] = {}
    for key in ordered:
        candidates = sorted(
            {i for e in _key_participants(key) for i in by_participant[(key.type, e)]}
        )
        match = next(
            (
                canonical[i]
                for i in candidates
                if canonical[i].doc != key.doc and same_real_event(canonical[i], key, index.types)
            ),
            None,
        )
        if match is None:
            number = len(canonical)
            canonical.append(key)
            clusters[key.id] = [key]
            for e in _key_participants(key):
                by_participant[(key.type, e)].append(number)
        else:
            renames[key.id] = match.id
            clusters[match.id].append(key)
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
