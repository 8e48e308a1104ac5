"""The parser's score on the shared development corpus and on the team's own corpus.

Scores in process the way `score_nlu.py` scores the `vaktbot parse` command: each
corpus line contains `id`, `now`, `text` and `expect`, and only the fields in
`expect` are compared. The lists of date ranges are compared sorted, and a
person's name without regard to case or surrounding spaces.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from core.calendar import OSLO
from nlu import parse

DEV_CORPUS = Path(__file__).resolve().parents[2] / ".." / "shared" / "nlu" / "dev.jsonl"
TEAM_CORPUS = Path(__file__).resolve().parent / "corpus.jsonl"
REQUIRED_ACCURACY = 0.99
DATE_LIST_FIELDS = ("dates", "with_dates")


@dataclass(frozen=True)
class Failure:
    identifier: str
    text: str
    wrong_fields: dict[str, tuple[Any, Any]]

    def describe(self) -> str:
        fields = ", ".join(
            f"{name}: expected {expected!r}, got {actual!r}"
            for name, (expected, actual) in self.wrong_fields.items()
        )
        return f"{self.identifier} «{self.text}» — {fields}"


@dataclass(frozen=True)
class Score:
    total: int
    failures: list[Failure]

    @property
    def accuracy(self) -> float:
        return (self.total - len(self.failures)) / self.total if self.total else 0.0

    def report(self) -> str:
        lines = [failure.describe() for failure in self.failures]
        return "\n".join([f"exact {self.total - len(self.failures)}/{self.total}", *lines])


def load_corpus(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as corpus:
        return [json.loads(line) for line in corpus if line.strip()]


def comparable(field: str, value: Any) -> Any:
    if field in DATE_LIST_FIELDS:
        return sorted(list(date_range) for date_range in (value or []))
    if field == "person" and isinstance(value, str):
        return value.strip().casefold()
    return value


def reference_time(written: str) -> dt.datetime:
    return dt.datetime.fromisoformat(written).replace(tzinfo=OSLO)


def score_item(item: dict[str, Any]) -> Failure | None:
    result = parse(item["text"], reference_time(item["now"])).to_json()
    wrong = {
        name: (expected, result.get(name))
        for name, expected in item["expect"].items()
        if comparable(name, result.get(name)) != comparable(name, expected)
    }
    return Failure(item["id"], item["text"], wrong) if wrong else None


def score_corpus(path: Path) -> Score:
    items = load_corpus(path)
    failures = [failure for item in items if (failure := score_item(item)) is not None]
    return Score(total=len(items), failures=failures)


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
