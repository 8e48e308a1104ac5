"""Fixtures of a fictional ward and its staff, stored in the `database` fixture."""

from __future__ import annotations

import pytest

from core.employees import Position, Role
from core.units import Organisation, Unit
from storage.database import Database
from tests.storage.storage_cast import Staff, Ward, new_employee


@pytest.fixture
def ward(database: Database) -> Ward:
    with database.store() as store:
        organisation = store.organisations.add_organisation(
            Organisation(id=0, name="Helse Nordvik HF"), actor_id=None
        )
        unit = store.organisations.add_unit(
            Unit(id=0, organisation_id=organisation.id, name="Medisinsk sengepost 3"),
            actor_id=None,
        )
    return Ward(organisation=organisation, unit=unit)


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
