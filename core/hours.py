"""Target hours: what an employee's position is worth over a planning period."""

from __future__ import annotations

from core.commands import DateRange
from core.rules import RuleSettings


def target_minutes(
    position_percent: int, period: DateRange, rules: RuleSettings, absent_days: int = 0
) -> int:
    """Return the minutes an employee should work in `period`.

    The target is stillingsprosent × the rotation's weekly norm × weeks in the period
    (75 % × 35.5 h × 6 weeks = 159.75 h). Absent days (vacation, sickness, leave,
    course) reduce the period by a seventh of a week each, because the absence
    replaces the shifts that would otherwise have been planned on them.
    """
    period_days = (period.end - period.start).days + 1
    present_days = max(0, period_days - absent_days)
    return round(position_percent / 100 * rules.weekly_norm_minutes * present_days / 7)
