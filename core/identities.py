"""Sender identities: linking a chat user to an employee of the workspace's organisation.

A chat workspace (Slack team, Teams tenant) belongs to one organisation. A chat
user is linked to one of its employees by an administrator, or, where the
organisation allows it, automatically by the e-mail address the platform has
verified. A user who is neither linked nor matched stays unknown.
"""

from __future__ import annotations

import logging
import re
from difflib import get_close_matches
from typing import TYPE_CHECKING

from core.employees import Employee
from core.errors import UserError
from core.i18n import N_
from core.messages import Sender
from core.people import fold
from core.units import Organisation

if TYPE_CHECKING:
    from storage.database import Database
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
    if sender.platform == CONSOLE_PLATFORM:
        return _console_employee(store, sender.user_id)
    employee = store.identities.find_employee(sender.platform, sender.workspace_id, sender.user_id)
    if employee is None or not employee.active:
        return None
    organisation = store.workspaces.organisation_of(sender.platform, sender.workspace_id)
    if organisation is not None and organisation_id_of(store, employee) != organisation.id:
        logger.warning(
            "ignoring the %s link of employee %s: workspace %s belongs to organisation %s",
            sender.platform,
            employee.id,
            sender.workspace_id,
            organisation.id,
        )
        return None
    return employee


def _link_by_verified_email(store: Store, sender: Sender) -> Employee | None:
    """Link the user to the one active employee of the organisation with their verified address.

    Nobody is linked when no employee has the address, or when several do: the
    user then gets the core's answer on whom to ask, and an administrator links
    them by hand.
    """
    if not sender.verified_email:
        return None
    organisation = store.workspaces.organisation_of(sender.platform, sender.workspace_id)
    if organisation is None or not organisation.link_by_email:
        return None
    matches = [
        employee
        for employee in store.employees.find_all_by_email(sender.verified_email)
        if employee.active and organisation_id_of(store, employee) == organisation.id
    ]
    if len(matches) > 1:
        logger.warning(
            "not linking a %s user of workspace %s by e-mail: employees %s share the address",
            sender.platform,
            sender.workspace_id,
            ", ".join(str(employee.id) for employee in matches),
        )
        return None
    if not matches:
        return None
    employee = matches[0]
    store.identities.link(
        sender.platform, sender.workspace_id, sender.user_id, employee.id, actor_id=None
    )
    logger.info(
        "linked a %s user of workspace %s to employee %s by verified e-mail",
        sender.platform,
        sender.workspace_id,
        employee.id,
    )
    return employee


class EmailLinking:
    """Linking chat users by e-mail outside a message, each call in its own transaction.

    Teams activities carry no address, so the adapter fetches one from the Bot
    Connector, and checks here first, so that a linked user costs no call.
    """

    def __init__(self, database: Database) -> None:
        self._database = database

    def could_link(self, sender: Sender) -> bool:
        """Return whether `sender` is unlinked and their organisation links users by e-mail."""
        with self._database.store() as store:
            if find_linked_employee(store, sender) is not None:
                return False
            organisation = store.workspaces.organisation_of(sender.platform, sender.workspace_id)
            return organisation is not None and organisation.link_by_email

    def link(self, sender: Sender) -> bool:
        """Link `sender` by their verified e-mail, as their first message would.

        Return whether they are now linked to an active employee, by this call or before.
        """
        with self._database.store() as store:
            return resolve_sender(store, sender) is not None


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
        raise UserError(
            N_(
                "More than one employee is called %(name)s; the terminal chat "
                "cannot tell them apart."
            ),
            name=name,
        )
    return matches[0] if matches else None


# --- linking by an administrator ----------------------------------------------------------

SLACK = "slack"
TEAMS = "teams"
# The platforms' names in messages, which are not translated.
PLATFORM_NAMES = {SLACK: "Slack", TEAMS: "Teams"}
# Slack ids are capital letters and digits: a team id starts with T (E for an
# Enterprise Grid organisation), a user id with U (W on Enterprise Grid).
SLACK_WORKSPACE_ID = re.compile(r"[TE][A-Z0-9]{2,}")
SLACK_USER_ID = re.compile(r"[UW][A-Z0-9]{2,}")
# Microsoft Entra tenant and object ids are GUIDs, which Teams activities carry in lower case.
GUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
MAX_SUGGESTED_NAMES = 3
# The minimum similarity (difflib ratio) of a written name to a suggested employee name.
SUGGESTION_SIMILARITY = 0.8

INVALID_WORKSPACE_IDS = {
    SLACK: N_(
        "«%(value)s» is not a Slack workspace id. A Slack workspace (team) id starts "
        "with T, or E for an Enterprise Grid organisation, followed by capital letters "
        "and digits, for example T0123ABCD."
    ),
    TEAMS: N_(
        "«%(value)s» is not a Teams tenant id. A tenant id is a GUID such as "
        "3f2a6c1e-8b4d-4e7f-9a1b-2c3d4e5f6a7b. The Microsoft Entra admin center shows "
        "it on the tenant's overview page."
    ),
}
INVALID_USER_IDS = {
    SLACK: N_(
        "«%(value)s» is not a Slack user id. A Slack user id starts with U, or W on "
        "Enterprise Grid, followed by capital letters and digits, for example "
        "U0123ABCD. Slack shows it under «Copy member ID» in the person's profile."
    ),
    TEAMS: N_(
        "«%(value)s» is not a Teams user id. vaktbot links a Teams user by their "
        "Microsoft Entra object id, a GUID such as "
        "3f2a6c1e-8b4d-4e7f-9a1b-2c3d4e5f6a7b. The Microsoft Entra admin center shows "
        "it on the user's overview page."
    ),
}
WORKSPACE_NOT_LINKED = {
    SLACK: N_(
        "The Slack workspace %(workspace)s is not linked to an organisation yet. Link "
        "it first with «vaktbot link workspace slack %(workspace)s --organisation "
        "NAME»."
    ),
    TEAMS: N_(
        "The Teams tenant %(workspace)s is not linked to an organisation yet. Link it "
        "first with «vaktbot link workspace teams %(workspace)s --organisation NAME»."
    ),
}
WORKSPACE_LINKED_ELSEWHERE = {
    SLACK: N_(
        "The Slack workspace %(workspace)s is already linked to %(current)s. To move "
        "it to %(wanted)s, run the command again with --replace."
    ),
    TEAMS: N_(
        "The Teams tenant %(workspace)s is already linked to %(current)s. To move it "
        "to %(wanted)s, run the command again with --replace."
    ),
}


def parse_workspace_id(platform: str, value: str) -> str:
    """Return the chat workspace id `value` without surrounding spaces, or raise UserError.

    A Teams tenant id is returned in lower case, as Teams sends it.
    """
    empty = N_(
        "The workspace id is empty. Give the Slack team id (T…) or the Teams tenant id (a GUID)."
    )
    return _parse_chat_id(platform, value, SLACK_WORKSPACE_ID, empty, INVALID_WORKSPACE_IDS)


def parse_user_id(platform: str, value: str) -> str:
    """Return the chat user id `value` without surrounding spaces, or raise UserError.

    A Teams object id is returned in lower case, as Teams sends it.
    """
    empty = N_(
        "The user id is empty. Give the Slack user id (U…) or the Teams "
        "user's Microsoft Entra object id (a GUID)."
    )
    return _parse_chat_id(platform, value, SLACK_USER_ID, empty, INVALID_USER_IDS)


def _parse_chat_id(
    platform: str, value: str, slack_pattern: re.Pattern[str], empty: str, invalid: dict[str, str]
) -> str:
    """Return `value` stripped (and in lower case for Teams) if it fits the platform's pattern."""
    _check_platform(platform)
    chat_id = value.strip()
    if not chat_id:
        raise UserError(empty)
    if platform == TEAMS:
        chat_id = chat_id.lower()
    pattern = GUID if platform == TEAMS else slack_pattern
    if not pattern.fullmatch(chat_id):
        raise UserError(invalid[platform], value=value)
    return chat_id


def _check_platform(platform: str) -> None:
    if platform not in PLATFORM_NAMES:
        raise ValueError(
            f"unknown chat platform {platform!r}: expected one of {', '.join(PLATFORM_NAMES)}"
        )


def known_organisations(store: Store) -> list[Organisation]:
    """Return the organisations that have a unit, in the order they were created."""
    organisation_ids = sorted({unit.organisation_id for unit in store.organisations.list_units()})
    organisations = [store.organisations.get_organisation(i) for i in organisation_ids]
    return [organisation for organisation in organisations if organisation is not None]


def find_organisation(store: Store, name: str) -> Organisation | None:
    """Return the organisation with this name, ignoring case and surrounding spaces."""
    wanted = name.strip().casefold()
    return next(
        (
            organisation
            for organisation in known_organisations(store)
            if organisation.name.casefold() == wanted
        ),
        None,
    )


def access_organisation(store: Store, name: str) -> Organisation:
    """Return the named organisation, or raise a UserError that lists the known ones."""
    organisation = find_organisation(store, name)
    if organisation is None:
        known = ", ".join(f"«{item.name}»" for item in known_organisations(store)) or "-"
        raise UserError(
            N_("No organisation is called «%(name)s». Known organisations: %(known)s."),
            name=name,
            known=known,
        )
    return organisation


def do_link_workspace(
    store: Store,
    platform: str,
    workspace_id: str,
    organisation_name: str,
    *,
    link_by_email: bool | None = None,
    replace: bool = False,
    actor_id: int | None,
) -> Organisation:
    """Map a chat workspace to the named organisation and return the organisation.

    A workspace mapped to another organisation moves only with `replace`.
    `link_by_email` True or False also sets whether the organisation's chat users
    may be linked by verified e-mail; None leaves that setting as it is.
    """
    workspace_id = parse_workspace_id(platform, workspace_id)
    organisation = access_organisation(store, organisation_name)
    current = store.workspaces.organisation_of(platform, workspace_id)
    if current is not None and current.id != organisation.id and not replace:
        raise UserError(
            WORKSPACE_LINKED_ELSEWHERE[platform],
            workspace=workspace_id,
            current=current.name,
            wanted=organisation.name,
        )
    store.workspaces.link(platform, workspace_id, organisation.id, actor_id=actor_id)
    if link_by_email is not None:
        organisation = store.workspaces.set_link_by_email(
            organisation.id, link_by_email, actor_id=actor_id
        )
    return organisation


def do_link_user(
    store: Store,
    platform: str,
    workspace_id: str,
    user_id: str,
    employee_name: str,
    *,
    replace: bool = False,
    actor_id: int | None,
) -> Employee:
    """Link a chat user to the employee of that name in the workspace's organisation.

    A user linked to another employee is moved only with `replace`, because that
    person would then see the other employee's data.
    """
    workspace_id = parse_workspace_id(platform, workspace_id)
    user_id = parse_user_id(platform, user_id)
    organisation = store.workspaces.organisation_of(platform, workspace_id)
    if organisation is None:
        raise UserError(WORKSPACE_NOT_LINKED[platform], workspace=workspace_id)
    employee = _access_employee(store, organisation, employee_name)
    current = store.identities.find_employee(platform, workspace_id, user_id)
    if current is not None and current.id != employee.id and not replace:
        raise UserError(
            N_(
                "The %(platform)s user %(user)s is already linked to %(current)s. To link it to "
                "%(wanted)s instead, run the command again with --replace, or remove the link "
                "first with «vaktbot link remove user %(command_platform)s %(workspace)s "
                "%(user)s»."
            ),
            platform=PLATFORM_NAMES[platform],
            command_platform=platform,
            user=user_id,
            workspace=workspace_id,
            current=current.name,
            wanted=employee.name,
        )
    store.identities.link(platform, workspace_id, user_id, employee.id, actor_id=actor_id)
    return employee


def do_unlink_user(
    store: Store,
    platform: str,
    workspace_id: str,
    user_id: str,
    *,
    actor_id: int | None,
) -> Employee:
    """Remove a chat user's link and return the employee it pointed to.

    The removal is audited. Raises UserError when the user is not linked.
    """
    workspace_id = parse_workspace_id(platform, workspace_id)
    user_id = parse_user_id(platform, user_id)
    employee = store.identities.find_employee(platform, workspace_id, user_id)
    if employee is None:
        raise UserError(
            N_(
                "The %(platform)s user %(user)s in %(workspace)s is not linked to "
                "anyone, so there is no link to remove."
            ),
            platform=PLATFORM_NAMES[platform],
            user=user_id,
            workspace=workspace_id,
        )
    store.identities.unlink(platform, workspace_id, user_id, actor_id=actor_id)
    return employee


def _access_employee(store: Store, organisation: Organisation, name: str) -> Employee:
    """Return the one active employee of the organisation with this name, or raise UserError."""
    units = store.organisations.list_units(organisation.id)
    matches = [
        employee for unit in units for employee in store.employees.find_by_name(unit.id, name)
    ]
    if len(matches) > 1:
        raise UserError(
            N_("More than one employee of %(organisation)s is called «%(name)s»."),
            organisation=organisation.name,
            name=name,
        )
    if matches:
        return matches[0]
    staff = [employee.name for unit in units for employee in store.employees.list_for_unit(unit.id)]
    suggestions = closest_names(name, staff)
    if suggestions:
        raise UserError(
            N_(
                "%(organisation)s has no active employee called «%(name)s». The "
                "closest names are: %(names)s."
            ),
            organisation=organisation.name,
            name=name,
            names=", ".join(f"«{item}»" for item in suggestions),
        )
    raise UserError(
        N_(
            "%(organisation)s has no active employee called «%(name)s», and no "
            "name is close to it. Check the spelling, or import the employee "
            "first."
        ),
        organisation=organisation.name,
        name=name,
    )


def closest_names(written: str, names: list[str]) -> list[str]:
    """Return up to three of `names` most like `written`, best first.

    A name that contains every written word (a first name, a surname) comes first,
    then names that are spelled alike.
    """
    words = fold(written).split()
    by_words = [
        name for name in names if words and all(word in fold(name).split() for word in words)
    ]
    folded = {fold(name): name for name in names}
    alike = [
        folded[match]
        for match in get_close_matches(
            fold(written), list(folded), n=MAX_SUGGESTED_NAMES, cutoff=SUGGESTION_SIMILARITY
        )
    ]
    ordered = list(dict.fromkeys(sorted(by_words) + alike))
    return ordered[:MAX_SUGGESTED_NAMES]
