"""Housekeeping: expired dialogues and file offers, settled cards and old chat links go."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest
from sqlalchemy import text

from core.housekeeping import Housekeeping, Purged
from core.shift_requests import RequestKind, RequestState, ShiftRequest
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


def test_chat_link_goes_a_day_after_deletion(database: Database, kari_id: int) -> None:
    """The chat link of an approved deletion request stays for a day, then one run deletes it."""
    with database.store() as store:
        kari = store.employees.get(kari_id)
        assert kari is not None
        unit_id = kari.unit_id
        request = store.shift_requests.add(
            ShiftRequest(
                0,
                unit_id,
                RequestKind.DATA_DELETION,
                RequestState.ACCEPTED,
                kari_id,
                NOW.date(),
                "",
            ),
            actor_id=kari_id,
        )
        store.shift_requests.update(replace(request, state=RequestState.APPROVED), actor_id=None)
    approved_at = dt.datetime.now(tz=dt.UTC)
    housekeeping = Housekeeping(database)

    same_day = housekeeping.run(approved_at + dt.timedelta(hours=23))
    next_day = housekeeping.run(approved_at + dt.timedelta(days=1, minutes=1))

    assert same_day.chat_links == 0
    assert next_day.chat_links == 1
    assert count(database, "chat_identities") == 0
