"""Rules turned into spaCy matchers for one language, compiled once per rule set."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from functools import cache

from spacy.matcher import Matcher, PhraseMatcher
from spacy.strings import hash_string
from spacy.tokens import Doc

from kg.errors import RuleError
from kg.extract.language import pipeline, word_ids
from kg.rules.model import PatternRule, Rules
from kg.rules.regex_check import bounded

# Pattern elements that only say "any token here" are fillers, not part of the trigger.
_FILLER_KEYS = {"OP", "IS_PUNCT", "IS_SENT_START", "IS_SPACE"}


def _filler(token: dict) -> bool:
    """ "Any token here": only filler keys, or a repeated gap that only rules words out
    ({LOWER: {NOT_IN: [...]}, OP: "{0,3}"}): a name inside it keeps its role."""
    if set(token) <= _FILLER_KEYS:
        return True
    op = str(token.get("OP", ""))
    if not (op in {"*", "+"} or op.startswith("{")):
        return False
    return all(
        isinstance(value, dict) and set(value) == {"NOT_IN"}
        for key, value in token.items()
        if key not in _FILLER_KEYS
    )


class PhraseFinder:
    """Lexicon phrases found as spaCy's token Matcher finds them, at a hash lookup's cost.

    A plain phrase goes to a PhraseMatcher (one trie walk per token); only phrases with a
    "*" (one optional word) need the token Matcher, which tries every pattern at every
    token. The two are merged in the token Matcher's order (by end, then start, then
    the order the phrases were added), so what reads them sees the same list.
    """

    def __init__(self, vocab) -> None:
        self.plain = PhraseMatcher(vocab, attr="LOWER")
        self.gapped = Matcher(vocab)
        self.order: dict[int, int] = {}  # match key -> when its phrase was added
        self.gapped_words: list[set[int]] = []  # each gapped phrase's words: all must occur
        self._vocab = vocab

    def add(self, key: str, words: list[str]) -> None:
        self.order.setdefault(self._vocab.strings.add(key), len(self.order))
        if "*" in words:
            self.gapped.add(key, [[{"OP": "?"} if w == "*" else {"LOWER": w} for w in words]])
            self.gapped_words.append({self._vocab.strings.add(w) for w in words if w != "*"})
        else:
            self.plain.add(key, [Doc(self._vocab, words=words)])

    def __call__(self, doc) -> list[tuple[int, int, int]]:
        found = list(self.plain(doc))
        if self.gapped_words:
            present = set(doc.to_array("LOWER").tolist())
            if any(words <= present for words in self.gapped_words):
                found.extend(self.gapped(doc))
        order = self.order
        return sorted(found, key=lambda m: (m[2], m[1], order[m[0]]))


class PatternFinder:
    """Event patterns matched only around their anchor words, within one sentence.

    spaCy's token Matcher tries every pattern at every token, and checks a word set
    (`{LEMMA: {IN: [...]}}`) with a Python call each time: it was most of the cost of
    reading a text. Every pattern has an anchor, a required token with a literal LEMMA or
    LOWER (or a set of them). Patterns are grouped per anchor word, with that word written
    in, and a group runs only on the few tokens around an occurrence of its word that a
    match could cover, cut at the sentence's ends (events are found within a sentence,
    so a match across sentences was never used). Matches come back in the token
    Matcher's order: by end, then start, then the order the patterns were added. A
    pattern without an anchor is tried everywhere, as before.
    """

    def __init__(self, vocab) -> None:
        self._vocab = vocab
        # (LEMMA|LOWER, word hash) -> its patterns, and how many tokens a match can reach
        # before and after the anchor
        self.by_word: dict[tuple[str, int], _Group] = {}
        self.anywhere = Matcher(vocab)
        self.order: dict[int, int] = {}  # match key -> when its pattern was added
        # match key -> (its other tokens, the most its gap may take): spaCy expands
        # "{0,14}" into 14 optional tokens and tries every way through them (3 ms a try);
        # "*" in the same window costs 15 µs, and a match's length tells its gap's size
        self.gaps: dict[int, tuple[int, int]] = {}

    def add(self, key: str, pattern: list[dict]) -> None:
        self.order.setdefault(self._vocab.strings.add(key), len(self.order))
        anchor = _anchor(pattern)
        if anchor is None:
            self.anywhere.add(key, [pattern])
            return
        index, attr, words = anchor
        before = sum(_widest(token) for token in pattern[:index])
        after = sum(_widest(token) for token in pattern[index + 1 :])
        gap = _bounded_gap(pattern)
        if gap is not None:  # matched with "*", then held to its bound (see __call__)
            where, most = gap
            self.gaps[self._vocab.strings[key]] = (len(pattern) - 1, most)
            pattern = [*pattern[:where], {**pattern[where], "OP": "*"}, *pattern[where + 1 :]]
        alone = len(pattern) == 1 and set(pattern[0]) == {attr}  # the word is the match
        for word in words:
            slot = (attr, self._vocab.strings.add(word))
            group = self.by_word.setdefault(slot, _Group(Matcher(self._vocab)))
            if alone:
                group.alone.append(self._vocab.strings[key])
                continue
            variant = [*pattern[:index], {**pattern[index], attr: word}, *pattern[index + 1 :]]
            group.matcher.add(key, [variant])
            group.require(
                [
                    (need_attr, frozenset(self._vocab.strings.add(w) for w in need_words))
                    for i, token in enumerate(pattern)
                    if i != index and (need := _words(token)) is not None
                    for need_attr, need_words in [need]
                ]
            )
            group.before = max(group.before, before)
            group.after = max(group.after, after)

    def __call__(self, doc) -> list[tuple[int, int, int, list[int]]]:
        found = list(self.anywhere(doc, with_alignments=True)) if len(self.anywhere) else []
        by_word = self.by_word
        words = {attr: doc.to_array(attr).tolist() for attr in ("LEMMA", "LOWER")}
        places: dict[tuple[str, int], list[int]] = {}  # anchor word -> where it occurs
        for attr, column in words.items():
            for i, word in enumerate(column):
                if (attr, word) in by_word:
                    places.setdefault((attr, word), []).append(i)
        if places:
            sentence_of = _sentence_bounds(doc)
            for slot, where in places.items():
                group = by_word[slot]
                for i in where:
                    found.extend((key, i, i + 1, [0]) for key in group.alone)
                    if not len(group.matcher):
                        continue
                    s, e = sentence_of[i]
                    begin, end = max(s, i - group.before), min(e, i + 1 + group.after)
                    if not group.may_match(words, begin, end):
                        continue
                    for key, start, stop, alignment in group.matcher(
                        doc[begin:end], with_alignments=True
                    ):
                        gap = self.gaps.get(key)
                        if gap is None or stop - start - gap[0] <= gap[1]:
                            found.append((key, begin + start, begin + stop, alignment))
        order = self.order
        found.sort(key=lambda m: (m[2], m[1], order[m[0]]))
        seen: set[tuple[int, int, int]] = set()
        unique = []
        for match in found:
            if match[:3] not in seen:
                seen.add(match[:3])
                unique.append(match)
        return unique


@dataclass
class _Group:
    matcher: Matcher
    alone: list[int] = field(default_factory=list)  # keys of one-word patterns: no Matcher
    # per pattern, the other words it requires: (LEMMA|LOWER, the hashes of its choices)
    needs: list[list[tuple[str, frozenset[int]]]] = field(default_factory=list)
    before: float = 0  # the most tokens a match can take before the anchor (inf: any)
    after: float = 0  # and after it

    always: bool = False  # a pattern requires no word besides the anchor
    attrs: tuple[str, ...] = ()  # the attributes the required words are of

    def require(self, need: list[tuple[str, frozenset[int]]]) -> None:
        self.needs.append(need)
        self.always = self.always or not need
        self.attrs = tuple(dict.fromkeys([*self.attrs, *(attr for attr, _ in need)]))

    def may_match(self, words: dict[str, list[int]], begin: int, end: int) -> bool:
        """Whether the window holds every word some pattern requires besides the anchor."""
        if self.always:
            return True
        window = {attr: set(words[attr][begin:end]) for attr in self.attrs}
        for need in self.needs:
            for attr, choices in need:
                if window[attr].isdisjoint(choices):
                    break
            else:
                return True
        return False


_UNBOUNDED = float("inf")


def _widest(token: dict) -> float:
    """How many tokens a pattern element can cover at most ("*", "+": any number)."""
    op = str(token.get("OP", ""))
    if op in {"*", "+"}:
        return _UNBOUNDED
    if op.startswith("{"):
        high = op.strip("{}").split(",")[-1].strip()
        return int(high) if high.isdigit() else _UNBOUNDED
    return 1


def _bounded_gap(pattern: list[dict]) -> tuple[int, int] | None:
    """(where, most) when the pattern's only operator is one "{0,most}" gap."""
    gaps = [i for i, token in enumerate(pattern) if "OP" in token]
    if len(gaps) != 1:
        return None
    op = str(pattern[gaps[0]]["OP"]).replace(" ", "")
    low, _, high = op.strip("{}").partition(",")
    if not (op.startswith("{0,") and op.endswith("}") and low == "0" and high.isdigit()):
        return None
    return gaps[0], int(high)


def _sentence_bounds(doc) -> list[tuple[int, int]]:
    bounds: list[tuple[int, int]] = []
    for sentence in doc.sents:
        bounds.extend([(sentence.start, sentence.end)] * (sentence.end - sentence.start))
    return bounds


def _anchor(pattern: list[dict]) -> tuple[int, str, list[str]] | None:
    """The first required token with literal words: (its index, LEMMA or LOWER, words)."""
    for index, token in enumerate(pattern):
        words = _words(token)
        if words is not None:
            return index, *words
    return None


def _words(token: dict) -> tuple[str, list[str]] | None:
    """A required token's literal LEMMA or LOWER words, if it has them."""
    if "OP" in token:
        return None
    for attr in ("LEMMA", "LOWER"):
        value = token.get(attr)
        if isinstance(value, str):
            return attr, [value]
        if isinstance(value, dict) and set(value) == {"IN"}:
            words = value["IN"]
            if isinstance(words, list) and words and all(isinstance(w, str) for w in words):
                return attr, list(dict.fromkeys(words))
    return None


def _bounded_regexes(token: dict) -> dict:
    """A pattern element whose REGEX values match only tokens of a word's length
    (`kg.rules.regex_check.bounded`): re.search on a megabyte-long token cannot be stopped."""
    return {
        attr: {**value, "REGEX": bounded(value["REGEX"])}
        if isinstance(value, dict) and isinstance(value.get("REGEX"), str)
        else value
        for attr, value in token.items()
    }


@dataclass
class CompiledRules:
    """Matchers for names, adjectives, demonyms, institution nouns, titles, cues and patterns."""

    lang: str
    rules: Rules
    names: PhraseMatcher
    institutions: PhraseMatcher
    titles: PhraseMatcher
    phrases: PhraseFinder  # cues, attribution, motive, origin, modality, anaphora, time words
    patterns: PatternFinder
    pattern_by_key: dict[str, PatternRule] = field(default_factory=dict)
    fillers: dict[str, set[int]] = field(default_factory=dict)  # pattern id -> filler indices
    label_of: dict[str, tuple[str, str]] = field(default_factory=dict)  # key -> (kind, value)
    trigger_lemmas: frozenset[str] = frozenset()  # every LEMMA a pattern of this language names
    lowercase_aliases: frozenset[str] = frozenset()  # aliases written in lowercase in the rules
    # short acronyms the rules write only in capitals ("WHO", "IS", "AU"): they match only
    # text in capitals, not the words "Who", "Is", "Au" at the start of a sentence
    capital_aliases: frozenset[str] = frozenset()
    capital_alias_ids: frozenset[int] = frozenset()  # the one-word ones, as LOWER ids
    # first words of titles and institution nouns: "Moscow Mayor", "Kyiv Police" go on
    # with a post or a body, not into another name
    title_words: frozenset[str] = frozenset()
    honorific_ids: frozenset[tuple[int, ...]] = frozenset()  # each honorific's LOWER ids
    given_name_ids: frozenset[int] = frozenset()  # LOWER ids of the given names
    place_preposition_ids: frozenset[int] = frozenset()  # "in", "bij": a town may follow
    class_noun_ids: frozenset[int] = frozenset()  # "town", "regio": they type a name
    class_noun_types: dict[int, str] = field(default_factory=dict)  # LOWER id -> entity type
    site_head_ids: frozenset[int] = frozenset()  # place heads that are no class noun: "dam"
    # head words of places and organisations ("Airport", "International"), and their ids
    head_words: frozenset[str] = frozenset()
    head_word_ids: frozenset[int] = frozenset()
    any_determiner: frozenset[str] = frozenset()  # of every language: "in The Times"
    calendar_words: frozenset[str] = frozenset()  # months and weekdays: never a name
    # words after which "her", "haar" is the object, not a possessive: "pakte haar op"
    object_followers: frozenset[str] = frozenset()
    # words that end the modifiers before an institution's noun: "Russia's| and the
    # government", "Poolse| en de regering"
    modifier_stops: frozenset[str] = frozenset()
    body_event_nouns: frozenset[str] = frozenset()  # "coup": a "military" before it acts
    country_anaphor_words: tuple[tuple[str, ...], ...] = ()  # "the country" as words
    # LOWER ids of the words a person's name may start at or after: given names, honorifics
    person_start_ids: frozenset[int] = frozenset()
    # capital id -> country id: computed once, not per sentence (the gazetteer has hundreds)
    capitals: dict[str, str] = field(default_factory=dict)
    title_all_words: frozenset[str] = frozenset()  # every word of a title: "foreign", "minister"
    alias_cue_ids: tuple[tuple[int, ...], ...] = ()  # "also known as": LOWER ids of each
    # the words after "van" in a title ("buitenlandse zaken"): "Minister Blok van Buitenlandse
    # Zaken" names Blok, the "van" is no particle of his name
    title_tails: frozenset[tuple[str, ...]] = frozenset()
    # patterns whose last element names its words ("captured by"), not only rules some out
    names_last_word: frozenset[str] = frozenset()
    person_noun_ids: frozenset[int] = frozenset()  # "a lawyer", "de president": appositions
    organisation_heads: frozenset[str] = frozenset()  # "Front", "Defensiemacht": no person
    compound_heads: tuple[str, ...] = ()  # heads a Dutch compound may end in: "-beweging"
    place_compounds: tuple[str, ...] = ()  # place heads a Dutch compound may end in: "-plein"
    # (noun, institution id), longest first: a Dutch compound that ends in an institution's
    # noun is that institution ("overgangsregering", "zedenpolitie")
    compound_institutions: tuple[tuple[str, str], ...] = ()
    # Dutch plural group nouns a compound may end in: "verzetsstrijders", "oorlogsvluchtelingen"
    compound_groups: tuple[tuple[str, str], ...] = ()
    # Dutch class nouns a compound may end in: "regeringspartij", "grensdorp"
    compound_class_nouns: tuple[tuple[str, str], ...] = ()
    # a word form's hash -> its lemma's hash, as the rules read it: see normalise_lemmas
    lemma_of: dict[int, int] = field(default_factory=dict)


# institution nouns that end Dutch compounds of other meanings: "partijleiding",
# "sanctieregime", "leeftijdsgrens"
_NO_COMPOUND_HEADS = frozenset({"leiding", "regime", "grens", "grenzen", "leiders"})
# group nouns whose compounds name others: "staatsburgers" (citizens), "medebewoners"
_NO_COMPOUND_GROUPS = frozenset({"burgers", "bewoners", "inwoners", "getuigen"})
_SHORT_ACRONYM = 3  # letters: "WHO", "IS" match in capitals only; "NATO" also as "Nato"


def _phrase_tokens(text: str, lang: str) -> list[str]:
    return [t.lower_ for t in pipeline(lang).make_doc(text)]


def _fold(text: str) -> str:
    """The text without its accents: "Israëlische" → "Israelische", "Burkinabé" → "Burkinabe"."""
    decomposed = unicodedata.normalize("NFD", text)
    return unicodedata.normalize(
        "NFC", "".join(c for c in decomposed if not unicodedata.combining(c))
    )


def _with_folded(texts: list[str]) -> list[str]:
    """The names and, after them, their spellings without accents, which texts typed without
    them use: "Israelische", "Oekraiense", "Burkinabe"."""
    return [*texts, *(_fold(t) for t in texts)]


def _denials(lexicon) -> dict[str, str]:
    """ "dismissed the allegation that", "verwierp de beschuldigingen van": every verb of
    rejecting with every claim noun, bare or after a determiner, before what is denied."""
    after = {"en": ("that", "of"), "nl": ("dat", "van")}.get(lexicon.lang, ())
    middles = ("", *(f"{d} " for d in lexicon.determiners))
    return {
        f"{verb} {middle}{noun} {word}": "denied"
        for verb in lexicon.denial_verbs
        for middle in middles
        for noun in lexicon.claim_nouns
        for word in after
    }


@cache
def compile_rules(rules: Rules, lang: str) -> CompiledRules:
    nlp = pipeline(lang)
    lexicon = rules.lexicons[lang]
    names = PhraseMatcher(nlp.vocab, attr="LOWER")
    institutions = PhraseMatcher(nlp.vocab, attr="LOWER")
    titles = PhraseMatcher(nlp.vocab, attr="LOWER")
    phrases = PhraseFinder(nlp.vocab)
    compiled = CompiledRules(
        lang, rules, names, institutions, titles, phrases, PatternFinder(nlp.vocab)
    )
    checker = Matcher(nlp.vocab, validate=True)  # spaCy's own check of each pattern

    def add(matcher: PhraseMatcher, key: str, kind: str, value: str, texts: list[str]) -> None:
        docs = [nlp.make_doc(t) for t in dict.fromkeys(texts) if t.strip()]
        if docs:
            matcher.add(key, docs)
            compiled.label_of[key] = (kind, value)

    for entity in rules.entities.values():
        add(
            names,
            f"name:{entity.id}",
            "name",
            entity.id,
            _with_folded([*entity.aliases, *entity.labels.values()]),
        )
        adjectives = _with_folded(entity.adjectives.get(lang, []))
        add(names, f"adj:{entity.id}", "adjective", entity.id, adjectives)
        add(
            names,
            f"dem:{entity.id}",
            "demonym",
            entity.id,
            _with_folded(entity.demonyms.get(lang, [])),
        )
    for inst in rules.institutions.values():
        add(institutions, f"inst:{inst.id}", "institution", inst.id, inst.nouns.get(lang, []))
    for word in lexicon.titles:
        add(titles, f"title:{word}", "title", word, [word])

    def add_phrases(kind: str, values: dict[str, str] | list[str]) -> None:
        items = values.items() if isinstance(values, dict) else ((v, v) for v in values)
        for phrase, value in items:
            key = f"{kind}:{phrase}"
            phrases.add(key, _phrase_tokens(phrase, lang))
            compiled.label_of[key] = (kind, str(value))

    add_phrases("cue", lexicon.cues)
    add_phrases("quantity", lexicon.quantifiers)
    add_phrases("attribution", lexicon.attribution)
    add_phrases("speech", lexicon.speech_verbs)
    add_phrases("exception", lexicon.exceptions)
    add_phrases("instance", lexicon.instances)
    add_phrases("motive", lexicon.motive)
    add_phrases("origin", lexicon.origin)
    add_phrases("modality", lexicon.modality)
    add_phrases("stance", lexicon.stance)
    add_phrases("stance", _denials(lexicon))
    add_phrases("country_anaphor", lexicon.country_anaphora)
    add_phrases("pair", lexicon.pair_anaphora)
    add_phrases("people", lexicon.people_nouns)
    add_phrases("vehicle", lexicon.vehicle_nouns)
    add_phrases("name_cue", lexicon.name_cues)
    add_phrases("this_year", lexicon.this_year)
    add_phrases("last_year", lexicon.last_year)
    add_phrases("days_later", lexicon.days_later)
    add_phrases("relative_month", lexicon.relative_months)

    lemmas: set[str] = set()
    for pattern in rules.patterns:
        if pattern.lang != lang:
            continue
        try:
            checker.add(pattern.id, [pattern.match])
        except (ValueError, KeyError, TypeError) as exc:
            details = [ln.strip("- ") for ln in str(exc).splitlines() if ln.startswith("- ")]
            reason = "; ".join(details) or str(exc).strip() or type(exc).__name__
            raise RuleError(f"{pattern.source} › {pattern.id} › match: {reason}") from None
        for token in pattern.match:
            value = token.get("LEMMA")
            if isinstance(value, str):
                lemmas.add(value)
            elif isinstance(value, dict) and isinstance(value.get("IN"), list):
                lemmas.update(v for v in value["IN"] if isinstance(v, str))
        compiled.patterns.add(pattern.id, [_bounded_regexes(token) for token in pattern.match])
        compiled.pattern_by_key[pattern.id] = pattern
        compiled.fillers[pattern.id] = {
            i for i, token in enumerate(pattern.match) if _filler(token)
        } | set(pattern.context)
    compiled.trigger_lemmas = frozenset(lemmas)
    compiled.names_last_word = frozenset(
        p.id
        for p in compiled.pattern_by_key.values()
        if not any(isinstance(v, dict) and "NOT_IN" in v for v in p.match[-1].values())
    )
    compiled.capitals = {
        e.id: e.relations["capitalOf"]
        for e in rules.entities.values()
        if "capitalOf" in e.relations
    }
    compiled.alias_cue_ids = tuple(
        tuple(hash_string(w) for w in _phrase_tokens(c, lang)) for c in lexicon.alias_cues
    )
    compiled.title_all_words = frozenset(w for t in lexicon.titles for w in _phrase_tokens(t, lang))
    honorifics = [_phrase_tokens(h, lang) for h in lexicon.honorifics if h.strip()]
    compiled.honorific_ids = frozenset(
        tuple(hash_string(word) for word in words) for words in honorifics
    )
    compiled.given_name_ids = word_ids(frozenset(rules.names.given_names))
    compiled.place_preposition_ids = word_ids(frozenset(lexicon.place_prepositions))
    compiled.class_noun_types = {hash_string(w): t for w, t in lexicon.class_nouns.items()}
    compiled.class_noun_ids = word_ids(frozenset(lexicon.class_nouns))
    compiled.head_words = frozenset([*lexicon.place_heads, *lexicon.organisation_heads])
    compiled.head_word_ids = word_ids(compiled.head_words)
    heads = set(lexicon.place_heads) - set(lexicon.class_nouns)
    plurals = {h for h in heads if any(h != o and h.startswith(o) for o in heads)}
    compiled.site_head_ids = word_ids(
        frozenset(heads - plurals)
    )  # "the Nord Stream pipelines": two
    compiled.calendar_words = frozenset(lexicon.months) | frozenset(lexicon.weekdays)
    compiled.object_followers = frozenset(
        w.lower()
        for w in [
            *lexicon.object_followers,
            *(cue for cue in lexicon.cues if " " not in cue),
            *lexicon.subordinators,
            *lexicon.coordinators,
            *lexicon.contrast_words,
            *lexicon.negation,
            *lexicon.time_bounds,
            *lexicon.span_openers,
            *lexicon.fronted_adverbs,
            *compiled.calendar_words,
        ]
    )
    compiled.modifier_stops = frozenset(
        {
            *lexicon.determiners,
            *lexicon.coordinators,
            *lexicon.subordinators,
            *lexicon.cues,
            *lexicon.negation,
        }
    )
    compiled.body_event_nouns = frozenset(w.lower() for w in lexicon.body_event_nouns)
    compiled.country_anaphor_words = tuple(
        tuple(_phrase_tokens(phrase, lang)) for phrase in lexicon.country_anaphora
    )
    compiled.any_determiner = frozenset(
        d for lex in rules.lexicons.values() for d in lex.determiners
    )
    compiled.person_start_ids = compiled.given_name_ids | {ids[0] for ids in compiled.honorific_ids}
    compiled.title_words = frozenset(
        _phrase_tokens(phrase, lang)[0]
        for phrase in [
            *lexicon.titles,
            *(n for inst in rules.institutions.values() for n in inst.nouns.get(lang, [])),
        ]
        if phrase.strip()
    )
    compiled.person_noun_ids = word_ids(frozenset(lexicon.person_nouns))
    compiled.organisation_heads = frozenset(lexicon.organisation_heads)
    compiled.compound_heads = tuple(
        sorted(h for h in compiled.organisation_heads if len(h) >= 5 and lang == "nl")
    )
    compiled.place_compounds = tuple(
        sorted(h for h in lexicon.place_heads if len(h) >= 5 and " " not in h and lang == "nl")
    )
    if lang == "nl":
        compiled.compound_institutions = tuple(
            sorted(
                (
                    (noun, inst.id)
                    for inst in rules.institutions.values()
                    for noun in inst.nouns.get(lang, [])
                    if len(noun) >= 6 and noun.isalpha() and noun not in _NO_COMPOUND_HEADS
                ),
                key=lambda item: (-len(item[0]), item),
            )
        )
    if lang == "nl":
        compiled.compound_class_nouns = tuple(
            sorted(
                ((w, t) for w, t in lexicon.class_nouns.items() if len(w) >= 4 and w.isalpha()),
                key=lambda item: (-len(item[0]), item),
            )
        )
        compiled.compound_groups = tuple(
            sorted(
                (
                    (alias.lower(), entity.id)
                    for entity in rules.entities.values()
                    if entity.type == "group"
                    for alias in entity.aliases
                    if len(alias) >= 7
                    and alias.isalpha()
                    and alias.islower()
                    and alias.endswith(("en", "s"))
                    and alias not in _NO_COMPOUND_GROUPS
                ),
                key=lambda item: (-len(item[0]), item),
            )
        )
    compiled.title_tails = frozenset(
        tuple(words[words.index(particle) + 1 :])
        for phrase in lexicon.titles
        for words in [_phrase_tokens(phrase, lang)]
        for particle in [next((w for w in words[1:-1] if w in ("van", "von")), None)]
        if particle
    )
    spellings: dict[str, set[bool]] = {}
    for entity in rules.entities.values():
        for alias in [*entity.aliases, *entity.labels.values()]:
            spellings.setdefault(" ".join(_phrase_tokens(alias, lang)), set()).add(
                alias.isupper() and sum(c.isalpha() for c in alias) <= _SHORT_ACRONYM
            )
    compiled.capital_aliases = frozenset(k for k, v in spellings.items() if v == {True})
    compiled.capital_alias_ids = word_ids(
        frozenset(k for k in compiled.capital_aliases if " " not in k)
    )
    compiled.lowercase_aliases = frozenset(
        " ".join(_phrase_tokens(alias, lang))
        for entity in rules.entities.values()
        for alias in entity.aliases
        if alias[:1].islower()
    )
    return compiled
