"""Housekeeping: expired dialogues, expired file offers and settled cards are deleted."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import text

from core.housekeeping import Housekeeping, Purged
from storage.database import Database
from tests.storage.storage_cast import add_ward, new_employee

NOW = dt.datetime(2027, 1, 6, 8, 0, tzinfo=dt.UTC)
TENANT = "7e3f9a20-51c4-4b6d-8a1e-2c9d0f4b6e85"
KARI_USER = "0b1c2d3e-0000-4000-8000-00000000aa01"
PAYLOAD = {"stage": "confirm", "readback": "Registrerer sykefravær fredag 8. januar."}


@pytest.fixture
def kari_id(database: Database) -> int:
    """A fictional employee, linked in Teams."""
    with database.store() as store:
        unit = add_ward(store).unit
        (kari,) = store.employees.add_many([new_employee(unit.id, "Kari Nordmann")], actor_id=None)
        store.identities.link("teams", TENANT, KARI_USER, kari.id, actor_id=None)
    return kari.id


def count(database: Database, table: str) -> int:
    with database.engine.connect() as connection:
        return int(connection.execute(text(f"SELECT count(*) FROM {table}")).scalar_one())


def test_expired_rows_go_and_live_ones_stay(database: Database, kari_id: int) -> None:
    """One run deletes what expired by now, counts it, and keeps what is still waiting."""
    with database.store() as store:
        store.dialogues.save("teams:old", kari_id, PAYLOAD, NOW - dt.timedelta(minutes=1))
        store.dialogues.save("teams:new", kari_id, PAYLOAD, NOW + dt.timedelta(minutes=9))
        earlier = NOW - dt.timedelta(days=2)
        for token, expires_at in (("old-token", NOW), ("new-token", NOW + dt.timedelta(hours=1))):
            store.file_offers.add(
                "teams", TENANT, KARI_USER, token, "turnus.csv", b"D;N\n",
                expires_at=expires_at, now=earlier,
            )  # fmt: skip

    purged = Housekeeping(database).run(NOW)

    assert purged == Purged(dialogues=1, file_offers=1, request_cards=0)
    assert count(database, "pending_dialogues") == 1
    assert count(database, "file_offers") == 1


def test_second_run_finds_nothing(database: Database, kari_id: int) -> None:
    """Housekeeping can run as often as wanted: a run after a run deletes nothing."""
    with database.store() as store:
        store.dialogues.save("teams:old", kari_id, PAYLOAD, NOW - dt.timedelta(minutes=1))
    housekeeping = Housekeeping(database)
    housekeeping.run(NOW)

    assert housekeeping.run(NOW) == Purged(dialogues=0, file_offers=0, request_cards=0)
