"""The rules as plain data: what the YAML files say, validated, with where it was said."""

from __future__ import annotations

from dataclasses import dataclass, field

ENTITY_TYPES = ("person", "organisation", "government", "country", "city", "place", "group")
PLACE_TYPES = ("country", "city", "place")
CONTEXT_KEY = "CONTEXT"  # a pattern token that must match but is no trigger word
ROLES = ("agent", "patient", "supporter", "origin", "destination", "place", "recipient")
# what a cue may give: a role, or "parties" ("between X and Y": the doers, or the ones
# acted on when someone else acts, as in "mediated between X and Y")
CUE_ROLES = (*ROLES, "parties")
# how an auxiliary places its clause against the day of the report (tense_auxiliaries)
PRESENT, PAST, BEFORE_REPORT = "present", "past", "before"
TENSES = (PRESENT, PAST, BEFORE_REPORT)
LANGS = ("nl", "en")
# properties an entity may have towards another (rdf/ontology.py maps each to its IRI)
RELATION_PROPERTIES = ("partOf", "leaderOf", "capitalOf", "countryOfOrigin", "nationality")


@dataclass(frozen=True)
class Example:
    """A sentence a rule must (or must not) match, with the roles it must find."""

    text: str
    roles: dict[str, tuple[str, ...]]
    source: str  # file:line


@dataclass
class EntityRule:
    id: str
    type: str
    labels: dict[str, str]
    aliases: list[str]
    adjectives: dict[str, list[str]]
    demonyms: dict[str, list[str]]
    relations: dict[str, str]
    wikidata: str | None
    description: dict[str, str]
    source: str


@dataclass
class InstitutionRule:
    """A part of a country or organisation named by a noun: 'de Poolse regering'."""

    id: str
    type: str
    labels: dict[str, str]
    nouns: dict[str, list[str]]
    source: str
    # "the members of the Security Council condemned …": what they do, the whole does too
    acts_for_whole: bool = False


@dataclass
class EventTypeRule:
    id: str
    labels: dict[str, str]
    cameo: str | None
    roles: dict[str, tuple[str, ...]]  # role -> allowed entity types
    subject: str  # role of the active-voice subject
    standalone: bool  # may stand without agent or patient (states, meetings)
    source: str
    requires: tuple[str, ...] = ("agent", "patient")  # at least one of these must be found
    genitive: str = "patient"  # role of "X" in "the <event> of X" ("the coup of the army")
    object: str = "patient"  # role of the verb's object ("fled Lebanon": the origin)
    destination: str = "destination"  # role of "to X": a visit's is the one visited
    origin_acts: bool = False  # "weapons from the US were exported to …": the US supplies
    destination_receives: bool = False  # "supplied drones to Russia": Russia receives them
    crowd: str | None = None  # the group unnamed people are who do this ("mensen": protesters)
    # the role of a count of unnamed people, on which it stands: "40 people were killed"
    counted: str | None = None
    covers: tuple[str, ...] = ()  # types its words tell too: "won the election", no Election


@dataclass
class PatternRule:
    """A spaCy Matcher token pattern that signals one event type in one language."""

    id: str
    lang: str
    event: str
    match: list[dict]
    subject: str | None
    examples: list[Example]
    counterexamples: list[Example]
    source: str
    form: str | None = None  # "noun" or "verb"; None: decided by the words around it
    # indices of match tokens marked CONTEXT: they must be there but are no trigger words
    # ("viel Israël aan| in de Golan": "in" shows the particle ends the verb, "in" stays a cue)
    context: frozenset[int] = frozenset()


@dataclass
class Lexicon:
    """Function words and cues of one language that the role and time rules read."""

    lang: str
    cues: dict[str, str] = field(default_factory=dict)  # phrase -> role
    attribution: list[str] = field(default_factory=list)  # "volgens", "according to"
    speech_verbs: list[str] = field(default_factory=list)  # "X said", "X zei": X is the source
    # of the verbs of saying, those whose object event is the speaker's own act: "the US
    # announced new sanctions" (the US imposes them), unlike "Russia reported attacks"
    announcing_verbs: list[str] = field(default_factory=list)
    span_openers: list[str] = field(default_factory=list)  # "since": a year after it is no date
    time_bounds: list[str] = field(default_factory=list)  # "by 1 January": a deadline, no date
    time_bound_qualifiers: list[str] = field(default_factory=list)  # "by *late* August"
    exceptions: list[str] = field(default_factory=list)  # "with the exception of X": no role
    instances: list[str] = field(default_factory=list)  # "organisations such as X": X is one
    motive: list[str] = field(default_factory=list)  # "uit wraak voor"
    origin: list[str] = field(default_factory=list)  # "afkomstig uit" after a group
    modality: dict[str, str] = field(default_factory=dict)  # phrase -> one of MODALITIES
    # "a possible attack", "the next election": a word that hedges only the event noun after it
    noun_modality: dict[str, str] = field(default_factory=dict)
    stance: dict[str, str] = field(default_factory=dict)  # phrase -> factuality of the rest
    question_reports: list[str] = field(default_factory=list)  # "aware of the report that"
    negation: list[str] = field(default_factory=list)
    alias_cues: list[str] = field(default_factory=list)  # "also known as": the same person
    # "zijn *zeker* zes demonstranten gedood": words of number before a noun
    quantifiers: list[str] = field(default_factory=list)
    # "heeft nooit … onderhandeld": negates a clause-final verb from anywhere in its clause
    clause_negation: list[str] = field(default_factory=list)
    focus_particles: list[str] = field(default_factory=list)  # "niet alleen": no negation
    passive: list[str] = field(default_factory=list)  # auxiliary lemmas
    # "zijn gedood": "to be" with a participle is a passive, unless the participle is of a
    # verb whose perfect takes "to be" ("zijn gevlucht")
    passive_be: list[str] = field(default_factory=list)
    perfect_have: list[str] = field(default_factory=list)  # "heeft … gesloten": active
    tense_auxiliaries: dict[str, str] = field(default_factory=dict)  # "has" -> present
    contrast_words: list[str] = field(default_factory=list)  # "but": a clause apart
    fronted_prepositions: list[str] = field(default_factory=list)  # "Tijdens …": inversion
    object_followers: list[str] = field(default_factory=list)  # "pakte haar op": "her", no "her X"
    # past participles without "-ed" ("led", "taken"): "the coup led by X" is X's coup
    irregular_participles: list[str] = field(default_factory=list)
    # "a package of sanctions": the event noun after one is the verb's object, as if bare
    measure_nouns: list[str] = field(default_factory=list)
    # words that, opening a sentence, put the subject after the verb: "Gisteren viel Rusland …"
    fronted_adverbs: list[str] = field(default_factory=list)
    be_perfect: list[str] = field(default_factory=list)
    subordinators: list[str] = field(default_factory=list)
    # "a coup occurred when the guard detained the president": the clause tells who took part
    joint_clauses: list[str] = field(default_factory=list)
    coordinators: list[str] = field(default_factory=list)
    determiners: list[str] = field(default_factory=list)
    plural_pronouns: list[str] = field(default_factory=list)
    person_pronouns: list[str] = field(default_factory=list)  # "he", "hij": a person just named
    relative_pronouns: list[str] = field(default_factory=list)
    object_pronouns: list[str] = field(default_factory=list)  # "hen", "them": never a subject
    possessive_pronouns: list[str] = field(default_factory=list)  # "their": a noun's doer
    reciprocals: list[str] = field(default_factory=list)  # "each other": doers are targets
    neuter_pronouns: list[str] = field(default_factory=list)  # "Russia said it had …"
    speaker_pronouns: list[str] = field(default_factory=list)  # "ik", "we": the speaker acts
    finite_auxiliaries: list[str] = field(default_factory=list)  # "heeft", "zal": verb-second
    partitives: list[str] = field(default_factory=list)  # "the latter of which"
    complement_verbs: list[str] = field(default_factory=list)  # "reported that": lemmas
    object_control_verbs: list[str] = field(default_factory=list)  # "allowed X to": lemmas
    complementizers: list[str] = field(default_factory=list)  # "that": also a conjunction
    latter: list[str] = field(default_factory=list)  # "the latter": the last name only
    follower_nouns: list[str] = field(default_factory=list)  # "Trump supporters": not Trump
    # "eastern Ukraine", "Oost-Oekraïne": compass word -> the English word of the region's id
    compass_parts: dict[str, str] = field(default_factory=dict)
    place_anaphora: list[str] = field(default_factory=list)  # "daar", "there"
    country_anaphora: list[str] = field(default_factory=list)  # "het land"
    country_nouns: list[str] = field(default_factory=list)  # "the West African nation of"
    # "dismissed the allegation that …": a verb of rejecting, a claim noun, then what is denied
    denial_verbs: list[str] = field(default_factory=list)
    claim_nouns: list[str] = field(default_factory=list)
    pair_anaphora: dict[str, str] = field(default_factory=dict)  # "beide landen" -> country
    administration_nouns: list[str] = field(default_factory=list)  # "the Maduro administration"
    # "a military coup", "een militaire staatsgreep": the word names the body (institution
    # id) of the country the text is about as the doer of the event noun after it
    body_adjectives: dict[str, str] = field(default_factory=dict)
    body_event_nouns: list[str] = field(default_factory=list)  # "coup", "staatsgreep"
    people_nouns: list[str] = field(default_factory=list)  # "mensen": the story's main group
    # "hundreds", "tientallen": a count that stands for people; "doden", "pupils": people a
    # number before them counts
    count_words: list[str] = field(default_factory=list)
    counted_nouns: list[str] = field(default_factory=list)
    # groups "people" never stands for: "1200 mensen kwamen om" are not the hostages' captors
    not_people: list[str] = field(default_factory=list)
    # "Jovenel Moïse, a businessman": nouns for one person, cues of an apposition
    person_nouns: list[str] = field(default_factory=list)
    place_heads: list[str] = field(default_factory=list)  # "Airport": "Minsk National Airport"
    vehicle_nouns: list[str] = field(default_factory=list)  # "the plane": the airline last named
    name_cues: list[str] = field(default_factory=list)  # "volgens": a person's name follows
    organisation_heads: list[str] = field(default_factory=list)  # "Amnesty International"
    titles: dict[str, dict[str, str]] = field(default_factory=dict)
    lemmas: dict[str, str] = field(default_factory=dict)  # surface form -> lemma
    months: dict[str, int] = field(default_factory=dict)
    weekdays: dict[str, int] = field(default_factory=dict)  # Monday = 0
    relative_days: dict[str, int] = field(default_factory=dict)  # "yesterday": -1
    days_later: dict[str, int] = field(default_factory=dict)  # "the next day": 1
    relative_months: dict[str, int] = field(default_factory=dict)  # "last month": -1
    answering_headings: dict[str, str] = field(default_factory=dict)  # "vraag" -> entity id
    this_year: list[str] = field(default_factory=list)
    last_year: list[str] = field(default_factory=list)
    organisation_words: list[str] = field(default_factory=list)
    generic_determiners: list[str] = field(default_factory=list)  # "alle gevangenen": no one
    honorifics: list[str] = field(default_factory=list)  # "Mr", "mevrouw": a person follows
    bylines: list[str] = field(default_factory=list)  # "Antwoord van": who wrote it, no actors
    # "Antwoord van minister …" -> netherlands-government: whom "ik", "wij" stand for after it
    answering_bylines: dict[str, str] = field(default_factory=dict)
    place_prepositions: list[str] = field(default_factory=list)  # "in Bucha": a town
    circumstance_prepositions: list[str] = field(default_factory=list)  # "died during an attack"
    headline_prepositions: list[str] = field(default_factory=list)  # "detained in Russia"
    # a class noun names the type of the unknown name next to it: "the town of Bucha",
    # "the Darfur region", "de beweging Hamas"
    class_nouns: dict[str, str] = field(default_factory=dict)  # word -> entity type
    # named lists of words a pattern names as "@name" in an IN list: one list of weapons
    # for every pattern that delivers, fires or seizes them
    word_classes: dict[str, list[str]] = field(default_factory=dict)
    # a head-word name with one of these before a state-body head is a country's body:
    # "National Electoral Council", "Southern Military District"
    state_modifiers: list[str] = field(default_factory=list)
    # lowercase words between "the" and a body noun: "the new government", "de federale
    # regering" (still an anaphor of the body)
    body_modifiers: list[str] = field(default_factory=list)
    state_heads: list[str] = field(default_factory=list)
    source: str = ""


@dataclass
class NameRules:
    """How people's names are recognised and compared, in any language.

    `given_names` are lowercase first names (a capitalised one followed by another
    capitalised word is a person); `transliteration` rewrites a lowercase, accent-free name
    so spellings of one name meet ("zelenskyy", "zelenski" -> one key); `same` and
    `different` are the examples that rewriting must keep true.
    """

    given_names: set[str] = field(default_factory=set)
    transliteration: list[tuple[str, str]] = field(default_factory=list)  # (regex, replacement)
    same: list[list[str]] = field(default_factory=list)  # spellings that must share a key
    different: list[list[str]] = field(default_factory=list)  # names that must not
    sources: list[str] = field(default_factory=list)  # file:line of each names file


@dataclass(eq=False)  # hashed by identity: compiled matchers are cached per rule set
class Rules:
    entities: dict[str, EntityRule]
    institutions: dict[str, InstitutionRule]
    event_types: dict[str, EventTypeRule]
    patterns: list[PatternRule]
    lexicons: dict[str, Lexicon]
    digest: str  # sha256 of every rule file, recorded in the PROV run
    files: list[str]
    names: NameRules = field(default_factory=NameRules)

    def pattern(self, rule_id: str) -> PatternRule:
        """The pattern with this id (an index built on first use)."""
        index = self.__dict__.get("_pattern_index")
        if index is None:
            index = self.__dict__["_pattern_index"] = {p.id: p for p in self.patterns}
        return index[rule_id]
