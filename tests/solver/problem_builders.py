"""Tiny solver problems for the specification tests."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from core.rules import RuleSettings
from solver.problem import CoverDemand, ShiftSpec, SolverProblem, StaffMember

MONDAY = dt.date(2026, 3, 2)
SATURDAY = dt.date(2026, 3, 7)

# 07:00–15:00, 15:00–22:00 and 22:00–07:30: an evening followed by a day leaves 9 hours.
DAY = ShiftSpec("D", "D", 7 * 60, 480, 480, 0)
EVENING = ShiftSpec("A", "A", 15 * 60, 420, 420, 60)
NIGHT = ShiftSpec("N", "N", 22 * 60, 570, 570, 480)
SHIFTS = (DAY, EVENING, NIGHT)

# Wide enough that hour targets never decide a test that is about another rule.
LOOSE_HOURS = RuleSettings(hours_tolerance_minutes=100_000)


def person(
    token: str,
    *,
    codes: Iterable[str] = ("D", "A", "N"),
    competences: Iterable[str] = (),
    target_minutes: int = 0,
) -> StaffMember:
    return StaffMember(
        token=token,
        competences=frozenset(competences),
        target_minutes=target_minutes,
        allowed_shift_codes=frozenset(codes),
    )


def demand(
    day: int,
    shift_code: str,
    minimum: int = 1,
    wanted: int | None = None,
    **competence_minimums: int,
) -> CoverDemand:
    return CoverDemand(
        day=day,
        shift_code=shift_code,
        minimum=minimum,
        wanted=minimum if wanted is None else wanted,
        competence_minimums=tuple(sorted(competence_minimums.items())),
    )


def problem(
    staff: Iterable[StaffMember],
    demands: Iterable[CoverDemand],
    *,
    days: int = 7,
    start_date: dt.date = MONDAY,
    rules: RuleSettings = LOOSE_HOURS,
    **extra: object,
) -> SolverProblem:
    return SolverProblem(
        start_date=start_date,
        days=days,
        shifts=SHIFTS,
        staff=tuple(staff),
        demands=tuple(demands),
        rules=rules,
        **extra,  # type: ignore[arg-type]
    )
