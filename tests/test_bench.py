"""The scale benchmark's own checks: its corpus is reproducible and is news the rules read.

A benchmark on text the rules cannot read would time the tokenizer and nothing else, and
one whose corpus changes between runs could not compare two commits; these tests guard
both, and run `bench/bench.py --quick` end to end so the benchmark cannot silently rot.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

from kg.articles.read import read_document
from kg.extract import extract_document
from kg.rules.loader import load_rules

REPO = Path(__file__).resolve().parent.parent
BENCH = REPO / "bench"


@pytest.fixture(scope="module")
def corpus(generate: ModuleType, tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    return generate.generate(7, 24, tmp_path_factory.mktemp("corpus"))


def test_same_seed_gives_byte_identical_files(tmp_path: Path, corpus: list[Path]) -> None:
    """Run as a script, twice, like a user would: file names and bytes must match."""
    for name in ("a", "b"):
        cmd = [sys.executable, str(BENCH / "generate.py"), "--seed", "7", "--n", "24"]
        subprocess.run([*cmd, "--out", str(tmp_path / name)], check=True, capture_output=True)
    a = {p.name: p.read_bytes() for p in sorted((tmp_path / "a").iterdir())}
    b = {p.name: p.read_bytes() for p in sorted((tmp_path / "b").iterdir())}
    assert len(a) == 24
    assert a == b
    assert a == {p.name: p.read_bytes() for p in corpus}  # in-process == script


def test_other_seed_gives_other_text(generate: ModuleType, tmp_path: Path) -> None:
    one = generate.generate(1, 3, tmp_path / "one")
    two = generate.generate(2, 3, tmp_path / "two")
    assert [p.read_bytes() for p in one] != [p.read_bytes() for p in two]


def test_smaller_corpus_is_a_prefix_of_a_bigger_one(generate: ModuleType, tmp_path: Path) -> None:
    """Article i depends on (seed, i) only, so N=100 is the first 100 files of N=1000."""
    small = generate.generate(7, 5, tmp_path / "small")
    big = generate.generate(7, 9, tmp_path / "big")
    assert [p.read_bytes() for p in small] == [p.read_bytes() for p in big[:5]]


def test_files_are_articles_in_the_input_format(corpus: list[Path]) -> None:
    langs = []
    posts = 0
    for path in corpus:
        doc = read_document(path)
        langs.append(doc.lang)
        assert doc.title and doc.lang in ("nl", "en")
        assert 150 <= len(doc.text[doc.body_start :].split()) <= 600
        for post in doc.posts:
            posts += 1
            assert post.author and post.handle and post.date and post.url
            assert re.fullmatch(r"https://(pic\.twitter\.com|t\.co)/\w{10}", post.url)
    assert langs.count("nl") == langs.count("en")  # half and half
    assert posts >= 5


def test_rules_find_events_and_entities_in_most_articles(corpus: list[Path]) -> None:
    rules = load_rules()
    found = 0
    for path in corpus[:10]:
        extraction = extract_document(read_document(path), rules)
        found += bool(extraction.events) and bool(extraction.entities)
    assert found >= 8


def test_quick_benchmark_prints_every_column(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, str(BENCH / "bench.py"), "--quick", "--work", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=240,
        cwd=REPO,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    out = done.stdout
    header = next(line for line in out.splitlines() if line.startswith("|") and "words" in line)
    columns = [cell.strip() for cell in header.strip("|").split("|")]
    assert columns == [
        "N",
        "words",
        "tok words/s",
        "lemma words/s",
        "build s",
        "build words/s",
        "build÷tok",
        "build÷lemma",
        "peak RSS MB",
        "jobs-2 s",
        "speedup",
        "jobs-2 RSS MB",
        "jobs 1 vs 2",
        "+store s",
        "+store MB",
        "rebuild s",
        "incremental s",
    ]
    rows = [line for line in out.splitlines() if line.startswith("| 20 |")]
    assert len(rows) == 2  # the build table's row, then the outputs table's
    cells = [cell.strip() for cell in rows[0].strip("|").split("|")]
    assert int(cells[1].replace(",", "")) > 20 * 150  # words
    tok, lemma = (float(cell.replace(",", "")) for cell in cells[2:4])
    assert 0 < lemma < tok  # the lemmatizer is the tokenizer and more
    assert cells[12] == "identical"  # --jobs 1 and --jobs 2 write the same bytes
    # build, jobs-2, with the store (seconds and memory), rebuild, incremental
    for cell in (cells[4], cells[9], cells[13], cells[14], cells[15], cells[16]):
        assert float(cell.replace(",", "")) > 0
    assert cells[7].endswith("%") and cells[7] != cells[8]  # build÷tok, build÷lemma
    outputs = [cell.strip() for cell in rows[1].strip("|").split("|")]
    triples, quads = (int(cell.replace(",", "")) for cell in outputs[1:3])
    assert triples > 1000 and quads >= triples
    for column in ("nt export s", "turtle export s", "ox bulk-load s", "oxigraph ms", "rdflib ms"):
        assert column in out
    for query in (REPO / "queries").glob("*.rq"):
        row = re.search(rf"^\|\s*{re.escape(query.stem)} \|(.*)$", out, re.MULTILINE)
        assert row, query.stem
        cells = [cell.strip() for cell in row[1].strip("|").split("|")]
        oxigraph_ms, rdflib_ms, rows, floor_ms = cells
        assert re.fullmatch(r"[\d,.]+\*? [✓✗]", oxigraph_ms), oxigraph_ms
        assert re.fullmatch(r"[\d,.]+\*?", rdflib_ms), rdflib_ms  # N=20: rdflib measured
        assert rows == "0" or float(floor_ms.replace(",", "")) > 0, (query.stem, floor_ms)
    assert "spaCy's lookup lemmatizer alone: " in out
    assert "## Targets" in out and "incremental < 2 s: N=20 " in out
    assert (tmp_path / "results.md").exists() and (tmp_path / "results.json").exists()
