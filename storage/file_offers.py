"""Files offered to a chat user and waiting for their consent, stored encrypted until answered.

The file's name and bytes are personal data (a roster names staff, a data export
is one person's record), so both are encrypted. The token on the consent card is
stored only as a blind index, so a database dump cannot answer a card. Each
offer belongs to the chat identity it was offered to and is deleted with the
link (the foreign key cascades).

Offering, uploading, a failed upload, declining, discarding and expiry are
audited with the offer's id and the file's size or a cause code, never the
file's name or content.
"""

from __future__ import annotations

import base64
import datetime as dt
import logging

from sqlalchemy import ForeignKey, Integer, String, Text, or_, select, update
from sqlalchemy.orm import Mapped, Session, mapped_column

from core.file_offers import FileClaim, OfferState, StoredFile, WaitingFile
from storage.audit import AuditLog
from storage.crypto import FieldCipher
from storage.dialects import execute_for_rowcount
from storage.identities import USER_ID_PURPOSE
from storage.models import INDEX_LENGTH, Base, ChatIdentityRow, UtcDateTime, require_time_zone

logger = logging.getLogger(__name__)

TOKEN_PURPOSE = "file_offers.token"
FILE_NAME_PURPOSE = "file_offers.file_name"
CONTENT_PURPOSE = "file_offers.content"
ENTITY = "file_offer"
# An upload that neither finished nor failed within this time (a server stopped
# mid-upload) no longer blocks another try.
CLAIM_TIMEOUT = dt.timedelta(minutes=5)


class FileOfferRow(Base):
    __tablename__ = "file_offers"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    token_index: Mapped[str] = mapped_column(String(INDEX_LENGTH), unique=True)
    chat_identity_id: Mapped[int] = mapped_column(
        ForeignKey("chat_identities.id", ondelete="CASCADE"), index=True
    )
    file_name_encrypted: Mapped[str] = mapped_column(Text)
    # Base64 of the file's bytes, encrypted.
    content_encrypted: Mapped[str] = mapped_column(Text)
    size_bytes: Mapped[int] = mapped_column(Integer)
    offered_at: Mapped[dt.datetime] = mapped_column(UtcDateTime())
    expires_at: Mapped[dt.datetime] = mapped_column(UtcDateTime(), index=True)
    # Set while an upload runs, so that a second answer to the card waits its turn.
    claimed_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime())


class FileOfferRepository:
    def __init__(self, session: Session, cipher: FieldCipher, audit: AuditLog) -> None:
        self._session = session
        self._cipher = cipher
        self._audit = audit

    def add(
        self,
        platform: str,
        workspace_id: str,
        user_id: str,
        token: str,
        file_name: str,
        content: bytes,
        *,
        expires_at: dt.datetime,
        now: dt.datetime,
    ) -> int | None:
        """Store the file for the chat user; return the offer's id, or None if they are unlinked.

        Offers that expired before `now` are deleted on the way.
        """
        require_time_zone("expires_at", expires_at)
        identity = self._identity(platform, workspace_id, user_id)
        if identity is None:
            return None
        self.purge_expired(now=now)
        encoded = base64.b64encode(content).decode("ascii")
        row = FileOfferRow(
            token_index=self._token_index(token),
            chat_identity_id=identity.id,
            file_name_encrypted=self._cipher.encrypt(file_name, FILE_NAME_PURPOSE),
            content_encrypted=self._cipher.encrypt(encoded, CONTENT_PURPOSE),
            size_bytes=len(content),
            offered_at=now,
            expires_at=expires_at,
        )
        self._session.add(row)
        self._session.flush()
        self._audit.record(
            identity.employee_id,
            "offer",
            ENTITY,
            row.id,
            {"platform": platform, "size_bytes": len(content)},
            subject_employee_id=identity.employee_id,
        )
        return row.id

    def claim(
        self, platform: str, workspace_id: str, user_id: str, token: str, *, now: dt.datetime
    ) -> FileClaim:
        """Claim the user's file under `token` for an upload (see `core.file_offers.FileOffers`).

        The claim is one UPDATE with a condition on `claimed_at`, so two answers
        to the same card, even in two server processes, never both get READY.
        """
        found = self._owned_row(platform, workspace_id, user_id, token)
        if found is None:
            return FileClaim(OfferState.UNKNOWN)
        row, identity = found
        if row.expires_at <= now:
            self._delete(row, "expire", actor_id=None, employee_id=identity.employee_id)
            return FileClaim(OfferState.EXPIRED)
        claimed = execute_for_rowcount(
            self._session,
            update(FileOfferRow)
            .where(
                FileOfferRow.id == row.id,
                or_(
                    FileOfferRow.claimed_at.is_(None),
                    FileOfferRow.claimed_at < now - CLAIM_TIMEOUT,
                ),
            )
            .values(claimed_at=now),
        )
        if not claimed:
            return FileClaim(OfferState.BUSY)
        encoded = self._cipher.decrypt(row.content_encrypted, CONTENT_PURPOSE)
        stored = StoredFile(
            offer_id=row.id,
            employee_id=identity.employee_id,
            file_name=self._cipher.decrypt(row.file_name_encrypted, FILE_NAME_PURPOSE),
            content=base64.b64decode(encoded),
        )
        return FileClaim(OfferState.READY, stored)

    def release(self, offer_id: int, *, cause: str) -> None:
        """Free a claimed offer for another try, and audit the failed upload with `cause`."""
        row = self._session.get(FileOfferRow, offer_id)
        if row is None:
            return
        row.claimed_at = None
        employee_id = self._employee_of(row)
        self._audit.record(
            employee_id,
            "upload_failed",
            ENTITY,
            row.id,
            {"cause": cause},
            subject_employee_id=employee_id,
        )

    def delete(
        self, offer_id: int, *, action: str, actor_id: int | None, cause: str | None = None
    ) -> bool:
        """Delete the offer and audit `action`; return False if it was already gone."""
        row = self._session.get(FileOfferRow, offer_id)
        if row is None:
            return False
        self._delete(
            row, action, actor_id=actor_id, employee_id=self._employee_of(row), cause=cause
        )
        return True

    def decline(
        self, platform: str, workspace_id: str, user_id: str, token: str, *, now: dt.datetime
    ) -> OfferState:
        """Delete the user's file under `token`; READY if it was there and not expired."""
        found = self._owned_row(platform, workspace_id, user_id, token)
        if found is None:
            return OfferState.UNKNOWN
        row, identity = found
        if row.expires_at <= now:
            self._delete(row, "expire", actor_id=None, employee_id=identity.employee_id)
            return OfferState.EXPIRED
        self._delete(
            row, "decline", actor_id=identity.employee_id, employee_id=identity.employee_id
        )
        return OfferState.READY

    def purge_expired(self, *, now: dt.datetime) -> int:
        """Delete the offers that expired before `now`, each audited; return how many."""
        require_time_zone("now", now)
        expired = self._session.scalars(
            select(FileOfferRow).where(FileOfferRow.expires_at <= now)
        ).all()
        for row in expired:
            self._delete(row, "expire", actor_id=None, employee_id=self._employee_of(row))
        if expired:
            logger.info("purged %s expired file offers", len(expired))
        return len(expired)

    def for_employee(self, employee_id: int) -> list[WaitingFile]:
        """Return the files waiting for the employee's answer, for their data export."""
        query = (
            select(FileOfferRow, ChatIdentityRow.platform)
            .join(ChatIdentityRow, FileOfferRow.chat_identity_id == ChatIdentityRow.id)
            .where(ChatIdentityRow.employee_id == employee_id)
            .order_by(FileOfferRow.id)
        )
        return [
            WaitingFile(
                offer_id=row.id,
                platform=platform,
                file_name=self._cipher.decrypt(row.file_name_encrypted, FILE_NAME_PURPOSE),
                size_bytes=row.size_bytes,
                offered_at=row.offered_at,
                expires_at=row.expires_at,
            )
            for row, platform in self._session.execute(query)
        ]

    def _owned_row(
        self, platform: str, workspace_id: str, user_id: str, token: str
    ) -> tuple[FileOfferRow, ChatIdentityRow] | None:
        """Return the offer under `token` with its owner, or None unless the user owns it."""
        row = self._session.scalars(
            select(FileOfferRow).where(FileOfferRow.token_index == self._token_index(token))
        ).first()
        if row is None:
            return None
        identity = self._identity(platform, workspace_id, user_id)
        if identity is None or identity.id != row.chat_identity_id:
            logger.warning(
                "file offer %s: a chat account that does not own it responded to its card", row.id
            )
            return None
        return row, identity

    def _delete(
        self,
        row: FileOfferRow,
        action: str,
        *,
        actor_id: int | None,
        employee_id: int | None,
        cause: str | None = None,
    ) -> None:
        details: dict[str, str | int] = {"size_bytes": row.size_bytes}
        if cause is not None:
            details["cause"] = cause
        offer_id = row.id
        self._session.delete(row)
        self._session.flush()
        self._audit.record(
            actor_id, action, ENTITY, offer_id, details, subject_employee_id=employee_id
        )

    def _identity(self, platform: str, workspace_id: str, user_id: str) -> ChatIdentityRow | None:
        return self._session.scalars(
            select(ChatIdentityRow).where(
                ChatIdentityRow.platform == platform,
                ChatIdentityRow.workspace_id == workspace_id,
                ChatIdentityRow.user_index == self._cipher.blind_index(user_id, USER_ID_PURPOSE),
            )
        ).first()

    def _employee_of(self, row: FileOfferRow) -> int | None:
        identity = self._session.get(ChatIdentityRow, row.chat_identity_id)
        return identity.employee_id if identity is not None else None

    def _token_index(self, token: str) -> str:
        return self._cipher.blind_index(token, TOKEN_PURPOSE)
