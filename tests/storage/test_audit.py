"""The audit log: entries in the change's transaction, filters, and no personal data."""

from __future__ import annotations

import datetime as dt

import pytest

from storage.audit import AuditLog
from storage.database import Database
from tests.storage.storage_cast import Staff


def test_record_and_list(database: Database) -> None:
    """A recorded entry comes back with its id, time and details."""
    before = dt.datetime.now(tz=dt.UTC)
    with database.store() as store:
        recorded = store.audit.record(7, "export", "employee", 12, {"format_version": 1})
    with database.store() as store:
        [listed] = store.audit.list(entity="employee", entity_id=12)

    assert listed == recorded
    assert listed.actor_id == 7
    assert listed.details == {"format_version": 1}
    assert listed.occurred_at >= before - dt.timedelta(seconds=1)
    assert listed.occurred_at.tzinfo is not None


def test_list_filters(database: Database) -> None:
    """Each filter narrows the list; entries come oldest first."""
    with database.store() as store:
        store.audit.record(1, "add", "roster", 5)
        store.audit.record(2, "set_status", "roster", 5)
        store.audit.record(1, "add", "roster", 6)
        store.audit.record(None, "add", "unit", 5, subject_employee_id=None)

    with database.store() as store:
        assert [entry.action for entry in store.audit.list(entity="roster", entity_id=5)] == [
            "add",
            "set_status",
        ]
        assert [entry.entity_id for entry in store.audit.list(actor_id=1)] == [5, 6]
        assert len(store.audit.list()) == 4


@pytest.mark.parametrize(
    "details",
    [{"name": "Kari Nordmann"}, {"Email": "kari@nordvik.example"}, {"changes": {"note": "..."}}],
    ids=["name", "email-any-case", "nested-note"],
)
def test_personal_keys_rejected(database: Database, details: dict[str, object]) -> None:
    """Details whose keys name a personal field are rejected, at any depth."""
    with database.store() as store, pytest.raises(ValueError, match="must not contain personal"):
        store.audit.record(None, "update", "employee", 1, details)


def test_log_is_append_only() -> None:
    """The audit log offers no way to change or remove entries."""
    public_methods = {name for name in dir(AuditLog) if not name.startswith("_")}

    assert public_methods == {"record", "list", "involving"}


def test_involving_lists_about_and_by(database: Database, staff: Staff) -> None:
    """involving() lists entries about an employee and entries they made."""
    with database.store() as store:
        store.audit.record(staff.kari.id, "add", "wish", 1, subject_employee_id=staff.kari.id)
        store.audit.record(
            staff.ingrid.id,
            "deactivate",
            "employee",
            staff.ola.id,
            subject_employee_id=staff.ola.id,
        )
        store.audit.record(staff.kari.id, "publish", "roster", 3)
        about_kari = store.audit.involving(staff.kari.id)

    assert [(entry.action, entry.entity) for entry in about_kari] == [
        ("add", "employee"),
        ("add", "wish"),
        ("publish", "roster"),
    ]
