"""Deletion of personal data that has outlived its purpose, run by `vaktbot serve`.

Four kinds of rows are kept only for a while. A pending dialogue lives until
its question expires, and a file waiting for a Teams user's consent until its
offer expires. The copies of a request card live for a day after the request
was decided, and so do the chat links of an employee whose request to delete
their data was approved. The file and card stores also delete expired rows when they are next
written to, but a server with no traffic would keep all three for good. GDPR
Art. 5(1)(e) (storage limitation) requires that they are deleted once they are
no longer needed, so the server runs `Housekeeping.run` at start and then every
`HOUSEKEEPING_INTERVAL`.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING

from storage.request_cards import SETTLED_CARDS_KEPT

if TYPE_CHECKING:
    from storage.database import Database

logger = logging.getLogger(__name__)

HOUSEKEEPING_INTERVAL = dt.timedelta(hours=1)
# How long the chat links of an employee whose request to delete their data was approved
# are kept, so that the answer to the request reaches them first.
CHAT_LINKS_KEPT_AFTER_DELETION = dt.timedelta(days=1)


@dataclass(frozen=True, slots=True)
class Purged:
    """How many rows of each kind one run deleted."""

    dialogues: int
    file_offers: int
    request_cards: int
    chat_links: int = 0


class Housekeeping:
    """Deletes expired dialogues and file offers, settled cards, and chat links after deletion."""

    def __init__(self, database: Database) -> None:
        self._database = database

    def run(self, now: dt.datetime) -> Purged:
        """Delete what expired by `now` (time-zone aware), in one transaction."""
        with self._database.store() as store:
            purged = Purged(
                dialogues=store.dialogues.purge_expired(now=now),
                file_offers=store.file_offers.purge_expired(now=now),
                request_cards=store.request_cards.purge_settled(before=now - SETTLED_CARDS_KEPT),
                chat_links=store.identities.purge_after_deletion_requests(
                    approved_before=now - CHAT_LINKS_KEPT_AFTER_DELETION
                ),
            )
        deleted_any = (
            purged.dialogues or purged.file_offers or purged.request_cards or purged.chat_links
        )
        logger.log(
            logging.INFO if deleted_any else logging.DEBUG,
            "housekeeping deleted %s dialogues, %s file offers, %s request cards and %s chat links",
            purged.dialogues,
            purged.file_offers,
            purged.request_cards,
            purged.chat_links,
        )
        return purged
