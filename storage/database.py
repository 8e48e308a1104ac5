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
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import OperationalError
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


# How long a transaction waits for another one's write lock before SQLite raises
# "database is locked". Transactions other than migrations last milliseconds, so
# reaching this limit means something holds the lock far too long.
SQLITE_BUSY_TIMEOUT_SECONDS = 10.0
# The database file holds encrypted personal data and chat ids, so only its owner
# may read it. SQLite gives its -wal and -shm files the mode of the database file.
SQLITE_FILE_MODE = 0o600


def create_database_engine(url: str | URL) -> Engine:
    """Create an engine; for SQLite, with foreign keys on, real transactions and WAL.

    The engine leaves bound values out of its error messages, which reach the logs:
    they can contain chat ids and message text.
    """
    parsed = normalise_url(url)
    if parsed.get_backend_name() != "sqlite":
        return create_engine(parsed, hide_parameters=True)

    create_private_sqlite_file(parsed)
    engine = create_engine(
        parsed, hide_parameters=True, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_SECONDS}
    )
    _configure_sqlite(engine)
    return engine


def sqlite_file_path(url: URL) -> Path | None:
    """Return the file of a SQLite URL, or None for an in-memory database or a `file:` URI."""
    database = url.database or ""
    if database in ("", ":memory:") or database.startswith("file:"):
        return None
    return Path(database)


def create_private_sqlite_file(url: URL) -> None:
    """Create a missing SQLite database file readable by its owner only.

    SQLite itself would create it with the umask's mode, commonly 0644. An existing
    file keeps its mode, because the operator may have chosen it. A missing folder
    is left for SQLite to report when it opens the file.
    """
    path = sqlite_file_path(url)
    if path is None or not path.parent.is_dir():
        return
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, SQLITE_FILE_MODE)
    except FileExistsError:
        return
    except OSError as error:
        logger.debug("not creating the SQLite file in advance: %s", type(error).__name__)
        return
    os.close(descriptor)


def _configure_sqlite(engine: Engine) -> None:
    # Python's sqlite3 module begins transactions late and on its own, which breaks
    # SAVEPOINT and transactional DDL. Turning its handling off and emitting BEGIN
    # ourselves is the recipe of SQLAlchemy's SQLite dialect documentation.
    # BEGIN IMMEDIATE takes the write lock at the start: a transaction that read and
    # then writes would otherwise fail at once with "database is locked" when another
    # one writes, because SQLite does not wait when upgrading a read lock. Immediate
    # transactions queue for the lock (up to SQLITE_BUSY_TIMEOUT_SECONDS) instead.
    # WAL lets a plain reader, such as the sqlite3 shell or a backup, read while a
    # transaction writes. vaktbot's own transactions all begin IMMEDIATE, so they
    # still take turns for the write lock, which is why none may stay open for long.
    @event.listens_for(engine, "connect")
    def on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def on_begin(connection: Any) -> None:
        connection.exec_driver_sql("BEGIN IMMEDIATE")


def is_database_busy(error: BaseException) -> bool:
    """Tell whether `error` is SQLite's "database is locked" after the busy timeout.

    Another transaction held the write lock for longer than SQLITE_BUSY_TIMEOUT_SECONDS.
    The failed transaction was rolled back, so the same work may simply be tried again.
    """
    if not isinstance(error, OperationalError):
        return False
    original = error.orig
    if not isinstance(original, sqlite3.OperationalError):
        return False
    return str(original).startswith(("database is locked", "database is busy"))


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
