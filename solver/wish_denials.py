"""Why a roster denies a wish: what granting it would cost, by penalty family.

For each denied wish the roster is solved again with the wish granted, with the
wisher free for the whole period and everyone free for a few days around the
wish. The penalty family whose cost rises most is the cause. A proven
infeasible sub-model means a hard rule forbids the wish there, and a wish with
no shift variable to grant it is one the person cannot work at all.

Every solve runs on one worker with a fixed seed and a deterministic-time limit,
so the same roster gets the same causes. A cause is local: it names what
granting the wish costs near its day, and a larger re-plan could sometimes
grant it more cheaply.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Iterable

from solver.engine import EngineRun, run_model
from solver.model import RosterModel, SoftTerm
from solver.problem import (
    AssignedShift,
    SolverProblem,
    SolveStatus,
    WishDenialCause,
    WishPreference,
    WishSpec,
)
from solver.roster import build_roster_model
from solver.search import SUB_MODEL_DETERMINISTIC_TIME, SUB_MODEL_PARAMETERS

logger = logging.getLogger(__name__)

# Days on either side of the wish on which everyone is free to take over its shift.
WINDOW_DAYS = 1
# Work limit of one wish's solve, in CP-SAT's deterministic time, as for an LNS step.
WISH_DETERMINISTIC_TIME = SUB_MODEL_DETERMINISTIC_TIME
# Wall-clock cap of one solve, which only a very loaded machine reaches.
WISH_SECONDS = 10.0
# At most this many denied wishes are explained. The rest get no cause.
MAX_EXPLAINED_WISHES = 20


_CAUSE_OF_TERM = {
    "staffing_below_wanted": WishDenialCause.WANTED,
    "competence_shift_short_of_heads": WishDenialCause.COVERAGE,
    "hours_above_target": WishDenialCause.HOURS,
    "hours_below_target": WishDenialCause.HOURS,
    "hours_above_tolerance": WishDenialCause.HOURS,
    "hours_below_tolerance": WishDenialCause.HOURS,
    "wish_denied": WishDenialCause.OTHER_WISHES,
    "nights_above_fair_share": WishDenialCause.FAIRNESS,
    "evenings_above_fair_share": WishDenialCause.FAIRNESS,
    "weekend_days_above_fair_share": WishDenialCause.FAIRNESS,
    "holidays_above_fair_share": WishDenialCause.FAIRNESS,
}


def explain_denied_wishes(
    problem: SolverProblem, assignments: Iterable[AssignedShift]
) -> dict[str, WishDenialCause]:
    """Return the cause of each wish that `assignments` denies, by wish id.

    A wish gets no cause when its solve finds nothing in its work limit, when
    granting it near its day costs nothing more, or when it is beyond the first
    `MAX_EXPLAINED_WISHES`. Returns an empty dict when the roster itself breaks
    a hard rule of `problem`.
    """
    worked = {(shift.token, shift.day, shift.shift_code) for shift in assignments}
    denied = [wish for wish in problem.wishes if _is_denied(wish, worked)]
    if not denied:
        return {}
    hint = {key: 1 for key in worked}
    roster = build_roster_model(problem, hint=hint, complete_hint=False)
    baseline = _solve_around(roster, worked, wish=None)
    if not baseline.has_solution:
        logger.info("roster breaks a hard rule; denied wishes left unexplained")
        return {}
    causes = {}
    for wish in denied[:MAX_EXPLAINED_WISHES]:
        cause = _cause(roster, worked, wish, _costs_by_cause(roster, baseline, wish.wish_id))
        if cause is not None:
            causes[wish.wish_id] = cause
    return causes


def _is_denied(wish: WishSpec, worked: set[tuple[str, int, str]]) -> bool:
    works = any(
        token == wish.token and day == wish.day and (wish.shift_code in (None, code))
        for token, day, code in worked
    )
    return works if wish.preference is WishPreference.OFF else not works


def _cause(
    roster: RosterModel,
    worked: set[tuple[str, int, str]],
    wish: WishSpec,
    base_costs: Counter[WishDenialCause],
) -> WishDenialCause | None:
    if wish.preference is WishPreference.WORK and not _can_work(roster, wish):
        return WishDenialCause.UNAVAILABLE
    run = _solve_around(roster, worked, wish=wish)
    logger.debug("wish %s: %s in %.2f s", wish.wish_id, run.status, run.wall_seconds)
    if run.status is SolveStatus.INFEASIBLE:
        return WishDenialCause.RULES
    if not run.has_solution:
        return None
    rises = _costs_by_cause(roster, run, wish.wish_id)
    rises.subtract(base_costs)
    worst = max(WishDenialCause, key=lambda cause: (rises[cause], -_order(cause)))
    return worst if rises[worst] > 0 else None


def _order(cause: WishDenialCause) -> int:
    return list(WishDenialCause).index(cause)


def _can_work(roster: RosterModel, wish: WishSpec) -> bool:
    return any(
        wish.shift_code in (None, code) for code, _ in roster.shifts_on(wish.token, wish.day)
    )


def _solve_around(
    roster: RosterModel, worked: set[tuple[str, int, str]], *, wish: WishSpec | None
) -> EngineRun:
    """Solve the model with the roster fixed outside the wish's neighbourhood.

    Without a wish every shift variable is fixed, which prices the roster itself.
    """
    model = roster.model.clone()
    variables = model.proto.variables
    for (token, day, code), variable in roster.assigned.items():
        value = int((token, day, code) in worked)
        if wish is None or not _is_free(wish, token, day):
            domain = variables[variable.index].domain
            domain[0] = value
            domain[1] = value
    if wish is not None:
        denied = _denied_term(roster, wish.wish_id)
        model.add(model.get_bool_var_from_proto_index(denied.variable.index) == 0)
    return run_model(
        model,
        time_limit_seconds=WISH_SECONDS,
        workers=1,
        parameters={**SUB_MODEL_PARAMETERS, "max_deterministic_time": WISH_DETERMINISTIC_TIME},
    )


def _is_free(wish: WishSpec, token: str, day: int) -> bool:
    return token == wish.token or abs(day - wish.day) <= WINDOW_DAYS


def _denied_term(roster: RosterModel, wish_id: str) -> SoftTerm:
    return next(
        term for term in roster.soft_terms if term.name == "wish_denied" and term.wish_id == wish_id
    )


def _costs_by_cause(roster: RosterModel, run: EngineRun, wish_id: str) -> Counter[WishDenialCause]:
    """Return the run's penalty cost by cause, leaving out the wish `wish_id` itself.

    Gaps are counted from the staffing, as the result reports them, so that a
    slack left loose by a search cut short adds no phantom cost.
    """
    costs: Counter[WishDenialCause] = Counter()
    for term in roster.soft_terms:
        if term.name == "wish_denied" and term.wish_id == wish_id:
            continue
        cause = _CAUSE_OF_TERM.get(term.name, WishDenialCause.PATTERN)
        costs[cause] += run.solver.value(term.variable) * term.weight
    for gap in roster.gap_terms:
        missing = max(0, gap.minimum - run.solver.value(gap.staffed))
        costs[WishDenialCause.COVERAGE] += missing * gap.weight
    return costs
