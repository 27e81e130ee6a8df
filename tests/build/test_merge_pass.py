"""The cross-document event pass: indexed for speed, yet the same clusters as a plain scan.

`kg.build.merge.merge_events` files earlier events by (type, participant, time) so that an
archive's pass is linear. These tests run it on the event keys of a generated archive
and compare with the rule applied the slow way, against every earlier event.
"""

from __future__ import annotations

import importlib.util
import random
import sys
from pathlib import Path

import pytest

from kg.articles.read import read_document
from kg.build import merge as merge_module
from kg.build.merge import (
    EventIndex,
    merge_events,
    merge_in_parallel,
    split_by_type,
)
from kg.extract import extract_document
from kg.rdf.quads import EventKey, document_quads
from kg.records import TimeValue, times_compatible, written
from kg.rules.loader import load_rules
from kg.rules.roles import KEY_ROLES, PLACE_ROLES

BENCH = Path(__file__).resolve().parents[2] / "bench"


@pytest.fixture(scope="module")
def rules():
    return load_rules([])


@pytest.fixture(scope="module")
def index(rules, tmp_path_factory) -> EventIndex:
    """Event keys, labels and types of 60 generated articles (many reports of few events)."""
    spec = importlib.util.spec_from_file_location("bench_generate_merge", BENCH / "generate.py")
    assert spec and spec.loader
    generate = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = generate
    spec.loader.exec_module(generate)
    built = EventIndex()
    for path in generate.generate(3, 60, tmp_path_factory.mktemp("archive")):
        document = read_document(path)
        document.slug = path.stem
        quads = document_quads(extract_document(document, rules), rules)
        built.add(quads.events, quads.labels, quads.types)
    return built


def _role(key: EventKey, name: str) -> set[str]:
    return set(key.role(name))


def _same_event_plainly(a: EventKey, b: EventKey, types: dict[str, str]) -> bool:
    """The NewsReader rule as documented in kg.build.merge, written out without any index."""
    if a.type != b.type or not times_compatible(a.time, b.time):
        return False
    if not (a.asserted and b.asserted):  # a denial or a plan is its source's, no report
        return False
    for role in KEY_ROLES:
        if _role(a, role) and _role(b, role) and not _role(a, role) & _role(b, role):
            return False
    shared = (_role(a, "agent") | _role(a, "patient")) & (_role(b, "agent") | _role(b, "patient"))
    if not shared:
        return False
    if all(types.get(e) == "group" for e in shared) and not (written(a.time) and written(b.time)):
        return False
    places_a, places_b = _places(a), _places(b)
    return not (places_a and places_b and not places_a & places_b)


def _places(key: EventKey) -> set[str]:
    return set().union(*(_role(key, r) for r in PLACE_ROLES))


def _told(key: EventKey) -> dict[str, set[str]]:
    return {"agent": _role(key, "agent"), "patient": _role(key, "patient"), "place": _places(key)}


def _renames_plainly(index: EventIndex) -> dict[str, str]:
    first: list[EventKey] = []
    finest: dict[str, TimeValue | None] = {}  # first report's id -> finest time of its event
    told: dict[str, dict[str, set[str]]] = {}  # first report's id -> its event's roles so far
    renames: dict[str, str] = {}

    def fits(known: dict[str, set[str]], key: EventKey) -> bool:
        given = _told(key)
        return all(not (known[r] and given[r] and not known[r] & given[r]) for r in known)

    for key in sorted(index.keys, key=lambda k: (k.doc, k.order, k.id)):
        match = next(
            (
                c
                for c in first
                if c.doc != key.doc
                and times_compatible(finest[c.id], key.time)
                and fits(told[c.id], key)
                and _same_event_plainly(c, key, index.types)
            ),
            None,
        )
        if match is None:
            first.append(key)
            finest[key.id] = written(key.time)  # a publication month dates no event
            told[key.id] = _told(key)
        else:
            renames[key.id] = match.id
            for role, ids in _told(key).items():
                told[match.id][role] |= ids
            known = finest[match.id]
            time = written(key.time)
            if time and (known is None or len(time.value) > len(known.value)):
                finest[match.id] = time
    return renames


def test_the_indexed_pass_finds_the_clusters_a_plain_scan_finds(index, rules) -> None:
    merge = merge_events(index, rules)
    assert len(index.keys) > 1000 and len(merge.renames) > 100  # a real test of merging
    assert merge.renames == _renames_plainly(index)


def test_the_pass_does_not_depend_on_the_order_documents_arrive_in(index, rules) -> None:
    shuffled = EventIndex(list(index.keys), index.labels, index.types)
    random.Random(5).shuffle(shuffled.keys)
    first, second = merge_events(index, rules), merge_events(shuffled, rules)
    assert first.renames == second.renames
    assert first.label_lines == second.label_lines


def test_every_event_gets_one_label_per_language(index, rules) -> None:
    merge = merge_events(index, rules)
    events = {k.id for k in index.keys} - set(merge.renames)
    assert len(merge.label_lines) == 2 * len(events)
    assert {line.split(" ")[0] for line in merge.label_lines} == {
        f"<https://w3id.org/kg/event/{e}>" for e in events
    }


def _report(
    doc: str, event_type: str, time: TimeValue | None, **roles: tuple[str, ...]
) -> EventKey:
    """Report 1 of `doc`: its id as the build makes it ("a-1-impose-sanctions"), with the
    roles in the order given; a role with nobody in it is left out."""
    slug = "".join(f"-{c.lower()}" if c.isupper() else c for c in event_type).lstrip("-")
    named = tuple((role, ids) for role, ids in roles.items() if ids)
    return EventKey(f"{doc}-1-{slug}", event_type, doc, 1, time, named)


def test_a_finer_date_finds_the_event_of_its_month(rules) -> None:
    """ "In May" and "on 23 May" are one forced landing; "in June" is another."""

    def report(doc: str, time: TimeValue | None) -> EventKey:
        return _report(doc, "ForcedLanding", time, agent=("belarus",), patient=("ryanair",))

    may, june = TimeValue("2021-05", "month"), TimeValue("2021-06", "month")
    keys = [
        report("a", may),
        report("b", TimeValue("2021-05-23", "date")),
        report("c", TimeValue("2021", "year")),
        report("d", june),
        report("e", None),
    ]
    merge = merge_events(EventIndex(keys, {}, {}), rules)
    assert merge.renames == {
        "b-1-forced-landing": "a-1-forced-landing",
        "c-1-forced-landing": "a-1-forced-landing",
        "e-1-forced-landing": "a-1-forced-landing",
    }


def test_an_undated_report_does_not_join_events_of_different_dates(rules) -> None:
    """Undated sanctions, then sanctions of 7 June and of 2 December: two events, not one.

    Each dated report is compatible with the undated first one, but not with each other:
    the event takes the finest date it has been told with, and later reports must fit it.
    """

    def report(doc: str, time: TimeValue | None) -> EventKey:
        return _report(
            doc, "ImposeSanctions", time, agent=("european-union",), patient=("belarus",)
        )

    keys = [
        report("a", None),
        report("b", TimeValue("2021-06-07", "date")),
        report("c", TimeValue("2021-12-02", "date")),
        report("d", TimeValue("2021-06", "month")),
        report("e", TimeValue("2021-12", "month")),
        report("f", None),
    ]
    merge = merge_events(EventIndex(keys, {}, {}), rules)
    assert merge.renames == {
        "b-1-impose-sanctions": "a-1-impose-sanctions",
        "d-1-impose-sanctions": "a-1-impose-sanctions",
        "e-1-impose-sanctions": "c-1-impose-sanctions",
        "f-1-impose-sanctions": "a-1-impose-sanctions",
    }
    assert merge.renames == _renames_plainly(EventIndex(keys, {}, {}))


def test_a_report_without_a_place_does_not_join_events_of_different_places(rules) -> None:
    """An arrest without a place, then one in Minsk and one in Vilnius: two events."""

    def report(doc: str, *places: str) -> EventKey:
        may = TimeValue("2021-05", "month")
        return _report(
            doc, "Detain", may, agent=("belarus",), patient=("journalists",), place=places
        )

    keys = [
        report("a"),
        report("b", "minsk"),
        report("c", "vilnius"),
        report("d", "minsk", "vilnius"),
        report("e"),
    ]
    merge = merge_events(EventIndex(keys, {}, {}), rules)
    assert merge.renames == {
        "b-1-detain": "a-1-detain",
        "d-1-detain": "a-1-detain",  # it names Minsk too
        "e-1-detain": "a-1-detain",
    }
    assert merge.renames == _renames_plainly(EventIndex(keys, {}, {}))


def test_a_report_without_an_agent_does_not_join_events_of_different_agents(rules) -> None:
    """A journalist seized (no agent named), then seized by Belarus and seized by Russia:
    the one told first without an agent joins Belarus's, Russia's is another event."""

    def report(doc: str, *agents: str) -> EventKey:
        may = TimeValue("2021-05", "month")
        return _report(doc, "Abduct", may, agent=agents, patient=("roman-protasevich",))

    keys = [report("a"), report("b", "belarus"), report("c", "russia"), report("d")]
    merge = merge_events(EventIndex(keys, {}, {}), rules)
    assert merge.renames == {"b-1-abduct": "a-1-abduct", "d-1-abduct": "a-1-abduct"}
    assert merge.renames == _renames_plainly(EventIndex(keys, {}, {}))


def test_the_pass_shared_out_by_event_type_gives_the_same_merge(index, rules, monkeypatch) -> None:
    """A large archive's pass runs in several processes, each on some event types."""
    monkeypatch.setattr(merge_module, "PARALLEL_MIN_REPORTS", 0)
    groups = split_by_type(index.keys, 3)
    assert len(groups) == 3 and set().union(*groups) == {k.type for k in index.keys}
    sizes = sorted(sum(k.type in g for k in index.keys) for g in groups)
    assert sizes[-1] - sizes[0] <= max(sizes) // 2  # shared out, not all in one
    whole, shared_out = merge_events(index, rules), merge_in_parallel(index, rules, 3)
    assert shared_out.renames == whole.renames
    assert shared_out.merged == whole.merged
    assert shared_out.label_lines == whole.label_lines


def _in_the_other_process(index, monkeypatch, action) -> None:
    """The process that gets the second group of event types runs `action` first."""
    monkeypatch.setattr(merge_module, "PARALLEL_MIN_REPORTS", 0)
    theirs = split_by_type(index.keys, 2)[1]
    real = merge_module.merge_events

    def patched(index, rules, types=None):
        if types == theirs:
            action()
        return real(index, rules, types)

    monkeypatch.setattr(merge_module, "merge_events", patched)


def test_a_failure_in_another_process_of_the_pass_is_raised(index, rules, monkeypatch) -> None:
    def fail() -> None:
        raise ValueError("no such event type")

    _in_the_other_process(index, monkeypatch, fail)
    with pytest.raises(ValueError, match="no such event type"):
        merge_in_parallel(index, rules, 2)


def test_a_killed_process_of_the_pass_is_told_not_waited_for(index, rules, monkeypatch) -> None:
    """The kernel kills the other process (short of memory): an error at once, no hang."""
    import os
    import signal
    from concurrent.futures.process import BrokenProcessPool

    _in_the_other_process(index, monkeypatch, lambda: os.kill(os.getpid(), signal.SIGKILL))
    with pytest.raises(BrokenProcessPool, match="ended with -9"):
        merge_in_parallel(index, rules, 2)
