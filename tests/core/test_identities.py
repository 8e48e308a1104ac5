"""Who wrote: linked chat users, linking by verified e-mail, and the admin's link commands."""

from __future__ import annotations

import pytest

from core.errors import UserError
from core.identities import do_link_user, do_link_workspace, resolve_sender
from core.messages import Sender
from core.units import Organisation, Unit
from tests.core.ward_cast import SeededWard

TEAM = "T0NORDVIK"


def slack_sender(user_id: str, email: str | None = None) -> Sender:
    return Sender("slack", TEAM, user_id, verified_email=email)


def link_workspace(ward: SeededWard, *, link_by_email: bool = False) -> None:
    with ward.database.store() as store:
        store.workspaces.link("slack", TEAM, ward.unit.organisation_id, actor_id=None)
        store.workspaces.set_link_by_email(ward.unit.organisation_id, link_by_email,
                                           actor_id=None)


def resolve(ward: SeededWard, sender: Sender) -> object:
    with ward.database.store() as store:
        return resolve_sender(store, sender)


def test_console_name_resolves(test_ward: SeededWard) -> None:
    """The terminal chat names the employee directly."""
    sender = Sender("console", "local", "Kari Nordmann")

    assert resolve(test_ward, sender) == test_ward.staff["Kari Nordmann"]


def test_linked_user_resolves(test_ward: SeededWard) -> None:
    """A chat user an administrator linked is that employee."""
    link_workspace(test_ward)
    with test_ward.database.store() as store:
        do_link_user(store, "slack", TEAM, "UKARI", "kari nordmann", actor_id=None)

    assert resolve(test_ward, slack_sender("UKARI")) == test_ward.staff["Kari Nordmann"]


def test_verified_email_links_when_allowed(test_ward: SeededWard) -> None:
    """With e-mail linking on, a matching verified address links the user for good."""
    link_workspace(test_ward, link_by_email=True)

    first = resolve(test_ward, slack_sender("UKARI", "Kari.Nordmann@nordvik.example"))
    later = resolve(test_ward, slack_sender("UKARI"))

    assert first == test_ward.staff["Kari Nordmann"]
    assert later == test_ward.staff["Kari Nordmann"]


@pytest.mark.parametrize(
    ("workspace_linked", "link_by_email", "email"),
    [
        (True, False, "kari.nordmann@nordvik.example"),
        (False, True, "kari.nordmann@nordvik.example"),
        (True, True, "ukjent@nordvik.example"),
        (True, True, None),
    ],
    ids=["not-allowed", "workspace-unlinked", "unknown-address", "no-address"],
)
def test_email_does_not_link(test_ward: SeededWard, workspace_linked: bool,
                             link_by_email: bool, email: str | None) -> None:
    """Without permission, a mapped workspace or a matching address, nobody is linked."""
    if workspace_linked:
        link_workspace(test_ward, link_by_email=link_by_email)

    assert resolve(test_ward, slack_sender("UKARI", email)) is None


def test_email_of_another_organisation_does_not_link(test_ward: SeededWard) -> None:
    """An address that belongs to another organisation's employee links nobody."""
    with test_ward.database.store() as store:
        other = store.organisations.add_organisation(
            Organisation(0, "Annen kommune", link_by_email=True), actor_id=None)
        store.organisations.add_unit(Unit(0, other.id, "Annet sykehjem"), actor_id=None)
        store.workspaces.link("slack", TEAM, other.id, actor_id=None)

    assert resolve(test_ward, slack_sender("UKARI", "kari.nordmann@nordvik.example")) is None


def test_inactive_employee_is_unknown(test_ward: SeededWard) -> None:
    """A linked employee who has left is treated as unknown."""
    link_workspace(test_ward)
    with test_ward.database.store() as store:
        do_link_user(store, "slack", TEAM, "UKARI", "Kari Nordmann", actor_id=None)
        store.employees.deactivate(test_ward.staff["Kari Nordmann"].id, actor_id=None)

    assert resolve(test_ward, slack_sender("UKARI")) is None


def test_link_outside_workspace_organisation_ignored(test_ward: SeededWard) -> None:
    """A link left over from before the workspace moved to another organisation is ignored."""
    link_workspace(test_ward)
    with test_ward.database.store() as store:
        do_link_user(store, "slack", TEAM, "UKARI", "Kari Nordmann", actor_id=None)
        other = store.organisations.add_organisation(Organisation(0, "Annen kommune"),
                                                     actor_id=None)
        store.workspaces.link("slack", TEAM, other.id, actor_id=None)

    assert resolve(test_ward, slack_sender("UKARI")) is None


def test_link_workspace_by_organisation_name(test_ward: SeededWard) -> None:
    """The admin command finds the organisation by name in any letter case."""
    with test_ward.database.store() as store:
        organisation = do_link_workspace(store, "slack", TEAM, "NORDVIK KOMMUNE",
                                         link_by_email=True, actor_id=None)
        mapped = store.workspaces.organisation_of("slack", TEAM)

    assert organisation.link_by_email is True
    assert mapped == organisation


@pytest.mark.parametrize(
    ("link_first", "organisation", "employee", "expected"),
    [
        (False, "Nordvik kommune", "Kari Nordmann", "er ikke koblet til en organisasjon"),
        (True, "Ukjent kommune", "Kari Nordmann", "Ingen organisasjon heter «Ukjent kommune»."),
        (True, "Nordvik kommune", "Kari Ukjent", "har ingen aktiv ansatt som heter"),
    ],
    ids=["workspace-unlinked", "unknown-organisation", "unknown-employee"],
)
def test_link_commands_report_errors(test_ward: SeededWard, link_first: bool,
                                     organisation: str, employee: str, expected: str) -> None:
    """Each admin mistake gets a specific Norwegian message."""
    from core.i18n import Translator

    with test_ward.database.store() as store, pytest.raises(UserError) as raised:
        if link_first:
            do_link_workspace(store, "slack", TEAM, organisation, actor_id=None)
        do_link_user(store, "slack", TEAM, "UKARI", employee, actor_id=None)

    assert expected in raised.value.render(Translator("nb"))
