"""Build the seed article once per test session, through the real pipeline."""

from __future__ import annotations

import json
import shutil
from functools import cache
from pathlib import Path

from rdflib import Dataset

from kg.build.pipeline import build
from kg.query.run import load_data, run_query

ROOT = Path(__file__).resolve().parent.parent
QUERIES = ROOT / "queries"


@cache
def corpus_and_seed(folder: Path) -> Path:
    """The development corpus and the seed article, copied to `folder` to be changed."""
    shutil.copytree(ROOT / "corpus", folder)
    shutil.copy(ROOT / "seeds" / "2021-11-belarus-poland-border.txt", folder)
    return folder


def extra_rules(folder: Path) -> Path:
    """A rule folder that adds one entity: other rules, so no cached extraction holds."""
    folder.mkdir()
    (folder / "extra.yaml").write_text(
        "entities:\n  - id: kuznica-crossing\n    type: place\n"
        "    labels: {en: Kuźnica crossing, nl: grensovergang Kuźnica}\n",
        encoding="utf-8",
    )
    return folder


def seed_data(out_dir: str) -> Dataset:
    build([ROOT / "seeds"], Path(out_dir))
    return load_data([Path(out_dir) / "kg.ttl"])


def select(data: Dataset, text: str, **params: str) -> list[dict[str, str]]:
    """Rows of a SELECT as plain strings (unbound → missing key)."""
    result = json.loads(run_query(text, data, fmt="json", params=params or None))
    return [
        {name: cell["value"] for name, cell in row.items()} for row in result["results"]["bindings"]
    ]


def query_file(name: str) -> str:
    return (QUERIES / f"{name}.rq").read_text(encoding="utf-8")
