"""A message that meets a long-held database lock is answered «prøv igjen om litt»."""

from __future__ import annotations

from pathlib import Path

import pytest

import storage.database
from core.messages import ReplyKind
from tests.core.ward_cast import SeededWard, texts
from tests.sqlite_locks import write_lock_held

BUSY_TEXT = (
    "Jeg er opptatt med annet arbeid akkurat nå, så meldingen din ble ikke behandlet, "
    "og ingenting ble endret. Prøv igjen om litt."
)


@pytest.fixture
def short_busy_timeout(monkeypatch: pytest.MonkeyPatch) -> None:
    """Give up on the lock after a fifth of a second, so the test does not wait ten."""
    monkeypatch.setattr(storage.database, "SQLITE_BUSY_TIMEOUT_SECONDS", 0.2)


def ward_file(ward: SeededWard) -> Path:
    return Path(str(ward.database.url.database))


def absences_count(ward: SeededWard) -> int:
    with ward.database.store() as store:
        return len(store.absences.list_absences(unit_id=ward.unit.id))


def test_locked_database_asks_to_retry(short_busy_timeout: None, test_ward: SeededWard) -> None:
    """A «ja» that cannot get the lock is answered with «Prøv igjen om litt»."""
    test_ward.say("Kari Nordmann", "Jeg er syk i morgen")

    with write_lock_held(ward_file(test_ward)):
        outcome = test_ward.say("Kari Nordmann", "ja")

    (reply,) = outcome.replies
    assert reply.kind == ReplyKind.ERROR
    assert reply.text == BUSY_TEXT
    assert absences_count(test_ward) == 0


def test_retry_after_lock_confirms(short_busy_timeout: None, test_ward: SeededWard) -> None:
    """The read-back survives the locked «ja», so sending «ja» again registers the absence."""
    test_ward.say("Kari Nordmann", "Jeg er syk i morgen")
    with write_lock_held(ward_file(test_ward)):
        test_ward.say("Kari Nordmann", "ja")

    outcome = test_ward.say("Kari Nordmann", "ja")

    assert texts(outcome)[0].startswith("Registrert: sykefravær")
    assert absences_count(test_ward) == 1


def test_busy_log_names_ids_only(
    short_busy_timeout: None, test_ward: SeededWard, caplog: pytest.LogCaptureFixture
) -> None:
    """The error log line carries an error id and the event id, and no message text."""
    with write_lock_held(ward_file(test_ward)):
        test_ward.say("Kari Nordmann", "Jeg er syk i morgen")

    logged = [record.getMessage() for record in caplog.records if record.levelname == "ERROR"]
    assert len(logged) == 1
    assert "stayed locked" in logged[0]
    assert "syk" not in logged[0]
