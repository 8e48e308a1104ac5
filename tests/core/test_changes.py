"""A change to a published roster is checked against the next published roster too.

The ward's roster ends on Sunday 17 January 2027. A second published roster from
Monday 18 January gives Kari Nordmann the day shift 07:30–15:00 that Monday, so a
night shift on Sunday 17 (21:45–07:45) would run into it.
"""

from __future__ import annotations

import datetime as dt

import pytest

from core.messages import ReplyKind
from core.rosters import Assignment, Roster, RosterStatus
from tests.core.ward_cast import SeededWard, texts

SUNDAY_17 = dt.date(2027, 1, 17)
MONDAY_18 = dt.date(2027, 1, 18)


@pytest.fixture
def next_roster_ward(test_ward: SeededWard) -> SeededWard:
    """The ward with Kari's day shift on Monday 18 January in the next published roster."""
    with test_ward.database.store() as store:
        kari = test_ward.staff["Kari Nordmann"].id
        following = Roster(
            0,
            test_ward.unit.id,
            MONDAY_18,
            dt.date(2027, 1, 31),
            RosterStatus.PUBLISHED,
            (Assignment(kari, MONDAY_18, "D"),),
        )
        store.rosters.add(following, actor_id=None)
    return test_ward


def test_take_into_next_roster_shift_is_refused(next_roster_ward: SeededWard) -> None:
    """Kari cannot take Sunday's open night, which overlaps her Monday day shift."""
    (reply,) = texts(
        next_roster_ward.say("Kari Nordmann", "Jeg tar den ledige nattevakta søndag 17. januar")
    )

    assert reply.startswith("Endringen bryter en regel:")
    with next_roster_ward.database.store() as store:
        assert store.shift_requests.list_open(next_roster_ward.unit.id) == []


def test_offer_skips_taker_with_next_roster_shift(next_roster_ward: SeededWard) -> None:
    """Ingrid's Sunday night is offered to colleagues, but not to Kari, who works Monday."""
    ward = next_roster_ward
    ingrid = ward.staff["Ingrid Hansen"].id
    with ward.database.store() as store:
        assignments = (*ward.roster.assignments, Assignment(ingrid, SUNDAY_17, "N"))
        store.rosters.replace_assignments(ward.roster.id, assignments, actor_id=None)
    ward.say("Ingrid Hansen", "Kan noen ta nattevakta mi søndag 17. januar?")

    outcome = ward.say("Ingrid Hansen", "ja")

    invited = {
        name
        for name, employee in ward.staff.items()
        for reply in outcome.replies
        if reply.kind == ReplyKind.INVITATION and reply.recipient_employee_id == employee.id
    }
    assert "Kari Nordmann" not in invited
    assert "Kari Hansen" in invited
