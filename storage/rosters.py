"""Rosters and their assignments."""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
from collections.abc import Iterable, Sequence

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from core.rosters import Assignment, Roster, RosterStatus
from storage.audit import AuditLog
from storage.errors import NotFoundError
from storage.models import AssignmentRow, RosterRow, UnitRow, utc_now
from storage.organisations import check_new_id

logger = logging.getLogger(__name__)


class RosterRepository:
    """New rosters are passed with id 0.

    Assignments must lie within the roster's days, at most one per employee and day.
    Changing statuses (for example superseding an older published roster) is the
    core's decision; this repository only stores them.
    """

    def __init__(self, session: Session, audit: AuditLog) -> None:
        self._session = session
        self._audit = audit

    def add(self, roster: Roster, *, actor_id: int | None) -> Roster:
        """Insert a roster with its assignments and return it with its id."""
        check_new_id("roster", roster.id)
        if self._session.get(UnitRow, roster.unit_id) is None:
            raise NotFoundError("unit", roster.unit_id)
        check_assignments(roster.start, roster.end, roster.assignments)
        row = RosterRow(
            unit_id=roster.unit_id,
            first_day=roster.start,
            last_day=roster.end,
            status=roster.status.value,
            created_at=utc_now(),
            published_at=roster.published_at or published_now(roster.status),
        )
        row.assignments = [assignment_row(assignment) for assignment in roster.assignments]
        self._session.add(row)
        self._session.flush()
        details = {
            "unit_id": roster.unit_id,
            "first_day": roster.start.isoformat(),
            "last_day": roster.end.isoformat(),
            "status": roster.status.value,
            "assignment_count": len(roster.assignments),
        }
        self._audit.record(actor_id, "add", "roster", row.id, details)
        logger.info("added roster %s for unit %s", row.id, roster.unit_id)
        return roster_of(row)

    def get(self, roster_id: int) -> Roster | None:
        row = self._session.get(RosterRow, roster_id)
        return roster_of(row) if row is not None else None

    def get_for_update(self, roster_id: int) -> Roster | None:
        """Read the roster again and lock its row until the transaction ends.

        Whoever changes the assignments of a published roster on a decision locks it
        first, so a second decision waits until the first has committed, and then
        reads the assignments that the first left. On PostgreSQL this is SELECT … FOR
        NO KEY UPDATE, which still lets other sessions insert assignments that refer
        to the roster. SQLite ignores it, but every transaction there takes the write
        lock when it begins.
        """
        row = self._session.get(
            RosterRow, roster_id, with_for_update={"key_share": True}, populate_existing=True
        )
        if row is None:
            return None
        # The assignments loaded earlier in this session may predate the lock.
        self._session.expire(row, ["assignments"])
        return roster_of(row)

    def latest(self, unit_id: int, status: RosterStatus | None = None) -> Roster | None:
        """Return the unit's most recently added roster, of `status` if given."""
        query = select(RosterRow).where(RosterRow.unit_id == unit_id)
        if status is not None:
            query = query.where(RosterRow.status == status.value)
        row = self._session.scalars(query.order_by(RosterRow.id.desc()).limit(1)).first()
        return roster_of(row) if row is not None else None

    def last_planned_day(self, unit_id: int) -> dt.date | None:
        """Return the last day of the unit's published and draft rosters, or None without any."""
        planned = (RosterStatus.PUBLISHED.value, RosterStatus.DRAFT.value)
        query = select(func.max(RosterRow.last_day)).where(
            RosterRow.unit_id == unit_id, RosterRow.status.in_(planned)
        )
        return self._session.scalars(query).first()

    def covering(self, unit_id: int, day: dt.date) -> Roster | None:
        """Return the published roster of the unit that contains `day`, the newest if several."""
        query = (
            select(RosterRow)
            .where(RosterRow.unit_id == unit_id)
            .where(RosterRow.status == RosterStatus.PUBLISHED.value)
            .where(RosterRow.first_day <= day, RosterRow.last_day >= day)
            .order_by(RosterRow.id.desc())
            .limit(1)
        )
        row = self._session.scalars(query).first()
        return roster_of(row) if row is not None else None

    def overlapping(
        self, unit_id: int, start: dt.date, end: dt.date, status: RosterStatus
    ) -> list[Roster]:
        """Return the unit's rosters of `status` sharing a day with `start`–`end`, by first day."""
        query = (
            select(RosterRow)
            .where(RosterRow.unit_id == unit_id, RosterRow.status == status.value)
            .where(RosterRow.first_day <= end, RosterRow.last_day >= start)
            .order_by(RosterRow.first_day, RosterRow.id)
        )
        return [roster_of(row) for row in self._session.scalars(query)]

    def set_status(self, roster_id: int, status: RosterStatus, *, actor_id: int | None) -> Roster:
        """Change the status; publishing also records the time of publication."""
        row = self._require(roster_id)
        previous_status = row.status
        row.status = status.value
        if status == RosterStatus.PUBLISHED:
            row.published_at = utc_now()
        self._session.flush()
        details = {"status": status.value, "previous_status": previous_status}
        self._audit.record(actor_id, "set_status", "roster", row.id, details)
        return roster_of(row)

    def replace_assignments(
        self, roster_id: int, assignments: Iterable[Assignment], *, actor_id: int | None
    ) -> Roster:
        """Replace all assignments of the roster; the audit entry lists what changed."""
        row = self._require(roster_id)
        new_assignments = tuple(assignments)
        check_assignments(row.first_day, row.last_day, new_assignments)
        previous = {assignment_of(assignment_row) for assignment_row in row.assignments}
        # Delete first and flush, because SQLAlchemy inserts before it deletes within one
        # flush, which would break the one-shift-a-day constraint on an unchanged row.
        row.assignments.clear()
        self._session.flush()
        row.assignments.extend(assignment_row(assignment) for assignment in new_assignments)
        self._session.flush()
        details = {
            "removed": assignment_details(previous - set(new_assignments)),
            "added": assignment_details(set(new_assignments) - previous),
        }
        self._audit.record(actor_id, "replace_assignments", "roster", row.id, details)
        return roster_of(row)

    def assignments_between(
        self,
        unit_id: int,
        start: dt.date,
        end: dt.date,
        status: RosterStatus = RosterStatus.PUBLISHED,
    ) -> list[Assignment]:
        """Return the assignments from `start` to `end` (inclusive) in the unit's rosters.

        Only rosters of `status` count; the list is sorted by day, then employee id.
        """
        query = (
            select(AssignmentRow)
            .join(RosterRow, RosterRow.id == AssignmentRow.roster_id)
            .where(RosterRow.unit_id == unit_id, RosterRow.status == status.value)
            .where(AssignmentRow.day >= start, AssignmentRow.day <= end)
            .order_by(AssignmentRow.day, AssignmentRow.employee_id, AssignmentRow.id)
        )
        return [assignment_of(row) for row in self._session.scalars(query)]

    def assignments_of_employee(self, employee_id: int) -> list[tuple[Roster, Assignment]]:
        """Return every assignment of the employee in any roster, with its roster's header."""
        query = (
            select(AssignmentRow, RosterRow)
            .join(RosterRow, RosterRow.id == AssignmentRow.roster_id)
            .where(AssignmentRow.employee_id == employee_id)
            .order_by(AssignmentRow.day, RosterRow.id)
        )
        return [
            (roster_header_of(roster_row), assignment_of(assignment_row))
            for assignment_row, roster_row in self._session.execute(query)
        ]

    def _require(self, roster_id: int) -> RosterRow:
        row = self._session.get(RosterRow, roster_id)
        if row is None:
            raise NotFoundError("roster", roster_id)
        return row


def check_assignments(start: dt.date, end: dt.date, assignments: Sequence[Assignment]) -> None:
    """Raise ValueError for an assignment outside the roster or a second one on a day."""
    seen: set[tuple[int, dt.date]] = set()
    for assignment in assignments:
        if not start <= assignment.day <= end:
            raise ValueError(
                f"assignment of employee {assignment.employee_id} on {assignment.day} is "
                f"outside the roster's days {start} to {end}"
            )
        key = (assignment.employee_id, assignment.day)
        if key in seen:
            raise ValueError(
                f"employee {assignment.employee_id} has two assignments on {assignment.day}"
            )
        seen.add(key)


def published_now(status: RosterStatus) -> dt.datetime | None:
    return utc_now() if status == RosterStatus.PUBLISHED else None


def assignment_row(assignment: Assignment) -> AssignmentRow:
    return AssignmentRow(
        employee_id=assignment.employee_id, day=assignment.day, shift_code=assignment.shift_code
    )


def assignment_of(row: AssignmentRow) -> Assignment:
    return Assignment(employee_id=row.employee_id, day=row.day, shift_code=row.shift_code)


def assignment_details(assignments: Iterable[Assignment]) -> list[dict[str, object]]:
    ordered = sorted(assignments, key=lambda item: (item.day, item.employee_id))
    return [
        {
            "employee_id": item.employee_id,
            "day": item.day.isoformat(),
            "shift_code": item.shift_code,
        }
        for item in ordered
    ]


def roster_header_of(row: RosterRow) -> Roster:
    """Return the roster without its assignments."""
    return Roster(
        id=row.id,
        unit_id=row.unit_id,
        start=row.first_day,
        end=row.last_day,
        status=RosterStatus(row.status),
        created_at=row.created_at,
        published_at=row.published_at,
    )


def roster_of(row: RosterRow) -> Roster:
    """Return the roster with its assignments sorted by day, then employee id."""
    assignments = sorted(
        (assignment_of(assignment_row) for assignment_row in row.assignments),
        key=lambda assignment: (assignment.day, assignment.employee_id),
    )
    return dataclasses.replace(roster_header_of(row), assignments=tuple(assignments))
