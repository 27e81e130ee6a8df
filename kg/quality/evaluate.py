"""Precision, recall and F1 of the rules against gold annotations (YAML in tests/gold/).

An entity counts when its id and type match; an event counts when its type matches and
every key participant the gold names (agent, patient) is among the predicted ones.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from kg.articles.read import read_document
from kg.errors import KgError
from kg.extract import extract_document
from kg.records import Event
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
    missed: list[str] = field(default_factory=list)
    spurious: list[str] = field(default_factory=list)


@dataclass
class GoldEvent:
    type: str
    roles: dict[str, set[str]]
    evidence: str

    def describe(self) -> str:
        roles = " ".join(f"{r}={','.join(sorted(v))}" for r, v in sorted(self.roles.items()) if v)
        return f"{self.type} {roles}".strip() + (f"  «{self.evidence}»" if self.evidence else "")


def _describe(event: Event) -> str:
    roles = " ".join(f"{r}={','.join(v)}" for r, v in sorted(event.roles.items()) if v)
    return f"{event.type} {roles}  «{event.mention.text[:70]}»  [{event.rule}]"


def _matches(gold: GoldEvent, event: Event) -> bool:
    if gold.type != event.type:
        return False
    return all(
        not gold.roles.get(role) or gold.roles[role] & set(event.roles.get(role, []))
        for role in KEY_ROLES
    )


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
    report = DocumentReport(gold["document"], Score(), Score())

    gold_entities = {(e["id"], e["type"]) for e in gold.get("entities") or []}
    found = {(e.id, e.type) for e in extraction.entities.values() if e.mentions}
    report.entities = Score(
        len(gold_entities & found), len(found - gold_entities), len(gold_entities - found)
    )
    report.missed += [f"entity {i} ({t})" for i, t in sorted(gold_entities - found)]
    report.spurious += [f"entity {i} ({t})" for i, t in sorted(found - gold_entities)]

    gold_events = [
        GoldEvent(
            e["type"],
            {
                r: set(e.get(r) or [])
                for r in ("agent", "patient", "supporter", "origin", "destination", "place")
            },
            str(e.get("evidence", "")),
        )
        for e in gold.get("events") or []
    ]
    unmatched = list(extraction.events)
    for g in gold_events:
        hit = next((e for e in unmatched if _matches(g, e)), None)
        if hit is None:
            report.events.fn += 1
            report.missed.append("event " + g.describe())
        else:
            report.events.tp += 1
            unmatched.remove(hit)
    report.events.fp = len(unmatched)
    report.spurious += ["event " + _describe(e) for e in unmatched]
    return report


def evaluate(gold_dir: Path, root: Path, rules_dirs: Iterable[Path] = ()) -> list[DocumentReport]:
    files = sorted(gold_dir.glob("*.yaml"))
    if not files:
        raise KgError(f"{gold_dir}: no gold files (*.yaml)")
    rules = load_rules(rules_dirs)
    return [evaluate_file(path, root, rules) for path in files]


def totals(reports: list[DocumentReport]) -> tuple[Score, Score]:
    entities, events = Score(), Score()
    for report in reports:
        entities += report.entities
        events += report.events
    return entities, events
