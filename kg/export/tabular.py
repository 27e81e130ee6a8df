"""Exports for tools that do not read RDF: GraphML for Gephi and Cytoscape, CSV for spreadsheets.

Both start from the records `kg viz` draws (kg.viz.model), so the GraphML network is the
page's actors view: actors are nodes, each event is folded into directed edges between its
participants (agent → patient, supporter → agent, …) by the same `fold_event`, and
affiliations (leader of, part of, …) are edges of kind "relation".
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from pathlib import Path

import networkx as nx
from rdflib import Graph

from kg.outputs import write_atomic
from kg.rules.factuality import ASSERTED
from kg.rules.model import LANGS
from kg.viz.model import Actor, EventInfo, VizModel, read_model
from kg.viz.projection import fold_event

__all__ = ["CSV_COLUMNS", "ExportSummary", "actors_network", "export_events_csv", "export_graphml"]

CSV_COLUMNS = (
    "event",
    "type",
    "cameo",
    "time",
    "place",
    "agent",
    "patient",
    "others",
    "source",
    "sentence",
    "rule",
    "factuality",
)
"""One CSV row per event; `others` lists the remaining participants as `role: name`."""

_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_COLUMN_ROLES = ("agent", "patient", "place")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class ExportSummary:
    path: Path
    nodes: int  # actors (GraphML) or 0 (CSV)
    rows: int  # edges (GraphML) or events (CSV)


def actors_network(data: Graph, lang: str = "en", statements: str = ASSERTED) -> nx.MultiDiGraph:
    """The actors view as plain attributes (strings only), ready for write_graphml.

    Node ids are the actors' IRIs; `label` is in `lang` (falling back to the other
    language). Edge attributes: kind, event, type, type_label, cameo, time, role,
    sentence, source, rule for events; kind and relation for affiliations. Missing values
    are left out rather than written empty, so Gephi shows them as missing. Only events
    the texts assert, unless `statements` is "all" (each edge has its `factuality`).
    """
    model = read_model(data, statements)
    network = nx.MultiDiGraph(name="kg actors view", lang=lang)
    for actor in model.actors.values():
        network.add_node(actor.iri, **_actor_attributes(actor, lang))
    for event in model.events.values():
        attributes = _event_attributes(event, lang)
        for fold in fold_event(event):
            network.add_edge(fold.source, fold.target, role=fold.role, **attributes)
    for actor in model.actors.values():
        for prop, target in actor.relations:
            network.add_edge(actor.iri, target, kind="relation", relation=prop, label=prop)
    return network


def export_graphml(
    data: Graph, out: Path, *, lang: str = "en", statements: str = ASSERTED
) -> ExportSummary:
    """Write the actors view as GraphML (atomically), for Gephi, Cytoscape or networkx."""
    network = actors_network(data, lang, statements)
    text = "\n".join(nx.generate_graphml(network, prettyprint=True)) + "\n"
    write_atomic(Path(out), text)
    return ExportSummary(Path(out), network.number_of_nodes(), network.number_of_edges())


def export_events_csv(
    data: Graph, out: Path, *, lang: str = "en", statements: str = ASSERTED
) -> ExportSummary:
    """Write one row per event (columns CSV_COLUMNS, names in `lang`), atomically; only
    the events the texts assert unless `statements` is "all".

    Cells that a spreadsheet would run as a formula (=, +, -, @ first) get a leading
    apostrophe: the text comes from articles, which nobody vetted.
    """
    model = read_model(data, statements)
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    writer.writerow(CSV_COLUMNS)
    for event in model.events.values():
        writer.writerow([_cell(value) for value in _event_row(event, model, lang)])
    write_atomic(Path(out), buffer.getvalue())
    return ExportSummary(Path(out), 0, len(model.events))


def _label(labels: dict[str, str], lang: str, fallback: str) -> str:
    other = "nl" if lang == "en" else "en"
    return labels.get(lang) or labels.get(other) or fallback


def _actor_attributes(actor: Actor, lang: str) -> dict[str, str]:
    attributes = {
        "label": _label(actor.labels, lang, actor.iri),
        "type": actor.type,
        "iri": actor.iri,
    }
    for code in sorted(LANGS):
        if code in actor.labels:
            attributes[f"label_{code}"] = actor.labels[code]
    if actor.wikidata:
        attributes["wikidata"] = actor.wikidata
    return {key: _xml_text(value) for key, value in attributes.items()}


def _event_attributes(event: EventInfo, lang: str) -> dict[str, str]:
    attributes = {
        "kind": "event",
        "event": event.iri,
        "type": event.cls,
        "type_label": _label(event.cls_labels, lang, event.cls),
        "label": _label(event.labels, lang, event.cls),
        "cameo": event.cameo,
        "time": event.time,
        "sentence": " … ".join(e.text for e in event.evidence) or None,
        "source": " ".join(event.sources) or None,
        "rule": event.rule,
        "factuality": event.factuality,
    }
    return {key: _xml_text(value) for key, value in attributes.items() if value}


def _event_row(event: EventInfo, model: VizModel, lang: str) -> list[str]:
    def name(iri: str) -> str:
        actor = model.actors.get(iri)
        return _label(actor.labels, lang, iri) if actor else iri

    by_role: dict[str, list[str]] = {}
    for role, iri in event.roles:
        by_role.setdefault(role, []).append(name(iri))
    others = [f"{role}: {name(iri)}" for role, iri in event.roles if role not in _COLUMN_ROLES]
    return [
        event.iri,
        _label(event.cls_labels, lang, event.cls),
        event.cameo or "",
        event.time or "",
        "; ".join(by_role.get("place", [])),
        "; ".join(by_role.get("agent", [])),
        "; ".join(by_role.get("patient", [])),
        "; ".join(others),
        " ".join(event.sources),
        " … ".join(e.text for e in event.evidence),
        event.rule or "",
        event.factuality,
    ]


def _xml_text(value: str) -> str:
    """XML 1.0 cannot carry most control characters; article text may hold some."""
    return _XML_INVALID.sub("", value)


def _cell(value: str) -> str:
    return "'" + value if value.startswith(_FORMULA_START) else value
