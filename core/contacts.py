"""Where to reach an employee on a chat platform for messages they did not ask for.

A platform that can only message people it has met (Teams) hands the core its
conversation reference, an opaque JSON object, whenever a linked user installs the
app or writes to it. The core stores it with the user's chat link, encrypted, and
hands it back when a reply is addressed to that employee. The request cards posted
to a user, and where the bot can open chats in each workspace, are kept here too,
so that a restart or another server process can use them. Adapters call this
module instead of opening the database themselves.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from core.messages import Sender

if TYPE_CHECKING:
    from storage.database import Database

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class PostedCard:
    """A request card the bot posted to a chat account, and where it is."""

    workspace_id: str
    # The platform's own location of the message, e.g. Slack's channel and ts.
    message: dict[str, Any]


@dataclass(frozen=True, slots=True)
class ChatOrigin:
    """The address and bot account a workspace's activities last came from."""

    service_url: str
    bot_account: dict[str, Any]


@dataclass(frozen=True, slots=True)
class ChatContact:
    """One chat account of an employee, and the stored reference for messaging it, if any."""

    platform: str
    workspace_id: str
    user_id: str
    conversation_reference: dict[str, Any] | None


class Contacts:
    """Conversation references of linked chat users, read and written in their own transaction."""

    def __init__(self, database: Database) -> None:
        self._database = database

    def remember_conversation(self, sender: Sender, reference: dict[str, Any]) -> bool:
        """Store `reference` as the way to reach `sender`; return False if the user is not linked.

        An unlinked user's reference is not kept: nobody could address them anyway,
        and it would be personal data without a purpose.
        """
        with self._database.store() as store:
            identity = store.identities.find(sender.platform, sender.workspace_id, sender.user_id)
            if identity is None:
                return False
            store.identities.save_conversation_reference(
                sender.platform, sender.workspace_id, sender.user_id, reference
            )
        logger.debug(
            "stored a %s conversation reference for employee %s",
            sender.platform,
            identity.employee_id,
        )
        return True

    def conversation_of(self, sender: Sender) -> dict[str, Any] | None:
        """Return the stored reference for reaching `sender`, or None if there is none."""
        with self._database.store() as store:
            return store.identities.conversation_reference(
                sender.platform, sender.workspace_id, sender.user_id
            )

    def contacts_of(self, employee_id: int, platform: str) -> list[ChatContact]:
        """Return the employee's accounts on `platform`, oldest link first."""
        with self._database.store() as store:
            identities = [
                identity
                for identity in store.identities.for_employee(employee_id)
                if identity.platform == platform
            ]
            return [
                ChatContact(
                    platform=identity.platform,
                    workspace_id=identity.workspace_id,
                    user_id=identity.user_id,
                    conversation_reference=store.identities.conversation_reference(
                        identity.platform, identity.workspace_id, identity.user_id
                    ),
                )
                for identity in identities
            ]

    def remember_card(self, recipient: Sender, request_id: int, message: dict[str, Any]) -> bool:
        """Store a card with buttons posted to `recipient` for the request.

        Returns False, and stores nothing, if the recipient is not linked.
        """
        with self._database.store() as store:
            return store.request_cards.add(
                recipient.platform,
                recipient.workspace_id,
                recipient.user_id,
                request_id,
                message,
            )

    def take_cards(self, platform: str, request_id: int) -> list[PostedCard]:
        """Return the request's cards on `platform` and forget them, oldest first.

        Each card is returned to one caller only, even across server processes.
        """
        with self._database.store() as store:
            cards = store.request_cards.take(request_id, platform)
        return [PostedCard(card.workspace_id, card.message) for card in cards]

    def note_origin(
        self, platform: str, workspace_id: str, service_url: str, bot_account: dict[str, Any]
    ) -> None:
        """Store where the workspace's activities come from, replacing the earlier origin."""
        with self._database.store() as store:
            store.chat_origins.note(platform, workspace_id, service_url, bot_account)

    def origin_of(self, platform: str, workspace_id: str) -> ChatOrigin | None:
        """Return the workspace's last noted origin, or None if none was noted."""
        with self._database.store() as store:
            origin = store.chat_origins.get(platform, workspace_id)
        if origin is None:
            return None
        return ChatOrigin(origin.service_url, origin.bot_account)
