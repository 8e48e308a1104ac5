"""The roster CSV format: writing, reading back, and line-numbered errors for bad rows."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest

from core.commands import DateRange, ShiftKind
from core.compliance import (
    ComplianceContext,
    EmployeeFacts,
    PlannedShift,
    ViolationRule,
    check_roster,
    summarise,
)
from core.roster_csv import (
    RosterCsvError,
    RosterCsvProblem,
    detect_delimiter,
    read_roster_csv,
    read_roster_rows,
    write_roster_csv,
)
from core.rules import RuleSettings
from core.units import ShiftType, StaffingPlan

HEADER = "employee,date,shift_code,start,end\n"
ASE = "Åse Sæther"
BJORN = "Bjørn Ødegård"


def shift(employee: str, start: str, end: str, code: str) -> PlannedShift:
    start_time = dt.datetime.fromisoformat(start)
    return PlannedShift(
        employee, start_time.date(), code, start_time, dt.datetime.fromisoformat(end)
    )


NIGHT = shift(ASE, "2027-01-08T22:00", "2027-01-09T07:30", "N")
DAY = shift(BJORN, "2027-01-08T07:00", "2027-01-08T15:00", "D")
SUMMER_DAY = shift(ASE, "2027-06-14T07:00", "2027-06-14T15:00", "D")
SPRING_NIGHT = shift(BJORN, "2027-03-27T22:00", "2027-03-28T07:30", "N")

EXPECTED_TEXT = (
    HEADER
    + "Bjørn Ødegård,2027-01-08,D,2027-01-08T07:00:00+01:00,2027-01-08T15:00:00+01:00\n"
    + "Åse Sæther,2027-01-08,N,2027-01-08T22:00:00+01:00,2027-01-09T07:30:00+01:00\n"
    + "Bjørn Ødegård,2027-03-27,N,2027-03-27T22:00:00+01:00,2027-03-28T07:30:00+02:00\n"
    + "Åse Sæther,2027-06-14,D,2027-06-14T07:00:00+02:00,2027-06-14T15:00:00+02:00\n"
)


def test_write_sorts_by_date_start_employee() -> None:
    """Rows come out sorted, with Oslo offsets, a night ending the next day, and DST respected."""
    output = io.StringIO()

    write_roster_csv([SUMMER_DAY, NIGHT, SPRING_NIGHT, DAY], output)

    assert output.getvalue() == EXPECTED_TEXT


def test_read_returns_naive_oslo_times() -> None:
    """Reading gives back naive wall-clock times in file order."""
    actual = read_roster_csv(io.StringIO(EXPECTED_TEXT))

    assert actual == [DAY, NIGHT, SPRING_NIGHT, SUMMER_DAY]


def test_round_trip_through_file(tmp_path: Path) -> None:
    """A roster written to a path reads back the same, names with æøå intact."""
    path = tmp_path / "roster.csv"

    write_roster_csv([NIGHT, DAY], path)

    first_rows = "".join(EXPECTED_TEXT.splitlines(keepends=True)[:3])
    assert path.read_bytes().decode("utf-8") == first_rows
    assert read_roster_csv(path) == [DAY, NIGHT]
    assert read_roster_csv(str(path)) == [DAY, NIGHT]


def test_read_accepts_bom_and_column_order(tmp_path: Path) -> None:
    """A spreadsheet's byte-order mark and a different column order are fine."""
    path = tmp_path / "roster.csv"
    path.write_bytes(
        "\ufeffdate,employee,start,end,shift_code\n"
        "2027-01-08,Åse Sæther,2027-01-08T22:00:00+01:00,2027-01-09T07:30:00+01:00,N\n".encode()
    )

    assert read_roster_csv(path) == [NIGHT]


# The first rows of EXPECTED_TEXT as Excel in Norway saves them, with an empty row at the end.
EXCEL_ROWS = (
    ("employee", "date", "shift_code", "start", "end"),
    ("Bjørn Ødegård", "08.01.2027", "D", "2027-01-08T07:00:00+01:00", "2027-01-08T15:00:00+01:00"),
    ("Åse Sæther", "08.01.2027", "N", "2027-01-08T22:00:00+01:00", "2027-01-09T07:30:00+01:00"),
    ("", "", "", "", ""),
)


def excel_text(delimiter: str) -> str:
    return "".join(delimiter.join(row) + "\r\n" for row in EXCEL_ROWS)


@pytest.mark.parametrize(
    ("delimiter", "encoding"),
    [
        pytest.param(";", "cp1252", id="semicolon-windows-1252"),
        pytest.param(";", "utf-8-sig", id="semicolon-utf-8-bom"),
        pytest.param("\t", "utf-16", id="tab-utf-16"),
        pytest.param(",", "cp1252", id="comma-windows-1252"),
    ],
)
def test_read_accepts_what_norwegian_excel_saves(
    tmp_path: Path, delimiter: str, encoding: str
) -> None:
    """A roster saved by Excel in Norway reads like the exported file, skipping empty rows."""
    path = tmp_path / "roster.csv"
    path.write_bytes(excel_text(delimiter).encode(encoding))

    assert read_roster_csv(path) == [DAY, NIGHT]


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        pytest.param("employee,date,shift_code,start,end", ",", id="comma"),
        pytest.param("employee;date;shift_code;start;end", ";", id="semicolon"),
        pytest.param('"employee";"date";"shift_code";"start";"end"', ";", id="quoted-semicolon"),
        pytest.param("employee\tdate\tshift_code\tstart\tend", "\t", id="tab"),
        pytest.param("navn;dato, vakt", ",", id="no-known-column-ties-to-comma"),
    ],
)
def test_detect_delimiter(header: str, expected: str) -> None:
    """The delimiter is the one that splits the header into the known column names."""
    assert detect_delimiter(header + "\nÅse Sæther, Jr.;2027-01-08;N;a;b\n") == expected


def test_read_accepts_empty_roster() -> None:
    """A header without rows is an empty roster."""
    assert read_roster_csv(io.StringIO(HEADER)) == []


GOOD_ROW = "Åse Sæther,2027-01-08,N,2027-01-08T22:00:00+01:00,2027-01-09T07:30:00+01:00"


@pytest.mark.parametrize(
    ("row", "expected_problem", "expected_value"),
    [
        pytest.param(
            "Åse Sæther,2027-01-08,N,2027-01-08T22:00:00+01:00",
            "wrong_field_count",
            "4",
            id="too-few-fields",
        ),
        pytest.param(
            ",2027-01-08,N,2027-01-08T22:00:00+01:00,2027-01-09T07:30:00+01:00",
            "missing_value",
            "employee",
            id="empty-employee",
        ),
        pytest.param(
            "Åse Sæther,8. januar,N,2027-01-08T22:00:00+01:00,2027-01-09T07:30:00+01:00",
            "invalid_date",
            "8. januar",
            id="date-in-words",
        ),
        pytest.param(
            "Åse Sæther,31.02.2027,N,2027-01-08T22:00:00+01:00,2027-01-09T07:30:00+01:00",
            "invalid_date",
            "31.02.2027",
            id="norwegian-date-that-does-not-exist",
        ),
        pytest.param(
            "Åse Sæther,2027-01-08,N,kl 22,2027-01-09T07:30:00+01:00",
            "invalid_time",
            "kl 22",
            id="bad-time",
        ),
        pytest.param(
            "Åse Sæther,2027-01-08,N,2027-01-08T22:00:00,2027-01-09T07:30:00+01:00",
            "missing_offset",
            "2027-01-08T22:00:00",
            id="no-offset",
        ),
        pytest.param(
            "Åse Sæther,2027-01-08,N,2027-01-08T22:00:00+02:00,2027-01-09T07:30:00+01:00",
            "offset_not_oslo",
            "2027-01-08T22:00:00+02:00",
            id="summer-offset-in-winter",
        ),
        pytest.param(
            "Åse Sæther,2027-01-07,N,2027-01-08T22:00:00+01:00,2027-01-09T07:30:00+01:00",
            "start_not_on_date",
            "2027-01-08T22:00:00+01:00",
            id="start-on-other-day",
        ),
        pytest.param(
            "Åse Sæther,2027-01-08,N,2027-01-08T22:00:00+01:00,2027-01-08T07:30:00+01:00",
            "end_not_after_start",
            "2027-01-08T07:30:00+01:00",
            id="night-ending-same-day",
        ),
    ],
)
def test_bad_row_reported_by_line(row: str, expected_problem: str, expected_value: str) -> None:
    """A bad row is reported with its line number, problem and value, and nothing is returned."""
    text = HEADER + GOOD_ROW + "\n" + row + "\n"

    with pytest.raises(RosterCsvError) as raised:
        read_roster_csv(io.StringIO(text))

    assert raised.value.problems == [(3, RosterCsvProblem(expected_problem), expected_value)]


def test_every_bad_row_is_listed() -> None:
    """All bad rows of a file are reported together, each with its own line."""
    text = HEADER + "Åse Sæther,2027-01-08,N,,x\n" + GOOD_ROW + "\n" + "Bjørn Ødegård,i går,D,a,b\n"

    with pytest.raises(RosterCsvError) as raised:
        read_roster_csv(io.StringIO(text))

    assert raised.value.problems == [
        (2, RosterCsvProblem.MISSING_VALUE, "start"),
        (4, RosterCsvProblem.INVALID_DATE, "i går"),
        (4, RosterCsvProblem.INVALID_TIME, "a"),
        (4, RosterCsvProblem.INVALID_TIME, "b"),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("", [(1, "missing_header", "")], id="empty-file"),
        pytest.param(
            "employee,date,shift_code,start\n", [(1, "missing_column", "end")], id="missing-end"
        ),
        pytest.param(
            "navn,employee,date,shift_code,start,end\n",
            [(1, "unexpected_column", "navn")],
            id="extra-column",
        ),
        pytest.param(GOOD_ROW + "\n", [(1, "missing_header", "")], id="first-line-is-a-shift"),
    ],
)
def test_bad_header(text: str, expected: list[tuple[int, str, str]]) -> None:
    """A file without the five columns is rejected at line 1."""
    with pytest.raises(RosterCsvError) as raised:
        read_roster_csv(io.StringIO(text))

    assert raised.value.problems == expected


def test_bad_encoding_names_line(tmp_path: Path) -> None:
    """A file that is neither UTF-8 nor Windows-1252 is rejected at the first bad byte's line."""
    path = tmp_path / "roster.csv"
    path.write_bytes(
        (HEADER + GOOD_ROW.replace("Åse Sæther", "Ola") + "\n").encode()
        + b"\x81se S\xe6ther,x,N,a,b\n"
    )

    with pytest.raises(RosterCsvError) as raised:
        read_roster_csv(path)

    assert raised.value.problems == [(3, RosterCsvProblem.INVALID_ENCODING, "81")]


def test_binary_file_is_rejected(tmp_path: Path) -> None:
    """A file with NUL bytes is not CSV text, even though Windows-1252 decodes it."""
    path = tmp_path / "roster.csv"
    path.write_bytes(HEADER.encode() + b"\x7fELF\x02\x01\x00\x00\n")

    with pytest.raises(RosterCsvError) as raised:
        read_roster_csv(path)

    assert raised.value.problems == [(2, RosterCsvProblem.INVALID_ENCODING, "00")]


def test_read_rows_keeps_good_rows_beside_bad_ones() -> None:
    """Reading by rows returns each good row with its line number and each bad line's problem."""
    text = HEADER + "Åse Sæther,i går,N,a,b\n" + GOOD_ROW + "\n"

    rows = read_roster_rows(io.StringIO(text))

    assert rows.shifts == [(3, NIGHT)]
    assert rows.problems == [
        (2, RosterCsvProblem.INVALID_DATE, "i går"),
        (2, RosterCsvProblem.INVALID_TIME, "a"),
        (2, RosterCsvProblem.INVALID_TIME, "b"),
    ]


def test_malformed_quoting_is_reported() -> None:
    """Text after a closing quote is a CSV error, reported by line, not a traceback."""
    text = HEADER + GOOD_ROW + "\n" + '"Åse" Sæther,2027-01-08,N,a,b\n'

    with pytest.raises(RosterCsvError) as raised:
        read_roster_csv(io.StringIO(text))

    assert [(line, problem) for line, problem, _ in raised.value.problems] == [
        (3, RosterCsvProblem.MALFORMED_CSV)
    ]


def test_error_message_lists_lines() -> None:
    """The exception's text names each line, for logs; users see the rendered problems."""
    error = RosterCsvError([(4, RosterCsvProblem.INVALID_DATE, "i går")])

    assert str(error) == "invalid roster CSV: line 4: invalid_date 'i går'"


def test_read_roster_feeds_checker() -> None:
    """A roster read from CSV goes straight into the checker, which finds the quick return."""
    text = (
        HEADER
        + "Åse Sæther,2027-01-11,A,2027-01-11T15:00:00+01:00,2027-01-11T22:30:00+01:00\n"
        + "Åse Sæther,2027-01-12,D,2027-01-12T07:00:00+01:00,2027-01-12T15:00:00+01:00\n"
    )
    shift_types = {
        "A": ShiftType("A", "Aftenvakt", ShiftKind.EVENING, dt.time(15), dt.time(22, 30)),
        "D": ShiftType("D", "Dagvakt", ShiftKind.DAY, dt.time(7), dt.time(15)),
    }
    context = ComplianceContext(
        period=DateRange(dt.date(2027, 1, 11), dt.date(2027, 1, 17)),
        rules=RuleSettings(),
        employees={ASE: EmployeeFacts(ASE, 30)},
        shift_types=shift_types,
        staffing=StaffingPlan(()),
    )

    violations = check_roster(read_roster_csv(io.StringIO(text)), context)

    assert summarise(violations) == {ViolationRule.DAILY_REST: 1, ViolationRule.DAY_TOO_LONG: 1}
