"""What employees register about days: absence, unavailability, availability and wishes."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from core.commands import AbsenceKind, DateRange, Preference, ShiftKind

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
