"""Huge or pathological input: a build skips what it cannot handle, and costs stay linear.

A paragraph longer than spaCy's limit, a document of tens of thousands of paragraphs, a
document over its time budget, and a rule REGEX that would backtrack forever.
"""

from __future__ import annotations

import itertools
import time
from pathlib import Path

import pytest

import kg.extract.document as extraction
from kg.articles.read import parse_document
from kg.errors import ExtractionError, RuleError
from kg.extract import extract_document
from kg.extract.compiled import compile_rules
from kg.extract.language import analyse
from kg.rules.loader import load_rules

REPO = Path(__file__).resolve().parents[2]
GOOD = REPO / "seeds" / "2021-11-belarus-poland-border.txt"
DOC_IRI = "<https://w3id.org/kg/doc/"
RULES = load_rules()
MONTHS = "January February March April May June July August September October November December"


def _graph_lines(nq: Path, slug: str) -> list[str]:
    """The lines of kg.nq in one document's graphs (its own and its posts')."""
    lines = nq.read_text(encoding="utf-8").splitlines()
    own = f"{DOC_IRI}{slug}>"
    posts = f"{DOC_IRI}{slug}/post/"
    return [line for line in lines if line.endswith(f"{own} .") or posts in line.split()[-2]]


def _build_good_alone(run_kg, tmp_path: Path) -> list[str]:
    out = tmp_path / "alone"
    result = run_kg("build", GOOD, "--out", out, "--no-cache")
    assert result.returncode == 0, result.stderr
    return _graph_lines(out / "kg.nq", GOOD.stem)


def _many_paragraphs(count: int) -> str:
    """`count` dated one-sentence paragraphs, each an example sentence of the rules."""
    sentences = [e.text for p in RULES.patterns if p.lang == "en" for e in p.examples]
    months = MONTHS.split()
    body = "\n\n".join(
        f"On {i % 28 + 1} {months[i // 28 % 12]} {1000 + i // 336}, {sentences[i % len(sentences)]}"
        for i in range(count)
    )
    return f"lang: en\ntitle: many\n\n{body}\n"


def test_a_paragraph_over_spacy_limit_is_read_whole_next_to_a_good_file(run_kg, tmp_path):
    """1.2 million characters in one paragraph (spaCy refuses over 1,000,000): read in
    pieces with exact offsets, its last sentence's event found; the good file's graph is
    the same bytes as when built alone."""
    filler = "the cat sat on the mat and looked at the rain for a while. " * 20_500
    huge = tmp_path / "in" / "huge.txt"
    huge.parent.mkdir()
    huge.write_text(f"lang: en\n\n{filler}Poland detained two Belarusian journalists.\n")
    assert len(filler) > 1_200_000
    out = tmp_path / "out"
    result = run_kg("build", huge, GOOD, "--out", out, "--no-cache")
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert "2 documents" in result.stderr
    nq = (out / "kg.nq").read_text(encoding="utf-8")
    begin = len("lang: en\n\n") + len(filler) + len("Poland ")
    assert f"{DOC_IRI}huge#char={begin},{begin + len('detained')}>" in nq
    assert _graph_lines(out / "kg.nq", GOOD.stem) == _build_good_alone(run_kg, tmp_path)


def test_long_passages_are_cut_at_line_or_sentence_ends_with_exact_offsets():
    text = "lang: en\n\n" + "Poland closed the border. " * 300 + "\n" + "word " * 400
    document = parse_document(text, "long.txt")
    pieces = extraction.passages(document, limit=1000)
    assert len(pieces) > 6
    assert all(p.end - p.begin <= 1000 for p in pieces)
    spans = [(p.begin, p.end) for p in pieces]
    paragraph = document.paragraphs[0].span
    assert spans[0][0] == paragraph.begin and spans[-1][1] == paragraph.end
    assert all(a[1] == b[0] for a, b in itertools.pairwise(spans))  # no gap, no overlap
    cuts = [text[p.end - 1] for p in pieces[:-1]]
    assert all(c in " \n" for c in cuts)
    assert all(text[p.end - 2] == "." for p in pieces[:5])  # sentence ends first


def test_extraction_cost_is_linear_in_the_paragraphs(monkeypatch):
    """4x the paragraphs may cost up to 8x the time (a quadratic step costs 16x), and the
    coreference merge compares each event with a handful of others, not all before it."""
    calls = 0
    compatible = extraction.events_compatible

    def counted(a, b):
        nonlocal calls
        calls += 1
        return compatible(a, b)

    monkeypatch.setattr(extraction, "events_compatible", counted)
    small, large = (parse_document(_many_paragraphs(n), "many.txt") for n in (2000, 8000))
    extract_document(parse_document(_many_paragraphs(20), "warm.txt"), RULES)
    timings = []
    for document in (small, large):
        calls = 0
        start = time.process_time()
        events = extract_document(document, RULES, seconds=0).events
        timings.append(time.process_time() - start)
        assert calls < 20 * len(events), (calls, len(events))
    assert timings[1] < 8 * timings[0], timings


def test_a_document_over_its_time_budget_is_refused_naming_the_file():
    document = parse_document(_many_paragraphs(3000), "slow.txt")
    with pytest.raises(ExtractionError, match=r"^slow\.txt: extraction took over 0\.2 s"):
        extract_document(document, RULES, seconds=0.2)


def test_a_build_skips_a_document_over_budget_and_builds_the_others(run_kg, tmp_path):
    slow = tmp_path / "in" / "slow.txt"
    slow.parent.mkdir()
    slow.write_text(_many_paragraphs(6000))
    out = tmp_path / "out"
    result = run_kg("build", slow, GOOD, "--out", out, "--no-cache", "--document-seconds", "1")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    skipped = [line for line in result.stderr.splitlines() if "slow.txt" in line]
    assert skipped == [
        f"kg: skipped {slow}: extraction took over 1 s of CPU time (the time budget of "
        "one document: kg build --document-seconds)"
    ]
    assert not _graph_lines(out / "kg.nq", "slow")
    assert _graph_lines(out / "kg.nq", GOOD.stem) == _build_good_alone(run_kg, tmp_path)


def _regex_rule(folder: Path, regex: str) -> Path:
    folder.mkdir(exist_ok=True)
    path = folder / "regex.yaml"
    path.write_text(
        "patterns:\n"
        "  - id: en.detain.regex\n"
        "    lang: en\n"
        "    event: Detain\n"
        f"    match: [{{LEMMA: detain}}, {{TEXT: {{REGEX: '{regex}'}}}}]\n"
        "    examples: [Poland detained aaab.]\n",
        encoding="utf-8",
    )
    return path


@pytest.mark.parametrize("regex", ["^(a+)+$", "(a*)*b", "^(a|ab)*$", "(x{1,3})+$"])
def test_a_catastrophic_regex_is_refused_at_rule_load(tmp_path, regex):
    path = _regex_rule(tmp_path / "rules", regex)
    where = rf"{path}:2 › en\.detain\.regex › match\[1\]\.TEXT\.REGEX: "
    with pytest.raises(RuleError, match=where):
        load_rules([tmp_path / "rules"])


def test_build_with_a_catastrophic_regex_fails_on_one_line_instead_of_hanging(run_kg, tmp_path):
    path = _regex_rule(tmp_path / "rules", "^(a+)+$")
    article = tmp_path / "a.txt"
    article.write_text("lang: en\n\nPoland detained " + "a" * 40 + "b.\n")
    result = run_kg("build", article, "--rules", tmp_path / "rules", "--out", tmp_path / "out")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert f"{path}:2 › en.detain.regex › match[1].TEXT.REGEX: a repetition inside" in result.stderr
    check = run_kg("rules", "check", tmp_path / "rules")
    assert check.returncode == 1 and "Traceback" not in check.stderr
    assert f"{path}:2 › en.detain.regex › match[1].TEXT.REGEX:" in check.stderr


def test_a_regex_is_only_tried_on_tokens_of_a_word_length(tmp_path):
    """`a*a*a*b` is accepted (no nesting) but cubic: on a 200,000-character token it would
    run for hours; REGEX matching skips tokens over 200 characters."""
    _regex_rule(tmp_path / "rules", "a*a*a*b")
    compiled = compile_rules(load_rules([tmp_path / "rules"]), "en")
    doc = analyse("Poland detained " + "a" * 200_000 + ". Poland detained aaab.", "en")
    doc[1].lemma_ = doc[5].lemma_ = "detain"
    start = time.process_time()
    found = compiled.patterns(doc)
    assert time.process_time() - start < 30
    key = doc.vocab.strings["en.detain.regex"]
    assert [(doc[s:e].text) for k, s, e, _ in found if k == key] == ["detained aaab"]
