"""Night workers' average working time (AML §10-11)."""

from __future__ import annotations

import datetime as dt

from core.compliance.model import PlannedShift, Violation, ViolationRule
from core.compliance.roster import CheckedRoster
from core.compliance.timeline import averaging_windows, midnight, overlap_minutes

# AML §10-11 (1): night work is work between 21:00 and 06:00.
NIGHT_START = dt.time(21, 0)
NIGHT_END = dt.time(6, 0)
# AML §10-11 (6): a night worker, who regularly works more than 3 hours at night, may
# work at most 8 hours per 24 hours on average over 4 weeks.
NIGHT_WORKER_NIGHT_MINUTES = 3 * 60
NIGHT_WORKER_MAX_DAY_MINUTES = 8 * 60
NIGHT_WORKER_AVERAGING_DAYS = 28


def night_minutes(shift: PlannedShift) -> int:
    """Return the real minutes of `shift` between 21:00 and 06:00."""
    first_evening = shift.start.date() - dt.timedelta(days=1)
    evenings = (first_evening + dt.timedelta(days=offset) for offset in range(3))
    return sum(
        overlap_minutes(
            shift.start,
            shift.end,
            dt.datetime.combine(evening, NIGHT_START),
            dt.datetime.combine(evening + dt.timedelta(days=1), NIGHT_END),
        )
        for evening in evenings
    )


def check_night_worker_average(roster: CheckedRoster) -> list[Violation]:
    """Report a night worker whose average day over four weeks exceeds 8 hours.

    AML §10-11 (6): someone who mainly works at night may work at most 8 hours per
    24 hours on average over 4 weeks. A person counts as a night worker in a
    window when more than half of their shifts there have over 3 hours of night
    work. The windows are 28 days long and a week apart; a shorter period is one
    window, averaged over its own days.
    """
    # NOTE: the stricter limit for night work with special risks (§10-11 (7)) and a
    # tariff derogation (§10-11 (9)) have no unit setting yet, so neither is applied.
    violations = []
    period = roster.context.period
    for employee_key, shifts in roster.shifts_by_employee.items():
        for window in averaging_windows(period, NIGHT_WORKER_AVERAGING_DAYS):
            average = _night_worker_average(roster, shifts, window.start, window.end)
            if average is not None and average > NIGHT_WORKER_MAX_DAY_MINUTES:
                details: dict[str, int | str] = {
                    "average_day_minutes": average,
                    "maximum_minutes": NIGHT_WORKER_MAX_DAY_MINUTES,
                    "window_days": (window.end - window.start).days + 1,
                    "window_end": window.end.isoformat(),
                }
                rule = ViolationRule.NIGHT_WORKER_AVERAGE
                violations.append(Violation.for_employee(rule, employee_key, window.start, details))
    return violations


def _night_worker_average(
    roster: CheckedRoster, shifts: list[PlannedShift], first_day: dt.date, last_day: dt.date
) -> int | None:
    """Return the average working minutes per day, or None when the person is no night worker."""
    window_start = midnight(first_day)
    window_end = midnight(last_day + dt.timedelta(days=1))
    in_window = [
        shift for shift in shifts if roster.is_planned(shift) and first_day <= shift.day <= last_day
    ]
    night_shifts = [
        shift for shift in in_window if night_minutes(shift) > NIGHT_WORKER_NIGHT_MINUTES
    ]
    if 2 * len(night_shifts) <= len(in_window):
        return None
    worked = sum(roster.worked_minutes_between(shift, window_start, window_end) for shift in shifts)
    days = (last_day - first_day).days + 1
    return round(worked / days)
