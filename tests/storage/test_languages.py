"""Chosen reply languages: one per employee, replacing the platform's language."""

from __future__ import annotations

import pytest

from storage.database import Database
from storage.errors import NotFoundError
from tests.storage.storage_cast import Staff


def test_no_choice_is_none(database: Database, staff: Staff) -> None:
    """An employee who never chose a language has none stored."""
    with database.store() as store:
        assert store.languages.chosen(staff.kari.id) is None


def test_choose_and_change(database: Database, staff: Staff) -> None:
    """The latest choice wins, and each employee has their own."""
    with database.store() as store:
        store.languages.choose(staff.kari.id, "nn", actor_id=staff.kari.id)
        store.languages.choose(staff.kari.id, "en", actor_id=staff.kari.id)
        store.languages.choose(staff.aase.id, "nn", actor_id=staff.aase.id)
    with database.store() as store:
        assert store.languages.chosen(staff.kari.id) == "en"
        assert store.languages.chosen(staff.aase.id) == "nn"
        assert store.languages.chosen(staff.ola.id) is None


def test_forget_choice(database: Database, staff: Staff) -> None:
    """Forgetting a choice leaves none; forgetting again returns False."""
    with database.store() as store:
        store.languages.choose(staff.kari.id, "nn", actor_id=None)

        assert store.languages.forget(staff.kari.id, actor_id=None) is True
        assert store.languages.chosen(staff.kari.id) is None
        assert store.languages.forget(staff.kari.id, actor_id=None) is False


def test_choice_for_missing_employee_raises(database: Database) -> None:
    """Only an existing employee can choose a language."""
    with database.store() as store, pytest.raises(NotFoundError):
        store.languages.choose(999, "nn", actor_id=None)


def test_choice_is_audited_once(database: Database, staff: Staff) -> None:
    """Choosing the same language twice records one audit entry."""
    with database.store() as store:
        store.languages.choose(staff.kari.id, "nn", actor_id=staff.kari.id)
        store.languages.choose(staff.kari.id, "nn", actor_id=staff.kari.id)
        entries = store.audit.list(entity="employee", entity_id=staff.kari.id)

    assert [entry.action for entry in entries].count("choose_language") == 1
