"""Persistence of vaktbot's domain: SQLAlchemy models, Alembic migrations, repositories.

Repositories return the frozen dataclasses of `core` (and of `storage.values`), never
ORM objects. Personal fields are encrypted with `storage.crypto.FieldCipher`.
"""

from __future__ import annotations

# First, so that Alembic's import-time log records go to debug (see storage.migrations).
from storage import migrations  # noqa: F401
from storage.crypto import (
    DecryptionError,
    FieldCipher,
    KeyConfigurationError,
    load_or_create_key_file,
)
from storage.database import Database, database_url_from_environment, upgrade
from storage.errors import AmbiguousMatchError, DuplicateError, NotFoundError, StorageError
from storage.store import Store
from storage.values import AuditEntry, ChatIdentity, PendingDialogue

__all__ = [
    "AmbiguousMatchError",
    "AuditEntry",
    "ChatIdentity",
    "Database",
    "DecryptionError",
    "DuplicateError",
    "FieldCipher",
    "KeyConfigurationError",
    "NotFoundError",
    "PendingDialogue",
    "StorageError",
    "Store",
    "database_url_from_environment",
    "load_or_create_key_file",
    "upgrade",
]
