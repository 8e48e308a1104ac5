"""Slack events, slash commands and clicks in; the core's replies out as Block Kit.

Each listener builds an `IncomingMessage` and hands it to `Assistant.handle` in a
worker thread. Replies to the sender go where they wrote, and replies to other
employees go through the outbox. A background job (roster generation) runs in a
task that edits one progress message.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import secrets
from collections import Counter
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable, Mapping
from concurrent.futures import ThreadPoolExecutor
from contextlib import asynccontextmanager
from dataclasses import dataclass, replace
from typing import Any

from slack_sdk.web.async_client import AsyncWebClient

from bots.platforms import ChatBackend, Outbox
from bots.slack.blocks import SlackMessage, home_view, render_reply, without_actions
from bots.slack.cards import RequestCards
from bots.slack.payloads import (
    PLATFORM,
    action_delivery_key,
    button_press,
    command_delivery_key,
    conversation_key,
    event_delivery_key,
    message_text,
)
from bots.slack.profiles import SlackProfiles
from bots.slack.progress import ProgressEditor
from bots.slack.sending import MessageRef, ReplyTarget, SlackSender
from core.assistant import APOLOGY, busy_reply, is_database_busy
from core.i18n import N_, Translator
from core.jobs import run_job
from core.messages import BackgroundJob, IncomingMessage, Outcome, Reply, ReplyKind, Sender
from core.overview import notice_overview

logger = logging.getLogger(__name__)

# Roster solves run on their own threads, so a few long solves never hold up the
# default executor that handles everyone's messages. Further jobs wait their turn.
JOB_THREADS = 2

ANSWERED_IN_DIRECT_MESSAGE = N_("I am answering you in our direct message.")
# For a failure after the core has acted, when the change may well have been made.
PARTIAL_APOLOGY = N_(
    "Sorry, I could not send you my whole answer. Check the result before you try again. "
    "If it happens again, give this error id to your administrator: %(error_id)s"
)

AckFunction = Callable[..., Awaitable[Any]]


class ConversationLocks:
    """One lock per conversation, so a user's messages and clicks are handled in order.

    A double-clicked «Bekreft» arrives as two requests at once. Handled one after
    the other, the second finds the read-back already confirmed and changes nothing.
    NOTE: the locks live in this process only; several server processes behind a
    load balancer would need the database to serialise a user's messages instead.
    """

    def __init__(self) -> None:
        self._locks: dict[str, asyncio.Lock] = {}
        self._holders: Counter[str] = Counter()

    @asynccontextmanager
    async def hold(self, key: str) -> AsyncIterator[None]:
        lock = self._locks.setdefault(key, asyncio.Lock())
        self._holders[key] += 1
        try:
            async with lock:
                yield
        finally:
            self._holders[key] -= 1
            if not self._holders[key]:
                del self._holders[key]
                del self._locks[key]


@dataclass(frozen=True, slots=True)
class Exchange:
    """One incoming message with where its replies go and the client to send them with."""

    message: IncomingMessage
    target: ReplyTarget
    sender: SlackSender


class SlackConversations:
    """The bolt listeners, and what they share: the core, the outbox and running jobs."""

    def __init__(
        self,
        backend: ChatBackend,
        profiles: SlackProfiles,
        *,
        clock: Callable[[], dt.datetime],
        progress_interval_seconds: float,
    ) -> None:
        self.backend = backend
        self.profiles = profiles
        self.clock = clock
        self.progress_interval_seconds = progress_interval_seconds
        self.outbox: Outbox | None = None
        # Replaced by the platform with one that can reach every workspace.
        self.cards = RequestCards(_no_client, backend.contacts)
        self.locks = ConversationLocks()
        self.jobs: set[asyncio.Task[None]] = set()
        self.job_threads = ThreadPoolExecutor(
            max_workers=JOB_THREADS, thread_name_prefix="slack-job"
        )
        # The direct channel last stored per (team, user), to skip rewriting it each message.
        self.direct_channels: dict[tuple[str, str], str] = {}
        # Listener runs in progress, and how many have finished (for shutdown and tests).
        self.listening: set[asyncio.Task[Any]] = set()
        self.finished_count = 0

    @asynccontextmanager
    async def listening_task(self) -> AsyncIterator[None]:
        """Track the running listener, so the server can wait for it when it stops."""
        task = asyncio.current_task()
        if task is not None:
            self.listening.add(task)
        try:
            yield
        finally:
            if task is not None:
                self.listening.discard(task)
            self.finished_count += 1

    # --- listeners (bolt passes the arguments by name) ---------------------------------------

    async def on_direct_message(
        self, event: dict[str, Any], body: dict[str, Any], client: AsyncWebClient, context: Any
    ) -> None:
        async with self.listening_task():
            if event.get("channel_type") != "im" or event.get("subtype") or event.get("bot_id"):
                return
            target = ReplyTarget(
                team_id=body["team_id"],
                user_id=str(event.get("user", "")),
                channel_id=event.get("channel"),
            )
            text = message_text(str(event.get("text") or ""), context.get("bot_user_id"))
            await self._converse(client, target, event_delivery_key(body), text=text)
            await self._remember_direct_channel(target)

    async def on_mention(
        self, event: dict[str, Any], body: dict[str, Any], client: AsyncWebClient, context: Any
    ) -> None:
        async with self.listening_task():
            target = ReplyTarget(
                team_id=body["team_id"],
                user_id=str(event.get("user", "")),
                channel_id=event.get("channel"),
                thread_ts=event.get("thread_ts"),
                ephemeral=True,
            )
            text = message_text(str(event.get("text") or ""), context.get("bot_user_id"))
            await self._converse(client, target, event_delivery_key(body), text=text)

    async def on_command(
        self, ack: AckFunction, body: dict[str, Any], client: AsyncWebClient
    ) -> None:
        async with self.listening_task():
            # Acknowledge first: Slack shows an error if the HTTP response takes over 3 seconds.
            await ack()
            target = ReplyTarget(
                team_id=body["team_id"],
                user_id=body["user_id"],
                channel_id=body.get("channel_id"),
                ephemeral=True,
                response_url=body.get("response_url"),
            )
            text = message_text(str(body.get("text") or ""), None)
            await self._converse(client, target, command_delivery_key(body), text=text)

    async def on_button(
        self, ack: AckFunction, body: dict[str, Any], action: dict[str, Any], client: AsyncWebClient
    ) -> None:
        async with self.listening_task():
            await ack()
            press = button_press(action)
            target = clicked_target(body)
            delivery_key = action_delivery_key(body, action)
            if press is None:
                logger.warning(
                    "unknown button %s (trigger %s)",
                    action.get("action_id"),
                    body.get("trigger_id"),
                )
                await self._converse(client, target, delivery_key, unknown_button=True)
                return
            await self._converse(client, target, delivery_key, button=press)

    async def on_language(
        self, ack: AckFunction, body: dict[str, Any], action: dict[str, Any], client: AsyncWebClient
    ) -> None:
        async with self.listening_task():
            await ack()
            team_id, user_id = body["team"]["id"], body["user"]["id"]
            locale = str((action.get("selected_option") or {}).get("value", ""))
            sender: Sender | None = None
            try:
                sender = await self.slack_sender(client, team_id, user_id)
                sender = await self.with_chosen_language(sender)
                chosen = await asyncio.to_thread(self.backend.languages.choose, sender, locale)
                if chosen:
                    sender = replace(sender, locale=locale)
                await self._publish_home(client, sender)
            except Exception as error:
                if is_database_busy(error):
                    await self._publish_busy_home(
                        client, user_id, sender, action_delivery_key(body, action)
                    )
                    return
                logger.exception(
                    "choosing the language %r failed for a user of team %s", locale, team_id
                )

    async def on_home_opened(
        self, event: dict[str, Any], body: dict[str, Any], client: AsyncWebClient
    ) -> None:
        async with self.listening_task():
            if event.get("tab") != "home":
                return
            team_id, user_id = body["team_id"], str(event.get("user", ""))
            sender: Sender | None = None
            try:
                sender = await self.slack_sender(client, team_id, user_id)
                sender = await self.with_chosen_language(sender)
                await self._publish_home(client, sender)
            except Exception as error:
                if is_database_busy(error):
                    await self._publish_busy_home(client, user_id, sender, event_delivery_key(body))
                    return
                logger.exception("publishing the home tab failed for a user of team %s", team_id)

    async def _remember_direct_channel(self, target: ReplyTarget) -> None:
        """Store the direct channel as the user's conversation reference, once per process."""
        key = (target.team_id, target.user_id)
        if target.channel_id is None or self.direct_channels.get(key) == target.channel_id:
            return
        sender = Sender(PLATFORM, target.team_id, target.user_id)
        try:
            stored = await asyncio.to_thread(
                self.backend.contacts.remember_conversation, sender, {"channel": target.channel_id}
            )
        except Exception as error:
            if is_database_busy(error):
                # Not cached as stored, so the user's next message stores it.
                logger.warning(
                    "the database stayed locked; the direct channel of a user of team %s "
                    "waits for their next message",
                    target.team_id,
                )
                return
            logger.exception(
                "storing the direct channel failed for a user of team %s", target.team_id
            )
            return
        if stored:
            self.direct_channels[key] = target.channel_id

    # --- one exchange with the core ------------------------------------------------------------

    async def slack_sender(self, client: AsyncWebClient, team_id: str, user_id: str) -> Sender:
        """Return the sender with their Slack profile's locale; reads no database."""
        profile = await self.profiles.profile(client, team_id, user_id)
        return Sender(
            PLATFORM, team_id, user_id, verified_email=profile.verified_email, locale=profile.locale
        )

    async def with_chosen_language(self, sender: Sender) -> Sender:
        """Return `sender` with the language they chose in vaktbot, if they chose one."""
        chosen = await asyncio.to_thread(self.backend.languages.chosen, sender)
        return replace(sender, locale=chosen or sender.locale)

    async def _converse(
        self, client: AsyncWebClient, target: ReplyTarget, delivery_key: str, **content: Any
    ) -> None:
        sender = SlackSender(client)
        locale: str | None = None
        handled = False
        try:
            # Read Slack's locale first, so that the busy reply to a locked database can use it.
            slack_sender = await self.slack_sender(client, target.team_id, target.user_id)
            locale = slack_sender.locale
            slack_sender = await self.with_chosen_language(slack_sender)
            locale = slack_sender.locale
            message = IncomingMessage(
                sender=slack_sender,
                conversation_key=conversation_key(target.team_id, target.user_id),
                event_id=delivery_key,
                received_at=self.clock(),
                **content,
            )
            exchange = Exchange(message, target, sender)
            async with self.locks.hold(message.conversation_key):
                outcome = await asyncio.to_thread(self.backend.assistant.handle, message)
                handled = True
                progress = await self._show_to_sender(exchange, outcome)
            await self.notify(outcome.replies)
            if outcome.job is not None:
                self.start_job(outcome.job, exchange, progress)
        except Exception as error:
            # Once the core has handled the message, the change may have been made, so
            # asking to send it again would be wrong.
            if is_database_busy(error) and not handled:
                await self._answer_busy(sender, target, locale, delivery_key)
                return
            apology = PARTIAL_APOLOGY if handled else APOLOGY
            await self._apologise(sender, target, locale, delivery_key, apology)

    async def _show_to_sender(self, exchange: Exchange, outcome: Outcome) -> MessageRef | None:
        """Post the sender's replies; return the message that shows the job's progress.

        After a button press, the first reply marked `replace_original` takes the
        place of the pressed message, so its buttons cannot be pressed twice.
        Without such a reply the pressed message only loses its buttons.
        """
        target, sender = exchange.target, exchange.sender
        replies = [reply for reply in outcome.replies if reply.recipient_employee_id is None]
        replacing = _replacing_index(replies) if exchange.message.button is not None else None
        if exchange.message.button is not None and replacing is None:
            await remove_buttons(sender, target)
        progress: MessageRef | None = None
        for index, reply in enumerate(replies):
            message = render_reply(reply)
            shows_progress = (
                reply.kind == ReplyKind.PROGRESS and outcome.job is not None and progress is None
            )
            if reply.kind == ReplyKind.DECISION and reply.request_id is not None:
                await self.cards.show_decision(reply.request_id, message, clicked=target.clicked)
            if index == replacing and shows_progress:
                progress = await self._post_editable(exchange, message, replace_pressed=True)
            elif index == replacing:
                await sender.replace_clicked(target, message)
            elif shows_progress:
                progress = await self._post_editable(exchange, message)
            else:
                await sender.post(target, message)
            if reply.attachment is not None:
                await self._upload_for_sender(exchange, reply)
        return progress

    async def _upload_for_sender(self, exchange: Exchange, reply: Reply) -> None:
        """Upload a reply's file where the sender wrote, or to their DM if that was a channel."""
        assert reply.attachment is not None
        target, sender = exchange.target, exchange.sender
        channel = (
            target.channel_id
            if target.editable and target.channel_id
            else await sender.open_direct_channel(target.user_id)
        )
        await sender.upload(
            channel,
            reply.attachment,
            reply.title or reply.attachment.name,
            thread_ts=target.thread_ts if target.editable else None,
        )

    async def _post_editable(
        self, exchange: Exchange, message: SlackMessage, *, replace_pressed: bool = False
    ) -> MessageRef:
        """Post a message that can be edited: where the user wrote, else in a direct message.

        With `replace_pressed`, the pressed message becomes that message when the bot
        can edit it, and otherwise points to the direct message.
        """
        target, sender = exchange.target, exchange.sender
        if replace_pressed and target.clicked is not None:
            await sender.update(target.clicked, message)
            return target.clicked
        if target.editable and not replace_pressed:
            return await sender.post_message(
                str(target.channel_id), message, thread_ts=target.thread_ts
            )
        translator = Translator.for_locale(exchange.message.sender.locale)
        pointer = render_reply(Reply(translator.gettext(ANSWERED_IN_DIRECT_MESSAGE)))
        if replace_pressed:
            await sender.replace_clicked(target, pointer)
        else:
            await sender.post(target, pointer)
        channel = await sender.open_direct_channel(target.user_id)
        return await sender.post_message(channel, message)

    async def notify(self, replies: Iterable[Reply]) -> None:
        """Deliver the replies addressed to other employees, one after the other."""
        for reply in replies:
            if reply.recipient_employee_id is None:
                continue
            if self.outbox is None:  # pragma: no cover - mount() always sets it
                logger.error("no outbox: a %s reply was not delivered", reply.kind.value)
                continue
            await self.outbox.deliver(reply.recipient_employee_id, reply)

    async def _answer_busy(
        self, sender: SlackSender, target: ReplyTarget, locale: str | None, delivery_key: str
    ) -> None:
        """Ask the writer to send again a message that met a locked database outside the core.

        The core replies to its own locked transactions. This covers the adapter's lookups
        before it, such as the chosen language, which store nothing, so a retry is safe.
        """
        reply = busy_reply(Translator.for_locale(locale), delivery_key)
        try:
            await sender.post(target, render_reply(reply))
        except Exception:
            logger.exception("could not send the busy reply for %s", delivery_key)

    async def _apologise(
        self,
        sender: SlackSender,
        target: ReplyTarget,
        locale: str | None,
        delivery_key: str,
        template: str,
    ) -> None:
        error_id = secrets.token_hex(4)
        logger.exception(
            "unexpected error %s in the Slack adapter handling %s", error_id, delivery_key
        )
        apology = Translator.for_locale(locale).gettext(template, error_id=error_id)
        try:
            await sender.post(target, render_reply(Reply(apology, kind=ReplyKind.ERROR)))
        except Exception:
            logger.exception("could not send the apology for error %s", error_id)

    # --- background jobs ------------------------------------------------------------------------

    def start_job(
        self, job: BackgroundJob, exchange: Exchange, progress: MessageRef | None
    ) -> None:
        """Run `job` in a task the server waits for when it stops."""
        task = asyncio.create_task(self._run_job(job, exchange, progress), name=f"slack-{job.name}")
        self.jobs.add(task)
        task.add_done_callback(self.jobs.discard)

    async def _run_job(
        self, job: BackgroundJob, exchange: Exchange, progress: MessageRef | None
    ) -> None:
        sender = exchange.sender
        locale = exchange.message.sender.locale
        try:
            if progress is None:
                channel = await sender.open_direct_channel(exchange.target.user_id)
                progress = await sender.post_message(channel, SlackMessage(text="…"))
            replies = await self._run_with_progress(job, sender, progress, locale)
            await self._show_job_result(replies, sender, progress)
        except Exception:
            error_id = secrets.token_hex(4)
            logger.exception("unexpected error %s showing background job %s", error_id, job.name)
            if progress is not None:
                apology = Translator.for_locale(locale).gettext(APOLOGY, error_id=error_id)
                await _quietly(
                    sender.update(progress, render_reply(Reply(apology, kind=ReplyKind.ERROR)))
                )

    async def _run_with_progress(
        self, job: BackgroundJob, sender: SlackSender, progress: MessageRef, locale: str | None
    ) -> tuple[Reply, ...]:
        async def edit(reply: Reply) -> None:
            await sender.update(progress, render_reply(reply))

        editor = ProgressEditor(asyncio.get_running_loop(), edit, self.progress_interval_seconds)
        editing = asyncio.create_task(editor.run())
        try:
            return await asyncio.get_running_loop().run_in_executor(
                self.job_threads, run_job, job, editor, locale
            )
        finally:
            editor.close()
            await editing

    async def _show_job_result(
        self, replies: tuple[Reply, ...], sender: SlackSender, progress: MessageRef
    ) -> None:
        """Turn the progress message into the first result and upload any file beside it."""
        own = [reply for reply in replies if reply.recipient_employee_id is None]
        for position, reply in enumerate(own):
            message = render_reply(reply)
            if position == 0:
                await sender.update(progress, message)
            else:
                await sender.post_message(progress.channel, message)
            if reply.attachment is not None:
                await sender.upload(
                    progress.channel, reply.attachment, reply.title or reply.attachment.name
                )
        await self.notify(replies)

    async def wait_until_idle(self) -> None:
        """Wait for running listeners and jobs, so stopping the server cuts no reply short."""
        while self.listening or self.jobs:
            logger.info(
                "waiting for %s listeners and %s background jobs",
                len(self.listening),
                len(self.jobs),
            )
            await asyncio.gather(*self.listening, *self.jobs, return_exceptions=True)
        self.job_threads.shutdown(wait=False)

    # --- home tab --------------------------------------------------------------------------------

    async def _publish_home(self, client: AsyncWebClient, sender: Sender) -> None:
        overview = await asyncio.to_thread(self.backend.overviews.home, sender)
        await client.views_publish(user_id=sender.user_id, view=home_view(overview))

    async def _publish_busy_home(
        self, client: AsyncWebClient, user_id: str, sender: Sender | None, delivery_key: str
    ) -> None:
        """Show «prøv igjen om litt» on the home tab that met a locked database.

        The home tab is where the user looks after opening it or choosing a language,
        and nothing was stored, so opening the tab or choosing again retries.
        NOTE: the busy text speaks of «meldingen din»; a wording for the home tab of its
        own would need a new catalog message.
        """
        translator = Translator.for_locale(sender.locale if sender is not None else None)
        reply = busy_reply(translator, delivery_key)
        view = home_view(notice_overview(translator, reply.text))
        try:
            await client.views_publish(user_id=user_id, view=view)
        except Exception:
            logger.exception("could not publish the busy home tab for %s", delivery_key)


def _replacing_index(replies: list[Reply]) -> int | None:
    """Return the position of the first reply that replaces the pressed message, if any."""
    return next((index for index, reply in enumerate(replies) if reply.replace_original), None)


def clicked_target(body: Mapping[str, Any]) -> ReplyTarget:
    """Return the reply target of a click: the clicked message's channel, ephemeral if it was."""
    container = body.get("container") or {}
    channel = (body.get("channel") or {}).get("id") or container.get("channel_id")
    ephemeral = bool(container.get("is_ephemeral"))
    message = body.get("message") or {}
    message_ts = container.get("message_ts") or message.get("ts")
    clicked = MessageRef(channel, message_ts) if channel and message_ts and not ephemeral else None
    blocks: list[dict[str, Any]] = (
        message["blocks"] if isinstance(message.get("blocks"), list) else []
    )
    return ReplyTarget(
        team_id=body["team"]["id"],
        user_id=body["user"]["id"],
        channel_id=channel,
        ephemeral=ephemeral,
        response_url=body.get("response_url"),
        clicked=clicked,
        clicked_blocks=tuple(blocks),
        clicked_text=str(message.get("text") or ""),
    )


async def remove_buttons(sender: SlackSender, target: ReplyTarget) -> None:
    """Take the buttons off a clicked message, so the same choice cannot be clicked again."""
    if target.clicked_blocks:
        message = SlackMessage(
            text=target.clicked_text, blocks=without_actions(list(target.clicked_blocks))
        )
        await _quietly(sender.replace_clicked(target, message))
    elif target.ephemeral and target.response_url:
        # Slack does not send an ephemeral message's blocks with the click, so it is deleted.
        await _quietly(sender.delete_clicked(target))


async def _quietly(action: Awaitable[Any]) -> None:
    """Await an optional cosmetic step (removing buttons), logging instead of raising."""
    try:
        await action
    except Exception as error:
        logger.warning("an optional Slack update failed: %s", type(error).__name__)


async def _no_client(team_id: str) -> AsyncWebClient | None:
    return None
