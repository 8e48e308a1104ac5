"""A small fictional ward with a hand-made published roster, and chats with its staff.

Today is Wednesday 6 January 2027, 09:00 in Oslo. The published roster covers
ISO weeks 1 and 2 (4–17 January 2027):

                 Mon 4 … Sun 10        Mon 11 … Sun 17
    Kari   (spl)  D D D D . . .         D D D . . . .
    Per    (spl)  N N . . . D D         . . . D D . .
    Ola    (hfa)  A A A A . . .         A A A A . . .
    Ingrid (hfa)  . . . . A A A         . A A A . . .
    Turid  (spl)  . . N N N . .         N N N . . . .   (planner)
    Kari Hansen   (hfa, nights only)  no shifts yet
    Marit         avdelingsleder, not rostered          (manager)

Each shift needs one person, and the day and night shifts one nurse.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass, field

from bots.console import ConsoleChat
from core.assistant import Assistant
from core.calendar import OSLO
from core.commands import ShiftKind
from core.employees import Employee, Position, Role
from core.messages import ButtonAction, ButtonPress, Outcome, Reply
from core.rosters import Assignment, Roster, RosterStatus
from core.units import DayType, Organisation, ShiftType, StaffingDemand, StaffingPlan, Unit
from storage.database import Database

TODAY = dt.date(2027, 1, 6)
# A new roster's search work in tests: the test ward is small, and the default
# work limit takes tens of seconds.
TEST_ROSTER_SEARCH_WORK = 1.0
ROSTER_START = dt.date(2027, 1, 4)
ROSTER_END = dt.date(2027, 1, 17)

SHIFT_TYPES = [
    ShiftType("D", "Dagvakt", ShiftKind.DAY, dt.time(7, 30), dt.time(15, 0)),
    ShiftType("A", "Aftenvakt", ShiftKind.EVENING, dt.time(14, 30), dt.time(22, 0)),
    ShiftType("N", "Nattevakt", ShiftKind.NIGHT, dt.time(21, 45), dt.time(7, 45)),
]

ROSTER_ROWS = {
    "Kari Nordmann": "DDDD... DDD....",
    "Per Hansen": "NN...DD ...DD..",
    "Ola Nordmann": "AAAA... AAAA...",
    "Ingrid Hansen": "....AAA .AAA...",
    "Turid Lie": "..NNN.. NNN....",
}


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
    return [
        Employee(
            0,
            unit_id,
            "Marit Solberg",
            Position.WARD_MANAGER,
            100,
            roles=manager,
            email="marit.solberg@nordvik.example",
        ),
        Employee(
            0,
            unit_id,
            "Turid Lie",
            Position.NURSE,
            100,
            frozenset({"medisinansvar"}),
            roles=planner,
        ),
        Employee(
            0,
            unit_id,
            "Kari Nordmann",
            Position.NURSE,
            80,
            frozenset({"medisinansvar"}),
            email="kari.nordmann@nordvik.example",
        ),
        Employee(0, unit_id, "Per Hansen", Position.NURSE, 60),
        Employee(0, unit_id, "Ola Nordmann", Position.HEALTHCARE_WORKER, 100),
        Employee(0, unit_id, "Ingrid Hansen", Position.HEALTHCARE_WORKER, 75),
        Employee(0, unit_id, "Kari Hansen", Position.HEALTHCARE_WORKER, 50, night_only=True),
    ]


def roster_assignments(staff: dict[str, Employee]) -> tuple[Assignment, ...]:
    assignments = []
    for name, row in ROSTER_ROWS.items():
        codes = row.replace(" ", "")
        for offset, code in enumerate(codes):
            if code != ".":
                day = ROSTER_START + dt.timedelta(days=offset)
                assignments.append(Assignment(staff[name].id, day, code))
    return tuple(assignments)


@dataclass
class SeededWard:
    """The seeded ward, its database, and a chat per person."""

    database: Database
    unit: Unit
    staff: dict[str, Employee]
    roster: Roster
    assistant: Assistant
    output: io.StringIO = field(default_factory=io.StringIO)
    chats: dict[str, ConsoleChat] = field(default_factory=dict)

    def chat(self, name: str) -> ConsoleChat:
        if name not in self.chats:
            names = {e.id: e.name for e in self.staff.values()}
            self.chats[name] = ConsoleChat(
                self.assistant,
                name,
                output=self.output,
                clock=noon_today,
                recipient_name=lambda employee_id: names[employee_id],
            )
        return self.chats[name]

    def say(self, name: str, text: str) -> Outcome:
        return self.chat(name).say(text)

    def say_in(self, locale: str, name: str, text: str) -> Outcome:
        """Send `text` as `name` from a chat that reads and writes `locale` from now on."""
        self.chat(name).locale = locale
        return self.say(name, text)

    def press(self, name: str, action: ButtonAction, value: str) -> Outcome:
        return self.chat(name).press(ButtonPress(action, value))

    def published_shift(self, name: str, day: dt.date) -> str | None:
        with self.database.store() as store:
            roster = store.rosters.covering(self.unit.id, day)
            return roster.shift_of(self.staff[name].id, day) if roster else None


def noon_today() -> dt.datetime:
    return dt.datetime.combine(TODAY, dt.time(9, 0), tzinfo=OSLO)


def own_replies(outcome: Outcome) -> list[Reply]:
    return [reply for reply in outcome.replies if reply.recipient_employee_id is None]


def texts(outcome: Outcome) -> list[str]:
    return [reply.text for reply in own_replies(outcome)]


def confirmed_request(ward: SeededWard, name: str, text: str) -> int:
    """Send `text` as `name`, confirm the read-back, and return the new request's id."""
    ward.say(name, text)
    outcome = ward.say(name, "ja")
    (request_id,) = {r.request_id for r in outcome.replies if r.request_id is not None}
    assert request_id is not None
    return request_id


def seed(database: Database) -> tuple[Unit, dict[str, Employee], Roster]:
    with database.store() as store:
        organisation = store.organisations.add_organisation(
            Organisation(0, "Nordvik kommune"), actor_id=None
        )
        unit = store.organisations.add_unit(
            Unit(0, organisation.id, "Nordvik sykehjem"), actor_id=None
        )
        store.organisations.set_shift_types(unit.id, SHIFT_TYPES, actor_id=None)
        store.organisations.set_staffing(unit.id, staffing_plan(), actor_id=None)
        staff = {e.name: e for e in store.employees.add_many(cast(unit.id), actor_id=None)}
        draft = Roster(
            0, unit.id, ROSTER_START, ROSTER_END, RosterStatus.PUBLISHED, roster_assignments(staff)
        )
        roster = store.rosters.add(draft, actor_id=None)
    return unit, staff, roster
