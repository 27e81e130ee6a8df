"""Events in one sentence: triggers from the patterns, roles from cues, voice and position.

Without a parser, roles come from cheap signals that hold in Dutch and English news:
a cue word before a name ("door", "met steun van", "naar", "by", "towards"), the voice of
the clause (a passive auxiliary or an agent cue turns the subject into the patient), the
position of a name relative to the trigger, and the entity types an event type accepts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import pairwise

from spacy.tokens import Doc

from kg.extract.compiled import CompiledRules
from kg.extract.language import token_values, word_ids
from kg.extract.mentions import EntityMention
from kg.extract.times import TimeMention
from kg.records import TimeValue
from kg.rules.cameo import quad_class
from kg.rules.factuality import ASSERTED, MODALITY_FACTUALITY, weakest
from kg.rules.model import BEFORE_REPORT, PAST, PLACE_TYPES, PRESENT, EventTypeRule, PatternRule
from kg.rules.roles import PLACE_ROLES

# phrases that date an event from another day ("the next day", "vorige maand")
_RELATIVE_TIMES = frozenset({"days_later", "relative_month", "this_year", "last_year"})
_BOUNDARY_PUNCT = {",", ";", ":", "(", ")", "—", "–"}  # quotes do not end a clause
_DASHES = {"—", "–"}
_OPENING_QUOTES = {"«", "“", "‘", "„"}
_CLOSING_QUOTES = {"»", "”", "’"}
_CLOSING_BRACKETS = {")", "]"}
_CUE_REACH = 4  # words between a cue and its name: "door zwaar bewapende, gemaskerde ..."
_NOMINAL_OF = {"van", "of"}
_POSSESSIVE = {"'s", "’s"}
_POSSESSIVE_MARKS = {*_POSSESSIVE, "'", "’"}  # and "Belarus'", after a final s
_BLAMED_FOR = {"for", "voor"}  # "criticised X for blocking …": what X is blamed for
_ACCUSED_OF = _NOMINAL_OF | _BLAMED_FOR  # "accused X of …", "blamed X for …"
_OF_IT = {"ervan", "daarvan"}  # "beschuldigt X ervan … te doen": what X is said to do
_TO = {"to", "te"}  # the infinitive's marker: "to withdraw", "vrij te laten"
_APPEAL_ROOTS = ("02", "10")  # appeal, demand: what they ask for has not happened
_ASKED_FOR = {"tot", "naar", "op", "for"}  # "riep op tot| onderhandelingen", "called for| talks"
_NOMINAL_PREPOSITIONS = {
    "van",
    "of",
    "voor",
    "for",
    "tegen",
    "against",
    "na",
    "after",
    "over",
    "as",
    "als",
}
_ON_WORDS = {"on", "op"}
_NOMINAL_REACH = 6  # words between "of" and the name: "of several tens of thousands of"
# endings of the adjectives and participles that stand between a determiner and a noun
_ADJECTIVE_ENDINGS = {
    "nl": ("e", "en", "de", "te"),  # gedwongen, militaire, illegale
    "en": ("ed", "en", "al", "ive", "ic", "ous", "ary", "ian", "ful", "less", "ble", "ing", "ish"),
}
_PARTICIPLE = {
    "nl": re.compile(r"^[a-z]*ge[a-z]{2,}(?:d|t|en)$"),  # aangekondigd, gezocht, neergeslagen
    "en": re.compile(r"^[a-z]{3,}ed$"),  # announced, elected
}
# a Dutch participle that is no infinitive (gedood, opgepakt): alone in a headline, a passive
_BARE_PARTICIPLE = re.compile(r"^[a-z]{0,6}ge[a-z]{2,}[dt]$")
# a Dutch participle without "ge-" (veroorzaakt, bezet, erkend) looks like a present verb;
# only an auxiliary right after it tells ("veroorzaakt werd")
_PREFIXED_PARTICIPLE = re.compile(r"^(?:be|her|ont|ver|er)[a-z]{3,}(?:d|t|en)$")


@dataclass(frozen=True)
class _Words:
    """The word sets the rules read, made once per lexicon, not once per sentence."""

    coordinating: frozenset[str]  # and, en
    nominal_markers: frozenset[str]  # "de arrestatie", "of repression", "Iran's attack"
    calendar: frozenset[str]  # weekdays and months
    fronted: frozenset[str]  # "Gisteren viel Rusland …": the subject follows the verb
    be: frozenset[str]  # "zijn gedood"
    be_perfect: frozenset[str]  # "zijn gevlucht": no passive
    have: frozenset[str]  # "heeft … gesloten": active
    after_be: frozenset[str]  # what may follow "zijn" the verb: "zijn de", "zijn sinds"
    title_gap: frozenset[str]  # between a country and the title holder it names
    non_verbs: frozenset[str]  # words that open a clause without a verb
    object_pronouns: frozenset[str]  # "hen", "them": never a subject
    possessives: frozenset[str]  # "their", "hun": never a subject; a noun's doer
    reciprocals: tuple[str, ...]  # "each other": the doers are the targets too
    neuter_pronouns: frozenset[str]  # "Russia said it had …": the speaker itself
    speakers: frozenset[str]  # "ik", "we": the speaker is the subject
    adjective_slots: frozenset[str]  # "the invading troops", "by invading troops"
    joint: frozenset[str]  # "when", "waarbij": a clause that tells who took part
    determiners: frozenset[str]  # "de", "the"
    motive_ends: frozenset[str]  # "for" of "in retaliation for": a noun phrase follows
    subject_pronouns: frozenset[str]  # "hij", "zij", "wij": never an object
    claim_nouns: frozenset[str]  # "accusations", "beschuldiging"
    finite_auxiliaries: frozenset[str]  # "heeft", "wordt", "zal": the verb in second place
    partitives: frozenset[str]  # "the latter of which"
    complement_verbs: frozenset[str]  # "reported that …": a clause with its own subject
    object_control: frozenset[str]  # "allowed X to …": X does what follows
    complementizers: frozenset[str]  # "that", "dat": relative pronoun or conjunction
    subordinators: frozenset[str]  # "after", "nadat": open a clause of their own
    inversion_openers: frozenset[str]  # "In mei", "Daar": the Dutch subject follows the verb
    place_prepositions: frozenset[str]  # "in", "bij": a name after one is a place
    followers: frozenset[str]  # "Trump supporters": the followers act, not Trump
    speech_verbs: frozenset[str]  # "said", "zegt": a speaker's verb
    announcing: frozenset[str]  # "announced new sanctions": the speaker's own act
    irregular_participles: frozenset[str]  # "led", "taken": "the coup led by X"
    crowd_words: frozenset[str]  # "mensen", "people": a crowd a type may name (its `crowd`)
    counted_nouns: frozenset[str]  # "people", "doden": what a number counts when it counts people
    count_words: frozenset[str]  # "hundreds", "tientallen": a count that is people by itself
    circumstances: frozenset[str]  # "bij", "during": an event noun after one is a circumstance
    headline_prepositions: frozenset[str]  # "detained in": a headline's passive participle
    verb_words: frozenset[str]  # "heeft", "is", "kan": the words that make a line a clause
    quantifiers: frozenset[str]  # "minstens", "zeker": before a number
    contrasts: frozenset[str]  # "but", "maar": before a new subject, a clause apart
    fronted_prepositions: frozenset[str]  # "Tijdens …": the Dutch subject follows the verb
    # words that date a sentence from another day or span ("since", "yesterday")
    elsewhen: frozenset[str]
    # function words between a verb and another trigger that make it no object of the
    # verb ("took control and| detained", "arrested him after| protests")
    clause_words: frozenset[str]


_WORDS: dict[int, tuple[object, _Words]] = {}


def _words_of(lex, title_words: frozenset[str]) -> _Words:
    known = _WORDS.get(id(lex))
    if known is not None and known[0] is lex:
        return known[1]
    calendar = frozenset({*lex.weekdays, *lex.months})
    fronted = frozenset({*lex.fronted_adverbs, *calendar})
    words = _Words(
        coordinating=frozenset(w for w in lex.coordinators if w != ","),
        nominal_markers=frozenset({*lex.determiners, *_NOMINAL_PREPOSITIONS, *_POSSESSIVE}),
        calendar=calendar,
        fronted=fronted,
        be=frozenset(lex.passive_be),
        be_perfect=frozenset(lex.be_perfect),
        have=frozenset(lex.perfect_have),
        after_be=frozenset(
            {
                *lex.determiners,
                *lex.cues,
                *lex.span_openers,
                *lex.negation,
                *fronted,
                *lex.partitives,
                *lex.quantifiers,
                *lex.attribution,  # "zijn volgens Viasna honderd mensen opgepakt"
            }
        ),
        # "Taiwan's new President Lai", "Mali's interim president": a modifier of the title
        title_gap=frozenset(
            {*title_words, *_POSSESSIVE, *_NOMINAL_OF, *lex.determiners, *lex.body_modifiers}
        ),
        non_verbs=frozenset({*lex.cues, *lex.determiners, *lex.place_anaphora}),
        object_pronouns=frozenset(lex.object_pronouns),
        possessives=frozenset(lex.possessive_pronouns),
        reciprocals=tuple(lex.reciprocals),
        neuter_pronouns=frozenset(lex.neuter_pronouns),
        speakers=frozenset(lex.speaker_pronouns),
        joint=frozenset(lex.joint_clauses),
        determiners=frozenset(lex.determiners),
        motive_ends=frozenset(phrase.split()[-1] for phrase in lex.motive),
        claim_nouns=frozenset(lex.claim_nouns),
        subject_pronouns=frozenset(
            {*lex.person_pronouns, *lex.plural_pronouns, *lex.speaker_pronouns}
            - {*lex.object_pronouns, *lex.possessive_pronouns}
        ),
        finite_auxiliaries=frozenset(lex.finite_auxiliaries),
        partitives=frozenset(lex.partitives),
        complement_verbs=frozenset(lex.complement_verbs),
        object_control=frozenset(lex.object_control_verbs),
        complementizers=frozenset(lex.complementizers),
        subordinators=frozenset(lex.subordinators),
        clause_words=frozenset(
            {
                *lex.coordinators,
                *lex.subordinators,
                *lex.contrast_words,
                *lex.cues,
                *lex.negation,
                *lex.determiners,
                *lex.finite_auxiliaries,
                *lex.passive_be,
                *_NOMINAL_PREPOSITIONS,
            }
        ),
        inversion_openers=frozenset({*lex.cues, *lex.place_anaphora, *lex.attribution}),
        place_prepositions=frozenset(lex.place_prepositions),
        followers=frozenset(lex.follower_nouns),
        speech_verbs=frozenset(w.lower() for w in lex.speech_verbs),
        announcing=frozenset(w.lower() for w in lex.announcing_verbs),
        irregular_participles=frozenset(lex.irregular_participles),
        crowd_words=frozenset(noun for noun in lex.people_nouns if " " not in noun),
        counted_nouns=frozenset(
            noun for noun in (*lex.people_nouns, *lex.counted_nouns) if " " not in noun
        ),
        count_words=frozenset(lex.count_words),
        circumstances=frozenset(lex.circumstance_prepositions),
        headline_prepositions=frozenset(lex.headline_prepositions),
        verb_words=frozenset({*lex.finite_auxiliaries, *lex.perfect_have, *lex.passive_be}),
        quantifiers=frozenset(w for w in lex.quantifiers if " " not in w),
        contrasts=frozenset(lex.contrast_words),
        fronted_prepositions=frozenset(lex.fronted_prepositions),
        elsewhen=frozenset({*lex.span_openers, *lex.relative_days}),
        adjective_slots=frozenset(
            {*lex.determiners, *(w for w, role in lex.cues.items() if role == "agent")}
        ),
    )
    _WORDS[id(lex)] = (lex, words)
    return words


@dataclass
class Group:
    """Names joined by coordination ("Syrië, Irak en Afghanistan") that share one role."""

    mentions: list[EntityMention]
    cue: str | None = None  # role given by a cue
    attribution: bool = False
    relation_only: bool = False  # consumed by a relation ("afkomstig uit ...")
    owner: int | None = None  # index of the trigger that governs it ("arrestatie van X")

    @property
    def start(self) -> int:
        return self.mentions[0].cover_start

    @property
    def end(self) -> int:
        return self.mentions[-1].end

    @property
    def modifier(self) -> bool:
        return all(m.modifier for m in self.mentions)


@dataclass
class Trigger:
    pattern: PatternRule
    start: int
    end: int
    tokens: list[int]  # the tokens that are the trigger (fillers excluded)

    @property
    def first(self) -> int:
        return self.tokens[0]


@dataclass
class DraftEvent:
    """An event before it gets an id: type, rule, roles and evidence as token positions."""

    type: str
    rule: str
    trigger: Trigger
    sentence: tuple[int, int]
    roles: dict[str, list[str]] = field(default_factory=dict)
    time: TimeValue | None = None
    modality: str | None = None  # "attempt": it happened, as a try
    factuality: str = ASSERTED  # what the text says of it: asserted, denied, question, …
    according_to: list[str] = field(default_factory=list)
    motive_of: DraftEvent | None = None  # the event this one is the motive for
    inherits_context: bool = False  # "Daar werd ...": place and time of the previous event
    report_time: str = PAST  # PRESENT "has arrested", BEFORE_REPORT "had taken", else PAST
    crowd_word: int | None = None  # "mensen", the words that name the type's crowd
    counted: bool = False  # its clause counts unnamed people: "40 people were killed"

    def add(self, role: str, entity: str) -> None:
        values = self.roles.setdefault(role, [])
        if entity not in values:
            values.append(entity)


class SentenceEvents:
    """Finds the events of one sentence; one instance per sentence."""

    def __init__(self, compiled: CompiledRules, doc: Doc, start: int, end: int, types) -> None:
        self.c = compiled
        self.lex = compiled.rules.lexicons[compiled.lang]
        self.doc = doc
        self.start, self.end = start, end
        self.types: dict[str, EventTypeRule] = compiled.rules.event_types
        self.entity_type = types  # entity id -> type
        self.capitals = compiled.capitals
        self._title_words = compiled.title_all_words
        self._nominal_of: dict[int, bool] = {}  # id(trigger) -> used as a noun
        words = _words_of(self.lex, compiled.title_all_words)
        self._coordinating_words = words.coordinating
        self._nominal_markers = words.nominal_markers
        self._calendar = words.calendar
        self._fronted = words.fronted
        self._subject_pronouns = words.subject_pronouns
        self._claim_nouns = words.claim_nouns
        self._be_words = words.be
        self._be_perfect = words.be_perfect
        self._have_words = words.have
        self._after_be = words.after_be
        self._title_gap = words.title_gap
        self._non_verbs = words.non_verbs
        self._adjective_slots = words.adjective_slots
        self._joint_words = words.joint
        self._object_pronouns = words.object_pronouns
        self._possessives = words.possessives
        self._reciprocals = words.reciprocals
        self._neuter_pronouns = words.neuter_pronouns
        self._speakers = words.speakers
        self._determiners = words.determiners
        self._motive_ends = words.motive_ends
        self._finite_auxiliaries = words.finite_auxiliaries
        self._partitives = words.partitives
        self._tense_auxiliaries = self.lex.tense_auxiliaries
        self._crowd_words = words.crowd_words
        self._counted_nouns = words.counted_nouns
        self._count_words = words.count_words
        self._circumstances = words.circumstances
        self._headline_prepositions = words.headline_prepositions
        self._verb_words = words.verb_words
        self._quantifiers = words.quantifiers
        self._contrasts = words.contrasts
        self._fronted_prepositions = words.fronted_prepositions
        self._elsewhen = words.elsewhen
        self._dated_elsewhen: bool | None = None  # per sentence, once (`_report_time`)
        self._complement_verbs = words.complement_verbs
        self._object_control = words.object_control
        self._complementizers = words.complementizers
        self._subordinators = words.subordinators
        self._clause_words = words.clause_words
        self._inversion_openers = words.inversion_openers
        self._place_prepositions = words.place_prepositions
        self._followers = words.followers
        self._speech_verbs = words.speech_verbs
        self._announcing = words.announcing
        self._irregular_participles = words.irregular_participles

    # -- public ---------------------------------------------------------------------------
    def run(
        self,
        triggers: list[Trigger],
        mentions: list[EntityMention],
        phrases: list[tuple[str, str, int, int]],
        times: list[TimeMention],
    ) -> tuple[list[DraftEvent], list[tuple[str, str, str]]]:
        """Events of the sentence, and relations between entities it states."""
        groups = self._groups(mentions)
        self._all_groups = groups
        self._group_tokens = {i for g in groups for i in range(g.start, g.end)}
        self._modifier_tokens = {
            i for m in mentions if m.modifier for i in range(m.cover_start, m.end)
        }
        trigger_tokens = {i for t in triggers for i in t.tokens}
        self._trigger_tokens = trigger_tokens
        self._verb_ends = {t.tokens[-1]: t for t in triggers}
        self._triggers = triggers  # all of them, before overlapping ones merge
        # "captured by": a last word the pattern names, not one it only rules out
        self._trigger_last = {
            t.tokens[-1]
            for t in triggers
            if len(t.tokens) > 1 and t.pattern.id in self.c.names_last_word
        }
        # a trigger's words open no clause ("Rwanda stated", "claimed 22 lives"), save the
        # relative pronoun it may start with ("… which was rejected") and the "that" it may
        # end with ("denied that Belarus had sent …": what follows is a clause of its own)
        relatives = set(self.lex.relative_pronouns)
        self._inner_trigger_tokens = {
            i
            for t in triggers
            for i in t.tokens
            if not (i == t.first and self.doc[i].lower_ in relatives)
            and not (i == t.tokens[-1] and len(t.tokens) > 1)
        }
        firsts = {t.first for t in triggers}
        time_tokens = {i for t in times for i in range(t.start, t.end)}
        self._time_tokens = time_tokens
        self._time_starts = {t.start for t in times}
        # "heeft het geweld veroordeeld en Iran opgeroepen …": after a Dutch verb at the
        # end of its clause, "en" opens the next clause
        self._clause_final_verbs = (
            {t.tokens[-1] for t in triggers if not self._nominal(t)}
            if self.c.lang == "nl"
            else set()
        )
        self._coordinated_clauses: set[int] = set()
        self._contrast_cuts: set[int] = set()  # "but" that opens a clause of its own
        # "Als reactie op de aanvallen voerden de VS …": "als" opens a motive, no clause
        self._motive_starts = {s for kind, _, s, _ in phrases if kind == "motive"}
        chunks = self._chunks(groups)
        self._chunks_cache = chunks
        relations = self._bind_cues(groups, phrases, trigger_tokens | time_tokens, firsts)
        merged = self._merge_triggers(triggers)
        if not merged:
            return [], relations
        self._merged = merged
        circumstances = self._circumstance_spans(merged)
        self._first_trigger = min(t.first for t in merged)
        self.sentence_opening_end = chunks[0][1]
        chunk_of = {i: n for n, (s, e) in enumerate(chunks) for i in range(s, e)}
        scopes = self._scopes(merged, chunks, chunk_of)
        self._claim_nominal_objects(merged, groups)
        self._described_nouns: set[int] = set()  # triggers a participle gave their doer
        self._participle_agents(merged, groups)
        self._described: list[Group] = []  # nouns a participle describes ("gesteunde rebellen")
        events = []
        for index, trigger in enumerate(merged):
            scope = scopes[index]
            event = DraftEvent(
                trigger.pattern.event, trigger.pattern.id, trigger, (self.start, self.end)
            )
            in_scope = [
                g
                for g in groups
                if (
                    g.owner == index
                    or (
                        chunk_of.get(g.start, -1) in scope
                        and self._nearest(g, trigger, merged, chunk_of)
                    )
                )
                and not (
                    any(s <= g.start < e and not s <= trigger.first < e for s, e in circumstances)
                    # a town keeps its place ("Bij de aanslag in Kabul"); a country may act
                    and not all(self.entity_type[m.entity] in ("city", "place") for m in g.mentions)
                )
            ]
            self._assign(event, index, trigger, in_scope, groups, chunks[chunk_of[trigger.first]])
            self._parties(event, index, in_scope)
            self._context(event, trigger, scope, chunk_of, phrases, times, merged)
            if self.types[event.type].counted:
                event.counted = self._counts_people(chunks[chunk_of[trigger.first]])
            events.append(event)
        # "accused the militias of ethnic cleansing": roles across events, before the
        # ones left without participants are dropped
        self._reciprocal(events)
        self._accused_doers(events)
        self._disapproved_doers(events)
        self._appealed_doers(events)
        self._joint_clauses(events, chunks, chunk_of)
        self._shared_objects(events)
        self._crowd_objects(events)
        self._caused_by_nouns(events)
        for event in events:
            self._origin_doer(event)
            self._destination_receiver(event)
            self._crowd_doer(event, chunks[chunk_of[event.trigger.first]])
        self._counted_crowd(events)
        events = [e for e in events if self._keep(e)]
        self._motives(events, phrases)
        return events, relations

    # -- structure -----------------------------------------------------------------------
    def _groups(self, mentions: list[EntityMention]) -> list[Group]:
        """Join coordinated names; a bare comma joins only inside a list closed by "en"/"and"."""
        words = self._coordinating_words
        fillers = set(self.lex.coordinators) | set(self.lex.determiners)

        def link(a: EntityMention, b: EntityMention) -> str | None:
            # "the Organization of American States (OAS), and …": brackets are no break
            if (a.start, a.end) == (b.start, b.end):
                return "word"  # "beide landen": the two it stands for, on the same words
            gap = [t.lower_ for t in self.doc[a.end : b.cover_start] if t.text not in "()"]
            if not gap and a.entity == b.entity and b.cover_start > a.end:
                return "word"  # a name and its acronym in brackets
            if not (0 < len(gap) <= 3) or not all(w in fillers for w in gap):
                return None
            if a.modifier != b.modifier:
                return None
            return "word" if any(w in words for w in gap) else ("comma" if "," in gap else None)

        links = [link(a, b) for a, b in pairwise(mentions)]
        groups: list[Group] = []
        for i, m in enumerate(mentions):
            kind = links[i - 1] if i > 0 else None
            list_goes_on = kind == "comma" and _closed_by_and(links[i : i + 3])
            if groups and (kind == "word" or list_goes_on):
                groups[-1].mentions.append(m)
            else:
                groups.append(Group([m]))
        for first, second in pairwise(groups):
            # "Wagner fighters", "Hamas militants": an organisation's own people; the
            # organisation acts ("Trump supporters" are not Trump's organisation: they act)
            if (
                second.start == first.end
                and all(self.entity_type[m.entity] == "organisation" for m in first.mentions)
                and all(self.entity_type[m.entity] == "group" for m in second.mentions)
            ):
                second.relation_only = True
        for group in groups:
            if not all(self.entity_type[m.entity] == "person" for m in group.mentions):
                continue
            after = group.end + (self.doc[group.end].text == "-" if group.end < self.end else 0)
            before = group.start - 2
            if (after < self.end and self.doc[after].lower_ in self._followers) or (
                before >= self.start
                and self.doc[before].lower_ in self._followers
                and self.doc[before + 1].lower_ in _NOMINAL_OF
            ):
                group.relation_only = True  # "Trump supporters", "aanhangers van Trump"
        return groups

    def _attached(self, group: Group, firsts: set[int]) -> bool:
        """An adjective or compound part right before a trigger: "Europese sancties"."""
        return group.modifier and any(self._joined_before(group, first) for first in firsts)

    def _joined_before(self, group: Group, first: int) -> bool:
        """Does the group end right before the word at `first`, or a hyphen before it?"""
        end = group.end
        if end + 2 == first and self.doc[end].text == "-" and self.doc[end + 1].lower_ == "led":
            return True  # "the Hamas-led attack", "US-led strikes": who leads it does it
        return end == first or (end + 1 == first and self.doc[end].text == "-")

    def _bind_cues(self, groups, phrases, trigger_tokens, firsts) -> list[tuple[str, str, str]]:
        """Give cued groups their role; 'afkomstig uit X' after a group is a relation."""
        relations = []
        speakers: set[int] = set()
        starts = {g.start: g for g in groups}
        cue_starts = {s for kind, _, s, _ in phrases if kind in {"cue", "attribution", "origin"}}
        instances = {s: e for kind, _, s, e in phrases if kind == "instance"}
        covered = {i for g in groups for m in g.mentions for i in range(m.cover_start, m.end)}
        ends = {g.end: g for g in groups}
        order = sorted(phrases, key=lambda p: (p[2], -(p[3] - p[2]), p[0] != "speech"))
        # "due to| Russia's invasion", "in response to": the "to" of a motive is no cue
        not_cues = {i for kind, _, s, e in phrases if kind == "motive" for i in range(s + 1, e)}
        # "killed at least| 40 Palestinians", "over| 100 people": a number, not a place
        not_cues.update(
            i
            for kind, _, s, e in phrases
            if kind == "quantity" and (e - s > 1 or (e < self.end and self.doc[e].like_num))
            for i in range(s, e)
        )
        for kind, value, s, e in order:
            if kind == "speech" and not trigger_tokens.intersection(range(s, self.end)):
                self._addressees(s, e, groups)  # "…, his wife told reporters": no role
            if (
                kind == "speech"
                and s in ends
                and not trigger_tokens.intersection(range(s, e))
                and not self._announced_act(s, e, firsts)
            ):
                if self._speaker_does(e):
                    continue  # "Zelensky zegt klaar te zijn voor gesprekken": he is
                ends[s].attribution = True  # "Armenia said …": the speaker, no role
                speakers.add(s)
                continue
            if kind == "speech" and s > self.start and self.doc[s - 1].text == ",":
                # "…, meldt het Israëlische leger", "…, said the army": the speaker follows
                after = next(
                    (starts[i] for i in range(e, min(e + 3, self.end)) if i in starts), None
                )
                if after is not None and trigger_tokens.isdisjoint(range(s, after.start)):
                    after.attribution = True
                    stop = next(
                        (i for i in range(after.end, self.end) if self.doc[i].is_punct), self.end
                    )
                    for g in groups:  # "zegt president Zelensky van Oekraïne": his title
                        if after.end <= g.start < stop:
                            g.relation_only = True
                    continue
            if kind == "attribution" and s in speakers:
                continue  # "said" after its speaker names no other source
            if (
                kind == "attribution"
                and self.doc[s:e].text.lower() in self._speech_verbs
                and s > self.start
                and not self.doc[s - 1].is_punct
            ):
                continue  # "Nexta said Protasevich had been detained": no '…," said X'
            if kind == "exception":
                for i in range(e, min(e + _CUE_REACH + 1, self.end)):
                    if i in starts:  # "with the exception of Russia": no part in it
                        starts[i].relation_only = True
                        break
                continue
            if kind not in {"cue", "attribution", "origin"} or s in not_cues:
                continue
            # "was captured by| the Taliban": an agent cue may close a trigger's words
            closing = kind == "cue" and value == "agent" and e - 1 in self._trigger_last
            if not closing and not trigger_tokens.isdisjoint(range(s, e)):
                continue
            if not covered.isdisjoint(range(s, e)):
                continue
            target = None
            if value == "agent" and self._manner(e):
                continue  # "killed protesters by beating them": how, not who
            i, limit = e, min(e + _CUE_REACH + 1, self.end)
            crossed = False  # an -ing trigger crossed on the way: "by invading| troops"
            determiners = 0  # a second one starts another phrase: "op de aanvallen voerden de VS"
            while i < limit:
                if i in starts:
                    target = starts[i]
                    owned = target.end + 1
                    if (
                        all(m.modifier for m in target.mentions)
                        and owned < self.end
                        and self.doc[target.end].lower_ in _POSSESSIVE_MARKS
                        and owned in starts
                    ):
                        target = starts[owned]  # "by Belarus' KGB": the KGB, Belarus owns it
                    break
                if i in instances:  # "by organisations such as| Amnesty International"
                    i, limit = instances[i], min(instances[i] + 2, self.end)
                    continue
                token = self.doc[i]
                if i in trigger_tokens and i + 1 in starts and self._ing_word(i):
                    i += 1  # "shelled by invading| Russian troops"
                    crossed = True
                    continue
                if (
                    i in trigger_tokens
                    or (i in cue_starts and i != s)
                    or token.text in {".", ";", ":", "!", "?"}
                    # "Volgens de woordvoerder is X opgepakt": a verb ends the cue's phrase
                    or (i > e and self.c.lang == "nl" and token.lower_ in self._finite_auxiliaries)
                    or token.lower_ in self._calendar  # "On Monday, Russian forces …"
                    or self._comma_ends_phrase(i)
                    # "over de reden waarom| Rusland …": a clause of its own begins
                    or (i > e and token.lower_ in self._subordinators)
                    # "volgens artsen| minstens twaalf burgers": a count opens the subject
                    or (kind == "attribution" and i > e and self._count_opens(i))
                ):
                    break
                if token.lower_ in self._determiners:
                    determiners += 1
                    if determiners > 1:
                        break  # the cue's noun ended before: "Als reactie op de aanvallen …"
                i += 1
            if target is not None and target.modifier and not self._attached(target, firsts):
                # "by American charity the Carter Center": the name the adjective leads to
                target = self._name_after(target, starts) or target
            if target is None or target.cue or target.attribution or target.relation_only:
                continue
            if self._attached(target, firsts) and not crossed:
                continue
            if value == "agent" and self._other_verb_before(s, trigger_tokens):
                continue  # "dan aangekondigd door de Europese Raad": another verb's agent
            if value == "agent" and self._active_noun_agent(s, trigger_tokens):
                continue  # "hebben de escalatie door Azerbeidzjan veroordeeld": the noun's doer
            if kind == "origin":
                before = [g for g in groups if g.end <= s and s - g.end <= 2]
                if before and all(
                    self.entity_type[m.entity] == "group" for m in before[-1].mentions
                ):
                    target.relation_only = True
                    for holder in before[-1].mentions:
                        for m in target.mentions:
                            relations.append((holder.entity, "countryOfOrigin", m.entity))
                continue
            if kind == "attribution":
                if all(m.kind == "pronoun" for m in target.mentions):
                    continue  # "Police said they attacked …": they act; they do not say
                target.attribution = True
            else:
                target.cue = value
        return relations

    def _count_opens(self, i: int) -> bool:
        """Does a number or a count start at i ("twaalf", "40", "minstens", "hundreds")?"""
        token = self.doc[i]
        return (
            token.like_num or token.lower_ in self._count_words or token.lower_ in self._quantifiers
        )

    def _speaker_does(self, i: int) -> bool:
        """Does an infinitive without a subject of its own follow the verb of saying that
        ends at token i? "zegt klaar te zijn voor gesprekken", "claimed to have shot down
        …": the speaker does what it names; "said that …", "zei Oekraïne te …" do not."""
        names = {k for g in self._all_groups if not g.modifier for k in range(g.start, g.end)}
        for j in range(i, min(i + _CUE_REACH + 2, self.end)):
            token = self.doc[j]
            if token.is_punct or token.lower_ in self._complementizers or j in names:
                return False
            if token.lower_ in _TO and j + 1 < self.end and self.doc[j + 1].is_lower:
                return True
        return False

    def _announced_act(self, s: int, e: int, firsts: set[int]) -> bool:
        """ "The United States announced new sanctions against Iran": an announcing verb
        whose object is an event noun announces the speaker's own act."""
        if self.doc[s:e].text.lower() not in self._announcing:
            return False
        i = e
        while i < self.end and i - e <= 3 and i not in firsts:
            if not self._noun_phrase_word(self.doc[i]):
                return False
            i += 1
        return i in firsts

    def _addressees(self, s: int, e: int, groups: list[Group]) -> None:
        """A closing "…, his wife told reporters", "…, zei hij tegen journalisten": the
        clause after the last comma only says who told whom; those told take no role."""
        comma = next(
            (i for i in range(s - 1, max(self.start, s - 5) - 1, -1) if self.doc[i].text == ","),
            None,
        )
        if comma is None or comma == s - 1:
            return  # "…, said the army": the speaker follows the verb
        for g in groups:
            if g.start >= e:
                g.relation_only = True

    def _described_by(self, trigger: Trigger) -> Group | None:
        """The names an English -ing trigger stands before as an adjective: "invading
        Russian troops", "the retreating forces of Russia"."""
        if self.c.lang != "en" or len(trigger.tokens) != 1:
            return None
        if not self._ing_word(trigger.first):
            return None
        before = self.doc[trigger.first - 1].lower_ if trigger.first > self.start else ""
        if before and before not in self._adjective_slots:
            return None  # "accused Belarus of sending migrants": a verb and its object
        return next((g for g in self._all_groups if g.start == trigger.first + 1), None)

    def _ing_word(self, i: int) -> bool:
        """An English word in -ing: a gerund ("by beating them") or an adjective before a
        name ("invading Russian troops")."""
        token = self.doc[i]
        return (
            self.c.lang == "en"
            and token.is_lower
            and token.is_alpha
            and token.lower_.endswith("ing")
        )

    def _manner(self, i: int) -> bool:
        """Whether a verb follows an agent cue at token i: "by beating", "door te schieten"."""
        if i >= self.end:
            return False
        if self.c.lang == "en":
            # "by invading Russian troops": an adjective before a name
            after = self.doc[i + 1] if i + 1 < self.end else None
            return self._ing_word(i) and not (after is not None and after.text[:1].isupper())
        # "door te schieten", "door Rusland formeel aansprakelijk te stellen": how, not who
        for token in self.doc[i : min(i + 7, self.end)]:
            if token.is_punct or (
                token.i in self._trigger_tokens and _PARTICIPLE["nl"].match(token.lower_)
            ):
                return False  # "door smokkelaars gelokt met de belofte door te reizen"
            if token.lower_ == "te":
                following = self.doc[token.i + 1] if token.i + 1 < self.end else None
                return (
                    following is not None and following.is_lower and following.lower_.endswith("en")
                )
        return False

    def _name_after(self, adjective: Group, starts: dict[int, Group]) -> Group | None:
        """The name a few words after an adjective, in the same phrase: "American charity
        the Carter Center", "Russische oppositieleider Aleksej Navalny"."""
        for i in range(adjective.end, min(adjective.end + _CUE_REACH, self.end)):
            if i in starts and not starts[i].modifier:
                return starts[i]
            token = self.doc[i]
            if token.is_punct or i in self._trigger_tokens or not token.is_alpha:
                return None
            if token.lower_ in self._finite_auxiliaries or token.lower_ in self._have_words:
                return None  # "dankzij Nederlandse inzet heeft de Europese Raad": a verb ends it
        return None

    def _active_noun_agent(self, cue_start: int, trigger_tokens: set[int]) -> bool:
        """Is an agent cue after a plain noun in a clause without a passive auxiliary?
        "Nederland heeft de escalatie door Azerbeidzjan veroordeeld", "Poland condemned the
        attack by Russia": Russia attacked; it did not condemn. ("werd door Rusland
        aangevallen", "was condemned by Poland" keep their agent.)"""
        before = cue_start - 1
        if before < self.start or before in trigger_tokens:
            return False
        noun = self.doc[before]
        if not (noun.is_alpha and noun.is_lower) or _PARTICIPLE["nl"].match(noun.lower_):
            return False
        if noun.lower_ in self.lex.determiners:
            return False
        chunk = self._chunk_at(cue_start)
        span = self.doc[chunk[0] : chunk[1]] if chunk else self.doc[self.start : self.end]
        auxiliaries = set(self.lex.passive)
        words = {t.lower_ for t in span}
        if words & auxiliaries:
            return False
        if self.c.lang == "nl":  # the clause shows its active perfect: "heeft … veroordeeld"
            return bool(words & set(self.lex.perfect_have))
        # an English trigger with the noun as its object: "condemned the attack by"; not
        # "soldiers killed in the attack by Syrian forces", where the attackers killed
        verb = max((i for i in trigger_tokens if span.start <= i < before), default=None)
        return verb is not None and self.doc[verb + 1].lower_ in self._determiners

    def _other_verb_before(self, cue_start: int, trigger_tokens: set[int]) -> bool:
        """Is the word before an agent cue a participle that is not an event trigger?
        Dutch may put the auxiliary between them: "dat de opstand veroorzaakt werd door …"."""
        before = cue_start - 1
        auxiliary = before > self.start and self.doc[before].lower_ in self.lex.passive
        if auxiliary:
            before -= 1
        if before < self.start or before in trigger_tokens:
            return False
        if self.c.lang == "en" and not auxiliary and before - 1 in trigger_tokens:
            return False  # "the sanctions imposed by Moscow": the noun's doer (see _own_agent)
        word = self.doc[before].lower_
        if auxiliary and self.c.lang == "nl" and _PREFIXED_PARTICIPLE.match(word):
            return True
        return bool(_PARTICIPLE[self.c.lang].match(word))

    def _merge_triggers(self, triggers: list[Trigger]) -> list[Trigger]:
        """One trigger per event type per sentence ("aangehouden en in detentie geplaatst"),
        and none that shares a word with a longer one of another type: "lifted sanctions"
        eases sanctions, "seized power" is a coup, "won the election" is no election of its
        own, "suspended the talks with" halts talks."""
        # "captured Gilad Shalit" is no occupation: a trigger whose words name an entity its
        # event cannot take yields to the others ("captured Bakhmut" occupies a town)
        fitting = [t for t in triggers if self._fits(t)]
        triggers = fitting if len(fitting) < len(triggers) and fitting else triggers
        # a verb speaks for the event better than a noun: "voor crisisberaad bijeengekomen"
        order = sorted(triggers, key=lambda t: (self._nominal(t), t.first, -(t.end - t.start)))

        def best(candidates) -> dict[str, Trigger]:
            chosen: dict[str, Trigger] = {}
            for t in candidates:
                chosen.setdefault(t.pattern.event, t)
            return chosen

        # only a trigger that speaks for its event takes words from another: "agreed to a
        # ceasefire brokered by Qatar" keeps the mediation although "ceasefire brokered"
        # also matched. A state or an occasion (an election, a meeting) stands even inside
        # another event's words: "de verkiezingen stal" still names an election, unless the
        # other's type covers it ("won the election": WinElection covers Election)
        first_choice = list(best(order).values())

        def stands(t: Trigger) -> bool:
            outranked_by = [o for o in first_choice if _outranks(o, t)]
            if any(t.pattern.event in self.types[o.pattern.event].covers for o in outranked_by):
                return False  # "won the election": no election of its own
            return self.types[t.pattern.event].standalone or not outranked_by

        chosen = best(t for t in order if stands(t))
        return sorted(chosen.values(), key=lambda t: t.first)

    def _fits(self, trigger: Trigger) -> bool:
        """Can the event take every entity its trigger's own words name?"""
        roles = self.types[trigger.pattern.event].roles
        accepted = {*PLACE_TYPES, *(t for types in roles.values() for t in types)}
        return all(
            self.entity_type[m.entity] in accepted
            for g in self._all_groups
            for m in g.mentions
            if m.start in trigger.tokens
        )

    def _nominal(self, trigger: Trigger) -> bool:
        """Is this one-word trigger used as a noun ("de arrestatie", "vorm van repressie")?"""
        known = self._nominal_of.get(id(trigger))
        if known is None:
            known = self._nominal_of[id(trigger)] = self._nominal_uncached(trigger)
        return known

    def _nominal_uncached(self, trigger: Trigger) -> bool:
        if trigger.pattern.form:
            return trigger.pattern.form == "noun"
        if trigger.first > self.start and self.doc[trigger.first - 1].text in _POSSESSIVE:
            return True  # "Iran's attack on Israel"
        if len(trigger.tokens) > 1:
            return False  # a phrase pattern ("de grens overgaan") names its verb
        i = trigger.first
        before = list(self.doc[max(self.start, i - 2) : i])
        if before and before[-1].lower_ in self._nominal_markers:
            return True  # "de arrestatie", "Iran's attack"
        if (
            self.c.lang == "nl"
            and before
            and before[-1].is_lower
            and before[-1].lower_.endswith("nde")
        ):
            return True  # "aanhoudende protesten": a present participle before a noun
        if before and before[-1].i in self._modifier_tokens and not self._past_form(i):
            return True  # "Russian strikes", "Iraanse aanvallen": an adjective before a noun
        if self._name_as_modifier(i):
            return True  # "the latest round of US sanctions", "new EU sanctions": a noun
        if self._verb_object(i):
            return True  # "to crush mass protests": the object of a verb is a noun
        if (
            len(before) == 2
            and before[0].lower_ in self.lex.determiners
            and before[1].i in self._modifier_tokens
        ):
            return True  # "the Russian invasion", "de Europese sancties"
        # "de gedwongen landing", "as state hijacking": a determiner and one lowercase
        # modifier; after a determiner the modifier must look like an adjective, or "het
        # kabinet veroordeelt", "the government condemned" would make the verb a noun
        if len(before) != 2 or not (before[1].text.islower() and before[1].is_alpha):
            return False
        if before[1].i in self._trigger_tokens or before[1].i in self._group_tokens:
            # "Na de verkiezingen veroordeelde", "De oppositie verwijt": a noun stands there
            return False
        if before[0].lower_ in {"as", "als"}:
            return True
        opener = before[0].lower_  # "de gedwongen landing", "hun eerste ontmoeting"
        adjective = before[1].lower_.endswith(_ADJECTIVE_ENDINGS[self.c.lang])
        return adjective and (opener in self.lex.determiners or opener in self._possessives)

    def _modifier_word(self, token) -> bool:
        """A lowercase word that may stand between a verb or a determiner and its noun
        ("mass", "peaceful"), not a function word that opens or links a clause."""
        return token.is_alpha and token.is_lower and token.lower_ not in self._clause_words

    def _noun_phrase_word(self, token) -> bool:
        """A determiner or a modifier: inside the noun phrase before its noun."""
        return token.lower_ in self._determiners or self._modifier_word(token)

    def _verb_object(self, i: int) -> bool:
        """Does another trigger, a verb, end right before the word, or one lowercase
        modifier before it ("crush| mass protests", "condemned| attacks")? Not a past form:
        "Israeli airstrikes| killed": the noun before it is the subject, not a verb."""
        if self.c.lang == "en" and self._english_participle(i):
            return False
        word, before = self.doc[i].lower_, self.doc[i - 1].lower_ if i > self.start else ""
        if self.c.lang == "en" and word.endswith("ing") and before.endswith("ly"):
            return False  # "a statement forcefully condemning": an adverb before a verb
        for j in (i - 1, i - 2):
            verb = self._verb_ends.get(j)
            if j < self.start or verb is None:
                continue
            if j == i - 2 and not self._modifier_word(self.doc[i - 1]):
                return False  # "took control of the airport and| detained": a verb
            return len(verb.tokens) > 1 or not self._nominal(verb)
        return False

    def _chunks(self, groups: list[Group]) -> list[tuple[int, int]]:
        inside = {i for g in groups for i in range(g.start, g.end)}
        subordinators = self._subordinators
        cuts = []
        # "Iran – zowel bilateraal als multilateraal – opgeroepen": a pair of dashes
        # encloses an aside, and the clause goes on across it
        dashes = [i for i in range(self.start + 1, self.end) if self.doc[i].text in _DASHES]
        paired = {
            i for a, b in zip(dashes[::2], dashes[1::2], strict=False) for i in range(a, b + 1)
        }
        for i in range(self.start + 1, self.end):
            if i in inside or i in paired:
                continue
            if self.doc[i].text in _BOUNDARY_PUNCT:
                cuts.append(i + 1)  # the mark closes the chunk before it
            elif (
                self.doc[i].lower_ in subordinators
                and i not in self._inner_trigger_tokens
                and i not in self._motive_starts
                and self.doc[i - 1].lower_ not in self._finite_auxiliaries
                and not (
                    i + 1 < self.end
                    and (
                        i + 1 in self._time_starts
                        or self.doc[i + 1].like_num
                        or self.doc[i + 1].lower_ in self._calendar
                    )
                )
            ):  # "have since arrested", "is sinds 2020": an adverb, no new clause; "zit
                cuts.append(i)  # sinds 2021 vast", "since May": a preposition
            elif self.doc[i].lower_ in self._contrasts and self._subject_follows(i + 1):
                cuts.append(i)  # "killed ten civilians, but Putin denied it"
                self._contrast_cuts.add(i)
            elif (
                i - 1 in self._clause_final_verbs and self.doc[i].lower_ in self._coordinating_words
            ):
                cuts.append(i)
                self._coordinated_clauses.add(i)
        bounds = sorted({self.start, *[c for c in cuts if c < self.end], self.end})
        return [(a, b) for a, b in pairwise(bounds) if b > a]

    def _scopes(self, triggers, chunks, chunk_of) -> list[set[int]]:
        """Each chunk belongs to its nearest trigger's chunk (ties go to the following one).

        A trigger in a subordinate clause ("nadat de dictator ... stal") does not reach back
        into the clauses before it.
        """
        trigger_chunks = [chunk_of[t.first] for t in triggers]
        subordinate = [self._subordinate(chunks[n]) for n in trigger_chunks]
        # "women who were detained with Amini, spoke to reporters": a relative clause
        # ends at its comma; what follows is the main clause's
        relative = [self._relative_clause(chunks[n]) for n in trigger_chunks]
        # "…, but Putin denied it": a clause of contrast with a subject of its own is
        # apart from the events on the other side of it
        contrasts = [n for n, chunk in enumerate(chunks) if chunk[0] in self._contrast_cuts]
        scopes = [set() for _ in triggers]
        for n in range(len(chunks)):
            candidates = [
                k
                for k in range(len(triggers))
                if not (subordinate[k] and n < trigger_chunks[k])
                and not (relative[k] and n > trigger_chunks[k])
                and not any(
                    min(n, trigger_chunks[k]) < c <= max(n, trigger_chunks[k]) for c in contrasts
                )
            ]
            if not candidates:
                continue
            best = min(
                candidates,
                key=lambda k: (abs(trigger_chunks[k] - n), trigger_chunks[k] < n),
            )
            scopes[best].add(n)
        for k, n in enumerate(trigger_chunks):
            scopes[k].add(n)
        return scopes

    def _subject_follows(self, i: int) -> bool:
        """Does a new subject start at i: a capitalised name, a title, a determiner or a
        subject pronoun ("but Putin", "maar president Poetin", "but the Kremlin", "but he"),
        not a verb that shares the subject before ("were singled out, but received …")?"""
        if i >= self.end:
            return False
        word = self.doc[i]
        return (
            word.text[:1].isupper()
            or word.lower_ in self._determiners
            or word.lower_ in self._subject_pronouns
            or word.lower_ in self._title_words
        )

    def _relative_clause(self, chunk: tuple[int, int]) -> bool:
        """Does the chunk open with a relative pronoun that is no conjunction ("who",
        "which", "welke")?"""
        word = self.doc[chunk[0]].lower_
        return word in self.lex.relative_pronouns and word not in self._complementizers

    def _nearest(self, group: Group, trigger: Trigger, triggers, chunk_of) -> bool:
        """Of the triggers in the group's own chunk, is this the one the group belongs to?

        "de kaping van het toestel en de arrestatie van X ... door de Europese Raad": each
        name belongs to the nearest event word of its clause, not to all of them.
        """
        if group.modifier:  # "the Russian invasion": the word it is attached to is its own
            attached_to = [t for t in triggers if self._attached(group, {t.first})]
            if attached_to:
                return trigger in attached_to
        owners = [
            t for t in triggers if self._possessor(group, t) or self._compound_before(group, t)
        ]
        if owners:  # "condemned Iran's attack", "EU sanctions": the noun's own
            return trigger in owners
        chunk = chunk_of.get(group.start)
        rivals = [t for t in triggers if chunk_of.get(t.first) == chunk]
        if len(rivals) < 2 or trigger not in rivals:
            return True
        before = [t for t in rivals if t.first < group.start]
        after = [t for t in rivals if t.first > group.start]
        if self.c.lang == "nl" and before and after:
            following = min(after, key=lambda t: t.first)
            preceding = max(before, key=lambda t: t.first)
            if self._non_finite(following) or self._nominal(preceding):
                # a Dutch participle or infinitive follows its objects and agents: "werden
                # door X neergeslagen", "… en de autoriteiten opgeroepen hen vrij te laten";
                # a place right after a noun is the noun's too: "bij een aanslag in Brussel
                # zijn twee mensen doodgeschoten"
                between = self.doc[preceding.tokens[-1] + 1 : group.start]
                near_noun = (
                    group.cue == "place"
                    and self._nominal(preceding)
                    and len(between) <= _CUE_REACH
                    and all(t.is_lower and t.i not in self._trigger_tokens for t in between)
                )
                return trigger is following or (near_noun and trigger is preceding)
        if not before:
            return True  # the subject area before every trigger is shared
        return max(before, key=lambda t: t.first) is trigger

    def _joint_clauses(self, events, chunks, chunk_of) -> None:
        """ "A coup occurred in Niger when the guard detained President Bazoum", "een aanval
        waarbij burgers werden gedood": the clause and the event before it share their doer
        and target, each filling what the other left empty."""
        joint = self._joint_words
        for later in events:
            n = chunk_of[later.trigger.first]
            if self.doc[chunks[n][0]].lower_ not in joint:
                continue
            before = [e for e in events if chunk_of[e.trigger.first] < n]
            if not before:
                continue
            earlier = max(before, key=lambda e: e.trigger.first)
            if self._verbal(earlier) and not self._verbal(later):
                continue  # "veroordeelde de aanval, waarbij vijf burgers omkwamen": the
                # one who condemns did not kill
            for taker, giver in ((earlier, later), (later, earlier)):
                for role in ("agent", "patient"):
                    if taker.roles.get(role):
                        continue
                    for entity in giver.roles.get(role, []):
                        taken = any(entity in ids for ids in taker.roles.values())
                        if not taken and self._allowed(taker, role, entity):
                            taker.add(role, entity)

    def _verbal(self, event: DraftEvent) -> bool:
        """Is the event an act of words (CAMEO roots 01 to 13: say, appeal, condemn, …)?"""
        root = (self.types[event.type].cameo or "")[:2]
        return root.isdigit() and int(root) <= 13

    def _reciprocal(self, events: list[DraftEvent]) -> None:
        """ "both parties accused each other", "beschuldigden elkaar": the doers are the
        targets too."""
        for event in events:
            agents = event.roles.get("agent", [])
            if len(agents) < 2:
                continue
            after = self.doc[
                event.trigger.tokens[-1] + 1 : min(event.trigger.tokens[-1] + 5, self.end)
            ]
            words = " ".join(t.lower_ for t in after)
            if any(words.startswith(r) or f" {r}" in words for r in self._reciprocals):
                for entity in agents:
                    if self._allowed(event, "patient", entity):
                        event.add("patient", entity)

    def _shared_objects(self, events: list[DraftEvent]) -> None:
        """ "heeft burgers aangevallen en gedood": a Dutch verb right after "en", with no
        words of its own, shares the object of the verb before it."""
        ends = {e.trigger.tokens[-1]: e for e in events}
        for event in events:
            first = event.trigger.first
            if event.roles.get("patient") or first - 2 not in ends:
                continue
            if first - 1 not in self._coordinated_clauses:
                continue
            for entity in ends[first - 2].roles.get("patient", []):
                if self._allowed(event, "patient", entity):
                    event.add("patient", entity)

    def _crowd_objects(self, events: list[DraftEvent]) -> None:
        """ "crushed mass protests", "sloeg de demonstraties neer": a verb whose object is
        the noun of a crowd's event (its type's `crowd`) is done to that crowd."""
        nouns = {e.trigger.first: e for e in events if self._nominal(e.trigger)}
        for event in events:
            if event.roles.get("patient") or self._nominal(event.trigger):
                continue
            end = event.trigger.tokens[-1]
            # "dispersed the protests": the noun may be the pattern's own last word
            # or stand inside a verb's words ("sloeg de protesten neer")
            noun = next(
                (nouns[i] for i in range(event.trigger.first + 1, end + 4) if i in nouns), None
            )
            if noun is None or noun is event or self.types[noun.type].crowd is None:
                continue
            between = self.doc[end + 1 : noun.trigger.first]
            if all(self._noun_phrase_word(t) for t in between):
                # "crushed the mass protests", but "ban parties if the protests continued"
                self._give(event, "patient", self.types[noun.type].crowd)

    def _accused_doers(self, events: list[DraftEvent]) -> None:
        """ "Ukraine accused Russia of attacking civilians": the accused does the act the
        accusation names, and the text does not assert it (CAMEO 112: accuse). "criticised
        Hungary for blocking the aid" (111): the one criticised did it, as the criticism
        takes for granted."""
        for accusation in events:
            code = self.types[accusation.type].cameo or ""
            if not code.startswith(("111", "112")):
                continue
            claim_only = code.startswith("112")
            marks = _ACCUSED_OF if claim_only else _BLAMED_FOR
            if not accusation.roles.get("patient") and claim_only:
                self._accused_before_of_it(accusation, events)
            accused = accusation.roles.get("patient")
            if not accused and not claim_only:
                continue
            for event in events:
                i = event.trigger.first
                before = [t.lower_ for t in self.doc[max(self.start, i - 2) : i]]
                of_act = before[-1:] and (
                    before[-1] in marks
                    or (before[-1] in self.lex.determiners and before[0] in marks)
                )  # "of attacking", "van het sturen"
                opening = max(self.start, accusation.trigger.first - 2)
                between = {t.lower_ for t in self.doc[opening:i]}
                # "beschuldigt Belarus ervan migranten te sturen", "werd ervan beschuldigd …"
                infinitive = bool(between & _OF_IT) and self._non_finite(event.trigger)
                if i <= accusation.trigger.first or not (of_act or infinitive):
                    continue
                # the accuser only says so; "accusing them of supplying drones": an accused
                # no rule names leaves the act without a doer, and still only said
                event.roles.pop("agent", None)
                for entity in accused or ():
                    _withdraw(event, entity)  # "werd ervan beschuldigd X te hebben mishandeld"
                    self._give(event, "agent", entity)
                if claim_only:
                    event.factuality = weakest(event.factuality, "possible")

    def _disapproved_doers(self, events: list[DraftEvent]) -> None:
        """ "The cabinet condemned Iran's attack on Israel": who is condemned, criticised
        or rejected (CAMEO 11, 12) is the doer of the act named as its object."""
        for verdict in events:
            code = self.types[verdict.type].cameo or ""
            if not code.startswith(("11", "12")) or verdict.roles.get("patient"):
                continue
            if self._nominal(verdict.trigger):
                continue
            chunk = next(c for c in self._chunks_cache if c[0] <= verdict.trigger.first < c[1])
            for index, act in enumerate(events):
                noun = self._nominal(act.trigger) or index in self._described_nouns
                if act is verdict or not noun:
                    continue
                if not chunk[0] <= act.trigger.first < chunk[1]:
                    continue
                for entity in act.roles.get("agent", []):
                    if not any(entity in ids for ids in verdict.roles.values()):
                        self._give(verdict, "patient", entity)

    def _appealed_doers(self, events: list[DraftEvent]) -> None:
        """ "France called on Russia to withdraw", "riep Israël op de gijzelaars vrij te
        laten": the one appealed to is to do what follows, and it has not happened. Events
        that are themselves the demand (CAMEO 02, 10) stay as they are."""
        for appeal in events:
            code = self.types[appeal.type].cameo or ""
            if not code.startswith(_APPEAL_ROOTS):
                continue
            for act in events:
                act_code = self.types[act.type].cameo or ""
                if act.trigger.first <= appeal.trigger.tokens[-1] or act_code.startswith(
                    _APPEAL_ROOTS
                ):
                    continue
                if self._asked_for(appeal, act):
                    # "riep op tot onderhandelingen", "opgeroepen tot de-escalatie en
                    # terugkeer naar onderhandelingen": what is asked for has not happened,
                    # and the one who asks does not do it
                    for entity in appeal.roles.get("agent", []):
                        _withdraw(act, entity)
                    act.factuality = weakest(act.factuality, MODALITY_FACTUALITY["intent"])
                    continue
                if not self._infinitive(act.trigger):
                    continue
                if self._verbs_coordinated(appeal.trigger.tokens[-1], act.trigger.first):
                    continue  # "called on X and condemned Y": a verb of its own
                if not appeal.roles.get("patient"):
                    # "riep Israël op … vrij te laten": Dutch word order gave the one
                    # appealed to to the infinitive; it is the appeal's
                    between = [
                        g
                        for g in self._all_groups
                        if appeal.trigger.first < g.start < act.trigger.first
                        and not g.relation_only
                        and not all(  # a country is called on; a town is not
                            self._place_like(m.entity) and self.entity_type[m.entity] != "country"
                            for m in g.mentions
                        )
                    ]
                    if not between:
                        # "Zelensky riep het Westen op wapens te leveren": whoever is to
                        # deliver, the one who appeals does not; and it has not happened
                        for entity in appeal.roles.get("agent", []):
                            _withdraw(act, entity)
                        act.factuality = weakest(act.factuality, MODALITY_FACTUALITY["intent"])
                        continue
                    for m in between[0].mentions:
                        _withdraw(act, m.entity)
                        self._give(appeal, "patient", m.entity)
                if not appeal.roles.get("patient"):
                    continue
                act.roles.pop("agent", None)
                for entity in appeal.roles["patient"]:
                    if not any(entity in ids for ids in act.roles.values()):
                        self._give(act, "agent", entity)
                act.factuality = weakest(act.factuality, MODALITY_FACTUALITY["intent"])

    def _asked_for(self, appeal: DraftEvent, act: DraftEvent) -> bool:
        """Is `act` a noun the appeal asks for: a few words after it, in its clause, with no
        verb between ("called for negotiations", "drong aan op een staakt-het-vuren")?"""
        gap = self.doc[appeal.trigger.tokens[-1] + 1 : act.trigger.first]
        before = self.doc[act.trigger.first - 1].lower_ if act.trigger.first > self.start else ""
        if not (
            self._nominal(act.trigger) or before in self._nominal_markers or before in _ASKED_FOR
        ):
            return False
        if len(gap) > _CUE_REACH + 2 or any(t.text in {".", ";", ":"} for t in gap):
            return False
        return not any(
            t.i in self._trigger_tokens and not self._nominal_at(t.i) for t in gap
        ) and not any(t.lower_ in self._finite_auxiliaries for t in gap)

    def _nominal_at(self, i: int) -> bool:
        return any(self._nominal(t) for t in self._merged if i in t.tokens)

    def _infinitive(self, trigger: Trigger) -> bool:
        """ "to withdraw", "vrij te laten", "terug te trekken": a "to"-infinitive."""
        before = self.doc[trigger.first - 1].lower_ if trigger.first > self.start else ""
        words = [self.doc[i].lower_ for i in trigger.tokens]
        last = trigger.tokens[-1]
        return (
            before in _TO
            or any(w in _TO for w in words)
            or (self.c.lang == "nl" and self._non_finite(trigger) and "te" in words)
            # "wapens te leveren": the object opens the trigger, "te" stands before its verb
            or (self.c.lang == "nl" and last > self.start and self.doc[last - 1].lower_ in _TO)
        )

    def _accused_before_of_it(self, accusation: DraftEvent, events: list[DraftEvent]) -> None:
        """ "beschuldigt Belarus ervan …": the name between the verb and "ervan" is the one
        accused, whatever later verb the Dutch word order gave it to."""
        start = accusation.trigger.tokens[-1] + 1
        it = next((i for i in range(start, self.end) if self.doc[i].lower_ in _OF_IT), None)
        if it is None:
            return
        accused = [m.entity for g in self._all_groups if start <= g.start < it for m in g.mentions]
        for entity in accused:
            for event in events:
                _withdraw(event, entity)
            self._give(accusation, "patient", entity)

    def _parties(self, event: DraftEvent, index: int, in_scope: list[Group]) -> None:
        """ "between X and Y": X and Y are the doers ("talks between X and Y"), and in a
        fight each other's targets too, or, when someone else does it, the ones it is done
        to ("Egypt mediated between X and Y")."""
        role = "patient" if event.roles.get("agent") else "agent"
        # "the war between X and Y": each fights the other, so each is a target too
        mutual = role == "agent" and (self.types[event.type].cameo or "").startswith("19")
        for g in in_scope:
            if g.cue == "parties" and not g.relation_only and g.owner in (None, index):
                for m in g.mentions:
                    self._give(event, role, m.entity)
                    if mutual and self._allowed(event, "patient", m.entity):
                        event.add("patient", m.entity)

    def _compound_doer(self, group: Group, trigger: Trigger, event: DraftEvent) -> bool:
        """Is the group an organisation's or a group's name right before an event noun, as
        in "EU sanctions", "Hamas attack", "NAVO-oefeningen"? It does what the noun says.
        A country's name may be either side ("Russia sanctions" hit Russia): not read; nor
        before words of saying, where a name is the medium ("in a Telegram post")."""
        material = (quad_class(self.types[event.type].cameo) or "").startswith("material")
        return (
            material
            and self._compound_before(group, trigger)
            and all(
                self.entity_type[m.entity] in ("organisation", "government", "group")
                and self._allowed(event, "agent", m.entity)
                for m in group.mentions
            )
        )

    def _compound_before(self, group: Group, trigger: Trigger) -> bool:
        """Is the group a name right before an event noun ("EU sanctions", "EU-sancties")?
        After the end of a motive ("in retaliation for EU sanctions") or an object's
        article ("criticised the UN sanctions") the name opens no clause: a word that may
        be a verb is the noun. An article that opens a clause does ("The EU condemned")."""
        if not (
            self._joined_before(group, trigger.first)
            and all(m.kind == "name" for m in group.mentions)
            and self.doc[group.start].text[:1].isupper()  # a proper name, not "hostages"
        ):
            return False
        if trigger.pattern.form == "verb":
            return False  # "stuurde de VN-vredesmissie weg": the words start at the object
        if group.end != trigger.first:  # "EU-sancties": a hyphen joins
            return self._nominal(trigger)
        # a Dutch clause ends in its verb ("door de FBI gezocht"): only a hyphen joins
        before = self.doc[group.start - 1].lower_ if group.start > self.start else ""
        in_phrase = before in self._motive_ends
        if before in self._determiners and group.start - 2 >= self.start:
            verb = self.doc[group.start - 2]  # "criticised the", not "said the", ", the"
            in_phrase = (
                verb.is_alpha
                and verb.is_lower
                and verb.lemma_.lower() not in self._complement_verbs
                and verb.lower_ not in self._complementizers
                and verb.lower_ not in self._subordinators
            )
        return self.c.lang == "en" and (self._nominal(trigger) or in_phrase)

    def _possessor(self, group: Group, trigger: Trigger) -> bool:
        """Is the group the possessor right before a noun trigger ("Russia's invasion")?"""
        end = group.end
        if end == trigger.first and all(
            m.kind == "pronoun" and self.doc[m.start].lower_ in self._possessives
            for m in group.mentions
        ):
            return True  # "hun toetreding", "their accession"
        if end >= self.end or self.doc[end].text not in {*_POSSESSIVE, "'", "’"}:
            return False
        return trigger.first in (end, end + 1)  # a pattern may start at the "'s" itself

    def _after_preposition(self, trigger: Trigger) -> bool:
        i = trigger.first
        if i - 2 >= self.start and self.doc[i - 2].lower_ in self.lex.measure_nouns:
            return False  # "a package of sanctions": the verb's object
        if len(trigger.tokens) != 1 or trigger.pattern.form or i <= self.start:
            return False
        before = self.doc[i - 1].lower_
        # "arrested on accusations of espionage", "op beschuldiging van": what he was held
        # for, not what he did ("agreed on sanctions" keeps its subject)
        on = before in _ON_WORDS or (  # "on espionage accusations"
            i - 2 >= self.start
            and self.doc[i - 2].lower_ in _ON_WORDS
            and self.doc[i - 1].is_lower
            and self.doc[i - 1].is_alpha
        )
        claim = on and self.doc[i].lower_ in self._claim_nouns
        return before in _NOMINAL_PREPOSITIONS or claim

    def _non_finite(self, trigger: Trigger) -> bool:
        """A Dutch participle ("neergeslagen", "gestuurd") or "te"-infinitive ("vrij te laten")."""
        words = [self.doc[i] for i in trigger.tokens]
        if any(self.doc[i - 1].lower_ == "te" for i in trigger.tokens if i > self.start):
            return True
        first = trigger.first  # "te hebben beschoten", "te zijn ontvoerd": a perfect infinitive
        if (
            first - 2 >= self.start
            and self.doc[first - 2].lower_ == "te"
            and self.doc[first - 1].lower_ in self._verb_words
        ):
            return True
        return any(w.lower_ == "te" for w in words) or any(
            _PARTICIPLE["nl"].match(w.lower_) or w.lower_.startswith("ge") for w in words
        )

    def _subordinate(self, chunk: tuple[int, int]) -> bool:
        return (
            self.doc[chunk[0]].lower_ in self._subordinators and chunk[0] not in self._motive_starts
        )

    def _claim_nominal_objects(self, triggers, groups) -> None:
        """'de arrestatie van Protasevitsj': the name after a noun trigger is its patient."""
        starts = {g.start: g for g in groups}
        for index, t in enumerate(triggers):
            if self._nominal(t):
                for g in groups:  # "de aanval van Iran op Israël": the doer inside its words
                    inside = t.first < g.start and g.end <= t.tokens[-1]
                    if inside and not g.cue and self._after_of(g.start):
                        g.owner, g.cue = index, "agent"
            i = t.tokens[-1] + 1
            direct = starts.get(i)  # "vrijlating Protasevitsj", "annexation of| Crimea"
            last = self.doc[t.tokens[-1]].lower_
            ends_in_of = last in _NOMINAL_OF
            # "de aanval … op| Israël", "sanctions against| Iran": the pattern ends in the
            # preposition that introduces its target
            ends_in_target = self._nominal(t) and (
                last in self.lex.cues or last in _NOMINAL_PREPOSITIONS
            )
            # "de staatsgreep van het leger": the event type says what its "of" names
            genitive = self.types[t.pattern.event].genitive
            if direct is not None and (
                ends_in_of
                or ends_in_target
                or (
                    all(self.entity_type[m.entity] == "person" for m in direct.mentions)
                    and not self._verb_second_subject(t)
                )
            ):
                direct.owner, direct.cue = index, genitive if ends_in_of else "patient"
                continue
            if self._nominal(t) and self._claim_target(index, i, starts):
                continue  # "bij protesten tegen de Iraanse regering kwamen 35 mensen om"
            if ends_in_target and direct is None:
                target = self._phrase_head(i, starts)
                if target is not None and not target.cue:
                    # "a strike on| an Iranian consulate": Iran is the target, no doer
                    target.owner, target.cue = index, "patient"
                    continue
            if i < self.end and self.doc[i].lower_ in _NOMINAL_OF:
                i += 1
                # "van irreguliere migranten", "of several tens of thousands of migrants"
                skipped = 0
                while i < self.end and i not in starts and skipped < _NOMINAL_REACH:
                    token = self.doc[i]
                    if not (token.is_lower or token.like_num) or i in self._trigger_tokens:
                        break
                    i, skipped = i + 1, skipped + 1
                if i in starts and not starts[i].cue:
                    starts[i].owner = index
                    starts[i].cue = genitive
                    if self._nominal(t):  # "de aanslagen van Hamas op| Israël"
                        self._claim_target(index, starts[i].end, starts)

    def _verb_second_subject(self, trigger: Trigger) -> bool:
        """Does the subject follow this Dutch finite verb? "Op 3 mei bedreigde Poetin
        Oekraïne": after a fronted phrase the verb comes second and its subject next."""
        if self.c.lang != "nl" or self._nominal(trigger) or self._non_finite(trigger):
            return False
        chunk = self._chunk_at(trigger.first)
        if chunk is None or chunk[0] != self.start or trigger.first == self.start:
            return False
        return self._inverted(chunk, trigger) or (
            self.start in self._time_starts or self.doc[self.start].lower_ in self._fronted
        )

    def _phrase_head(self, i: int, starts: dict[int, Group]) -> Group | None:
        """The first group of the noun phrase that starts at token i, past its article and
        lowercase words ("an| Iranian consulate", "the| Russian-held town of| X")."""
        j = i
        while j < self.end and j not in starts and j - i <= _NOMINAL_REACH:
            token = self.doc[j]
            if j in self._trigger_tokens or not (token.is_lower or token.like_num):
                return None
            j += 1
        return starts.get(j)

    def _claim_target(self, index: int, i: int, starts: dict[int, Group]) -> bool:
        """A noun trigger's target after a preposition of targets at token i ("tegen de
        regering", "on Israel", "op Israël") is the noun's own, not its clause's verb's."""
        if i >= self.end:
            return False
        word = self.doc[i].lower_
        if self.lex.cues.get(word) != "patient" and word not in _ON_WORDS:
            return False
        j = i + 1
        while j < self.end and j not in starts and j - i <= _NOMINAL_REACH:
            if j in self._trigger_tokens or not self._noun_phrase_word(self.doc[j]):
                break  # "a referendum on independence was| held in Armenia"
            j += 1
        target = starts.get(j)
        if (
            target is None
            or target.owner is not None
            or target.cue not in (None, "patient", "place")
        ):
            return False
        target.owner, target.cue = index, "patient"
        return True

    def _participle_agents(self, triggers, groups) -> None:
        """ "de door Rwanda gesteunde rebellen": the agent before a participle that stands
        before its noun is the participle's alone, not the main verb's doer. So is the
        agent of a participle that describes a noun trigger: "de door Moskou opgelegde
        sancties", "the sanctions imposed by Moscow" are Moscow's sanctions."""
        ends = {g.end: g for g in groups}
        for index, t in enumerate(triggers):
            if self.c.lang == "nl":
                before = ends.get(t.first)
                adjective = self.doc[t.first].lower_.endswith("e")  # "gesteunde", not "gesteund"
                if adjective and self._participle(t):
                    self._own_agent(before, index)
                else:  # an adjective before it: the trigger is a noun
                    self._own_agent(self._agent_before_participle(t.first, ends), index)
            elif not self._english_participle(t.tokens[-1]):
                self._own_agent(self._agent_after_participle(t.tokens[-1] + 1, groups), index)

    def _own_agent(self, group: Group | None, index: int) -> None:
        if group is not None and group.cue == "agent" and group.owner is None:
            group.owner = index
            self._described_nouns.add(index)

    def _agent_before_participle(self, noun: int, ends: dict[int, Group]) -> Group | None:
        """ "door Moskou| opgelegde (economische) sancties": the group before the participle."""
        for i in (noun - 1, noun - 2):
            word = self.doc[i].lower_ if i > self.start else ""
            if word.endswith("e") and _PARTICIPLE["nl"].match(word[:-1]):
                return ends.get(i)
        return None

    def _agent_after_participle(self, i: int, groups: list[Group]) -> Group | None:
        """ "sanctions| imposed (on Russia) by the EU": the group after "by"."""
        if i >= self.end or i in self._trigger_tokens or not self._english_participle(i):
            return None
        for j in range(i + 1, min(self.end, i + _NOMINAL_REACH)):
            token = self.doc[j]
            if token.is_punct or j in self._trigger_tokens:
                return None
            if self.lex.cues.get(token.lower_) == "agent":
                return next((g for g in groups if j < g.start <= j + 3 and g.cue == "agent"), None)
        return None

    def _name_as_modifier(self, i: int) -> bool:
        """Does an English name stand before token i as a noun's modifier, after a
        determiner, an adjective or "of" ("the new EU| sanctions", "of US| sanctions"), not
        as a clause's subject ("Belarus| condemned", "the EU| sanctioned")?"""
        if self.c.lang != "en" or self._past_form(i):
            return False
        word = self.doc[i]
        if word.lemma_ and word.lemma_ != word.lower_ and not word.lower_.endswith("s"):
            return False  # "Members of the guard overthrew": a verb's form, not a noun's
        name = next((g for g in self._all_groups if g.end == i and len(g.mentions) == 1), None)
        if name is None or name.start <= self.start:
            return False
        before = self.doc[name.start - 1]
        return (
            before.lower_ in self._determiners
            or before.lower_ in _NOMINAL_OF
            or self._modifier_word(before)
        )

    def _past_form(self, i: int) -> bool:
        """A participle or past form: "-ed", an irregular one, a Dutch "ge-" form."""
        if self.c.lang == "en":
            return self._english_participle(i)
        return bool(_PARTICIPLE["nl"].match(self.doc[i].lower_))

    def _english_participle(self, i: int) -> bool:
        word = self.doc[i].lower_
        return bool(_PARTICIPLE["en"].match(word)) or word in self._irregular_participles

    def _participle(self, trigger: Trigger) -> bool:
        word = self.doc[trigger.first].lower_
        if self.c.lang == "nl" and word.endswith("e"):
            word = word[:-1]  # "gesteunde": the participle as an adjective
        return len(trigger.tokens) == 1 and bool(_PARTICIPLE[self.c.lang].match(word))

    def _reduced_patient(self, trigger: Trigger, groups: list[Group]) -> list[Group]:
        """The noun a participle describes: "rebels (,) backed by Rwanda", "de door Rwanda
        gesteunde rebellen": it undergoes what the participle says."""
        if not self._participle(trigger):
            return []
        last = trigger.tokens[-1]
        cue_after = last + 1 < self.end and self.lex.cues.get(self.doc[last + 1].lower_) == "agent"
        agent_before = self.c.lang == "nl" and any(
            g.end == trigger.first and g.cue == "agent" for g in groups
        )
        found = []
        for g in groups:
            if g.relation_only or g.cue:
                continue
            gap = self.doc[g.end : trigger.first]
            described = g.end <= trigger.first and all(t.text == "," for t in gap)
            if (cue_after and described) or (agent_before and g.start == last + 1):
                found.append(g)
        return found

    def _after_of(self, i: int) -> bool:
        """Does "of"/"van" (and perhaps a determiner) come right before position i?"""
        before = self.doc[i - 1].lower_
        return before in _NOMINAL_OF or (
            before in self.lex.determiners and self.doc[i - 2].lower_ in _NOMINAL_OF
        )

    # -- roles ---------------------------------------------------------------------------
    def _allowed(self, event: DraftEvent, role: str, entity: str) -> bool:
        entity_type = self.entity_type[entity]
        if role in PLACE_ROLES:
            return entity_type in PLACE_TYPES
        roles = self.types[event.type].roles
        if role in roles:
            return entity_type in roles[role]
        if roles and role != "supporter":
            return False  # the event type lists its roles; this is not one of them
        return entity_type not in {"city", "place"}  # countries act; towns do not

    def _place_like(self, entity: str) -> bool:
        return self.entity_type[entity] in PLACE_TYPES

    def _assign(self, event, index, trigger, in_scope, groups, chunk) -> None:
        uncued: list[Group] = []
        agent_cued = False
        own_doer = False
        # "The coup was condemned by France": a noun that is the subject of a verb of its
        # clause keeps only what it governs ("Russia's annexation of Crimea"); the rest
        # is the verb's
        verbs = [
            t.first
            for t in self._merged
            if trigger.first < t.first < chunk[1] and not self._nominal(t)
        ]
        governed_only = self._nominal(trigger) and bool(verbs)
        for g in in_scope:
            if g.relation_only or (g.owner is not None and g.owner != index):
                continue
            if g.cue == "parties":
                continue  # after the others: see _parties
            between = governed_only and trigger.first < g.start < verbs[0]
            if between and g.cue in PLACE_ROLES:
                pass  # "A terrorist attack in Moscow killed …": the attack's place
            elif governed_only and g.owner != index and not self._attached(g, {trigger.first}):
                if self._possessor(g, trigger):  # "Russia's annexation of Crimea"
                    for m in g.mentions:
                        self._give(event, "agent", m.entity)
                continue
            if g.attribution:
                event.according_to.extend(m.entity for m in g.mentions)
                continue
            attached = self._attached(g, {trigger.first})
            compound = any(m.kind == "name" for m in g.mentions)
            claimed = g.owner == index  # "de kaping van het Ryanair-toestel"
            if g.modifier and not attached and not claimed and (compound or not g.cue):
                continue  # "Trump-extremisten" names the extremists, not Trump
            if self._compound_doer(g, trigger, event):
                for m in g.mentions:  # "EU sanctions", "NAVO-oefeningen"
                    self._give(event, "agent", m.entity)
                own_doer = True
                continue
            if g.cue:
                rest = []
                cue = g.cue
                if g.owner == index and not self.types[event.type].roles.get("patient"):
                    cue = "agent"  # "the influx of migrants": an intransitive event's doer
                for m in g.mentions:
                    if self._give(event, cue, m.entity):
                        agent_cued = agent_cued or (cue == "agent" and g.owner != index)
                        # "de sancties van de EU": the noun's own doer, not the clause's
                        own_doer = own_doer or (cue == "agent" and g.owner == index)
                    elif cue in ("agent", "patient") and self._place_like(m.entity):
                        # "door het grenshek": through; "the capture of the town of X": where
                        self._give(event, "place", m.entity)
                    elif cue in PLACE_ROLES:
                        rest.append(m)  # "een vlucht van RyanAir": not a place, an object
                if rest:
                    uncued.append(Group(rest))
            elif self._possessor(g, trigger) and self._nominal(trigger):
                for m in g.mentions:  # "Iran's attack on Israel"
                    self._give(event, "agent", m.entity)
            elif attached and g.modifier:
                # "the Russian invasion": the doer; "de Franse ambassadeur uitgezet", a
                # pattern whose words start at the verb's object: the one it is done to
                role = "patient" if trigger.pattern.form == "verb" else "agent"
                for m in g.mentions:
                    self._give(event, role, m.entity)
            else:
                uncued.append(g)
        role = trigger.pattern.subject or self.types[event.type].subject
        if governed_only:
            return
        reduced = self._reduced_patient(trigger, groups)
        if reduced:
            for g in reduced:
                self._described.append(g)  # still the subject of the clause's verb
                for m in g.mentions:
                    self._give(event, "patient", m.entity)
            return
        described = self._described_by(trigger)
        if described is not None:  # "the invading Russian troops": they invade
            for m in described.mentions:
                self._give(event, "agent", m.entity)
            return
        if self._after_preposition(trigger):
            # "een einde maken aan iedere vorm van repressie": no subject of its own; what
            # follows it is its object ("accused Russia of attacking civilians")
            for g in uncued:
                if g.start > trigger.first:
                    for m in g.mentions:
                        self._give(event, "patient", m.entity)
            return
        if self._nominal(trigger) and any(
            t is not trigger and chunk[0] <= t.first < chunk[1] and not self._nominal(t)
            for t in self._merged
        ):
            # "heeft de arrestatie van X veroordeeld", "veroordeelt de aanval", "condemned
            # the arrest of X": the subject belongs to the verb
            return
        relative = self._relative_inside(trigger)
        subject = self._subject(
            trigger, uncued, groups, chunk, bool(event.roles.get(role)), relative
        )
        if own_doer:  # "in revenge for EU sanctions": what stands before is another verb's
            subject = None
            uncued = [g for g in uncued if g.start > trigger.first]
        if self._circumstance(trigger):
            # "Bij de bombardementen kwamen twaalf burgers om": the clause's people are the
            # verb's; the noun keeps only what it governs ("bij de aanval van Hamas")
            subject = None
            uncued = [g for g in uncued if self._governed(trigger, g)]
        if subject is not None and self.types[event.type].crowd and self._nominal(trigger):
            # "Kolesnikova was a symbol during last year's protests": the clause's subject
            # does not do what a crowd's noun names; the crowd does (see _crowd_doer)
            uncued = [g for g in uncued if g is not subject]
            subject = None
        if role == "agent" and self._passive(trigger, chunk, agent_cued):
            role = "patient"
        direct_object = self.types[event.type].object
        for g in uncued:
            if g.relation_only or (relative is not None and g.start < trigger.first):
                continue  # "Nederland maakt zich zorgen over de aanvallen die …": no part
            if g is not subject and any(g.end <= m < trigger.first for m in self._motive_starts):
                continue  # "Israel struck Gaza in response to Hamas's attack": not Gaza
            for m in g.mentions:
                if g is subject:
                    given = self._give(event, role, m.entity)
                elif direct_object != "patient" and self._right_after(trigger, g):
                    # "fled Lebanon": the object of leaving is where from
                    given = self._give(event, direct_object, m.entity) or self._give(
                        event, "patient", m.entity
                    )
                else:
                    given = self._give(event, "patient", m.entity)
                if not given and self._place_like(m.entity):
                    self._give(event, "place", m.entity)
        if subject is not None and subject not in uncued:  # an antecedent outside the scope
            for m in subject.mentions:
                self._give(event, role, m.entity)

    def _right_after(self, trigger, group) -> bool:
        """Is the group the verb's direct object: right after the trigger, with at most
        determiners between ("fled the country"), no preposition ("displaced inside Sudan")?"""
        between = self.doc[trigger.tokens[-1] + 1 : group.start]
        return group.start > trigger.tokens[-1] and all(
            t.lower_ in self._determiners for t in between
        )

    def _give(self, event: DraftEvent, role: str, entity: str) -> bool:
        if role == "destination" and self.types[event.type].destination != "destination":
            # "Putin arrived in Pyongyang": where a visit goes is also the one visited
            self._give(event, "place", entity)
            return self._give(event, self.types[event.type].destination, entity)
        if role not in PLACE_ROLES and entity in self.capitals:
            entity = self.capitals[entity]  # "accused Minsk of …": the capital's country acts
        country = self.entity_type.country_of_region(entity)
        if country is not None and role in PLACE_ROLES:  # "from southern Lebanon": both
            self._give(event, role, country)
        elif country is not None:  # "invaded southern Lebanon": Lebanon, in its south
            if entity not in event.roles.get("place", []):
                event.add("place", entity)
            entity = country
        if not self._allowed(event, role, entity):
            return False
        held = [r for r, v in event.roles.items() if r != role and entity in v]
        if held == ["place"] and role in ("agent", "patient"):
            for r in held:  # "Rwanda has stated that asylum in Rwanda …": the doer first
                _withdraw_role(event, r, entity)
        elif held:
            return True  # one role per participant: the first reason wins
        event.add(role, entity)
        whole = self.entity_type.whole_of(entity) if role in ("agent", "patient") else None
        if whole is not None and self._allowed(event, role, whole):
            event.add(role, whole)  # "members of the Security Council condemned …"
        return True

    def _speaker_itself(self, chunk: tuple[int, int], groups: list[Group]) -> Group | None:
        """ "Russia said (that) it had …", "Oekraïne meldt dat het heeft …": "it" right
        after a verb of saying is the one who says so (Dutch "het" only where no noun
        follows it: before an auxiliary, an article, a number or a name)."""
        for i in range(chunk[0], min(chunk[0] + 3, chunk[1])):
            if self.doc[i].lower_ not in self._neuter_pronouns or i - 1 < self.start:
                continue
            verb = i - 1
            if self.doc[verb].lower_ in self._complementizers and verb - 1 >= self.start:
                verb -= 1
            if self.doc[verb].lemma_.lower() not in self._complement_verbs:
                return None
            following = self.doc[i + 1] if i + 1 < self.end else None
            if self.c.lang == "nl" and (
                following is None
                or not (
                    following.lower_ in self._finite_auxiliaries
                    or following.lower_ in self._determiners
                    or following.like_num
                    or following.text[:1].isupper()
                    or _plural_noun(following)  # "dat het drones had geleverd"
                    # no article stands before a preposition or an adverb: "dat het sinds
                    # september 300 drones had neergehaald", "dat het niet …"
                    or following.lower_ in self._fronted_prepositions
                    or following.lower_ in self._fronted
                    or following.lower_ in self.lex.clause_negation
                )
            ):
                return None  # "dat het leger …": an article before a noun
            before = [
                g
                for g in groups
                if g.end <= verb
                and not (g.cue or g.relation_only)
                and not all(self.entity_type[m.entity] in ("city", "place") for m in g.mentions)
            ]
            if not before:
                return None
            gap = self.doc[before[-1].end : verb]
            if len(gap) > 2 or any(
                t.lower_ in self._coordinating_words or t.is_punct or t.i in self._trigger_tokens
                for t in gap
            ):
                return None  # "formed the Council … and stated that it": not the Council
            return before[-1]
        return None

    def _said_before(self, pronoun: int) -> bool:
        """Does a verb of saying or knowing open the clause of "dat"/"that", right before
        it or a few words before ("vertelde donderdag op televisie dat …")?"""
        for i in range(pronoun - 1, max(self.start, pronoun - 6) - 1, -1):
            token = self.doc[i]
            if token.lemma_.lower() in self._complement_verbs:
                return True
            if token.is_punct or i in self._trigger_tokens:
                return False
        return False

    def _relative_inside(self, trigger: Trigger) -> int | None:
        """A relative pronoun right after a trigger word, among the words a pattern skips
        ("aanvallen die … werden uitgevoerd"), if any."""
        tokens = set(trigger.tokens)
        relatives = self.lex.relative_pronouns
        return next(
            (
                i
                for i in range(trigger.first + 1, trigger.tokens[-1])
                if i not in tokens and i - 1 in tokens and self.doc[i].lower_ in relatives
            ),
            None,
        )

    def _noun_before(self, pronoun: int) -> bool:
        """Does a common noun stand right before a relative pronoun? "het geweld dat de
        autoriteiten gebruiken": the clause is about the noun, and no name before it acts
        there."""
        word = self.doc[pronoun - 1]
        if not (word.is_alpha and word.is_lower) or pronoun - 2 < self.start:
            return False
        if self.doc[pronoun].lower_ not in self._complementizers:
            return True  # "women who were detained": "who" follows its noun, never a verb
        opener = self.doc[pronoun - 2]
        if opener.lower_ in self._determiners:
            return True  # "het geweld dat"
        return (
            pronoun - 3 >= self.start
            and self.doc[pronoun - 3].lower_ in self._determiners
            and opener.is_lower
            and opener.lower_.endswith(_ADJECTIVE_ENDINGS[self.c.lang])
        )  # "het harde geweld dat"

    def _clause_start(self, chunk: tuple[int, int]) -> int:
        """Where the clause of a chunk begins: back over commas to a subordinator, if any."""
        start = chunk[0]
        if self._subordinate(chunk) or self.doc[start].lower_ in self._coordinating_words:
            # "nadat de dictator …", ", and eventually stated …": a clause of its own
            return start
        probe = start
        while probe > self.start and self.doc[probe - 1].text == ",":
            previous = next((c for c in self._chunks_cache if c[1] == probe), None)
            if previous is None:
                break
            words = {t.lower_ for t in self.doc[previous[0] : min(previous[0] + 2, previous[1])]}
            if words & set(self.lex.relative_pronouns):
                return previous[0]
            probe = previous[0]
        return start

    def _subject(
        self, trigger, uncued, groups, chunk, filled: bool, relative: int | None
    ) -> Group | None:
        """The group that is the trigger's subject; `relative`: a relative pronoun among the
        words the trigger's pattern skips (`_relative_inside`)."""
        speaker = self._speaker_itself(chunk, groups)
        if speaker is not None:
            return speaker  # "Russia said it had captured …"
        if relative is not None:
            # "de aanvallen die op burgers werden uitgevoerd": the clause is about the
            # noun the pattern starts with; a name before that noun takes no part in it
            inside = [g for g in uncued if relative < g.start < trigger.tokens[-1]]
            return inside[0] if inside else None
        controlled = self._controlled_subject(trigger, uncued)
        if controlled is not None:
            return controlled  # "Belarus allowed Russian troops to … invade Ukraine"
        if self._circumstance(trigger):
            return None  # "Twee Zweden gedood bij terreuraanslag": no doer of the attack
        clause = self._clause_start(chunk)
        if clause != chunk[0]:
            chunk = (clause, chunk[1])  # "migranten die, gefaciliteerd door X, … in te reizen"
        words = [t.lower_ for t in self.doc[chunk[0] : min(chunk[0] + 2, chunk[1])]]
        own_subject = self.c.lang == "en" and any(  # "denied that Belarus had sent …"
            g.start in (chunk[0] + 1, chunk[0] + 2) for g in uncued
        )
        complement = False
        if not own_subject and any(w in self.lex.relative_pronouns for w in words):
            # "sinds die Belarus ...": the antecedent before the clause
            # the antecedent stands right before the pronoun: in "het geweld in
            # Nagorno-Karabach dat burgerslachtoffers heeft gemaakt" no actor does
            before = [g for g in groups if g.end <= chunk[0] and not g.relation_only]
            pronoun = next(i for i in range(chunk[0], chunk[1]) if self.doc[i].lower_ in words)
            gap = self.doc[before[-1].end : pronoun] if before else ()
            if before and all(
                t.text == "," or t.lower_ in self._subordinators or t.lower_ in self._partitives
                for t in gap
            ):  # "de EU, sinds die …", "ECOWAS, the latter of which …"
                antecedent = before[-1]
                if any(t.lower_ in self.lex.latter for t in gap):
                    antecedent = Group(antecedent.mentions[-1:])
                if not all(self._place_like(m.entity) for m in antecedent.mentions):
                    return antecedent
            elif (
                before
                and not self.doc[pronoun - 1].is_punct
                and pronoun - 1 not in self._group_tokens
            ):
                # "Het kabinet heeft dat punt gemaakt": after a verb "dat" is no relative
                # pronoun; the clause's actor stands before. But after a verb of saying
                # or knowing ("eyewitnesses reported that she was beaten") it opens a
                # clause with a subject of its own: the speaker takes no role in it
                complement = self._said_before(pronoun) or self._noun_before(pronoun)
                actors = [
                    g for g in before if not all(self._place_like(m.entity) for m in g.mentions)
                ]
                if (
                    actors
                    and not complement
                    and self.doc[pronoun - 1].lower_ not in self._determiners
                ):
                    return actors[-1]
        if chunk[0] in self._coordinated_clauses:
            # "Het kabinet heeft X veroordeeld en de autoriteiten opgeroepen": the first
            # clause's subject; what stands before the verb here is its object
            shared = self._subordinate_subject(chunk, groups)
            return shared or self._opening_subject(trigger, groups, chunk)
        # "Wij hebben hen opgeroepen": an object pronoun is never the subject
        before = [g for g in uncued if g.start < trigger.first and not self._object_pronoun(g)]
        described = [g for g in self._described if chunk[0] <= g.start < trigger.first]
        if not before and described:
            return described[0]  # "De door Iran gesteunde Houthi's vielen … aan"
        own = [g for g in before if g.start >= chunk[0]]
        if complement and not own:
            return None
        candidate = own[0] if own else before[0] if before else None
        if candidate is not None and self._object_before_and(trigger, candidate, chunk):
            # "Her campaign formed the Council and stated …": the Council is what was
            # formed; the one who stated is the subject before that verb, if named
            opening = [
                g
                for g in groups
                if chunk[0] <= g.start
                and g.end <= self._first_verb(chunk[0], candidate.start)
                and not (g.cue or g.attribution or g.relation_only)
            ]
            return self._title_holder(opening[0], before) if opening else None
        if candidate is not None and candidate in own and self._unnamed_subject(chunk, candidate):
            # "De minister heeft de Iraanse autoriteiten opgeroepen": a subject no rule
            # names stands first; the name after it is the object
            return None
        if candidate is not None and self._speaker_between(
            min(candidate.end, chunk[0]), trigger.first
        ):
            # "Nu Rusland heeft aangevallen, hebben wij …", "Zo heb ik de Iraanse
            # autoriteiten opgeroepen": the speaker acts
            return None
        if candidate is not None:
            # "before Wagner could reach them, Lukashenko brokered …": its own clause's
            return self._title_holder(candidate, before)
        # Dutch verb-second: "Dinsdag viel Rusland …", "Vorige week arresteerde de politie …":
        # a date opens the sentence, and a finite verb follows with no name before it
        opens_sentence = (
            chunk[0] == self.start
            and (self.start in self._time_starts or self.doc[self.start].lower_ in self._fronted)
            and not own
            and not self._non_finite(trigger)
        )
        if self.c.lang == "nl" and (opens_sentence or self._inverted(chunk, trigger)):
            after = [g for g in uncued if g.start > trigger.first]
            right_after = trigger.tokens[-1] + 1
            if trigger.first + 1 not in trigger.tokens:  # "opent de politie het vuur": the
                right_after = trigger.first + 1  # subject inside the pattern's gap
            if (
                after
                and after[0].start > right_after + 1
                and self.doc[right_after].lower_ in self._determiners
                and not self._nominal(trigger)
            ):
                return None  # "In Minsk arresteerde de politie Maria K.": an unnamed subject
            if after:
                return after[0]
        # "De Amerikaan Evan Neumann, door de FBI gezocht ..., heeft asiel aangevraagd"
        opener = self.doc[chunk[0]].lower_
        if filled or self._subordinate(chunk) or opener in self._non_verbs:
            return None
        if self._nominal(trigger) and chunk[0] > self.start:
            return None  # "…, de blokkade van de Gazastrook": a noun in a list, no verb's
        return self._opening_subject(trigger, groups, chunk)

    def _circumstance(self, trigger: Trigger) -> bool:
        """Is the trigger an event noun after "bij", "tijdens", "during" (a determiner between)?
        No verb follows these words, so the trigger is a noun whatever its pattern says."""
        i = trigger.start - 1
        while i > self.start and self.doc[i].lower_ in self._determiners:
            i -= 1
        return i >= self.start and self.doc[i].lower_ in self._circumstances

    def _circumstance_spans(self, merged: list[Trigger]) -> list[tuple[int, int]]:
        """ "During a speech by Maduro, thousands took to the streets", "bij protesten tegen
        de Iraanse regering kwamen 35 mensen om": the phrase a circumstance preposition opens
        (up to punctuation, a verb or a count) names no one in the clause's own events."""
        lowers = token_values(self.doc, "LOWER")
        ids = word_ids(self._circumstances)
        openers = [i for i in range(self.start, self.end) if lowers[i] in ids]
        if not openers:
            return []
        verbs = {
            i
            for t in merged
            if not (self._nominal(t) or self._circumstance(t))  # "bij protesten": a noun
            for i in t.tokens
        }
        spans: list[tuple[int, int]] = []
        for i in openers:
            head = i + 1
            while head < self.end and self.doc[head].lower_ in self._determiners:
                head += 1
            named = next((g for g in self._all_groups if g.start == head), None)
            if named is not None and (
                named.end >= self.end or self.doc[named.end].text in {".", "!", "?"}
            ):
                continue  # "diende een aanvraag in bij de NAVO.": a name, no occasion
            end = i + 1
            while end < self.end and end - i <= 12:
                token = self.doc[end]
                if (
                    token.is_punct
                    or end in verbs
                    or token.lower_ in self._verb_words
                    or token.like_num
                    or token.lower_ in self._count_words
                ):
                    break
                end += 1
            spans.append((i, end))
        return spans

    def _governed(self, trigger: Trigger, group: Group) -> bool:
        """Does the group follow the noun trigger as its "of X", "van X"?"""
        between = self.doc[trigger.tokens[-1] + 1 : group.start]
        return (
            group.start > trigger.tokens[-1]
            and any(t.lower_ in _NOMINAL_OF for t in between)
            and all(t.lower_ in _NOMINAL_OF or t.lower_ in self._determiners for t in between)
        )

    def _controlled_subject(self, trigger, uncued) -> Group | None:
        """The object of a verb like "allow" or "dwingen" does the infinitive after it:
        "Belarus allowed Russian troops to use its territory to invade Ukraine", "dwong
        Israël om gevangenen vrij te laten". The verb stands in the same sentence, before."""
        if not self._object_control or not self._infinitive(trigger):
            return None
        verbs = [
            i
            for i in range(self.start, trigger.first)
            if self.doc[i].lemma_.lower() in self._object_control and i not in self._trigger_tokens
        ]
        if not verbs:
            return None
        after = [g for g in uncued if verbs[-1] < g.start < trigger.first]
        return after[0] if after else None

    def _modal_after_noun(self, trigger, s: int) -> bool:
        """A noun trigger that its clause is about takes the modal of the clause's verb:
        "Sanctions could be imposed on Belarus", "the election will be held in January",
        "sancties kunnen worden opgelegd". Only a few words, none a mark, lie between."""
        end = trigger.tokens[-1]
        opens = trigger.first == self.start or (
            trigger.first == self.start + 1 and self.doc[self.start].lower_ in self._determiners
        )  # "Sanctions could …", "De verkiezingen zullen …"
        if self.c.lang == "nl" and self._verb_final_clause(trigger.first):
            # the verbs close the clause and govern all of it: "dat de EU nieuwe sancties
            # tegen het regime in Minsk zal instellen"
            opens, reach = True, 12
        else:
            reach = 4
        if not (opens or self._nominal(trigger)) or not end < s <= end + reach:
            return False
        return not any(t.is_punct or t.i in self._trigger_tokens for t in self.doc[end + 1 : s])

    def _chunk_at(self, i: int) -> tuple[int, int] | None:
        """The clause chunk that holds the word at i."""
        return next((c for c in self._chunks_cache if c[0] <= i < c[1]), None)

    def _verb_final_clause(self, i: int) -> bool:
        """Is the word at i in a Dutch clause that "dat", "omdat", "als" … opens, where the
        verbs close the clause?"""
        chunk = self._chunk_at(i)
        if chunk is None:
            return False
        opener = self.doc[chunk[0]].lower_
        return opener in self._subordinators or opener in self.lex.complementizers

    def _comma_ends_phrase(self, i: int) -> bool:
        """A comma with a determiner after it ends the cue's phrase: "In response to the
        attacks, the United States struck …" (the US are no destination). Between
        adjectives ("door zwaar bewapende, gemaskerde mannen") the phrase goes on."""
        return (
            self.doc[i].text == ","
            and i + 1 < self.end
            and self.doc[i + 1].lower_ in self._determiners
        )

    def _subordinate_subject(self, chunk, groups) -> Group | None:
        """A coordinated clause that goes on a subordinate one shares its subject, which
        stands right after the subordinator: "waar de RSF de macht hebben gegrepen en …
        burgers hebben vermoord" (the RSF killed them, not the sentence's first name)."""
        previous = next((c for c in self._chunks_cache if c[1] == chunk[0]), None)
        while previous is not None and self.doc[previous[0] - 1].text in _CLOSING_BRACKETS:
            # "de Rapid Support Forces (RSF) de macht …": the bracket cut the clause
            previous = next((c for c in self._chunks_cache if c[1] == previous[0]), None)
        if previous is None or not self._subordinate(previous):
            return None
        own = [
            g
            for g in groups
            if previous[0] <= g.start < chunk[0]
            and not (g.cue or g.attribution or g.relation_only)
            and not self._object_pronoun(g)
        ]
        return own[0] if own else None

    def _opening_subject(self, trigger, groups, chunk) -> Group | None:
        """The name that opens the sentence, as the subject of a later clause."""
        first = next((g for g in groups if not (g.cue or g.attribution)), None)
        if first is not None and first.start < self.sentence_opening_end:
            holder = self._title_holder(first, [g for g in groups if g is not first])
            if holder is not first and holder.start < trigger.first:
                return holder  # "Navalny's spokeswoman, Kira Yarmysh, … and demanded"
        opening = [
            g
            for g in groups
            if g.start < self.sentence_opening_end
            and not (g.cue or g.attribution or g.relation_only)  # "Volgens Kyiv zijn …"
            and not self._object_pronoun(g)
        ]
        if not opening or opening[0].start >= trigger.first:
            return None
        first_chunk = self._chunks_cache[0]
        opener = self.doc[first_chunk[0]]
        if (
            self.c.lang == "en"
            and opener.is_title
            and opener.lower_.endswith("ing")
            and opening[0].end <= first_chunk[1]
        ):
            return None  # "Characterizing it as a march against the military, he …"
        if self._unnamed_subject(first_chunk, opening[0]):
            return None  # "Het leger zou burgers hebben aangevallen en gedood": an object
        if self._subordinate(first_chunk) and chunk[0] >= first_chunk[1]:
            return None  # "After Russia invaded Ukraine, we imposed …": not the main clause's
        if self._speaker_between(opening[0].end, trigger.first):
            return None
        return opening[0]

    def _object_before_and(self, trigger: Trigger, candidate: Group, chunk) -> bool:
        """English "X <verb>ed Y and <trigger>": Y is the first verb's object."""
        if self.c.lang != "en" or self._nominal(trigger) or trigger.first <= chunk[0]:
            return False
        if self.doc[trigger.first - 1].lower_ != "and":
            return False
        return self._first_verb(chunk[0], candidate.start) < candidate.start

    def _first_verb(self, start: int, end: int) -> int:
        """The first word in [start, end) that is a verb: a trigger's, or a past form
        ("formed"); `end` when there is none."""
        for i in range(start, end):
            token = self.doc[i]
            if i in self._group_tokens:
                continue
            if i in self._trigger_tokens or (
                token.is_lower and token.lower_.endswith("ed") and token.lemma_ != token.lower_
            ):
                return i
        return end

    def _unnamed_subject(self, chunk: tuple[int, int], candidate: Group) -> bool:
        """Does a Dutch noun phrase without a name stand as the subject before `candidate`?

        Main clause: "De minister heeft [X] opgeroepen", the phrase before the finite
        auxiliary. Subordinate clause: "dat de minister [X] heeft opgeroepen", a
        determiner and a noun of its own before the name. Dates and adverbs in front
        ("Een dag later heeft Rusland …") are no subject.
        """
        if self.c.lang != "nl":
            return False
        subordinate = self._subordinate(chunk)
        start = chunk[0] + 1 if subordinate else chunk[0]
        words = self.doc[start : candidate.start]
        # "dat zij 15 verdachten had aangehouden": a pronoun no name stands for is the subject
        pronoun = words[0] if words else None
        if subordinate and pronoun is not None and pronoun.lower_ in self._subject_pronouns:
            return pronoun.i not in self._group_tokens
        if not subordinate and self._bare_plural_subject(words):
            return True  # "Commando's hebben president Condé gevangengenomen"
        if not subordinate and self._unnamed_after_fronted_verb(words):
            return True  # "Gisteren heeft de politie twee journalisten gearresteerd"
        if not 2 <= len(words) <= 8 or words[0].lower_ not in self._determiners:
            return False
        # "Een rechtbank in Moskou heeft …": a place after "in" belongs to the phrase
        where = self._place_phrase_tokens(words)
        if any(
            (t.i in self._group_tokens and t.i not in where)
            or t.i in self._time_tokens
            or t.i in self._trigger_tokens
            or t.lower_ in self._fronted
            or t.lower_ in self._coordinating_words  # "… is doorlopend en Nederland zal"
            or not t.is_alpha
            for t in words
        ):
            return False
        if subordinate:
            return any(t.lower_ not in self._determiners and t.is_lower for t in words[1:])
        auxiliaries = [n for n, t in enumerate(words) if t.lower_ in self._finite_auxiliaries]
        return bool(auxiliaries) and auxiliaries[0] >= 2

    def _unnamed_after_fronted_verb(self, words) -> bool:
        """Verb-second after a date or adverb: "Gisteren heeft de politie …", "Vorige week
        liet de junta …". The subject follows the finite verb; an article and a noun that
        no rule names there (no title: "de president Macron") mean an unnamed subject."""
        if not words or not (
            words[0].i in self._time_tokens
            or words[0].lower_ in self._fronted
            or words[0].lower_ in self._inversion_openers
        ):
            return False
        # the verb comes second: one phrase without a name stands before it ("Vorige week")
        i = next((n for n, t in enumerate(words) if t.lower_ in self._finite_auxiliaries), 0)
        if i == 0 or any(t.i in self._group_tokens for t in words[:i]):
            return False
        subject = words[i + 1 :]
        return (
            2 <= len(subject) <= 5
            and subject[0].lower_ in self._determiners
            and subject[1].is_lower
            and all(
                t.is_alpha and t.i not in self._group_tokens and t.i not in self._trigger_tokens
                for t in subject
            )
            and not any(
                t.lower_ in self._title_words and t.lower_ not in self._determiners for t in subject
            )
        )

    def _bare_plural_subject(self, words) -> bool:
        """A plural noun without an article as the subject of a main clause, next to its
        finite auxiliary: "Commando's hebben …", "Gisteren hebben soldaten …"."""
        if len(words) < 2 or words[1].lower_ not in self._finite_auxiliaries:
            return False
        noun = words[0]
        opener = (
            noun.i in self._time_tokens
            or noun.lower_ in self._inversion_openers
            or noun.lower_ in self._fronted
        )
        if opener and len(words) >= 3:  # after a date or adverb the subject follows
            noun = words[2]
            if noun.lower_ in self._subject_pronouns:
                return True  # "Daarna hebben zij Bazoum vastgezet", whoever they are
            return noun.is_alpha and noun.is_lower and self._unnamed_plural(noun)
        if noun.lower_ in self._subject_pronouns and noun.i not in self._group_tokens:
            return True  # "Zij hebben Bazoum vastgezet": a pronoun no name stands for
        return noun.is_sent_start and not opener and self._unnamed_plural(noun)

    def _unnamed_plural(self, token) -> bool:
        """A plural-shaped word no rule read as a name or an event: "soldaten", "Commando's"."""
        return (
            token.i not in self._group_tokens
            and token.i not in self._trigger_tokens
            and token.lower_.endswith(("en", "'s", "’s", "ers", "ars"))
        )

    def _place_phrase_tokens(self, words) -> set[int]:
        """The tokens of names right after a place preposition ("in Moskou") in `words`."""
        prepositions = self._place_prepositions
        out: set[int] = set()
        inside = False
        for t in words:
            if t.lower_ in prepositions:
                inside = True
            elif inside and t.i in self._group_tokens:
                out.add(t.i)
            else:
                inside = False
        return out

    def _speaker_between(self, start: int, end: int) -> bool:
        """Is "ik", "wij", "we" the subject somewhere in [start, end)? A speaker pronoun
        that a rule resolved (a minister's "ik") is a name of its own, not counted here."""
        return any(
            t.lower_ in self._speakers and t.i not in self._group_tokens
            for t in self.doc[start:end]
        )

    def _object_pronoun(self, group: Group) -> bool:
        """ "them", "hen", and the possessives "their", "hun": never a verb's subject, but
        for "most of them", "velen van hen": a part of them, opening the clause, acts."""
        if (
            group.start >= 2
            and self.doc[group.start - 1].lower_ in self._partitives  # "of", "van"
            and self.doc[group.start - 2].lower_ in self._partitives
        ):
            return False
        return all(
            m.kind == "pronoun"
            and (
                self.doc[m.start].lower_ in self._object_pronouns
                or self.doc[m.start].lower_ in self._possessives
            )
            for m in group.mentions
        )

    def _title_holder(self, group: Group, candidates: list[Group]) -> Group:
        """ "China's foreign minister Wang Yi met …": the person holding the title acts,
        not the country that gave it."""
        following = [g for g in candidates if g.start >= group.end]
        if not following:
            return group
        person = following[0]
        gap = self.doc[group.end : person.mentions[0].start]  # its title words included
        if not all(self.entity_type[m.entity] == "person" for m in person.mentions):
            return group
        if all(self.entity_type[m.entity] == "group" for m in group.mentions):
            return group  # "hebben militairen president Bazoum vastgezet": no one's title
        if all(self.entity_type[m.entity] == "person" for m in group.mentions) and not (
            len(gap) and gap[0].lower_ in _POSSESSIVE
        ):
            return group  # a person acts, unless "Navalny's spokeswoman, Kira Yarmysh"
        if [t.text for t in gap] == [","] and self._titled(self.doc[self.start : group.end]):
            # "De hoge vertegenwoordiger van de EU, Kaja Kallas, noemde …", "The foreign
            # minister of France, Jean-Noël Barrot, said": the title's holder acts
            group.relation_only = True
            return person
        # only title words between: "China's foreign minister", not "heeft de journalist";
        # commas around an apposition: "Navalny's spokeswoman, Kira Yarmysh, said"
        if len(gap) > 6 or not all(
            t.lower_ in self._title_gap or t.text in {"-", ","} for t in gap
        ):
            return group
        if not {t.lower_ for t in gap} & self._title_words:
            return group
        group.relation_only = True  # the title's country: no part in the event
        return person

    def _titled(self, phrase) -> bool:
        """Does this phrase name a title and whose it is ("De hoge vertegenwoordiger van de
        EU", "The foreign minister of France")? Its lowercase words are title words,
        determiners and "of"/"van"; its capitalised ones, the body or country."""
        words = [t.lower_ for t in phrase if not t.text[:1].isupper() or t.i == self.start]
        return (
            len(phrase) <= 9
            and bool(set(words) & self._title_words)
            and all(w in self._title_gap or w in self._title_words for w in words)
        )

    def _inverted(self, chunk, trigger: Trigger) -> bool:
        """Dutch verb-second: after "In mei", "Daar", "Tijdens de protesten", the subject
        follows the verb (not for a noun inside that phrase: "Bij hun eerste ontmoeting
        hebben Poetin en Xi …")."""
        opener = self.doc[self.start].lower_
        first = self.doc[chunk[0]].lower_
        openers = self._inversion_openers
        if opener in self._fronted_prepositions and opener not in openers:
            return not self._nominal(trigger)
        if opener in openers or first in openers or self.start in self._motive_starts:
            return True  # "Als reactie op de aanvallen voerden de VS …"
        # "Nadat Rusland binnenviel, legde de EU sancties op": a clause in front inverts too
        first_chunk = self._chunks_cache[0]
        if not self._subordinate(first_chunk) or chunk[0] <= first_chunk[0]:
            return False
        return all(t.text == "," for t in self.doc[first_chunk[1] : chunk[0]])

    def _prefixed_participle(self, i: int) -> bool:
        """ "beschuldigd", "ontvoerd", "ontboden": a participle without "ge" (a strong one
        in -en only when its lemma is another word: "ontbieden", not "ontbreken")."""
        token = self.doc[i]
        word = token.lower_
        if not _PREFIXED_PARTICIPLE.match(word):
            return False
        return word[-1] in "dt" or token.lemma_.lower() not in ("", word)

    def _passive(self, trigger, chunk, agent_cued: bool) -> bool:
        """A passive auxiliary (or an agent cue: "door X", "by X") makes the subject a patient."""
        if agent_cued:
            return True
        auxiliaries = set(self.lex.passive)
        if self.c.lang == "nl":
            # the auxiliary stands before the trigger or right after it ("aangevallen
            # wordt"), not in a clause the trigger's own "dat" opens
            end = min(chunk[1], trigger.tokens[-1] + 2)
            own = set(trigger.tokens)  # "lid worden": the trigger's own verb is no auxiliary
            start = self._list_start(chunk)
            clause = {t.lower_ for t in self.doc[start:end] if t.i not in own}
            if clause & auxiliaries:
                return True
            if clause & self._have_words:
                return False  # "heeft zijn ambassade gesloten": active
            # "zijn … gedood": a participle trigger with "zijn", unless "zijn gevlucht";
            # "zijn" may stand before a "sinds oktober" that opened a chunk
            words = {self.doc[i].lower_ for i in trigger.tokens}
            participle = any(
                _PARTICIPLE["nl"].match(self.doc[i].lower_) or self._prefixed_participle(i)
                for i in trigger.tokens
            )  # "was beschuldigd", "is ontvoerd": no "ge" in a prefixed participle
            if not participle or words & self._be_perfect:
                return False
            start = chunk[0]
            if self.doc[start].lower_ in self.lex.span_openers:
                start = next((c[0] for c in self._chunks_cache if c[1] == start), start)
            # "de ambassadeur is daarop ontboden": a pattern that starts at its object
            # holds the auxiliary among its words
            if any(self._be_auxiliary(i) for i in range(start, trigger.tokens[-1])):
                return True
            # a headline's bare participle: "Twee Zweden gedood bij aanslag in Brussel"
            verbs = self._verb_words | auxiliaries
            return (
                len(words) == 1
                and bool(_BARE_PARTICIPLE.match(*words))
                and not any(
                    self.doc[i].lower_ in verbs for i in range(self.start, self.end) if i not in own
                )
            )
        word = self.doc[trigger.first].lower_
        before = self.doc[max(self.start, trigger.first - 3) : trigger.first]
        participle = word.endswith(("ed", "en")) or word in self.lex.lemmas
        if participle and any(t.lower_ in auxiliaries for t in before):
            return True
        return participle and len(trigger.tokens) == 1 and self._headline_participle(trigger)

    def _headline_participle(self, trigger: Trigger) -> bool:
        """ "Journalist Evan Gershkovich detained in Russia": a line with no closing mark
        and no auxiliary is a headline, and its participle before a preposition is passive."""
        last = self.doc[self.end - 1]
        if last.is_punct and last.text in {".", "!", "?", ";", ":", '"', "”", "’"}:
            return False
        verbs = self._verb_words
        if any(self.doc[i].lower_ in verbs for i in range(self.start, self.end)):
            return False
        after = trigger.first + 1
        return after < self.end and self.doc[after].lower_ in self._headline_prepositions

    def _report_time(self, start: int, end: int, phrases) -> str:
        """How a clause places its event against the day of the report: "before" (the past
        perfect "had taken", or a clause of a span, "since 2012"), "present" ("has
        arrested", "zijn gedood", "wordt gevochten") or "past" (any other). A sentence with
        a relative time ("the next day", "yesterday", "last month") that gave its event no date
        dates it in a way the report's own day does not: "before" too."""
        if self._dated_elsewhen is None:
            self._dated_elsewhen = any(
                t.lower_ in self._elsewhen for t in self.doc[self.start : self.end]
            ) or any(kind in _RELATIVE_TIMES for kind, _, _, _ in phrases)
        if self._dated_elsewhen:
            return BEFORE_REPORT
        words = [self.doc[i].lower_ for i in range(start, end)]
        tenses = {
            i: self._tense_auxiliaries[w]
            for i, w in zip(range(start, end), words, strict=True)
            if w in self._tense_auxiliaries and (w not in self._be_words or self._be_auxiliary(i))
        }
        before = min((i for i, tense in tenses.items() if tense == BEFORE_REPORT), default=None)
        # "Nexta said its editor had been detained": after a verb of saying the past perfect
        # is the reported "has been detained" (the sequence of tenses), not an earlier time
        if before is not None and not any(
            kind == "speech" and self.start <= s < before for kind, _, s, _ in phrases
        ):
            return BEFORE_REPORT
        return PRESENT if set(tenses.values()) == {PRESENT} else PAST

    def _list_start(self, chunk: tuple[int, int]) -> int:
        """Where the clause of a chunk that continues a list of names starts: "werden
        regeringsleider X, president Y en andere leden opgepakt" cuts at the commas, but
        the auxiliary before the first name governs the whole list."""
        start = chunk[0]
        names = self._group_tokens
        while start > self.start:
            mark = self.doc[start - 1].text
            if mark == ",":  # a capitalised name, or a title word and one: "president Y"
                first, second = self.doc[start], self.doc[start + 1]
                listed = (start in names and first.text[:1].isupper()) or (
                    start + 1 in names
                    and second.text[:1].isupper()
                    and first.lower_ not in self._subordinators  # "…, waar ze …"
                )
            else:  # "de Nationale Liga voor Democratie (NLD) opgepakt"
                listed = mark == ")" and start - 2 in names
            if not listed:
                break
            before = self._chunk_at(start - 1)
            if before is None or before[0] >= start - 1:
                break
            start = before[0]
        return start

    def _be_auxiliary(self, i: int) -> bool:
        """Is the word at i "zijn" the verb, not the possessive ("zijn grenzen")? A verb is
        followed by a participle, a name, a number, a determiner or a function word."""
        if self.doc[i].lower_ not in self._be_words:
            return False
        if i + 1 >= self.end or self.doc[i].lower_ not in self._possessives:
            return True  # only "zijn" may be "his": "is", "was", "waren" are the verb
        after = self.doc[i + 1]
        if not (after.is_alpha and after.is_lower) or after.lower_ in self._after_be:
            return True
        if after.like_num:  # "zijn zes demonstranten gedood"
            return True
        return bool(_PARTICIPLE["nl"].match(after.lower_))

    # -- context -------------------------------------------------------------------------
    def _context(self, event, trigger, scope, chunk_of, phrases, times, triggers) -> None:
        in_scope = [t for t in times if chunk_of.get(t.start, -1) in scope]
        # a date opening the sentence ("On 26 July, …") dates all of it; another one only
        # the clauses of its own event
        opening = [t for t in times if t.start < self._first_trigger]
        chosen = in_scope or opening
        if chosen:
            event.time = min(chosen, key=lambda t: abs(t.start - trigger.first)).value
        chunk = chunk_of[trigger.first]
        firsts = [t.first for t in triggers]
        clauses = {chunk}
        if self._same_verb_form(trigger.first - 2, trigger.first):
            # "zou burgers hebben aangevallen en gedood": one clause, split at "en"
            clauses.add(chunk_of.get(trigger.first - 2, chunk))
        chunk_start, chunk_end = self._chunks_cache[chunk][:2]
        event.report_time = self._report_time(chunk_start, chunk_end, phrases)
        subordinators = self._subordinators
        factuality = ASSERTED
        longest = {}  # "als reactie op" is a motive, not the conditional "als"
        for _, _, s, e in phrases:
            longest[s] = max(longest.get(s, 0), e - s)
        for kind, value, s, e in phrases:
            if e - s < longest[s] or s in self._time_tokens:
                continue  # "In May, …" names a month; it says nothing of what may be
            if kind == "stance" and s < trigger.first and not self._reported(e, trigger, value):
                factuality = weakest(factuality, value)  # "ontkende dat …": all that follows
            # a modal before the trigger, or after a noun trigger the clause is about
            # ("the election will be held")
            # inside a split verb too: "laat naar verwachting dertien gijzelaars vrij"
            # (not a pattern's own words: "demanded his body should be returned")
            inside_verb = (
                self.c.lang == "nl"
                and trigger.first < s
                and e <= trigger.tokens[-1]
                and s not in trigger.tokens
            )
            if not (
                kind == "modality"
                and chunk_of.get(s) in clauses
                and (s < trigger.first or inside_verb or self._modal_after_noun(trigger, s))
            ):
                continue
            between = [f for f in firsts if s < f < trigger.first]
            if (
                between
                and not self._same_verb_form(between[-1], trigger.first)
                and (value == "attempt" or self._coordinated(between[0], trigger.first))
            ):
                # "tried to seize": the next event word only; "will" takes the clause, up to
                # a second verb of its own ("willen sancties … en eisen vrijlating")
                continue
            if self.doc[s].lower_ in subordinators and s != chunk_start:
                continue  # "als" opens a condition only at the start of its clause
            if value == "attempt":
                event.modality = value
            factuality = weakest(factuality, MODALITY_FACTUALITY[value])
        factuality = weakest(factuality, self._noun_hedge(trigger))
        negations = set(self.lex.negation)
        window = list(self.doc[max(self.start, trigger.first - 3) : trigger.first])
        stops = [k for k, t in enumerate(window) if t.lower_ in self.lex.coordinators]
        window = window[stops[-1] + 1 :] if stops else window  # "erkent … niet en dreigt"
        # "sancties nog niet ingesteld"; a negation word the pattern names is its own
        # ("held without charge")
        inside = [
            t for t in self.doc[trigger.first : trigger.tokens[-1]] if t.i not in trigger.tokens
        ]
        focus = self.lex.focus_particles
        window = [  # "niet alleen Oekraïne aangevallen": not only, so all the more
            t for t in window if not (t.i + 1 < self.end and self.doc[t.i + 1].lower_ in focus)
        ]
        if (
            any(t.lower_ in negations for t in [*window, *inside])
            or self._denied_after(trigger, negations)
            or self._negated_middle(trigger, chunk_start)
        ):
            factuality = weakest(factuality, "negated")
        if self._asked(trigger):
            factuality = "question"  # a question asserts nothing, whatever its words
        event.factuality = factuality
        if self.doc[self.start].lower_ in self.lex.place_anaphora:
            event.inherits_context = True

    def _noun_hedge(self, trigger: Trigger) -> str:
        """What a word in the event noun's own phrase says of it: "a possible attack", "the
        next election", "de geplande verkiezingen". A determiner or a mark ends the phrase."""
        if not self.lex.noun_modality:
            return ASSERTED
        # before a verb trigger only the word next to it, or an adjective and one more word
        # ("a possible early election"): "the next day police arrested" hedges no arrest
        reach = 3 if self._nominal(trigger) else 2
        for distance, token in enumerate(
            reversed(self.doc[max(self.start, trigger.first - reach) : trigger.first]), 1
        ):
            value = self.lex.noun_modality.get(token.lower_)
            if value is not None:
                verb_like = token.lower_.endswith(("ed", "de", "te", "en"))
                if distance == 1 or reach == 3 or not verb_like:
                    return MODALITY_FACTUALITY[value]
            if token.is_punct or token.lower_ in self._determiners or not token.is_lower:
                break
        return ASSERTED

    def _same_verb_form(self, first: int, second: int) -> bool:
        """Two verbs of one form joined by a coordinator ("allegedly attacking and killing",
        "zou hebben aangevallen en gedood"): what hedges the first hedges the second."""
        if first < self.start or second - first != 2:
            return False
        if self.doc[first + 1].lower_ not in self._coordinating_words:
            return False
        a, b = self.doc[first], self.doc[second]
        if any(a.lower_.endswith(end) and b.lower_.endswith(end) for end in ("ing", "ed")):
            return True
        if self.c.lang == "nl":  # participles, or infinitives after "zal", "wil"
            participle = _PARTICIPLE["nl"]
            return bool(participle.match(a.lower_) and participle.match(b.lower_)) or (
                a.lower_ == a.lemma_ and b.lower_ == b.lemma_ and a.lower_.endswith("en")
            )
        return a.lower_ == a.lemma_ and b.lower_ == b.lemma_  # "will invade and occupy"

    def _negated_middle(self, trigger: Trigger, chunk_start: int) -> bool:
        """A verb at the end of its clause is negated by a "niet", "geen" or "nooit" anywhere
        before it in the clause: "Hij heeft nooit met de oppositie onderhandeld". Not by
        "niet alleen" ("not only"), nor across a mark, "en" or another event word."""
        words = self.lex.clause_negation
        if not words:
            return False
        last = self.doc[trigger.tokens[-1]]
        verb_shaped = (
            bool(_PARTICIPLE[self.c.lang].match(last.lower_))
            or (last.lower_ == last.lemma_ and last.lower_.endswith("en"))
            or any(
                t.lower_ in self._finite_auxiliaries for t in self.doc[chunk_start : trigger.first]
            )
        )  # "heeft nooit … onderhandeld": the auxiliary shows the verb
        if self._nominal(trigger) and not verb_shaped:
            return False
        end = trigger.tokens[-1] + 1
        if (
            end < self.end
            and not self.doc[end].is_punct
            and self.doc[end].lower_ not in self._coordinating_words
        ):
            return False  # the verb does not close its clause: the near window decides
        for i in range(trigger.first - 1, chunk_start - 1, -1):
            token = self.doc[i]
            if token.is_punct or token.lower_ in self._coordinating_words:
                return False
            if i in self._trigger_tokens:
                return False
            if token.lower_ in words:
                after = self.doc[i + 1].lower_ if i + 1 < self.end else ""
                if i > self.start and self.doc[i - 1].lower_ in self._determiners:
                    continue  # "in een niet nader genoemd land": it negates the adjective
                return after not in self.lex.focus_particles
        return False

    def _denied_after(self, trigger: Trigger, negations: set[str]) -> bool:
        """A noun trigger whose clause ends in a negated participle: "heeft de sancties nog
        niet ingesteld", "sanctions were not imposed"."""
        if not self._nominal(trigger):
            return False
        chunk = self._chunk_at(trigger.first)
        end = chunk[1] if chunk else self.end
        participle = _PARTICIPLE[self.c.lang]
        for i in range(trigger.tokens[-1] + 1, end):
            if self.doc[i].lower_ in negations and any(
                participle.match(t.lower_) for t in self.doc[i + 1 : min(i + 3, end)]
            ):
                return True
        return False

    def _verbs_coordinated(self, start: int, end: int) -> bool:
        """Is there an "and" between two positions that joins verbs, not names ("called on
        the United States and Germany to send": one appeal to two countries)?"""
        starts = {g.start for g in self._all_groups}
        for i in range(start, end):
            if self.doc[i].lower_ not in self._coordinating_words:
                continue
            inside = any(g.start < i < g.end for g in self._all_groups)
            after = i + 1 + (i + 1 < end and self.doc[i + 1].lower_ in self._determiners)
            if not inside and after not in starts:
                return True
        return False

    def _coordinated(self, start: int, end: int) -> bool:
        """Is there a coordinating word ("and", "en") between two positions?"""
        return any(t.lower_ in self._coordinating_words for t in self.doc[start:end])

    def _reported(self, start: int, trigger: Trigger, stance: str) -> bool:
        """Does a question's heading point to a report that asserts the event? "Vragen van
        het lid X over het bericht dat het leger een staatsgreep heeft gepleegd"."""
        if stance != "question":
            return False
        words = " ".join(t.lower_ for t in self.doc[start : trigger.first])
        return any(phrase in words for phrase in self.lex.question_reports)

    def _asked(self, trigger: Trigger) -> bool:
        """Is the trigger asked about? Not when it is in a quoted headline or a report the
        question points to: "Bent u bekend met het bericht «X valt Y aan»?" asks whether
        you know it; the report asserts the attack."""
        if "?" not in {t.text for t in self.doc[max(self.start, self.end - 3) : self.end]}:
            return False
        before = self.doc[self.start : trigger.first]
        opened = sum(t.text in _OPENING_QUOTES for t in before)
        closed = sum(t.text in _CLOSING_QUOTES for t in before)
        straight = sum(t.text == '"' for t in before)
        if opened > closed or straight % 2:
            return False
        words = " ".join(t.lower_ for t in before)
        return not any(phrase in words for phrase in self.lex.question_reports)

    def _origin_doer(self, event: DraftEvent) -> None:
        """ "weapons from the US were exported to …": who a delivery comes from delivers."""
        if not self.types[event.type].origin_acts or event.roles.get("agent"):
            return
        for entity in list(event.roles.get("origin", [])):
            if self.entity_type[entity] in ("country", "government", "organisation"):
                _withdraw(event, entity)
                self._give(event, "agent", entity)

    def _caused_by_nouns(self, events: list[DraftEvent]) -> None:
        """ "The Hamas-led attack on Israel killed 1,200 people", "De Russische aanval
        doodde tien burgers": an event noun that is the subject of a verb's event gives it
        its doer (who attacked killed), when the verb names none of its own."""
        nouns = [e for e in events if self._nominal(e.trigger) and e.roles.get("agent")]
        for event in events:
            if event.roles.get("agent") or self._nominal(event.trigger):
                continue
            cause = next(
                (
                    n
                    for n in reversed(nouns)
                    if n.trigger.tokens[-1] < event.trigger.first
                    and self._subject_phrase(self._phrase_end(n.trigger), event.trigger.first)
                ),
                None,
            )
            if cause is None:
                # behind "by" or "in" and an article, any trigger is a noun
                cause = self._cause_after(
                    event, [e for e in events if e is not event and e.roles.get("agent")]
                )
            if cause is None:
                cause = self._cause_before(event, events)
            if cause is None:
                continue
            for entity in cause.roles["agent"]:
                if not any(entity in ids for ids in event.roles.values()):
                    self._give(event, "agent", entity)

    def _cause_before(self, event: DraftEvent, events: list[DraftEvent]) -> DraftEvent | None:
        """ "Bij een Russische raketaanval op Charkiv zijn twee burgers omgekomen", "During an
        Israeli strike, five people were killed": an act of force in the circumstance phrase
        that opens the sentence did the violence of its verb (a killing, itself an act of
        force or a death), not its other acts ("During the war, millions fled")."""
        if not self._forceful(event.type):
            return None
        for noun in events:
            if noun is event or not noun.roles.get("agent") or not self._forceful(noun.type):
                continue
            if noun.trigger.first >= event.trigger.first:
                continue
            i = noun.trigger.first - 1
            while i > self.start and (
                self._noun_phrase_word(self.doc[i]) or i in self._group_tokens
            ):
                i -= 1  # "een Russische| raketaanval": back over the noun's own phrase
            if i == self.start and self.doc[i].lower_ in self._circumstances:
                return noun
        return None

    def _forceful(self, type_id: str) -> bool:
        """An act of force or a death: CAMEO 18-20 and kg's DIE."""
        code = self.types[type_id].cameo or ""
        return code[:2] in ("18", "19", "20") or code == "DIE"

    def _phrase_end(self, trigger: Trigger) -> int:
        """The word after a trigger and every trigger that overlaps it ("missile strike"
        and "strike on" in "a missile strike on Kharkiv")."""
        own = set(trigger.tokens)
        ends = [t.tokens[-1] for t in self._triggers if own & set(t.tokens)]
        return max(ends, default=trigger.tokens[-1]) + 1

    def _cause_after(self, event: DraftEvent, nouns: list[DraftEvent]) -> DraftEvent | None:
        """ "was killed by a U.S. drone strike", "killed in an Israeli airstrike", "kwamen om
        bij een Russische raketaanval": an attack noun right after the verb, behind "by",
        "in" or "bij", is how it happened; who attacked did it. Only acts of force
        (CAMEO 18-20) cause so: the protesters of "bij protesten" killed no one."""
        after = event.trigger.tokens[-1] + 1
        if after >= self.end:
            return None
        word = self.doc[after].lower_
        if self.lex.cues.get(word) not in ("agent", "place") and word not in self._circumstances:
            return None
        for noun in nouns:
            if (
                noun.trigger.first > after
                and self._forceful(noun.type)
                and self._subject_phrase(after + 1, noun.trigger.first)
            ):
                return noun
        return None

    def _subject_phrase(self, start: int, end: int) -> bool:
        """Do the words from start to end only complete a noun ("on Israel", "op Kyiv")?
        No verb, auxiliary, clause mark or other trigger stands between."""
        if end - start > 6:
            return False
        for i in range(start, end):
            token = self.doc[i]
            if token.is_punct and token.text != "-":
                return False
            if token.lower_ in self._verb_words or i in self._trigger_tokens:
                return False
            if (
                token.lower_ in self._coordinating_words
                or token.lower_ in self.lex.relative_pronouns
            ):
                return False
        return True

    def _destination_receiver(self, event: DraftEvent) -> None:
        """ "supplied drones to Russia": who a gift goes to receives it (the patient); a
        place it goes to ("aid to Gaza City") stays a destination."""
        if not self.types[event.type].destination_receives or event.roles.get("patient"):
            return
        for entity in list(event.roles.get("destination", [])):
            if self._allowed(event, "patient", entity):  # the type's receivers, not a town
                _withdraw(event, entity)
                self._give(event, "patient", entity)

    def _crowd_doer(self, event: DraftEvent, clause: tuple[int, int]) -> None:
        """ "Honderden mensen gingen de straat op": unnamed people who do what a type names
        a crowd for (its `crowd`, the protesters) are that group, not the group the story
        is most about ("Tens of thousands of people rallied": not "Georgians")."""
        crowd = self.types[event.type].crowd
        if crowd is None:
            return
        words = (i for i in range(*clause) if self.doc[i].lower_ in self._crowd_words)
        counts = (i for i in range(*clause) if self.doc[i].lower_ in self._count_words)
        word = next(words, None)
        if word is None:
            word = next(counts, None)  # "Hundreds of thousands marched": the count names them
        if word is None and self._nominal(event.trigger) and not event.roles.get("agent"):
            word = event.trigger.first  # "the protests": the protesters, told by the noun
        if word is None:
            return
        agents = event.roles.get("agent", [])
        if any(self.entity_type[a] != "group" for a in agents):
            return  # a doer the text names: "the opposition brought people to the streets"
        for group in list(agents):
            _withdraw_role(event, "agent", group)
        if self._give(event, "agent", crowd):
            event.crowd_word = word

    def _counted_crowd(self, events: list[DraftEvent]) -> None:
        """ "Dozens of people were killed in the protests": the people a sentence counts
        without naming them are the crowd of its protest (a type's `crowd`) when one is told."""
        crowds = [
            crowd
            for e in events
            if (crowd := self.types[e.type].crowd) is not None and crowd in e.roles.get("agent", [])
        ]
        if not crowds:
            return
        for event in events:
            role = self.types[event.type].counted
            if event.counted and role is not None and not event.roles.get(role):
                self._give(event, role, crowds[0])

    def _counts_people(self, clause: tuple[int, int]) -> bool:
        """ "40 people were killed", "vielen 300 doden", "Hundreds have died": the clause
        counts people it does not name, so its event stands without a named participant."""
        for i in range(*clause):
            word = self.doc[i].lower_
            if word in self._counted_nouns:
                before = self.doc[max(clause[0], i - 3) : i]
                if any(t.like_num or t.lower_ in self._count_words for t in before):
                    return True
            elif word in self._count_words and i + 1 < clause[1]:
                after = self.doc[i + 1].lower_
                if after in self._finite_auxiliaries or after in self._be_words:
                    return True  # "Hundreds have died", "Tientallen zijn omgekomen"
                if after in _NOMINAL_OF and i + 2 < clause[1] and self.doc[i + 2].is_title:
                    return True  # "Thousands of Rohingya have fled": a people by its name
        return False

    def _keep(self, event: DraftEvent) -> bool:
        event_type = self.types[event.type]
        return (
            event_type.standalone
            or event.counted
            or any(event.roles.get(r) for r in event_type.requires)
        )

    def _motives(self, events, phrases) -> None:
        """'uit wraak voor Europese sancties': the event right after the cue is the motive."""
        for kind, _, _, e in phrases:
            if kind != "motive":
                continue
            before = [ev for ev in events if ev.trigger.first < e]
            after = [ev for ev in events if e <= ev.trigger.first <= e + 3]
            if before and after:
                after[0].motive_of = before[-1]


def _closed_by_and(links: list[str | None]) -> bool:
    """Do the next links go on, comma by comma, to an "and" ("A, B, C and D")? A name
    with no link to the next one ends the list ("the invasion of Ukraine, Prigozhin …")."""
    for kind in links:
        if kind != "comma":
            return kind == "word"
    return False


def _withdraw_role(event: DraftEvent, role: str, entity: str) -> None:
    values = [e for e in event.roles.get(role, []) if e != entity]
    if values:
        event.roles[role] = values
    else:
        event.roles.pop(role, None)


def _withdraw(event: DraftEvent, entity: str) -> None:
    """Take an entity out of every role of an event; a role left empty goes."""
    for ids in event.roles.values():
        if entity in ids:
            ids.remove(entity)
    event.roles = {r: ids for r, ids in event.roles.items() if ids}


def _outranks(a: Trigger, b: Trigger) -> bool:
    """Does trigger `a` take the words it shares with `b` (a longer match, else the first)?"""
    if a is b or a.pattern.event == b.pattern.event:
        return False
    # a word the pattern skips, right before one of its own, modifies it: "filed a
    # genocide case against" (but "kondigde militaire steun voor Israël aan" is aid)
    modifies = a.first <= b.first and b.tokens[-1] + 1 in a.tokens
    if not (modifies or set(a.tokens) & set(b.tokens)):
        return False
    return (a.end - a.start, -a.start) > (b.end - b.start, -b.start)


def _plural_noun(token) -> bool:
    """A lowercase plural noun ("drones", "tanks", "soldaten"): its lookup lemma is another
    word, or it ends in a plural -s after a vowel or a consonant other than s. Dutch "het"
    is no article before one ("dat het drones had geleverd")."""
    word, lemma = token.lower_, token.lemma_.lower()
    if not token.is_lower or len(word) < 5:
        return False
    if lemma and lemma != word and word.endswith(("en", "s")):
        return True
    return word.endswith("s") and word[-2] not in "sui"
