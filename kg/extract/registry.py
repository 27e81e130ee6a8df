"""The entities of one document: gazetteer entries, derived parts and newly found names."""

from __future__ import annotations

from collections import Counter
from functools import cache

from kg.records import Entity, Mention
from kg.rules.model import LANGS, Rules
from kg.rules.names import name_key
from kg.slug import slugify

# The rules that find entities no rule file names, by the id an entity's kgo:rule gives:
# each is code in kg.extract.mentions reading the lexicons (docs/rules.md).
FINDING_RULES = {
    "name.title": "a capitalised name after a title or role (president, minister van …)",
    "name.given-name": "a capitalised given name (kg/rules/given_names.txt) and more names",
    "name.honorific": "a capitalised name after an honorific (Mr, mevrouw)",
    "name.cue": "a capitalised name after a name cue (according to, volgens)",
    "name.demonym": "a capitalised name after a demonym or adjective (De Amerikaan …)",
    "name.head-word": "a capitalised name with a place or organisation head word",
    "name.the": "a capitalised name that starts with The inside a sentence (The New York Times)",
    "name.acronym": "a capitalised name before an acronym in brackets",
    "name.post-author": "the author of a quoted post",
    "name.apposition": "capitalised names before a comma and a person's title or noun "
    "(Jovenel Moïse, the president of Haiti)",
    "name.list": "two or three capitalised names in a list of people, next to one of them "
    "(Nika Melia, Mzia Amaglobeli en Zurab Japaridze)",
    "place.compass-part": "a compass word before a country: a part of it (eastern Ukraine)",
    "place.preposition": "a capitalised name no rule knows after a preposition of place (in, bij)",
    "place.class-noun": "an unknown capitalised name next to a place's noun (town of, region)",
    "place.site": "an unknown capitalised name and a lowercase place head (the Kakhovka dam)",
    "name.class-noun": "an unknown capitalised name after an organisation's noun (militant group)",
    "group.people-of": "a plural demonym: the people of a country (Armenians)",
    "body.institution": "a country's or organisation's body: an adjective or name and a noun",
}
FINDING_RULES_SOURCE = "kg/extract/mentions.py"  # the code; the words are in the lexicons


@cache
def _aliases(rules: Rules, entity_id: str) -> tuple[str, ...]:
    """A gazetteer entity's aliases besides its labels, sorted: the same for every document."""
    rule = rules.entities[entity_id]
    return tuple(sorted(set(rule.aliases) - set(rule.labels.values())))


@cache
def _known_people(rules: Rules) -> dict[str, str | None]:
    """Name key of every gazetteer person's label and alias -> its id (None: ambiguous)."""
    keys: dict[str, str | None] = {}
    for entity in rules.entities.values():
        if entity.type == "person":
            for name in {*entity.labels.values(), *entity.aliases}:
                key = name_key(name, rules.names)
                keys[key] = entity.id if keys.get(key, entity.id) == entity.id else None
    return keys


def plural_demonym(word: str, lang: str) -> bool:
    """Whether a demonym names people in the plural: "Poles", "Russen", "Syriërs"."""
    return _plural_nl(word) if lang == "nl" else word.endswith("s") and not word.endswith("ss")


def _plural_nl(word: str) -> bool:
    return word.endswith(("en", "s")) and not word.endswith(("ees", "ies"))


class EntityRegistry:
    """Creates each entity record once and remembers what the text said most recently.

    The memory (last group, last holder of a title, most-mentioned country) is what the
    reference rules ("de dictator", "het land", "ze") resolve against.
    """

    def __init__(self, rules: Rules) -> None:
        self.rules = rules
        self.entities: dict[str, Entity] = {}
        self.pairs: list[tuple[int, str, str]] = []  # (mentions seen, first, second)
        self.counts: dict[str, Counter[str]] = {}
        self.last_of_type: dict[str, str] = {}
        self.mentions_seen = 0  # every mention so far, to tell how recent a name is
        self.last_seen: dict[str, int] = {}  # entity id -> mentions_seen when last named
        self.last_of_institution: dict[str, str] = {}
        self.title_holders: dict[str, str] = {}
        self.whole_of: dict[str, str] = {}  # "members of the Council" -> the Council
        self.country_of_region: dict[str, str] = {}  # eastern-ukraine -> ukraine
        # name key of each person named so far (full name, and surname alone) -> their id, or
        # None when two people share it: "Prigozhin" after "Yevgeny Prigozhin" is him
        self.people: dict[str, str | None] = {}
        # everyone a name or surname key was given to: of two who share a surname, the one
        # named more often is the story's person ("Evan Gershkovich … his parents Mikhail
        # and Ella Gershkovich … Mr Gershkovich")
        self._named_as: dict[str, list[str]] = {}
        self.acronyms: dict[str, str] = {}  # "CFE" after "Coalition for Free Elections (CFE)"
        self.topic_country: str | None = None  # the first country the title names
        self._keys: dict[str, str] = {}  # word -> its name key, computed once per document
        # (entity id, mention) pairs already recorded: a set, because a document may name
        # its actors thousands of times and a list test made extraction quadratic
        self._mentioned: set[tuple[str, Mention]] = set()

    def known(self, entity_id: str) -> Entity:
        """The record of a gazetteer entity, created with its labels, aliases and relations."""
        if entity_id not in self.entities:
            rule = self.rules.entities[entity_id]
            self.entities[entity_id] = Entity(
                id=rule.id,
                type=rule.type,
                labels=dict(rule.labels),
                aliases=list(_aliases(self.rules, entity_id)),
                wikidata=rule.wikidata,
                relations=sorted(rule.relations.items()),
            )
            for target in rule.relations.values():
                self.known(target)
        return self.entities[entity_id]

    def derived(self, base_id: str, institution_id: str) -> Entity:
        """'de Poolse regering' -> poland-government, part of Poland."""
        entity_id = f"{base_id}-{institution_id}"
        if entity_id in self.rules.entities:  # the gazetteer knows this part by name
            return self.known(entity_id)
        if entity_id not in self.entities:
            base = self.known(base_id)
            rule = self.rules.entities[base_id]
            inst = self.rules.institutions[institution_id]
            labels = {}
            for lang in LANGS:
                adjectives = rule.adjectives.get(lang)
                if adjectives:
                    labels[lang] = f"{adjectives[0]} {inst.labels[lang]}"
                else:
                    of = "of" if lang == "en" else "van"
                    labels[lang] = f"{inst.labels[lang]} {of} {base.labels[lang]}"
            self.entities[entity_id] = Entity(
                id=entity_id,
                type=inst.type,
                labels=labels,
                relations=[("partOf", base_id)],
            )
            if inst.acts_for_whole:
                self.whole_of[entity_id] = base_id
        return self.found(self.entities[entity_id], "body.institution")

    def region(self, country_id: str, compass: str) -> Entity:
        """ "eastern Ukraine", "Oost-Oekraïne": a part of a country, a place of its own."""
        entity_id = f"{compass}-{country_id}"
        if entity_id in self.rules.entities:
            return self.known(entity_id)
        if entity_id not in self.entities:
            country = self.known(country_id)
            labels = {"en": f"{compass.capitalize()} {country.labels['en']}"}
            for lang, lexicon in self.rules.lexicons.items():
                word = next((w for w, c in lexicon.compass_parts.items() if c == compass), None)
                if lang != "en" and word is not None:
                    labels[lang] = f"{word.capitalize()}-{country.labels[lang]}"
            for lang in LANGS:
                labels.setdefault(lang, labels["en"])
            self.entities[entity_id] = Entity(
                id=entity_id, type="place", labels=labels, relations=[("partOf", country_id)]
            )
            self.country_of_region[entity_id] = country_id
        return self.found(self.entities[entity_id], "place.compass-part")

    def found(self, entity: Entity, rule: str) -> Entity:
        """Record that `rule` found this entity (not for entities of the rule files)."""
        if entity.id not in self.rules.entities and rule not in entity.found_by:
            entity.found_by.append(rule)
            entity.found_by.sort()
        return entity

    def people_of(self, country_id: str) -> Entity:
        """ "Armenians", "Palestijnen": the people of a country as a group, named in English
        by the gazetteer's plural demonym (armenians), nationals of that country."""
        rule = self.rules.entities[country_id]
        english = rule.demonyms.get("en", [])
        plural = next((d for d in english if d.endswith("s")), None)
        adjective = next(iter(rule.adjectives.get("en", [])), None)
        name = plural or (f"{adjective} people" if adjective else f"people of {rule.labels['en']}")
        entity_id = slugify(name)
        if entity_id not in self.entities:
            labels = {"en": name}
            dutch = [d for d in rule.demonyms.get("nl", []) if _plural_nl(d)]
            labels["nl"] = dutch[0] if dutch else f"inwoners van {rule.labels['nl']}"
            self.entities[entity_id] = Entity(
                id=entity_id, type="group", labels=labels, relations=[("nationality", country_id)]
            )
            self.known(country_id)
        return self.found(self.entities[entity_id], "group.people-of")

    def members(self, english: str, dutch: str) -> Entity:
        """Members of no named country's body ("the soldiers", "ethnic Armenian soldiers",
        "Western officials"): a group named by its English plural (docs/quality.md, rule 6);
        a country's soldiers are its military."""
        entity_id = slugify(english)
        if entity_id not in self.entities:
            labels = {"en": english, "nl": dutch}
            self.entities[entity_id] = Entity(id=entity_id, type="group", labels=labels)
        return self.found(self.entities[entity_id], "body.institution")

    def discovered(self, name: str, entity_type: str, rule: str) -> Entity:
        """A name the gazetteer does not know, found by a rule (title, demonym, post author).

        A person whose name is another spelling of someone already named (in this document
        or the gazetteer: "Zelenskyy", "Zelenski") is that person.
        """
        name = " ".join(name.split())  # "Roch\nKaboré" in hard-wrapped text is one name
        entity_id = slugify(name)
        if entity_id in self.rules.entities:
            return self.known(entity_id)
        if entity_type == "person":
            key = name_key(name, self.rules.names)
            same = self.person_named(name) or _known_people(self.rules).get(key)
            if same is not None and self.entity(same).type == "person":
                return self.found(self.entity(same), rule)
        if entity_id not in self.entities:
            self.entities[entity_id] = Entity(
                id=entity_id, type=entity_type, labels={lang: name for lang in LANGS}
            )
            if entity_type == "person":  # "Premier Abiy Ahmed … premier Ahmed": one person
                self.remember_person(entity_id, name)
        return self.found(self.entities[entity_id], rule)

    def entity(self, entity_id: str) -> Entity:
        return self.entities[entity_id] if entity_id in self.entities else self.known(entity_id)

    def remember_person(self, entity_id: str, name: str) -> None:
        """Let later mentions of this person by surname or another spelling find them."""
        key = self._key(name)
        words = key.split()
        parts = [key, words[-1]] if words else []
        first = name.split()[0].lower() if len(name.split()) > 1 else ""
        if len(first) > 1 and (
            first not in self.rules.names.given_names or _family_name_first(name.split())
        ):
            parts.append(words[0])  # "Lai Ching-te … Lai said": the family name comes first
        for part in dict.fromkeys(parts):
            known = self.people.get(part, entity_id)
            self.people[part] = entity_id if known == entity_id else None
            holders = self._named_as.setdefault(part, [])
            if entity_id not in holders:
                holders.append(entity_id)

    def same_person(self, entity_id: str, other_id: str, name: str) -> None:
        """`name`, first read as `other_id`, is another name of `entity_id` ("Mahsa Amini,
        also known as Jina Amini"): its name and surname now lead to `entity_id` only."""
        words = self._key(name).split()
        for part in dict.fromkeys([" ".join(words), words[-1]] if words else []):
            if self.people.get(part, other_id) in (None, other_id, entity_id):
                self.people[part] = entity_id

    def person_named(self, name: str) -> str | None:
        """The one person named earlier whose name or surname has this name's key; of two
        who share a surname, the one named more often than any other."""
        key = self._key(name)
        person = self.people.get(key)
        if person is None and key in self.people and " " not in key:
            ranked = sorted(
                ((len(self.entity(e).mentions), e) for e in self._named_as.get(key, ())),
                reverse=True,
            )
            if len(ranked) > 1 and ranked[0][0] > ranked[1][0]:
                return ranked[0][1]
        return person

    def _key(self, name: str) -> str:
        key = self._keys.get(name)
        if key is None:
            key = self._keys[name] = name_key(name, self.rules.names)
        return key

    def add_mention(self, entity_id: str, mention: Mention) -> None:
        entity = self.entity(entity_id)
        if (entity_id, mention) not in self._mentioned:
            self._mentioned.add((entity_id, mention))
            entity.mentions.append(mention)
        self.last_of_type[entity.type] = entity_id
        self.mentions_seen += 1
        self.last_seen[entity_id] = self.mentions_seen
        counts = self.counts.get(entity.type)
        if counts is None:  # not setdefault: that would make a Counter on every call
            counts = self.counts[entity.type] = Counter()
        counts[entity_id] += 1
        # a body of a country or organisation ("poland-government"): every ending after a
        # "-" that is an institution's id, looked up (ids of people have hyphens too)
        at = entity_id.find("-")
        while at >= 0:
            if entity_id[at + 1 :] in self.rules.institutions:
                self.last_of_institution[entity_id[at + 1 :]] = entity_id
            at = entity_id.find("-", at + 1)

    def add_form(self, entity_id: str, text: str) -> None:
        """A spelling seen in the text becomes an alias (skos:altLabel) of the entity."""
        entity = self.entity(entity_id)
        text = " ".join(text.split())
        if text not in entity.labels.values() and text not in entity.aliases:
            entity.aliases.append(text)
            entity.aliases.sort()

    def add_relation(self, entity_id: str, prop: str, target: str) -> None:
        entity = self.entity(entity_id)
        self.entity(target)
        if (prop, target) not in entity.relations:
            entity.relations.append((prop, target))

    def add_fact(self, entity_id: str, prop: str, value: str) -> None:
        entity = self.entity(entity_id)
        if (prop, value) not in entity.facts:
            entity.facts.append((prop, value))

    def salient(
        self, entity_type: str, exclude: set[str] | frozenset[str] = frozenset()
    ) -> str | None:
        """The entity of a type named most so far (leaving out `exclude`): what "het land"
        or "ze" refers to."""
        counts = self.counts.get(entity_type)
        if not counts:
            return None
        ranked = [e for e, _ in counts.most_common() if e not in exclude]
        return ranked[0] if ranked else None

    def recent(self, entity_type: str, within: int) -> str | None:
        """Of the entities of a type named in the last `within` mentions, the one named
        most: what "ze", "they" refer to. With none so near, a pronoun stays unresolved."""
        counts = self.counts.get(entity_type) or Counter()
        near = [e for e in counts if self.mentions_seen - self.last_seen[e] < within]
        return max(near, key=lambda e: (counts[e], self.last_seen[e])) if near else None

    def add_pair(self, first: str, second: str) -> None:
        """Two names joined by "and"/"en" ("Nederland en Australië"): a pair a later
        "beide landen" may refer to."""
        if first != second:
            self.pairs.append((self.mentions_seen, first, second))

    def recent_pair(self, types: frozenset[str], within: int) -> list[str]:
        """The last pair of names joined by "and" whose both entities are of these types,
        named within the last `within` mentions: what "beide landen" and "both sides"
        refer to; none when there is no such pair."""
        for seen, first, second in reversed(self.pairs):
            if self.mentions_seen - seen >= within:
                return []
            if self.entities[first].type in types and self.entities[second].type in types:
                return [first, second]
        return []

    def last_two(self, entity_type: str, within: int) -> list[str]:
        """The two entities of a type named last, both within the last `within` mentions:
        what "the two leaders", "beide presidenten" refer to; none when fewer are near."""
        near = [
            e
            for e in self.counts.get(entity_type) or ()
            if self.mentions_seen - self.last_seen[e] < within
        ]
        return sorted(near, key=lambda e: -self.last_seen[e])[:2] if len(near) >= 2 else []

    def dominant(self, entity_type: str) -> str | None:
        """The entity of a type named at least twice as often as any other so far; with
        none, the country of the title when the text has named it as often as any other (or
        has named no country yet: "Een groep militairen heeft … in Guinee" under a title on
        Guinea)."""
        counts = self.counts.get(entity_type)
        if not counts:
            return self.topic_country if entity_type == "country" else None
        top = counts.most_common(2)
        if len(top) == 2 and top[0][1] < 2 * top[1][1]:
            topic = self.topic_country if entity_type == "country" else None
            return topic if topic is not None and counts[topic] == top[0][1] else None
        return top[0][0]

    def leader_of(self, country_id: str, label: str) -> str | None:
        """The one person named so far who leads this country with this title (or with no
        title the text gave: a person of the rule files known as its leader)."""
        holders = [
            entity.id
            for entity in self.entities.values()
            if entity.type == "person"
            and ("leaderOf", country_id) in entity.relations
            and all(value == label for prop, value in entity.facts if prop == "jobTitle")
        ]
        return holders[0] if len(holders) == 1 else None


def _family_name_first(words: list[str]) -> bool:
    """A name shaped like an East Asian one, family name first: "Kim Jong Un", "Moon Jae-in"
    (three short parts, or a hyphenated given name with a lower-case second half)."""
    if len(words) == 3:
        return all(len(w) <= 4 for w in words)
    return len(words) == 2 and "-" in words[1] and words[1].split("-", 1)[1][:1].islower()
