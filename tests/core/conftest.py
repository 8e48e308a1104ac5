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
from tests.core.ward_cast import SeededWard, noon_today, seed


@pytest.fixture
def test_ward(tmp_path: Path, cipher: FieldCipher) -> Iterator[SeededWard]:
    database = Database(f"sqlite:///{tmp_path / 'ward.db'}", cipher)
    database.upgrade()
    unit, staff, roster = seed(database)
    services = Services(
        parse=nlu.parse,
        solve=solver.solve,
        solver_time_limit_seconds=5,
        repair=solver.repair,
        explain=solver.explain_infeasibility,
        export_folder=str(tmp_path / "filer"),
    )
    assistant = Assistant(database, services, clock=noon_today)
    yield SeededWard(database, unit, staff, roster, assistant)
    database.dispose()
