"""A reply's file sent in Teams: offered on a consent card, uploaded when the user accepts.

    delivery = FileDelivery(FileOffers(database), FileUploader(hosts, timeout_seconds))
    await delivery.offer(context.send_activity, personal=True, sender=sender, reply=reply)
    await delivery.answer(context, sender)     # on the invoke named fileConsent/invoke

A file that cannot be uploaded is never lost without a message. After a failed
upload it is kept and offered again on a new card. When it is deleted (declined,
expired, or an upload address that is not allowed), the user gets a message
saying what to write to get a new one.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable

from microsoft_agents.activity import Activity
from microsoft_agents.hosting.core import TurnContext

from bots.teams.cards import render_reply
from bots.teams.files import (
    DECLINE,
    ConsentAnswer,
    FileUploader,
    UploadFailed,
    UploadRefused,
    consent_answer,
    consent_card,
    consent_value_kind,
    file_info_card,
    invoke_answer,
)
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
    "your own data, or «lag turnus for uke 3» (with your weeks) to plan the roster again."
)
UPLOAD_FAILED = N_(
    "I could not put the file %(file)s in your OneDrive just now. I have kept it: answer "
    "the new card below to try again."
)
UPLOAD_REFUSED = N_(
    "I could not send the file %(file)s, because Teams gave an upload address that this "
    "server does not allow, so I have deleted it. Ask the vaktbot administrator to check "
    "TEAMS_UPLOAD_HOSTS."
)


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

    async def answer(self, context: TurnContext, sender: Sender) -> None:
        """Act on the user's answer to a consent card, then answer the invoke with 200.

        Every outcome sends the user a message, so Teams gets 200 even when the file
        is gone: the answer was handled.
        """
        activity = context.activity
        translator = Translator.for_locale(sender.locale)
        answer = consent_answer(activity.value)
        logger.info(
            "file consent %s in invoke activity %s",
            consent_value_kind(activity.value),
            activity.id,
        )
        if answer is None:
            logger.warning("invoke activity %s carries no file token of ours", activity.id)
            await context.send_activity(self._gone(translator, OfferState.UNKNOWN))
        elif answer.action == DECLINE:
            await self._decline(context, sender, answer, translator)
        else:
            await self._accept(context, sender, answer, translator)
        await context.send_activity(invoke_answer(200))

    async def _decline(
        self, context: TurnContext, sender: Sender, answer: ConsentAnswer, translator: Translator
    ) -> None:
        state = await asyncio.to_thread(self._offers.decline, sender, answer.token)
        if state == OfferState.READY:
            await context.send_activity(_plain(translator.gettext(FILE_DECLINED)))
        else:
            await context.send_activity(self._gone(translator, state))

    async def _accept(
        self, context: TurnContext, sender: Sender, answer: ConsentAnswer, translator: Translator
    ) -> None:
        upload = answer.upload
        assert upload is not None  # consent_answer gives every accept its uploadInfo
        claim = await asyncio.to_thread(self._offers.claim, sender, answer.token)
        if claim.state == OfferState.BUSY:
            await context.send_activity(_plain(translator.gettext(FILE_BUSY)))
            return
        if claim.file is None:
            await context.send_activity(self._gone(translator, claim.state))
            return
        stored = claim.file
        try:
            await self._uploader.upload(upload.upload_url, stored.content)
        except UploadRefused as error:
            logger.warning("file offer %s not uploaded: %s", stored.offer_id, error)
            await asyncio.to_thread(self._offers.discard, stored, reason="upload_url_refused")
            refused = translator.gettext(UPLOAD_REFUSED, file=stored.file_name)
            await context.send_activity(_plain(f"{refused} {translator.gettext(ASK_AGAIN)}"))
            return
        except UploadFailed as error:
            await self._keep_for_another_try(
                context, stored, answer.token, error.reason, translator
            )
            return
        except BaseException:
            await asyncio.to_thread(self._offers.release, stored, reason="error")
            raise
        await asyncio.to_thread(self._offers.complete, stored)
        logger.info("file offer %s uploaded", stored.offer_id)
        uploaded = translator.gettext(FILE_UPLOADED, file=upload.name)
        await context.send_activity(file_info_card(upload, uploaded))

    async def _keep_for_another_try(
        self,
        context: TurnContext,
        stored: StoredFile,
        token: str,
        reason: str,
        translator: Translator,
    ) -> None:
        """Free the file for another try and offer it again on a new card with the same token."""
        logger.warning(
            "upload of file offer %s failed (%s); the file is kept", stored.offer_id, reason
        )
        await asyncio.to_thread(self._offers.release, stored, reason=reason)
        await context.send_activity(
            _plain(translator.gettext(UPLOAD_FAILED, file=stored.file_name))
        )
        description = translator.gettext(FILE_DESCRIPTION_UNTITLED, file=stored.file_name)
        card = consent_card(
            token, stored.file_name, len(stored.content), description, summary=description
        )
        await context.send_activity(card)

    def _gone(self, translator: Translator, state: OfferState) -> Activity:
        if state == OfferState.EXPIRED:
            reason = translator.gettext(FILE_EXPIRED, hours=self._offer_hours)
        else:
            reason = translator.gettext(FILE_UNKNOWN)
        return _plain(f"{reason} {translator.gettext(ASK_AGAIN)}")


def _plain(text: str) -> Activity:
    return render_reply(Reply(text))
