"""Repair proposals after an absence: the message a manager approves or rejects."""

from __future__ import annotations

import datetime as dt

from core.messages import ReplyKind
from core.repairs import (
    RepairProposal,
    differences_between,
    hours_pushed_outside_band,
    notify_proposal,
)
from core.rosters import Assignment, Roster, RosterStatus
from tests.core.ward_cast import SeededWard

# Per Hansen (60 %) is free on Monday to Wednesday of week 2. Three more day shifts
# give him 72 h 30 min in the two weeks against 42 h 36 min, past the 8 h allowed.
PER_EXTRA_DAYS = (dt.date(2027, 1, 11), dt.date(2027, 1, 12), dt.date(2027, 1, 13))


def proposal_with_extra_shifts(ward: SeededWard) -> tuple[Roster, tuple[Assignment, ...]]:
    """Return the published roster and a proposal that gives Per three more day shifts."""
    per = ward.staff["Per Hansen"].id
    extra = tuple(Assignment(per, day, "D") for day in PER_EXTRA_DAYS)
    return ward.roster, ward.roster.assignments + extra


def test_repair_names_person_pushed_outside_band(test_ward: SeededWard) -> None:
    """Only the person the repair moves further outside the band is named."""
    current, proposed = proposal_with_extra_shifts(test_ward)

    with test_ward.database.store() as store:
        outside = hours_pushed_outside_band(store, test_ward.unit, current, proposed)

    # Ola Nordmann is outside the band already, and the repair leaves his shifts alone.
    assert [line.employee.name for line in outside] == ["Per Hansen"]
    assert outside[0].planned_minutes == 72 * 60 + 30
    assert outside[0].target_minutes == 42 * 60 + 36


def test_manager_reads_the_hours_note(test_ward: SeededWard) -> None:
    """The manager's proposal ends with the hours note, in Norwegian, before «Godkjenn»."""
    current, proposed = proposal_with_extra_shifts(test_ward)
    with test_ward.database.store() as store:
        stored = store.rosters.add(
            Roster(
                0, test_ward.unit.id, current.start, current.end, RosterStatus.PROPOSED, proposed
            ),
            actor_id=None,
        )
        outside = hours_pushed_outside_band(store, test_ward.unit, current, proposed)
        repair = RepairProposal(stored, differences_between(current.assignments, proposed), outside)
        staff = store.employees.list_for_unit(test_ward.unit.id)
        (reply,) = notify_proposal(store, repair, staff, dt.date(2027, 1, 6))

    assert reply.kind == ReplyKind.APPROVAL
    assert reply.recipient_employee_id == test_ward.staff["Marit Solberg"].id
    assert reply.text.splitlines()[-1] == (
        "Merk: reparasjonen gjør at 1 person havner utenfor målet ± 8 t som avdelingen tillater: "
        "Per Hansen er satt opp med 72 t 30 min (36 t 15 min i uka) mot forventet 42 t 36 min "
        "(21 t 18 min i uka). Godkjenn bare hvis det er meningen."
    )


def test_repair_within_band_has_no_note(test_ward: SeededWard) -> None:
    """A sick day covered by a colleague with room in their hours gives no hours note."""
    test_ward.say("Kari Nordmann", "Jeg er syk i morgen")
    outcome = test_ward.say("Kari Nordmann", "ja")

    (proposal,) = [reply for reply in outcome.replies if reply.kind == ReplyKind.APPROVAL]
    assert "→" in proposal.text
    assert "Merk" not in proposal.text
