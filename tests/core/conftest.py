"""Fixtures of the core tests: a seeded ward with a hand-made published roster."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

import nlu
import solver
from core.assistant import Assistant
from core.context import Services
from storage.crypto import FieldCipher
from storage.database import Database
from tests.conftest import PostgresServer, fresh_postgres_database
from tests.core.ward_cast import TEST_ROSTER_SEARCH_WORK, SeededWard, noon_today, seed


@pytest.fixture
def test_ward(tmp_path: Path, cipher: FieldCipher) -> Iterator[SeededWard]:
    database = Database(f"sqlite:///{tmp_path / 'ward.db'}", cipher)
    yield from seeded_ward(database, tmp_path)


@pytest.fixture
def postgres_ward(
    tmp_path: Path,
    cipher: FieldCipher,
    postgres_server: PostgresServer,
    migrated_postgres_template: str,
) -> Iterator[SeededWard]:
    """The same ward on a database of the throwaway PostgreSQL server, for concurrent sessions."""
    with fresh_postgres_database(postgres_server, migrated_postgres_template) as url:
        yield from seeded_ward(Database(url, cipher), tmp_path)


def seeded_ward(database: Database, tmp_path: Path) -> Iterator[SeededWard]:
    database.upgrade()
    unit, staff, roster = seed(database)
    services = Services(
        parse=nlu.parse,
        solve=solver.solve,
        solver_time_limit_seconds=5,
        roster_search_work=TEST_ROSTER_SEARCH_WORK,
        repair=solver.repair,
        explain=solver.explain_infeasibility,
        export_folder=str(tmp_path / "filer"),
    )
    assistant = Assistant(database, services, clock=noon_today)
    yield SeededWard(database, unit, staff, roster, assistant)
    database.dispose()
