"""Measured quality against the gold annotations; a change that drops below the targets fails."""

from __future__ import annotations

import pytest

from kg.quality.evaluate import Score, evaluate, totals
from tests.seed_graph import ROOT

GOLD = ROOT / "tests" / "gold"


@pytest.fixture(scope="module")
def reports():
    return evaluate(GOLD, ROOT)


def test_every_gold_file_names_a_real_document(reports):
    assert len(reports) == len(list(GOLD.glob("*.yaml"))) >= 6
    assert all((ROOT / r.document).is_file() for r in reports)


def test_seed_article_meets_its_targets(reports):
    seed = [r for r in reports if r.document.startswith("seeds/")]
    entities, events = totals(seed)
    assert entities.precision >= 0.95 and entities.recall >= 0.95, (entities, seed[0].missed)
    assert events.precision >= 0.95 and events.recall >= 0.95, (events, seed[0].missed)


def test_corpus_meets_its_targets(reports):
    corpus = [r for r in reports if r.document.startswith("corpus/")]
    entities, events = totals(corpus)
    assert entities.precision >= 0.9 and entities.recall >= 0.85, entities
    assert events.precision >= 0.8 and events.recall >= 0.6, events


def test_scores_count_what_they_should():
    score = Score(tp=8, fp=2, fn=8)
    assert (score.precision, score.recall) == (0.8, 0.5)
    assert round(score.f1, 3) == 0.615
    assert Score().precision == 1.0 and Score().recall == 1.0
