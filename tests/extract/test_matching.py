"""The fast matchers find exactly what spaCy's token Matcher finds, in the same order.

`PatternFinder` runs event patterns only around their anchor words and `PhraseFinder`
looks lexicon phrases up in a trie; both must stay invisible: these tests compare them
with a plain spaCy Matcher over the bundled articles and over texts written to hit the
edge cases (gaps at their bound, optional words before the anchor, no anchor at all).
"""

from __future__ import annotations

from pathlib import Path
from types import ModuleType

import pytest
from spacy.matcher import Matcher

from kg.articles.read import read_document
from kg.extract.compiled import PatternFinder, PhraseFinder, compile_rules
from kg.extract.document import normalise_lemmas, passages
from kg.extract.language import analyse, pipeline
from kg.rules.loader import load_rules

ROOT = Path(__file__).resolve().parents[2]
ARTICLES = sorted((ROOT / "seeds").glob("*.txt")) + sorted((ROOT / "corpus").glob("*.txt"))
RULES = load_rules()


@pytest.fixture(scope="module")
def articles(generate: ModuleType, tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """The bundled articles and 40 of the benchmark's generated ones (many more shapes)."""
    return ARTICLES + generate.generate(3, 40, tmp_path_factory.mktemp("generated"))


def _docs(articles: list[Path]):
    for path in articles:
        document = read_document(path)
        for passage in passages(document):
            doc = analyse(document.text[passage.begin : passage.end], passage.lang)
            compiled = compile_rules(RULES, passage.lang)
            normalise_lemmas(doc, RULES.lexicons[passage.lang].lemmas, compiled)
            yield passage.lang, doc


def _read(text: str):
    """An English text as the extraction reads it: tokens, sentences, its lemmas."""
    doc = analyse(text, "en")
    normalise_lemmas(doc, RULES.lexicons["en"].lemmas, compile_rules(RULES, "en"))
    return doc


def _in_sentences(doc, matches):
    """The reference's matches that lie within one sentence (the only ones used)."""
    starts = {s.start: s.end for s in doc.sents}
    sentence_end = {}
    for start, end in starts.items():
        sentence_end.update({i: end for i in range(start, end)})
    return [m for m in matches if m[2] <= sentence_end[m[1]]]


def _plain(matches):
    return [(k, s, e, *(tuple(a) for a in rest)) for k, s, e, *rest in matches]


def test_articles_exist():
    assert len(ARTICLES) >= 6


def test_patterns_match_as_spacy_does_on_every_article(articles):
    reference = {}
    for lang in ("nl", "en"):
        matcher = Matcher(pipeline(lang).vocab)
        for pattern in RULES.patterns:
            if pattern.lang == lang:
                matcher.add(pattern.id, [pattern.match])
        reference[lang] = matcher
    compared = found = 0
    for lang, doc in _docs(articles):
        expected = _in_sentences(doc, reference[lang](doc, with_alignments=True))
        got = compile_rules(RULES, lang).patterns(doc)
        assert _plain(got) == _plain(expected), doc.text[:80]
        compared += 1
        found += len(got)
    assert compared > 300 and found > 300


def test_phrases_match_as_spacy_does_on_every_article(articles):
    reference = {}
    for lang in ("nl", "en"):
        compiled = compile_rules(RULES, lang)
        matcher = Matcher(pipeline(lang).vocab)
        for key in compiled.label_of:
            if compiled.phrases.order.get(pipeline(lang).vocab.strings[key]) is not None:
                phrase = key.split(":", 1)[1]
                words = [t.lower_ for t in pipeline(lang).make_doc(phrase)]
                matcher.add(key, [[{"OP": "?"} if w == "*" else {"LOWER": w} for w in words]])
        reference[lang] = matcher
    found = 0
    for lang, doc in _docs(articles):
        got = compile_rules(RULES, lang).phrases(doc)
        assert _plain(got) == _plain(reference[lang](doc)), doc.text[:80]
        found += len(got)
    assert found > 50


EDGE_PATTERNS = {
    # a bounded gap: matched with "*", then held to its bound
    "gap": [{"LEMMA": "force"}, {"IS_SENT_START": False, "OP": "{0,2}"}, {"LOWER": "to"}],
    # the same anchor with a longer reach: the window is wider than "gap" may take
    "reach": [{"LEMMA": "force"}, {"IS_PUNCT": False, "OP": "{0,6}"}, {"LOWER": "go"}],
    # optional words before the anchor, a word set after it
    "before": [{"LOWER": {"IN": ["crisis", "urgent"]}, "OP": "?"}, {"LEMMA": "meeting"}],
    "set": [{"LEMMA": {"IN": ["fly", "bring"]}}, {"LOWER": {"IN": ["in", "into"]}, "OP": "?"}],
    # one word alone is a match without running a matcher
    "alone": [{"LEMMA": {"IN": ["walk", "march"]}}],
    # inside the "star" match: the order is by end, then start
    "inside": [{"LOWER": "minsk"}],
    # no literal word at all: tried everywhere
    "anywhere": [{"IS_TITLE": True}, {"IS_DIGIT": True}],
    # an unbounded run before a required word
    "star": [{"LOWER": "talks"}, {"IS_PUNCT": False, "OP": "*"}, {"LOWER": "failed"}],
}
EDGE_TEXTS = [
    "They forced the plane to land. They forced it to land. Forced a b c to go.",
    "The crisis meeting began; an urgent meeting followed. Meeting again, urgent crisis meeting.",
    "Belarus flew them in and brought migrants into the country; they fly over.",
    "Migrants walked and marched.\nWalk to Minsk 2021 and Room 101 are titles.",
    "The talks in Minsk failed, and talks failed. Talks went on.\nNothing failed.",
]


@pytest.mark.parametrize("text", EDGE_TEXTS)
def test_edge_patterns_match_as_spacy_does(text):
    vocab = pipeline("en").vocab
    finder, reference = PatternFinder(vocab), Matcher(vocab)
    for key, pattern in EDGE_PATTERNS.items():
        finder.add(key, pattern)
        reference.add(key, [pattern])
    doc = _read(text)
    expected = _in_sentences(doc, reference(doc, with_alignments=True))
    assert expected, "the text should give the reference something to find"
    assert _plain(finder(doc)) == _plain(expected)


def test_a_gap_longer_than_its_bound_is_no_match():
    vocab = pipeline("en").vocab
    finder = PatternFinder(vocab)
    finder.add("gap", EDGE_PATTERNS["gap"])
    finder.add("reach", EDGE_PATTERNS["reach"])  # widens the window around "forced"
    doc = _read("They forced a b c to go. They forced a b to go.")
    gap = vocab.strings["gap"]
    assert [(s, e) for key, s, e, _ in finder(doc) if key == gap] == [(9, 13)]


def test_phrases_with_and_without_a_gap():
    vocab = pipeline("en").vocab
    finder, reference = PhraseFinder(vocab), Matcher(vocab)
    for key, words in {
        "cue:with support of": ["with", "support", "of"],
        "cue:with * support of": ["with", "*", "support", "of"],
        "people:women and children": ["women", "and", "children"],
        "people:women": ["women"],
        "motive:support": ["support"],  # inside the others: found first (by end, then start)
    }.items():
        finder.add(key, words)
        reference.add(key, [[{"OP": "?"} if w == "*" else {"LOWER": w} for w in words]])
    doc = analyse("With the support of Russia, women and children, with support of women.", "en")
    assert _plain(finder(doc)) == _plain(reference(doc))
    assert len(finder(doc)) == 8


def test_a_closing_abbreviation_before_a_capital_ends_the_sentence() -> None:
    text = "Besproken op 23 oktober jl. Zoals vermeld stelde Borrell voor. Op 3 mei jl. in Brussel."
    assert [s.text for s in analyse(text, "nl").sents] == [
        "Besproken op 23 oktober jl.",
        "Zoals vermeld stelde Borrell voor.",
        "Op 3 mei jl. in Brussel.",
    ]
    text = "The talks were led by Gen. Smith and Dr. Jones etc. They ended."
    assert len(list(analyse(text, "en").sents)) == 2


def test_a_name_inside_a_patterns_word_gap_keeps_its_role():
    # "{LOWER: {NOT_IN: …}, OP: "{0,3}"}" only rules words out: a name in it is no trigger word
    from kg.articles.read import parse_document
    from kg.extract import extract_document
    from kg.rules.loader import load_rules

    rules = load_rules()
    text = (
        "South Africa filed a genocide case against Israel at the International Court of Justice."
    )
    events = extract_document(parse_document(f"lang: en\n\n{text}"), rules).events
    roles = {e.type: e.roles for e in events}["BringLawsuit"]
    assert roles["agent"] == ["south-africa"] and roles["patient"][0] == "israel"
    assert "MassKilling" not in {e.type for e in events}  # the case is about a genocide
