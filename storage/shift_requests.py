"""Shift, absence and repair requests and their state, as the core's state machine leaves it."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable, Mapping

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from core.commands import DateRange
from core.rosters import RosterDifference
from core.shift_requests import OPEN_STATES, RequestKind, RequestState, ShiftRequest
from storage.audit import AuditLog
from storage.crypto import FieldCipher
from storage.errors import NotFoundError
from storage.models import (
    EmployeeRow,
    OfferInvitationRow,
    RepairChangeRow,
    RosterRow,
    ShiftRequestRow,
    UnitRow,
    utc_now,
)
from storage.organisations import check_new_id

logger = logging.getLogger(__name__)

NOTE_PURPOSE = "shift_requests.note"


class ShiftRequestRepository:
    """New requests are passed with id 0. The free-text note is stored encrypted.

    The repository does not check transitions: the core applies `ShiftRequest.after`
    and stores the result with `update`.
    """

    def __init__(self, session: Session, cipher: FieldCipher, audit: AuditLog) -> None:
        self._session = session
        self._cipher = cipher
        self._audit = audit

    def add(self, request: ShiftRequest, *, actor_id: int | None) -> ShiftRequest:
        """Insert a request of an existing unit and requester, and return it with its id."""
        check_new_id("shift request", request.id)
        if self._session.get(UnitRow, request.unit_id) is None:
            raise NotFoundError("unit", request.unit_id)
        self._require_employees(request)
        now = utc_now()
        row = ShiftRequestRow(created_at=now, updated_at=now)
        self._write(row, request)
        self._session.add(row)
        self._session.flush()
        details = {"kind": request.kind.value, "state": request.state.value}
        self._record(actor_id, "add", row, details)
        return self._request_of(row)

    def get(self, request_id: int) -> ShiftRequest | None:
        row = self._session.get(ShiftRequestRow, request_id)
        return self._request_of(row) if row is not None else None

    def get_for_update(self, request_id: int) -> ShiftRequest | None:
        """Read the request again and lock its row until the transaction ends.

        A second transaction that locks the same request waits until this one has
        committed, and then reads the state it left, so two people cannot both decide
        it. On PostgreSQL this is SELECT … FOR UPDATE. SQLite ignores FOR UPDATE, but
        every transaction there takes the write lock when it begins.
        """
        row = self._session.get(
            ShiftRequestRow, request_id, with_for_update=True, populate_existing=True
        )
        return self._request_of(row) if row is not None else None

    def update(self, request: ShiftRequest, *, actor_id: int | None) -> ShiftRequest:
        """Store the request's new state and fields; raise NotFoundError for an unknown id."""
        row = self._session.get(ShiftRequestRow, request.id)
        if row is None:
            raise NotFoundError("shift request", request.id)
        self._require_employees(request)
        previous_state = row.state
        self._write(row, request)
        row.updated_at = utc_now()
        self._session.flush()
        details = {"state": request.state.value, "previous_state": previous_state}
        self._record(actor_id, "update", row, details)
        return self._request_of(row)

    def list_open(self, unit_id: int) -> list[ShiftRequest]:
        """Return the unit's pending and accepted requests, oldest first."""
        query = (
            select(ShiftRequestRow)
            .where(ShiftRequestRow.unit_id == unit_id)
            .where(ShiftRequestRow.state.in_([state.value for state in OPEN_STATES]))
            .order_by(ShiftRequestRow.id)
        )
        return [self._request_of(row) for row in self._session.scalars(query)]

    def list_for_employee(self, employee_id: int, *, open_only: bool = False) -> list[ShiftRequest]:
        """Return the requests the employee made or is the counterpart of, oldest first."""
        query = (
            select(ShiftRequestRow)
            .where(
                or_(
                    ShiftRequestRow.requester_id == employee_id,
                    ShiftRequestRow.counterpart_id == employee_id,
                )
            )
            .order_by(ShiftRequestRow.id)
        )
        if open_only:
            query = query.where(ShiftRequestRow.state.in_([state.value for state in OPEN_STATES]))
        return [self._request_of(row) for row in self._session.scalars(query)]

    def list_involving(self, employee_id: int) -> list[ShiftRequest]:
        """Return the requests the employee made, is the counterpart of, or decided."""
        query = (
            select(ShiftRequestRow)
            .where(
                or_(
                    ShiftRequestRow.requester_id == employee_id,
                    ShiftRequestRow.counterpart_id == employee_id,
                    ShiftRequestRow.decided_by_id == employee_id,
                )
            )
            .order_by(ShiftRequestRow.id)
        )
        return [self._request_of(row) for row in self._session.scalars(query)]

    def list_approved_on(self, unit_id: int, day: dt.date) -> list[ShiftRequest]:
        """Return the approved requests that move a shift on `day` or cover it, newest first."""
        query = (
            select(ShiftRequestRow)
            .where(ShiftRequestRow.unit_id == unit_id)
            .where(ShiftRequestRow.state == RequestState.APPROVED.value)
            .where(
                or_(
                    ShiftRequestRow.day == day,
                    ShiftRequestRow.counterpart_day == day,
                    and_(ShiftRequestRow.day <= day, ShiftRequestRow.last_day >= day),
                )
            )
            .order_by(ShiftRequestRow.id.desc())
        )
        return [self._request_of(row) for row in self._session.scalars(query)]

    def for_roster(self, roster_id: int) -> ShiftRequest | None:
        """Return the repair request whose proposed roster is `roster_id`, if there is one."""
        query = select(ShiftRequestRow).where(ShiftRequestRow.roster_id == roster_id).limit(1)
        row = self._session.scalars(query).first()
        return self._request_of(row) if row is not None else None

    def add_repair_changes(
        self, request_id: int, changes: Iterable[RosterDifference], *, actor_id: int | None
    ) -> None:
        """Store the person-days that a repair request changes."""
        row = self._session.get(ShiftRequestRow, request_id)
        if row is None:
            raise NotFoundError("shift request", request_id)
        stored = [
            RepairChangeRow(
                request_id=request_id,
                employee_id=change.employee_id,
                day=change.day,
                old_shift_code=change.old_shift_code,
                new_shift_code=change.new_shift_code,
            )
            for change in changes
        ]
        self._session.add_all(stored)
        self._session.flush()
        self._record(actor_id, "add_repair_changes", row, {"change_count": len(stored)})

    def repair_changes(self, request_id: int) -> tuple[RosterDifference, ...]:
        """Return the changes of a repair request, sorted by day and employee id."""
        query = (
            select(RepairChangeRow)
            .where(RepairChangeRow.request_id == request_id)
            .order_by(RepairChangeRow.day, RepairChangeRow.employee_id)
        )
        return tuple(
            RosterDifference(row.employee_id, row.day, row.old_shift_code, row.new_shift_code)
            for row in self._session.scalars(query)
        )

    def add_invitations(
        self, request_id: int, employee_ids: Iterable[int], *, actor_id: int | None
    ) -> None:
        """Store the colleagues an offer was sent to; each employee must exist."""
        row = self._session.get(ShiftRequestRow, request_id)
        if row is None:
            raise NotFoundError("shift request", request_id)
        invited = sorted(set(employee_ids))
        for employee_id in invited:
            if self._session.get(EmployeeRow, employee_id) is None:
                raise NotFoundError("employee", employee_id)
        self._session.add_all(
            OfferInvitationRow(request_id=request_id, employee_id=employee_id)
            for employee_id in invited
        )
        self._session.flush()
        self._record(actor_id, "add_invitations", row, {"invited_count": len(invited)})

    def invited_ids(self, request_id: int) -> tuple[int, ...]:
        """Return the ids of the colleagues an offer was sent to, in ascending order."""
        query = (
            select(OfferInvitationRow.employee_id)
            .where(OfferInvitationRow.request_id == request_id)
            .order_by(OfferInvitationRow.employee_id)
        )
        return tuple(self._session.scalars(query))

    def _require_employees(self, request: ShiftRequest) -> None:
        for employee_id in (request.requester_id, request.counterpart_id, request.decided_by_id):
            if employee_id is not None and self._session.get(EmployeeRow, employee_id) is None:
                raise NotFoundError("employee", employee_id)
        roster_id = request.roster_id
        if roster_id is not None and self._session.get(RosterRow, roster_id) is None:
            raise NotFoundError("roster", roster_id)

    def _record(
        self, actor_id: int | None, action: str, row: ShiftRequestRow, details: Mapping[str, object]
    ) -> None:
        self._audit.record(
            actor_id,
            action,
            "shift_request",
            row.id,
            details,
            subject_employee_id=row.requester_id,
        )

    def _write(self, row: ShiftRequestRow, request: ShiftRequest) -> None:
        row.unit_id = request.unit_id
        row.kind = request.kind.value
        row.state = request.state.value
        row.requester_id = request.requester_id
        row.day = request.day
        row.shift_code = request.shift_code
        row.counterpart_id = request.counterpart_id
        row.counterpart_day = request.counterpart_day
        row.counterpart_shift_code = request.counterpart_shift_code
        row.last_day = request.last_day
        row.decided_by_id = request.decided_by_id
        row.roster_id = request.roster_id
        row.day_ranges = ranges_text(request.day_ranges) if request.day_ranges else None
        row.note_encrypted = (
            self._cipher.encrypt(request.note, NOTE_PURPOSE) if request.note else None
        )

    def _request_of(self, row: ShiftRequestRow) -> ShiftRequest:
        note = ""
        if row.note_encrypted is not None:
            note = self._cipher.decrypt(row.note_encrypted, NOTE_PURPOSE)
        return ShiftRequest(
            id=row.id,
            unit_id=row.unit_id,
            kind=RequestKind(row.kind),
            state=RequestState(row.state),
            requester_id=row.requester_id,
            day=row.day,
            shift_code=row.shift_code,
            counterpart_id=row.counterpart_id,
            counterpart_day=row.counterpart_day,
            counterpart_shift_code=row.counterpart_shift_code,
            decided_by_id=row.decided_by_id,
            note=note,
            created_at=row.created_at,
            last_day=row.last_day,
            roster_id=row.roster_id,
            day_ranges=ranges_of_text(row.day_ranges) if row.day_ranges else (),
        )


def ranges_text(ranges: Iterable[DateRange]) -> str:
    """Write date ranges as «2027-03-03/2027-03-04,2027-03-10/2027-03-10»."""
    return ",".join(f"{days.start.isoformat()}/{days.end.isoformat()}" for days in ranges)


def ranges_of_text(text: str) -> tuple[DateRange, ...]:
    """Read the date ranges that `ranges_text` wrote."""
    ranges = []
    for part in text.split(","):
        start, end = part.split("/")
        ranges.append(DateRange(dt.date.fromisoformat(start), dt.date.fromisoformat(end)))
    return tuple(ranges)
