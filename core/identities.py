"""Sender identities: linking a chat user to an employee of the workspace's organisation.

A chat workspace (Slack team, Teams tenant) belongs to one organisation. A chat
user is linked to one of its employees by an administrator, or, where the
organisation allows it, automatically by the e-mail address the platform has
verified. A user who is neither linked nor matched stays unknown.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from core.employees import Employee
from core.errors import UserError
from core.i18n import N_
from core.messages import Sender
from core.units import Organisation

if TYPE_CHECKING:
    from storage.store import Store

logger = logging.getLogger(__name__)

# The terminal chat runs on the server itself, for operators and demos, so it
# names the employee directly instead of going through a chat-user link.
CONSOLE_PLATFORM = "console"


def resolve_sender(store: Store, sender: Sender) -> Employee | None:
    """Return the active employee behind `sender`, or None when the chat user is unknown.

    A user without a link is linked here if the workspace's organisation allows
    linking by e-mail and the platform verified an address that one of its
    employees has.
    """
    if sender.platform == CONSOLE_PLATFORM:
        return _console_employee(store, sender.user_id)
    employee = find_linked_employee(store, sender)
    if employee is not None:
        return employee
    return _link_by_verified_email(store, sender)


def find_linked_employee(store: Store, sender: Sender) -> Employee | None:
    """Return the active employee the chat user is linked to, without linking anyone.

    A link to an employee outside the workspace's organisation is ignored: it can
    only be left over from a workspace that moved to another organisation.
    """
    employee = store.identities.find_employee(sender.platform, sender.workspace_id,
                                              sender.user_id)
    if employee is None or not employee.active:
        return None
    organisation = store.workspaces.organisation_of(sender.platform, sender.workspace_id)
    if organisation is not None and organisation_id_of(store, employee) != organisation.id:
        logger.warning("ignoring the %s link of employee %s: workspace %s belongs to "
                       "organisation %s", sender.platform, employee.id, sender.workspace_id,
                       organisation.id)
        return None
    return employee


def _link_by_verified_email(store: Store, sender: Sender) -> Employee | None:
    if not sender.verified_email:
        return None
    organisation = store.workspaces.organisation_of(sender.platform, sender.workspace_id)
    if organisation is None or not organisation.link_by_email:
        return None
    employee = store.employees.find_by_email(sender.verified_email)
    if employee is None or not employee.active:
        return None
    if organisation_id_of(store, employee) != organisation.id:
        return None
    store.identities.link(sender.platform, sender.workspace_id, sender.user_id, employee.id,
                          actor_id=None)
    logger.info("linked a %s user of workspace %s to employee %s by verified e-mail",
                sender.platform, sender.workspace_id, employee.id)
    return employee


def organisation_id_of(store: Store, employee: Employee) -> int | None:
    unit = store.organisations.get_unit(employee.unit_id)
    return unit.organisation_id if unit is not None else None


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


# --- linking by an administrator ----------------------------------------------------------


def find_organisation(store: Store, name: str) -> Organisation | None:
    """Return the organisation with this name, ignoring case and surrounding spaces."""
    wanted = name.strip().casefold()
    organisation_ids = sorted({unit.organisation_id for unit in store.organisations.list_units()})
    for organisation_id in organisation_ids:
        organisation = store.organisations.get_organisation(organisation_id)
        if organisation is not None and organisation.name.casefold() == wanted:
            return organisation
    return None


def do_link_workspace(
    store: Store, platform: str, workspace_id: str, organisation_name: str,
    *, link_by_email: bool | None = None, actor_id: int | None,
) -> Organisation:
    """Map a chat workspace to the named organisation and return the organisation.

    `link_by_email` True or False also sets whether the organisation's chat users
    may be linked by verified e-mail; None leaves that setting as it is.
    """
    organisation = find_organisation(store, organisation_name)
    if organisation is None:
        raise UserError(N_("No organisation is called «%(name)s»."), name=organisation_name)
    store.workspaces.link(platform, workspace_id, organisation.id, actor_id=actor_id)
    if link_by_email is not None:
        organisation = store.workspaces.set_link_by_email(organisation.id, link_by_email,
                                                          actor_id=actor_id)
    return organisation


def do_link_user(
    store: Store, platform: str, workspace_id: str, user_id: str, employee_name: str,
    *, actor_id: int | None,
) -> Employee:
    """Link a chat user to the employee of that name in the workspace's organisation."""
    organisation = store.workspaces.organisation_of(platform, workspace_id)
    if organisation is None:
        raise UserError(N_("The %(platform)s workspace %(workspace)s is not linked to an "
                           "organisation yet. Link the workspace first."),
                        platform=platform, workspace=workspace_id)
    matches = [
        employee
        for unit in store.organisations.list_units(organisation.id)
        for employee in store.employees.find_by_name(unit.id, employee_name)
    ]
    if not matches:
        raise UserError(N_("%(organisation)s has no active employee called «%(name)s»."),
                        organisation=organisation.name, name=employee_name)
    if len(matches) > 1:
        raise UserError(N_("More than one employee of %(organisation)s is called «%(name)s»."),
                        organisation=organisation.name, name=employee_name)
    store.identities.link(platform, workspace_id, user_id, matches[0].id, actor_id=actor_id)
    return matches[0]
