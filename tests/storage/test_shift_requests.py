"""Shift requests: stored, moved through the state machine, listed, with the note encrypted."""

from __future__ import annotations

import dataclasses
import datetime as dt
import threading

import pytest
from sqlalchemy import text

from core.commands import DateRange
from core.rosters import Roster, RosterDifference, RosterStatus
from core.shift_requests import (
    ABSENCE_REQUEST_KINDS,
    RequestEvent,
    RequestKind,
    RequestState,
    ShiftRequest,
)
from storage.database import Database
from storage.errors import NotFoundError
from tests.storage.storage_cast import Staff, Ward


def swap(ward: Ward, staff: Staff, note: str = "") -> ShiftRequest:
    return ShiftRequest(
        id=0,
        unit_id=ward.unit.id,
        kind=RequestKind.SWAP,
        state=RequestState.PENDING,
        requester_id=staff.kari.id,
        day=dt.date(2027, 2, 5),
        shift_code="D",
        counterpart_id=staff.aase.id,
        counterpart_day=dt.date(2027, 2, 7),
        counterpart_shift_code="A",
        note=note,
    )


def test_add_round_trip(database: Database, ward: Ward, staff: Staff) -> None:
    """A swap request comes back with its id, every field and a creation time."""
    request = swap(ward, staff, note="Har legetime fredag")
    with database.store() as store:
        added = store.shift_requests.add(request, actor_id=staff.kari.id)
    with database.store() as store:
        fetched = store.shift_requests.get(added.id)

    assert added.id > 0
    assert added.created_at is not None
    assert fetched == added
    assert dataclasses.replace(added, id=0, created_at=None) == request


@pytest.mark.parametrize("kind", sorted(ABSENCE_REQUEST_KINDS), ids=str)
def test_absence_request_round_trip(
    database: Database, ward: Ward, staff: Staff, kind: RequestKind
) -> None:
    """An absence request keeps its kind, first and last day, and has no shift code."""
    request = ShiftRequest(
        id=0,
        unit_id=ward.unit.id,
        kind=kind,
        state=RequestState.ACCEPTED,
        requester_id=staff.kari.id,
        day=dt.date(2027, 7, 5),
        shift_code="",
        last_day=dt.date(2027, 7, 23),
    )
    with database.store() as store:
        added = store.shift_requests.add(request, actor_id=staff.kari.id)
    with database.store() as store:
        fetched = store.shift_requests.get(added.id)

    assert fetched == added
    assert dataclasses.replace(added, id=0, created_at=None) == request


def test_course_request_ranges_round_trip(database: Database, ward: Ward, staff: Staff) -> None:
    """A course request of several ranges keeps each range, in order."""
    ranges = (
        DateRange(dt.date(2027, 3, 3), dt.date(2027, 3, 4)),
        DateRange(dt.date(2027, 3, 10), dt.date(2027, 3, 10)),
    )
    request = ShiftRequest(
        id=0,
        unit_id=ward.unit.id,
        kind=RequestKind.COURSE,
        state=RequestState.ACCEPTED,
        requester_id=staff.kari.id,
        day=dt.date(2027, 3, 3),
        shift_code="",
        last_day=dt.date(2027, 3, 10),
        day_ranges=ranges,
    )
    with database.store() as store:
        added = store.shift_requests.add(request, actor_id=staff.kari.id)
    with database.store() as store:
        fetched = store.shift_requests.get(added.id)

    assert fetched is not None
    assert fetched.day_ranges == ranges
    assert fetched.requested_ranges == ranges


def test_note_stored_encrypted(database: Database, ward: Ward, staff: Staff) -> None:
    """The free-text note is not readable in the table."""
    with database.store() as store:
        store.shift_requests.add(swap(ward, staff, note="Har legetime fredag"), actor_id=None)
    with database.engine.connect() as connection:
        rows = connection.execute(text("SELECT * FROM shift_requests")).all()

    assert "legetime" not in repr(rows)


def test_get_unknown_returns_none(database: Database, ward: Ward) -> None:
    """An unknown request id returns None."""
    with database.store() as store:
        assert store.shift_requests.get(321) is None


def test_update_after_transitions(database: Database, ward: Ward, staff: Staff) -> None:
    """Accepting and approving store the new state and the deciding manager."""
    with database.store() as store:
        request = store.shift_requests.add(swap(ward, staff), actor_id=staff.kari.id)
    accepted = request.after(RequestEvent.ACCEPT)
    approved = accepted.after(RequestEvent.APPROVE, decided_by_id=staff.ingrid.id)
    with database.store() as store:
        store.shift_requests.update(accepted, actor_id=staff.aase.id)
        store.shift_requests.update(approved, actor_id=staff.ingrid.id)
    with database.store() as store:
        fetched = store.shift_requests.get(request.id)
        entries = store.audit.list(entity="shift_request", entity_id=request.id)

    assert fetched == approved
    assert [entry.details.get("state") for entry in entries] == ["pending", "accepted", "approved"]
    assert [entry.actor_id for entry in entries] == [staff.kari.id, staff.aase.id, staff.ingrid.id]
    assert entries[2].details["previous_state"] == "accepted"


def test_update_unknown_request(database: Database, ward: Ward, staff: Staff) -> None:
    """Updating a request that was never stored raises NotFoundError."""
    ghost = dataclasses.replace(swap(ward, staff), id=555)

    with database.store() as store, pytest.raises(NotFoundError, match="shift request 555"):
        store.shift_requests.update(ghost, actor_id=None)


def test_add_with_unknown_counterpart(database: Database, ward: Ward, staff: Staff) -> None:
    """A counterpart who does not exist raises NotFoundError before anything is written."""
    request = dataclasses.replace(swap(ward, staff), counterpart_id=8080)

    with database.store() as store, pytest.raises(NotFoundError, match="employee 8080"):
        store.shift_requests.add(request, actor_id=None)


def offer(ward: Ward, staff: Staff) -> ShiftRequest:
    return ShiftRequest(
        0,
        ward.unit.id,
        RequestKind.OFFER,
        RequestState.PENDING,
        staff.kari.id,
        dt.date(2027, 2, 5),
        "D",
    )


def test_offer_invitations_round_trip(database: Database, ward: Ward, staff: Staff) -> None:
    """The colleagues an offer was sent to come back in id order, and the count is audited."""
    with database.store() as store:
        request = store.shift_requests.add(offer(ward, staff), actor_id=staff.kari.id)
        store.shift_requests.add_invitations(
            request.id, [staff.ingrid.id, staff.aase.id], actor_id=staff.kari.id
        )
    with database.store() as store:
        invited = store.shift_requests.invited_ids(request.id)
        (entry,) = [
            entry
            for entry in store.audit.list(entity="shift_request", entity_id=request.id)
            if entry.action == "add_invitations"
        ]

    assert invited == tuple(sorted([staff.ingrid.id, staff.aase.id]))
    assert entry.details == {"invited_count": 2}


def test_offer_without_invitations(database: Database, ward: Ward, staff: Staff) -> None:
    """An offer nobody could take, or one sent before invitations were stored, has none."""
    with database.store() as store:
        request = store.shift_requests.add(offer(ward, staff), actor_id=staff.kari.id)
        store.shift_requests.add_invitations(request.id, [], actor_id=staff.kari.id)

    with database.store() as store:
        assert store.shift_requests.invited_ids(request.id) == ()


def test_invitation_of_unknown_employee(database: Database, ward: Ward, staff: Staff) -> None:
    """Inviting an employee who does not exist raises NotFoundError and stores nobody."""
    with database.store() as store:
        request = store.shift_requests.add(offer(ward, staff), actor_id=staff.kari.id)

    with database.store() as store, pytest.raises(NotFoundError, match="employee 8080"):
        store.shift_requests.add_invitations(request.id, [staff.aase.id, 8080], actor_id=None)
    with database.store() as store:
        assert store.shift_requests.invited_ids(request.id) == ()


def test_list_open_by_unit(database: Database, ward: Ward, staff: Staff) -> None:
    """Only pending and accepted requests are open; closed ones are left out."""
    with database.store() as store:
        pending = store.shift_requests.add(swap(ward, staff), actor_id=None)
        accepted = store.shift_requests.update(
            store.shift_requests.add(swap(ward, staff), actor_id=None).after(RequestEvent.ACCEPT),
            actor_id=None,
        )
        declined = store.shift_requests.add(swap(ward, staff), actor_id=None)
        store.shift_requests.update(declined.after(RequestEvent.DECLINE), actor_id=None)
    with database.store() as store:
        open_requests = store.shift_requests.list_open(ward.unit.id)

    assert open_requests == [pending, accepted]


def test_list_for_employee(database: Database, ward: Ward, staff: Staff) -> None:
    """An employee sees requests they made or received, and can ask for open ones only."""
    offer = ShiftRequest(
        id=0,
        unit_id=ward.unit.id,
        kind=RequestKind.OFFER,
        state=RequestState.PENDING,
        requester_id=staff.ola.id,
        day=dt.date(2027, 2, 9),
        shift_code="N",
    )
    with database.store() as store:
        made = store.shift_requests.add(swap(ward, staff), actor_id=None)
        store.shift_requests.add(offer, actor_id=None)
        store.shift_requests.update(made.after(RequestEvent.CANCEL), actor_id=None)
    with database.store() as store:
        for_kari = store.shift_requests.list_for_employee(staff.kari.id)
        for_aase = store.shift_requests.list_for_employee(staff.aase.id)
        open_for_kari = store.shift_requests.list_for_employee(staff.kari.id, open_only=True)

    assert [request.id for request in for_kari] == [made.id]
    assert [request.id for request in for_aase] == [made.id]
    assert open_for_kari == []


def repair_request(database: Database, ward: Ward, staff: Staff) -> ShiftRequest:
    """Store a proposed roster and the repair request that waits for it, after Kari's absence."""
    with database.store() as store:
        proposal = store.rosters.add(
            Roster(
                0, ward.unit.id, dt.date(2027, 2, 1), dt.date(2027, 2, 14), RosterStatus.PROPOSED
            ),
            actor_id=None,
        )
        return store.shift_requests.add(
            ShiftRequest(
                id=0,
                unit_id=ward.unit.id,
                kind=RequestKind.REPAIR,
                state=RequestState.ACCEPTED,
                requester_id=staff.kari.id,
                day=dt.date(2027, 2, 5),
                shift_code="",
                last_day=dt.date(2027, 2, 6),
                roster_id=proposal.id,
            ),
            actor_id=None,
        )


def test_repair_request_round_trip(database: Database, ward: Ward, staff: Staff) -> None:
    """A repair request keeps its proposed roster, and that roster finds the request."""
    added = repair_request(database, ward, staff)
    with database.store() as store:
        fetched = store.shift_requests.get(added.id)
        by_roster = store.shift_requests.for_roster(added.roster_id or 0)

    assert added.roster_id is not None
    assert fetched == added
    assert by_roster == added


def test_repair_changes_come_back_by_day(database: Database, ward: Ward, staff: Staff) -> None:
    """The changes of a repair come back sorted by day, with a day off as None."""
    request = repair_request(database, ward, staff)
    later = RosterDifference(staff.kari.id, dt.date(2027, 2, 6), "D", None)
    earlier = RosterDifference(staff.aase.id, dt.date(2027, 2, 5), None, "N")
    with database.store() as store:
        store.shift_requests.add_repair_changes(request.id, [later, earlier], actor_id=None)
    with database.store() as store:
        changes = store.shift_requests.repair_changes(request.id)
        entries = store.audit.list("shift_request", request.id)

    assert changes == (earlier, later)
    assert entries[-1].action == "add_repair_changes"
    assert entries[-1].details == {"change_count": 2}


def test_request_of_unknown_roster_is_refused(database: Database, ward: Ward, staff: Staff) -> None:
    """A repair request must name a stored roster."""
    request = dataclasses.replace(repair_request(database, ward, staff), id=0, roster_id=999)
    with database.store() as store, pytest.raises(NotFoundError):
        store.shift_requests.add(request, actor_id=None)


def test_other_rosters_have_no_repair_request(database: Database, ward: Ward, staff: Staff) -> None:
    """A roster that no repair request names finds none."""
    repair_request(database, ward, staff)
    with database.store() as store:
        draft = store.rosters.add(
            Roster(0, ward.unit.id, dt.date(2027, 3, 1), dt.date(2027, 3, 7), RosterStatus.DRAFT),
            actor_id=None,
        )
        found = store.shift_requests.for_roster(draft.id)

    assert found is None


def test_locked_request_waits_for_the_decision(
    database: Database, ward: Ward, staff: Staff
) -> None:
    """A second lock on a request waits for the first transaction, then reads its state."""
    request = repair_request(database, ward, staff)
    locked = threading.Event()
    release = threading.Event()

    def decide_first() -> None:
        with database.store() as store:
            first = store.shift_requests.get_for_update(request.id)
            assert first is not None
            locked.set()
            release.wait(timeout=10)
            store.shift_requests.update(
                first.after(RequestEvent.APPROVE, decided_by_id=staff.aase.id), actor_id=None
            )

    seen: list[RequestState] = []

    def decide_second() -> None:
        with database.store() as store:
            second = store.shift_requests.get_for_update(request.id)
            assert second is not None
            seen.append(second.state)

    first_thread = threading.Thread(target=decide_first)
    first_thread.start()
    assert locked.wait(timeout=10)
    second_thread = threading.Thread(target=decide_second)
    second_thread.start()
    second_thread.join(timeout=0.5)
    waited = second_thread.is_alive()
    release.set()
    first_thread.join(timeout=10)
    second_thread.join(timeout=10)

    assert waited
    assert seen == [RequestState.APPROVED]
