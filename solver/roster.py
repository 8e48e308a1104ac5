"""Build the roster model of a SolverProblem and solve it: the solver's public entry point."""

from __future__ import annotations

import dataclasses
import logging
import threading
import time
from collections.abc import Mapping

from solver import (
    availability,
    construction,
    coverage,
    hours,
    patterns,
    rest,
    sequences,
    sundays,
    weekends,
    wishes,
    workload,
)
from solver.engine import EngineRun, Progress, ProgressCallback, configure_solver, run_model
from solver.extraction import result_from_run
from solver.hours import HoursBand
from solver.model import ModelHook, RosterModel, ShiftKey
from solver.problem import SolverProblem, SolverResult, SolveStatus
from solver.search import search_roster
from solver.validation import check_problem

logger = logging.getLogger(__name__)

# The hint is completed (slacks and helper literals) by a short solve with most
# shift variables fixed; this caps that solve.
HINT_COMPLETION_SECONDS = 2.0
# In a repeatable solve the completion stops on this much deterministic time
# instead, and the wall-clock cap is only a safeguard for a very loaded machine.
HINT_COMPLETION_DETERMINISTIC_TIME = 1.0
REPEATABLE_HINT_COMPLETION_SECONDS = 20.0
# People freed for each shift that the hinted roster leaves below its minimum, and
# in all, in the second completion. On the 40-person sample ward the greedy roster
# left a Friday evening two short. Freeing the three furthest below their target
# filled it, where freeing the first three tokens moved the gap to two nights.
GAP_CREW_PEOPLE = 3
MAX_GAP_CREW_PEOPLE = 9

# The CP-SAT search gets at least this long, even when building the model used up the limit.
MIN_SEARCH_SECONDS = 0.5

HintValues = dict[ShiftKey, int]


def build_roster_model(
    problem: SolverProblem,
    band: HoursBand = HoursBand.SOFT,
    hint: HintValues | None = None,
    on_model: ModelHook | None = None,
    *,
    complete_hint: bool = True,
    repeatable: bool = False,
) -> RosterModel:
    """Return the CP-SAT model of `problem` with every constraint family and the objective.

    `on_model` may add terms before the objective is set. The model is hinted
    with `hint`, or with a greedy roster when `hint` is None. Completing the
    hint to all variables costs one or two short solves, which a small model
    such as a repair does not need. A completed hint fixes the shift variables
    that `hint` leaves out to 0. With `repeatable`, the completion stops on work
    rather than on the clock.
    """
    roster = RosterModel(problem)
    availability.add_shift_variables(roster)
    availability.add_one_shift_per_day(roster)
    availability.add_fixed_days(roster)
    _add_hard_rules(roster, band)
    _add_soft_rules(roster)
    if on_model is not None:
        on_model(roster)
    roster.model.minimize(roster.objective())
    chosen_hint = construction.build_hint(roster) if hint is None else hint
    if complete_hint:
        _add_complete_hint(roster, chosen_hint, repeatable=repeatable)
    else:
        _add_shift_hint(roster, chosen_hint)
    return roster


def _add_hard_rules(roster: RosterModel, band: HoursBand) -> None:
    """Add every legal and contractual limit; each helper cites its source."""
    rest.add_daily_rest(roster)
    rest.add_weekly_rest(roster)
    rest.add_rest_after_night_runs(roster)
    workload.add_max_work_per_24_hours(roster)
    workload.add_max_week_minutes(roster)
    workload.add_average_week_minutes(roster)
    workload.add_night_worker_limit(roster)
    sequences.add_max_consecutive_days(roster)
    sequences.add_max_consecutive_nights(roster)
    weekends.add_weekend_frequency(roster)
    sundays.add_sunday_rule(roster)
    coverage.add_staffing(roster)
    coverage.add_competence_minimums(roster)
    hours.add_hours_band(roster, band)


def _add_soft_rules(roster: RosterModel) -> None:
    """Add the penalised preferences, from hours and wishes down to pattern quality."""
    hours.add_hours_deviation(roster)
    wishes.add_wishes(roster)
    weekends.add_whole_weekends(roster)
    patterns.add_quick_return_penalty(roster)
    patterns.add_isolated_day_penalty(roster)
    patterns.add_fair_spread(roster)


def solve(
    problem: SolverProblem,
    *,
    time_limit_seconds: float = 30,
    workers: int = 2,
    on_progress: ProgressCallback | None = None,
    cancel: threading.Event | None = None,
    hours_band: HoursBand = HoursBand.SOFT,
    deterministic_time: float | None = None,
) -> SolverResult:
    """Return the best roster found for `problem` within the time limit.

    Raises InvalidProblemError for a malformed problem and RuleAgreementError for
    rules looser than the law without a recorded agreement. A problem no roster
    can satisfy returns INFEASIBLE, and uncoverable shifts come back as gaps.

    By default the hours band (target ± tolerance) costs 10 000 per minute
    outside it, more than anything but a coverage gap, and each breach is
    reported as an `hours_below_tolerance` or `hours_above_tolerance` penalty.
    `HoursBand.HARD` forbids any breach and may then return INFEASIBLE.

    With `deterministic_time`, the search stops on that much of CP-SAT's
    deterministic time instead of the clock, so the same problem gives the same
    roster (see `solver.search`). `time_limit_seconds` then only caps the wall
    time, and the result is `work_limited` unless that cap or `cancel` ended it.
    NOTE: the weekend plan of the greedy start stays limited by wall time. It ends
    in well under its limit on the sample and demo wards, but a much larger ward
    could make it cut short and differ.

    With a `start_roster` in `problem`, the search starts from that roster instead
    of a greedy one, and `start_objective` of the result is its cost, so the caller
    can tell whether the search improved it.
    """
    check_problem(problem)
    configure_solver(time_limit_seconds=time_limit_seconds, workers=workers)  # checks the options
    started = time.monotonic()
    report = _rebased(on_progress, started)
    roster = build_roster_model(
        problem,
        hours_band,
        hint=_start_hint(problem),
        repeatable=deterministic_time is not None,
    )
    run = search_roster(
        roster,
        time_limit_seconds=_remaining(started, time_limit_seconds),
        workers=workers,
        on_progress=report,
        cancel=cancel,
        deterministic_time=deterministic_time,
    )
    if not run.has_solution and run.status is SolveStatus.NO_SOLUTION_IN_TIME:
        # CP-SAT found nothing in time (or was cancelled first): keep the greedy roster.
        run = roster.warm_start or run
    result = _result(roster, run, started)
    cut_short = run.cancelled or time.monotonic() - started >= time_limit_seconds
    if deterministic_time is not None and not cut_short:
        result = dataclasses.replace(result, work_limited=True)
    if problem.start_roster:
        result = dataclasses.replace(result, start_objective=roster.hint_objective)
    return result


def _start_hint(problem: SolverProblem) -> HintValues | None:
    """Return the problem's start roster as a hint, or None to build a greedy one."""
    if not problem.start_roster:
        return None
    return {(shift.token, shift.day, shift.shift_code): 1 for shift in problem.start_roster}


def _rebased(on_progress: ProgressCallback | None, started: float) -> ProgressCallback | None:
    """Return a callback that reports wall time from the start of `solve`, not of CP-SAT."""
    if on_progress is None:
        return None

    def report(progress: Progress) -> None:
        on_progress(dataclasses.replace(progress, wall_seconds=time.monotonic() - started))

    return report


def run_roster_model(
    roster: RosterModel,
    *,
    time_limit_seconds: float,
    workers: int = 2,
    on_progress: ProgressCallback | None = None,
    cancel: threading.Event | None = None,
    parameters: Mapping[str, object] | None = None,
) -> SolverResult:
    """Solve an already built roster model and return its result.

    `parameters` sets further CP-SAT SatParameters fields by name.
    """
    started = time.monotonic()
    run = _run(roster, time_limit_seconds, workers, on_progress, cancel, parameters)
    return _result(roster, run, started)


def _solution_values(roster: RosterModel, run: EngineRun) -> HintValues:
    return {
        key: int(run.solver.boolean_value(variable)) for key, variable in roster.assigned.items()
    }


def _add_complete_hint(roster: RosterModel, hint: HintValues, *, repeatable: bool) -> None:
    """Hint every variable, so that CP-SAT starts from the hinted roster as a first solution.

    A hint of the shift variables alone leaves CP-SAT to guess the rest and often
    lose the roster. Solving a copy of the model with the shift variables fixed
    yields values for all variables. Then people whose hours fall outside their
    band, and a few who could fill a shift left below its minimum, are freed in a
    second short solve that starts from those values, because CP-SAT's own search
    is slow to rearrange one person's shifts. If the first
    copy has no solution, only the shift variables are hinted. The first copy's
    objective is the hinted roster's own, kept as `roster.hint_objective` when
    the roster has a variable for every shift it names.
    """
    completed = _complete(roster, hint, flexible=set(), start=None, repeatable=repeatable)
    if completed is None:
        logger.info("hinted roster breaks a hard rule; hinting shift variables only")
        _add_shift_hint(roster, hint)
        return
    if all(key in roster.assigned for key, value in hint.items() if value):
        roster.hint_objective = completed[1].objective
    flexible = _outside_band(roster, hint) | _gap_crews(roster, hint, completed[0])
    if flexible:
        completed = (
            _complete(roster, hint, flexible=flexible, start=completed[0], repeatable=repeatable)
            or completed
        )
    values, probe_run = completed
    for index, value in enumerate(values):
        roster.model.add_hint(roster.model.get_int_var_from_proto_index(index), value)
    # The probe's solution is a legal roster of this model, kept as a fallback.
    roster.warm_start = dataclasses.replace(probe_run, status=SolveStatus.FEASIBLE, bound=None)


def _add_shift_hint(roster: RosterModel, hint: HintValues) -> None:
    for key, value in hint.items():
        if key in roster.assigned:
            roster.model.add_hint(roster.assigned[key], value)


def _complete(
    roster: RosterModel,
    hint: HintValues,
    *,
    flexible: set[str],
    start: list[int] | None,
    repeatable: bool,
) -> tuple[list[int], EngineRun] | None:
    """Return values of all variables with the hint fixed outside `flexible`, and the run.

    A shift variable that `hint` leaves out is fixed to 0. Returns None when that
    copy of the model has no solution in time.
    """
    probe = roster.model.clone()
    for key, variable in roster.assigned.items():
        if key[0] not in flexible:
            probe.add(probe.get_bool_var_from_proto_index(variable.index) == hint.get(key, 0))
    for index, value in enumerate(start or []):
        probe.add_hint(probe.get_int_var_from_proto_index(index), value)
    if repeatable:
        run = run_model(
            probe,
            time_limit_seconds=REPEATABLE_HINT_COMPLETION_SECONDS,
            workers=1,
            parameters={"max_deterministic_time": HINT_COMPLETION_DETERMINISTIC_TIME},
        )
    else:
        run = run_model(probe, time_limit_seconds=HINT_COMPLETION_SECONDS, workers=1)
    if not run.has_solution:
        return None
    count = len(roster.model.proto.variables)
    values = [run.solver.value(probe.get_int_var_from_proto_index(index)) for index in range(count)]
    return values, run


def _gap_crews(roster: RosterModel, hint: HintValues, values: list[int]) -> set[str]:
    """Return a few people who could work a shift left below its minimum but do not.

    A greedy roster sometimes leaves a shift short that a small exchange fills, and
    freeing these people lets the second completion find it. Up to `GAP_CREW_PEOPLE`
    are taken for each short shift, and `MAX_GAP_CREW_PEOPLE` in all, so the
    completion stays a small model.
    """
    short = {
        (term.day, term.shift_code) for term in roster.gap_terms if values[term.variable.index] > 0
    }
    crews: dict[tuple[int, str], list[str]] = {shift: [] for shift in sorted(short)}
    for token, day, shift_code in roster.assigned:
        crew = crews.get((day, shift_code))
        if crew is not None and not hint.get((token, day, shift_code), 0):
            crew.append(token)
    planned = _planned_minutes(roster, hint)
    targets = {member.token: member.target_minutes for member in roster.staff}
    tokens: set[str] = set()
    for crew in crews.values():
        # Those furthest below their target first, because the shift brings them closer.
        crew.sort(key=lambda token: (planned[token] - targets[token], token))
        tokens.update(crew[:GAP_CREW_PEOPLE])
    return set(
        sorted(tokens, key=lambda token: planned[token] - targets[token])[:MAX_GAP_CREW_PEOPLE]
    )


def _planned_minutes(roster: RosterModel, hint: HintValues) -> dict[str, int]:
    shifts = roster.shifts_by_code
    planned = dict.fromkeys((member.token for member in roster.staff), 0)
    for (token, day, shift_code), value in hint.items():
        if (token, day, shift_code) in roster.assigned:
            planned[token] += value * shifts[shift_code].worked_minutes
    return planned


def _outside_band(roster: RosterModel, hint: HintValues) -> set[str]:
    planned = _planned_minutes(roster, hint)
    tolerance = roster.problem.rules.hours_tolerance_minutes
    return {
        member.token
        for member in roster.staff
        if abs(planned[member.token] - member.target_minutes) > tolerance
    }


def _remaining(started: float, time_limit_seconds: float) -> float:
    spent = time.monotonic() - started
    return max(MIN_SEARCH_SECONDS, time_limit_seconds - spent)


def _result(roster: RosterModel, run: EngineRun, started: float) -> SolverResult:
    result = result_from_run(roster, run, wall_seconds=time.monotonic() - started)
    logger.info(
        "solved %d staff × %d days: %s, objective %s, bound %s, %.2f s",
        len(roster.problem.staff),
        roster.problem.days,
        result.status,
        result.objective,
        result.bound,
        result.wall_seconds,
    )
    return result


def _run(
    roster: RosterModel,
    time_limit_seconds: float,
    workers: int,
    on_progress: ProgressCallback | None,
    cancel: threading.Event | None,
    parameters: Mapping[str, object] | None = None,
) -> EngineRun:
    return run_model(
        roster.model,
        time_limit_seconds=time_limit_seconds,
        workers=workers,
        on_progress=on_progress,
        cancel=cancel,
        parameters=parameters,
    )
