"""The CP-SAT model of one roster: its shift variables and the named soft terms.

`assigned[(token, day, shift_code)]` is true when that staff member works that
shift. A variable exists only for a shift the person may work at all: an
allowed code (or a fixed one) on a day that is not blocked. Every constraint
family in the sibling modules adds to a `RosterModel`; every soft term carries
the name the result reports it under.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from solver.engine import EngineRun
from solver.problem import ShiftSpec, SolverProblem, StaffMember

ShiftKey = tuple[str, int, str]  # staff token, day index, shift code


@dataclass(frozen=True, slots=True)
class SoftTerm:
    """A penalised quantity: `variable` × `weight` enters the objective.

    The result reports a Penalty named `name` whenever the variable is positive,
    with `amount` equal to the variable's value (minutes, heads or 1 for a yes/no).
    """

    name: str
    variable: cp_model.IntVar
    weight: int
    token: str | None = None
    day: int | None = None
    wish_id: str | None = None
    shift_code: str | None = None


@dataclass(frozen=True, slots=True)
class GapTerm:
    """Heads missing below a staffing or competence minimum on one shift.

    The result counts the gap from `staffed` and `minimum`, not from the slack
    variable, so a non-optimal solution with a loose slack reports no phantom gap.
    """

    variable: cp_model.IntVar
    weight: int
    day: int
    shift_code: str
    minimum: int
    staffed: cp_model.LinearExpr
    competence: str | None = None


@dataclass
class RosterModel:
    problem: SolverProblem
    model: cp_model.CpModel = field(default_factory=cp_model.CpModel)
    assigned: dict[ShiftKey, cp_model.IntVar] = field(default_factory=dict)
    soft_terms: list[SoftTerm] = field(default_factory=list)
    gap_terms: list[GapTerm] = field(default_factory=list)
    _by_person_day: dict[tuple[str, int], list[tuple[str, cp_model.IntVar]]] = field(
        default_factory=lambda: defaultdict(list)
    )

    _shifts_by_code: dict[str, ShiftSpec] = field(default_factory=dict)
    # A legal roster of this model found before the main search, if any.
    warm_start: EngineRun | None = None
    # The objective of the hinted roster itself, when it keeps every hard rule.
    hint_objective: float | None = None

    @property
    def shifts_by_code(self) -> dict[str, ShiftSpec]:
        if not self._shifts_by_code:
            self._shifts_by_code = {shift.code: shift for shift in self.problem.shifts}
        return self._shifts_by_code

    @property
    def staff(self) -> tuple[StaffMember, ...]:
        return self.problem.staff

    def add_shift_variable(self, token: str, day: int, shift_code: str) -> cp_model.IntVar:
        variable = self.model.new_bool_var(f"works[{token},{day},{shift_code}]")
        self.assigned[(token, day, shift_code)] = variable
        self._by_person_day[(token, day)].append((shift_code, variable))
        return variable

    def shifts_on(self, token: str, day: int) -> list[tuple[str, cp_model.IntVar]]:
        """Return (shift code, variable) for every shift the person could work on `day`."""
        return self._by_person_day.get((token, day), [])

    def works_on(self, token: str, day: int) -> cp_model.LinearExpr:
        """Return 1 when the person works any shift starting on `day`, else 0."""
        return cp_model.LinearExpr.sum([variable for _, variable in self.shifts_on(token, day)])

    def add_soft_term(self, term: SoftTerm) -> None:
        self.soft_terms.append(term)

    def add_gap_term(self, term: GapTerm) -> None:
        self.gap_terms.append(term)

    def objective(self) -> cp_model.LinearExpr:
        variables = [term.variable for term in self.soft_terms]
        variables += [term.variable for term in self.gap_terms]
        term_weights = [term.weight for term in self.soft_terms]
        term_weights += [term.weight for term in self.gap_terms]
        return cp_model.LinearExpr.weighted_sum(variables, term_weights)


# Adds constraints or soft terms to a built model before its objective is set.
ModelHook = Callable[[RosterModel], None]
