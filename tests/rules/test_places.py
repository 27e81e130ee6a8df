"""The world gazetteer (kg/rules/places.yaml): generated, current, valid, and it finds places.

The file is the output of tools/gazetteer/make_places.py; these tests rebuild it and
compare byte for byte, run `kg rules check` on the rules it belongs to, and read real
sentences in English and Dutch through the whole extraction to see the right ids come out
(and common words that are also city names stay out).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from kg.articles.read import parse_document
from kg.extract import extract_document
from kg.extract.compiled import compile_rules
from kg.rules.loader import load_rules

ROOT = Path(__file__).resolve().parents[2]
PLACES = ROOT / "kg" / "rules" / "places.yaml"
KG = Path(sys.executable).parent / "kg"
RULES = load_rules()


def test_the_generator_rebuilds_the_committed_gazetteer_byte_for_byte(tmp_path: Path) -> None:
    out = tmp_path / "places.yaml"
    subprocess.run(
        [sys.executable, "-m", "tools.gazetteer.make_places", "--out", str(out)],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    assert out.read_bytes() == PLACES.read_bytes(), (
        "kg/rules/places.yaml is not what the generator makes: "
        "run .venv/bin/python -m tools.gazetteer.make_places"
    )


def test_kg_rules_check_passes_with_the_gazetteer() -> None:
    result = subprocess.run([str(KG), "rules", "check"], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "rules ok" in result.stdout + result.stderr


def test_every_country_place_and_city_lives_in_the_gazetteer_only() -> None:
    """No duplicates: the hand-written entities.yaml keeps people, organisations, groups."""
    for entity in RULES.entities.values():
        if entity.type in {"country", "city", "place"}:
            assert Path(entity.source.split(":")[0]).name == "places.yaml", entity.id


def _entities(lang: str, text: str) -> dict[str, str]:
    extraction = extract_document(parse_document(f"lang: {lang}\n\n{text}\n"), RULES)
    return {entity_id: entity.type for entity_id, entity in extraction.entities.items()}


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        (
            "en",
            "Niger's junta expelled the French ambassador on Friday.",
            {"niger": "country", "france": "country"},
        ),
        (
            "nl",
            "De Deense regering stuurde een fregat naar de Oostzee.",
            {"denmark-government": "government", "baltic-sea": "place"},
        ),
        ("en", "Wagner troops entered Rostov-on-Don on Saturday.", {"rostov-on-don": "city"}),
        (
            "nl",
            "Russische troepen vielen Oekraïne binnen vanuit de Krim en Belarus.",
            {"crimea": "place", "ukraine": "country", "russia-military": "government"},
        ),
        (
            "nl",
            "De burgemeester van Keulen sprak in Peking met ambtenaren uit Kyjiv en Den Haag.",
            {"cologne": "city", "beijing": "city", "kyiv": "city", "the-hague": "city"},
        ),
        (
            "en",
            "Israeli forces entered the Gaza Strip and the West Bank; "
            "Swedish and Norwegian officials protested.",
            {
                "gaza-strip": "place",
                "west-bank": "place",
                "israel-military": "government",
                "sweden": "country",
                "norway-authorities": "government",
            },
        ),
        (
            "nl",
            "Israëlische militairen trokken de Gazastrook binnen. "
            "Zweden en Noorwegen protesteerden.",
            {"gaza-strip": "place", "israel-military": "government", "norway": "country"},
        ),
    ],
)
def test_real_sentences_find_the_places_they_name(
    lang: str, text: str, expected: dict[str, str]
) -> None:
    found = _entities(lang, text)
    assert {k: found.get(k) for k in expected} == expected


def test_a_sentence_initial_common_word_is_not_a_city() -> None:
    """ "Male", "Victoria" and "Phoenix" are city names (Maldives, Seychelles, US) on the
    gazetteer's stoplist; Kiev, an exonym, is still found."""
    found = _entities("en", "Male voters in Victoria and Phoenix backed the plan, Kiev said.")
    places = {k: v for k, v in found.items() if v in ("city", "place", "country")}
    assert places == {"kyiv": "city", "ukraine": "country"}


def test_capitals_are_known_once_per_compiled_rule_set() -> None:
    """A capital in an actor role stands for its country ("Minsk denies …"); the map is
    computed when the rules are compiled, not for each sentence over ~1,000 entities."""
    capitals = compile_rules(RULES, "en").capitals
    assert capitals["minsk"] == "belarus"
    assert capitals["niamey"] == "niger"
    assert capitals["kyiv"] == "ukraine"
    assert "rostov-on-don" not in capitals  # a city, not a capital: partOf russia
