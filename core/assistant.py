"""The core's single entry point for chat: one incoming message in, an outcome out.

Every adapter calls `Assistant.handle`. It deduplicates redeliveries, finds out
who wrote, and hands the message to the dialogue, all in one transaction, so a
failure changes nothing. A user error becomes a specific message in the user's
language; anything else becomes a short apology with an id to quote, and the
exception is logged under that id.
"""

from __future__ import annotations

import datetime as dt
import logging
import secrets
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

from core import dialogue
from core.calendar import OSLO, now_in_oslo
from core.context import Context, Services
from core.errors import NotLinked, UnknownButton, UserError
from core.i18n import N_, Translator
from core.identities import resolve_sender
from core.messages import (
    BackgroundJob,
    IncomingMessage,
    Outcome,
    ProgressSink,
    Reply,
    ReplyKind,
)

# Re-exported, so that the adapters tell a locked database apart without importing storage.
from storage.database import is_database_busy as is_database_busy

if TYPE_CHECKING:
    from storage.database import Database

logger = logging.getLogger(__name__)

APOLOGY = N_(
    "Sorry, something went wrong on my side and nothing was changed. "
    "If it happens again, give this error id to your administrator: %(error_id)s"
)
DATABASE_BUSY = N_(
    "I am busy with other work right now, so your message was not handled and nothing was "
    "changed. Please try again in a moment."
)


def failure_replies(
    error: Exception, translator: Translator, event_id: str | None
) -> tuple[Reply, ...]:
    """Turn a user error into its message, and anything else into an apology with an id."""
    if isinstance(error, UserError):
        logger.info("user error %s in event %s", type(error).__name__, event_id)
        return (Reply(error.render(translator), kind=ReplyKind.ERROR),)
    if is_database_busy(error):
        return (busy_reply(translator, event_id),)
    error_id = secrets.token_hex(4)
    logger.error("unexpected error %s handling event %s", error_id, event_id, exc_info=error)
    return (Reply(translator.gettext(APOLOGY, error_id=error_id), kind=ReplyKind.ERROR),)


def busy_reply(translator: Translator, event_id: str | None) -> Reply:
    """Log that the database stayed locked for event `event_id`, and ask the user to retry.

    The failed transaction was rolled back, so the message can be sent again as it was.
    """
    error_id = secrets.token_hex(4)
    logger.error("error %s: the database stayed locked while handling event %s", error_id, event_id)
    return Reply(translator.gettext(DATABASE_BUSY), kind=ReplyKind.ERROR)


def guarded(job: BackgroundJob, translator: Translator, event_id: str | None) -> BackgroundJob:
    """Wrap a background job so that its failures become replies, like the message's own."""

    def run(progress: ProgressSink) -> tuple[Reply, ...]:
        try:
            return job.run(progress)
        except Exception as error:
            return failure_replies(error, translator, event_id)

    return BackgroundJob(name=job.name, run=run, cancelled=job.cancelled)


class Assistant:
    def __init__(
        self,
        database: Database,
        services: Services,
        *,
        clock: Callable[[], dt.datetime] = now_in_oslo,
    ) -> None:
        self.database = database
        self.services = services
        self.clock = clock

    def handle(self, message: IncomingMessage) -> Outcome:
        translator = Translator.for_locale(message.sender.locale)
        try:
            outcome = self._handle_in_transaction(message, translator)
        except Exception as error:
            # A locked database changed nothing, so a pending read-back stays valid
            # for the message the user sends again.
            if not isinstance(error, UserError) and not is_database_busy(error):
                self._end_pending_dialogue(message)
            return Outcome(failure_replies(error, translator, message.event_id))
        if outcome.job is None:
            return outcome
        return replace(outcome, job=guarded(outcome.job, translator, message.event_id))

    def _handle_in_transaction(self, message: IncomingMessage, translator: Translator) -> Outcome:
        with self.database.store() as store:
            if message.event_id is not None:
                delivery_key = f"{message.sender.platform}:{message.event_id}"
                if not store.events.first_time(delivery_key):
                    logger.info("ignoring redelivered event %s", message.event_id)
                    return Outcome()

            actor = resolve_sender(store, message.sender)
            if actor is None:
                raise NotLinked()
            unit = store.organisations.get_unit(actor.unit_id)
            if unit is None:  # pragma: no cover - an employee's unit cannot be deleted
                raise NotLinked()
            context = Context(
                store=store,
                database=self.database,
                actor=actor,
                unit=unit,
                translator=translator,
                now=self._now(message),
                conversation_key=message.conversation_key,
                services=self.services,
            )
            if message.unknown_button:
                logger.info("unknown button pressed in event %s", message.event_id)
                raise UnknownButton()
            return dialogue.respond(context, message)

    def _end_pending_dialogue(self, message: IncomingMessage) -> None:
        """End the conversation's pending dialogue after a bug rolled the message back.

        The dialogue ends a read-back on every new message, but the rollback undid
        that, and a later «ja» must not confirm a read-back the user has moved on from.
        """
        try:
            with self.database.store() as store:
                store.dialogues.clear(message.conversation_key)
        except Exception:
            logger.exception(
                "could not end the pending dialogue after event %s failed", message.event_id
            )

    def _now(self, message: IncomingMessage) -> dt.datetime:
        if message.received_at is not None:
            return message.received_at.astimezone(OSLO)
        return self.clock().astimezone(OSLO)
