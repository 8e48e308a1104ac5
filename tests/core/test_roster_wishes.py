"""Wishes in a planned roster: an easy wish is granted, one that would leave a shift
short is denied, and the summary names the cause.

The ward of `ward_cast` plans week 3 (18–24 January 2027) with one person a
shift and a nurse on every day shift. Kari Nordmann and Per Hansen are on sick
leave on Wednesday 20 January, so Turid Lie is the only nurse who can work that
day shift.
"""

from __future__ import annotations

import datetime as dt

from core.absences import Absence, Wish
from core.commands import AbsenceKind, DateRange, Preference
from core.messages import ReplyKind
from core.units import DayType, StaffingDemand, StaffingPlan
from tests.core.ward_cast import SeededWard, own_replies

WEDNESDAY = dt.date(2027, 1, 20)
FRIDAY = dt.date(2027, 1, 22)


def nurse_on_day_shifts() -> StaffingPlan:
    demands = []
    for day_type in DayType:
        demands += [
            StaffingDemand(day_type, "D", 1, 1, (("sykepleier", 1),)),
            StaffingDemand(day_type, "A", 1, 1),
            StaffingDemand(day_type, "N", 1, 1),
        ]
    return StaffingPlan(tuple(demands))


def register(ward: SeededWard) -> None:
    """Set the staffing, the two sick days and the wishes of Turid and Ingrid."""
    staff = ward.staff
    with ward.database.store() as store:
        store.organisations.set_staffing(ward.unit.id, nurse_on_day_shifts(), actor_id=None)
        for name in ("Kari Nordmann", "Per Hansen"):
            sick = Absence(0, staff[name].id, AbsenceKind.SICK, DateRange(WEDNESDAY, WEDNESDAY))
            store.absences.add_absence(sick, actor_id=staff[name].id)
        for name, day in (("Turid Lie", WEDNESDAY), ("Ingrid Hansen", FRIDAY)):
            wish = Wish(0, staff[name].id, DateRange(day, day), Preference.OFF)
            store.absences.add_wish(wish, actor_id=staff[name].id)


def planned_summary(ward: SeededWard) -> str:
    ward.say("Turid Lie", "Lag turnus for uke 3")
    (summary,) = [r for r in own_replies(ward.say("Turid Lie", "ja")) if r.kind == ReplyKind.ROSTER]
    return summary.text


def test_wish_leaving_shift_short_denied(test_ward: SeededWard) -> None:
    """Turid's day off would leave Wednesday without a nurse; Ingrid's Friday off is granted."""
    register(test_ward)

    summary = planned_summary(test_ward)

    assert "Ønsker: 1 av 2 innfridd." in summary.splitlines()
    assert (
        "  Turid Lie ønsket fri onsdag 20. januar: innfridd 0 av 1 dag. Å innfri det ville "
        "gitt en vakt under minstebemanningen."
    ) in summary.splitlines()
    assert "Ingrid Hansen ønsket" not in summary
