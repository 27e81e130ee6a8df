"""`kg explain`: every statement about an actor or event, with the words and rule behind it."""

from __future__ import annotations

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS

from kg.errors import KgError
from kg.rdf.vocab import GAF, KGE, KGO, KGR, NIF, PROV, SEM, bind_prefixes

_CONTEXT_CHARS = 60


def find_resources(graph: Graph, name: str) -> list[URIRef]:
    """Resources whose id, label or alias is `name` (case-insensitive), else contain it."""
    wanted = name.strip().casefold()
    local = name.strip().removeprefix("kgr:").removeprefix("kge:")
    for namespace in (KGR, KGE):
        iri = namespace[local]
        if (iri, None, None) in graph:
            return [iri]
    exact, partial = set(), set()
    for prop in (RDFS.label, SKOS.altLabel):
        for subject, label in graph.subject_objects(prop):
            if not isinstance(subject, URIRef) or not str(subject).startswith((str(KGR), str(KGE))):
                continue
            text = str(label).casefold()
            if text == wanted:
                exact.add(subject)
            elif wanted in text:
                partial.add(subject)
    return sorted(exact or partial)


def explain(graph: Graph, name: str) -> str:
    matches = find_resources(graph, name)
    if not matches:
        raise KgError(f"nothing in the graph is called {name!r}; try `kg query actors`")
    if len(matches) > 1:
        names = "\n".join(f"  {_short(graph, m)}  {_label(graph, m)}" for m in matches[:20])
        raise KgError(f"{name!r} matches {len(matches)} resources; name one of:\n{names}")
    return _explain(bind_prefixes(graph), matches[0])


def _short(graph: Graph, node) -> str:
    if isinstance(node, URIRef):
        return graph.namespace_manager.normalizeUri(node)
    return str(node)


def _label(graph: Graph, node, lang: str = "en") -> str:
    for label in graph.objects(node, RDFS.label):
        if isinstance(label, Literal) and label.language == lang:
            return str(label)
    return _short(graph, node)


def _in_context(graph: Graph, mention) -> str:
    anchor = str(graph.value(mention, NIF.anchorOf))
    context = graph.value(mention, NIF.referenceContext)
    text = str(graph.value(context, NIF.isString) or "")
    begin = int(graph.value(mention, NIF.beginIndex))
    end = int(graph.value(mention, NIF.endIndex))
    before = text[max(0, begin - _CONTEXT_CHARS) : begin].replace("\n", " ")
    after = text[end : end + _CONTEXT_CHARS].replace("\n", " ")
    doc = _short(graph, graph.value(context, NIF.sourceUrl))
    return f"{doc} [{begin}:{end}]  …{before}«{anchor}»{after}…"


def _rule_line(graph: Graph, event) -> str:
    rule = min(
        graph.objects(event, KGO.rule), key=str, default=None
    )  # one of several, always the same
    if rule is None:
        return ""
    return f"rule {graph.value(rule, RDFS.label)} ({graph.value(rule, KGO.ruleSource)})"


def _explain(graph: Graph, node: URIRef) -> str:
    lines = [f"{_label(graph, node)}  ({_short(graph, node)})", ""]
    lines.append("Statements:")
    for prop, value in sorted(
        graph.predicate_objects(node), key=lambda po: (str(po[0]), str(po[1]))
    ):
        if prop in (GAF.denotedBy, KGO.trigger):
            continue
        shown = _label(graph, value) if isinstance(value, URIRef) else str(value)
        lines.append(f"  {_short(graph, prop):<22} {shown}")
    lines += ["", "Evidence:"]
    for mention in sorted(graph.objects(node, GAF.denotedBy)):
        lines.append(f"  {_in_context(graph, mention)}")
    if (node, RDF.type, SEM.Event) in graph:
        lines.append(f"  {_rule_line(graph, node)}")
        for source in sorted(graph.objects(node, PROV.wasDerivedFrom)):
            lines.append(f"  source {_short(graph, source)}")
        return "\n".join(lines) + "\n"
    events = []
    for event in sorted(set(graph.subjects(None, node))):
        if (event, RDF.type, SEM.Event) not in graph:
            continue
        roles = set(graph.predicates(event, node)) - {SEM.hasActor}
        if len(roles) > 1:
            roles.discard(SEM.hasPlace)  # kgo:destination already says it
        events.extend((event, role) for role in sorted(roles))
    if events:
        lines += ["", "Events:"]
    for event, role in events:
        lines.append(f"  as {_short(graph, role)}: {_label(graph, event)}")
        for mention in sorted(graph.objects(event, GAF.denotedBy)):
            lines.append(f"      «{graph.value(mention, NIF.anchorOf)}»")
        lines.append(f"      {_rule_line(graph, event)}")
    return "\n".join(lines) + "\n"
