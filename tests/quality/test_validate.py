"""kg validate: real builds conform to kg's SHACL shapes, and each broken promise is named."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS

from kg.quality.validate import ShapesError, load_shapes, validate_files, validate_graph
from kg.rdf.vocab import GAF, KGD, KGE, KGO, KGR, NIF, SCHEMA, SEM
from tests.store_builds import build_dir

POST = KGD["2021-11-belarus-poland-border/post/1"]
LUKASHENKO = KGR["alexander-lukashenko"]


@cache
def _built(which: str) -> Path:
    """One build per set of texts for all the formats checked."""
    return build_dir(which)


@pytest.fixture(scope="module")
def seed_graph() -> Graph:
    return Graph().parse(build_dir("seeds") / "kg.ttl", format="turtle")


@pytest.mark.parametrize("which", ["seeds", "all", "stories"])
@pytest.mark.parametrize("name", ["kg.ttl", "kg.trig"])
def test_real_builds_conform(which: str, name: str) -> None:
    report = validate_files([_built(which) / name])
    assert report.problems == []
    assert report.conforms
    assert report.summary().startswith("conforms: ")


def first_event(graph: Graph, cls: URIRef) -> URIRef:
    return sorted(graph.subjects(RDF.type, cls))[0]


def first_mention(graph: Graph) -> URIRef:
    return sorted(graph.subjects(NIF.anchorOf, None))[0]


def break_anchor(g: Graph) -> None:
    g.set((first_mention(g), NIF.anchorOf, Literal("Lukasjenko")))


def swap_offsets(g: Graph) -> None:
    m = first_mention(g)
    begin, end = g.value(m, NIF.beginIndex), g.value(m, NIF.endIndex)
    g.set((m, NIF.beginIndex, end))
    g.set((m, NIF.endIndex, begin))


def string_offset(g: Graph) -> None:
    m = first_mention(g)
    g.set((m, NIF.beginIndex, Literal(str(g.value(m, NIF.beginIndex)))))


def undated_post(g: Graph) -> None:
    g.remove((POST, SCHEMA.datePublished, None))


def ungrounded_event(g: Graph) -> None:
    g.remove((first_event(g, KGO.ImposeSanctions), GAF.denotedBy, None))


def classless_event(g: Graph) -> None:
    g.remove((first_event(g, KGO.ImposeSanctions), RDF.type, KGO.ImposeSanctions))


def untyped_time(g: Graph) -> None:
    event = first_event(g, KGO.ImposeSanctions)
    g.set((event, SEM.hasTimeStamp, Literal("2021-11")))


def no_dutch_label(g: Graph) -> None:
    for label in list(g.objects(LUKASHENKO, RDFS.label)):
        if label.language == "nl":
            g.remove((LUKASHENKO, RDFS.label, label))


def numeric_cameo(g: Graph) -> None:
    g.set((KGO.ImposeSanctions, SKOS.notation, Literal(163)))


def untyped_participant(g: Graph) -> None:
    g.add((first_event(g, KGO.ImposeSanctions), SEM.hasActor, KGR["someone-unknown"]))


def untyped_actor(g: Graph) -> None:
    for cls in list(g.objects(LUKASHENKO, RDF.type)):
        if cls != SEM.Actor:
            g.remove((LUKASHENKO, RDF.type, cls))


def misplaced_super_string(g: Graph) -> None:
    """A name linked to an event sentence that does not hold it."""
    name, sentence = sorted(g.subject_objects(NIF.superString))[0]
    elsewhere = max(
        (m for m in g.objects(None, GAF.denotedBy) if (m, NIF.anchorOf, None) in g),
        key=lambda m: g.value(m, NIF.beginIndex).toPython(),
    )
    g.remove((name, NIF.superString, sentence))
    g.add((name, NIF.superString, elsewhere))


BREAKAGES: list[tuple[Callable[[Graph], None], str, str, str]] = [
    (break_anchor, "kgd:2021-11-belarus-poland-border#char=", "nif:anchorOf", '"Lukasjenko"'),
    (swap_offsets, "kgd:2021-11-belarus-poland-border#char=", "nif:beginIndex", "less than"),
    (string_offset, "kgd:2021-11-belarus-poland-border#char=", "nif:beginIndex", "an integer"),
    (undated_post, "kgd:2021-11-belarus-poland-border/post/1", "schema:datePublished", "dated"),
    (ungrounded_event, "kge:", "gaf:denotedBy", "grounded"),
    (classless_event, "kge:", "rdf:type", "class of the ontology"),
    (untyped_time, "kge:", "sem:hasTimeStamp", "xsd:gYearMonth"),
    (no_dutch_label, "kgr:alexander-lukashenko", "rdfs:label", "Dutch label"),
    (numeric_cameo, "kgo:ImposeSanctions", "skos:notation", '"163"^^xsd:integer'),
    (untyped_participant, "kge:", "sem:hasActor", "typed actor"),
    (untyped_actor, "kgr:alexander-lukashenko", "rdf:type", "needs a type"),
    (misplaced_super_string, "kgd:", "nif:superString", "does not hold this mention"),
]


@pytest.mark.parametrize(
    ("breakage", "focus", "path", "words"), BREAKAGES, ids=[b[0].__name__ for b in BREAKAGES]
)
def test_a_broken_graph_reports_the_specific_violation(
    seed_graph: Graph, breakage: Callable[[Graph], None], focus: str, path: str, words: str
) -> None:
    graph = Graph()
    for triple in seed_graph:
        graph.add(triple)
    assert LUKASHENKO in set(graph.subjects())
    breakage(graph)
    report = validate_graph(graph)
    assert not report.conforms
    lines = [p.line() for p in report.problems]
    hits = [line for line in lines if line.startswith(focus) and f"  {path}  " in line]
    assert hits, "\n".join(lines)
    assert any(words in line for line in hits), "\n".join(hits)


def test_a_line_is_focus_path_message_and_value(seed_graph: Graph) -> None:
    graph = Graph()
    for triple in seed_graph:
        graph.add(triple)
    event = first_event(graph, KGO.ImposeSanctions)
    string = URIRef("http://www.w3.org/2001/XMLSchema#string")
    graph.set((event, SEM.hasTimeStamp, Literal("2021", datatype=string)))
    (problem,) = validate_graph(graph).problems
    local = str(event)[len(str(KGE)) :]
    assert problem.line() == (
        f"kge:{local}  sem:hasTimeStamp  an event has at most one time stamp, typed xsd:date, "
        'xsd:gYearMonth or xsd:gYear (value: "2021"^^xsd:string)'
    )


def test_kg_validate_command(run_kg, tmp_path: Path, seed_graph: Graph) -> None:
    good = run_kg("validate", "--data", build_dir("seeds") / "kg.ttl")
    assert good.returncode == 0, good.stderr
    assert good.stdout == ""
    assert good.stderr.startswith("kg: conforms: ")
    graph = Graph()
    for triple in seed_graph:
        graph.add(triple)
    undated_post(graph)
    broken = tmp_path / "broken.ttl"
    graph.serialize(broken, format="turtle")
    bad = run_kg("validate", "--data", broken)
    assert bad.returncode == 1
    assert bad.stdout.splitlines() == [
        "kgd:2021-11-belarus-poland-border/post/1  schema:datePublished  a post must be dated: "
        "one schema:datePublished, typed xsd:date, xsd:gYearMonth or xsd:gYear"
    ]
    assert bad.stderr.startswith("kg: 1 violation(s) on 1 node(s);")
    missing = run_kg("validate", "--data", tmp_path / "nope.ttl")
    assert missing.returncode == 1
    assert "no such data file" in missing.stderr


def test_bad_shapes_files(tmp_path: Path) -> None:
    with pytest.raises(ShapesError, match="no such shapes file"):
        load_shapes(tmp_path / "missing.ttl")
    broken = tmp_path / "broken.ttl"
    broken.write_text("this is not turtle", encoding="utf-8")
    with pytest.raises(ShapesError, match="cannot parse"):
        load_shapes(broken)
    invalid = tmp_path / "invalid.ttl"
    invalid.write_text(
        "@prefix sh: <http://www.w3.org/ns/shacl#> .\n"
        "<urn:s> a sh:NodeShape ; sh:targetNode <urn:x> ; "
        'sh:sparql [ sh:select "SELECT $this WHERE { VALUES ?x { 1 } }" ] .\n',
        encoding="utf-8",
    )
    with pytest.raises(ShapesError, match="cannot be used"):
        validate_graph(Graph(), load_shapes(invalid))
