"""The fixed vocabulary: namespaces, the project's IRIs, and prefix binding in one place."""

from __future__ import annotations

from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import OWL, PROV, RDF, RDFS, SKOS, XSD

from kg.slug import slugify

SEM = Namespace("http://semanticweb.cs.vu.nl/2009/11/sem/")
GAF = Namespace("http://groundedannotationframework.org/gaf#")
GRASP = Namespace("http://groundedannotationframework.org/grasp#")
GRASPF = Namespace("http://groundedannotationframework.org/grasp/factuality#")
NIF = Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")
ITSRDF = Namespace("http://www.w3.org/2005/11/its/rdf#")
SCHEMA = Namespace("https://schema.org/")
WD = Namespace("http://www.wikidata.org/entity/")

BASE = "https://w3id.org/kg/"
KGO = Namespace(BASE + "ontology#")  # classes and properties of the project ontology
KGR = Namespace(BASE + "resource/")  # entities: one IRI per real-world thing
KGE = Namespace(BASE + "event/")  # events
KGD = Namespace(BASE + "doc/")  # documents, posts, their NIF contexts and mentions
KGRULE = Namespace(BASE + "rule/")  # extraction rules
KGRUN = Namespace(BASE + "run/")  # PROV run records
KGA = Namespace(BASE + "attribution/")  # GRaSP attributions: who says so, how sure
SHARED_GRAPH = URIRef(BASE + "graph/shared")  # ontology, entity names, rules, the run

PREFIXES: dict[str, Namespace] = {
    "rdf": RDF,
    "rdfs": RDFS,
    "owl": OWL,
    "xsd": XSD,
    "skos": SKOS,
    "prov": PROV,
    "sem": SEM,
    "gaf": GAF,
    "grasp": GRASP,
    "graspf": GRASPF,
    "nif": NIF,
    "itsrdf": ITSRDF,
    "schema": SCHEMA,
    "wd": WD,
    "kgo": KGO,
    "kgr": KGR,
    "kge": KGE,
    "kgd": KGD,
    "rule": KGRULE,
    "run": KGRUN,
    "kga": KGA,
}


def bind_prefixes(graph: Graph) -> Graph:
    """Bind every project prefix, replacing rdflib's defaults (which map schema: to http)."""
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True, replace=True)
    return graph


def sparql_prologue() -> str:
    """PREFIX lines predeclared for every query a user runs."""
    return "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())


def entity_iri(entity_id: str) -> URIRef:
    return KGR[slugify(entity_id)]


def event_iri(event_id: str) -> URIRef:
    return KGE[event_id]


def doc_iri(doc_slug: str) -> URIRef:
    return KGD[doc_slug]


def span_iri(doc_slug: str, begin: int, end: int) -> URIRef:
    """RFC 5147 style NIF IRI of a character span: <doc#char=begin,end>."""
    return URIRef(f"{KGD[doc_slug]}#char={begin},{end}")


def context_iri(doc_slug: str, length: int) -> URIRef:
    return span_iri(doc_slug, 0, length)


def rule_iri(rule_id: str) -> URIRef:
    return KGRULE[rule_id]


def class_iri(type_id: str) -> URIRef:
    return KGO[type_id]


def role_iri(role: str) -> URIRef:
    return KGO[role]
