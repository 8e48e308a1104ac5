"""What every action shares: proposals to confirm, and the JSON form they are kept in."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Protocol

from core.commands import (
    AbsenceKind,
    Amendment,
    DateRange,
    Intent,
    ParsedCommand,
    ParseProblem,
    PartOfDay,
    Preference,
    ShiftKind,
    SmallTalk,
    WeekdayConflict,
)
from core.context import Context
from core.messages import Outcome


@dataclass(frozen=True, slots=True)
class Proposal:
    """A change the bot has read back and waits to have confirmed.

    `data` holds what the proposal resolved (employee ids, request ids, shift codes),
    so that the change carried out is exactly the change that was read back.
    """

    intent: Intent
    readback: str
    command: ParsedCommand
    data: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {
            "intent": self.intent.value,
            "readback": self.readback,
            "command": command_to_json(self.command),
            "data": self.data,
        }

    @classmethod
    def from_json(cls, payload: dict[str, Any]) -> Proposal:
        return cls(
            intent=Intent(payload["intent"]),
            readback=payload["readback"],
            command=command_from_json(payload["command"]),
            data=dict(payload["data"]),
        )


class MutatingAction(Protocol):
    """An action that changes data: proposed and read back first, executed on a yes."""

    def propose(self, context: Context, command: ParsedCommand) -> Proposal: ...

    def execute(self, context: Context, proposal: Proposal) -> Outcome: ...


def _ranges_to_json(ranges: tuple[DateRange, ...]) -> list[list[str]]:
    return [[r.start.isoformat(), r.end.isoformat()] for r in ranges]


def _ranges_from_json(items: list[list[str]]) -> tuple[DateRange, ...]:
    return tuple(DateRange(dt.date.fromisoformat(a), dt.date.fromisoformat(b)) for a, b in items)


def command_to_json(command: ParsedCommand) -> dict[str, Any]:
    return {
        **command.to_json(),
        "reason": command.reason,
        "plan_again": command.plan_again,
        "night_or_morning": command.night_or_morning,
    }


def _optional_time(value: Any) -> dt.time | None:
    return dt.time.fromisoformat(value) if value is not None else None


def _optional_enum(enum_type: Any, value: Any) -> Any:
    return enum_type(value) if value is not None else None


def command_from_json(payload: dict[str, Any]) -> ParsedCommand:
    return ParsedCommand(
        intent=Intent(payload["intent"]),
        dates=_ranges_from_json(payload.get("dates") or []),
        shift=_optional_enum(ShiftKind, payload.get("shift")),
        absence=_optional_enum(AbsenceKind, payload.get("absence")),
        preference=_optional_enum(Preference, payload.get("preference")),
        person=payload.get("person"),
        with_dates=_ranges_from_json(payload.get("with_dates") or []),
        request_id=payload.get("request_id"),
        problem=_optional_enum(ParseProblem, payload.get("problem")),
        problem_text=payload.get("problem_text"),
        amendment=_optional_enum(Amendment, payload.get("amendment")),
        with_shift=_optional_enum(ShiftKind, payload.get("with_shift")),
        unknown_words=tuple(payload.get("unknown_words") or ()),
        suggestion=_optional_enum(Intent, payload.get("suggestion")),
        weekday_conflicts=tuple(
            WeekdayConflict.from_json(conflict)
            for conflict in payload.get("weekday_conflicts") or ()
        ),
        negated_absence=_optional_enum(AbsenceKind, payload.get("negated_absence")),
        open_ended=bool(payload.get("open_ended")),
        reason=str(payload.get("reason") or ""),
        plan_again=bool(payload.get("plan_again")),
        unread_date_words=tuple(payload.get("unread_date_words") or ()),
        unavailable_from=_optional_time(payload.get("unavailable_from")),
        unavailable_until=_optional_time(payload.get("unavailable_until")),
        part_of_day=_optional_enum(PartOfDay, payload.get("part_of_day")),
        time_of_day=_optional_time(payload.get("time_of_day")),
        small_talk=_optional_enum(SmallTalk, payload.get("small_talk")),
        night_or_morning=bool(payload.get("night_or_morning")),
    )
