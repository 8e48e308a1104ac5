"""Any roster the solver returns for a random small ward passes an independent rule check.

The check below recomputes every hard rule from the problem and the assigned
shifts alone. It shares no code with the model: only the problem and result
types are imported from the solver.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
from collections import defaultdict

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.rules import LocalAgreements, RuleSettings
from solver import (
    BlockedDay,
    CoverDemand,
    HistoryShift,
    ShiftSpec,
    SolverProblem,
    SolverResult,
    StaffMember,
    WishPreference,
    WishSpec,
    solve,
)
from solver.sample_ward import build_sample_ward

DAY_MINUTES = 1440
SHIFTS = {
    "D": ShiftSpec("D", "D", 7 * 60, 480, 480, 0),
    "A": ShiftSpec("A", "A", 15 * 60, 420, 420, 60),
    "N": ShiftSpec("N", "N", 22 * 60, 570, 570, 480),
    "L": ShiftSpec("L", "L", 8 * 60, 12 * 60, 11 * 60 + 30, 0),
}

# The sample ward's codes, re-timed to this module's shifts so that the check has their times.
SAMPLE_CODES = ("D", "A", "N")

# (token, day, code) of every shift a person works, history included.
Worked = dict[str, dict[int, str]]


@st.composite
def rules_strategy(draw: st.DrawFn) -> RuleSettings:
    agreements = LocalAgreements(
        shorter_daily_rest=True, shorter_weekly_rest=True, more_frequent_weekends=True
    )
    return RuleSettings(
        min_daily_rest_minutes=draw(st.sampled_from([9 * 60, 11 * 60])),
        min_weekly_rest_minutes=draw(st.sampled_from([28 * 60, 35 * 60])),
        weekend_frequency=draw(st.sampled_from([2, 3])),
        friday_night_counts_as_weekend=draw(st.booleans()),
        hours_tolerance_minutes=draw(st.sampled_from([0, 240, 480, 2000])),
        max_consecutive_nights=draw(st.integers(1, 3)),
        max_consecutive_days=draw(st.integers(2, 6)),
        min_rest_after_night_run_minutes=draw(st.sampled_from([0, 35 * 60])),
        max_week_minutes=draw(st.sampled_from([30 * 60, 54 * 60])),
        agreements=agreements,
    )


@st.composite
def problems(draw: st.DrawFn) -> SolverProblem:
    days = draw(st.integers(5, 15))
    start_date = dt.date(2026, 1, 5) + dt.timedelta(days=draw(st.integers(0, 6)))
    codes = sorted(draw(st.sets(st.sampled_from(sorted(SHIFTS)), min_size=1, max_size=3)))
    staff = [draw(staff_member(index, codes, days)) for index in range(draw(st.integers(1, 4)))]
    tokens = [member.token for member in staff]
    demands = [
        draw(cover_demand(day, code))
        for day in range(days)
        for code in codes
        if draw(st.booleans())
    ]
    blocked = draw(
        st.lists(
            st.builds(
                BlockedDay,
                st.sampled_from(tokens),
                st.integers(0, days - 1),
                st.sampled_from([None, *codes]),
            ),
            max_size=4,
        )
    )
    # Made-up holidays, each with the hour its eve's window opens: 18, 15 or 22.
    holidays = frozenset(draw(st.sets(st.integers(0, days - 1), max_size=2)))
    eve_hours = {day: draw(st.sampled_from([18, 15, 22])) for day in sorted(holidays)}
    return SolverProblem(
        start_date=start_date,
        days=days,
        shifts=tuple(SHIFTS[code] for code in codes),
        staff=tuple(staff),
        demands=tuple(demands),
        rules=draw(rules_strategy()),
        blocked=tuple(blocked),
        wishes=tuple(draw(wishes(tokens, codes, days))),
        history=tuple(draw(history(tokens, codes))),
        public_holidays=holidays,
        afternoon_eve_days=frozenset(day for day, hour in eve_hours.items() if hour == 15),
        late_eve_days=frozenset(day for day, hour in eve_hours.items() if hour == 22),
    )


@st.composite
def staff_member(draw: st.DrawFn, index: int, codes: list[str], days: int) -> StaffMember:
    allowed = draw(st.sets(st.sampled_from(codes), min_size=1))
    return StaffMember(
        token=f"P{index}",
        competences=frozenset(draw(st.sets(st.sampled_from(["sykepleier", "med"])))),
        target_minutes=draw(st.integers(0, days * 360)),
        allowed_shift_codes=frozenset(allowed),
    )


@st.composite
def cover_demand(draw: st.DrawFn, day: int, code: str) -> CoverDemand:
    minimum = draw(st.integers(0, 2))
    nurses = draw(st.integers(0, 1))
    return CoverDemand(
        day, code, minimum, minimum + draw(st.integers(0, 1)), (("sykepleier", nurses),)
    )


@st.composite
def wishes(draw: st.DrawFn, tokens: list[str], codes: list[str], days: int) -> list[WishSpec]:
    count = draw(st.integers(0, 3))
    return [
        WishSpec(
            f"W{number}",
            draw(st.sampled_from(tokens)),
            draw(st.integers(0, days - 1)),
            draw(st.sampled_from(list(WishPreference))),
            draw(st.sampled_from([None, *codes])),
            draw(st.integers(1, 20)),
        )
        for number in range(count)
    ]


@st.composite
def history(draw: st.DrawFn, tokens: list[str], codes: list[str]) -> list[HistoryShift]:
    chosen = draw(st.sets(st.tuples(st.sampled_from(tokens), st.integers(-3, -1)), max_size=6))
    return [HistoryShift(token, day, draw(st.sampled_from(codes))) for token, day in chosen]


# --- the independent check -------------------------------------------------------------


def worked_shifts(problem: SolverProblem, result: SolverResult) -> Worked:
    worked: Worked = defaultdict(dict)
    for past in problem.history:
        worked[past.token][past.day] = past.shift_code
    for shift in result.assignments:
        assert shift.day not in worked[shift.token] or shift.day < 0, "two shifts on one day"
        worked[shift.token][shift.day] = shift.shift_code
    return worked


def interval(day: int, code: str) -> tuple[int, int]:
    start = day * DAY_MINUTES + SHIFTS[code].start_minute
    return start, start + SHIFTS[code].duration_minutes


def check_assignments_allowed(problem: SolverProblem, result: SolverResult) -> None:
    members = {member.token: member for member in problem.staff}
    blocked = {(entry.token, entry.day, entry.shift_code) for entry in problem.blocked}
    for shift in result.assignments:
        assert 0 <= shift.day < problem.days
        assert shift.shift_code in members[shift.token].allowed_shift_codes
        assert (shift.token, shift.day, None) not in blocked
        assert (shift.token, shift.day, shift.shift_code) not in blocked


def check_daily_rest(problem: SolverProblem, worked: Worked) -> None:
    for days in worked.values():
        ordered = sorted(days.items())
        for (day, code), (later_day, later_code) in itertools.pairwise(ordered):
            if later_day < 0:
                continue
            rest = interval(later_day, later_code)[0] - interval(day, code)[1]
            assert rest >= problem.rules.min_daily_rest_minutes, (day, code, later_day, later_code)


def check_weekly_rest(problem: SolverProblem, worked: Worked) -> None:
    first_monday = -problem.start_date.weekday()
    for monday in range(first_monday, problem.days, 7):
        week_start, week_end = monday * DAY_MINUTES, (monday + 7) * DAY_MINUTES
        for days in worked.values():
            busy = sorted(
                (max(start, week_start), min(end, week_end))
                for start, end in (interval(day, code) for day, code in days.items())
                if start < week_end and end > week_start
            )
            longest = 0
            free_from = week_start
            for start, end in busy:
                longest = max(longest, start - free_from)
                free_from = max(free_from, end)
            longest = max(longest, week_end - free_from)
            assert longest >= problem.rules.min_weekly_rest_minutes, monday


def check_weekends(problem: SolverProblem, worked: Worked) -> None:
    rules = problem.rules
    for days in worked.values():
        weekends = set()
        for day, code in days.items():
            weekday = (problem.start_date + dt.timedelta(days=day)).weekday()
            if weekday >= 5:
                weekends.add(day - (weekday - 5))
            crosses = interval(day, code)[1] > (day + 1) * DAY_MINUTES
            if weekday == 4 and crosses and rules.friday_night_counts_as_weekend:
                weekends.add(day + 1)
        for saturday in weekends:
            if saturday + 1 < 0:
                continue
            others = [
                other
                for other in weekends
                if other != saturday
                and abs(other - saturday) < 7 * rules.weekend_frequency
                and max(other, saturday) + 1 >= 0
            ]
            assert not others, (saturday, sorted(weekends))


def check_runs(problem: SolverProblem, worked: Worked) -> None:
    rules = problem.rules
    for days in worked.values():
        for cap, counted in (
            (rules.max_consecutive_days, set(days)),
            (rules.max_consecutive_nights, {day for day, code in days.items() if code == "N"}),
        ):
            for day in counted:
                if day < 0:
                    continue
                run = range(day - cap, day + 1)
                assert not all(other in counted for other in run), (day, sorted(counted))


def check_night_run_rest(problem: SolverProblem, worked: Worked) -> None:
    min_rest = problem.rules.min_rest_after_night_run_minutes
    if min_rest <= problem.rules.min_daily_rest_minutes:
        return
    for days in worked.values():
        ordered = sorted(days.items())
        for (day, code), (later_day, later_code) in itertools.pairwise(ordered):
            ends_run = code == "N" and not (later_day == day + 1 and later_code == "N")
            if not ends_run or later_day < 0:
                continue
            rest = interval(later_day, later_code)[0] - interval(day, code)[1]
            assert rest >= min_rest, (day, later_day, later_code)


def check_week_minutes(problem: SolverProblem, worked: Worked) -> None:
    first_monday = -problem.start_date.weekday()
    for days in worked.values():
        for monday in range(first_monday, problem.days, 7):
            minutes = sum(
                SHIFTS[code].worked_minutes
                for day, code in days.items()
                if monday <= day < monday + 7
            )
            planned = [day for day in days if monday <= day < monday + 7 and day >= 0]
            if planned:
                assert minutes <= problem.rules.max_week_minutes, monday


def window_start(problem: SolverProblem, red_day: int) -> dt.time:
    """Return when the §10-10 window of `red_day` opens on its eve, by the problem's calendar."""
    if red_day in problem.afternoon_eve_days:
        return dt.time(15, 0)
    if red_day in problem.late_eve_days:
        return dt.time(22, 0)
    return dt.time(18, 0)


def check_sundays(problem: SolverProblem, worked: Worked) -> None:
    """After work on a Sunday or holiday (its §10-10 window, to 22:00), the next one is off."""
    red = [
        day
        for day in range(-14, problem.days + 1)
        if (problem.start_date + dt.timedelta(days=day)).weekday() == 6
        or day in problem.public_holidays
    ]
    windows: list[tuple[int, int]] = []
    for day in red:
        eve_opens = window_start(problem, day)
        opens = (day - 1) * DAY_MINUTES + eve_opens.hour * 60 + eve_opens.minute
        closes = day * DAY_MINUTES + 22 * 60
        if windows and windows[-1][1] >= opens:
            windows[-1] = (windows[-1][0], closes)
        else:
            windows.append((opens, closes))
    for days in worked.values():
        spans = [(interval(day, code), day >= 0) for day, code in days.items()]
        hit = [
            [planned for (start, end), planned in spans if start < end_w and end > start_w]
            for start_w, end_w in windows
        ]
        for current, following in itertools.pairwise(hit):
            # A pair that history alone already works was broken before the period.
            from_history = not all(current) and not all(following)
            if current and following and any(current + following) and not from_history:
                raise AssertionError(f"two Sunday or holiday windows in a row worked: {hit}")


def check_hours(problem: SolverProblem, result: SolverResult) -> None:
    minutes: dict[str, int] = defaultdict(int)
    for shift in result.assignments:
        minutes[shift.token] += SHIFTS[shift.shift_code].worked_minutes
    assert result.worked_minutes == {
        member.token: minutes[member.token] for member in problem.staff
    }
    outside = {
        penalty.token
        for penalty in result.penalties
        if penalty.name in ("hours_above_tolerance", "hours_below_tolerance")
    }
    for member in problem.staff:
        if member.token not in outside:
            deviation = abs(minutes[member.token] - member.target_minutes)
            assert deviation <= problem.rules.hours_tolerance_minutes, member.token


def check_gaps(problem: SolverProblem, result: SolverResult) -> None:
    members = {member.token: member for member in problem.staff}
    expected = set()
    for demand in problem.demands:
        crew = [
            shift.token
            for shift in result.assignments
            if shift.day == demand.day and shift.shift_code == demand.shift_code
        ]
        if len(crew) < demand.minimum:
            expected.add((demand.day, demand.shift_code, demand.minimum - len(crew), None))
        for competence, minimum in demand.competence_minimums:
            qualified = sum(1 for token in crew if competence in members[token].competences)
            if qualified < minimum:
                expected.add((demand.day, demand.shift_code, minimum - qualified, competence))
    reported = {(gap.day, gap.shift_code, gap.missing, gap.competence) for gap in result.gaps}
    assert reported == expected


def check_wishes(problem: SolverProblem, result: SolverResult) -> None:
    assigned = {(shift.token, shift.day): shift.shift_code for shift in result.assignments}
    expected = set()
    for wish in problem.wishes:
        code = assigned.get((wish.token, wish.day))
        matches = code is not None and (wish.shift_code is None or code == wish.shift_code)
        granted = not matches if wish.preference is WishPreference.OFF else matches
        if not granted:
            expected.add(wish.wish_id)
    reported = {penalty.wish_id for penalty in result.penalties if penalty.name == "wish_denied"}
    assert reported == expected


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(problems())
def test_any_roster_passes_rule_check(problem: SolverProblem) -> None:
    """Every returned roster keeps every hard rule, and its gaps and wishes are reported."""
    result = solve(problem, time_limit_seconds=5)

    assert result.has_roster
    worked = worked_shifts(problem, result)
    check_assignments_allowed(problem, result)
    check_daily_rest(problem, worked)
    check_weekly_rest(problem, worked)
    check_weekends(problem, worked)
    check_runs(problem, worked)
    check_night_run_rest(problem, worked)
    check_week_minutes(problem, worked)
    check_sundays(problem, worked)
    check_hours(problem, result)
    check_gaps(problem, result)
    check_wishes(problem, result)


@pytest.mark.slow
def test_sample_ward_roster_passes_rule_check() -> None:
    """A generated 20-person, 2-week ward keeps every rule the check covers."""
    ward = build_sample_ward(staff_count=20, weeks=2)
    shifts = {shift.code: shift for shift in ward.shifts}
    assert all(shifts[code] for code in SAMPLE_CODES)
    sample = dataclasses.replace(ward, shifts=tuple(SHIFTS[code] for code in SAMPLE_CODES))

    result = solve(sample, time_limit_seconds=10)

    assert result.has_roster
    worked = worked_shifts(sample, result)
    check_assignments_allowed(sample, result)
    check_daily_rest(sample, worked)
    check_weekly_rest(sample, worked)
    check_weekends(sample, worked)
    check_runs(sample, worked)
    check_night_run_rest(sample, worked)
    check_week_minutes(sample, worked)
    check_sundays(sample, worked)
    check_hours(sample, result)
    check_gaps(sample, result)
    check_wishes(sample, result)
