"""Small fictional units beside the seeded ward, for the capacity and coverage tests.

Each unit has the ward's shifts D 07:30–15:00, A 14:30–22:00 and N 21:45–07:45
(7.5, 7.5 and 10 hours) and its own staffing plan and staff.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from core.employees import Employee, Position, Role
from core.units import DayType, Organisation, StaffingDemand, StaffingPlan, Unit
from tests.core.ward_cast import SHIFT_TYPES, SeededWard

PLANNER = frozenset({Role.EMPLOYEE, Role.PLANNER})


def add_unit(
    ward: SeededWard, name: str, demands: Sequence[StaffingDemand], staff: Sequence[Employee]
) -> tuple[Unit, dict[str, Employee]]:
    """Add a unit of the organisation «Fjellvik kommune» and return it with its staff by name.

    The unit id of each employee in `staff` is replaced by the new unit's.
    """
    with ward.database.store() as store:
        organisation = store.organisations.add_organisation(
            Organisation(0, "Fjellvik kommune"), actor_id=None
        )
        unit = store.organisations.add_unit(Unit(0, organisation.id, name), actor_id=None)
        store.organisations.set_shift_types(unit.id, SHIFT_TYPES, actor_id=None)
        store.organisations.set_staffing(unit.id, StaffingPlan(tuple(demands)), actor_id=None)
        added = store.employees.add_many(
            [dataclasses.replace(employee, unit_id=unit.id) for employee in staff], actor_id=None
        )
    return unit, {employee.name: employee for employee in added}


def add_understaffed_unit(ward: SeededWard) -> Unit:
    """Add a unit of three people that needs two on each of D, A and N every day."""
    demands = [
        StaffingDemand(day_type, code, 2, 2) for day_type in DayType for code in ("D", "A", "N")
    ]
    staff = [
        Employee(0, 0, "Berit Dahl", Position.NURSE, 100, roles=PLANNER),
        Employee(0, 0, "Anne Lund", Position.NURSE, 100),
        Employee(0, 0, "Jon Berg", Position.HEALTHCARE_WORKER, 80),
    ]
    unit, _ = add_unit(ward, "Fjellvik omsorgssenter", demands, staff)
    return unit


HEALTHCARE_WORKERS = ("Siri Dahl", "Ali Khan", "Tor Moe", "Eva Lund", "Liv Berg")


def add_night_nurse_unit(
    ward: SeededWard, nurses: Sequence[Employee]
) -> tuple[Unit, dict[str, Employee]]:
    """Add a unit of five healthcare workers and `nurses` that needs a sykepleier every night.

    One person on each of D, A and N a day is well within five full positions, so only
    the nurses can fall short. Siri Dahl is the planner.
    """
    demands = [StaffingDemand(day_type, code, 1, 1) for day_type in DayType for code in "DA"]
    demands += [StaffingDemand(day_type, "N", 1, 1, (("sykepleier", 1),)) for day_type in DayType]
    workers = [Employee(0, 0, name, Position.HEALTHCARE_WORKER, 100) for name in HEALTHCARE_WORKERS]
    workers[0] = dataclasses.replace(workers[0], roles=PLANNER)
    return add_unit(ward, "Fjellvik bo- og behandlingssenter", demands, [*workers, *nurses])
