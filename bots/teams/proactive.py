"""Messages sent outside an incoming request: progress, results and notifications.

The Agents SDK runs such a send as a "proactive" turn from a stored conversation
reference. The continuation activity gets no id, so the message is posted to the
conversation instead of as a reply to a made-up activity id. The SDK routes any
exception inside that turn to the adapter's `on_turn_error`, so each send catches
its own and raises `DeliveryFailed` to the caller.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import TypeVar

import aiohttp
from microsoft_agents.activity import (
    Activity,
    ChannelAccount,
    ChannelId,
    ConversationAccount,
    ConversationParameters,
    ConversationReference,
)
from microsoft_agents.hosting.core import ChannelServiceAdapter, TurnContext
from microsoft_agents.hosting.core.authorization import AuthenticationConstants

from bots.teams.activities import CHANNEL_ID, PERSONAL
from bots.teams.auth import proactive_identity
from bots.teams.clients import clients_closed
from bots.teams.settings import TeamsSettings

logger = logging.getLogger(__name__)

Result = TypeVar("Result")


class DeliveryFailed(Exception):
    """The Bot Connector did not take a message; the cause is chained."""

    @property
    def reason(self) -> str:
        """Return the cause for a log line: the HTTP status, else the exception's type."""
        cause = self.__cause__
        if isinstance(cause, aiohttp.ClientResponseError):
            return f"HTTP {cause.status}"
        return type(cause).__name__ if cause is not None else "no cause"


class ProactiveMessenger:
    def __init__(self, adapter: ChannelServiceAdapter, settings: TeamsSettings) -> None:
        self._adapter = adapter
        self._settings = settings

    async def send(self, reference: ConversationReference, activity: Activity) -> str | None:
        """Post `activity` to the referenced conversation; return the new message's id."""

        async def post(context: TurnContext) -> str | None:
            response = await context.send_activity(activity)
            return response.id if response is not None else None

        return await self._in_conversation(reference, post)

    async def update(
        self, reference: ConversationReference, activity_id: str, activity: Activity
    ) -> None:
        """Replace the message `activity_id` in the referenced conversation with `activity`."""

        async def replace(context: TurnContext) -> None:
            replacement = activity.model_copy(update={"id": activity_id})
            await context.update_activity(replacement)

        await self._in_conversation(reference, replace)

    async def open_personal_chat(
        self, origin: ConversationReference, user_id: str, tenant_id: str
    ) -> ConversationReference:
        """Create the bot's 1:1 chat with the Entra user `user_id`; return its reference.

        The service URL and bot account are taken from `origin`, a conversation in
        the same tenant.
        """
        # NOTE: Teams accepts the Entra object id as the member id only when the app
        # is installed for that user in the personal scope; otherwise this fails
        # and the caller logs that the notification was not delivered.
        parameters = ConversationParameters(
            is_group=False,
            bot=origin.agent,
            members=[ChannelAccount(id=user_id)],
            tenant_id=tenant_id,
            channel_data={"tenant": {"id": tenant_id}},
        )
        created: list[str] = []

        async def note_conversation(context: TurnContext) -> None:
            created.append(context.activity.conversation.id)

        try:
            async with clients_closed():
                await self._adapter.create_conversation(
                    self._settings.app_id or "",
                    CHANNEL_ID,
                    origin.service_url,
                    AuthenticationConstants.AGENTS_SDK_SCOPE,
                    parameters,
                    note_conversation,
                )
        except Exception as error:
            raise DeliveryFailed("the personal chat could not be created") from error
        if not created:
            raise DeliveryFailed("the Bot Connector returned no conversation")
        return ConversationReference(
            conversation=ConversationAccount(
                id=created[0], conversation_type=PERSONAL, tenant_id=tenant_id
            ),
            agent=origin.agent,
            user=ChannelAccount(id=user_id, aad_object_id=user_id),
            channel_id=ChannelId(CHANNEL_ID),
            service_url=origin.service_url,
        )

    async def _in_conversation(
        self,
        reference: ConversationReference,
        work: Callable[[TurnContext], Awaitable[Result]],
    ) -> Result:
        results: list[Result] = []
        failures: list[Exception] = []

        async def callback(context: TurnContext) -> None:
            try:
                results.append(await work(context))
            except Exception as error:
                failures.append(error)

        continuation = reference.get_continuation_activity()
        continuation.id = None
        try:
            async with clients_closed():
                await self._adapter.continue_conversation_with_claims(
                    proactive_identity(self._settings), continuation, callback
                )
        except Exception as error:
            raise DeliveryFailed("the proactive turn could not start") from error
        if failures:
            raise DeliveryFailed("the Bot Connector rejected the message") from failures[0]
        if not results:
            raise DeliveryFailed("the proactive turn did not run")
        return results[0]
