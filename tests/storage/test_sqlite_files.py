"""The SQLite file: owner-only modes, WAL, and a lock held too long told from other failures."""

from __future__ import annotations

import sqlite3
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import OperationalError

import storage.database
from core.units import Organisation
from storage.crypto import FieldCipher
from storage.database import Database, is_database_busy
from tests.sqlite_locks import write_lock_held


def file_mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def new_database(tmp_path: Path, cipher: FieldCipher) -> Iterator[Database]:
    database = Database(f"sqlite:///{tmp_path / 'vaktbot.db'}", cipher)
    database.upgrade()
    yield database
    database.dispose()


def test_new_database_file_is_owner_only(new_database: Database, tmp_path: Path) -> None:
    """A new database file and its WAL files are readable by their owner only."""
    with new_database.store() as store:
        store.organisations.add_organisation(Organisation(0, "Helse Nordvik HF"), actor_id=None)
        wal_file = tmp_path / "vaktbot.db-wal"
        shared_memory_file = tmp_path / "vaktbot.db-shm"

        assert file_mode(tmp_path / "vaktbot.db") == 0o600
        assert file_mode(wal_file) == 0o600
        assert file_mode(shared_memory_file) == 0o600


def test_existing_file_keeps_its_mode(tmp_path: Path, cipher: FieldCipher) -> None:
    """A database file the operator created keeps the mode they gave it."""
    database_file = tmp_path / "vaktbot.db"
    database_file.touch()
    database_file.chmod(0o640)

    database = Database(f"sqlite:///{database_file}", cipher)
    database.upgrade()
    database.dispose()

    assert file_mode(database_file) == 0o640


def test_journal_mode_is_wal(new_database: Database) -> None:
    """The database uses write-ahead logging, so reading never waits for a writer."""
    with new_database.engine.connect() as connection:
        journal_mode = connection.execute(text("PRAGMA journal_mode")).scalar()

    assert journal_mode == "wal"


def test_reader_outside_vaktbot_reads_during_write(new_database: Database, tmp_path: Path) -> None:
    """Another process reads the file while a vaktbot transaction holds the write lock."""
    with new_database.store() as store:
        store.organisations.add_organisation(Organisation(0, "Helse Nordvik HF"), actor_id=None)

    with new_database.store() as store:
        store.organisations.add_organisation(Organisation(0, "Sørlandet kommune"), actor_id=None)
        reader = sqlite3.connect(tmp_path / "vaktbot.db", timeout=0)
        committed = reader.execute("SELECT count(*) FROM organisations").fetchone()
        reader.close()

    assert committed == (1,)


def test_lock_held_too_long_is_busy(
    new_database: Database, tmp_path: Path, cipher: FieldCipher, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A transaction that waited out the busy timeout raises an error recognised as busy."""
    monkeypatch.setattr(storage.database, "SQLITE_BUSY_TIMEOUT_SECONDS", 0.2)
    waiting = Database(f"sqlite:///{tmp_path / 'vaktbot.db'}", cipher)

    with (
        write_lock_held(tmp_path / "vaktbot.db"),
        pytest.raises(OperationalError) as raised,
        waiting.store() as store,
    ):
        store.organisations.list_units()
    waiting.dispose()

    assert is_database_busy(raised.value)


def test_other_database_errors_are_not_busy(new_database: Database) -> None:
    """An error that is not about the lock is not taken for a busy database."""
    with pytest.raises(OperationalError) as raised, new_database.engine.connect() as connection:
        connection.execute(text("SELECT * FROM no_such_table"))

    assert not is_database_busy(raised.value)
    assert not is_database_busy(ValueError("database is locked"))
