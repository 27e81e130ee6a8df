"""One coherent graph from many articles: entities and events resolve across documents."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.build.pipeline import build
from kg.query.run import load_data
from tests.seed_graph import ROOT, select


@pytest.fixture(scope="module")
def data(tmp_path_factory):
    out = tmp_path_factory.mktemp("all")
    build([ROOT / "seeds", ROOT / "corpus"], out)
    return load_data([out / "kg.ttl"])


def test_the_forced_landing_is_one_event_told_by_three_sources(data):
    rows = select(
        data,
        """SELECT ?e (COUNT(DISTINCT ?src) AS ?sources) (COUNT(DISTINCT ?m) AS ?mentions)
           WHERE { ?e a kgo:ForcedLanding ; kgo:factuality "asserted" ;
                      sem:accordingTo ?src ; gaf:denotedBy ?m .
                   ?src a schema:NewsArticle } GROUP BY ?e""",
    )
    assert len(rows) == 1
    assert int(rows[0]["sources"]) == 3
    assert int(rows[0]["mentions"]) >= 3


def test_protasevich_is_one_resource_across_spellings(data):
    rows = select(
        data,
        "SELECT DISTINCT ?form WHERE { kgr:roman-protasevich gaf:denotedBy/nif:anchorOf ?form }",
    )
    forms = {r["form"] for r in rows}
    assert {"Roman Protosevich", "Roman Protasevich", "Roman Protasevitsj"} <= forms
    labels = select(data, "SELECT ?a WHERE { kgr:roman-protasevich skos:altLabel ?a }")
    assert {"Roman Protosevich", "Pratasevich"} <= {r["a"] for r in labels}


def test_belarus_is_one_resource_in_both_languages(data):
    rows = select(
        data, "SELECT DISTINCT ?form WHERE { kgr:belarus gaf:denotedBy/nif:anchorOf ?form }"
    )
    assert {"Belarus", "Wit-Rusland", "Belarussische", "Belarusian"} <= {r["form"] for r in rows}


def test_an_event_keeps_one_label_per_language(data):
    rows = select(
        data,
        """SELECT ?e (COUNT(?l) AS ?n) WHERE { ?e a sem:Event ; rdfs:label ?l } GROUP BY ?e""",
    )
    assert rows and all(int(r["n"]) == 2 for r in rows)


def _write(folder: Path, name: str, text: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")


def test_different_sanction_rounds_stay_apart_and_the_same_round_merges(tmp_path):
    src = tmp_path / "src"
    _write(
        src,
        "a.txt",
        "date: 2021-06-25\nlang: en\n\nIn June 2021 the EU imposed sanctions on Belarus.\n",
    )
    _write(
        src,
        "b.txt",
        "date: 2021-06-30\nlang: nl\n\nIn juni 2021 legde de EU Belarus sancties op.\n",
    )
    _write(
        src,
        "c.txt",
        "date: 2021-12-03\nlang: en\n\nIn December 2021 the EU imposed sanctions on Belarus.\n",
    )
    build([src], tmp_path / "out")
    data = load_data([tmp_path / "out" / "kg.ttl"])
    rows = select(
        data,
        """SELECT ?when (COUNT(DISTINCT ?src) AS ?n) WHERE { ?e a kgo:ImposeSanctions ;
             sem:hasTimeStamp ?when ; sem:accordingTo ?src } GROUP BY ?when ORDER BY ?when""",
    )
    assert [(r["when"], int(r["n"])) for r in rows] == [("2021-06", 2), ("2021-12", 1)]


def test_a_date_one_article_writes_wins_over_the_publication_month_of_another(tmp_path):
    """An event without a date of its own takes its article's month, marked as such; a
    date another report writes for the same event replaces it (docs/graph.md)."""
    src = tmp_path / "src"
    _write(
        src, "a.txt", "date: 2021-05-24\nlang: en\n\nOn 23 May police detained Roman Protasevich.\n"
    )
    intro = "An intro without news.\n\n"
    _write(
        src,
        "b.txt",
        f"date: 2021-11-10\nlang: en\n\n{intro}Police have detained Roman Protasevich.\n",
    )
    _write(src, "c.txt", f"date: 2021-11-12\nlang: en\n\n{intro}Police have detained Ihar Losik.\n")
    build([src], tmp_path / "out")
    data = load_data([tmp_path / "out" / "kg.ttl"])
    rows = select(
        data,
        """SELECT ?who ?when ?basis (COUNT(DISTINCT ?src) AS ?n) WHERE {
             ?e a kgo:Detain ; kgo:patient ?p ; sem:accordingTo ?src ; sem:hasTimeStamp ?when .
             ?p rdfs:label ?who . FILTER(lang(?who) = "en")
             OPTIONAL { ?e kgo:timeBasis ?basis } } GROUP BY ?who ?when ?basis ORDER BY ?who""",
    )
    found = [(r["who"], r["when"], r.get("basis"), int(r["n"])) for r in rows]
    assert found == [
        ("Ihar Losik", "2021-11", "publication", 1),
        ("Roman Protasevich", "2021-05-23", None, 2),
    ]
