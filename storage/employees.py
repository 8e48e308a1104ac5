"""Employees, with name and e-mail encrypted and the e-mail blind-indexed for lookups."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from core.employees import Employee, Position, Role
from storage.audit import AuditLog
from storage.crypto import FieldCipher
from storage.errors import NotFoundError
from storage.models import EmployeeRoleRow, EmployeeRow, UnitRow, utc_now
from storage.organisations import check_new_id

logger = logging.getLogger(__name__)

NAME_PURPOSE = "employees.name"
EMAIL_PURPOSE = "employees.email"


def normalise_email(email: str) -> str:
    """Return the form of an e-mail address that the blind index is computed from."""
    return email.strip().casefold()


def normalise_name(name: str) -> str:
    return " ".join(name.split()).casefold()


class EmployeeRepository:
    """Employees of all units. New employees are passed with id 0.

    Names are encrypted, so `find_by_name` decrypts the unit's staff in memory, which
    suits units of a few hundred people.
    """

    def __init__(self, session: Session, cipher: FieldCipher, audit: AuditLog) -> None:
        self._session = session
        self._cipher = cipher
        self._audit = audit

    def add(self, employee: Employee, *, actor_id: int | None) -> Employee:
        """Insert an employee of an existing unit and return it with its new id."""
        check_new_id("employee", employee.id)
        self._require_unit(employee.unit_id)
        row = EmployeeRow(created_at=utc_now())
        self._write_profile(row, employee)
        row.roles = [EmployeeRoleRow(role=role.value) for role in sorted(employee.roles)]
        self._session.add(row)
        self._session.flush()
        roles = sorted(role.value for role in employee.roles)
        details = {**profile_details(employee), "roles": roles}
        self._audit.record(actor_id, "add", "employee", row.id, details, subject_employee_id=row.id)
        logger.info("added employee %s to unit %s", row.id, employee.unit_id)
        return self._employee_of(row)

    def add_many(self, employees: Iterable[Employee], *, actor_id: int | None) -> list[Employee]:
        """Insert employees in order, auditing each; they commit or roll back together."""
        return [self.add(employee, actor_id=actor_id) for employee in employees]

    def get(self, employee_id: int) -> Employee | None:
        row = self._session.get(EmployeeRow, employee_id)
        return self._employee_of(row) if row is not None else None

    def list_for_unit(self, unit_id: int, active_only: bool = True) -> list[Employee]:
        """Return the unit's employees in the order they were added."""
        return [self._employee_of(row) for row in self._unit_rows(unit_id, active_only)]

    def find_by_name(self, unit_id: int, name: str, *, active_only: bool = True) -> list[Employee]:
        """Return the unit's employees with exactly this name, ignoring case and spacing.

        A list, because two people may share a name. The caller asks which one is meant.
        """
        wanted = normalise_name(name)
        return [
            employee
            for employee in self.list_for_unit(unit_id, active_only)
            if normalise_name(employee.name) == wanted
        ]

    def find_by_email(self, email: str) -> Employee | None:
        """Return the employee with this e-mail address, ignoring case, in any unit.

        If several rows carry it, an active one is preferred, then the newest.
        """
        email_index = self._cipher.blind_index(normalise_email(email), EMAIL_PURPOSE)
        query = (
            select(EmployeeRow)
            .where(EmployeeRow.email_index == email_index)
            .order_by(EmployeeRow.active.desc(), EmployeeRow.id.desc())
        )
        row = self._session.scalars(query).first()
        return self._employee_of(row) if row is not None else None

    def find_all_by_email(self, email: str) -> list[Employee]:
        """Return every employee with this e-mail address, ignoring case, in any unit.

        Active or not, oldest first. An import refuses an address already used in the
        organisation, but two organisations, or an edited profile, can share one.
        """
        email_index = self._cipher.blind_index(normalise_email(email), EMAIL_PURPOSE)
        query = (
            select(EmployeeRow)
            .where(EmployeeRow.email_index == email_index)
            .order_by(EmployeeRow.id)
        )
        return [self._employee_of(row) for row in self._session.scalars(query)]

    def update(self, employee: Employee, *, actor_id: int | None) -> Employee:
        """Overwrite the stored profile (name, e-mail, unit, position, competences, flags).

        Roles are kept; change them with `update_roles`.
        """
        row = self._require(employee.id)
        if employee.unit_id != row.unit_id:
            self._require_unit(employee.unit_id)
        self._write_profile(row, employee)
        self._session.flush()
        self._audit.record(
            actor_id,
            "update",
            "employee",
            row.id,
            profile_details(employee),
            subject_employee_id=row.id,
        )
        return self._employee_of(row)

    def update_roles(
        self, employee_id: int, roles: Iterable[Role], *, actor_id: int | None
    ) -> Employee:
        """Replace the employee's roles with `roles`."""
        row = self._require(employee_id)
        new_roles = {Role(role).value for role in roles}
        previous_roles = {role_row.role for role_row in row.roles}
        row.roles = [EmployeeRoleRow(role=role) for role in sorted(new_roles)]
        self._session.flush()
        details = {"roles": sorted(new_roles), "previous_roles": sorted(previous_roles)}
        self._audit.record(
            actor_id, "update_roles", "employee", row.id, details, subject_employee_id=row.id
        )
        return self._employee_of(row)

    def deactivate(self, employee_id: int, *, actor_id: int | None) -> Employee:
        """Mark the employee inactive; the row and its history stay."""
        row = self._require(employee_id)
        row.active = False
        self._session.flush()
        self._audit.record(actor_id, "deactivate", "employee", row.id, subject_employee_id=row.id)
        return self._employee_of(row)

    def _write_profile(self, row: EmployeeRow, employee: Employee) -> None:
        row.unit_id = employee.unit_id
        row.name_encrypted = self._cipher.encrypt(employee.name.strip(), NAME_PURPOSE)
        row.email_encrypted = None
        row.email_index = None
        if employee.email:
            email = employee.email.strip()
            row.email_encrypted = self._cipher.encrypt(email, EMAIL_PURPOSE)
            row.email_index = self._cipher.blind_index(normalise_email(email), EMAIL_PURPOSE)
        row.position = employee.position.value
        row.position_percent = employee.position_percent
        row.competences = sorted(employee.competences)
        row.night_only = employee.night_only
        row.active = employee.active

    def _unit_rows(self, unit_id: int, active_only: bool) -> Sequence[EmployeeRow]:
        query = select(EmployeeRow).where(EmployeeRow.unit_id == unit_id).order_by(EmployeeRow.id)
        if active_only:
            query = query.where(EmployeeRow.active.is_(True))
        return self._session.scalars(query).all()

    def _require(self, employee_id: int) -> EmployeeRow:
        row = self._session.get(EmployeeRow, employee_id)
        if row is None:
            raise NotFoundError("employee", employee_id)
        return row

    def _require_unit(self, unit_id: int) -> None:
        if self._session.get(UnitRow, unit_id) is None:
            raise NotFoundError("unit", unit_id)

    def _employee_of(self, row: EmployeeRow) -> Employee:
        email = None
        if row.email_encrypted is not None:
            email = self._cipher.decrypt(row.email_encrypted, EMAIL_PURPOSE)
        return Employee(
            id=row.id,
            unit_id=row.unit_id,
            name=self._cipher.decrypt(row.name_encrypted, NAME_PURPOSE),
            position=Position(row.position),
            position_percent=row.position_percent,
            competences=frozenset(str(competence) for competence in row.competences),
            email=email,
            roles=frozenset(Role(role_row.role) for role_row in row.roles),
            night_only=row.night_only,
            active=row.active,
        )


def profile_details(employee: Employee) -> dict[str, object]:
    """Return the audit details of a profile change: the non-personal fields only."""
    return {
        "unit_id": employee.unit_id,
        "position": employee.position.value,
        "position_percent": employee.position_percent,
        "competences": sorted(employee.competences),
        "night_only": employee.night_only,
        "active": employee.active,
    }
