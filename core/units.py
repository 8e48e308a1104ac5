"""Organisations, units (avdelinger), their shift types and their staffing plan."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum

from core.calendar import is_public_holiday
from core.commands import ShiftKind
from core.i18n import N_, Translator
from core.rules import RuleSettings

MINUTES_PER_DAY = 24 * 60
# AML §10-11 (1): night work is work between 21:00 and 06:00.
NIGHT_START_MINUTE = 21 * 60
NIGHT_END_MINUTE = 6 * 60


@dataclass(frozen=True, slots=True)
class Organisation:
    id: int
    name: str
    # Whether a chat user may be linked to an employee by matching the verified e-mail.
    link_by_email: bool = False


@dataclass(frozen=True, slots=True)
class Unit:
    id: int
    organisation_id: int
    name: str
    rules: RuleSettings = field(default_factory=RuleSettings)
    # How to reach the employer's data protection officer (personvernombud), such as an
    # e-mail address, named in the replies about personal data; None when not set.
    data_protection_officer: str | None = None


@dataclass(frozen=True, slots=True)
class ShiftType:
    """A shift of one unit, anchored to the day it starts on."""

    code: str
    name: str
    kind: ShiftKind
    start: dt.time
    end: dt.time
    # Paid minutes, which include the pause when staff cannot leave the ward (AML §10-9).
    paid_minutes: int | None = None

    @property
    def crosses_midnight(self) -> bool:
        return self.end <= self.start

    @property
    def start_minute(self) -> int:
        return self.start.hour * 60 + self.start.minute

    @property
    def duration_minutes(self) -> int:
        end_minute = self.end.hour * 60 + self.end.minute
        if self.crosses_midnight:
            end_minute += MINUTES_PER_DAY
        return end_minute - self.start_minute

    @property
    def worked_minutes(self) -> int:
        return self.paid_minutes if self.paid_minutes is not None else self.duration_minutes

    @property
    def night_minutes(self) -> int:
        """Return the minutes of this shift inside the 21:00–06:00 night window."""
        start = self.start_minute
        end = start + self.duration_minutes
        windows = [
            (-MINUTES_PER_DAY + NIGHT_START_MINUTE, NIGHT_END_MINUTE),
            (NIGHT_START_MINUTE, MINUTES_PER_DAY + NIGHT_END_MINUTE),
            (MINUTES_PER_DAY + NIGHT_START_MINUTE, 2 * MINUTES_PER_DAY + NIGHT_END_MINUTE),
        ]
        return sum(max(0, min(end, w_end) - max(start, w_start)) for w_start, w_end in windows)

    def starts_at(self, day: dt.date) -> dt.datetime:
        return dt.datetime.combine(day, self.start)

    def ends_at(self, day: dt.date) -> dt.datetime:
        """Return the wall-clock end; across a DST change the real length differs by an hour."""
        end_day = day + dt.timedelta(days=1) if self.crosses_midnight else day
        return dt.datetime.combine(end_day, self.end)


class DayType(StrEnum):
    """Which column of the staffing plan a date uses."""

    MONDAY = "mon"
    TUESDAY = "tue"
    WEDNESDAY = "wed"
    THURSDAY = "thu"
    FRIDAY = "fri"
    SATURDAY = "sat"
    SUNDAY = "sun"
    PUBLIC_HOLIDAY = "holiday"

    @classmethod
    def of(cls, day: dt.date) -> DayType:
        if is_public_holiday(day):
            return cls.PUBLIC_HOLIDAY
        return list(cls)[day.weekday()]


@dataclass(frozen=True, slots=True)
class StaffingDemand:
    """Headcount one shift needs on one type of day (bemanningsplan)."""

    day_type: DayType
    shift_code: str
    minimum: int
    wanted: int
    # Competence → minimum headcount with it, e.g. {"sykepleier": 2, "medisinansvar": 1}.
    competence_minimums: tuple[tuple[str, int], ...] = ()

    def __post_init__(self) -> None:
        if self.minimum < 0 or self.wanted < self.minimum:
            raise ValueError(
                f"staffing for {self.shift_code} on {self.day_type}: need 0 ≤ minimum ≤ wanted, "
                f"got minimum {self.minimum} and wanted {self.wanted}"
            )


@dataclass(frozen=True, slots=True)
class StaffingPlan:
    demands: tuple[StaffingDemand, ...]

    def for_day(self, day: dt.date) -> list[StaffingDemand]:
        """Return the demands of `day`: the holiday column on public holidays, else the weekday's.

        A unit without a holiday column plans its holidays like Sundays.
        """
        day_type = DayType.of(day)
        demands = [d for d in self.demands if d.day_type == day_type]
        if not demands and day_type == DayType.PUBLIC_HOLIDAY:
            demands = [d for d in self.demands if d.day_type == DayType.SUNDAY]
        return demands


def day_type_name(day_type: DayType, translator: Translator) -> str:
    """Return the name of a staffing plan's day in the translator's language, e.g. «lørdag»."""
    if day_type is DayType.PUBLIC_HOLIDAY:
        return translator.gettext(N_("public holiday"))
    return translator.weekday_name(list(DayType).index(day_type))
