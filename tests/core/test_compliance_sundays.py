"""Sunday and public-holiday work: the §10-10 window and the next red day off (§10-8 (4))."""

from __future__ import annotations

import datetime as dt

import pytest

from core.commands import DateRange
from core.compliance import PlannedShift, Violation, ViolationRule
from core.compliance.sundays import EARLIER_ROSTER, red_day_windows
from core.rules import LocalAgreements, RuleSettings, SundayRule
from tests.core.compliance_cast import INGRID, OLA, context, planned, planned_at, violations_of

SUNDAY_RULE = ViolationRule.SUNDAY_AFTER_SUNDAY
# Sundays 17, 24 and 31 January 2027 fall in this period.
JANUARY = DateRange(dt.date(2027, 1, 11), dt.date(2027, 2, 7))
SUNDAY_1 = dt.date(2027, 1, 17)
SUNDAY_2 = dt.date(2027, 1, 24)
SUNDAY_3 = dt.date(2027, 1, 31)


def sunday_violation(
    shift: PlannedShift,
    red_day: dt.date,
    previous: dt.date,
    previous_day: dt.date | None = None,
    *,
    earlier_roster: bool = False,
) -> Violation:
    """Return the breach at `shift`, in the window of `red_day`, after work on `previous_day`.

    `previous` is the first red day of the earlier window. `previous_day`, the day of
    the last shift worked in it, defaults to `previous`.
    """
    details = {
        "red_day": red_day.isoformat(),
        "previous_red_day": previous.isoformat(),
        "previous_day": (previous_day or previous).isoformat(),
    }
    if earlier_roster:
        details["reason"] = EARLIER_ROSTER
    return Violation.for_shift(SUNDAY_RULE, shift, details)


def test_next_sunday_worked_fails() -> None:
    """Work on two Sundays in a row breaks the rule at the second."""
    shifts = [planned(INGRID, SUNDAY_1, "D"), planned(INGRID, SUNDAY_2, "D")]

    actual = violations_of(SUNDAY_RULE, shifts, context(JANUARY))

    assert actual == [sunday_violation(shifts[1], SUNDAY_2, SUNDAY_1)]


def test_every_other_sunday_passes() -> None:
    """A free Sunday between two worked ones satisfies the rule."""
    shifts = [planned(INGRID, SUNDAY_1, "D"), planned(INGRID, SUNDAY_3, "D")]

    assert violations_of(SUNDAY_RULE, shifts, context(JANUARY)) == []


@pytest.mark.parametrize(
    ("first_shift", "expected"),
    [
        pytest.param(
            planned(INGRID, SUNDAY_1 - dt.timedelta(days=1), "A"),
            True,
            id="saturday-evening-after-18-is-sunday-work",
        ),
        pytest.param(
            planned(INGRID, SUNDAY_1 - dt.timedelta(days=1), "D"),
            False,
            id="saturday-day-shift-is-not",
        ),
        pytest.param(planned(INGRID, SUNDAY_1, "N"), False, id="sunday-night-from-22-is-not"),
        pytest.param(
            planned(INGRID, SUNDAY_1 - dt.timedelta(days=1), "N"),
            True,
            id="saturday-night-is-sunday-work",
        ),
    ],
)
def test_sunday_window_decides_sunday_work(first_shift: PlannedShift, expected: bool) -> None:
    """Sunday work is work between Saturday 18:00 and Sunday 22:00 (AML §10-10 (1))."""
    second = planned(INGRID, SUNDAY_2, "D")

    actual = violations_of(SUNDAY_RULE, [first_shift, second], context(JANUARY))

    expected_violations = [sunday_violation(second, SUNDAY_2, SUNDAY_1, first_shift.day)]
    assert actual == (expected_violations if expected else [])


def test_holiday_after_worked_sunday_fails() -> None:
    """Ascension Day (Thursday 6 May 2027) after a worked 1–2 May weekend must be off."""
    period = DateRange(dt.date(2027, 4, 26), dt.date(2027, 5, 9))
    shifts = [planned(INGRID, dt.date(2027, 5, 2), "D"), planned(INGRID, dt.date(2027, 5, 6), "D")]

    actual = violations_of(SUNDAY_RULE, shifts, context(period))

    assert actual == [
        sunday_violation(shifts[1], dt.date(2027, 5, 6), dt.date(2027, 5, 1), dt.date(2027, 5, 2))
    ]


@pytest.mark.parametrize(
    ("saturday_shift", "expected"),
    [
        pytest.param(
            ("2027-03-27T15:00", "2027-03-27T22:30"), True, id="evening-from-15-is-easter-work"
        ),
        pytest.param(("2027-03-27T07:00", "2027-03-27T15:00"), False, id="day-until-15-is-not"),
    ],
)
def test_easter_eve_window_starts_at_15(saturday_shift: tuple[str, str], expected: bool) -> None:
    """On påskeaften the window opens at 15:00; Good Friday worked means Easter must be off."""
    period = DateRange(dt.date(2027, 3, 22), dt.date(2027, 4, 4))
    good_friday = planned(INGRID, dt.date(2027, 3, 26), "D")
    easter_eve = planned_at(INGRID, "A", *saturday_shift)

    actual = violations_of(SUNDAY_RULE, [good_friday, easter_eve], context(period))

    expected_violations = [
        sunday_violation(easter_eve, dt.date(2027, 3, 28), dt.date(2027, 3, 25), good_friday.day)
    ]
    assert actual == (expected_violations if expected else [])


def test_high_day_window_starts_at_22() -> None:
    """1 May 2026 is a Friday: a Thursday night shift from 22:00 is work on the high day."""
    period = DateRange(dt.date(2026, 4, 20), dt.date(2026, 5, 3))
    shifts = [
        planned(INGRID, dt.date(2026, 4, 26), "D"),
        planned(INGRID, dt.date(2026, 4, 30), "N"),
    ]

    actual = violations_of(SUNDAY_RULE, shifts, context(period))

    assert actual == [sunday_violation(shifts[1], dt.date(2026, 5, 1), dt.date(2026, 4, 26))]


def test_worked_sunday_in_history_counts() -> None:
    """The Sunday before the period, from the history, makes the first Sunday too soon."""
    history = [planned(INGRID, dt.date(2027, 1, 10), "D")]
    shifts = [planned(INGRID, SUNDAY_1, "D")]

    actual = violations_of(SUNDAY_RULE, shifts, context(JANUARY, history=history))

    assert actual == [
        sunday_violation(shifts[0], SUNDAY_1, dt.date(2027, 1, 10), earlier_roster=True)
    ]


def test_red_day_windows_join_back_to_back_holidays() -> None:
    """Christmas 2027: 25–26 December form one window from 15:00 on Christmas Eve."""
    windows = red_day_windows(DateRange(dt.date(2027, 12, 20), dt.date(2027, 12, 31)))

    actual = [(window.first_day, window.last_day, window.start, window.end) for window in windows]

    assert actual == [
        (
            dt.date(2027, 12, 25),
            dt.date(2027, 12, 26),
            dt.datetime(2027, 12, 24, 15),
            dt.datetime(2027, 12, 26, 22),
        )
    ]


# Easter 2027: skjærtorsdag and langfredag 25–26 March form one window, 1. and
# 2. påskedag 28–29 March the next. Week 12 ends on Easter Sunday, week 13 starts
# on 2. påskedag, so the Easter window crosses the seam between the two rosters.
WEEK_12 = DateRange(dt.date(2027, 3, 22), dt.date(2027, 3, 28))
WEEK_13 = DateRange(dt.date(2027, 3, 29), dt.date(2027, 4, 4))
MAUNDY_THURSDAY = dt.date(2027, 3, 25)
GOOD_FRIDAY = dt.date(2027, 3, 26)
EASTER_SUNDAY = dt.date(2027, 3, 28)
EASTER_MONDAY = dt.date(2027, 3, 29)


def test_easter_monday_after_published_good_friday() -> None:
    """A draft's 2. påskedag after langfredag in the roster before names both real days."""
    history = [planned(OLA, MAUNDY_THURSDAY, "A"), planned(OLA, GOOD_FRIDAY, "A")]
    easter_monday = planned(OLA, EASTER_MONDAY, "D")

    actual = violations_of(SUNDAY_RULE, [easter_monday], context(WEEK_13, history=history))

    assert actual == [
        sunday_violation(
            easter_monday, EASTER_SUNDAY, MAUNDY_THURSDAY, GOOD_FRIDAY, earlier_roster=True
        )
    ]


def test_breach_in_published_days_is_not_the_drafts() -> None:
    """Easter Sunday after langfredag, both published, is not blamed on the next draft."""
    history = [planned(OLA, GOOD_FRIDAY, "A"), planned(OLA, EASTER_SUNDAY, "D")]
    easter_monday = planned(OLA, EASTER_MONDAY, "D")

    actual = violations_of(SUNDAY_RULE, [easter_monday], context(WEEK_13, history=history))

    assert actual == []


SEAM_CASES = [
    pytest.param([(GOOD_FRIDAY, "A"), (EASTER_MONDAY, "D")], id="good-friday-then-easter-monday"),
    pytest.param([(GOOD_FRIDAY, "A"), (EASTER_SUNDAY, "D")], id="good-friday-then-easter-sunday"),
    pytest.param(
        [(MAUNDY_THURSDAY, "D"), (EASTER_SUNDAY, "D"), (EASTER_MONDAY, "D")],
        id="both-easter-days-after-maundy-thursday",
    ),
    pytest.param([(dt.date(2027, 3, 27), "A"), (dt.date(2027, 4, 4), "D")], id="easter-eve-15"),
    pytest.param([(EASTER_MONDAY, "D"), (dt.date(2027, 4, 4), "D")], id="easter-then-sunday"),
    pytest.param([(dt.date(2027, 3, 21), "D"), (GOOD_FRIDAY, "D")], id="sunday-then-holiday"),
]


@pytest.mark.parametrize("worked", SEAM_CASES)
def test_seam_between_rosters_keeps_the_verdict(worked: list[tuple[dt.date, str]]) -> None:
    """Checking week 12 and then week 13 finds the breaches that both weeks at once find."""
    shifts = [planned(OLA, day, code) for day, code in worked]
    before = [shift for shift in shifts if shift.day < WEEK_12.start]
    week_12 = [shift for shift in shifts if shift.day in WEEK_12]
    week_13 = [shift for shift in shifts if shift.day in WEEK_13]
    both_weeks = DateRange(WEEK_12.start, WEEK_13.end)

    separately = [
        *violations_of(SUNDAY_RULE, week_12, context(WEEK_12, history=before)),
        *violations_of(SUNDAY_RULE, week_13, context(WEEK_13, history=before + week_12)),
    ]
    together = violations_of(SUNDAY_RULE, week_12 + week_13, context(both_weeks, history=before))

    assert [(v.employee_key, v.day, v.shift_code) for v in separately] == [
        (v.employee_key, v.day, v.shift_code) for v in together
    ]
    assert len(together) == 1


AVERAGE_RULE = ViolationRule.SUNDAY_AVERAGE
AVERAGED = RuleSettings(
    sunday_rule=SundayRule.AVERAGED, agreements=LocalAgreements(sunday_averaging=True)
)
SUNDAY_4 = dt.date(2027, 2, 7)


def test_averaged_allows_sundays_in_a_row() -> None:
    """Under the averaging agreement two Sundays in a row are fine when half are off."""
    shifts = [planned(INGRID, SUNDAY_1, "D"), planned(INGRID, SUNDAY_2, "D")]
    checked = context(JANUARY, rules=AVERAGED)

    assert violations_of(SUNDAY_RULE, shifts, checked) == []
    assert violations_of(AVERAGE_RULE, shifts, checked) == []


def test_averaged_more_than_half_fails() -> None:
    """Three of the period's four Sundays worked is more than every other one."""
    shifts = [planned(INGRID, day, "D") for day in (SUNDAY_1, SUNDAY_2, SUNDAY_4)]

    actual = violations_of(AVERAGE_RULE, shifts, context(JANUARY, rules=AVERAGED))

    details = {
        "worked_count": 3,
        "red_day_count": 4,
        "maximum": 2,
        "first_day": SUNDAY_1.isoformat(),
        "last_day": SUNDAY_4.isoformat(),
        "worked_days": f"{SUNDAY_1},{SUNDAY_2},{SUNDAY_4}",
    }
    assert actual == [Violation.for_employee(AVERAGE_RULE, INGRID, SUNDAY_1, details)]


def test_averaged_counts_the_seam_run_once() -> None:
    """Easter across the seam counts in week 13 with its published work, and only there."""
    week_12 = [planned(OLA, dt.date(2027, 3, 21), "D"), planned(OLA, EASTER_SUNDAY, "D")]
    week_13 = [planned(OLA, dt.date(2027, 4, 4), "D")]

    in_week_12 = violations_of(AVERAGE_RULE, week_12, context(WEEK_12, rules=AVERAGED))
    in_week_13 = violations_of(
        AVERAGE_RULE, week_13, context(WEEK_13, rules=AVERAGED, history=week_12)
    )

    assert in_week_12 == []
    assert [(v.day, v.details["worked_days"]) for v in in_week_13] == [
        (EASTER_SUNDAY, f"{EASTER_SUNDAY},2027-04-04")
    ]


def test_averaged_breach_in_history_only_is_not_reported() -> None:
    """Published Easter work alone does not make the next draft break the average."""
    history = [planned(OLA, EASTER_SUNDAY, "D")]
    shifts = [planned(OLA, dt.date(2027, 3, 30), "D")]

    actual = violations_of(AVERAGE_RULE, shifts, context(WEEK_13, rules=AVERAGED, history=history))

    assert actual == []


RED_DAY_REST_RULE = ViolationRule.RED_DAY_REST
AGREED_28_HOURS = RuleSettings(
    min_weekly_rest_minutes=28 * 60,
    sunday_rule=SundayRule.AVERAGED,
    agreements=LocalAgreements(sunday_averaging=True, shorter_weekly_rest=True),
)
# ISO weeks 52 and 53 of 2026 and weeks 1 and 2 of 2027: 1. and 2. juledag (Friday 25
# and Saturday 26 December) and 1. nyttårsdag (Friday 1 January) besides the Sundays.
CHRISTMAS = DateRange(dt.date(2026, 12, 21), dt.date(2027, 1, 17))
CHRISTMAS_SUNDAYS = [dt.date(2026, 12, 27), dt.date(2027, 1, 3), dt.date(2027, 1, 10), SUNDAY_1]


def sunday_nights(days: list[dt.date]) -> list[PlannedShift]:
    """Return a night from 22:00 on each day: no Sunday work, but no rest over the whole day."""
    return [planned(INGRID, day, "N") for day in days]


def red_day_rest_violation(
    first_monday: dt.date, weeks: tuple[int, int], week_count: int, required_hours: int = 35
) -> Violation:
    details: dict[str, int | str] = {
        "first_iso_week": weeks[0],
        "last_iso_week": weeks[1],
        "week_count": week_count,
        "last_day": (first_monday + dt.timedelta(weeks=week_count, days=-1)).isoformat(),
        "required_minutes": required_hours * 60,
    }
    return Violation.for_employee(RED_DAY_REST_RULE, INGRID, first_monday, details)


def test_four_unrested_weeks_fail() -> None:
    """A night from every Sunday 22:00 of weeks 2–5 leaves no rest over a whole Sunday."""
    shifts = sunday_nights([SUNDAY_1, SUNDAY_2, SUNDAY_3, SUNDAY_4])

    actual = violations_of(RED_DAY_REST_RULE, shifts, context(JANUARY, rules=AVERAGED))

    assert actual == [red_day_rest_violation(JANUARY.start, (2, 5), 4)]


def test_rested_fourth_sunday_passes() -> None:
    """A day shift to Saturday 15:00 and one from Monday 07:00 leave 40 hours over Sunday."""
    shifts = sunday_nights([SUNDAY_1, SUNDAY_2, SUNDAY_3])
    shifts += [planned(INGRID, dt.date(2027, 2, 6), "D"), planned(INGRID, dt.date(2027, 2, 8), "D")]
    longer = DateRange(JANUARY.start, dt.date(2027, 2, 14))

    assert violations_of(RED_DAY_REST_RULE, shifts, context(longer, rules=AVERAGED)) == []


@pytest.mark.parametrize(
    ("rules", "expected_count"),
    [pytest.param(AVERAGED, 1, id="35h"), pytest.param(AGREED_28_HOURS, 0, id="28h-agreed")],
)
def test_red_day_rest_weekly_length(rules: RuleSettings, expected_count: int) -> None:
    """An evening to Saturday 22:30 and a day from Monday 07:00 leave 32.5 hours over Sunday."""
    shifts = sunday_nights([SUNDAY_1, SUNDAY_2, SUNDAY_3])
    shifts += [planned(INGRID, dt.date(2027, 2, 6), "A"), planned(INGRID, dt.date(2027, 2, 8), "D")]
    longer = DateRange(JANUARY.start, dt.date(2027, 2, 14))

    actual = violations_of(RED_DAY_REST_RULE, shifts, context(longer, rules=rules))

    assert len(actual) == expected_count


def test_unrested_weeks_one_violation() -> None:
    """Six weeks in a row without a rested Sunday are one breach that names weeks 2–7."""
    sundays = [SUNDAY_1 + dt.timedelta(weeks=week) for week in range(6)]
    six_weeks = DateRange(JANUARY.start, sundays[-1])

    actual = violations_of(
        RED_DAY_REST_RULE, sunday_nights(sundays), context(six_weeks, rules=AVERAGED)
    )

    assert actual == [red_day_rest_violation(JANUARY.start, (2, 7), 6)]


@pytest.mark.parametrize(
    ("holidays_worked", "expected"),
    [
        pytest.param(
            [dt.date(2026, 12, 25), dt.date(2026, 12, 26), dt.date(2027, 1, 1)],
            [red_day_rest_violation(CHRISTMAS.start, (52, 2), 4)],
            id="holidays-worked",
        ),
        pytest.param([dt.date(2026, 12, 25), dt.date(2026, 12, 26)], [], id="new-year-rested"),
    ],
)
def test_rested_holiday_counts(holidays_worked: list[dt.date], expected: list[Violation]) -> None:
    """A rest over 1. nyttårsdag, a Friday, is the red-day rest of ISO week 53."""
    shifts = [planned(INGRID, day, "D") for day in holidays_worked]
    shifts += sunday_nights(CHRISTMAS_SUNDAYS)
    shifts.sort(key=lambda shift: shift.start)

    actual = violations_of(RED_DAY_REST_RULE, shifts, context(CHRISTMAS, rules=AVERAGED))

    assert actual == expected


def test_partial_weeks_not_checked() -> None:
    """A period from a Wednesday has three whole weeks, too few for the rule."""
    from_wednesday = DateRange(dt.date(2027, 1, 13), SUNDAY_4)
    shifts = sunday_nights([SUNDAY_1, SUNDAY_2, SUNDAY_3, SUNDAY_4])

    assert violations_of(RED_DAY_REST_RULE, shifts, context(from_wednesday, rules=AVERAGED)) == []


def test_next_off_skips_red_day_rest() -> None:
    """Without the averaging agreement, four weeks without a rested Sunday are no breach."""
    shifts = sunday_nights([SUNDAY_1, SUNDAY_2, SUNDAY_3, SUNDAY_4])

    assert violations_of(RED_DAY_REST_RULE, shifts, context(JANUARY)) == []
