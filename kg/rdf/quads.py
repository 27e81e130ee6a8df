"""One document's records → its N-Quads lines: a pure function of (text, rules).

Statements drawn from an article go to the article's graph, those drawn from a quoted
post to the post's graph; what no single source owns (entity names and types, rules)
goes to the shared graph. Nothing here depends on any other document, so documents can be
turned into quads in any process or on any machine, cached, and put together later; the
one thing that needs all documents, merging reports of the same event, is a later pass
(`kg.build.merge`) that gets a compact `EventKey` per event from here.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass

from rdflib.namespace import OWL, PROV, RDF, RDFS, SKOS, XSD

from kg import __version__
from kg.extract.registry import FINDING_RULES, FINDING_RULES_SOURCE
from kg.rdf.ntriples import integer, iri, literal
from kg.rdf.ontology import RELATIONS
from kg.rdf.vocab import (
    GAF,
    GRASP,
    GRASPF,
    ITSRDF,
    KGA,
    KGD,
    KGE,
    KGO,
    KGR,
    KGRULE,
    KGRUN,
    NIF,
    SCHEMA,
    SEM,
    SHARED_GRAPH,
    WD,
)
from kg.records import WRITTEN, Entity, Event, Extraction, Mention, Post, TimeValue
from kg.rules.factuality import ASSERTED, GRASP_VALUES
from kg.rules.model import Rules
from kg.rules.roles import PLACE_SUBROLES
from kg.slug import slugify

ENTITY_CLASSES = {
    "person": (SCHEMA.Person, SEM.Actor),
    "organisation": (SCHEMA.Organization, SEM.Actor),
    "government": (SCHEMA.GovernmentOrganization, SEM.Actor),
    "country": (SCHEMA.Country, SEM.Actor, SEM.Place),
    "city": (SCHEMA.City, SEM.Place),
    "place": (SCHEMA.Place, SEM.Place),
    "group": (KGO.Group, SEM.Actor),
}
PRECISION_TYPES = {"date": XSD.date, "month": XSD.gYearMonth, "year": XSD.gYear}


class P:
    """Predicates and classes, formatted once."""

    type = iri(str(RDF.type))
    label = iri(str(RDFS.label))
    comment = iri(str(RDFS.comment))
    alt_label = iri(str(SKOS.altLabel))
    same_as = iri(str(OWL.sameAs))
    news_article = iri(str(SCHEMA.NewsArticle))
    posting = iri(str(SCHEMA.SocialMediaPosting))
    in_language = iri(str(SCHEMA.inLanguage))
    identifier = iri(str(SCHEMA.identifier))
    date_published = iri(str(SCHEMA.datePublished))
    headline = iri(str(SCHEMA.headline))
    url = iri(str(SCHEMA.url))
    is_part_of = iri(str(SCHEMA.isPartOf))
    has_part = iri(str(SCHEMA.hasPart))
    text = iri(str(SCHEMA.text))
    author = iri(str(SCHEMA.author))
    name = iri(str(SCHEMA.name))
    alternate_name = iri(str(SCHEMA.alternateName))
    job_title = iri(str(SCHEMA.jobTitle))
    mentions = iri(str(SCHEMA.mentions))
    generated_by = iri(str(PROV.wasGeneratedBy))
    derived_from = iri(str(PROV.wasDerivedFrom))
    plan = iri(str(PROV.Plan))
    context = iri(str(NIF.Context))
    string = iri(str(NIF.String))
    rfc5147 = iri(str(NIF.RFC5147String))
    is_string = iri(str(NIF.isString))
    begin = iri(str(NIF.beginIndex))
    end = iri(str(NIF.endIndex))
    source_url = iri(str(NIF.sourceUrl))
    anchor_of = iri(str(NIF.anchorOf))
    reference_context = iri(str(NIF.referenceContext))
    super_string = iri(str(NIF.superString))
    ident_ref = iri(str(ITSRDF.taIdentRef))
    denoted_by = iri(str(GAF.denotedBy))
    event = iri(str(SEM.Event))
    has_place = iri(str(SEM.hasPlace))
    has_actor = iri(str(SEM.hasActor))
    time_stamp = iri(str(SEM.hasTimeStamp))
    time_basis = iri(str(KGO.timeBasis))
    according_to = iri(str(SEM.accordingTo))
    trigger = iri(str(KGO.trigger))
    rule = iri(str(KGO.rule))
    rule_source = iri(str(KGO.ruleSource))
    modality = iri(str(KGO.modality))
    factuality = iri(str(KGO.factuality))
    attribution = iri(str(GRASP.Attribution))
    has_attribution = iri(str(GRASP.hasAttribution))
    is_attribution_for = iri(str(GRASP.isAttributionFor))
    attributed_to = iri(str(PROV.wasAttributedTo))
    value = iri(str(RDF.value))
    motive = iri(str(KGO.motive))
    shared = iri(str(SHARED_GRAPH))


_ANY_URI = str(XSD.anyURI)


def entity_ref(entity_id: str) -> str:
    return iri(f"{KGR}{slugify(entity_id)}")


def event_ref(event_id: str) -> str:
    return iri(f"{KGE}{event_id}")


def doc_ref(slug: str) -> str:
    return iri(f"{KGD}{slug}")


def post_ref(slug: str, index: int) -> str:
    return iri(f"{KGD}{slug}/post/{index}")


def span_ref(slug: str, begin: int, end: int) -> str:
    return iri(f"{KGD}{slug}#char={begin},{end}")


def run_ref(rules: Rules) -> str:
    return iri(f"{KGRUN}{rules.digest[:16]}")


def time_term(time: TimeValue) -> str:
    return literal(time.value, datatype=str(PRECISION_TYPES[time.precision]))


@dataclass(frozen=True, slots=True)
class EventKey:
    """What the cross-document pass needs of one event report, and nothing else.

    `roles` are sorted, so a key read back from a store equals the one made here.
    """

    id: str
    type: str
    doc: str
    order: int  # where its trigger begins in the document
    time: TimeValue | None
    roles: tuple[tuple[str, tuple[str, ...]], ...]
    asserted: bool = True  # what the text does not assert is no report of a real event

    def role(self, name: str) -> tuple[str, ...]:
        return next((ids for role, ids in self.roles if role == name), ())


@dataclass(slots=True)
class DocumentQuads:
    """One document's statements, ready to be put together with others."""

    slug: str
    path: str
    graph_lines: list[str]  # its article and post graphs, sorted
    shared_lines: list[str]  # statements for the shared graph, sorted
    events: list[EventKey]
    labels: dict[str, dict[str, str]]  # id of each entity it mentions -> language -> label
    types: dict[str, str]  # id of each entity it mentions -> entity type
    block: tuple[str, int, int] | None = None  # (shard, offset, size) once graph_lines are written
    packed: bytes | None = None  # graph_lines joined as UTF-8, as a worker process sends them


class _Lines:
    """Lines kept per graph as they are added: `sorted_lines` then sorts each graph's on
    its own, with no sort key to work out of every line (`sort_block`'s order)."""

    def __init__(self, graph: str) -> None:
        self.by_graph: dict[str, list[str]] = {}
        self.shared: list[str] = []
        self.graph = graph

    @property
    def graph(self) -> str:
        return self._graph

    @graph.setter
    def graph(self, graph: str) -> None:
        self._graph = graph
        self.out = self.by_graph.setdefault(graph, [])

    def add(self, s: str, p: str, o: str) -> None:
        self.out.append(f"{s} {p} {o} {self._graph} .\n")

    def sorted_lines(self) -> list[str]:
        """`sort_block` of every line: distinct, by graph, then by statement. A graph term
        (an IRI: no spaces) is what `graph_of` reads back from each of its lines."""
        out: list[str] = []
        for graph in sorted(self.by_graph):
            out.extend(sorted(set(self.by_graph[graph])))
        return out

    def add_shared(self, s: str, p: str, o: str) -> None:
        self.shared.append(f"{s} {p} {o} {P.shared} .\n")


def document_quads(extraction: Extraction, rules: Rules) -> DocumentQuads:
    """Every statement of one document, in N-Quads, with the keys of its events."""
    return _DocumentWriter(extraction, rules).run()


class _DocumentWriter:
    def __init__(self, extraction: Extraction, rules: Rules) -> None:
        self.extraction = extraction
        self.doc = extraction.document
        self.rules = rules
        self.run_iri = run_ref(rules)
        self.article = doc_ref(self.doc.slug)
        self.lines = _Lines(self.article)
        self.context = span_ref(self.doc.slug, 0, len(self.doc.text))
        self.rules_seen: set[str] = set()
        self.evidence = _EvidenceSpans(
            (m.span.begin, m.span.end)
            for event in extraction.events
            for m in (event.mention, *event.extra_mentions)
        )

    def run(self) -> DocumentQuads:
        extraction = self.extraction
        self._document()
        grounded = {e.id for e in extraction.entities.values() if e.mentions}
        for entity in extraction.entities.values():
            if entity.id in grounded:  # background entities without a mention stay out
                self._entity(entity, grounded)
        keys = [self._event(event) for event in extraction.events]
        entities = extraction.entities
        return DocumentQuads(
            slug=self.doc.slug,
            path=self.doc.path,
            graph_lines=self.lines.sorted_lines(),
            shared_lines=sorted(set(self.lines.shared)),
            events=keys,
            labels={i: dict(entities[i].labels) for i in sorted(grounded)},
            types={i: entities[i].type for i in sorted(grounded)},
        )

    # -- the document and its posts ---------------------------------------------------------
    def _document(self) -> None:
        doc, add, article = self.doc, self.lines.add, self.article
        add(article, P.type, P.news_article)
        add(article, P.in_language, literal(doc.lang))
        add(article, P.identifier, literal(doc.slug))
        if doc.date:
            add(article, P.date_published, time_term(_iso_time(doc.date)))
        if doc.title:
            add(article, P.headline, literal(doc.title))
        if doc.url:
            add(article, P.url, literal(doc.url, datatype=_ANY_URI))
        add(article, P.generated_by, self.run_iri)
        context = self.context
        add(context, P.type, P.context)
        add(context, P.is_string, literal(doc.text))
        add(context, P.begin, integer(0))
        add(context, P.end, integer(len(doc.text)))
        add(context, P.source_url, article)
        for post in doc.posts:
            self._post(post)

    def _post(self, post: Post) -> None:
        doc = self.doc
        here = post_ref(doc.slug, post.index)
        article_graph, self.lines.graph = self.lines.graph, here
        add = self.lines.add
        add(here, P.type, P.posting)
        add(here, P.is_part_of, self.article)
        add(self.article, P.has_part, here)
        add(here, P.text, literal(doc.text[post.text_span.begin : post.text_span.end]))
        add(here, P.in_language, literal(post.lang))
        if post.date:
            add(here, P.date_published, literal(post.date, datatype=str(XSD.date)))
        if post.url:
            add(here, P.url, literal(post.url, datatype=_ANY_URI))
        author = entity_ref(slugify(post.author))
        add(here, P.author, author)
        add(author, P.name, literal(post.author))
        add(author, P.alternate_name, literal("@" + post.handle))
        mention = Mention(doc.slug, post.span, doc.text[post.span.begin : post.span.end])
        add(here, P.denoted_by, self._mention(mention))
        self.lines.graph = article_graph

    def _mention(self, mention: Mention, entity: str | None = None) -> str:
        begin, end = mention.span.begin, mention.span.end
        here = span_ref(mention.doc, begin, end)
        add = self.lines.add
        add(here, P.type, P.string)
        add(here, P.type, P.rfc5147)
        add(here, P.begin, integer(begin))
        add(here, P.end, integer(end))
        add(here, P.anchor_of, literal(mention.text))
        add(here, P.reference_context, self.context)
        if entity is not None:
            add(here, P.ident_ref, entity)
            for span_begin, span_end in self.evidence.around(begin, end):
                add(here, P.super_string, span_ref(mention.doc, span_begin, span_end))
        return here

    # -- entities ---------------------------------------------------------------------------
    def _entity(self, entity: Entity, grounded: set[str]) -> None:
        here = entity_ref(entity.id)
        add, shared = self.lines.add, self.lines.add_shared
        for cls in ENTITY_CLASSES[entity.type]:
            shared(here, P.type, iri(str(cls)))
        for lang, label in sorted(entity.labels.items()):
            shared(here, P.label, literal(label, lang=lang))
        for alias in entity.aliases:
            shared(here, P.alt_label, literal(alias))
        if entity.wikidata:
            shared(here, P.same_as, iri(f"{WD}{entity.wikidata}"))
        for prop, target in entity.relations:
            if target in grounded:
                add(here, iri(str(RELATIONS[prop][0])), entity_ref(target))
        for prop, value in entity.facts:
            if prop == "jobTitle":
                add(here, P.job_title, literal(value, lang="en"))
            elif prop == "handle":
                add(here, P.alternate_name, literal(value))
        for rule_id in entity.found_by:  # how a name no rule file lists was found here
            rule = iri(f"{KGRULE}{rule_id}")
            add(here, P.rule, rule)
            self._finding_rule(rule, rule_id)
        for mention in entity.mentions:
            add(here, P.denoted_by, self._mention(mention, here))
        if entity.mentions:
            add(self.article, P.mentions, here)

    # -- events -----------------------------------------------------------------------------
    def _event(self, event: Event) -> EventKey:
        article_graph = self.lines.graph
        if event.post:
            self.lines.graph = post_ref(event.doc, event.post)
        self._event_lines(event)
        self.lines.graph = article_graph
        return EventKey(
            id=event.id,
            type=event.type,
            doc=event.doc,
            order=event.trigger.span.begin,
            time=event.time,
            roles=tuple((role, tuple(sorted(ids))) for role, ids in sorted(event.roles.items())),
            asserted=event.factuality == ASSERTED,
        )

    def _event_lines(self, event: Event) -> None:
        here = event_ref(event.id)
        add = self.lines.add
        add(here, P.type, P.event)
        add(here, P.type, iri(f"{KGO}{event.type}"))
        for role, ids in event.roles.items():
            for entity_id in ids:
                target = entity_ref(entity_id)
                if role == "place":
                    add(here, P.has_place, target)
                    continue
                add(here, iri(f"{KGO}{role}"), target)
                add(here, P.has_place if role in PLACE_SUBROLES else P.has_actor, target)
        if event.time:
            add(here, P.time_stamp, time_term(event.time))
            if event.time.basis != WRITTEN:  # no date in the text: the publication month
                add(here, P.time_basis, literal(event.time.basis))
        source = post_ref(event.doc, event.post) if event.post else self.article
        add(here, P.derived_from, source)
        if not event.post:
            add(here, P.according_to, source)
        for who in event.according_to:
            if who.startswith("post:"):
                add(here, P.according_to, post_ref(event.doc, int(who[5:])))
            else:
                add(here, P.according_to, entity_ref(who))
        for mention in [event.mention, *event.extra_mentions]:
            add(here, P.denoted_by, self._mention(mention))
        trigger = self._mention(event.trigger)
        add(here, P.trigger, trigger)
        self._attribution(event, trigger, source)
        rule = iri(f"{KGRULE}{event.rule}")
        add(here, P.rule, rule)
        add(here, P.generated_by, self.run_iri)
        self._rule(rule, event.rule)
        if event.modality:
            add(here, P.modality, literal(event.modality))
        for relation, other in event.links:
            if relation == "motive":
                add(here, P.motive, event_ref(other))

    def _attribution(self, event: Event, mention: str, source: str) -> None:
        """GRaSP: the event's mention (its trigger words, as in NewsReader) is attributed,
        with its factuality values, to whoever says so (the speaker the text names, else
        the article or post)."""
        add = self.lines.add
        here = iri(f"{KGA}{event.id}")
        add(here, P.type, P.attribution)
        add(event_ref(event.id), P.factuality, literal(event.factuality))
        for value in GRASP_VALUES[event.factuality]:
            add(here, P.value, iri(f"{GRASPF}{value}"))
        speakers = [entity_ref(w) for w in event.according_to if not w.startswith("post:")]
        for who in speakers or [source]:
            add(here, P.attributed_to, who)
        add(mention, P.has_attribution, here)
        add(here, P.is_attribution_for, mention)

    def _rule(self, rule: str, rule_id: str) -> None:
        if rule_id in self.rules_seen:
            return
        self._plan(rule, rule_id, _relative_source(self.rules.pattern(rule_id).source))

    def _plan(self, rule: str, rule_id: str, source: str, comment: str | None = None) -> None:
        """A rule as a prov:Plan in the shared graph: its id, where it is written, what it does."""
        self.rules_seen.add(rule_id)
        shared = self.lines.add_shared
        shared(rule, P.type, P.plan)
        shared(rule, P.label, literal(rule_id))
        shared(rule, P.rule_source, literal(source))
        if comment:
            shared(rule, P.comment, literal(comment, lang="en"))

    def _finding_rule(self, rule: str, rule_id: str) -> None:
        if rule_id not in self.rules_seen:
            self._plan(rule, rule_id, FINDING_RULES_SOURCE, FINDING_RULES[rule_id])


class _EvidenceSpans:
    """The sentences and clauses that state events, to find those holding a name.

    A name's mention links to each with `nif:superString`: "which events is this name
    part of" then needs no comparison of offsets, which no store can index.
    """

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        self.spans = sorted(set(spans))
        self.begins = [begin for begin, _ in self.spans]
        self.longest = max((end - begin for begin, end in self.spans), default=0)

    def around(self, begin: int, end: int) -> list[tuple[int, int]]:
        """Spans that hold [begin, end) and are longer, in order."""
        found = []
        index = bisect_right(self.begins, begin) - 1
        while index >= 0 and self.begins[index] >= begin - self.longest:
            span = self.spans[index]
            if span[1] >= end and span != (begin, end):
                found.append(span)
            index -= 1
        return found[::-1]


def run_lines(rules: Rules, documents: list[str]) -> list[str]:
    """A PROV record without clock time, so identical input gives identical output."""
    here, g = run_ref(rules), P.shared
    prov_activity, used = iri(str(PROV.Activity)), iri(str(PROV.used))
    lines = [
        f"{here} {P.type} {prov_activity} {g} .\n",
        f"{here} {P.label} {literal(f'kg build {__version__}')} {g} .\n",
        f"{here} {iri(str(KGO.rulesHash))} {literal(rules.digest)} {g} .\n",
        f"{here} {iri(str(KGO.toolVersion))} {literal(__version__)} {g} .\n",
    ]
    lines += [f"{here} {used} {doc_ref(slug)} {g} .\n" for slug in documents]
    return lines


def _relative_source(source: str) -> str:
    """'…/kg/rules/patterns_nl.yaml:12' → 'patterns_nl.yaml:12': no machine paths in output."""
    return source.replace("\\", "/").rsplit("/", 1)[-1]


def _iso_time(value: str) -> TimeValue:
    precision = {4: "year", 7: "month", 10: "date"}[len(value)]
    return TimeValue(value, precision)
