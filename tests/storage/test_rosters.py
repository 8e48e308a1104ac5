"""Rosters: drafts and published rosters, the roster covering a day, assignment changes."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from core.rosters import Assignment, Roster, RosterStatus
from storage.database import Database
from storage.errors import NotFoundError
from tests.storage.storage_cast import Staff, Ward

MONDAY = dt.date(2027, 3, 1)
SUNDAY = dt.date(2027, 3, 7)


def day(offset: int) -> dt.date:
    return MONDAY + dt.timedelta(days=offset)


def week_roster(ward: Ward, staff: Staff, status: RosterStatus = RosterStatus.DRAFT) -> Roster:
    assignments = (
        Assignment(staff.kari.id, day(0), "D"),
        Assignment(staff.ola.id, day(0), "N"),
        Assignment(staff.aase.id, day(1), "A"),
        Assignment(staff.kari.id, day(2), "D"),
    )
    return Roster(0, ward.unit.id, MONDAY, SUNDAY, status, assignments)


def test_add_round_trip(database: Database, ward: Ward, staff: Staff) -> None:
    """A draft roster comes back with its id, its assignments and no publication time."""
    roster = week_roster(ward, staff)
    with database.store() as store:
        added = store.rosters.add(roster, actor_id=staff.ingrid.id)
    with database.store() as store:
        fetched = store.rosters.get(added.id)

    assert added.id > 0
    assert fetched == added
    assert added.assignments == roster.assignments
    assert added.published_at is None
    assert added.created_at is not None


def test_assignments_sorted_by_day_then_employee(
    database: Database, ward: Ward, staff: Staff
) -> None:
    """Assignments come back sorted, whatever order they were given in."""
    roster = week_roster(ward, staff)
    shuffled = dataclasses.replace(roster, assignments=tuple(reversed(roster.assignments)))
    with database.store() as store:
        added = store.rosters.add(shuffled, actor_id=None)

    assert added.assignments == roster.assignments


def test_add_rejects_assignment_outside_period(
    database: Database, ward: Ward, staff: Staff
) -> None:
    """An assignment after the roster's last day is rejected."""
    roster = dataclasses.replace(
        week_roster(ward, staff), assignments=(Assignment(staff.kari.id, day(7), "D"),)
    )

    with database.store() as store, pytest.raises(ValueError, match="outside the roster"):
        store.rosters.add(roster, actor_id=None)


def test_add_rejects_two_shifts_one_day(database: Database, ward: Ward, staff: Staff) -> None:
    """One employee cannot have two assignments on the same day."""
    roster = dataclasses.replace(
        week_roster(ward, staff),
        assignments=(
            Assignment(staff.kari.id, day(0), "D"),
            Assignment(staff.kari.id, day(0), "A"),
        ),
    )

    with database.store() as store, pytest.raises(ValueError, match="two assignments"):
        store.rosters.add(roster, actor_id=None)


def test_latest_by_status(database: Database, ward: Ward, staff: Staff) -> None:
    """latest() returns the newest roster, or the newest of a status."""
    with database.store() as store:
        published = store.rosters.add(
            week_roster(ward, staff, RosterStatus.PUBLISHED), actor_id=None
        )
        draft = store.rosters.add(week_roster(ward, staff), actor_id=None)
    with database.store() as store:
        assert store.rosters.latest(ward.unit.id) == draft
        assert store.rosters.latest(ward.unit.id, status=RosterStatus.PUBLISHED) == published
        assert store.rosters.latest(ward.unit.id, status=RosterStatus.SUPERSEDED) is None


def test_last_planned_day_of_published_and_drafts(
    database: Database, ward: Ward, staff: Staff
) -> None:
    """last_planned_day() is the latest end of a published or draft roster, never of others."""
    later_week = dataclasses.replace(
        week_roster(ward, staff),
        start=MONDAY + dt.timedelta(days=7),
        end=SUNDAY + dt.timedelta(days=7),
        assignments=(),
    )
    with database.store() as store:
        assert store.rosters.last_planned_day(ward.unit.id) is None
        store.rosters.add(week_roster(ward, staff, RosterStatus.PUBLISHED), actor_id=None)
        published_end = store.rosters.last_planned_day(ward.unit.id)
        store.rosters.add(later_week, actor_id=None)
        draft_end = store.rosters.last_planned_day(ward.unit.id)
        two_weeks_later = dataclasses.replace(
            later_week,
            start=MONDAY + dt.timedelta(days=14),
            end=SUNDAY + dt.timedelta(days=14),
            status=RosterStatus.PROPOSED,
        )
        store.rosters.add(two_weeks_later, actor_id=None)

    with database.store() as store:
        assert published_end == SUNDAY
        assert draft_end == SUNDAY + dt.timedelta(days=7)
        assert store.rosters.last_planned_day(ward.unit.id) == SUNDAY + dt.timedelta(days=7)
        assert store.rosters.last_planned_day(ward.unit.id + 1) is None


def test_covering_finds_published_only(database: Database, ward: Ward, staff: Staff) -> None:
    """covering() returns the published roster that contains the day, never a draft."""
    with database.store() as store:
        store.rosters.add(week_roster(ward, staff), actor_id=None)
        assert store.rosters.covering(ward.unit.id, day(3)) is None
        published = store.rosters.add(
            week_roster(ward, staff, RosterStatus.PUBLISHED), actor_id=None
        )

    with database.store() as store:
        assert store.rosters.covering(ward.unit.id, MONDAY) == published
        assert store.rosters.covering(ward.unit.id, SUNDAY) == published
        assert store.rosters.covering(ward.unit.id, SUNDAY + dt.timedelta(days=1)) is None
        assert store.rosters.covering(ward.unit.id + 1, MONDAY) is None


def test_set_status_publishes(database: Database, ward: Ward, staff: Staff) -> None:
    """Publishing a draft sets its status and publication time, and is audited."""
    with database.store() as store:
        draft = store.rosters.add(week_roster(ward, staff), actor_id=staff.ingrid.id)
    with database.store() as store:
        published = store.rosters.set_status(
            draft.id, RosterStatus.PUBLISHED, actor_id=staff.ingrid.id
        )
    with database.store() as store:
        entries = store.audit.list(entity="roster", entity_id=draft.id)
        covering = store.rosters.covering(ward.unit.id, day(2))

    assert published.status == RosterStatus.PUBLISHED
    assert published.published_at is not None
    assert covering == published
    assert [entry.action for entry in entries] == ["add", "set_status"]
    assert entries[1].details == {"status": "published", "previous_status": "draft"}


def test_set_status_unknown_roster(database: Database) -> None:
    """Changing the status of an unknown roster raises NotFoundError."""
    with database.store() as store, pytest.raises(NotFoundError, match="roster 77"):
        store.rosters.set_status(77, RosterStatus.PUBLISHED, actor_id=None)


def test_replace_assignments(database: Database, ward: Ward, staff: Staff) -> None:
    """Replacing keeps unchanged assignments, applies the changes and audits the difference."""
    with database.store() as store:
        roster = store.rosters.add(week_roster(ward, staff), actor_id=None)
    swapped = (
        Assignment(staff.ola.id, day(0), "N"),
        Assignment(staff.aase.id, day(0), "D"),
        Assignment(staff.kari.id, day(1), "A"),
        Assignment(staff.kari.id, day(2), "D"),
    )
    with database.store() as store:
        updated = store.rosters.replace_assignments(roster.id, swapped, actor_id=staff.ingrid.id)
    with database.store() as store:
        fetched = store.rosters.get(roster.id)
        [entry] = store.audit.list(entity="roster", entity_id=roster.id, actor_id=staff.ingrid.id)

    assert updated.assignments == swapped
    assert fetched == updated
    assert entry.details["removed"] == [
        {"employee_id": staff.kari.id, "day": "2027-03-01", "shift_code": "D"},
        {"employee_id": staff.aase.id, "day": "2027-03-02", "shift_code": "A"},
    ]
    assert entry.details["added"] == [
        {"employee_id": staff.aase.id, "day": "2027-03-01", "shift_code": "D"},
        {"employee_id": staff.kari.id, "day": "2027-03-02", "shift_code": "A"},
    ]


def test_replace_assignments_checks_days(database: Database, ward: Ward, staff: Staff) -> None:
    """Replacing with an assignment outside the roster is rejected."""
    with database.store() as store:
        roster = store.rosters.add(week_roster(ward, staff), actor_id=None)

    with database.store() as store, pytest.raises(ValueError, match="outside the roster"):
        store.rosters.replace_assignments(
            roster.id, [Assignment(staff.kari.id, day(-1), "D")], actor_id=None
        )


def test_assignments_between(database: Database, ward: Ward, staff: Staff) -> None:
    """Assignments in a date range come from published rosters unless another status is asked."""
    with database.store() as store:
        store.rosters.add(week_roster(ward, staff, RosterStatus.PUBLISHED), actor_id=None)
        draft = store.rosters.add(
            Roster(
                0,
                ward.unit.id,
                MONDAY,
                SUNDAY,
                RosterStatus.DRAFT,
                (Assignment(staff.ingrid.id, day(1), "D"),),
            ),
            actor_id=None,
        )
    with database.store() as store:
        published = store.rosters.assignments_between(ward.unit.id, day(0), day(1))
        drafts = store.rosters.assignments_between(
            ward.unit.id, day(0), day(6), status=RosterStatus.DRAFT
        )

    assert published == [
        Assignment(staff.kari.id, day(0), "D"),
        Assignment(staff.ola.id, day(0), "N"),
        Assignment(staff.aase.id, day(1), "A"),
    ]
    assert drafts == list(draft.assignments)


def test_rollback_on_repository_error(database: Database, ward: Ward, staff: Staff) -> None:
    """A rejected change rolls back the whole block, the earlier roster included."""
    bad = dataclasses.replace(
        week_roster(ward, staff), assignments=(Assignment(staff.kari.id, day(9), "D"),)
    )
    with pytest.raises(ValueError), database.store() as store:
        store.rosters.add(week_roster(ward, staff), actor_id=None)
        store.rosters.add(bad, actor_id=None)

    with database.store() as store:
        assert store.rosters.latest(ward.unit.id) is None
        assert store.audit.list(entity="roster") == []
