"""The fictional ward and staff that the storage tests share, and a factory for employees."""

from __future__ import annotations

from dataclasses import dataclass

from core.employees import Employee, Position
from core.units import Organisation, Unit


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
