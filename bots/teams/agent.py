"""The Teams bot's turn handler: each activity translated, handed to the core, answered.

Within the request the bot only answers the sender, so that Teams gets its
response well inside the 15 seconds after which it sends the activity again.
Notifications to other people and long jobs run afterwards as background tasks.
They start even when the reply to the sender cannot be delivered, because the
core has already stored what the message changed, and the people it concerns
must hear of it.

Answers always go to the writer's 1:1 chat with the bot. A message in a channel
or group chat gets its answer there too, and the shared conversation only a
short note, because answers can carry personal data (sick leave, hours) that
the rest of the team should not read.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, replace

import aiohttp
from microsoft_agents.activity import Activity, ActivityTypes, ConversationReference
from microsoft_agents.hosting.core import TurnContext
from sqlalchemy.exc import OperationalError

from bots.teams.activities import (
    PERSONAL,
    incoming_message,
    is_personal,
    reference_from_json,
    reference_json,
    sender_of,
)
from bots.teams.background import BackgroundTasks
from bots.teams.cards import render_reply
from bots.teams.file_delivery import FileDelivery
from bots.teams.files import FILE_CONSENT_INVOKE
from bots.teams.members import MemberEmails, MemberLookupFailed
from bots.teams.notifications import OpenCards, TenantDirectory
from bots.teams.proactive import DeliveryFailed, ProactiveMessenger
from bots.teams.progress import ProgressMessage, run_with_progress
from core.assistant import Assistant, busy_reply, is_database_busy
from core.contacts import Contacts
from core.i18n import N_, Translator
from core.identities import EmailLinking
from core.languages import LanguageChoices
from core.messages import IncomingMessage, Outcome, Reply, ReplyKind, Sender

logger = logging.getLogger(__name__)

INSTALL_ACTIONS = ("add", "add-upgrade")
ANSWERED_PRIVATELY = N_("I have answered you in your private chat with vaktbot.")
PRIVATE_CHAT_NEEDED = N_(
    "I answer only in a private chat, because my answers can contain personal "
    "information. Add vaktbot as a personal app in Teams and write to me there."
)
# In anonymous mode the bot has no credentials, and Teams opens no chat without them.
NO_PRIVATE_CHAT_WITHOUT_CREDENTIALS = N_(
    "I answer only in a private chat, because my answers can contain personal information. "
    "This server runs without Microsoft credentials (TEAMS_ALLOW_ANONYMOUS=1, for local "
    "development), so it cannot open a private chat. Write to me in my 1:1 chat, or start "
    "the server with TEAMS_APP_ID and TEAMS_APP_PASSWORD."
)
EMAIL_LOOKUP_FAILED = N_(
    "I don't know who you are yet, and I could not look up your e-mail address in Teams "
    "just now, so I cannot link you to your employee profile. Try again in a few minutes. "
    "If it keeps failing, ask your manager or the vaktbot administrator to link your "
    "Teams user to your employee profile."
)

Deliver = Callable[[int, Reply], Awaitable[bool]]

# The aiohttp errors of a serviceUrl that cannot be reached at all: connection
# refused, an unknown host, a dropped connection or a timeout.
SERVICE_UNREACHABLE = (aiohttp.ClientConnectionError, TimeoutError)


@dataclass(frozen=True, slots=True)
class ProgressTarget:
    """The message a background job edits with its progress, after the replies are sent."""

    message_id: str | None = None
    # True when the message is the pressed card, which is updated with cards only.
    is_card: bool = False


class TeamsAgent:
    """Implements the Agents SDK's `Agent` protocol (one `on_turn` per activity).

    `deliver` sends a reply to an employee who did not write. On its own it is the
    Teams notifier; on the shared server it is the outbox that tries every platform.
    """

    def __init__(
        self,
        assistant: Assistant,
        contacts: Contacts,
        messenger: ProactiveMessenger,
        background: BackgroundTasks,
        *,
        directory: TenantDirectory,
        open_cards: OpenCards,
        deliver: Deliver,
        languages: LanguageChoices | None = None,
        email_linking: EmailLinking | None = None,
        member_emails: MemberEmails | None = None,
        files: FileDelivery | None = None,
        anonymous: bool = False,
    ) -> None:
        """`anonymous` marks a server without credentials (TEAMS_ALLOW_ANONYMOUS=1).

        With `email_linking` and `member_emails`, an unlinked writer's address is
        looked up, so that the core can link them by e-mail. Without `files`, a
        reply's file is not sent.
        """
        self._files = files
        self._anonymous = anonymous
        self._email_linking = email_linking
        self._member_emails = member_emails
        self._assistant = assistant
        self._contacts = contacts
        self._messenger = messenger
        self._background = background
        self._directory = directory
        self._open_cards = open_cards
        self._languages = languages
        self.deliver = deliver

    async def on_turn(self, context: TurnContext) -> None:
        """Handle one activity, logging an unreachable serviceUrl in anonymous mode as one line.

        Anonymous mode serves local test clients, whose serviceUrl may be gone when
        the reply is sent. With credentials the error reaches the SDK's turn-error
        handler as any other failure does.
        """
        try:
            await self._on_activity(context)
        except OperationalError as error:
            if not is_database_busy(error):
                raise
            await self._answer_busy(context)
        except SERVICE_UNREACHABLE as error:
            if not self._anonymous:
                raise
            activity = context.activity
            logger.warning(
                "reply to Teams activity %s in conversation %s not delivered: the "
                "serviceUrl is unreachable (%s)",
                activity.id,
                activity.conversation.id if activity.conversation else None,
                type(error).__name__,
            )

    async def _answer_busy(self, context: TurnContext) -> None:
        """Ask the writer to send again a message that met a locked database outside the core.

        The core answers its own locked transactions; this covers the adapter's lookups
        before it, such as the chosen language, which store nothing, so a retry is safe.
        Once a reply has gone out the message was handled, so only the log records it.
        """
        activity = context.activity
        if activity.type != ActivityTypes.message or context.responded:
            logger.error("the database stayed locked for Teams activity %s", activity.id)
            return
        message = incoming_message(activity)
        locale = message.sender.locale if message is not None else None
        reply = busy_reply(Translator.for_locale(locale), activity.id)
        await context.send_activity(render_reply(reply))

    async def _on_activity(self, context: TurnContext) -> None:
        activity = context.activity
        if activity.type == ActivityTypes.message:
            await self._on_message(context)
        elif activity.type in (
            ActivityTypes.conversation_update,
            ActivityTypes.installation_update,
        ):
            await self._on_installation(context)
        elif activity.type == ActivityTypes.invoke and activity.name == FILE_CONSENT_INVOKE:
            await self._on_file_consent(context)
        else:
            logger.debug("ignoring a %s activity", activity.type)

    async def _on_message(self, context: TurnContext) -> None:
        activity = context.activity
        await self._note_origin(activity)
        message = incoming_message(activity)
        if message is None:
            logger.info("activity %s has no sender or conversation; nothing to do", activity.id)
            return
        message = await self._in_chosen_language(message)
        if is_personal(activity):
            await self._converse_in_personal_chat(context, message)
        else:
            await self._converse_privately(context, message)

    async def _note_origin(self, activity: Activity) -> None:
        """Store where the tenant's activities come from, unless the server is anonymous.

        Without credentials every request is accepted, so its serviceUrl is not stored
        for other server processes, and no chat could be opened with it anyway.
        """
        if not self._anonymous:
            await self._directory.note(activity)

    async def _in_chosen_language(self, message: IncomingMessage) -> IncomingMessage:
        """Return `message` with the reply language the user chose, if any, over Teams' locale."""
        return replace(message, sender=await self._with_chosen_language(message.sender))

    async def _with_chosen_language(self, sender: Sender) -> Sender:
        if self._languages is None:
            return sender
        chosen = await asyncio.to_thread(self._languages.chosen, sender)
        if chosen is None:
            return sender
        return replace(sender, locale=chosen)

    async def _on_file_consent(self, context: TurnContext) -> None:
        """Act on the answer to a file-consent card; without file delivery, Teams gets 501.

        An accepted file is uploaded in the background, after Teams has its answer.
        """
        sender = sender_of(context.activity)
        if self._files is None or sender is None:
            logger.info("file consent in activity %s not handled", context.activity.id)
            return
        pending = await self._files.answer(context, await self._with_chosen_language(sender))
        if pending is None:
            return
        chat = ConversationMessages(self._messenger, _conversation_of(context.activity))
        self._background.start(
            self._files.upload(pending, chat),
            name=f"upload of file offer {pending.stored.offer_id}",
        )

    # --- the writer's e-mail address -------------------------------------------------------

    async def _outcome_of(self, context: TurnContext, message: IncomingMessage) -> Outcome:
        """Hand `message` to the core, with the writer's address if that could link them.

        When the address cannot be looked up, the core is not asked: it would only
        answer that it does not know the writer, which gives the wrong advice.
        """
        try:
            sender = await self._with_verified_email(context, message.sender)
        except MemberLookupFailed as error:
            _log_failed_lookup(context.activity, message.sender, error)
            translator = Translator.for_locale(message.sender.locale)
            return Outcome((Reply(translator.gettext(EMAIL_LOOKUP_FAILED)),))
        message = replace(message, sender=sender)
        return await asyncio.to_thread(self._assistant.handle, message)

    async def _with_verified_email(self, context: TurnContext, sender: Sender) -> Sender:
        """Return `sender` with their address if they are unlinked and could be linked.

        Raises MemberLookupFailed when the Bot Connector does not answer.
        """
        if self._email_linking is None or self._member_emails is None:
            return sender
        could_link = await asyncio.to_thread(self._email_linking.could_link, sender)
        if not could_link:
            return sender
        email = await self._member_emails.email_of_writer(context)
        if email is None:
            return sender
        return replace(sender, verified_email=email)

    async def _link_on_installation(self, context: TurnContext, sender: Sender) -> None:
        """Link a user who installs the app by e-mail, so that notifications reach them.

        A failed lookup is only logged: Teams expects no answer to an installation,
        and the user's first message tries again.
        """
        try:
            sender = await self._with_verified_email(context, sender)
        except MemberLookupFailed as error:
            _log_failed_lookup(context.activity, sender, error)
            return
        if self._email_linking is not None and sender.verified_email is not None:
            await asyncio.to_thread(self._email_linking.link, sender)

    # --- answering -------------------------------------------------------------------------

    async def _converse_in_personal_chat(
        self, context: TurnContext, message: IncomingMessage
    ) -> None:
        activity = context.activity
        outcome = await self._outcome_of(context, message)
        pressed_card_id = activity.reply_to_id if message.button is not None else None
        progress = ProgressTarget()
        try:
            progress = await self._answer_sender(context, message.sender, outcome, pressed_card_id)
        finally:
            self._start_later_work(
                outcome, _conversation_of(activity), message.sender, progress, pressed_card_id
            )

    async def _answer_sender(
        self,
        context: TurnContext,
        sender: Sender,
        outcome: Outcome,
        pressed_card_id: str | None,
    ) -> ProgressTarget:
        """Send the sender's replies in turn and return the message a job shows progress in.

        The chat's reference is stored after the first reply got through, so that a
        serviceUrl that cannot be reached never replaces a stored one that works.
        """
        replies = _own(outcome.replies)
        # Only the first reply marked replace_original takes the pressed card's place.
        replacing = next(
            (index for index, reply in enumerate(replies) if reply.replace_original), None
        )
        progress = ProgressTarget()
        for index, reply in enumerate(replies):
            replaced_card = pressed_card_id if index == replacing else None
            message_id = await self._answer_in_turn(context, reply, replaced_card)
            if index == 0:
                await self._remember_if_personal(context.activity, sender)
            if reply.attachment is not None and self._files is not None:
                await self._files.offer(
                    context.send_activity,
                    personal=is_personal(context.activity),
                    sender=sender,
                    reply=reply,
                )
            if reply.kind == ReplyKind.PROGRESS:
                is_card = replaced_card is not None and message_id == replaced_card
                progress = ProgressTarget(message_id, is_card=is_card)
        return progress

    async def _answer_in_turn(
        self, context: TurnContext, reply: Reply, pressed_card_id: str | None
    ) -> str | None:
        """Send `reply` as an answer to the activity; return the message id.

        With `pressed_card_id`, the reply replaces that card instead, as a card
        without buttons, because Teams updates a card message with a card.
        """
        if pressed_card_id is not None:
            replacement = render_reply(reply, as_card=True)
            replacement.id = pressed_card_id
            try:
                await context.update_activity(replacement)
                return pressed_card_id
            except SERVICE_UNREACHABLE:
                raise  # a new message would not get through either
            except Exception as error:  # the SDK raises plain exceptions for HTTP errors
                logger.warning(
                    "card %s not updated (%s); sending the reply as new",
                    pressed_card_id,
                    type(error).__name__,
                )
        response = await context.send_activity(render_reply(reply))
        return response.id if response is not None else None

    async def _converse_privately(self, context: TurnContext, message: IncomingMessage) -> None:
        """Answer a message from a channel or group chat in the writer's 1:1 chat."""
        translator = Translator.for_locale(message.sender.locale)
        private_chat = await self._private_chat_with(context.activity, message.sender)
        if private_chat is None:
            hint = NO_PRIVATE_CHAT_WITHOUT_CREDENTIALS if self._anonymous else PRIVATE_CHAT_NEEDED
            await context.send_activity(_plain(translator.gettext(hint)))
            return
        outcome = await self._outcome_of(context, message)
        own_replies = _own(outcome.replies)
        progress = ProgressTarget()
        try:
            for reply in own_replies:
                message_id = await self._send_or_log(private_chat, reply, message.sender)
                if reply.kind == ReplyKind.PROGRESS:
                    progress = ProgressTarget(message_id)
            if own_replies:
                await context.send_activity(_plain(translator.gettext(ANSWERED_PRIVATELY)))
        finally:
            self._start_later_work(
                outcome, private_chat, message.sender, progress, pressed_card_id=None
            )

    async def _private_chat_with(
        self, activity: Activity, sender: Sender
    ) -> ConversationReference | None:
        """Return the writer's 1:1 chat: the stored one, or a new one; None if Teams refuses."""
        stored = await asyncio.to_thread(self._contacts.conversation_of, sender)
        if stored is not None:
            return reference_from_json(stored)
        try:
            private_chat = await self._messenger.open_personal_chat(
                _conversation_of(activity), sender.user_id, sender.workspace_id
            )
        except DeliveryFailed as error:
            conversation_id = activity.conversation.id if activity.conversation else None
            hint = "; without TEAMS_APP_ID Teams opens no chat" if self._anonymous else ""
            logger.info(
                "no private chat for the writer of activity %s in conversation %s of "
                "tenant %s: %s (%s)%s",
                activity.id,
                conversation_id,
                sender.workspace_id,
                error,
                error.reason,
                hint,
            )
            return None
        await asyncio.to_thread(
            self._contacts.remember_conversation, sender, reference_json(private_chat)
        )
        return private_chat

    async def _send_or_log(
        self, conversation: ConversationReference, reply: Reply, sender: Sender
    ) -> str | None:
        """Send `reply` and offer its file to `sender`; return the message id, None if not sent."""
        try:
            message_id = await self._messenger.send(conversation, render_reply(reply))
        except DeliveryFailed as error:
            logger.warning(
                "reply not delivered to conversation %s: %s", conversation.conversation.id, error
            )
            return None
        if reply.attachment is None or self._files is None:
            return message_id
        try:
            await self._files.offer(
                lambda activity: self._messenger.send(conversation, activity),
                personal=conversation.conversation.conversation_type == PERSONAL,
                sender=sender,
                reply=reply,
            )
        except DeliveryFailed as error:
            logger.warning(
                "file offer not delivered to conversation %s: %s",
                conversation.conversation.id,
                error,
            )
        return message_id

    # --- after the answer ------------------------------------------------------------------

    def _start_later_work(
        self,
        outcome: Outcome,
        conversation: ConversationReference,
        sender: Sender,
        progress: ProgressTarget,
        pressed_card_id: str | None,
    ) -> None:
        if not _has_later_work(outcome):
            return
        later = self._finish_later(outcome, conversation, sender, progress, pressed_card_id)
        self._background.start(later, name=f"after a message in {conversation.conversation.id}")

    async def _finish_later(
        self,
        outcome: Outcome,
        conversation: ConversationReference,
        sender: Sender,
        progress: ProgressTarget,
        pressed_card_id: str | None,
    ) -> None:
        await self._show_decisions_on_open_cards(outcome.replies, pressed_card_id)
        await self._deliver_to_others(outcome.replies)
        if outcome.job is None:
            return
        progress_message = ProgressMessage(
            self._messenger,
            conversation,
            asyncio.get_running_loop(),
            message_id=progress.message_id,
            as_card=progress.is_card,
        )
        results = await run_with_progress(outcome.job, progress_message, sender.locale)
        for reply in _own(results):
            await self._send_or_log(conversation, reply, sender)
        await self._deliver_to_others(results)

    async def _show_decisions_on_open_cards(
        self, replies: tuple[Reply, ...], pressed_card_id: str | None
    ) -> None:
        """Show the decision on the request's other open cards, such as other managers' copies."""
        for reply in _own(replies):
            if reply.kind != ReplyKind.DECISION or reply.request_id is None:
                continue
            for conversation, message_id in await self._open_cards.take(reply.request_id):
                if message_id == pressed_card_id:
                    continue
                try:
                    await self._messenger.update(
                        conversation, message_id, render_reply(reply, as_card=True)
                    )
                except DeliveryFailed as error:
                    logger.warning(
                        "card %s of request %s not updated: %s", message_id, reply.request_id, error
                    )

    async def _deliver_to_others(self, replies: tuple[Reply, ...]) -> None:
        for reply in replies:
            if reply.recipient_employee_id is not None:
                await self.deliver(reply.recipient_employee_id, reply)

    # --- installation ----------------------------------------------------------------------

    async def _on_installation(self, context: TurnContext) -> None:
        """Store the personal chat's reference when a linked user installs the app.

        A user who is not linked yet is first linked by e-mail, where the
        organisation allows it.
        """
        activity = context.activity
        await self._note_origin(activity)
        if activity.type == ActivityTypes.conversation_update and not _bot_was_added(activity):
            return
        if (
            activity.type == ActivityTypes.installation_update
            and activity.action not in INSTALL_ACTIONS
        ):
            return
        sender = sender_of(activity)
        if sender is None:
            return
        if is_personal(activity):
            await self._link_on_installation(context, sender)
        await self._remember_if_personal(activity, sender)

    async def _remember_if_personal(self, activity: Activity, sender: Sender) -> None:
        # A channel or group chat is no place for a person's notifications, so only
        # the 1:1 chat's reference is kept.
        if not is_personal(activity):
            return
        reference = reference_json(activity.get_conversation_reference())
        stored = await asyncio.to_thread(self._contacts.remember_conversation, sender, reference)
        if not stored:
            logger.info(
                "conversation %s is with an unlinked user; reference not stored",
                activity.conversation.id if activity.conversation else None,
            )


@dataclass(frozen=True, slots=True)
class ConversationMessages:
    """Sends and updates messages in one conversation outside a turn (`ChatMessages`)."""

    messenger: ProactiveMessenger
    conversation: ConversationReference

    async def send(self, activity: Activity) -> str | None:
        return await self.messenger.send(self.conversation, activity)

    async def update(self, message_id: str, activity: Activity) -> None:
        await self.messenger.update(self.conversation, message_id, activity)


def _log_failed_lookup(activity: Activity, sender: Sender, error: MemberLookupFailed) -> None:
    logger.warning(
        "e-mail lookup for the sender of %s activity %s in conversation %s of tenant "
        "%s failed (%s); the sender stays unlinked",
        activity.type,
        activity.id,
        activity.conversation.id if activity.conversation else None,
        sender.workspace_id,
        error.reason,
    )


def _own(replies: tuple[Reply, ...]) -> list[Reply]:
    return [reply for reply in replies if reply.recipient_employee_id is None]


def _plain(text: str) -> Activity:
    return render_reply(Reply(text))


def _has_later_work(outcome: Outcome) -> bool:
    return outcome.job is not None or any(
        reply.recipient_employee_id is not None
        or (reply.kind == ReplyKind.DECISION and reply.request_id is not None)
        for reply in outcome.replies
    )


def _conversation_of(activity: Activity) -> ConversationReference:
    """Return a reference for posting to the activity's conversation, not as a reply to it."""
    reference = activity.get_conversation_reference()
    reference.activity_id = None
    return reference


def _bot_was_added(activity: Activity) -> bool:
    bot = activity.recipient
    added = activity.members_added or []
    return bot is not None and any(member.id == bot.id for member in added)
