"""Rule violations written out in the user's language."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from core.compliance.model import Violation, ViolationRule
from core.i18n import N_, Translator

VIOLATION_TEXTS = {
    ViolationRule.UNKNOWN_EMPLOYEE: N_("%(name)s is not on the unit's staff list."),
    ViolationRule.UNKNOWN_SHIFT: N_("%(shift)s on %(day)s is not a shift of the unit."),
    ViolationRule.OUTSIDE_PERIOD: N_(
        "%(name)s has %(shift)s on %(day)s, outside the roster period."),
    ViolationRule.SHIFT_TIMES_MISMATCH: N_(
        "%(name)s: %(shift)s on %(day)s has other times than the unit's shift."),
    ViolationRule.TWO_SHIFTS_SAME_DAY: N_("%(name)s has two shifts on %(day)s."),
    ViolationRule.OVERLAPPING_SHIFTS: N_("%(name)s has overlapping shifts on %(day)s."),
    ViolationRule.BLOCKED_DAY: N_(
        "%(name)s is absent or unavailable on %(day)s but has %(shift)s."),
    ViolationRule.NOT_QUALIFIED: N_("%(name)s may not work %(shift)s (on %(day)s)."),
    ViolationRule.DAILY_REST: N_(
        "%(name)s gets only %(rest_hours)s of rest before %(shift)s on %(day)s; the law requires "
        "%(required_hours)s (arbeidsmiljøloven § 10-8 (1))."),
    ViolationRule.DAILY_REST_SHORTENED: N_(
        "%(name)s gets %(rest_hours)s of rest before %(shift)s on %(day)s: shorter than 11 hours, "
        "allowed by the local agreement, so compensating rest is owed."),
    ViolationRule.WEEKLY_REST: N_(
        "%(name)s gets no %(required_hours)s of unbroken rest in the week of %(day)s "
        "(arbeidsmiljøloven § 10-8 (2))."),
    ViolationRule.WEEKLY_REST_ROLLING: N_(
        "%(name)s gets no %(required_hours)s of unbroken rest in the seven days from %(day)s."),
    ViolationRule.SHIFT_TOO_LONG: N_(
        "%(name)s: %(shift)s on %(day)s is longer than the allowed maximum "
        "(arbeidsmiljøloven § 10-5 (2))."),
    ViolationRule.DAY_TOO_LONG: N_(
        "%(name)s works more than the allowed hours in 24 hours from %(day)s."),
    ViolationRule.WEEK_TOO_LONG: N_(
        "%(name)s works more than the allowed hours in the week of %(day)s "
        "(arbeidsmiljøloven § 10-5 (2))."),
    ViolationRule.AVERAGE_WEEK_TOO_LONG: N_(
        "%(name)s works more than 48 hours a week on average from %(day)s "
        "(arbeidsmiljøloven § 10-5 (2))."),
    ViolationRule.HOURS_OUTSIDE_TOLERANCE: N_(
        "%(name)s is planned for %(worked_hours)s against a target of %(target_hours)s."),
    ViolationRule.CONSECUTIVE_DAYS: N_("%(name)s works too many days in a row from %(day)s."),
    ViolationRule.CONSECUTIVE_NIGHTS: N_("%(name)s works too many nights in a row from %(day)s."),
    ViolationRule.NIGHT_WORKER_AVERAGE: N_(
        "%(name)s works more than 8 hours per 24 hours on average as a night worker "
        "(arbeidsmiljøloven § 10-11 (6))."),
    ViolationRule.WEEKEND_FREQUENCY: N_(
        "%(name)s works the weekend of %(day)s too soon after another worked weekend."),
    ViolationRule.SUNDAY_AFTER_SUNDAY: N_(
        "%(name)s works Sundays or holidays in a row around %(day)s "
        "(arbeidsmiljøloven § 10-8 (4))."),
    ViolationRule.STAFFING_MINIMUM: N_("%(shift)s on %(day)s lacks %(missing)s people."),
    ViolationRule.COMPETENCE_MINIMUM: N_(
        "%(shift)s on %(day)s lacks %(missing)s with %(competence)s."),
}


class _Params(dict[str, object]):
    """Template parameters that show «?» for a number the checker did not give."""

    def __missing__(self, key: str) -> object:
        return "?"


def hours_text(minutes: int) -> str:
    """Write minutes as «9 t» or «9 t 15 min» (the Norwegian abbreviations read fine in English)."""
    hours, rest = divmod(abs(int(minutes)), 60)
    sign = "−" if int(minutes) < 0 else ""
    if not hours:
        return f"{sign}{rest} min"
    return f"{sign}{hours} t {rest} min" if rest else f"{sign}{hours} t"


def describe_violation(
    translator: Translator,
    violation: Violation,
    names: Mapping[str, str],
    *,
    today: dt.date | None = None,
) -> str:
    params = _Params(violation.details)
    for key, value in violation.details.items():
        if key.endswith("_minutes") and isinstance(value, int):
            params[key.removesuffix("_minutes") + "_hours"] = hours_text(value)
    params["name"] = names.get(violation.employee_key or "", violation.employee_key or "")
    params["day"] = translator.date(violation.day, today=today) if violation.day else "?"
    params["shift"] = violation.shift_code or "?"
    template = translator.gettext(VIOLATION_TEXTS[violation.rule])
    return template % params

# The solver's rule families, by the codes its explanations use.
SOLVER_RULE_TITLES = {
    "daily_rest": N_("daily rest"),
    "weekly_rest": N_("weekly rest"),
    "rest_after_night_run": N_("rest after nights in a row"),
    "max_work_per_day": N_("hours in 24 hours"),
    "max_week_hours": N_("hours in a week"),
    "max_average_week_hours": N_("average weekly hours"),
    "night_worker_hours": N_("night worker's average hours"),
    "max_consecutive_days": N_("working days in a row"),
    "max_consecutive_nights": N_("nights in a row"),
    "weekend_frequency": N_("weekend frequency"),
    "sunday_rule": N_("Sunday and holiday work in a row"),
    "fixed_days": N_("days that are already decided"),
    "shift_not_allowed": N_("shift the employee may not work"),
    "blocked_day": N_("shift during absence or unavailability"),
    "two_shifts_on_one_day": N_("two shifts on one day"),
}

# Short names of the rules, for counts in a rule-check summary.
RULE_TITLES = {
    ViolationRule.UNKNOWN_EMPLOYEE: N_("unknown employee"),
    ViolationRule.UNKNOWN_SHIFT: N_("unknown shift"),
    ViolationRule.OUTSIDE_PERIOD: N_("shift outside the period"),
    ViolationRule.SHIFT_TIMES_MISMATCH: N_("shift times differ from the unit's"),
    ViolationRule.TWO_SHIFTS_SAME_DAY: N_("two shifts on one day"),
    ViolationRule.OVERLAPPING_SHIFTS: N_("overlapping shifts"),
    ViolationRule.BLOCKED_DAY: N_("shift during absence or unavailability"),
    ViolationRule.NOT_QUALIFIED: N_("shift the employee may not work"),
    ViolationRule.DAILY_REST: N_("daily rest"),
    ViolationRule.DAILY_REST_SHORTENED: N_("shortened daily rest"),
    ViolationRule.WEEKLY_REST: N_("weekly rest"),
    ViolationRule.WEEKLY_REST_ROLLING: N_("weekly rest over seven days"),
    ViolationRule.SHIFT_TOO_LONG: N_("shift length"),
    ViolationRule.DAY_TOO_LONG: N_("hours in 24 hours"),
    ViolationRule.WEEK_TOO_LONG: N_("hours in a week"),
    ViolationRule.AVERAGE_WEEK_TOO_LONG: N_("average weekly hours"),
    ViolationRule.HOURS_OUTSIDE_TOLERANCE: N_("hours against target"),
    ViolationRule.CONSECUTIVE_DAYS: N_("working days in a row"),
    ViolationRule.CONSECUTIVE_NIGHTS: N_("nights in a row"),
    ViolationRule.NIGHT_WORKER_AVERAGE: N_("night worker's average hours"),
    ViolationRule.WEEKEND_FREQUENCY: N_("weekend frequency"),
    ViolationRule.SUNDAY_AFTER_SUNDAY: N_("Sunday and holiday work in a row"),
    ViolationRule.STAFFING_MINIMUM: N_("minimum staffing"),
    ViolationRule.COMPETENCE_MINIMUM: N_("competence minimum"),
}
