"""The reply language a chat user chose, which wins over the language their platform reports.

Adapters ask for the choice before building a `Sender`, and store a new one when the
user picks a language (the Slack App Home has a menu for it). Both run in their own
transaction, so adapters do not open the database themselves.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from core.i18n import SUPPORTED_LOCALES
from core.identities import find_linked_employee
from core.messages import Sender

if TYPE_CHECKING:
    from storage.database import Database

logger = logging.getLogger(__name__)


class LanguageChoices:
    """Chosen reply languages of linked chat users."""

    def __init__(self, database: Database) -> None:
        self._database = database

    def chosen(self, sender: Sender) -> str | None:
        """Return the language the user chose, or None if they chose none or are not linked."""
        with self._database.store() as store:
            employee = find_linked_employee(store, sender)
            if employee is None:
                return None
            return store.languages.chosen(employee.id)

    def choose(self, sender: Sender, locale: str) -> bool:
        """Store `locale` for the user; return False if the user is not linked.

        Raises ValueError for a language outside `SUPPORTED_LOCALES`.
        """
        if locale not in SUPPORTED_LOCALES:
            raise ValueError(
                f"unsupported language {locale!r}; expected one of {', '.join(SUPPORTED_LOCALES)}"
            )
        with self._database.store() as store:
            employee = find_linked_employee(store, sender)
            if employee is None:
                return False
            store.languages.choose(employee.id, locale, actor_id=employee.id)
        logger.info("employee %s chose the language %s", employee.id, locale)
        return True
