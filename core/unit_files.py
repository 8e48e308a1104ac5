"""Reading a unit's shift types and staffing plan from CSV files, every line checked.

Shift types, one a line (`kode;navn;type;start;slutt`):

    kode;navn;type;start;slutt
    D;Dagvakt;dag;07:30;15:00
    N;Nattevakt;natt;21:45;07:45

Staffing plan, one a line (`dag;vakt;minimum;ønsket;kompetanse`); `dag` is a
weekday (man … søn), `hverdag`, `helg`, `helligdag` or `alle`; `kompetanse`
lists minimums such as `sykepleier=2, medisinansvar=1`:

    dag;vakt;minimum;ønsket;kompetanse
    hverdag;D;6;7;sykepleier=2, medisinansvar=1
    helg;D;4;5;sykepleier=1

Like the HR import, a file with one bad line is refused whole.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re

from core.commands import ShiftKind
from core.i18n import N_
from core.imports import ImportFailed, RowError, decode, missing_columns_error
from core.units import DayType, ShiftType, StaffingDemand, StaffingPlan

SHIFT_COLUMNS = ("kode", "navn", "type", "start", "slutt")
STAFFING_COLUMNS = ("dag", "vakt", "minimum", "ønsket", "kompetanse")

SHIFT_KIND_WORDS = {
    "dag": ShiftKind.DAY,
    "d": ShiftKind.DAY,
    "aften": ShiftKind.EVENING,
    "kveld": ShiftKind.EVENING,
    "a": ShiftKind.EVENING,
    "natt": ShiftKind.NIGHT,
    "n": ShiftKind.NIGHT,
    "langvakt": ShiftKind.LONG_DAY,
    "lang": ShiftKind.LONG_DAY,
    "l": ShiftKind.LONG_DAY,
}
WEEKDAYS = (DayType.MONDAY, DayType.TUESDAY, DayType.WEDNESDAY, DayType.THURSDAY, DayType.FRIDAY)
DAY_WORDS: dict[str, tuple[DayType, ...]] = {
    "man": (DayType.MONDAY,),
    "tir": (DayType.TUESDAY,),
    "ons": (DayType.WEDNESDAY,),
    "tor": (DayType.THURSDAY,),
    "fre": (DayType.FRIDAY,),
    "lør": (DayType.SATURDAY,),
    "søn": (DayType.SUNDAY,),
    "helligdag": (DayType.PUBLIC_HOLIDAY,),
    "hverdag": WEEKDAYS,
    "helg": (DayType.SATURDAY, DayType.SUNDAY),
    "alle": tuple(DayType),
}
CODE_PATTERN = re.compile(r"^[A-ZÆØÅ0-9]{1,4}$")
COMPETENCE_PATTERN = re.compile(r"^\s*([^=\s][^=]*?)\s*=\s*(\d+)\s*$")

# The shift types a new unit gets when no file is given: a common D/A/N day.
STANDARD_SHIFT_TYPES = (
    ShiftType("D", "Dagvakt", ShiftKind.DAY, dt.time(7, 30), dt.time(15, 0)),
    ShiftType("A", "Aftenvakt", ShiftKind.EVENING, dt.time(14, 30), dt.time(22, 0)),
    ShiftType("N", "Nattevakt", ShiftKind.NIGHT, dt.time(21, 45), dt.time(7, 45)),
)


def _rows(content: bytes, columns: tuple[str, ...]) -> list[tuple[int, dict[str, str]]]:
    """Return the file's rows by line number, or raise ImportFailed for a bad header."""
    text = decode(content)
    if not text.strip():
        raise ImportFailed([RowError(1, N_("the file is empty."))])
    first_line = text.splitlines()[0]
    delimiter = ";" if first_line.count(";") >= first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    header = [name.strip().lower() for name in next(reader)]
    missing = [column for column in columns if column not in header]
    if missing:
        raise ImportFailed([missing_columns_error(missing, ";".join(columns))])
    rows = []
    for cells in reader:
        if not any(cell.strip() for cell in cells):
            continue
        if len(cells) != len(header):
            rows.append((reader.line_num, {"": ""}))
            continue
        rows.append(
            (
                reader.line_num,
                {name: cell.strip() for name, cell in zip(header, cells, strict=True)},
            )
        )
    return rows


def _field_count_error(line: int) -> RowError:
    return RowError(line, N_("the line has another number of fields than the header."))


def read_shift_types(content: bytes) -> list[ShiftType]:
    """Return the shift types of a CSV file, or raise ImportFailed naming every bad line."""
    shift_types, errors = [], []
    first_lines: dict[str, int] = {}
    for line, row in _rows(content, SHIFT_COLUMNS):
        if "" in row:
            errors.append(_field_count_error(line))
            continue
        shift_type, row_errors = _shift_type(line, row)
        errors.extend(row_errors)
        if shift_type is not None:
            errors.extend(_repeated_code_errors(line, shift_type.code, first_lines))
            shift_types.append(shift_type)
    if not shift_types and not errors:
        errors.append(RowError(2, N_("the file has no shift types under the header.")))
    if errors:
        raise ImportFailed(errors)
    return shift_types


def _repeated_code_errors(line: int, code: str, first_lines: dict[str, int]) -> list[RowError]:
    """Return the error of a code given on an earlier line, else note the code's first line."""
    if code not in first_lines:
        first_lines[code] = line
        return []
    return [
        RowError(
            line,
            N_(
                "kode «%(value)s» is listed twice (also on line %(other)s). Give each shift "
                "type its own code, for example %(value)s2."
            ),
            (("value", code), ("other", str(first_lines[code]))),
        )
    ]


def _shift_type(line: int, row: dict[str, str]) -> tuple[ShiftType | None, list[RowError]]:
    errors = []
    code = row["kode"].upper()
    if not CODE_PATTERN.match(code):
        errors.append(
            RowError(
                line,
                N_("kode «%(value)s» must be one to four letters or digits, for example D."),
                (("value", row["kode"]),),
            )
        )
    kind = SHIFT_KIND_WORDS.get(row["type"].lower())
    if kind is None:
        errors.append(
            RowError(
                line,
                N_("type «%(value)s» must be dag, aften, natt or langvakt."),
                (("value", row["type"]),),
            )
        )
    start = _clock(line, "start", row["start"], errors)
    end = _clock(line, "slutt", row["slutt"], errors)
    if errors or kind is None or start is None or end is None:
        return None, errors
    if start == end:
        return None, [RowError(line, N_("start and slutt must differ."))]
    return ShiftType(code, row["navn"] or code, kind, start, end), []


def _clock(line: int, column: str, value: str, errors: list[RowError]) -> dt.time | None:
    try:
        return dt.time.fromisoformat(value.replace(".", ":"))
    except ValueError:
        errors.append(
            RowError(
                line,
                N_("%(column)s «%(value)s» is not a time like 07:30."),
                (("column", column), ("value", value)),
            )
        )
        return None


def read_staffing(content: bytes, shift_codes: set[str]) -> StaffingPlan:
    """Return the staffing plan of a CSV file, or raise ImportFailed naming every bad line."""
    demands, errors = [], []
    seen: dict[tuple[DayType, str], int] = {}
    for line, row in _rows(content, STAFFING_COLUMNS):
        if "" in row:
            errors.append(_field_count_error(line))
            continue
        row_demands, row_errors = _demands(line, row, shift_codes)
        errors.extend(row_errors)
        errors.extend(_repeated_demand_errors(line, row_demands, seen))
        demands.extend(row_demands)
    if not demands and not errors:
        errors.append(RowError(2, N_("the file has no staffing lines under the header.")))
    if errors:
        raise ImportFailed(errors)
    return StaffingPlan(tuple(demands))


def _repeated_demand_errors(
    line: int, demands: list[StaffingDemand], first_lines: dict[tuple[DayType, str], int]
) -> list[RowError]:
    """Return one error per earlier line that gives a shift on the same days as this line.

    Days seen for the first time are noted in `first_lines`.
    """
    repeated: dict[tuple[int, str], list[DayType]] = {}
    for demand in demands:
        key = (demand.day_type, demand.shift_code)
        if key in first_lines:
            repeated.setdefault((first_lines[key], demand.shift_code), []).append(demand.day_type)
        else:
            first_lines[key] = line
    return [
        RowError(
            line,
            N_(
                "%(shift)s on %(day)s is already given on line %(other)s. Give each day "
                "and shift on one line only."
            ),
            (("shift", shift_code), ("other", str(other_line))),
            day_params=(("day", tuple(day_types)),),
        )
        for (other_line, shift_code), day_types in repeated.items()
    ]


def _demands(
    line: int, row: dict[str, str], shift_codes: set[str]
) -> tuple[list[StaffingDemand], list[RowError]]:
    errors: list[RowError] = []
    day_types = DAY_WORDS.get(row["dag"].lower())
    if day_types is None:
        errors.append(
            RowError(
                line,
                N_("dag «%(value)s» must be man … søn, hverdag, helg, helligdag or alle."),
                (("value", row["dag"]),),
            )
        )
    code = row["vakt"].upper()
    if code not in shift_codes:
        errors.append(
            RowError(
                line,
                N_("vakt «%(value)s» is not one of the unit's shift codes %(codes)s."),
                (("value", row["vakt"]), ("codes", ", ".join(sorted(shift_codes)))),
            )
        )
    minimum = _count(line, "minimum", row["minimum"], errors)
    wanted = _count(line, "ønsket", row["ønsket"], errors)
    competences = _competences(line, row["kompetanse"], errors)
    if minimum is not None and wanted is not None and wanted < minimum:
        errors.append(RowError(line, N_("ønsket must be at least the minimum.")))
    if errors or day_types is None or minimum is None or wanted is None:
        return [], errors
    return [
        StaffingDemand(day_type, code, minimum, wanted, competences) for day_type in day_types
    ], []


def _count(line: int, column: str, value: str, errors: list[RowError]) -> int | None:
    if not value.isdigit() or int(value) > 100:
        errors.append(
            RowError(
                line,
                N_("%(column)s «%(value)s» must be a whole number from 0 to 100."),
                (("column", column), ("value", value)),
            )
        )
        return None
    return int(value)


def _competences(line: int, value: str, errors: list[RowError]) -> tuple[tuple[str, int], ...]:
    minimums = []
    for part in re.split(r"[,;]", value):
        if not part.strip():
            continue
        match = COMPETENCE_PATTERN.match(part)
        if match is None:
            errors.append(
                RowError(
                    line,
                    N_("kompetanse «%(value)s» must look like sykepleier=1."),
                    (("value", part.strip()),),
                )
            )
            continue
        minimums.append((match.group(1).lower(), int(match.group(2))))
    return tuple(minimums)


def standard_staffing(shift_types: list[ShiftType]) -> StaffingPlan:
    """Return one person on every shift every day: a safe start until a real plan is set."""
    return StaffingPlan(
        tuple(
            StaffingDemand(day_type, shift_type.code, 1, 1)
            for day_type in DayType
            for shift_type in shift_types
        )
    )
