"""Find who and what a passage names: gazetteer names, derived parts, titles and references.

Mentions are found in text order so that a reference ("de dictator", "het land", "ze")
resolves against what was named before it, as a reader would.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from itertools import pairwise

import numpy
from spacy.attrs import IS_ALPHA, IS_TITLE, IS_UPPER
from spacy.tokens import Doc

from kg.extract.compiled import CompiledRules
from kg.extract.language import positions, token_values, word_ids
from kg.extract.registry import EntityRegistry, plural_demonym
from kg.rules.model import PLACE_TYPES
from kg.rules.names import name_key

_OF_WORDS = {"met", "van", "tussen", "with", "of", "between"}
_IN_WORDS = {"in"}  # "the army in Sudan": a country's own body, when a country follows
_OF = {"of", "van"}
_DEFINITE = {"the", "de", "het"}
# bodies a text about one country means when it names them alone ("the junta", "het
# parlement"); not "the government", which a parliament's questions use for their own
# government ("Is de regering bereid …") whatever country they are about
_ONE_PER_COUNTRY = {"military", "parliament", "border", "police"}


def _compound_head(word: str, compounds) -> str | None:
    """What a Dutch compound ending in one of `compounds`' nouns names ("verzetsstrijders",
    "zedenpolitie"): the first (noun, value) whose noun ends it after at least three
    letters of its own."""
    for noun, value in compounds:
        if word.endswith(noun) and len(word) >= len(noun) + 3:
            return value
    return None


_NAME_KEYS: dict[str, frozenset[str]] = {}


def _name_keys(entity, rules) -> frozenset[str]:
    """The comparison keys of the words of a known entity's labels and aliases, so that
    "Sergei" meets "Sergey" (the transliteration rules of `name_key`)."""
    keys = _NAME_KEYS.get(entity.id)
    if keys is None:
        names = [*entity.labels.values(), *entity.aliases]
        keys = frozenset(name_key(w, rules) for n in names for w in n.split())
        _NAME_KEYS[entity.id] = keys
    return keys


# a Dutch past singular of a regular verb: "beschuldigde", "stuurde" (not "-den", "-ten")
_SINGULAR_PAST = re.compile(r"^[a-zà-ÿ]{3,}[^n][dt]e$")
# a capitalised adjective of nationality, even one no rule knows, before a given name
_DEMONYM_ENDINGS = {"nl": ("sche", "se"), "en": ("ish", "ese", "ian")}
_PRONOUN_REACH = 6  # a pronoun refers to a group named within the last six mentions
_PAIR_REACH = 12  # "both countries": two named within the last twelve mentions
# what each kind of pair anaphor (lexicon pair_anaphora) may stand for
_PAIR_TYPES = {
    "country": frozenset({"country"}),
    "party": frozenset({"country", "government", "organisation", "group"}),
}
# the English labels of the titles of a country's head of state or government
_LEADER_TITLES = {
    "president",
    "prime minister",
    "chancellor",
    "king",
    "queen",
    "emperor",
    "emir",
    "sultan",
    "supreme leader",
    "head of state",
    "head of government",
    "dictator",
    "autocrat",
    "leader",
}
_NAME_CONNECTORS = {"voor", "van", "for", "of", "de", "the"}  # "Organisatie voor Migratie"
# "Movement for Democracy and Justice", "Ministry of Health and Social Welfare": "and" inside
# a name after one of these
_PURPOSE = {"for", "voor", "of", "van"}
_AND_IN_NAMES = {"and", "en"}
# particles inside a name: "Jan de Vries", "Eduardo del Castillo", "João dos Santos"
_NAME_PARTICLES = {
    *("de", "van", "der", "den", "ten", "ter", "von", "le", "la", "da", "di"),
    *("del", "della", "dos", "das", "do", "du", "des", "zu"),
}
_JOINED_PARTICLES = {"al", "el", "ul", "bin", "ibn"}
_MAX_NAME_TOKENS = 4
# "ethnic Armenians", "de etnisch Armeense bevolking": an ethnicity, not the country
_ETHNIC = {"ethnic", "ethnically", "etnisch", "etnische"}
_COMPASS = {
    "west",
    "east",
    "north",
    "south",
    "central",
    "western",
    "eastern",
    "northern",
    "southern",
    "sub-saharan",
    "oost",
    "noord",
    "zuid",
    "centraal",
    "midden",
    "westelijk",
    "oostelijk",
    "noordelijk",
    "zuidelijk",
}
# the compass word of a Dutch place name, in English: "Noord-Kivu" is North Kivu
_COMPASS_NAMES = {
    "noord": "North",
    "zuid": "South",
    "oost": "East",
    "west": "West",
    "centraal": "Central",
    "midden": "Central",
}
_ORGANISATION_WORDS = {"organization", "organisation", "organisatie"}
# before a body noun: no body of the country a text is about ("internationale troepen")
_NOT_OWN = {
    "international",
    "internationale",
    "foreign",
    "buitenlandse",
    "western",
    "westerse",
    "allied",
    "geallieerde",
    "multinational",
    "multinationale",
}
# nouns that name members only after an organisation's name: "NATO countries", "EU-landen"
_MEMBERS_OF_A_NAME = {"countries", "landen"}
# the bodies a region named by its name has: "de autoriteiten van Tigray", "Crimea's police"
# the bodies that sit in the capital: "de regering in Bamako" is Mali's ("the troops in Kyiv"
# need not be Ukraine's; "het parlement in Colombo" is often the building)
_SEATED_BODIES = {"government", "authorities", "leaders"}
# body nouns that are plural in sense: alone, like a plural, the body the text is about
_COLLECTIVE_BODIES = {"police", "politie"}
_AGENT_PREPOSITIONS = {"by", "door"}
_REGION_BODIES = {"government", "authorities", "military", "police", "parliament"}
# soldiers and officials no country's body was named for: a group ("all ethnic Armenian
# soldiers", "Western officials"), by the English plural (docs/quality.md, rule 6)
_MEMBERS = {
    "soldiers": ("military", "soldiers", "soldaten"),
    "soldaten": ("military", "soldiers", "soldaten"),
    "militairen": ("military", "soldiers", "soldaten"),
    "officials": ("authorities", "officials", "functionarissen"),
    "functionarissen": ("authorities", "officials", "functionarissen"),
}
_OPPOSITION = {"opposition"}  # "the Venezuelan opposition"; Dutch "oppositie" is an alias
_CITIZENS = {"burgers"}  # after a nationality: citizens, not civilians
# an adjective of a country before one of these names its people, a group: "the Armenian
# population", "het Palestijnse volk"
_PEOPLE_NOUNS = {
    "population",
    "people",
    "minority",
    "community",
    "bevolking",
    "volk",
    "minderheid",
    "gemeenschap",
}


_ORDINALS = frozenset({"first", "second", "third", "eerste", "tweede", "derde"})


@dataclass
class EntityMention:
    """An entity named in a passage, in token positions of the passage's spaCy Doc."""

    start: int
    end: int
    entity: str
    kind: str  # name | derived | person | adjective | demonym | anaphor | pronoun | speaker
    cover_start: int = -1  # first token including absorbed titles and adjectives
    modifier: bool = False  # an adjective or compound part: "Europese", "Trump-extremisten"
    parts: list[tuple[str, int, int]] | None = None  # absorbed names: (entity, start, end)

    def __post_init__(self) -> None:
        if self.cover_start < 0:
            self.cover_start = self.start


@dataclass
class _Match:
    kind: str
    value: str
    start: int
    end: int


def _longest(matches: list[_Match]) -> list[_Match]:
    """Keep the longest of overlapping matches; earlier wins ties."""
    chosen: list[_Match] = []
    taken: set[int] = set()
    for m in sorted(matches, key=lambda m: (-(m.end - m.start), m.start)):
        if taken.isdisjoint(range(m.start, m.end)):
            chosen.append(m)
            taken.update(range(m.start, m.end))
    return sorted(chosen, key=lambda m: m.start)


_OPENING_BRACKET = word_ids(frozenset({"("}))
_THE = word_ids(frozenset({"The"}))
_AND = {"and", "or", "en", "of"}


def positions_of_capitalised(doc: Doc) -> list[int]:
    """Indices of alphabetic tokens that start with a capital (title case or all capitals)."""
    flags = doc.to_array([IS_TITLE, IS_UPPER, IS_ALPHA])
    return numpy.flatnonzero((flags[:, 0] | flags[:, 1]) & flags[:, 2]).tolist()


def _covered(found: list[EntityMention]) -> set[int]:
    return {i for f in found for i in range(f.cover_start, f.end)}


def _name_before(doc: Doc, end: int) -> tuple[int, int]:
    """The capitalised words that end at token `end`, with inner connectors ("Coalition for
    Free Elections", "Economic Community of West African States")."""

    def capital(t) -> bool:
        return t.is_alpha and t.text[:1].isupper() and not (t.is_sent_start and t.is_stop)

    start = end
    while start > 0 and end - start < 2 * _MAX_NAME_TOKENS:
        if capital(doc[start - 1]):
            start -= 1
        elif (
            start >= 2
            and start < end
            and doc[start - 1].lower_ in _NAME_CONNECTORS
            and capital(doc[start - 2])
        ):
            start -= 2
        else:
            break
    return start, end


def _name_word(token) -> bool:
    """A capitalised word that can be part of a name: not a function word, not just the
    first word of a sentence."""
    return (
        token.is_alpha
        and token.text[:1].isupper()
        and not token.is_sent_start
        and not token.is_stop
    )


# words joined to a name by a hyphen that make an adjective of it: "Putin-era", "Kyiv-based"
_HYPHEN_SUFFIXES = {"era", "led", "run", "age", "born", "like", "free", "type", "held"}


def _syllable(before, after) -> bool:
    """Whether `after` is the lowercase second syllable of a hyphenated East Asian given
    name ("Ing-wen", "Jong-un", "Ki-moon"): short parts on both sides, no English suffix."""
    return (
        before.text[:1].isupper()
        and len(before) <= 5
        and after.text.islower()
        and len(after) <= 5
        and after.lower_ not in _HYPHEN_SUFFIXES
    )


def _acronym_shape(text: str) -> bool:
    """ "NATO", "CFE", "EU-OSCE": 2 to 8 capitals (and digits or hyphens), no lowercase."""
    letters = [c for c in text if c.isalpha()]
    return 2 <= len(letters) <= 8 and all(c.isupper() for c in letters) and text[0].isalpha()


class MentionFinder:
    """Runs the name, institution and title matchers over one passage."""

    def __init__(
        self,
        compiled: CompiledRules,
        registry: EntityRegistry,
        no_people: set[int] | None = None,
        speaker: str | None = None,
    ) -> None:
        self.no_people = no_people or set()  # tokens of bylines: the authors are no actors
        self.speaker = speaker  # whom "ik", "wij" stand for in the answers of a government
        self.c = compiled
        self.lexicon = compiled.rules.lexicons[compiled.lang]
        self._pair_joiners = frozenset(w for w in self.lexicon.coordinators if w != ",")
        self._list_marks = self._pair_joiners | {","}  # "X, Y en Z"
        self._determiners = frozenset(self.lexicon.determiners)
        self._administration_nouns = frozenset(self.lexicon.administration_nouns)
        self.registry = registry
        self.determiners = set(self.lexicon.determiners)
        self._country_nouns = frozenset(self.lexicon.country_nouns)
        self._not_people = frozenset(self.lexicon.not_people)
        self._count_words = frozenset(self.lexicon.count_words)
        self.generic = set(self.lexicon.generic_determiners)
        # "ze heeft", "ze zei": finite verbs of one, from the lexicon's auxiliaries and verbs
        # of saying (a plural ends in "-en")
        self._singular_auxiliaries = frozenset(
            w
            for w in (*self.lexicon.finite_auxiliaries, *self.lexicon.speech_verbs)
            if " " not in w and not w.endswith("en")
        )
        # "the government" of an English text about one country is that country's; a Dutch
        # parliament's "de regering" is its own, whatever country the questions are about
        self._one_per_country = _ONE_PER_COUNTRY | (
            {"government"} if compiled.lang == "en" else set()
        )

    def _matches(self, doc: Doc, matcher) -> list[_Match]:
        out = []
        for key_hash, start, end in matcher(doc):
            kind, value = self.c.label_of[doc.vocab.strings[key_hash]]
            entity_type = self.c.rules.entities[value].type if kind != "institution" else ""
            needs_capital = kind not in {"institution", "title"} and entity_type != "group"
            if needs_capital and self._not_in_capitals(doc, start, end):
                continue  # "Who", "Is": a word, not WHO or IS
            if needs_capital and not doc[start].text[:1].isupper():
                # names, adjectives and demonyms are capitalised in nl and en, unless the
                # rules write the alias in lowercase
                lowered = " ".join(t.lower_ for t in doc[start:end])
                if lowered not in self.c.lowercase_aliases:
                    continue
            out.append(_Match(kind, value, start, end))
        return _longest(out)

    def _not_in_capitals(self, doc: Doc, start: int, end: int) -> bool:
        """Whether the word is a short acronym of the rules written here not in capitals."""
        if end - start != 1 or doc[start].lower not in self.c.capital_alias_ids:
            return False
        return not doc[start].text.isupper()

    def find(self, doc: Doc, emit, phrases: list[tuple[int, int, int]]) -> list[EntityMention]:
        """All entity mentions of `doc`; `emit(entity_id, start, end, kind)` records evidence.

        `phrases` are the passage's lexicon phrase matches (`CompiledRules.phrases`).
        """
        names = self._relatives_apart(doc, self._matches(doc, self.c.names))
        institutions = self._matches(doc, self.c.institutions)
        names = self._compound_groups(doc, names, institutions)
        institutions = self._compound_institutions(doc, names, institutions)
        named = {i for m in names if m.kind == "name" for i in range(m.start, m.end)}
        # "het kabinet" is a name of the rules (the Dutch government), not "the cabinet" of
        # whichever country: a name wins over an institution noun inside it
        institutions, names = self._bodies_of_a_named_country(doc, institutions, names)
        named = {i for m in names if m.kind == "name" for i in range(m.start, m.end)}
        institutions = [m for m in institutions if named.isdisjoint(range(m.start, m.end))]
        titles = _longest(
            [_Match(*self.c.label_of[doc.vocab.strings[k]], s, e) for k, s, e in self.c.titles(doc)]
        )
        by_start = {m.start: m for m in names}
        by_end = {m.end: m for m in names}
        for m in names:  # "Premier Abiy Ahmed … premier Ahmed": the surname after a title
            if m.kind == "name" and self.c.rules.entities[m.value].type == "person":
                self.registry.remember_person(m.value, doc[m.start : m.end].text)
        used: set[int] = set()  # ids of name matches absorbed into a larger mention
        found: list[EntityMention] = self._named_places(doc, names, institutions, used)
        found.extend(self._titles_with_the(doc, names, found, used))

        led = []  # "the Netanyahu government": after the titles, which say whom he leads
        for inst in institutions:
            if self._may_name_a_leader(doc, inst):
                led.append(inst)
                continue
            found.extend(self._institution(doc, inst, by_start, by_end, used))
        titles_at = {t.start: t for t in titles}
        for title in titles:
            if any(f.cover_start <= title.start < f.end for f in found):
                continue
            found.extend(self._titled(doc, title, titles_at, by_start, by_end, used))
        for inst in led:
            government = self._government_of_a_leader(doc, inst, by_start, by_end, used)
            if government is not None:
                found.append(government)
            else:
                found.extend(self._institution(doc, inst, by_start, by_end, used))
        bodies = {i for f in found if f.kind == "derived" for i in range(f.cover_start, f.end)}
        for m in names:
            if id(m) in used:
                continue
            if m.kind == "name" and bodies.issuperset(range(m.start, m.end)):
                continue  # "de Servische minister van Defensie": Serbia's, not the Dutch one
            found.extend(self._plain(doc, m, by_start, by_end, used))
        found.extend(self._people_by_name(doc, found, by_start))
        found.extend(self._people_by_apposition(doc, found, titles, by_start))
        found.extend(self._people_in_a_list(doc, found, by_start))
        self._remember_people(doc, found)  # "a settlement with Prigozhin": no town
        found.extend(self._places_by_preposition(doc, found, by_start))
        found.extend(self._names_by_class_noun(doc, found, by_start))
        found.extend(self._acronyms(doc, found, by_start))
        found.extend(self._known_by_name(doc, found, by_start))
        self._appositions(doc, found, titles, by_start)
        found.extend(self._references(doc, found, phrases))
        found.sort(key=lambda f: (f.start, f.end))
        self._possessed_bodies(doc, found)
        result = []
        named_here: dict[int, set[str]] = {}  # sentence -> entities named in it
        sentence_starts = [sent.start for sent in doc.sents] if found else []
        joiners = self._pair_joiners
        previous: EntityMention | None = None
        for f in found:
            sentence = named_here.setdefault(bisect_right(sentence_starts, f.start), set())
            pair = None
            if f.entity == "?pair:person":  # "de twee leiders": the last two people named
                pair = self.registry.last_two("person", _PAIR_REACH)
            elif f.entity.startswith("?pair:"):
                pair = self.registry.recent_pair(_PAIR_TYPES[f.entity[6:]], _PAIR_REACH)
            elif (
                f.entity == "?group"
                and f.kind == "pronoun"
                and self.registry.recent("group", _PRONOUN_REACH) is None
            ):  # "Finland en Zweden …; op 18 mei dienden zij …": no group, so the pair
                pair = self.registry.recent_pair(_PAIR_TYPES["party"], _PAIR_REACH) or None
            if pair is not None:
                # "beide landen": one mention for each of the two, on the same words
                for entity in pair:
                    emit(entity, f.start, f.end, f.kind)
                    result.append(EntityMention(f.start, f.end, entity, f.kind))
                continue
            f.entity = self._resolve(f, sentence)
            if f.entity:
                f = self._administration(doc, f)
                sentence.add(f.entity)
                gap = doc[previous.end : f.cover_start] if previous is not None else None
                if (
                    gap
                    and len(gap) <= 3
                    and any(t.lower_ in joiners for t in gap)
                    and all(t.lower_ in joiners or t.lower_ in self._determiners for t in gap)
                ):
                    self.registry.add_pair(previous.entity, f.entity)  # "X en de Y"
            if self._askers_party(doc, f):
                continue  # "Vragen van het lid Sjoerdsma (D66)": the asker's party
            for entity, start, end in f.parts or ():
                emit(entity, start, end, "part")
            if f.entity:
                emit(f.entity, f.start, f.end, f.kind)
                result.append(f)
                previous = f
        return result

    def _administration(self, doc: Doc, f: EntityMention) -> EntityMention:
        """ "the Maduro administration", "the Assad regime": the government of the country
        the text has named the person as leading; without that, the person stays."""
        if f.end >= len(doc) or doc[f.end].lower_ not in self._administration_nouns:
            return f
        entity = self.registry.entities.get(f.entity)
        if entity is None or entity.type != "person":
            return f
        led = [target for prop, target in entity.relations if prop == "leaderOf"]
        if len(led) != 1:
            return f
        government = self.registry.derived(led[0], "government").id
        return EntityMention(f.start, f.end + 1, government, "derived", f.cover_start)

    def _compound_groups(self, doc, names, institutions) -> list[_Match]:
        """ "verzetsstrijders", "oorlogsvluchtelingen", "Talibanstrijders": a Dutch compound
        that ends in a group's plural noun names that group."""
        compounds = self.c.compound_groups
        if not compounds:
            return names
        taken = {i for m in [*names, *institutions] for i in range(m.start, m.end)}
        added = []
        for k, token in enumerate(doc):
            word = token.lower_
            if k in taken or len(word) < 10 or not token.is_alpha:
                continue
            if not (token.text.islower() or token.text.istitle()):
                continue
            group = _compound_head(word, compounds)
            if group is not None:
                added.append(_Match("name", group, k, k + 1))
        return sorted([*names, *added], key=lambda m: m.start) if added else names

    def _compound_institutions(self, doc, names, institutions) -> list[_Match]:
        """ "de Syrische overgangsregering", "de Iraanse zedenpolitie": a Dutch compound that
        ends in an institution's noun, after a country's adjective, is that institution."""
        compounds = self.c.compound_institutions
        if not compounds:
            return institutions
        taken = {i for m in [*names, *institutions] for i in range(m.start, m.end)}
        added = []
        for m in names:
            k = m.end
            if m.kind != "adjective" or k >= len(doc) or k in taken:
                continue
            word = doc[k].text
            if not (word.isalpha() and (word.islower() or word.istitle())):
                continue  # "de Iraanse zedenpolitie", "de Iraanse Zedenpolitie"
            word = word.lower()
            if self.c.rules.entities[m.value].type != "country":
                continue
            institution = _compound_head(word, compounds)
            if institution is not None:
                added.append(_Match("institution", institution, k, k + 1))
        return sorted([*institutions, *added], key=lambda m: m.start) if added else institutions

    def _bodies_of_a_named_country(self, doc, institutions, names):
        """ "het Russische ministerie van Defensie": an institution noun right after a
        country's adjective or name, or before "van"/"of" and a country's name ("het
        ministerie van Defensie van Niger"), is that country's body, even when a name of the
        rules lies inside it ("Defensie", the Dutch ministry): the names inside give way."""
        ending = {m.end: m for m in names}
        starting = {m.start: m for m in names}
        dropped: set[int] = set()
        for inst in institutions:
            left = ending.get(inst.start)
            if left is None or left.kind not in {"adjective", "name"}:
                # "het ministerie van Defensie van Niger": the country after "van"
                k = inst.end + 1
                while k < len(doc) and doc[k].lower_ in self.determiners:
                    k += 1
                after = doc[inst.end].lower_ in _OF if inst.end < len(doc) else False
                left = starting.get(k) if after else None
                if left is None or left.kind != "name":
                    continue
            if self.c.rules.entities[left.value].type != "country":
                continue
            inside = [
                m for m in names if m.kind == "name" and inst.start <= m.start and m.end <= inst.end
            ]
            dropped.update(id(m) for m in inside)
        if not dropped:
            return institutions, names
        return institutions, [m for m in names if id(m) not in dropped]

    # -- named places: "Minsk National Airport" ------------------------------------------
    def _named_places(self, doc, names, institutions, used) -> list[EntityMention]:
        """Capitalised names with a head word: "Minsk National Airport" (a place),
        "Amnesty International", "Internationale Organisatie voor Migratie" (organisations).
        """
        heads = self.c.head_words  # of places and organisations
        out: list[EntityMention] = []
        taken: set[int] = set()
        for i in positions(doc, "LOWER", self.c.head_word_ids):
            if not doc[i].text[:1].isupper() or i in taken:
                continue
            start, end = self._name_extent(doc, i, {m.start for m in names})
            while start < i and self._class_word(doc[start]):
                start += 1  # "Mensenrechtenorganisatie Amnesty International": no part of it
            while end < len(doc) and doc[end].lower_ in heads and doc[end].text[:1].isupper():
                end += 1  # "Athens International Airport": one more head word
            if end - start < 2:
                continue
            country = next(
                (m for m in names if start < m.start < end < m.end and m.kind == "name"), None
            )
            if country is not None and self.c.rules.entities[country.value].type == "country":
                end = country.end  # "… of the Islamic Republic of Iran": the whole country name
            else:
                country = next((m for m in names if m.end == end and m.start > start), None)
            if self._country_body(doc, start, end, names, institutions):
                continue  # "Russian Armed Forces", "Israel Defense Forces": a country's body
            # the words before "of" say what it is: "General Security Unit of the National
            # Palace" is a unit, not a palace
            core = next(
                (k for k in range(start + 1, end) if doc[k].lower_ in _NAME_CONNECTORS), end
            )
            words = {t.lower_ for t in doc[start:core]}
            kind = "place" if words & set(self.lexicon.place_heads) else "organisation"
            of_a_country = (
                country is not None
                and core < end
                and self.c.rules.entities[country.value].type == "country"
                and doc[core - 1].lower_ in set(self.lexicon.state_heads)
            )
            if self._state_body(doc[start:core]) or of_a_country:
                # "National Electoral Council", "Southern Military District", "Law Enforcement
                # Command of the Islamic Republic of Iran"
                kind = "government"
            name = doc[start:end].text
            owner = self._owner_country(doc, start, core, names)
            if owner is not None and doc[core - 1].lower_ in set(self.lexicon.state_heads):
                # "the U.S. Department of the Treasury", "Peru's Supreme Court": a body of
                # that country, named with the country as rule 4 names a country's bodies
                owner_id, name_start = owner
                kind = "government"
                name = f"{self.c.rules.entities[owner_id].labels['en']} {doc[name_start:end].text}"
            elif owner is not None and self._state_organisation(doc[owner[1] : core]):
                kind = "government"  # "Turkey's National Intelligence Organization"
            inside = [m for m in names if start <= m.start and m.end <= end]
            if any(m.start <= start and end <= m.end for m in names):
                continue  # the gazetteer knows this name ("European Union") or a longer one
                # that holds it ("Raad van de Europese Unie")
            if self._cut_at_a_hyphen(doc, start, end, names):
                continue  # "Nagorno-Karabakh Autonomous Oblast": the known name wins
            for m in inside:
                used.add(id(m))
            taken.update(range(start, end))
            entity = self.registry.discovered(name, kind, "name.head-word").id
            out.append(EntityMention(start, end, entity, "name"))
        return out

    def _owner_country(self, doc, start: int, core: int, names) -> tuple[str, int] | None:
        """(The country, where the body's own words start) when a country's adjective or name
        opens a head-word name ("Peruvian Congress") or stands right before it, possibly with
        "'s" ("the U.S. Department of …", "Peru's Supreme Court")."""
        before = start - 1 if start > 0 and doc[start - 1].text in {"'s", "’s"} else start
        for m in names:
            if m.kind not in {"name", "adjective"} or (m.end != before and m.start != start):
                continue
            if m.start == start and not m.end < core:
                continue  # the whole name is the country's: no body of it
            if self.c.rules.entities[m.value].type == "country":
                return m.value, (m.end if m.start == start else start)
        return None

    @staticmethod
    def _cut_at_a_hyphen(doc, start: int, end: int, names) -> bool:
        """Whether the words of a head-word name start right after a hyphen inside a known
        name that holds them all: the capitalised words stop at "Nagorno-", the gazetteer's
        name does not."""
        if start < 2 or doc[start - 1].text != "-":
            return False
        return any(m.start < start and end <= m.end for m in names)

    def _titles_with_the(self, doc, names, found, used) -> list[EntityMention]:
        """ "The New York Times", "The Guardian" inside a sentence: a capitalised "The" starts
        the name of a title (a newspaper, a broadcaster), an organisation; "The Hague" and
        other names of the rules stay what the rules say."""
        covered = _covered(found)
        out: list[EntityMention] = []
        for i in positions(doc, "ORTH", _THE):
            if doc[i].is_sent_start or i in covered or i + 1 >= len(doc):
                continue
            if i > 0 and not (doc[i - 1].is_alpha or doc[i - 1].text in {",", "("}):
                continue  # after a quote or a colon: a sentence inside the sentence
            end = i + 1
            while end < len(doc) and end - i <= _MAX_NAME_TOKENS and _name_word(doc[end]):
                end += 1
            if end == i + 1 or any(m.start == i and m.end >= end for m in names):
                continue
            if any(k in covered for k in range(i, end)):
                continue
            for m in names:
                if i <= m.start and m.end <= end:
                    used.add(id(m))  # "New York" in "The New York Times"
            entity = self.registry.discovered(doc[i:end].text, "organisation", "name.the")
            out.append(EntityMention(i, end, entity.id, "name"))
            covered.update(range(i, end))
        return out

    def _state_organisation(self, words) -> bool:
        """Whether the words are a state modifier ... "Organization": "National Intelligence
        Organization" (of a country named with it: its state body, not a company)."""
        return (
            len(words) > 1
            and words[0].lower_ in set(self.lexicon.state_modifiers)
            and words[-1].lower_ in _ORGANISATION_WORDS
        )

    def _state_body(self, name) -> bool:
        """Whether a head-word name is a state's body by its words: a state modifier
        ("National", "Military", "Nationale") before a state-body head ("Council", "District",
        "Raad") that ends the name."""
        words = [t.lower_ for t in name]
        modifiers = set(self.lexicon.state_modifiers)
        return words[-1] in set(self.lexicon.state_heads) and not modifiers.isdisjoint(words[:-1])

    def _country_body(self, doc, start: int, end: int, names, institutions) -> bool:
        """Whether the name is an institution noun, with a country's name or adjective before
        or after it: "Russian Armed Forces", "the Ministry of Defence", "Parliament of
        Myanmar" are a country's bodies, not organisations of their own."""
        for inst in institutions:
            if inst.start == start and inst.end == end:
                return True  # "the Ministry of Defence": the body of the country last named
            if inst.end == end and inst.start > start:
                first = self._over_state_modifiers(doc, inst.start)
                before = [m for m in names if m.end == first and m.start >= start]
                if before and self.c.rules.entities[before[0].value].type == "country":
                    return True
            if inst.start == start and inst.end < end:
                after = [m for m in names if m.end == end and m.start > inst.end]
                if after and self.c.rules.entities[after[0].value].type == "country":
                    return True
        return False

    def _name_extent(self, doc, i: int, named: set[int]) -> tuple[int, int]:
        """The capitalised words around token i, with inner connectors ("voor", "of"), and an
        "and"/"en" after a connector ("Movement for Democracy and Justice") unless a name
        the rules know follows it ("the Council of Europe and Russia")."""

        def capital(t) -> bool:
            if not (t.is_alpha and t.text[:1].isupper()):
                return False
            return not (t.is_sent_start and t.is_stop)  # "Ook Amnesty …": not "Ook"

        start, end = i, i + 1
        while start > 0 and i - start < _MAX_NAME_TOKENS:
            if capital(doc[start - 1]):
                start -= 1
            elif (  # "Yamalo-Nenets Autonomous Okrug": capitalised parts joined by a hyphen
                start >= 2
                and doc[start - 1].text == "-"
                and not doc[start - 1].whitespace_
                and not doc[start - 2].whitespace_
                and capital(doc[start - 2])
            ):
                start -= 2
            else:
                break
        # the head ends the name unless a connector continues it ("Organisatie voor Migratie",
        # "Law Enforcement Command of the Islamic Republic of Iran")
        while end + 1 < len(doc) and end - i < _MAX_NAME_TOKENS:
            width = 1
            if doc[end].lower_ in _OF and doc[end + 1].lower_ in _DEFINITE:
                width = 2  # "of the", "van de"
            joins = (
                doc[end].lower_ in _AND_IN_NAMES
                and any(doc[k].lower_ in _PURPOSE for k in range(i + 1, end))
                and end + 1 not in named
            )
            if (doc[end].lower_ not in _NAME_CONNECTORS and not joins) or end + width >= len(doc):
                break
            if not capital(doc[end + width]):
                break
            end += width + 1
            while end < len(doc) and end - i < _MAX_NAME_TOKENS + 2 and capital(doc[end]):
                end += 1
        if end - start > 2 and doc[start].lower_ in _DEFINITE and not doc[start].is_sent_start:
            start += 1  # "or The General Security Unit": the article is no part of the name
        return start, end

    # -- institutions: "de Poolse regering", "de grens met Polen", "EU-lidstaten" --------
    def _institution(self, doc, inst, by_start, by_end, used) -> list[EntityMention]:
        left = by_end.get(self._over_state_modifiers(doc, inst.start))
        if left is None and inst.start >= 2 and doc[inst.start - 1].text in {"-", "'s", "’s"}:
            left = by_end.get(inst.start - 1)
        if left is None:  # "Mali's transitional military government", "de Malinese
            left = self._over_modifiers(doc, inst.start, by_end)  # militaire overgangsregering"
        if doc[inst.start : inst.end].text.lower() in _MEMBERS_OF_A_NAME and (
            left is None
            or left.kind != "name"
            or self.c.rules.entities[left.value].type != "organisation"
        ):
            return []  # "Afrikaanse landen", "the countries": no organisation's members
        if left is not None and left.kind == "adjective" and self._ethnic(doc, left):
            used.add(id(left))  # "ethnic Armenian soldiers": not Armenia's army, soldiers
            group = self._members(doc, inst)
            if group is not None:
                return [EntityMention(left.start - 1, inst.end, group, "name")]
            return []
        if (
            left is not None
            and left.kind in {"adjective", "name"}
            and self._base(left, used, inst.value)
        ):
            used.add(id(left))
            if self._named_body_after(inst, left, by_start):
                return []  # "de Russische inlichtingendienst FSB": the FSB, named right after
            entity = self.registry.derived(left.value, inst.value).id
            # "the Russian troops": the adjective points to the body, not to the country;
            # "Russia's troops", "de Poolse-grens"-like names still name the country
            part = [(left.value, left.start, left.end)] if left.kind == "name" else None
            out = [EntityMention(left.start, inst.end, entity, "derived", parts=part)]
            if left.kind == "adjective":
                out += self._coordinated_adjectives(doc, left, inst, by_end, used)
            return out
        out = []
        i = inst.end
        located = i < len(doc) and doc[i].lower_ in _IN_WORDS  # "de junta in Niger"
        if i < len(doc) and (doc[i].lower_ in _OF_WORDS or located):
            i += 1
            while i < len(doc):
                while i < len(doc) and doc[i].lower_ in self.determiners:
                    i += 1
                if located and i not in by_start:
                    i = self._after_country_noun(doc, i)
                right = by_start.get(i)
                capital = self._seat_of_government(right, inst.value) if located else None
                if capital is not None:  # "de regering in Bamako", "the regime in Tehran"
                    used.add(id(right))
                    entity = self.registry.derived(capital, inst.value).id
                    part = [(right.value, right.start, right.end)]
                    out.append(EntityMention(inst.start, right.end, entity, "derived", parts=part))
                    break
                if right is None or right.kind != "name" or not self._base(right, used, inst.value):
                    break
                if right.end < len(doc) and doc[right.end].text in {"'s", "’s"}:
                    break  # "the police of Iran's government": Iran's government, no police
                right_type = self.c.rules.entities[right.value].type
                if located and right_type != "country":
                    break  # "the troops in Crimea" are not Crimea's own
                if out and right_type != self.registry.entity(out[0].parts[0][0]).type:
                    break  # "the government of Ethiopia and the TPLF": no TPLF government
                used.add(id(right))
                entity = self.registry.derived(right.value, inst.value).id
                start = right.start if out else inst.start  # "grenzen met Polen en Litouwen"
                part = [(right.value, right.start, right.end)]
                out.append(EntityMention(start, right.end, entity, "derived", parts=part))
                i = right.end
                if i < len(doc) and doc[i].lower_ in set(self.lexicon.coordinators):
                    i += 1
                    continue
                break
        if out:
            return out
        possessive = self._country_possessive(doc, inst.start, by_end)
        if possessive is not None:  # "the country's presidential guard": the country's own
            country, start = possessive
            entity = self.registry.derived(country, inst.value).id
            return [EntityMention(start, inst.end, entity, "derived")]
        noun = " ".join(t.lower_ for t in doc[inst.start : inst.end])
        if noun in self.lexicon.titles and inst.end < len(doc) and _name_word(doc[inst.end]):
            return []  # "het lid Ceder": a title before a name, read by the title rule
        article = self._article_before(doc, inst.start)
        if article is not None:
            # "the junta", "the internationally recognized government": the body named
            # before, else the body of the country the text is about; "its army", "a
            # military" only the one named before
            kind = "body" if doc[article].lower_ in _DEFINITE else "inst"
            value = f"?{kind}:{inst.value}{self._members_fallback(doc, inst)}"
            return [EntityMention(article, inst.end, value, "anaphor")]
        # "killed by security forces", "regeringstroepen schoten": a bare plural is the body
        # of the country the text is about, as "the security forces" is
        last = doc[inst.end - 1].lower_
        plural = last.endswith("en" if self.c.lang == "nl" else "s") or last.endswith("s")
        if last in _COLLECTIVE_BODIES and inst.end - inst.start <= 2:
            # "Police arrested hundreds", "door politie": the subject or the doer, not a
            # modifier ("police brutality", "a police station")
            before = doc[inst.start - 1].lower_ if inst.start else ""
            # also after an opening phrase or a clause's first word: "On Monday, police
            # fired", "when police arrived", "toen politie ingreep"
            plural = (
                doc[inst.start].is_sent_start
                or before in _AGENT_PREPOSITIONS
                or before == ","
                or before in self.lexicon.subordinators
            )
        opens = inst.start == 0 or not doc[inst.start - 1].text[:1].isupper()
        if inst.start > 0 and doc[inst.start - 1].lower_ in _NOT_OWN:
            # "internationale troepen", "foreign forces": not the country's own; "Western
            # officials" are officials, a group
            group = self._members(doc, inst)
            if group is not None:
                return [EntityMention(inst.start - 1, inst.end, group, "name")]
            return []
        if plural and opens and inst.end - inst.start <= 2:
            value = f"?body:{inst.value}{self._members_fallback(doc, inst)}"
            return [EntityMention(inst.start, inst.end, value, "anaphor")]
        return []

    def _after_country_noun(self, doc, i: int) -> int:
        """Where the name starts in "the West African nation of Guinea", "het
        West-Afrikaanse land Guinee": after the country noun (and its "of"); else i."""
        for j in range(i, min(i + 4, len(doc) - 1)):
            if doc[j].lower_ in self._country_nouns:
                return j + 2 if doc[j + 1].lower_ in _OF_WORDS else j + 1
            if not doc[j].is_alpha and doc[j].text != "-":
                break
        return i

    def _members(self, doc, inst) -> str | None:
        """The group a body noun for its members names when it is no country's body:
        "soldiers", "soldaten" → soldiers; "officials", "functionarissen" → officials."""
        members = _MEMBERS.get(doc[inst.end - 1].lower_)
        if members is None or members[0] != inst.value:
            return None
        return self.registry.members(members[1], members[2]).id

    def _members_fallback(self, doc, inst) -> str:
        """ "|soldiers/soldaten" for "the soldiers" and "soldaten": when no army of a country
        was named before and no country dominates the text, they are a group."""
        members = _MEMBERS.get(doc[inst.end - 1].lower_)
        if members is None or members[0] != inst.value or inst.value != "military":
            return ""  # "officials" alone are too often some body's, named or not
        return f"|{members[1]}/{members[2]}"

    def _named_body_after(self, inst, left, by_start) -> bool:
        """Whether a body of the rules that is part of `left` (or a state body of no country
        said) is named right after the noun: "the Russian security service FSB", "de
        VN-vredesmacht UNIFIL"."""
        named = by_start.get(inst.end)
        if named is None or named.kind != "name":
            return False
        rule = self.c.rules.entities[named.value]
        part_of = rule.relations.get("partOf")
        if part_of is not None:  # "de VN-vredesmacht UNIFIL": a part of the UN
            return part_of == left.value
        return rule.type == "government"

    def _may_name_a_leader(self, doc, inst) -> bool:
        """Whether a government noun has a capitalised word right before it, "'s", a hyphen
        after it, or "of" and a title after it: it may be a leader's government, read after
        the titles have said whom each person leads."""
        if inst.value != "government":
            return False
        before = doc[inst.start - 1].text if inst.start else ""
        after = doc[inst.end].lower_ if inst.end < len(doc) else ""
        return before[:1].isupper() or before in {"'s", "’s"} or after in {"-", *_OF}

    def _leader_before(self, doc, inst, by_start, by_end) -> tuple[str, int, int] | None:
        """(id, start, end) of the person named right before a government noun ("the
        Netanyahu government", "Putin's government"), after it with a hyphen ("de
        regering-Netanyahu") or after "of" and a title ("de regering van premier Ahmed"): a
        person of the rules, or one the text named before."""
        if inst.value != "government":
            return None
        places = []
        if inst.start >= 1:
            places.append(inst.start - 1)  # "the Netanyahu government"
        if inst.start >= 2 and doc[inst.start - 1].text in {"'s", "’s"}:
            places.append(inst.start - 2)  # "Putin's government"
        if (
            inst.end + 1 < len(doc)
            and doc[inst.end].text == "-"
            and not doc[inst.end - 1].whitespace_
            and not doc[inst.end].whitespace_
        ):
            places.append(inst.end + 1)  # "de regering-Netanyahu"
        if inst.end + 1 < len(doc) and doc[inst.end].lower_ in _OF:
            k = inst.end + 1  # "de regering van premier Ahmed"
            while k < len(doc) and (
                doc[k].lower_ in self.determiners or doc[k].lower_ in self.c.title_words
            ):
                k += 1
            if inst.end + 1 < k < len(doc):
                places.append(k)
        for at in places:
            if not doc[at].text[:1].isupper():
                continue
            known = by_end.get(at + 1) if at < inst.start else by_start.get(at)
            if known is not None and known.kind == "name":
                if self.c.rules.entities[known.value].type == "person":
                    return known.value, known.start, known.end
                continue
            person = self.registry.person_named(doc[at].text)
            if person is not None:
                return person, at, at + 1
        return None

    def _government_of_a_leader(self, doc, inst, by_start, by_end, used) -> EntityMention | None:
        """ "the Netanyahu government", "the Biden administration", "de regering-Netanyahu":
        the government of the country the person leads, as the text said ("Prime Minister
        Netanyahu of Israel"), else of the country of their nationality ("de Israëlische
        premier")."""
        person = self._leader_before(doc, inst, by_start, by_end)
        if person is None:
            return None
        person_id, first, last = person
        match = by_start.get(first)
        if match is not None and id(match) in used and first < inst.end:
            return None  # a name another rule read
        relations = self.registry.entity(person_id).relations
        countries = [t for p, t in relations if p == "leaderOf"] or [
            t for p, t in relations if p == "nationality"
        ]
        countries = [c for c in countries if self.registry.entity(c).type == "country"]
        if not countries:
            return None
        if match is not None:
            used.add(id(match))
        entity = self.registry.derived(countries[0], inst.value).id
        start, end = min(first, inst.start), max(first, inst.end)
        return EntityMention(start, end, entity, "derived", parts=[(person_id, first, last)])

    def _seat_of_government(self, right: _Match | None, institution: str) -> str | None:
        """The country whose capital `right` names, when a body that sits there stands before
        it with "in": the government, authorities or leaders "in Bamako"."""
        if right is None or right.kind != "name" or institution not in _SEATED_BODIES:
            return None
        return self.c.capitals.get(right.value)

    def _article_before(self, doc, start: int) -> int | None:
        """The determiner before a body noun, over at most two lowercase words of the
        lexicon's `body_modifiers` ("the new government", "the internationally recognized
        government")."""
        modifiers = self.lexicon.body_modifiers
        k = start - 1
        while k >= 0 and start - k <= 3:
            word = doc[k].lower_
            if word in self.determiners:
                return k
            if word not in modifiers or not doc[k].text.islower():
                return None
            k -= 1
        return None

    def _coordinated_adjectives(self, doc, left, inst, by_end, used) -> list[EntityMention]:
        """ "Spanish and Moroccan police", "Syrische en Russische troepen": every country
        adjective of a list before a body noun has that body."""
        out = []
        coordinators = {",", *self.lexicon.coordinators}
        k = left.start
        while k >= 2 and doc[k - 1].lower_ in coordinators:
            before = by_end.get(k - 1)
            if before is None or before.kind != "adjective" or not self._base(before, used):
                break
            used.add(id(before))
            entity = self.registry.derived(before.value, inst.value).id
            out.append(EntityMention(before.start, before.end, entity, "derived"))
            k = before.start
        return out

    def _over_modifiers(self, doc, start: int, by_end) -> _Match | None:
        """The country adjective or possessive name before at most two lowercase modifiers
        of an institution's noun ("Mali's transitional military government")."""
        k = start
        while k > 0 and start - k < 2:
            word = doc[k - 1]
            if not (word.is_alpha and word.is_lower) or word.lower_ in self.c.modifier_stops:
                break
            k -= 1
        if k == start:
            return None
        if k >= 2 and doc[k - 1].text in {"'s", "’s"}:
            k -= 1
            left = by_end.get(k)
            return left if left is not None and left.kind == "name" else None
        left = by_end.get(k)
        return left if left is not None and left.kind == "adjective" else None

    def _over_state_modifiers(self, doc, start: int) -> int:
        """Where a name before capitalised state modifiers ends: "Afghan National Security
        Forces" are Afghanistan's forces, as "Afghan Security Forces" are."""
        modifiers = self.lexicon.state_modifiers
        k = start
        while k > 0 and doc[k - 1].lower_ in modifiers and doc[k - 1].text[:1].isupper():
            k -= 1
        return k

    def _country_possessive(self, doc, start: int, by_end) -> tuple[str, int] | None:
        """(The country a text is about, where the phrase starts) when a country anaphor and
        "'s" ("the country's") stand before token `start`: the last country named before it
        in the passage, else the most named so far."""
        if start < 2 or doc[start - 1].text not in {"'s", "’s"}:
            return None
        phrases = self.c.country_anaphor_words
        longest = max((len(w) for w in phrases), default=0)
        before = [t.lower_ for t in doc[max(0, start - 1 - longest) : start - 1]]
        words = next((w for w in phrases if before[-len(w) :] == list(w)), None)
        if words is None:
            return None
        first = start - 1 - len(words)
        named = [
            m
            for end, m in by_end.items()
            if end <= first
            and m.kind == "name"
            and self.c.rules.entities[m.value].type == "country"
        ]
        country = max(named, key=lambda m: m.end).value if named else None
        country = country or self.registry.salient("country")
        return (country, first) if country is not None else None

    def _base(self, match: _Match, used: set[int], institution: str = "") -> bool:
        """Only countries and organisations have governments, borders and member states; a
        region named by its name has its own authorities and forces ("de troepen van de
        Tigray-regio", "the authorities of Crimea")."""
        entity_type = self.c.rules.entities[match.value].type
        if id(match) in used:
            return False
        if entity_type == "place":
            return match.kind == "name" and institution in _REGION_BODIES
        return entity_type in {"country", "organisation"}

    # -- titles: "de Russische president Vladimir Poetin", "de dictator" ------------------
    def _titled(self, doc, title, titles_at, by_start, by_end, used) -> list[EntityMention]:
        if any(  # "the General Assembly": a word of a known name is no rank
            m.kind == "name" and m.start <= title.start and title.end < m.end
            for m in by_start.values()
        ):
            return []
        titles = [title.value]
        i = title.end
        # "journalist en oppositie-activist Roman Protosevich"
        while True:
            if i + 1 < len(doc) and doc[i].lower_ in {"en", "and"} and i + 1 in titles_at:
                titles.append(titles_at[i + 1].value)
                i = titles_at[i + 1].end
            elif i in titles_at:  # "commander General X": a rank after a post
                titles.append(titles_at[i].value)
                i = titles_at[i].end
            else:
                break
        of_target = self._title_of(doc, i, by_start, used)  # "President of Russia Vladimir Putin"
        at = of_target.end if of_target else i
        person = self._person_at(doc, at, by_start, used, "name.title")
        adjective = by_end.get(title.start)
        if person is None:
            unnamed = self._unnamed_leader(title, adjective, used)
            if unnamed is None:
                unnamed = self._unnamed_official(doc, title, adjective, of_target, used)
            if unnamed is None and adjective is None and of_target is None:
                unnamed = self._possessive_official(doc, title, by_end, used)
            if unnamed is not None:
                return [unnamed]
            if title.start > 0 and doc[title.start - 1].lower_ in self.determiners:
                return [
                    EntityMention(title.start - 1, title.end, f"?title:{title.value}", "anaphor")
                ]
            return []
        if of_target is not None:
            used.add(id(of_target))
            i = of_target.end
        entity_id, end = person
        cover = title.start
        parts = None
        if (
            adjective is not None
            and adjective.kind == "name"
            and id(adjective) not in used
            and self.c.rules.entities[adjective.value].type == "group"
        ):
            used.add(id(adjective))  # "the opposition journalist X": a modifier, no group
            cover = adjective.start
            adjective = by_end.get(adjective.start)
        if adjective is not None and adjective.kind == "adjective" and id(adjective) not in used:
            used.add(id(adjective))
            cover = adjective.start
            parts = [(adjective.value, adjective.start, adjective.end)]
            for word in titles:
                relation = self.lexicon.titles[word].get("relation")
                country = self.c.rules.entities[adjective.value]
                if relation:
                    self.registry.add_relation(entity_id, relation, adjective.value)
                elif country.type == "country":
                    self.registry.add_relation(entity_id, "nationality", adjective.value)
        if (
            of_target is None
            and adjective is not None
            and adjective.kind == "name"
            and id(adjective) not in used
            and self.c.rules.entities[adjective.value].type in {"organisation", "country"}
        ):
            of_target = adjective  # "Wagner Group leader Yevgeny Prigozhin"
            used.add(id(adjective))
            cover = adjective.start
        if of_target is None and (adjective is None or id(adjective) not in used):
            after = self._title_of(doc, end, by_start, used)
            if after is not None:  # "President Nicolás Maduro of Venezuela"
                of_target = after
                used.add(id(after))
                end = after.end
        if of_target is not None:
            parts = [*(parts or []), (of_target.value, of_target.start, of_target.end)]
        self._hold_titles(entity_id, titles, of_target.value if of_target else None)
        return [EntityMention(i, end, entity_id, "person", cover_start=cover, parts=parts)]

    def _possessive_official(self, doc, title, by_end, used) -> EntityMention | None:
        """ "China's ambassador", "Russia's president" without a name: the country's body the
        title stands for (its embassy) or, for a leader, its government."""
        if title.start < 2 or doc[title.start - 1].text not in {"'s", "’s"}:
            return None
        owner = by_end.get(title.start - 1)
        if owner is None or owner.kind != "name" or id(owner) in used:
            return None
        if self.c.rules.entities[owner.value].type != "country":
            return None
        entry = self.lexicon.titles[title.value]
        body = entry.get("body")
        if body is None and entry["label"] in _LEADER_TITLES:
            holder = self.registry.leader_of(owner.value, entry["label"])
            if holder is not None:
                used.add(id(owner))
                return EntityMention(owner.start, title.end, holder, "anaphor")
            body = "government"
        if body is None:
            return None
        used.add(id(owner))
        entity = self.registry.derived(owner.value, body).id
        part = [(owner.value, owner.start, owner.end)]
        return EntityMention(owner.start, title.end, entity, "derived", parts=part)

    def _unnamed_leader(self, title, adjective, used) -> EntityMention | None:
        """ "the Armenian prime minister", "de Armeense premier" without a name: the person
        the text named as that country's leader with that title, else the country's
        government (the office, not the country, acts)."""
        label = self.lexicon.titles[title.value]["label"]
        if label not in _LEADER_TITLES or adjective is None or adjective.kind != "adjective":
            return None
        country = adjective.value
        if id(adjective) in used or self.c.rules.entities[country].type != "country":
            return None
        used.add(id(adjective))
        holder = self.registry.leader_of(country, label)
        if holder is not None:
            return EntityMention(adjective.start, title.end, holder, "anaphor")
        entity = self.registry.derived(country, "government").id
        part = [(country, adjective.start, adjective.end)]
        return EntityMention(adjective.start, title.end, entity, "derived", parts=part)

    def _unnamed_official(self, doc, title, adjective, of_target, used) -> EntityMention | None:
        """ "the Iranian ambassador", "de Iraanse minister van Buitenlandse Zaken", "the
        foreign minister of Iran" without a name: the body of that country the official
        stands for (its embassy, its ministry), by the title's `body` in the lexicon."""
        body = self.lexicon.titles[title.value].get("body")
        if body is None:
            return None
        if adjective is not None and adjective.kind == "adjective" and id(adjective) not in used:
            source, cover, last = adjective, adjective.start, title.end
        elif of_target is not None:
            source, cover, last = of_target, title.start, of_target.end
        else:
            return None
        if self.c.rules.entities[source.value].type != "country" or self._ethnic(doc, source):
            return None
        used.add(id(source))
        entity = self.registry.derived(source.value, body).id
        # "the Iranian ambassador": the adjective points to the embassy, not to Iran
        part = [(source.value, source.start, source.end)] if source.kind == "name" else None
        return EntityMention(cover, last, entity, "derived", parts=part)

    def _hold_titles(self, person: str, titles: list[str], of: str | None) -> None:
        """The person holds these titles; a leader's title "of" a country or body leads it."""
        for word in titles:
            title = self.lexicon.titles[word]
            self.registry.add_fact(person, "jobTitle", title["label"])
            self.registry.title_holders[word] = person
            if of is not None and title.get("relation"):
                self.registry.add_relation(person, title["relation"], of)

    def _title_of(self, doc, i: int, by_start, used) -> _Match | None:
        """The country or organisation in "of (the) X" at token i, after a title."""
        if i >= len(doc) or doc[i].lower_ not in _OF_WORDS:
            return None
        i += 1
        while i < len(doc) and doc[i].lower_ in self.determiners:
            i += 1
        match = by_start.get(i)
        if match is None or match.kind != "name" or id(match) in used:
            return None
        entity_type = self.registry.entity(match.value).type
        return match if entity_type in {"country", "organisation", "government"} else None

    def _appositions(self, doc, found, titles, by_start) -> None:
        """ "Yevgeny Prigozhin, the head of the Wagner Group, …": the person holds the title."""
        if not titles:
            return
        person_ending = {
            f.end: f.entity
            for f in found
            if f.kind == "person"
            or (f.kind == "name" and self.registry.entity(f.entity).type == "person")
        }
        for title in titles:
            before = title.start
            if before > 0 and doc[before - 1].lower_ in self.determiners:
                before -= 1
            if before < 2 or doc[before - 1].text != ",":
                continue
            person = person_ending.get(before - 1)
            if person is None:
                continue
            named_at = dict(by_start)  # bodies the rules found by their shape count too
            for f in found:
                if f.kind == "name" and f.start not in named_at:
                    named_at[f.start] = _Match("name", f.entity, f.start, f.end)
            of_target = self._title_of(doc, title.end, named_at, set())
            self._hold_titles(person, [title.value], of_target.value if of_target else None)

    def _person_at(
        self, doc, i, by_start, used, rule: str, minimum: int = 1
    ) -> tuple[str, int] | None:
        """A person named at token i: a known name or a capitalised sequence."""
        if i in self.no_people:
            return None
        known = by_start.get(i)
        if known is not None and known.kind == "name":
            if self.c.rules.entities[known.value].type == "person":
                used.add(id(known))
                return known.value, known.end
            return None
        end = i
        hyphens = 0  # "Jean-Yves Le Drian": a hyphen joins two words of one, no word itself
        while end < len(doc) and end - i - hyphens < _MAX_NAME_TOKENS:
            token = doc[end]
            capital = token.is_alpha and token.text[0].isupper() and end not in by_start
            # "Jan de Vries", "Ursula von der Leyen": particles inside a name
            particle = (
                end > i
                and token.lower_ in _NAME_PARTICLES
                and token.text.islower()
                and end + 1 < len(doc)
                and doc[end + 1].text[:1].isupper()
            )
            # "Abdel Fattah al-Burhan", "Ali bin-Hassan": an Arabic article joined by a hyphen
            joined = (
                end > i
                and token.lower_ in _JOINED_PARTICLES
                and end + 2 < len(doc)
                and doc[end + 1].text == "-"
                and doc[end + 2].text[:1].isupper()
            )
            # "Maria Lvova-Belova": a double surname joined by a hyphen, no spaces; "Tsai
            # Ing-wen", "Kim Jong-un": a lowercase syllable joined to a capitalised one
            double = (
                end > i
                and token.text == "-"
                and not doc[end - 1].whitespace_
                and not token.whitespace_
                and end + 1 < len(doc)
                and doc[end + 1].is_alpha
                and (doc[end + 1].text[:1].isupper() or _syllable(doc[end - 1], doc[end + 1]))
            )
            # "John R. Smith", "Brian E. Nelson": a middle initial between capitalised names
            initial = (
                end > i
                and len(token.text) == 2
                and token.text[0].isupper()
                and token.text[1] == "."
                and end + 1 < len(doc)
                and doc[end + 1].is_alpha
                and doc[end + 1].text[:1].isupper()
            )
            if particle and self._title_tail(doc, end + 1):
                break  # "Minister Blok van Buitenlandse Zaken"
            if initial:
                end += 1
                continue
            if joined or double:
                hyphens += 1
                end += 3 if joined else 2
                continue
            if not (capital or particle):
                break
            end += 1
        while end > i and doc[end - 1].lower_ in _NAME_PARTICLES and doc[end - 1].text.islower():
            end -= 1
        # "Ukrainian Infrastructure Minister Oleksandr Kubrakov": the name follows the title
        titles = [k for k in range(i, end - 1) if doc[k].lower_ in self.c.title_all_words]
        if titles and doc[titles[-1]].text[:1].isupper():
            i = titles[-1] + 1
        if end - i < minimum or self._organisation_shaped(doc[i:end]):
            return None
        if end - i == 1 and self._place_shaped(doc[i]):
            return None  # "Koning Boudewijnstadion": a stadium, no king
        return self.registry.discovered(doc[i:end].text, "person", rule).id, end

    def _organisation_shaped(self, words) -> bool:
        """ "Liberation Front", "Nationale Defensiemacht": a head word of an organisation,
        or a Dutch compound ending in one, names no person."""
        heads, compounds = self.c.organisation_heads, self.c.compound_heads
        return any(w.lower_ in heads or w.lower_.endswith(compounds) for w in words)

    def _place_shaped(self, word) -> bool:
        """A Dutch compound ending in a place head ("Boudewijnstadion", "Tahrirplein")."""
        return self.c.lang == "nl" and word.lower_.endswith(self.c.place_compounds)

    def _tail_of_a_named_title(self, doc, m) -> bool:
        """Is the name the words after "van" of a title that a person's name follows
        ("minister van Defensie Sergej Sjojgoe", "de minister van Defensie, Mariusz
        Blaszczak")? "namens de Minister van Defensie" still names the ministry."""
        if m.start < 2 or doc[m.start - 1].lower_ not in {"van", "of"}:
            return False
        if not self._title_tail(doc, m.start):
            return False
        after = m.end + (1 if m.end < len(doc) and doc[m.end].text == "," else 0)
        return after < len(doc) and _name_word(doc[after]) and doc[after].text[:1].isupper()

    def _title_tail(self, doc, i: int) -> bool:
        words = tuple(t.lower_ for t in doc[i : i + 4])
        return any(words[: len(tail)] == tail for tail in self.c.title_tails)

    # -- plain names, adjectives and demonyms -------------------------------------------
    def _plain(self, doc, m, by_start, by_end, used) -> list[EntityMention]:
        if m.kind == "demonym":
            plural = plural_demonym(doc[m.start : m.end].text, self.c.lang)
            # "de Amerikaan Evan Neumann": one of them, named; "Nederlanders Libanon te
            # laten verlaten": many, and a name the gazetteer knows after them
            person = (
                None
                if plural or m.end in by_start
                else self._person_at(doc, m.end, {}, used, "name.demonym")
            )
            if person is not None:
                self.registry.add_relation(person[0], "nationality", m.value)
                parts = [(m.value, m.start, m.end)]
                return [EntityMention(m.end, person[1], person[0], "person", m.start, parts=parts)]
            country = self.c.rules.entities[m.value]
            if country.type == "country" and plural:
                group = self.registry.people_of(m.value).id  # "Armenians fled": the people
                return [EntityMention(m.start, m.end, group, "name")]  # the people, not the state
            return [EntityMention(m.start, m.end, m.value, "demonym", modifier=True)]
        if m.kind == "adjective":
            if m.end < len(doc) and doc[m.end].text == ":":
                return []  # "(Spanish: Plataforma Unitaria)": a language, no actor
            people = self._people_noun(doc, m, by_start, used)
            if people is not None:
                return [people]
            opposition = self._opposition_of(doc, m, by_start)
            if opposition is not None:
                return [opposition]
            if self._ethnic(doc, m):
                return []  # "ethnic Armenian": an ethnicity, not the country
            # "The American Evan Neumann"
            person = self._person_at(doc, m.end, {}, used, "name.demonym", minimum=2)
            if person is not None:
                self.registry.add_relation(person[0], "nationality", m.value)
                parts = [(m.value, m.start, m.end)]
                return [EntityMention(m.end, person[1], person[0], "person", m.start, parts=parts)]
            if self._part_of_a_region(doc, m):
                # "the West African bloc": West Africa, not Africa; the words stay taken
                # ("West" is no given name here)
                return [EntityMention(m.start, m.end, "", "adjective", modifier=True)]
            return [EntityMention(m.start, m.end, m.value, "adjective", modifier=True)]
        entity_type = self.c.rules.entities[m.value].type
        if self._tail_of_a_named_title(doc, m):
            return []  # "minister van Defensie Sergej Sjojgoe": his title, not the ministry
        if entity_type == "city" and self._names_something_else(doc, m.end):
            return []  # "the Rome Statute", "The New York Times": a name that starts with a city
        if entity_type == "group" and m.start > 0 and doc[m.start - 1].lower_ in self.generic:
            return []  # "alle politieke gevangenen": anyone of the kind, no actor
        if entity_type == "group" and self._nationals(doc, m, by_end):
            return []  # "Amerikaanse burgers": citizens of a country, not civilians
        if entity_type == "country":
            region = self._compass_part(doc, m)
            if region is not None:
                return [region]  # "eastern Ukraine", "Oost-Oekraïne"
            if self._counted(doc, m.start):
                # "twee Zweden doodgeschoten": a country takes no number; its people do
                return [EntityMention(m.start, m.end, self.registry.people_of(m.value).id, "name")]
        compound = m.end < len(doc) and doc[m.end].text == "-" and not doc[m.end - 1].whitespace_
        mention = EntityMention(m.start, m.end, m.value, "name", modifier=compound)
        adjective = by_end.get(m.start)
        is_person = self.c.rules.entities[m.value].type == "person"
        if is_person and m.start in self.no_people:
            return []
        if is_person and adjective is not None and adjective.kind == "adjective":
            used.add(id(adjective))
            self.registry.add_relation(m.value, "nationality", adjective.value)
            mention.cover_start = adjective.start
            mention.parts = [(adjective.value, adjective.start, adjective.end)]
        return [mention]

    def _possessed_bodies(self, doc, found: list[EntityMention]) -> None:
        """ "Iran's Revolutionary Guards seized a tanker": the country that owns a named
        body describes it; the body acts, not the country (nor is the body its target)."""
        entities = self.c.rules.entities
        by_start = {f.start: f for f in found}
        for f in found:
            rule = entities.get(f.entity)
            if f.kind != "name" or rule is None or rule.type != "country" or f.end >= len(doc):
                continue
            mark = doc[f.end].lower_  # "Iran's", and "Belarus'" after a final s
            if mark not in ("'s", "’s") and not (
                mark in ("'", "’") and doc[f.end - 1].lower_.endswith("s")
            ):
                continue
            owned = by_start.get(f.end + 1)
            body = entities.get(owned.entity) if owned is not None else None
            if body is not None and body.type in ("organisation", "group", "government"):
                f.modifier = True

    def _counted(self, doc, start: int) -> bool:
        """Is the word before `start` a number or a count ("twee", "21", "honderden")?"""
        if start == 0:
            return False
        before = doc[start - 1]
        word = before.lower_
        if word.isdigit():
            return len(word) != 4  # "In May 2021 Belarus forced …": a year
        if word.endswith(("th", "de", "ste")) or word in _ORDINALS:
            return False  # "the first US journalist", "de tweede Zweed"
        return before.like_num or word in self._count_words

    def _compass_part(self, doc, m) -> EntityMention | None:
        """A compass word before a country's name: "eastern Ukraine", "Oost-Oekraïne"."""
        parts = self.lexicon.compass_parts
        start = m.start - 1
        if start >= 1 and doc[start].text == "-" and not doc[start - 1].whitespace_:
            start -= 1  # "Oost-Oekraïne"
            if doc[start + 1].whitespace_:
                return None
        if start < 0 or doc[start].lower_ not in parts:
            return None
        region = self.registry.region(m.value, parts[doc[start].lower_])
        return EntityMention(start, m.end, region.id, "name", parts=[(m.value, m.start, m.end)])

    def _askers_party(self, doc, f: EntityMention) -> bool:
        """Whether a byline names the party or the ministry of who asks or answers: "Vragen
        van het lid X (D66)", "aan de Ministers van Defensie": no actor of the text."""
        if not f.entity or f.kind != "name" or f.start not in self.no_people:
            return False
        entity_type = self.registry.entity(f.entity).type
        opened = [t.text for t in doc[max(0, f.start - 3) : f.start]]
        if entity_type == "organisation" and "(" in opened:
            return True  # "(D66)", "(allen D66)"
        before = doc[f.start - 2].lower_ if f.start >= 2 else ""
        return entity_type == "government" and before.startswith(("minister", "staatssecretar"))

    def _part_of_a_region(self, doc, m) -> bool:
        """Whether a compass word before the adjective of a continent or region names a part
        of it: "West African", "Central Asian", "Zuidoost-Aziatische" (no entity of its own)."""
        if m.start == 0 or self.c.rules.entities[m.value].type != "place":
            return False
        k = m.start - 1
        if k > 0 and doc[k].text == "-" and not doc[k].whitespace_ and not doc[k - 1].whitespace_:
            k -= 1  # "West-Afrikaanse"
        before = doc[k]
        return before.text[:1].isupper() and before.lower_.rstrip("-") in _COMPASS

    def _nationals(self, doc, m, by_end) -> bool:
        """Whether Dutch "burgers" follows a country's adjective: "Nederlandse burgers" are
        the country's citizens (its adjective names the country), not civilians."""
        if m.end - m.start != 1 or doc[m.start].lower_ not in _CITIZENS:
            return False
        adjective = by_end.get(m.start)
        return (
            adjective is not None
            and adjective.kind == "adjective"
            and self.c.rules.entities[adjective.value].type == "country"
        )

    @staticmethod
    def _ethnic(doc, m) -> bool:
        """Whether "ethnic" or "etnisch" stands right before the adjective match `m`."""
        return m.start > 0 and doc[m.start - 1].lower_ in _ETHNIC

    def _opposition_of(self, doc, m, by_start) -> EntityMention | None:
        """ "the Venezuelan opposition": a country's adjective before "opposition" (no alias on
        its own in English, where "opposition to" is no group) names the opposition."""
        if m.end >= len(doc) or doc[m.end].lower_ not in _OPPOSITION or m.end in by_start:
            return None
        if m.end + 1 < len(doc) and doc[m.end + 1].lower_ in {"to", "tegen"}:
            return None  # "the Venezuelan opposition to the plan"
        if (
            self.c.rules.entities[m.value].type != "country"
            or "opposition" not in self.c.rules.entities
        ):
            return None
        entity = self.registry.known("opposition").id
        return EntityMention(m.end, m.end + 1, entity, "name", cover_start=m.start)

    def _people_noun(self, doc, m, by_start, used) -> EntityMention | None:
        """ "the Armenian population", "het Palestijnse volk", "de etnisch Armeense
        bevolking": a country's adjective before a noun for a people names the people (a
        group, as "Armenians" does), not the country."""
        if m.end >= len(doc) or doc[m.end].lower_ not in _PEOPLE_NOUNS:
            return None
        if self.c.rules.entities[m.value].type != "country":
            return None
        after = by_start.get(m.end)
        if after is not None:
            used.add(id(after))
        group = self.registry.people_of(m.value).id
        start = m.start - 1 if self._ethnic(doc, m) else m.start
        return EntityMention(start, m.end + 1, group, "name")

    # -- people and organisations no rule file names -------------------------------------
    def _relatives_apart(self, doc: Doc, names: list[_Match]) -> list[_Match]:
        """ "Jill Biden", "Hunter Biden": a known person's surname after another given name
        is someone else of that family, found by the name rules, not the known person."""
        given = self.c.rules.names.given_names
        kept = []
        for m in names:
            if m.kind == "name" and m.end - m.start == 1 and m.start > 0:
                before = doc[m.start - 1]
                entity = self.c.rules.entities[m.value]
                if (
                    entity.type == "person"
                    and before.text[:1].isupper()
                    and before.lower_ in given
                    and name_key(before.text, self.c.rules.names)
                    not in _name_keys(entity, self.c.rules.names)
                ):
                    continue
            kept.append(m)
        return kept

    def _people_by_name(self, doc, found, by_start) -> list[EntityMention]:
        """People by the shape of their name: a capitalised given name and more capitalised
        words ("Evan Neumann was indicted"), or any capitalised name after an honorific
        ("Mr Tchiani", "mevrouw Kallas")."""
        given = self.c.rules.names.given_names
        starts = positions(doc, "LOWER", self.c.person_start_ids)  # given names, honorifics
        if not starts:
            return []
        honorific_ends = self._honorific_ends(doc, starts)
        lower = token_values(doc, "LOWER")
        given_ids = self.c.given_name_ids
        candidates = sorted({i for i in starts if lower[i] in given_ids} | honorific_ends)
        covered = _covered(found)
        calendar = self.c.calendar_words
        out: list[EntityMention] = []
        next_free = 0
        for i in candidates:
            token = doc[i]
            if i < next_free or i in covered or i in by_start or not token.text[:1].isupper():
                continue
            after_honorific = i in honorific_ends
            if not after_honorific and (token.lower_ not in given or token.lower_ in calendar):
                continue
            if (
                not after_honorific
                and i > 0
                and doc[i - 1].lower_ not in calendar
                and self._inside_a_name(doc, i - 1, covered, by_start)
                and not self._nationality_adjective(doc[i - 1])
            ):
                continue  # "The New York Times": a given name inside a longer name
            if not after_honorific and self._after_class_noun(doc, i, lower):
                continue  # "the town of Nova Kakhovka": a place, not a person
            rule = "name.honorific" if after_honorific else "name.given-name"
            person = self._person_at(doc, i, by_start, set(), rule, 1 if after_honorific else 2)
            if person is None or not covered.isdisjoint(range(i, person[1])):
                continue
            out.append(EntityMention(i, person[1], person[0], "person"))
            covered.update(range(i, person[1]))
            next_free = person[1]
        return out

    def _people_by_apposition(self, doc, found, titles, by_start) -> list[EntityMention]:
        """ "Jovenel Moïse, the 43rd president of Haiti, …", "Kira Yarmysh, een journaliste":
        capitalised words before a comma and a description of one person name a person."""
        person_nouns = self.c.person_noun_ids
        anchors = {t.start for t in titles}
        anchors.update(positions(doc, "LOWER", person_nouns))
        covered = _covered(found)
        out: list[EntityMention] = []
        for anchor in sorted(anchors):
            k = anchor - 1  # back over "43rd", "22-year-old", "Iranian" to "the", "a"
            while k > 0 and anchor - k <= 4 and doc[k].lower_ not in self.determiners:
                token, known = doc[k], by_start.get(k)
                describing = token.is_lower or any(c.isdigit() for c in token.text)
                if not (describing or token.text == "-" or (known and known.kind != "name")):
                    break
                k -= 1
            if k < 2 or doc[k].lower_ not in self.determiners or doc[k - 1].text != ",":
                continue
            end = k - 1
            start = end
            while start > 0 and end - start < _MAX_NAME_TOKENS:
                token = doc[start - 1]  # a sentence may open with the name
                if not (token.is_alpha and token.text[:1].isupper() and not token.is_stop):
                    break
                start -= 1
            opens = start == 0 or not doc[start - 1].text[:1].isupper()
            if end - start < 2 or not opens or not covered.isdisjoint(range(start, end)):
                continue
            if any(i in by_start for i in range(start, end)) and not self._city_as_given_name(
                start, end, by_start
            ):
                continue  # "South Africa, the host": a name the rules know
            if any(doc[i].lower_ in self.c.calendar_words for i in range(start, end)):
                continue
            person = self.registry.discovered(doc[start:end].text, "person", "name.apposition")
            out.append(EntityMention(start, end, person.id, "person"))
            covered.update(range(start, end))
        return out

    def _people_in_a_list(self, doc, found, by_start) -> list[EntityMention]:
        """ "Nika Melia, Mzia Amaglobeli en Zurab Japaridze": two or three capitalised words
        between list marks, right after or before a person of the list, name a person too,
        whatever their given name."""
        people = [
            f
            for f in found
            if f.kind in {"person", "name"} and self.registry.entity(f.entity).type == "person"
        ]
        if not people:
            return []
        covered = _covered(found)
        out: list[EntityMention] = []
        for f in people:
            for start, end in (self._listed_after(doc, f.end), self._listed_before(doc, f.start)):
                if start is None or not covered.isdisjoint(range(start, end)):
                    continue
                if any(k in by_start for k in range(start, end)):
                    continue
                words = doc[start:end]
                if self._organisation_shaped(words) or any(
                    t.lower_ in self.c.title_all_words for t in words
                ):
                    continue  # "European Commission", "Foreign Minister Wang"
                person = self.registry.discovered(words.text, "person", "name.list")
                out.append(EntityMention(start, end, person.id, "person"))
                covered.update(range(start, end))
        return out

    def _listed_after(self, doc, end: int) -> tuple[int | None, int]:
        """The capitalised words after a list mark that follows a name ending at `end`."""
        if end + 1 >= len(doc) or doc[end].lower_ not in self._list_marks:
            return None, 0
        return self._capitalised_run(doc, end + 1)

    def _listed_before(self, doc, start: int) -> tuple[int | None, int]:
        """The capitalised words before a list mark that precedes a name at `start`."""
        if start < 4 or doc[start - 1].lower_ not in self._list_marks:
            return None, 0
        end = start - 1
        begin = end
        while begin > 0 and end - begin < 3 and self._capitalised_word(doc[begin - 1]):
            begin -= 1
        if not 2 <= end - begin <= 3 or doc[begin].is_sent_start:
            return None, 0
        if doc[begin - 1].lower_ not in self._list_marks:
            return None, 0
        return begin, end

    def _capitalised_run(self, doc, i: int) -> tuple[int | None, int]:
        end = i
        while end < len(doc) and end - i < 3 and self._capitalised_word(doc[end]):
            end += 1
        return (i, end) if 2 <= end - i <= 3 else (None, 0)

    def _capitalised_word(self, token) -> bool:
        return (
            token.is_alpha
            and token.text[:1].isupper()
            and not token.is_upper
            and token.lower_ not in self.c.calendar_words
        )

    def _city_as_given_name(self, start: int, end: int, by_start) -> bool:
        """Whether only the first of two or more words is known, as a one-word city: "Milan
        Radoičić, a businessman" (a given name that is also a city)."""
        first = by_start.get(start)
        return (
            first is not None
            and first.end == start + 1
            and end - start >= 2
            and first.kind == "name"
            and self._is_city(first.value)
            and not any(i in by_start for i in range(start + 1, end))
        )

    def _after_class_noun(self, doc, i: int, lower: list[int]) -> bool:
        """Whether a lowercase class noun (and "of") stands right before token i."""
        before = i - 1
        if before > 0 and doc[before].lower_ in _OF:
            before -= 1
        return (
            before >= 0 and lower[before] in self.c.class_noun_types and doc[before].text.islower()
        )

    def _inside_a_name(self, doc, before: int, covered: set[int], by_start) -> bool:
        """Whether token `before` is a capitalised word that starts a longer name (not a
        capitalised title: "Under Secretary Brian Nelson")."""
        if before in covered or before in by_start or not _name_word(doc[before]):
            return False
        return doc[before].lower_ not in self.c.title_words

    def _nationality_adjective(self, token) -> bool:
        """ "de Koerdische Mahsa Amini", "Kurdish Mahsa Amini": a capitalised adjective of
        nationality no rule knows, before a given name, is no part of the name."""
        word = token.lower_
        ending = word.endswith(_DEMONYM_ENDINGS[self.c.lang])
        return ending and "-" not in token.text and word not in self.c.rules.names.given_names

    def _honorific_ends(self, doc, starts: list[int]) -> set[int]:
        """The tokens right after an honorific ("Mr", "de heer", "Mr."), among `starts`."""
        honorifics = self.c.honorific_ids  # each as the LOWER ids of its words
        lower = token_values(doc, "LOWER")
        ends = set()
        for i in starts:
            for width in (1, 2, 3):
                if i + width < len(doc) and tuple(lower[i : i + width]) in honorifics:
                    ends.add(i + width)
        return ends

    def _places_by_preposition(self, doc, found, by_start) -> list[EntityMention]:
        """ "in Bucha", "bij Banjska": a capitalised name no rule knows after a preposition of
        place is a town (a known name, a person, a month or a body is left alone)."""
        prepositions = self.c.place_preposition_ids
        if not prepositions:
            return []
        covered = _covered(found)
        out: list[EntityMention] = []
        for p in positions(doc, "LOWER", prepositions):
            start = p + 1
            while True:  # "in Bucha, Hostomel and Borodianka": a list of towns
                known = by_start.get(start)
                if known is not None and known.kind == "name" and self._is_city(known.value):
                    end = known.end
                else:
                    end = self._unknown_name(doc, start, covered, by_start)
                    if end is None:
                        break
                    name = doc[start:end].text
                    name = self._english_compass(name)
                    entity = self.registry.discovered(name, "city", "place.preposition")
                    out.append(EntityMention(start, end, entity.id, "name"))
                    covered.update(range(start, end))
                start = self._after_coordinator(doc, end)
                if start == end:
                    break
        return out

    def _english_compass(self, name: str) -> str:
        """A Dutch place name no rule knows with a compass word joined to it, in English as
        its id wants it: "Noord-Kivu" → "North Kivu", "Zuid-Darfur" → "South Darfur"."""
        head, dash, rest = name.partition("-")
        english = _COMPASS_NAMES.get(head.lower()) if dash and self.c.lang == "nl" else None
        return f"{english} {rest}" if english and rest[:1].isupper() else name

    def _type_of(self, entity_id: str) -> str:
        return self.c.rules.entities[entity_id].type

    def _is_city(self, entity_id: str) -> bool:
        return self.c.rules.entities[entity_id].type == "city"

    def _after_coordinator(self, doc, end: int) -> int:
        """The token after a comma, "and" or both (", and") at `end`; `end` if none."""
        i = end
        if i < len(doc) and doc[i].text == ",":
            i += 1
        if i < len(doc) and doc[i].lower_ in _AND:
            i += 1
        return i

    def _unknown_name(
        self, doc, start: int, covered: set[int], by_start, given: bool = False
    ) -> int | None:
        """The end of one or two capitalised words at `start` that no rule knows and that
        are no month, title, determiner or (unless `given`) given name, when no capitalised
        word follows."""

        def word(k: int) -> bool:
            token = doc[k]
            return (
                k not in covered
                and k not in by_start
                and token.is_alpha
                and token.text[:1].isupper()
                and not token.text.isupper()
            )

        end, words = start, 0
        while end < len(doc) and words < 2 and word(end):
            end, words = end + 1, words + 1
            # "Al-Shifa", "Nova-Kakhovka": capitalised parts joined by a hyphen, no spaces
            if (
                end + 1 < len(doc)
                and doc[end].text == "-"
                and not doc[end - 1].whitespace_
                and not doc[end].whitespace_
                and word(end + 1)
            ):
                end += 1
        if end == start or (end < len(doc) and doc[end].text[:1].isupper()):
            return None  # nothing, or a longer name that is something else
        words = {t.lower_ for t in doc[start:end]}
        c = self.c  # each word set asked in turn: a union of them per call cost more
        excluded = (
            not words.isdisjoint(c.calendar_words)
            or not words.isdisjoint(c.title_words)
            or not words.isdisjoint(c.any_determiner)
            or (not given and not words.isdisjoint(c.rules.names.given_names))
        )
        joined = start + 1 < end and doc[start + 1].text == "-"  # "Al-Shifa": no stop word
        if excluded or (doc[start].is_stop and not joined):
            return None
        if any(self.registry.person_named(t.text) for t in doc[start:end]):
            return None  # "a settlement with Prigozhin": someone named before
        return end

    def _names_by_class_noun(self, doc, found, by_start) -> list[EntityMention]:
        """A class noun types the unknown name next to it: "the town of Hostomel", "de stad
        Boetsja" (a city), "the Darfur region", "de provincie Idlib" (a place), "the militant
        group Hamas", "de beweging Hamas" (an organisation). Only a place's noun may come
        after the name or take "of" ("the group of Seven" is no organisation)."""
        nouns = self.c.class_noun_types
        if not nouns:
            return []
        covered = _covered(found)
        lower = token_values(doc, "LOWER")
        out: list[EntityMention] = []
        candidates = [(i, nouns[lower[i]]) for i in positions(doc, "LOWER", self.c.class_noun_ids)]
        candidates = sorted(candidates + self._compound_class_nouns(doc, covered))
        for i, entity_type in candidates:
            if not doc[i].text.islower():
                continue  # "Region", "Party": part of a name the head-word rule reads
            start = i + 1
            if entity_type in PLACE_TYPES and start < len(doc) and doc[start].lower_ in _OF:
                start += 1  # "the town of Bucha", "the region of Darfur"
            end = self._unknown_name(doc, start, covered, by_start, given=True)
            if end is None and entity_type == "place":
                start, end = self._unknown_name_before(doc, i, covered, by_start)
            if end is None:
                continue
            rule = "place.class-noun" if entity_type in PLACE_TYPES else "name.class-noun"
            name = doc[start:end].text
            if entity_type in PLACE_TYPES:
                name = self._english_compass(name)
            entity = self.registry.discovered(name, entity_type, rule)
            out.append(EntityMention(start, end, entity.id, "name"))
            covered.update(range(start, end))
        return out + self._sites(doc, covered, by_start)

    def _class_word(self, token) -> bool:
        """Whether a word is a class noun or (Dutch) a compound ending in one: "Persbureau",
        "Mensenrechtenorganisatie"."""
        return (
            token.lower in self.c.class_noun_ids or self._compound_class(token.lower_) is not None
        )

    def _compound_class(self, word: str) -> str | None:
        """The entity type of the class noun a Dutch compound ends in ("regeringspartij":
        a party's), if any; the part before it is at least three letters."""
        return next(
            (
                entity_type
                for noun, entity_type in self.c.compound_class_nouns
                if word.endswith(noun) and len(word) >= len(noun) + 3
            ),
            None,
        )

    def _compound_class_nouns(self, doc, covered: set[int]) -> list[tuple[int, str]]:
        """Dutch compounds that end in a class noun: "de regeringspartij Frelimo", "het
        grensdorp Kastanies", "de rebellenbeweging M23" type the name after them as it does."""
        compounds = self.c.compound_class_nouns
        if not compounds:
            return []
        out = []
        for i, token in enumerate(doc):
            word = token.text
            if i in covered or len(word) < 7 or not (word.isalpha() and word.islower()):
                continue
            if token.lower in self.c.class_noun_ids:
                continue  # a class noun itself: read as one
            entity_type = self._compound_class(token.lower_)
            if entity_type is not None:
                out.append((i, entity_type))
        return out

    def _sites(self, doc, covered: set[int], by_start) -> list[EntityMention]:
        """A site named by an unknown name and a lowercase place head: "the Kakhovka dam",
        "the Al-Shifa hospital" are the places Kakhovka Dam and Al-Shifa Hospital."""
        out: list[EntityMention] = []
        for i in positions(doc, "LOWER", self.c.site_head_ids):
            if not doc[i].text.islower():
                continue
            start, end = self._unknown_name_before(doc, i, covered, by_start)
            if end is None or start == 0 or doc[start - 1].lower_ not in _DEFINITE:
                continue  # a site is definite: "the Kakhovka dam"; "Hamas meer", "X weg" are not
            name = f"{doc[start:end].text} {doc[i].text.capitalize()}"
            entity = self.registry.discovered(name, "place", "place.site")
            out.append(EntityMention(start, i + 1, entity.id, "name"))
            covered.update(range(start, i + 1))
        return out

    def _unknown_name_before(self, doc, i: int, covered: set[int], by_start) -> tuple:
        """(start, end) of an unknown name right before the class noun at i, optionally
        joined to it by a hyphen ("the Darfur region", "de Donbas-regio"), or (i, None)."""
        end = i - 1 if i > 0 and doc[i - 1].text == "-" and not doc[i - 1].whitespace_ else i
        for start in range(max(0, end - 5), end):  # the longest first: "Al-Shifa", "Nova Kakhovka"
            if start > 0 and (_name_word(doc[start - 1]) or doc[start - 1].text == "-"):
                continue  # part of a longer name
            if self._unknown_name(doc, start, covered, by_start) == end:
                return start, end
        return i, None

    def _acronyms(self, doc, found, by_start) -> list[EntityMention]:
        """ "Coalition for Free Elections (CFE)": the name before the brackets is an
        organisation (unless the rules know it as something else), and CFE names it later.
        """
        out: list[EntityMention] = []
        ending = {f.end: f for f in found}
        covered = _covered(found)
        for i in positions(doc, "ORTH", _OPENING_BRACKET):
            if i < 2 or i + 2 >= len(doc):
                continue
            acronym = doc[i + 1].text
            if doc[i + 2].text != ")" or not _acronym_shape(acronym):
                continue
            known = by_start.get(i + 1)
            before = ending.get(i)
            if known is not None and before is not None and before.kind == "derived":
                if self.registry.entity(before.entity).type == self._type_of(known.value):
                    before.entity = known.value  # "Ukraine's Security Service (SBU)": the SBU
                continue
            if known is not None or i - 1 in self.no_people:
                continue  # "De Vries (VVD)": the brackets name a known party, not the words
            before = ending.get(i)
            if before is not None and before.kind in {"name", "derived"}:
                self.registry.acronyms.setdefault(acronym, before.entity)
                continue
            if before is not None:
                continue
            start, end = _name_before(doc, i)
            if end - start < 2 or any(k in by_start for k in range(start, end)):
                continue
            if not covered.isdisjoint(range(start, end)):
                continue
            entity = self.registry.discovered(doc[start:end].text, "organisation", "name.acronym")
            self.registry.acronyms.setdefault(acronym, entity.id)
            out.append(EntityMention(start, end, entity.id, "name"))
            covered.update(range(start, end))
        return out

    def _remember_people(self, doc, found) -> None:
        """Let later mentions of the people found so far by surname or spelling find them.
        A name after "also known as" is another name of the person just named: "Mahsa
        Amini, also known as Jina Amini" is one woman, and "Amini" later is she."""
        reg = self.registry
        people = sorted(
            (
                f
                for f in found
                if f.kind in {"person", "name"} and reg.entity(f.entity).type == "person"
            ),
            key=lambda f: f.start,
        )
        for first, second in pairwise(people):
            if self._alias_cue_between(doc, first.end, second.start):
                reg.same_person(first.entity, second.entity, doc[second.start : second.end].text)
                second.entity = first.entity
        for f in found:
            if f.kind == "person" or (f.kind == "name" and reg.entity(f.entity).type == "person"):
                reg.remember_person(f.entity, doc[f.start : f.end].text)

    def _alias_cue_between(self, doc, start: int, end: int) -> bool:
        """Do at most five words between two names hold "also known as", "ook bekend als"?"""
        words = tuple(t.lower for t in doc[start:end] if not t.is_punct)
        if not 0 < len(words) <= 5:
            return False
        return any(
            words[k : k + len(cue)] == cue
            for cue in self.c.alias_cue_ids
            for k in range(len(words))
        )

    def _known_by_name(self, doc, found, by_start) -> list[EntityMention]:
        """A surname, another spelling or an acronym of someone or something named before."""
        reg = self.registry
        if not reg.people and not reg.acronyms:
            return []
        covered = _covered(found)
        out: list[EntityMention] = []
        strings = doc.vocab.strings
        orth = token_values(doc, "ORTH")
        for i in positions_of_capitalised(doc):
            if i in covered or i in by_start:
                continue
            text = strings[orth[i]]
            if text in reg.acronyms:
                out.append(EntityMention(i, i + 1, reg.acronyms[text], "name"))
                continue
            if text.isupper():
                continue
            person = reg.person_named(text)
            if person is not None and doc[i].is_sent_start and doc[i].is_stop:
                continue
            if person is not None:
                out.append(EntityMention(i, i + 1, person, "person"))
        return out

    def _names_something_else(self, doc, end: int) -> bool:
        """Whether the capitalised word at `end` continues a name into another name."""
        if end >= len(doc):
            return False
        token = doc[end]
        if not _name_word(token):
            return False
        lower = token.lower_
        return lower not in self.c.title_words and lower not in self.c.calendar_words

    # -- references: "het land", "ze" -----------------------------------------------------
    def _references(self, doc, found, phrases) -> list[EntityMention]:
        self._body_doers(doc, found)
        covered = {i for f in found for i in range(f.cover_start, f.end)}
        out = []
        for key_hash, start, end in phrases:
            kind, value = self.c.label_of[doc.vocab.strings[key_hash]]
            if kind == "pair" and value == "person":
                # "de twee leiders": the people, not the body "leaders" read inside it
                inside = [f for f in found if start <= f.start and f.end <= end]
                if inside and all(f.kind == "anaphor" for f in inside):
                    for f in inside:
                        found.remove(f)
                    covered.difference_update(range(start, end))
            if not covered.isdisjoint(range(start, end)):
                continue
            if kind == "country_anaphor":
                out.append(EntityMention(start, end, "?country", "anaphor"))
            elif kind == "pair":  # "beide landen", "both sides": the last two named
                out.append(EntityMention(start, end, f"?pair:{value}", "anaphor"))
                covered.update(range(start, end))
            elif kind == "people":  # "groepen mensen", "women and children": the main group
                out.append(EntityMention(start, end, "?group", "anaphor"))
                covered.update(range(start, end))
            elif kind == "name_cue" and end not in covered:  # "volgens Jonas Petraitis"
                person = self._person_at(doc, end, {}, set(), "name.cue", minimum=2)
                if person is not None and covered.isdisjoint(range(end, person[1])):
                    out.append(EntityMention(end, person[1], person[0], "person"))
                    covered.update(range(end, person[1]))
            elif kind == "vehicle":  # "the aircraft": the organisation (airline) last named
                out.append(EntityMention(start, end, "?organisation", "anaphor"))
                covered.update(range(start, end))
        pronouns = word_ids(frozenset(self.lexicon.plural_pronouns))
        for i in positions(doc, "LOWER", pronouns):
            if i not in covered:
                kind = "?person" if self._singular_subject(doc, i) else "?group"
                out.append(EntityMention(i, i + 1, kind, "pronoun"))
        pronouns = word_ids(frozenset(self.lexicon.person_pronouns))
        possessives = frozenset(self.lexicon.possessive_pronouns)
        for i in positions(doc, "LOWER", pronouns):
            if i not in covered and (
                doc[i].lower_ not in possessives or self._object_position(doc, i)
            ):
                out.append(EntityMention(i, i + 1, "?person", "pronoun"))
        if self.speaker is not None:  # "Ik heb … opgeroepen" in a minister's answers
            speakers = word_ids(frozenset(self.lexicon.speaker_pronouns))
            for i in positions(doc, "LOWER", speakers):
                if i not in covered and i not in self.no_people:
                    out.append(EntityMention(i, i + 1, self.speaker, "speaker"))
        return out

    def _body_doers(self, doc, found: list[EntityMention]) -> None:
        """ "a military coup", "een militaire staatsgreep": a body's word right before an
        event noun (the lexicon's `body_adjectives`, `body_event_nouns`) names that body of
        the country the text is about as the doer, unless a country's name is on it already
        ("a Russian military operation" is Russia's own)."""
        adjectives = self.lexicon.body_adjectives
        if not adjectives:
            return
        nouns = self.c.body_event_nouns
        for i in range(len(doc) - 1):
            body = adjectives.get(doc[i].lower_)
            if body is None or doc[i + 1].lower_ not in nouns:
                continue
            on_it = [f for f in found if f.cover_start <= i < f.end]
            if any(not f.entity.startswith("?") for f in on_it):
                continue
            for f in on_it:  # "a military" read as an unknown army: the body of the country
                found.remove(f)
            found.append(EntityMention(i, i + 1, f"?body:{body}", "anaphor", modifier=True))

    def _object_position(self, doc, i: int) -> bool:
        """ "her", "haar" are the object before punctuation, a particle, a preposition, a
        conjunction or an adverb ("pakte haar op", "detained her in Minsk"); before
        anything else a possessive ("her husband", "haar man")."""
        if i + 1 >= len(doc):
            return True
        after = doc[i + 1]
        return after.is_punct or after.lower_ in self.c.object_followers

    def _singular_subject(self, doc, i: int) -> bool:
        """Dutch "ze"/"zij" opening a clause before a singular verb is "she": "Ze
        beschuldigde Loekasjenko" (one woman), "Ze beschuldigden …" (they)."""
        if self.c.lang != "nl" or i + 1 >= len(doc):
            return False
        if not (doc[i].is_sent_start or doc[i - 1].text == ","):
            return False
        verb = doc[i + 1].lower_
        return bool(_SINGULAR_PAST.match(verb)) or verb in self._singular_auxiliaries

    def _resolve(self, f: EntityMention, named_here: set[str]) -> str | None:
        """Resolve references against what the document named before them.

        "Hamas militants kidnapped 200 people": a noun for people is not a group its own
        sentence has just named (they would be "they"), so it skips those."""
        if not f.entity.startswith("?"):
            return f.entity
        reg = self.registry
        if f.entity == "?country":
            return reg.salient("country")
        if f.entity == "?group":
            if f.kind == "pronoun":  # "ze", "they": a group just named, or no one
                return reg.recent("group", _PRONOUN_REACH)
            return reg.salient("group", exclude=named_here | self._not_people)
        if f.entity == "?person":  # "he", "hij": of the people named lately, the main one
            return reg.recent("person", _PRONOUN_REACH)
        if f.entity == "?organisation":
            return reg.last_of_type.get("organisation")
        kind, _, value = f.entity[1:].partition(":")
        value, _, fallback = value.partition("|")
        if kind in {"inst", "body"}:
            known = reg.last_of_institution.get(value)
            if known is None and kind == "body" and value in self._one_per_country:
                country = reg.dominant("country")
                if country is not None:
                    return reg.derived(country, value).id
            if known is None and fallback:
                return reg.members(*fallback.split("/")).id
            return known
        if kind == "title":
            return reg.title_holders.get(value)
        return None
