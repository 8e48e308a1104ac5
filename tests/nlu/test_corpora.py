"""The parser scores on the shared development corpus and on the team's own corpus."""

from __future__ import annotations

from pathlib import Path

import pytest
from nlu_corpus_scoring import load_corpus, score_corpus

DEV_CORPUS = Path(__file__).resolve().parents[2] / ".." / "shared" / "nlu" / "dev.jsonl"
TEAM_CORPUS = Path(__file__).resolve().parent / "corpus.jsonl"
REQUIRED_ACCURACY = 0.99


@pytest.mark.skipif(not DEV_CORPUS.exists(), reason="the shared development corpus is not here")
def test_dev_corpus_accuracy() -> None:
    """At least 99 % of the development corpus parses exactly as expected."""
    score = score_corpus(DEV_CORPUS)

    assert score.accuracy >= REQUIRED_ACCURACY, score.report()


def test_team_corpus_size() -> None:
    """The team corpus contains at least 300 messages."""
    items = load_corpus(TEAM_CORPUS)

    assert len(items) >= 300


def test_team_corpus_accuracy() -> None:
    """At least 99 % of the team corpus parses exactly as expected."""
    score = score_corpus(TEAM_CORPUS)

    assert score.accuracy >= REQUIRED_ACCURACY, score.report()
