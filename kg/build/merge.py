"""Cross-document event coreference: the same real event told by several sources.

The NewsReader rule: two reports are one event when they have the same event type,
compatible times and at least one shared key participant (agent or patient), and their
agents (and patients) do not contradict each other. A report must also fit what the
event's earlier reports told: the finest time so far, and one of the agents, patients and
places named so far.
Merging gives both reports the IRI of the first report; each source keeps its own
statements in its own named graph.

This is the one step that needs every document, so it runs as a pass over compact
`EventKey`s after all documents are turned into quads: from the records in a local build,
or read back from a store (`kg.build.load`). Both give the same keys, so the same renames and
the same event labels. Reports are taken in (document, position) order, and candidates are
found through an index on (type, participant): the pass is linear in the reports.
"""

from __future__ import annotations

import multiprocessing
from collections import Counter
from collections.abc import Iterable
from collections.abc import Set as AbstractSet
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field

from kg.rdf.ntriples import literal
from kg.rdf.quads import EventKey, P, entity_ref, event_ref
from kg.records import WRITTEN, times_fit
from kg.rules.model import LANGS, Rules
from kg.rules.names import name_key
from kg.rules.roles import PLACE_ROLES

# Below this many reports one process runs the pass: forking another costs more than it saves.
PARALLEL_MIN_REPORTS = 50_000
_FORK = multiprocessing.get_context("fork")  # the child sees the index without a copy


class _Report:
    """An event key with the sets the rule compares, computed once."""

    __slots__ = ("agents", "key", "patients", "places", "shared_keys", "time", "undated_ok")

    def __init__(self, key: EventKey, types: dict[str, str]) -> None:
        self.key = key
        roles = dict(key.roles)
        self.agents = frozenset(roles.get("agent", ()))
        self.patients = frozenset(roles.get("patient", ()))
        self.shared_keys = self.agents | self.patients
        self.places = frozenset(e for r in PLACE_ROLES for e in roles.get(r, ()))
        # a publication month is no date of the text's own: reports of other months fit
        self.time = key.time.value if key.time and key.time.basis == WRITTEN else None
        # participants that may carry a match when either report is undated: not groups
        self.undated_ok = frozenset(e for e in self.shared_keys if types.get(e) != "group")


def same_real_event(a: _Report, b: _Report) -> bool:
    """The NewsReader rule, made stricter where a shared participant says little.

    A generic group ("refugees and migrants") is in many events: when it is all two
    reports share, they must both be dated (compatibly). Reports naming places must
    share one.
    """
    if a.key.type != b.key.type or not (a.key.asserted and b.key.asserted):
        return False  # a denial or a question is its source's statement, not a report
    if not times_fit(a.time, b.time):
        return False
    if not (_sets_fit(a.agents, b.agents) and _sets_fit(a.patients, b.patients)):
        return False
    if a.shared_keys.isdisjoint(b.shared_keys):
        return False
    if not (a.time and b.time) and a.undated_ok.isdisjoint(b.undated_ok):
        return False
    return _sets_fit(a.places, b.places)


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
    coarse_times: set[str] = field(default_factory=set)  # reports whose time another refines


def merge_events(index: EventIndex, rules: Rules, types: AbstractSet[str] | None = None) -> Merge:
    """Cluster the reports and label each resulting event from all its reports' roles.

    With `types`, only the reports of those event types: reports of different types are
    never one event, so passes over disjoint sets of types give disjoint parts of the whole.
    """
    keys = index.keys if types is None else [k for k in index.keys if k.type in types]
    ordered = sorted(keys, key=lambda k: (k.doc, k.order, k.id))
    cabinet = _Cabinet()
    canonical: list[_Report] = []
    told: list[_Told] = []  # what each event's reports have said so far
    clusters: dict[str, list[EventKey]] = {}
    renames: dict[str, str] = {}
    for key in ordered:
        report = _Report(key, index.types)
        lookup = _lookup_keys(report, index.types)
        match = None
        for number in cabinet.candidates(key.type, lookup, report.time, report.patients):
            first = canonical[number]
            if (
                first.key.doc != key.doc
                and told[number].fits(report)
                and same_real_event(first, report)
            ):
                match = first
                told[number].add(report)
                break
        if match is None:
            cabinet.file(len(canonical), key.type, lookup, report.time or "", report.patients)
            canonical.append(report)
            told.append(_Told(report))
            clusters[key.id] = [key]
        else:
            renames[key.id] = match.key.id
            clusters[match.key.id].append(key)
    lines = []
    for event_id, reports in clusters.items():
        roles = _union_roles(reports)
        event_type = rules.event_types[reports[0].type]
        for lang in sorted(LANGS):
            label = _event_label(roles, event_type.labels[lang], index.labels, lang)
            label_term = literal(label, lang=lang)
            lines.append(f"{event_ref(event_id)} {P.label} {label_term} {P.shared} .\n")
    merged = {event_id for event_id, reports in clusters.items() if len(reports) > 1}
    coarse = set()
    for reports in clusters.values():
        coarse.update(_coarse_times(reports))
    if types is None:  # the whole pass (a part leaves this to merge_in_parallel)
        lines += same_person_lines(index, rules)
    return Merge(renames, merged, sorted(set(lines)), coarse)


def _coarse_times(reports: list[EventKey]) -> list[str]:
    """The reports of one event whose time stamp goes: all but the finest written one;
    a publication month when a text writes a date, else all but the earliest."""
    written = [k for k in reports if k.time and k.time.basis == WRITTEN]
    published = [k for k in reports if k.time and k.time.basis != WRITTEN]
    finest = max((k.time.value for k in written), key=len, default=None)
    earliest = min(published, key=lambda k: (k.time.value, k.doc, k.order), default=None)
    kept = earliest if finest is None else None
    coarse = [k.id for k in written if k.time.value != finest]
    return coarse + [k.id for k in published if k is not kept]


def same_person_lines(index: EventIndex, rules: Rules) -> list[str]:
    """owl:sameAs from each other spelling of a person's full name to one of its ids.

    Documents name people the rule files do not know in their own spellings ("Volodymyr
    Zelensky", "Volodymyr Zelenskyy"): each becomes an entity of its own, and when their
    names have one transliteration key (kg.rules.names) the ids are linked to the smallest
    one. Only full names (two words or more) are linked: a surname alone may be anyone's.
    """
    by_key: dict[str, set[str]] = {}
    for entity_id, entity_type in index.types.items():
        labels = index.labels.get(entity_id) or {}
        if entity_type != "person" or entity_id in rules.entities or not labels:
            continue
        name = labels.get("en") or min(labels.values())
        key = name_key(name, rules.names)
        if len(key.split()) >= 2:
            by_key.setdefault(key, set()).add(entity_id)
    lines = []
    for ids in by_key.values():
        canonical = min(ids)
        for other in sorted(ids - {canonical}):
            lines.append(f"{entity_ref(other)} {P.same_as} {entity_ref(canonical)} {P.shared} .\n")
    return lines


def merge_in_parallel(index: EventIndex, rules: Rules, workers: int) -> Merge:
    """`merge_events`, its event types shared out between `workers` processes.

    The same renames, merged events and label lines as one pass: each type's reports are
    taken in the same order either way. The other processes are forked, so they read the
    index where it is; only their results are sent back.
    """
    groups = split_by_type(index.keys, workers)
    if len(groups) < 2:
        return merge_events(index, rules)
    children = []
    for types in groups[1:]:
        receive, send = _FORK.Pipe(duplex=False)
        child = _FORK.Process(target=_merge_part, args=(send, index, rules, types), daemon=True)
        child.start()
        send.close()
        children.append((child, receive))
    parts = [merge_events(index, rules, groups[0])]
    for child, receive in children:
        try:
            outcome = receive.recv()
        except EOFError:  # killed (out of memory): told as a pool tells a dead worker
            outcome = None
        child.join()
        if outcome is None:
            raise BrokenProcessPool(f"the event pass's process ended with {child.exitcode}")
        if isinstance(outcome, BaseException):
            raise outcome
        parts.append(outcome)
    whole = _combined(parts)
    whole.label_lines = sorted({*whole.label_lines, *same_person_lines(index, rules)})
    return whole


def _merge_part(send, index: EventIndex, rules: Rules, types: AbstractSet[str]) -> None:
    """In a forked process: one share of the pass, sent back (or what went wrong)."""
    try:
        outcome: Merge | BaseException = merge_events(index, rules, types)
    except Exception as exc:  # sent to the parent, which raises it
        outcome = exc
    send.send(outcome)
    send.close()


def split_by_type(keys: list[EventKey], parts: int) -> list[set[str]]:
    """Event types in `parts` groups of about as many reports each (one group when few).

    Biggest type first into the emptiest group; ties broken by name, so it is repeatable.
    """
    if parts < 2 or len(keys) < PARALLEL_MIN_REPORTS:
        return [{k.type for k in keys}]
    counts = Counter(k.type for k in keys)
    groups: list[tuple[int, int, set[str]]] = [(0, n, set()) for n in range(parts)]
    for event_type, count in sorted(counts.items(), key=lambda tc: (-tc[1], tc[0])):
        size, number, types = min(groups)
        types.add(event_type)
        groups[number] = (size + count, number, types)
    return [types for _, _, types in groups if types]


def _combined(parts: list[Merge]) -> Merge:
    renames: dict[str, str] = {}
    merged: set[str] = set()
    lines: set[str] = set()
    coarse: set[str] = set()
    for part in parts:
        renames.update(part.renames)
        merged |= part.merged
        lines.update(part.label_lines)
        coarse |= part.coarse_times
    return Merge(renames, merged, sorted(lines), coarse)


class _Told:
    """The finest time, and every agent, patient and place an event's reports gave so far.

    A report is checked against these, not only against the event's first report: an
    undated first report would otherwise gather sanctions of June and of December into
    one event, one without a place arrests in Minsk and in Vilnius, one without an agent
    an abduction by Belarus and one by Russia; each report compatible with the first but
    not with the others.
    """

    __slots__ = ("agents", "patients", "places", "time")

    def __init__(self, report: _Report) -> None:
        self.time = report.time
        self.agents = set(report.agents)
        self.patients = set(report.patients)
        self.places = set(report.places)

    def fits(self, report: _Report) -> bool:
        return (
            times_fit(self.time, report.time)
            and _sets_fit(self.agents, report.agents)
            and _sets_fit(self.patients, report.patients)
            and _sets_fit(self.places, report.places)
        )

    def add(self, report: _Report) -> None:
        if report.time and len(report.time) > len(self.time or ""):
            self.time = report.time
        self.agents.update(report.agents)
        self.patients.update(report.patients)
        self.places.update(report.places)


def _sets_fit(known: AbstractSet[str], given: AbstractSet[str]) -> bool:
    """Unknown fits anything; otherwise they must share one."""
    return not (known and given and known.isdisjoint(given))


def _lookup_keys(report: _Report, types: dict[str, str]) -> list[str]:
    """The participants through which a report can find (or be found by) its event.

    Reports sharing only a group must both be dated, so an undated report is neither
    filed nor looked up under a group: that keeps "migrants" from making the pass quadratic.
    """
    found = sorted(report.shared_keys)
    if report.time is None:
        return [e for e in found if types.get(e) != "group"]
    return found


class _Cabinet:
    """Where first reports are filed: one drawer per (type, participant, time).

    Only compatible times can match (one refines the other), so a dated report looks in
    the undated drawer, in those of the times its own refines (its prefixes) and in those
    of the times that refine its own (found through `finer`, which files every time under
    each of its prefixes); an undated report looks in every drawer of its participants.
    Each drawer is also split by patient (None: reports without one), because reports
    whose patients differ cannot match: a report with patients opens only those folders.
    What an undated report opens is also kept whatever the time (`anytime`, `anytime_by`):
    one look instead of one per date a participant has been seen with.
    """

    def __init__(self) -> None:
        self.drawers: dict[tuple[str, str, str], list[int]] = {}
        self.folders: dict[tuple[str, str, str, str | None], list[int]] = {}
        self.finer: dict[tuple[str, str, str], set[str]] = {}
        self.anytime: dict[tuple[str, str], list[int]] = {}
        self.anytime_by: dict[tuple[str, str, str | None], list[int]] = {}

    def file(
        self,
        number: int,
        event_type: str,
        participants: list[str],
        time: str,
        patients: frozenset[str],
    ) -> None:
        for e in participants:
            drawer = (event_type, e, time)
            if drawer not in self.drawers:
                self.drawers[drawer] = []
                for coarser in _coarser(time):
                    self.finer.setdefault((event_type, e, coarser), set()).add(time)
            self.drawers[drawer].append(number)
            self.anytime.setdefault((event_type, e), []).append(number)
            for patient in patients or (None,):
                self.folders.setdefault((*drawer, patient), []).append(number)
                self.anytime_by.setdefault((event_type, e, patient), []).append(number)

    def candidates(
        self, event_type: str, participants: list[str], time: str | None, patients: frozenset[str]
    ) -> list[int]:
        """The numbers of the first reports that may be this report's event, ascending."""
        found: list[list[int]] = []
        for e in participants:
            if time is None:
                if not patients:
                    numbers = self.anytime.get((event_type, e))
                    if numbers:
                        found.append(numbers)
                    continue
                for patient in (*patients, None):
                    numbers = self.anytime_by.get((event_type, e, patient))
                    if numbers:
                        found.append(numbers)
                continue
            times = {*_coarser(time), time}
            times |= self.finer.get((event_type, e, time), set())
            for t in times:
                if not patients:
                    numbers = self.drawers.get((event_type, e, t))
                    if numbers:
                        found.append(numbers)
                    continue
                for patient in (*patients, None):
                    numbers = self.folders.get((event_type, e, t, patient))
                    if numbers:
                        found.append(numbers)
        if len(found) == 1:
            return found[0]
        return sorted(set().union(*found))


def _coarser(time: str) -> list[str]:
    """The times a time refines: "2021-05-23" → "", "2021", "2021-05"."""
    if not time:
        return []
    return ["", *(time[:end] for end in range(len(time)) if time[end] == "-")]


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
