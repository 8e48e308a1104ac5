"""Who wrote: linked chat users, linking by verified e-mail, and the admin's link commands."""

from __future__ import annotations

from dataclasses import replace

import pytest

from core.employees import Employee, Position
from core.errors import UserError
from core.identities import (
    EmailLinking,
    closest_names,
    do_link_user,
    do_link_workspace,
    do_unlink_user,
    parse_user_id,
    parse_workspace_id,
    resolve_sender,
)
from core.messages import Sender
from core.units import Organisation, Unit
from tests.core.ward_cast import SeededWard

TEAM = "T0NORDVIK"


def slack_sender(user_id: str, email: str | None = None) -> Sender:
    return Sender("slack", TEAM, user_id, verified_email=email)


def link_workspace(ward: SeededWard, *, link_by_email: bool = False) -> None:
    with ward.database.store() as store:
        store.workspaces.link("slack", TEAM, ward.unit.organisation_id, actor_id=None)
        store.workspaces.set_link_by_email(ward.unit.organisation_id, link_by_email, actor_id=None)


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
def test_email_does_not_link(
    test_ward: SeededWard, workspace_linked: bool, link_by_email: bool, email: str | None
) -> None:
    """Without permission, a mapped workspace or a matching address, nobody is linked."""
    if workspace_linked:
        link_workspace(test_ward, link_by_email=link_by_email)

    assert resolve(test_ward, slack_sender("UKARI", email)) is None


def test_email_of_another_organisation_does_not_link(test_ward: SeededWard) -> None:
    """An address that belongs to another organisation's employee links nobody."""
    with test_ward.database.store() as store:
        other = store.organisations.add_organisation(
            Organisation(0, "Annen kommune", link_by_email=True), actor_id=None
        )
        store.organisations.add_unit(Unit(0, other.id, "Annet sykehjem"), actor_id=None)
        store.workspaces.link("slack", TEAM, other.id, actor_id=None)

    assert resolve(test_ward, slack_sender("UKARI", "kari.nordmann@nordvik.example")) is None


def test_email_shared_in_organisation_links_nobody(test_ward: SeededWard) -> None:
    """When two active employees of the organisation share the address, nobody is linked."""
    link_workspace(test_ward, link_by_email=True)
    with test_ward.database.store() as store:
        ola = test_ward.staff["Ola Nordmann"]
        store.employees.update(replace(ola, email="Kari.Nordmann@nordvik.example"), actor_id=None)

    assert resolve(test_ward, slack_sender("UKARI", "kari.nordmann@nordvik.example")) is None
    with test_ward.database.store() as store:
        assert store.identities.find("slack", TEAM, "UKARI") is None


def test_email_shared_with_former_employee_links(test_ward: SeededWard) -> None:
    """A former employee who had the address does not stop the active one from being linked."""
    link_workspace(test_ward, link_by_email=True)
    with test_ward.database.store() as store:
        ola = test_ward.staff["Ola Nordmann"]
        store.employees.update(replace(ola, email="kari.nordmann@nordvik.example"), actor_id=None)
        store.employees.deactivate(ola.id, actor_id=None)

    found = resolve(test_ward, slack_sender("UKARI", "kari.nordmann@nordvik.example"))

    assert found == test_ward.staff["Kari Nordmann"]


def test_email_in_another_organisation_does_not_hide_match(test_ward: SeededWard) -> None:
    """Another organisation's newer employee with the same address does not block the link."""
    link_workspace(test_ward, link_by_email=True)
    with test_ward.database.store() as store:
        other = store.organisations.add_organisation(
            Organisation(0, "Annen kommune"), actor_id=None
        )
        unit = store.organisations.add_unit(Unit(0, other.id, "Annet sykehjem"), actor_id=None)
        store.employees.add(
            Employee(
                0,
                unit.id,
                "Kari Nordmann",
                Position.NURSE,
                100,
                email="kari.nordmann@nordvik.example",
            ),
            actor_id=None,
        )

    found = resolve(test_ward, slack_sender("UKARI", "kari.nordmann@nordvik.example"))

    assert found == test_ward.staff["Kari Nordmann"]


@pytest.mark.parametrize(
    ("link_by_email", "linked", "expected"),
    [(True, False, True), (False, False, False), (True, True, False)],
    ids=["unlinked-allowed", "not-allowed", "already-linked"],
)
def test_email_linking_could_link(
    test_ward: SeededWard, link_by_email: bool, linked: bool, expected: bool
) -> None:
    """Only an unlinked user of an organisation that links by e-mail is worth an address lookup."""
    link_workspace(test_ward, link_by_email=link_by_email)
    if linked:
        with test_ward.database.store() as store:
            do_link_user(store, "slack", TEAM, "UKARI", "Kari Nordmann", actor_id=None)

    assert EmailLinking(test_ward.database).could_link(slack_sender("UKARI")) is expected


def test_email_linking_links_by_address(test_ward: SeededWard) -> None:
    """`link` links the user as a first message would, and reports it."""
    link_workspace(test_ward, link_by_email=True)
    linking = EmailLinking(test_ward.database)

    linked = linking.link(slack_sender("UKARI", "kari.nordmann@nordvik.example"))
    unknown = linking.link(slack_sender("UOLA", "ukjent@nordvik.example"))

    assert linked is True
    assert unknown is False
    assert resolve(test_ward, slack_sender("UKARI")) == test_ward.staff["Kari Nordmann"]


def test_email_linking_needs_linked_workspace(test_ward: SeededWard) -> None:
    """A workspace that belongs to no organisation links nobody by e-mail."""
    assert EmailLinking(test_ward.database).could_link(slack_sender("UKARI")) is False


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
        other = store.organisations.add_organisation(
            Organisation(0, "Annen kommune"), actor_id=None
        )
        store.workspaces.link("slack", TEAM, other.id, actor_id=None)

    assert resolve(test_ward, slack_sender("UKARI")) is None


def test_link_workspace_by_organisation_name(test_ward: SeededWard) -> None:
    """The admin command finds the organisation by name in any letter case."""
    with test_ward.database.store() as store:
        organisation = do_link_workspace(
            store, "slack", TEAM, "NORDVIK KOMMUNE", link_by_email=True, actor_id=None
        )
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
def test_link_commands_report_errors(
    test_ward: SeededWard, link_first: bool, organisation: str, employee: str, expected: str
) -> None:
    """Each admin mistake gets a specific Norwegian message."""
    from core.i18n import Translator

    with test_ward.database.store() as store, pytest.raises(UserError) as raised:
        if link_first:
            do_link_workspace(store, "slack", TEAM, organisation, actor_id=None)
        do_link_user(store, "slack", TEAM, "UKARI", employee, actor_id=None)

    assert expected in raised.value.render(Translator("nb"))


@pytest.mark.parametrize(
    ("platform", "written", "expected"),
    [
        ("slack", "T0NORDVIK", "T0NORDVIK"),
        ("slack", " E0GRID42 ", "E0GRID42"),
        ("teams", "7E3F9A20-51C4-4B6D-8A1E-2C9D0F4B6E85", "7e3f9a20-51c4-4b6d-8a1e-2c9d0f4b6e85"),
    ],
    ids=["slack-team", "enterprise-grid-with-spaces", "tenant-in-capitals"],
)
def test_workspace_id_normalised(platform: str, written: str, expected: str) -> None:
    """Valid workspace ids lose surrounding spaces; tenant GUIDs become lower case."""
    assert parse_workspace_id(platform, written) == expected


@pytest.mark.parametrize(
    ("platform", "written"),
    [
        ("slack", ""),
        ("slack", " \t"),
        ("slack", "T0 NORD"),
        ("slack", "T0NORD;"),
        ("slack", "t0nordvik"),
        ("slack", "UKARI"),
        ("teams", "T0NORDVIK"),
        ("teams", "7e3f9a20-51c4-4b6d-8a1e-2c9d0f4b6e8"),
    ],
    ids=[
        "empty",
        "blank",
        "space",
        "semicolon",
        "lower-case",
        "user-id",
        "slack-id-on-teams",
        "short-guid",
    ],
)
def test_workspace_id_rejected(platform: str, written: str) -> None:
    """Empty, spaced, punctuated or wrongly formed workspace ids are a UserError."""
    with pytest.raises(UserError):
        parse_workspace_id(platform, written)


@pytest.mark.parametrize(
    ("platform", "written"),
    [
        ("slack", ""),
        ("slack", "U KARI"),
        ("slack", "UKARI;"),
        ("slack", "T0NORDVIK"),
        ("teams", "kari@nordvik.example"),
    ],
    ids=["empty", "space", "semicolon", "team-id", "e-mail-on-teams"],
)
def test_user_id_rejected(platform: str, written: str) -> None:
    """Empty, spaced, punctuated or wrongly formed user ids are a UserError."""
    with pytest.raises(UserError):
        parse_user_id(platform, written)


def test_moving_link_needs_replace(test_ward: SeededWard) -> None:
    """A user linked to Kari stays hers unless the move is asked for with replace."""
    link_workspace(test_ward)
    with test_ward.database.store() as store:
        do_link_user(store, "slack", TEAM, "UKARI", "Kari Nordmann", actor_id=None)
    with test_ward.database.store() as store, pytest.raises(UserError) as refused:
        do_link_user(store, "slack", TEAM, "UKARI", "Ola Nordmann", actor_id=None)

    assert refused.value.params["current"] == "Kari Nordmann"
    assert resolve(test_ward, slack_sender("UKARI")) == test_ward.staff["Kari Nordmann"]

    with test_ward.database.store() as store:
        do_link_user(store, "slack", TEAM, "UKARI", "Ola Nordmann", replace=True, actor_id=None)

    assert resolve(test_ward, slack_sender("UKARI")) == test_ward.staff["Ola Nordmann"]


def test_unlink_user_is_audited(test_ward: SeededWard) -> None:
    """Removing a link returns whose it was and records the removal."""
    link_workspace(test_ward)
    with test_ward.database.store() as store:
        do_link_user(store, "slack", TEAM, "UKARI", "Kari Nordmann", actor_id=None)
    with test_ward.database.store() as store:
        removed_from = do_unlink_user(store, "slack", TEAM, " UKARI ", actor_id=None)
        entries = store.audit.list("chat_identity")

    assert removed_from == test_ward.staff["Kari Nordmann"]
    assert [entry.action for entry in entries] == ["link", "unlink"]
    assert resolve(test_ward, slack_sender("UKARI")) is None


def test_unlink_unlinked_user_fails(test_ward: SeededWard) -> None:
    """Removing a link nobody made is a UserError, not a silent success."""
    link_workspace(test_ward)
    with test_ward.database.store() as store, pytest.raises(UserError):
        do_unlink_user(store, "slack", TEAM, "UKARI", actor_id=None)


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("Kari Nordman", ["Kari Nordmann"]),
        ("nordmann", ["Kari Nordmann", "Ola Nordmann"]),
        ("Åse", ["Åse Ødegård"]),
        ("Zacharias", []),
    ],
    ids=["misspelt", "surname", "first-name-with-å", "nothing-close"],
)
def test_closest_names(written: str, expected: list[str]) -> None:
    """Suggestions: names containing the written words, then names spelled alike."""
    names = ["Kari Nordmann", "Ola Nordmann", "Åse Ødegård", "Per Hansen"]

    assert closest_names(written, names) == expected
