"""The work behind `vaktbot employee …`: changes an administrator makes to one employee.

    vaktbot employee role "Kari Nordmann" leder --unit "Sengepost 3B"
    vaktbot employee role "Kari Nordmann" leder turnusansvarlig --unit "Sengepost 3B"
    vaktbot employee role "Kari Nordmann" ansatt --unit "Sengepost 3B"

The rules (known role words, one employee per name) live in `core.setup`. This
module opens the database, prints the outcome in the operator's language and
returns the exit status: 0 on success, 2 on a mistake in the arguments.
"""

from __future__ import annotations

import argparse
import sys

from core.errors import UserError
from core.i18n import N_, Translator

ROLES_SET = N_("The roles of %(name)s in %(unit)s are now: %(roles)s (before: %(previous)s).")
ROLES_UNCHANGED = N_("%(name)s in %(unit)s already has the roles: %(roles)s. Nothing was changed.")
NO_MANAGER_LEFT = N_(
    "%(unit)s now has no manager (leder) to approve requests. Give someone the manager "
    'role with: vaktbot employee role NAME leder --unit "%(unit)s"'
)


def run_employee_role(arguments: argparse.Namespace) -> int:
    from core.imports import describe_roles
    from core.setup import do_set_roles
    from vaktbot.app import ConfigurationError, Settings, open_database
    from vaktbot.commands import find_unit, unknown_unit_message

    translator = Translator.for_locale(None)
    try:
        database = open_database(Settings.from_environment(arguments.data), must_exist=True)
    except ConfigurationError as error:
        return _fail(str(error))
    try:
        with database.store() as store:
            unit = find_unit(store, arguments.unit)
            if unit is None:
                return _fail(unknown_unit_message(store, arguments.unit, translator))
            change, lost_last_manager = do_set_roles(
                store, unit, arguments.name, arguments.roles, actor_id=None
            )
    except UserError as error:
        return _fail(error.render(translator))
    finally:
        database.dispose()

    names = {"name": change.employee.name, "unit": unit.name}
    if not change.changed:
        print(translator.gettext(ROLES_UNCHANGED, roles=describe_roles(change.previous), **names))
        return 0
    print(
        translator.gettext(
            ROLES_SET,
            roles=describe_roles(change.employee.roles),
            previous=describe_roles(change.previous),
            **names,
        )
    )
    if lost_last_manager:
        print(translator.gettext(NO_MANAGER_LEFT, unit=unit.name))
    return 0


def _fail(message: str) -> int:
    print(f"vaktbot: {message}", file=sys.stderr)
    return 2
