"""Extraction of one document: passages → mentions, times, events → plain records.

A pure function of (document, rules): nothing global, nothing from the clock, so the
same input always gives the same records (and a cluster can run it anywhere).
"""

from __future__ import annotations

import os
import re
import time
from bisect import insort
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from heapq import merge

import numpy
from spacy.attrs import LEMMA, ORTH
from spacy.tokens import Doc
from spacy.tokens import Span as TokenSpan

from kg.errors import ExtractionError
from kg.extract.compiled import CompiledRules, compile_rules
from kg.extract.events import DraftEvent, SentenceEvents, Trigger
from kg.extract.language import analyse, dutch_infinitives, guess_lemma, lemma_table
from kg.extract.mentions import EntityMention, MentionFinder
from kg.extract.registry import EntityRegistry
from kg.extract.times import TimeContext, TimeFinder
from kg.records import (
    PUBLICATION,
    Document,
    Entity,
    Event,
    Extraction,
    Mention,
    Post,
    Span,
    TimeValue,
    finer_time,
    times_compatible,
    written,
)
from kg.rules.factuality import ASSERTED
from kg.rules.model import BEFORE_REPORT, PLACE_TYPES, PRESENT
from kg.terminal import one_line


@dataclass
class Passage:
    """A stretch of text read in one language: a paragraph, or a quoted post's words."""

    begin: int
    end: int
    lang: str
    post: Post | None


# spaCy refuses a text over nlp.max_length (1,000,000 characters) and its cost per
# passage grows with the passage: a longer passage is read as pieces of at most this
# many characters, cut at a line break or a sentence end where there is one.
PIECE_CHARS = 100_000
_SENTENCE_END = re.compile(r"[.!?][\"'”’»)\]]*\s")


# A line break inside a sentence of hard-wrapped text ("president Roch\nKaboré"): the line
# before it is long and does not end a sentence or a heading. After a bracket, a quote or a
# number ("Rapid Support Forces (RSF)\nde macht") the next line must go on in lowercase.
_SOFT_WRAP = re.compile(r"(?<=[^\W\d_,;]|[,;])\n(?=\S)|(?<=[)\]»”’\"\d])\n(?=[a-zà-ÿ])")
_WRAPPED_LINE_CHARS = 40


# A footnote number glued to a word or a question mark ("het Lid Ceder2 over", "leger?1"):
# after three lowercase letters or a sentence mark, so G20, MH17 and COVID-19 stay, and
# not after a number's point ("7.4 billion", "$1.50": decimals)
_FOOTNOTE = re.compile(r"(?:(?<=[^\W\d_]{2}[a-zà-ÿ])|(?<=[^\d\s][?!.]))\d{1,2}(?=[\s.,;:?!)]|$)")


_DIGIT = re.compile(r"\d")  # where a footnote number can start


# A news agency's dateline opening a paragraph: "LA PAZ (ANP/AFP) - ", "CONAKRY, Guinea
# (AP) — ", "WASHINGTON/JERUZALEM (ANP/RTR) - ", "Kyiv (Reuters) - ". It says where and by
# whom the report was filed ("(Reuters) -" alone too); the city and the agency are no part
# of the story it tells.
_CAPS_WORD = r"[A-ZÀ-Þ][A-ZÀ-Þ'’.-]+"
_AGENCIES = r"\([A-Za-z][A-Za-z.]*(?:/[A-Za-z][A-Za-z.]*)*\)"
_DATELINE = re.compile(
    rf"\s*(?:{_CAPS_WORD}(?:[ /]{_CAPS_WORD})*(?:,[ \w.'’-]{{1,40}}?)?(?: ?{_AGENCIES})?"
    rf"|[A-Z][\w'’.-]+(?: [A-Z][\w'’.-]+){{0,2}}(?:,[ \w.'’-]{{1,40}}?)? {_AGENCIES}"
    rf"|{_AGENCIES})"  # "(Reuters) -", "(CNN) —": the agency alone
    r" [-–—] ?"  # a space before the dash: "NAVO-landen", "EU- en NAVO-landen" are words
)


def _spans_at(pattern: re.Pattern[str], text: str, starts: Iterable[int]) -> list[tuple[int, int]]:
    """The spans of `pattern.finditer(text)`, for a pattern whose matches can only begin
    at `starts` (ascending): tried there alone. Both patterns above open with lookbehinds,
    which finditer tries at every character: 0.4 s of the 1000-article bench, 0.03 s so."""
    spans: list[tuple[int, int]] = []
    after = 0  # matches do not overlap: the next one is looked for after the last one
    for start in starts:
        if start >= after and (match := pattern.match(text, start)):
            spans.append(match.span())
            after = match.end()
    return spans


def _line_ends(text: str) -> Iterator[int]:
    at = text.find("\n")
    while at >= 0:
        yield at
        at = text.find("\n", at + 1)


def reading_text(text: str) -> str:
    """The text as the rules read it, the same length so that every offset stays: the line
    breaks of hard wrapping are spaces (a short line, "Vraag 1", or one that ends a sentence
    keeps its break), glued footnote numbers and a dateline are blanks."""
    blanks = _spans_at(_FOOTNOTE, text, (m.start() for m in _DIGIT.finditer(text)))
    if dateline := _DATELINE.match(text):
        blanks.append(dateline.span())
    blanks += [
        (start, end)
        for start, end in _spans_at(_SOFT_WRAP, text, _line_ends(text))
        if start - (text.rfind("\n", 0, start) + 1) >= _WRAPPED_LINE_CHARS
    ]
    if not blanks:
        return text
    out = list(text)
    for start, end in blanks:
        out[start:end] = " " * (end - start)
    return "".join(out)


def passages(document: Document, limit: int = PIECE_CHARS) -> list[Passage]:
    posts = {p.index: p for p in document.posts}
    out = []
    for paragraph in document.paragraphs:
        post = posts.get(paragraph.post) if paragraph.post else None
        span = post.text_span if post else paragraph.span
        lang = post.lang if post else document.lang
        for begin, end in _pieces(document.text, span.begin, span.end, limit):
            out.append(Passage(begin, end, lang, post))
    return out


def _pieces(text: str, begin: int, end: int, limit: int) -> Iterator[tuple[int, int]]:
    """[begin, end) cut into pieces of at most `limit` characters, exact offsets kept.

    A piece ends at the last line break in its second half, else after the last
    sentence end there, else at the last space, else (no space at all) at the limit.
    """
    while end - begin > limit:
        low, high = begin + limit // 2, begin + limit
        cut = text.rfind("\n", low, high) + 1
        if not cut:
            ends = list(_SENTENCE_END.finditer(text, low, high))
            cut = ends[-1].end() if ends else 0
        if not cut:
            cut = text.rfind(" ", low, high) + 1 or high
        yield begin, cut
        begin = cut
    if end > begin:
        yield begin, end


def normalise_lemmas(doc: Doc, overrides: dict[str, str], compiled: CompiledRules) -> None:
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


DEFAULT_SECONDS = 60.0  # the time budget of one document, unless KG_DOCUMENT_SECONDS says
DOCUMENT_SECONDS_VARIABLE = "KG_DOCUMENT_SECONDS"  # kg build --document-seconds sets it


@cache
def _place_names(rules) -> frozenset[str]:
    """Every alias of a country, city or place, lowercased: once per rule set, not per
    document (the gazetteer has about a thousand places)."""
    return frozenset(
        alias.lower()
        for rule in rules.entities.values()
        if rule.type in {"country", "city", "place"}
        for alias in rule.aliases
    )


def default_seconds() -> float | None:
    """The budget from KG_DOCUMENT_SECONDS (0: none), else DEFAULT_SECONDS.

    Read from the environment so that worker processes and cluster tasks get it too.
    """
    value = os.environ.get(DOCUMENT_SECONDS_VARIABLE, "").strip()
    try:
        seconds = float(value) if value else DEFAULT_SECONDS
    except ValueError:
        seconds = DEFAULT_SECONDS
    return seconds if seconds > 0 else None


class Deadline:
    """A document's time budget, checked between passages and sentences.

    Extraction is otherwise a pure function of its input; the clock only decides whether
    a pathological document is given up (and then it yields nothing, not a partial result).
    """

    def __init__(self, seconds: float | None, path: str) -> None:
        self.seconds = seconds
        self.path = path
        self.end: float | None = None

    def start(self) -> None:
        """Start counting (after the one-time loading of pipelines and rules)."""
        if self.seconds is not None:
            self.end = time.thread_time() + self.seconds

    def check(self) -> None:
        if self.end is not None and time.thread_time() > self.end:
            raise ExtractionError(
                f"{one_line(self.path)}: extraction took over {self.seconds:g} s of CPU time "
                "(the time budget of one document: kg build --document-seconds)"
            )


class DocumentExtractor:
    """Holds the per-document memory (entities named so far) while reading passages."""

    def __init__(self, document: Document, rules, seconds: float | None = None) -> None:
        self.document = document
        self.deadline = Deadline(seconds, document.path)
        self.rules = rules
        self.registry = EntityRegistry(rules)
        post_dates = [p.date for p in document.posts if p.date]
        self.context = TimeContext.for_document(document.date, post_dates)
        self.last_time: TimeValue | None = None  # the last date the paragraph wrote
        self._published = _publication_month(document.date)
        # whom "ik", "wij" stand for: set by a byline "Antwoord van minister …" (or a title
        # "Brief van de minister …"), for the rest of the document
        self.answering: str | None = self._answering(
            document.title or "", document.lang
        ) or self._answered_questions(document)
        self.events: list[Event] = []

    def mention(self, begin: int, end: int) -> Mention:
        text = self.document.text
        while end > begin and text[end - 1].isspace():
            end -= 1
        return Mention(self.document.slug, Span(begin, end), text[begin:end])

    def run(self) -> Extraction:
        todo = passages(self.document)
        for lang in dict.fromkeys(passage.lang for passage in todo):
            compile_rules(self.rules, lang)  # loaded once per process: not the document's cost
        self.registry.topic_country = self._title_country()
        self.deadline.start()
        for passage in todo:
            self.deadline.check()
            self._passage(passage)
        self._authors()
        return Extraction(self.document, self.registry.entities, _merge_coreferent(self.events))

    def _title_country(self) -> str | None:
        """The first country the document's title names ("2023 Nigerien coup d'état"): the
        country the text is about when no country dominates its mentions."""
        title, lang = self.document.title, self.document.lang
        if not title or lang not in self.rules.lexicons:
            return None
        compiled = compile_rules(self.rules, lang)
        doc = analyse(title, lang)
        for key, _, _ in sorted(compiled.names(doc), key=lambda m: (m[1], -m[2])):
            kind, value = compiled.label_of[doc.vocab.strings[key]]
            if kind in {"name", "adjective"} and self.rules.entities[value].type == "country":
                return value
        return None

    def _bylines(self, doc: Doc, text: str, lang: str) -> set[int]:
        """The tokens of lines that say who wrote or answers the text ("Antwoord van …"):
        the people named there are the paper's authors, not actors of its story."""
        bylines = tuple(phrase + " " for phrase in self.rules.lexicons[lang].bylines)
        spans = []
        start = 0
        for line in text.split("\n"):
            if line.lstrip().lower().startswith(bylines):
                spans.append((start, start + len(line)))
            start += len(line) + 1
        if not spans:
            return set()
        return {t.i for t in doc if any(b <= t.idx < e for b, e in spans)}

    def _answering(self, text: str, lang: str | None) -> str | None:
        lexicon = self.rules.lexicons.get(lang or "")
        if lexicon is None or not lexicon.answering_bylines:
            return None
        for line in text.split("\n"):
            line = line.strip().lower()
            for phrase, entity in lexicon.answering_bylines.items():
                if line.startswith(phrase + " "):
                    return entity
        return None

    def _answered_questions(self, document: Document) -> str | None:
        """Numbered questions with their answers and no byline ("Vraag 1" …): in Dutch
        parliamentary questions the answers' "ik" and "wij" are the government's."""
        lexicon = self.rules.lexicons.get(document.lang or "")
        if lexicon is None or not lexicon.answering_headings:
            return None
        for line in document.text.split("\n"):
            words = line.strip().lower().split()
            if len(words) == 2 and words[1].isdigit() and words[0] in lexicon.answering_headings:
                return lexicon.answering_headings[words[0]]
        return None

    def _passage(self, passage: Passage) -> None:
        compiled = compile_rules(self.rules, passage.lang)
        lexicon = self.rules.lexicons[passage.lang]
        text = self.document.text[passage.begin : passage.end]
        doc = analyse(text if passage.post else reading_text(text), passage.lang)
        normalise_lemmas(doc, lexicon.lemmas, compiled)

        def char(i: int) -> int:
            return passage.begin + (doc[i].idx if i < len(doc) else len(text))

        def emit(entity_id: str, start: int, end: int, kind: str) -> None:
            mention = self.mention(char(start), char(end - 1) + len(doc[end - 1]))
            self.registry.add_mention(entity_id, mention)
            if kind in {"name", "person"}:
                self.registry.add_form(entity_id, mention.text)

        phrase_matches = compiled.phrases(doc)
        authors = self._bylines(doc, text, passage.lang)
        if authors:
            self.answering = self._answering(text, passage.lang) or self.answering
        mention_finder = MentionFinder(
            compiled, self.registry, no_people=authors, speaker=self.answering
        )
        mentions = mention_finder.find(doc, emit, phrase_matches)
        phrases = _phrases(compiled, doc, phrase_matches)
        context = self.context
        if passage.post and passage.post.date:
            context = TimeContext.for_document(passage.post.date, [])
        times = TimeFinder(lexicon, lambda d: phrases).find(doc, context)
        named = {i for m in mentions if m.kind == "name" for i in range(m.start, m.end)}
        # "Central Election Commission" names a body; its "Election" is no event; "In March
        # 2022" names a month, no protest march
        named.update(i for t in times for i in range(t.start, t.end))
        triggers = [t for t in _triggers(compiled, doc) if t.first not in named]
        types = _EntityTypes(self.registry)
        self.last_time = None  # a paragraph's dates do not reach into the next one
        previous: DraftEvent | None = None
        captions: list[str] = []  # places named in a verbless line of a post
        drafted: list[DraftEvent] = []
        sentences = list(doc.sents)
        # each sentence's share of the passage's finds, sorted out in one pass over them
        # (a filter of all of them per sentence was quadratic in a long paragraph)
        sentence_of = _sentence_index(sentences, len(doc))
        by_sentence = zip(
            _per_sentence(mentions, sentences, sentence_of, lambda m: (m.cover_start, m.end)),
            _per_sentence(triggers, sentences, sentence_of, lambda t: (t.start, t.end)),
            _per_sentence(phrases, sentences, sentence_of, lambda p: (p[2], p[3])),
            _per_sentence(times, sentences, sentence_of, lambda t: (t.start, t.end)),
            strict=True,
        )
        for sentence, (inside, sentence_triggers, sentence_phrases, sentence_times) in zip(
            sentences, by_sentence, strict=True
        ):
            self.deadline.check()
            s, e = sentence.start, sentence.end
            for m in inside:
                self.registry.entity(m.entity)  # a record for every entity named here
            finder = SentenceEvents(compiled, doc, s, e, types)
            drafts, relations = finder.run(
                sentence_triggers, inside, sentence_phrases, sentence_times
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
            for draft in drafts:
                # a paragraph tells one episode: an undated event takes the last date
                # written before it ("On 23 May … . The aircraft was forced to land")
                if draft.time is None and draft.factuality == ASSERTED and not passage.post:
                    draft.time = self.last_time
                if draft.factuality == ASSERTED and self._after_the_text(draft.time, passage):
                    earlier = _told_in_the_past(draft, doc, sentence_times, lexicon)
                    if earlier is not None:
                        draft.time = earlier  # "On 3 May Putin threatened …" in a 1 May text
                    else:
                        draft.factuality = "future"  # "next month", "on 1 May" in an April text
            if sentence_times and not passage.post:
                self.last_time = sentence_times[-1].value
            drafted.extend(drafts)
            for draft in drafts:
                if draft.crowd_word is not None:  # "mensen": the words behind the crowd
                    at = char(draft.crowd_word)
                    crowd = self.rules.event_types[draft.type].crowd
                    word = self.mention(at, at + len(doc[draft.crowd_word]))
                    self.registry.add_mention(crowd, word)
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

    def _after_the_text(self, time: TimeValue | None, passage: Passage) -> bool:
        """Does the time start after the day the text (or its post) was written? What has
        not happened yet is not told as a fact, whatever the tense."""
        written = passage.post.date if passage.post and passage.post.date else self.document.date
        if time is None or not written or len(written) != 10:
            return False
        earliest = time.value + "-01" * ((10 - len(time.value)) // 3)
        return len(earliest) == 10 and earliest > written

    def _of_the_report(self, draft: DraftEvent) -> bool:
        """Does an undated event happen in the days the article reports? So it does unless
        the report places it before them: the past perfect ("had taken"), a span ("since
        2012") or a relative day it could not resolve. Annotators of news date such events
        to the report; the month carries kgo:timeBasis "publication" to tell it apart."""
        return draft.report_time != BEFORE_REPORT

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
        elif time is None and draft.factuality == ASSERTED and self._of_the_report(draft):
            time = self._published
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
            factuality=draft.factuality,
        )
        draft.record = event  # type: ignore[attr-defined]
        if draft.motive_of is not None and hasattr(draft.motive_of, "record"):
            draft.motive_of.record.links.append(("motive", event_id))
        return event

    def _authors(self) -> None:
        """Post authors are actors too: a person, or an organisation by its name's shape."""
        words_org = {w for lex in self.rules.lexicons.values() for w in lex.organisation_words}
        place_names = _place_names(self.rules)
        for post in self.document.posts:
            words = post.author.split()
            is_org = any(
                w.lower() in words_org or w.lower() in place_names or w[:1].islower() for w in words
            )
            kind = "organisation" if is_org else "person"
            entity = self.registry.discovered(post.author, kind, "name.post-author")
            self.registry.add_fact(entity.id, "handle", "@" + post.handle)
            begin = self.document.text.find(post.author, post.text_span.end, post.span.end)
            if begin >= 0:
                self.registry.add_mention(entity.id, self.mention(begin, begin + len(post.author)))


class _EntityTypes(Mapping[str, str]):
    """Entity id -> type, read from the registry when asked (entities never change type):
    a copy of every entity's type per passage cost as much as the document had actors."""

    def __init__(self, registry: EntityRegistry) -> None:
        self.registry = registry

    def __getitem__(self, entity_id: str) -> str:
        known = self.registry.entities.get(entity_id)
        if known is None:  # a type's crowd ("protesters"), not named in this text yet
            return self.registry.rules.entities[entity_id].type
        return known.type

    def __iter__(self) -> Iterator[str]:
        return iter(self.registry.entities)

    def __len__(self) -> int:
        return len(self.registry.entities)

    def country_of_region(self, entity_id: str) -> str | None:
        """The country a compass part ("eastern Ukraine") belongs to."""
        return self.registry.country_of_region.get(entity_id)

    def whole_of(self, entity_id: str) -> str | None:
        """The body whose members an entity is: they act, it acts."""
        return self.registry.whole_of.get(entity_id)


def _sentence_index(sentences: list[TokenSpan], tokens: int) -> list[int]:
    """The index of the sentence each token is in."""
    index = [0] * tokens
    for number, sentence in enumerate(sentences):
        index[sentence.start : sentence.end] = [number] * (sentence.end - sentence.start)
    return index


def _per_sentence(
    items: list, sentences: list[TokenSpan], sentence_of: list[int], bounds
) -> list[list]:
    """`items` split by the sentence that holds each whole (`bounds`: its token range);
    an item that crosses a sentence end belongs to none, as events stay in a sentence."""
    groups: list[list] = [[] for _ in sentences]
    for item in items:
        start, end = bounds(item)
        if 0 <= start < len(sentence_of):
            number = sentence_of[start]
            if end <= sentences[number].end:
                groups[number].append(item)
    return groups


def _publication_month(date: str | None) -> TimeValue | None:
    """The time of an event a dated article reports as done without a date of its own:
    the month it was published in (a report tells what happened lately), marked as such
    so a date written elsewhere wins over it."""
    if date and len(date) >= 7 and date[:4].isdigit():
        return TimeValue(date[:7], "month", PUBLICATION)
    if date and len(date) == 4 and date.isdigit():
        return TimeValue(date, "year", PUBLICATION)
    return None


def _kebab(name: str) -> str:
    return "".join("-" + c.lower() if c.isupper() else c for c in name).lstrip("-")


def events_compatible(a: Event, b: Event) -> bool:
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
        return written(a.time) is not None or written(b.time) is None
    return bool(participants_a & participants_b)


def _merge_coreferent(events: list[Event]) -> list[Event]:
    """Each event merged into the first kept one it is compatible with (`events_compatible`).

    Only events of one type, post and agent set can be compatible, and a dated one only
    with an undated one or one of its year: the candidates are looked up in those
    buckets, in the order they were kept, so the cost stays linear in a document that
    reports thousands of events (a scan of every kept event was quadratic).
    """
    kept: list[Event] = []
    buckets: dict[tuple, dict[str | None, list[tuple[int, Event]]]] = {}
    last: dict[tuple, tuple[int, Event]] = {}  # the last kept event of each kind
    for event in events:
        kind = (event.type, event.post, event.factuality)
        bucket = buckets.setdefault(_bucket_key(event), {})
        found = _told_before(last.get(kind), event) or _first_compatible(bucket, event)
        if found is None:
            bucket.setdefault(_year(event.time), []).append((len(kept), event))
            last[kind] = (len(kept), event)
            kept.append(event)
            continue
        index, target = found
        bucket = buckets[_bucket_key(target)]
        undated = _year(target.time)
        for role, ids in event.roles.items():
            values = target.roles.setdefault(role, [])
            values.extend(i for i in ids if i not in values)
        target.roles = dict(sorted(target.roles.items()))
        target.time = finer_time(target.time, event.time)
        target.extra_mentions.append(event.mention)
        target.according_to.extend(a for a in event.according_to if a not in target.according_to)
        target.links.extend(link for link in event.links if link not in target.links)
        if _year(target.time) != undated:  # dated now: it moves to its year's bucket
            bucket[undated].remove((index, target))
            insort(bucket.setdefault(_year(target.time), []), (index, target), key=_first)
    return kept


def _told_before(last: tuple[int, Event] | None, event: Event) -> tuple[int, Event] | None:
    """An event named without doer ("The coup was condemned", "the 2024 election was
    held", "after the invasion of Ukraine") is the last one of its kind told before it, when
    it names no other target and their times fit."""
    if last is None or event.roles.get("agent"):
        return None
    if not set(event.roles.get("patient", ())) <= set(last[1].roles.get("patient", ())):
        return None
    return last if times_compatible(last[1].time, event.time) else None


def _bucket_key(event: Event) -> tuple:
    """What two compatible events share exactly (merging never changes a kept one's agents)."""
    return event.type, event.post, event.factuality, frozenset(event.roles.get("agent", ()))


def _year(time: TimeValue | None) -> str | None:
    """The bucket of a time: its year, or None for no time (or one too short to have one)."""
    time = written(time)
    return time.value[:4] if time is not None and len(time.value) >= 4 else None


def _first(item: tuple[int, Event]) -> int:
    return item[0]


def _first_compatible(
    bucket: dict[str | None, list[tuple[int, Event]]], event: Event
) -> tuple[int, Event] | None:
    year = _year(event.time)
    if year is None:  # an undated event may join any of them
        candidates = list(bucket.values())
    else:  # dated ones fit the undated and those of their own year only
        candidates = [bucket.get(None, []), bucket.get(year, [])]
    merged = merge(*candidates, key=_first)
    return next((item for item in merged if events_compatible(item[1], event)), None)


def extract_document(document: Document, rules, seconds: float | None = None) -> Extraction:
    """Entities and events of one document, with the exact spans they came from.

    `seconds` is the document's time budget (default: `default_seconds`; 0 or less: no
    limit); over it, ExtractionError names the file.
    """
    budget = default_seconds() if seconds is None else seconds if seconds > 0 else None
    return DocumentExtractor(document, rules, budget).run()


__all__ = ["Entity", "EntityMention", "extract_document", "passages"]


def _told_in_the_past(draft: DraftEvent, doc: Doc, times, lexicon) -> TimeValue | None:
    """The year before for a day written without a year that falls just after the text,
    when the verb tells it in the past: past tense looks back ("On 3 May Putin threatened
    Ukraine" in a text of 1 May is last year's 3 May), a present or future one ahead."""
    time = draft.time
    mention = next((t for t in times if t.value == time), None)
    if time is None or mention is None or time.precision != "date":
        return None
    words = doc[mention.start : mention.end]
    if any(t.text.isdigit() and len(t.text) == 4 for t in words):
        return None  # the year is written
    start, end = draft.sentence
    verbs = [doc[i] for i in draft.trigger.tokens]
    past = {w for w, tense in lexicon.tense_auxiliaries.items() if tense != PRESENT}
    past.update(lexicon.perfect_have, lexicon.passive_be)  # "heeft bedreigd", "is gevlucht"
    perfect = any(doc[i].lower_ in past for i in range(start, end))
    if not (perfect or any(_past_tense(t) for t in verbs)):
        return None
    year, rest = time.value.split("-", 1)
    return TimeValue(f"{int(year) - 1:04d}-{rest}", time.precision, time.basis)


def _past_tense(token) -> bool:
    """A verb form that is not its lemma, a present (-s; a Dutch stem with -t) or a
    participle in -ing: "threatened", "fled", "bedreigde", "bezocht", "vielen"."""
    word, lemma = token.lower_, token.lemma_.lower()
    if not token.is_alpha or not lemma or word == lemma or word.endswith("ing"):
        return False
    if word.endswith("t") and lemma in dutch_infinitives(word[:-1]):
        return False  # "bedreigt", "valt"
    return not (word.endswith("s") and not word.endswith("ss"))
