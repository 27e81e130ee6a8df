"""The project ontology as triples: event classes from the rules, role properties, relations."""

from __future__ import annotations

from rdflib import Graph, Literal
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from kg.rdf.vocab import KGO, SCHEMA, SEM, class_iri, role_iri
from kg.rules.model import RELATION_PROPERTIES, Rules
from kg.rules.roles import PLACE_SUBROLES

ROLE_LABELS = {
    "agent": ("agent", "actor who does it"),
    "patient": ("patient", "actor it is done to"),
    "supporter": ("supporter", "actor who helps the agent"),
    "recipient": ("recipient", "actor who receives it"),
    "origin": ("origin", "place it starts from"),
    "destination": ("destination", "place it goes to"),
}

# The IRI and English label of each relation property kg.rules.model names (the one list of
# names); schema.org already defines nationality, the others are the project's own.
_RELATION_LABELS = {
    "partOf": "part of",
    "leaderOf": "leader of",
    "capitalOf": "capital of",
    "countryOfOrigin": "country of origin",
}
RELATIONS = {
    name: (SCHEMA.nationality, None)
    if name == "nationality"
    else (KGO[name], _RELATION_LABELS[name])
    for name in RELATION_PROPERTIES
}


def ontology_graph(rules: Rules) -> Graph:
    graph = Graph()
    graph.add((KGO.Group, RDF.type, OWL.Class))
    graph.add((KGO.Group, RDFS.subClassOf, SEM.Actor))
    graph.add((KGO.Group, RDFS.label, Literal("group of people", lang="en")))
    graph.add((KGO.Group, RDFS.label, Literal("groep mensen", lang="nl")))
    for event_type in sorted(rules.event_types.values(), key=lambda t: t.id):
        iri = class_iri(event_type.id)
        graph.add((iri, RDF.type, OWL.Class))
        graph.add((iri, RDFS.subClassOf, SEM.Event))
        for lang, label in event_type.labels.items():
            graph.add((iri, RDFS.label, Literal(label, lang=lang)))
        if event_type.cameo:
            graph.add((iri, SKOS.notation, Literal(event_type.cameo)))
    for role, (label, comment) in ROLE_LABELS.items():
        iri = role_iri(role)
        graph.add((iri, RDF.type, OWL.ObjectProperty))
        parent = SEM.hasPlace if role in PLACE_SUBROLES else SEM.hasActor
        graph.add((iri, RDFS.subPropertyOf, parent))
        graph.add((iri, RDFS.label, Literal(label, lang="en")))
        graph.add((iri, RDFS.comment, Literal(comment, lang="en")))
    own_relations = [(iri, label) for iri, label in RELATIONS.values() if label]
    for prop, label in (
        *own_relations,
        (KGO.motive, "has as motive"),
        (KGO.rule, "extracted by rule"),
        (KGO.trigger, "trigger words"),
    ):
        graph.add((prop, RDF.type, OWL.ObjectProperty))
        graph.add((prop, RDFS.label, Literal(label, lang="en")))
    graph.add((KGO.modality, RDF.type, OWL.DatatypeProperty))
    graph.add((KGO.modality, RDFS.label, Literal("modality (attempt, threat)", lang="en")))
    return graph
