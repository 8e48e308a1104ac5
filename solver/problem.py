"""The pseudonymised planning problem the solver receives, and the result it returns.

Nothing here may carry personal data: employees are opaque tokens, days are
indexes from `start_date`, and absences arrive only as blocked days with no
reason (sick leave is health data, GDPR art. 9). The core keeps the mapping from
tokens back to people and never hands it to the solver.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum

from core.rules import RuleSettings

# `SolverProblem.public_holidays` covers the period and this many days on either
# side. The model of the Sunday rule (AML §10-8 (4)) then includes the red days of
# the roster before and the runs of red days that continue past the period's end.
HOLIDAY_DAYS_BEFORE = 14
HOLIDAY_DAYS_AFTER = 7


@dataclass(frozen=True, slots=True)
class ShiftSpec:
    """One shift type, anchored to the day it starts on."""

    code: str
    kind: str  # "D", "A", "N" or "L"
    start_minute: int  # minutes after midnight of the start day
    duration_minutes: int  # may run past midnight
    worked_minutes: int  # what counts towards the employee's hours
    night_minutes: int  # minutes inside 21:00–06:00 (AML §10-11 (1))


@dataclass(frozen=True, slots=True)
class StaffMember:
    token: str  # opaque, e.g. "P007"; never a name, e-mail or chat id
    competences: frozenset[str]
    # stillingsprosent × weekly norm × weeks in the period, minus absent days' share.
    target_minutes: int
    allowed_shift_codes: frozenset[str]


@dataclass(frozen=True, slots=True)
class CoverDemand:
    day: int
    shift_code: str
    minimum: int
    wanted: int
    competence_minimums: tuple[tuple[str, int], ...] = ()


@dataclass(frozen=True, slots=True)
class BlockedDay:
    """A day (or one shift on it) a staff member must not work: absence or unavailability."""

    token: str
    day: int
    shift_code: str | None = None  # None blocks every shift that starts on the day


class WishPreference(StrEnum):
    OFF = "off"
    WORK = "work"


@dataclass(frozen=True, slots=True)
class WishSpec:
    wish_id: str  # opaque id the core maps back to the wish, e.g. "W12"
    token: str
    day: int
    preference: WishPreference
    shift_code: str | None = None  # None: any shift (for WORK) or the whole day (for OFF)
    weight: int = 10


class WishDenialCause(StrEnum):
    """The cost that denies a wish, listed in the order that decides a tie."""

    UNAVAILABLE = "unavailable"  # the person cannot work that shift on that day at all
    RULES = "rules"  # a working-time rule forbids it
    COVERAGE = "coverage"  # a shift would fall below its minimum or lack a competence
    WANTED = "wanted"  # a shift would fall below its wanted staffing
    HOURS = "hours"  # someone's hours would move away from their target
    OTHER_WISHES = "other_wishes"  # another wish would be denied instead
    FAIRNESS = "fairness"  # someone would get more unsocial shifts than their share
    PATTERN = "pattern"  # lone days, lone weekend days or quick returns


@dataclass(frozen=True, slots=True)
class FixedShift:
    """A day that must keep what it has: a shift code, or None for a day off."""

    token: str
    day: int
    shift_code: str | None


@dataclass(frozen=True, slots=True)
class HistoryShift:
    """A shift worked before the period (day < 0), for rest and weekend rules at the seam."""

    token: str
    day: int
    shift_code: str


@dataclass(frozen=True, slots=True)
class AssignedShift:
    token: str
    day: int
    shift_code: str


@dataclass(frozen=True, slots=True)
class SolverProblem:
    start_date: dt.date
    days: int
    shifts: tuple[ShiftSpec, ...]
    staff: tuple[StaffMember, ...]
    demands: tuple[CoverDemand, ...]
    rules: RuleSettings
    # Day indexes from -HOLIDAY_DAYS_BEFORE to days - 1 + HOLIDAY_DAYS_AFTER.
    public_holidays: frozenset[int] = frozenset()
    # Red days, in the same range, whose run's Sunday-work window (AML §10-10 (1))
    # opens at 15:00 on the eve (1. jule-, påske- and pinsedag), and those whose
    # window opens at 22:00 on the eve (1 and 17 May, unless a Sunday or a church
    # holiday). Every other run opens at 18:00. They belong to the problem's calendar
    # like public_holidays, so a problem with made-up holidays lists its own or none.
    afternoon_eve_days: frozenset[int] = frozenset()
    late_eve_days: frozenset[int] = frozenset()
    blocked: tuple[BlockedDay, ...] = ()
    wishes: tuple[WishSpec, ...] = ()
    fixed: tuple[FixedShift, ...] = ()
    history: tuple[HistoryShift, ...] = ()
    # A roster to improve, such as an unpublished draft. The search starts from
    # it and returns it, or a roster that costs no more, when it keeps every hard rule.
    start_roster: tuple[AssignedShift, ...] = ()

    def date_of(self, day: int) -> dt.date:
        return self.start_date + dt.timedelta(days=day)

    def date_index(self, moment: dt.date | dt.datetime) -> int:
        """Return the day index of a date (or of a moment's date), negative before the start."""
        day = moment.date() if isinstance(moment, dt.datetime) else moment
        return (day - self.start_date).days


class SolveStatus(StrEnum):
    OPTIMAL = "optimal"
    FEASIBLE = "feasible"
    INFEASIBLE = "infeasible"
    NO_SOLUTION_IN_TIME = "no_solution_in_time"
    INVALID_MODEL = "invalid_model"


@dataclass(frozen=True, slots=True)
class CoverageGap:
    """Staff missing below the minimum; `competence` None means missing headcount."""

    day: int
    shift_code: str
    missing: int
    competence: str | None = None


@dataclass(frozen=True, slots=True)
class Penalty:
    """A soft rule the solution bends, named so the core can explain it in Norwegian.

    `name` is a stable code such as "wish_denied", "hours_below_target" or
    "quick_return"; `token`, `day`, `wish_id` and `shift_code` say where it applies.
    """

    name: str
    cost: int
    token: str | None = None
    day: int | None = None
    wish_id: str | None = None
    shift_code: str | None = None
    amount: int = 0  # in the penalty's own unit, e.g. minutes for hour deviations


@dataclass(frozen=True, slots=True)
class SolverResult:
    status: SolveStatus
    assignments: tuple[AssignedShift, ...] = ()
    gaps: tuple[CoverageGap, ...] = ()
    penalties: tuple[Penalty, ...] = ()
    objective: float | None = None
    bound: float | None = None
    wall_seconds: float = 0.0
    worked_minutes: dict[str, int] = field(default_factory=dict)
    # Ids of the wishes the roster grants; each denied one is a "wish_denied" penalty.
    granted_wish_ids: tuple[str, ...] = ()
    # True when the search ended on its work limit rather than the clock, so the
    # same problem gives the same roster.
    work_limited: bool = False
    # The objective of the problem's `start_roster`, or None without one or when it
    # breaks a hard rule of this problem.
    start_objective: float | None = None

    @property
    def has_roster(self) -> bool:
        return self.status in (SolveStatus.OPTIMAL, SolveStatus.FEASIBLE)
