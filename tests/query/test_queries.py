"""Every competency question in queries/ answers the seed article correctly."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.query.run import default_params
from tests.seed_graph import QUERIES, query_file, seed_data, select


@pytest.fixture(scope="module")
def data(tmp_path_factory):
    return seed_data(str(tmp_path_factory.mktemp("seed")))


def run(data, name: str, **params: str) -> list[dict[str, str]]:
    text = query_file(name)
    return select(data, text, **{**default_params(text), **params})


def test_every_query_file_states_its_question_and_has_a_test():
    names = sorted(p.stem for p in QUERIES.glob("*.rq"))
    assert len(names) >= 10
    source = Path(__file__).read_text(encoding="utf-8")
    for name in names:
        assert query_file(name).startswith("# "), name
        assert f'"{name}"' in source, f"no test for queries/{name}.rq"


def test_actors(data):
    rows = run(data, "actors")
    by_id = {r["actor"]: r for r in rows}
    assert by_id["alexander-lukashenko"]["type"] == "Person"
    assert by_id["belarus"]["wikidata"] == "http://www.wikidata.org/entity/Q184"
    assert by_id["belarus-authorities"]["nl"] == "Belarussische autoriteiten"
    assert "wikidata" not in by_id["roman-protasevich"]  # not verified: no link
    assert {"hanna-liubakova", "voices-from-belarus", "refugees-and-migrants"} <= set(by_id)


def test_who_did_what(data):
    rows = run(data, "who-did-what")
    triples = {(r.get("agent"), r["what"], r.get("patient")) for r in rows}
    assert (
        "Alexander Lukashenko",
        "send or drive people to a border",
        "refugees and migrants",
    ) in triples
    assert ("Polish authorities", "arrest or detain", "refugees and migrants") in triples
    assert ("Belarus", "force an aircraft to land", "Ryanair") in triples
    assert ("FBI", "seek or investigate a person", "Evan Neumann") in triples
    assert all(r["rule"].startswith(("nl.", "en.")) for r in rows)


def test_origins(data):
    rows = run(data, "origins")
    assert {(r["group"], r["country"]) for r in rows} == {
        ("refugees and migrants", "Afghanistan"),
        ("refugees and migrants", "Iraq"),
        ("refugees and migrants", "Syria"),
    }
    assert {r["evidence"] for r in rows} == {"Afghanistan", "Irak", "Syrië"}


def test_sanctions(data):
    rows = run(data, "sanctions")
    assert {(r["imposer"], r["target"]) for r in rows} == {("European Union", "Belarus")}
    assert any("sancties oplegde" in r["sentence"] for r in rows)
    assert any("Europese sancties tegen het land" in r["sentence"] for r in rows)


def test_timeline(data):
    rows = run(data, "timeline")
    assert [r["when"] for r in rows] == sorted(r["when"] for r in rows)
    assert [(r["when"], r["what"]) for r in rows][:2] == [
        ("2021-05", "force an aircraft to land"),
        ("2021-05", "seize a person"),
    ]
    assert ("2021-11-08", "hold a (crisis) meeting") in {(r["when"], r["what"]) for r in rows}


def test_events_at_place(data):
    rows = run(data, "events-at-place")
    places = {(r["place"], r["how"]) for r in rows}
    assert ("Minsk", "place") in places
    assert ("Greece", "origin") in places
    assert ("Polish border", "destination") in places
    assert ("Belarus", "place") in places  # asylum applied for in Belarus


def test_supporters(data):
    rows = run(data, "supporters")
    assert {r["supporter"] for r in rows} == {"Russia", "Vladimir Putin"}
    assert {r["doer"] for r in rows} == {"Belarus"}


def test_posts(data):
    rows = run(data, "posts")
    assert [(r["author"], r["date"]) for r in rows] == [
        ("Voices from Belarus", "2021-11-07"),
        ("Galina Aksakova", "2021-11-08"),
        ("Hanna Liubakova", "2021-11-08"),
        ("VluchtelingenWerk Nederland", "2021-11-08"),
    ]


def test_evidence(data, tmp_path_factory):
    rows = run(data, "evidence")
    text = (Path(__file__).resolve().parents[2] / "seeds").glob("*.txt")
    article = next(text).read_text(encoding="utf-8")
    assert rows
    for r in rows:
        assert article[int(r["begin"]) : int(r["end"])] == r["sentence"]
        assert r["rule"]


def test_most_connected(data):
    rows = run(data, "most-connected")
    top = [r["actor"] for r in rows[:3]]
    assert top[0] == "refugees and migrants"
    assert {"Belarus", "Alexander Lukashenko"} <= set(top)
    counts = [int(r["events"]) for r in rows]
    assert counts == sorted(counts, reverse=True)


def test_everything_about(data):
    rows = run(data, "everything-about")
    props = {(r["property"].rsplit("/", 1)[-1].rsplit("#", 1)[-1], r.get("value")) for r in rows}
    assert ("leaderOf", "Belarus") in props
    assert ("jobTitle", "dictator") in props
    assert ("altLabel", "Lukashenka") in props
    evidence = {r.get("evidence") for r in rows}
    assert "de dictator" in evidence
    putin = run(data, "everything-about", actor="kgr:vladimir-putin")
    assert ("leaderOf", "Russia") in {
        (r["property"].rsplit("#", 1)[-1], r.get("value")) for r in putin
    }
