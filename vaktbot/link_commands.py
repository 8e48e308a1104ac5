"""The work behind `vaktbot link …`: chat workspaces and users linked to the organisation.

    vaktbot link workspace slack T0123ABCD --organisation "Fjordheim kommune"
    vaktbot link user teams TENANT-GUID OBJECT-GUID --employee "Kari Nordmann"
    vaktbot link remove user slack T0123ABCD U0123ABCD

The rules (valid ids, no silent move of a link) live in `core.identities`. This
module opens the database, prints the outcome in the operator's language and
returns the exit status, which is 0 on success and 2 on a mistake in the arguments.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from core.errors import UserError
from core.i18n import N_, Translator
from core.identities import PLATFORM_NAMES, TEAMS

if TYPE_CHECKING:
    from storage.store import Store

LINKED_WORKSPACE = {
    "slack": N_("Linked the Slack workspace %(workspace)s to %(organisation)s."),
    "teams": N_("Linked the Teams tenant %(workspace)s to %(organisation)s."),
}
LINKED_USER = N_("Linked the %(platform)s user %(user)s to %(name)s.")
REMOVED_USER_LINK = N_("Removed the link from the %(platform)s user %(user)s to %(name)s.")
EMAIL_LINKING_ON = N_(
    "Linking by e-mail is on for %(organisation)s. A chat user whose e-mail address the "
    "platform has verified is linked to the employee with that address at their first "
    "message."
)
EMAIL_LINKING_OFF = N_(
    "Linking by e-mail is off for %(organisation)s. Link each chat user with «vaktbot link user»."
)
TEAMS_EMAIL_LINKING = N_(
    "vaktbot reads a Teams user's address from their Microsoft Entra account when they "
    "install the app or write their first message. A user whose address no active "
    "employee has, or several have, is still linked with «vaktbot link user teams»."
)


def run_link_workspace(arguments: argparse.Namespace) -> int:
    from core.identities import do_link_workspace, parse_workspace_id

    link_by_email = None if arguments.link_by_email is None else arguments.link_by_email == "yes"

    def link(store: Store) -> list[str]:
        organisation = do_link_workspace(
            store,
            arguments.platform,
            arguments.workspace,
            arguments.organisation,
            link_by_email=link_by_email,
            replace=arguments.replace,
            actor_id=None,
        )
        workspace_id = parse_workspace_id(arguments.platform, arguments.workspace)
        lines: list[tuple[str, dict[str, Any]]] = [
            (
                LINKED_WORKSPACE[arguments.platform],
                {"workspace": workspace_id, "organisation": organisation.name},
            )
        ]
        if link_by_email is True:
            lines.append((EMAIL_LINKING_ON, {"organisation": organisation.name}))
            if arguments.platform == TEAMS:
                lines.append((TEAMS_EMAIL_LINKING, {}))
        elif link_by_email is False:
            lines.append((EMAIL_LINKING_OFF, {"organisation": organisation.name}))
        return [_translator().gettext(message, **params) for message, params in lines]

    return _run_in_store(arguments, link)


def run_link_user(arguments: argparse.Namespace) -> int:
    from core.identities import do_link_user, parse_user_id

    def link(store: Store) -> list[str]:
        employee = do_link_user(
            store,
            arguments.platform,
            arguments.workspace,
            arguments.user,
            arguments.employee,
            replace=arguments.replace,
            actor_id=None,
        )
        user_id = parse_user_id(arguments.platform, arguments.user)
        return [
            _translator().gettext(
                LINKED_USER,
                platform=PLATFORM_NAMES[arguments.platform],
                user=user_id,
                name=employee.name,
            )
        ]

    return _run_in_store(arguments, link)


def run_unlink_user(arguments: argparse.Namespace) -> int:
    from core.identities import do_unlink_user, parse_user_id

    def unlink(store: Store) -> list[str]:
        employee = do_unlink_user(
            store, arguments.platform, arguments.workspace, arguments.user, actor_id=None
        )
        user_id = parse_user_id(arguments.platform, arguments.user)
        return [
            _translator().gettext(
                REMOVED_USER_LINK,
                platform=PLATFORM_NAMES[arguments.platform],
                user=user_id,
                name=employee.name,
            )
        ]

    return _run_in_store(arguments, unlink)


def _run_in_store(arguments: argparse.Namespace, work: Callable[[Store], list[str]]) -> int:
    """Run `work` in one transaction; print its lines, or the error and return 2."""
    from vaktbot.app import ConfigurationError, Settings, open_database

    try:
        database = open_database(Settings.from_environment(arguments.data), must_exist=True)
    except ConfigurationError as error:
        return _fail(str(error))
    try:
        with database.store() as store:
            lines = work(store)
    except UserError as error:
        return _fail(error.render(_translator()))
    finally:
        database.dispose()
    print("\n".join(lines))
    return 0


def _translator() -> Translator:
    # The operator commands print in the default language, as the other commands do.
    return Translator.for_locale(None)


def _fail(message: str) -> int:
    print(f"vaktbot: {message}", file=sys.stderr)
    return 2
