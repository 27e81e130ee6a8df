"""`kg build --with-store` writes a persistent store that answers like kg.ttl."""

from __future__ import annotations

import json

import pytest

from kg.build.pipeline import build
from kg.query.oxigraph import run_query_oxigraph
from kg.query.run import default_params, load_data, run_query
from kg.store.files import open_store
from tests.seed_graph import QUERIES, ROOT

INTEGER = "http://www.w3.org/2001/XMLSchema#integer"
# Oxigraph keeps xsd:nonNegativeInteger (NIF offsets) as xsd:integer: compare values only
NON_NEGATIVE = "http://www.w3.org/2001/XMLSchema#nonNegativeInteger"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("store")
    build([ROOT / "seeds", ROOT / "corpus"], out, with_store=True)
    return out


def _rows(text: str) -> list[str]:
    rows = json.loads(text)["results"]["bindings"]
    for row in rows:
        for cell in row.values():
            if cell.get("datatype") == NON_NEGATIVE:
                cell["datatype"] = INTEGER
    return sorted(json.dumps(r, sort_keys=True) for r in rows)


@pytest.mark.parametrize("name", sorted(p.stem for p in QUERIES.glob("*.rq")))
def test_the_built_store_answers_every_query_like_the_turtle(built, name):
    text = (QUERIES / f"{name}.rq").read_text(encoding="utf-8")
    params = default_params(text)
    rdflib_rows = _rows(run_query(text, load_data([built / "kg.ttl"]), fmt="json", params=params))
    store = open_store(built / "store")
    oxigraph_rows = _rows(run_query_oxigraph(text, store, fmt="json", params=params))
    assert rdflib_rows == oxigraph_rows
    assert rdflib_rows, f"{name} answers nothing on the seed and corpus"


def test_a_rebuild_replaces_the_store_whole(built):
    build([ROOT / "seeds"], built, with_store=True)
    store = open_store(built / "store")
    docs = store.query(
        "SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE { ?d a <https://schema.org/NewsArticle> }"
    )
    assert next(iter(docs))["n"].value == "1"
    assert not [p for p in built.iterdir() if p.name.startswith(".store")]
