"""A plan of whole weekends for the greedy first roster, from a small CP-SAT model.

The weekend rule leaves each person few weekends, so a weekend worked by the
wrong people is what the search later finds hardest to undo: it moves a
weekend only together with the weekday hours of two people. This model
chooses, for every person, which weekends to work and on which shift code,
with the same code on Saturday and Sunday (always legal under daily rest).
It models only the weekend rule, blocked days, allowed codes, staffing,
competence minimums and wishes. The greedy builder checks every other rule
before it takes a planned weekend.
"""

from __future__ import annotations

import logging
from collections import defaultdict

from ortools.sat.python import cp_model

from solver import weights
from solver.engine import run_model
from solver.model import RosterModel
from solver.problem import WishPreference
from solver.timeline import saturdays_of
from solver.weekends import history_works_weekend

logger = logging.getLogger(__name__)

PLAN_SECONDS = 1.0

# token → Saturday → the shift code worked on both days of that weekend.
WeekendPlan = dict[str, dict[int, str]]


def plan_weekends(roster: RosterModel) -> WeekendPlan:
    """Return the weekends each person works, or an empty plan when the model finds none."""
    problem = roster.problem
    model = cp_model.CpModel()
    saturdays = saturdays_of(problem, first_day=0, last_day=problem.days - 1)
    choices = _weekend_choices(roster, model, saturdays)
    _add_frequency(roster, model, choices)
    costs = _staffing_costs(roster, model, choices, saturdays)
    costs += _wish_costs(roster, choices)
    model.minimize(cp_model.LinearExpr.weighted_sum([c for c, _ in costs], [w for _, w in costs]))
    run = run_model(model, time_limit_seconds=PLAN_SECONDS, workers=1)
    if not run.has_solution:
        logger.info("weekend plan: %s, greedy weekends only", run.status)
        return {}
    plan: WeekendPlan = defaultdict(dict)
    for (token, saturday, code), variable in choices.items():
        if run.solver.boolean_value(variable):
            plan[token][saturday] = code
    return plan


# (token, Saturday, shift code) → true when the person works that code all weekend.
Choices = dict[tuple[str, int, str], cp_model.IntVar]


def _weekend_days(roster: RosterModel, saturday: int) -> list[int]:
    return [day for day in (saturday, saturday + 1) if 0 <= day < roster.problem.days]


def _weekend_choices(roster: RosterModel, model: cp_model.CpModel, saturdays: list[int]) -> Choices:
    choices: Choices = {}
    for member in roster.staff:
        for saturday in saturdays:
            days = _weekend_days(roster, saturday)
            options = []
            for code in sorted(member.allowed_shift_codes):
                if all((member.token, day, code) in roster.assigned for day in days):
                    variable = model.new_bool_var(f"weekend[{member.token},{saturday},{code}]")
                    choices[(member.token, saturday, code)] = variable
                    options.append(variable)
            if len(options) > 1:
                model.add_at_most_one(options)
    return choices


def _add_frequency(roster: RosterModel, model: cp_model.CpModel, choices: Choices) -> None:
    """At most one weekend in every `weekend_frequency` consecutive ones, history included."""
    problem = roster.problem
    frequency = problem.rules.weekend_frequency
    history_start = min((shift.day for shift in problem.history), default=0)
    saturdays = saturdays_of(problem, first_day=min(history_start, 0), last_day=problem.days - 1)
    by_weekend: dict[tuple[str, int], list[cp_model.IntVar]] = defaultdict(list)
    for (token, saturday, _), variable in choices.items():
        by_weekend[(token, saturday)].append(variable)
    for member in roster.staff:
        for first in range(max(1, len(saturdays) - frequency + 1)):
            window = saturdays[first : first + frequency]
            worked = sum(1 for day in window if history_works_weekend(roster, member.token, day))
            planned = [v for day in window for v in by_weekend.get((member.token, day), [])]
            if planned:
                model.add(cp_model.LinearExpr.sum(planned) <= max(0, 1 - worked))


def _staffing_costs(
    roster: RosterModel, model: cp_model.CpModel, choices: Choices, saturdays: list[int]
) -> list[tuple[cp_model.IntVar, int]]:
    """Return the shortfall variables below minimums, competences and `wanted`, with weights."""
    competences = {member.token: member.competences for member in roster.staff}
    weekend_of = {day: saturday for saturday in saturdays for day in (saturday, saturday + 1)}
    costs = []
    for demand in roster.problem.demands:
        saturday = weekend_of.get(demand.day)
        if saturday is None:
            continue
        crew = [
            (token, variable)
            for (token, day, code), variable in choices.items()
            if day == saturday and code == demand.shift_code
        ]
        staffed = cp_model.LinearExpr.sum([variable for _, variable in crew])
        missing = model.new_int_var(0, demand.minimum, "")
        model.add(staffed + missing >= demand.minimum)
        costs.append((missing, weights.MISSING_MINIMUM_HEAD))
        if demand.wanted > demand.minimum:
            missing_wanted = model.new_int_var(0, demand.wanted - demand.minimum, "")
            model.add(staffed + missing + missing_wanted >= demand.wanted)
            costs.append((missing_wanted, weights.MISSING_WANTED_HEAD))
        for competence, minimum in demand.competence_minimums:
            qualified = [variable for token, variable in crew if competence in competences[token]]
            missing_competence = model.new_int_var(0, minimum, "")
            model.add(cp_model.LinearExpr.sum(qualified) + missing_competence >= minimum)
            costs.append((missing_competence, weights.MISSING_MINIMUM_HEAD))
            # Staff the shift that lacks the competence first, as `coverage` does.
            empty_seats = model.new_int_var(0, minimum, "")
            model.add_min_equality(empty_seats, [missing, missing_competence])
            costs.append((empty_seats, weights.MISSING_HEAD_WITHOUT_COMPETENCE))
    return costs


def _wish_costs(roster: RosterModel, choices: Choices) -> list[tuple[cp_model.IntVar, int]]:
    """Return the planned weekends that deny an "off" wish, weighted like a denied wish."""
    costs = []
    for wish in roster.problem.wishes:
        if wish.preference is not WishPreference.OFF:
            continue
        for (token, planned_saturday, code), variable in choices.items():
            on_wish_day = wish.day in (planned_saturday, planned_saturday + 1)
            denies = wish.shift_code is None or wish.shift_code == code
            if token == wish.token and on_wish_day and denies:
                costs.append((variable, wish.weight * weights.WISH_WEIGHT_FACTOR))
    return costs
