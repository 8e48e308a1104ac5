"""Setting up a unit: importing its staff."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from core.employees import Employee
from core.errors import NotFound, UserError
from core.i18n import N_
from core.identities import find_organisation
from core.imports import read_columns, read_employees
from core.units import Organisation, ShiftType, StaffingPlan, Unit

if TYPE_CHECKING:
    from storage.store import Store


def do_import_employees(
    store: Store, unit: Unit, content: bytes, *, actor_id: int | None
) -> list[Employee]:
    """Store the employees of an HR export in `unit`; raise ImportFailed and store none on errors.

    A person already on the unit is an error too, so that a second import of the
    same file cannot create duplicates.
    """
    staff = store.employees.list_for_unit(unit.id, active_only=False)
    existing = frozenset(e.name.casefold() for e in staff)
    everyone = [
        employee
        for other in store.organisations.list_units(unit.organisation_id)
        for employee in store.employees.list_for_unit(other.id, active_only=False)
    ]
    emails = frozenset(e.email.lower() for e in everyone if e.email)
    employees = read_employees(content, unit.id, existing, emails)
    return store.employees.add_many(employees, actor_id=actor_id)


# The profile fields an HR file sets, each with the column that contains it.
UPDATED_FIELDS = (
    ("stilling", "position"),
    ("stillingsprosent", "position_percent"),
    ("kompetanse", "competences"),
    ("epost", "email"),
    ("kun_natt", "night_only"),
)


@dataclass(frozen=True)
class StaffUpdate:
    """The outcome of importing an updated HR file into a unit that has staff."""

    added: list[Employee]
    # Each updated employee with the columns whose values changed.
    changed: list[tuple[Employee, list[str]]]
    unchanged_count: int


def do_update_employees(
    store: Store, unit: Unit, content: bytes, *, actor_id: int | None
) -> StaffUpdate:
    """Add the file's new employees and update those already on the unit; raise ImportFailed.

    An employee is matched by name, ignoring case, as the import keeps names unique per
    unit. Position, percentage, competences, e-mail and night-only work are updated from
    the columns the file has. Roles are kept, because an HR file without a rolle column
    would otherwise remove the manager role. Staff missing from the file are kept as they
    are.
    """
    staff = {
        employee.name.casefold(): employee
        for employee in store.employees.list_for_unit(unit.id, active_only=False)
    }
    # The file's own staff may keep or swap their e-mail addresses, so only the addresses of
    # everyone else in the organisation are taken.
    named_in_file = {employee.name.casefold() for employee in read_employees(content, unit.id)}
    everyone = [
        employee
        for other in store.organisations.list_units(unit.organisation_id)
        for employee in store.employees.list_for_unit(other.id, active_only=False)
    ]
    emails = frozenset(
        employee.email.lower()
        for employee in everyone
        if employee.email
        and not (employee.unit_id == unit.id and employee.name.casefold() in named_in_file)
    )
    imported = read_employees(content, unit.id, frozenset(), emails)
    # A column the file lacks, such as epost, leaves that field as it is.
    columns_in_file = read_columns(content)
    fields = [(column, field) for column, field in UPDATED_FIELDS if column in columns_in_file]

    added, changed, unchanged_count = [], [], 0
    for employee in imported:
        stored = staff.get(employee.name.casefold())
        if stored is None:
            added.append(employee)
            continue
        columns = [
            column for column, field in fields if getattr(employee, field) != getattr(stored, field)
        ]
        if not columns:
            unchanged_count += 1
            continue
        updated = replace(stored, **{field: getattr(employee, field) for _, field in fields})
        changed.append((store.employees.update(updated, actor_id=actor_id), columns))
    return StaffUpdate(store.employees.add_many(added, actor_id=actor_id), changed, unchanged_count)


def access_unit(store: Store, unit_id: int) -> Unit:
    """Load a unit, or raise NotFound (an operator passed a stale id)."""
    unit = store.organisations.get_unit(unit_id)
    if unit is None:
        raise NotFound(what=f"unit {unit_id}")
    return unit


def do_create_unit(
    store: Store,
    organisation_name: str,
    unit_name: str,
    shift_types: list[ShiftType],
    staffing: StaffingPlan,
    *,
    actor_id: int | None,
) -> tuple[Unit, bool]:
    """Create a unit (and its organisation when new) with shift types and a staffing plan.

    Returns the unit and whether the organisation was created. A unit name that the
    organisation already has is a UserError.
    """
    organisation_name, unit_name = " ".join(organisation_name.split()), " ".join(unit_name.split())
    if not organisation_name or not unit_name:
        raise UserError(N_("The organisation and the unit need a name."))
    organisation = find_organisation(store, organisation_name)
    created = organisation is None
    if organisation is None:
        organisation = store.organisations.add_organisation(
            Organisation(0, organisation_name), actor_id=actor_id
        )
    if store.organisations.find_unit_by_name(organisation.id, unit_name) is not None:
        raise UserError(
            N_("%(organisation)s already has a unit called «%(unit)s»."),
            organisation=organisation.name,
            unit=unit_name,
        )
    unit = store.organisations.add_unit(Unit(0, organisation.id, unit_name), actor_id=actor_id)
    store.organisations.set_shift_types(unit.id, shift_types, actor_id=actor_id)
    store.organisations.set_staffing(unit.id, staffing, actor_id=actor_id)
    return unit, created
