"""Finding the colleague a message names: full name, first name, misspelling."""

from __future__ import annotations

import pytest

from core.employees import Employee, Position
from core.people import fold, matching_staff
from tests.core.ward_cast import SeededWard, texts

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


SELF_SWAP_REPLY = (
    "Du kan ikke bytte med deg selv. Skriv navnet på kollegaen du vil bytte med, "
    "for eksempel «bytte fredag med Marit Solberg»."
)


def test_swap_with_yourself_is_refused(test_ward: SeededWard) -> None:
    """Kari naming herself as swap partner gets the self-swap reply, not Ola Nordmann."""
    outcome = test_ward.say("Kari Nordmann", "Kan jeg bytte vakta mi torsdag med Kari Nordmann?")

    assert texts(outcome) == [SELF_SWAP_REPLY]


def test_shared_first_name_means_the_colleague(test_ward: SeededWard) -> None:
    """«Kari» from Kari Nordmann means the other Kari, Kari Hansen, and asks no question."""
    outcome = test_ward.say("Kari Nordmann", "Kan jeg bytte vakta mi torsdag med Kari?")

    (reply,) = texts(outcome)
    assert "Kari Hansen" in reply
    assert "Kari Nordmann" not in reply
    assert "deg selv" not in reply


def test_own_name_shows_own_schedule(test_ward: SeededWard) -> None:
    """«Når jobber Kari Nordmann?» from Kari lists her own shifts."""
    outcome = test_ward.say("Kari Nordmann", "Når jobber Kari Nordmann?")

    (reply,) = texts(outcome)
    assert reply.startswith("Vakter for Kari Nordmann:")
    assert "torsdag 7. januar: D 07:30–15:00" in reply
