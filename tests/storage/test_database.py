"""Database set-up and transactions: commit on success, rollback on error."""

from __future__ import annotations

import threading
import time

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from core.units import Organisation
from storage.database import (
    DEFAULT_DATABASE_URL,
    Database,
    database_url_from_environment,
    normalise_url,
)
from tests.storage.storage_cast import Ward, new_employee


class DeliberateError(Exception):
    pass


def test_store_commits_on_success(database: Database) -> None:
    """Changes made in a store block are visible in the next one."""
    with database.store() as store:
        added = store.organisations.add_organisation(
            Organisation(id=0, name="Helse Nordvik HF"), actor_id=None
        )
    with database.store() as store:
        assert store.organisations.get_organisation(added.id) == added


def test_store_rolls_back_on_error(database: Database, ward: Ward) -> None:
    """An exception inside the block undoes every change of it, audit entries included."""
    with pytest.raises(DeliberateError), database.store() as store:
        store.employees.add(new_employee(ward.unit.id, "Per Haugen"), actor_id=None)
        raise DeliberateError

    with database.store() as store:
        assert store.employees.list_for_unit(ward.unit.id) == []
        assert store.audit.list(entity="employee") == []


def test_concurrent_read_then_write(database: Database) -> None:
    """Two transactions that each read and then write both commit; neither is rejected.

    A regression test: deferred SQLite transactions failed here with "database is locked".
    """
    first_has_read = threading.Event()
    errors: list[Exception] = []

    def read_then_write(name: str, wait_for_other: bool) -> None:
        try:
            if wait_for_other:
                first_has_read.wait(timeout=10)
            with database.store() as store:
                store.organisations.list_units()
                first_has_read.set()
                time.sleep(0.2)
                store.organisations.add_organisation(Organisation(0, name), actor_id=None)
        except Exception as error:  # collected for the assert, which names it
            errors.append(error)

    second = threading.Thread(target=read_then_write, args=("Sørlandet kommune", True))
    second.start()
    read_then_write("Helse Nordvik HF", False)
    second.join(timeout=30)

    assert errors == []
    with database.store() as store:
        assert len(store.audit.list(entity="organisation")) == 2


def test_foreign_keys_enforced(database: Database) -> None:
    """Both backends reject a row that refers to a missing parent, SQLite included."""
    with pytest.raises(IntegrityError), database.engine.begin() as connection:
        connection.execute(
            text("INSERT INTO employee_roles (employee_id, role) VALUES (424242, 'admin')")
        )


def test_errors_leave_out_bound_values(database: Database) -> None:
    """A failed statement's error, which may be logged, names no bound value."""
    with pytest.raises(IntegrityError) as raised, database.engine.begin() as connection:
        connection.execute(
            text("INSERT INTO employee_roles (employee_id, role) VALUES (:employee, :role)"),
            {"employee": 424242, "role": "secret-role-value"},
        )

    assert "secret-role-value" not in str(raised.value)


def test_postgresql_url_uses_psycopg() -> None:
    """A plain postgresql:// URL selects the installed psycopg 3 driver."""
    url = normalise_url("postgresql://vaktbot@127.0.0.1:5432/vaktbot")

    assert url.drivername == "postgresql+psycopg"


def test_database_url_from_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """VAKTBOT_DATABASE_URL is used when set, otherwise the SQLite default."""
    monkeypatch.delenv("VAKTBOT_DATABASE_URL", raising=False)
    assert database_url_from_environment() == DEFAULT_DATABASE_URL

    monkeypatch.setenv("VAKTBOT_DATABASE_URL", "sqlite:////tmp/annen.db")
    assert database_url_from_environment() == "sqlite:////tmp/annen.db"
