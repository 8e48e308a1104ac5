"""The request cards the bot posted, so every copy shows the decision once one is made.

A swap waiting for a manager goes to each manager of the unit. The manager who
clicks gets their card replaced with the decision; the cards of the others are
edited here to show it too, so nobody clicks a card whose request is decided.
The cards are kept in the database through `core.contacts`, so a restarted
server, or another server process on the same database, edits them as well.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable

from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bots.slack.blocks import SlackMessage
from bots.slack.payloads import PLATFORM
from bots.slack.sending import MessageRef, SlackSender
from core.contacts import Contacts
from core.messages import Sender

logger = logging.getLogger(__name__)

ClientForTeam = Callable[[str], Awaitable[AsyncWebClient | None]]


class RequestCards:
    """Posted request cards (invitations, approvals) per request id."""

    def __init__(self, client_for_team: ClientForTeam, contacts: Contacts) -> None:
        self._client_for_team = client_for_team
        self._contacts = contacts

    async def remember(self, request_id: int, recipient: Sender, card: MessageRef) -> None:
        """Store the card posted to `recipient`; a failure is logged, as the card was sent."""
        message = {"channel": card.channel, "ts": card.ts}
        try:
            await asyncio.to_thread(self._contacts.remember_card, recipient, request_id, message)
        except Exception:
            logger.exception("storing a card of request %s failed", request_id)

    async def show_decision(
        self, request_id: int, message: SlackMessage, *, clicked: MessageRef | None
    ) -> None:
        """Replace every other card of the request with `message`, and forget them."""
        try:
            cards = await asyncio.to_thread(self._contacts.take_cards, PLATFORM, request_id)
        except Exception:
            logger.exception("reading the cards of request %s failed", request_id)
            return
        for posted in cards:
            card = MessageRef(str(posted.message["channel"]), str(posted.message["ts"]))
            if card == clicked:
                continue
            client = await self._client_for_team(posted.workspace_id)
            if client is None:
                continue
            try:
                await SlackSender(client).update(card, message)
            except SlackApiError as error:
                logger.warning(
                    "updating a card of request %s failed: %s",
                    request_id,
                    error.response.get("error"),
                )
