"""Turn solved variable values into a SolverResult."""

from __future__ import annotations

from solver.engine import EngineRun
from solver.model import RosterModel
from solver.problem import AssignedShift, CoverageGap, Penalty, SolverResult


def result_from_run(roster: RosterModel, run: EngineRun, *, wall_seconds: float) -> SolverResult:
    """Return the roster, gaps and named penalties of a run, or its status alone if it has none."""
    if not run.has_solution:
        return SolverResult(status=run.status, wall_seconds=wall_seconds)
    assignments = _assignments(roster, run)
    return SolverResult(
        status=run.status,
        assignments=assignments,
        gaps=_gaps(roster, run),
        penalties=_penalties(roster, run),
        objective=run.objective,
        bound=run.bound,
        wall_seconds=wall_seconds,
        worked_minutes=_worked_minutes(roster, assignments),
        granted_wish_ids=_granted_wishes(roster, run),
    )


def _assignments(roster: RosterModel, run: EngineRun) -> tuple[AssignedShift, ...]:
    chosen = [
        AssignedShift(token, day, shift_code)
        for (token, day, shift_code), variable in roster.assigned.items()
        if run.solver.boolean_value(variable)
    ]
    return tuple(sorted(chosen, key=lambda shift: (shift.token, shift.day)))


def _gaps(roster: RosterModel, run: EngineRun) -> tuple[CoverageGap, ...]:
    gaps = []
    for term in roster.gap_terms:
        missing = term.minimum - run.solver.value(term.staffed)
        if missing > 0:
            gaps.append(CoverageGap(term.day, term.shift_code, missing, term.competence))
    return tuple(gaps)


def _penalties(roster: RosterModel, run: EngineRun) -> tuple[Penalty, ...]:
    penalties = []
    for term in roster.soft_terms:
        amount = run.solver.value(term.variable)
        if amount > 0:
            penalties.append(
                Penalty(
                    name=term.name,
                    cost=amount * term.weight,
                    token=term.token,
                    day=term.day,
                    wish_id=term.wish_id,
                    shift_code=term.shift_code,
                    amount=amount,
                )
            )
    return tuple(penalties)


def _worked_minutes(roster: RosterModel, assignments: tuple[AssignedShift, ...]) -> dict[str, int]:
    shifts = roster.shifts_by_code
    minutes = {member.token: 0 for member in roster.staff}
    for assignment in assignments:
        minutes[assignment.token] += shifts[assignment.shift_code].worked_minutes
    return minutes


def _granted_wishes(roster: RosterModel, run: EngineRun) -> tuple[str, ...]:
    denied = {
        term.wish_id
        for term in roster.soft_terms
        if term.name == "wish_denied" and run.solver.value(term.variable) > 0
    }
    return tuple(wish.wish_id for wish in roster.problem.wishes if wish.wish_id not in denied)
