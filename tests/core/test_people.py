"""Finding the colleague a message names: full name, first name, misspelling."""

from __future__ import annotations

import pytest

from core.employees import Employee, Position
from core.people import fold, matching_staff

STAFF = [
    Employee(1, 1, "Kari Nordmann", Position.NURSE, 80),
    Employee(2, 1, "Kari Hansen", Position.NURSE, 100),
    Employee(3, 1, "Ola Nordmann", Position.HEALTHCARE_WORKER, 100),
    Employee(4, 1, "Bjørn Åsheim", Position.HEALTHCARE_WORKER, 60),
    Employee(5, 1, "Ingrid Hansen", Position.NURSE, 75),
]


def names(employees: list[Employee]) -> list[str]:
    return [employee.name for employee in employees]


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        pytest.param("Ola", ["Ola Nordmann"], id="first-name"),
        pytest.param("ola nordmann", ["Ola Nordmann"], id="full-name-lower-case"),
        pytest.param("Ingrid Hansen", ["Ingrid Hansen"], id="full-name"),
        pytest.param("Kari", ["Kari Nordmann", "Kari Hansen"], id="two-fit"),
        pytest.param("Kari Nordman", ["Kari Nordmann"], id="misspelt"),
        pytest.param("Bjorn", ["Bjørn Åsheim"], id="without-oe"),
        pytest.param("Bjorn Asheim", ["Bjørn Åsheim"], id="without-aa"),
        pytest.param("Petter", [], id="nobody"),
    ],
)
def test_written_names_match_staff(written: str, expected: list[str]) -> None:
    """A written name fits the staff it plausibly means, and nobody else."""
    assert names(matching_staff(STAFF, written)) == expected


def test_fold_drops_case_and_norwegian_letters() -> None:
    """Folding makes «Bjørn Åsheim» and «bjorn asheim» equal."""
    assert fold("  Bjørn   ÅSHEIM ") == "bjorn asheim"
