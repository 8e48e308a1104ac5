"""Specification of the rule families beyond the first slice, one tiny ward each."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable

import pytest

from core.rules import (
    LocalAgreements,
    RuleAgreementError,
    RuleSettings,
    SundayRule,
    WeeklyRestWindow,
)
from solver import (
    AssignedShift,
    BlockedDay,
    FixedShift,
    HistoryShift,
    ShiftSpec,
    SolverResult,
    broken_rules,
    solve,
)
from tests.solver.problem_builders import SHIFTS, demand, person, problem

WEDNESDAY = dt.date(2026, 3, 4)
EASTER_WEEK_MONDAY = dt.date(2027, 3, 22)


def worked_days(result: SolverResult, token: str = "P1") -> list[int]:
    return sorted(shift.day for shift in result.assignments if shift.token == token)


def penalty_names(result: SolverResult) -> set[str]:
    return {penalty.name for penalty in result.penalties}


def loose(**changes: object) -> RuleSettings:
    return dataclasses.replace(RuleSettings(hours_tolerance_minutes=100_000), **changes)  # type: ignore[arg-type]


def averaged_sundays() -> RuleSettings:
    """Return loose rules with a written agreement to average Sundays (AML §10-8 (4))."""
    return loose(
        sunday_rule=SundayRule.AVERAGED,
        agreements=LocalAgreements(sunday_averaging=True, reference="Lokal avtale 4"),
    )


def test_sunday_then_holiday_is_not_both_worked() -> None:
    """Work on Sunday (day 6) means the holiday on Thursday (day 10) is off."""
    ward = problem(
        [person("P1")],
        [demand(6, "D"), demand(10, "D")],
        days=14,
        public_holidays=frozenset({10}),
    )

    result = solve(ward, time_limit_seconds=5)

    assert len(worked_days(result)) == 1
    assert len(result.gaps) == 1


def test_averaged_sunday_rule_allows_both() -> None:
    """Under an averaging agreement, half of the red days rounded up may be worked."""
    rules = loose(
        sunday_rule=SundayRule.AVERAGED,
        agreements=LocalAgreements(sunday_averaging=True, reference="Lokal avtale 4"),
    )
    ward = problem(
        [person("P1")],
        [demand(6, "D"), demand(10, "D")],
        days=14,
        rules=rules,
        public_holidays=frozenset({10}),
    )

    result = solve(ward, time_limit_seconds=5)

    assert worked_days(result) == [6, 10]


def test_saturday_evening_counts_as_sunday_work() -> None:
    """An evening on Saturday overlaps the window from 18:00, so the next Sunday is off."""
    ward = problem(
        [person("P1")],
        [demand(5, "A"), demand(10, "D")],
        days=14,
        public_holidays=frozenset({10}),
    )

    result = solve(ward, time_limit_seconds=5)

    assert len(worked_days(result)) == 1


def test_history_holiday_keeps_next_off() -> None:
    """A holiday worked in the history (day -3) means the holiday on day 0 is off."""
    ward = problem(
        [person("P1")],
        [demand(0, "D")],
        days=7,
        public_holidays=frozenset({-3, 0}),
        history=(HistoryShift("P1", -3, "D"),),
    )

    result = solve(ward, time_limit_seconds=5)

    assert worked_days(result) == []
    assert len(result.gaps) == 1


def test_easter_eve_afternoon_counts_as_sunday_work() -> None:
    """On påskeaften the window opens at 15:00, so a shift until 17:00 follows langfredag."""
    mid_shift = ShiftSpec("M", "D", 9 * 60, 8 * 60, 8 * 60, 0)
    # ISO week 12 of 2027: skjærtorsdag, langfredag, 1. and 2. påskedag are days 3, 4, 6, 7.
    ward = dataclasses.replace(
        problem(
            [person("P1", codes={"D", "M"})],
            [],
            days=7,
            start_date=EASTER_WEEK_MONDAY,
            public_holidays=frozenset({3, 4, 6, 7}),
            afternoon_eve_days=frozenset({6}),
        ),
        shifts=(*SHIFTS, mid_shift),
        demands=(demand(4, "D"), demand(5, "M")),
    )

    result = solve(ward, time_limit_seconds=5)

    assert len(worked_days(result)) == 1
    assert len(result.gaps) == 1


@pytest.mark.parametrize(
    ("afternoon_eve_days", "expected_count"),
    [
        pytest.param(frozenset(), 2, id="eve-opens-at-18"),
        pytest.param(frozenset({12}), 1, id="eve-listed-opens-at-15"),
    ],
)
def test_eve_times_come_from_the_problem(
    afternoon_eve_days: frozenset[int], expected_count: int
) -> None:
    """A made-up holiday on 25 December opens at 15:00 on the eve only if the problem lists it.

    The shift of 09:00–17:00 on Friday 24 December (day 11) follows Sunday's work (day 6)
    in the window of the holiday on day 12 only when that window opens at 15:00.
    """
    mid_shift = ShiftSpec("M", "D", 9 * 60, 8 * 60, 8 * 60, 0)
    ward = dataclasses.replace(
        problem(
            [person("P1", codes={"D", "M"})],
            [],
            days=14,
            start_date=dt.date(2027, 12, 13),
            public_holidays=frozenset({12}),
            afternoon_eve_days=afternoon_eve_days,
        ),
        shifts=(*SHIFTS, mid_shift),
        demands=(demand(6, "D"), demand(11, "M")),
    )

    result = solve(ward, time_limit_seconds=5)

    assert len(worked_days(result)) == expected_count
    assert len(result.gaps) == 2 - expected_count


def test_averaged_cap_counts_red_days_spent_away() -> None:
    """Four Sundays allow two worked, even when two of them are blocked."""
    ward = problem(
        [person("P1")],
        [demand(6, "D"), demand(27, "D")],
        days=28,
        rules=averaged_sundays(),
        blocked=tuple(BlockedDay("P1", day) for day in (12, 13, 19, 20)),
    )

    result = solve(ward, time_limit_seconds=5)

    assert worked_days(result) == [6, 27]


def test_averaged_cap_counts_history_at_the_seam() -> None:
    """A Sunday worked before a holiday on day 0 is one of the two of four red runs allowed."""
    ward = problem(
        [person("P1")],
        [demand(6, "D"), demand(13, "D"), demand(20, "D")],
        days=21,
        rules=averaged_sundays(),
        public_holidays=frozenset({0}),
        history=(HistoryShift("P1", -1, "D"),),
    )

    result = solve(ward, time_limit_seconds=5)

    assert len(worked_days(result)) == 1
    assert len(result.gaps) == 2


def sunday_nights(weeks: Iterable[int]) -> list[AssignedShift]:
    """Return a night from 22:00 on the Sunday of each week (week 0 starts on day 0).

    The §10-10 window closes at 22:00, so such a night is no Sunday work, but it
    breaks every rest that would cover the Sunday from 00:00 to 24:00.
    """
    return [AssignedShift("P1", 7 * week + 6, "N") for week in weeks]


def sunday_rule_broken(assignments: list[AssignedShift], rules: RuleSettings, days: int) -> bool:
    ward = problem([person("P1")], [], days=days, rules=rules)
    return "sunday_rule" in broken_rules(ward, assignments)


@pytest.mark.parametrize(
    ("night_weeks", "expected"),
    [
        pytest.param(range(4), True, id="four-weeks-without"),
        pytest.param(range(3), False, id="fourth-sunday-rested"),
        pytest.param((0, 1, 2, 4, 5, 6), False, id="every-fourth-rested"),
        pytest.param((0, 1, 2, 3, 5, 6), True, id="weeks-0-3-without"),
        pytest.param((1, 2, 3, 4, 6), True, id="weeks-1-4-without"),
    ],
)
def test_averaged_needs_a_rested_sunday_in_four_weeks(
    night_weeks: Iterable[int], expected: bool
) -> None:
    """Under averaging, every four weeks in a row have a weekly rest over a whole Sunday."""
    assignments = sunday_nights(night_weeks)

    assert sunday_rule_broken(assignments, averaged_sundays(), days=56) is expected


def test_next_sunday_off_needs_no_rested_sunday() -> None:
    """Without the averaging agreement a Sunday night from 22:00 in every week is allowed."""
    assignments = sunday_nights(range(8))

    assert sunday_rule_broken(assignments, loose(), days=56) is False


def test_averaged_rested_holiday_counts_for_its_week() -> None:
    """A rest over a Wednesday holiday (day 9) keeps the condition without a rested Sunday."""
    ward = problem(
        [person("P1")], [], days=28, rules=averaged_sundays(), public_holidays=frozenset({9})
    )

    assert "sunday_rule" not in broken_rules(ward, sunday_nights(range(4)))


def test_averaged_ignores_four_weeks_across_the_period_start() -> None:
    """Weeks before day 0 do not count, so a period of three whole weeks needs no rested Sunday."""
    assignments = sunday_nights(range(3))

    assert sunday_rule_broken(assignments, averaged_sundays(), days=21) is False


@pytest.mark.parametrize(
    ("weekly_rest_minutes", "expected"),
    [
        pytest.param(35 * 60, True, id="35h-too-short"),
        pytest.param(28 * 60, False, id="28h-agreed"),
    ],
)
def test_averaged_red_day_rest_has_the_weekly_length(
    weekly_rest_minutes: int, expected: bool
) -> None:
    """An evening to Saturday 22:00 and a day from Monday 07:00 leave 33 hours over Sunday.

    Weeks 0 and 1 rest their Sundays so, and weeks 2 and 3 work a night from
    Sunday 22:00. The rest counts only under an agreed weekly rest of 28 hours.
    The two evenings are Sunday work from 18:00, two of four Sundays as averaging allows.
    """
    rules = dataclasses.replace(
        averaged_sundays(),
        min_weekly_rest_minutes=weekly_rest_minutes,
        agreements=LocalAgreements(sunday_averaging=True, shorter_weekly_rest=True),
    )
    saturday_evenings = [AssignedShift("P1", day, "A") for day in (5, 12)]
    monday_days = [AssignedShift("P1", day, "D") for day in (7, 14)]

    broken = sunday_rule_broken(
        [*saturday_evenings, *monday_days, *sunday_nights((2, 3))], rules, days=28
    )

    assert broken is expected


def test_averaged_solve_rests_sundays() -> None:
    """A solved roster that wants every Sunday night worked still rests a Sunday in four weeks."""
    ward = problem(
        [person(f"P{number}") for number in (1, 2)],
        [demand(7 * week + 6, "N", 2) for week in range(8)],
        days=56,
        rules=averaged_sundays(),
    )

    result = solve(ward, time_limit_seconds=10)

    assert result.has_roster
    for token in ("P1", "P2"):
        rested = {week for week in range(8) if 7 * week + 6 not in worked_days(result, token)}
        for first in range(8 - 3):
            assert rested & set(range(first, first + 4)), (token, first)


@pytest.mark.parametrize(
    ("rest_minutes", "expected"),
    [pytest.param(35 * 60, [0], id="default-35h"), pytest.param(0, [0, 2], id="rule-off")],
)
def test_rest_after_night_run(rest_minutes: int, expected: list[int]) -> None:
    """A night ending 07:30 on day 1 keeps day 2's evening (31.5 h later) off by default."""
    ward = problem(
        [person("P1")],
        [demand(2, "A")],
        days=3,
        rules=loose(min_rest_after_night_run_minutes=rest_minutes),
        fixed=(FixedShift("P1", 0, "N"),),
    )

    result = solve(ward, time_limit_seconds=5)

    assert worked_days(result) == expected


@pytest.mark.parametrize(
    ("week_minutes", "expected_nights"),
    [pytest.param(54 * 60, 5, id="54h-cap"), pytest.param(60 * 60, 6, id="60h-cap")],
)
def test_week_minutes_cap(week_minutes: int, expected_nights: int) -> None:
    """Nights of 9.5 h every day of a week: 6 fit the other rules, the 54 h cap allows 5."""
    ward = problem(
        [person("P1", codes={"N"})],
        [demand(day, "N") for day in range(7)],
        rules=loose(max_week_minutes=week_minutes, max_average_week_minutes=60 * 60),
    )

    result = solve(ward, time_limit_seconds=5)

    assert len(worked_days(result)) == expected_nights


def test_shift_above_max_length_is_never_assigned() -> None:
    """A 13-hour shift exceeds the 12.5 hours of AML §10-5 (2)."""
    long_day = ShiftSpec("L", "L", 7 * 60, 13 * 60, 13 * 60, 0)
    ward = dataclasses.replace(
        problem([person("P1", codes={"L"})], [], days=1),
        shifts=(*SHIFTS, long_day),
        demands=(demand(0, "L"),),
    )

    result = solve(ward, time_limit_seconds=5)

    assert result.assignments == ()
    assert len(result.gaps) == 1


@pytest.mark.parametrize(
    ("window", "expected_days"),
    [
        pytest.param(WeeklyRestWindow.CALENDAR_WEEK, 7, id="calendar-week"),
        pytest.param(WeeklyRestWindow.ROLLING_SEVEN_DAYS, 6, id="rolling-seven-days"),
    ],
)
def test_weekly_rest_window(window: WeeklyRestWindow, expected_days: int) -> None:
    """Seven day shifts from a Wednesday split over two calendar weeks, not over 7 rolling days."""
    ward = problem(
        [person("P1")],
        [demand(day, "D") for day in range(7)],
        start_date=WEDNESDAY,
        rules=loose(max_consecutive_days=7, weekly_rest_window=window),
    )

    result = solve(ward, time_limit_seconds=5)

    assert len(worked_days(result)) == expected_days


def test_isolated_working_day_is_reported() -> None:
    """A lone shift between days off carries an `isolated_working_day` penalty."""
    ward = problem([person("P1")], [demand(1, "D")], days=3)

    result = solve(ward, time_limit_seconds=5)

    assert "isolated_working_day" in penalty_names(result)


def test_quick_return_is_penalised_under_agreement() -> None:
    """With 9 h rest agreed, an evening then a day is legal but reported as a quick return."""
    rules = loose(
        min_daily_rest_minutes=9 * 60,
        agreements=LocalAgreements(shorter_daily_rest=True, reference="Lokal avtale 1"),
    )
    ward = problem([person("P1")], [demand(0, "A"), demand(1, "D")], days=2, rules=rules)

    result = solve(ward, time_limit_seconds=5)

    assert worked_days(result) == [0, 1]
    assert "quick_return" in penalty_names(result)


def test_nights_spread_by_position_size() -> None:
    """Two people with equal (tiny) targets share four nights two and two."""
    ward = problem(
        [person("P1", target_minutes=1), person("P2", target_minutes=1)],
        [demand(day, "N") for day in (0, 2, 4, 6)],
    )

    result = solve(ward, time_limit_seconds=5)

    for token in ("P1", "P2"):
        nights = [shift for shift in result.assignments if shift.token == token]
        assert len(nights) == 2, token


def test_sunday_rule_read_back_as_text() -> None:
    """Rules rebuilt from JSON carry the Sunday rule as text and must behave the same."""
    rules = loose(sunday_rule="next_off")
    ward = problem(
        [person("P1")],
        [demand(6, "D"), demand(10, "D")],
        days=14,
        rules=rules,
        public_holidays=frozenset({10}),
    )

    result = solve(ward, time_limit_seconds=5)

    assert len(worked_days(result)) == 1


def test_averaged_sunday_rule_as_text_needs_agreement() -> None:
    """The agreement check also holds when the rule arrives as text."""
    with pytest.raises(RuleAgreementError):
        loose(sunday_rule="averaged").validate()
