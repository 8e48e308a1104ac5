"""The `vaktbot parse` command as a user and the shared scorer run it."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from vaktbot.commands import _parse_jsonl, parse_reference_time

REPOSITORY = Path(__file__).resolve().parents[2]
VAKTBOT = Path(sys.executable).parent / "vaktbot"
SCORER = REPOSITORY.parent / "shared" / "tools" / "score_nlu.py"
TEAM_CORPUS = REPOSITORY / "tests" / "nlu" / "corpus.jsonl"
NOW = parse_reference_time("2026-11-18T09:00")


def run_jsonl(lines: list[str]) -> list[dict[str, object]]:
    sink = io.StringIO()
    _parse_jsonl(io.StringIO("\n".join(lines) + "\n"), sink, NOW)
    return [json.loads(line) for line in sink.getvalue().splitlines()]


def test_jsonl_echoes_ids_in_order() -> None:
    """Each input line gives one output line with the same id, in the same order."""
    results = run_jsonl(
        [
            json.dumps({"id": "b", "text": "Godkjenn 42"}),
            json.dumps({"id": "a", "text": "Jeg er syk i dag"}),
        ]
    )

    assert [result["id"] for result in results] == ["b", "a"]
    assert [result["intent"] for result in results] == ["approve_request", "register_absence"]


def test_jsonl_checks_language_hints() -> None:
    """A known or a missing language hint parses the text, but an unknown one is rejected."""
    results = run_jsonl(
        [
            json.dumps({"id": 1, "text": "Eg er sjuk i dag", "lang": "nn"}),
            json.dumps({"id": 2, "text": "I'm sick today", "lang": "xx"}),
            json.dumps({"id": 3, "text": "Syk i dag", "lang": None}),
        ]
    )

    assert results[0]["absence"] == "sick"
    assert results[1] == {"id": 2, "intent": "unknown", "error": "invalid lang"}
    assert results[2]["absence"] == "sick"


def test_jsonl_reports_invalid_lines() -> None:
    """A line that is not a JSON object with a text gives an unknown result, not a crash."""
    results = run_jsonl(["not json", json.dumps([1, 2]), json.dumps({"id": 7})])

    assert [result["error"] for result in results] == ["invalid line"] * 3


def test_jsonl_answers_empty_lines() -> None:
    """An empty or blank line gives an invalid result, so that each line gets one answer."""
    results = run_jsonl(
        [
            json.dumps({"id": "a", "text": "Syk i dag"}),
            "",
            "   ",
            json.dumps({"id": "b", "text": "Godkjenn 42"}),
        ]
    )

    assert [result["id"] for result in results] == ["a", None, None, "b"]
    assert [result.get("error") for result in results] == [
        None,
        "invalid line",
        "invalid line",
        None,
    ]


@pytest.mark.skipif(not VAKTBOT.exists(), reason="the vaktbot script is not installed")
def test_command_line_parses_one_message() -> None:
    """`vaktbot parse --now … TEXT` prints the command as one JSON object."""
    completed = subprocess.run(
        [str(VAKTBOT), "parse", "--now", "2026-11-18T09:00", "Ønsker fri julaften"],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )

    result = json.loads(completed.stdout)

    assert result["intent"] == "register_wish"
    assert result["dates"] == [["2026-12-24", "2026-12-24"]]
    assert result["preference"] == "off"


@pytest.mark.skipif(
    not (VAKTBOT.exists() and SCORER.exists()),
    reason="the vaktbot script or the shared scorer is not here",
)
def test_shared_scorer_accepts_team_corpus() -> None:
    """The shared scorer, running the real command, scores the team corpus at 99 % or more."""
    completed = subprocess.run(
        [
            sys.executable,
            str(SCORER),
            "--cmd",
            str(VAKTBOT) + " parse",
            "--min-accuracy",
            "0.99",
            str(TEAM_CORPUS),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )

    assert completed.returncode == 0, completed.stdout[-3000:] + completed.stderr[-2000:]
