"""`kg viz`: the knowledge graph as one self-contained, offline HTML page.

RDF → plain records (model) → two networkx views (projection) → pyvis records → one
page with inlined vis-network, a legend, filters, search and evidence details (html).
Stage `viz`: may import base, `rules` and `rdf` (it reads a graph, never builds one).
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from rdflib import Graph

from kg.outputs import write_atomic
from kg.viz.html import (
    DEFAULT_TOP,
    LARGE,
    VIEWS,
    VizError,
    VizSummary,
    payload,
    render_page,
)
from kg.viz.model import LANGS, read_model
from kg.viz.projection import actors_graph, events_graph

STATEMENTS = ("asserted", "all")  # what the page draws: the facts, or every statement

__all__ = ["STATEMENTS", "VizError", "VizSummary", "build_page", "write_graph_html"]


def build_page(
    data: Graph,
    *,
    view: str = "actors",
    lang: str | None = None,
    top: int | None = None,
    statements: str = "asserted",
) -> tuple[str, VizSummary]:
    """The page's HTML and its summary (path left empty); `write_graph_html` saves it."""
    if view not in VIEWS:
        raise VizError(f"unknown view {view!r}: choose one of {', '.join(VIEWS)}")
    if lang is not None and lang not in LANGS:
        raise VizError(f"unknown label language {lang!r}: choose one of {', '.join(LANGS)}")
    if top is not None and top < 1:
        raise VizError(f"--top must be a positive number of actors, not {top}")
    if statements not in STATEMENTS:
        raise VizError(f"unknown statements {statements!r}: choose one of {', '.join(STATEMENTS)}")
    model = read_model(data, statements)
    if not model.actors and not model.events:
        raise VizError(
            "the graph has no actors or events to draw (is it the output of `kg build`?)"
        )
    lang = lang or model.majority_lang
    graphs = {"actors": actors_graph(model, lang), "events": events_graph(model, lang)}
    # Per view: the one asked for, else the default wherever the view is large.
    tops = {
        name: top if top is not None else (DEFAULT_TOP if len(g) > LARGE else None)
        for name, g in graphs.items()
    }
    data_json = payload(model, graphs, view=view, lang=lang, top=tops)
    html = render_page(data_json, lang)
    counts = {name: (g.number_of_nodes(), g.number_of_edges()) for name, g in graphs.items()}
    summary = VizSummary(
        path=Path(),
        view=view,
        lang=lang,
        nodes=counts[view][0],
        edges=counts[view][1],
        actors_view=counts["actors"],
        events_view=counts["events"],
        top=tops[view],
        bytes=len(html.encode("utf-8")),
    )
    return html, summary


def write_graph_html(
    data: Graph,
    out: Path,
    *,
    view: str = "actors",
    lang: str | None = None,
    top: int | None = None,
    statements: str = "asserted",
) -> VizSummary:
    """Write the graph as one HTML file (atomically, UTF-8) and say what is in it.

    `view` picks the view shown first (both are in the page), `lang` the label language
    (default: the majority language of the articles), `top` how many of the most central
    actors (and events) to show first (default: all, or 150 in a view of over 400 nodes).
    """
    out = Path(out)
    if out.is_dir():
        raise VizError(f"{out} is a directory: give a file name such as {out / 'graph.html'}")
    html, summary = build_page(data, view=view, lang=lang, top=top, statements=statements)
    page = html.encode("utf-8")
    write_atomic(out, page)
    return dataclasses.replace(summary, path=out, bytes=len(page))
