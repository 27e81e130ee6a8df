"""The `kg viz` page in a real browser: headless Chromium driven by Playwright.

Pages are built from the real pipeline (seeds/ and a crafted article full of markup),
opened from file:// with every other request aborted and recorded, and each test checks
that the page made no such request, logged no console error and opened no dialog.

Without Chromium these tests skip, except under KG_REQUIRE_BROWSER=1 (set by .ci/run),
where a missing browser is a failure.

Rerun `python tests/viz/test_browser.py` to redraw docs/graph.png from seeds/.
"""

from __future__ import annotations

import importlib.util
import os
import struct
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[2]
SEEDS = REPO / "seeds"
XSS = Path(__file__).resolve().parents[1] / "data" / "viz" / "xss"
DOCS_PNG = REPO / "docs" / "graph.png"
AUTHOR = "<img src=x onerror=\"window.kgXss='author'\"> </script>"  # from the crafted post

pytestmark = pytest.mark.browser


def _browser_path() -> str:
    """Chromium's path, or skip (fail under KG_REQUIRE_BROWSER=1) with the reason."""
    from tests.browser import find_chromium

    reason = None
    if importlib.util.find_spec("playwright") is None:
        reason = "the playwright Python package is not installed (pip install -e '.[test]')"
    elif find_chromium() is None:
        reason = "no chromium found: apt-get install chromium, or set KG_CHROMIUM to its path"
    if reason:
        if os.environ.get("KG_REQUIRE_BROWSER") == "1":
            pytest.fail(f"KG_REQUIRE_BROWSER=1 but {reason}", pytrace=False)
        pytest.skip(reason)
    return str(find_chromium())


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from tests.browser import chromium

    with chromium(_browser_path()) as launched:
        yield launched


@pytest.fixture(scope="module")
def seed_page(seed_build, tmp_path_factory: pytest.TempPathFactory):
    from kg.viz import write_graph_html

    out = tmp_path_factory.mktemp("viz") / "graph.html"
    return write_graph_html(seed_build.graph, out)


@pytest.fixture(scope="module")
def xss_page(tmp_path_factory: pytest.TempPathFactory):
    from kg.build.pipeline import build
    from kg.viz import write_graph_html

    tmp = tmp_path_factory.mktemp("xss")
    graph = build([XSS], tmp / "build").graph
    return write_graph_html(graph, tmp / "xss.html", lang="en")


Opener = Callable[..., Any]


@pytest.fixture
def open_page(browser: Any) -> Iterator[Opener]:
    """Open pages in fresh contexts; afterwards check they stayed offline and quiet."""
    from tests.browser import open_graph

    runs = []

    def opener(path: Path, **kwargs: Any) -> Any:
        run = open_graph(browser, path, **kwargs)
        runs.append(run)
        return run

    yield opener
    for run in runs:
        run.page.context.close()
    for run in runs:
        assert run.external == [], f"requests outside file://: {run.external}"
        assert run.errors == [], f"console errors: {run.errors}"
        assert run.dialogs == [], f"dialogs opened: {run.dialogs}"


def _node_id(page: Any, iri_end: str) -> str:
    return page.evaluate(
        """(end) => Object.keys(kgViz.data.actors)
            .find((id) => kgViz.data.actors[id].iri.endsWith(end))""",
        iri_end,
    )


def _dom_point(page: Any, node: str) -> dict[str, float]:
    """Page coordinates of a node's centre on the canvas."""
    return page.evaluate(
        """(id) => {
            const net = kgViz.network;
            const p = net.canvasToDOM(net.getPositions([id])[id]);
            const r = document.querySelector("#graph canvas").getBoundingClientRect();
            return { x: r.left + p.x, y: r.top + p.y, hit: net.getNodeAt(p) };
        }""",
        node,
    )


def _details(page: Any) -> str:
    return page.inner_text("#details")


def test_graph_is_drawn_with_every_node_in_its_data(open_page: Opener, seed_page) -> None:
    run = open_page(seed_page.path)
    page = run.page
    assert run.load_seconds < 10
    counts = page.evaluate(
        "[kgViz.data.views.actors.nodes.length, kgViz.nodes.length, kgViz.edges.length]"
    )
    assert counts == [seed_page.actors_view[0], seed_page.actors_view[0], seed_page.actors_view[1]]
    positioned = page.evaluate("Object.keys(kgViz.network.getPositions()).length")
    assert positioned == page.evaluate("kgViz.nodeView.length") > 20
    inked = page.evaluate(
        """() => {
            const c = document.querySelector("#graph canvas");
            const px = c.getContext("2d").getImageData(0, 0, c.width, c.height).data;
            let n = 0;
            for (let i = 3; i < px.length; i += 4) if (px[i] > 0) n++;
            return n;
        }"""
    )
    assert inked > 10_000, "nodes and edges are painted on the canvas"
    assert page.inner_text("#legend-types").count("(") >= 5  # the legend, with counts
    assert "degree centrality" in page.inner_text("#legend-size")


def test_layout_settles_and_stops_moving(open_page: Opener, seed_page) -> None:
    page = open_page(seed_page.path).page
    before = page.evaluate("kgViz.network.getPositions()")
    page.wait_for_timeout(800)
    assert page.evaluate("kgViz.network.getPositions()") == before
    assert page.inner_text("#freeze") == "Unfreeze layout"
    page.click("#freeze")
    assert page.inner_text("#freeze") == "Freeze layout"
    page.click("#freeze")
    assert page.inner_text("#freeze") == "Unfreeze layout"


def test_clicking_a_node_shows_its_evidence_sentence(open_page: Opener, seed_page) -> None:
    page = open_page(seed_page.path).page
    luka = _node_id(page, "/alexander-lukashenko")
    point = _dom_point(page, luka)
    assert point["hit"] == luka
    page.mouse.click(point["x"], point["y"])
    text = _details(page)
    assert page.inner_text("#details h2") == "Aleksandr Loekasjenka"  # Dutch, the majority
    assert "Alexander Lukashenko" in text  # the other language in the details
    assert "De Belarussische dictator Aleksandr Loekasjenka stuurt grote groepen" in text
    assert "Article “2021-11-belarus-poland-border”" in text  # the source of the sentence
    assert page.inner_text("#details mark") == "Aleksandr Loekasjenka"


def test_clicking_an_edge_shows_the_event_sentence_and_rule(open_page: Opener, seed_page) -> None:
    page = open_page(seed_page.path).page
    target = page.evaluate(
        """() => {
            const net = kgViz.network;
            const r = document.querySelector("#graph canvas").getBoundingClientRect();
            for (const e of kgViz.edgeView.get()) {
                if (e.kind !== "event" || e.smooth || e.from === e.to) continue;
                const p = net.getPositions([e.from, e.to]);
                const a = net.canvasToDOM(p[e.from]), b = net.canvasToDOM(p[e.to]);
                const m = { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 };
                if (net.getEdgeAt(m) === e.id && net.getNodeAt(m) === undefined)
                    return { id: e.id, ev: e.ev, x: r.left + m.x, y: r.top + m.y };
            }
            return null;
        }"""
    )
    assert target, "some edge can be clicked at its middle"
    page.mouse.click(target["x"], target["y"])
    event = page.evaluate("(id) => kgViz.data.events[id]", target["ev"])
    text = _details(page)
    assert page.inner_text("#details h2") == event["labels"]["nl"]
    assert event["evidence"][0]["text"] in text
    assert f"Rule{event['rule']}" in text.replace("\n", "").replace("\t", "")


def test_search_finds_and_focuses_a_node_by_any_alias(open_page: Opener, seed_page) -> None:
    page = open_page(seed_page.path).page
    luka = _node_id(page, "/alexander-lukashenko")
    page.fill("#search", "Lukashenka")  # an alias; the label shown is Dutch
    page.press("#search", "Enter")
    page.wait_for_timeout(700)  # the focus animation
    assert page.evaluate("kgViz.network.getSelectedNodes()") == [luka]
    assert page.inner_text("#details h2") == "Aleksandr Loekasjenka"
    centred = page.evaluate(
        """(id) => {
            const net = kgViz.network, p = net.getPositions([id])[id], v = net.getViewPosition();
            return Math.hypot(p.x - v.x, p.y - v.y);
        }""",
        luka,
    )
    assert centred < 5, "the view is centred on the node found"
    page.fill("#search", "no such name at all")
    page.press("#search", "Enter")
    assert page.inner_text("#search-status") == "not found"


def test_filters_hide_nodes_and_edges(open_page: Opener, seed_page) -> None:
    page = open_page(seed_page.path).page
    countries = """() => kgViz.nodeView.getIds().filter(
        (id) => kgViz.data.actors[id] && kgViz.data.actors[id].type === "country").length"""
    shown = page.evaluate("kgViz.nodeView.length")
    before = page.evaluate(countries)
    assert before > 3
    page.uncheck("#type-country")
    assert page.evaluate(countries) == 0
    assert page.evaluate("kgViz.nodeView.length") < shown
    page.check("#type-country")
    page.wait_for_function("() => kgViz.ready", polling=50)
    assert page.evaluate(countries) == before

    cls = page.evaluate("kgViz.data.classes[0].cls")
    page.uncheck(f"#class-{cls}")
    hidden = page.evaluate(
        """(cls) => kgViz.edgeView.get()
            .filter((e) => e.ev && kgViz.data.events[e.ev].cls === cls).length""",
        cls,
    )
    assert hidden == 0

    page.select_option("#time-from", label="2021-11-08")
    times = page.evaluate(
        "kgViz.edgeView.get().filter((e) => e.ev).map((e) => kgViz.data.events[e.ev].t1)"
    )
    assert times and all(t is None or t >= "2021-11-08" for t in times)
    page.uncheck("#undated")
    times = page.evaluate(
        "kgViz.edgeView.get().filter((e) => e.ev).map((e) => kgViz.data.events[e.ev].t1)"
    )
    assert times and all(t is not None and t >= "2021-11-08" for t in times)


def test_views_switch_on_the_page(open_page: Opener, seed_page) -> None:
    page = open_page(seed_page.path).page
    page.click("[data-view=events]")
    page.wait_for_function("() => kgViz.ready && kgViz.view === 'events'", polling=50)
    assert page.evaluate("kgViz.nodes.length") == seed_page.events_view[0]
    assert page.evaluate("kgViz.nodes.get().filter((n) => n.kind === 'event').length") > 10
    roles = page.evaluate("[...new Set(kgViz.edges.get().map((e) => e.label))]")
    assert {"uitvoerder", "ondergaat"} <= set(roles)
    assert page.get_attribute("[data-view=events]", "aria-pressed") == "true"


def test_crafted_article_is_shown_as_text_and_never_runs(open_page: Opener, xss_page) -> None:
    run = open_page(xss_page.path)
    page = run.page
    page.fill("#search", "onerror")  # the post's author: a name made of markup
    page.press("#search", "Enter")
    page.wait_for_timeout(700)
    author = page.evaluate("kgViz.network.getSelectedNodes()[0]")
    assert page.inner_text("#details h2") == AUTHOR
    point = _dom_point(page, author)
    assert point["hit"] == author
    page.mouse.click(5, 5)  # clear the selection, so hovering shows the tooltip
    page.mouse.move(point["x"], point["y"])
    page.wait_for_selector("div.vis-tooltip", state="visible")
    tooltip = page.eval_on_selector(
        "div.vis-tooltip",
        "(t) => [t.innerText, [...t.querySelectorAll('*')].map((c) => c.tagName)]",
    )
    assert tooltip[0].startswith(AUTHOR)
    assert set(tooltip[1]) <= {"BR"}, "the title is text (line breaks only), not markup"
    event = page.evaluate(
        """() => Object.keys(kgViz.data.events).find(
            (id) => kgViz.data.events[id].evidence[0].text.includes("<script>"))"""
    )
    page.evaluate("(id) => kgViz.focusEvent(id)", event)
    assert '<script>window.kgXss="sentence"</script>' in _details(page)
    page.click("[data-view=events]")
    page.wait_for_function("() => kgViz.ready && kgViz.view === 'events'", polling=50)
    page.click("[data-view=actors]")
    page.wait_for_function("() => kgViz.ready && kgViz.view === 'actors'", polling=50)
    page.mouse.click(5, 500)  # empty canvas → the opening panel with the article title
    assert "Crafted <script>" in _details(page)
    assert page.evaluate("typeof window.kgXss") == "undefined"
    assert (
        page.evaluate(
            "document.querySelectorAll('[onerror], [onload], [onmouseover], img, iframe').length"
        )
        == 0
    )
    assert page.evaluate("document.scripts.length") == 3
    assert run.dialogs == []


def test_large_graph_opens_with_the_top_actors_and_can_show_all(
    open_page: Opener, tmp_path: Path
) -> None:
    from kg.viz import write_graph_html

    spec = importlib.util.spec_from_file_location("viz_scale", REPO / "bench" / "viz_scale.py")
    assert spec and spec.loader
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    summary = write_graph_html(bench.generate_graph(1000, 4000), tmp_path / "big.html")
    assert summary.actors_view == (1000, 4000) and summary.top == 150
    run = open_page(summary.path, timeout_ms=20_000)
    page = run.page
    assert run.load_seconds < 10
    assert page.evaluate("[kgViz.nodes.length, kgViz.nodeView.length]") == [1000, 150]
    assert "150 most central" in page.inner_text("#banner")
    page.click("#toggle-top")
    page.wait_for_function("() => kgViz.ready", timeout=20_000, polling=50)
    assert page.evaluate("kgViz.nodeView.length") == 1000


def test_docs_screenshot_can_be_redrawn(browser: Any, tmp_path: Path) -> None:
    png = write_docs_screenshot(tmp_path / "graph.png", browser=browser)
    header = png.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", header[16:24]) == (1600, 1000)
    assert png.stat().st_size > 50_000


def write_docs_screenshot(png: Path = DOCS_PNG, browser: Any = None) -> Path:
    """Build seeds/, draw the page and photograph it as it first opens."""
    from kg.build.pipeline import build
    from kg.viz import write_graph_html
    from tests.browser import screenshot

    with tempfile.TemporaryDirectory() as tmp:
        graph = build([SEEDS], Path(tmp) / "build").graph
        summary = write_graph_html(graph, Path(tmp) / "graph.html")
        return screenshot(summary.path, png, browser=browser)


if __name__ == "__main__":
    sys.path.insert(0, str(REPO))
    print(write_docs_screenshot())
