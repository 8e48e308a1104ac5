"""The roster CSV format: one row per assignment, times in Europe/Oslo with their offset.

    employee,date,shift_code,start,end
    Åse Sæther,2027-01-08,N,2027-01-08T22:00:00+01:00,2027-01-09T07:30:00+01:00

`date` is the day the shift belongs to, the day it starts on, so a night shift
ends on the next day. Rows are sorted by date, start and employee. Files are
written as UTF-8 with "\\n" line endings and «,» between fields.

The reader also takes what Excel writes when such a file is saved in Norway:
«;» or a tab between fields, Windows-1252 or UTF-16 text, and dates like
11.01.2027. It collects every bad row before it raises, so a file is read whole
or not at all.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol, TextIO

from core.calendar import OSLO
from core.compliance import PlannedShift
from core.text_files import UndecodableText, decode_text_file

COLUMNS = ("employee", "date", "shift_code", "start", "end")
# The delimiters a header row is tried with; the first one wins a tie.
DELIMITERS = (",", ";", "\t")
# Excel in Norway saves a date cell as day.month.year.
NORWEGIAN_DATE_FORMAT = "%d.%m.%Y"

RosterCsvFile = TextIO | str | os.PathLike[str]


class CsvReader(Protocol):
    """The part of a `csv.reader` this module uses: its rows and the last line number read."""

    line_num: int

    def __iter__(self) -> Iterator[list[str]]: ...

    def __next__(self) -> list[str]: ...


class RosterCsvProblem(StrEnum):
    """The reason a line of a roster CSV file was rejected."""

    INVALID_ENCODING = "invalid_encoding"
    MALFORMED_CSV = "malformed_csv"
    MISSING_HEADER = "missing_header"
    NO_ROWS = "no_rows"
    MISSING_COLUMN = "missing_column"
    UNEXPECTED_COLUMN = "unexpected_column"
    WRONG_FIELD_COUNT = "wrong_field_count"
    MISSING_VALUE = "missing_value"
    INVALID_DATE = "invalid_date"
    INVALID_TIME = "invalid_time"
    MISSING_OFFSET = "missing_offset"
    OFFSET_NOT_OSLO = "offset_not_oslo"
    START_NOT_ON_DATE = "start_not_on_date"
    END_NOT_AFTER_START = "end_not_after_start"


RowProblem = tuple[int, RosterCsvProblem, str]


class RosterCsvError(ValueError):
    """A roster CSV file with bad lines; `problems` lists (line number, problem, value)."""

    def __init__(self, problems: list[RowProblem]) -> None:
        self.problems = problems
        listed = "; ".join(f"line {line}: {problem} {value!r}" for line, problem, value in problems)
        super().__init__(f"invalid roster CSV: {listed}")


def write_roster_csv(rows: Iterable[PlannedShift], file: RosterCsvFile) -> None:
    """Write the shifts as a roster CSV file, sorted by date, start and employee."""
    ordered = sorted(rows, key=lambda shift: (shift.day, shift.start, shift.employee_key))
    with _opened_for_writing(file) as stream:
        writer = csv.writer(stream, lineterminator="\n")
        writer.writerow(COLUMNS)
        for shift in ordered:
            writer.writerow(_csv_row(shift))


def _csv_row(shift: PlannedShift) -> list[str]:
    return [
        shift.employee_key,
        shift.day.isoformat(),
        shift.shift_code,
        _with_oslo_offset(shift.start),
        _with_oslo_offset(shift.end),
    ]


def _with_oslo_offset(local: dt.datetime) -> str:
    return local.replace(tzinfo=OSLO).isoformat(timespec="seconds")


@dataclass(frozen=True)
class RosterRows:
    """The readable rows of a roster file, each with its line number, and the bad lines."""

    shifts: list[tuple[int, PlannedShift]]
    problems: list[RowProblem]


def read_roster_csv(file: RosterCsvFile) -> list[PlannedShift]:
    """Return the shifts of a roster CSV file with naive Oslo wall-clock times.

    Raise RosterCsvError listing every bad line when any line is bad.
    """
    rows = read_roster_rows(file)
    if rows.problems:
        raise RosterCsvError(rows.problems)
    return [shift for _, shift in rows.shifts]


def read_roster_rows(file: RosterCsvFile) -> RosterRows:
    """Return every readable row with its line number, and a problem for every bad line.

    Raise RosterCsvError when no row can be read at all: the text cannot be
    decoded or the header lacks a column.
    """
    text = _read_text(file)
    delimiter = detect_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    problems: list[RowProblem] = []
    shifts: list[tuple[int, PlannedShift]] = []
    try:
        header = _read_header(reader)
        _read_rows(reader, header, shifts, problems)
    except csv.Error as error:
        problems.append((reader.line_num, RosterCsvProblem.MALFORMED_CSV, str(error)))
    return RosterRows(shifts, problems)


def detect_delimiter(text: str) -> str:
    """Return the delimiter that splits the header row into the most known column names.

    A tie, such as a header without any known name, goes to «,».
    """
    first_line = text.split("\n", 1)[0]

    def known_columns(delimiter: str) -> int:
        names = (name.strip().strip('"').strip() for name in first_line.split(delimiter))
        return sum(1 for name in names if name in COLUMNS)

    return max(DELIMITERS, key=known_columns)


def _read_header(reader: CsvReader) -> list[str]:
    """Return the column names, or raise RosterCsvError for a missing or wrong header."""
    first_line = next(reader, None)
    if first_line is None:
        raise RosterCsvError([(1, RosterCsvProblem.MISSING_HEADER, "")])
    header = [name.strip() for name in first_line]
    if not set(header) & set(COLUMNS) and _looks_like_row(header):
        raise RosterCsvError([(1, RosterCsvProblem.MISSING_HEADER, "")])
    missing = [(1, RosterCsvProblem.MISSING_COLUMN, name) for name in COLUMNS if name not in header]
    unexpected = [
        (1, RosterCsvProblem.UNEXPECTED_COLUMN, name) for name in header if name not in COLUMNS
    ]
    if missing or unexpected:
        raise RosterCsvError(missing + unexpected)
    return header


def _looks_like_row(fields: list[str]) -> bool:
    """Return whether a first line without column names has a date, as a shift's row does."""
    problems: list[RowProblem] = []
    return any(_parse_date(1, value, problems) is not None for value in fields)


def _read_rows(
    reader: CsvReader,
    header: list[str],
    shifts: list[tuple[int, PlannedShift]],
    problems: list[RowProblem],
) -> None:
    """Add each row after the header to `shifts` with its line, or its problems to `problems`."""
    for fields in reader:
        if not any(field.strip() for field in fields):
            continue
        row = dict(zip(header, fields, strict=False))
        shift = _parse_row(reader.line_num, len(fields), row, problems)
        if shift is not None:
            shifts.append((reader.line_num, shift))


def _read_text(file: RosterCsvFile) -> str:
    """Return the file's text: UTF-8 with or without a byte-order mark, UTF-16, or Windows-1252.

    UTF-16 is recognised by its byte-order mark. Raise RosterCsvError naming the
    line and the bytes that none of them can decode.
    """
    if not isinstance(file, str | os.PathLike):
        return file.read().removeprefix("\ufeff")
    with open(file, "rb") as stream:
        content = stream.read()
    try:
        return decode_text_file(content)
    except UndecodableText as error:
        raise RosterCsvError(
            [(error.line, RosterCsvProblem.INVALID_ENCODING, error.bad_bytes)]
        ) from None


def _parse_row(
    line: int, field_count: int, row: dict[str, str], problems: list[RowProblem]
) -> PlannedShift | None:
    """Return the row's shift, or None after adding the row's problems to `problems`."""
    found_before = len(problems)
    if field_count != len(COLUMNS):
        problems.append((line, RosterCsvProblem.WRONG_FIELD_COUNT, str(field_count)))
        return None
    for column in COLUMNS:
        if not row[column].strip():
            problems.append((line, RosterCsvProblem.MISSING_VALUE, column))
    if len(problems) > found_before:
        return None
    day = _parse_date(line, row["date"], problems)
    start = _parse_oslo_time(line, row["start"], problems)
    end = _parse_oslo_time(line, row["end"], problems)
    if day is None or start is None or end is None:
        return None
    return _checked_shift(line, row, day, start, end, problems)


def _checked_shift(
    line: int,
    row: dict[str, str],
    day: dt.date,
    start: dt.datetime,
    end: dt.datetime,
    problems: list[RowProblem],
) -> PlannedShift | None:
    if start.date() != day:
        problems.append((line, RosterCsvProblem.START_NOT_ON_DATE, row["start"]))
        return None
    if end <= start:
        problems.append((line, RosterCsvProblem.END_NOT_AFTER_START, row["end"]))
        return None
    return PlannedShift(row["employee"].strip(), day, row["shift_code"].strip(), start, end)


def _parse_date(line: int, value: str, problems: list[RowProblem]) -> dt.date | None:
    """Return an ISO date such as 2027-01-08, or a Norwegian one such as 08.01.2027."""
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        pass
    try:
        return dt.datetime.strptime(value.strip(), NORWEGIAN_DATE_FORMAT).date()
    except ValueError:
        problems.append((line, RosterCsvProblem.INVALID_DATE, value))
        return None


def _parse_oslo_time(line: int, value: str, problems: list[RowProblem]) -> dt.datetime | None:
    """Return the naive Oslo wall-clock time of an ISO 8601 time with Oslo's offset."""
    try:
        moment = dt.datetime.fromisoformat(value.strip())
    except ValueError:
        problems.append((line, RosterCsvProblem.INVALID_TIME, value))
        return None
    if moment.tzinfo is None:
        problems.append((line, RosterCsvProblem.MISSING_OFFSET, value))
        return None
    local = moment.astimezone(OSLO)
    if local.utcoffset() != moment.utcoffset():
        problems.append((line, RosterCsvProblem.OFFSET_NOT_OSLO, value))
        return None
    return local.replace(tzinfo=None)


@contextmanager
def _opened_for_writing(file: RosterCsvFile) -> Iterator[TextIO]:
    """Yield the caller's own text stream, or a UTF-8 file created at a path."""
    if not isinstance(file, str | os.PathLike):
        yield file
        return
    with open(file, "w", encoding="utf-8", newline="") as stream:
        yield stream
