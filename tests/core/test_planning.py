"""Planning hands the solver pseudonymised data only: tokens, day numbers, codes."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
import threading
from collections.abc import Iterator
from typing import Any

import pytest

from core.absences import Absence, Unavailability, Wish
from core.calendar import EVE_WINDOW_START, HIGH_DAY_WINDOW_START, OSLO
from core.commands import AbsenceKind, DateRange, Preference
from core.compliance import ViolationRule, check_roster
from core.compliance.checker import checked_rules
from core.planning import assignments_from, build_problem, eve_indexes, holiday_indexes
from core.roster_facts import compliance_context, planned_shifts
from core.rosters import Assignment, Roster, RosterStatus
from core.rules import LocalAgreements, RuleSettings, SundayRule
from solver import solve
from solver.problem import SolverProblem, SolverResult, SolveStatus
from tests.core.ward_cast import SeededWard

PERIOD = DateRange(dt.date(2027, 1, 18), dt.date(2027, 1, 24))
SLACK_USER = "U07KARI123"
TOKEN = re.compile(r"^(P\d{3}|W\d+)$")


def strings_in(value: Any) -> Iterator[str]:
    """Yield every string anywhere inside a dataclass, mapping or sequence."""
    if isinstance(value, str):
        yield value
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for item in dataclasses.fields(value):
            yield from strings_in(getattr(value, item.name))
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from strings_in(key)
            yield from strings_in(item)
    elif isinstance(value, list | tuple | set | frozenset):
        for item in value:
            yield from strings_in(item)


def register_personal_things(ward: SeededWard) -> None:
    """Give Kari sick leave, a wish and a linked Slack user, all personal data."""
    kari = ward.staff["Kari Nordmann"]
    with ward.database.store() as store:
        store.absences.add_absence(
            Absence(0, kari.id, AbsenceKind.SICK, DateRange(PERIOD.start, PERIOD.start)),
            actor_id=kari.id,
        )
        store.absences.add_wish(
            Wish(0, kari.id, DateRange(PERIOD.end, PERIOD.end), Preference.OFF), actor_id=kari.id
        )
        store.identities.link("slack", "T0001", SLACK_USER, kari.id, actor_id=None)


def personal_values(ward: SeededWard) -> list[str]:
    """Return the names, e-mails and chat ids of the ward, which must never reach the solver."""
    values = [SLACK_USER]
    for employee in ward.staff.values():
        values += [employee.name, *employee.name.split()]
        if employee.email:
            values.append(employee.email)
    return values


def problem_of(ward: SeededWard) -> SolverProblem:
    with ward.database.store() as store:
        return build_problem(store, ward.unit, PERIOD).problem


def test_no_personal_value_reaches_the_problem(test_ward: SeededWard) -> None:
    """No name, e-mail, chat id or absence reason appears anywhere in the solver's input."""
    register_personal_things(test_ward)

    serialised = json.dumps(
        dataclasses.asdict(problem_of(test_ward)), default=str, ensure_ascii=False
    )

    leaked = [value for value in personal_values(test_ward) if value in serialised]
    assert leaked == []
    absence_words = {kind.value for kind in AbsenceKind}
    assert absence_words & set(strings_in(problem_of(test_ward))) == set()


def test_people_are_opaque_tokens(test_ward: SeededWard) -> None:
    """Every person and wish is a token such as P001 or W1; nothing else names them."""
    register_personal_things(test_ward)
    problem = problem_of(test_ward)

    tokens = {member.token for member in problem.staff}
    wish_ids = {wish.wish_id for wish in problem.wishes}

    assert all(TOKEN.match(token) for token in tokens | wish_ids)
    assert len(tokens) == 6
    assert {blocked.token for blocked in problem.blocked} <= tokens


def test_sick_leave_reaches_the_solver_only_as_a_blocked_day(test_ward: SeededWard) -> None:
    """Sick leave is health data: the solver learns that a day is blocked, never why."""
    register_personal_things(test_ward)
    problem = problem_of(test_ward)

    field_names = {item.name for item in dataclasses.fields(problem.blocked[0])}

    assert field_names == {"token", "day", "shift_code"}
    assert [(b.day, b.shift_code) for b in problem.blocked] == [(0, None)]


def test_blocked_day_also_blocks_the_night_before(test_ward: SeededWard) -> None:
    """«Kan ikke jobbe onsdag» keeps Tuesday's night shift, which ends on Wednesday morning, free.

    Sick leave on the last day blocks the night before it the same way: a sick
    report opens that night, so no plan or repair may give it back.
    """
    kari = test_ward.staff["Kari Nordmann"]
    wednesday = PERIOD.start + dt.timedelta(days=2)
    with test_ward.database.store() as store:
        store.absences.add_unavailability(
            Unavailability(0, kari.id, DateRange(wednesday, wednesday)), actor_id=kari.id
        )
        store.absences.add_absence(
            Absence(0, kari.id, AbsenceKind.SICK, DateRange(PERIOD.end, PERIOD.end)),
            actor_id=kari.id,
        )

    problem = problem_of(test_ward)

    blocked = sorted((entry.day, entry.shift_code) for entry in problem.blocked)
    assert blocked == [(1, "N"), (2, None), (5, "N"), (6, None)]


@pytest.mark.parametrize(
    ("registered_at", "expected"),
    [
        pytest.param(dt.time(21, 0), [(1, "N"), (2, None)], id="before-the-night"),
        pytest.param(dt.time(23, 30), [(2, None)], id="during-the-night"),
    ],
)
def test_night_under_way_at_sick_report_stays_plannable(
    test_ward: SeededWard, registered_at: dt.time, expected: list[tuple[int, str | None]]
) -> None:
    """A sick report made during Tuesday's night leaves that night open: it was worked.

    A report made before the night starts blocks it, as a report on any earlier day does.
    """
    kari = test_ward.staff["Kari Nordmann"]
    tuesday = PERIOD.start + dt.timedelta(days=1)
    registered = dt.datetime.combine(tuesday, registered_at, tzinfo=OSLO)
    wednesday = DateRange(tuesday + dt.timedelta(days=1), tuesday + dt.timedelta(days=1))
    with test_ward.database.store() as store:
        store.absences.add_absence(
            Absence(0, kari.id, AbsenceKind.SICK, wednesday, created_at=registered),
            actor_id=kari.id,
        )

    problem = problem_of(test_ward)

    assert sorted((entry.day, entry.shift_code) for entry in problem.blocked) == expected


def test_the_solver_receives_only_the_pseudonymised_problem(test_ward: SeededWard) -> None:
    """Generating a roster from the chat passes the solver exactly one problem, and it is clean."""
    register_personal_things(test_ward)
    received: list[object] = []

    def recording_solver(problem: SolverProblem, **options: object) -> SolverResult:
        received.append(problem)
        received.extend(options.values())
        return SolverResult(SolveStatus.INFEASIBLE)

    test_ward.assistant.services = dataclasses.replace(
        test_ward.assistant.services, solve=recording_solver
    )
    test_ward.say("Turid Lie", "Lag turnus for uke 3")
    test_ward.say("Turid Lie", "ja")

    problem = received[0]
    assert isinstance(problem, SolverProblem)
    strings = set(strings_in(received[:1]))
    assert [value for value in personal_values(test_ward) if value in strings] == []
    assert all(
        callable(option) or isinstance(option, float | int | threading.Event) or option is None
        for option in received[1:]
    )


# Easter 2027: skjærtorsdag 25 and langfredag 26 March close ISO week 12, and
# 1. påskedag 28 and 2. påskedag 29 March form the next run of red days.
WEEK_12 = DateRange(dt.date(2027, 3, 22), dt.date(2027, 3, 28))
WEEK_13 = DateRange(dt.date(2027, 3, 29), dt.date(2027, 4, 4))
GOOD_FRIDAY = dt.date(2027, 3, 26)


def test_holidays_before_period_in_problem() -> None:
    """Week 13's problem lists Easter's holidays of week 12 as negative day indexes."""
    assert holiday_indexes(WEEK_13) == frozenset({-4, -3, -1, 0})


def test_holidays_after_period_in_problem() -> None:
    """A week ending on a Sunday lists 2. påskedag the day after as day 7."""
    assert holiday_indexes(WEEK_12) == frozenset({3, 4, 6, 7})


# Whitsun 2027: 1. pinsedag is Sunday 16 May, and 2. pinsedag falls on 17 May.
WHIT_WEEK = DateRange(dt.date(2027, 5, 10), dt.date(2027, 5, 16))


def test_problem_lists_afternoon_eves() -> None:
    """1. påskedag's window opens at 15:00 on påskeaften, and the problem lists it."""
    with_eves = eve_indexes(WEEK_12, EVE_WINDOW_START)

    assert with_eves == frozenset({6})


def test_problem_lists_whitsun_and_may_eves() -> None:
    """Pinseaften opens at 15:00, and 1 May, a Saturday, at 22:00 on the eve.

    17 May 2027 is also 2. pinsedag, a church holiday, so its window opens at 18:00.
    """
    afternoon = eve_indexes(WHIT_WEEK, EVE_WINDOW_START)
    late = eve_indexes(WHIT_WEEK, HIGH_DAY_WINDOW_START)

    assert afternoon == frozenset({6})
    assert late == frozenset({-9})


def test_easter_monday_off_after_good_friday(test_ward: SeededWard) -> None:
    """Whoever worked langfredag in week 12 gets no shift in the 2. påskedag window of week 13."""
    with test_ward.database.store() as store:
        good_friday_shifts = tuple(
            Assignment(employee.id, GOOD_FRIDAY, "D") for employee in test_ward.staff.values()
        )
        store.rosters.add(
            Roster(
                0,
                test_ward.unit.id,
                WEEK_12.start,
                WEEK_12.end,
                RosterStatus.PUBLISHED,
                good_friday_shifts,
            ),
            actor_id=None,
        )
        planning = build_problem(store, test_ward.unit, WEEK_13)
        context = compliance_context(store, test_ward.unit, WEEK_13)

    result = solve(planning.problem, time_limit_seconds=30, deterministic_time=5)
    assignments = assignments_from(result, planning)
    shifts = planned_shifts(assignments, dict(context.shift_types))
    sunday_breaches = [
        violation
        for violation in check_roster(shifts, context)
        if violation.rule == ViolationRule.SUNDAY_AFTER_SUNDAY
    ]

    assert result.has_roster
    assert sunday_breaches == []
    assert [shift for shift in result.assignments if shift.day == 0] == []


# ISO weeks 12 to 15 of 2027, with Easter's five red days.
EASTER_WEEKS = DateRange(dt.date(2027, 3, 22), dt.date(2027, 4, 18))


def test_averaged_sundays_solve_passes_checker(test_ward: SeededWard) -> None:
    """Under averaging, a solved roster keeps both of its conditions in the independent check."""
    averaged = RuleSettings(
        sunday_rule=SundayRule.AVERAGED, agreements=LocalAgreements(sunday_averaging=True)
    )
    with test_ward.database.store() as store:
        unit = store.organisations.set_unit_rules(test_ward.unit.id, averaged, actor_id=None)
        planning = build_problem(store, unit, EASTER_WEEKS)
        context = compliance_context(store, unit, EASTER_WEEKS)

    result = solve(planning.problem, time_limit_seconds=30, deterministic_time=1)
    shifts = planned_shifts(assignments_from(result, planning), dict(context.shift_types))
    sunday_rules = {ViolationRule.SUNDAY_AVERAGE, ViolationRule.RED_DAY_REST}
    breaches = [
        violation for violation in check_roster(shifts, context) if violation.rule in sunday_rules
    ]

    assert result.has_roster
    assert sunday_rules <= set(checked_rules(context))
    assert breaches == []


def test_night_under_way_on_the_sick_day_stays_plannable(test_ward: SeededWard) -> None:
    """«Jeg var syk i går» at 01:00 on Wednesday keeps Tuesday's night under way plannable.

    Tuesday's other shifts are blocked, but no plan or repair takes out the night that
    Kari was working when she reported, nor Monday's night, which was over by then.
    """
    kari = test_ward.staff["Kari Nordmann"]
    tuesday = PERIOD.start + dt.timedelta(days=1)
    registered = dt.datetime.combine(tuesday + dt.timedelta(days=1), dt.time(1, 0), tzinfo=OSLO)
    with test_ward.database.store() as store:
        store.absences.add_absence(
            Absence(
                0, kari.id, AbsenceKind.SICK, DateRange(tuesday, tuesday), created_at=registered
            ),
            actor_id=kari.id,
        )

    problem = problem_of(test_ward)

    assert sorted((entry.day, entry.shift_code) for entry in problem.blocked) == [
        (1, "A"),
        (1, "D"),
    ]


@pytest.mark.parametrize(
    ("hour", "blocked"),
    [
        pytest.param(9, [(1, "A"), (1, "N")], id="day shift under way"),
        pytest.param(16, [(1, "D"), (1, "N")], id="evening shift under way, day shift over"),
    ],
)
def test_started_shift_stays_plannable(
    test_ward: SeededWard, hour: int, blocked: list[tuple[int, str]]
) -> None:
    """A sick report on Tuesday during a day or evening shift keeps that shift plannable.

    The shift was partly worked, so no plan or repair takes it out. A shift that was
    over by the report was not worked, and is blocked with the shifts ahead.
    """
    kari = test_ward.staff["Kari Nordmann"]
    tuesday = PERIOD.start + dt.timedelta(days=1)
    registered = dt.datetime.combine(tuesday, dt.time(hour, 0), tzinfo=OSLO)
    with test_ward.database.store() as store:
        store.absences.add_absence(
            Absence(
                0, kari.id, AbsenceKind.SICK, DateRange(tuesday, tuesday), created_at=registered
            ),
            actor_id=kari.id,
        )

    problem = problem_of(test_ward)

    assert sorted((entry.day, entry.shift_code) for entry in problem.blocked) == blocked
