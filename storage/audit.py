"""The append-only audit log: who changed what, when, in ids and codes only."""

from __future__ import annotations

import builtins
import logging
from collections.abc import Mapping
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from storage.models import AuditEntryRow, utc_now
from storage.values import AuditEntry

logger = logging.getLogger(__name__)

# Keys that would put personal data into the log; `record` rejects them.
PERSONAL_DETAIL_KEYS = frozenset(
    {"name", "email", "e-mail", "user_id", "payload", "note", "text", "message", "reason"}
)


class AuditLog:
    """Records changes in the surrounding transaction and reads them back.

    There are deliberately no methods that update or delete entries.
    """

    def __init__(self, session: Session) -> None:
        self._session = session

    def record(
        self,
        actor_id: int | None,
        action: str,
        entity: str,
        entity_id: int | None,
        details: Mapping[str, Any] | None = None,
        *,
        subject_employee_id: int | None = None,
    ) -> AuditEntry:
        """Insert one entry; raise ValueError if `details` uses a key meant for personal data."""
        detail_values = dict(details or {})
        check_details(detail_values)
        row = AuditEntryRow(
            occurred_at=utc_now(),
            actor_id=actor_id,
            action=action,
            entity=entity,
            entity_id=entity_id,
            subject_employee_id=subject_employee_id,
            details=detail_values,
        )
        self._session.add(row)
        self._session.flush()
        logger.info("audit %s %s %s by actor %s", action, entity, entity_id, actor_id)
        return audit_entry_of(row)

    def list(
        self,
        entity: str | None = None,
        entity_id: int | None = None,
        *,
        actor_id: int | None = None,
        subject_employee_id: int | None = None,
    ) -> builtins.list[AuditEntry]:
        """Return the entries matching every given filter, oldest first."""
        query = select(AuditEntryRow).order_by(AuditEntryRow.id)
        if entity is not None:
            query = query.where(AuditEntryRow.entity == entity)
        if entity_id is not None:
            query = query.where(AuditEntryRow.entity_id == entity_id)
        if actor_id is not None:
            query = query.where(AuditEntryRow.actor_id == actor_id)
        if subject_employee_id is not None:
            query = query.where(AuditEntryRow.subject_employee_id == subject_employee_id)
        return [audit_entry_of(row) for row in self._session.scalars(query)]

    def involving(self, employee_id: int) -> builtins.list[AuditEntry]:
        """Return the entries about the employee or made by them, oldest first."""
        query = (
            select(AuditEntryRow)
            .where(
                or_(
                    AuditEntryRow.subject_employee_id == employee_id,
                    AuditEntryRow.actor_id == employee_id,
                )
            )
            .order_by(AuditEntryRow.id)
        )
        return [audit_entry_of(row) for row in self._session.scalars(query)]


def check_details(details: Mapping[str, Any]) -> None:
    """Raise ValueError if a key of `details` (at any depth) names a personal field."""
    for key, value in details.items():
        if key.lower() in PERSONAL_DETAIL_KEYS:
            raise ValueError(
                f"audit details must not contain personal data, but have the key {key!r}; "
                "record ids and codes instead"
            )
        if isinstance(value, Mapping):
            check_details(value)


def audit_entry_of(row: AuditEntryRow) -> AuditEntry:
    return AuditEntry(
        id=row.id,
        occurred_at=row.occurred_at,
        actor_id=row.actor_id,
        action=row.action,
        entity=row.entity,
        entity_id=row.entity_id,
        subject_employee_id=row.subject_employee_id,
        details=dict(row.details),
    )
