"""Who wrote: linking a chat user to an employee."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from core.employees import Employee
from core.errors import UserError
from core.i18n import N_
from core.messages import Sender

if TYPE_CHECKING:
    from storage.store import Store

logger = logging.getLogger(__name__)

# The terminal chat runs on the server itself, for operators and demos, so it
# names the employee directly instead of going through a chat-user link.
CONSOLE_PLATFORM = "console"


def resolve_sender(store: Store, sender: Sender) -> Employee | None:
    """Return the employee behind `sender`, or None when the chat user is not linked."""
    if sender.platform == CONSOLE_PLATFORM:
        return _console_employee(store, sender.user_id)
    return store.identities.find_employee(sender.platform, sender.workspace_id, sender.user_id)


def _console_employee(store: Store, name: str) -> Employee | None:
    matches = [
        employee
        for unit in store.organisations.list_units()
        for employee in store.employees.find_by_name(unit.id, name)
    ]
    if len(matches) > 1:
        raise UserError(N_("More than one employee is called %(name)s; the terminal chat "
                           "cannot tell them apart."), name=name)
    return matches[0] if matches else None
