"""Rules on runs of shifts: days and nights in a row, and how often weekends are worked."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from itertools import pairwise

from core.compliance.model import PlannedShift, Violation, ViolationRule
from core.compliance.roster import CheckedRoster
from core.compliance.timeline import DAYS_PER_WEEK

ONE_DAY = dt.timedelta(days=1)
FRIDAY = 4
SATURDAY = 5


def check_consecutive_days(roster: CheckedRoster) -> list[Violation]:
    """Report a run of working days longer than the unit allows.

    AML §10-2 (1) requires a sound arrangement of work; Arbeidstilsynet's
    practice is the source of the default limit. A shift counts on the day it
    starts, and a run may begin in the history.
    """
    maximum = roster.context.rules.max_consecutive_days
    return _check_runs(roster, ViolationRule.CONSECUTIVE_DAYS, maximum, lambda shift: True)


def check_consecutive_nights(roster: CheckedRoster) -> list[Violation]:
    """Report a run of night shifts longer than the unit allows.

    AML §10-2 (1) soundness: Arbeidstilsynet rarely allows more than 2–3 nights
    in a row. A night shift is one whose shift type is of the night kind.
    """
    maximum = roster.context.rules.max_consecutive_nights
    return _check_runs(roster, ViolationRule.CONSECUTIVE_NIGHTS, maximum, roster.is_night_shift)


def _check_runs(
    roster: CheckedRoster,
    rule: ViolationRule,
    maximum: int,
    counts: Callable[[PlannedShift], bool],
) -> list[Violation]:
    """Report each run of days with a counted shift that is longer than `maximum`.

    The violation falls on the first planned day past the maximum, so that it names
    the shift to move, and carries the whole run's length, first day and last day.
    """
    violations = []
    for shifts in roster.shifts_by_employee.values():
        counted = {shift.day: shift for shift in shifts if counts(shift)}
        for run in _runs_of_days(sorted(counted)):
            too_many = [day for day in run[maximum:] if roster.is_planned(counted[day])]
            if too_many:
                details: dict[str, int | str] = {
                    "run_days": len(run),
                    "maximum": maximum,
                    "first_day": run[0].isoformat(),
                    "last_day": run[-1].isoformat(),
                }
                violations.append(Violation.for_shift(rule, counted[too_many[0]], details))
    return violations


def _runs_of_days(days: list[dt.date]) -> list[list[dt.date]]:
    """Split ordered days into runs of consecutive dates."""
    runs: list[list[dt.date]] = []
    for day in days:
        if runs and runs[-1][-1] + ONE_DAY == day:
            runs[-1].append(day)
        else:
            runs.append([day])
    return runs


def check_weekend_frequency(roster: CheckedRoster) -> list[Violation]:
    """Report a worked weekend that comes too soon after the previous worked weekend.

    Tariff norm (NSF): one weekend in `weekend_frequency` at most, so in every
    `weekend_frequency` consecutive weekends at most one is worked. A weekend is
    worked when a shift starts on its Saturday or Sunday. A Friday shift that runs
    past midnight counts too when the unit sets `friday_night_counts_as_weekend`.
    The history counts, so a weekend worked just before the period, or one that
    straddles its first day, is seen.
    """
    rules = roster.context.rules
    frequency = rules.weekend_frequency
    violations = []
    for shifts in roster.shifts_by_employee.values():
        weekends = _worked_weekends(shifts, rules.friday_night_counts_as_weekend)
        saturdays = sorted(weekends)
        for previous, saturday in pairwise(saturdays):
            weeks_apart = (saturday - previous).days // DAYS_PER_WEEK
            planned = [shift for shift in weekends[saturday] if roster.is_planned(shift)]
            if weeks_apart < frequency and planned:
                details: dict[str, int | str] = {
                    "previous_weekend": previous.isoformat(),
                    "weeks_apart": weeks_apart,
                    "weekend_frequency": frequency,
                }
                violations.append(
                    Violation.for_shift(ViolationRule.WEEKEND_FREQUENCY, planned[0], details)
                )
    return violations


def _worked_weekends(
    shifts: list[PlannedShift], friday_night_counts: bool
) -> dict[dt.date, list[PlannedShift]]:
    """Return the shifts that make a weekend worked, under the weekend's Saturday."""
    weekends: dict[dt.date, list[PlannedShift]] = {}
    for shift in shifts:
        if shift.day.weekday() >= SATURDAY:
            saturday = shift.day - dt.timedelta(days=shift.day.weekday() - SATURDAY)
            weekends.setdefault(saturday, []).append(shift)
        elif friday_night_counts and _is_friday_night(shift):
            weekends.setdefault(shift.day + ONE_DAY, []).append(shift)
    return weekends


def _is_friday_night(shift: PlannedShift) -> bool:
    return shift.day.weekday() == FRIDAY and shift.end.date() > shift.day
