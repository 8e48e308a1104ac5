"""The request cards the bot posted (invitations, approvals), kept until the request is decided.

When one manager decides, the chat adapter takes the request's other cards from
here and edits them to show the decision, so no copy keeps live buttons. Keeping
them in the database lets a restarted server, or another server process, do that
for cards it did not post itself.

Each card belongs to the chat identity it was posted to, so it is part of that
employee's data export and is deleted with the link (the foreign key cascades).
Where the card is (a Slack channel and timestamp, a Teams conversation reference
and message id) is a chat identifier and is stored as encrypted JSON.

Not audited, like conversation references: a card records where a message went
and changes no record about the person. The decision itself is audited by the
shift request repository.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ForeignKey, Integer, Text, delete, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from core.shift_requests import OPEN_STATES
from storage.crypto import FieldCipher
from storage.dialects import execute_for_rowcount
from storage.errors import NotFoundError
from storage.identities import USER_ID_PURPOSE
from storage.models import (
    Base,
    ChatIdentityRow,
    ShiftRequestRow,
    UtcDateTime,
    moment_or_now,
    require_time_zone,
)

logger = logging.getLogger(__name__)

MESSAGE_PURPOSE = "request_cards.message"
# Open requests may still get a decision, so their cards are kept.
UNDECIDED_STATES = sorted(state.value for state in OPEN_STATES)
# A request that ends without a press on its cards (cancelled, outdated) leaves them
# behind. They are deleted this long after the request's last change.
SETTLED_CARDS_KEPT = dt.timedelta(days=1)


class RequestCardRow(Base):
    __tablename__ = "request_cards"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    request_id: Mapped[int] = mapped_column(
        ForeignKey("shift_requests.id", ondelete="CASCADE"), index=True
    )
    chat_identity_id: Mapped[int] = mapped_column(
        ForeignKey("chat_identities.id", ondelete="CASCADE"), index=True
    )
    message_encrypted: Mapped[str] = mapped_column(Text)
    posted_at: Mapped[dt.datetime] = mapped_column(UtcDateTime())


@dataclass(frozen=True, slots=True)
class RequestCard:
    """A card with buttons posted to one chat account for a request."""

    request_id: int
    platform: str
    workspace_id: str
    employee_id: int
    # The card's location, in the platform's own terms (e.g. Slack's channel and ts).
    message: dict[str, Any]
    posted_at: dt.datetime


class RequestCardRepository:
    def __init__(self, session: Session, cipher: FieldCipher) -> None:
        self._session = session
        self._cipher = cipher

    def add(
        self,
        platform: str,
        workspace_id: str,
        user_id: str,
        request_id: int,
        message: dict[str, Any],
        *,
        now: dt.datetime | None = None,
    ) -> bool:
        """Store a card posted to the chat user; return False if the user is not linked.

        An unlinked user's card is not kept, as with conversation references. Raises
        NotFoundError if the request does not exist. Cards of requests settled more
        than `SETTLED_CARDS_KEPT` before `now` are deleted on the way.
        """
        moment = moment_or_now(now)
        if self._session.get(ShiftRequestRow, request_id) is None:
            raise NotFoundError("shift request", request_id)
        identity_id = self._session.scalars(
            select(ChatIdentityRow.id).where(
                ChatIdentityRow.platform == platform,
                ChatIdentityRow.workspace_id == workspace_id,
                ChatIdentityRow.user_index == self._cipher.blind_index(user_id, USER_ID_PURPOSE),
            )
        ).first()
        if identity_id is None:
            return False
        self.purge_settled(before=moment - SETTLED_CARDS_KEPT)
        serialised = json.dumps(message, ensure_ascii=False, sort_keys=True)
        self._session.add(
            RequestCardRow(
                request_id=request_id,
                chat_identity_id=identity_id,
                message_encrypted=self._cipher.encrypt(serialised, MESSAGE_PURPOSE),
                posted_at=moment,
            )
        )
        self._session.flush()
        return True

    def take(self, request_id: int, platform: str) -> list[RequestCard]:
        """Delete the request's cards on `platform` and return them, oldest first.

        The rows are deleted with RETURNING, so when two server processes take the
        same request's cards at once, only one of them gets each card.
        """
        on_platform = select(ChatIdentityRow.id).where(ChatIdentityRow.platform == platform)
        statement = (
            delete(RequestCardRow)
            .where(
                RequestCardRow.request_id == request_id,
                RequestCardRow.chat_identity_id.in_(on_platform),
            )
            .returning(
                RequestCardRow.id,
                RequestCardRow.chat_identity_id,
                RequestCardRow.message_encrypted,
                RequestCardRow.posted_at,
            )
        )
        deleted_rows = sorted(self._session.execute(statement).all(), key=lambda row: row[0])
        identities = {
            row.id: row
            for row in self._session.scalars(
                select(ChatIdentityRow).where(
                    ChatIdentityRow.id.in_({row[1] for row in deleted_rows})
                )
            )
        }
        return [
            self._card_of(request_id, identities[identity_id], encrypted, posted_at)
            for _card_id, identity_id, encrypted, posted_at in deleted_rows
        ]

    def for_employee(self, employee_id: int) -> list[RequestCard]:
        """Return the cards posted to the employee's chat accounts, for their data export."""
        query = (
            select(RequestCardRow, ChatIdentityRow)
            .join(ChatIdentityRow, RequestCardRow.chat_identity_id == ChatIdentityRow.id)
            .where(ChatIdentityRow.employee_id == employee_id)
            .order_by(RequestCardRow.id)
        )
        return [
            self._card_of(card.request_id, identity, card.message_encrypted, card.posted_at)
            for card, identity in self._session.execute(query)
        ]

    def purge_settled(self, *, before: dt.datetime) -> int:
        """Delete the cards of requests decided (or cancelled) before `before`; return how many."""
        require_time_zone("before", before)
        settled = select(ShiftRequestRow.id).where(
            ShiftRequestRow.state.not_in(UNDECIDED_STATES), ShiftRequestRow.updated_at < before
        )
        deleted = execute_for_rowcount(
            self._session, delete(RequestCardRow).where(RequestCardRow.request_id.in_(settled))
        )
        if deleted:
            logger.info("purged %s cards of settled requests", deleted)
        return deleted

    def _card_of(
        self,
        request_id: int,
        identity: ChatIdentityRow,
        encrypted: str,
        posted_at: dt.datetime,
    ) -> RequestCard:
        message: dict[str, Any] = json.loads(self._cipher.decrypt(encrypted, MESSAGE_PURPOSE))
        return RequestCard(
            request_id=request_id,
            platform=identity.platform,
            workspace_id=identity.workspace_id,
            employee_id=identity.employee_id,
            message=message,
            posted_at=posted_at,
        )
