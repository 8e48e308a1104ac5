"""Replies for employees who did not write, delivered to their Teams chats.

The stored conversation reference is tried first. Without one, or when Teams
rejects it (the user removed the app), the bot opens a new 1:1 chat in the
user's tenant and stores that reference for next time. Opening a chat needs the
tenant's Bot Connector address and the bot's account there, which
`TenantDirectory` learns from the tenant's incoming activities.
"""

from __future__ import annotations

import asyncio
import logging

from microsoft_agents.activity import Activity, ConversationReference

from bots.teams.activities import PLATFORM, reference_from_json, reference_json, tenant_of
from bots.teams.cards import render_reply
from bots.teams.proactive import DeliveryFailed, ProactiveMessenger
from core.contacts import ChatContact, Contacts
from core.messages import Reply, Sender

logger = logging.getLogger(__name__)


class TenantDirectory:
    """The Bot Connector address and bot account most recently seen in each tenant."""

    def __init__(self) -> None:
        self._origins: dict[str, ConversationReference] = {}

    def note(self, activity: Activity) -> None:
        """Remember where `activity`, which passed authentication, came from."""
        tenant = tenant_of(activity)
        if tenant is None or not activity.service_url or activity.recipient is None:
            return
        reference = activity.get_conversation_reference()
        reference.activity_id = None
        reference.user = None
        self._origins[tenant] = reference

    def origin_for(self, tenant_id: str) -> ConversationReference | None:
        return self._origins.get(tenant_id)


class OpenCards:
    """Cards with buttons sent for a request, so a decision can update every copy in place.

    A request's approval card goes to each manager; when one decides, the others'
    cards should show the decision rather than buttons that no longer work.
    """

    # NOTE: kept in memory, so cards sent before a restart keep their buttons; a press
    # on one then gets the core's answer that the request is already decided.

    def __init__(self) -> None:
        self._cards: dict[int, list[tuple[ConversationReference, str]]] = {}

    def add(self, request_id: int, conversation: ConversationReference, message_id: str) -> None:
        self._cards.setdefault(request_id, []).append((conversation, message_id))

    def take(self, request_id: int) -> list[tuple[ConversationReference, str]]:
        """Return and forget the cards of the request."""
        return self._cards.pop(request_id, [])


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
                logger.warning("Teams notification to employee %s not delivered: %s (%s)",
                               employee_id, error, error.reason)
        return delivered

    async def _deliver_to(self, contact: ChatContact, reply: Reply) -> None:
        stored = None
        if contact.conversation_reference is not None:
            stored = reference_from_json(contact.conversation_reference)
            try:
                await self._send(stored, reply)
                return
            except DeliveryFailed as error:
                logger.info("stored Teams conversation rejected (%s); opening a new chat",
                            error.reason)
        origin = self._directory.origin_for(contact.workspace_id) or stored
        if origin is None:
            raise DeliveryFailed("no chat with the user yet, and no activity from their "
                                 "tenant since the server started")
        reference = await self._messenger.open_personal_chat(
            origin, contact.user_id, contact.workspace_id)
        recipient = Sender(PLATFORM, contact.workspace_id, contact.user_id)
        await asyncio.to_thread(
            self._contacts.remember_conversation, recipient, reference_json(reference)
        )
        await self._send(reference, reply)

    async def _send(self, conversation: ConversationReference, reply: Reply) -> None:
        message_id = await self._messenger.send(conversation, render_reply(reply))
        if reply.buttons and reply.request_id is not None and message_id:
            self._open_cards.add(reply.request_id, conversation, message_id)

