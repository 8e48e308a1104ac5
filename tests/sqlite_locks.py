"""Holding a SQLite file's write lock from outside vaktbot, as a second process would."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def write_lock_held(database_file: Path) -> Iterator[None]:
    """Hold the write lock of `database_file` from another connection inside the block."""
    other = sqlite3.connect(database_file, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        yield
    finally:
        other.execute("ROLLBACK")
        other.close()
