"""A reply's file sent in Teams: offered on a consent card, uploaded when the user accepts.

    delivery = FileDelivery(FileOffers(database), FileUploader(hosts, timeout_seconds))
    await delivery.offer(context.send_activity, personal=True, sender=sender, reply=reply)
    pending = await delivery.answer(context, sender)   # on the invoke fileConsent/invoke
    if pending is not None:                             # after the turn, in the background
        await delivery.upload(pending, chat)

A file that cannot be uploaded is never lost without a message. After a failed
upload it is kept and offered again on a new card. When it is deleted (declined,
expired, or an upload address that is not allowed), the user gets a message
saying what to write to get a new one. An answered consent card is replaced by
a short line saying what became of the file, so its buttons cannot be pressed
again.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Protocol

from microsoft_agents.activity import Activity
from microsoft_agents.hosting.core import TurnContext

from bots.teams.cards import render_reply
from bots.teams.files import (
    DECLINE,
    ConsentAnswer,
    FileUploader,
    UploadFailed,
    UploadInfo,
    UploadRefused,
    consent_answer,
    consent_card,
    consent_value_kind,
    file_info_card,
    invoke_answer,
)
from bots.teams.proactive import DeliveryFailed
from core.file_offers import FileOffers, OfferState, StoredFile
from core.i18n import N_, Translator
from core.messages import Reply, Sender

logger = logging.getLogger(__name__)

SendActivity = Callable[[Activity], Awaitable[object]]

FILE_DESCRIPTION = N_("%(title)s from vaktbot: %(file)s")
FILE_DESCRIPTION_UNTITLED = N_("A file from vaktbot: %(file)s")
FILE_ONLY_IN_PRIVATE_CHAT = N_(
    "Teams lets me send files only in a private chat. To get the file %(file)s, open your "
    "1:1 chat with vaktbot and write the same request there."
)
FILE_NOT_OFFERED = N_(
    "I could not prepare the file %(file)s for Teams. Try again later, or ask the vaktbot "
    "administrator if it keeps failing."
)
FILE_UPLOADED = N_("The file %(file)s is in your OneDrive now.")
FILE_DECLINED = N_("OK, I have not sent the file, and I have deleted my copy of it.")
FILE_UNKNOWN = N_(
    "I no longer have this file: it has been sent or declined already, or the card is not mine."
)
FILE_EXPIRED = N_(
    "This file waited more than %(hours)s hours for your answer, so I have deleted it."
)
FILE_BUSY = N_("I am already sending this file. Wait a moment and look for it in this chat.")
ASK_AGAIN = N_(
    "To get a new file, write the request again in this chat: «eksporter mine data» for "
    "your own data, or «eksporter turnusen» for the roster's file (planners and managers)."
)
# The short lines that replace an answered consent card, so that it has no buttons left.
CARD_SENT = N_("Sent: the file %(file)s is in your OneDrive.")
CARD_DECLINED = N_("You declined this file, so it was not sent.")
CARD_EXPIRED = N_("This file waited too long for an answer and was deleted.")
CARD_FAILED = N_("This file could not be sent. Answer the new card below to try again.")
CARD_NOT_SENT = N_("This file was not sent.")
UPLOAD_FAILED = N_(
    "I could not put the file %(file)s in your OneDrive just now. I have kept it: answer "
    "the new card below to try again."
)
UPLOAD_REFUSED = N_(
    "I could not send the file %(file)s, because Teams gave an upload address that this "
    "server does not allow, so I have deleted it. Ask the vaktbot administrator to check "
    "TEAMS_UPLOAD_HOSTS."
)


@dataclass(frozen=True, slots=True)
class PendingUpload:
    """An accepted file, claimed for one upload that runs after the invoke is answered."""

    stored: StoredFile
    upload: UploadInfo
    token: str = field(repr=False)
    # The consent card's message id, which the invoke names as the activity it answers.
    card_id: str | None
    locale: str | None


class ChatMessages(Protocol):
    """Sends and updates messages in the chat of a consent card, outside a turn."""

    async def send(self, activity: Activity) -> object: ...

    async def update(self, message_id: str, activity: Activity) -> None: ...


class FileDelivery:
    def __init__(
        self, offers: FileOffers, uploader: FileUploader, *, offer_hours: int = 24
    ) -> None:
        """`offer_hours` is how long an offer waits, for the message about an expired one."""
        self._offers = offers
        self._uploader = uploader
        self._offer_hours = offer_hours

    async def offer(
        self, send: SendActivity, *, personal: bool, sender: Sender, reply: Reply
    ) -> None:
        """Offer the reply's file with `send`; outside a 1:1 chat, say where to ask for it."""
        if reply.attachment is None:
            return
        translator = Translator.for_locale(sender.locale)
        file_name = reply.attachment.name
        if not personal:
            await send(_plain(translator.gettext(FILE_ONLY_IN_PRIVATE_CHAT, file=file_name)))
            return
        offered = await asyncio.to_thread(self._offers.offer, sender, reply.attachment)
        if offered is None:
            await send(_plain(translator.gettext(FILE_NOT_OFFERED, file=file_name)))
            return
        if reply.title:
            description = translator.gettext(FILE_DESCRIPTION, title=reply.title, file=file_name)
        else:
            description = translator.gettext(FILE_DESCRIPTION_UNTITLED, file=file_name)
        await send(
            consent_card(
                offered.token, file_name, offered.size_bytes, description, summary=description
            )
        )

    async def answer(self, context: TurnContext, sender: Sender) -> PendingUpload | None:
        """Act on the user's answer to a consent card and answer the invoke with 200.

        An accepted file is only claimed here. The caller runs the returned upload
        with `upload` after the turn, so that Teams gets its 200 at once: it sends
        an unanswered invoke again after about 15 seconds, and the upload alone may
        take `FileUploader`'s whole timeout. Every other outcome sends the user a
        message now, and Teams gets 200 even when the file is gone, because the
        answer was handled.
        """
        activity = context.activity
        translator = Translator.for_locale(sender.locale)
        answer = consent_answer(activity.value)
        logger.info(
            "file consent %s in invoke activity %s",
            consent_value_kind(activity.value),
            activity.id,
        )
        pending = None
        if answer is None:
            logger.warning("invoke activity %s carries no file token of ours", activity.id)
            await context.send_activity(self._gone(translator, OfferState.UNKNOWN))
        elif answer.action == DECLINE:
            await self._decline(context, sender, answer, translator)
        else:
            pending = await self._claim(context, sender, answer, translator)
        await context.send_activity(invoke_answer(200))
        return pending

    async def upload(self, pending: PendingUpload, chat: ChatMessages) -> None:
        """Upload a claimed file, then replace its consent card and tell the user how it went.

        Runs after the invoke is answered, so the messages go to the chat proactively
        through `chat`. A message that Teams does not take is only logged, because the
        file's state in the database is already final.
        """
        stored, translator = pending.stored, Translator.for_locale(pending.locale)
        try:
            await self._uploader.upload(pending.upload.upload_url, stored.content)
        except UploadRefused as error:
            logger.warning("file offer %s not uploaded: %s", stored.offer_id, error)
            await asyncio.to_thread(self._offers.discard, stored, reason="upload_url_refused")
            refused = translator.gettext(UPLOAD_REFUSED, file=stored.file_name)
            await _replace_card(chat, pending.card_id, translator.gettext(CARD_NOT_SENT))
            await _send(chat, _plain(f"{refused} {translator.gettext(ASK_AGAIN)}"))
            return
        except UploadFailed as error:
            await self._keep_for_another_try(pending, chat, error.reason, translator)
            return
        except BaseException:
            await asyncio.to_thread(self._offers.release, stored, reason="error")
            raise
        await asyncio.to_thread(self._offers.complete, stored)
        logger.info("file offer %s uploaded", stored.offer_id)
        sent = translator.gettext(CARD_SENT, file=pending.upload.name)
        await _replace_card(chat, pending.card_id, sent)
        uploaded = translator.gettext(FILE_UPLOADED, file=pending.upload.name)
        await _send(chat, file_info_card(pending.upload, uploaded))

    async def _decline(
        self, context: TurnContext, sender: Sender, answer: ConsentAnswer, translator: Translator
    ) -> None:
        state = await asyncio.to_thread(self._offers.decline, sender, answer.token)
        if state == OfferState.READY:
            await _replace_card_in_turn(context, translator.gettext(CARD_DECLINED))
            await context.send_activity(_plain(translator.gettext(FILE_DECLINED)))
            return
        if state == OfferState.EXPIRED:
            await _replace_card_in_turn(context, translator.gettext(CARD_EXPIRED))
        await context.send_activity(self._gone(translator, state))

    async def _claim(
        self, context: TurnContext, sender: Sender, answer: ConsentAnswer, translator: Translator
    ) -> PendingUpload | None:
        """Claim the accepted file for one upload; return it, or None after saying why not.

        The claim is what keeps an invoke that Teams sends again from uploading the
        file a second time: while the first upload runs, the claim finds the file
        BUSY, and after it the file is gone.
        """
        upload = answer.upload
        assert upload is not None  # consent_answer gives every accept its uploadInfo
        claim = await asyncio.to_thread(self._offers.claim, sender, answer.token)
        if claim.state == OfferState.BUSY:
            logger.info("file of invoke activity %s is uploading already", context.activity.id)
            await context.send_activity(_plain(translator.gettext(FILE_BUSY)))
            return None
        if claim.file is None:
            if claim.state == OfferState.EXPIRED:
                await _replace_card_in_turn(context, translator.gettext(CARD_EXPIRED))
            await context.send_activity(self._gone(translator, claim.state))
            return None
        return PendingUpload(
            stored=claim.file,
            upload=upload,
            token=answer.token,
            card_id=context.activity.reply_to_id,
            locale=sender.locale,
        )

    async def _keep_for_another_try(
        self, pending: PendingUpload, chat: ChatMessages, reason: str, translator: Translator
    ) -> None:
        """Free the file for another try and offer it again on a new card with the same token."""
        stored = pending.stored
        logger.warning(
            "upload of file offer %s failed (%s); the file is kept", stored.offer_id, reason
        )
        await asyncio.to_thread(self._offers.release, stored, reason=reason)
        await _replace_card(chat, pending.card_id, translator.gettext(CARD_FAILED))
        await _send(chat, _plain(translator.gettext(UPLOAD_FAILED, file=stored.file_name)))
        description = translator.gettext(FILE_DESCRIPTION_UNTITLED, file=stored.file_name)
        card = consent_card(
            pending.token, stored.file_name, len(stored.content), description, summary=description
        )
        await _send(chat, card)

    def _gone(self, translator: Translator, state: OfferState) -> Activity:
        if state == OfferState.EXPIRED:
            reason = translator.gettext(FILE_EXPIRED, hours=self._offer_hours)
        else:
            reason = translator.gettext(FILE_UNKNOWN)
        return _plain(f"{reason} {translator.gettext(ASK_AGAIN)}")


def _plain(text: str) -> Activity:
    return render_reply(Reply(text))


def _short_card(text: str) -> Activity:
    # Teams replaces a card message only with another card.
    return render_reply(Reply(text), as_card=True)


async def _replace_card_in_turn(context: TurnContext, text: str) -> None:
    """Replace the answered consent card with `text`, so that its buttons are gone."""
    card_id = context.activity.reply_to_id
    if card_id is None:
        return
    replacement = _short_card(text)
    replacement.id = card_id
    try:
        await context.update_activity(replacement)
    except Exception as error:  # the SDK raises plain exceptions for HTTP errors
        logger.warning("consent card %s not replaced (%s)", card_id, type(error).__name__)


async def _replace_card(chat: ChatMessages, card_id: str | None, text: str) -> None:
    if card_id is None:
        return
    try:
        await chat.update(card_id, _short_card(text))
    except DeliveryFailed as error:
        logger.warning("consent card %s not replaced: %s (%s)", card_id, error, error.reason)


async def _send(chat: ChatMessages, activity: Activity) -> None:
    try:
        await chat.send(activity)
    except DeliveryFailed as error:
        logger.warning("file message not delivered: %s (%s)", error, error.reason)
