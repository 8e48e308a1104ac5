"""A Teams user's e-mail address, which the core needs to link them to their employee.

Teams activities carry no address. The bot asks the Bot Connector for the
writer's member record, `GET {serviceUrl}/v3/conversations/{id}/members/{userId}`,
with the turn's connector client: its token, and the serviceUrl that the
incoming token vouched for. The record has `email` and `userPrincipalName`
from the user's account in Microsoft Entra ID. Results are kept in memory for
a while, so that an unlinked user who writes several messages costs one call.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable
from typing import Any

import aiohttp
from microsoft_agents.activity import Activity
from microsoft_agents.activity.teams import TeamsChannelAccount
from microsoft_agents.hosting.core import ConnectorClientBase, TeamsConnectorClient, TurnContext

from bots.teams.activities import tenant_of

logger = logging.getLogger(__name__)

# The userRole of a member of the tenant itself: not a guest from another
# organisation, and not an anonymous meeting participant.
TENANT_MEMBER_ROLE = "user"


class MemberLookupFailed(Exception):
    """The Bot Connector did not return the member record; `reason` names the cause for the log."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class MemberEmails:
    """E-mail addresses of Teams users per tenant and Entra object id, kept for a lifetime.

    An address is kept whether or not it matched an employee, so that a user
    whose profile is added a minute later is linked without another call. A
    failed lookup is not kept: the user is told to try again.
    """

    def __init__(
        self,
        lifetime_seconds: float,
        timeout_seconds: float,
        *,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._lifetime_seconds = lifetime_seconds
        self._timeout_seconds = timeout_seconds
        self._clock = clock
        self._cache: dict[tuple[str, str], tuple[float, str | None]] = {}

    async def email_of_writer(self, context: TurnContext) -> str | None:
        """Return the address of the activity's writer, or None if Teams names none we trust.

        Raises MemberLookupFailed when the Bot Connector refuses, times out or
        cannot be reached.
        """
        activity = context.activity
        tenant_id = tenant_of(activity)
        writer = activity.from_property
        if tenant_id is None or writer is None or not writer.aad_object_id or not writer.id:
            return None
        key = (tenant_id, writer.aad_object_id)
        cached = self._cache.get(key)
        if cached is not None and self._clock() - cached[0] < self._lifetime_seconds:
            return cached[1]
        member = await self._fetch_member(context, writer.id)
        email = trusted_email(member, tenant_id, writer.aad_object_id)
        self._remember(key, email)
        return email

    def _remember(self, key: tuple[str, str], email: str | None) -> None:
        now = self._clock()
        expired = [
            item
            for item, (stored_at, _) in self._cache.items()
            if now - stored_at >= self._lifetime_seconds
        ]
        for item in expired:
            del self._cache[item]
        self._cache[key] = (now, email)

    async def _fetch_member(self, context: TurnContext, member_id: str) -> TeamsChannelAccount:
        # The SDK's adapter registers the turn's client under this abstract base class.
        client = context.services.get(ConnectorClientBase)  # type: ignore[type-abstract]
        if not isinstance(client, TeamsConnectorClient):
            raise MemberLookupFailed("the turn has no Teams connector client")
        try:
            async with asyncio.timeout(self._timeout_seconds):
                return await client.get_conversation_member(
                    roster_id_of(context.activity), member_id
                )
        except aiohttp.ContentTypeError as error:
            raise MemberLookupFailed("the body is not JSON") from error
        except aiohttp.ClientResponseError as error:
            raise MemberLookupFailed(f"HTTP {error.status}") from error
        except (aiohttp.ClientError, TimeoutError, ValueError) as error:
            # ValueError covers JSON that is not a member record.
            raise MemberLookupFailed(type(error).__name__) from error


def roster_id_of(activity: Activity) -> str:
    """Return the conversation whose members to ask: the team for a channel, else the chat.

    A channel message's conversation id names the thread (`…;messageid=…`), which
    the members route does not take; `channelData.team.id` names the team.
    """
    channel_data: Any = activity.channel_data
    if isinstance(channel_data, dict):
        team = channel_data.get("team")
        if isinstance(team, dict) and isinstance(team.get("id"), str) and team["id"]:
            return str(team["id"])
    return str(activity.conversation.id)


def trusted_email(member: TeamsChannelAccount, tenant_id: str, aad_object_id: str) -> str | None:
    """Return the member's address if the record is of this tenant's own user, else None.

    `email` is the mailbox address; a user without a mailbox has only the
    `userPrincipalName`, which is their sign-in address.
    """
    extra = member.model_extra or {}
    object_id = member.aad_object_id or extra.get("objectId")
    trusted = (
        member.user_role == TENANT_MEMBER_ROLE
        and isinstance(object_id, str)
        and object_id.lower() == aad_object_id.lower()
        and (member.tenant_id is None or member.tenant_id.lower() == tenant_id.lower())
    )
    if not trusted:
        return None
    for candidate in (member.email, member.user_principal_name):
        if isinstance(candidate, str) and is_address(candidate.strip()):
            return candidate.strip()
    return None


def is_address(value: str) -> bool:
    """Return whether `value` is one address: a local part, «@», a dotted domain, no spaces."""
    local, at, domain = value.rpartition("@")
    return bool(at and local and "." in domain and not any(char.isspace() for char in value))
