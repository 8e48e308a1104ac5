"""Target hours: what an employee's position is worth over a planning period."""

from __future__ import annotations

from dataclasses import dataclass

from core.commands import DateRange
from core.rules import RuleSettings

DAYS_PER_WEEK = 7


def target_minutes(
    position_percent: int,
    period: DateRange,
    rules: RuleSettings,
    absent_days: int = 0,
    credited_minutes: int = 0,
) -> int:
    """Return the minutes an employee should work in `period`.

    The target is stillingsprosent × the rotation's weekly norm × weeks in the period
    (75 % × 35.5 h × 6 weeks = 159.75 h). An absence (vacation, sickness, leave,
    course) lowers it in one of two ways. A planned shift it took out of the roster
    counts with its own worked minutes (`credited_minutes`), because the employee
    would otherwise fall short by the whole shift, 10 hours for a night. Each other
    absent day (`absent_days`) takes a seventh of a week off the period, because the
    absence replaces the shifts that would otherwise have been planned on it.
    """
    period_days = (period.end - period.start).days + 1
    present_days = max(0, period_days - absent_days)
    weekly_share = round(position_percent / 100 * rules.weekly_norm_minutes * present_days / 7)
    return max(0, weekly_share - credited_minutes)


@dataclass(frozen=True, slots=True)
class HoursBand:
    """The planned minutes a unit accepts for one person: the target ± the unit's tolerance.

    The tolerance is `RuleSettings.hours_tolerance_minutes`, a local timebank rule
    over the whole planning period. The solver keeps to the band when it can, and the
    roster checker reports a person outside it.
    """

    target_minutes: int
    tolerance_minutes: int

    @property
    def lower_minutes(self) -> int:
        return max(0, self.target_minutes - self.tolerance_minutes)

    @property
    def upper_minutes(self) -> int:
        return self.target_minutes + self.tolerance_minutes

    def contains(self, planned_minutes: int) -> bool:
        return self.lower_minutes <= planned_minutes <= self.upper_minutes


def minutes_per_week(minutes: int, period: DateRange) -> int:
    """Return `minutes` spread evenly over the weeks of `period`, rounded to whole minutes."""
    period_days = (period.end - period.start).days + 1
    return round(minutes * DAYS_PER_WEEK / period_days)
