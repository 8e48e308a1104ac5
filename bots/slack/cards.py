"""The request cards the bot posted, so every copy shows the decision once one is made.

A swap waiting for a manager goes to each manager of the unit. The manager who
clicks gets their card replaced with the decision; the cards of the others are
edited here to show it too, so nobody clicks a card whose request is decided.
NOTE: the registry lives in memory, so cards posted before a restart keep their
buttons; a click on one gets the core's message that the request is already decided.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable

from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bots.slack.blocks import SlackMessage
from bots.slack.sending import MessageRef, SlackSender

logger = logging.getLogger(__name__)

# Requests decided long ago need no card kept; the oldest are dropped beyond this.
MAX_REQUESTS_KEPT = 1000

ClientForTeam = Callable[[str], Awaitable[AsyncWebClient | None]]


class RequestCards:
    """Posted request cards (invitations, approvals) per request id."""

    def __init__(self, client_for_team: ClientForTeam) -> None:
        self._client_for_team = client_for_team
        self._cards: dict[int, list[tuple[str, MessageRef]]] = {}

    def remember(self, request_id: int, team_id: str, card: MessageRef) -> None:
        self._cards.setdefault(request_id, []).append((team_id, card))
        while len(self._cards) > MAX_REQUESTS_KEPT:
            del self._cards[next(iter(self._cards))]

    async def show_decision(self, request_id: int, message: SlackMessage,
                            *, clicked: MessageRef | None) -> None:
        """Replace every other card of the request with `message`, and forget them."""
        for team_id, card in self._cards.pop(request_id, []):
            if card == clicked:
                continue
            client = await self._client_for_team(team_id)
            if client is None:
                continue
            try:
                await SlackSender(client).update(card, message)
            except SlackApiError as error:
                logger.warning("updating a card of request %s failed: %s", request_id,
                               error.response.get("error"))
