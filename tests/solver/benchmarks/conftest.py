"""Fixtures shared by the Curtois & Qu benchmark tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from solver.benchmarks.instance import Instance, read_instance

CURTOIS_FOLDER = Path(__file__).resolve().parents[4] / "shared" / "benchmarks" / "curtois-qu"


def public_instance(number: int) -> Instance:
    """Return an instance of the public data set; the test is skipped when the data is not there."""
    path = CURTOIS_FOLDER / f"Instance{number}.txt"
    if not path.is_file():
        pytest.skip(f"Curtois & Qu data not found at {CURTOIS_FOLDER}")
    return read_instance(path)


@pytest.fixture
def instance1() -> Instance:
    """Instance1 (8 employees, 14 days)."""
    return public_instance(1)


@pytest.fixture
def instance5() -> Instance:
    """Instance5 (16 employees, 28 days): room for two neighbourhoods side by side."""
    return public_instance(5)
