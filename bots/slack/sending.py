"""Posting, editing and uploading through Slack's Web API and response URLs.

A `ReplyTarget` is the destination of the replies to an incoming message. A direct
message to the bot gets its replies in that channel, as ordinary messages that can
be edited later. A slash command or a mention in a channel gets ephemeral replies
that only the sender sees, because they may carry personal data (an absence, a
shift), and because the bot may not be a member of the channel.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from slack_sdk.web.async_client import AsyncWebClient
from slack_sdk.webhook.async_client import AsyncWebhookClient

from bots.slack.blocks import SlackMessage

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class MessageRef:
    """A message the bot posted, which chat.update can edit."""

    channel: str
    ts: str


@dataclass(frozen=True, slots=True)
class ReplyTarget:
    """The destination of the replies to one incoming message."""

    team_id: str
    user_id: str
    # The channel for ordinary (editable) messages, when replies are not ephemeral.
    channel_id: str | None = None
    thread_ts: str | None = None
    ephemeral: bool = False
    # Slack's URL for replying to a slash command or a click, valid for 30 minutes.
    response_url: str | None = None
    # The message whose button was clicked, and its blocks as Slack sent them.
    clicked: MessageRef | None = None
    clicked_blocks: tuple[dict[str, Any], ...] = ()
    clicked_text: str = ""

    @property
    def editable(self) -> bool:
        return not self.ephemeral and self.channel_id is not None


class SlackSender:
    """Sends messages with one workspace's Web API client."""

    def __init__(self, client: AsyncWebClient) -> None:
        self.client = client

    async def post(self, target: ReplyTarget, message: SlackMessage) -> MessageRef | None:
        """Post `message` to the target; return its reference if it can be edited later."""
        if target.ephemeral and target.response_url:
            await self._respond(
                target.response_url, {"response_type": "ephemeral", **message.arguments()}
            )
            return None
        if target.channel_id is None:
            raise ValueError("a reply target needs a channel or a response URL")
        if target.ephemeral:
            await self.client.chat_postEphemeral(
                channel=target.channel_id,
                user=target.user_id,
                thread_ts=target.thread_ts,
                **message.arguments(),
            )
            return None
        return await self.post_message(target.channel_id, message, thread_ts=target.thread_ts)

    async def post_message(
        self, channel: str, message: SlackMessage, *, thread_ts: str | None = None
    ) -> MessageRef:
        response = await self.client.chat_postMessage(
            channel=channel, thread_ts=thread_ts, **message.arguments()
        )
        return MessageRef(channel=str(response["channel"]), ts=str(response["ts"]))

    async def replace_clicked(self, target: ReplyTarget, message: SlackMessage) -> None:
        """Replace the message whose button was clicked, ephemeral or not."""
        if target.response_url:
            await self._respond(
                target.response_url, {"replace_original": True, **message.arguments()}
            )
        elif target.clicked is not None:
            await self.update(target.clicked, message)
        else:
            await self.post(target, message)

    async def delete_clicked(self, target: ReplyTarget) -> None:
        """Delete the clicked message through the response URL (the only way for ephemerals)."""
        if target.response_url:
            await self._respond(target.response_url, {"delete_original": True})

    async def update(self, ref: MessageRef, message: SlackMessage) -> None:
        await self.client.chat_update(channel=ref.channel, ts=ref.ts, **message.arguments())

    async def upload(
        self, channel: str, path: Path, title: str, *, thread_ts: str | None = None
    ) -> None:
        """Upload a file into the channel (files.getUploadURLExternal, then complete)."""
        await self.client.files_upload_v2(
            channel=channel, file=str(path), filename=path.name, title=title, thread_ts=thread_ts
        )

    async def open_direct_channel(self, user_id: str) -> str:
        """Return the id of the bot's direct-message channel with the user, opening it if new."""
        response = await self.client.conversations_open(users=user_id)
        return str(response["channel"]["id"])

    async def _respond(self, response_url: str, body: dict[str, Any]) -> None:
        webhook = AsyncWebhookClient(response_url, session=self.client.session)
        response = await webhook.send_dict(body)
        if response.status_code != 200:
            logger.warning("posting to a response URL failed with HTTP %s", response.status_code)
