"""Rule violations written out in the user's language."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from core.compliance.assignments import ABSENT_NEXT_DAY, UNAVAILABLE_NEXT_DAY
from core.compliance.model import (
    BlockReason,
    Severity,
    ShiftRestriction,
    Violation,
    ViolationRule,
)
from core.compliance.sundays import EARLIER_ROSTER
from core.i18n import N_, Translator

VIOLATION_TEXTS = {
    ViolationRule.UNKNOWN_EMPLOYEE: N_("%(name)s is not on the unit's staff list."),
    ViolationRule.UNKNOWN_SHIFT: N_("%(shift)s on %(day)s is not a shift of the unit."),
    ViolationRule.OUTSIDE_PERIOD: N_(
        "%(name)s has %(shift)s on %(day)s, outside the roster period %(period_start)s to "
        "%(period_end)s."
    ),
    ViolationRule.SHIFT_TIMES_MISMATCH: N_(
        "%(name)s: %(shift)s on %(day)s is planned %(planned_start)s–%(planned_end)s, but the "
        "unit's %(shift)s is %(expected_start)s–%(expected_end)s. The rules are checked with "
        "the planned times."
    ),
    ViolationRule.TWO_SHIFTS_SAME_DAY: N_(
        "%(name)s has %(shift_count)s shifts on %(day)s (%(shift_codes)s), but may have only "
        "one shift a day."
    ),
    ViolationRule.OVERLAPPING_SHIFTS: N_(
        "%(name)s has %(previous_shift)s on %(previous_day)s and %(shift)s on %(day)s, which "
        "overlap by %(overlap_hours)s."
    ),
    ViolationRule.BLOCKED_DAY: N_(
        "%(name)s is absent or unavailable on %(day)s but has %(shift)s."
    ),
    ViolationRule.NOT_QUALIFIED: N_(
        "%(name)s may not work %(shift)s (on %(day)s). Allowed shifts: %(allowed_shift_codes)s."
    ),
    ViolationRule.DAILY_REST: N_(
        "%(name)s gets only %(rest_hours)s of rest before %(shift)s on %(day)s; the law requires "
        "%(required_hours)s (arbeidsmiljøloven § 10-8 (1))."
    ),
    ViolationRule.DAILY_REST_SHORTENED: N_(
        "%(name)s gets %(rest_hours)s of rest before %(shift)s on %(day)s: shorter than 11 hours, "
        "allowed by the local agreement, so compensating rest is owed."
    ),
    ViolationRule.WEEKLY_REST: N_(
        "%(name)s gets at most %(longest_rest_hours)s of unbroken rest in week %(iso_week)s "
        "(from %(day)s); the law requires %(required_hours)s (arbeidsmiljøloven § 10-8 (2))."
    ),
    ViolationRule.WEEKLY_REST_ROLLING: N_(
        "%(name)s gets at most %(longest_rest_hours)s of unbroken rest in the seven days from "
        "%(day)s; the unit requires %(required_hours)s (arbeidsmiljøloven § 10-8 (2))."
    ),
    ViolationRule.SHIFT_TOO_LONG: N_(
        "%(name)s: %(shift)s on %(day)s has %(worked_hours)s of work, more than the maximum "
        "%(maximum_hours)s (arbeidsmiljøloven § 10-5 (2))."
    ),
    ViolationRule.DAY_TOO_LONG: N_(
        "%(name)s works %(worked_hours)s in the 24 hours from the start of %(shift)s on "
        "%(day)s, more than the maximum %(maximum_hours)s (arbeidsmiljøloven § 10-5 (2))."
    ),
    ViolationRule.WEEK_TOO_LONG: N_(
        "%(name)s works %(worked_hours)s in week %(iso_week)s (from %(day)s), more than the "
        "maximum %(maximum_hours)s (arbeidsmiljøloven § 10-5 (2))."
    ),
    ViolationRule.AVERAGE_WEEK_TOO_LONG: N_(
        "%(name)s works %(average_hours)s a week on average from %(day)s to %(window_end)s, "
        "more than the maximum %(maximum_hours)s (arbeidsmiljøloven § 10-5 (2))."
    ),
    ViolationRule.HOURS_OUTSIDE_TOLERANCE: N_(
        "%(name)s is planned for %(worked_hours)s against a target of %(target_hours)s; the "
        "unit allows a difference of at most %(tolerance_hours)s."
    ),
    ViolationRule.CONSECUTIVE_DAYS: N_(
        "%(name)s works %(run_days)s days in a row from %(first_day)s to %(last_day)s; the "
        "unit allows at most %(maximum)s."
    ),
    ViolationRule.CONSECUTIVE_NIGHTS: N_(
        "%(name)s works %(run_days)s nights in a row from %(first_day)s to %(last_day)s; the "
        "unit allows at most %(maximum)s."
    ),
    ViolationRule.NIGHT_WORKER_AVERAGE: N_(
        "%(name)s works %(average_day_hours)s per 24 hours on average from %(day)s to "
        "%(window_end)s as a night worker, more than the maximum %(maximum_hours)s "
        "(arbeidsmiljøloven § 10-11 (6))."
    ),
    ViolationRule.WEEKEND_FREQUENCY: N_(
        "%(name)s works %(day)s but also worked the weekend of %(previous_weekend)s; at most one "
        "weekend in %(weekend_frequency)s may be worked."
    ),
    ViolationRule.SUNDAY_AFTER_SUNDAY: N_(
        "%(name)s works %(shift)s on %(day)s after working on %(previous_day)s. Both are "
        "Sunday or public holiday work (arbeidsmiljøloven § 10-10), and who works a Sunday or "
        "public holiday must be off on the next one (arbeidsmiljøloven § 10-8 (4))."
    ),
    ViolationRule.SUNDAY_AVERAGE: N_(
        "%(name)s works %(worked_count)s of the %(red_day_count)s Sundays and public holidays "
        "from %(first_day)s to %(last_day)s (back-to-back ones count as one): %(worked_days)s. "
        "The local agreement allows work on every other one on average, so at most "
        "%(maximum)s (arbeidsmiljøloven § 10-8 (4))."
    ),
    ViolationRule.RED_DAY_REST: N_(
        "%(name)s has no unbroken rest of at least %(required_hours)s over a whole Sunday or "
        "public holiday in weeks %(first_iso_week)s–%(last_iso_week)s (%(day)s to "
        "%(last_day)s). The local agreement to have every other Sunday and public holiday off "
        "on average requires such a weekly rest at least every fourth week "
        "(arbeidsmiljøloven § 10-8 (4))."
    ),
    ViolationRule.STAFFING_MINIMUM: N_(
        "%(shift)s on %(day)s has %(staffed)s people on duty, but needs at least %(minimum)s."
    ),
    ViolationRule.COMPETENCE_MINIMUM: N_(
        "%(shift)s on %(day)s has %(staffed)s with %(competence)s, but needs at least %(minimum)s."
    ),
}

# Texts that name the cause, chosen by a detail of the violation or by its severity.
VARIANT_TEXTS = {
    (ViolationRule.NOT_QUALIFIED, str(ShiftRestriction.NIGHT_ONLY)): N_(
        "%(name)s works nights only and may not work %(shift)s (on %(day)s). Allowed shifts: "
        "%(allowed_shift_codes)s."
    ),
    (ViolationRule.BLOCKED_DAY, str(BlockReason.ABSENCE)): N_(
        "%(name)s is registered as absent on %(day)s but has %(shift)s."
    ),
    (ViolationRule.BLOCKED_DAY, str(BlockReason.UNAVAILABILITY)): N_(
        "%(name)s has said they cannot work on %(day)s but has %(shift)s."
    ),
    (ViolationRule.BLOCKED_DAY, UNAVAILABLE_NEXT_DAY): N_(
        "%(name)s has said they cannot work on %(blocked_day)s, but %(shift)s from %(day)s "
        "lasts into that day."
    ),
    (ViolationRule.BLOCKED_DAY, ABSENT_NEXT_DAY): N_(
        "%(name)s is registered as absent on %(blocked_day)s, but %(shift)s from %(day)s "
        "lasts into that day."
    ),
    (ViolationRule.SUNDAY_AFTER_SUNDAY, EARLIER_ROSTER): N_(
        "%(name)s works %(shift)s on %(day)s after working on %(previous_day)s in the roster "
        "before this one. Both are Sunday or public holiday work (arbeidsmiljøloven § 10-10), "
        "and who works a Sunday or public holiday must be off on the next one "
        "(arbeidsmiljøloven § 10-8 (4))."
    ),
    (ViolationRule.WEEKLY_REST_ROLLING, str(Severity.WARNING)): N_(
        "%(name)s gets at most %(longest_rest_hours)s of unbroken rest in the seven days from "
        "%(day)s. The unit counts the %(required_hours)s of weekly rest per calendar week, so "
        "this is only a warning."
    ),
}

# Texts for the reader's own violations, in the second person, by the keys of
# VARIANT_TEXTS or by rule. A violation without one here uses the text with the name.
OWN_TEXTS: dict[object, str] = {
    ViolationRule.BLOCKED_DAY: N_("You are absent or unavailable on %(day)s but have %(shift)s."),
    (ViolationRule.BLOCKED_DAY, str(BlockReason.ABSENCE)): N_(
        "You are registered as absent on %(day)s but have %(shift)s."
    ),
    (ViolationRule.BLOCKED_DAY, str(BlockReason.UNAVAILABILITY)): N_(
        "You have said you cannot work on %(day)s but have %(shift)s."
    ),
    (ViolationRule.BLOCKED_DAY, UNAVAILABLE_NEXT_DAY): N_(
        "You have said you cannot work on %(blocked_day)s, but %(shift)s from %(day)s lasts "
        "into that day."
    ),
    (ViolationRule.BLOCKED_DAY, ABSENT_NEXT_DAY): N_(
        "You are registered as absent on %(blocked_day)s, but %(shift)s from %(day)s lasts "
        "into that day."
    ),
    ViolationRule.DAILY_REST: N_(
        "You would get only %(rest_hours)s of rest before %(shift)s on %(day)s; the law requires "
        "%(required_hours)s (arbeidsmiljøloven § 10-8 (1))."
    ),
}

# Details that contain an ISO date or an ISO wall-clock time, written out for the reader.
DATE_DETAILS = (
    "blocked_day",
    "first_day",
    "last_day",
    "previous_day",
    "period_start",
    "period_end",
    "window_end",
    "previous_weekend",
    "red_day",
    "previous_red_day",
)
TIME_DETAILS = ("planned_start", "planned_end", "expected_start", "expected_end")
# Details that contain ISO dates separated by commas, written out as a list.
DATE_LIST_DETAILS = ("worked_days",)


class _Params(dict[str, object]):
    """Template parameters that show «?» for a number the checker did not give."""

    def __missing__(self, key: str) -> object:
        return "?"


def hours_text(minutes: int, translator: Translator) -> str:
    """Write minutes as «9 t», «9 t 15 min» or «2 100 t», with the hours grouped by `translator`.

    The Norwegian abbreviations t and min read fine in English too.
    """
    hours, rest = divmod(abs(int(minutes)), 60)
    sign = "−" if int(minutes) < 0 else ""
    if not hours and not rest:
        return "0 t"
    if not hours:
        return f"{sign}{rest} min"
    whole_hours = f"{sign}{translator.number(hours)} t"
    return f"{whole_hours} {rest} min" if rest else whole_hours


def describe_violation(
    translator: Translator,
    violation: Violation,
    names: Mapping[str, str],
    *,
    today: dt.date | None = None,
    reader_key: str | None = None,
) -> str:
    """Write out `violation`; one of the reader's own, by `reader_key`, is in the second person."""
    params = _Params(violation.details)
    for key, value in violation.details.items():
        if key.endswith("_minutes") and isinstance(value, int):
            params[key.removesuffix("_minutes") + "_hours"] = hours_text(value, translator)
        elif key in DATE_DETAILS and isinstance(value, str):
            params[key] = translator.date(dt.date.fromisoformat(value), today=today)
        elif key in TIME_DETAILS and isinstance(value, str):
            params[key] = dt.datetime.fromisoformat(value).strftime("%H:%M")
        elif key in DATE_LIST_DETAILS and isinstance(value, str):
            days = [dt.date.fromisoformat(day) for day in value.split(",")]
            params[key] = translator.join([translator.date(day, today=today) for day in days])
    for key in ("shift_codes", "allowed_shift_codes"):
        if key in violation.details:
            params[key] = ", ".join(str(violation.details[key]).split(","))
    params["name"] = names.get(violation.employee_key or "", violation.employee_key or "")
    params["day"] = translator.date(violation.day, today=today) if violation.day else "?"
    params["shift"] = violation.shift_code or "?"
    own = reader_key is not None and violation.employee_key == reader_key
    template = (_own_template(violation) if own else None) or _template(violation)
    return translator.gettext(template) % params


def _own_template(violation: Violation) -> str | None:
    """Return the second-person message of the violation's cause or rule, or None."""
    for variant in _variants(violation):
        text = OWN_TEXTS.get((violation.rule, variant))
        if text is not None:
            return text
    return OWN_TEXTS.get(violation.rule)


def _variants(violation: Violation) -> list[str]:
    return [
        str(violation.details.get("restriction")),
        str(violation.details.get("reason")),
        str(violation.severity),
    ]


def _template(violation: Violation) -> str:
    """Return the message of the violation's cause, or its rule's general message."""
    for variant in (
        violation.details.get("restriction"),
        violation.details.get("reason"),
        str(violation.severity),
    ):
        text = VARIANT_TEXTS.get((violation.rule, str(variant)))
        if text is not None:
            return text
    return VIOLATION_TEXTS[violation.rule]


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
    # Both variants of AML § 10-8 (4): the next one off, or half of them off on average.
    "sunday_rule": N_("Sunday and holiday work"),
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
    ViolationRule.SUNDAY_AVERAGE: N_("Sundays and holidays worked on average"),
    ViolationRule.RED_DAY_REST: N_("weekly rest on a Sunday or holiday"),
    ViolationRule.STAFFING_MINIMUM: N_("minimum staffing"),
    ViolationRule.COMPETENCE_MINIMUM: N_("competence minimum"),
}
