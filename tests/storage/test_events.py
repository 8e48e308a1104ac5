"""Event deduplication: a repeated delivery key is seen as a repeat, atomically."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from sqlalchemy import text

from storage.database import Database
from tests.storage.storage_cast import Staff, Ward, new_employee

KEY = "slack:Ev07ABCDEF"


def test_first_time_then_repeat(database: Database) -> None:
    """The first delivery of a key is new; the second, even in the same transaction, is not."""
    with database.store() as store:
        first = store.events.first_time(KEY)
        same_transaction = store.events.first_time(KEY)
    with database.store() as store:
        later_transaction = store.events.first_time(KEY)

    assert first is True
    assert same_transaction is False
    assert later_transaction is False


def test_repeat_keeps_transaction_usable(database: Database, ward: Ward) -> None:
    """After a duplicate key, the same transaction can still write and commit."""
    with database.store() as store:
        store.events.first_time(KEY)
    with database.store() as store:
        assert store.events.first_time(KEY) is False
        added = store.employees.add(new_employee(ward.unit.id, "Per Haugen"), actor_id=None)
    with database.store() as store:
        assert store.employees.get(added.id) == added


def test_rolled_back_key_is_new_again(database: Database) -> None:
    """A key recorded in a transaction that rolled back counts as new next time."""
    with pytest.raises(RuntimeError), database.store() as store:
        store.events.first_time(KEY)
        raise RuntimeError("handling the event failed")

    with database.store() as store:
        assert store.events.first_time(KEY) is True


def test_keys_stored_as_blind_index(database: Database) -> None:
    """The table holds no event key text, which might contain a chat user id."""
    with database.store() as store:
        store.events.first_time("teams:U07KARI123:activity-42")
    with database.engine.connect() as connection:
        rows = connection.execute(text("SELECT * FROM processed_events")).all()

    assert "U07KARI123" not in repr(rows)
    assert "activity-42" not in repr(rows)


def test_purge_before(database: Database) -> None:
    """Purging forgets keys received before the moment, so they count as new again."""
    with database.store() as store:
        store.events.first_time(KEY)
    tomorrow = dt.datetime.now(tz=dt.UTC) + dt.timedelta(days=1)
    with database.store() as store:
        purged = store.events.purge_before(tomorrow)
    with database.store() as store:
        again = store.events.first_time(KEY)

    assert purged == 1
    assert again is True


def test_purge_keeps_recent(database: Database) -> None:
    """Keys received after the moment are kept."""
    with database.store() as store:
        store.events.first_time(KEY)
    an_hour_ago = dt.datetime.now(tz=dt.UTC) - dt.timedelta(hours=1)
    with database.store() as store:
        assert store.events.purge_before(an_hour_ago) == 0
        assert store.events.first_time(KEY) is False


def test_concurrent_redelivery_counted_once(database: Database, staff: Staff) -> None:
    """Two transactions racing on one key: exactly one of them gets True."""
    first_inserted = threading.Event()
    results: dict[str, bool] = {}

    def second_delivery() -> None:
        first_inserted.wait(timeout=10)
        with database.store() as store:
            results["second"] = store.events.first_time(KEY)

    racer = threading.Thread(target=second_delivery)
    racer.start()
    with database.store() as store:
        results["first"] = store.events.first_time(KEY)
        first_inserted.set()
        # Hold the transaction open so that the second delivery has to wait for it.
        racer.join(timeout=0.5)
    racer.join(timeout=30)

    assert not racer.is_alive()
    assert results == {"first": True, "second": False}
