"""Setting up a unit: importing its staff."""

from __future__ import annotations

from typing import TYPE_CHECKING

from core.employees import Employee
from core.errors import NotFound
from core.imports import read_employees
from core.units import Unit

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
    employees = read_employees(content, unit.id, existing)
    return store.employees.add_many(employees, actor_id=actor_id)


def access_unit(store: Store, unit_id: int) -> Unit:
    """Load a unit, or raise NotFound (an operator passed a stale id)."""
    unit = store.organisations.get_unit(unit_id)
    if unit is None:
        raise NotFound(what=f"unit {unit_id}")
    return unit
