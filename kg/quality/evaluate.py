"""Precision, recall and F1 of the rules against gold annotations (YAML in tests/gold/).

An entity counts when its id and type match. An event counts when its type matches, each
key role the gold fills (agent, patient) holds one of the gold's entities in that very
role, and, when the gold gives a time, the event's time fits it (one refines the other).
A gold event names its type by kg's class (`type: Detain`) or by its CAMEO code
(`cameo: "173"`, or one of kg's codes for what CAMEO lacks, like ELECT), which matches an
event type whose code is the same or one of them refines the other (1121 and 112).

Precision and recall are over what the rules state as fact: events the rules mark as not
asserted (denied, asked, possible, …) are not counted. A gold event the text does not
assert (`factuality: negated`, `denied`, `possible`, `question`, …) must not come out as
a fact: an asserted event that matches it is a false positive, and is counted apart as
"stated as fact".
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from kg.articles.read import read_document
from kg.errors import KgError
from kg.extract import extract_document
from kg.records import Event, times_fit
from kg.rules.factuality import ASSERTED
from kg.rules.loader import load_rules
from kg.rules.roles import KEY_ROLES


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __iadd__(self, other: Score) -> Score:
        self.tp, self.fp, self.fn = self.tp + other.tp, self.fp + other.fp, self.fn + other.fn
        return self


@dataclass
class DocumentReport:
    document: str
    entities: Score
    events: Score
    lang: str = ""
    missed: list[str] = field(default_factory=list)
    spurious: list[str] = field(default_factory=list)
    not_asserted: int = 0  # gold statements the text does not assert
    stated_as_fact: int = 0  # of those, how many the rules gave as facts


@dataclass
class GoldEvent:
    type: str  # kg's class, or "" when the gold gives a code
    roles: dict[str, set[str]]
    evidence: str
    cameo: str = ""
    factuality: str = ASSERTED
    time: str = ""

    @property
    def asserted(self) -> bool:
        return self.factuality == ASSERTED

    def describe(self) -> str:
        roles = " ".join(f"{r}={','.join(sorted(v))}" for r, v in sorted(self.roles.items()) if v)
        kind = self.type or f"cameo {self.cameo}"
        if not self.asserted:
            kind += f" ({self.factuality})"
        return f"{kind} {roles}".strip() + (f"  «{self.evidence}»" if self.evidence else "")


def _describe(event: Event) -> str:
    roles = " ".join(f"{r}={','.join(v)}" for r, v in sorted(event.roles.items()) if v)
    return f"{event.type} {roles}  «{event.mention.text[:70]}»  [{event.rule}]"


def _same_kind(gold: GoldEvent, event: Event, codes: dict[str, str | None]) -> bool:
    if gold.type:
        return gold.type == event.type
    code = _general(codes.get(event.type) or "")
    wanted = _general(gold.cameo)
    return bool(code) and (code.startswith(wanted) or wanted.startswith(code))


def _general(code: str) -> str:
    """A root's own code stands for the whole root: "190" (fight, not specified) is "19"."""
    return code[:2] if len(code) == 3 and code.endswith("0") and code.isdigit() else code


def _matches(gold: GoldEvent, event: Event, codes: dict[str, str | None]) -> bool:
    if not _same_kind(gold, event, codes):
        return False
    if gold.time and not (event.time and times_fit(gold.time, event.time.value)):
        return False
    return all(
        not gold.roles.get(role) or gold.roles[role] & set(event.roles.get(role, []))
        for role in KEY_ROLES
    )


def _same_statement(gold: GoldEvent, event: Event) -> bool:
    """Does the event come from the sentence the gold statement quotes? A statement the
    text does not assert is broken only by an event drawn from that statement."""
    if not gold.evidence:
        return True
    quote = " ".join(gold.evidence.split()).lower()
    sentence = " ".join(event.mention.text.split()).lower()
    return quote[:60] in sentence or sentence in quote


def _load_gold(path: Path) -> dict:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise KgError(f"{path}: {exc}") from None
    if not isinstance(data, dict) or "document" not in data:
        raise KgError(f"{path}: a gold file needs 'document', 'entities' and 'events'")
    return data


def evaluate_file(gold_path: Path, root: Path, rules) -> DocumentReport:
    gold = _load_gold(gold_path)
    document = read_document(root / gold["document"])
    extraction = extract_document(document, rules)
    report = DocumentReport(gold["document"], Score(), Score(), document.lang)

    gold_entities = {(e["id"], e["type"]) for e in gold.get("entities") or []}
    found = {(e.id, e.type) for e in extraction.entities.values() if e.mentions}
    report.entities = Score(
        len(gold_entities & found), len(found - gold_entities), len(gold_entities - found)
    )
    report.missed += [f"entity {i} ({t})" for i, t in sorted(gold_entities - found)]
    report.spurious += [f"entity {i} ({t})" for i, t in sorted(found - gold_entities)]

    gold_events = [
        GoldEvent(
            str(e.get("type") or ""),
            {
                r: set(e.get(r) or [])
                for r in ("agent", "patient", "supporter", "origin", "destination", "place")
            },
            str(e.get("evidence", "")),
            str(e.get("cameo") or ""),
            str(e.get("factuality") or ASSERTED),
            str(e.get("time") or ""),
        )
        for e in gold.get("events") or []
    ]
    codes = {t.id: t.cameo for t in rules.event_types.values()}
    unmatched = [e for e in extraction.events if e.factuality == ASSERTED]
    for g in sorted(gold_events, key=lambda g: not g.asserted):  # facts claim events first
        hit = next(
            (
                e
                for e in unmatched
                if _matches(g, e, codes) and (g.asserted or _same_statement(g, e))
            ),
            None,
        )
        if not g.asserted:
            report.not_asserted += 1
            if hit is not None:  # stated as a fact: a false positive
                report.spurious.append(f"event stated as fact: {_describe(hit)}  ≠ {g.describe()}")
                unmatched.remove(hit)
                report.events.fp += 1
                report.stated_as_fact += 1
        elif hit is None:
            report.events.fn += 1
            report.missed.append("event " + g.describe())
        else:
            report.events.tp += 1
            unmatched.remove(hit)
    report.events.fp += len(unmatched)
    report.spurious += ["event " + _describe(e) for e in unmatched]
    return report


def evaluate(gold_dir: Path, root: Path, rules_dirs: Iterable[Path] = ()) -> list[DocumentReport]:
    files = sorted(gold_dir.glob("*.yaml"))
    if not files:
        raise KgError(f"{gold_dir}: no gold files (*.yaml)")
    rules = load_rules(rules_dirs)
    return [evaluate_file(path, root, rules) for path in files]


def by_language(reports: list[DocumentReport]) -> dict[str, list[DocumentReport]]:
    """The reports grouped by their document's language, in the order of LANGS."""
    groups: dict[str, list[DocumentReport]] = {}
    for report in sorted(reports, key=lambda r: r.lang):
        groups.setdefault(report.lang, []).append(report)
    return groups


def totals(reports: list[DocumentReport]) -> tuple[Score, Score]:
    entities, events = Score(), Score()
    for report in reports:
        entities += report.entities
        events += report.events
    return entities, events
