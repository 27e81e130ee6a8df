"""The organisations gazetteer, the given-names list and the transliteration equivalences.

Organisations: the built-in file passes `kg rules check`, its ids follow the id convention,
and real sentences in both languages name the right body ("the UN Security Council" is the
Council, not the UN). Given names: the committed list is what its generator writes, byte for
byte. Transliteration: the spellings news uses for one name meet at one key, and names that
differ stay apart.
"""

from __future__ import annotations

import pytest

from kg.articles.read import parse_document
from kg.extract import extract_document
from kg.rules.loader import BUILTIN_DIR, load_rules
from kg.rules.names import name_key
from kg.rules.yaml_lines import load_yaml
from kg.slug import slugify
from tools.names import make_given_names

RULES = load_rules()
ORGANISATIONS = BUILTIN_DIR / "organisations.yaml"


def _named(lang: str, text: str) -> dict[str, str]:
    """Entity id -> type of what the sentence names (not what is only related to it)."""
    extraction = extract_document(parse_document(f"lang: {lang}\n\n{text}\n"), RULES)
    return {e.id: e.type for e in extraction.entities.values() if e.mentions}


def test_the_built_in_rules_with_the_organisations_pass_the_check(run_kg):
    result = run_kg("rules", "check")
    assert result.returncode == 0, result.stderr
    entries = load_yaml(ORGANISATIONS)["entities"]
    assert len(entries) >= 100
    assert {e["id"] for e in entries} <= set(RULES.entities)


def test_organisation_ids_and_types_follow_the_convention():
    entries = load_yaml(ORGANISATIONS)["entities"]
    for entry in entries:
        assert entry["id"] == slugify(entry["id"]), entry["id"]
        assert entry["type"] in {"organisation", "government"}, entry["id"]
    part_of = {e["id"]: e.get("relations", {}).get("partOf") for e in entries}
    assert part_of["united-nations-security-council"] == "united-nations"
    assert part_of["international-court-of-justice"] == "united-nations"
    assert part_of["european-parliament"] == "european-union"
    assert part_of["federal-security-service"] == "russia"
    governing = {e["id"] for e in entries if e["type"] == "government"}
    assert {"european-commission", "council-of-the-european-union", "fbi"} <= governing
    assert not {"nato", "hamas", "united-nations", "european-union"} & governing


def test_the_moved_entries_keep_their_ids_aliases_and_links():
    assert RULES.entities["european-union"].wikidata == "Q458"
    assert RULES.entities["fbi"].wikidata == "Q8333"
    assert RULES.entities["united-nations"].aliases == [
        "United Nations",
        "Verenigde Naties",
        "UN",
        "VN",
    ]
    assert RULES.entities["european-council"].relations == {"partOf": "european-union"}
    assert RULES.entities["ryanair"].source.split(":")[0].endswith("entities.yaml")


@pytest.mark.parametrize(
    ("lang", "text", "expected", "not_named"),
    [
        (
            "en",
            "The UN Security Council condemned the coup on Thursday.",
            {"united-nations-security-council": "organisation"},
            {"united-nations"},
        ),
        (
            "nl",
            "Rusland blokkeerde een resolutie in de VN-Veiligheidsraad.",
            {"united-nations-security-council": "organisation", "russia": "country"},
            {"united-nations"},
        ),
        (
            "en",
            "Medvedev, deputy chairman of Russia's Security Council, warned the West.",
            {"security-council-of-russia": "government"},
            {"united-nations-security-council"},
        ),
        (
            "en",
            "A National Security Council spokesman said the Pentagon agreed.",
            {
                "united-states-national-security-council": "government",
                "united-states-department-of-defense": "government",
            },
            {"united-nations-security-council"},
        ),
        ("en", "ECOWAS threatened to use force.", {"ecowas": "organisation"}, set()),
        ("en", "Hamas took more than 200 hostages.", {"hamas": "organisation"}, set()),
        (
            "en",
            "The North Atlantic Treaty Organization (NATO) met in Vilnius.",
            {"nato": "organisation"},
            {"north-atlantic-treaty-organization"},
        ),
        (
            "en",
            "Yevgeny Prigozhin, the head of the Wagner Group, marched on Moscow.",
            {"wagner-group": "organisation", "moscow": "city"},
            set(),
        ),
        (
            "nl",
            "Het Internationaal Strafhof vaardigde een arrestatiebevel uit tegen Poetin.",
            {"international-criminal-court": "organisation", "vladimir-putin": "person"},
            set(),
        ),
        (
            "nl",
            "De Afrikaanse Unie en de Europese Commissie veroordeelden de staatsgreep.",
            {"african-union": "organisation", "european-commission": "government"},
            {"africa"},
        ),
        (
            "nl",
            "Is de minister bekend met het bericht dat de taliban Kabul hebben ingenomen?",
            {"taliban": "organisation"},
            {"islamic-state"},
        ),
        (
            "en",
            "Who ordered the killing? Russia's FSB arrested the journalist.",
            {"federal-security-service": "government"},
            {"world-health-organization"},
        ),
        (
            "en",
            "Al-Shabaab and al-Qaeda claimed the attacks; the Houthis fired missiles.",
            {"al-shabaab": "organisation", "al-qaeda": "organisation", "houthis": "organisation"},
            set(),
        ),
        (
            "nl",
            "Volgens de IAEA en UNHCR is de situatie ernstig; ook de OVSE stuurde waarnemers.",
            {
                "international-atomic-energy-agency": "organisation",
                "united-nations-high-commissioner-for-refugees": "organisation",
                "organization-for-security-and-co-operation-in-europe": "organisation",
            },
            set(),
        ),
    ],
)
def test_sentences_name_the_right_organisation(lang, text, expected, not_named):
    named = _named(lang, text)
    assert {k: named.get(k) for k in expected} == expected, named
    assert not not_named & set(named), named


def test_the_given_names_file_is_what_its_generator_writes():
    committed = (BUILTIN_DIR / "given_names.txt").read_text(encoding="utf-8")
    assert make_given_names.render() == committed
    names = {line for line in committed.splitlines() if not line.startswith("#")}
    assert len(names) > 10_000
    assert {"yevgeny", "jevgeni", "sergei", "sergej", "volodymyr", "mohammed", "ingrida"} <= names
    stop = make_given_names.read_stoplist()
    assert {"may", "will", "jordan", "general", "van"} <= stop
    assert not stop & names
    assert sorted(names) == [line for line in committed.splitlines() if not line.startswith("#")]


def test_cyrillic_names_get_their_english_and_dutch_spellings():
    cyrillic = make_given_names.yaml.safe_load(make_given_names.CYRILLIC.read_text("utf-8"))
    spellings = make_given_names.latin_names("ru_RU", ["Евгений", "Сергей", "Юрий"], cyrillic)
    assert {"yevgeniy", "yevgeny", "jevgeni", "sergey", "sergei", "sergej", "joeri"} <= spellings
    assert "volodymyr" in make_given_names.latin_names("uk_UA", ["Володимир"], cyrillic)


NAMES = load_rules().names  # the built-in names rules: kg/rules/names.yaml


@pytest.mark.parametrize("spellings", NAMES.same, ids=lambda g: g[0])
def test_spellings_of_one_name_meet(spellings):
    assert len({name_key(name, NAMES) for name in spellings}) == 1


@pytest.mark.parametrize("names", NAMES.different, ids=lambda g: "-".join(g))
def test_different_names_stay_apart(names):
    keys = [name_key(name, NAMES) for name in names]
    assert len(set(keys)) == len(keys), keys


def test_the_common_transliterations_are_among_the_checked_examples():
    same = {name for group in NAMES.same for name in group}
    assert {"Zelensky", "Zelenski", "Zelenskyy", "Zelenskiy", "Prigozjin", "Poetin"} <= same
    assert ["Kim", "Kin"] in NAMES.different


def test_the_benchmark_articles_still_name_the_organisations_that_moved(generate, tmp_path):
    """bench/generate.py draws its organisations from the rule files: moving them out of
    entities.yaml must not change which ones it names, nor a seed's articles."""
    pools = generate.load_pools()
    assert [org["id"] for org in pools.orgs] == list(generate.ORGANISATIONS)
    assert len(pools.orgs) == 6
    text = "".join(p.read_text(encoding="utf-8") for p in generate.generate(1, 60, tmp_path))
    for name in ("NAVO", "Verenigde Naties", "European Commission"):
        assert name in text
