"""kg.viz: the RDF → networkx projection, and the page it writes (without a browser).

Fast tests read the hand-written fixture tests/data/viz/mini.ttl (a small graph in the
`kg build` vocabulary, with two parallel events between Belarus and the refugees); the
rest run the real pipeline on seeds/ and on a crafted article full of markup.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import re
from pathlib import Path

import networkx as nx
import pytest
from hypothesis import given
from hypothesis import strategies as st
from rdflib import Graph, URIRef
from rdflib.namespace import RDF

from kg.build.pipeline import build
from kg.errors import KgError
from kg.query.run import load_data
from kg.rdf.vocab import KGE, KGO, KGR, SEM
from kg.rules.factuality import ASSERTED
from kg.viz import VizError, build_page, write_graph_html
from kg.viz.html import embed_json, read_asset, render_page
from kg.viz.model import EventInfo, read_model
from kg.viz.projection import MAX_SIZE, actors_graph, events_graph, fold_event

DATA = Path(__file__).resolve().parents[1] / "data" / "viz"
MINI = DATA / "mini.ttl"
XSS = DATA / "xss"

LUKA, BELARUS, POLAND = KGR["aleksandr-lukashenko"], KGR["belarus"], KGR["poland"]
REFUGEES, RUSSIA, SYRIA = KGR["refugees"], KGR["russia"], KGR["syria"]


@pytest.fixture(scope="module")
def mini() -> Graph:
    return Graph().parse(MINI, format="turtle")


@pytest.fixture(scope="module")
def xss_graph(tmp_path_factory: pytest.TempPathFactory) -> Graph:
    """The crafted article through the real pipeline (no hand-made RDF)."""
    return build([XSS], tmp_path_factory.mktemp("xss-build")).graph


def _page_data(html: str) -> dict:
    match = re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', html, re.S)
    assert match, "the page embeds its data as application/json"
    return json.loads(match.group(1))


# -- projection ------------------------------------------------------------------------------


def test_model_reads_actors_events_and_majority_language(mini: Graph) -> None:
    model = read_model(mini)
    assert len(model.actors) == 10
    assert len(model.events) == 6
    assert model.majority_lang == "nl"  # the article is Dutch; its one quoted post is English
    coerce = model.events[str(KGE["e1"])]
    assert (coerce.cls, coerce.cameo, coerce.root) == ("Coerce", "170", "17")
    assert coerce.roles == [
        ("agent", str(LUKA)),
        ("patient", str(REFUGEES)),
        ("destination", str(POLAND)),
    ]
    assert coerce.span == ("2021-11-01", "2021-11-31")
    assert coerce.rule == "nl-sturen-naar-grens"


def test_actors_view_folds_each_event_into_directed_role_edges(mini: Graph) -> None:
    graph = actors_graph(read_model(mini), "en")
    assert graph.number_of_nodes() == 10
    events = [(u, v, d) for u, v, d in graph.edges(data=True) if d["kind"] == "event"]
    relations = [(u, v, d) for u, v, d in graph.edges(data=True) if d["kind"] == "relation"]
    # e1 2 + e2 3 + e3 1 + e4 1 (self-loop) + e5 1 + e6 2; leaderOf and partOf
    assert len(events) == 10
    assert len(relations) == 2
    e2 = {(u, v, d["role"]) for u, v, d in events if d["event"] == str(KGE["e2"])}
    assert e2 == {
        (str(BELARUS), str(REFUGEES), "patient"),  # agent → patient
        (str(RUSSIA), str(BELARUS), "supporter"),  # supporter → agent
        (str(SYRIA), str(REFUGEES), "origin"),  # origin → what came from it
    }
    labels = {d["role"]: d["label"] for u, v, d in events if d["event"] == str(KGE["e2"])}
    assert labels == {
        "patient": "coerce",
        "supporter": "coerce (supporter)",
        "origin": "coerce (origin)",
    }


def test_parallel_events_stay_separate_curved_edges(mini: Graph) -> None:
    graph = actors_graph(read_model(mini), "en")
    parallel = [d for u, v, d in graph.edges(data=True) if (u, v) == (str(BELARUS), str(REFUGEES))]
    assert sorted(d["event"] for d in parallel) == [str(KGE["e2"]), str(KGE["e6"])]
    curves = [json.dumps(d["smooth"], sort_keys=True) for d in parallel]
    assert len(set(curves)) == 2, "parallel edges must not be drawn on top of each other"
    single = [d for u, v, d in graph.edges(data=True) if (u, v) == (str(RUSSIA), str(BELARUS))]
    assert "smooth" not in single[0]  # straight: the options default


def test_single_participant_event_becomes_a_self_loop(mini: Graph) -> None:
    graph = actors_graph(read_model(mini), "en")
    govt = str(KGR["government-of-poland"])
    loops = [d for u, v, d in graph.edges(data=True) if u == v == govt]
    assert [d["event"] for d in loops] == [str(KGE["e4"])]
    assert "selfReference" in loops[0]


def test_fold_without_agent_makes_the_patient_the_focus() -> None:
    event = EventInfo(
        iri="e",
        cls="Expel",
        cls_labels={},
        cameo="174",
        labels={},
        roles=[("supporter", "s"), ("patient", "p"), ("origin", "o"), ("destination", "d")],
    )
    folds = {(f.source, f.target, f.role) for f in fold_event(event)}
    assert folds == {("s", "p", "supporter"), ("o", "p", "origin"), ("p", "d", "destination")}


def test_events_view_is_bipartite_with_role_names_on_edges(mini: Graph) -> None:
    model = read_model(mini)
    graph = events_graph(model, "en")
    assert graph.number_of_nodes() == 10 + 6
    kinds = nx.get_node_attributes(graph, "kind")
    for u, v, data in graph.edges(data=True):
        assert {kinds[u], kinds[v]} == {"actor", "event"}, "events view is bipartite"
        assert data["label"] == data["role"]  # English role names
    e1 = str(KGE["e1"])
    assert graph.has_edge(str(LUKA), e1)  # doers point into the event
    assert graph.has_edge(e1, str(REFUGEES))  # … the event points at who undergoes it
    assert graph.number_of_edges() == sum(len(e.roles) for e in model.events.values())
    dutch = events_graph(model, "nl")
    assert {d["label"] for _, _, d in dutch.edges(data=True)} >= {"uitvoerder", "ondergaat"}


def test_node_size_follows_degree_centrality(mini: Graph) -> None:
    graph = actors_graph(read_model(mini), "en")
    centrality = nx.degree_centrality(graph)
    actors = sorted(graph, key=lambda n: graph.nodes[n]["rank"])
    assert actors[0] == str(BELARUS)
    assert graph.nodes[str(BELARUS)]["size"] == MAX_SIZE
    sizes = [graph.nodes[n]["size"] for n in actors]
    assert sizes == sorted(sizes, reverse=True)
    for node in graph:
        assert graph.nodes[node]["centrality"] == pytest.approx(centrality[node], abs=1e-4)


def test_labels_follow_the_chosen_language(mini: Graph) -> None:
    model = read_model(mini)
    assert actors_graph(model, "en").nodes[str(LUKA)]["label"] == "Alexander Lukashenko"
    assert actors_graph(model, "nl").nodes[str(LUKA)]["label"] == "Aleksandr Loekasjenka"
    html, summary = build_page(mini)
    assert summary.lang == "nl"
    data = _page_data(html)
    node = next(n for n in data["views"]["actors"]["nodes"] if n["label"] == "Polen")
    assert data["actors"][node["id"]]["labels"] == {"en": "Poland", "nl": "Polen"}
    english = _page_data(build_page(mini, lang="en")[0])
    assert "Poland" in {n["label"] for n in english["views"]["actors"]["nodes"]}


def test_details_carry_evidence_source_rule_and_wikidata(mini: Graph) -> None:
    data = _page_data(build_page(mini)[0])
    e6 = next(e for e in data["events"].values() if e["iri"] == str(KGE["e6"]))
    assert e6["evidence"][0]["text"].startswith("Armed Belarusian border guards push")
    source = data["sources"][e6["evidence"][0]["source"]]
    assert (source["kind"], source["author"], source["handle"]) == (
        "post",
        "Voices from Belarus",
        "@VoicesBelarus",
    )
    assert data["sources"][source["article"]]["kind"] == "article"
    assert e6["rule"] == "en-push-across-border"
    assert e6["according"] == ["post by Voices from Belarus (@VoicesBelarus)"]
    belarus = next(a for a in data["actors"].values() if a["iri"] == str(BELARUS))
    assert belarus["wikidata"] == "http://www.wikidata.org/entity/Q184"
    luka = next(a for a in data["actors"].values() if a["iri"] == str(LUKA))
    first = luka["evidence"][0]
    b, e = first["mark"]
    assert first["text"][b:e] == "Aleksandr Loekasjenka"
    assert first["text"].endswith("naar de grens met Polen.")  # the whole sentence


# -- the page --------------------------------------------------------------------------------


def test_page_has_no_external_script_or_link(mini: Graph) -> None:
    html, _ = build_page(mini)
    # vis-network's bundle holds the string "<script>" (core-js's old-IE shim): not a tag.
    page = html.replace(read_asset("vis-network.min.js"), "")
    tags = re.findall(r"<(?:script|link|img|iframe)\b[^>]*>", page, re.IGNORECASE)
    assert tags == [
        '<script type="application/json" id="kg-data">',
        "<script>",
        "<script>",
    ]
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", html, re.IGNORECASE)
    assert not re.search(r"@import|url\(\s*['\"]?(https?:)?//", html, re.IGNORECASE)
    assert "sourceMappingURL" not in html
    assert "vis.js may be distributed under either" in html  # the licence header is kept


def test_page_pins_its_scripts_with_a_content_security_policy(mini: Graph) -> None:
    html, _ = build_page(mini)
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', html)
    assert csp
    policy = csp.group(1)
    assert "default-src 'none'" in policy and "connect-src 'none'" in policy
    scripts = re.findall(r"<script>(.*?)</script>", html, re.S)
    for script in scripts:
        digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in policy
    assert "unsafe-inline" not in policy.split("script-src")[1].split(";")[0]


def test_embedded_json_cannot_close_its_script_element() -> None:
    text = "</script><script>alert(1)</script> <!-- & \u2028 \u2029 'q' \"q\""
    embedded = embed_json({"label": text})
    for raw in ("<", ">", "&", "\u2028", "\u2029"):
        assert raw not in embedded
    assert json.loads(embedded) == {"label": text}


@given(st.text())
def test_any_text_round_trips_through_embedded_json_without_markup(text: str) -> None:
    embedded = embed_json({"t": text})
    assert not re.search("[<>&\u2028\u2029]", embedded)
    assert json.loads(embedded) == {"t": text}


def test_crafted_article_text_never_reaches_the_page_as_markup(
    xss_graph: Graph, tmp_path: Path
) -> None:
    out = tmp_path / "xss.html"
    summary = write_graph_html(xss_graph, out)
    html = out.read_text(encoding="utf-8")
    data_part = html.split('id="kg-data">')[1].split("</script>")[0]
    assert "kgXss" in data_part, "the crafted text must be in the data, escaped"
    outside = html.replace(data_part, "")
    assert "kgXss" not in outside
    assert html.replace(read_asset("vis-network.min.js"), "").count("<script") == 3  # only ours
    assert "\u2028" not in html and "\u2029" not in html
    data = _page_data(html)
    author = next(a for a in data["actors"].values() if "onerror" in a["labels"]["en"])
    assert author["labels"]["en"].startswith("<img src=x onerror=")
    article = next(s for s in data["sources"].values() if s["kind"] == "article")
    assert "<script>" in article["title"]
    assert article["url"] is None, "a javascript: URL never becomes a link"
    assert summary.nodes > 0


def test_write_is_atomic_and_leaves_no_temp_files(
    mini: Graph, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "sub" / "graph.html"
    summary = write_graph_html(mini, out)
    assert summary.path == out and summary.bytes == out.stat().st_size
    assert out.read_bytes().decode("utf-8").startswith("<!DOCTYPE html>")
    before = out.read_bytes()

    def broken_replace(src: str, dst: str) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OSError):
        write_graph_html(mini, out, lang="en")
    assert out.read_bytes() == before, "a failed write leaves the old page intact"
    assert sorted(p.name for p in out.parent.iterdir()) == ["graph.html"]


def test_output_is_byte_identical_between_runs(mini: Graph, tmp_path: Path) -> None:
    a, b = tmp_path / "a.html", tmp_path / "b.html"
    write_graph_html(mini, a)
    write_graph_html(mini, b)
    assert a.read_bytes() == b.read_bytes()


def test_pyvis_gets_a_copy_so_the_projection_is_unchanged(mini: Graph) -> None:
    from kg.viz.html import ShortIds, vis_records

    model = read_model(mini)
    graph = actors_graph(model, "en")
    snapshot = json.dumps(nx.node_link_data(graph, edges="edges"), sort_keys=True, default=str)
    nodes, edges = vis_records(graph, ShortIds.of(model).nodes)
    assert json.dumps(nx.node_link_data(graph, edges="edges"), sort_keys=True, default=str) == (
        snapshot
    )
    assert len(nodes) == graph.number_of_nodes() and len(edges) == graph.number_of_edges()
    assert all(e["arrows"] == "to" for e in edges)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"view": "timeline"}, "unknown view"),
        ({"lang": "de"}, "unknown label language"),
        ({"top": 0}, "positive number"),
    ],
)
def test_bad_arguments_are_user_errors(mini: Graph, kwargs: dict, message: str) -> None:
    with pytest.raises(VizError, match=message):
        build_page(mini, **kwargs)


def test_empty_graph_is_a_clear_user_error(tmp_path: Path) -> None:
    with pytest.raises(KgError, match="no actors or events"):
        write_graph_html(Graph(), tmp_path / "graph.html")
    assert not (tmp_path / "graph.html").exists()


def test_directory_as_output_is_a_user_error(mini: Graph, tmp_path: Path) -> None:
    with pytest.raises(VizError, match="is a directory"):
        write_graph_html(mini, tmp_path)


def test_both_views_are_in_one_page_and_view_picks_the_first(mini: Graph) -> None:
    html, summary = build_page(mini, view="events")
    data = _page_data(html)
    assert data["view"] == "events"
    assert set(data["views"]) == {"actors", "events"}
    assert (summary.nodes, summary.edges) == summary.events_view
    assert len(data["views"]["actors"]["nodes"]) == summary.actors_view[0]
    assert len(data["views"]["events"]["edges"]) == summary.events_view[1]


# -- the real seed graph ---------------------------------------------------------------------


def test_seed_graph_projects_every_actor_and_event(seed_build, tmp_path: Path) -> None:
    graph = load_data([seed_build.ttl])  # what `kg viz` reads: a Dataset of kg.ttl
    summary = write_graph_html(graph, tmp_path / "graph.html")
    data = _page_data((tmp_path / "graph.html").read_text(encoding="utf-8"))
    events = set(graph.subjects(RDF.type, SEM.Event))
    model = read_model(graph)
    # the page leaves out what the text does not assert ("met het doel hen … over te sturen")
    asserted = {e for e in events if str(graph.value(e, KGO.factuality) or ASSERTED) == ASSERTED}
    assert len(model.events) == len(asserted) > 0
    assert model.hidden == len(events) - len(asserted)
    assert summary.actors_view[0] == len(model.actors)
    assert summary.events_view[0] == len(model.actors) + len(model.events)
    assert summary.lang == "nl"  # the seed article is Dutch
    drawn = {e["ev"] for e in data["views"]["actors"]["edges"] if e["kind"] == "event"}
    with_participants = {
        key
        for key, event in data["events"].items()
        if any(
            graph.value(URIRef(event["iri"]), prop) is not None
            for prop in (SEM.hasActor, SEM.hasPlace)
        )
    }
    # an event nobody takes part in ("Protesten tegen de dictatuur") has no actor to draw
    assert drawn == with_participants, "every event with a participant is an edge"
    event_nodes = {n["id"] for n in data["views"]["events"]["nodes"]}
    assert set(data["events"]) <= event_nodes, "every event is a node of the events view"
    for event in data["events"].values():
        assert event["evidence"] and event["rule"], event["iri"]
        for ev in event["evidence"]:
            assert data["sources"][ev["source"]]["kind"] in {"article", "post"}
    luka = next(a for a in data["actors"].values() if a["iri"].endswith("alexander-lukashenko"))
    assert luka["labels"]["nl"] == "Aleksandr Loekasjenka"
    assert "Lukashenko" in luka["aliases"]
    assert any("stuurt grote groepen vluchtelingen" in ev["text"] for ev in luka["evidence"])


def test_large_graph_starts_with_the_most_central_actors(
    mini: Graph, monkeypatch: pytest.MonkeyPatch
) -> None:
    _, summary = build_page(mini)
    assert summary.top is None  # small: everything at once
    html, summary = build_page(mini, top=3)
    assert summary.top == 3 and _page_data(html)["top"] == {"actors": 3, "events": 3}
    monkeypatch.setattr("kg.viz.LARGE", 12)  # only the events view (16 nodes) is large
    monkeypatch.setattr("kg.viz.DEFAULT_TOP", 4)
    html, summary = build_page(mini)
    assert summary.top is None and _page_data(html)["top"] == {"actors": None, "events": 4}


def test_render_refuses_assets_that_would_break_out_of_their_tag(
    mini: Graph, monkeypatch: pytest.MonkeyPatch
) -> None:
    import kg.viz.html as page

    real = Path.read_text

    def tampered(self: Path, *args, **kwargs) -> str:
        text = real(self, *args, **kwargs)
        return text + "\n// </script>" if self.name == "app.js" else text

    monkeypatch.setattr(Path, "read_text", tampered)
    with pytest.raises(VizError, match="closing tag"):
        page.render_page({"lang": "en"}, "en")
    monkeypatch.undo()
    assert render_page({"lang": "en"}, "en").startswith("<!DOCTYPE html>")


def test_page_of_merged_events_is_byte_identical_across_hash_seeds(
    generate, run_kg, tmp_path: Path
) -> None:
    """Events told by several articles carry a time and a rule per report; the page once
    showed whichever rdflib's set order gave first, so two runs drew two pages."""
    articles = tmp_path / "articles"
    generate.generate(1, 100, articles)
    out = tmp_path / "out"
    assert run_kg("build", articles, "--out", out).returncode == 0
    graph = Graph().parse(out / "kg.ttl", format="turtle")
    rules = {e: set(graph.objects(e, KGO.rule)) for e in graph.subjects(RDF.type, SEM.Event)}
    assert any(len(values) > 1 for values in rules.values()), "no event with two rules"
    stamps = {
        e: set(graph.objects(e, SEM.hasTimeStamp)) for e in graph.subjects(RDF.type, SEM.Event)
    }
    assert all(len(values) <= 1 for values in stamps.values()), "an event has one time"
    pages = []
    for seed in ("1", "2", "3"):
        page = tmp_path / f"graph-{seed}.html"
        args = ("viz", "--data", out / "kg.ttl", "--out", page)
        assert run_kg(*args, env={"PYTHONHASHSEED": seed}).returncode == 0
        pages.append(page.read_bytes())
    assert pages[0] == pages[1] == pages[2]


def test_the_page_knows_exactly_the_roles_a_rule_can_give() -> None:
    """Every role the rules may produce has a place and a name on the page, and no other
    (plus `participant`, a bare sem:hasActor from data made elsewhere)."""
    from kg.rules.model import ROLES
    from kg.viz.model import ROLE_ORDER
    from kg.viz.style import ROLE_NAMES

    assert set(ROLE_ORDER) == set(ROLES) | {"participant"}
    assert set(ROLE_NAMES) == set(ROLE_ORDER)


def test_a_month_of_publication_is_marked_as_such_on_the_page(tmp_path: Path) -> None:
    article = tmp_path / "article.txt"
    article.write_text(
        "title: Arrests in Minsk\nlang: en\ndate: 2024-05-02\n\n"
        "Police in Belarus arrested Ihar Losik in Minsk on 1 May 2024.\n\n"
        "Lithuania condemned the arrests in Belarus.\n",
        encoding="utf-8",
    )
    graph = build([article], tmp_path / "out").graph
    events = _page_data(build_page(graph, lang="en")[0])["events"].values()
    times = {e["cls"]: e["time"] for e in events}
    assert times["Detain"] == "2024-05-01"  # written in the text
    assert times["Condemn"] == "2024-05 (publication)"  # no date written: the article's month
