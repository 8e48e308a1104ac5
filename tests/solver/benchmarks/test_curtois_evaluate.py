"""The independent evaluator: reference costs reproduced, every hard rule caught."""

from __future__ import annotations

from pathlib import Path

import pytest

from solver.benchmarks.evaluate import evaluate_roster
from solver.benchmarks.instance import Instance, read_instance
from solver.benchmarks.reference import read_reference_rosters
from solver.benchmarks.solution import RosterLine

CURTOIS_FOLDER = Path(__file__).resolve().parents[4] / "shared" / "benchmarks" / "curtois-qu"
REFERENCE_FOLDER = CURTOIS_FOLDER / "reference-rosters"

# Two shift types (L may not be followed by E). Employee A: at most 6 E and 6 L,
# 1920–3360 minutes (4–7 shifts), 2–4 working days in a row, at least 2 days off in a
# row, at most 1 weekend, day 13 fixed off. Employee B has loose limits.
SMALL_INSTANCE = """\
SECTION_HORIZON
14

SECTION_SHIFTS
E,480,
L,480,E

SECTION_STAFF
A,E=6|L=6,3360,1920,4,2,2,1
B,E=14|L=14,6720,0,5,1,1,2

SECTION_DAYS_OFF
A,13

SECTION_SHIFT_ON_REQUESTS
A,0,E,2
A,7,E,3
B,0,E,1

SECTION_SHIFT_OFF_REQUESTS
A,1,E,2
A,8,E,1

SECTION_COVER
0,E,2,100,1
1,E,0,100,1
7,L,1,100,1
"""
VALID_A = "EEE----LLL----"
ALL_OFF = "-" * 14


def roster(*rows: tuple[str, str]) -> list[RosterLine]:
    """Build roster lines from (employee ID, one character per day, '-' for off)."""
    return [
        RosterLine(employee_id, tuple(None if cell == "-" else cell for cell in days))
        for employee_id, days in rows
    ]


@pytest.fixture(scope="module")
def small_instance(tmp_path_factory: pytest.TempPathFactory) -> Instance:
    path = tmp_path_factory.mktemp("curtois") / "Small.txt"
    path.write_text(SMALL_INSTANCE, encoding="ascii")
    return read_instance(path)


def reference_cases() -> list[tuple[int, int]]:
    return [(number, block) for number in range(1, 11) for block in range(2)]


@pytest.mark.parametrize(
    ("number", "block"),
    reference_cases(),
    ids=[f"instance{n}-roster{b + 1}" for n, b in reference_cases()],
)
def test_reference_roster_costs_reproduced(number: int, block: int) -> None:
    """Each third-party roster is feasible and costs exactly what its solver printed."""
    reference_path = REFERENCE_FOLDER / f"Instance{number}.colgen.out"
    if not reference_path.is_file():
        pytest.skip(f"reference rosters not found at {REFERENCE_FOLDER}")
    instance = read_instance(CURTOIS_FOLDER / f"Instance{number}.txt")
    reference = read_reference_rosters(reference_path)[block]

    evaluation = evaluate_roster(instance, reference.lines)

    assert evaluation.violations == ()
    assert evaluation.cover_cost == reference.cover_cost
    assert evaluation.request_cost == reference.request_cost
    assert evaluation.objective == reference.total_cost


def test_valid_roster_cost(small_instance: Instance) -> None:
    """On-requests break on another shift or a day off, off-requests only on that very shift."""
    evaluation = evaluate_roster(small_instance, roster(("A", VALID_A), ("B", ALL_OFF)))
    assert evaluation.violations == ()
    # A,7,E broken (works L): 3; B,0,E broken (off): 1; off-request A,1,E broken: 2.
    assert evaluation.request_cost == 6
    assert evaluation.broken_requests == 3
    # Day 0 E: 1 of 2 staffed, 100; day 1 E: 1 over a requirement of 0, 1; day 7 L: met.
    assert evaluation.cover_cost == 101
    assert evaluation.objective == 107


@pytest.mark.parametrize(
    ("rule", "a_days"),
    [
        ("H2", "EELE---LLL----"),
        ("H3", "EEEE--EEE-----"),
        ("H4", "EEEE--LLLL----"),
        ("H5", "EE------------"),
        ("H6", "EEEEE---------"),
        ("H7", "EEE--E---LLL--"),
        ("H8", "EE-EE----LLL--"),
        ("H9", "-----EE----LL-"),
        ("H10", "EEE----LLL---L"),
    ],
    ids=[
        "shift-rotation",
        "max-shifts-per-type",
        "max-total-minutes",
        "min-total-minutes",
        "max-consecutive-shifts",
        "min-consecutive-shifts",
        "min-consecutive-days-off",
        "max-weekends",
        "fixed-day-off",
    ],
)
def test_broken_roster_detected(small_instance: Instance, rule: str, a_days: str) -> None:
    """A roster that breaks exactly one hard rule is infeasible for that rule alone."""
    evaluation = evaluate_roster(small_instance, roster(("A", a_days), ("B", ALL_OFF)))
    assert not evaluation.feasible
    assert evaluation.rules_broken() == {rule}


def test_two_shifts_one_day_detected(small_instance: Instance) -> None:
    """H1: a repeated line that adds a second shift on a day is a violation on that day."""
    lines = roster(("A", VALID_A), ("A", "--L-----------"), ("B", ALL_OFF))
    evaluation = evaluate_roster(small_instance, lines)
    assert evaluation.rules_broken() == {"H1"}
    assert [violation.day for violation in evaluation.violations] == [2]


@pytest.mark.parametrize(
    "a_days",
    ["E--EEE--LLL---", "-EEE--LLL-----"],
    ids=["one-working-day-at-start", "one-day-off-at-start"],
)
def test_edge_runs_exempt_from_minimum(small_instance: Instance, a_days: str) -> None:
    """H7 and H8 exempt a run touching the horizon edge, however short."""
    evaluation = evaluate_roster(small_instance, roster(("A", a_days), ("B", ALL_OFF)))
    assert evaluation.violations == ()


def test_short_run_just_inside_detected(small_instance: Instance) -> None:
    """One day off between day 0 and day 2 lies inside the horizon and breaks H8."""
    evaluation = evaluate_roster(small_instance, roster(("A", "E-EEE--LLL----"), ("B", ALL_OFF)))
    assert evaluation.rules_broken() == {"H8"}
    assert evaluation.violations[0].day == 1


def test_max_consecutive_counts_edge_runs(small_instance: Instance) -> None:
    """H6 is not exempt at the edge: five working days from day 0 break a limit of four."""
    evaluation = evaluate_roster(small_instance, roster(("A", "EEEEE-----LL--"), ("B", ALL_OFF)))
    assert evaluation.rules_broken() == {"H6"}
    assert evaluation.violations[0].day == 0


@pytest.mark.parametrize(
    ("lines", "message"),
    [
        (roster(("A", VALID_A)), "no roster line for this employee"),
        (roster(("A", VALID_A), ("B", ALL_OFF), ("C", ALL_OFF)), "employee is not in the instance"),
        (roster(("A", VALID_A[:-1]), ("B", ALL_OFF)), "13 days given, the horizon has 14"),
        (roster(("A", VALID_A), ("B", "X" + "-" * 13)), "unknown shift ID 'X'"),
    ],
    ids=["missing-employee", "unknown-employee", "short-line", "unknown-shift"],
)
def test_roster_not_fitting_instance(
    small_instance: Instance, lines: list[RosterLine], message: str
) -> None:
    """Lines that do not fit the instance are format violations with a plain message."""
    evaluation = evaluate_roster(small_instance, lines)
    assert not evaluation.feasible
    assert "format" in evaluation.rules_broken()
    assert message in [violation.message for violation in evaluation.violations]
