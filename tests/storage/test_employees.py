"""The employee repository: encrypted profiles, lookups by name and e-mail, roles, audit."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from sqlalchemy import text

from core.employees import Employee, Position, Role
from core.units import Organisation, Unit
from storage.crypto import DecryptionError, FieldCipher, generate_key
from storage.database import Database
from storage.errors import NotFoundError
from tests.storage.storage_cast import Staff, Ward, new_employee


def test_add_assigns_id_and_round_trips(database: Database, ward: Ward) -> None:
    """An added employee comes back from get() equal to what was stored, with a new id."""
    employee = new_employee(
        ward.unit.id,
        "Kari Nordmann",
        email="kari.nordmann@nordvik.example",
        competences=frozenset({"medisinansvar", "diabetes"}),
        roles=frozenset({Role.EMPLOYEE, Role.PLANNER}),
        position=Position.SPECIALIST_NURSE,
        position_percent=60,
    )
    with database.store() as store:
        added = store.employees.add(employee, actor_id=None)
    with database.store() as store:
        fetched = store.employees.get(added.id)

    assert added.id > 0
    assert added == dataclasses.replace(employee, id=added.id)
    assert fetched == added


def test_add_rejects_nonzero_id(database: Database, ward: Ward) -> None:
    """A new employee must come with id 0, because the database assigns ids."""
    employee = dataclasses.replace(new_employee(ward.unit.id, "Per Haugen"), id=7)

    with database.store() as store, pytest.raises(ValueError, match="must have id 0"):
        store.employees.add(employee, actor_id=None)


def test_add_to_unknown_unit_raises(database: Database, ward: Ward) -> None:
    """Adding an employee to a unit that does not exist raises NotFoundError."""
    with database.store() as store, pytest.raises(NotFoundError, match="unit 999"):
        store.employees.add(new_employee(999, "Per Haugen"), actor_id=None)


def test_get_unknown_returns_none(database: Database, ward: Ward) -> None:
    """get() of an id that does not exist returns None."""
    with database.store() as store:
        assert store.employees.get(12345) is None


def test_list_for_unit_skips_inactive(database: Database, staff: Staff, ward: Ward) -> None:
    """Deactivated employees are listed only when active_only is False."""
    with database.store() as store:
        store.employees.deactivate(staff.ola.id, actor_id=staff.ingrid.id)
    with database.store() as store:
        active = store.employees.list_for_unit(ward.unit.id)
        everyone = store.employees.list_for_unit(ward.unit.id, active_only=False)

    assert [employee.id for employee in active] == [staff.kari.id, staff.aase.id, staff.ingrid.id]
    assert [employee.id for employee in everyone] == [
        staff.kari.id,
        staff.ola.id,
        staff.aase.id,
        staff.ingrid.id,
    ]


@pytest.mark.parametrize(
    "written",
    ["Kari Nordmann", "kari nordmann", "  KARI   NORDMANN "],
    ids=["exact", "lower-case", "upper-case-spaces"],
)
def test_find_by_name_ignores_case_and_spacing(
    database: Database, staff: Staff, ward: Ward, written: str
) -> None:
    """A name matches whatever its letter case and spacing."""
    with database.store() as store:
        found = store.employees.find_by_name(ward.unit.id, written)

    assert found == [staff.kari]


def test_find_by_name_norwegian_letters(database: Database, staff: Staff, ward: Ward) -> None:
    """Æ, Ø and Å match their lower-case forms."""
    with database.store() as store:
        found = store.employees.find_by_name(ward.unit.id, "åse ødegård")

    assert found == [staff.aase]


def test_find_by_name_is_exact(database: Database, staff: Staff, ward: Ward) -> None:
    """A first name alone is not a match."""
    with database.store() as store:
        assert store.employees.find_by_name(ward.unit.id, "Kari") == []


def test_find_by_name_returns_namesakes(database: Database, staff: Staff, ward: Ward) -> None:
    """Two people with the same name are both returned, so the caller can ask which."""
    with database.store() as store:
        namesake = store.employees.add(
            new_employee(ward.unit.id, "Kari Nordmann", position_percent=50), actor_id=None
        )
        found = store.employees.find_by_name(ward.unit.id, "Kari Nordmann")

    assert [employee.id for employee in found] == [staff.kari.id, namesake.id]


def test_find_by_name_other_unit_not_found(database: Database, staff: Staff, ward: Ward) -> None:
    """A name is looked up within one unit only."""
    with database.store() as store:
        other_unit = store.organisations.add_unit(
            dataclasses.replace(ward.unit, id=0, name="Kirurgisk sengepost 5"), actor_id=None
        )
        assert store.employees.find_by_name(other_unit.id, "Kari Nordmann") == []


@pytest.mark.parametrize(
    "written",
    [
        "kari.nordmann@nordvik.example",
        "Kari.Nordmann@Nordvik.EXAMPLE",
        " kari.nordmann@nordvik.example ",
    ],
    ids=["exact", "mixed-case", "spaces"],
)
def test_find_by_email(database: Database, staff: Staff, written: str) -> None:
    """The blind index finds an employee by e-mail, ignoring case and surrounding spaces."""
    with database.store() as store:
        assert store.employees.find_by_email(written) == staff.kari


def test_find_by_email_unknown(database: Database, staff: Staff) -> None:
    """An address nobody has returns None."""
    with database.store() as store:
        assert store.employees.find_by_email("per.haugen@nordvik.example") is None


def test_find_by_email_prefers_active(database: Database, staff: Staff, ward: Ward) -> None:
    """When a former employee's address is reused, the active employee is found."""
    with database.store() as store:
        store.employees.deactivate(staff.kari.id, actor_id=None)
        successor = store.employees.add(
            new_employee(ward.unit.id, "Kari Nordmann Berg", email=staff.kari.email),
            actor_id=None,
        )
        found = store.employees.find_by_email("kari.nordmann@nordvik.example")

    assert found is not None
    assert found.id == successor.id


def test_find_all_by_email(database: Database, staff: Staff, ward: Ward) -> None:
    """Every employee with the address comes back, former ones too, oldest first."""
    with database.store() as store:
        store.employees.deactivate(staff.kari.id, actor_id=None)
        successor = store.employees.add(
            new_employee(ward.unit.id, "Kari Nordmann Berg", email=staff.kari.email),
            actor_id=None,
        )
        found = store.employees.find_all_by_email(" KARI.NORDMANN@nordvik.example ")

    assert [employee.id for employee in found] == [staff.kari.id, successor.id]
    assert [employee.active for employee in found] == [False, True]


def test_find_all_by_email_unknown(database: Database, staff: Staff) -> None:
    """An address nobody has gives an empty list."""
    with database.store() as store:
        assert store.employees.find_all_by_email("per.haugen@nordvik.example") == []


def test_update_roles(database: Database, staff: Staff) -> None:
    """update_roles replaces the roles, keeping unchanged ones."""
    with database.store() as store:
        updated = store.employees.update_roles(
            staff.kari.id, {Role.EMPLOYEE, Role.PLANNER}, actor_id=staff.ingrid.id
        )
    with database.store() as store:
        fetched = store.employees.get(staff.kari.id)

    assert updated.roles == frozenset({Role.EMPLOYEE, Role.PLANNER})
    assert fetched == updated


def test_update_roles_unknown_employee(database: Database, staff: Staff) -> None:
    """Changing the roles of an unknown employee raises NotFoundError."""
    with database.store() as store, pytest.raises(NotFoundError, match="employee 999"):
        store.employees.update_roles(999, {Role.ADMIN}, actor_id=None)


def test_update_rewrites_profile(database: Database, staff: Staff) -> None:
    """update() stores a corrected name and e-mail, and the new e-mail is findable."""
    corrected = dataclasses.replace(
        staff.kari, name="Kari Nordmann Lie", email="kari.lie@nordvik.example", position_percent=90
    )
    with database.store() as store:
        store.employees.update(corrected, actor_id=staff.kari.id)
    with database.store() as store:
        assert store.employees.get(staff.kari.id) == corrected
        assert store.employees.find_by_email("kari.lie@nordvik.example") == corrected
        assert store.employees.find_by_email("kari.nordmann@nordvik.example") is None


def test_deactivate_keeps_row(database: Database, staff: Staff) -> None:
    """A deactivated employee still exists, marked inactive."""
    with database.store() as store:
        store.employees.deactivate(staff.ola.id, actor_id=staff.ingrid.id)
    with database.store() as store:
        fetched = store.employees.get(staff.ola.id)

    assert fetched == dataclasses.replace(staff.ola, active=False)


def test_every_change_audited(database: Database, staff: Staff) -> None:
    """Adding, re-roling and deactivating an employee each leave one audit entry."""
    with database.store() as store:
        store.employees.update_roles(staff.ola.id, {Role.EMPLOYEE}, actor_id=staff.ingrid.id)
        store.employees.deactivate(staff.ola.id, actor_id=staff.ingrid.id)
    with database.store() as store:
        entries = store.audit.list(entity="employee", entity_id=staff.ola.id)

    assert [entry.action for entry in entries] == ["add", "update_roles", "deactivate"]
    assert [entry.actor_id for entry in entries] == [None, staff.ingrid.id, staff.ingrid.id]
    assert {entry.subject_employee_id for entry in entries} == {staff.ola.id}


def test_audit_details_hold_no_personal_data(database: Database, staff: Staff) -> None:
    """The audit entry of an added employee names neither the person nor the e-mail."""
    with database.store() as store:
        entries = store.audit.list(entity="employee", entity_id=staff.kari.id)

    assert entries[0].details["position"] == "sykepleier"
    assert "Kari" not in repr(entries[0].details)
    assert "nordvik.example" not in repr(entries[0].details)


def test_no_plaintext_in_rows(database: Database, staff: Staff) -> None:
    """No column of the employees table contains a name or e-mail in clear text."""
    with database.engine.connect() as connection:
        rows = connection.execute(text("SELECT * FROM employees")).all()
    stored = repr(rows)

    assert len(rows) == 4
    for secret in ("Kari", "Nordmann", "Åse", "Ødegård", "kari.nordmann", "nordvik.example"):
        assert secret not in stored


def test_no_plaintext_in_sqlite_file(tmp_path: Path, cipher: FieldCipher) -> None:
    """The SQLite file on disk contains no name or e-mail, in UTF-8 or UTF-16."""
    database_file = tmp_path / "on-disk.db"
    database = Database(f"sqlite:///{database_file}", cipher)
    database.upgrade()
    with database.store() as store:
        organisation = store.organisations.add_organisation(
            Organisation(id=0, name="Helse Nordvik HF"), actor_id=None
        )
        unit = store.organisations.add_unit(
            Unit(id=0, organisation_id=organisation.id, name="Sengepost 3"), actor_id=None
        )
        store.employees.add(
            new_employee(unit.id, "Åse Ødegård", email="ase.odegard@nordvik.example"),
            actor_id=None,
        )
    database.dispose()
    content = database_file.read_bytes()

    for secret in ("Åse Ødegård", "Ødegård", "ase.odegard", "nordvik.example"):
        assert secret.encode("utf-8") not in content
        assert secret.encode("utf-16-le") not in content


def test_other_key_cannot_read(database: Database, staff: Staff) -> None:
    """A database read with another key raises instead of returning names."""
    intruder = Database(database.url, FieldCipher({"test": generate_key()}, "test"))
    try:
        with intruder.store() as store, pytest.raises(DecryptionError):
            store.employees.get(staff.kari.id)
    finally:
        intruder.dispose()


def test_rotated_key_reads_old_rows(
    database: Database, staff: Staff, encryption_key: bytes
) -> None:
    """After rotation old rows still read, and a changed row is re-encrypted with the new key."""
    rotated = FieldCipher({"test": encryption_key, "next": generate_key()}, "next")
    after = Database(database.url, rotated)
    try:
        with after.store() as store:
            assert store.employees.get(staff.kari.id) == staff.kari
            store.employees.update(staff.kari, actor_id=None)
            assert store.employees.find_by_email("kari.nordmann@nordvik.example") == staff.kari
        with after.engine.connect() as connection:
            token = connection.execute(
                text("SELECT name_encrypted FROM employees WHERE id = :id"), {"id": staff.kari.id}
            ).scalar_one()
    finally:
        after.dispose()

    assert token.startswith("v1.next.")


def test_employee_value_is_frozen(staff: Staff) -> None:
    """Repositories hand out core dataclasses, never ORM rows."""
    assert type(staff.kari) is Employee
