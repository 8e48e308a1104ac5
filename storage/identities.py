"""Links from chat accounts (Slack, Teams) to employees, and their conversation references.

The chat user id is personal data: it is stored encrypted and found through a blind
index, so a lookup never decrypts other people's ids. The workspace (Slack team or
Teams tenant) id is an organisation's id and is stored in clear.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from core.employees import Employee
from core.shift_requests import RequestKind, RequestState
from storage.audit import AuditLog
from storage.crypto import FieldCipher
from storage.employees import EmployeeRepository
from storage.errors import NotFoundError
from storage.models import ChatIdentityRow, EmployeeRow, ShiftRequestRow, moment_or_now, utc_now
from storage.values import ChatIdentity

logger = logging.getLogger(__name__)

USER_ID_PURPOSE = "chat_identities.user_id"
REFERENCE_PURPOSE = "chat_identities.conversation_reference"


class IdentityRepository:
    """Chat identities. `find_employee` returns the employee whether active or not."""

    def __init__(
        self,
        session: Session,
        cipher: FieldCipher,
        audit: AuditLog,
        employees: EmployeeRepository,
    ) -> None:
        self._session = session
        self._cipher = cipher
        self._audit = audit
        self._employees = employees

    def link(
        self,
        platform: str,
        workspace_id: str,
        user_id: str,
        employee_id: int,
        *,
        actor_id: int | None,
    ) -> ChatIdentity:
        """Link the chat user to the employee, moving an existing link of that user.

        Linking a user to the employee it is already linked to changes nothing.
        """
        if self._session.get(EmployeeRow, employee_id) is None:
            raise NotFoundError("employee", employee_id)
        row = self._find_row(platform, workspace_id, user_id)
        if row is not None and row.employee_id == employee_id:
            return self._identity_of(row)
        if row is None:
            row = self._new_row(platform, workspace_id, user_id)
            self._session.add(row)
            details: dict[str, Any] = {"platform": platform, "workspace_id": workspace_id}
        else:
            details = {"platform": platform, "previous_employee_id": row.employee_id}
        row.employee_id = employee_id
        row.linked_at = utc_now()
        self._session.flush()
        self._audit.record(
            actor_id, "link", "chat_identity", row.id, details, subject_employee_id=employee_id
        )
        return self._identity_of(row)

    def find(self, platform: str, workspace_id: str, user_id: str) -> ChatIdentity | None:
        row = self._find_row(platform, workspace_id, user_id)
        return self._identity_of(row) if row is not None else None

    def find_employee(self, platform: str, workspace_id: str, user_id: str) -> Employee | None:
        """Return the employee linked to the chat user, or None if the user is not linked."""
        row = self._find_row(platform, workspace_id, user_id)
        if row is None:
            return None
        return self._employees.get(row.employee_id)

    def for_employee(self, employee_id: int) -> list[ChatIdentity]:
        """Return every chat account linked to the employee, oldest link first."""
        query = (
            select(ChatIdentityRow)
            .where(ChatIdentityRow.employee_id == employee_id)
            .order_by(ChatIdentityRow.id)
        )
        return [self._identity_of(row) for row in self._session.scalars(query)]

    def unlink(
        self, platform: str, workspace_id: str, user_id: str, *, actor_id: int | None
    ) -> bool:
        """Remove the chat user's link; return False if there was none."""
        row = self._find_row(platform, workspace_id, user_id)
        if row is None:
            return False
        self._session.delete(row)
        self._session.flush()
        self._audit.record(
            actor_id,
            "unlink",
            "chat_identity",
            row.id,
            {"platform": platform},
            subject_employee_id=row.employee_id,
        )
        return True

    def purge_after_deletion_requests(self, *, approved_before: dt.datetime) -> int:
        """Delete the chat links of employees whose request to delete their data was approved
        before `approved_before`, and return how many were deleted.

        Only links made before the approval go, so a link made again afterwards stays.
        Each deletion is audited with the request's id.
        """
        query = (
            select(ChatIdentityRow, ShiftRequestRow.id)
            .join(ShiftRequestRow, ShiftRequestRow.requester_id == ChatIdentityRow.employee_id)
            .where(ShiftRequestRow.kind == RequestKind.DATA_DELETION.value)
            .where(ShiftRequestRow.state == RequestState.APPROVED.value)
            .where(ShiftRequestRow.updated_at < moment_or_now(approved_before))
            .where(ChatIdentityRow.linked_at <= ShiftRequestRow.updated_at)
        )
        deleted: set[int] = set()
        for row, request_id in self._session.execute(query).all():
            if row.id in deleted:
                continue
            deleted.add(row.id)
            self._session.delete(row)
            self._audit.record(
                None,
                "unlink",
                "chat_identity",
                row.id,
                {"platform": row.platform, "request_id": request_id},
                subject_employee_id=row.employee_id,
            )
        self._session.flush()
        if deleted:
            logger.info("deleted %s chat links after approved deletion requests", len(deleted))
        return len(deleted)

    def save_conversation_reference(
        self, platform: str, workspace_id: str, user_id: str, reference: dict[str, Any]
    ) -> None:
        """Store the platform's reference for messaging the user later, encrypted.

        Not audited: adapters refresh it on incoming messages, and it changes no record
        about the person. Raises NotFoundError if the user is not linked.
        """
        row = self._find_row(platform, workspace_id, user_id)
        if row is None:
            raise NotFoundError("chat identity", f"{platform}/{workspace_id}")
        serialised = json.dumps(reference, ensure_ascii=False, sort_keys=True)
        row.conversation_reference_encrypted = self._cipher.encrypt(serialised, REFERENCE_PURPOSE)
        self._session.flush()

    def conversation_reference(
        self, platform: str, workspace_id: str, user_id: str
    ) -> dict[str, Any] | None:
        """Return the stored reference, or None if the user is unlinked or has none yet."""
        row = self._find_row(platform, workspace_id, user_id)
        if row is None or row.conversation_reference_encrypted is None:
            return None
        serialised = self._cipher.decrypt(row.conversation_reference_encrypted, REFERENCE_PURPOSE)
        reference: dict[str, Any] = json.loads(serialised)
        return reference

    def _find_row(self, platform: str, workspace_id: str, user_id: str) -> ChatIdentityRow | None:
        query = select(ChatIdentityRow).where(
            ChatIdentityRow.platform == platform,
            ChatIdentityRow.workspace_id == workspace_id,
            ChatIdentityRow.user_index == self._user_index(user_id),
        )
        return self._session.scalars(query).first()

    def _new_row(self, platform: str, workspace_id: str, user_id: str) -> ChatIdentityRow:
        return ChatIdentityRow(
            platform=platform,
            workspace_id=workspace_id,
            user_id_encrypted=self._cipher.encrypt(user_id, USER_ID_PURPOSE),
            user_index=self._user_index(user_id),
        )

    def _user_index(self, user_id: str) -> str:
        # Chat user ids are case-sensitive opaque strings, so they are indexed as given.
        return self._cipher.blind_index(user_id, USER_ID_PURPOSE)

    def _identity_of(self, row: ChatIdentityRow) -> ChatIdentity:
        return ChatIdentity(
            id=row.id,
            platform=row.platform,
            workspace_id=row.workspace_id,
            user_id=self._cipher.decrypt(row.user_id_encrypted, USER_ID_PURPOSE),
            employee_id=row.employee_id,
            linked_at=row.linked_at,
        )
