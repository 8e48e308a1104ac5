"""Pending dialogues: what a conversation waits for, such as a yes to a read-back.

The conversation key may contain a chat user id, so rows are found by its blind index
and the key itself is kept encrypted. The payload is encrypted JSON. Saving and clearing
are not audited: a dialogue is short-lived conversation state, and the change it leads
to is audited when the core carries it out.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from storage.crypto import FieldCipher
from storage.dialects import execute_for_rowcount, upsert_insert
from storage.models import PendingDialogueRow, moment_or_now, require_time_zone, utc_now
from storage.values import PendingDialogue

logger = logging.getLogger(__name__)

KEY_PURPOSE = "pending_dialogues.conversation_key"
PAYLOAD_PURPOSE = "pending_dialogues.payload"


class DialogueRepository:
    """One pending dialogue per conversation key; expired ones are never returned."""

    def __init__(self, session: Session, cipher: FieldCipher) -> None:
        self._session = session
        self._cipher = cipher

    def get(
        self, conversation_key: str, *, now: dt.datetime | None = None
    ) -> PendingDialogue | None:
        """Return the conversation's pending dialogue unless it expired at `now` (default: now)."""
        query = (
            select(PendingDialogueRow)
            .where(
                PendingDialogueRow.conversation_index == self._index(conversation_key),
                PendingDialogueRow.expires_at > moment_or_now(now),
            )
            # `save` writes with a Core statement, so rows loaded earlier may be stale.
            .execution_options(populate_existing=True)
        )
        row = self._session.scalars(query).first()
        return self._dialogue_of(row) if row is not None else None

    def save(
        self,
        conversation_key: str,
        employee_id: int | None,
        payload: dict[str, Any],
        expires_at: dt.datetime,
    ) -> PendingDialogue:
        """Insert or replace the conversation's pending dialogue.

        Raises TypeError if the payload is not JSON-serialisable, and ValueError if
        `expires_at` has no time zone.
        """
        require_time_zone("expires_at", expires_at)
        serialised = json.dumps(payload, ensure_ascii=False, sort_keys=True)
        values = {
            "conversation_index": self._index(conversation_key),
            "conversation_key_encrypted": self._cipher.encrypt(conversation_key, KEY_PURPOSE),
            "employee_id": employee_id,
            "payload_encrypted": self._cipher.encrypt(serialised, PAYLOAD_PURPOSE),
            "expires_at": expires_at,
            "updated_at": utc_now(),
        }
        statement = upsert_insert(self._session, PendingDialogueRow).values(values)
        statement = statement.on_conflict_do_update(
            index_elements=[PendingDialogueRow.conversation_index],
            set_={name: value for name, value in values.items() if name != "conversation_index"},
        )
        self._session.execute(statement)
        stored_payload = json.loads(serialised)
        return PendingDialogue(
            conversation_key, employee_id, stored_payload, expires_at.astimezone(dt.UTC)
        )

    def clear(self, conversation_key: str) -> bool:
        """Delete the conversation's pending dialogue; return False if there was none."""
        statement = delete(PendingDialogueRow).where(
            PendingDialogueRow.conversation_index == self._index(conversation_key)
        )
        return execute_for_rowcount(self._session, statement) > 0

    def purge_expired(self, *, now: dt.datetime | None = None) -> int:
        """Delete the dialogues that expired at `now` (default: now); return how many."""
        statement = delete(PendingDialogueRow).where(
            PendingDialogueRow.expires_at <= moment_or_now(now)
        )
        deleted = execute_for_rowcount(self._session, statement)
        if deleted:
            logger.info("purged %s expired pending dialogues", deleted)
        return deleted

    def for_employee(
        self, employee_id: int, *, now: dt.datetime | None = None
    ) -> list[PendingDialogue]:
        """Return the employee's unexpired pending dialogues, for their data export."""
        query = (
            select(PendingDialogueRow)
            .where(PendingDialogueRow.employee_id == employee_id)
            .where(PendingDialogueRow.expires_at > moment_or_now(now))
            .order_by(PendingDialogueRow.id)
        )
        return [self._dialogue_of(row) for row in self._session.scalars(query)]

    def _index(self, conversation_key: str) -> str:
        return self._cipher.blind_index(conversation_key, KEY_PURPOSE)

    def _dialogue_of(self, row: PendingDialogueRow) -> PendingDialogue:
        payload: dict[str, Any] = json.loads(
            self._cipher.decrypt(row.payload_encrypted, PAYLOAD_PURPOSE)
        )
        return PendingDialogue(
            conversation_key=self._cipher.decrypt(row.conversation_key_encrypted, KEY_PURPOSE),
            employee_id=row.employee_id,
            payload=payload,
            expires_at=row.expires_at,
        )
