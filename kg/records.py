"""Plain records passed from extraction to RDF: no spaCy, no rdflib.

Offsets are Unicode code points into `Document.text`, so every record can be traced
back to the exact words it came from.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Span:
    """A half-open character range [begin, end) of a document's text."""

    begin: int
    end: int


@dataclass(frozen=True, slots=True)
class Post:
    """A social-media post quoted inline in an article."""

    index: int  # 1-based position among the document's posts
    span: Span  # the whole quoted block, text + link + attribution
    text_span: Span  # the post's own words
    author: str
    handle: str
    date: str | None  # ISO date
    url: str | None
    lang: str


@dataclass(frozen=True, slots=True)
class Paragraph:
    span: Span
    post: int | None = None  # index of the Post this paragraph is, if any


@dataclass(slots=True)
class Document:
    """One article as read from disk, with exact offsets."""

    path: str
    slug: str
    text: str
    lang: str
    date: str | None  # ISO: YYYY, YYYY-MM or YYYY-MM-DD
    title: str | None = None
    url: str | None = None
    body_start: int = 0
    paragraphs: list[Paragraph] = field(default_factory=list)
    posts: list[Post] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Mention:
    """Where an entity, event or time is stated: a span of one document."""

    doc: str  # document slug
    span: Span
    text: str  # equals Document.text[span.begin:span.end]


@dataclass(slots=True)
class Entity:
    """A real-world actor or place with its canonical id (the IRI's last part)."""

    id: str
    type: str  # person | organisation | government | country | city | place | group
    labels: dict[str, str]  # language -> label
    aliases: list[str] = field(default_factory=list)
    wikidata: str | None = None
    mentions: list[Mention] = field(default_factory=list)
    relations: list[tuple[str, str]] = field(default_factory=list)  # (property, entity id)
    facts: list[tuple[str, str]] = field(default_factory=list)  # (property, literal)
    # the rules that found an entity no rule file names (kg.extract.registry.FINDING_RULES)
    found_by: list[str] = field(default_factory=list)


# where a time comes from: the words of the text, or (the text writes no date) the month
# the article was published, for an event it reports as done
WRITTEN, PUBLICATION = "text", "publication"


@dataclass(frozen=True, slots=True)
class TimeValue:
    """A resolved time: ISO value, its precision (date, month or year) and its basis."""

    value: str
    precision: str  # "date" | "month" | "year"
    basis: str = WRITTEN  # WRITTEN | PUBLICATION


@dataclass(slots=True)
class Event:
    """Something that happened, with participants in roles and its evidence."""

    id: str
    type: str  # event type id, e.g. ImposeSanctions
    rule: str  # id of the pattern or trigger rule that produced it
    doc: str
    mention: Mention  # the sentence or clause stating it
    trigger: Mention
    roles: dict[str, list[str]] = field(default_factory=dict)  # role -> entity ids
    time: TimeValue | None = None
    according_to: list[str] = field(default_factory=list)  # entity ids or "post:N"
    post: int | None = None
    modality: str | None = None  # "attempt"
    factuality: str = "asserted"  # one of kg.rules.factuality.FACTUALITIES
    links: list[tuple[str, str]] = field(default_factory=list)  # (relation, event id)
    extra_mentions: list[Mention] = field(default_factory=list)


@dataclass(slots=True)
class Extraction:
    """Everything drawn from one document."""

    document: Document
    entities: dict[str, Entity]
    events: list[Event]


def written(time: TimeValue | None) -> TimeValue | None:
    """The time the text writes, not one taken from the publication date."""
    return time if time is not None and time.basis == WRITTEN else None


def times_compatible(a: TimeValue | None, b: TimeValue | None) -> bool:
    """Unknown fits anything; otherwise one must refine the other ("2021-05" ⊇ "2021-05-23").
    A publication month is no date of the text's own: it fits anything too."""
    a, b = written(a), written(b)
    return times_fit(a.value if a else None, b.value if b else None)


def finer_time(kept: TimeValue | None, other: TimeValue | None) -> TimeValue | None:
    """The time of two reports of one event: a written one over a publication month."""
    if kept is None or (kept.basis != WRITTEN and written(other) is not None):
        return other
    return kept


def times_fit(a: str | None, b: str | None) -> bool:
    """`times_compatible` on the values alone, as the merge pass keeps them."""
    return a is None or b is None or a.startswith(b) or b.startswith(a)
