"""Absences, unavailability, availability and wishes: add, list by overlap, delete, audit."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from sqlalchemy import text

from core.absences import Absence, Availability, RemovedShift, Unavailability, Wish
from core.commands import AbsenceKind, DateRange, Preference, ShiftKind
from storage.crypto import DecryptionError, FieldCipher, generate_key
from storage.database import Database
from storage.errors import NotFoundError
from tests.storage.storage_cast import Staff, Ward, new_employee

JANUARY_8 = dt.date(2027, 1, 8)


def days(first: int, last: int) -> DateRange:
    """Return January `first` to `last` 2027."""
    return DateRange(dt.date(2027, 1, first), dt.date(2027, 1, last))


def test_add_absence_round_trip(database: Database, staff: Staff) -> None:
    """A sick day comes back with its id, kind, days and creation time."""
    absence = Absence(0, staff.kari.id, AbsenceKind.SICK, days(8, 8))
    with database.store() as store:
        added = store.absences.add_absence(absence, actor_id=staff.kari.id)
    with database.store() as store:
        listed = store.absences.list_absences(employee_id=staff.kari.id)

    assert added.id > 0
    assert added.created_at is not None
    assert dataclasses.replace(added, created_at=None) == dataclasses.replace(absence, id=added.id)
    assert listed == [added]


def test_absence_keeps_given_registration_time(database: Database, staff: Staff) -> None:
    """An absence added with its registration time stores that time, not the clock's."""
    registered = dt.datetime(2027, 1, 6, 8, 15, tzinfo=dt.UTC)
    absence = Absence(0, staff.kari.id, AbsenceKind.SICK, days(5, 5), created_at=registered)
    with database.store() as store:
        added = store.absences.add_absence(absence, actor_id=staff.kari.id)
    with database.store() as store:
        [listed] = store.absences.list_absences(employee_id=staff.kari.id)

    assert added.created_at == registered
    assert listed.created_at == registered


@pytest.mark.parametrize("kind", list(AbsenceKind), ids=[kind.value for kind in AbsenceKind])
def test_kind_round_trips(database: Database, staff: Staff, kind: AbsenceKind) -> None:
    """Every kind of absence reads back as the kind that was stored."""
    with database.store() as store:
        store.absences.add_absence(Absence(0, staff.ola.id, kind, days(8, 9)), actor_id=None)
    with database.store() as store:
        [stored] = store.absences.list_absences(employee_id=staff.ola.id)

    assert stored.kind == kind


def test_kind_not_stored_in_clear(database: Database, staff: Staff) -> None:
    """No column of the absences table contains the kind as text, only a token per row."""
    with database.store() as store:
        for kind in AbsenceKind:
            store.absences.add_absence(Absence(0, staff.kari.id, kind, days(8, 8)), actor_id=None)
    with database.engine.connect() as connection:
        rows = connection.execute(text("SELECT * FROM absences")).mappings().all()
        tokens = connection.execute(text("SELECT kind_encrypted FROM absences")).scalars().all()
    stored = repr(rows)

    assert len(rows) == len(AbsenceKind)
    for kind in AbsenceKind:
        assert kind.value not in stored
    assert all(token.startswith("v1.test.") for token in tokens)
    assert len(set(tokens)) == len(AbsenceKind)


def test_kind_unreadable_with_other_key(database: Database, staff: Staff) -> None:
    """A database read with another key raises instead of returning the kind."""
    with database.store() as store:
        store.absences.add_absence(
            Absence(0, staff.kari.id, AbsenceKind.SICK, days(8, 8)), actor_id=None
        )
    intruder = Database(database.url, FieldCipher({"test": generate_key()}, "test"))
    try:
        with intruder.store() as store, pytest.raises(DecryptionError):
            store.absences.list_absences(employee_id=staff.kari.id)
    finally:
        intruder.dispose()


def test_add_other_registrations_round_trip(database: Database, staff: Staff) -> None:
    """Unavailability, availability and wishes keep their shift kind, preference and weight."""
    unavailability = Unavailability(0, staff.ola.id, days(4, 6), ShiftKind.NIGHT)
    availability = Availability(0, staff.ola.id, days(15, 16))
    wish = Wish(0, staff.ola.id, days(23, 24), Preference.OFF, ShiftKind.EVENING, weight=25)
    with database.store() as store:
        store.absences.add_unavailability(unavailability, actor_id=None)
        store.absences.add_availability(availability, actor_id=None)
        store.absences.add_wish(wish, actor_id=None)
    with database.store() as store:
        [stored_unavailability] = store.absences.list_unavailability(employee_id=staff.ola.id)
        [stored_availability] = store.absences.list_availability(employee_id=staff.ola.id)
        [stored_wish] = store.absences.list_wishes(employee_id=staff.ola.id)

    assert stored_unavailability == dataclasses.replace(unavailability, id=stored_unavailability.id)
    assert stored_availability == dataclasses.replace(availability, id=stored_availability.id)
    assert stored_wish == dataclasses.replace(wish, id=stored_wish.id)


@pytest.mark.parametrize(
    ("within", "expected_count"),
    [
        (days(1, 3), 0),
        (days(1, 4), 1),
        (days(5, 5), 1),
        (days(6, 20), 1),
        (days(7, 20), 0),
    ],
    ids=["before", "touches-start", "inside", "touches-end", "after"],
)
def test_list_by_overlap(
    database: Database, staff: Staff, within: DateRange, expected_count: int
) -> None:
    """A range matches a registration when the two share at least one day."""
    with database.store() as store:
        store.absences.add_absence(
            Absence(0, staff.kari.id, AbsenceKind.VACATION, days(4, 6)), actor_id=None
        )
        found = store.absences.list_absences(employee_id=staff.kari.id, within=within)

    assert len(found) == expected_count


def test_list_by_unit(database: Database, staff: Staff, ward: Ward) -> None:
    """Filtering by unit leaves out employees of other units."""
    with database.store() as store:
        other_unit = store.organisations.add_unit(
            dataclasses.replace(ward.unit, id=0, name="Kirurgisk sengepost 5"), actor_id=None
        )
        per = store.employees.add(new_employee(other_unit.id, "Per Haugen"), actor_id=None)
        store.absences.add_wish(Wish(0, per.id, days(2, 2), Preference.WORK), actor_id=None)
        kari_wish = store.absences.add_wish(
            Wish(0, staff.kari.id, days(2, 2), Preference.OFF), actor_id=None
        )
        found = store.absences.list_wishes(unit_id=ward.unit.id, within=days(1, 31))

    assert found == [kari_wish]


def test_list_sorted_by_first_day(database: Database, staff: Staff) -> None:
    """Registrations come back in order of their first day, whatever the insertion order."""
    with database.store() as store:
        late = store.absences.add_unavailability(
            Unavailability(0, staff.aase.id, days(20, 21)), actor_id=None
        )
        early = store.absences.add_unavailability(
            Unavailability(0, staff.aase.id, days(3, 3)), actor_id=None
        )
        found = store.absences.list_unavailability(employee_id=staff.aase.id)

    assert found == [early, late]


def test_add_for_unknown_employee(database: Database, staff: Staff) -> None:
    """A registration for an employee who does not exist raises NotFoundError."""
    with database.store() as store, pytest.raises(NotFoundError, match="employee 4040"):
        store.absences.add_absence(Absence(0, 4040, AbsenceKind.SICK, days(8, 8)), actor_id=None)


def test_add_with_id_rejected(database: Database, staff: Staff) -> None:
    """A registration to add must have id 0."""
    with database.store() as store, pytest.raises(ValueError, match="must have id 0"):
        store.absences.add_absence(
            Absence(5, staff.kari.id, AbsenceKind.SICK, days(8, 8)), actor_id=None
        )


def test_delete_returns_deleted(database: Database, staff: Staff) -> None:
    """Deleting returns the registration, which is gone afterwards."""
    with database.store() as store:
        wish = store.absences.add_wish(
            Wish(0, staff.kari.id, days(9, 10), Preference.OFF), actor_id=None
        )
    with database.store() as store:
        deleted = store.absences.delete_wish(wish.id, actor_id=staff.kari.id)
    with database.store() as store:
        remaining = store.absences.list_wishes(employee_id=staff.kari.id)

    assert deleted == wish
    assert remaining == []


@pytest.mark.parametrize(
    "method",
    ["delete_absence", "delete_unavailability", "delete_availability", "delete_wish"],
)
def test_delete_unknown_id(database: Database, staff: Staff, method: str) -> None:
    """Deleting an id that does not exist raises NotFoundError."""
    with database.store() as store, pytest.raises(NotFoundError, match="9999 not found"):
        getattr(store.absences, method)(9999, actor_id=None)


def test_changes_audited_without_kind(database: Database, staff: Staff) -> None:
    """Adding and deleting a sick leave are audited with days only, not the kind."""
    with database.store() as store:
        absence = store.absences.add_absence(
            Absence(0, staff.kari.id, AbsenceKind.SICK, days(8, 9)), actor_id=staff.kari.id
        )
        store.absences.delete_absence(absence.id, actor_id=staff.ingrid.id)
    with database.store() as store:
        entries = store.audit.list(entity="absence", entity_id=absence.id)

    assert [entry.action for entry in entries] == ["add", "delete"]
    assert [entry.actor_id for entry in entries] == [staff.kari.id, staff.ingrid.id]
    assert entries[0].subject_employee_id == staff.kari.id
    assert entries[0].details == {"first_day": "2027-01-08", "last_day": "2027-01-09"}


def removed_night(staff: Staff, absence: Absence) -> RemovedShift:
    """Return Kari's night of 7 January, removed by her absence of 8 January."""
    return RemovedShift(
        id=0,
        employee_id=staff.kari.id,
        absence_id=absence.id,
        shift_day=dt.date(2027, 1, 7),
        shift_code="N",
        absent_day=JANUARY_8,
        worked_minutes=600,
    )


def test_removed_shift_round_trip(database: Database, staff: Staff) -> None:
    """A shift an absence removed comes back with its id, days and worked minutes."""
    with database.store() as store:
        absence = store.absences.add_absence(
            Absence(0, staff.kari.id, AbsenceKind.SICK, days(8, 8)), actor_id=staff.kari.id
        )
        (added,) = store.absences.add_removed_shifts(
            [removed_night(staff, absence)], actor_id=staff.kari.id
        )
    with database.store() as store:
        listed = store.absences.list_removed_shifts(employee_id=staff.kari.id)

    assert added.id > 0
    assert added == dataclasses.replace(removed_night(staff, absence), id=added.id)
    assert listed == [added]


@pytest.mark.parametrize(
    ("within", "expected"),
    [
        pytest.param(days(7, 7), 1, id="the night's own day"),
        pytest.param(days(8, 10), 1, id="the absent day after the night"),
        pytest.param(days(9, 10), 0, id="after both"),
        pytest.param(days(1, 6), 0, id="before both"),
    ],
)
def test_removed_shifts_listed_by_either_day(
    database: Database, staff: Staff, within: DateRange, expected: int
) -> None:
    """A removed night is listed for a range holding its own day or its absent day."""
    with database.store() as store:
        absence = store.absences.add_absence(
            Absence(0, staff.kari.id, AbsenceKind.SICK, days(8, 8)), actor_id=None
        )
        store.absences.add_removed_shifts([removed_night(staff, absence)], actor_id=None)
    with database.store() as store:
        listed = store.absences.list_removed_shifts(unit_id=staff.kari.unit_id, within=within)

    assert len(listed) == expected


def test_removed_shift_outlives_its_absence(database: Database, staff: Staff) -> None:
    """Deleting the absence («friskmeldt») keeps the removed shift, without the absence's id."""
    with database.store() as store:
        absence = store.absences.add_absence(
            Absence(0, staff.kari.id, AbsenceKind.SICK, days(8, 8)), actor_id=None
        )
        store.absences.add_removed_shifts([removed_night(staff, absence)], actor_id=None)
    with database.store() as store:
        store.absences.delete_absence(absence.id, actor_id=staff.kari.id)
    with database.store() as store:
        (listed,) = store.absences.list_removed_shifts(employee_id=staff.kari.id)

    assert listed.absence_id is None
    assert listed.worked_minutes == 600
