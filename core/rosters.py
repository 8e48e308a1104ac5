"""Rosters (turnusplaner) and their assignments."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum


class RosterStatus(StrEnum):
    DRAFT = "draft"
    PUBLISHED = "published"
    # A published roster replaced by a newer one for the same days, or a proposal decided.
    SUPERSEDED = "superseded"
    # A repair of a published roster, waiting for a manager's approval.
    PROPOSED = "proposed"


@dataclass(frozen=True, slots=True)
class Assignment:
    employee_id: int
    day: dt.date
    shift_code: str


@dataclass(frozen=True, slots=True)
class RosterDifference:
    """One person-day a roster change alters; None is a day off."""

    employee_id: int
    day: dt.date
    old_shift_code: str | None
    new_shift_code: str | None


@dataclass(frozen=True, slots=True)
class Roster:
    id: int
    unit_id: int
    start: dt.date
    end: dt.date
    status: RosterStatus
    assignments: tuple[Assignment, ...] = ()
    created_at: dt.datetime | None = None
    published_at: dt.datetime | None = None

    def shift_of(self, employee_id: int, day: dt.date) -> str | None:
        for assignment in self.assignments:
            if assignment.employee_id == employee_id and assignment.day == day:
                return assignment.shift_code
        return None

    def covers(self, day: dt.date) -> bool:
        return self.start <= day <= self.end
