"""The Curtois & Qu instance reader: the real files and precise errors on broken ones."""

from __future__ import annotations

from pathlib import Path

import pytest

from solver.benchmarks.instance import Instance, InstanceFormatError, read_instance

# The benchmark data sits beside the repository; tests that need it skip without it.
# NOTE: no conftest.py here, because pytest 9 then imports `solver` from tests/solver.
CURTOIS_FOLDER = Path(__file__).resolve().parents[4] / "shared" / "benchmarks" / "curtois-qu"


@pytest.fixture(scope="module")
def curtois_folder() -> Path:
    if not (CURTOIS_FOLDER / "Instance1.txt").is_file():
        pytest.skip(f"Curtois & Qu data not found at {CURTOIS_FOLDER}")
    return CURTOIS_FOLDER


@pytest.fixture(scope="module")
def instance1(curtois_folder: Path) -> Instance:
    return read_instance(curtois_folder / "Instance1.txt")


MINIMAL_INSTANCE = """\
# comment
SECTION_HORIZON
7

SECTION_SHIFTS
L,480,E
E,600,

SECTION_STAFF
A,L=3|E=0,2400,480,5,1,1,1

SECTION_DAYS_OFF
A,6

SECTION_SHIFT_ON_REQUESTS
A,0,L,2

SECTION_SHIFT_OFF_REQUESTS

SECTION_COVER
0,L,1,100,1
"""


def write_instance(folder: Path, text: str) -> Path:
    path = folder / "Instance0.txt"
    path.write_text(text, encoding="ascii")
    return path


def test_instance1_counts(instance1: Instance) -> None:
    """Instance1 has 8 employees, 14 days, one shift type and the listed requests."""
    assert instance1.name == "Instance1"
    assert instance1.horizon_days == 14
    assert len(instance1.employees) == 8
    assert instance1.shift_ids == ("D",)
    assert len(instance1.shift_on_requests) == 21
    assert len(instance1.shift_off_requests) == 5
    assert len(instance1.cover) == 14
    assert sum(len(days) for days in instance1.fixed_days_off.values()) == 8


def test_instance1_staff_fields_in_file_order(instance1: Instance) -> None:
    """Each maximum field comes before its minimum: total minutes, consecutive shifts."""
    employee = instance1.employees[0]
    assert employee.employee_id == "A"
    assert employee.max_shifts == {"D": 14}
    assert (employee.max_total_minutes, employee.min_total_minutes) == (4320, 3360)
    assert (employee.max_consecutive_shifts, employee.min_consecutive_shifts) == (5, 2)
    assert employee.min_consecutive_days_off == 2
    assert employee.max_weekends == 1


@pytest.mark.parametrize(
    ("number", "days", "employees", "shift_types", "cover_lines"),
    [(13, 28, 120, 18, 504), (24, 364, 150, 32, 11648)],
    ids=["instance13", "instance24"],
)
def test_large_instance_sizes(
    curtois_folder: Path, number: int, days: int, employees: int, shift_types: int, cover_lines: int
) -> None:
    """Two-character shift IDs and employee IDs beyond Z are read like any other."""
    instance = read_instance(curtois_folder / f"Instance{number}.txt")
    assert instance.horizon_days == days
    assert len(instance.employees) == employees
    assert len(instance.shift_types) == shift_types
    assert len(instance.cover) == cover_lines


def test_minimal_instance_values(tmp_path: Path) -> None:
    """CannotFollow may name a later shift; an empty CannotFollow is an empty set."""
    instance = read_instance(write_instance(tmp_path, MINIMAL_INSTANCE))
    assert instance.shift_by_id["L"].cannot_follow == frozenset({"E"})
    assert instance.shift_by_id["E"].cannot_follow == frozenset()
    assert instance.shift_by_id["E"].length_minutes == 600
    assert instance.fixed_days_off == {"A": frozenset({6})}
    assert instance.shift_off_requests == ()


def test_crlf_line_endings_accepted(tmp_path: Path) -> None:
    """A copy with CRLF line endings reads the same as the original."""
    original = read_instance(write_instance(tmp_path, MINIMAL_INSTANCE))
    crlf = read_instance(write_instance(tmp_path, MINIMAL_INSTANCE.replace("\n", "\r\n")))
    assert crlf == original


def test_missing_file_is_a_clear_error(tmp_path: Path) -> None:
    """A missing file raises InstanceFormatError naming the path."""
    with pytest.raises(InstanceFormatError, match=r"instance file not found: .*nothing\.txt"):
        read_instance(tmp_path / "nothing.txt")


@pytest.mark.parametrize(
    ("broken", "message"),
    [
        (("L,480,E", "L,480,X"), r":6: unknown shift ID 'X'"),
        (("E,600,", "E,six hundred,"), r":7: shift length 'six hundred' is not an integer"),
        (("A,6", "B,6"), r":13: unknown employee ID 'B'"),
        (("A,0,L,2", "A,7,L,2"), r":16: day 7 is outside the horizon 0..6"),
        (("0,L,1,100,1", "0,L,1,100"), r":21: expected 5 comma-separated fields"),
        (("SECTION_STAFF", "SECTION_PEOPLE"), r":9: expected section SECTION_STAFF"),
        (("A,L=3|E=0", "A,L3|E=0"), r"MaxShifts entry 'L3' is not ShiftID=N"),
        (("\n7\n", "\n-7\n"), r"horizon -7 is below 1"),
    ],
    ids=[
        "unknown-cannot-follow",
        "non-integer-length",
        "unknown-employee",
        "day-outside-horizon",
        "short-cover-line",
        "wrong-section-order",
        "max-shifts-without-equals",
        "negative-horizon",
    ],
)
def test_malformed_instance_names_line(
    tmp_path: Path, broken: tuple[str, str], message: str
) -> None:
    """Each malformed line raises InstanceFormatError with its line number and problem."""
    old, new = broken
    path = write_instance(tmp_path, MINIMAL_INSTANCE.replace(old, new, 1))
    with pytest.raises(InstanceFormatError, match=message):
        read_instance(path)


def test_missing_section_is_named(tmp_path: Path) -> None:
    """A file that stops before SECTION_COVER names the missing section."""
    text = MINIMAL_INSTANCE[: MINIMAL_INSTANCE.index("SECTION_COVER")]
    with pytest.raises(InstanceFormatError, match="missing section SECTION_COVER"):
        read_instance(write_instance(tmp_path, text))


def test_repeated_cover_line_rejected(tmp_path: Path) -> None:
    """Two cover lines for the same day and shift are an error, not a silent overwrite."""
    text = MINIMAL_INSTANCE + "0,L,2,100,1\n"
    with pytest.raises(InstanceFormatError, match="second cover line for day 0, L"):
        read_instance(write_instance(tmp_path, text))
