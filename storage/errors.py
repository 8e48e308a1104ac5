"""Errors that the repositories raise, apart from database driver errors."""

from __future__ import annotations


class StorageError(Exception):
    """Base of the errors raised by `storage` itself."""


class NotFoundError(StorageError, LookupError):
    """A change named a row that does not exist."""

    def __init__(self, entity: str, entity_id: int | str) -> None:
        super().__init__(f"{entity} {entity_id} not found")
        self.entity = entity
        self.entity_id = entity_id


class AmbiguousMatchError(StorageError, LookupError):
    """A lookup that must find at most one row found several."""

    def __init__(self, entity: str, matching_ids: list[int]) -> None:
        ids = ", ".join(str(matching_id) for matching_id in matching_ids)
        super().__init__(f"several {entity} rows match: ids {ids}")
        self.entity = entity
        self.matching_ids = matching_ids


class DuplicateError(StorageError, ValueError):
    """A value to insert clashes with an existing one that must be unique."""
