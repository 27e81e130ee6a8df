"""Read the knowledge graph's RDF into small plain records the views are drawn from.

The views need a handful of facts per actor and event (labels, roles, time, evidence
sentence and its source); gathering them once here keeps the projection and the HTML
free of RDF lookups and lets the reader tolerate graphs that lack optional parts
(no ontology triples, no posts, unlabelled things).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, PROV, RDF, RDFS, SKOS
from rdflib.term import Node

from kg.rdf.vocab import GAF, KGO, KGRULE, NIF, SCHEMA, SEM, WD
from kg.rules.factuality import ASSERTED
from kg.rules.model import LANGS as RULE_LANGS

# the label languages in a fixed order (en, nl): fallbacks and ties never depend on a set
LANGS = tuple(sorted(RULE_LANGS))

# rdf:type → the type key used for colour, shape, legend and filters.
ENTITY_TYPES: dict[URIRef, str] = {
    SCHEMA.Person: "person",
    SCHEMA.GovernmentOrganization: "government",
    SCHEMA.Organization: "organisation",
    SCHEMA.Country: "country",
    SCHEMA.City: "place",
    SCHEMA.Place: "place",
    KGO.Group: "group",
}
# When a thing has several types, the most specific one wins.
_TYPE_ORDER = ("person", "government", "country", "group", "organisation", "place")

ROLE_ORDER = (
    "agent",
    "supporter",
    "patient",
    "recipient",
    "origin",
    "destination",
    "place",
    "participant",
)
# Entity-to-entity relations drawn as dashed "affiliation" edges in the actors view.
RELATIONS = (KGO.partOf, KGO.leaderOf, SCHEMA.nationality, KGO.countryOfOrigin)

MAX_EVIDENCE = 12  # per actor: enough to answer "where from?" without bloating big pages
_QID = re.compile(r"Q[1-9][0-9]*")
_SENTENCE_END = re.compile(r"[.!?](?=\s)|\n")


@dataclass(slots=True)
class Source:
    """An article or a quoted post, as the details panel names it."""

    iri: str
    kind: str  # "article" | "post"
    title: str | None = None
    author: str | None = None
    handle: str | None = None
    date: str | None = None
    lang: str | None = None
    url: str | None = None
    article: str | None = None  # a post's article IRI


@dataclass(slots=True)
class Evidence:
    """A sentence that states a fact, the marked words in it, and where it was said."""

    text: str
    mark: tuple[int, int] | None  # code-point offsets into `text`
    source: str | None  # IRI of a Source
    begin: int  # offsets into the document, for ordering
    end: int


@dataclass(slots=True)
class Actor:
    iri: str
    type: str
    labels: dict[str, str]
    aliases: list[str] = field(default_factory=list)
    wikidata: str | None = None
    relations: list[tuple[str, str]] = field(default_factory=list)  # (property, actor IRI)
    evidence: list[Evidence] = field(default_factory=list)
    evidence_total: int = 0
    rule: str | None = None
    role: str | None = None  # schema:jobTitle, e.g. "dictator"
    linked: bool = False  # has an affiliation (in or out) with another actor


@dataclass(slots=True)
class EventInfo:
    iri: str
    cls: str  # class local name, e.g. "ImposeSanctions"
    cls_labels: dict[str, str]
    cameo: str | None
    labels: dict[str, str]
    roles: list[tuple[str, str]]  # (role, actor IRI), in ROLE_ORDER
    time: str | None = None  # as written: 2021, 2021-11, 2021-11-08, or "a – b"
    span: tuple[str, str] | None = None  # (first day, last day) for range filters
    # "publication": the text wrote no date; the time is the month the article came out
    time_basis: str | None = None
    according_to: list[str] = field(default_factory=list)  # IRIs (actor or source)
    factuality: str = ASSERTED  # what the text says of it: only "asserted" is a fact
    rule: str | None = None
    evidence: list[Evidence] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)

    @property
    def root(self) -> str:
        """CAMEO root class: the code's first two digits ("163" → "16"); "--" if none."""
        code = self.cameo or ""
        return code[:2] if re.fullmatch(r"[0-9]{2,4}", code) and "01" <= code[:2] <= "20" else "--"


@dataclass(slots=True)
class VizModel:
    actors: dict[str, Actor]
    events: dict[str, EventInfo]
    sources: dict[str, Source]
    majority_lang: str
    hidden: int = 0  # events the texts do not assert, left out of this model


def _str(value: object) -> str:
    return str(value).strip()


def _local(iri: str) -> str:
    return re.split(r"[#/]", iri.rstrip("/#"))[-1] or iri


def _humanise(name: str) -> str:
    """CamelCase class or rule name → words, for graphs without ontology labels."""
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])", " ", name).replace("-", " ").lower()


def _value(graph: Graph, node: Node | None, prop: URIRef) -> Node | None:
    """The least of a property's values: `Graph.value` picks any one of several (a merged
    event has a time and a rule per report), which made the page differ run to run."""
    return min(graph.objects(node, prop), key=str, default=None)  # type: ignore[arg-type]


def _language(term: object) -> str:
    return (term.language or "") if isinstance(term, Literal) else ""


def _labels(graph: Graph, node: URIRef, prop: URIRef = RDFS.label) -> dict[str, str]:
    """Label per language; an untagged label fills any language still missing."""
    found: dict[str, str] = {}
    plain: list[str] = []
    # by text, then language: equal labels in two languages otherwise keep set order
    for value in sorted(graph.objects(node, prop), key=lambda v: (str(v), _language(v))):
        if not isinstance(value, Literal) or not _str(value):
            continue
        if value.language:
            found.setdefault(value.language.lower().split("-")[0], _str(value))
        else:
            plain.append(_str(value))
    for lang in LANGS:
        if lang not in found and plain:
            found[lang] = plain[0]
    return found


def day_span(value: str) -> tuple[str, str] | None:
    """First and last day an ISO date, month or year covers, as comparable strings."""
    m = re.match(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", value)
    if not m:
        return None
    year, month, day = m.groups()
    if day:
        return (f"{year}-{month}-{day}",) * 2
    if month:
        return f"{year}-{month}-01", f"{year}-{month}-31"
    return f"{year}-01-01", f"{year}-12-31"


class _Texts:
    """Document texts and sentence lookup for mentions."""

    def __init__(self, graph: Graph) -> None:
        self.graph = graph
        self.text: dict[URIRef, str] = {}
        self.doc_of: dict[URIRef, URIRef] = {}
        for ctx, text in graph.subject_objects(NIF.isString):
            self.text[ctx] = str(text)
            doc = _value(graph, ctx, NIF.sourceUrl)
            if isinstance(doc, URIRef):
                self.doc_of[ctx] = doc
        # Event mentions are sentences or clauses: the best evidence for an entity
        # mention inside one. Per context: sorted (begin, end) spans.
        self.sentences: dict[URIRef, list[tuple[int, int]]] = {}
        # Quoted posts located in their article's text: (begin, end, post IRI).
        self.post_spans: dict[URIRef, list[tuple[int, int, str]]] = {}

    def mention(self, m: URIRef) -> tuple[URIRef | None, int, int, str] | None:
        g = self.graph
        ctx = g.value(m, NIF.referenceContext)
        begin, end = g.value(m, NIF.beginIndex), g.value(m, NIF.endIndex)
        anchor = g.value(m, NIF.anchorOf)
        if begin is None or end is None:
            hit = re.search(r"#char=(\d+),(\d+)$", str(m))
            if not hit:
                return None
            begin, end = hit.groups()
        try:
            b, e = int(begin), int(end)
        except ValueError:
            return None
        if anchor is None and isinstance(ctx, URIRef) and ctx in self.text:
            anchor = self.text[ctx][b:e]
        if anchor is None:
            return None
        return (ctx if isinstance(ctx, URIRef) else None), b, e, str(anchor)

    def add_sentence(self, ctx: URIRef | None, b: int, e: int) -> None:
        if ctx is not None:
            self.sentences.setdefault(ctx, []).append((b, e))

    def sentence_around(self, ctx: URIRef | None, b: int, e: int, anchor: str) -> Evidence:
        """The event sentence holding [b, e), or else the text's sentence around it."""
        text = self.text.get(ctx) if ctx is not None else None
        if text is None:
            return Evidence(anchor, (0, len(anchor)), None, b, e)
        best: tuple[int, int] | None = None
        for sb, se in self.sentences.get(ctx, ()):
            if sb <= b and e <= se and (best is None or se - sb < best[1] - best[0]):
                best = (sb, se)
        if best is None:
            start = 0
            for hit in _SENTENCE_END.finditer(text, 0, b):
                start = hit.end()
            stop = _SENTENCE_END.search(text, e)
            best = (start, stop.end() if stop else len(text))
            # Very long "sentences" (lists, headers): keep a window around the words.
            if best[1] - best[0] > 400:
                best = (max(best[0], b - 180), min(best[1], e + 180))
        sb, se = best
        raw = text[sb:se]
        lead = len(raw) - len(raw.lstrip())
        sentence = raw.strip()
        return Evidence(sentence, (b - sb - lead, e - sb - lead), self.source_at(ctx, b, e), b, e)

    def source_at(self, ctx: URIRef, b: int, e: int) -> str | None:
        for pb, pe, post in self.post_spans.get(ctx, ()):
            if pb <= b and e <= pe:
                return post
        doc = self.doc_of.get(ctx)
        return str(doc) if doc is not None else None


def _sources(graph: Graph, texts: _Texts) -> dict[str, Source]:
    sources: dict[str, Source] = {}
    for doc in sorted(set(graph.subjects(RDF.type, SCHEMA.NewsArticle)), key=str):
        sources[str(doc)] = Source(
            iri=str(doc),
            kind="article",
            title=_first_text(graph, doc, SCHEMA.headline) or _first_text(graph, doc, SCHEMA.name),
            date=_first_text(graph, doc, SCHEMA.datePublished),
            lang=_first_text(graph, doc, SCHEMA.inLanguage),
            url=_http(_first_text(graph, doc, SCHEMA.url)),
        )
        if sources[str(doc)].title is None:
            sources[str(doc)].title = _local(str(doc))
    context_of = {doc: ctx for ctx, doc in texts.doc_of.items()}
    for post in sorted(set(graph.subjects(RDF.type, SCHEMA.SocialMediaPosting)), key=str):
        author = _value(graph, post, SCHEMA.author)
        article = _value(graph, post, SCHEMA.isPartOf)
        source = Source(
            iri=str(post),
            kind="post",
            author=_first_text(graph, author, SCHEMA.name) if author is not None else None,
            handle=_first_text(graph, author, SCHEMA.alternateName) if author is not None else None,
            date=_first_text(graph, post, SCHEMA.datePublished),
            lang=_first_text(graph, post, SCHEMA.inLanguage),
            url=_http(_first_text(graph, post, SCHEMA.url)),
            article=str(article) if article is not None else None,
        )
        sources[str(post)] = source
        # Where the post sits in its article: its own mention if it has one, else
        # wherever its text occurs.
        for m in graph.objects(post, GAF.denotedBy):
            found = texts.mention(m) if isinstance(m, URIRef) else None
            if found is not None and found[0] is not None:
                texts.post_spans.setdefault(found[0], []).append((found[1], found[2], str(post)))
                break
        else:
            post_text = _first_text(graph, post, SCHEMA.text)
            ctx = context_of.get(article) if isinstance(article, URIRef) else None
            begin = texts.text[ctx].find(post_text) if post_text and ctx is not None else -1
            if ctx is not None and post_text and begin >= 0:
                span = (begin, begin + len(post_text), str(post))
                texts.post_spans.setdefault(ctx, []).append(span)
    return sources


def _first_text(graph: Graph, node: object, prop: URIRef) -> str | None:
    """The least non-empty value as text (titles, names, dates of sources)."""
    values = sorted(_str(v) for v in graph.objects(node, prop) if _str(v))  # type: ignore[arg-type]
    return values[0] if values else None


def _http(url: str | None) -> str | None:
    """Only http(s) URLs become links; anything else (javascript:, data:) stays out."""
    return url if url and re.match(r"https?://[^\s<>\"']+$", url) else None


def _majority_lang(sources: dict[str, Source]) -> str:
    """Majority language of the articles; posts break a tie, then English."""
    articles = Counter(s.lang for s in sources.values() if s.kind == "article" and s.lang)
    posts = Counter(s.lang for s in sources.values() if s.kind == "post" and s.lang)
    ranked = sorted(LANGS, key=lambda lang: (-articles[lang], -posts[lang], LANGS.index(lang)))
    return ranked[0]


def _actor(graph: Graph, node: URIRef, kind: str) -> Actor:
    labels = _labels(graph, node) or _labels(graph, node, SCHEMA.name)
    if not labels:
        labels = {lang: _local(str(node)) for lang in LANGS}
    shown = set(labels.values())
    aliases = sorted({_str(a) for a in graph.objects(node, SKOS.altLabel)} - shown - {""})
    wikidata = None
    for same in sorted(graph.objects(node, OWL.sameAs), key=str):
        qid = str(same)[len(str(WD)) :] if str(same).startswith(str(WD)) else ""
        if _QID.fullmatch(qid):
            wikidata = str(same)
            break
    rule = _value(graph, node, KGO.rule)
    return Actor(
        iri=str(node),
        type=kind,
        labels=labels,
        aliases=aliases,
        wikidata=wikidata,
        rule=_rule_name(graph, rule) if rule is not None else None,
        role=_first_text(graph, node, SCHEMA.jobTitle),
    )


def _rule_name(graph: Graph, rule: object) -> str:
    """The rule's id, and the rule file and line it is written at when the graph says."""
    label = _value(graph, rule, RDFS.label)  # type: ignore[arg-type]
    text = str(rule)
    name = _str(label) if label is not None else text.removeprefix(str(KGRULE))
    where = _value(graph, rule, KGO.ruleSource)  # type: ignore[arg-type]
    return f"{name} ({_str(where)})" if where is not None else name


def _entity_type(graph: Graph, node: URIRef) -> str | None:
    kinds = {ENTITY_TYPES[t] for t in graph.objects(node, RDF.type) if t in ENTITY_TYPES}
    for kind in _TYPE_ORDER:
        if kind in kinds:
            return kind
    return None


def _role_properties(graph: Graph) -> tuple[dict[URIRef, str], set[URIRef]]:
    """Role property → role name, and the ones that name places.

    Known roles of the project ontology always count; sub-properties of sem:hasActor or
    sem:hasPlace declared in the data count too, so new roles show up without code.
    """
    roles = {KGO[r]: r for r in ROLE_ORDER if r != "participant"}
    places = {KGO.place, KGO.origin, KGO.destination}
    for prop in graph.subjects(RDFS.subPropertyOf, SEM.hasActor):
        if isinstance(prop, URIRef) and prop != SEM.hasActor:
            roles.setdefault(prop, _local(str(prop)))
    for prop in graph.subjects(RDFS.subPropertyOf, SEM.hasPlace):
        if isinstance(prop, URIRef) and prop != SEM.hasPlace:
            roles.setdefault(prop, _local(str(prop)))
            places.add(prop)
    roles[SEM.hasPlace] = "place"
    return roles, places


def read_model(graph: Graph, statements: str = ASSERTED) -> VizModel:
    """Gather actors, events, sources and evidence from a `kg build` graph.

    `statements` is "asserted" (the default: only what the texts state as fact) or "all"
    (also what they deny, ask, or leave possible; the page draws those dashed)."""
    texts = _Texts(graph)
    sources = _sources(graph, texts)
    role_props, _ = _role_properties(graph)

    actors: dict[str, Actor] = {}
    for node in sorted({s for t in ENTITY_TYPES for s in graph.subjects(RDF.type, t)}, key=str):
        if isinstance(node, URIRef):
            actors[str(node)] = _actor(graph, node, _entity_type(graph, node) or "other")

    events: dict[str, EventInfo] = {}
    hidden = 0  # events the texts do not assert, left out
    class_cache: dict[URIRef, tuple[str, dict[str, str], str | None]] = {}
    for node in sorted(set(graph.subjects(RDF.type, SEM.Event)), key=str):
        if not isinstance(node, URIRef):
            continue
        factuality = str(graph.value(node, KGO.factuality) or ASSERTED)
        if statements != "all" and factuality != ASSERTED:
            hidden += 1
            continue
        cls, cls_labels, cameo = _event_class(graph, node, class_cache)
        labels = _labels(graph, node)
        roles: list[tuple[str, str]] = []
        for prop, role in role_props.items():
            for obj in graph.objects(node, prop):
                if isinstance(obj, URIRef):
                    roles.append((role, str(obj)))
        named = {iri for _, iri in roles}
        for obj in graph.objects(node, SEM.hasActor):
            if isinstance(obj, URIRef) and str(obj) not in named:
                roles.append(("participant", str(obj)))
        roles = _order_roles(roles)
        for _, iri in roles:
            if iri not in actors:  # a participant without a type of ours: still drawn
                ref = URIRef(iri)
                actors[iri] = _actor(graph, ref, _entity_type(graph, ref) or "other")
        time, span = _event_time(graph, node)
        rule = _value(graph, node, KGO.rule)
        event = EventInfo(
            iri=str(node),
            cls=cls,
            cls_labels=cls_labels,
            cameo=cameo,
            labels=labels,
            roles=roles,
            time=time,
            span=span,
            time_basis=_str(basis) if (basis := _value(graph, node, KGO.timeBasis)) else None,
            according_to=sorted(str(a) for a in graph.objects(node, SEM.accordingTo)),
            factuality=factuality,
            rule=_rule_name(graph, rule) if rule is not None else None,
            sources=sorted(str(s) for s in graph.objects(node, PROV.wasDerivedFrom)),
        )
        for m in sorted(graph.objects(node, GAF.denotedBy), key=str):
            found = texts.mention(m) if isinstance(m, URIRef) else None
            if found is None:
                continue
            ctx, b, e, anchor = found
            texts.add_sentence(ctx, b, e)
            source = event.sources[0] if event.sources else None
            if source is None and ctx is not None:
                source = texts.source_at(ctx, b, e)
            event.evidence.append(Evidence(anchor.strip(), None, source, b, e))
        event.evidence.sort(key=lambda ev: (ev.begin, ev.end, ev.text))
        if not event.labels:
            event.labels = dict(cls_labels)
        events[event.iri] = event

    for spans in texts.sentences.values():
        spans.sort()
    for actor in actors.values():
        node = URIRef(actor.iri)
        for prop in RELATIONS:
            for obj in sorted(graph.objects(node, prop), key=str):
                if str(obj) in actors and str(obj) != actor.iri:
                    actor.relations.append((_local(str(prop)), str(obj)))
                    actor.linked = actors[str(obj)].linked = True
        seen: set[str] = set()
        found_all = []
        for m in graph.objects(node, GAF.denotedBy):
            found = texts.mention(m) if isinstance(m, URIRef) else None
            if found is not None:
                found_all.append(found)
        found_all.sort(key=lambda f: (str(f[0]), f[1], f[2]))
        for ctx, b, e, anchor in found_all:
            evidence = texts.sentence_around(ctx, b, e, anchor)
            if evidence.text in seen:
                continue
            seen.add(evidence.text)
            actor.evidence_total += 1
            if len(actor.evidence) < MAX_EVIDENCE:
                actor.evidence.append(evidence)

    return VizModel(actors, events, sources, _majority_lang(sources), hidden)


def _order_roles(roles: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Roles in a stable reading order; a place already named by a role is not repeated."""
    rank = {r: i for i, r in enumerate(ROLE_ORDER)}
    named = {iri for role, iri in roles if role != "place"}
    unique = {(role, iri) for role, iri in roles if role != "place" or iri not in named}
    return sorted(unique, key=lambda r: (rank.get(r[0], len(rank)), r[0], r[1]))


def _event_class(
    graph: Graph, node: URIRef, cache: dict[URIRef, tuple[str, dict[str, str], str | None]]
) -> tuple[str, dict[str, str], str | None]:
    """The event's own class (not sem:Event), its labels and CAMEO code."""
    candidates = sorted(
        (t for t in graph.objects(node, RDF.type) if isinstance(t, URIRef) and t != SEM.Event),
        key=lambda t: (not str(t).startswith(str(KGO)), str(t)),
    )
    notation = _value(graph, node, SKOS.notation)
    if not candidates:
        return "Event", {lang: "event" for lang in LANGS}, _str(notation) if notation else None
    cls = candidates[0]
    if cls not in cache:
        labels = _labels(graph, cls)
        name = _local(str(cls))
        for lang in LANGS:
            labels.setdefault(lang, _humanise(name))
        code = _value(graph, cls, SKOS.notation)
        cache[cls] = (name, labels, _str(code) if code is not None else None)
    name, labels, code = cache[cls]
    if notation is not None:
        code = _str(notation)
    return name, labels, code


def _event_time(graph: Graph, node: URIRef) -> tuple[str | None, tuple[str, str] | None]:
    stamp = _value(graph, node, SEM.hasTimeStamp)
    if stamp is not None:
        value = _str(stamp)
        return value, day_span(value)
    begin = _value(graph, node, SEM.hasBeginTimeStamp) or _value(
        graph, node, SEM.hasEarliestBeginTimeStamp
    )
    end = _value(graph, node, SEM.hasEndTimeStamp) or _value(graph, node, SEM.hasLatestEndTimeStamp)
    if begin is None and end is None:
        return None, None
    b = day_span(_str(begin)) if begin is not None else None
    e = day_span(_str(end)) if end is not None else None
    text = f"{_str(begin) if begin is not None else '…'} – {_str(end) if end is not None else '…'}"
    first = b[0] if b else "0000-01-01"
    last = e[1] if e else "9999-12-31"
    return text, (first, last)
