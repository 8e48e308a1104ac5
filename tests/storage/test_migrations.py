"""Alembic migrations: they build exactly the schema the models describe, on both backends."""

from __future__ import annotations

import logging
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect

from storage.database import (
    MIGRATIONS_DIRECTORY,
    Database,
    alembic_config,
    create_database_engine,
    downgrade_engine,
    upgrade,
)
from storage.models import Base


def test_migrated_schema_matches_models(database: Database) -> None:
    """Autogenerate finds no difference between the migrated database and the models."""
    with database.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        differences = compare_metadata(context, Base.metadata)

    assert differences == []


def test_upgrade_records_head_revision(database: Database) -> None:
    """After upgrade the database is at the newest revision of the scripts."""
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    with database.engine.connect() as connection:
        current = MigrationContext.configure(connection).get_current_revision()

    assert current == head


def test_upgrade_twice_changes_nothing(database: Database) -> None:
    """Upgrading an up-to-date database is a no-op, not an error."""
    database.upgrade()

    with database.engine.connect() as connection:
        table_names = set(inspect(connection).get_table_names())
    assert set(Base.metadata.tables) <= table_names


def test_downgrade_then_upgrade(database: Database) -> None:
    """Downgrading to base drops every table, and upgrading rebuilds them."""
    downgrade_engine(database.engine, "base")
    with database.engine.connect() as connection:
        left_over = set(inspect(connection).get_table_names()) & set(Base.metadata.tables)
    assert left_over == set()

    database.upgrade()
    with database.engine.connect() as connection:
        rebuilt = set(inspect(connection).get_table_names())
    assert set(Base.metadata.tables) <= rebuilt


def test_upgrade_from_another_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, database_url: str
) -> None:
    """upgrade(url) finds the migrations inside the package from any working folder."""
    monkeypatch.chdir(tmp_path)

    upgrade(database_url)

    engine = create_database_engine(database_url)
    try:
        with engine.connect() as connection:
            assert "employees" in inspect(connection).get_table_names()
    finally:
        engine.dispose()


def test_migrations_live_in_the_package() -> None:
    """The script location is the package's own migrations folder, as an absolute path."""
    location = Path(alembic_config().get_main_option("script_location") or "")

    assert location == MIGRATIONS_DIRECTORY
    assert location.is_absolute()
    assert (location / "env.py").is_file()
    assert (location / "script.py.mako").is_file()


class RootRecords(logging.Handler):
    """Collect the records that reach the root logger's handlers, as a configured server's do.

    pytest's `caplog` also listens on loggers that do not propagate, such as Alembic's,
    so it would show records that a server's log never receives.
    """

    def __init__(self) -> None:
        super().__init__()
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@pytest.fixture
def root_records() -> Iterator[RootRecords]:
    root = logging.getLogger()
    collected = RootRecords()
    level = root.level
    root.addHandler(collected)
    root.setLevel(logging.DEBUG)
    yield collected
    root.removeHandler(collected)
    root.setLevel(level)


def test_upgrade_logs_one_info_line(
    database_url: str, root_records: RootRecords
) -> None:
    """Migrating an empty database logs one info line, with the revision ids only."""
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()

    upgrade(database_url)

    info_lines = [record.getMessage() for record in root_records.records
                  if record.levelno >= logging.INFO]
    assert info_lines == [f"database schema upgraded from revision base to {head}"]


def test_upgrade_logs_alembic_lines_at_debug(
    database_url: str, root_records: RootRecords
) -> None:
    """Alembic's own lines about each migration reach the log at debug."""
    upgrade(database_url)

    debug_lines = [record.getMessage() for record in root_records.records
                   if record.levelno == logging.DEBUG and record.name == "storage.migrations"]
    assert any("Running upgrade" in line for line in debug_lines)


def test_importing_storage_logs_nothing_at_info() -> None:
    """Importing Alembic through `storage` does not log its plugin set-up at info."""
    program = ("import logging; logging.basicConfig(level=logging.INFO); "
               "import storage.database")

    finished = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True,
                              check=True, cwd=Path(__file__).resolve().parents[2])

    assert finished.stderr == ""
