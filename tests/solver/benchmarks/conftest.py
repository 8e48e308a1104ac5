"""Fixtures shared by the Curtois & Qu benchmark tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from solver.benchmarks.instance import Instance, read_instance

CURTOIS_FOLDER = Path(__file__).resolve().parents[4] / "shared" / "benchmarks" / "curtois-qu"


@pytest.fixture
def instance1() -> Instance:
    """Instance1 of the public data set; the test is skipped when the data is not there."""
    path = CURTOIS_FOLDER / "Instance1.txt"
    if not path.is_file():
        pytest.skip(f"Curtois & Qu data not found at {CURTOIS_FOLDER}")
    return read_instance(path)
