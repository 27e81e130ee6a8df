"""Builds shared by the store, serve, push, validate and export tests, made once per session.

`build_dir("seeds")` is seeds/ alone, `build_dir("all")` seeds/ and corpus/; each folder
holds kg.ttl and kg.trig and is removed when the session ends.
"""

from __future__ import annotations

import atexit
import json
import shutil
import tempfile
from functools import cache
from pathlib import Path

from rdflib import Graph, Literal
from rdflib.namespace import XSD

from kg.build.pipeline import build

ROOT = Path(__file__).resolve().parent.parent
QUERIES = ROOT / "queries"
SOURCES = {
    "seeds": [ROOT / "seeds"],
    "all": [ROOT / "seeds", ROOT / "corpus"],
    "stories": [ROOT / "stories" / "dev", ROOT / "stories" / "heldout"],
}

# Oxigraph stores literals of XSD types derived from xsd:integer as xsd:integer (it keeps
# the value, not the datatype name): kg writes NIF offsets as xsd:nonNegativeInteger.
OXIGRAPH_INTEGER_TYPES = {
    str(XSD[name])
    for name in (
        "nonNegativeInteger",
        "positiveInteger",
        "nonPositiveInteger",
        "negativeInteger",
        "long",
        "int",
        "short",
        "byte",
        "unsignedLong",
        "unsignedInt",
        "unsignedShort",
        "unsignedByte",
    )
}


@cache
def build_dir(which: str) -> Path:
    out = Path(tempfile.mkdtemp(prefix=f"kg-test-{which}-"))
    atexit.register(shutil.rmtree, out, True)
    result = build(SOURCES[which], out)
    assert not result.errors, result.errors
    return out


def query_names() -> list[str]:
    return sorted(p.stem for p in QUERIES.glob("*.rq"))


def query_text(name: str) -> str:
    return (QUERIES / f"{name}.rq").read_text(encoding="utf-8")


def rows_of(results_json: str | bytes) -> set[str]:
    """SPARQL JSON results as a set of rows, each row canonical JSON (order-free compare).

    A literal's xsd:string datatype is dropped (RDF 1.1: the same literal, and writers
    differ in whether they spell it out); integer subtypes read as xsd:integer, as
    Oxigraph stores them.
    """
    document = json.loads(results_json)
    rows = set()
    for binding in document["results"]["bindings"]:
        row = {}
        for name, cell in binding.items():
            cell = dict(cell)
            if cell.get("type") == "typed-literal":
                cell["type"] = "literal"
            datatype = cell.get("datatype")
            if datatype == str(XSD.string):
                del cell["datatype"]
            elif datatype in OXIGRAPH_INTEGER_TYPES:
                cell["datatype"] = str(XSD.integer)
            row[name] = cell
        rows.add(json.dumps(row, sort_keys=True, ensure_ascii=False))
    return rows


def as_oxigraph_stores_it(graph: Graph) -> Graph:
    """`graph` with integer-subtype literals as xsd:integer, the one change Oxigraph makes."""
    out = Graph()
    for s, p, o in graph:
        if isinstance(o, Literal) and str(o.datatype) in OXIGRAPH_INTEGER_TYPES:
            o = Literal(str(o), datatype=XSD.integer)
        out.add((s, p, o))
    return out
