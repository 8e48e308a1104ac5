"""Checks that a SolverProblem is well formed before a model is built from it.

A malformed problem (an unknown token or shift code, a day outside the period)
is a bug in the caller, so it raises. A well-formed problem that no roster can
satisfy is not an error: the solver returns INFEASIBLE or coverage gaps for it.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from solver.problem import HOLIDAY_DAYS_AFTER, HOLIDAY_DAYS_BEFORE, SolverProblem
from solver.timeline import MINUTES_PER_DAY, SUNDAY, weekday_of

# Tokens are opaque ids such as "P007". Spaces and "@" are refused because they
# are the marks of a name or an e-mail address that slipped through pseudonymisation.
TOKEN_PATTERN = re.compile(r"[A-Za-z0-9_.:-]{1,64}")
SHIFT_KINDS = frozenset({"D", "A", "N", "L"})


class InvalidProblemError(ValueError):
    """The problem refers to unknown tokens, codes or days, or has impossible values."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("invalid solver problem: " + "; ".join(problems))


def check_problem(problem: SolverProblem) -> None:
    """Raise InvalidProblemError listing every malformed part of `problem`."""
    problems = [
        *_period_problems(problem),
        *_eve_problems(problem),
        *_shift_problems(problem),
        *_staff_problems(problem),
        *_demand_problems(problem),
        *_blocked_problems(problem),
        *_wish_problems(problem),
        *_fixed_problems(problem),
        *_history_problems(problem),
        *_start_roster_problems(problem),
    ]
    if problems:
        raise InvalidProblemError(problems)
    problem.rules.validate()


def _period_problems(problem: SolverProblem) -> Iterable[str]:
    if problem.days < 1:
        yield f"days must be at least 1, got {problem.days}"
    first_day, last_day = _calendar_days(problem)
    for day in problem.public_holidays:
        if not first_day <= day <= last_day:
            yield f"public holiday day {day} is outside {first_day}..{last_day}"


def _eve_problems(problem: SolverProblem) -> Iterable[str]:
    """Yield what is wrong with the red days whose Sunday-work window opens at 15:00 or 22:00.

    The model reads an eve day only as the first red day of a run, so a day that is
    neither a Sunday nor a public holiday would be ignored without a word.
    """
    first_day, last_day = _calendar_days(problem)
    eve_fields = (
        ("afternoon eve day", "afternoon_eve_days", problem.afternoon_eve_days),
        ("late eve day", "late_eve_days", problem.late_eve_days),
    )
    for label, field_name, days in eve_fields:
        for day in sorted(days):
            if not first_day <= day <= last_day:
                yield f"{label} {day} is outside {first_day}..{last_day}, as public_holidays"
            elif day not in problem.public_holidays and weekday_of(problem, day) != SUNDAY:
                yield (
                    f"{label} {day} is neither a Sunday nor in public_holidays, so no Sunday-work "
                    f"window opens on its eve. List only red days in {field_name}"
                )
    for day in sorted(problem.afternoon_eve_days & problem.late_eve_days):
        yield (
            f"day {day} is in both afternoon_eve_days (window from 15:00) and late_eve_days "
            "(window from 22:00). List it in one of them"
        )


def _calendar_days(problem: SolverProblem) -> tuple[int, int]:
    """Return the first and last day index of the problem's calendar of red days."""
    return -HOLIDAY_DAYS_BEFORE, problem.days - 1 + HOLIDAY_DAYS_AFTER


def _shift_problems(problem: SolverProblem) -> Iterable[str]:
    yield from _duplicates("shift code", [shift.code for shift in problem.shifts])
    for shift in problem.shifts:
        if shift.kind not in SHIFT_KINDS:
            yield f"shift {shift.code!r} has kind {shift.kind!r}, expected one of D, A, N, L"
        if not 0 <= shift.start_minute < MINUTES_PER_DAY:
            yield f"shift {shift.code!r} starts at minute {shift.start_minute}, expected 0..1439"
        if not 0 < shift.duration_minutes <= MINUTES_PER_DAY:
            yield f"shift {shift.code!r} lasts {shift.duration_minutes} minutes, expected 1..1440"
        if shift.worked_minutes < 0 or shift.night_minutes < 0:
            yield f"shift {shift.code!r} has negative worked or night minutes"


def _staff_problems(problem: SolverProblem) -> Iterable[str]:
    codes = _shift_codes(problem)
    yield from _duplicates("staff token", [member.token for member in problem.staff])
    for member in problem.staff:
        if not TOKEN_PATTERN.fullmatch(member.token):
            yield f"staff token {member.token!r} is not an opaque id (letters, digits, _.:-)"
        if member.target_minutes < 0:
            yield f"staff {member.token} has negative target_minutes {member.target_minutes}"
        for code in sorted(member.allowed_shift_codes - codes):
            yield f"staff {member.token} is allowed unknown shift code {code!r}"


def _demand_problems(problem: SolverProblem) -> Iterable[str]:
    codes = _shift_codes(problem)
    yield from _duplicates(
        "demand", [f"day {demand.day} {demand.shift_code}" for demand in problem.demands]
    )
    for demand in problem.demands:
        where = f"demand on day {demand.day} for {demand.shift_code!r}"
        yield from _day_problem(problem, demand.day, where)
        if demand.shift_code not in codes:
            yield f"{where} names an unknown shift code"
        if not 0 <= demand.minimum <= demand.wanted:
            yield f"{where} needs 0 ≤ minimum ≤ wanted, got {demand.minimum} and {demand.wanted}"
        for competence, minimum in demand.competence_minimums:
            if minimum < 0:
                yield f"{where} has a negative minimum for competence {competence!r}"


def _blocked_problems(problem: SolverProblem) -> Iterable[str]:
    for blocked in problem.blocked:
        where = f"blocked day {blocked.day} of {blocked.token}"
        yield from _reference_problems(problem, blocked.token, blocked.shift_code, where)
        yield from _day_problem(problem, blocked.day, where)


def _wish_problems(problem: SolverProblem) -> Iterable[str]:
    yield from _duplicates("wish id", [wish.wish_id for wish in problem.wishes])
    for wish in problem.wishes:
        where = f"wish {wish.wish_id}"
        yield from _reference_problems(problem, wish.token, wish.shift_code, where)
        yield from _day_problem(problem, wish.day, where)
        if wish.weight < 0:
            yield f"{where} has a negative weight {wish.weight}"


def _fixed_problems(problem: SolverProblem) -> Iterable[str]:
    yield from _duplicates(
        "fixed day", [f"{fixed.token} day {fixed.day}" for fixed in problem.fixed]
    )
    for fixed in problem.fixed:
        where = f"fixed day {fixed.day} of {fixed.token}"
        yield from _reference_problems(problem, fixed.token, fixed.shift_code, where)
        yield from _day_problem(problem, fixed.day, where)


def _history_problems(problem: SolverProblem) -> Iterable[str]:
    yield from _duplicates(
        "history day", [f"{shift.token} day {shift.day}" for shift in problem.history]
    )
    for shift in problem.history:
        where = f"history shift on day {shift.day} of {shift.token}"
        yield from _reference_problems(problem, shift.token, shift.shift_code, where)
        if shift.day >= 0:
            yield f"{where} must lie before the period (day < 0)"


def _start_roster_problems(problem: SolverProblem) -> Iterable[str]:
    yield from _duplicates(
        "start roster day", [f"{shift.token} day {shift.day}" for shift in problem.start_roster]
    )
    for shift in problem.start_roster:
        where = f"start roster shift on day {shift.day} of {shift.token}"
        yield from _reference_problems(problem, shift.token, shift.shift_code, where)
        yield from _day_problem(problem, shift.day, where)


def _reference_problems(
    problem: SolverProblem, token: str, shift_code: str | None, where: str
) -> Iterable[str]:
    if token not in {member.token for member in problem.staff}:
        yield f"{where} names an unknown staff token {token!r}"
    if shift_code is not None and shift_code not in _shift_codes(problem):
        yield f"{where} names an unknown shift code {shift_code!r}"


def _day_problem(problem: SolverProblem, day: int, where: str) -> Iterable[str]:
    if not 0 <= day < problem.days:
        yield f"{where} is outside the period 0..{problem.days - 1}"


def _duplicates(what: str, values: list[str]) -> Iterable[str]:
    for value, count in sorted(Counter(values).items()):
        if count > 1:
            yield f"{what} {value!r} appears {count} times"


def _shift_codes(problem: SolverProblem) -> set[str]:
    return {shift.code for shift in problem.shifts}
