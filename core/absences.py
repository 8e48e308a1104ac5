"""What employees register about days: absence, unavailability, availability and wishes."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from core.commands import AbsenceKind, DateRange, Preference, ShiftKind
from core.shift_requests import RequestState

# Absence kinds that are health data (GDPR art. 9): the reason is shown to the
# employee and to managers only, and the solver learns only that the day is blocked.
HEALTH_ABSENCES = frozenset({AbsenceKind.SICK, AbsenceKind.CHILD_SICK})


@dataclass(frozen=True, slots=True)
class Absence:
    id: int
    employee_id: int
    kind: AbsenceKind
    days: DateRange
    created_at: dt.datetime | None = None


@dataclass(frozen=True, slots=True)
class RemovedShift:
    """A planned shift that an absence took out of a published roster.

    The employee's hours target is lowered by the shift's `worked_minutes`
    (core.hours.target_minutes), so a removed 10-hour night does not leave them
    short of hours. `absent_day` is the absent day the shift fell on: the shift's
    own day, or the next day for a night from the evening before. The record
    outlives the absence (`absence_id` becomes None when the absence is deleted),
    because the shift is not given back when the employee is well again.
    """

    id: int
    employee_id: int
    absence_id: int | None
    shift_day: dt.date
    shift_code: str
    absent_day: dt.date
    worked_minutes: int


@dataclass(frozen=True, slots=True)
class Unavailability:
    """Days (or one shift kind on those days) the employee cannot work; hard for the planner."""

    id: int
    employee_id: int
    days: DateRange
    shift_kind: ShiftKind | None = None


@dataclass(frozen=True, slots=True)
class Availability:
    """Days the employee offers to work extra."""

    id: int
    employee_id: int
    days: DateRange
    shift_kind: ShiftKind | None = None


# Weights of a wish in the planner's objective; a wish is never a hard rule.
DEFAULT_WISH_WEIGHT = 10


@dataclass(frozen=True, slots=True)
class Wish:
    id: int
    employee_id: int
    days: DateRange
    preference: Preference
    shift_kind: ShiftKind | None = None
    weight: int = DEFAULT_WISH_WEIGHT


class AbsenceRequestStatus(StrEnum):
    """Where an absence request is, as its requester sees it."""

    WAITING = "waiting"
    APPROVED = "approved"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"


# An absence request starts as ACCEPTED, because it waits for a manager only.
# It has no colleague to decline it and moves no shift, so DECLINED and OUTDATED
# never happen to it. They map to the status nearest in meaning.
ABSENCE_REQUEST_STATUSES = {
    RequestState.PENDING: AbsenceRequestStatus.WAITING,
    RequestState.ACCEPTED: AbsenceRequestStatus.WAITING,
    RequestState.APPROVED: AbsenceRequestStatus.APPROVED,
    RequestState.REJECTED: AbsenceRequestStatus.REJECTED,
    RequestState.DECLINED: AbsenceRequestStatus.REJECTED,
    RequestState.CANCELLED: AbsenceRequestStatus.WITHDRAWN,
    RequestState.OUTDATED: AbsenceRequestStatus.WITHDRAWN,
}
