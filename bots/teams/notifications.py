"""Replies the core addresses to other employees, delivered to their Teams chats.

The stored conversation reference is tried first. Without one, or when Teams
rejects it (the user removed the app), the bot opens a new 1:1 chat in the same
tenant and stores that reference for next time.
"""

from __future__ import annotations

import asyncio
import logging

from microsoft_agents.activity import ConversationReference

from bots.teams.activities import PLATFORM, reference_from_json, reference_json
from bots.teams.cards import render_reply
from bots.teams.outbox import DeliveryFailed, Outbox
from core.contacts import ChatContact, Contacts
from core.messages import Reply, Sender

logger = logging.getLogger(__name__)


class Notifier:
    def __init__(self, outbox: Outbox, contacts: Contacts) -> None:
        self._outbox = outbox
        self._contacts = contacts

    async def notify(self, reply: Reply, origin: ConversationReference, tenant_id: str) -> None:
        """Deliver `reply` to each Teams account of its recipient; log what could not be sent.

        `origin` and `tenant_id` are the conversation and tenant the reply arose
        in; a new chat can only be opened in that tenant.
        """
        employee_id = reply.recipient_employee_id
        assert employee_id is not None
        contacts = await asyncio.to_thread(self._contacts.contacts_of, employee_id, PLATFORM)
        if not contacts:
            # TODO: an employee linked on Slack only is not reached from Teams; a
            # shared delivery service for all platforms would close this.
            logger.info("employee %s has no Teams account; notification not sent", employee_id)
            return
        for contact in contacts:
            try:
                await self._notify_contact(contact, reply, origin, tenant_id)
            except DeliveryFailed as error:
                logger.warning("notification to employee %s not delivered: %s (%s)",
                               employee_id, error, _cause_name(error))

    async def _notify_contact(
        self, contact: ChatContact, reply: Reply, origin: ConversationReference, tenant_id: str
    ) -> None:
        activity = render_reply(reply)
        if contact.conversation_reference is not None:
            stored = reference_from_json(contact.conversation_reference)
            try:
                await self._outbox.send(stored, activity)
                return
            except DeliveryFailed as error:
                logger.info("stored Teams conversation rejected (%s); opening a new chat",
                            _cause_name(error))
        if contact.workspace_id != tenant_id:
            raise DeliveryFailed("no stored conversation, and the user is in another tenant")
        reference = await self._outbox.open_personal_chat(origin, contact.user_id, tenant_id)
        recipient = Sender(PLATFORM, contact.workspace_id, contact.user_id)
        await asyncio.to_thread(
            self._contacts.remember_conversation, recipient, reference_json(reference)
        )
        await self._outbox.send(reference, activity)


def _cause_name(error: BaseException) -> str:
    cause = error.__cause__
    return type(cause).__name__ if cause is not None else "no cause"
