"""Cross-document event coreference: the same real event told by several sources.

The NewsReader rule: two reports are one event when they have the same event type,
compatible times and at least one shared key participant (agent or patient), and their
agents (and patients) do not contradict each other. Merging gives both reports one IRI;
each source keeps its own statements in its own named graph.
"""

from __future__ import annotations

from collections import defaultdict

from kg.records import Event, Extraction, TimeValue

KEY_ROLES = ("agent", "patient")


def times_compatible(a: TimeValue | None, b: TimeValue | None) -> bool:
    """Unknown fits anything; otherwise one must refine the other ("2021-05" ⊇ "2021-05-23")."""
    if a is None or b is None:
        return True
    return a.value.startswith(b.value) or b.value.startswith(a.value)


PLACE_ROLES = ("place", "origin", "destination")


def same_real_event(a: Event, b: Event, types: dict[str, str] | None = None) -> bool:
    """The NewsReader rule, made stricter where a shared participant says little.

    A generic group ("refugees and migrants") is in many events: when it is all two
    reports share, they must both be dated (compatibly). Reports naming places must
    share one.
    """
    if a.type != b.type or not times_compatible(a.time, b.time):
        return False
    for role in KEY_ROLES:
        if a.roles.get(role) and b.roles.get(role) and not set(a.roles[role]) & set(b.roles[role]):
            return False
    shared = {e for r in KEY_ROLES for e in a.roles.get(r, [])} & {
        e for r in KEY_ROLES for e in b.roles.get(r, [])
    }
    if not shared:
        return False
    if types and all(types.get(e) == "group" for e in shared) and not (a.time and b.time):
        return False
    places_a = {e for r in PLACE_ROLES for e in a.roles.get(r, [])}
    places_b = {e for r in PLACE_ROLES for e in b.roles.get(r, [])}
    return not (places_a and places_b and not places_a & places_b)


def corefer_events(extractions: list[Extraction]) -> dict[str, dict[str, list[str]]]:
    """Give coreferent events of different documents the id of the first report.

    Returns, per resulting event id, the union of roles over all its reports (for labels).
    """
    types = {e.id: e.type for x in extractions for e in x.entities.values()}
    clusters: dict[str, list[Event]] = defaultdict(list)  # canonical id -> reports
    by_type: dict[str, list[Event]] = defaultdict(list)  # canonical reports per type
    for extraction in extractions:
        for event in extraction.events:
            match = next(
                (
                    c
                    for c in by_type[event.type]
                    if c.doc != event.doc and same_real_event(c, event, types)
                ),
                None,
            )
            if match is None:
                by_type[event.type].append(event)
                clusters[event.id].append(event)
            else:
                event.id = match.id
                clusters[match.id].append(event)
    merged: dict[str, dict[str, list[str]]] = {}
    for event_id, reports in clusters.items():
        roles: dict[str, list[str]] = {}
        seen: set[str] = set()
        for report in reports:
            for role, ids in report.roles.items():
                new = [i for i in ids if i not in seen]  # one role per participant
                roles.setdefault(role, []).extend(new)
                seen.update(new)
        merged[event_id] = roles
    return merged
