"""Turn the two projections into one self-contained, offline, script-safe HTML page.

pyvis turns each networkx graph into vis-network node and edge records (`from_nx` on a
copy, `directed=True` so parallel and reversed edges survive). Its page template is not
used: every `cdn_resources` mode still loads Bootstrap from a CDN and switches tooltips
to innerHTML when a title contains "href". Instead a small template of ours holds the
records as JSON in <script type="application/json"> (with <, >, &, U+2028/9 escaped),
inlines vis-network and app.js, and pins them with a Content-Security-Policy that
allows exactly those scripts and no network access at all.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import networkx as nx
from pyvis.network import Network

from kg.errors import KgError
from kg.viz.model import MAX_EVIDENCE, EventInfo, Evidence, Source, VizModel
from kg.viz.projection import CENTRALITY, groups, label
from kg.viz.style import (
    CAMEO_ROOTS,
    ROLE_NAMES,
    TYPE_STYLES,
    cameo_color,
    relation_name,
)

ASSETS = Path(__file__).resolve().parent.parent / "viz_assets"
VIEWS = ("actors", "events")
LARGE = 400  # nodes in a view above which the page starts with the top-N most central
DEFAULT_TOP = 150
TIMELINE = 40  # events listed on the opening panel
LAYOUT_BUDGET_MS = 2500  # the page's hidden layout stops after this, settled or not


class VizError(KgError):
    """The graph cannot be drawn as asked (empty graph, unknown view or language)."""


@dataclass(frozen=True, slots=True)
class VizSummary:
    """What was written: counts per view, the first view and the label language."""

    path: Path
    view: str
    lang: str
    nodes: int  # in the initial view
    edges: int
    actors_view: tuple[int, int]  # (nodes, edges)
    events_view: tuple[int, int]
    top: int | None  # top-N the initial view starts with, if any
    bytes: int


def vis_records(
    graph: nx.MultiDiGraph, ids: dict[str, str]
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """vis-network node and edge records for a networkx graph, made by pyvis.

    Nodes get the page's short ids (`ids`: IRI → "a12"/"e7"): IRIs are long and a big
    graph repeats each one in many edges. Edges name their event by its short id.
    """
    short = nx.relabel_nodes(graph, ids, copy=True)  # from_nx writes into its input
    for n, (_, _, data) in enumerate(short.edges(data=True)):
        data["id"] = f"x{n}"
        if "event" in data:
            data["ev"] = ids[data.pop("event")]
    net = Network(directed=True, cdn_resources="in_line")
    # pyvis keeps node ids in a list and scans it on every add: quadratic on big graphs.
    net.node_ids = _IdList()
    net.from_nx(short)
    nodes, edges, *_ = net.get_network_data()
    return nodes, edges


class _IdList(list):
    """A list with set-speed membership, for pyvis's `n_id in self.node_ids` checks."""

    def __init__(self) -> None:
        super().__init__()
        self._members: set[object] = set()

    def append(self, item: object) -> None:
        super().append(item)
        self._members.add(item)

    def __contains__(self, item: object) -> bool:
        return item in self._members


def embed_json(payload: object) -> str:
    """JSON that cannot end its <script> element or start markup, whatever the text says."""
    text = json.dumps(payload, ensure_ascii=False, separators=(",", ":"))
    for raw, escaped in (
        ("&", "\\u0026"),
        ("<", "\\u003c"),
        (">", "\\u003e"),
        ("\u2028", "\\u2028"),
        ("\u2029", "\\u2029"),
    ):
        text = text.replace(raw, escaped)
    return text


def vis_options() -> dict[str, Any]:
    """vis-network options shared by both views. Layout runs hidden, then stops."""
    return {
        "autoResize": True,
        "groups": groups(),
        "nodes": {
            "borderWidth": 1.5,
            "font": {
                "size": 16,
                "face": "system-ui, sans-serif",
                "strokeWidth": 4,
                "strokeColor": "#ffffff",
            },
            "scaling": {"label": {"drawThreshold": 6}},
            "shapeProperties": {"interpolation": False},
        },
        "edges": {
            "arrows": {"to": {"enabled": True, "scaleFactor": 0.6}},
            "font": {
                "size": 12,
                "align": "horizontal",  # rotated text along edges is hard to read
                "color": "#333333",
                "strokeWidth": 3,
                "strokeColor": "#ffffff",
            },
            "smooth": False,  # straight unless parallel (see projection._finish)
            "selectionWidth": 2,
            "hoverWidth": 1.5,
        },
        "physics": {
            "enabled": False,  # the page runs a bounded, hidden layout itself
            "solver": "forceAtlas2Based",
            "forceAtlas2Based": {
                "gravitationalConstant": -130,
                "centralGravity": 0.012,
                "springLength": 140,
                "springConstant": 0.06,
                "avoidOverlap": 0.8,
            },
            "stabilization": {"enabled": True, "iterations": 400, "updateInterval": 10},
            "minVelocity": 1.5,
        },
        "interaction": {"hover": True, "tooltipDelay": 120, "multiselect": False},
        "layout": {"randomSeed": 7, "improvedLayout": True},
    }


@dataclass(frozen=True, slots=True)
class ShortIds:
    """Short page ids for IRIs: a… actors, e… events, s… sources."""

    actors: dict[str, str]
    events: dict[str, str]
    sources: dict[str, str]

    @classmethod
    def of(cls, model: VizModel) -> ShortIds:
        return cls(
            {iri: f"a{n}" for n, iri in enumerate(model.actors)},
            {iri: f"e{n}" for n, iri in enumerate(model.events)},
            {iri: f"s{n}" for n, iri in enumerate(model.sources)},
        )

    @property
    def nodes(self) -> dict[str, str]:
        return {**self.actors, **self.events}


def _evidence(ev: Evidence, ids: ShortIds) -> dict[str, Any]:
    return {
        "text": ev.text,
        "mark": list(ev.mark) if ev.mark else None,
        "source": ids.sources.get(ev.source or ""),
    }


def _source(src: Source, ids: ShortIds) -> dict[str, Any]:
    return {
        "iri": src.iri,
        "kind": src.kind,
        "title": src.title,
        "author": src.author,
        "handle": src.handle,
        "date": src.date,
        "lang": src.lang,
        "url": src.url,
        "article": ids.sources.get(src.article or ""),
    }


def _describe(iri: str, model: VizModel, lang: str) -> str:
    """Plain-text name of who an event is attributed to: an actor, a post or an article."""
    if iri in model.actors:
        return label(model.actors[iri].labels, lang, iri)
    src = model.sources.get(iri)
    if src is None:
        return iri
    if src.kind == "post":
        who = src.author or "unknown author"
        return f"post by {who}" + (f" ({src.handle})" if src.handle else "")
    return f"article “{src.title}”"


def _root_name(root: str) -> str:
    return CAMEO_ROOTS.get(root, CAMEO_ROOTS["--"])[1]["en"]


def _time_key(event: EventInfo) -> tuple[str, str, str]:
    span = event.span or ("9999", "9999")
    return span[0], span[1], event.iri


def payload(
    model: VizModel,
    graphs: dict[str, nx.MultiDiGraph],
    *,
    view: str,
    lang: str,
    top: dict[str, int | None],
) -> dict[str, Any]:
    """Everything the page shows, as plain JSON-able data keyed by short ids."""
    ids = ShortIds.of(model)
    records = {name: vis_records(graph, ids.nodes) for name, graph in graphs.items()}
    events_of: dict[str, list[str]] = {iri: [] for iri in model.actors}
    for event in sorted(model.events.values(), key=_time_key):
        for iri in dict.fromkeys(i for _, i in event.roles):
            events_of[iri].append(ids.events[event.iri])
    # Big graphs keep a few sentences per actor; its events carry the rest.
    keep = MAX_EVIDENCE if len(model.actors) <= LARGE else 3

    actors = {
        ids.actors[iri]: {
            "iri": iri,
            "type": a.type,
            "labels": a.labels,
            "aliases": a.aliases,
            "wikidata": a.wikidata,
            "relations": [[relation_name(p, lang), ids.actors[t]] for p, t in a.relations],
            "events": events_of[iri],
            "evidence": [_evidence(ev, ids) for ev in a.evidence[:keep]],
            "more": a.evidence_total - min(len(a.evidence), keep),
            "rule": a.rule,
            "role": a.role,
            "linked": a.linked,
        }
        for iri, a in model.actors.items()
    }
    events = {
        ids.events[iri]: {
            "iri": iri,
            "cls": e.cls,
            "cameo": e.cameo,
            "labels": e.labels,
            "roles": [[r, ids.actors[a]] for r, a in e.roles],
            # "2021-11 (publication)": no date in the text, the month the article came out
            "time": f"{e.time} ({e.time_basis})" if e.time and e.time_basis else e.time,
            "t0": e.span[0] if e.span else None,
            "t1": e.span[1] if e.span else None,
            "according": [_describe(a, model, lang) for a in e.according_to],
            "rule": e.rule,
            "evidence": [_evidence(ev, ids) for ev in e.evidence],
        }
        for iri, e in model.events.items()
    }

    type_counts = Counter(a.type for a in model.actors.values())
    types = [
        {
            "key": key,
            "name": style.names["en"],
            "shape": style.shape,
            "color": style.color,
            "count": type_counts[key],
        }
        for key, style in TYPE_STYLES.items()
        if key in type_counts
    ]
    class_counts = Counter(e.cls for e in model.events.values())
    classes: dict[str, dict[str, Any]] = {}
    for e in model.events.values():
        classes.setdefault(
            e.cls,
            {
                "cls": e.cls,
                "label": label(e.cls_labels, lang, e.cls),
                "cameo": e.cameo,
                "root": e.root,
                "rootName": _root_name(e.root),
                "color": cameo_color(e.root),
                "count": class_counts[e.cls],
            },
        )
    roots = sorted({e.root for e in model.events.values()}, key=lambda r: (r == "--", r))
    times = sorted(
        {(e.time, e.span[0], e.span[1]) for e in model.events.values() if e.time and e.span},
        key=lambda t: (t[1], t[2], t[0]),
    )
    ranked = nx.get_node_attributes(graphs["actors"], "rank")
    central = [ids.actors[iri] for iri in sorted(ranked, key=ranked.__getitem__)[:6]]
    timeline = [ids.events[e.iri] for e in sorted(model.events.values(), key=_time_key)]
    return {
        "lang": lang,
        "view": view,
        "top": top,
        "centrality": CENTRALITY,
        "hiddenStatements": model.hidden,
        "layoutBudgetMs": LAYOUT_BUDGET_MS,
        "options": vis_options(),
        "views": {v: {"nodes": n, "edges": ed} for v, (n, ed) in records.items()},
        "types": types,
        "classes": sorted(classes.values(), key=lambda c: (c["root"], c["cameo"] or "", c["cls"])),
        "roots": [{"code": r, "name": _root_name(r), "color": cameo_color(r)} for r in roots],
        "times": [{"value": v, "t0": t0, "t1": t1} for v, t0, t1 in times],
        "roleNames": {r: names[lang] for r, names in ROLE_NAMES.items()},
        "actors": actors,
        "events": events,
        "sources": {ids.sources[iri]: _source(s, ids) for iri, s in model.sources.items()},
        "story": {
            "articles": [ids.sources[s.iri] for s in model.sources.values() if s.kind == "article"],
            "actors": len(model.actors),
            "events": len(model.events),
            "posts": sum(1 for s in model.sources.values() if s.kind == "post"),
            "central": central,
            "timeline": timeline[:TIMELINE],
            "more": max(0, len(timeline) - TIMELINE),
        },
    }


def read_asset(name: str) -> str:
    """An asset of kg/viz_assets ready to inline: no source-map comment, no closing tags."""
    text = (ASSETS / name).read_text(encoding="utf-8")
    # The source map is not shipped; the comment would only make devtools ask for it.
    text = re.sub(r"\n//# sourceMappingURL=\S+\s*$", "\n", text)
    if re.search(r"</(script|style)", text, re.IGNORECASE):
        raise VizError(f"viz asset {name} contains a closing tag and cannot be inlined")
    return text


def _csp_hash(script: str) -> str:
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def render_page(data: dict[str, Any], lang: str) -> str:
    """The whole page as one string: template + inlined assets + escaped data."""
    vis_js, app_js = read_asset("vis-network.min.js"), read_asset("app.js")
    csp = (
        "default-src 'none'; "
        f"script-src {_csp_hash(vis_js)} {_csp_hash(app_js)}; "
        "style-src 'unsafe-inline'; img-src data:; font-src 'none'; connect-src 'none'; "
        "base-uri 'none'; form-action 'none'"
    )
    parts = {
        "LANG": lang,
        "CSP": csp,
        "VIS_CSS": read_asset("vis-network.min.css"),
        "APP_CSS": read_asset("app.css"),
        "DATA": embed_json(data),
        "VIS_JS": vis_js,
        "APP_JS": app_js,
    }
    template = (ASSETS / "template.html").read_text(encoding="utf-8")
    # One pass, so nothing inside an inserted part is ever taken for a placeholder.
    return re.sub(r"<!--KG:([A-Z_]+)-->", lambda m: parts[m.group(1)], template)
