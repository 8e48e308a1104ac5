"""Measure how many messages a second the parser reads, in process, on one core.

Parses the shared development corpus and the team corpus in a loop for at
least `--seconds` (default 5) and prints messages per second. The first pass
is a warm-up, so that the spelling cache and the compiled expressions of a
fresh process are not counted.

    .venv/bin/python benchmarks/nlu_speed.py [--seconds 5]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import platform
import time
from pathlib import Path

from core.calendar import OSLO
from nlu import parse

REPOSITORY = Path(__file__).resolve().parents[1]
CORPORA = (
    REPOSITORY.parent / "shared" / "nlu" / "dev.jsonl",
    REPOSITORY / "tests" / "nlu" / "corpus.jsonl",
)


def load_messages() -> list[tuple[str, dt.datetime]]:
    """Return (text, reference time) for every line of the corpora that exist."""
    messages = []
    for corpus in CORPORA:
        if not corpus.exists():
            continue
        for line in corpus.read_text(encoding="utf-8").splitlines():
            if line.strip():
                item = json.loads(line)
                now = dt.datetime.fromisoformat(item["now"]).replace(tzinfo=OSLO)
                messages.append((item["text"], now))
    return messages


def measure(
    messages: list[tuple[str, dt.datetime]], minimum_seconds: float
) -> tuple[int, float, float]:
    """Parse `messages` repeatedly for at least `minimum_seconds` of wall-clock time.

    Returns the number parsed, the wall-clock seconds and the CPU seconds of this
    process. On a busy machine the CPU figure is the steadier measure of one core.
    """
    parsed = 0
    started, cpu_started = time.perf_counter(), time.process_time()
    while time.perf_counter() - started < minimum_seconds:
        for text, now in messages:
            parse(text, now)
        parsed += len(messages)
    return parsed, time.perf_counter() - started, time.process_time() - cpu_started


def main() -> None:
    arguments = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    arguments.add_argument(
        "--seconds", type=float, default=5.0, help="minimum measuring time in seconds (default 5)"
    )
    options = arguments.parse_args()

    messages = load_messages()
    if not messages:
        raise SystemExit(
            "no corpus found: expected ../shared/nlu/dev.jsonl or tests/nlu/corpus.jsonl"
        )
    measure(messages, 0.0)  # warm-up pass

    parsed, seconds, cpu_seconds = measure(messages, options.seconds)
    print(
        f"{len(messages)} distinct messages, {parsed} parsed in {seconds:.2f} s "
        f"({cpu_seconds:.2f} s of CPU time)"
    )
    print(
        f"{parsed / seconds:,.0f} messages/second wall-clock, "
        f"{parsed / cpu_seconds:,.0f} messages/second of CPU time, on one core "
        f"({platform.machine()}, Python {platform.python_version()})"
    )


if __name__ == "__main__":
    main()
