"""The project ontology as triples: event classes from the rules, role properties, relations."""

from __future__ import annotations

from rdflib import Graph, Literal
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from kg.rdf.vocab import GRASP, GRASPF, KGO, SCHEMA, SEM, class_iri, role_iri
from kg.rules.cameo import quad_class
from kg.rules.factuality import FACTUALITIES, GRASP_VALUES
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


_TIME_BASIS_COMMENT = (
    "'publication': the text writes no date for the event; its time stamp is the month "
    "the article was published, as a report tells what happened lately. Without this "
    "property the time stamp is written in the text."
)
_FACTUALITY_COMMENT = (
    "what the text says of the event: " + ", ".join(FACTUALITIES) + ". Only 'asserted' is "
    "stated as a fact; the same values as GRaSP attribution on the event's trigger mention."
)


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
            graph.add((iri, KGO.quadClass, Literal(quad_class(event_type.cameo))))
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
    graph.add((KGO.modality, RDFS.label, Literal("modality (attempt)", lang="en")))
    graph.add((KGO.quadClass, RDF.type, OWL.AnnotationProperty))
    graph.add((KGO.quadClass, RDFS.label, Literal("GDELT quad class", lang="en")))
    graph.add((KGO.timeBasis, RDF.type, OWL.DatatypeProperty))
    graph.add((KGO.timeBasis, RDFS.label, Literal("time taken from", lang="en")))
    graph.add((KGO.timeBasis, RDFS.comment, Literal(_TIME_BASIS_COMMENT, lang="en")))
    graph.add((KGO.factuality, RDF.type, OWL.DatatypeProperty))
    graph.add((KGO.factuality, RDFS.label, Literal("factuality", lang="en")))
    graph.add((KGO.factuality, RDFS.comment, Literal(_FACTUALITY_COMMENT, lang="en")))
    kinds = (("CertaintyValue", 0), ("PolarityValue", 1), ("TemporalValue", 2))
    for kind, position in kinds:
        for value in sorted({values[position] for values in GRASP_VALUES.values()}):
            graph.add((GRASPF[value], RDF.type, GRASPF[kind]))
            graph.add((GRASPF[value], RDF.type, GRASP.AttributionValue))
            graph.add((GRASPF[value], RDFS.label, Literal(value)))
    return graph
