"""Specification of `solver.solve` on tiny wards with exact expectations."""

from __future__ import annotations

import datetime as dt

import pytest

from core.rules import LocalAgreements, RuleAgreementError, RuleSettings
from solver import (
    AssignedShift,
    BlockedDay,
    CoverageGap,
    FixedShift,
    HistoryShift,
    InvalidProblemError,
    Progress,
    SolverProblem,
    SolverResult,
    SolveStatus,
    WishPreference,
    WishSpec,
    solve,
)
from solver.hours import HoursBand
from tests.solver.problem_builders import LOOSE_HOURS, SATURDAY, demand, person, problem


def shifts_of(result: SolverResult, token: str) -> dict[int, str]:
    return {shift.day: shift.shift_code for shift in result.assignments if shift.token == token}


def penalty_names(result: SolverResult) -> set[str]:
    return {penalty.name for penalty in result.penalties}


def test_nurse_minimum_assigns_the_nurse() -> None:
    """Two people, one nurse needed: the nurse gets the shift."""
    ward = problem(
        [person("P1"), person("P2", competences={"sykepleier"})],
        [demand(0, "D", sykepleier=1)],
        days=1,
    )

    result = solve(ward, time_limit_seconds=5)

    assert result.status is SolveStatus.OPTIMAL
    assert result.assignments == (AssignedShift("P2", 0, "D"),)
    assert result.gaps == ()


def test_competence_shortfall_is_a_gap() -> None:
    """Nobody has the competence: the shift is staffed and the competence gap reported."""
    ward = problem([person("P1")], [demand(0, "D", medisinansvar=1)], days=1)

    result = solve(ward, time_limit_seconds=5)

    assert result.assignments == (AssignedShift("P1", 0, "D"),)
    assert result.gaps == (CoverageGap(0, "D", 1, "medisinansvar"),)


def test_short_competence_leaves_another_shift_empty() -> None:
    """Two helpers, no nurse: a helper works the nurse night, even against a wish."""
    wishes = tuple(
        WishSpec(f"W{token}", token, 0, WishPreference.OFF, shift_code="N")
        for token in ("P1", "P2")
    )
    ward = problem(
        [person("P1"), person("P2")],
        [demand(0, "D"), demand(0, "A"), demand(0, "N", sykepleier=1)],
        days=1,
        wishes=wishes,
    )

    result = solve(ward, time_limit_seconds=5)

    staffed_codes = {shift.shift_code for shift in result.assignments}
    assert "N" in staffed_codes
    assert len(staffed_codes) == 2
    assert CoverageGap(0, "N", 1, "sykepleier") in result.gaps
    assert CoverageGap(0, "N", 1) not in result.gaps
    assert len(result.gaps) == 2


def test_evening_then_day_is_never_assigned() -> None:
    """An evening ending 22:00 and a day starting 07:00 leave 9 h, below the 11 h rest."""
    ward = problem([person("P1")], [demand(0, "A"), demand(1, "D")], days=2)

    result = solve(ward, time_limit_seconds=5)

    assert len(result.assignments) == 1
    assert len(result.gaps) == 1


def test_agreed_nine_hour_rest_allows_evening_then_day() -> None:
    """With an agreement for 9 h rest (AML §10-8 (3)), the quick return is legal."""
    rules = RuleSettings(
        hours_tolerance_minutes=100_000,
        min_daily_rest_minutes=9 * 60,
        agreements=LocalAgreements(shorter_daily_rest=True, reference="Lokal avtale 1"),
    )
    ward = problem([person("P1")], [demand(0, "A"), demand(1, "D")], days=2, rules=rules)

    result = solve(ward, time_limit_seconds=5)

    assert shifts_of(result, "P1") == {0: "A", 1: "D"}


def test_history_night_blocks_first_morning() -> None:
    """A night before day 0 ends 07:30 on day 0, so no day shift that morning."""
    ward = problem(
        [person("P1")],
        [demand(0, "D"), demand(0, "N")],
        days=1,
        history=(HistoryShift("P1", -1, "N"),),
    )

    result = solve(ward, time_limit_seconds=5)

    assert shifts_of(result, "P1") == {0: "N"}
    assert result.gaps == (CoverageGap(0, "D", 1),)


def test_blocked_day_is_never_assigned() -> None:
    """A person blocked on day 1 works days 0 and 2 only, and day 1 is a gap."""
    ward = problem(
        [person("P1")],
        [demand(day, "D") for day in range(3)],
        days=3,
        blocked=(BlockedDay("P1", 1),),
    )

    result = solve(ward, time_limit_seconds=5)

    assert shifts_of(result, "P1") == {0: "D", 2: "D"}
    assert result.gaps == (CoverageGap(1, "D", 1),)


def test_blocked_shift_code_leaves_other_codes() -> None:
    """Blocking only the day shift still lets the person take the evening."""
    ward = problem(
        [person("P1")],
        [demand(0, "D"), demand(0, "A")],
        days=1,
        blocked=(BlockedDay("P1", 0, "D"),),
    )

    result = solve(ward, time_limit_seconds=5)

    assert shifts_of(result, "P1") == {0: "A"}
    assert result.gaps == (CoverageGap(0, "D", 1),)


def test_night_only_person_gets_only_nights() -> None:
    """A night-only person covers the night; day and evening stay gaps."""
    ward = problem(
        [person("P1", codes={"N"})],
        [demand(day, code) for day in range(3) for code in ("D", "A", "N")],
        days=3,
    )

    result = solve(ward, time_limit_seconds=5)

    assert set(shifts_of(result, "P1").values()) == {"N"}
    assert len(shifts_of(result, "P1")) == 3


def test_one_shift_per_day() -> None:
    """One person and two shifts on one day: one shift, one gap."""
    ward = problem([person("P1")], [demand(0, "D"), demand(0, "N")], days=1)

    result = solve(ward, time_limit_seconds=5)

    assert len(result.assignments) == 1
    assert len(result.gaps) == 1


def test_weekly_rest_drops_one_shift() -> None:
    """Evenings Mon–Wed and days Fri–Sun leave at most 33 h free, so one shift must go."""
    rules = RuleSettings(hours_tolerance_minutes=100_000, max_consecutive_days=7)
    demands = [demand(day, "A") for day in (0, 1, 2)] + [demand(day, "D") for day in (4, 5, 6)]
    ward = problem([person("P1")], demands, rules=rules)

    result = solve(ward, time_limit_seconds=5)

    assert len(result.assignments) == 5
    assert len(result.gaps) == 1


def test_agreed_weekly_rest_of_28_hours_keeps_all_shifts() -> None:
    """With 28 h weekly rest agreed (AML §10-8 (3)), the 33 h break is enough."""
    rules = RuleSettings(
        hours_tolerance_minutes=100_000,
        max_consecutive_days=7,
        min_weekly_rest_minutes=28 * 60,
        agreements=LocalAgreements(shorter_weekly_rest=True, reference="Lokal avtale 2"),
    )
    demands = [demand(day, "A") for day in (0, 1, 2)] + [demand(day, "D") for day in (4, 5, 6)]
    ward = problem([person("P1")], demands, rules=rules)

    result = solve(ward, time_limit_seconds=5)

    assert len(result.assignments) == 6
    assert result.gaps == ()


def test_daily_shifts_leave_one_free_day_a_week() -> None:
    """Day shifts demanded every day: six of seven, the free day gives 40 h of rest."""
    rules = RuleSettings(hours_tolerance_minutes=100_000, max_consecutive_days=7)
    ward = problem([person("P1")], [demand(day, "D") for day in range(7)], rules=rules)

    result = solve(ward, time_limit_seconds=5)

    assert len(result.assignments) == 6


def test_max_consecutive_days() -> None:
    """With a cap of 3 days in a row, 7 demanded days give 3 on, 1 off, 3 on."""
    rules = RuleSettings(hours_tolerance_minutes=100_000, max_consecutive_days=3)
    ward = problem([person("P1")], [demand(day, "D") for day in range(7)], rules=rules)

    result = solve(ward, time_limit_seconds=5)

    assert sorted(shifts_of(result, "P1")) == [0, 1, 2, 4, 5, 6]


def test_max_consecutive_nights() -> None:
    """A night-only person with a cap of 2 nights in a row works 2 on, 1 off."""
    rules = RuleSettings(hours_tolerance_minutes=100_000, max_consecutive_nights=2)
    ward = problem([person("P1", codes={"N"})], [demand(day, "N") for day in range(6)], rules=rules)

    result = solve(ward, time_limit_seconds=5)

    assert sorted(shifts_of(result, "P1")) == [0, 1, 3, 4]


def test_history_nights_continue_the_run() -> None:
    """Three history nights before day 0 use up the cap of 3, so day 0 is off."""
    ward = problem(
        [person("P1", codes={"N"})],
        [demand(0, "N"), demand(1, "N")],
        days=2,
        history=tuple(HistoryShift("P1", day, "N") for day in (-3, -2, -1)),
    )

    result = solve(ward, time_limit_seconds=5)

    assert shifts_of(result, "P1") == {1: "N"}


def test_weekend_frequency_over_six_weeks() -> None:
    """Weekend days demanded for 6 weeks: one person works 2 weekends, 3 weeks apart."""
    saturdays = [7 * week for week in range(6)]
    demands = [demand(day, "D") for saturday in saturdays for day in (saturday, saturday + 1)]
    ward = problem([person("P1")], demands, days=42, start_date=SATURDAY)

    result = solve(ward, time_limit_seconds=10)

    worked_saturdays = sorted({day - day % 7 for day in shifts_of(result, "P1")})
    assert len(worked_saturdays) == 2
    assert worked_saturdays[1] - worked_saturdays[0] >= 21
    assert len(shifts_of(result, "P1")) == 4


def test_agreed_every_second_weekend() -> None:
    """With an agreement for every second weekend, the person works three of six."""
    rules = RuleSettings(
        hours_tolerance_minutes=100_000,
        weekend_frequency=2,
        agreements=LocalAgreements(more_frequent_weekends=True, reference="Lokal avtale 3"),
    )
    saturdays = [7 * week for week in range(6)]
    demands = [demand(day, "D") for saturday in saturdays for day in (saturday, saturday + 1)]
    ward = problem([person("P1")], demands, days=42, start_date=SATURDAY, rules=rules)

    result = solve(ward, time_limit_seconds=10)

    worked_saturdays = sorted({day - day % 7 for day in shifts_of(result, "P1")})
    assert len(worked_saturdays) == 3
    assert worked_saturdays[1] - worked_saturdays[0] >= 14
    assert worked_saturdays[2] - worked_saturdays[1] >= 14


def test_history_weekend_counts() -> None:
    """A weekend worked just before the period rules out the next two weekends."""
    demands = [demand(day, "D") for day in (0, 1, 7, 8, 14, 15)]
    ward = problem(
        [person("P1")],
        demands,
        days=21,
        start_date=SATURDAY,
        history=(HistoryShift("P1", -7, "D"), HistoryShift("P1", -6, "D")),
    )

    result = solve(ward, time_limit_seconds=5)

    assert shifts_of(result, "P1") == {14: "D", 15: "D"}


@pytest.mark.parametrize(
    ("friday_counts", "expected"),
    [
        pytest.param(False, {0: "N"}, id="friday-night-free"),
        pytest.param(True, {}, id="friday-night-counts"),
    ],
)
def test_friday_night_weekend_setting(friday_counts: bool, expected: dict[int, str]) -> None:
    """After a weekend worked last week, a Friday night is allowed only if it is no weekend work."""
    rules = RuleSettings(
        hours_tolerance_minutes=100_000, friday_night_counts_as_weekend=friday_counts
    )
    friday = SATURDAY - dt.timedelta(days=1)
    ward = problem(
        [person("P1", codes={"N"})],
        [demand(0, "N")],
        days=1,
        start_date=friday,
        rules=rules,
        history=(HistoryShift("P1", -6, "N"), HistoryShift("P1", -5, "N")),
    )

    result = solve(ward, time_limit_seconds=5)

    assert shifts_of(result, "P1") == expected


def test_whole_weekend_preferred() -> None:
    """Two people and one shift each weekend day: one person takes both days."""
    ward = problem(
        [person("P1"), person("P2")],
        [demand(0, "D"), demand(1, "D")],
        days=2,
        start_date=SATURDAY,
    )

    result = solve(ward, time_limit_seconds=5)

    assert len({shift.token for shift in result.assignments}) == 1
    assert "weekend_single_day" not in penalty_names(result)


def test_wish_off_granted_when_someone_else_is_free() -> None:
    """P1 wishes the day off and P2 can cover: the wish is granted."""
    ward = problem(
        [person("P1"), person("P2")],
        [demand(0, "D")],
        days=1,
        wishes=(WishSpec("W1", "P1", 0, WishPreference.OFF),),
    )

    result = solve(ward, time_limit_seconds=5)

    assert result.assignments == (AssignedShift("P2", 0, "D"),)
    assert "wish_denied" not in penalty_names(result)
    assert result.granted_wish_ids == ("W1",)


def test_wish_off_denied_when_nobody_else_can() -> None:
    """Coverage outranks wishes: the only person works and the denial is reported."""
    ward = problem(
        [person("P1")],
        [demand(0, "D")],
        days=1,
        wishes=(WishSpec("W7", "P1", 0, WishPreference.OFF),),
    )

    result = solve(ward, time_limit_seconds=5)

    assert result.assignments == (AssignedShift("P1", 0, "D"),)
    denied = [penalty for penalty in result.penalties if penalty.name == "wish_denied"]
    assert [(penalty.wish_id, penalty.token, penalty.day) for penalty in denied] == [
        ("W7", "P1", 0)
    ]
    assert result.granted_wish_ids == ()


def test_wish_to_work_a_code_is_granted() -> None:
    """A wish to work the night on day 1 is granted when nothing forbids it."""
    ward = problem(
        [person("P1", target_minutes=570)],
        [],
        days=2,
        wishes=(WishSpec("W2", "P1", 1, WishPreference.WORK, "N"),),
    )

    result = solve(ward, time_limit_seconds=5)

    assert shifts_of(result, "P1") == {1: "N"}


def test_wish_to_work_on_blocked_day_is_denied() -> None:
    """A wish to work a blocked day cannot be granted and is reported by its id."""
    ward = problem(
        [person("P1")],
        [],
        days=1,
        blocked=(BlockedDay("P1", 0),),
        wishes=(WishSpec("W3", "P1", 0, WishPreference.WORK),),
    )

    result = solve(ward, time_limit_seconds=5)

    assert result.assignments == ()
    assert [penalty.wish_id for penalty in result.penalties] == ["W3"]


def test_hours_band_is_hard() -> None:
    """Target 3 day shifts with no tolerance: exactly 3 of 5 optional days are worked."""
    rules = RuleSettings(hours_tolerance_minutes=0)
    ward = problem(
        [person("P1", codes={"D"}, target_minutes=3 * 480)],
        [demand(day, "D", minimum=0, wanted=1) for day in range(5)],
        days=5,
        rules=rules,
    )

    result = solve(ward, time_limit_seconds=5)

    assert result.worked_minutes == {"P1": 3 * 480}
    assert len(result.assignments) == 3


def test_unreachable_hours_band_is_reported() -> None:
    """Target 10 shifts in 2 days cannot be met: a roster is returned with the shortfall."""
    rules = RuleSettings(hours_tolerance_minutes=60)
    ward = problem(
        [person("P1", codes={"D"}, target_minutes=10 * 480)],
        [demand(0, "D"), demand(1, "D")],
        days=2,
        rules=rules,
        fixed=(FixedShift("P1", 1, None),),
    )

    result = solve(ward, time_limit_seconds=5)

    assert result.has_roster
    assert shifts_of(result, "P1") == {0: "D"}
    below = [penalty for penalty in result.penalties if penalty.name == "hours_below_tolerance"]
    assert [penalty.amount for penalty in below] == [10 * 480 - 60 - 480]


def test_hard_hours_band_can_be_infeasible() -> None:
    """With HoursBand.HARD, a target the fixed days make unreachable returns INFEASIBLE."""
    rules = RuleSettings(hours_tolerance_minutes=0)
    ward = problem(
        [person("P1", codes={"D"}, target_minutes=2 * 480)],
        [demand(0, "D")],
        days=2,
        rules=rules,
        fixed=(FixedShift("P1", 1, None),),
    )

    result = solve(ward, time_limit_seconds=5, hours_band=HoursBand.HARD)

    assert result.status is SolveStatus.INFEASIBLE


def test_rest_infeasible_fixed_days_return_infeasible() -> None:
    """Two fixed shifts 9 h apart cannot both stand: INFEASIBLE, no crash."""
    ward = problem(
        [person("P1")],
        [],
        days=2,
        fixed=(FixedShift("P1", 0, "A"), FixedShift("P1", 1, "D")),
    )

    result = solve(ward, time_limit_seconds=5)

    assert result.status is SolveStatus.INFEASIBLE
    assert result.assignments == ()


def test_fixed_shift_on_blocked_day_is_infeasible() -> None:
    """A fixed shift on a blocked day contradicts itself: INFEASIBLE."""
    ward = problem(
        [person("P1")],
        [],
        days=1,
        blocked=(BlockedDay("P1", 0),),
        fixed=(FixedShift("P1", 0, "D"),),
    )

    assert solve(ward, time_limit_seconds=5).status is SolveStatus.INFEASIBLE


def test_fixed_day_off_is_kept() -> None:
    """A fixed day off stays off even when it leaves a gap."""
    ward = problem([person("P1")], [demand(0, "D")], days=1, fixed=(FixedShift("P1", 0, None),))

    result = solve(ward, time_limit_seconds=5)

    assert result.assignments == ()
    assert result.gaps == (CoverageGap(0, "D", 1),)


def test_wanted_is_a_weaker_target() -> None:
    """Minimum 1, wanted 2, one person: no gap, a `staffing_below_wanted` penalty."""
    ward = problem(
        [person("P1", target_minutes=480)], [demand(0, "D", minimum=1, wanted=2)], days=1
    )

    result = solve(ward, time_limit_seconds=5)

    assert result.gaps == ()
    assert penalty_names(result) == {"staffing_below_wanted"}


def test_result_reports_minutes_objective_and_bound() -> None:
    """The result carries worked minutes per token, objective, bound and wall time."""
    ward = problem([person("P1", target_minutes=480), person("P2")], [demand(0, "D")], days=1)

    result = solve(ward, time_limit_seconds=5)

    assert result.worked_minutes == {"P1": 480, "P2": 0}
    assert result.objective == 0
    assert result.bound == 0
    assert result.wall_seconds > 0


def test_progress_reports_objective() -> None:
    """The progress callback receives at least one solution with its objective."""
    seen: list[Progress] = []
    ward = problem([person("P1"), person("P2")], [demand(0, "D")], days=1)

    solve(ward, time_limit_seconds=5, on_progress=seen.append)

    assert any(progress.objective is not None for progress in seen)


def test_unknown_token_raises() -> None:
    """A wish for a token that is not on the staff list is a caller bug."""
    ward = problem(
        [person("P1")], [], days=1, wishes=(WishSpec("W1", "P9", 0, WishPreference.OFF),)
    )

    with pytest.raises(InvalidProblemError, match="unknown staff token 'P9'"):
        solve(ward)


def test_name_as_token_raises() -> None:
    """A token that looks like a name or e-mail never reaches the model."""
    ward = problem([person("kari.nordmann@example.no")], [], days=1)

    with pytest.raises(InvalidProblemError, match="not an opaque id"):
        solve(ward)


def test_rules_without_agreement_raise() -> None:
    """A 9 h rest without a recorded agreement is refused before solving."""
    rules = RuleSettings(min_daily_rest_minutes=9 * 60)
    ward = problem([person("P1")], [], days=1, rules=rules)

    with pytest.raises(RuleAgreementError):
        solve(ward)


@pytest.mark.parametrize(
    ("time_limit", "workers"),
    [pytest.param(0, 2, id="zero-time"), pytest.param(5, 0, id="zero-workers")],
)
def test_bad_solve_options_raise(time_limit: float, workers: int) -> None:
    """A non-positive time limit or worker count is refused."""
    ward = problem([person("P1")], [], days=1, rules=LOOSE_HOURS)

    with pytest.raises(ValueError):
        solve(ward, time_limit_seconds=time_limit, workers=workers)


def start_ward(start_roster: tuple[AssignedShift, ...] = ()) -> SolverProblem:
    """P1–P3 over five days, a day and an evening shift each day, 2 400 minutes each."""
    return problem(
        [person(token, target_minutes=2400) for token in ("P1", "P2", "P3")],
        [demand(day, code) for day in range(5) for code in ("D", "A")],
        days=5,
        rules=RuleSettings(),
        start_roster=start_roster,
    )


# CP-SAT's deterministic time for the searches from a start roster: small, to keep tests fast.
START_WORK = 0.5
# Legal, but P1 and P2 work every day while P3 has no shift.
LOPSIDED_START = tuple(
    AssignedShift(token, day, code)
    for day in range(5)
    for token, code in (("P1", "D"), ("P2", "A"))
)


def test_start_roster_is_never_made_worse() -> None:
    """A search from a legal roster returns one that costs no more, and prices the start."""
    result = solve(start_ward(LOPSIDED_START), time_limit_seconds=20, deterministic_time=START_WORK)

    assert result.start_objective is not None
    assert result.objective is not None
    assert result.objective < result.start_objective


def test_improving_twice_gives_the_same_roster() -> None:
    """The same start roster and work limit give the same roster, and improving it keeps it."""
    once = solve(start_ward(LOPSIDED_START), time_limit_seconds=20, deterministic_time=START_WORK)
    again = solve(start_ward(LOPSIDED_START), time_limit_seconds=20, deterministic_time=START_WORK)
    twice = solve(
        start_ward(once.assignments), time_limit_seconds=20, deterministic_time=START_WORK
    )

    assert again.assignments == once.assignments
    assert twice.start_objective == once.objective
    assert twice.objective == once.objective


def test_illegal_start_roster_has_no_cost() -> None:
    """P1's evening and next day shift leave 9 hours of rest, below 11: no start cost."""
    quick_return = (AssignedShift("P1", 0, "A"), AssignedShift("P1", 1, "D"))

    result = solve(start_ward(quick_return), time_limit_seconds=20, deterministic_time=START_WORK)

    assert result.start_objective is None
    assert result.has_roster


def test_start_roster_with_an_unknown_token_is_invalid() -> None:
    with pytest.raises(InvalidProblemError, match="start roster shift on day 0 of P9"):
        solve(start_ward((AssignedShift("P9", 0, "D"),)), time_limit_seconds=5)
