"""Absences, unavailability, availability and wishes: day ranges an employee registers.

New values are passed with id 0. The `list_*` methods filter by employee, by unit, and
by overlap with a date range (`within`), in any combination; without filters they
return every row. An absence's kind is health data when it is sick leave (GDPR art. 9),
so it is stored encrypted, and audit entries record the days but never the kind.
The repository also keeps the shifts that absences took out of published rosters.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from typing import Any, Generic, Protocol, TypeVar

from sqlalchemy import Select, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from core.absences import Absence, Availability, RemovedShift, Unavailability, Wish
from core.commands import AbsenceKind, DateRange, Preference, ShiftKind
from storage.audit import AuditLog
from storage.crypto import FieldCipher
from storage.errors import NotFoundError
from storage.models import (
    AbsenceRemovedShiftRow,
    AbsenceRow,
    AvailabilityRow,
    EmployeeDaysMixin,
    EmployeeRow,
    UnavailabilityRow,
    WishRow,
    moment_or_now,
    utc_now,
)
from storage.organisations import check_new_id

logger = logging.getLogger(__name__)

KIND_PURPOSE = "absences.kind"


class Registration(Protocol):
    @property
    def id(self) -> int: ...

    @property
    def employee_id(self) -> int: ...

    @property
    def days(self) -> DateRange: ...


ValueT = TypeVar("ValueT", bound=Registration)
RowT = TypeVar("RowT", bound=EmployeeDaysMixin)
SelectT = TypeVar("SelectT", bound=Select[Any])


class RegistrationTable(Generic[ValueT, RowT]):
    """Add, list and delete one kind of registration; the repository below has one of each."""

    def __init__(
        self,
        session: Session,
        audit: AuditLog,
        entity: str,
        row_type: type[RowT],
        write_row: Callable[[RowT, ValueT], None],
        value_of: Callable[[RowT], ValueT],
    ) -> None:
        self._session = session
        self._audit = audit
        self._entity = entity
        self._row_type = row_type
        self._write_row = write_row
        self._value_of = value_of

    def add(self, value: ValueT, *, actor_id: int | None) -> ValueT:
        check_new_id(self._entity, value.id)
        if self._session.get(EmployeeRow, value.employee_id) is None:
            raise NotFoundError("employee", value.employee_id)
        row = self._row_type()
        row.employee_id = value.employee_id
        row.first_day = value.days.start
        row.last_day = value.days.end
        row.created_at = utc_now()
        self._write_row(row, value)
        self._session.add(row)
        self._session.flush()
        self._record(actor_id, "add", row)
        return self._value_of(row)

    def list(
        self,
        employee_id: int | None = None,
        unit_id: int | None = None,
        within: DateRange | None = None,
    ) -> list[ValueT]:
        row_type = self._row_type
        query = select(row_type).order_by(row_type.first_day, row_type.id)
        query = of_employee_or_unit(query, row_type.employee_id, employee_id, unit_id)
        if within is not None:
            query = query.where(row_type.first_day <= within.end, row_type.last_day >= within.start)
        return [self._value_of(row) for row in self._session.scalars(query)]

    def delete(self, value_id: int, *, actor_id: int | None) -> ValueT:
        """Delete one registration and return it; raise NotFoundError for an unknown id."""
        row = self._session.get(self._row_type, value_id)
        if row is None:
            raise NotFoundError(self._entity, value_id)
        deleted = self._value_of(row)
        self._session.delete(row)
        self._session.flush()
        self._record(actor_id, "delete", row)
        return deleted

    def _record(self, actor_id: int | None, action: str, row: RowT) -> None:
        details = {"first_day": row.first_day.isoformat(), "last_day": row.last_day.isoformat()}
        self._audit.record(
            actor_id, action, self._entity, row.id, details, subject_employee_id=row.employee_id
        )


def of_employee_or_unit(
    query: SelectT,
    employee_column: InstrumentedAttribute[int],
    employee_id: int | None,
    unit_id: int | None,
) -> SelectT:
    """Return `query` limited to one employee's rows, to one unit's rows, or both."""
    if employee_id is not None:
        query = query.where(employee_column == employee_id)
    if unit_id is not None:
        query = query.join(EmployeeRow, EmployeeRow.id == employee_column).where(
            EmployeeRow.unit_id == unit_id
        )
    return query


class AbsenceRepository:
    """The four kinds of registration, and the shifts absences removed.

    See the module docstring for the conventions.
    """

    def __init__(self, session: Session, cipher: FieldCipher, audit: AuditLog) -> None:
        self._session = session
        self._audit = audit
        self._cipher = cipher
        self._absences = RegistrationTable[Absence, AbsenceRow](
            session, audit, "absence", AbsenceRow, self._write_absence, self._absence_of
        )
        self._unavailability = RegistrationTable[Unavailability, UnavailabilityRow](
            session,
            audit,
            "unavailability",
            UnavailabilityRow,
            write_shift_kind,
            unavailability_of,
        )
        self._availability = RegistrationTable[Availability, AvailabilityRow](
            session, audit, "availability", AvailabilityRow, write_shift_kind, availability_of
        )
        self._wishes = RegistrationTable[Wish, WishRow](
            session, audit, "wish", WishRow, write_wish, wish_of
        )

    def add_absence(self, absence: Absence, *, actor_id: int | None) -> Absence:
        return self._absences.add(absence, actor_id=actor_id)

    def add_unavailability(
        self, unavailability: Unavailability, *, actor_id: int | None
    ) -> Unavailability:
        return self._unavailability.add(unavailability, actor_id=actor_id)

    def add_availability(self, availability: Availability, *, actor_id: int | None) -> Availability:
        return self._availability.add(availability, actor_id=actor_id)

    def add_wish(self, wish: Wish, *, actor_id: int | None) -> Wish:
        return self._wishes.add(wish, actor_id=actor_id)

    def list_absences(
        self,
        *,
        employee_id: int | None = None,
        unit_id: int | None = None,
        within: DateRange | None = None,
    ) -> list[Absence]:
        return self._absences.list(employee_id, unit_id, within)

    def list_unavailability(
        self,
        *,
        employee_id: int | None = None,
        unit_id: int | None = None,
        within: DateRange | None = None,
    ) -> list[Unavailability]:
        return self._unavailability.list(employee_id, unit_id, within)

    def list_availability(
        self,
        *,
        employee_id: int | None = None,
        unit_id: int | None = None,
        within: DateRange | None = None,
    ) -> list[Availability]:
        return self._availability.list(employee_id, unit_id, within)

    def list_wishes(
        self,
        *,
        employee_id: int | None = None,
        unit_id: int | None = None,
        within: DateRange | None = None,
    ) -> list[Wish]:
        return self._wishes.list(employee_id, unit_id, within)

    def delete_absence(self, absence_id: int, *, actor_id: int | None) -> Absence:
        return self._absences.delete(absence_id, actor_id=actor_id)

    def delete_unavailability(
        self, unavailability_id: int, *, actor_id: int | None
    ) -> Unavailability:
        return self._unavailability.delete(unavailability_id, actor_id=actor_id)

    def delete_availability(self, availability_id: int, *, actor_id: int | None) -> Availability:
        return self._availability.delete(availability_id, actor_id=actor_id)

    def delete_wish(self, wish_id: int, *, actor_id: int | None) -> Wish:
        return self._wishes.delete(wish_id, actor_id=actor_id)

    def add_removed_shifts(
        self, shifts: Iterable[RemovedShift], *, actor_id: int | None
    ) -> list[RemovedShift]:
        """Store the shifts an absence took out of a roster, and return them with their ids."""
        rows = [removed_shift_row(shift) for shift in shifts]
        self._session.add_all(rows)
        self._session.flush()
        for row in rows:
            details = {
                "shift_day": row.shift_day.isoformat(),
                "absent_day": row.absent_day.isoformat(),
            }
            self._audit.record(
                actor_id,
                "add",
                "absence_removed_shift",
                row.id,
                details,
                subject_employee_id=row.employee_id,
            )
        return [removed_shift_of(row) for row in rows]

    def list_removed_shifts(
        self,
        *,
        employee_id: int | None = None,
        unit_id: int | None = None,
        within: DateRange | None = None,
    ) -> list[RemovedShift]:
        """Return the shifts absences removed, filtered like the registrations.

        With `within`, a shift is listed when its day or its absent day lies in the
        range, so a night from the evening before the range is listed too.
        """
        row_type = AbsenceRemovedShiftRow
        query = select(row_type).order_by(row_type.shift_day, row_type.id)
        query = of_employee_or_unit(query, row_type.employee_id, employee_id, unit_id)
        if within is not None:
            query = query.where(
                row_type.shift_day <= within.end, row_type.absent_day >= within.start
            )
        return [removed_shift_of(row) for row in self._session.scalars(query)]

    def _write_absence(self, row: AbsenceRow, absence: Absence) -> None:
        row.kind_encrypted = self._cipher.encrypt(absence.kind.value, KIND_PURPOSE)
        # The chat passes the moment it registered the absence, because the roster
        # checker keeps a night that had started by then (core.compliance.model).
        if absence.created_at is not None:
            row.created_at = moment_or_now(absence.created_at)

    def _absence_of(self, row: AbsenceRow) -> Absence:
        return Absence(
            id=row.id,
            employee_id=row.employee_id,
            kind=AbsenceKind(self._cipher.decrypt(row.kind_encrypted, KIND_PURPOSE)),
            days=row_days(row),
            created_at=row.created_at,
        )


def removed_shift_row(shift: RemovedShift) -> AbsenceRemovedShiftRow:
    check_new_id("absence_removed_shift", shift.id)
    return AbsenceRemovedShiftRow(
        absence_id=shift.absence_id,
        employee_id=shift.employee_id,
        shift_day=shift.shift_day,
        shift_code=shift.shift_code,
        absent_day=shift.absent_day,
        worked_minutes=shift.worked_minutes,
        created_at=utc_now(),
    )


def removed_shift_of(row: AbsenceRemovedShiftRow) -> RemovedShift:
    return RemovedShift(
        id=row.id,
        employee_id=row.employee_id,
        absence_id=row.absence_id,
        shift_day=row.shift_day,
        shift_code=row.shift_code,
        absent_day=row.absent_day,
        worked_minutes=row.worked_minutes,
    )


def row_days(row: EmployeeDaysMixin) -> DateRange:
    return DateRange(row.first_day, row.last_day)


def optional_shift_kind(value: str | None) -> ShiftKind | None:
    return ShiftKind(value) if value is not None else None


def write_shift_kind(
    row: UnavailabilityRow | AvailabilityRow, value: Unavailability | Availability
) -> None:
    row.shift_kind = value.shift_kind.value if value.shift_kind is not None else None


def write_wish(row: WishRow, wish: Wish) -> None:
    row.preference = wish.preference.value
    row.shift_kind = wish.shift_kind.value if wish.shift_kind is not None else None
    row.weight = wish.weight


def unavailability_of(row: UnavailabilityRow) -> Unavailability:
    return Unavailability(
        id=row.id,
        employee_id=row.employee_id,
        days=row_days(row),
        shift_kind=optional_shift_kind(row.shift_kind),
    )


def availability_of(row: AvailabilityRow) -> Availability:
    return Availability(
        id=row.id,
        employee_id=row.employee_id,
        days=row_days(row),
        shift_kind=optional_shift_kind(row.shift_kind),
    )


def wish_of(row: WishRow) -> Wish:
    return Wish(
        id=row.id,
        employee_id=row.employee_id,
        days=row_days(row),
        preference=Preference(row.preference),
        shift_kind=optional_shift_kind(row.shift_kind),
        weight=row.weight,
    )
