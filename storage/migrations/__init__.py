"""Alembic revisions of vaktbot's schema, and where Alembic's log records go.

Alembic logs at info each plugin it sets up when it is imported, and each
migration it runs with the migration's description. Importing this package
routes those records to this package's logger at debug, so that a server's info
log carries only the one line with the revision ids that `storage.database`
writes. Alembic's warnings and errors keep their level.
"""

from __future__ import annotations

import logging

logger = logging.getLogger(__name__)


class AlembicRelay(logging.Handler):
    """Pass Alembic's records on to this package's logger, info and below at debug."""

    def emit(self, record: logging.LogRecord) -> None:
        level = logging.DEBUG if record.levelno <= logging.INFO else record.levelno
        logger.log(level, "%s: %s", record.name, record.getMessage())


def relay_alembic_logs() -> None:
    """Route the "alembic" logger through `AlembicRelay` instead of the root handlers."""
    alembic_logger = logging.getLogger("alembic")
    if not any(isinstance(handler, AlembicRelay) for handler in alembic_logger.handlers):
        alembic_logger.addHandler(AlembicRelay())
    alembic_logger.propagate = False


# Alembic logs while it is imported, so the relay is in place before `storage.database`
# imports it: the `storage` package imports this package first.
relay_alembic_logs()
