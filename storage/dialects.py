"""Statements whose SQL differs between the supported backends, SQLite and PostgreSQL."""

from __future__ import annotations

from typing import Any, cast

from sqlalchemy import CursorResult, Executable
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session


def upsert_insert(session: Session, table: Any) -> sqlite.Insert | postgresql.Insert:
    """Return an INSERT for `table` that supports ON CONFLICT on the session's backend.

    Both backends spell the clause the same way (SQLite since 3.24), but SQLAlchemy
    builds it only from the dialect's own `insert`.
    """
    dialect_name = session.get_bind().dialect.name
    if dialect_name == "sqlite":
        return sqlite.insert(table)
    if dialect_name == "postgresql":
        return postgresql.insert(table)
    raise NotImplementedError(f"ON CONFLICT is not implemented for the {dialect_name} backend")


def execute_for_rowcount(session: Session, statement: Executable) -> int:
    """Execute an INSERT, UPDATE or DELETE and return the number of rows it changed."""
    result = session.execute(statement)
    return int(cast(CursorResult[Any], result).rowcount)
