"""Staffing per shift from the unit's bemanningsplan: minimum, competences and wanted.

No law sets a staffing ratio: a sound service (helse- og omsorgstjenesteloven
§4-1, spesialisthelsetjenesteloven §2-2) is put into numbers by each employer's
bemanningsplan and competence rules. A shortfall below a minimum is therefore
allowed only as a heavily penalised slack, which the result reports as a
CoverageGap, so that the planner sees exactly which shift is short.
"""

from __future__ import annotations

from collections import defaultdict

from ortools.sat.python import cp_model

from solver import weights
from solver.model import GapTerm, RosterModel, SoftTerm
from solver.problem import CoverDemand

# Penalty name of the heads missing on a shift that also lacks a required competence.
COMPETENCE_SHIFT_SHORT_OF_HEADS = "competence_shift_short_of_heads"

# (day, shift code) → (token, variable) of everyone who could work that shift.
ShiftCrew = dict[tuple[int, str], list[tuple[str, cp_model.IntVar]]]


def add_staffing(roster: RosterModel) -> None:
    """Each shift has `minimum` people, or a reported gap; heads short of `wanted` cost less.

    The wanted slack counts only heads between the minimum and `wanted`, because
    heads below the minimum are already paid for as a gap.
    """
    crews = _crews(roster)
    for demand in roster.problem.demands:
        staffed = _staffed(roster, crews, demand, competence=None)
        missing_minimum = roster.model.new_int_var(
            0, demand.minimum, f"missing_minimum[{demand.day},{demand.shift_code}]"
        )
        roster.model.add(staffed + missing_minimum >= demand.minimum)
        roster.add_gap_term(
            GapTerm(
                missing_minimum,
                weights.MISSING_MINIMUM_HEAD,
                demand.day,
                demand.shift_code,
                demand.minimum,
                staffed,
            )
        )
        _add_wanted_slack(roster, demand, staffed + missing_minimum)


def add_competence_minimums(roster: RosterModel) -> None:
    """Each shift has at least the required number of people with each competence.

    Example: at least one sykepleier, or one person with medication delegation
    (legemiddelhåndteringsforskriften), on every shift.
    """
    crews = _crews(roster)
    for demand in roster.problem.demands:
        for competence, minimum in demand.competence_minimums:
            if minimum == 0:
                continue
            staffed = _staffed(roster, crews, demand, competence=competence)
            missing = roster.model.new_int_var(
                0, minimum, f"missing_competence[{demand.day},{demand.shift_code},{competence}]"
            )
            roster.model.add(staffed + missing >= minimum)
            roster.add_gap_term(
                GapTerm(
                    missing,
                    weights.MISSING_MINIMUM_HEAD,
                    demand.day,
                    demand.shift_code,
                    minimum,
                    staffed,
                    competence=competence,
                )
            )
            _add_empty_competence_seats(roster, crews, demand, competence, missing)


def _add_empty_competence_seats(
    roster: RosterModel,
    crews: ShiftCrew,
    demand: CoverDemand,
    competence: str,
    missing_competence: cp_model.IntVar,
) -> None:
    """Penalise heads missing on a shift that also lacks a required competence.

    An empty shift costs a missing head and a missing competence, and a shift
    staffed without the competence costs the competence alone. So when no one
    with the competence is free, staffing that shift and leaving another one
    empty costs the same as the other way round. Without this term the lower
    tiers break the tie, and they leave the night empty, because every night
    worked costs a fair-share penalty. A person without the competence can
    still care for the residents and call for help, so a shift short of its
    competence should at least have its heads. The gap in the competence is
    still reported.
    """
    name = f"{demand.day},{demand.shift_code},{competence}"
    staffed = _staffed(roster, crews, demand, competence=None)
    missing_heads = roster.model.new_int_var(0, demand.minimum, f"missing_heads[{name}]")
    roster.model.add(staffed + missing_heads >= demand.minimum)
    empty_seats = roster.model.new_int_var(0, demand.minimum, f"empty_competence_seats[{name}]")
    roster.model.add_min_equality(empty_seats, [missing_heads, missing_competence])
    roster.add_soft_term(
        SoftTerm(
            COMPETENCE_SHIFT_SHORT_OF_HEADS,
            empty_seats,
            weights.MISSING_HEAD_WITHOUT_COMPETENCE,
            day=demand.day,
            shift_code=demand.shift_code,
        )
    )


def _add_wanted_slack(
    roster: RosterModel, demand: CoverDemand, staffed_or_excused: cp_model.LinearExpr
) -> None:
    extra_wanted = demand.wanted - demand.minimum
    if extra_wanted == 0:
        return
    missing = roster.model.new_int_var(
        0, extra_wanted, f"missing_wanted[{demand.day},{demand.shift_code}]"
    )
    roster.model.add(staffed_or_excused + missing >= demand.wanted)
    roster.add_soft_term(
        SoftTerm(
            "staffing_below_wanted",
            missing,
            weights.MISSING_WANTED_HEAD,
            day=demand.day,
            shift_code=demand.shift_code,
        )
    )


def _crews(roster: RosterModel) -> ShiftCrew:
    crews: ShiftCrew = defaultdict(list)
    for (token, day, shift_code), variable in roster.assigned.items():
        crews[(day, shift_code)].append((token, variable))
    return crews


def _staffed(
    roster: RosterModel, crews: ShiftCrew, demand: CoverDemand, *, competence: str | None
) -> cp_model.LinearExpr:
    competences = {member.token: member.competences for member in roster.staff}
    return cp_model.LinearExpr.sum(
        [
            variable
            for token, variable in crews.get((demand.day, demand.shift_code), [])
            if competence is None or competence in competences[token]
        ]
    )
