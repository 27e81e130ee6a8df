"""kg.rdf on real output: the invariants every built graph promises (DESIGN.md, Vocabulary).

Most tests read the seed graph as parsed back from kg.ttl (what users get), not the
in-memory graph, so serialisation mistakes show up here too.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import OWL, PROV, RDF, RDFS, SKOS

from kg.build.pipeline import build
from kg.rdf.ntriples import resort_block, sort_block
from kg.rdf.vocab import GAF, ITSRDF, KGD, KGO, KGR, NIF, PREFIXES, SCHEMA, SEM, WD
from kg.rules.cameo import valid_code

# rdflib's XSD warns when pytest probes module attributes (`_mock_name`); same IRIs.
XSD = Namespace("http://www.w3.org/2001/XMLSchema#")

if TYPE_CHECKING:
    from conftest import SeedBuild

REPO = Path(__file__).resolve().parents[2]
INPUT = REPO / "tests" / "data" / "input"

# Verified QIDs from DESIGN.md: name (English label) -> QID. Anything else is unverified.
VERIFIED_QIDS = {
    "Poland": "Q36",
    "Belarus": "Q184",
    "Russia": "Q159",
    "European Union": "Q458",
    "Germany": "Q183",
    "Lithuania": "Q37",
    "Syria": "Q858",
    "Iraq": "Q796",
    "Afghanistan": "Q889",
    "Greece": "Q41",
    "United States": "Q30",
    "Minsk": "Q2280",
    "Vladimir Putin": "Q7747",
    "Donald Trump": "Q22686",
    "FBI": "Q8333",
}
ACTOR_ROLES = {KGO.agent, KGO.patient, KGO.supporter, KGO.recipient}
PLACE_ROLES = {KGO.origin, KGO.destination}
# Other kgo: properties an event may carry; anything new must be added here on purpose.
EVENT_META = {KGO.rule, KGO.trigger, KGO.motive, KGO.modality, KGO.factuality, KGO.timeBasis}
TIME_TYPES = {XSD.date, XSD.gYearMonth, XSD.gYear}
TIME_LEXICAL = {
    XSD.date: re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}"),
    XSD.gYearMonth: re.compile(r"[0-9]{4}-[0-9]{2}"),
    XSD.gYear: re.compile(r"[0-9]{4}"),
}
TIME_PROPERTIES = (SEM.hasTimeStamp, SEM.hasBeginTimeStamp, SEM.hasEndTimeStamp)

# Every IRI kg emits is its own (w3id.org/kg) or from a vocabulary it declares.
ALLOWED_IRI = re.compile(
    "^(?:" + "|".join(re.escape(str(ns)) for ns in sorted(set(PREFIXES.values()), key=str)) + ")"
)
UNSAFE_IRI_CHARS = re.compile(r'[\s<>"{}|^`\\]')


def iris(graph: Graph) -> set[URIRef]:
    return {term for triple in graph for term in triple if isinstance(term, URIRef)}


def safe(iri: URIRef) -> bool:
    return bool(ALLOWED_IRI.match(iri)) and not UNSAFE_IRI_CHARS.search(iri)


def assert_safe_iris(graph: Graph) -> None:
    bad = sorted(str(iri) for iri in iris(graph) if not safe(iri))
    assert not bad, f"unsafe or foreign IRIs: {bad[:10]}"


def events(graph: Graph) -> set[URIRef]:
    return set(graph.subjects(RDF.type, SEM.Event))


def one(graph: Graph, subject, predicate):
    """The single object of (subject, predicate); fails on none or several."""
    values = list(graph.objects(subject, predicate))
    assert len(values) == 1, f"{subject} {predicate}: {values}"
    return values[0]


# --- the seed graph exists and is not trivial -------------------------------------------


def test_seed_graph_has_content(seed_build: SeedBuild) -> None:
    """The invariants below are only meaningful if there is something to check."""
    g = seed_build.graph
    assert len(events(g)) >= 10
    assert len(set(g.subjects(RDF.type, NIF.String))) >= 50
    assert len(set(g.subjects(RDF.type, SCHEMA.NewsArticle))) == 1
    assert isomorphic(g, seed_build.result.graph), "kg.ttl does not parse back to the built graph"


# --- NIF evidence ------------------------------------------------------------------------


def test_every_mention_anchor_is_its_slice_of_the_context(seed_build: SeedBuild) -> None:
    """Evidence must point at the exact words: anchorOf == isString[begin:end]."""
    g = seed_build.graph
    mentions = set(g.subjects(RDF.type, NIF.String))
    for mention in mentions:
        context = one(g, mention, NIF.referenceContext)
        assert (context, RDF.type, NIF.Context) in g
        text = str(one(g, context, NIF.isString))
        begin = one(g, mention, NIF.beginIndex).toPython()
        end = one(g, mention, NIF.endIndex).toPython()
        anchor = str(one(g, mention, NIF.anchorOf))
        assert 0 <= begin < end <= len(text), mention
        assert text[begin:end] == anchor, mention
        # the IRI says the same span as the triples (RFC 5147 style)
        assert str(mention).endswith(f"#char={begin},{end}"), mention
        assert str(mention).startswith(str(one(g, context, NIF.sourceUrl))), mention


def test_names_link_to_the_event_sentences_that_hold_them(seed_build: SeedBuild) -> None:
    """nif:superString: each name's mention → every event sentence or clause holding it.

    Exactly those, so "which events is this name part of" needs no offset comparison.
    """
    g = seed_build.graph

    def span(mention) -> tuple[int, int]:
        return one(g, mention, NIF.beginIndex).toPython(), one(g, mention, NIF.endIndex).toPython()

    evidence = {m for e in events(g) for m in g.objects(e, GAF.denotedBy)}
    names = set(g.subjects(ITSRDF.taIdentRef, None))
    expected = set()
    for name in names:
        begin, end = span(name)
        for sentence in evidence:
            b, e = span(sentence)
            if b <= begin and end <= e and (b, e) != (begin, end):
                expected.add((name, sentence))
    linked = set(g.subject_objects(NIF.superString))
    assert len(expected) > 20  # the seed has names inside most of its event sentences
    assert linked == expected


def test_every_context_covers_its_whole_text(seed_build: SeedBuild) -> None:
    """A nif:Context spans 0..len(isString) and belongs to one article."""
    g = seed_build.graph
    for context in g.subjects(RDF.type, NIF.Context):
        text = str(one(g, context, NIF.isString))
        assert one(g, context, NIF.beginIndex).toPython() == 0
        assert one(g, context, NIF.endIndex).toPython() == len(text)
        assert (one(g, context, NIF.sourceUrl), RDF.type, SCHEMA.NewsArticle) in g


def test_context_text_is_the_seed_file(seed_build: SeedBuild) -> None:
    """Offsets count code points into the file as decoded; the text is kept exactly."""
    g = seed_build.graph
    (seed,) = sorted((REPO / "seeds").glob("*.txt"))
    (text,) = [str(t) for t in g.objects(None, NIF.isString)]
    assert text == seed.read_text(encoding="utf-8").removeprefix("\ufeff")


def test_every_entity_and_event_has_evidence(seed_build: SeedBuild) -> None:
    """Every kgr: resource and event links to a mention, and every mention is a nif:String."""
    g = seed_build.graph
    things = resources(g) | events(g)
    missing = sorted(str(t) for t in things if not list(g.objects(t, GAF.denotedBy)))
    assert not missing, f"no gaf:denotedBy: {missing}"
    for thing in things:
        for mention in g.objects(thing, GAF.denotedBy):
            assert (mention, RDF.type, NIF.String) in g, mention


def resources(graph: Graph) -> set[URIRef]:
    """Every kgr: IRI used anywhere in the graph (entities, derived entities, post authors)."""
    found = {iri for iri in iris(graph) if iri.startswith(str(KGR))}
    assert found
    return found


# --- events --------------------------------------------------------------------------------


def test_every_event_has_an_ontology_class(seed_build: SeedBuild) -> None:
    """sem:Event plus a class that is rdfs:subClassOf sem:Event, with labels in en and nl."""
    g = seed_build.graph
    for event in events(g):
        classes = set(g.objects(event, RDF.type)) - {SEM.Event}
        assert classes, f"{event} is only a sem:Event"
        for cls in classes:
            assert (cls, RDFS.subClassOf, SEM.Event) in g, cls
            langs = {label.language for label in g.objects(cls, RDFS.label)}
            assert {"en", "nl"} <= langs, cls


def test_cameo_notations_are_plain_strings(seed_build: SeedBuild) -> None:
    """skos:notation keeps leading zeros: a string of digits, never a number."""
    g = seed_build.graph
    notations = list(g.triples((None, SKOS.notation, None)))
    assert notations
    for cls, _, code in notations:
        assert (cls, RDFS.subClassOf, SEM.Event) in g
        assert isinstance(code, Literal)
        assert code.datatype in (None, XSD.string), code.n3()
        assert code.language is None
        assert valid_code(str(code)), code  # digits, or one of kg's own codes (ELECT)


def test_every_event_names_its_rule(seed_build: SeedBuild) -> None:
    """Explainability: an event says which rule made it and which words triggered it."""
    g = seed_build.graph
    for event in events(g):
        rule = one(g, event, KGO.rule)
        assert (rule, RDF.type, PROV.Plan) in g
        assert re.fullmatch(r"[^/]+\.yaml:[0-9]+", str(one(g, rule, KGO.ruleSource)))
        assert (one(g, event, KGO.trigger), RDF.type, NIF.String) in g


def test_role_properties_are_sem_subproperties_and_mirrored(seed_build: SeedBuild) -> None:
    """A query for sem:hasActor/sem:hasPlace finds every participant a role names."""
    g = seed_build.graph
    used: set[URIRef] = set()
    for event in events(g):
        for predicate, target in g.predicate_objects(event):
            if not str(predicate).startswith(str(KGO)):
                continue
            assert predicate in ACTOR_ROLES | PLACE_ROLES | EVENT_META, predicate
            if predicate in ACTOR_ROLES:
                used.add(predicate)
                assert (predicate, RDFS.subPropertyOf, SEM.hasActor) in g, predicate
                assert (event, SEM.hasActor, target) in g, (event, predicate, target)
            elif predicate in PLACE_ROLES:
                used.add(predicate)
                assert (predicate, RDFS.subPropertyOf, SEM.hasPlace) in g, predicate
                assert (event, SEM.hasPlace, target) in g, (event, predicate, target)
    assert {KGO.agent, KGO.patient} <= used


def test_time_stamps_are_typed_dates(seed_build: SeedBuild) -> None:
    """Time is xsd:date, xsd:gYearMonth or xsd:gYear with a matching, valid lexical form."""
    g = seed_build.graph
    stamps = [o for p in TIME_PROPERTIES for o in g.objects(None, p)]
    assert stamps
    stamps += list(g.objects(None, SCHEMA.datePublished))
    for stamp in stamps:
        assert isinstance(stamp, Literal) and stamp.datatype in TIME_TYPES, stamp.n3()
        assert TIME_LEXICAL[stamp.datatype].fullmatch(str(stamp)), stamp.n3()
        assert not stamp.ill_typed, stamp.n3()


# --- entities, links, run ------------------------------------------------------------------


def test_same_as_only_to_verified_qids(seed_build: SeedBuild) -> None:
    """A wrong Wikidata link is worse than none: only DESIGN.md's verified QIDs, correctly."""
    g = seed_build.graph
    links = list(g.triples((None, OWL.sameAs, None)))
    assert links
    for entity, _, target in links:
        assert str(target).startswith(str(WD)), target
        english = {str(x) for x in g.objects(entity, RDFS.label) if x.language == "en"}
        qid = str(target).removeprefix(str(WD))
        assert qid in VERIFIED_QIDS.values(), f"{entity} → unverified {qid}"
        assert {VERIFIED_QIDS[name] for name in english if name in VERIFIED_QIDS} == {qid}, (
            f"{entity} ({english}) → {qid}"
        )


def test_no_blank_nodes(seed_build: SeedBuild) -> None:
    """Blank-node labels are random; kg mints IRIs for everything so output is stable."""
    g = seed_build.graph
    assert not [t for t in g if any(isinstance(term, BNode) for term in t)]


def test_schema_namespace_is_https(seed_build: SeedBuild) -> None:
    """rdflib's default http://schema.org/ binding must not turn our prefix into schema1."""
    text = seed_build.ttl.read_text(encoding="utf-8")
    assert "@prefix schema: <https://schema.org/> ." in text
    assert "schema1" not in text
    assert "http://schema.org" not in text
    assert not [iri for iri in iris(seed_build.graph) if iri.startswith("http://schema.org")]


def test_prov_run_has_no_clock_time(seed_build: SeedBuild) -> None:
    """The run records rules hash and version, never a time: output stays byte-identical."""
    g = seed_build.graph
    (run,) = set(g.subjects(RDF.type, PROV.Activity))
    assert re.fullmatch(r"[0-9a-f]{64}", str(one(g, run, KGO.rulesHash)))
    assert str(one(g, run, KGO.toolVersion))
    assert not list(g.objects(run, PROV.startedAtTime))
    assert not list(g.objects(run, PROV.endedAtTime))
    for _, _, value in g.triples((None, None, None)):
        assert not (isinstance(value, Literal) and value.datatype == XSD.dateTime), value.n3()


def test_every_article_and_post_is_described(seed_build: SeedBuild) -> None:
    """Sources: the article has a date and language; each post an author, date and url."""
    g = seed_build.graph
    (article,) = set(g.subjects(RDF.type, SCHEMA.NewsArticle))
    assert str(one(g, article, SCHEMA.datePublished)) == "2021-11"
    assert str(one(g, article, SCHEMA.inLanguage)) == "nl"
    assert set(g.objects(article, SCHEMA.mentions))
    posts = set(g.subjects(RDF.type, SCHEMA.SocialMediaPosting))
    assert posts
    for post in posts:
        assert (post, SCHEMA.isPartOf, article) in g
        author = one(g, post, SCHEMA.author)
        assert str(one(g, author, SCHEMA.name))
        assert any(str(h).startswith("@") for h in g.objects(author, SCHEMA.alternateName))
        assert one(g, post, SCHEMA.datePublished).datatype == XSD.date
        assert str(one(g, post, SCHEMA.url)).startswith("https://")


def test_seed_iris_are_safe(seed_build: SeedBuild) -> None:
    """Every IRI is kg's own or a declared vocabulary's, with no characters needing escapes."""
    assert_safe_iris(seed_build.graph)


# --- hostile input ---------------------------------------------------------------------------

SECURITY = INPUT / "security"
HOSTILE_TITLE = '"><script>alert(1)</script>'


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> tuple[Graph, Path]:
    """The security article plus a copy under a file name full of IRI-breaking characters."""
    src = tmp_path_factory.mktemp("hostile-src")
    (article,) = SECURITY.glob("*.txt")
    (src / article.name).write_bytes(article.read_bytes())
    (src / 'a<b>"c"{d}|e^f`g\\h i#j?k%20l.txt').write_bytes(article.read_bytes())
    out = tmp_path_factory.mktemp("hostile-out")
    result = build([src], out)
    assert not result.errors
    graph = Graph().parse(out / "kg.ttl", format="turtle")
    assert isomorphic(graph, result.graph), "quotes or markup were not escaped in Turtle"
    return graph, out / "kg.ttl"


def test_hostile_article_builds_and_keeps_its_text(hostile: tuple[Graph, Path]) -> None:
    """Markup and quotes in the text are data: kept exactly, as literals."""
    graph, _ = hostile
    (article,) = SECURITY.glob("*.txt")
    text = article.read_text(encoding="utf-8")
    assert {str(t) for t in graph.objects(None, NIF.isString)} == {text}
    headlines = {str(t) for t in graph.objects(None, SCHEMA.headline)}
    assert headlines == {HOSTILE_TITLE}
    assert events(graph), "the article's sentences should still produce events"


def test_hostile_article_never_becomes_an_iri(hostile: tuple[Graph, Path]) -> None:
    """Article text and file names reach IRIs only through the slug: no <>\"{}|^`\\ or spaces."""
    graph, _ = hostile
    assert_safe_iris(graph)
    from_text = [iri for iri in iris(graph) if not iri.startswith(str(KGO))]  # not a class
    assert not [iri for iri in from_text if "script" in iri.lower() or "alert" in iri.lower()]


def test_file_names_become_safe_slugs(hostile: tuple[Graph, Path]) -> None:
    """Spaces, accents and punctuation in a file name give an ASCII slug; each file its own."""
    graph, _ = hostile
    articles = set(graph.subjects(RDF.type, SCHEMA.NewsArticle))
    assert articles == {KGD["een-bericht-grens-zo-2021"], KGD["a-b-c-d-e-f-g-h-i-j-k-20l"]}


@given(
    st.lists(
        st.tuples(st.sampled_from(["a", "b", "c", "e/1", "e/2"]), st.integers(0, 30)),
        max_size=60,
    ),
    st.dictionaries(st.integers(0, 30), st.integers(0, 30)),
)
def test_a_renamed_block_is_sorted_as_a_fresh_one(statements, renames) -> None:
    """Renaming merged events keeps each line's graph, so only within a graph is the order
    redone (kg.build.assemble); it must give what sorting the whole block gives."""

    def line(graph: str, n: int) -> str:
        return f"<https://w3id.org/kg/event/{n}> <p> <o> <https://w3id.org/kg/doc/{graph}> .\n"

    block = sort_block(line(g, n) for g, n in statements)
    renamed = [line(g, renames.get(n, n)) for g, n in (_parts(x) for x in block)]
    assert resort_block(renamed) == sort_block(renamed)


def _parts(quad: str) -> tuple[str, int]:
    subject, _, _, graph = quad.split(" ")[:4]
    return graph.split("/doc/")[1][:-1], int(subject.rsplit("/", 1)[1][:-1])
