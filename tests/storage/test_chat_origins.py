"""Chat origins: the newest service URL and bot account per workspace, replaced in place."""

from __future__ import annotations

from storage.crypto import FieldCipher
from storage.database import Database

BOT = {"id": "28:vaktbot-app", "name": "Vaktbot"}


def test_noted_origin_comes_back(database: Database) -> None:
    with database.store() as store:
        noted = store.chat_origins.note("teams", "tenant-1", "https://127.0.0.1/emea/", BOT)
    with database.store() as store:
        found = store.chat_origins.get("teams", "tenant-1")

    assert found == noted
    assert found is not None
    assert (found.service_url, found.bot_account) == ("https://127.0.0.1/emea/", BOT)


def test_newer_origin_replaces_older(database: Database, cipher: FieldCipher) -> None:
    """Noting a tenant again replaces its origin, as seen from a second server process."""
    with database.store() as store:
        store.chat_origins.note("teams", "tenant-1", "https://127.0.0.1/emea/", BOT)
        store.chat_origins.note("teams", "tenant-1", "https://127.0.0.1/amer/", BOT)
    other = Database(database.url, cipher)
    try:
        with other.store() as store:
            found = store.chat_origins.get("teams", "tenant-1")
    finally:
        other.dispose()

    assert found is not None
    assert found.service_url == "https://127.0.0.1/amer/"


def test_origins_kept_per_platform_and_workspace(database: Database) -> None:
    with database.store() as store:
        store.chat_origins.note("teams", "tenant-1", "https://127.0.0.1/emea/", BOT)

    with database.store() as store:
        assert store.chat_origins.get("teams", "tenant-2") is None
        assert store.chat_origins.get("slack", "tenant-1") is None
