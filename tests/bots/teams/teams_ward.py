"""A small fictional ward whose staff use Teams, with a hand-made published roster.

Today is Wednesday 6 January 2027, 09:00 in Oslo. The published roster covers
ISO weeks 1 and 2 (4–17 January 2027):

                 Mon 4 … Sun 10        Mon 11 … Sun 17
    Kåre   (spl)  D D D D . . .         D D D . . . .
    Bjørn  (spl)  N N . . . D D         . . . D D . .
    Ærlend (hfa)  A A A A . . .         A A A A . . .
    Gøril  (hfa)  . . . . A A A         . . . . A A A
    Tørris (spl)  . . N N N . .         N N N . . . .   (planner)
    Åse           avdelingsleder, not rostered          (manager)

Each shift needs one person, and the day and night shifts one nurse. Everyone
but Øystein is linked to a Teams user in the tenant.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from core.commands import ShiftKind
from core.employees import Employee, Position, Role
from core.rosters import Assignment, Roster, RosterStatus
from core.units import DayType, Organisation, ShiftType, StaffingDemand, StaffingPlan, Unit
from storage.database import Database
from tests.bots.teams.teams_fakes import TENANT_ID, TeamsUser

TODAY = dt.date(2027, 1, 6)
ROSTER_START = dt.date(2027, 1, 4)
ROSTER_END = dt.date(2027, 1, 17)

SHIFT_TYPES = [
    ShiftType("D", "Dagvakt", ShiftKind.DAY, dt.time(7, 30), dt.time(15, 0)),
    ShiftType("A", "Aftenvakt", ShiftKind.EVENING, dt.time(14, 30), dt.time(22, 0)),
    ShiftType("N", "Nattevakt", ShiftKind.NIGHT, dt.time(21, 45), dt.time(7, 45)),
]

ROSTER_ROWS = {
    "Kåre Ødegård": "DDDD... DDD....",
    "Bjørn Løvås": "NN...DD ...DD..",
    "Ærlend Høyem": "AAAA... AAAA...",
    "Gøril Åsheim": "....AAA ....AAA",
    "Tørris Bråten": "..NNN.. NNN....",
}

KAARE = TeamsUser("Kåre Ødegård", "0b1c2d3e-0000-4000-8000-00000000c0a1")
BJORN = TeamsUser("Bjørn Løvås", "0b1c2d3e-0000-4000-8000-00000000c0a2")
AERLEND = TeamsUser("Ærlend Høyem", "0b1c2d3e-0000-4000-8000-00000000c0a3")
GORIL = TeamsUser("Gøril Åsheim", "0b1c2d3e-0000-4000-8000-00000000c0a4")
TORRIS = TeamsUser("Tørris Bråten", "0b1c2d3e-0000-4000-8000-00000000c0a5")
AASE = TeamsUser("Åse Sæther", "0b1c2d3e-0000-4000-8000-00000000c0a6")
# A person in the tenant whom nobody has linked to an employee.
OYSTEIN = TeamsUser("Øystein Ukjent", "0b1c2d3e-0000-4000-8000-00000000c0ff")

LINKED_USERS = (KAARE, BJORN, AERLEND, GORIL, TORRIS, AASE)


@dataclass(frozen=True)
class TeamsWard:
    unit: Unit
    staff: dict[str, Employee]

    def employee_id(self, user: TeamsUser) -> int:
        return self.staff[user.name].id


def staffing_plan() -> StaffingPlan:
    demands = []
    for day_type in DayType:
        demands += [
            StaffingDemand(day_type, "D", 1, 1, (("sykepleier", 1),)),
            StaffingDemand(day_type, "A", 1, 1),
            StaffingDemand(day_type, "N", 1, 1, (("sykepleier", 1),)),
        ]
    return StaffingPlan(tuple(demands))


def cast(unit_id: int) -> list[Employee]:
    manager = frozenset({Role.EMPLOYEE, Role.MANAGER})
    planner = frozenset({Role.EMPLOYEE, Role.PLANNER})
    medicine = frozenset({"medisinansvar"})
    return [
        Employee(0, unit_id, AASE.name, Position.WARD_MANAGER, 100, roles=manager),
        Employee(0, unit_id, TORRIS.name, Position.NURSE, 100, medicine, roles=planner),
        Employee(0, unit_id, KAARE.name, Position.NURSE, 80, medicine),
        Employee(0, unit_id, BJORN.name, Position.NURSE, 60),
        Employee(0, unit_id, AERLEND.name, Position.HEALTHCARE_WORKER, 100),
        Employee(0, unit_id, GORIL.name, Position.HEALTHCARE_WORKER, 75),
    ]


def roster_assignments(staff: dict[str, Employee]) -> tuple[Assignment, ...]:
    assignments = []
    for name, row in ROSTER_ROWS.items():
        for offset, code in enumerate(row.replace(" ", "")):
            if code != ".":
                day = ROSTER_START + dt.timedelta(days=offset)
                assignments.append(Assignment(staff[name].id, day, code))
    return tuple(assignments)


def seed_teams_ward(database: Database) -> TeamsWard:
    """Store the ward, its published roster and the Teams links of everyone but Øystein."""
    with database.store() as store:
        organisation = store.organisations.add_organisation(
            Organisation(0, "Fjordheim kommune"), actor_id=None
        )
        unit = store.organisations.add_unit(
            Unit(0, organisation.id, "Sengepost Øst"), actor_id=None
        )
        store.organisations.set_shift_types(unit.id, SHIFT_TYPES, actor_id=None)
        store.organisations.set_staffing(unit.id, staffing_plan(), actor_id=None)
        staff = {e.name: e for e in store.employees.add_many(cast(unit.id), actor_id=None)}
        store.rosters.add(
            Roster(
                0,
                unit.id,
                ROSTER_START,
                ROSTER_END,
                RosterStatus.PUBLISHED,
                roster_assignments(staff),
            ),
            actor_id=None,
        )
        for user in LINKED_USERS:
            store.identities.link(
                "teams", TENANT_ID, user.aad_object_id, staff[user.name].id, actor_id=None
            )
    return TeamsWard(unit, staff)
