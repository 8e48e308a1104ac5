"""The reply language an employee chose, which overrides what their chat platform reports."""

from __future__ import annotations

import datetime as dt
import logging

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, Session, mapped_column

from storage.audit import AuditLog
from storage.errors import NotFoundError
from storage.models import CODE_LENGTH, Base, EmployeeRow, UtcDateTime, utc_now

logger = logging.getLogger(__name__)


class LanguageChoiceRow(Base):
    __tablename__ = "language_choices"

    employee_id: Mapped[int] = mapped_column(ForeignKey("employees.id"), primary_key=True)
    # A language code such as "nb", "nn" or "en"; the core decides which are supported.
    locale: Mapped[str] = mapped_column(String(CODE_LENGTH))
    chosen_at: Mapped[dt.datetime] = mapped_column(UtcDateTime())


class LanguageChoiceRepository:
    """One chosen language per employee, on every chat platform."""

    def __init__(self, session: Session, audit: AuditLog) -> None:
        self._session = session
        self._audit = audit

    def choose(self, employee_id: int, locale: str, *, actor_id: int | None) -> None:
        """Store `locale` as the employee's reply language; raise NotFoundError for no employee."""
        if self._session.get(EmployeeRow, employee_id) is None:
            raise NotFoundError("employee", employee_id)
        row = self._session.get(LanguageChoiceRow, employee_id)
        if row is not None and row.locale == locale:
            return
        if row is None:
            row = LanguageChoiceRow(employee_id=employee_id)
            self._session.add(row)
        row.locale = locale
        row.chosen_at = utc_now()
        self._session.flush()
        self._audit.record(
            actor_id,
            "choose_language",
            "employee",
            employee_id,
            {"locale": locale},
            subject_employee_id=employee_id,
        )

    def chosen(self, employee_id: int) -> str | None:
        """Return the employee's chosen language, or None if they never chose one."""
        row = self._session.get(LanguageChoiceRow, employee_id)
        return row.locale if row is not None else None

    def forget(self, employee_id: int, *, actor_id: int | None) -> bool:
        """Drop the choice, so the platform's language applies again; False if there was none."""
        row = self._session.get(LanguageChoiceRow, employee_id)
        if row is None:
            return False
        self._session.delete(row)
        self._session.flush()
        self._audit.record(
            actor_id, "forget_language", "employee", employee_id, subject_employee_id=employee_id
        )
        return True
