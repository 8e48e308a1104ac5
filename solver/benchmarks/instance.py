"""Read a Curtois & Qu instance file (`InstanceN.txt`) into immutable values.

The file is plain text in seven sections, always in the same order. Comment lines
start with `#`, blank lines only separate sections, and data lines are split on
commas. Every error names the file, the line number and the text that was wrong.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

SECTION_NAMES = (
    "SECTION_HORIZON",
    "SECTION_SHIFTS",
    "SECTION_STAFF",
    "SECTION_DAYS_OFF",
    "SECTION_SHIFT_ON_REQUESTS",
    "SECTION_SHIFT_OFF_REQUESTS",
    "SECTION_COVER",
)
DAYS_PER_WEEK = 7


class InstanceFormatError(ValueError):
    """An instance file that is missing, unreadable or not in the Curtois & Qu format."""


@dataclass(frozen=True, slots=True)
class ShiftType:
    shift_id: str
    length_minutes: int
    # Shift IDs that must not be worked on the day right after a day with this shift.
    cannot_follow: frozenset[str]


@dataclass(frozen=True, slots=True)
class Employee:
    employee_id: str
    # Largest number of days with each shift type; a shift type absent here is unlimited.
    max_shifts: dict[str, int]
    max_total_minutes: int
    min_total_minutes: int
    max_consecutive_shifts: int
    min_consecutive_shifts: int
    min_consecutive_days_off: int
    max_weekends: int


@dataclass(frozen=True, slots=True)
class ShiftRequest:
    """A soft wish to work (on-request) or not to work (off-request) one shift on one day."""

    employee_id: str
    day: int
    shift_id: str
    weight: int


@dataclass(frozen=True, slots=True)
class CoverRequirement:
    day: int
    shift_id: str
    requirement: int
    weight_under: int  # penalty for each person short
    weight_over: int  # penalty for each person too many


@dataclass(frozen=True, slots=True)
class Instance:
    name: str
    horizon_days: int
    shift_types: tuple[ShiftType, ...]
    employees: tuple[Employee, ...]
    fixed_days_off: dict[str, frozenset[int]]
    shift_on_requests: tuple[ShiftRequest, ...]
    shift_off_requests: tuple[ShiftRequest, ...]
    cover: tuple[CoverRequirement, ...]
    shift_by_id: dict[str, ShiftType] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(
            self, "shift_by_id", {shift.shift_id: shift for shift in self.shift_types}
        )

    @property
    def shift_ids(self) -> tuple[str, ...]:
        return tuple(shift.shift_id for shift in self.shift_types)

    @property
    def employee_ids(self) -> tuple[str, ...]:
        return tuple(employee.employee_id for employee in self.employees)

    @property
    def weekend_count(self) -> int:
        return self.horizon_days // DAYS_PER_WEEK

    def max_shifts_of(self, employee: Employee, shift_id: str) -> int:
        """Return the limit on days with `shift_id` for `employee` (the horizon if unlisted)."""
        return employee.max_shifts.get(shift_id, self.horizon_days)


@dataclass(frozen=True, slots=True)
class _Line:
    number: int
    text: str

    def fields(self) -> list[str]:
        return self.text.split(",")


class _Reader:
    """Turn the sections of one file into values, raising with the file and line on error."""

    def __init__(self, path: Path, sections: dict[str, list[_Line]]) -> None:
        self.path = path
        self.sections = sections
        self.horizon_days = 0
        self.shift_ids: set[str] = set()
        self.employee_ids: set[str] = set()

    def fail(self, line: _Line, problem: str) -> InstanceFormatError:
        return InstanceFormatError(f"{self.path}:{line.number}: {problem}: {line.text!r}")

    def integer(self, line: _Line, text: str, what: str, minimum: int = 0) -> int:
        try:
            value = int(text)
        except ValueError:
            raise self.fail(line, f"{what} {text!r} is not an integer") from None
        if value < minimum:
            raise self.fail(line, f"{what} {value} is below {minimum}")
        return value

    def fields(self, line: _Line, count: int, layout: str) -> list[str]:
        fields = line.fields()
        if len(fields) != count:
            raise self.fail(line, f"expected {count} comma-separated fields ({layout})")
        return fields

    def day(self, line: _Line, text: str) -> int:
        day = self.integer(line, text, "day")
        if day >= self.horizon_days:
            raise self.fail(line, f"day {day} is outside the horizon 0..{self.horizon_days - 1}")
        return day

    def known_shift(self, line: _Line, shift_id: str) -> str:
        if shift_id not in self.shift_ids:
            raise self.fail(line, f"unknown shift ID {shift_id!r}")
        return shift_id

    def known_employee(self, line: _Line, employee_id: str) -> str:
        if employee_id not in self.employee_ids:
            raise self.fail(line, f"unknown employee ID {employee_id!r}")
        return employee_id

    def read(self) -> Instance:
        self.horizon_days = self.read_horizon()
        shift_types = self.read_shift_types()
        employees = self.read_employees()
        return Instance(
            name=self.path.stem,
            horizon_days=self.horizon_days,
            shift_types=shift_types,
            employees=employees,
            fixed_days_off=self.read_fixed_days_off(),
            shift_on_requests=self.read_requests("SECTION_SHIFT_ON_REQUESTS"),
            shift_off_requests=self.read_requests("SECTION_SHIFT_OFF_REQUESTS"),
            cover=self.read_cover(),
        )

    def read_horizon(self) -> int:
        lines = self.sections["SECTION_HORIZON"]
        if len(lines) != 1:
            raise InstanceFormatError(f"{self.path}: SECTION_HORIZON must hold exactly one line")
        return self.integer(lines[0], lines[0].text, "horizon", minimum=1)

    def read_shift_types(self) -> tuple[ShiftType, ...]:
        lines = self.sections["SECTION_SHIFTS"]
        layout = "ShiftID,LengthMinutes,CannotFollow"
        rows = [self.fields(line, 3, layout) for line in lines]
        for line, (shift_id, _, _) in zip(lines, rows, strict=True):
            if not shift_id or shift_id in self.shift_ids:
                raise self.fail(line, f"empty or repeated shift ID {shift_id!r}")
            self.shift_ids.add(shift_id)
        if not self.shift_ids:
            raise InstanceFormatError(f"{self.path}: SECTION_SHIFTS defines no shift type")
        # CannotFollow may name shifts defined further down, so it is read in a second pass.
        return tuple(
            ShiftType(
                shift_id=shift_id,
                length_minutes=self.integer(line, length, "shift length", minimum=1),
                cannot_follow=frozenset(
                    self.known_shift(line, banned) for banned in cannot_follow.split("|") if banned
                ),
            )
            for line, (shift_id, length, cannot_follow) in zip(lines, rows, strict=True)
        )

    def read_employees(self) -> tuple[Employee, ...]:
        employees = tuple(self.read_employee(line) for line in self.sections["SECTION_STAFF"])
        if not employees:
            raise InstanceFormatError(f"{self.path}: SECTION_STAFF defines no employee")
        return employees

    def read_employee(self, line: _Line) -> Employee:
        layout = (
            "EmployeeID,MaxShifts,MaxTotalMinutes,MinTotalMinutes,MaxConsecutiveShifts,"
            "MinConsecutiveShifts,MinConsecutiveDaysOff,MaxWeekends"
        )
        employee_id, max_shifts, *numbers = self.fields(line, 8, layout)
        if not employee_id or employee_id in self.employee_ids:
            raise self.fail(line, f"empty or repeated employee ID {employee_id!r}")
        self.employee_ids.add(employee_id)
        names = (
            "MaxTotalMinutes",
            "MinTotalMinutes",
            "MaxConsecutiveShifts",
            "MinConsecutiveShifts",
            "MinConsecutiveDaysOff",
            "MaxWeekends",
        )
        values = [self.integer(line, text, name) for text, name in zip(numbers, names, strict=True)]
        return Employee(employee_id, self.read_max_shifts(line, max_shifts), *values)

    def read_max_shifts(self, line: _Line, text: str) -> dict[str, int]:
        limits: dict[str, int] = {}
        for pair in filter(None, text.split("|")):
            shift_id, equals, limit = pair.partition("=")
            if not equals:
                raise self.fail(line, f"MaxShifts entry {pair!r} is not ShiftID=N")
            limits[self.known_shift(line, shift_id)] = self.integer(line, limit, "MaxShifts")
        return limits

    def read_fixed_days_off(self) -> dict[str, frozenset[int]]:
        days_off: dict[str, set[int]] = {}
        for line in self.sections["SECTION_DAYS_OFF"]:
            employee_id, *days = line.fields()
            self.known_employee(line, employee_id)
            days_off.setdefault(employee_id, set()).update(
                self.day(line, day) for day in days if day
            )
        return {employee_id: frozenset(days) for employee_id, days in days_off.items()}

    def read_requests(self, section: str) -> tuple[ShiftRequest, ...]:
        requests = []
        for line in self.sections[section]:
            employee_id, day, shift_id, weight = self.fields(
                line, 4, "EmployeeID,Day,ShiftID,Weight"
            )
            requests.append(
                ShiftRequest(
                    employee_id=self.known_employee(line, employee_id),
                    day=self.day(line, day),
                    shift_id=self.known_shift(line, shift_id),
                    weight=self.integer(line, weight, "weight"),
                )
            )
        return tuple(requests)

    def read_cover(self) -> tuple[CoverRequirement, ...]:
        cover: dict[tuple[int, str], CoverRequirement] = {}
        layout = "Day,ShiftID,Requirement,WeightUnder,WeightOver"
        for line in self.sections["SECTION_COVER"]:
            day, shift_id, requirement, weight_under, weight_over = self.fields(line, 5, layout)
            entry = CoverRequirement(
                day=self.day(line, day),
                shift_id=self.known_shift(line, shift_id),
                requirement=self.integer(line, requirement, "requirement"),
                weight_under=self.integer(line, weight_under, "under weight"),
                weight_over=self.integer(line, weight_over, "over weight"),
            )
            if (entry.day, entry.shift_id) in cover:
                raise self.fail(line, f"second cover line for day {entry.day}, {entry.shift_id}")
            cover[entry.day, entry.shift_id] = entry
        return tuple(cover.values())


def _meaningful_lines(text: str) -> Iterator[_Line]:
    for number, raw in enumerate(text.split("\n"), start=1):
        stripped = raw.rstrip("\r").strip()
        if stripped and not stripped.startswith("#"):
            yield _Line(number, stripped)


def _split_sections(path: Path, text: str) -> dict[str, list[_Line]]:
    sections: dict[str, list[_Line]] = {}
    current: list[_Line] | None = None
    for line in _meaningful_lines(text):
        if line.text.startswith("SECTION_"):
            expected = SECTION_NAMES[len(sections)] if len(sections) < len(SECTION_NAMES) else None
            if line.text != expected:
                raise InstanceFormatError(
                    f"{path}:{line.number}: expected section {expected}, found {line.text!r}"
                )
            current = sections[line.text] = []
        elif current is None:
            raise InstanceFormatError(f"{path}:{line.number}: data before SECTION_HORIZON")
        else:
            current.append(line)
    missing = [name for name in SECTION_NAMES if name not in sections]
    if missing:
        raise InstanceFormatError(f"{path}: missing section {missing[0]}")
    return sections


def read_instance(path: str | Path) -> Instance:
    """Read and check an instance file; raise `InstanceFormatError` naming the first problem."""
    path = Path(path)
    try:
        text = path.read_text(encoding="ascii")
    except FileNotFoundError:
        raise InstanceFormatError(f"instance file not found: {path}") from None
    except (OSError, UnicodeDecodeError) as error:
        raise InstanceFormatError(f"cannot read instance file {path}: {error}") from None
    return _Reader(path, _split_sections(path, text)).read()
