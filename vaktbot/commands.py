"""The work behind each `vaktbot` subcommand, one `run_*` function each."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import logging
import sys
from typing import Any, TextIO

from core.calendar import OSLO, now_in_oslo

logger = logging.getLogger(__name__)


def parse_reference_time(value: str | None) -> dt.datetime:
    """Return `value` (ISO, local Oslo time) as an aware datetime, or now when None."""
    if value is None:
        return now_in_oslo()
    parsed = dt.datetime.fromisoformat(value)
    if parsed.tzinfo is None:
        return parsed.replace(tzinfo=OSLO)
    return parsed.astimezone(OSLO)


def run_parse(arguments: argparse.Namespace) -> int:
    from nlu import parse

    try:
        now = parse_reference_time(arguments.now)
    except ValueError:
        print(f"vaktbot parse: invalid --now {arguments.now!r}; expected e.g. 2027-01-06T09:00",
              file=sys.stderr)
        return 2

    if arguments.jsonl:
        _parse_jsonl(sys.stdin, sys.stdout, now)
        return 0
    if arguments.text is None:
        print("vaktbot parse: give a message, or --jsonl to read JSON lines", file=sys.stderr)
        return 2

    print(json.dumps(parse(arguments.text, now).to_json(), ensure_ascii=False))
    return 0


def _parse_jsonl(source: TextIO, sink: TextIO, now: dt.datetime) -> None:
    """Parse one JSON object a line and print one result a line, in order, ids echoed."""
    from nlu import parse

    for line_number, line in enumerate(source, start=1):
        if not line.strip():
            continue
        try:
            item: dict[str, Any] = json.loads(line)
            text = str(item["text"])
        except (json.JSONDecodeError, KeyError, TypeError):
            logger.warning("line %d of the input is not a JSON object with a text", line_number)
            sink.write(json.dumps({"id": None, "intent": "unknown", "error": "invalid line"}) + "\n")
            continue
        result = parse(text, now).to_json()
        sink.write(json.dumps({"id": item.get("id"), **result}, ensure_ascii=False) + "\n")


def run_chat(arguments: argparse.Namespace) -> int:
    raise NotImplementedError


def run_demo(arguments: argparse.Namespace) -> int:
    raise NotImplementedError


def run_import_employees(arguments: argparse.Namespace) -> int:
    raise NotImplementedError


def run_export_roster(arguments: argparse.Namespace) -> int:
    raise NotImplementedError


def run_db_upgrade(arguments: argparse.Namespace) -> int:
    raise NotImplementedError
