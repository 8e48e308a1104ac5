"""Setting up a unit: creating it, importing its staff, and its data protection officer."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from core.employees import Employee, Role
from core.errors import NotFound, UserError
from core.i18n import N_
from core.identities import closest_names, find_organisation
from core.imports import (
    contradicting_role_words,
    parse_roles,
    read_columns,
    read_employee_rows,
    read_employees,
)
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
class RoleChange:
    """An employee's roles before and after a change; equal when nothing changed."""

    employee: Employee
    previous: frozenset[Role]

    @property
    def changed(self) -> bool:
        return self.employee.roles != self.previous


@dataclass(frozen=True)
class StaffUpdate:
    """The outcome of importing an updated HR file into a unit that has staff."""

    added: list[Employee]
    # Each updated employee with the columns whose values changed.
    changed: list[tuple[Employee, list[str]]]
    unchanged_count: int
    role_changes: list[RoleChange] = field(default_factory=list)
    # Whether the unit had a manager before the update and has none after it.
    lost_last_manager: bool = False


def do_update_employees(
    store: Store, unit: Unit, content: bytes, *, actor_id: int | None
) -> StaffUpdate:
    """Add the file's new employees and update those already on the unit; raise ImportFailed.

    An employee is matched by name, ignoring case, as the import keeps names unique per
    unit. Position, percentage, competences, e-mail, night-only work and roles are updated
    from the columns the file has, so a file without a rolle column keeps everyone's
    roles. An empty kompetanse, epost, kun_natt or rolle cell keeps that stored value too,
    because HR exports often leave cells empty. The value «-» clears it: no competences,
    no e-mail, not night-only, or no role beyond employee. Staff missing from the file are
    kept as they are.
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
    imported = read_employee_rows(content, unit.id, frozenset(), emails)
    # A column the file lacks, such as epost, leaves that field as it is.
    columns_in_file = read_columns(content)
    had_manager = _has_manager(store, unit)

    added, changed, role_changes, unchanged_count = [], [], [], 0
    for row in imported:
        employee = row.employee
        stored = staff.get(employee.name.casefold())
        if stored is None:
            added.append(employee)
            continue
        columns_with_values = columns_in_file - row.blank_columns
        fields = [
            (column, name) for column, name in UPDATED_FIELDS if column in columns_with_values
        ]
        updates_roles = "rolle" in columns_with_values
        columns = [
            column for column, name in fields if getattr(employee, name) != getattr(stored, name)
        ]
        if columns:
            profile = {name: getattr(employee, name) for _, name in fields}
            stored = store.employees.update(replace(stored, **profile), actor_id=actor_id)
        if updates_roles and employee.roles != stored.roles:
            role_change = _set_roles(store, stored, employee.roles, actor_id=actor_id)
            role_changes.append(role_change)
            columns.append("rolle")
            stored = role_change.employee
        if columns:
            changed.append((stored, columns))
        else:
            unchanged_count += 1
    stored_added = store.employees.add_many(added, actor_id=actor_id)
    return StaffUpdate(
        stored_added,
        changed,
        unchanged_count,
        role_changes,
        lost_last_manager=had_manager and not _has_manager(store, unit),
    )


def _has_manager(store: Store, unit: Unit) -> bool:
    return any(Role.MANAGER in e.roles for e in store.employees.list_for_unit(unit.id))


def _set_roles(
    store: Store, employee: Employee, roles: frozenset[Role], *, actor_id: int | None
) -> RoleChange:
    updated = store.employees.update_roles(employee.id, roles, actor_id=actor_id)
    return RoleChange(updated, employee.roles)


# The message for a role word that is not a role, with the words to write instead.
UNKNOWN_ROLE_WORD = N_(
    "«%(value)s» is not a role. Write leder, turnusansvarlig, admin or ansatt (no role beyond "
    'employee), for example: vaktbot employee role "%(name)s" leder --unit "%(unit)s"'
)


# The message for «ansatt» given with another role, which it contradicts.
CONTRADICTING_ROLE_WORDS = N_(
    "«%(plain)s» means no role beyond employee, so it cannot be given together with "
    "«%(other)s». A %(other)s is an employee too. Write only the roles beyond employee, for "
    'example: vaktbot employee role "%(name)s" %(other)s --unit "%(unit)s", or only '
    "%(plain)s to take the other roles away."
)


def do_set_roles(
    store: Store, unit: Unit, name: str, role_words: Sequence[str], *, actor_id: int | None
) -> tuple[RoleChange, bool]:
    """Give the unit's employee called `name` exactly the roles `role_words` name.

    The words are those of the HR file's rolle column: leder, turnusansvarlig, admin, and
    ansatt for no role beyond employee. Returns the change, which is audited when it
    changes anything, and whether it left the unit without a manager that had one.
    Raises UserError for an unknown word or name, and for «ansatt» with another role.
    """
    employee = _access_unit_employee(store, unit, name)
    roles, unknown = parse_roles(",".join(role_words))
    if unknown or not any(word.strip(" ,;/") for word in role_words):
        raise UserError(
            UNKNOWN_ROLE_WORD,
            value=unknown[0] if unknown else " ".join(role_words),
            name=employee.name,
            unit=unit.name,
        )
    contradiction = contradicting_role_words(",".join(role_words))
    if contradiction is not None:
        raise UserError(
            CONTRADICTING_ROLE_WORDS,
            plain=contradiction[0],
            other=contradiction[1],
            name=employee.name,
            unit=unit.name,
        )
    if roles == employee.roles:
        return RoleChange(employee, employee.roles), False
    had_manager = _has_manager(store, unit)
    change = _set_roles(store, employee, roles, actor_id=actor_id)
    return change, had_manager and not _has_manager(store, unit)


def _access_unit_employee(store: Store, unit: Unit, name: str) -> Employee:
    """Return the unit's one active employee called `name`, or raise UserError with suggestions."""
    if not name.strip():
        raise UserError(
            N_("The employee's name is empty. Write the full name, for example «Kari Nordmann».")
        )
    matches = store.employees.find_by_name(unit.id, name)
    if len(matches) == 1:
        return matches[0]
    if len(matches) > 1:
        raise UserError(
            N_("More than one employee of %(unit)s is called «%(name)s»."),
            unit=unit.name,
            name=name,
        )
    staff = [employee.name for employee in store.employees.list_for_unit(unit.id)]
    suggestions = closest_names(name, staff)
    if suggestions:
        raise UserError(
            N_(
                "%(unit)s has no active employee called «%(name)s». The closest names are: "
                "%(names)s."
            ),
            unit=unit.name,
            name=name,
            names=", ".join(f"«{item}»" for item in suggestions),
        )
    raise UserError(
        N_(
            "%(unit)s has no active employee called «%(name)s», and no name is close to it. "
            "Check the spelling, or import the employee first."
        ),
        unit=unit.name,
        name=name,
    )


def access_unit(store: Store, unit_id: int) -> Unit:
    """Load a unit, or raise NotFound (an operator passed a stale id)."""
    unit = store.organisations.get_unit(unit_id)
    if unit is None:
        raise NotFound(what=f"unit {unit_id}")
    return unit


# The longest contact of a data protection officer, as the database column allows.
MAX_CONTACT_LENGTH = 200

# The value that removes a stored contact, as «-» clears a cell of an HR file.
NO_CONTACT = "-"


def check_data_protection_officer(contact: str | None) -> str | None:
    """Return the contact with its white space folded, None for none, or raise UserError.

    An empty contact or «-» means none, so that the replies name the officer by role only.
    """
    if contact is None:
        return None
    folded = " ".join(contact.split())
    if folded in ("", NO_CONTACT):
        return None
    if len(folded) > MAX_CONTACT_LENGTH:
        raise UserError(
            N_(
                "The contact of the data protection officer is %(length)s characters long, "
                "but at most %(max)s fit. Write a shorter one, such as an e-mail address: "
                "personvernombud@kommune.no"
            ),
            length=len(folded),
            max=MAX_CONTACT_LENGTH,
        )
    return folded


def do_set_data_protection_officer(
    store: Store, unit: Unit, contact: str | None, *, actor_id: int | None
) -> Unit:
    """Store the contact of the unit's data protection officer; empty or «-» removes it."""
    checked = check_data_protection_officer(contact)
    return store.organisations.set_data_protection_officer(unit.id, checked, actor_id=actor_id)


def do_create_unit(
    store: Store,
    organisation_name: str,
    unit_name: str,
    shift_types: list[ShiftType],
    staffing: StaffingPlan,
    *,
    actor_id: int | None,
    data_protection_officer: str | None = None,
) -> tuple[Unit, bool]:
    """Create a unit (and its organisation when new) with shift types and a staffing plan.

    `data_protection_officer` is an optional contact that the replies about personal
    data name. Returns the unit and whether the organisation was created. A unit name
    that the organisation already has is a UserError, and so is a contact that is too long.
    """
    organisation_name, unit_name = " ".join(organisation_name.split()), " ".join(unit_name.split())
    if not organisation_name or not unit_name:
        raise UserError(N_("The organisation and the unit need a name."))
    contact = check_data_protection_officer(data_protection_officer)
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
    unit = store.organisations.add_unit(
        Unit(0, organisation.id, unit_name, data_protection_officer=contact), actor_id=actor_id
    )
    store.organisations.set_shift_types(unit.id, shift_types, actor_id=actor_id)
    store.organisations.set_staffing(unit.id, staffing, actor_id=actor_id)
    return unit, created
