"""Extraction of one document: passages → mentions, times, events → plain records.

A pure function of (document, rules): nothing global, nothing from the clock, so the
same input always gives the same records (and a cluster can run it anywhere).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy
from spacy.attrs import LEMMA, ORTH
from spacy.tokens import Doc

from kg.extract.compiled import CompiledRules, compile_rules
from kg.extract.events import DraftEvent, SentenceEvents, Trigger
from kg.extract.mentions import EntityMention, MentionFinder
from kg.extract.registry import EntityRegistry
from kg.extract.times import TimeContext, TimeFinder
from kg.language import analyse, guess_lemma, lemma_table
from kg.merge import times_compatible
from kg.records import Document, Entity, Event, Extraction, Mention, Post, Span, TimeValue
from kg.rules.model import PLACE_TYPES


@dataclass
class Passage:
    """A stretch of text read in one language: a paragraph, or a quoted post's words."""

    begin: int
    end: int
    lang: str
    post: Post | None


def passages(document: Document) -> list[Passage]:
    posts = {p.index: p for p in document.posts}
    out = []
    for paragraph in document.paragraphs:
        post = posts.get(paragraph.post) if paragraph.post else None
        span = post.text_span if post else paragraph.span
        if span.end > span.begin:
            out.append(Passage(span.begin, span.end, post.lang if post else document.lang, post))
    return out


def _normalise_lemmas(doc: Doc, overrides: dict[str, str], compiled: CompiledRules) -> None:
    """Look lemmas up, lowercase them and fix the table's misses ("stal" → "stelen",
    "onderdrukt").

    Worked out once per word form and kept with the compiled rules: a text's words mostly
    repeat, so most tokens cost a dictionary lookup on their hash.
    """
    known = compiled.lemma_of
    strings = doc.vocab.strings
    lemmas = []
    for orth in doc.to_array(ORTH).tolist():
        lemma = known.get(orth)
        if lemma is None:
            lemma = known[orth] = strings.add(_lemma(strings[orth], overrides, compiled))
        lemmas.append(lemma)
    doc.from_array([LEMMA], numpy.array(lemmas, dtype="uint64").reshape(-1, 1))


def _lemma(text: str, overrides: dict[str, str], compiled: CompiledRules) -> str:
    lower = text.lower()  # spaCy's LOWER
    lemma = overrides.get(lower) or lemma_table(compiled.lang).get(text, text).lower()
    if lemma == lower and lemma not in compiled.trigger_lemmas and text.isalpha():
        lemma = guess_lemma(lower, compiled.lang, compiled.trigger_lemmas) or lemma
    return lemma


def _phrases(compiled: CompiledRules, doc: Doc, matches) -> list[tuple[str, str, int, int]]:
    out = []
    for key_hash, start, end in matches:
        kind, value = compiled.label_of[doc.vocab.strings[key_hash]]
        out.append((kind, value, start, end))
    return out


def _triggers(compiled: CompiledRules, doc: Doc) -> list[Trigger]:
    out = []
    for key_hash, start, end, alignment in compiled.patterns(doc):
        pattern = compiled.pattern_by_key[doc.vocab.strings[key_hash]]
        fillers = compiled.fillers[pattern.id]
        tokens = [start + i for i, element in enumerate(alignment) if element not in fillers]
        if tokens:
            out.append(Trigger(pattern, start, end, tokens))
    return out


class DocumentExtractor:
    """Holds the per-document memory (entities named so far) while reading passages."""

    def __init__(self, document: Document, rules) -> None:
        self.document = document
        self.rules = rules
        self.registry = EntityRegistry(rules)
        post_dates = [p.date for p in document.posts if p.date]
        self.context = TimeContext.for_document(document.date, post_dates)
        self.events: list[Event] = []

    def mention(self, begin: int, end: int) -> Mention:
        text = self.document.text
        while end > begin and text[end - 1].isspace():
            end -= 1
        return Mention(self.document.slug, Span(begin, end), text[begin:end])

    def run(self) -> Extraction:
        for passage in passages(self.document):
            self._passage(passage)
        self._authors()
        return Extraction(self.document, self.registry.entities, _merge_coreferent(self.events))

    def _passage(self, passage: Passage) -> None:
        compiled = compile_rules(self.rules, passage.lang)
        lexicon = self.rules.lexicons[passage.lang]
        text = self.document.text[passage.begin : passage.end]
        doc = analyse(text, passage.lang)
        _normalise_lemmas(doc, lexicon.lemmas, compiled)

        def char(i: int) -> int:
            return passage.begin + (doc[i].idx if i < len(doc) else len(text))

        def emit(entity_id: str, start: int, end: int, kind: str) -> None:
            mention = self.mention(char(start), char(end - 1) + len(doc[end - 1]))
            self.registry.add_mention(entity_id, mention)
            if kind in {"name", "person"}:
                self.registry.add_form(entity_id, mention.text)

        phrase_matches = compiled.phrases(doc)
        mentions = MentionFinder(compiled, self.registry).find(doc, emit, phrase_matches)
        phrases = _phrases(compiled, doc, phrase_matches)
        context = self.context
        if passage.post and passage.post.date:
            context = TimeContext.for_document(passage.post.date, [])
        times = TimeFinder(lexicon, lambda d: [(k, s, e) for k, _, s, e in phrases]).find(
            doc, context
        )
        named = {i for m in mentions if m.kind == "name" for i in range(m.start, m.end)}
        # "Central Election Commission" names a body; its "Election" is no event
        triggers = [t for t in _triggers(compiled, doc) if t.first not in named]
        types = {eid: self.registry.entity(eid).type for eid in self.registry.entities}
        previous: DraftEvent | None = None
        captions: list[str] = []  # places named in a verbless line of a post
        drafted: list[DraftEvent] = []
        for sentence in doc.sents:
            s, e = sentence.start, sentence.end
            inside = [m for m in mentions if s <= m.cover_start and m.end <= e]
            types.update({m.entity: self.registry.entity(m.entity).type for m in inside})
            finder = SentenceEvents(compiled, doc, s, e, types)
            drafts, relations = finder.run(
                [t for t in triggers if s <= t.start and t.end <= e],
                inside,
                [p for p in phrases if s <= p[2] and p[3] <= e],
                [t for t in times if s <= t.start and t.end <= e],
            )
            for holder, prop, target in relations:
                self.registry.add_relation(holder, prop, target)
            named = [m for m in inside if m.kind == "name"]
            if (
                passage.post
                and drafted
                and not drafts
                and named
                and all(types[m.entity] in PLACE_TYPES for m in named)
            ):
                captions.extend(m.entity for m in named)
            drafted.extend(drafts)
            for draft in drafts:
                if draft.inherits_context and previous is not None:
                    if "place" not in draft.roles and previous.roles.get("place"):
                        draft.roles["place"] = list(previous.roles["place"])
                    draft.time = draft.time or previous.time
                self.events.append(self._record(draft, doc, passage, char, sentence))
            if drafts:
                previous = drafts[-1]
        # "… walking towards the Polish border. Bruzgi-Kuznica border crossing" (a caption)
        for draft in drafted:
            record = draft.record  # type: ignore[attr-defined]
            if captions and "place" not in record.roles:
                record.roles["place"] = list(dict.fromkeys(captions))
                record.roles = dict(sorted(record.roles.items()))

    def _record(self, draft: DraftEvent, doc: Doc, passage: Passage, char, sentence) -> Event:
        trigger_begin = char(draft.trigger.first)
        last = draft.trigger.tokens[-1]
        trigger = self.mention(trigger_begin, char(last) + len(doc[last]))
        evidence = self.mention(
            char(sentence.start), char(sentence.end - 1) + len(doc[sentence.end - 1])
        )
        event_id = f"{self.document.slug}-{trigger_begin}-{_kebab(draft.type)}"
        post = passage.post
        according_to = list(draft.according_to)
        time = draft.time
        if post is not None:
            according_to.append(f"post:{post.index}")
            if time is None and post.date:
                time = TimeValue(post.date, "date")
        event = Event(
            id=event_id,
            type=draft.type,
            rule=draft.rule,
            doc=self.document.slug,
            mention=evidence,
            trigger=trigger,
            roles={r: list(v) for r, v in sorted(draft.roles.items())},
            time=time,
            according_to=according_to,
            post=post.index if post else None,
            modality=draft.modality,
        )
        draft.record = event  # type: ignore[attr-defined]
        if draft.motive_of is not None and hasattr(draft.motive_of, "record"):
            draft.motive_of.record.links.append(("motive", event_id))
        return event

    def _authors(self) -> None:
        """Post authors are actors too: a person, or an organisation by its name's shape."""
        words_org = {w for lex in self.rules.lexicons.values() for w in lex.organisation_words}
        place_names = {
            alias.lower()
            for rule in self.rules.entities.values()
            if rule.type in {"country", "city", "place"}
            for alias in rule.aliases
        }
        for post in self.document.posts:
            words = post.author.split()
            is_org = any(
                w.lower() in words_org or w.lower() in place_names or w[:1].islower() for w in words
            )
            entity = self.registry.discovered(post.author, "organisation" if is_org else "person")
            self.registry.add_fact(entity.id, "handle", "@" + post.handle)
            begin = self.document.text.find(post.author, post.text_span.end, post.span.end)
            if begin >= 0:
                self.registry.add_mention(entity.id, self.mention(begin, begin + len(post.author)))


def _kebab(name: str) -> str:
    return "".join("-" + c.lower() if c.isupper() else c for c in name).lstrip("-")


def _compatible(a: Event, b: Event) -> bool:
    """Same event told twice in one source: same type, same agents, no clash of patients."""
    if a.type != b.type or a.post != b.post:
        return False
    if set(a.roles.get("agent", [])) != set(b.roles.get("agent", [])):
        return False
    if not times_compatible(a.time, b.time):
        return False
    for role in ("agent", "patient"):
        if a.roles.get(role) and b.roles.get(role) and not set(a.roles[role]) & set(b.roles[role]):
            return False
    participants_a = {e for v in a.roles.values() for e in v}
    participants_b = {e for v in b.roles.values() for e in v}
    if not participants_b:  # "The election was marred …": the one told before
        return a.time is not None or b.time is None
    return bool(participants_a & participants_b)


def _merge_coreferent(events: list[Event]) -> list[Event]:
    kept: list[Event] = []
    for event in events:
        target = next((k for k in kept if _compatible(k, event)), None)
        if target is None:
            kept.append(event)
            continue
        for role, ids in event.roles.items():
            values = target.roles.setdefault(role, [])
            values.extend(i for i in ids if i not in values)
        target.roles = dict(sorted(target.roles.items()))
        target.time = target.time or event.time
        target.extra_mentions.append(event.mention)
        target.according_to.extend(a for a in event.according_to if a not in target.according_to)
        target.links.extend(link for link in event.links if link not in target.links)
    return kept


def extract_document(document: Document, rules) -> Extraction:
    """Entities and events of one document, with the exact spans they came from."""
    return DocumentExtractor(document, rules).run()


__all__ = ["Entity", "EntityMention", "extract_document", "passages"]
