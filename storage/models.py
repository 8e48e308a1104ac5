"""SQLAlchemy models of the schema; only the repositories in this package use them.

Columns ending in `_encrypted` hold `storage.crypto` tokens, and columns ending in
`_index` hold blind indexes. Enumerations are stored as their text values in plain
string columns, so that adding a value needs no database migration.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    Dialect,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    Time,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

# Explicit constraint names, so later migrations can alter them on every backend
# (SQLite batch mode needs a name to drop or change a constraint).
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

CODE_LENGTH = 32
NAME_LENGTH = 200
INDEX_LENGTH = 64  # hex of an HMAC-SHA256


class UtcDateTime(TypeDecorator[dt.datetime]):
    """A timezone-aware datetime, stored in UTC and returned in UTC on every backend.

    SQLite keeps no offset, so naive values read back are UTC by construction. Naive
    values are rejected on the way in, because their zone would be a guess.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError(f"naive datetime {value.isoformat()} has no time zone; pass UTC")
        return value.astimezone(dt.UTC)

    def process_result_value(
        self, value: dt.datetime | None, dialect: Dialect
    ) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=dt.UTC)
        return value.astimezone(dt.UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class OrganisationRow(Base):
    __tablename__ = "organisations"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(NAME_LENGTH))
    link_by_email: Mapped[bool] = mapped_column(Boolean, default=False)


class UnitRow(Base):
    __tablename__ = "units"
    __table_args__ = (UniqueConstraint("organisation_id", "name"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), index=True)
    name: Mapped[str] = mapped_column(String(NAME_LENGTH))
    # RuleSettings as JSON; see storage.serialisation.
    rules: Mapped[dict[str, Any]] = mapped_column(JSON)
    # The data protection officer's contact, stored in plain text because the employer
    # must publish it (GDPR art. 37 (7)); NULL when the unit has none.
    data_protection_officer: Mapped[str | None] = mapped_column(String(NAME_LENGTH))


class ShiftTypeRow(Base):
    __tablename__ = "shift_types"
    __table_args__ = (UniqueConstraint("unit_id", "code"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"), index=True)
    code: Mapped[str] = mapped_column(String(CODE_LENGTH))
    name: Mapped[str] = mapped_column(String(NAME_LENGTH))
    kind: Mapped[str] = mapped_column(String(CODE_LENGTH))
    start_time: Mapped[dt.time] = mapped_column(Time)
    end_time: Mapped[dt.time] = mapped_column(Time)
    paid_minutes: Mapped[int | None] = mapped_column(Integer)
    # Order in which the unit lists its shifts.
    position: Mapped[int] = mapped_column(Integer)


class StaffingDemandRow(Base):
    __tablename__ = "staffing_demands"
    __table_args__ = (UniqueConstraint("unit_id", "day_type", "shift_code"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"), index=True)
    day_type: Mapped[str] = mapped_column(String(CODE_LENGTH))
    shift_code: Mapped[str] = mapped_column(String(CODE_LENGTH))
    minimum: Mapped[int] = mapped_column(Integer)
    wanted: Mapped[int] = mapped_column(Integer)
    # [[competence, minimum headcount], ...]
    competence_minimums: Mapped[list[Any]] = mapped_column(JSON)
    position: Mapped[int] = mapped_column(Integer)


class EmployeeRow(Base):
    __tablename__ = "employees"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"), index=True)
    name_encrypted: Mapped[str] = mapped_column(Text)
    email_encrypted: Mapped[str | None] = mapped_column(Text)
    email_index: Mapped[str | None] = mapped_column(String(INDEX_LENGTH), index=True)
    position: Mapped[str] = mapped_column(String(CODE_LENGTH))
    position_percent: Mapped[int] = mapped_column(Integer)
    competences: Mapped[list[Any]] = mapped_column(JSON)
    night_only: Mapped[bool] = mapped_column(Boolean)
    active: Mapped[bool] = mapped_column(Boolean)
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime())

    roles: Mapped[list[EmployeeRoleRow]] = relationship(
        cascade="all, delete-orphan", lazy="selectin", order_by="EmployeeRoleRow.role"
    )


class EmployeeRoleRow(Base):
    __tablename__ = "employee_roles"

    employee_id: Mapped[int] = mapped_column(ForeignKey("employees.id"), primary_key=True)
    role: Mapped[str] = mapped_column(String(CODE_LENGTH), primary_key=True)


class ChatIdentityRow(Base):
    __tablename__ = "chat_identities"
    __table_args__ = (UniqueConstraint("platform", "workspace_id", "user_index"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    platform: Mapped[str] = mapped_column(String(CODE_LENGTH))
    workspace_id: Mapped[str] = mapped_column(String(NAME_LENGTH))
    user_id_encrypted: Mapped[str] = mapped_column(Text)
    user_index: Mapped[str] = mapped_column(String(INDEX_LENGTH))
    employee_id: Mapped[int] = mapped_column(ForeignKey("employees.id"), index=True)
    # Serialised conversation reference for proactive messages, encrypted JSON.
    conversation_reference_encrypted: Mapped[str | None] = mapped_column(Text)
    linked_at: Mapped[dt.datetime] = mapped_column(UtcDateTime())


class EmployeeDaysMixin:
    """Columns shared by the registrations an employee makes for a range of days."""

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    employee_id: Mapped[int] = mapped_column(ForeignKey("employees.id"))
    first_day: Mapped[dt.date] = mapped_column(Date)
    last_day: Mapped[dt.date] = mapped_column(Date)
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime())


class AbsenceRow(EmployeeDaysMixin, Base):
    __tablename__ = "absences"
    __table_args__ = (Index("ix_absences_employee_id_first_day", "employee_id", "first_day"),)

    # The kind (sick, child_sick, vacation ...) is health data when it is sickness
    # (GDPR art. 9), so it is encrypted like the other personal fields.
    kind_encrypted: Mapped[str] = mapped_column(Text)


class AbsenceRemovedShiftRow(Base):
    """A planned shift an absence took out of a published roster, as core.absences.RemovedShift.

    Deleting the absence keeps the row and clears `absence_id`, because the shift
    stays out of the roster and keeps lowering the employee's hours target.
    """

    __tablename__ = "absence_removed_shifts"
    __table_args__ = (
        Index("ix_absence_removed_shifts_employee_id_shift_day", "employee_id", "shift_day"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    absence_id: Mapped[int | None] = mapped_column(
        ForeignKey("absences.id", ondelete="SET NULL"), index=True
    )
    employee_id: Mapped[int] = mapped_column(ForeignKey("employees.id"))
    shift_day: Mapped[dt.date] = mapped_column(Date)
    shift_code: Mapped[str] = mapped_column(String(CODE_LENGTH))
    absent_day: Mapped[dt.date] = mapped_column(Date)
    worked_minutes: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime())


class UnavailabilityRow(EmployeeDaysMixin, Base):
    __tablename__ = "unavailabilities"
    __table_args__ = (
        Index("ix_unavailabilities_employee_id_first_day", "employee_id", "first_day"),
    )

    shift_kind: Mapped[str | None] = mapped_column(String(CODE_LENGTH))


class AvailabilityRow(EmployeeDaysMixin, Base):
    __tablename__ = "availabilities"
    __table_args__ = (Index("ix_availabilities_employee_id_first_day", "employee_id", "first_day"),)

    shift_kind: Mapped[str | None] = mapped_column(String(CODE_LENGTH))


class WishRow(EmployeeDaysMixin, Base):
    __tablename__ = "wishes"
    __table_args__ = (Index("ix_wishes_employee_id_first_day", "employee_id", "first_day"),)

    preference: Mapped[str] = mapped_column(String(CODE_LENGTH))
    shift_kind: Mapped[str | None] = mapped_column(String(CODE_LENGTH))
    weight: Mapped[int] = mapped_column(Integer)


class ShiftRequestRow(Base):
    __tablename__ = "shift_requests"
    __table_args__ = (Index("ix_shift_requests_unit_id_state", "unit_id", "state"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"))
    kind: Mapped[str] = mapped_column(String(CODE_LENGTH))
    state: Mapped[str] = mapped_column(String(CODE_LENGTH))
    requester_id: Mapped[int] = mapped_column(ForeignKey("employees.id"), index=True)
    day: Mapped[dt.date] = mapped_column(Date)
    shift_code: Mapped[str] = mapped_column(String(CODE_LENGTH))
    counterpart_id: Mapped[int | None] = mapped_column(ForeignKey("employees.id"), index=True)
    counterpart_day: Mapped[dt.date | None] = mapped_column(Date)
    counterpart_shift_code: Mapped[str | None] = mapped_column(String(CODE_LENGTH))
    # The last day of a vacation request, which starts on `day`; NULL for the other kinds.
    last_day: Mapped[dt.date | None] = mapped_column(Date)
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("employees.id"))
    # Free text from an employee may hold anything personal, so it is encrypted; NULL if empty.
    note_encrypted: Mapped[str | None] = mapped_column(Text)
    # The proposed roster of a repair request; NULL for the other kinds.
    roster_id: Mapped[int | None] = mapped_column(ForeignKey("rosters.id"))
    # The ranges of an absence request for several, such as «2027-03-03/2027-03-04,
    # 2027-03-10/2027-03-10» with no space; NULL for one range, from `day` to `last_day`.
    day_ranges: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime())
    updated_at: Mapped[dt.datetime] = mapped_column(UtcDateTime())


class RepairChangeRow(Base):
    """One person-day that a repair request changes, with the shift before and after.

    An approval applies only these changes, and only while the published roster
    still has the shift from before on each of them.
    """

    __tablename__ = "repair_changes"
    __table_args__ = (UniqueConstraint("request_id", "employee_id", "day"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    request_id: Mapped[int] = mapped_column(
        ForeignKey("shift_requests.id", ondelete="CASCADE"), index=True
    )
    employee_id: Mapped[int] = mapped_column(ForeignKey("employees.id"))
    day: Mapped[dt.date] = mapped_column(Date)
    # NULL is a day off.
    old_shift_code: Mapped[str | None] = mapped_column(String(CODE_LENGTH))
    new_shift_code: Mapped[str | None] = mapped_column(String(CODE_LENGTH))


class OfferInvitationRow(Base):
    """A colleague invited to take an offered shift, as the offer found them when it was sent.

    When the offer closes, exactly these colleagues are notified, even if the roster has
    changed since and others could take the shift now.
    """

    __tablename__ = "offer_invitations"
    __table_args__ = (UniqueConstraint("request_id", "employee_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    request_id: Mapped[int] = mapped_column(
        ForeignKey("shift_requests.id", ondelete="CASCADE"), index=True
    )
    employee_id: Mapped[int] = mapped_column(ForeignKey("employees.id"))


class RosterRow(Base):
    __tablename__ = "rosters"
    __table_args__ = (Index("ix_rosters_unit_id_status", "unit_id", "status"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"))
    first_day: Mapped[dt.date] = mapped_column(Date)
    last_day: Mapped[dt.date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(CODE_LENGTH))
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime())
    published_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime())

    assignments: Mapped[list[AssignmentRow]] = relationship(
        cascade="all, delete-orphan",
        lazy="selectin",
        order_by="[AssignmentRow.day, AssignmentRow.employee_id]",
    )


class AssignmentRow(Base):
    __tablename__ = "roster_assignments"
    # One shift a day per employee in a roster.
    __table_args__ = (UniqueConstraint("roster_id", "employee_id", "day"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    roster_id: Mapped[int] = mapped_column(ForeignKey("rosters.id", ondelete="CASCADE"))
    employee_id: Mapped[int] = mapped_column(ForeignKey("employees.id"), index=True)
    day: Mapped[dt.date] = mapped_column(Date)
    shift_code: Mapped[str] = mapped_column(String(CODE_LENGTH))


class PendingDialogueRow(Base):
    __tablename__ = "pending_dialogues"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # The conversation key may contain a chat user id: it is looked up by its blind
    # index and kept encrypted for the employee's data export.
    conversation_index: Mapped[str] = mapped_column(String(INDEX_LENGTH), unique=True)
    conversation_key_encrypted: Mapped[str] = mapped_column(Text)
    employee_id: Mapped[int | None] = mapped_column(ForeignKey("employees.id"), index=True)
    payload_encrypted: Mapped[str] = mapped_column(Text)
    expires_at: Mapped[dt.datetime] = mapped_column(UtcDateTime(), index=True)
    updated_at: Mapped[dt.datetime] = mapped_column(UtcDateTime())


class ProcessedEventRow(Base):
    __tablename__ = "processed_events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # Blind index of the platform's event or activity id.
    event_index: Mapped[str] = mapped_column(String(INDEX_LENGTH), unique=True)
    received_at: Mapped[dt.datetime] = mapped_column(UtcDateTime(), index=True)


class AuditEntryRow(Base):
    """One change; rows are only ever inserted, never updated or deleted by the code."""

    __tablename__ = "audit_entries"
    __table_args__ = (Index("ix_audit_entries_entity_entity_id", "entity", "entity_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    occurred_at: Mapped[dt.datetime] = mapped_column(UtcDateTime())
    # No foreign keys: the log must outlive the rows it mentions.
    actor_id: Mapped[int | None] = mapped_column(Integer, index=True)
    action: Mapped[str] = mapped_column(String(NAME_LENGTH))
    entity: Mapped[str] = mapped_column(String(CODE_LENGTH))
    entity_id: Mapped[int | None] = mapped_column(Integer)
    subject_employee_id: Mapped[int | None] = mapped_column(Integer, index=True)
    details: Mapped[dict[str, Any]] = mapped_column(JSON)


def utc_now() -> dt.datetime:
    return dt.datetime.now(tz=dt.UTC)


def require_time_zone(name: str, value: dt.datetime) -> None:
    """Raise ValueError for a naive datetime, whose instant would be a guess."""
    if value.tzinfo is None:
        raise ValueError(f"{name} {value.isoformat()} has no time zone; pass an aware datetime")


def moment_or_now(moment: dt.datetime | None) -> dt.datetime:
    """Return `moment`, which must be aware, or the current time in UTC when None."""
    if moment is None:
        return utc_now()
    require_time_zone("moment", moment)
    return moment
