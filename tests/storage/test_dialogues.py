"""Pending dialogues: saved encrypted, replaced per conversation, never returned once expired."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import text

from core.calendar import OSLO
from storage.database import Database
from tests.storage.storage_cast import Staff

KEY = "slack:T0NORDVIK:U07KARI123"
NOW = dt.datetime(2027, 1, 6, 9, 0, tzinfo=OSLO)
PAYLOAD = {"stage": "confirm", "readback": "Registrerer sykefravær fredag 8. januar."}


def test_save_and_get(database: Database, staff: Staff) -> None:
    """A saved dialogue comes back with its payload, employee and expiry."""
    expires_at = NOW + dt.timedelta(minutes=10)
    with database.store() as store:
        saved = store.dialogues.save(KEY, staff.kari.id, PAYLOAD, expires_at)
    with database.store() as store:
        pending = store.dialogues.get(KEY, now=NOW)

    assert pending == saved
    assert pending is not None
    assert pending.payload == PAYLOAD
    assert pending.employee_id == staff.kari.id
    assert pending.expires_at == expires_at


@pytest.mark.parametrize(
    ("minutes_later", "expected_found"),
    [(9, True), (10, False), (11, False)],
    ids=["before-expiry", "at-expiry", "after-expiry"],
)
def test_expired_not_returned(
    database: Database, staff: Staff, minutes_later: int, expected_found: bool
) -> None:
    """A dialogue is returned until the moment it expires, and not from then on."""
    with database.store() as store:
        store.dialogues.save(KEY, staff.kari.id, PAYLOAD, NOW + dt.timedelta(minutes=10))
    with database.store() as store:
        found = store.dialogues.get(KEY, now=NOW + dt.timedelta(minutes=minutes_later))

    assert (found is not None) == expected_found


def test_default_now_is_current_time(database: Database, staff: Staff) -> None:
    """Without `now`, the current time decides whether a dialogue has expired."""
    current_time = dt.datetime.now(tz=dt.UTC)
    with database.store() as store:
        store.dialogues.save(KEY, staff.kari.id, PAYLOAD, current_time - dt.timedelta(seconds=1))
        store.dialogues.save(
            "console:Ola", staff.ola.id, PAYLOAD, current_time + dt.timedelta(hours=1)
        )

        assert store.dialogues.get(KEY) is None
        assert store.dialogues.get("console:Ola") is not None


def test_save_replaces(database: Database, staff: Staff) -> None:
    """Saving again for the same conversation replaces the payload, in one transaction too."""
    later = {"stage": "question", "missing": "date"}
    with database.store() as store:
        store.dialogues.save(KEY, staff.kari.id, PAYLOAD, NOW + dt.timedelta(minutes=5))
        assert store.dialogues.get(KEY, now=NOW) is not None
        store.dialogues.save(KEY, staff.kari.id, later, NOW + dt.timedelta(minutes=10))
        within_transaction = store.dialogues.get(KEY, now=NOW)
    with database.store() as store:
        afterwards = store.dialogues.get(KEY, now=NOW)

    assert within_transaction is not None
    assert within_transaction.payload == later
    assert afterwards == within_transaction


def test_conversations_kept_apart(database: Database, staff: Staff) -> None:
    """Another conversation key does not see the dialogue."""
    with database.store() as store:
        store.dialogues.save(KEY, staff.kari.id, PAYLOAD, NOW + dt.timedelta(minutes=10))
        assert store.dialogues.get("slack:T0NORDVIK:U07OLA999", now=NOW) is None


def test_clear(database: Database, staff: Staff) -> None:
    """Clearing removes the dialogue; clearing again returns False."""
    with database.store() as store:
        store.dialogues.save(KEY, staff.kari.id, PAYLOAD, NOW + dt.timedelta(minutes=10))
    with database.store() as store:
        first = store.dialogues.clear(KEY)
        second = store.dialogues.clear(KEY)
        remaining = store.dialogues.get(KEY, now=NOW)

    assert first is True
    assert second is False
    assert remaining is None


def test_purge_expired(database: Database, staff: Staff) -> None:
    """Purging deletes expired dialogues only and returns how many."""
    with database.store() as store:
        store.dialogues.save(KEY, staff.kari.id, PAYLOAD, NOW - dt.timedelta(minutes=1))
        store.dialogues.save("console:Ola", staff.ola.id, PAYLOAD, NOW + dt.timedelta(minutes=1))
    with database.store() as store:
        purged = store.dialogues.purge_expired(now=NOW)
        kept = store.dialogues.get("console:Ola", now=NOW)

    assert purged == 1
    assert kept is not None


def test_payload_and_key_stored_encrypted(database: Database, staff: Staff) -> None:
    """Neither the read-back text nor the chat user id in the key is readable in the table."""
    with database.store() as store:
        store.dialogues.save(KEY, staff.kari.id, PAYLOAD, NOW + dt.timedelta(minutes=10))
    with database.engine.connect() as connection:
        rows = connection.execute(text("SELECT * FROM pending_dialogues")).all()

    assert "sykefravær" not in repr(rows)
    assert "U07KARI123" not in repr(rows)


def test_naive_expiry_rejected(database: Database, staff: Staff) -> None:
    """An expiry without a time zone is rejected, because its instant would be a guess."""
    with database.store() as store, pytest.raises(ValueError, match="no time zone"):
        store.dialogues.save(KEY, staff.kari.id, PAYLOAD, dt.datetime(2027, 1, 6, 9, 10))


def test_unserialisable_payload_rejected(database: Database, staff: Staff) -> None:
    """A payload that JSON cannot represent raises TypeError."""
    with database.store() as store, pytest.raises(TypeError):
        store.dialogues.save(KEY, staff.kari.id, {"day": dt.date(2027, 1, 8)}, NOW)
