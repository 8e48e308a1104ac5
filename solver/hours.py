"""Planned hours against each person's target (stillingsprosent × weekly norm × weeks).

The target comes from the weekly norm of the unit's rotation type (KS HTA §4.2:
35.5 h for turnus, 33.6 h helkontinuerlig, 37.5 h day work) scaled by the
position size; the core computes it. The allowed difference over the period is
the unit's `hours_tolerance_minutes` (a local timebank rule).
"""

from __future__ import annotations

import math
from enum import StrEnum

from ortools.sat.python import cp_model

from solver import weights
from solver.model import RosterModel, SoftTerm
from solver.problem import StaffMember

# Names of the penalties for minutes outside target ± tolerance under a soft band.
BAND_PENALTIES = frozenset({"hours_above_tolerance", "hours_below_tolerance"})


class HoursBand(StrEnum):
    """How the tolerance band around the target is enforced."""

    # Planned minutes must stay within target ± tolerance.
    HARD = "hard"
    # Minutes outside the band are allowed at a price just below a coverage gap.
    SOFT = "soft"


def worked_minutes(roster: RosterModel, token: str) -> cp_model.LinearExpr:
    shifts = roster.shifts_by_code
    variables = []
    minutes = []
    for day in range(roster.problem.days):
        for shift_code, variable in roster.shifts_on(token, day):
            variables.append(variable)
            minutes.append(shifts[shift_code].worked_minutes)
    return cp_model.LinearExpr.weighted_sum(variables, minutes)


def add_hours_band(roster: RosterModel, band: HoursBand) -> None:
    """Keep planned minutes within `target ± hours_tolerance_minutes` for each person.

    The band is hard by default. A person whose non-blocked days cannot hold the
    lower edge even with the longest allowed shift every day gets a soft lower
    edge from the start. `HoursBand.SOFT` softens both edges for everyone and is
    used only after the hard model proved infeasible.
    """
    tolerance = roster.problem.rules.hours_tolerance_minutes
    for member in roster.staff:
        planned = worked_minutes(roster, member.token)
        upper = member.target_minutes + tolerance
        lower = max(0, member.target_minutes - tolerance)
        if band is HoursBand.HARD:
            roster.model.add(planned <= upper)
        else:
            _add_band_slack(roster, member, planned - upper, "hours_above_tolerance")
        if band is HoursBand.HARD and _capacity_minutes(roster, member) >= lower:
            roster.model.add(planned >= lower)
        else:
            _add_band_slack(roster, member, lower - planned, "hours_below_tolerance")


def add_hours_deviation(roster: RosterModel) -> None:
    """Penalise each minute between planned and target hours (above and below alike)."""
    for member in roster.staff:
        planned = worked_minutes(roster, member.token)
        limit = _capacity_minutes(roster, member) + member.target_minutes
        above = roster.model.new_int_var(0, limit, f"hours_above_target[{member.token}]")
        below = roster.model.new_int_var(0, limit, f"hours_below_target[{member.token}]")
        roster.model.add(planned - member.target_minutes == above - below)
        # Planned minutes are a sum of shift lengths, so they move in steps of the
        # lengths' greatest common divisor. Stating the smallest deviation those steps
        # allow lifts CP-SAT's bound, which the linear relaxation cannot see.
        roster.model.add(above + below >= _smallest_deviation(roster, member))
        for name, variable in (("hours_above_target", above), ("hours_below_target", below)):
            roster.add_soft_term(
                SoftTerm(name, variable, weights.HOURS_DEVIATION_MINUTE, token=member.token)
            )


def _smallest_deviation(roster: RosterModel, member: StaffMember) -> int:
    shifts = roster.shifts_by_code
    lengths = {
        shifts[code].worked_minutes
        for day in range(roster.problem.days)
        for code, _ in roster.shifts_on(member.token, day)
    }
    step = math.gcd(*lengths) if lengths else 0
    if step == 0:
        return member.target_minutes
    below_target = member.target_minutes % step
    return min(below_target, step - below_target)


def _add_band_slack(
    roster: RosterModel, member: StaffMember, excess: cp_model.LinearExpr, name: str
) -> None:
    limit = _capacity_minutes(roster, member) + member.target_minutes
    slack = roster.model.new_int_var(0, limit, f"{name}[{member.token}]")
    roster.model.add(slack >= excess)
    roster.add_soft_term(
        SoftTerm(name, slack, weights.HOURS_OUTSIDE_TOLERANCE_MINUTE, token=member.token)
    )


def _capacity_minutes(roster: RosterModel, member: StaffMember) -> int:
    """Return the most minutes the person could work: the longest possible shift every day."""
    shifts = roster.shifts_by_code
    return sum(
        max(
            (shifts[code].worked_minutes for code, _ in roster.shifts_on(member.token, day)),
            default=0,
        )
        for day in range(roster.problem.days)
    )
