"""Alembic migrations: they build exactly the schema the models describe, on both backends."""

from __future__ import annotations

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
