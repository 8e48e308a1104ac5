"""Coverage: the staffing plan's minimum headcount and competence minimums per shift."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from core.compliance.model import Severity, Violation, ViolationRule
from core.compliance.roster import CheckedRoster
from core.units import StaffingDemand


def check_staffing(roster: CheckedRoster) -> list[Violation]:
    """Report each shift of each day that has fewer people, or fewer competent ones, than needed.

    The staffing plan (bemanningsplan) sets the minimums; the holiday column
    applies on public holidays. A shortfall is a coverage gap: the solver may
    leave one at a penalty, and the report must show it.
    """
    staff_by_shift: dict[tuple[dt.date, str], list[str]] = defaultdict(list)
    for shift in roster.planned:
        staff_by_shift[(shift.day, shift.shift_code)].append(shift.employee_key)
    violations = []
    for day in roster.context.period.days():
        for demand in roster.context.staffing.for_day(day):
            staff = staff_by_shift.get((day, demand.shift_code), [])
            violations.extend(_check_demand(roster, day, demand, staff))
    return violations


def _check_demand(
    roster: CheckedRoster, day: dt.date, demand: StaffingDemand, staff: list[str]
) -> list[Violation]:
    violations = []
    if len(staff) < demand.minimum:
        details: dict[str, int | str] = _shortfall(len(staff), demand.minimum)
        violations.append(_gap(ViolationRule.STAFFING_MINIMUM, day, demand, details))
    for competence, minimum in demand.competence_minimums:
        competent = [
            key for key in staff if competence in roster.context.employees[key].competences
        ]
        if len(competent) < minimum:
            details = {"competence": competence, **_shortfall(len(competent), minimum)}
            violations.append(_gap(ViolationRule.COMPETENCE_MINIMUM, day, demand, details))
    return violations


def _shortfall(staffed: int, minimum: int) -> dict[str, int | str]:
    return {"staffed": staffed, "minimum": minimum, "missing": minimum - staffed}


def _gap(
    rule: ViolationRule, day: dt.date, demand: StaffingDemand, details: dict[str, int | str]
) -> Violation:
    return Violation(rule, Severity.ERROR, None, day, demand.shift_code, details)
