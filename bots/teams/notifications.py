"""Replies for employees who did not write, delivered to their Teams chats.

The stored conversation reference is tried first. Without one, or when Teams
rejects it (the user removed the app), the bot opens a new 1:1 chat in the
user's tenant and stores that reference for next time. Opening a chat needs the
tenant's Bot Connector address and the bot's account there, which
`TenantDirectory` learns from the tenant's incoming activities and keeps in the
database.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from microsoft_agents.activity import (
    Activity,
    ChannelAccount,
    ChannelId,
    ConversationAccount,
    ConversationReference,
)

from bots.teams.activities import (
    CHANNEL_ID,
    PLATFORM,
    reference_from_json,
    reference_json,
    tenant_of,
)
from bots.teams.cards import render_reply
from bots.teams.proactive import DeliveryFailed, ProactiveMessenger
from core.contacts import ChatContact, Contacts
from core.messages import Reply, Sender

logger = logging.getLogger(__name__)


class TenantDirectory:
    """The Bot Connector address and bot account most recently seen in each tenant.

    Kept in the database through `core.contacts`, so that a restarted server, or
    another server process, can open a chat in a tenant it has not heard from.
    Only the service URL and the bot's account are kept, not the conversation or
    the user an activity came from.
    """

    def __init__(self, contacts: Contacts) -> None:
        self._contacts = contacts
        # The origin this process last stored per tenant, so that an unchanged one
        # is not written again on every activity.
        self._known: dict[str, tuple[str, dict[str, Any]]] = {}

    async def note(self, activity: Activity) -> None:
        """Remember where `activity`, which passed authentication, came from.

        A failure to store it is logged: the activity itself is still answered.
        """
        tenant = tenant_of(activity)
        if tenant is None or not activity.service_url or activity.recipient is None:
            return
        bot = activity.recipient.model_dump(mode="json", by_alias=True, exclude_none=True)
        origin = (activity.service_url, bot)
        if self._known.get(tenant) == origin:
            return
        try:
            await asyncio.to_thread(self._contacts.note_origin, PLATFORM, tenant, *origin)
        except Exception:
            logger.exception("storing the origin of tenant %s failed", tenant)
            return
        self._known[tenant] = origin

    async def origin_for(self, tenant_id: str) -> ConversationReference | None:
        """Return a reference that names the tenant's service URL and the bot, or None."""
        try:
            origin = await asyncio.to_thread(self._contacts.origin_of, PLATFORM, tenant_id)
        except Exception:
            logger.exception("reading the origin of tenant %s failed", tenant_id)
            return None
        if origin is None:
            return None
        # Opening a chat reads only the service URL and the bot account. No conversation
        # is kept, so the tenant id is used as a placeholder conversation id.
        return ConversationReference(
            conversation=ConversationAccount(id=tenant_id, tenant_id=tenant_id),
            agent=ChannelAccount.model_validate(origin.bot_account),
            channel_id=ChannelId(CHANNEL_ID),
            service_url=origin.service_url,
        )


class OpenCards:
    """Cards with buttons sent for a request, so a decision can update every copy in place.

    A request's approval card goes to each manager; when one decides, the others'
    cards should show the decision rather than buttons that no longer work. The
    cards are kept in the database through `core.contacts`, so a restarted server
    or another server process updates them too.
    """

    def __init__(self, contacts: Contacts) -> None:
        self._contacts = contacts

    async def add(
        self,
        request_id: int,
        recipient: Sender,
        conversation: ConversationReference,
        message_id: str,
    ) -> None:
        """Store the card sent to `recipient`; a failure is logged, as the card was sent."""
        message = {"conversation": reference_json(conversation), "message_id": message_id}
        try:
            await asyncio.to_thread(self._contacts.remember_card, recipient, request_id, message)
        except Exception:
            logger.exception("storing a card of request %s failed", request_id)

    async def take(self, request_id: int) -> list[tuple[ConversationReference, str]]:
        """Return and forget the cards of the request; none if they cannot be read."""
        try:
            cards = await asyncio.to_thread(self._contacts.take_cards, PLATFORM, request_id)
        except Exception:
            logger.exception("reading the cards of request %s failed", request_id)
            return []
        return [
            (reference_from_json(card.message["conversation"]), str(card.message["message_id"]))
            for card in cards
        ]


class Notifier:
    def __init__(
        self,
        messenger: ProactiveMessenger,
        contacts: Contacts,
        directory: TenantDirectory,
        open_cards: OpenCards,
    ) -> None:
        self._messenger = messenger
        self._contacts = contacts
        self._directory = directory
        self._open_cards = open_cards

    async def deliver(self, employee_id: int, reply: Reply) -> bool:
        """Send `reply` to each Teams account of the employee; return True if any got it."""
        contacts = await asyncio.to_thread(self._contacts.contacts_of, employee_id, PLATFORM)
        delivered = False
        for contact in contacts:
            try:
                await self._deliver_to(contact, reply)
                delivered = True
            except DeliveryFailed as error:
                logger.warning(
                    "Teams notification to employee %s not delivered: %s (%s)",
                    employee_id,
                    error,
                    error.reason,
                )
        return delivered

    async def _deliver_to(self, contact: ChatContact, reply: Reply) -> None:
        recipient = Sender(PLATFORM, contact.workspace_id, contact.user_id)
        stored = None
        if contact.conversation_reference is not None:
            stored = reference_from_json(contact.conversation_reference)
            try:
                await self._send(stored, recipient, reply)
                return
            except DeliveryFailed as error:
                logger.info(
                    "stored Teams conversation rejected (%s); opening a new chat", error.reason
                )
        origin = await self._directory.origin_for(contact.workspace_id) or stored
        if origin is None:
            raise DeliveryFailed(
                "no chat with the user yet, and nobody in their tenant has written to the bot yet"
            )
        reference = await self._messenger.open_personal_chat(
            origin, contact.user_id, contact.workspace_id
        )
        await asyncio.to_thread(
            self._contacts.remember_conversation, recipient, reference_json(reference)
        )
        await self._send(reference, recipient, reply)

    async def _send(
        self, conversation: ConversationReference, recipient: Sender, reply: Reply
    ) -> None:
        message_id = await self._messenger.send(conversation, render_reply(reply))
        if reply.buttons and reply.request_id is not None and message_id:
            await self._open_cards.add(reply.request_id, recipient, conversation, message_id)
