"""Deduplication of incoming chat events, which Slack and Teams may deliver more than once."""

from __future__ import annotations

import datetime as dt
import logging

from sqlalchemy import delete
from sqlalchemy.orm import Session

from storage.crypto import FieldCipher
from storage.dialects import execute_for_rowcount, upsert_insert
from storage.models import ProcessedEventRow, require_time_zone, utc_now

logger = logging.getLogger(__name__)

EVENT_PURPOSE = "processed_events.key"


class EventLog:
    """Keys of events already handled, stored as blind indexes, so any key text is safe.

    Not audited: recording a delivery changes no record about anyone.
    """

    def __init__(self, session: Session, cipher: FieldCipher) -> None:
        self._session = session
        self._cipher = cipher

    def first_time(self, key: str) -> bool:
        """Record `key` and return True, or return False if it was recorded before.

        The insert uses ON CONFLICT DO NOTHING, so a duplicate neither raises nor
        aborts the surrounding transaction. On PostgreSQL a concurrent transaction
        with the same key waits for this one and then gets False, unless this one
        rolls back.
        """
        insert = upsert_insert(self._session, ProcessedEventRow).values(
            event_index=self._cipher.blind_index(key, EVENT_PURPOSE), received_at=utc_now()
        )
        statement = insert.on_conflict_do_nothing(
            index_elements=[ProcessedEventRow.event_index]
        ).returning(ProcessedEventRow.id)
        # RETURNING yields the new row, or no row when the key was already recorded. The
        # row count is no substitute: with SQLAlchemy 2.1 and psycopg 3 it is -1 here.
        inserted = self._session.execute(statement).first() is not None
        if not inserted:
            logger.info("ignoring a repeated delivery of an event")
        return inserted

    def purge_before(self, moment: dt.datetime) -> int:
        """Forget the keys received before `moment`; return how many were deleted."""
        require_time_zone("moment", moment)
        statement = delete(ProcessedEventRow).where(ProcessedEventRow.received_at < moment)
        deleted = execute_for_rowcount(self._session, statement)
        logger.info("purged %s processed event keys", deleted)
        return deleted
