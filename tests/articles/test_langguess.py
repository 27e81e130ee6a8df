"""Language guessing on the real texts: the seed's paragraphs and tweets, the corpus."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kg.articles.langguess import guess_language

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "seeds" / "2021-11-belarus-poland-border.txt"
CORPUS = sorted((ROOT / "corpus").glob("*.txt"))

# One language per blank-line-separated block of the seed: Dutch prose, then four quoted
# posts (English, Dutch, English, English), then Dutch again.
SEED_LANGS = ["nl", "nl", "nl", "nl", "en", "nl", "en", "en", "nl"]


def test_seed_blocks() -> None:
    blocks = SEED.read_text(encoding="utf-8").split("\n\n")
    assert [guess_language(block, default="xx") for block in blocks] == SEED_LANGS


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.name[:2])
def test_corpus_files(path: Path) -> None:
    header, body = path.read_text(encoding="utf-8").split("\n\n", 1)
    truth = next(line.split(":", 1)[1].strip() for line in header.splitlines() if "lang:" in line)
    assert guess_language(body, default="xx") == truth


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Afschuwelijke beelden uit Wit-Rusland.", "nl"),
        (
            "Armed Belarusian border guards push women and children through the Polish "
            "border fence.",
            "en",
        ),
        ("De Poolse regering is maandag voor crisisberaad bijeengekomen.", "nl"),
        ("Lukashenko has won every presidential election since 1994.", "en"),
        ("Ja.", "nl"),
        ("Is het waar?", "nl"),
        ("E\u0301e\u0301n vluchteling", "nl"),  # decomposed é must still count
    ],
)
def test_short_texts(text: str, lang: str) -> None:
    assert guess_language(text, default="xx") == lang


def test_hashtags_urls_and_handles_do_not_count() -> None:
    noise = "#de #het #een @van @voor https://de.nl/het/een www.van.nl pic.twitter.com/de_het"
    assert guess_language(noise + " Armed guards push the people.") == "en"
    assert guess_language("#the #and @with https://t.co/the De grens is dicht.") == "nl"
    assert guess_language(noise, default="xx") == "xx"


@pytest.mark.parametrize("default", ["en", "nl"])
def test_no_evidence_gives_default(default: str) -> None:
    assert guess_language("", default=default) == default
    assert guess_language("2021 — 42 !!", default=default) == default


@given(st.text())
def test_always_one_of_the_two_or_default(text: str) -> None:
    assert guess_language(text) in ("nl", "en")
    assert guess_language(text, default="xx") in ("nl", "en", "xx")
    assert guess_language(text) == guess_language(text)
