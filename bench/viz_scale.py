"""How big a graph can `kg viz` draw? Generate a corpus-shaped graph, build the page,
open it in headless Chromium and time each step until the page is usable.

The generated graph has the shape `kg build` emits (entities, typed events with roles,
times, rules, NIF mentions of generated article sentences, sources) and is sized so that
the actors view, the one the page opens with, has exactly --actors nodes and --edges
edges. Names follow a Zipf-like popularity so that centrality means something.

    .venv/bin/python bench/viz_scale.py                 # 5,000 nodes, 20,000 edges
    .venv/bin/python bench/viz_scale.py --actors 500 --edges 2000 --json out/bench.json

"Usable" means the page's bounded layout has finished and it reports `ready`: nodes are
drawn, the physics has stopped, clicks, search and filters answer.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from pathlib import Path

from rdflib import Graph, Literal
from rdflib.namespace import PROV, RDF, RDFS, SKOS, XSD

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kg.rdf.vocab import (
    GAF,
    KGO,
    NIF,
    SCHEMA,
    SEM,
    class_iri,
    context_iri,
    doc_iri,
    entity_iri,
    event_iri,
    rule_iri,
    span_iri,
)
from kg.viz import write_graph_html
from tests.browser import chromium, open_graph

TYPES = [
    (SCHEMA.Person, 0.40),
    (SCHEMA.Organization, 0.15),
    (SCHEMA.GovernmentOrganization, 0.12),
    (SCHEMA.Country, 0.10),
    (SCHEMA.City, 0.08),
    (KGO.Group, 0.15),
]
EVENT_TYPES = [
    ("ImposeSanctions", "163", "impose sanctions", "sancties opleggen"),
    ("Arrest", "173", "arrest", "arresteren"),
    ("Consult", "040", "consult", "overleggen"),
    ("ProvideAid", "070", "provide aid", "hulp bieden"),
    ("Coerce", "170", "coerce", "dwingen"),
    ("Threaten", "130", "threaten", "dreigen"),
    ("Accuse", "1121", "accuse", "beschuldigen"),
    ("Expel", "174", "expel", "uitzetten"),
]
SENTENCES_PER_ARTICLE = 40


def generate_graph(actors: int = 5000, edges: int = 20000, seed: int = 1) -> Graph:
    """A deterministic graph whose actors view has `actors` nodes and `edges` edges."""
    rng = random.Random(seed)
    g = Graph()
    names = [f"Actor {i:05d}" for i in range(actors)]
    weights = [1 / (i + 1) ** 0.9 for i in range(actors)]
    for i, name in enumerate(names):
        node = entity_iri(f"actor-{i:05d}")
        kind = rng.choices([t for t, _ in TYPES], [w for _, w in TYPES])[0]
        g.add((node, RDF.type, kind))
        g.add((node, RDF.type, SEM.Place if kind == SCHEMA.City else SEM.Actor))
        g.add((node, RDFS.label, Literal(name, lang="en")))
        g.add((node, RDFS.label, Literal(name.replace("Actor", "Actor NL"), lang="nl")))
        g.add((node, SKOS.altLabel, Literal(f"A{i}")))
    for cls, code, en, nl in EVENT_TYPES:
        g.add((class_iri(cls), RDFS.subClassOf, SEM.Event))
        g.add((class_iri(cls), RDFS.label, Literal(en, lang="en")))
        g.add((class_iri(cls), RDFS.label, Literal(nl, lang="nl")))
        g.add((class_iri(cls), SKOS.notation, Literal(code)))

    made, n_event, article, text, sentences = 0, 0, 0, "", []

    def flush() -> None:
        nonlocal article, text, sentences
        if not sentences:
            return
        slug = f"gen-{article:04d}"
        doc, ctx = doc_iri(slug), context_iri(slug, len(text))
        g.add((doc, RDF.type, SCHEMA.NewsArticle))
        g.add((doc, SCHEMA.inLanguage, Literal("en")))
        g.add((doc, SCHEMA.headline, Literal(f"Generated article {article}")))
        g.add((doc, SCHEMA.datePublished, Literal("2021-11-01", datatype=XSD.date)))
        g.add((ctx, RDF.type, NIF.Context))
        g.add((ctx, NIF.isString, Literal(text)))
        g.add((ctx, NIF.sourceUrl, doc))
        for ev, b, e, parts in sentences:
            m = span_iri(slug, b, e)
            g.add((m, RDF.type, NIF.String))
            g.add((m, NIF.beginIndex, Literal(b)))
            g.add((m, NIF.endIndex, Literal(e)))
            g.add((m, NIF.anchorOf, Literal(text[b:e])))
            g.add((m, NIF.referenceContext, ctx))
            g.add((ev, GAF.denotedBy, m))
            g.add((ev, PROV.wasDerivedFrom, doc))
            for actor, pb, pe in parts:
                pm = span_iri(slug, pb, pe)
                g.add((pm, RDF.type, NIF.String))
                g.add((pm, NIF.beginIndex, Literal(pb)))
                g.add((pm, NIF.endIndex, Literal(pe)))
                g.add((pm, NIF.anchorOf, Literal(text[pb:pe])))
                g.add((pm, NIF.referenceContext, ctx))
                g.add((actor, GAF.denotedBy, pm))
                g.add((doc, SCHEMA.mentions, actor))
        article += 1
        text, sentences = "", []

    # Every actor appears at least once, then popularity decides.
    order = list(range(actors))
    rng.shuffle(order)
    while made < edges:
        three = rng.random() < 0.4 and edges - made >= 2
        picks: list[int] = []
        while len(picks) < (3 if three else 2):
            pick = order.pop() if order else rng.choices(range(actors), weights)[0]
            if pick not in picks:
                picks.append(pick)
        cls, _, en, nl = EVENT_TYPES[rng.randrange(len(EVENT_TYPES))]
        ev = event_iri(f"gen-{n_event:06d}")
        n_event += 1
        g.add((ev, RDF.type, SEM.Event))
        g.add((ev, RDF.type, class_iri(cls)))
        roles = ["agent", "patient", "supporter"][: len(picks)]
        actor_nodes = [entity_iri(f"actor-{p:05d}") for p in picks]
        for role, node in zip(roles, actor_nodes, strict=True):
            g.add((ev, KGO[role], node))
            g.add((ev, SEM.hasActor, node))
        g.add((ev, RDFS.label, Literal(f"{names[picks[0]]} {en} {names[picks[1]]}", lang="en")))
        g.add((ev, RDFS.label, Literal(f"{names[picks[0]]} {nl} {names[picks[1]]}", lang="nl")))
        month = 1 + rng.randrange(12)
        g.add((ev, SEM.hasTimeStamp, Literal(f"2021-{month:02d}", datatype=XSD.gYearMonth)))
        g.add((ev, KGO.rule, rule_iri(f"gen-{cls.lower()}")))
        made += len(picks) - 1
        # The sentence stating it, with each participant's name as a mention.
        begin = len(text)
        parts = []
        sentence = ""
        for k, node in enumerate(actor_nodes):
            if k == 1:
                sentence += f" {en} "
            elif k == 2:
                sentence += " with support of "
            parts.append(
                (node, begin + len(sentence), begin + len(sentence) + len(names[picks[k]]))
            )
            sentence += names[picks[k]]
        sentence += "."
        text += sentence + " "
        sentences.append((ev, begin, begin + len(sentence), parts))
        if len(sentences) >= SENTENCES_PER_ARTICLE:
            flush()
    flush()
    return g


def measure(actors: int, edges: int, out_dir: Path, top: int | None = None) -> dict[str, object]:
    """Time each step from RDF to a usable page; every figure is in seconds."""
    figures: dict[str, object] = {}
    t = time.perf_counter()
    graph = generate_graph(actors, edges)
    figures["triples"] = len(graph)
    figures["generate_rdf_s"] = round(time.perf_counter() - t, 2)

    html = out_dir / "scale.html"
    t = time.perf_counter()
    summary = write_graph_html(graph, html, top=top)
    figures["write_html_s"] = round(time.perf_counter() - t, 2)
    figures["html_mb"] = round(summary.bytes / 1e6, 1)
    figures["actors_view"] = summary.actors_view
    figures["events_view"] = summary.events_view
    figures["top"] = summary.top

    with chromium() as browser:
        run = open_graph(browser, html, timeout_ms=120_000)
        page = run.page
        figures["open_to_usable_s"] = round(run.load_seconds, 2)
        # The page's own clock, from navigation start: when its data was parsed, its
        # layout finished, and the settled graph was first drawn (= usable).
        marks = page.evaluate(
            "Object.fromEntries(performance.getEntriesByType('mark')"
            ".map((m) => [m.name, m.startTime]))"
        )
        for mark in ("kg:parsed", "kg:layout-done", "kg:ready"):
            figures[f"page_{mark[3:].replace('-', '_')}_s"] = round(marks[mark] / 1000, 2)
        figures["shown_first"] = page.evaluate("kgViz.nodeView.length")
        figures["nodes_in_data"] = page.evaluate("kgViz.nodes.length")

        def timed(action: str) -> float:
            start = time.perf_counter()
            page.evaluate(action)
            page.wait_for_function("() => kgViz.ready === true", timeout=120_000, polling=50)
            return round(time.perf_counter() - start, 2)

        t = time.perf_counter()
        page.evaluate("kgViz.focusNode(kgViz.find('Actor 00042'))")
        figures["search_focus_s"] = round(time.perf_counter() - t, 2)
        if page.locator("#toggle-top").count():
            figures["show_all_s"] = timed("document.getElementById('toggle-top').click()")
            figures["shown_all"] = page.evaluate("kgViz.nodeView.length")
            figures["edges_shown_all"] = page.evaluate("kgViz.edgeView.length")
        figures["events_view_s"] = timed("kgViz.loadView('events')")
        figures["events_view_shown"] = page.evaluate("kgViz.nodeView.length")
        if page.locator("#toggle-top").count():
            figures["events_show_all_s"] = timed("document.getElementById('toggle-top').click()")
            figures["events_shown_all"] = page.evaluate("kgViz.nodeView.length")
        figures["console_errors"] = run.errors
        figures["external_requests"] = run.external
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--actors", type=int, default=5000)
    parser.add_argument("--edges", type=int, default=20000)
    parser.add_argument("--top", type=int, default=None)
    parser.add_argument("--json", type=Path, default=None, help="also write the figures here")
    parser.add_argument("--keep", type=Path, default=None, help="keep the page in this folder")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        out_dir = args.keep or Path(tmp)
        out_dir.mkdir(parents=True, exist_ok=True)
        figures = measure(args.actors, args.edges, out_dir, args.top)
    for key, value in figures.items():
        print(f"{key:>20}: {value}")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    usable = figures["open_to_usable_s"]
    return 0 if isinstance(usable, float) and usable <= 10 else 1


if __name__ == "__main__":
    sys.exit(main())
