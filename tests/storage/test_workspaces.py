"""Chat workspaces: each Slack team or Teams tenant belongs to one organisation."""

from __future__ import annotations

import pytest

from core.units import Organisation
from storage.database import Database
from storage.errors import NotFoundError
from tests.storage.storage_cast import Ward

TEAM = "T0NORDVIK"


def test_link_and_find_organisation(database: Database, ward: Ward) -> None:
    """A linked workspace resolves to its organisation."""
    with database.store() as store:
        workspace = store.workspaces.link("slack", TEAM, ward.organisation.id, actor_id=None)
    with database.store() as store:
        organisation = store.workspaces.organisation_of("slack", TEAM)

    assert workspace.organisation_id == ward.organisation.id
    assert organisation == ward.organisation


@pytest.mark.parametrize(
    ("platform", "workspace_id"),
    [("slack", "T0ANNEN"), ("teams", TEAM), ("slack", TEAM.lower())],
    ids=["other-workspace", "other-platform", "other-case"],
)
def test_unlinked_workspace_has_no_organisation(
    database: Database, ward: Ward, platform: str, workspace_id: str
) -> None:
    """Only the exact platform and workspace id match."""
    with database.store() as store:
        store.workspaces.link("slack", TEAM, ward.organisation.id, actor_id=None)
        assert store.workspaces.organisation_of(platform, workspace_id) is None


def test_relink_moves_workspace(database: Database, ward: Ward) -> None:
    """Linking a workspace again moves it to the new organisation and keeps one row."""
    with database.store() as store:
        other = store.organisations.add_organisation(
            Organisation(0, "Bjørkås kommune"), actor_id=None
        )
        store.workspaces.link("slack", TEAM, ward.organisation.id, actor_id=None)
        store.workspaces.link("slack", TEAM, other.id, actor_id=None)

        assert store.workspaces.organisation_of("slack", TEAM) == other
        assert store.workspaces.list_for_organisation(ward.organisation.id) == []
        assert len(store.workspaces.list_for_organisation(other.id)) == 1


def test_link_to_missing_organisation_raises(database: Database) -> None:
    """A workspace cannot point at an organisation that does not exist."""
    with database.store() as store, pytest.raises(NotFoundError):
        store.workspaces.link("slack", TEAM, 999, actor_id=None)


def test_unlink_forgets_workspace(database: Database, ward: Ward) -> None:
    """After unlinking, the workspace has no organisation; a second unlink returns False."""
    with database.store() as store:
        store.workspaces.link("slack", TEAM, ward.organisation.id, actor_id=None)

        assert store.workspaces.unlink("slack", TEAM, actor_id=None) is True
        assert store.workspaces.organisation_of("slack", TEAM) is None
        assert store.workspaces.unlink("slack", TEAM, actor_id=None) is False


def test_link_is_audited(database: Database, ward: Ward) -> None:
    """Linking records an audit entry with ids only."""
    with database.store() as store:
        workspace = store.workspaces.link("slack", TEAM, ward.organisation.id, actor_id=None)
        entries = store.audit.list(entity="chat_workspace", entity_id=workspace.id)

    assert [entry.action for entry in entries] == ["link"]
    assert entries[0].details["organisation_id"] == ward.organisation.id


def test_set_link_by_email(database: Database, ward: Ward) -> None:
    """The organisation's e-mail linking switch can be turned on and off."""
    with database.store() as store:
        turned_on = store.workspaces.set_link_by_email(ward.organisation.id, True, actor_id=None)
    with database.store() as store:
        stored = store.organisations.get_organisation(ward.organisation.id)
        turned_off = store.workspaces.set_link_by_email(ward.organisation.id, False, actor_id=None)

    assert turned_on.link_by_email is True
    assert stored is not None and stored.link_by_email is True
    assert turned_off.link_by_email is False
