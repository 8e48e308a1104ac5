"""The fictional ward and staff that the storage tests share, and a factory for employees."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from core.employees import Employee, Position
from core.units import Organisation, Unit

if TYPE_CHECKING:
    from storage.store import Store


@dataclass(frozen=True)
class Ward:
    organisation: Organisation
    unit: Unit


@dataclass(frozen=True)
class Staff:
    kari: Employee  # nurse, has an e-mail address
    ola: Employee  # healthcare worker on nights only
    aase: Employee  # nurse with Æ/Ø/Å in her name
    ingrid: Employee  # manager


def new_employee(unit_id: int, name: str, **fields: object) -> Employee:
    values: dict[str, object] = {
        "position": Position.NURSE,
        "position_percent": 100,
        **fields,
    }
    return Employee(id=0, unit_id=unit_id, name=name, **values)  # type: ignore[arg-type]


def add_ward(store: Store) -> Ward:
    """Add the fictional organisation and its ward to `store`."""
    organisation = store.organisations.add_organisation(
        Organisation(id=0, name="Helse Nordvik HF"), actor_id=None
    )
    unit = store.organisations.add_unit(
        Unit(id=0, organisation_id=organisation.id, name="Medisinsk sengepost 3"),
        actor_id=None,
    )
    return Ward(organisation=organisation, unit=unit)
