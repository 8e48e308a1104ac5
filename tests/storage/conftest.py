"""Fixtures of a fictional ward and its staff, stored in the `database` fixture."""

from __future__ import annotations

import pytest

from core.employees import Position, Role
from storage.database import Database
from tests.storage.storage_cast import Staff, Ward, add_ward, new_employee


@pytest.fixture
def ward(database: Database) -> Ward:
    with database.store() as store:
        return add_ward(store)


@pytest.fixture
def staff(database: Database, ward: Ward) -> Staff:
    unit_id = ward.unit.id
    with database.store() as store:
        kari, ola, aase, ingrid = store.employees.add_many(
            [
                new_employee(
                    unit_id,
                    "Kari Nordmann",
                    email="kari.nordmann@nordvik.example",
                    competences=frozenset({"medisinansvar"}),
                ),
                new_employee(
                    unit_id,
                    "Ola Nordmann",
                    position=Position.HEALTHCARE_WORKER,
                    position_percent=75,
                    night_only=True,
                ),
                new_employee(unit_id, "Åse Ødegård", position_percent=80),
                new_employee(
                    unit_id,
                    "Ingrid Bakken",
                    email="ingrid.bakken@nordvik.example",
                    roles=frozenset({Role.EMPLOYEE, Role.MANAGER}),
                ),
            ],
            actor_id=None,
        )
    return Staff(kari=kari, ola=ola, aase=aase, ingrid=ingrid)
