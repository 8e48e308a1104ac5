"""Alembic environment of vaktbot's schema.

`storage.database.upgrade` passes an open connection in `config.attributes`. Run
from the command line, the URL comes from `sqlalchemy.url` or VAKTBOT_DATABASE_URL.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection

from storage.database import create_database_engine, database_url_from_environment
from storage.models import Base


def run_migrations(connection: Connection) -> None:
    # Batch mode lets later migrations alter tables on SQLite, which has no ALTER COLUMN.
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=True,
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_online() -> None:
    connection = context.config.attributes.get("connection")
    if connection is not None:
        run_migrations(connection)
        return
    url = context.config.get_main_option("sqlalchemy.url") or database_url_from_environment()
    engine = create_database_engine(url)
    try:
        with engine.connect() as new_connection:
            run_migrations(new_connection)
    finally:
        engine.dispose()


def run_offline() -> None:
    url = context.config.get_main_option("sqlalchemy.url") or database_url_from_environment()
    context.configure(url=url, target_metadata=Base.metadata, literal_binds=True)
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    run_offline()
else:
    run_online()
