"""The database: engine set-up, migrations, and one `Store` per transaction.

    database = Database("sqlite:///vaktbot.db", FieldCipher.from_environment())
    database.upgrade()
    with database.store() as store:
        unit = store.organisations.get_unit(1)

SQLite is the default; PostgreSQL 15 or newer works with the same code. A URL
`postgresql://…` uses the psycopg 3 driver.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.orm import Session

from storage.crypto import FieldCipher
from storage.store import Store

logger = logging.getLogger(__name__)

DATABASE_URL_VARIABLE = "VAKTBOT_DATABASE_URL"
DEFAULT_DATABASE_URL = "sqlite:///vaktbot.db"
MIGRATIONS_DIRECTORY = Path(__file__).resolve().parent / "migrations"


def database_url_from_environment() -> str:
    """Return VAKTBOT_DATABASE_URL, or the SQLite file vaktbot.db in the current folder."""
    return os.environ.get(DATABASE_URL_VARIABLE, "").strip() or DEFAULT_DATABASE_URL


def normalise_url(url: str | URL) -> URL:
    """Parse `url`, choosing the psycopg 3 driver for a plain `postgresql` URL."""
    parsed = make_url(url)
    if parsed.drivername == "postgresql":
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed


def create_database_engine(url: str | URL) -> Engine:
    """Create an engine; for SQLite, with foreign keys on and real transactions."""
    parsed = normalise_url(url)
    engine = create_engine(parsed)
    if parsed.get_backend_name() == "sqlite":
        _configure_sqlite(engine)
    return engine


def _configure_sqlite(engine: Engine) -> None:
    # Python's sqlite3 module begins transactions late and on its own, which breaks
    # SAVEPOINT and transactional DDL. Turning its handling off and emitting BEGIN
    # ourselves is the recipe of SQLAlchemy's SQLite dialect documentation.
    # BEGIN IMMEDIATE takes the write lock at the start: a transaction that read and
    # then writes would otherwise fail at once with "database is locked" when another
    # one writes, because SQLite does not wait when upgrading a read lock. Immediate
    # transactions queue for the lock (up to the driver's 5-second timeout) instead.
    @event.listens_for(engine, "connect")
    def on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def on_begin(connection: Any) -> None:
        connection.exec_driver_sql("BEGIN IMMEDIATE")


def alembic_config() -> Config:
    """Return an Alembic configuration for the migrations inside this package."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIRECTORY))
    return config


def upgrade_engine(
    engine: Engine, revision: str = "head", *, cipher: FieldCipher | None = None
) -> None:
    """Apply the migrations up to `revision` in one transaction and log the revision ids.

    Migrations that encrypt existing values use `cipher`. Without it they raise
    KeyConfigurationError when there is a row to encrypt, and nothing is applied.
    """
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        config.attributes["cipher"] = cipher
        before = _current_revision(connection) or "base"
        command.upgrade(config, revision)
        after = _current_revision(connection) or "base"
    if before == after:
        logger.info("database schema is up to date at revision %s", after)
    else:
        logger.info("database schema upgraded from revision %s to %s", before, after)


def downgrade_engine(engine: Engine, revision: str, *, cipher: FieldCipher | None = None) -> None:
    """Revert the migrations down to `revision` ("base" drops every table).

    Migrations that decrypt values on the way down need `cipher`, as in `upgrade_engine`.
    """
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        config.attributes["cipher"] = cipher
        before = _current_revision(connection) or "base"
        command.downgrade(config, revision)
        after = _current_revision(connection) or "base"
    logger.info("database schema downgraded from revision %s to %s", before, after)


def _current_revision(connection: Connection) -> str | None:
    """Return the revision id the database is at, or None before the first migration."""
    return MigrationContext.configure(connection).get_current_revision()


def upgrade(url: str | URL, revision: str = "head", *, cipher: FieldCipher | None = None) -> None:
    """Apply the migrations up to `revision` to the database at `url` (see `upgrade_engine`)."""
    engine = create_database_engine(url)
    try:
        upgrade_engine(engine, revision, cipher=cipher)
    finally:
        engine.dispose()


class Database:
    """A database and the cipher of its personal fields."""

    def __init__(self, url: str | URL, cipher: FieldCipher) -> None:
        self.url = normalise_url(url)
        self.engine = create_database_engine(self.url)
        self.cipher = cipher

    def upgrade(self, revision: str = "head") -> None:
        upgrade_engine(self.engine, revision, cipher=self.cipher)

    def downgrade(self, revision: str) -> None:
        downgrade_engine(self.engine, revision, cipher=self.cipher)

    @contextmanager
    def store(self) -> Iterator[Store]:
        """Yield a Store on one transaction: committed on exit, rolled back on an exception."""
        with Session(self.engine) as session, session.begin():
            yield Store(session, self.cipher)

    def dispose(self) -> None:
        """Close the pooled connections."""
        self.engine.dispose()
