"""Commands on a SQLite file that another process keeps locked say that it is busy."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

import storage.database
from tests.sqlite_locks import write_lock_held
from vaktbot.app import DATABASE_FILE
from vaktbot.cli import main
from vaktbot.demo import UNIT, fresh_database, seed_ward

BUSY_MESSAGE = (
    "vaktbot: Databasen er opptatt: en annen vaktbot-prosess holdt SQLite-filen låst i mer "
    "enn 0,2 sekunder, så ingenting ble endret. Kjør kommandoen igjen om litt.\n"
)


@pytest.fixture
def data_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    folder.mkdir()
    database = fresh_database(folder)
    seed_ward(database, dt.date(2027, 1, 6))
    database.dispose()
    return folder


def test_locked_database_is_busy_not_unopenable(
    data_folder: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """`export roster` on a locked file names the lock, not the folder or its permissions."""
    monkeypatch.setattr(storage.database, "SQLITE_BUSY_TIMEOUT_SECONDS", 0.2)
    arguments = ["export", "roster", "--unit", UNIT, "--out", str(tmp_path / "turnus.csv")]
    capsys.readouterr()

    with write_lock_held(data_folder / DATABASE_FILE):
        exit_code = main([*arguments, "--data", str(data_folder), "--today", "2027-01-06"])

    assert exit_code == 2
    assert capsys.readouterr().err == BUSY_MESSAGE
