"""One person spelt two ways in two articles: their ids are linked, other people are not."""

from __future__ import annotations

from pathlib import Path

from rdflib import Dataset, URIRef
from rdflib.namespace import OWL

from kg.build.pipeline import build

KGR = "https://w3id.org/kg/resource/"


def _same_as(tmp_path: Path, texts: dict[str, str]) -> set[tuple[str, str]]:
    articles = tmp_path / "in"
    articles.mkdir()
    for name, text in texts.items():
        (articles / name).write_text(text, encoding="utf-8")
    build([articles], tmp_path / "out")
    data = Dataset().parse(tmp_path / "out" / "kg.nq", format="nquads")
    return {
        (str(s)[len(KGR) :], str(o)[len(KGR) :])
        for s, _, o, _ in data.quads((None, OWL.sameAs, None, None))
        if isinstance(o, URIRef) and str(o).startswith(KGR)
    }


def test_two_spellings_of_one_full_name_are_linked(tmp_path: Path) -> None:
    links = _same_as(
        tmp_path,
        {
            "a.txt": "lang: en\n\nAndriy Sadovy met the envoys in Kyiv.\n",
            "b.txt": "lang: nl\n\nAndriy Sadovyy sprak in Kyiv met de gezanten.\n",
        },
    )
    assert links == {("andriy-sadovyy", "andriy-sadovy")}


def test_people_who_share_only_a_surname_are_not_linked(tmp_path: Path) -> None:
    links = _same_as(
        tmp_path,
        {
            "a.txt": "lang: en\n\nEvan Neumann met the envoys in Kyiv.\n",
            "b.txt": "lang: en\n\nMaria Neumann met the envoys in Kyiv.\n",
        },
    )
    assert links == set()
