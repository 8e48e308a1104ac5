"""Repair a published roster after an absence or new unavailability, with few changes.

Order of priorities: first every hard rule and the staffing minimums, then
the fewest changed person-days, then the usual quality terms. Days before
`locked_until_day` keep what they have, except that a blocked person is taken
off. Only a pool of people is re-planned: everyone who lost a shift to a new
block, plus the colleagues best placed to cover. The others keep their
roster as it is, so their shifts count as fixed staffing and the model stays
small enough to solve in about a second.
"""

from __future__ import annotations

import dataclasses
import time
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from solver import weights
from solver.engine import ProgressCallback
from solver.model import ModelHook, RosterModel, SoftTerm
from solver.problem import (
    AssignedShift,
    CoverDemand,
    FixedShift,
    SolverProblem,
    SolverResult,
    StaffMember,
)
from solver.roster import HintValues, build_roster_model, run_roster_model

# How many colleagues, besides those who lost shifts, may be re-planned.
DEFAULT_POOL_SIZE = 8
# Days after the absence that the pool may still change, so that a new shift can
# be balanced by a later day off. Days beyond them stay as published.
DEFAULT_FREE_DAYS_AFTER_ABSENCE = 7
# CP-SAT's presolve takes longer than the whole search on a model this small
# (measured on the sample ward: 1.7 s of presolve against 1.2 s to optimal without it).
REPAIR_PARAMETERS = {"cp_model_presolve": False}


@dataclass(frozen=True, slots=True)
class RosterChange:
    """One person-day that differs from the published roster; None means a day off."""

    token: str
    day: int
    old_shift_code: str | None
    new_shift_code: str | None


@dataclass(frozen=True, slots=True)
class RepairResult:
    """The repaired roster (every person, not just the pool) and its diff to the published one."""

    result: SolverResult
    changes: tuple[RosterChange, ...]


def repair(
    problem: SolverProblem,
    published: Sequence[AssignedShift],
    *,
    locked_until_day: int = 0,
    pool_size: int = DEFAULT_POOL_SIZE,
    free_days_after_absence: int = DEFAULT_FREE_DAYS_AFTER_ABSENCE,
    time_limit_seconds: float = 5,
    workers: int = 2,
    on_progress: ProgressCallback | None = None,
) -> RepairResult:
    """Return a legal roster close to `published` for `problem` (which holds the new blocks).

    The pool may change days from `locked_until_day` up to `free_days_after_absence`
    days past the last blocked shift; their other days stay as published. When
    that leaves a gap on a day the absence hit, the repair runs once more with
    every colleague in the pool and twice the free days.
    """
    started = time.monotonic()
    by_person = _by_person(published)
    attempt = _repair_once(
        problem,
        by_person,
        locked_until_day,
        pool_size,
        free_days_after_absence,
        time_limit_seconds,
        workers,
        on_progress,
    )
    pool, hit_days, result = attempt
    hit_gaps = [gap for gap in result.gaps if gap.day in hit_days]
    remaining = time_limit_seconds - (time.monotonic() - started)
    if hit_gaps and len(pool) < len(problem.staff) and remaining > 0:
        pool, hit_days, result = _repair_once(
            problem,
            by_person,
            locked_until_day,
            len(problem.staff),
            2 * free_days_after_absence,
            remaining,
            workers,
            on_progress,
        )
    return _merge(problem, published, pool, result)


def _repair_once(
    problem: SolverProblem,
    by_person: dict[str, dict[int, str]],
    locked_until_day: int,
    pool_size: int,
    free_days_after_absence: int,
    time_limit_seconds: float,
    workers: int,
    on_progress: ProgressCallback | None,
) -> tuple[set[str], set[int], SolverResult]:
    """Return the pool, the days the absence hit and the pool's repaired roster."""
    pool, hit_days = _choose_pool(problem, by_person, locked_until_day, pool_size)
    last_free_day = max(hit_days, default=-1) + free_days_after_absence
    free_days = range(locked_until_day, min(problem.days, last_free_day + 1))
    subproblem = _subproblem(problem, by_person, pool, free_days)
    hint = _published_hint(subproblem, by_person)
    roster = build_roster_model(
        subproblem, hint=hint, on_model=_penalise_changes(by_person), complete_hint=False
    )
    result = run_roster_model(
        roster,
        time_limit_seconds=time_limit_seconds,
        workers=workers,
        on_progress=on_progress,
        parameters=REPAIR_PARAMETERS,
    )
    return pool, hit_days, result


def _by_person(published: Iterable[AssignedShift]) -> dict[str, dict[int, str]]:
    roster: dict[str, dict[int, str]] = defaultdict(dict)
    for shift in published:
        roster[shift.token][shift.day] = shift.shift_code
    return roster


def _choose_pool(
    problem: SolverProblem,
    by_person: dict[str, dict[int, str]],
    locked_until_day: int,
    pool_size: int,
) -> tuple[set[str], set[int]]:
    """Return the people who lost shifts to a block plus colleagues off then, and those days."""
    blocked = {(entry.token, entry.day, entry.shift_code) for entry in problem.blocked}
    hit_days: set[int] = set()
    pool: set[str] = set()
    for token, days in by_person.items():
        for day, code in days.items():
            if (token, day, None) in blocked or (token, day, code) in blocked:
                pool.add(token)
                hit_days.add(day)
    open_days = [day for day in sorted(hit_days) if day >= locked_until_day]
    candidates = [
        member
        for member in problem.staff
        if member.token not in pool and _is_off_on_any(by_person[member.token], open_days)
    ]
    candidates.sort(key=lambda member: _hours_share(problem, member, by_person))
    pool.update(member.token for member in candidates[:pool_size])
    return pool, hit_days


def _is_off_on_any(days: dict[int, str], open_days: list[int]) -> bool:
    return any(day not in days for day in open_days)


def _hours_share(
    problem: SolverProblem, member: StaffMember, by_person: dict[str, dict[int, str]]
) -> float:
    """Return planned over target minutes: people furthest below target come first."""
    minutes = {shift.code: shift.worked_minutes for shift in problem.shifts}
    planned = sum(minutes[code] for code in by_person[member.token].values())
    return planned / max(1, member.target_minutes)


def _subproblem(
    problem: SolverProblem,
    by_person: dict[str, dict[int, str]],
    pool: set[str],
    free_days: range,
) -> SolverProblem:
    """Return the problem restricted to the pool, with everyone else's shifts as fixed staffing."""
    staff = tuple(member for member in problem.staff if member.token in pool)
    fixed_staffing = Counter(
        (day, code)
        for token, days in by_person.items()
        if token not in pool
        for day, code in days.items()
    )
    competences = {member.token: member.competences for member in problem.staff}
    fixed_competences = Counter(
        (day, code, competence)
        for token, days in by_person.items()
        if token not in pool
        for day, code in days.items()
        for competence in competences.get(token, frozenset())
    )
    return dataclasses.replace(
        problem,
        staff=staff,
        demands=tuple(
            _reduced(demand, fixed_staffing, fixed_competences) for demand in problem.demands
        ),
        blocked=tuple(entry for entry in problem.blocked if entry.token in pool),
        wishes=tuple(wish for wish in problem.wishes if wish.token in pool),
        fixed=_locked_days(problem, by_person, pool, free_days),
        history=tuple(shift for shift in problem.history if shift.token in pool),
    )


def _reduced(
    demand: CoverDemand,
    fixed_staffing: Counter[tuple[int, str]],
    fixed_competences: Counter[tuple[int, str, str]],
) -> CoverDemand:
    staffed = fixed_staffing[(demand.day, demand.shift_code)]
    return CoverDemand(
        day=demand.day,
        shift_code=demand.shift_code,
        minimum=max(0, demand.minimum - staffed),
        wanted=max(0, demand.wanted - staffed),
        competence_minimums=tuple(
            (
                competence,
                max(0, minimum - fixed_competences[(demand.day, demand.shift_code, competence)]),
            )
            for competence, minimum in demand.competence_minimums
        ),
    )


def _locked_days(
    problem: SolverProblem,
    by_person: dict[str, dict[int, str]],
    pool: set[str],
    free_days: range,
) -> tuple[FixedShift, ...]:
    """Keep the pool's days outside `free_days`, except a blocked shift, which becomes a day off."""
    blocked = {(entry.token, entry.day, entry.shift_code) for entry in problem.blocked}
    fixed = [entry for entry in problem.fixed if entry.token in pool and entry.day in free_days]
    for token in sorted(pool):
        for day in range(problem.days):
            if day in free_days:
                continue
            code = by_person[token].get(day)
            if (token, day, None) in blocked or (token, day, code) in blocked:
                code = None
            fixed.append(FixedShift(token, day, code))
    return tuple(fixed)


def _published_hint(subproblem: SolverProblem, by_person: dict[str, dict[int, str]]) -> HintValues:
    return {
        (member.token, day, shift.code): int(by_person[member.token].get(day) == shift.code)
        for member in subproblem.staff
        for day in range(subproblem.days)
        for shift in subproblem.shifts
    }


def _penalise_changes(by_person: dict[str, dict[int, str]]) -> ModelHook:
    """Return a hook that adds a `roster_change` penalty for each person-day that differs."""

    def add_change_terms(roster: RosterModel) -> None:
        for member in roster.staff:
            for day in range(roster.problem.days):
                old_code = by_person[member.token].get(day)
                changed = roster.model.new_bool_var(f"roster_change[{member.token},{day}]")
                for code, variable in roster.shifts_on(member.token, day):
                    if code == old_code:
                        roster.model.add(changed >= 1 - variable)
                    else:
                        roster.model.add(changed >= variable)
                if old_code is not None and not any(
                    code == old_code for code, _ in roster.shifts_on(member.token, day)
                ):
                    roster.model.add(changed == 1)  # the old shift is no longer possible
                roster.add_soft_term(
                    SoftTerm(
                        "roster_change", changed, weights.ROSTER_CHANGE, token=member.token, day=day
                    )
                )

    return add_change_terms


def _merge(
    problem: SolverProblem,
    published: Sequence[AssignedShift],
    pool: set[str],
    pool_result: SolverResult,
) -> RepairResult:
    if not pool_result.has_roster:
        return RepairResult(result=pool_result, changes=())
    kept = [shift for shift in published if shift.token not in pool]
    assignments = tuple(
        sorted([*kept, *pool_result.assignments], key=lambda shift: (shift.token, shift.day))
    )
    minutes = {shift.code: shift.worked_minutes for shift in problem.shifts}
    worked = dict.fromkeys((member.token for member in problem.staff), 0)
    for shift in assignments:
        worked[shift.token] += minutes[shift.shift_code]
    result = dataclasses.replace(
        pool_result,
        assignments=assignments,
        penalties=tuple(p for p in pool_result.penalties if p.name != "roster_change"),
        worked_minutes=worked,
    )
    return RepairResult(result=result, changes=_diff(published, pool_result.assignments, pool))


def _diff(
    published: Sequence[AssignedShift], repaired: Sequence[AssignedShift], pool: set[str]
) -> tuple[RosterChange, ...]:
    old = {(shift.token, shift.day): shift.shift_code for shift in published if shift.token in pool}
    new = {(shift.token, shift.day): shift.shift_code for shift in repaired}
    changes = [
        RosterChange(token, day, old.get((token, day)), new.get((token, day)))
        for token, day in sorted(set(old) | set(new))
        if old.get((token, day)) != new.get((token, day))
    ]
    return tuple(changes)
