"""Project the knowledge graph onto the two networkx graphs the page draws.

- actors view: actors are nodes; every event is folded into directed edges between its
  participants (agent → patient, supporter → agent, origin → patient, …), one edge per
  event, so parallel events stay parallel edges (a MultiDiGraph). Affiliations between
  actors (leader of, part of, …) are dashed edges.
- events view: actors and events are nodes (bipartite); each role is an edge labelled
  with the role name, pointing from the doers into the event and from the event to the
  undergoers, so the arrows read as a sentence.

Node and edge attributes are already vis-network options plus a few fields the page's
filters read (kind, ntype, root, t0, t1, rank); pyvis copies them through unchanged.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass

import networkx as nx

from kg.rules.factuality import ASSERTED
from kg.viz.model import Actor, EventInfo, VizModel
from kg.viz.style import (
    CAMEO_ROOTS,
    EVENT_SHAPE,
    RELATION_COLOR,
    TYPE_STYLES,
    cameo_color,
    relation_name,
    role_name,
)

CENTRALITY = "degree centrality"  # what node size means; named in the legend
TARGET_ROLES = ("patient", "recipient", "destination")
# Edge labels in the actors view are the event type; only where the arrow does not read
# as "doer → undergoer" does the label add the role ("sancties opleggen (steunt)").
_MARKED_ROLES = {"supporter", "origin"}
# Doers point into the event node in the events view; everything else points out.
_INTO_EVENT = {"agent", "supporter", "origin", "participant"}
MIN_SIZE, MAX_SIZE = 12, 42


@dataclass(frozen=True, slots=True)
class Fold:
    """One edge of the actors view made from an event."""

    source: str
    target: str
    role: str


def other_lang(lang: str) -> str:
    return "nl" if lang == "en" else "en"


def label(labels: dict[str, str], lang: str, fallback: str) -> str:
    return labels.get(lang) or labels.get(other_lang(lang)) or fallback


def fold_event(event: EventInfo) -> list[Fold]:
    """The directed actor-to-actor edges that tell an event without an event node.

    Heads are the agents (or, without any, the role-less participants). Heads point at
    every target; supporters point at the heads; an origin points at what came from it
    (the patients, else the heads). Without heads the patients are the focus. An event
    with a single participant becomes a self-loop so that it is never invisible.
    """
    by: dict[str, list[str]] = defaultdict(list)
    for role, iri in event.roles:
        by[role].append(iri)
    extra = [r for r in by if r not in (*TARGET_ROLES, "agent", "supporter", "origin", "place")]
    heads = by["agent"] or by["participant"]
    folds: list[Fold] = []

    def add(source: str, target: str, role: str) -> None:
        if source != target and all(f.source != source or f.target != target for f in folds):
            folds.append(Fold(source, target, role))

    if heads:
        targets = [(r, x) for r in (*TARGET_ROLES, *extra) for x in by[r]]
        if by["agent"]:
            targets = [t for t in targets if t[0] != "participant" or t[1] not in heads]
        if not targets:
            targets = [("place", x) for x in by["place"]]
        for head in heads:
            for role, target in targets:
                add(head, target, role)
        for supporter in by["supporter"]:
            for head in heads:
                add(supporter, head, "supporter")
        for origin in by["origin"]:
            for x in by["patient"] or heads:
                add(origin, x, "origin")
    else:
        focus = by["patient"] or by["recipient"]
        for supporter in by["supporter"]:
            for x in focus:
                add(supporter, x, "supporter")
        for origin in by["origin"]:
            for x in focus or by["destination"]:
                add(origin, x, "origin")
        for x in focus:
            for dest in by["destination"] or by["place"]:
                add(x, dest, "destination" if by["destination"] else "place")
    if not folds:
        seen: list[str] = []
        for role, iri in event.roles:
            if iri not in seen:
                seen.append(iri)
                folds.append(Fold(iri, iri, role))
    return folds


def _actor_node(actor: Actor, lang: str) -> dict[str, object]:
    # Shape and colour come from the vis group of the type (see groups()), so a node
    # record stays small on graphs with thousands of nodes.
    return {
        "label": label(actor.labels, lang, actor.iri),
        "group": actor.type if actor.type in TYPE_STYLES else "other",
        # pyvis writes shape="dot" on every node it adds, which would beat the group's.
        "shape": TYPE_STYLES.get(actor.type, TYPE_STYLES["other"]).shape,
        "kind": "actor",
    }


def _event_node(event: EventInfo, lang: str) -> dict[str, object]:
    cls = label(event.cls_labels, lang, event.cls)
    shown = label(event.labels, lang, cls)
    return {
        "label": shown if event.factuality == ASSERTED else f"{shown} [{event.factuality}]",
        "group": f"cameo-{event.root}",
        "shape": EVENT_SHAPE,
        "kind": "event",
    }


def groups() -> dict[str, dict[str, object]]:
    """vis-network groups: one per actor type and one per CAMEO root class of events."""
    result: dict[str, dict[str, object]] = {}
    for key, style in TYPE_STYLES.items():
        result[key] = {
            "shape": style.shape,
            "color": {
                "background": style.color,
                "border": _darker(style.color),
                "highlight": {"background": style.color, "border": "#000000"},
                "hover": {"background": style.color, "border": "#000000"},
            },
        }
    for root in CAMEO_ROOTS:
        color = cameo_color(root)
        result[f"cameo-{root}"] = {
            "shape": EVENT_SHAPE,
            "color": {
                "background": _lighter(color),
                "border": color,
                "highlight": {"background": "#ffffff", "border": color},
                "hover": {"background": "#ffffff", "border": color},
            },
            "borderWidth": 2,
            "widthConstraint": {"maximum": 170},
            "font": {"size": 13, "strokeWidth": 0},
        }
    return result


def actors_graph(model: VizModel, lang: str) -> nx.MultiDiGraph:
    """Actors as nodes, each event folded into labelled edges between its participants."""
    graph = nx.MultiDiGraph()
    for iri, actor in model.actors.items():
        graph.add_node(iri, **_actor_node(actor, lang))
    for event in model.events.values():
        color = cameo_color(event.root)
        cls = label(event.cls_labels, lang, event.cls)
        shown = cls if event.factuality == ASSERTED else f"{cls} [{event.factuality}]"
        for fold in fold_event(event):
            marked = fold.role in _MARKED_ROLES and fold.source != fold.target
            graph.add_edge(
                fold.source,
                fold.target,
                label=f"{shown} ({role_name(fold.role, lang)})" if marked else shown,
                color=color,
                dashes=event.factuality != ASSERTED,  # not a fact: drawn dashed
                weight=2,
                kind="event",
                event=event.iri,
                role=fold.role,
            )
    for iri, actor in model.actors.items():
        for prop, target in actor.relations:
            graph.add_edge(
                iri,
                target,
                label=relation_name(prop, lang),
                color=RELATION_COLOR,
                dashes=True,
                weight=1,
                kind="relation",
                prop=prop,
            )
    _finish(graph)
    return graph


def events_graph(model: VizModel, lang: str) -> nx.MultiDiGraph:
    """Actors and events as nodes; role names on the edges between them."""
    graph = nx.MultiDiGraph()
    for iri, actor in model.actors.items():
        graph.add_node(iri, **_actor_node(actor, lang))
    for event in model.events.values():
        graph.add_node(event.iri, **_event_node(event, lang))
        color = cameo_color(event.root)
        for role, iri in event.roles:
            into = role in _INTO_EVENT
            graph.add_edge(
                iri if into else event.iri,
                event.iri if into else iri,
                label=role_name(role, lang),
                color=color,
                dashes=event.factuality != ASSERTED,
                weight=2 if role in ("agent", "patient") else 1,
                kind="role",
                event=event.iri,
                role=role,
            )
    _finish(graph)
    return graph


def _finish(graph: nx.MultiDiGraph) -> None:
    """Sizes by centrality, ranks for top-N, and curves that keep parallel edges apart.

    Actors are ranked by their centrality; events (events view) by the summed
    centrality of their participants, so "top N" shows the most central actors and
    the events between them.
    """
    centrality = nx.degree_centrality(graph) if len(graph) > 1 else dict.fromkeys(graph, 1.0)
    kinds = nx.get_node_attributes(graph, "kind")
    actors = [n for n in graph if kinds[n] == "actor"]
    top = max((centrality[n] for n in actors), default=0)
    for rank, node in enumerate(sorted(actors, key=lambda n: _rank_key(graph, centrality, n))):
        share = math.sqrt(centrality[node] / top) if top else 0.0
        graph.nodes[node]["size"] = round(MIN_SIZE + (MAX_SIZE - MIN_SIZE) * share)
        graph.nodes[node]["rank"] = rank
    weight = {
        n: sum(centrality[m] for m in nx.all_neighbors(graph, n))
        for n in graph
        if kinds[n] == "event"
    }
    for rank, node in enumerate(sorted(weight, key=lambda n: (-weight[n], n))):
        graph.nodes[node]["rank"] = rank
    for node in graph:
        graph.nodes[node]["centrality"] = round(centrality[node], 4)

    groups: dict[tuple[str, str], list[tuple[str, str, int]]] = defaultdict(list)
    for u, v, key in graph.edges(keys=True):
        groups[(min(u, v), max(u, v))].append((u, v, key))
    for (low, _), edges in groups.items():
        for k, (u, v, key) in enumerate(edges):
            data = graph.edges[u, v, key]
            if u == v:
                data["selfReference"] = {"size": 18 + 8 * k, "angle": round(0.8 + 1.1 * k, 2)}
            elif len(edges) > 1:
                # Curve each parallel edge a little more, alternating sides; reversed
                # edges flip their curve so they do not overlap their partner.
                side = k % 2 == 0
                if u != low:
                    side = not side
                data["smooth"] = {
                    "enabled": True,
                    "type": "curvedCW" if side else "curvedCCW",
                    "roundness": round(min(0.15 + 0.15 * (k // 2), 0.75), 2),
                }


def _rank_key(graph: nx.MultiDiGraph, centrality: dict[str, float], node: str) -> tuple:
    return (-centrality[node], str(graph.nodes[node]["label"]).lower(), node)


def _darker(hex_color: str, factor: float = 0.7) -> str:
    r, g, b = (int(hex_color[i : i + 2], 16) for i in (1, 3, 5))
    return f"#{int(r * factor):02x}{int(g * factor):02x}{int(b * factor):02x}"


def _lighter(hex_color: str, factor: float = 0.75) -> str:
    r, g, b = (int(hex_color[i : i + 2], 16) for i in (1, 3, 5))
    return "#" + "".join(f"{int(c + (255 - c) * factor):02x}" for c in (r, g, b))


__all__ = ["CENTRALITY", "actors_graph", "events_graph", "fold_event", "groups"]
