"""Generate a deterministic news corpus of any size, shaped like `seeds/` and `corpus/`.

The scale benchmark (`bench/bench.py`) needs thousands of articles that the rules actually
work on: a corpus of lorem ipsum would measure the tokenizer and nothing else, because
no trigger would fire and no entity would be found. So the sentences here are hand-written
templates taken from the shapes of the real seed and development articles (Dutch and
English, about half each), filled with names, places and adjectives from
`kg/rules/entities.yaml` and `bench/places.yaml`, plus unknown people introduced with a
title ("de Litouwse minister Jonas Petraitis") the way news introduces them, dates, and
quoted posts in the exact attribution format of the seed
(`… pic.twitter.com/… — Name (@handle) Month D, YYYY`).

    python bench/generate.py --seed 1 --n 1000 --out /tmp/corpus

Article i depends only on (seed, i) and the entity file, never on N: the first 100 files
of a 1,000-file corpus are the 100-file corpus. The same seed gives byte-identical files.
Standard library and PyYAML only, so it runs without the project installed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import re
import string
import sys
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
RULES = REPO / "kg" / "rules"
# the rule files the articles draw their names from (organisations have a file of their own)
ENTITIES = (RULES / "entities.yaml", RULES / "organisations.yaml")
PLACES = REPO / "bench" / "places.yaml"  # the seed's places, as before the world gazetteer
# the organisations the articles name, in this order: a seed's corpus stays the same text
ORGANISATIONS = (
    "european-union",
    "netherlands-government",
    "european-council",
    "european-commission",
    "united-nations",
    "nato",
)
MIN_WORDS, MAX_WORDS = 150, 600
LANGS = ("nl", "en")

# --- vocabulary that is not in the rule files -------------------------------------------

MONTHS = {
    "nl": [
        "januari",
        "februari",
        "maart",
        "april",
        "mei",
        "juni",
        "juli",
        "augustus",
        "september",
        "oktober",
        "november",
        "december",
    ],
    "en": [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
}
WEEKDAYS = {
    "nl": ["maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"],
    "en": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
}
MANY = {
    "nl": ["honderden", "duizenden", "tientallen", "grote groepen", "steeds meer"],
    "en": ["hundreds of", "thousands of", "dozens of", "large groups of", "more and more"],
}
# Words for the two groups the stories are about; only those that are aliases in the
# entity file are used, so a renamed alias cannot silently make the corpus entity-free.
GROUP_WORDS = {
    "refugees-and-migrants": {
        "nl": ["vluchtelingen", "migranten", "asielzoekers"],
        "en": ["refugees", "migrants", "asylum seekers"],
    },
    "people-smugglers": {
        "nl": ["mensensmokkelaars", "smokkelaars"],
        "en": ["people smugglers", "smugglers", "human traffickers"],
    },
}
LEADER_TITLES = {
    "alexander-lukashenko": {"nl": ["dictator", "president"], "en": ["dictator", "president"]},
    "mateusz-morawiecki": {"nl": ["premier"], "en": ["prime minister"]},
}
DEFAULT_LEADER_TITLES = {"nl": ["president", "leider"], "en": ["president", "leader"]}
NEW_PERSON_TITLES = {
    "nl": ["minister", "woordvoerder", "journalist", "activist", "blogger", "oppositieleider"],
    "en": ["minister", "spokesperson", "journalist", "activist", "blogger", "opposition leader"],
}
# Names of people the rules do not know, by the country they come from.
FIRST_NAMES = {
    "lithuania": ["Jonas", "Tomas", "Agnė", "Rūta", "Mindaugas", "Gabrielius", "Eglė"],
    "poland": ["Marta", "Piotr", "Katarzyna", "Tomasz", "Agnieszka", "Paweł", "Krzysztof"],
    "latvia": ["Jānis", "Līga", "Andris", "Ilze", "Kārlis", "Inese"],
    "belarus": ["Ihar", "Maryia", "Andrei", "Volha", "Siarhei", "Tatsiana", "Aliaksei"],
    "germany": ["Jonas", "Anna", "Felix", "Sabine", "Matthias", "Ursula"],
    "netherlands": ["Sanne", "Pieter", "Thijs", "Lotte", "Maarten", "Femke"],
    "russia": ["Dmitri", "Olga", "Sergei", "Irina", "Nikolai"],
    "*": ["Daniel", "Sara", "Michael", "Laura", "David", "Elena", "Adam", "Nina"],
}
LAST_NAMES = {
    "lithuania": ["Petraitis", "Kazlauskas", "Jankauskas", "Vasiliauskas", "Žukauskas"],
    "poland": ["Nowak", "Kowalski", "Wiśniewska", "Zieliński", "Kamińska", "Dąbrowski"],
    "latvia": ["Bērziņš", "Kalniņa", "Ozols", "Liepiņa", "Krūmiņš"],
    "belarus": ["Losik", "Kalesnikava", "Tsapkala", "Kavalenka", "Hrytsevich", "Lapitski"],
    "germany": ["Müller", "Schneider", "Fischer", "Weber", "Hoffmann"],
    "netherlands": ["de Vries", "Jansen", "Bakker", "Visser", "van Dijk"],
    "russia": ["Ivanov", "Smirnova", "Volkov", "Sokolova", "Morozov"],
    "*": ["Novak", "Horvat", "Meyer", "Costa", "Larsen", "Moreau", "Ricci", "Varga"],
}
ORIGINS = ("syria", "iraq", "afghanistan", "turkey", "ukraine")
EN_THE = ("netherlands", "united-states")  # "the Netherlands", not "Netherlands"
ACCOUNT_WORDS = ["Voices from", "News from", "Border Watch", "Free", "Monitor", "Eyes on"]

# --- sentence templates -----------------------------------------------------------------
# Shapes from seeds/ and corpus/. Slots: {leader} full name, {last} surname, {ltitle}
# title of the leader, {home} the leader's country, {home_adj} its adjective; {c1} {c2}
# {c3} other countries and {a1} {a2} {a3} their adjectives; {o1} {o2} {o3} countries of
# origin; {org} an organisation with its article; {person} a known non-leader; {new} an
# unknown person with a title; {newname} a bare unknown name; {group} migrants;
# {smugglers}; {city}; {place}; {many}; {month} {year} {weekday} {day}; {demonym}.

SENTENCES: dict[str, list[str]] = {
    "nl": [
        "De {home_adj} {ltitle} {leader} stuurt {many} {group} naar de grens met {c1}.",
        "{group} worden door {home_adj} soldaten naar de {a1} grens gedreven.",
        "De {group}, voornamelijk afkomstig uit {o1}, {o2} en {o3}, zijn door {home} met "
        "steun van {c2} ingevlogen, uitsluitend met het doel hen de grens van de Europese "
        "Unie over te sturen.",
        "{home} is al maanden bezig {group} het land binnen te halen, volgens waarnemers met "
        "volledige steun van {c2}.",
        "Eenmaal in {home} worden ze door de bossen richting de grenzen met {c1} en {c2} "
        "gelokt, waar ze met hulp van de {home_adj} autoriteiten de grens overgaan.",
        "De {group} worden veelal door {smugglers} gelokt met de belofte door te kunnen gaan "
        "naar {c3} en verder.",
        "De meeste {group} worden echter door de {a1} autoriteiten aangehouden en in "
        "detentie geplaatst.",
        "{last} probeert daarmee zijn buurlanden en ook {c3} te ontwrichten, uit wraak voor "
        "Europese sancties tegen het land.",
        "Op sociale media zijn beelden te zien van groepen mensen die door gewapende "
        "{home_adj} militairen naar de grens met {c1} gedreven worden.",
        "De {a1} regering is {weekday} voor crisisberaad bijeengekomen, langs de grens geldt "
        "de noodtoestand.",
        "{last} is op oorlogspad met de Europese Unie sinds die {home} sancties oplegde, "
        "nadat de {ltitle} opnieuw de verkiezingen stal.",
        "Protesten tegen de aanhoudende dictatuur werden door {last} met harde hand neergeslagen.",
        "Oppositieleden die niet wisten te vluchten, belandden veelal in de gevangenis of "
        "verdwenen spoorloos.",
        "In {month} van dit jaar dwong {home} een vlucht van RyanAir op weg van {c2} naar "
        "{c1} te landen in {city}.",
        "Daar werd {new} van boord gehaald.",
        "Gewapende {home_adj} grenswachten duwen vrouwen en kinderen door het {a1} grenshek.",
        "De {demonym} {newname}, door de FBI gezocht, heeft asiel aangevraagd in {home}.",
        "{c2} steunt {home} al jaren met geld en wapens.",
        "Het kabinet veroordeelt de arrestatie van {person}.",
        "{org} eist de onmiddellijke vrijlating van {new}.",
        "{c1} roept {home} op om alle politieke gevangenen vrij te laten.",
        "In {month} {year} werden in {home} presidentsverkiezingen gehouden.",
        "Duizenden demonstranten protesteerden in {city} tegen {last}.",
        "{c1} beschuldigt {home} van mensenhandel en hybride oorlogsvoering.",
        "Er is al weken een sterke toestroom van {group} naar {c1}.",
        "Honderden {group} trekken sinds {weekday} richting de {a1} grens.",
        "{last} dreigde {org} met een nieuwe stroom {group}.",
        "{org} legde {home} in {month} nieuwe sancties op.",
        "Volgens {new} is de situatie in het grensgebied onhoudbaar.",
        "{new} zei {weekday} dat {c1} de grens voorlopig gesloten houdt.",
        "Langs de grens met {home} geldt sinds {weekday} de noodtoestand.",
        "{home} heeft de {a2} journalist {newname} ontvoerd.",
        "Het regime onderdrukt de oppositie al jaren met harde hand.",
        "{group} die de grens overgaan, worden door de {a1} grenswacht opgepakt.",
        "{last} pleegde bij de verkiezingen van {year} grootschalige verkiezingsfraude.",
        "De situatie aan de grens met {home} blijft gespannen.",
        "Hulporganisaties noemen de omstandigheden in de bossen bij {place} mensonterend.",
        "Het is nog onduidelijk hoeveel mensen zich precies in het grensgebied bevinden.",
        "Het kabinet volgt de ontwikkelingen rond {home} nauwgezet.",
        "Journalisten hebben geen toegang tot het gebied rond {city}.",
    ],
    "en": [
        "{home_adj} {ltitle} {leader} sends {many} {group} to the {a1} border.",
        "{group} were often guided by the {home_adj} border guards to the border with {c1}.",
        "{home} flew the {group} in with the support of {c2}.",
        "The crisis is manifested in an influx of several tens of thousands of {group}, "
        "mainly from {o1} and {o2}, to {c1}, {c2}, and {c3}.",
        "{smugglers} lure the {group} to {c3} with false promises.",
        "{group} cross the border with the help of the {home_adj} authorities.",
        "A huge crowd of {group} is walking towards the {a1} border.",
        "{last} tries to destabilise the EU member states and {c3}.",
        "In early summer of {year}, {home_adj} {ltitle} {leader} threatened to flood {place} "
        "with {group}.",
        "{org} imposed sanctions on {home} in {month} {year}.",
        "The {a1} government held a crisis meeting on {weekday}.",
        "{c1} declared a state of emergency along the border with {home}.",
        "The {a1} authorities detained most of the {group}.",
        "Opposition members ended up in prison or disappeared without a trace.",
        "{last} stole the election again, according to international monitors.",
        "{last} suppressed the protests with a heavy hand.",
        "In {month} {year} {home} forced a Ryanair flight from {c2} to {c1} to land in {city}.",
        "There, {new} was taken off the plane.",
        "Armed {home_adj} border guards push women and children through the {a1} border fence.",
        "The {demonym} {newname}, wanted by the FBI, applied for asylum in {home}.",
        "{c2} supports {home} with money and weapons.",
        "{person} condemned the arrest of {new}.",
        "{org} demands the release of {person}.",
        "Presidential elections were held in {home} on {weekday}, {day} {month} {year}.",
        "Protesters protested against {last} in {city}.",
        "{c1} accused {home} of hybrid warfare.",
        "The {home_adj} authorities have been accused of assaulting some {group}.",
        "{new} said on {weekday} that the situation at the border was getting worse.",
        "According to {new}, {c1} will keep the border closed.",
        "{home} seized the journalist {newname} in {city}.",
        "The regime cracked down on protesters in {city}.",
        "{last} committed massive electoral fraud, observers say.",
        "The situation at the border with {home} remains tense.",
        "Aid organisations describe the conditions in the forest near {place} as inhumane.",
        "It is unclear how many people are stuck in the border zone.",
        "Journalists have no access to the area around {city}.",
    ],
}
TITLES: dict[str, list[str]] = {
    "nl": [
        "{home} stuurt {group} naar de grens met {c1}",
        "Spanning aan de grens tussen {home} en {c1}",
        "{org} dreigt met nieuwe sancties tegen {home}",
        "Crisisberaad in {c1} over {group} aan de grens",
    ],
    "en": [
        "{home} sends {group} to the border with {c1}",
        "Tension on the border between {home} and {c1}",
        "{org} threatens new sanctions on {home}",
        "Crisis talks in {c1} over {group} at the border",
    ],
}
POSTS: dict[str, list[str]] = {
    "nl": [
        "Afschuwelijke beelden uit {home}. De wanhoop van {group} wordt uitgebuit voor "
        "politieke doeleinden.",
        "Gewapende {home_adj} grenswachten duwen vrouwen en kinderen door het {a1} grenshek. "
        "#{tag} #migranten",
        "Vandaag weer honderden {group} bij {place}. De {a1} regering kondigt de noodtoestand af.",
        "{org} legt {home} nieuwe sancties op. Eindelijk.",
    ],
    "en": [
        "#{tag} Look at what is happening on the border. A huge crowd of {group} is walking "
        "towards the {a1} border.",
        "Armed {home_adj} border guards push women and children through the {a1} border "
        "fence. #{tag} #migrants",
        "{org} imposed new sanctions on {home} today. Long overdue.",
        "It's hard to believe that this is really happening in the 21st century. #{tag}",
    ],
}
SLOT = re.compile(r"\{(\w+)\}")


# --- entities -----------------------------------------------------------------------------


@dataclass
class Pools:
    """The entity file sorted into the pools the templates draw from."""

    countries: list[dict] = field(default_factory=list)
    leaders: list[tuple[dict, dict]] = field(default_factory=list)  # (person, country)
    people: list[dict] = field(default_factory=list)  # known, not leaders
    cities: list[dict] = field(default_factory=list)
    places: list[dict] = field(default_factory=list)
    orgs: list[dict] = field(default_factory=list)
    groups: dict[str, dict[str, list[str]]] = field(default_factory=dict)


def load_pools(paths: Sequence[Path] = ENTITIES) -> Pools:
    """Read the entity files and the benchmark's places; the corpus is only useful if it
    names what the rules know."""
    items = [
        *yaml.safe_load(PLACES.read_text(encoding="utf-8"))["entities"],
        *(
            item
            for path in paths
            for item in yaml.safe_load(path.read_text(encoding="utf-8"))["entities"]
        ),
    ]
    by_id = {item["id"]: item for item in items}
    pools = Pools()
    for item in items:
        kind = item["type"]
        if kind == "country" and all(item.get("adjectives", {}).get(lang) for lang in LANGS):
            pools.countries.append(item)
        elif kind == "person":
            country = by_id.get(item.get("relations", {}).get("leaderOf", ""))
            if country is not None and country.get("adjectives"):
                pools.leaders.append((item, country))
            else:
                pools.people.append(item)
        elif kind == "city":
            pools.cities.append(item)
        elif kind == "place":
            pools.places.append(item)
    pools.orgs = [by_id[org] for org in ORGANISATIONS if org in by_id]
    for group, words in GROUP_WORDS.items():
        aliases = by_id.get(group, {}).get("aliases", [])
        pools.groups[group] = {
            lang: [w for w in words[lang] if w in aliases] or [by_id[group]["labels"][lang]]
            for lang in LANGS
        }
    if len(pools.countries) < 7 or not pools.leaders or not pools.cities or not pools.orgs:
        names = ", ".join(str(path) for path in paths)
        raise SystemExit(f"{names}: too few countries, leaders, cities or organisations")
    return pools


def _label(item: dict, lang: str) -> str:
    return item["labels"][lang]


def _adjective(country: dict, lang: str) -> str:
    """The attributive form: Dutch 'de Poolse regering' needs the -e form when there is one."""
    forms = country["adjectives"][lang]
    inflected = [f for f in forms if f.endswith("e")] if lang == "nl" else []
    return (inflected or forms)[0]


def _ascii(text: str) -> str:
    """A handle: the attribution only accepts ASCII letters, digits and underscores."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^A-Za-z0-9_]", "", plain)


# --- one article ------------------------------------------------------------------------


class Article:
    """One article's cast (leader, countries, people, date) and its slot fillers.

    The cast is fixed per article so that sentences about "the Polish border" and
    "the border with Poland" in one article are about the same story, as in real news.
    Fillers take the language because a quoted post may be in the other one.
    """

    def __init__(self, rng: random.Random, pools: Pools, lang: str) -> None:
        self.rng, self.pools, self.lang = rng, pools, lang
        self.leader, self.home = rng.choice(pools.leaders)
        others = [c for c in pools.countries if c["id"] != self.home["id"]]
        origins = [c for c in others if c["id"] in ORIGINS]
        if len(origins) < 3:
            origins = others
        self.cast = rng.sample([c for c in others if c not in origins] or others, 3)
        self.cast += rng.sample(origins, 3)  # c1 c2 c3, then o1 o2 o3
        self.deck: list[str] = []
        start = dt.date(2020, 8, 1).toordinal()
        self.date = dt.date.fromordinal(start + rng.randrange(600))
        self.fillers: dict[str, Callable[[str], str]] = {
            "leader": self._leader,
            "last": lambda lang: _label(self.leader, lang).split()[-1],
            "ltitle": lambda lang: rng.choice(
                LEADER_TITLES.get(self.leader["id"], DEFAULT_LEADER_TITLES)[lang]
            ),
            "home": lambda lang: self._country(self.home, lang),
            "home_adj": lambda lang: _adjective(self.home, lang),
            "org": self._org,
            "person": lambda lang: self._name(rng.choice(pools.people), lang),
            "new": self._new_person,
            "newname": lambda lang: self._new_name(rng.choice(self.cast[:3])),
            "demonym": self._demonym,
            "group": lambda lang: rng.choice(pools.groups["refugees-and-migrants"][lang]),
            "smugglers": lambda lang: rng.choice(pools.groups["people-smugglers"][lang]),
            "city": lambda lang: _label(rng.choice(pools.cities), lang),
            "place": lambda lang: _label(rng.choice(pools.places + pools.cities), lang),
            "many": lambda lang: rng.choice(MANY[lang]),
            "month": lambda lang: MONTHS[lang][rng.randrange(12)],
            "year": lambda lang: str(rng.choice([2020, 2021, self.date.year])),
            "weekday": lambda lang: WEEKDAYS[lang][rng.randrange(7)],
            "day": lambda lang: str(rng.randint(1, 28)),
            "tag": lambda lang: _ascii(_label(self.home, "en")),
        }
        for i, country in enumerate(self.cast[:3], start=1):
            self.fillers[f"c{i}"] = lambda lang, c=country: self._country(c, lang)
            self.fillers[f"a{i}"] = lambda lang, c=country: _adjective(c, lang)
        for i, country in enumerate(self.cast[3:], start=1):
            self.fillers[f"o{i}"] = lambda lang, c=country: self._country(c, lang)

    def sentence(self) -> str:
        """The next sentence: templates are dealt like cards, so none repeats too soon."""
        if not self.deck:
            self.deck = list(SENTENCES[self.lang])
            self.rng.shuffle(self.deck)
        return self.fill(self.deck.pop())

    def fill(self, template: str, lang: str | None = None) -> str:
        """The template with every slot filled, first letter capitalised."""
        lang = lang or self.lang
        text = SLOT.sub(lambda m: self.fillers[m[1]](lang), template)
        return text[0].upper() + text[1:]

    def _name(self, item: dict, lang: str) -> str:
        """Mostly the label of the language, sometimes another spelling (Lukashenka)."""
        if self.rng.random() < 0.8:
            return _label(item, lang)
        return self.rng.choice(item["aliases"])

    def _leader(self, lang: str) -> str:
        name = self._name(self.leader, lang)
        return name if " " in name else _label(self.leader, lang)

    def _country(self, country: dict, lang: str) -> str:
        if self.rng.random() < 0.9:
            label = _label(country, lang)
            return f"the {label}" if lang == "en" and country["id"] in EN_THE else label
        other = _label(country, "en" if lang == "nl" else "nl")
        spellings = [a for a in country["aliases"] if a != other and len(a.split()) <= 2]
        return self.rng.choice(spellings or [_label(country, lang)])

    def _org(self, lang: str) -> str:
        label = _label(self.rng.choice(self.pools.orgs), lang)
        if lang == "en" and label.isupper():
            return label  # "NATO", not "the NATO"
        return ("de " if lang == "nl" else "the ") + label

    def _demonym(self, lang: str) -> str:
        country = self.cast[0]
        if lang == "nl" and country.get("demonyms", {}).get("nl"):
            return country["demonyms"]["nl"][0]
        return _adjective(country, lang) + (" journalist" if lang == "en" else "")

    def _new_name(self, country: dict) -> str:
        key = country["id"] if country["id"] in FIRST_NAMES else "*"
        return f"{self.rng.choice(FIRST_NAMES[key])} {self.rng.choice(LAST_NAMES[key])}"

    def _new_person(self, lang: str) -> str:
        """An unknown person introduced the way news does: nationality, title, name."""
        country = self.rng.choice([self.home, *self.cast[:3]])
        title = self.rng.choice(NEW_PERSON_TITLES[lang])
        name = self._new_name(country)
        adjective = _adjective(country, lang)
        return f"de {adjective} {title} {name}" if lang == "nl" else f"{adjective} {title} {name}"

    def post(self) -> str:
        """A quoted post: text, link, author, handle and an English date, as in the seed."""
        rng = self.rng
        lang = self.lang if rng.random() < 0.6 else rng.choice(LANGS)
        text = self.fill(rng.choice(POSTS[lang]), lang)
        chars = string.ascii_letters + string.digits
        code = "".join(rng.choice(chars) for _ in range(10))
        link = f"pic.twitter.com/{code}" if rng.random() < 0.7 else f"https://t.co/{code}"
        if rng.random() < 0.7:
            author = self._new_name(rng.choice([self.home, *self.cast[:3]]))
        else:
            author = f"{rng.choice(ACCOUNT_WORDS)} {_label(self.home, 'en')}"
        handle = _ascii(author)[:15]
        when = self.date - dt.timedelta(days=rng.randrange(4))
        stamp = f"{MONTHS['en'][when.month - 1]} {when.day}, {when.year}"
        return f"{text} {link} — {author} (@{handle}) {stamp}"

    def header(self) -> str:
        """`date:`, `lang:`, `title:` lines and the blank line, as in corpus/."""
        roll = self.rng.random()
        if roll < 0.8:
            date = self.date.isoformat()
        elif roll < 0.95:
            date = self.date.isoformat()[:7]
        else:
            date = "unknown"
        title = self.fill(self.rng.choice(TITLES[self.lang]))
        return f"date: {date}\nlang: {self.lang}\ntitle: {title}\n\n"


def article_text(seed: int, index: int, pools: Pools) -> tuple[str, str]:
    """(file name, text) of article `index`: a function of the seed and index alone."""
    rng = random.Random(seed * 1_000_003 + index)
    lang = LANGS[index % 2]  # exactly half and half at every even N
    article = Article(rng, pools, lang)
    header = article.header()
    target = rng.randint(MIN_WORDS, MAX_WORDS - 40)
    posts_left = rng.choice([0, 0, 0, 1, 1, 2, 3])
    paragraphs: list[str] = []
    words = 0
    while words < target:
        if paragraphs and posts_left and rng.random() < 0.35:
            post = article.post()
            if words + len(post.split()) > MAX_WORDS:
                break
            paragraphs.append(post)
            words += len(post.split())
            posts_left -= 1
            continue
        sentences: list[str] = []
        for _ in range(rng.randint(2, 5)):
            sentence = article.sentence()
            if words + len(sentence.split()) > MAX_WORDS:
                target = 0  # full: stop after this paragraph
                break
            sentences.append(sentence)
            words += len(sentence.split())
        if sentences:
            paragraphs.append(" ".join(sentences))
    name = f"{index:05d}-{lang}-s{seed}.txt"
    return name, header + "\n\n".join(paragraphs) + "\n"


def generate(seed: int, n: int, out: Path, entities: Sequence[Path] = ENTITIES) -> list[Path]:
    """Write articles 0..n-1 into `out` (created if needed); return their paths."""
    pools = load_pools(entities)
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for index in range(n):
        name, text = article_text(seed, index, pools)
        path = out / name
        path.write_bytes(text.encode("utf-8"))  # bytes: no platform newline translation
        paths.append(path)
    return paths


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--n", type=int, required=True, help="number of articles")
    parser.add_argument("--out", type=Path, required=True, help="folder to write them to")
    parser.add_argument(
        "--entities", type=Path, nargs="+", default=ENTITIES, help="entity rule files"
    )
    args = parser.parse_args(argv)
    if args.n < 0:
        parser.error("--n must be 0 or more")
    paths = generate(args.seed, args.n, args.out, args.entities)
    words = sum(len(p.read_text(encoding="utf-8").split()) for p in paths)
    print(f"wrote {len(paths)} articles ({words} words) to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
