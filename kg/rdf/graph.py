"""Records → RDF: every statement built from URIRef/Literal, never by string concatenation."""

from __future__ import annotations

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import OWL, PROV, RDF, RDFS, SKOS, XSD

from kg import __version__
from kg.rdf.ontology import PLACE_ROLES, RELATIONS
from kg.rdf.vocab import (
    GAF,
    ITSRDF,
    KGO,
    KGRUN,
    NIF,
    SCHEMA,
    SEM,
    SHARED_GRAPH,
    WD,
    class_iri,
    context_iri,
    doc_iri,
    entity_iri,
    event_iri,
    post_iri,
    role_iri,
    rule_iri,
    slugify,
    span_iri,
)
from kg.records import Document, Entity, Event, Extraction, Mention, TimeValue
from kg.rules.model import Rules

ENTITY_CLASSES = {
    "person": (SCHEMA.Person, SEM.Actor),
    "organisation": (SCHEMA.Organization, SEM.Actor),
    "government": (SCHEMA.GovernmentOrganization, SEM.Actor),
    "country": (SCHEMA.Country, SEM.Actor, SEM.Place),
    "city": (SCHEMA.City, SEM.Place),
    "place": (SCHEMA.Place, SEM.Place),
    "group": (KGO.Group, SEM.Actor),
}
_PRECISION = {"date": XSD.date, "month": XSD.gYearMonth, "year": XSD.gYear}


def time_literal(time: TimeValue) -> Literal:
    return Literal(time.value, datatype=_PRECISION[time.precision])


def run_iri(rules: Rules) -> URIRef:
    return KGRUN[rules.digest[:16]]


class GraphWriter:
    """Adds the triples of extractions to a Dataset: one named graph per source.

    Statements drawn from an article go to the article's graph, those drawn from a quoted
    post to the post's graph; what no single source owns (the ontology, entity names and
    types, rules, the run) goes to the shared graph.
    """

    def __init__(self, dataset: Dataset, rules: Rules) -> None:
        self.dataset = dataset
        self.shared = dataset.graph(SHARED_GRAPH)
        self.g: Graph = self.shared
        self.rules = rules
        self.run = run_iri(rules)
        self._contexts: dict[str, URIRef] = {}
        self._labels: dict[str, dict[str, str]] = {}  # entity id -> labels, over all documents
        self._event_types: dict[str, str] = {}

    def add(self, triple) -> None:
        self.g.add(triple)

    def add_shared(self, triple) -> None:
        self.shared.add(triple)

    # -- the run --------------------------------------------------------------------------
    def add_run(self, documents: list[str]) -> None:
        """A PROV record without clock time, so identical input gives identical output."""
        self.g = self.shared
        self.add((self.run, RDF.type, PROV.Activity))
        self.add((self.run, RDFS.label, Literal(f"kg build {__version__}")))
        self.add((self.run, KGO.rulesHash, Literal(self.rules.digest)))
        self.add((self.run, KGO.toolVersion, Literal(__version__)))
        for slug in documents:
            self.add((self.run, PROV.used, doc_iri(slug)))

    # -- documents -------------------------------------------------------------------------
    def add_extraction(self, extraction: Extraction) -> None:
        doc = extraction.document
        self.g = self.dataset.graph(doc_iri(doc.slug))
        self._document(doc)
        grounded = {e.id for e in extraction.entities.values() if e.mentions}
        self._labels.update({e.id: e.labels for e in extraction.entities.values()})
        for entity in extraction.entities.values():
            if entity.id in grounded:  # background entities without a mention stay out
                self._entity(entity, doc, grounded)
        for event in extraction.events:
            self._event(event, extraction.entities)

    def _document(self, doc: Document) -> None:
        iri = doc_iri(doc.slug)
        self.add((iri, RDF.type, SCHEMA.NewsArticle))
        self.add((iri, SCHEMA.inLanguage, Literal(doc.lang)))
        self.add((iri, SCHEMA.identifier, Literal(doc.slug)))
        if doc.date:
            self.add((iri, SCHEMA.datePublished, time_literal(_iso_time(doc.date))))
        if doc.title:
            self.add((iri, SCHEMA.headline, Literal(doc.title)))
        if doc.url:
            self.add((iri, SCHEMA.url, Literal(doc.url, datatype=XSD.anyURI)))
        self.add((iri, PROV.wasGeneratedBy, self.run))
        context = context_iri(doc.slug, len(doc.text))
        self._contexts[doc.slug] = context
        self.add((context, RDF.type, NIF.Context))
        self.add((context, NIF.isString, Literal(doc.text)))
        self.add((context, NIF.beginIndex, Literal(0, datatype=XSD.nonNegativeInteger)))
        self.add((context, NIF.endIndex, Literal(len(doc.text), datatype=XSD.nonNegativeInteger)))
        self.add((context, NIF.sourceUrl, iri))
        for post in doc.posts:
            self._post(doc, post)

    def _post(self, doc: Document, post) -> None:
        iri = post_iri(doc.slug, post.index)
        article = doc_iri(doc.slug)
        article_graph, self.g = self.g, self.dataset.graph(iri)
        self.add((iri, RDF.type, SCHEMA.SocialMediaPosting))
        self.add((iri, SCHEMA.isPartOf, article))
        self.add((article, SCHEMA.hasPart, iri))
        text = doc.text[post.text_span.begin : post.text_span.end]
        self.add((iri, SCHEMA.text, Literal(text)))
        self.add((iri, SCHEMA.inLanguage, Literal(post.lang)))
        if post.date:
            self.add((iri, SCHEMA.datePublished, Literal(post.date, datatype=XSD.date)))
        if post.url:
            self.add((iri, SCHEMA.url, Literal(post.url, datatype=XSD.anyURI)))
        author = entity_iri(_author_id(post.author))
        self.add((iri, SCHEMA.author, author))
        self.add((author, SCHEMA.name, Literal(post.author)))
        self.add((author, SCHEMA.alternateName, Literal("@" + post.handle)))
        mention = Mention(doc.slug, post.span, doc.text[post.span.begin : post.span.end])
        self.add((iri, GAF.denotedBy, self._mention(mention)))
        self.g = article_graph

    def _mention(self, mention: Mention, entity: URIRef | None = None) -> URIRef:
        iri = span_iri(mention.doc, mention.span.begin, mention.span.end)
        self.add((iri, RDF.type, NIF.String))
        self.add((iri, RDF.type, NIF.RFC5147String))
        self.add(
            (iri, NIF.beginIndex, Literal(mention.span.begin, datatype=XSD.nonNegativeInteger))
        )
        self.add((iri, NIF.endIndex, Literal(mention.span.end, datatype=XSD.nonNegativeInteger)))
        self.add((iri, NIF.anchorOf, Literal(mention.text)))
        self.add((iri, NIF.referenceContext, self._contexts[mention.doc]))
        if entity is not None:
            self.add((iri, ITSRDF.taIdentRef, entity))
        return iri

    # -- entities --------------------------------------------------------------------------
    def _entity(self, entity: Entity, doc: Document, grounded: set[str]) -> None:
        iri = entity_iri(entity.id)
        for cls in ENTITY_CLASSES[entity.type]:
            self.add_shared((iri, RDF.type, cls))
        for lang, label in sorted(entity.labels.items()):
            self.add_shared((iri, RDFS.label, Literal(label, lang=lang)))
        for alias in entity.aliases:
            self.add_shared((iri, SKOS.altLabel, Literal(alias)))
        if entity.wikidata:
            self.add_shared((iri, OWL.sameAs, WD[entity.wikidata]))
        for prop, target in entity.relations:
            if target in grounded:
                self.add((iri, RELATIONS[prop][0], entity_iri(target)))
        for prop, value in entity.facts:
            if prop == "jobTitle":
                self.add((iri, SCHEMA.jobTitle, Literal(value, lang="en")))
            elif prop == "handle":
                self.add((iri, SCHEMA.alternateName, Literal(value)))
        for mention in entity.mentions:
            self.add((iri, GAF.denotedBy, self._mention(mention, iri)))
        if entity.mentions:
            self.add((doc_iri(doc.slug), SCHEMA.mentions, iri))

    # -- events ----------------------------------------------------------------------------
    def _event(self, event: Event, entities: dict[str, Entity]) -> None:
        article_graph = self.g
        if event.post:
            self.g = self.dataset.graph(post_iri(event.doc, event.post))
        self._event_triples(event, entities)
        self.g = article_graph

    def _event_triples(self, event: Event, entities: dict[str, Entity]) -> None:
        iri = event_iri(event.id)
        self.add((iri, RDF.type, SEM.Event))
        self.add((iri, RDF.type, class_iri(event.type)))
        self._event_types[event.id] = event.type
        for role, ids in event.roles.items():
            for entity_id in ids:
                target = entity_iri(entity_id)
                if role == "place":
                    self.add((iri, SEM.hasPlace, target))
                    continue
                self.add((iri, role_iri(role), target))
                self.add((iri, SEM.hasPlace if role in PLACE_ROLES else SEM.hasActor, target))
        if event.time:
            self.add((iri, SEM.hasTimeStamp, time_literal(event.time)))
        source = post_iri(event.doc, event.post) if event.post else doc_iri(event.doc)
        self.add((iri, PROV.wasDerivedFrom, source))
        if not event.post:
            self.add((iri, SEM.accordingTo, source))
        for who in event.according_to:
            if who.startswith("post:"):
                self.add((iri, SEM.accordingTo, post_iri(event.doc, int(who[5:]))))
            else:
                self.add((iri, SEM.accordingTo, entity_iri(who)))
        for mention in [event.mention, *event.extra_mentions]:
            self.add((iri, GAF.denotedBy, self._mention(mention)))
        self.add((iri, KGO.trigger, self._mention(event.trigger)))
        rule = rule_iri(event.rule)
        self.add((iri, KGO.rule, rule))
        self.add((iri, PROV.wasGeneratedBy, self.run))
        self._rule(rule, event.rule)
        if event.modality:
            self.add((iri, KGO.modality, Literal(event.modality)))
        for relation, other in event.links:
            if relation == "motive":
                self.add((iri, KGO.motive, event_iri(other)))

    def add_event_labels(self, roles_by_event: dict[str, dict[str, list[str]]]) -> None:
        """Labels from the roles of all reports of an event, in the shared graph."""
        for event_id, event_type in self._event_types.items():
            roles = roles_by_event.get(event_id, {})
            for lang in ("en", "nl"):
                label = _event_label(roles, self.rules.event_types[event_type], self._labels, lang)
                self.add_shared((event_iri(event_id), RDFS.label, Literal(label, lang=lang)))

    def _rule(self, iri: URIRef, rule_id: str) -> None:
        pattern = next(p for p in self.rules.patterns if p.id == rule_id)
        self.add_shared((iri, RDF.type, PROV.Plan))
        self.add_shared((iri, RDFS.label, Literal(rule_id)))
        self.add_shared((iri, KGO.ruleSource, Literal(_relative_source(pattern.source))))


def _relative_source(source: str) -> str:
    """'…/kg/rules/patterns_nl.yaml:12' → 'patterns_nl.yaml:12': no machine paths in output."""
    return source.replace("\\", "/").rsplit("/", 1)[-1]


def _iso_time(value: str) -> TimeValue:
    precision = {4: "year", 7: "month", 10: "date"}[len(value)]
    return TimeValue(value, precision)


def _author_id(name: str) -> str:
    return slugify(name)


def _event_label(roles: dict[str, list[str]], event_type, labels, lang: str) -> str:
    def names(role: str) -> str:
        ids = roles.get(role, [])
        return ", ".join(labels[i].get(lang, i) if i in labels else i for i in ids)

    label = event_type.labels[lang]
    agent, patient = names("agent"), names("patient")
    if not agent:  # "opposition members – end up in prison"
        return " – ".join(p for p in (patient, label) if p)
    return " – ".join(p for p in (agent, label, patient) if p)
